// Registers the JSON Lines batch tools described in ../shared/eval/INTERFACES.md.
import type { Command } from 'commander';
import { registerNer } from './ner.js';
import { registerTimex } from './timex.js';
import { registerQuotes } from './quotes.js';
import { registerExtract } from './extract.js';
import { registerCluster } from './cluster.js';
import { registerTls } from './tls.js';

export function registerBatchTools(program: Command): void {
  registerNer(program);
  registerTimex(program);
  registerQuotes(program);
  registerExtract(program);
  registerCluster(program);
  registerTls(program);
}
