// The tokens SQLite's FTS5 index holds for a text, computed in TypeScript: the `unicode61
// remove_diacritics 2` tokenizer (letters, digits and private-use characters; case and diacritics
// folded) followed by the `porter` stemmer, step for step as FTS5 applies it, so a word of a stored
// text can be matched against a query term without asking SQLite to re-read and re-tokenize rows.
//
// The stemmer works on the UTF-8 bytes of a token (as FTS5 does: non-ASCII bytes count as
// consonants, length limits are in bytes), here as a string with one character per byte.

export interface Token {
  /** The token as the index stores it (folded and stemmed). */
  term: string;
  /** [start, end) in UTF-16 code units of the text. */
  start: number;
  end: number;
}

const ASCII_WORD = /^[\x00-\x7f]*$/;
const MARKS = /\p{Mn}/gu;

/** Lower case without diacritics, as unicode61 with remove_diacritics 2 folds a token. */
export function fold(token: string): string {
  if (ASCII_WORD.test(token)) return token.toLowerCase();
  return token.normalize('NFD').replace(MARKS, '').toLowerCase().normalize('NFC');
}

/**
 * A name (an outlet, an entity, a filter value) as filters compare it: case and diacritics folded as
 * the full-text index folds words, white space collapsed, so "zurich" finds Zürich and "bbc" BBC.
 */
export function foldName(name: string): string {
  return fold(name.trim().replace(/\s+/g, ' '));
}

/**
 * Names folded into one string, each between line breaks ("\nzurich\nzuerich\n"), so one LIKE finds
 * a part of any name and `%\nname\n%` a whole one.
 */
export function foldedNameList(names: string[]): string {
  return `\n${[...new Set(names.map(foldName).filter(Boolean))].join('\n')}\n`;
}

/** `text` for a LIKE pattern with ESCAPE '\\': %, _ and \\ stand for themselves. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}

// ── Porter stemmer (the variant FTS5 ships) ───────────────────────────────────────────────────────

const isVowel = (c: string, yIsVowel: boolean) => c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || (yIsVowel && c === 'y');

/** Skips one vowel run then one consonant run of w[from, to); the index after it, or 0 if there is none. */
function vowelThenConsonant(w: string, from: number, to: number, prevConsonant: boolean): number {
  let consonant = prevConsonant;
  let i = from;
  for (; i < to; i++) {
    consonant = !isVowel(w[i]!, consonant);
    if (!consonant) break;
  }
  for (i++; i < to; i++) {
    consonant = !isVowel(w[i]!, consonant);
    if (consonant) return i + 1;
  }
  return 0;
}

/** Porter's measure m of the stem w[0, n) is greater than 0. */
const mGt0 = (w: string, n: number) => vowelThenConsonant(w, 0, n, false) > 0;
function mGt1(w: string, n: number): boolean {
  const first = vowelThenConsonant(w, 0, n, false);
  return first > 0 && vowelThenConsonant(w, first, n, true) > 0;
}
function mEq1(w: string, n: number): boolean {
  const first = vowelThenConsonant(w, 0, n, false);
  return first > 0 && vowelThenConsonant(w, first, n, true) === 0;
}
/** The stem ends consonant-vowel-consonant, the last not w, x or y. */
function endsCvc(w: string, n: number): boolean {
  const last = w[n - 1];
  if (last === 'w' || last === 'x' || last === 'y') return false;
  let mask = 0;
  let consonant = false;
  for (let i = 0; i < n; i++) {
    consonant = !isVowel(w[i]!, consonant);
    mask = ((mask << 1) | (consonant ? 1 : 0)) & 7;
  }
  return mask === 5;
}
function hasVowel(w: string, n: number): boolean {
  for (let i = 0; i < n; i++) if (isVowel(w[i]!, i > 0)) return true;
  return false;
}
const mGt1AndSorT = (w: string, n: number) => (w[n - 1] === 's' || w[n - 1] === 't') && mGt1(w, n);

type Condition = (w: string, stemLength: number) => boolean;
/** suffix, condition on the stem before it, replacement. */
type Rule = [string, Condition | null, string];

/**
 * Rules grouped by the second-to-last letter of the word, tried in order: the first whose suffix
 * ends the word (and is shorter than it) decides; if its condition fails, no other rule of the group is tried.
 */
function ruleTable(rules: Rule[]): Map<string, Rule[]> {
  const table = new Map<string, Rule[]>();
  for (const rule of rules) {
    const key = rule[0][rule[0].length - 2]!;
    table.set(key, [...(table.get(key) ?? []), rule]);
  }
  return table;
}

