// Sentences and tokens with UTF-16 offsets, tokenised close to the Penn Treebank / CoNLL-2003
// conventions the NER model was trained on: punctuation split off, clitics ('s, n't, 're…) apart,
// abbreviations and initials keep their period, numbers and hyphenated words stay whole.
import type { Sentence, Token } from '../types.js';

// Patterns with \p{…} tested in loops, made once: tsx (esbuild) turns such a literal into `new RegExp(…)`,
// built and compiled again each time the line runs.
const STARTS_LETTER = /^\p{L}/u;

/** Abbreviations that take a period and never end a sentence by themselves (titles, name parts). */
const TITLE_ABBREVIATIONS = new Set(
  ('mr mrs ms dr prof gov sen rep gen lt col maj capt cpl sgt adm cmdr rev fr st sr jr hon pres supt insp ' +
    'messrs mme mlle mx amb atty gens sens reps lt.col brig cdr det ald')
    .split(' '),
);
/** Other abbreviations that keep their period; they may end a sentence when a capitalised function word follows. */
const ABBREVIATIONS = new Set(
  ('jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'inc corp co ltd llc plc bros dept univ assn est approx vs etc al no nos vol fig ft mt ave blvd rd hwy ' +
    'e.g i.e a.m p.m u.s u.k u.n e.u u.s.a d.c n.y l.a mass calif fla ill pa tex va wash ariz colo conn del ' +
    'ga ind kan ky la md mich minn miss mo mont neb nev okla ore tenn vt wis wyo op cf ca')
    .split(' '),
);
/** Words that, capitalised after an ambiguous abbreviation ("the U.S. The …"), signal a new sentence. */
const SENTENCE_STARTERS = new Set(
  ('the a an it he she they we i you this that these those there but and or so yet in on at for if when while ' +
    'after before as his her their its our my mr mrs ms dr however meanwhile also still then now some many most ' +
    'one two three what who why how where no not both each all').split(' '),
);

