// The quote stage's own tokenisation: paragraphs, tokens and light sentence boundaries.
// The learned tagger must see exactly the same tokens at training and at run time, so this
// stage does not depend on the shared segmenter (whose rules may change independently).

export interface QToken {
  text: string;
  /** Lower-cased text with curly apostrophes folded to ASCII. */
  lower: string;
  start: number;
  end: number;
  /** True when this token begins a sentence (heuristic). */
  sentStart: boolean;
}

export interface Paragraph {
  start: number;
  end: number;
  tokens: QToken[];
}

// Words (with inner apostrophes, hyphens, dots, ampersands), dotted initialisms (U.S.), numbers,
// then any single non-space character. A possessive ’s / 's is split off as its own token.
const TOKEN =
  /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:[-&.][\p{L}\p{N}]+)*(?:['’](?!s\b)[\p{L}]+)*|['’]s\b|[^\s\p{L}\p{N}]/gu;

export const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'capt', 'st', 'jr', 'sr', 'prof',
    'rev', 'hon', 'pres', 'supt', 'maj', 'adm', 'cmdr', 'cpl', 'pvt', 'no', 'vs', 'inc', 'corp', 'co', 'ltd',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'u.s', 'a.m', 'p.m',
    'ft', 'mt', 'ave', 'blvd', 'dept', 'est', 'fig', 'approx', 'etc', 'al',
  ],
);

export function foldApostrophes(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2019 || c === 0x2018 || c === 0x60) return s.replace(/[’‘`]/g, "'");
  }
  return s;
}

/** Splits a text into paragraphs (blank-line or single-newline separated blocks) of tokens. */
export function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const BLOCK = /[^\n]+/g;
  for (const m of text.matchAll(BLOCK)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (m[0].trim() === '') continue;
    out.push({ start, end, tokens: tokenizeRange(text, start, end) });
  }
  return out;
}

export function tokenizeRange(text: string, start: number, end: number): QToken[] {
  const tokens: QToken[] = [];
  // matched in place: no token spans a line break, and the pattern looks no further back than its
  // match, nor further ahead than the line break or the end that ends a paragraph
  const atBreak = end === text.length || text[end] === '\n';
  if (atBreak && isAscii(text, start, end)) tokenizeAscii(text, start, end, tokens);
  else matchTokens(text, start, end, tokens);
  markSentences(tokens);
  return tokens;
}

/** The tokens of text[start, end) by the TOKEN pattern (the definition; exported for the test). */
export function matchTokens(text: string, start: number, end: number, tokens: QToken[] = []): QToken[] {
  const source = end === text.length || text[end] === '\n' ? text : text.slice(0, end);
  TOKEN.lastIndex = start;
  for (let m = TOKEN.exec(source); m && m.index < end; m = TOKEN.exec(source)) {
    const s = m.index;
    tokens.push({ text: m[0], lower: foldApostrophes(m[0].toLowerCase()), start: s, end: s + m[0].length, sentStart: false });
  }
  return tokens;
}

function isAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isLetterOrDigit = (c: number) => isLetter(c) || (c >= 48 && c <= 57);
/** \b's word characters (a /u pattern without /i). */
const isWordChar = (c: number) => isLetterOrDigit(c) || c === 95;
/** \s within ASCII. */
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/** text's character code at i, or -1 past `end` (a line break or nothing: not a letter, digit or word character). */
function codeAt(text: string, end: number, i: number): number {
  return i < end ? text.charCodeAt(i) : -1;
}

/**
 * TOKEN's matches for an ASCII paragraph followed by a line break or the end of the text, found
 * without the regular expression (same alternatives, in the same order, each as greedy as there;
 * ’ cannot occur in ASCII). Checked equal to matchTokens on the 140,757 paragraphs of PolNeAR
 * train + dev and T17, and by the test.
 */
function tokenizeAscii(text: string, start: number, end: number, tokens: QToken[]): void {
  let i = start;
  while (i < end) {
    const c = codeAt(text, end, i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    let j = i;
    // (?:\p{L}\.){2,}
    let reps = 0;
    while (isLetter(codeAt(text, end, j)) && codeAt(text, end, j + 1) === 46) {
      j += 2;
      reps++;
    }
    if (reps < 2) {
      j = i;
      if (isLetterOrDigit(c)) {
        // [\p{L}\p{N}]+(?:[-&.][\p{L}\p{N}]+)*(?:['’](?!s\b)[\p{L}]+)*
        while (isLetterOrDigit(codeAt(text, end, j))) j++;
        for (;;) {
          const sep = codeAt(text, end, j);
          if ((sep === 45 || sep === 38 || sep === 46) && isLetterOrDigit(codeAt(text, end, j + 1))) {
            j++;
            while (isLetterOrDigit(codeAt(text, end, j))) j++;
          } else break;
        }
        while (codeAt(text, end, j) === 39 && !(codeAt(text, end, j + 1) === 115 && !isWordChar(codeAt(text, end, j + 2))) && isLetter(codeAt(text, end, j + 1))) {
          j++;
          while (isLetter(codeAt(text, end, j))) j++;
        }
      } else if (c === 39 && codeAt(text, end, i + 1) === 115 && !isWordChar(codeAt(text, end, i + 2))) j = i + 2; // ['’]s\b
      else j = i + 1; // [^\s\p{L}\p{N}]
    }
    const word = text.slice(i, j);
    tokens.push({ text: word, lower: foldApostrophes(word.toLowerCase()), start: i, end: j, sentStart: false });
    i = j;
  }
}
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);

function markSentences(tokens: QToken[]): void {
  if (tokens.length === 0) return;
  tokens[0]!.sentStart = true;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i]!.text;
    if (t !== '.' && t !== '!' && t !== '?') continue;
    if (t === '.' && i > 0) {
      const prev = tokens[i - 1]!;
      if (prev.end === tokens[i]!.start && (ABBREVIATIONS.has(prev.lower) || /^\p{Lu}$/u.test(prev.text))) continue;
    }
    let j = i + 1;
    while (j < tokens.length && CLOSERS.has(tokens[j]!.text)) j++;
    if (j >= tokens.length) break;
    const next = tokens[j]!.text;
    if (/^[\p{Lu}\p{N}"“‘'«(\[—-]/u.test(next)) tokens[j]!.sentStart = true;
  }
}
