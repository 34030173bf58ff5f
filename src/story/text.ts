// Bag-of-words machinery for the story stage: content tokens, TF-IDF vectors, cosine similarity.
// Deliberately small: stems are a light English suffix stripper, enough to make "talks" meet "talk".
import { detached } from '../link/text.js';

const STOPWORDS = new Set(
  `a about above after again against all almost also although am among an and another any are around as at
  be because been before being below between both but by can cannot could did do does doing done down during
  each either else even ever every few for from further had has have having he her here hers herself him himself
  his how however i if in into is it its itself just least less let like likely made make many may me might mine
  more most much must my myself neither no nor not now of off often on once one only or other others otherwise our
  ours ourselves out over own per perhaps quite rather really said same say says see seem seemed seems several
  shall she should since so some still such than that the their theirs them themselves then there therefore these
  they this those though through thus to too toward towards under until up upon us very was we well were what
  whatever when whenever where whereas whether which while who whom whose why will with within without would yet
  you your yours yourself yourselves lrb rrb lsb rsb mr mrs ms dr told tell according added adds ago
  'll 's n't 're 've 'd 'm`.split(/\s+/),
);

const TOKEN = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/** Lower-cased word forms of a text, stopwords included (for n-gram overlap). */
export function words(text: string): string[] {
  const lower = text.toLowerCase();
  const folded = lower.includes('’') ? lower.replace(/’/g, "'") : lower;
  // the TOKEN matches, found by a scan of the characters (see wordCount)
  const out: string[] = [];
  let inRun = false;
  let joinerAt = -2;
  let start = -1;
  let end = -1;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    const kind = c < 128 ? ASCII_KIND[c]! : c === 0x2019 ? JOINER : c >= 0xd800 && c <= 0xdfff ? SURROGATE : letterOrDigit(c);
    if (kind === ALNUM) {
      if (!inRun) {
        if (joinerAt !== i - 1) {
          if (start >= 0) out.push(folded.slice(start, end));
          start = i;
        }
        inRun = true;
      }
    } else if (kind === SURROGATE) {
      return folded.match(TOKEN) ?? [];
    } else {
      if (inRun) end = i;
      joinerAt = inRun && kind === JOINER ? i : -2;
      inRun = false;
    }
  }
  if (inRun) end = folded.length;
  if (start >= 0) out.push(folded.slice(start, end));
  return out;
}

/**
 * How many words a text has (as `words` counts them), without building them; counting stops at
 * `atMost` (a test against a bound need not read the whole text).
 */
export function wordCount(text: string, atMost = Infinity): number {
  // A word (a TOKEN match) is a run of letters and digits, joined to the run before it by one
  // hyphen or apostrophe between them: counted by a scan of the characters, no regex call per word.
  let n = 0;
  let inRun = false;
  // the run that just ended was followed by a joiner (this index), or -1
  let joinerAt = -2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const kind = c < 128 ? ASCII_KIND[c]! : c === 0x2019 ? JOINER : c >= 0xd800 && c <= 0xdfff ? SURROGATE : letterOrDigit(c);
    if (kind === ALNUM) {
      if (!inRun) {
        if (joinerAt !== i - 1) {
          if (n >= atMost) return n;
          n++;
        }
        inRun = true;
      }
    } else if (kind === SURROGATE) {
      return wordCountByPattern(text, atMost); // a letter outside the BMP may follow: the pattern decides
    } else {
      joinerAt = inRun && kind === JOINER ? i : -2;
      inRun = false;
    }
  }
  return n;
}

function wordCountByPattern(text: string, atMost: number): number {
  TOKEN.lastIndex = 0;
  let n = 0;
  // (test, not exec: no match array per word)
  while (n < atMost && TOKEN.test(text)) n++;
  TOKEN.lastIndex = 0;
  return n;
}

const OTHER = 0;
const ALNUM = 1;
const JOINER = 2;
const SURROGATE = 3;
const ASCII_KIND = new Uint8Array(128).map((_, c) => (/[\p{L}\p{N}]/u.test(String.fromCharCode(c)) ? ALNUM : c === 0x2d || c === 0x27 ? JOINER : OTHER));
/** Non-ASCII BMP characters: 0 not yet known, else ALNUM + 1 or OTHER + 1. */
const BMP_KIND = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
function letterOrDigit(c: number): number {
  let k = BMP_KIND[c]!;
  if (k === 0) BMP_KIND[c] = k = (LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? ALNUM : OTHER) + 1;
  return k - 1;
}