const STEP_1B = ruleTable([
  ['eed', mGt0, 'ee'],
  ['ed', hasVowel, ''],
  ['ing', hasVowel, ''],
]);
const STEP_1B2 = ruleTable([
  ['at', null, 'ate'],
  ['bl', null, 'ble'],
  ['iz', null, 'ize'],
]);
const STEP_2 = ruleTable([
  ['ational', mGt0, 'ate'],
  ['tional', mGt0, 'tion'],
  ['enci', mGt0, 'ence'],
  ['anci', mGt0, 'ance'],
  ['izer', mGt0, 'ize'],
  ['logi', mGt0, 'log'],
  ['bli', mGt0, 'ble'],
  ['alli', mGt0, 'al'],
  ['entli', mGt0, 'ent'],
  ['eli', mGt0, 'e'],
  ['ousli', mGt0, 'ous'],
  ['ization', mGt0, 'ize'],
  ['ation', mGt0, 'ate'],
  ['ator', mGt0, 'ate'],
  ['alism', mGt0, 'al'],
  ['iveness', mGt0, 'ive'],
  ['fulness', mGt0, 'ful'],
  ['ousness', mGt0, 'ous'],
  ['aliti', mGt0, 'al'],
  ['iviti', mGt0, 'ive'],
  ['biliti', mGt0, 'ble'],
]);
const STEP_3 = ruleTable([
  ['ical', mGt0, 'ic'],
  ['ness', mGt0, ''],
  ['icate', mGt0, 'ic'],
  ['iciti', mGt0, 'ic'],
  ['ful', mGt0, ''],
  ['ative', mGt0, ''],
  ['alize', mGt0, 'al'],
]);
const STEP_4 = ruleTable([
  ['al', mGt1, ''],
  ['ance', mGt1, ''],
  ['ence', mGt1, ''],
  ['er', mGt1, ''],
  ['ic', mGt1, ''],
  ['able', mGt1, ''],
  ['ible', mGt1, ''],
  ['ant', mGt1, ''],
  ['ement', mGt1, ''],
  ['ment', mGt1, ''],
  ['ent', mGt1, ''],
  ['ion', mGt1AndSorT, ''],
  ['ou', mGt1, ''],
  ['ism', mGt1, ''],
  ['ate', mGt1, ''],
  ['iti', mGt1, ''],
  ['ous', mGt1, ''],
  ['ive', mGt1, ''],
  ['ize', mGt1, ''],
]);

/** Applies the first rule of the table whose suffix ends w; whether it changed w, and the result. */
function applyRules(w: string, table: Map<string, Rule[]>): [boolean, string] {
  const rules = table.get(w[w.length - 2]!);
  if (!rules) return [false, w];
  for (const [suffix, condition, replacement] of rules) {
    if (w.length > suffix.length && w.endsWith(suffix)) {
      const stem = w.length - suffix.length;
      if (condition && !condition(w, stem)) return [false, w];
      return [true, w.slice(0, stem) + replacement];
    }
  }
  return [false, w];
}

/** Porter stem of a folded token given as one character per UTF-8 byte. */
function stemBytes(word: string): string {
  if (word.length < 3 || word.length > 64) return word;
  let w = word;
  // Step 1a.
  if (w[w.length - 1] === 's') {
    if (w[w.length - 2] === 'e') {
      const n = w.length;
      w = (n > 4 && w[n - 4] === 's' && w[n - 3] === 's') || (n > 3 && w[n - 3] === 'i') ? w.slice(0, -2) : w.slice(0, -1);
    } else if (w[w.length - 2] !== 's') w = w.slice(0, -1);
  }
  // Step 1b: removing "ed" or "ing" (not "eed" → "ee") may restore an "e" or undouble a consonant.
  const [changed, afterStep1b] = applyRules(w, STEP_1B);
  const removedEdOrIng = changed && !w.endsWith('eed');
  w = afterStep1b;
  if (removedEdOrIng) {
    const [restored, afterRestore] = applyRules(w, STEP_1B2);
    w = afterRestore;
    if (!restored) {
      const c = w[w.length - 1]!;
      if (!isVowel(c, false) && c !== 'l' && c !== 's' && c !== 'z' && c === w[w.length - 2]) w = w.slice(0, -1);
      else if (mEq1(w, w.length) && endsCvc(w, w.length)) w += 'e';
    }
  }
  // Step 1c.
  if (w[w.length - 1] === 'y' && hasVowel(w, w.length - 1)) w = w.slice(0, -1) + 'i';
  // Steps 2 to 4.
  w = applyRules(w, STEP_2)[1];
  w = applyRules(w, STEP_3)[1];
  w = applyRules(w, STEP_4)[1];
  // Step 5a.
  if (w[w.length - 1] === 'e') {
    const n = w.length - 1;
    if (mGt1(w, n) || (mEq1(w, n) && !endsCvc(w, n))) w = w.slice(0, -1);
  }
  // Step 5b.
  if (w.length > 1 && w[w.length - 1] === 'l' && w[w.length - 2] === 'l' && mGt1(w, w.length - 1)) w = w.slice(0, -1);
  return w;
}

