#!/usr/bin/env node
// storyline: the command-line entry point. Each command lives in its own module under commands/.
import { Command } from 'commander';
import { registerBatchTools } from './commands/batch-tools.js';

const program = new Command();
program
  .name('storyline')
  .description('Turns news articles from many outlets into stories: deduplicated, clustered, dated timelines, quotes by speaker, search.')
  .version('0.1.0')
  .showHelpAfterError();

registerBatchTools(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`storyline: ${(e as Error).message}\n`);
  process.exit(1);
});
