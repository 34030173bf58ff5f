// Duplicates and syndication: exact duplicates by a normalised content hash, near-duplicates (wire
// copies, light rewrites, one article under two URLs) by MinHash + LSH over word shingles for
// candidates, confirmed by exact Jaccard / containment on the shingle sets. Also: paragraphs that
// one article repeats (a scraped lede printed twice) collapsed.
import { hash } from 'node:crypto';
import { containment, jaccard, mix32, normaliseForHash, shingleSet, shingleSetOfWords, words } from './text.js';

export interface DedupOptions {
  /** Words per shingle. */
  shingle: number;
  /** LSH bands × rows = MinHash signature length. */
  bands: number;
  rows: number;
  /** Confirmed near-duplicate when Jaccard ≥ this… */
  jaccard: number;
  /** …or when the smaller text is contained in the larger at least this much (and Jaccard ≥ minJaccardForContainment). */
  containment: number;
  minJaccardForContainment: number;
  /** Texts with fewer shingles than this are only matched exactly (short texts share boilerplate). */
  minShingles: number;
  /** Words of an article shingled (its first ones): bounds the cost of very long texts. */
  maxWords: number;
  /** Near-duplicate candidates are kept this many days after their publication date. */
  windowDays: number;
}

export const DEFAULT_DEDUP: DedupOptions = {
  shingle: 4,
  bands: 42,
  rows: 3,
  jaccard: 0.5,
  containment: 0.9,
  minJaccardForContainment: 0.3,
  minShingles: 12,
  windowDays: 14,
  maxWords: 3000,
};

/** SHA-1 of the text's words, lower-cased and one space apart: equal for copies differing in case, punctuation or spacing. */
export function contentHash(text: string): string {
  return hash('sha1', normaliseForHash(text), 'hex');
}

/** contentHash of a text given its `words` (normaliseForHash is its words one space apart). */
export function contentHashOfWords(w: readonly string[]): string {
  return hash('sha1', w.join(' '), 'hex');
}

const SEEDS: number[] = [];
function seed(i: number): number {
  while (SEEDS.length <= i) SEEDS.push(mix32(0x5bd1e995 ^ Math.imul(SEEDS.length + 1, 0x9e3779b1)));
  return SEEDS[i]!;
}

/** MinHash signature: for each of `size` hash functions, the minimum over the shingle set. */
export function minhash(shingles: Uint32Array, size: number): Uint32Array {
  const sig = new Uint32Array(size).fill(0xffffffff);
  let i = 0;
  // Four seeds per pass over the shingles: four independent hash chains per load (the same minima).
  for (; i + 4 <= size; i += 4) {
    const s0 = seed(i);
    const s1 = seed(i + 1);
    const s2 = seed(i + 2);
    const s3 = seed(i + 3);
    let m0 = 0xffffffff;
    let m1 = 0xffffffff;
    let m2 = 0xffffffff;
    let m3 = 0xffffffff;
    for (let j = 0; j < shingles.length; j++) {
      const x = shingles[j]!;
      const v0 = mix32(x ^ s0);
      const v1 = mix32(x ^ s1);
      const v2 = mix32(x ^ s2);
      const v3 = mix32(x ^ s3);
      if (v0 < m0) m0 = v0;
      if (v1 < m1) m1 = v1;
      if (v2 < m2) m2 = v2;
      if (v3 < m3) m3 = v3;
    }
    sig[i] = m0;
    sig[i + 1] = m1;
    sig[i + 2] = m2;
    sig[i + 3] = m3;
  }
  for (; i < size; i++) {
    const s = seed(i);
    let min = 0xffffffff;
    for (let j = 0; j < shingles.length; j++) {
      const v = mix32(shingles[j]! ^ s);
      if (v < min) min = v;
    }
    sig[i] = min;
  }
  return sig;
}

/** The LSH bucket keys of a signature: one per band. */
export function bandKeys(sig: Uint32Array, bands: number, rows: number): string[] {
  const keys: string[] = [];
  for (let b = 0; b < bands; b++) {
    let h = 0x2545f491 ^ b;
    for (let r = 0; r < rows; r++) h = mix32(h ^ sig[b * rows + r]!);
    keys.push(`${b}:${h.toString(36)}`);
  }
  return keys;
}

export interface NearDuplicateMatch {
  id: string;
  jaccard: number;
  containment: number;
}

interface Entry {
  id: string;
  day: number;
  shingles: Uint32Array;
  keys: string[];
}

/**
 * A time-windowed LSH index of recent articles. Entries older than `windowDays` before the newest
 * date seen are dropped, so lookups cost the same however long the archive grows.
 */
export class NearDuplicateIndex {
  private readonly buckets = new Map<string, string[]>();
  private readonly entries = new Map<string, Entry>();
  private readonly queue: Entry[] = [];
  private head = 0;

  constructor(readonly options: DedupOptions = DEFAULT_DEDUP) {}

  get size(): number {
    return this.entries.size;
  }

  shingles(text: string): Uint32Array {
    return shingleSet(text, this.options.shingle, this.options.maxWords);
  }

  /** shingles of a text given its `words`. */
  shinglesOfWords(w: readonly string[]): Uint32Array {
    return shingleSetOfWords(w, this.options.shingle, this.options.maxWords);
  }

