import type { Command } from 'commander';
import { runJsonlTool, requireString } from '../batch.js';
import { analyze } from '../../language/index.js';

/** `storyline quotes`: {id, text} → {id, quotes[{content, source, cue, speaker, direct}]}. */
export function registerQuotes(program: Command): void {
  program
    .command('quotes')
    .description('batch quotes: {id,text} JSON Lines on stdin → {id,quotes[]} on stdout')
    .action(async () => {
      await runJsonlTool((v) => {
        const text = requireString(v, 'text');
        const { quotes } = analyze(text, { dct: null });
        return {
          quotes: quotes.map((q) => ({ content: q.content, source: q.source, cue: q.cue, speaker: q.speaker, direct: q.direct, kind: q.kind })),
        };
      });
    });
}
