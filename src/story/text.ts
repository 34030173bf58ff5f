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
  return (lower.includes('’') ? lower.replace(/’/g, "'") : lower).match(TOKEN) ?? [];
}

/**
 * How many words a text has (as `words` counts them), without building them; counting stops at
 * `atMost` (a test against a bound need not read the whole text).
 */
export function wordCount(text: string, atMost = Infinity): number {
  TOKEN.lastIndex = 0;
  let n = 0;
  // (test, not exec: no match array per word)
  while (n < atMost && TOKEN.test(text)) n++;
  TOKEN.lastIndex = 0;
  return n;
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
  const keep = (w: string) => {
    if (w.length < 2 || STOPWORDS.has(w)) return;
    if (w.length <= 2 && /^\d{1,2}$/.test(w)) return;
    out.push(stemOf(w));
  };
  for (const x of words(text)) {
    if (x.includes('-')) for (const part of x.split('-')) keep(part);
    else keep(x);
  }
  return out;
}

export type Vector = Map<string, number>;

/** Document frequencies over a collection of term lists, and TF-IDF vectors from them. */
export class TfIdf {
  private readonly df = new Map<string, number>();
  private docs = 0;

  add(terms: readonly string[]): void {
    this.docs++;
    for (const t of new Set(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  idf(term: string): number {
    return Math.log((this.docs + 1) / ((this.df.get(term) ?? 0) + 1)) + 1;
  }

  documentFrequency(term: string): number {
    return this.df.get(term) ?? 0;
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
