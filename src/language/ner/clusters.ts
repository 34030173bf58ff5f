// Learns word clusters and casing statistics from unlabeled news text, deterministically.
// Each frequent word gets a context vector (PPMI of its left and right neighbours among the most
// frequent words), randomly projected to a dense vector; spherical k-means groups the words into
// fine clusters, and k-means over the fine centroids gives two coarser levels: a three-level
// hierarchy, like the bit-string prefixes of Brown clusters.
import type { Lexicon } from './features.js';

export interface ClusterOptions {
  vocabulary?: number;
  contexts?: number;
  dimensions?: number;
  levels?: [number, number, number];
  iterations?: number;
  minCount?: number;
}

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normalize(v: Float32Array, off: number, d: number): void {
  let s = 0;
  for (let k = 0; k < d; k++) s += v[off + k]! * v[off + k]!;
  const n = Math.sqrt(s) || 1;
  for (let k = 0; k < d; k++) v[off + k]! /= n;
}

/** Spherical k-means over `n` unit vectors of dimension d; returns the assignment and the centroids. */
function kmeans(vectors: Float32Array, n: number, d: number, k: number, iterations: number, seed: number): { assign: Int32Array; centroids: Float32Array } {
  const rand = prng(seed);
  const centroids = new Float32Array(k * d);
  // Initialise from distinct, randomly chosen points (deterministic).
  const chosen = new Set<number>();
  for (let c = 0; c < k; c++) {
    let i = Math.floor(rand() * n);
    while (chosen.has(i)) i = (i + 1) % n;
    chosen.add(i);
    centroids.set(vectors.subarray(i * d, i * d + d), c * d);
  }
  const assign = new Int32Array(n).fill(-1);
  for (let it = 0; it < iterations; it++) {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestScore = -Infinity;
      const off = i * d;
      for (let c = 0; c < k; c++) {
        const co = c * d;
        let s = 0;
        for (let j = 0; j < d; j++) s += vectors[off + j]! * centroids[co + j]!;
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      if (assign[i] !== best) changed++;
      assign[i] = best;
    }
    centroids.fill(0);
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = assign[i]!;
      sizes[c]!++;
      for (let j = 0; j < d; j++) centroids[c * d + j]! += vectors[i * d + j]!;
    }
    for (let c = 0; c < k; c++) {
      if (sizes[c] === 0) {
        const i = Math.floor(rand() * n);
        centroids.set(vectors.subarray(i * d, i * d + d), c * d);
      }
      normalize(centroids, c * d, d);
    }
    if (changed === 0) break;
  }
  return { assign, centroids };
}

/** Learns clusters and casing statistics from tokenised sentences. */
export function learnLexicon(sentences: Iterable<string[]>, options: ClusterOptions = {}): { lexicon: Lexicon; table: [string, string[]][] } {
  const V = options.vocabulary ?? 30_000;
  const C = options.contexts ?? 1_000;
  const D = options.dimensions ?? 96;
  const [k1, k2, k3] = options.levels ?? [32, 160, 640];
  const iterations = options.iterations ?? 8;
  const minCount = options.minCount ?? 5;

  const all: string[][] = [];
  const freq = new Map<string, number>();
  const lowerFreq = new Map<string, number>();
  const capMid = new Map<string, number>();
  const seenMid = new Map<string, number>();
  for (const s of sentences) {
    all.push(s);
    const headline = s.every((w) => !/\p{Ll}/u.test(w));
    for (let t = 0; t < s.length; t++) {
      const w = s[t]!;
      freq.set(w, (freq.get(w) ?? 0) + 1);
      const lw = w.toLowerCase();
      lowerFreq.set(lw, (lowerFreq.get(lw) ?? 0) + 1);
      if (!headline && t > 0 && /^\p{L}/u.test(w) && !/^["'(:\-]$/.test(s[t - 1]!) && !/[.!?]$/.test(s[t - 1]!)) {
        seenMid.set(lw, (seenMid.get(lw) ?? 0) + 1);
        if (/^\p{Lu}/u.test(w)) capMid.set(lw, (capMid.get(lw) ?? 0) + 1);
      }
    }
  }
  const capRatio = new Map<string, string>();
  for (const [lw, n] of seenMid) {
    if (n < 3) continue;
    capRatio.set(lw, String(Math.round((4 * (capMid.get(lw) ?? 0)) / n)));
  }

  const byFreq = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const vocab = byFreq(freq).filter(([, c]) => c >= minCount).slice(0, V).map(([w]) => w);
  const vocabIndex = new Map(vocab.map((w, i) => [w, i]));
  const contexts = byFreq(lowerFreq).slice(0, C).map(([w]) => w);
  const ctxIndex = new Map(contexts.map((w, i) => [w, i]));
  const n = vocab.length;
  const width = 2 * C + 2; // left and right contexts, plus a sentence-boundary slot on each side
  const counts = new Uint16Array(n * width);
  for (const s of all) {
    for (let t = 0; t < s.length; t++) {
      const wi = vocabIndex.get(s[t]!);
      if (wi === undefined) continue;
      const left = t > 0 ? ctxIndex.get(s[t - 1]!.toLowerCase()) : C;
      const right = t + 1 < s.length ? ctxIndex.get(s[t + 1]!.toLowerCase()) : C;
      if (left !== undefined) {
        const k = wi * width + left;
        if (counts[k]! < 65535) counts[k]!++;
      }
      if (right !== undefined) {
        const k = wi * width + C + 1 + right;
        if (counts[k]! < 65535) counts[k]!++;
      }
    }
  }
  const rowSum = new Float64Array(n);
  const colSum = new Float64Array(width);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < width; j++) {
      const c = counts[i * width + j]!;
      rowSum[i]! += c;
      colSum[j]! += c;
      total += c;
    }
  }
  const rand = prng(17);
  const projection = new Float32Array(width * D);
  for (let k = 0; k < projection.length; k++) projection[k] = rand() < 0.5 ? -1 : 1;
  const vectors = new Float32Array(n * D);
  for (let i = 0; i < n; i++) {
    const off = i * D;
    for (let j = 0; j < width; j++) {
      const c = counts[i * width + j]!;
      if (c === 0) continue;
      const pmi = Math.log((c * total) / (rowSum[i]! * colSum[j]!));
      if (pmi <= 0) continue;
      const po = j * D;
      for (let k = 0; k < D; k++) vectors[off + k]! += pmi * projection[po + k]!;
    }
    normalize(vectors, off, D);
  }
  const fine = kmeans(vectors, n, D, Math.min(k3, n), iterations, 101);
  const mid = kmeans(fine.centroids, Math.min(k3, n), D, Math.min(k2, n), 20, 202);
  const coarse = kmeans(mid.centroids, Math.min(k2, n), D, Math.min(k1, n), 20, 303);
  const clusters = new Map<string, string[]>();
  const table: [string, string[]][] = [];
  for (let i = 0; i < n; i++) {
    const f = fine.assign[i]!;
    const m = mid.assign[f]!;
    const c = coarse.assign[m]!;
    const path = [`a${c}`, `b${m}`, `f${f}`];
    clusters.set(vocab[i]!, path);
    table.push([vocab[i]!, path]);
  }
  return { lexicon: { clusters, capRatio }, table };
}
