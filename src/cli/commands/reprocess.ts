import type { Command } from 'commander';
import type cliProgressModule from 'cli-progress';
import type { ReprocessProgress } from '../../pipeline.js';
import { addDbOption, withStore } from '../store-option.js';

/** What reprocess is doing, in its own words: articles re-analysed, re-linked, then stories built. */
export function reprocessProgressLine(p: ReprocessProgress): string {
  const failed = p.failed ? `, ${p.failed} failed` : '';
  if (p.phase === 'analyse') return `pass 1 of 3: ${p.analysed}/${p.articles} articles re-analysed${failed}`;
  if (p.phase === 'link') return `pass 2 of 3: ${p.linked}/${p.analysed} articles re-linked into stories${failed}`;
  return `pass 3 of 3: building story ${p.built} of ${p.stories} (timeline, claims, summary)${failed}`;
}

/** A pass's own count and total, so that each pass's bar runs from 0 to 100 %. */
function passProgress(p: ReprocessProgress): { done: number; total: number } {
  if (p.phase === 'analyse') return { done: p.analysed + p.failed, total: p.articles };
  if (p.phase === 'link') return { done: p.linked, total: p.analysed };
  return { done: p.built, total: p.stories };
}

function createReprocessProgress(quiet: boolean | undefined, cliProgress: typeof cliProgressModule): { tick(p: ReprocessProgress): void; stop(): void } {
  if (quiet) return { tick() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ stream: process.stderr, format: ' {bar} {percentage}% | {line}', hideCursor: true }, cliProgress.Presets.shades_classic);
    let phase: ReprocessProgress['phase'] | null = null;
    return {
      tick(p) {
        const { done, total } = passProgress(p);
        if (p.phase !== phase) {
          if (phase) bar.stop();
          bar.start(Math.max(1, total), 0, { line: '' });
          phase = p.phase;
        }
        bar.update(done, { line: reprocessProgressLine(p) });
      },
      stop: () => phase && bar.stop(),
    };
  }
  // A line every two seconds, and the last one of each pass.
  let lastLog = Date.now();
  let lastPhase: ReprocessProgress['phase'] = 'analyse';
  return {
    tick(p) {
      const now = Date.now();
      const { done, total } = passProgress(p);
      if (now - lastLog > 2000 || done === total || p.phase !== lastPhase) {
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
    .action(async (flags: { db?: string; quiet?: boolean }) => {
      // (loaded when the command runs: `storyline --help` does not load the pipeline)
      const [{ reprocessAll }, { default: cliProgress }] = await Promise.all([import('../../pipeline.js'), import('cli-progress')]);
      return withStore(flags, 'read', (store) => {
        const progress = createReprocessProgress(flags.quiet, cliProgress);
        const result = reprocessAll(store, { onProgress: (_done, _total, p) => progress.tick(p) });
        progress.stop();
        for (const e of result.errors) process.stderr.write(`${e.origin}: ${e.message}\n`);
        if (!flags.quiet) {
          process.stderr.write(`reprocessed ${result.articles} articles into ${result.stories} stories\n`);
          const moved = result.redirectedStoryIds.length;
          if (moved) process.stderr.write(`${moved} earlier story ID${moved === 1 ? ' now leads' : 's now lead'} to the story holding most of ${moved === 1 ? 'its' : 'their'} articles (recorded as merged into it)\n`);
        }
        if (result.errors.length) process.exitCode = 1;
      });
    });
}
