#!/usr/bin/env node
// storyline: the command-line entry point. Each command lives in its own module under commands/.
import { Command } from 'commander';
import { registerBatchTools } from './commands/batch-tools.js';
import { registerIngest } from './commands/ingest.js';
import { registerRead } from './commands/read.js';
import { registerExport } from './commands/export.js';
import { registerReprocess } from './commands/reprocess.js';
import { registerDemo } from './commands/demo.js';
import { registerServe } from './commands/serve.js';

const program = new Command();
program
  .name('storyline')
  .description('Turns news articles from many outlets into stories: deduplicated, clustered, dated timelines, quotes by speaker, search.')
  .version('0.1.0')
  .showHelpAfterError();

registerIngest(program);
registerReprocess(program);
registerRead(program);
registerExport(program);
registerDemo(program);
registerServe(program);
registerBatchTools(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`storyline: ${(e as Error).message}\n`);
  process.exit(1);
});
