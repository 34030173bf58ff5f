import type { Command } from 'commander';
import { hintWhenStdinIsTerminal, runJsonlTool, requireString, optionalString } from '../batch.js';

/** `storyline timex`: {id, dct, text} → {id, timexes[{start, end, type, value}]}. */
export function registerTimex(program: Command): void {
  program
    .command('timex')
    .description('batch time expressions: {id,dct,text} JSON Lines on stdin → {id,timexes[]} on stdout')
    .action(async () => {
      hintWhenStdinIsTerminal('timex', 'JSON Lines {id,dct,text}');
      const [{ findTimexes }, { segment }] = await Promise.all([import('../../language/timex/index.js'), import('../../language/segment.js')]); // (loaded when the command runs)
      await runJsonlTool((v) => {
        const text = requireString(v, 'text');
        const dct = optionalString(v, 'dct')?.slice(0, 10) || null;
        if (dct !== null) {
          const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dct);
          const day = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : null;
          if (!m || !day || day.getUTCMonth() !== +m[2]! - 1 || day.getUTCDate() !== +m[3]!) {
            throw new Error(`field "dct": "${dct}" is not a real day (use YYYY-MM-DD, or leave "dct" out when the date is unknown)`);
          }
        }
        const timexes = findTimexes(text, { dct, sentences: segment(text) });
        return { timexes: timexes.map((t) => ({ start: t.start, end: t.end, type: t.type, value: t.value, ...(t.mod ? { mod: t.mod } : {}) })) };
      });
    });
}
