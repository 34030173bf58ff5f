import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { tagSentences } from '../../language/ner/index.js';

/** `storyline ner --format conll`: CoNLL in, the same lines plus a predicted IOB2 column out. */
export function registerNer(program: Command): void {
  program
    .command('ner')
    .description('batch NER: CoNLL-2003 lines on stdin, each line plus a predicted IOB2 tag column on stdout')
    .option('--format <format>', 'input/output format (conll)', 'conll')
    .action(async (opts: { format: string }) => {
      if (opts.format !== 'conll') throw new Error(`unknown --format "${opts.format}": use conll`);
      const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
      let sentence: string[] = [];
      const out: string[] = [];
      const flush = () => {
        if (sentence.length === 0) return;
        const tags = tagSentences([sentence.map((l) => l.split(/\s+/)[0]!)])[0]!;
        sentence.forEach((l, i) => out.push(`${l} ${tags[i]}`));
        sentence = [];
      };
      for await (const line of rl) {
        if (line.trim() === '' || line.startsWith('-DOCSTART-')) {
          flush();
          out.push(line);
        } else sentence.push(line.trimEnd());
        if (out.length > 10_000) process.stdout.write(out.splice(0).join('\n') + '\n');
      }
      flush();
      if (out.length) process.stdout.write(out.join('\n') + '\n');
    });
}