// One alternation, tried left to right at each position (sticky). Order matters.
const TOKEN_PATTERN = new RegExp(
  [
    String.raw`(?:https?:\/\/|www\.)[^\s<>"“”]+[^\s<>"“”.,;:!?)\]'’]`, // URL
    String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`, // e-mail
    String.raw`\.{2,}|…`, // ellipsis
    String.raw`-{2,}|[—–]`, // dashes
    String.raw`(?:\p{Lu}\.){2,}(?:\p{Lu}\b)?`, // U.S. U.K. U.S.A.
    String.raw`\p{N}+(?:[.,:/\-]\p{N}+)*(?:st|nd|rd|th|s|am|pm|m|bn|k)?(?![\p{L}])`, // numbers, dates, times
    String.raw`[\p{L}\p{M}\p{N}]+(?:[\-'’&.][\p{L}\p{M}\p{N}]+)*`, // words (hyphens, apostrophes, dotted)
    String.raw`[^\s]`, // any other character
  ].join('|'),
  'uy',
);

const CLITIC = /^(.+?)(['’](?:s|re|ve|ll|d|m)|n['’]t)$/i;
const IRREGULAR_NT: Record<string, [string, string]> = { "can't": ['ca', "n't"], 'can’t': ['ca', 'n’t'], "won't": ['wo', "n't"], 'won’t': ['wo', 'n’t'] };

function pushWord(tokens: Token[], text: string, start: number): void {
  const lower = text.toLowerCase();
  const irregular = IRREGULAR_NT[lower];
  if (irregular) {
    const cut = irregular[0].length;
    tokens.push({ text: text.slice(0, cut), start, end: start + cut });
    tokens.push({ text: text.slice(cut), start: start + cut, end: start + text.length });
    return;
  }
  const m = CLITIC.exec(text);
  // Keep "O'Neill", "D'Angelo": only split real clitics.
  if (m && m[1]!.length >= 1 && !(m[2]!.length === 2 && /^[dD]$/.test(m[2]!.slice(1)) && /^\p{Lu}$/u.test(m[1]!))) {
    const cut = m[1]!.length;
    tokens.push({ text: text.slice(0, cut), start, end: start + cut });
    tokens.push({ text: text.slice(cut), start: start + cut, end: start + text.length });
    return;
  }
  tokens.push({ text, start, end: start + text.length });
}

/** Tokens of `text[start, end)`, offsets into the whole `text`. */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 160 || c === 12 || c === 11 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0xfeff) {
      i++;
      continue;
    }
    // Fast path: a run of ASCII letters (or of digits) ended by a space or plain punctuation is a
    // token exactly as the full pattern below would find it.
    let j = i;
    let letters = 0;
    let digits = 0;
    while (j < end) {
      const d = text.charCodeAt(j);
      if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90)) letters++;
      else if (d >= 48 && d <= 57) digits++;
      else break;
      j++;
    }
    if (j > i && (letters === 0 || digits === 0)) {
      const d = j < end ? text.charCodeAt(j) : 32;
      const space = d === 32 || d === 10 || d === 9 || d === 13;
      if (space || (digits === 0 && (d === 44 || d === 59 || d === 33 || d === 63 || d === 34 || d === 41 || d === 93))) {
        tokens.push({ text: text.slice(i, j), start: i, end: j });
        i = j;
        continue;
      }
    }
    TOKEN_PATTERN.lastIndex = i;
    const m = TOKEN_PATTERN.exec(text);
    let t = m ? m[0] : text[i]!;
    if (i + t.length > end) t = text.slice(i, end);
    if (STARTS_LETTER.test(t)) {
      // A word: absorb a following period when it is an abbreviation or an initial.
      const after = i + t.length;
      if (text[after] === '.' && after < end && text[after + 1] !== '.') {
        const lower = t.toLowerCase();
        if (TITLE_ABBREVIATIONS.has(lower) || ABBREVIATIONS.has(lower) || /^\p{Lu}$/u.test(t) || /^(?:\p{L}\.)+\p{L}$/u.test(t)) {
          t += '.';
        }
      }
      if (t.includes("'") || t.includes('’')) pushWord(tokens, t, i);
      else tokens.push({ text: t, start: i, end: i + t.length });
    } else {
      tokens.push({ text: t, start: i, end: i + t.length });
    }
    i += t.length;
  }
  return tokens;
}

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '}', '»']);
const TERMINALS = new Set(['.', '!', '?', '…', '?!', '!?']);
const BULLET = /^[ \t]*(?:[•●▪◦‣∙·*\-–—]|\d{1,2}[.)])\s/;
const DATELINE = /^((?:\p{Lu}[\p{Lu}\p{M}.'’\-]*)(?:[ ,]+\p{Lu}[\p{Lu}\p{M}.'’\-]*)*(?:,? +\p{Lu}\p{Ll}+\.? +\d{1,2})?(?: *\([\p{L} .&]+\))?) *[-—–]+ +(?=\p{Lu}|["“])/u;

function isWordStartUpper(t: string): boolean {
  return /^["“‘'(\[]?\p{Lu}/u.test(t) || /^\p{N}/u.test(t);
}

function endsSentenceAfterAbbreviation(tok: Token, next: Token | undefined): boolean {
  if (!next) return true;
  const stem = tok.text.slice(0, -1).toLowerCase();
  if (TITLE_ABBREVIATIONS.has(stem) || /^\p{Lu}$/u.test(tok.text.slice(0, -1))) return false;
  if (!/^\p{Lu}/u.test(next.text)) return false;
  return SENTENCE_STARTERS.has(next.text.toLowerCase().replace(/\.$/, ''));
}

/** Splits one line-block (no blank lines inside) into sentences. */
function splitBlock(text: string, start: number, end: number, out: Sentence[]): void {
  const tokens = tokenize(text, start, end);
  let first = 0;
  // A dateline ("MOSCOW (Reuters) - ") is a sentence of its own.
  const dl = DATELINE.exec(text.slice(start, Math.min(end, start + 80)));
  if (dl && dl[1]!.length >= 3) {
    const dlEnd = start + dl[0].length;
    let k = 0;
    while (k < tokens.length && tokens[k]!.end <= dlEnd) k++;
    if (k > 0 && k < tokens.length) first = emitSentence(tokens, first, k - 1, out);
  }
  let quoteDepth = 0;
  for (let k = first; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.text === '"') quoteDepth ^= 1;
    let boundary = false;
    const next = tokens[k + 1];
    if (TERMINALS.has(t.text) || /^[.!?]+$/.test(t.text) || /^\.{2,}$/.test(t.text)) {
      // Pull in closing quotes/brackets that hug the terminal ("… said." Next).
      let j = k;
      while (j + 1 < tokens.length && CLOSERS.has(tokens[j + 1]!.text) && tokens[j + 1]!.start === tokens[j]!.end) {
        const closer = tokens[j + 1]!.text;
        if (closer === '"' && quoteDepth === 0) break;
        if (closer === '"') quoteDepth = 0;
        j++;
      }
      const after = tokens[j + 1];
      const ellipsis = t.text === '…' || t.text.startsWith('..');
      if (!after) boundary = true;
      else if (ellipsis) boundary = isWordStartUpper(after.text) && !/^\p{N}/u.test(after.text) && after.start > tokens[j]!.end;
      else boundary = !/^[\p{Ll},;:)\]%]/u.test(after.text);
      if (boundary) {
        first = emitSentence(tokens, first, j, out);
        k = j;
        continue;
      }
    } else if (t.text.length > 2 && t.text.endsWith('.') && /\p{L}\.$/u.test(t.text)) {
      if (next && endsSentenceAfterAbbreviation(t, next)) {
        first = emitSentence(tokens, first, k, out);
        continue;
      }
    }
  }
  emitSentence(tokens, first, tokens.length - 1, out);
}

