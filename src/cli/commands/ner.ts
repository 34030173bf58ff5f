import type { Command } from 'commander';
import { tagSentences } from '../../language/ner/index.js';
import { hintWhenStdinIsTerminal } from '../batch.js';

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
      hintWhenStdinIsTerminal('ner', 'CoNLL-2003 lines');
      const conll = new ConllTagger((text) => process.stdout.write(text));
      process.stdin.setEncoding('utf8');
      for await (const chunk of process.stdin) conll.write(chunk as string);
      conll.end();
    });
}

/**
 * Splits the input into lines as node:readline does (\n, \r\n or a lone \r end a line; a last line
 * without an end counts), groups them into documents and writes each tagged document.
 */
class ConllTagger {
  private rest = '';
  // Lines of the current document: strings are passed through, arrays are sentences.
  private doc: (string | string[])[] = [];
  private sentence: string[] = [];
  // Documents read and not yet tagged: tagged after each chunk's line loop (so that loop's optimised
  // code stays small and does not take the tagger in).
  private ready: (string | string[])[][] = [];

  constructor(private readonly output: (text: string) => void) {}

  write(chunk: string): void {
    const text = this.rest + chunk;
    // A \r at the end may be the first half of a \r\n: keep it for the next chunk.
    const end = text.endsWith('\r') ? text.length - 1 : text.length;
    let start = 0;
    if (text.indexOf('\r') < 0) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
        this.line(text.slice(start, i));
        start = i + 1;
      }
    } else {
      for (let i = 0; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        this.line(text.slice(start, i));
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
    this.rest = text.slice(start);
    this.tagReady();
  }

  end(): void {
    if (this.rest.endsWith('\r')) this.rest = this.rest.slice(0, -1) + '\n';
    this.write('');
    if (this.rest !== '') this.line(this.rest);
    this.rest = '';
    this.flushDoc();
    this.tagReady();
  }

  private line(line: string): void {
    if (line.startsWith('-DOCSTART-')) {
      this.flushDoc();
      this.doc.push(line);
    } else if (line.trim() === '') {
      this.endSentence();
      this.doc.push(line);
      // Without -DOCSTART- markers, keep documents bounded.
      if (this.doc.length > 5000) this.flushDoc();
    } else this.sentence.push(line.trimEnd());
  }

  private endSentence(): void {
    if (this.sentence.length) this.doc.push(this.sentence);
    this.sentence = [];
  }

  private flushDoc(): void {
    this.endSentence();
    if (this.doc.length) this.ready.push(this.doc);
    this.doc = [];
  }

  private tagReady(): void {
    for (const doc of this.ready) this.tag(doc);
    this.ready = [];
  }

  private tag(doc: (string | string[])[]): void {
    const sentences = sentencesOf(doc);
    this.output(render(doc, sentences.length ? tagSentences(sentences) : []));
  }
}

/** The tokens of a document's sentences. */
function sentencesOf(doc: (string | string[])[]): string[][] {
  const sentences: string[][] = [];
  for (const item of doc) {
    if (typeof item === 'string') continue;
    // Built by push, so every sentence array has the same hidden class (Array.prototype.map's
    // results may not, and the tagger's optimised code would be thrown away on the first odd one).
    const words: string[] = [];
    for (const line of item) words.push(firstField(line));
    sentences.push(words);
  }
  return sentences;
}

/** The document's lines, each token line followed by its tag. */
function render(doc: (string | string[])[], tags: string[][]): string {
  let out = '';
  let k = 0;
  for (const item of doc) {
    if (typeof item === 'string') out += item + '\n';
    else {
      const t = tags[k++]!;
      for (let i = 0; i < item.length; i++) out += item[i]! + ' ' + t[i]! + '\n';
    }
  }
  return out;
}

/** The text before the line's first white space (the token of a CoNLL line), as line.split(/\s+/)[0]. */
function firstField(line: string): string {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || (c >= 128 && /\s/.test(line[i]!))) return line.slice(0, i);
  }
  return line;
}
