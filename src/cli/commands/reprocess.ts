import type { Command } from 'commander';
import { reprocessAll } from '../../pipeline.js';
import { addDbOption, withStore } from '../store-option.js';
import { createProgress } from '../output.js';

export function registerReprocess(program: Command): void {
  addDbOption(program.command('reprocess').description('re-run extraction, analysis, linking and stories over every stored article (after an upgrade)'))
    .option('--quiet', 'print nothing but errors')
    .action((flags: { db?: string; quiet?: boolean }) =>
      withStore(flags, 'read', (store) => {
        const progress = createProgress({ quiet: flags.quiet, unit: 'steps', total: store.countArticles() * 2 });
        const result = reprocessAll(store, { onProgress: () => progress.tick('reprocess', { stored: 0, duplicates: 0, failed: 0 }) });
        progress.stop();
        for (const e of result.errors) process.stderr.write(`${e.origin}: ${e.message}\n`);
        if (!flags.quiet) process.stderr.write(`reprocessed ${result.articles} articles into ${result.stories} stories\n`);
        if (result.errors.length) process.exitCode = 1;
      }),
    );
}