export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is') && w.length > 3) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) w = w.slice(0, -2);
  if (w.length > 5 && w.endsWith('ly')) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/**
 * A pure function of an object, remembered while the object lives: a story build derives each
 * article's parts once for all its passes.
 */
export function perObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const memo = new WeakMap<K, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) memo.set(key, (value = compute(key)));
    return value;
  };
}

/**
 * A pure function of a string, remembered for strings up to `maxLength` characters, at most
 * `limit` of them (then forgotten all at once): sentences recur across the passes of one story
 * build and across the rebuilds of a growing story. Callers must not mutate what it returns.
 */
export function perText<V>(compute: (text: string) => V, maxLength = Infinity, limit = 50_000): (text: string) => V {
  const memo = new Map<string, V>();
  return (text) => {
    let value = memo.get(text);
    if (value === undefined) {
      value = compute(text);
      if (text.length <= maxLength) {
        if (memo.size >= limit) memo.clear();
        // The text is often a sentence cut from an article: the memo keeps a copy, not the article.
        memo.set(detached(text), value);
      }
    }
    return value;
  };
}

const stemOf = perText((word: string) => detached(stem(word)));

/** Stemmed content words: no stopwords, no pure numbers of one or two digits, no punctuation. */
export const contentTerms = perText(findContentTerms, 600);

function findContentTerms(text: string): string[] {
  const out: string[] = [];
  for (const x of words(text)) {
    if (x.includes('-')) for (const part of x.split('-')) keepContentTerm(part, out);
    else keepContentTerm(x, out);
  }
  return out;
}

function keepContentTerm(w: string, out: string[]): void {
  if (w.length < 2 || STOPWORDS.has(w)) return;
  if (w.length <= 2 && /^\d{1,2}$/.test(w)) return;
  out.push(stemOf(w));
}

export type Vector = Map<string, number>;

/** Document frequencies over a collection of term lists, and TF-IDF vectors from them. */
export class TfIdf {
  /** Per term, its document frequency and the last document that counted it (no Set per document). */
  private readonly df = new Map<string, { n: number; lastDoc: number }>();
  private docs = 0;

  add(terms: readonly string[]): void {
    const doc = ++this.docs;
    for (const t of terms) {
      let entry = this.df.get(t);
      if (entry === undefined) this.df.set(t, (entry = { n: 0, lastDoc: 0 }));
      if (entry.lastDoc !== doc) {
        entry.lastDoc = doc;
        entry.n++;
      }
    }
  }

  idf(term: string): number {
    return Math.log((this.docs + 1) / ((this.df.get(term)?.n ?? 0) + 1)) + 1;
  }

  documentFrequency(term: string): number {
    return this.df.get(term)?.n ?? 0;
  }

  get size(): number {
    return this.docs;
  }

  /** L2-normalised TF-IDF vector (sub-linear term frequency). */
  vector(terms: readonly string[]): Vector {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: Vector = new Map();
    let norm = 0;
    // (forEach, not for-of over entries: no [term, weight] array per step)
    tf.forEach((c, t) => {
      const w = (1 + Math.log(c)) * this.idf(t);
      v.set(t, w);
      norm += w * w;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) v.forEach((w, t) => v.set(t, w / norm));
    return v;
  }
}

export function cosine(a: Vector, b: Vector): number {
  if (a.size > b.size) [a, b] = [b, a];
  let dot = 0;
  const other = b;
  a.forEach((w, t) => {
    const o = other.get(t);
    if (o !== undefined) dot += w * o;
  });
  return dot;
}

/** Mean of vectors, L2-normalised. */
export function centroid(vectors: readonly Vector[]): Vector {
  const sum: Vector = new Map();
  for (const v of vectors) v.forEach((w, t) => sum.set(t, (sum.get(t) ?? 0) + w));
  let norm = 0;
  for (const w of sum.values()) norm += w * w;
  norm = Math.sqrt(norm);
  if (norm > 0) sum.forEach((w, t) => sum.set(t, w / norm));
  return sum;
}

/** Keeps the k largest weights of a vector (re-normalised): a centroid without its long tail. */
export function topTerms(v: Vector, k: number): Vector {
  const kept = [...v].sort((a, b) => b[1] - a[1]).slice(0, k);
  let norm = 0;
  for (const [, w] of kept) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  return new Map(kept.map(([t, w]) => [t, w / norm]));
}
