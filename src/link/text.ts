import { createRequire } from 'node:module';
import { fnv1a, mix32 } from '../text/hash.js';
// Text features for linking: normalised words, content terms for TF-IDF, word shingles, hashes.
// Everything here is pure and deterministic: the same text gives the same features on every run.

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lower-cased words with typographic variants folded (’ → '), punctuation dropped. */
export function words(text: string): string[] {
  const source = folded(text);
  // the WORD matches, found by a scan of the characters: a run of letters and digits, then an
  // apostrophe and a run of letters when one follows
  const out: string[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    let kind = kindAt(source, i);
    if (kind === SURROGATE) return source.match(WORD) ?? [];
    if (kind !== LETTER && kind !== DIGIT) {
      i++;
      continue;
    }
    const start = i;
    while (++i < n && ((kind = kindAt(source, i)) === LETTER || kind === DIGIT));
    if (kind === SURROGATE) return source.match(WORD) ?? [];
    if (i + 1 < n && kind === APOSTROPHE) {
      let after = kindAt(source, i + 1);
      if (after === LETTER) {
        i++;
        while (++i < n && (after = kindAt(source, i)) === LETTER);
      }
      if (after === SURROGATE) return source.match(WORD) ?? [];
    }
    out.push(source.slice(start, i));
  }
  return out;
}

const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const APOSTROPHE = 3;
const SURROGATE = 4;
const kindOfChar = (ch: string): number => (/\p{L}/u.test(ch) ? LETTER : /\p{N}/u.test(ch) ? DIGIT : ch === "'" || ch === '’' ? APOSTROPHE : OTHER);
const ASCII_KIND = Uint8Array.from({ length: 128 }, (_, c) => kindOfChar(String.fromCharCode(c)));
/** Other BMP characters: 0 not yet known, else kind + 1. */
const BMP_KIND = new Uint8Array(0x10000);
function kindAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return ASCII_KIND[c]!;
  if (c >= 0xd800 && c <= 0xdfff) return SURROGATE;
  let k = BMP_KIND[c]!;
  if (k === 0) BMP_KIND[c] = k = kindOfChar(String.fromCharCode(c)) + 1;
  return k - 1;
}

/** Lower case, ’ as ' (WORD accepts both inside a word, so the words are the same). */
function folded(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('’') ? lower.replace(/’/g, "'") : lower;
}

/** The text reduced to its words, one space apart: what "the same content" compares. */
export function normaliseForHash(text: string): string {
  return words(text).join(' ');
}

// Function words, reporting verbs and scrape/tokeniser debris (PTB brackets) carry no topic.
const STOPWORDS = new Set(
  (
    'a about above across after again against all almost also although always am among an and another any anyone ' +
    'anything are around as at be became because become been before being below between both but by can cannot could ' +
    'did do does doing done down during each either else enough etc even ever every few for from further get gets ' +
    'getting got had has have having he her here hers herself him himself his how however i if in into is it its ' +
    'itself just last least less let like made make makes many may me might more most much must my myself neither ' +
    'never next no nor not now of off often on once one only or other others otherwise our ours ourselves out over ' +
    'own per perhaps please put quite rather really said same say saying says see seem seemed seems several she ' +
    'should since so some something still such take than that the their theirs them themselves then there ' +
    'therefore these they thing things this those though through thus to told too toward towards under until up ' +
    'upon us use used very via was way we well were what whatever when where whether which while who whoever whom ' +
    'whose why will with within without would yes yet you your yours yourself mr mrs ms dr lrb rrb lsb rsb lcb rcb ' +
    'don doesn didn isn wasn aren weren won wouldn couldn shouldn ve ll re two three four five first second new year ' +
    'years week weeks day days time times told tell according including include includes including around going ' +
    'want wants told think thought know known back go goes went come came look looked part told two'
  ).split(' '),
);

/** A light, deterministic suffix stripper: enough to merge plurals and "-ing/-ed" variants of topic words. */
export function stem(word: string): string {
  let w = word;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is|ys)$/.test(w)) return w.slice(0, -1);
  return w;
}

