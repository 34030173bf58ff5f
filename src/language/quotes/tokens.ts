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

const ABBREVIATIONS = new Set(
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
  const lineEnd = text.indexOf('\n', end);
  const source = end === text.length || lineEnd === end ? text : text.slice(0, end);
  TOKEN.lastIndex = start;
  for (let m = TOKEN.exec(source); m && m.index < end; m = TOKEN.exec(source)) {
    const s = m.index;
    tokens.push({ text: m[0], lower: foldApostrophes(m[0].toLowerCase()), start: s, end: s + m[0].length, sentStart: false });
  }
  markSentences(tokens);
  return tokens;
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