  /** LSH bucket keys of a shingle set (empty when too short to match other than exactly). */
  keysOf(shingles: Uint32Array): string[] {
    const o = this.options;
    if (shingles.length < o.minShingles) return [];
    return bandKeys(minhash(shingles, o.bands * o.rows), o.bands, o.rows);
  }

  /** Best confirmed near-duplicate among the indexed articles, or null. */
  find(shingles: Uint32Array, keys = this.keysOf(shingles)): NearDuplicateMatch | null {
    const o = this.options;
    if (shingles.length < o.minShingles) return null;
    const seen = new Set<string>();
    let best: NearDuplicateMatch | null = null;
    for (const k of keys) {
      for (const id of this.buckets.get(k) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const other = this.entries.get(id)!;
        const j = jaccard(shingles, other.shingles);
        const c = containment(shingles, other.shingles);
        const dup = j >= o.jaccard || (c >= o.containment && j >= o.minJaccardForContainment);
        if (dup && (!best || j > best.jaccard || (j === best.jaccard && id < best.id))) best = { id, jaccard: j, containment: c };
      }
    }
    return best;
  }

  /** Candidate ids sharing at least one LSH bucket (for measuring recall). */
  candidates(shingles: Uint32Array): Set<string> {
    const o = this.options;
    const out = new Set<string>();
    if (shingles.length < o.minShingles) return out;
    for (const k of bandKeys(minhash(shingles, o.bands * o.rows), o.bands, o.rows)) {
      for (const id of this.buckets.get(k) ?? []) out.add(id);
    }
    return out;
  }

  add(id: string, day: number, shingles: Uint32Array, keys = this.keysOf(shingles)): void {
    const o = this.options;
    if (shingles.length < o.minShingles || this.entries.has(id)) return;
    const entry: Entry = { id, day, shingles, keys };
    this.entries.set(id, entry);
    this.queue.push(entry);
    for (const k of keys) {
      const list = this.buckets.get(k);
      if (list) list.push(id);
      else this.buckets.set(k, [id]);
    }
  }

  /** Drops entries published more than windowDays before `today`; returns their ids. */
  expire(today: number): string[] {
    const dropped: string[] = [];
    const limit = today - this.options.windowDays;
    // The queue is in arrival order, which is publication order up to small disorder: stop at the first recent entry.
    while (this.head < this.queue.length && this.queue[this.head]!.day < limit) {
      const e = this.queue[this.head++]!;
      if (this.entries.get(e.id) !== e) continue;
      this.entries.delete(e.id);
      dropped.push(e.id);
      for (const k of e.keys) {
        const list = this.buckets.get(k);
        if (!list) continue;
        const i = list.indexOf(e.id);
        if (i >= 0) list.splice(i, 1);
        if (list.length === 0) this.buckets.delete(k);
      }
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return dropped;
  }
}

export interface CollapsedText {
  text: string;
  /** The repeated paragraphs removed, with their span in the input text. */
  removed: { text: string; start: number; end: number }[];
  /** `words(text)` of the collapsed text: its kept paragraphs' words (separators are white space). */
  words: string[];
}

/**
 * Removes paragraphs that repeat an earlier paragraph of the same text (compared on their words,
 * so "good" and “good” are equal). Paragraphs are separated by blank lines, or by single line
 * breaks when the text has no blank line. Short repeats (under 4 words) are kept: "Share", "Yes."
 */
export function collapseRepeatedParagraphs(text: string, minWords = 4): CollapsedText {
  const separator = /\n[ \t]*\n/.test(text) ? /\n[ \t]*\n\s*/g : /\n\s*/g;
  const paragraphs: { start: number; end: number }[] = [];
  let last = 0;
  for (const m of text.matchAll(separator)) {
    paragraphs.push({ start: last, end: m.index! });
    last = m.index! + m[0].length;
  }
  paragraphs.push({ start: last, end: text.length });
  const seen = new Set<string>();
  const removed: CollapsedText['removed'] = [];
  const kept: string[][] = [];
  let out = '';
  let cursor = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    const w = words(text.slice(p.start, p.end));
    const key = w.length >= minWords ? w.join(' ') : '';
    if (w.length >= minWords && seen.has(key)) {
      removed.push({ text: text.slice(p.start, p.end), start: p.start, end: p.end });
      out += text.slice(cursor, p.start);
      // Skip the paragraph and the separator after it, so no empty paragraph is left behind.
      const next = paragraphs[i + 1];
      cursor = next ? next.start : p.end;
      continue;
    }
    if (w.length >= minWords) seen.add(key);
    kept.push(w);
  }
  // (concatenated by a loop: Array.prototype.flat is a slow generic builtin)
  let keptWords: string[];
  if (kept.length === 1) keptWords = kept[0]!;
  else {
    keptWords = [];
    for (const k of kept) for (const x of k) keptWords.push(x);
  }
  if (removed.length === 0) return { text, removed, words: keptWords };
  out += text.slice(cursor);
  // When the last paragraph was the repeat, the separator before it is left dangling.
  if (cursor >= text.length) out = out.trimEnd();
  return { text: out, removed, words: keptWords };
}