/**
 * The string as a copy of its own. V8 keeps a substring of 13 characters or more as a view of the
 * string it was cut from: a word kept for long (a document-frequency key, a memo key, a name) would
 * keep the whole article it came from alive. Shorter substrings are copies already.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

let stopwordLists: Record<string, string[]> | null = null;
const foreignStopwordSets = new Map<string, Set<string> | null>();

/**
 * Function words of a language other than English (stopwords-iso), or null. English keeps the
 * list above: stopwords-iso's English list drops topic words ("bill", "fire", "computer").
 */
function foreignStopwords(tag: string | undefined): Set<string> | null {
  const language = tag && /^[a-z]{2}(?:[-_]|$)/i.test(tag) ? tag.slice(0, 2).toLowerCase() : tag; // "pt-BR" → "pt"
  if (!language || language === 'en') return null;
  let set = foreignStopwordSets.get(language);
  if (set === undefined) {
    stopwordLists ??= createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;
    const list = stopwordLists[language];
    set = list ? new Set(list.map(folded)) : null;
    foreignStopwordSets.set(language, set);
  }
  return set;
}

/**
 * Content terms of a text (stop words, numbers and one-letter words removed, stemmed), at most
 * `limit`. With the text's language (ISO 639-1), that language's function words are dropped too:
 * two Portuguese posts must not look alike because both say "que", "para" and "muito".
 */
export function contentTerms(text: string, limit = Infinity, language?: string): string[] {
  const out: string[] = [];
  const source = folded(text);
  const foreign = foreignStopwords(language);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(source); m !== null; m = WORD.exec(source)) {
    const w = m[0];
    if (w.length < 2 || STOPWORDS.has(w) || foreign?.has(w) || /^\d+$/.test(w)) continue;
    const s = stem(w);
    if (s.length < 2 || STOPWORDS.has(s)) continue;
    // Terms become keys of the document frequencies and centroids, kept long after the text.
    out.push(detached(s));
    if (out.length >= limit) break;
  }
  WORD.lastIndex = 0;
  return out;
}

/** contentTerms of a text given its `words`. */
export function contentTermsOfWords(words: readonly string[], limit = Infinity, language?: string): string[] {
  const out: string[] = [];
  const foreign = foreignStopwords(language);
  for (const w of words) {
    if (w.length < 2 || STOPWORDS.has(w) || foreign?.has(w) || /^\d+$/.test(w)) continue;
    const s = stem(w);
    if (s.length < 2 || STOPWORDS.has(s)) continue;
    out.push(detached(s));
    if (out.length >= limit) break;
  }
  return out;
}

export { fnv1a, mix32 };


/** Sorted, unique 32-bit hashes of the text's word k-shingles (k consecutive normalised words). */
export function shingleSet(text: string, k = 4, maxWords = 20000): Uint32Array {
  return shingleSetOfWords(words(text), k, maxWords);
}

/** shingleSet of a text given its `words`. */
export function shingleSetOfWords(w: readonly string[], k = 4, maxWords = 20000): Uint32Array {
  const n = Math.min(w.length, maxWords);
  const wordHash = new Uint32Array(n);
  for (let i = 0; i < n; i++) wordHash[i] = fnv1a(w[i]!);
  if (n > 0 && n < k) return Uint32Array.of(fnv1a(w.slice(0, n).join(' ')));
  const hashes = new Uint32Array(Math.max(0, n - k + 1));
  for (let i = 0; i + k <= n; i++) {
    let h = 0x9747b28c;
    for (let j = i; j < i + k; j++) h = mix32(h ^ wordHash[j]!);
    hashes[i] = h;
  }
  // sorted, then the repeats dropped (no Set of boxed numbers)
  hashes.sort();
  let unique = 0;
  for (let i = 0; i < hashes.length; i++) if (unique === 0 || hashes[i] !== hashes[unique - 1]) hashes[unique++] = hashes[i]!;
  return unique === hashes.length ? hashes : hashes.slice(0, unique);
}

/** Exact Jaccard similarity of two sorted unique hash sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const inter = intersectionSize(a, b);
  const union = a.length + b.length - inter;
  return union === 0 ? 0 : inter / union;
}

/** |A ∩ B| / min(|A|, |B|): how much of the smaller text the larger one contains. */
export function containment(a: Uint32Array, b: Uint32Array): number {
  const m = Math.min(a.length, b.length);
  return m === 0 ? 0 : intersectionSize(a, b) / m;
}

export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}
