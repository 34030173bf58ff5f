import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { tagSentences } from '../../language/ner/index.js';

/**
 * `storyline ner --format conll`: CoNLL in, the same lines plus a predicted IOB2 tag column out.
 * Sentences are tagged a document at a time (between `-DOCSTART-` lines), so the model's
 * document-level features see the whole document.
 */
export function registerNer(program: Command): void {
  program
    .command('ner')
    .description('batch NER: CoNLL-2003 lines on stdin, each line plus a predicted IOB2 tag column on stdout')
    .option('--format <format>', 'input/output format (conll)', 'conll')
    .action(async (opts: { format: string }) => {
      if (opts.format !== 'conll') throw new Error(`unknown --format "${opts.format}": use conll`);
      const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
      // Lines of the current document: strings are passed through, arrays are sentences.
      let doc: (string | string[])[] = [];
      let sentence: string[] = [];
      const endSentence = () => {
        if (sentence.length) doc.push(sentence);
        sentence = [];
      };
      const flushDoc = () => {
        endSentence();
        const sentences = doc.filter((x): x is string[] => Array.isArray(x));
        const tags = sentences.length ? tagSentences(sentences.map((s) => s.map((l) => l.split(/\s+/)[0]!))) : [];
        const out: string[] = [];
        let k = 0;
        for (const item of doc) {
          if (typeof item === 'string') out.push(item);
          else {
            const t = tags[k++]!;
            item.forEach((l, i) => out.push(`${l} ${t[i]}`));
          }
        }
        if (out.length) process.stdout.write(out.join('\n') + '\n');
        doc = [];
      };
      for await (const line of rl) {
        if (line.startsWith('-DOCSTART-')) {
          flushDoc();
          doc.push(line);
        } else if (line.trim() === '') {
          endSentence();
          doc.push(line);
          // Without -DOCSTART- markers, keep documents bounded.
          if (doc.length > 5000) flushDoc();
        } else sentence.push(line.trimEnd());
      }
      flushDoc();
    });
}
