import { createReadStream, fstatSync } from 'node:fs';
import type { Command } from 'commander';
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
    .action(runNer);
}

/** The `ner` command's work (also run without commander: main.ts). */
export async function runNer(opts: { format: string }): Promise<void> {
  if (opts.format !== 'conll') throw new Error(`unknown --format "${opts.format}": use conll`);
  hintWhenStdinIsTerminal('ner', 'CoNLL-2003 lines');
  const { tagSentences } = await import('../../language/ner/index.js'); // (loaded when the command runs)
  const conll = new ConllTagger((text) => process.stdout.write(text), tagSentences);
  // A file on stdin is read in large blocks: fewer chunks, fewer entries into the line loop.
  const input = fstatSync(0).isFile() ? createReadStream('', { fd: 0, highWaterMark: 1 << 22 }) : process.stdin;
  input.setEncoding('utf8');
  for await (const chunk of input) {
    conll.write(chunk as string);
    conll.tagReady();
  }
  conll.end();
}

/**
 * Splits the input into lines as node:readline does (\n, \r\n or a lone \r end a line; a last line
 * without an end counts), groups them into documents and writes each tagged document.
 */
export class ConllTagger {
  private rest = ''; // the unfinished last line read (no line end in it)
  private pendingCR = false; // the last chunk ended with a \r: a \n starting the next one is part of that line end
  // Lines of the current document: strings are passed through, arrays are sentences.
  private doc: (string | string[])[] = [];
  private sentence: string[] = [];
  // Documents read and not yet tagged: tagged after each chunk's line loop (so that loop's optimised
  // code stays small and does not take the tagger in).
  private ready: (string | string[])[][] = [];

  constructor(
    private readonly output: (text: string) => void,
    private readonly tagSentences: (sentences: string[][]) => string[][],
  ) {}

  /** Reads the chunk's complete lines; the documents they complete wait for `tagReady`. */
  write(chunk: string): void {
    // The line loops read the chunk itself, never `rest + chunk`: a concatenation is a string of
    // another kind (a rope), and the loops' optimised code, made for one kind, was thrown away on
    // every chunk. The caller tags (tagReady), so the tagger stays out of these loops' optimised code.
    let start = 0;
    if (this.pendingCR) {
      this.pendingCR = false;
      if (chunk.charCodeAt(0) === 10) start = 1; // the \n of a \r\n split between chunks
    }
    if (this.rest !== '') {
      // the line begun in an earlier chunk
      const i = lineEnd(chunk, start);
      if (i < 0) {
        this.rest += chunk.slice(start);
        return;
      }
      this.line(this.rest + chunk.slice(start, i));
      this.rest = '';
      start = this.afterLineEnd(chunk, i);
    }
    start = chunk.indexOf('\r', start) < 0 ? this.linesLF(chunk, start) : this.linesAny(chunk, start);
    this.rest = chunk.slice(start);
  }

  /** Lines ended by \n alone, from `start`; returns where the unfinished last line starts. */
  private linesLF(chunk: string, start: number): number {
    for (let i = chunk.indexOf('\n', start); i >= 0; i = chunk.indexOf('\n', start)) {
      this.line(chunk.slice(start, i));
      start = i + 1;
    }
    return start;
  }

  /** Lines ended by \n, \r\n or \r, from `start`; returns where the unfinished last line starts. */
  private linesAny(chunk: string, start: number): number {
    for (let i = lineEnd(chunk, start); i >= 0; i = lineEnd(chunk, start)) {
      this.line(chunk.slice(start, i));
      start = this.afterLineEnd(chunk, i);
    }
    return start;
  }

  /** Where the next line starts after the line end at i (a \r at the chunk's end may be half a \r\n). */
  private afterLineEnd(chunk: string, i: number): number {
    if (chunk.charCodeAt(i) !== 13) return i + 1;
    if (i + 1 === chunk.length) this.pendingCR = true;
    return chunk.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }

  end(): void {
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

  /** Tags and writes the documents read so far. */
  tagReady(): void {
    for (const doc of this.ready) this.tag(doc);
    this.ready = [];
  }

  private tag(doc: (string | string[])[]): void {
    const sentences = sentencesOf(doc);
    this.output(render(doc, sentences.length ? this.tagSentences(sentences) : []));
  }
}

/** Where the next line ends from `start` (at a \n or a \r), or -1. */
function lineEnd(chunk: string, start: number): number {
  for (let i = start; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
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
