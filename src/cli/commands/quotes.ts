import type { Command } from 'commander';
import { hintWhenStdinIsTerminal, runJsonlTool, requireString } from '../batch.js';
import { DEFAULT_QUOTES_LIMIT, listStoredQuotes } from './quotes-list.js';
import { limitOption, offsetOption } from '../numbers.js';

/**
 * `storyline quotes`: the batch tool, {id, text} JSON Lines → {id, quotes[{content, source, cue,
 * speaker, direct, kind}]}; with --speaker / --story / --db it lists stored quotes instead.
 */
export function registerQuotes(program: Command): void {
  program
    .command('quotes')
    .description(
      'quotes by speaker: with --speaker NAME and/or --story ID, list stored statements; ' +
        'otherwise a batch tool: {id,text} JSON Lines on stdin → {id,quotes[]} on stdout',
    )
    .option('--speaker <name>', 'list stored quotes by this speaker (canonical name or alias)')
    .option('--story <id>', 'list stored quotes of this story')
    .option('--db <path>', 'the Storyline database (listing mode)')
    .option('--json', 'listing mode: print JSON')
    .option('--limit <n>', `listing mode: at most this many quotes (default ${DEFAULT_QUOTES_LIMIT}; a note on stderr says when there are more)`, limitOption)
    .option('--offset <n>', 'listing mode: skip this many quotes, oldest first (default 0)', offsetOption)
    .action(async (flags: { speaker?: string; story?: string; db?: string; json?: boolean; limit?: number; offset?: number }) => {
      if (flags.speaker !== undefined || flags.story !== undefined || flags.db !== undefined || flags.limit !== undefined || flags.offset !== undefined) {
        await listStoredQuotes(flags);
        return;
      }
      hintWhenStdinIsTerminal('quotes', 'JSON Lines {id,text}', 'for stored quotes use --speaker NAME or --story ID');
      const { analyze } = await import('../../language/index.js'); // (loaded when the command runs)
      await runJsonlTool((v) => {
        const text = requireString(v, 'text');
        const { quotes } = analyze(text, { dct: null });
        return {
          quotes: quotes.map((q) => ({
            content: q.content,
            source: q.source,
            cue: q.cue,
            speaker: q.speaker,
            direct: q.direct,
            kind: q.kind,
          })),
        };
      });
    });
}
