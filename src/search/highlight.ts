// Highlights and snippets of search hits, computed from a hit's stored text: the query's phrases are
// matched against the text's tokens exactly as FTS5 indexed them (see tokens.ts), and the snippet
// is the window of SNIPPET_TOKENS tokens FTS5's snippet() would pick (most distinct phrases, then
// most hits, a sentence start preferred, the hits centred).
import type { Span } from '../types.js';
import { TokenizedText, fold, tokenize } from './tokens.js';

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
 * Double quotation marks as typed in any language or by a word processor's smart quotes: ASCII ",
 * “…” (English), „…“ and „…” (German, Polish…), »…« and «…» (French, Russian…), ”…” (Swedish),
 * ‟ and the CJK corner brackets 「…」『…』. A phrase opens at one and closes at the next.
 */
const QUOTE_MARKS = '"“”„‟«»「」『』';

/** A phrase between quotation marks of any kind, or a word; either may be excluded with a leading -. */
const QUERY_PART = new RegExp(`(-?)[${QUOTE_MARKS}]([^${QUOTE_MARKS}]*)[${QUOTE_MARKS}]|(-?)([\\p{L}\\p{N}][\\p{L}\\p{N}'’._-]*)(\\*?)`, 'gu');

/**
 * Reads what a user typed: words and "quoted phrases" (in ASCII or typographic quotation marks:
 * “…”, „…“, «…»), a word ending in * is a prefix, a leading - excludes. Punctuation inside a word
 * ("U.S.", "e-mail") makes it a phrase of its parts.
 */
export function parseQuery(input: string): QueryPhrase[] {
  const phrases: QueryPhrase[] = [];
  // a phrase typed twice asks nothing more ("flu flu"), but was matched, ranked and highlighted twice
  const seen = new Set<string>();
  const add = (p: QueryPhrase) => {
    const key = `${p.negated ? '-' : ''}${p.words.map(fold).join(' ')}${p.prefix ? '*' : ''}`;
    if (!seen.has(key)) phrases.push(p), seen.add(key);
  };
  const re = QUERY_PART;
  for (const m of input.matchAll(re)) {
    if (m[2] !== undefined) {
      const words = m[2].match(/[\p{L}\p{N}]+/gu);
      if (words) add({ words, prefix: false, negated: !!m[1] });
    } else if (m[4]) {
      const words = m[4].match(/[\p{L}\p{N}]+/gu) ?? [];
      if (words.length) add({ words, prefix: words.length === 1 && !!m[5], negated: !!m[3] });
    }
  }
  return phrases;
}

/** The most words and phrases one search takes: each is a pass over the index, and over every hit's text. */
export const MAX_QUERY_PHRASES = 32;

/** What is wrong with a query of too many words and phrases, or null. */
export function queryTooLong(input: string): string | null {
  const n = parseQuery(input).length;
  return n > MAX_QUERY_PHRASES ? `a search takes at most ${MAX_QUERY_PHRASES} words and "phrases", this one has ${n}: leave out the least telling ones` : null;
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
  for (let i = 0; i < tokens.length; i++) {
    for (let index = 0; index < phrases.length; index++) {
      const p = phrases[index]!;
      const n = p.terms.length;
      if (i + n > tokens.length || !tokens.mayStartLike(i, p.terms[0]!)) continue;
      let j = 0;
      for (; j < n; j++) {
        const t = tokens.term(i + j);
        const want = p.terms[j]!;
        if (p.prefix && j === n - 1 ? !t.startsWith(want) : t !== want) break;
      }
      if (j === n) found.push({ phrase: index, first: i, last: i + n - 1 });
    }
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

/** Whether token i starts a sentence: the first token, or one preceded by "." or ":" and white space. */
function startsSentence(tokens: TokenizedText, i: number): boolean {
  if (i === 0) return true;
  const { text, starts, ends } = tokens;
  let j = starts[i]! - 1;
  while (j >= ends[i - 1]! && isSpace(text.charCodeAt(j))) j--;
  if (j === starts[i]! - 1 || j < ends[i - 1]!) return false;
  const c = text.charCodeAt(j);
  return c === 46 || c === 58;
}

/** Scores the window of `size` tokens from `from`: 1,000 per distinct phrase, 1 per further match; and where to start it so its matches are centred. */
function scoreWindow(found: Instance[], phraseCount: number, from: number, size: number, tokenCount: number): { score: number; start: number } {
  const seen = new Uint8Array(phraseCount);
  let score = 0;
  let first = -1;
  let last = -1;
  // Instances are in token order: start at the first one in the window (binary search), stop after it.
  let lo = 0;
  let hi = found.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (found[mid]!.first < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < found.length && found[i]!.first < from + size; i++) {
    const x = found[i]!;
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
export function snippet(source: string | TokenizedText, phrases: MatchPhrase[], size = SNIPPET_TOKENS): Highlighted {
  const tokens = typeof source === 'string' ? new TokenizedText(source) : source;
  const { text } = tokens;
  if (!tokens.length) return { text, highlights: [] };
  const found = phrases.length ? instances(tokens, phrases) : [];
  let best = { score: -1, start: 0 };
  if (found.length && tokens.length > size) {
    // The start of the sentence each match is in, found walking back from the match (up to the previous match).
    let previous = -1;
    let previousSentence = 0;
    for (const x of found) {
      // (instances of several phrases at one token score the same windows: once is enough)
      if (x.first === previous) continue;
      const centred = scoreWindow(found, phrases.length, x.first, size, tokens.length);
      if (centred.score > best.score) best = centred;
      let k = x.first;
      while (k > previous && !startsSentence(tokens, k)) k--;
      const sentence = k > previous ? k : previousSentence;
      previous = x.first;
      previousSentence = sentence;
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