const utf8 = new TextEncoder();
const NON_ASCII = /[^\x00-\x7f]/;

/** The FTS5 porter stem of a folded token (returned as its characters, not bytes). */
export function stem(folded: string): string {
  if (!NON_ASCII.test(folded)) return stemBytes(folded);
  const bytes = utf8.encode(folded);
  const stemmed = stemBytes(String.fromCharCode(...bytes));
  return Buffer.from(stemmed, 'latin1').toString('utf8');
}

// Articles repeat their words and the same articles are shown again and again: remember stems.
const termCache = new Map<string, string>();

/** The index term of a raw token of text: folded, then stemmed. */
export function termOf(raw: string): string {
  let term = termCache.get(raw);
  if (term === undefined) {
    term = stem(fold(raw));
    if (termCache.size >= 200_000) termCache.clear();
    termCache.set(raw, term);
  }
  return term;
}

const ASCII_TOKEN_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_TOKEN_CHAR[c] = /[0-9A-Za-z]/.test(String.fromCharCode(c)) ? 1 : 0;
const TOKEN_CHAR = /^[\p{L}\p{N}\p{Co}\u0300-\u036f]$/u;
const nonAsciiTokenChar = new Map<number, boolean>();
function isTokenCodePoint(cp: number): boolean {
  if (cp < 128) return ASCII_TOKEN_CHAR[cp] === 1;
  let yes = nonAsciiTokenChar.get(cp);
  if (yes === undefined) {
    yes = TOKEN_CHAR.test(String.fromCodePoint(cp));
    nonAsciiTokenChar.set(cp, yes);
  }
  return yes;
}

/** Token bounds while cutting a text (grown as needed, shared: cutting is synchronous). */
let scratch = new Int32Array(8192);

/**
 * A text cut into tokens as FTS5 cuts it. Index terms are computed on demand: matching a query
 * needs the terms of only the few tokens whose first letter fits one of its terms.
 */
export class TokenizedText {
  /** [start, end) of each token, in UTF-16 code units. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  private readonly terms: (string | undefined)[] = [];

  constructor(readonly text: string) {
    const n = text.length;
    let bounds = scratch;
    let count = 0;
    let i = 0;
    while (i < n) {
      let c = text.charCodeAt(i);
      if (c < 128 ? ASCII_TOKEN_CHAR[c] === 0 : !isTokenCodePoint(text.codePointAt(i)!)) {
        i += c >= 0xd800 && c < 0xdc00 ? 2 : 1;
        continue;
      }
      const start = i;
      while (i < n) {
        c = text.charCodeAt(i);
        if (c < 128) {
          if (ASCII_TOKEN_CHAR[c] === 0) break;
          i++;
        } else {
          const cp = text.codePointAt(i)!;
          if (!isTokenCodePoint(cp)) break;
          i += cp > 0xffff ? 2 : 1;
        }
      }
      if (2 * count + 2 > bounds.length) {
        const grown = new Int32Array(bounds.length * 2);
        grown.set(bounds);
        scratch = bounds = grown;
      }
      bounds[2 * count] = start;
      bounds[2 * count + 1] = i;
      count++;
    }
    this.starts = new Int32Array(count);
    this.ends = new Int32Array(count);
    for (let k = 0; k < count; k++) {
      this.starts[k] = bounds[2 * k]!;
      this.ends[k] = bounds[2 * k + 1]!;
    }
  }

  get length(): number {
    return this.starts.length;
  }

  /** The index term of token i ("" for a token that folds to nothing, like a lone combining mark). */
  term(i: number): string {
    let t = this.terms[i];
    if (t === undefined) this.terms[i] = t = termOf(this.text.slice(this.starts[i], this.ends[i]));
    return t;
  }

  /**
   * Whether the index term of token i can be `term` or start with it, judged without stemming the
   * token: stemming keeps a word's first letter, and its first two when the stem has three letters or
   * more. (Always true for a token starting with a non-ASCII letter.)
   */
  mayStartLike(i: number, term: string): boolean {
    const start = this.starts[i]!;
    const first = lowerAscii(this.text.charCodeAt(start));
    if (first >= 128) return true;
    if (first !== term.charCodeAt(0)) return false;
    if (term.length < 3) return true;
    if (start + 1 >= this.ends[i]!) return false;
    const second = lowerAscii(this.text.charCodeAt(start + 1));
    return second >= 128 || second === term.charCodeAt(1);
  }
}

const lowerAscii = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/** The tokens of a text as FTS5 indexes them, with their offsets. */
export function tokenize(text: string): Token[] {
  const t = new TokenizedText(text);
  const tokens: Token[] = [];
  for (let i = 0; i < t.length; i++) {
    const term = t.term(i);
    if (term) tokens.push({ term, start: t.starts[i]!, end: t.ends[i]! });
  }
  return tokens;
}
