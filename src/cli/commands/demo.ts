// `storyline demo` (what `npm start` runs): ingests the bundled example corpus, prints the stories
// found, and serves them.
import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { addDbOption, openCommandStore } from '../store-option.js';
import { wholeNumber } from '../numbers.js';

export const EXAMPLE_CORPUS = fileURLToPath(new URL('../../../examples/seeds/seeds.jsonl', import.meta.url));

export function registerDemo(program: Command): void {
  addDbOption(program.command('demo').description('ingest the bundled example corpus (examples/seeds), print its stories and serve them'))
    .option('--no-serve', 'do not start the web server')
    .option('--port <n>', 'port for the web server (0 picks a free one)', wholeNumber('--port', { min: 0, max: 65535 }), 4173)
    .action(async (flags: { db?: string; serve: boolean; port: number }) => {
      // (loaded when the command runs: `storyline --help` does not load the pipeline and the server)
      const [{ readSources }, { ingestDocuments }, { printStoriesSummary, printStory }, { printIngestReport }, { startServer }] = await Promise.all([
        import('../../ingest/index.js'),
        import('../../pipeline.js'),
        import('./read.js'),
        import('./ingest.js'),
        import('../../serve/index.js'),
      ]);
      const store = openCommandStore(flags, 'write');
      process.stderr.write(`Ingesting the example corpus ${EXAMPLE_CORPUS} into ${store.path}…\n`);
      const report = await ingestDocuments(store, readSources([EXAMPLE_CORPUS]));
      printIngestReport(report);
      process.stdout.write('\nStories\n\n');
      printStoriesSummary(store);
      const total = store.listStories({ limit: 100_000 }).length;
      if (total > 20) process.stdout.write(`… and ${total - 20} more: storyline stories --offset 20\n`);
      const top = store.listStories({ limit: 1 })[0];
      if (top) {
        process.stdout.write('\n');
        printStory(store, top.id);
      }
      if (!flags.serve) {
        store.close();
        return;
      }
      const { url } = await startServer({ store, port: flags.port, host: '127.0.0.1' });
      process.stdout.write(`\nStoryline is serving these stories at ${url} (Ctrl-C to stop)\n`);
    });
}