/** Adds tokens[first .. last] as a sentence (none when empty); returns the next sentence's first token. */
function emitSentence(tokens: Token[], first: number, last: number, out: Sentence[]): number {
  if (last < first) return first;
  const toks = tokens.slice(first, last + 1);
  out.push({ start: toks[0]!.start, end: toks[toks.length - 1]!.end, tokens: toks });
  return last + 1;
}

/** True when the line break before `nextLine` ends a sentence (not a hard wrap inside one). */
function lineBreakEndsSentence(prevLine: string, nextLine: string): boolean {
  const prev = prevLine.trimEnd();
  const next = nextLine.trimStart();
  if (!prev || !next) return true;
  if (BULLET.test(nextLine) || BULLET.test(prevLine)) return true;
  if (/[.!?:;"”’)\]…]$/.test(prev)) return true;
  // A line cut after a comma or a function word continues on the next line.
  if (/,$/.test(prev) || /(?:^|\s)(?:a|an|the|of|on|in|at|to|for|with|by|from|and|or|but|between|about|than|that|his|her|their|its|is|was|are|were)$/.test(prev)) return false;
  // A wrapped line continues in lower case or with punctuation; anything else starts anew.
  return !/^[\p{Ll},;:)\]]/u.test(next);
}

/** Sentences of a text. A blank line always ends a sentence; so does a line break that is not a hard wrap. */
export function segment(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const lineRe = /[^\n]*(?:\n|$)/g;
  let blockStart = -1;
  let blockEnd = -1;
  let prevLine = '';
  const flush = () => {
    if (blockStart >= 0 && blockEnd > blockStart) splitBlock(text, blockStart, blockEnd, sentences);
    blockStart = -1;
  };
  for (const m of text.matchAll(lineRe)) {
    if (m[0] === '') break;
    const lineStart = m.index!;
    const line = m[0].endsWith('\n') ? m[0].slice(0, -1) : m[0];
    const lineEnd = lineStart + line.length;
    if (line.trim() === '') {
      flush();
      prevLine = '';
      continue;
    }
    if (blockStart >= 0 && lineBreakEndsSentence(prevLine, line)) flush();
    if (blockStart < 0) blockStart = lineStart;
    blockEnd = lineEnd;
    prevLine = line;
  }
  flush();
  return sentences;
}

/**
 * A sentence whose tokens are kept as offsets into the text (two int32 per token in one array per
 * article) and made again on first access. An analysis outlives its analysis run (a story build
 * holds thousands): as objects its tokens were three quarters of its memory, and the collector
 * copied and marked each of them.
 */
export class PackedSentence implements Sentence {
  #tokens: Token[] | undefined;
  readonly #text: string;
  readonly #offsets: Int32Array;
  readonly #from: number;
  readonly #to: number;
  constructor(
    readonly start: number,
    readonly end: number,
    text: string,
    offsets: Int32Array,
    from: number,
    to: number,
  ) {
    this.#text = text;
    this.#offsets = offsets;
    this.#from = from;
    this.#to = to;
  }

  get tokens(): Token[] {
    if (!this.#tokens) {
      const tokens: Token[] = [];
      const o = this.#offsets;
      for (let i = this.#from; i < this.#to; i += 2) tokens.push({ text: this.#text.slice(o[i]!, o[i + 1]!), start: o[i]!, end: o[i + 1]! });
      this.#tokens = tokens;
    }
    return this.#tokens;
  }

  toJSON(): Sentence {
    return { start: this.start, end: this.end, tokens: this.tokens };
  }

  /** [start, end, start, end, …] of the tokens, without making them. */
  offsets(): number[] {
    return Array.from(this.#offsets.subarray(this.#from, this.#to));
  }
}

/** A sentence's token offsets as [start, end, start, end, …] (a packed sentence makes no tokens for it). */
export function tokenOffsets(sentence: Sentence): number[] {
  if (sentence instanceof PackedSentence) return sentence.offsets();
  return sentence.tokens.flatMap((t) => [t.start, t.end]);
}

/**
 * The sentences with their tokens packed (see PackedSentence): the same starts, ends and tokens,
 * read the same way. Sentences are returned as they are when a token is not the text it spans.
 */
export function packSentences(text: string, sentences: Sentence[]): Sentence[] {
  let count = 0;
  for (const s of sentences) {
    for (const t of s.tokens) if (t.end - t.start !== t.text.length || !text.startsWith(t.text, t.start)) return sentences;
    count += s.tokens.length;
  }
  const offsets = new Int32Array(count * 2);
  const packed: Sentence[] = new Array(sentences.length);
  let at = 0;
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k]!;
    const from = at;
    for (const t of s.tokens) {
      offsets[at++] = t.start;
      offsets[at++] = t.end;
    }
    packed[k] = new PackedSentence(s.start, s.end, text, offsets, from, at);
  }
  return packed;
}
