// Highlights and snippets of search hits, computed from a hit's stored text: the query's phrases are
// matched against the text's tokens exactly as FTS5 indexed them (see tokens.ts), and the snippet
// is the window of SNIPPET_TOKENS tokens FTS5's snippet() would pick (most distinct phrases, then
// most hits, a sentence start preferred, the hits centred).
import type { Span } from '../types.js';
import { TokenizedText, tokenize } from './tokens.js';

export interface Highlighted {
  text: string;
  /** Matched terms as [start, end) offsets into text. */
  highlights: Span[];
}

/** One phrase of a query as typed: its words, whether its last word is a prefix, whether it is excluded. */
export interface QueryPhrase {
  words: string[];
  prefix: boolean;
  negated: boolean;
}

/** A phrase to look for in texts: index terms in order; the last one may be a prefix. */
export interface MatchPhrase {
  terms: string[];
  prefix: boolean;
}

export const SNIPPET_TOKENS = 28;
const ELLIPSIS = '…';

/**
 * Reads what a user typed: words and "quoted phrases", a word ending in * is a prefix, a leading -
 * excludes. Punctuation inside a word ("U.S.", "e-mail") makes it a phrase of its parts.
 */
export function parseQuery(input: string): QueryPhrase[] {
  const phrases: QueryPhrase[] = [];
  const re = /(-?)"([^"]*)"|(-?)([\p{L}\p{N}][\p{L}\p{N}'’._-]*)(\*?)/gu;
  for (const m of input.matchAll(re)) {
    if (m[2] !== undefined) {
      const words = m[2].match(/[\p{L}\p{N}]+/gu);
      if (words) phrases.push({ words, prefix: false, negated: !!m[1] });
    } else if (m[4]) {
      const words = m[4].match(/[\p{L}\p{N}]+/gu) ?? [];
      if (words.length) phrases.push({ words, prefix: words.length === 1 && !!m[5], negated: !!m[3] });
    }
  }
  return phrases;
}

/** The phrases whose matches are highlighted (the excluded ones never match a hit). */
export function matchPhrases(phrases: QueryPhrase[]): MatchPhrase[] {
  const out: MatchPhrase[] = [];
  for (const p of phrases) {
    if (p.negated) continue;
    const terms = tokenize(p.words.join(' ')).map((t) => t.term);
    if (terms.length) out.push({ terms, prefix: p.prefix });
  }
  return out;
}

interface Instance {
  phrase: number;
  /** Index of the first and last token of the match. */
  first: number;
  last: number;
}

/** Every match of every phrase in the tokens, in token order. */
function instances(tokens: TokenizedText, phrases: MatchPhrase[]): Instance[] {
  const found: Instance[] = [];
  const firstCodes = new Set(phrases.map((p) => p.terms[0]!.charCodeAt(0)));
  for (let i = 0; i < tokens.length; i++) {
    const code = tokens.firstCode(i);
    if (code >= 0 && !firstCodes.has(code)) continue;
    const term = tokens.term(i);
    phrases.forEach((p, index) => {
      const n = p.terms.length;
      if (i + n > tokens.length) return;
      for (let j = 0; j < n; j++) {
        const t = j === 0 ? term : tokens.term(i + j);
        const want = p.terms[j]!;
        if (p.prefix && j === n - 1 ? !t.startsWith(want) : t !== want) return;
      }
      found.push({ phrase: index, first: i, last: i + n - 1 });
    });
  }
  return found;
}

/**
 * Highlight spans for the instances that start in tokens [from, to), cut at the end of that range;
 * overlapping instances are merged.
 */
function spans(tokens: TokenizedText, found: Instance[], from: number, to: number, shift: number): Span[] {
  const out: Span[] = [];
  for (const x of found) {
    if (x.first < from || x.first >= to) continue;
    const start = tokens.starts[x.first]! - shift;
    const end = tokens.ends[Math.min(x.last, to - 1)]! - shift;
    const prev = out[out.length - 1];
    if (prev && start <= prev[1]) prev[1] = Math.max(prev[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** The whole text with every match highlighted (FTS5's highlight()). */
export function highlightAll(text: string, phrases: MatchPhrase[]): Highlighted {
  if (!text || !phrases.length) return { text, highlights: [] };
  const tokens = new TokenizedText(text);
  return { text, highlights: spans(tokens, instances(tokens, phrases), 0, tokens.length, 0) };
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Token indexes that start a sentence: the first token, and any preceded by "." or ":" and white space. */
function sentenceStarts(tokens: TokenizedText): number[] {
  const { text, starts, ends } = tokens;
  const out = starts.length ? [0] : [];
  for (let i = 1; i < starts.length; i++) {
    let j = starts[i]! - 1;
    while (j >= ends[i - 1]! && isSpace(text.charCodeAt(j))) j--;
    if (j < starts[i]! - 1 && j >= ends[i - 1]!) {
      const c = text.charCodeAt(j);
      if (c === 46 || c === 58) out.push(i);
    }
  }
  return out;
}

/** Scores the window of `size` tokens from `from`: 1,000 per distinct phrase, 1 per further match; and where to start it so its matches are centred. */
function scoreWindow(found: Instance[], phraseCount: number, from: number, size: number, tokenCount: number): { score: number; start: number } {
  const seen = new Uint8Array(phraseCount);
  let score = 0;
  let first = -1;
  let last = -1;
  for (const x of found) {
    if (x.first < from || x.first >= from + size) continue;
    score += seen[x.phrase] ? 1 : 1000;
    seen[x.phrase] = 1;
    if (first < 0) first = x.first;
    last = x.last + 1;
  }
  let start = first < 0 ? from : first - Math.trunc((size - (last - first)) / 2);
  if (start + size > tokenCount) start = tokenCount - size;
  return { score, start: Math.max(0, start) };
}

/** A passage of about SNIPPET_TOKENS tokens around the best matches, elided with "…" where cut. */
export function snippet(text: string, phrases: MatchPhrase[], size = SNIPPET_TOKENS): Highlighted {
  const tokens = new TokenizedText(text);
  if (!tokens.length) return { text, highlights: [] };
  const found = phrases.length ? instances(tokens, phrases) : [];
  let best = { score: -1, start: 0 };
  if (found.length && tokens.length > size) {
    const starts = sentenceStarts(tokens);
    let s = 0;
    for (const x of found) {
      const centred = scoreWindow(found, phrases.length, x.first, size, tokens.length);
      if (centred.score > best.score) best = centred;
      // The sentence the match is in, if the window can start there.
      while (s + 1 < starts.length && starts[s + 1]! <= x.first) s++;
      const sentence = starts[s]!;
      if (sentence < x.first) {
        const fromSentence = scoreWindow(found, phrases.length, sentence, size, tokens.length);
        const score = fromSentence.score + (sentence === 0 ? 120 : 100);
        if (score > best.score) best = { score, start: sentence };
      }
    }
  }
  const from = Math.max(0, best.start);
  const to = Math.min(tokens.length, from + size);
  const begin = from === 0 ? 0 : tokens.starts[from]!;
  const end = to === tokens.length ? text.length : tokens.ends[to - 1]!;
  const prefix = from > 0 ? ELLIPSIS : '';
  const body = text.slice(begin, end);
  return {
    text: prefix + body + (to < tokens.length ? ELLIPSIS : ''),
    highlights: spans(tokens, found, from, to, begin - prefix.length),
  };
}
