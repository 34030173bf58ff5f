import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { reprocessAll, type ReprocessProgress } from '../../pipeline.js';
import { addDbOption, withStore } from '../store-option.js';

/** What reprocess is doing, in its own words: articles re-analysed, then re-linked into stories. */
export function reprocessProgressLine(p: ReprocessProgress): string {
  const failed = p.failed ? `, ${p.failed} failed` : '';
  if (p.phase === 'analyse') return `${p.analysed}/${p.articles} articles re-analysed${failed}`;
  return `${p.analysed} articles re-analysed${failed}; ${p.linked}/${p.analysed} re-linked into stories`;
}

function createReprocessProgress(quiet: boolean | undefined): { tick(done: number, total: number, p: ReprocessProgress): void; stop(): void } {
  if (quiet) return { tick() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ stream: process.stderr, format: ' {bar} {percentage}% | {line}', hideCursor: true }, cliProgress.Presets.shades_classic);
    let started = false;
    return {
      tick(done, total, p) {
        if (!started) bar.start(total, 0, { line: '' });
        started = true;
        bar.update(done, { line: reprocessProgressLine(p) });
      },
      stop: () => started && bar.stop(),
    };
  }
  // A line every two seconds, and the last one of each pass.
  let lastLog = Date.now();
  let lastPhase: ReprocessProgress['phase'] = 'analyse';
  return {
    tick(_done, _total, p) {
      const now = Date.now();
      const passEnded = p.phase === 'analyse' ? p.analysed + p.failed === p.articles : p.linked === p.analysed;
      if (now - lastLog > 2000 || passEnded || p.phase !== lastPhase) {
        lastLog = now;
        lastPhase = p.phase;
        process.stderr.write(`reprocess: ${reprocessProgressLine(p)}\n`);
      }
    },
    stop() {},
  };
}

export function registerReprocess(program: Command): void {
  addDbOption(program.command('reprocess').description('re-run extraction, analysis, linking and stories over every stored article (after an upgrade)'))
    .option('--quiet', 'print nothing but errors')
    .action((flags: { db?: string; quiet?: boolean }) =>
      withStore(flags, 'read', (store) => {
        const progress = createReprocessProgress(flags.quiet);
        const result = reprocessAll(store, { onProgress: (done, total, p) => progress.tick(done, total, p) });
        progress.stop();
        for (const e of result.errors) process.stderr.write(`${e.origin}: ${e.message}\n`);
        if (!flags.quiet) {
          process.stderr.write(`reprocessed ${result.articles} articles into ${result.stories} stories\n`);
          const moved = result.redirectedStoryIds.length;
          if (moved) process.stderr.write(`${moved} earlier story ID${moved === 1 ? ' now leads' : 's now lead'} to the story holding most of ${moved === 1 ? 'its' : 'their'} articles (recorded as merged into it)\n`);
        }
        if (result.errors.length) process.exitCode = 1;
      }),
    );
}
