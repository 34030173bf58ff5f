// The NER sequence model: a linear-chain model (averaged structured perceptron weights) decoded with
// Viterbi under IOB2 constraints; saving and loading (the file format is in compiled.ts).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Tagger } from './tagger.js';
import { featureNames, gazetteerOf, lexiconOf, readCompiled, stageWeights, writeCompiled, type CompiledModel } from './compiled.js';
import { LABELS, type Gazetteer, type Lexicon } from './features.js';

export const L = LABELS.length;
if (L !== 9) throw new Error('viterbi assumes 9 labels');
const START = L; // row of the transition table used before the first token

/** allowed[prev * L + cur]: IOB2 forbids I-X after anything but B-X or I-X. */
export const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array((L + 1) * L);
  for (let p = 0; p <= L; p++) {
    for (let c = 0; c < L; c++) {
      const cur = LABELS[c]!;
      if (!cur.startsWith('I-')) a[p * L + c] = 1;
      else if (p < L && LABELS[p]!.slice(2) === cur.slice(2)) a[p * L + c] = 1;
    }
  }
  return a;
})();

/** For each label, the previous labels IOB2 allows before it (ascending, so ties break as before). */
const ALLOWED_PREV: Int32Array[] = Array.from({ length: L }, (_, y) => {
  const prev: number[] = [];
  for (let p = 0; p < L; p++) if (ALLOWED[p * L + y]) prev.push(p);
  return Int32Array.from(prev);
});

export interface ModelData {
  features: Map<string, number>;
  /** features × labels */
  weights: Float32Array;
  /** (labels + 1) × labels: previous label (or START) → label */
  transitions: Float32Array;
  gazetteer: Gazetteer;
  lexicon: Lexicon;
  /** Second stage: same feature table plus prediction-history features of the first pass. */
  stage2?: { weights: Float32Array; transitions: Float32Array };
}

// Work arrays reused across calls (decoding is synchronous, so one set suffices).
let scratch = { emit: new Float64Array(9 * 256), score: new Float64Array(9 * 256), back: new Int32Array(9 * 256) };

/** Scores every token × label, then finds the best IOB2-valid label sequence. */
export function viterbi(feats: Int32Array[], weights: Float32Array, transitions: Float32Array, out: Int32Array = new Int32Array(feats.length)): Int32Array {
  const n = feats.length;
  if (n === 0) return out;
  const NL = 9; // LABELS.length, as a literal so the loops below compile tight
  const allowed = ALLOWED;
  if (scratch.emit.length < n * NL) {
    const size = Math.max(n * NL, scratch.emit.length * 2);
    scratch = { emit: new Float64Array(size), score: new Float64Array(size), back: new Int32Array(size) };
  }
  const { emit } = scratch;
  for (let t = 0; t < n; t++) {
    const f = feats[t]!;
    const base = t * NL;
    let e0 = 0, e1 = 0, e2 = 0, e3 = 0, e4 = 0, e5 = 0, e6 = 0, e7 = 0, e8 = 0;
    for (let k = 0; k < f.length; k++) {
      const w = f[k]! * NL;
      e0 += weights[w]!;
      e1 += weights[w + 1]!;
      e2 += weights[w + 2]!;
      e3 += weights[w + 3]!;
      e4 += weights[w + 4]!;
      e5 += weights[w + 5]!;
      e6 += weights[w + 6]!;
      e7 += weights[w + 7]!;
      e8 += weights[w + 8]!;
    }
    emit[base] = e0;
    emit[base + 1] = e1;
    emit[base + 2] = e2;
    emit[base + 3] = e3;
    emit[base + 4] = e4;
    emit[base + 5] = e5;
    emit[base + 6] = e6;
    emit[base + 7] = e7;
    emit[base + 8] = e8;
  }
  return decode(emit, n, transitions, out);
}

/** Best IOB2-valid label sequence given token × label scores (`emit`, n × 9). */
export function decode(emit: Float64Array, n: number, transitions: Float32Array, out: Int32Array = new Int32Array(n)): Int32Array {
  const NL = 9;
  const allowed = ALLOWED;
  if (scratch.score.length < n * NL) {
    const size = Math.max(n * NL, scratch.score.length * 2);
    scratch = { emit: scratch.emit.length >= size ? scratch.emit : new Float64Array(size), score: new Float64Array(size), back: new Int32Array(size) };
  }
  const { score, back } = scratch;
  for (let y = 0; y < NL; y++) score[y] = allowed[START * NL + y] ? emit[y]! + transitions[START * NL + y]! : -Infinity;
  for (let t = 1; t < n; t++) {
    const prevBase = (t - 1) * NL;
    for (let y = 0; y < NL; y++) {
      let best = -Infinity;
      let arg = 0;
      const prevs = ALLOWED_PREV[y]!;
      for (let a = 0; a < prevs.length; a++) {
        const p = prevs[a]!;
        const s = score[prevBase + p]! + transitions[p * NL + y]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[t * NL + y] = best + emit[t * NL + y]!;
      back[t * NL + y] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let y = 0; y < NL; y++) {
    if (score[(n - 1) * NL + y]! > best) {
      best = score[(n - 1) * NL + y]!;
      arg = y;
    }
  }
  for (let t = n - 1; t >= 0; t--) {
    out[t] = arg;
    arg = back[t * NL + arg]!;
  }
  return out;
}

export class NerModel {
  private readonly tagger: Tagger;
  private cachedData: ModelData | null = null;
  private cachedGazetteer: Gazetteer | null = null;
  constructor(readonly compiled: CompiledModel) {
    this.tagger = new Tagger(compiled, () => this.gazetteer());
  }

  /** IOB2 labels for the sentences of one document. */
  tagDocument(sentences: string[][]): string[][] {
    const decoded = this.decodeDocument(sentences);
    const out: string[][] = [];
    // (a plain loop: Array.from with a mapping function iterates a typed array through the iterator
    // protocol, a call per label)
    for (const labels of decoded) {
      const tags: string[] = [];
      for (let i = 0; i < labels.length; i++) tags.push(LABELS[labels[i]!]!);
      out.push(tags);
    }
    return out;
  }

  /** Label indices (into LABELS) for the sentences of one document. */
  decodeDocument(sentences: string[][]): Int32Array[] {
    return this.tagger.decodeDocument(sentences);
  }

  /** A tagger of its own (e.g. with a smaller word cache). */
  newTagger(wordLimit?: number): Tagger {
    return new Tagger(this.compiled, () => this.gazetteer(), wordLimit);
  }

  /** How often a lower-cased word is capitalised mid-sentence in news text: "0".."4", undefined if unknown. */
  capitalisationBucket(lower: string): string | undefined {
    const v = this.compiled.values.find(lower);
    const b = v >= 0 ? this.compiled.valueCapRatio[v]! : 255;
    return b === 255 ? undefined : this.compiled.capRatioBuckets[b];
  }

  /** The types of the gazetteer entry spelled exactly `key` (words joined by spaces). */
  gazetteerTypes(key: string): readonly string[] | undefined {
    const v = this.compiled.values.find(key);
    const list = v >= 0 ? this.compiled.valueGazetteer[v]! : -1;
    return list >= 0 ? this.compiled.typeLists[list] : undefined;
  }

  /** The gazetteer as the training-time code (features.ts) uses it; built on first use. */
  gazetteer(): Gazetteer {
    return (this.cachedGazetteer ??= gazetteerOf(this.compiled));
  }

  /** The model as training produced it (feature table, weights, lexicon): built on first use, for tests and tools. */
  get data(): ModelData {
    if (!this.cachedData) {
      const c = this.compiled;
      this.cachedData = {
        features: featureNames(c),
        weights: stageWeights(c, 0),
        transitions: c.transitions1,
        gazetteer: this.gazetteer(),
        lexicon: lexiconOf(c),
        ...(c.transitions2 ? { stage2: { weights: stageWeights(c, 1), transitions: c.transitions2 } } : {}),
      };
    }
    return this.cachedData;
  }
}

/** Writes the model, dropping features whose weights are all ~0 and quantising to 16 bits. */
export function saveModel(path: string, data: ModelData, meta: Record<string, unknown>): { features: number; bytes: number } {
  const names: string[] = new Array(data.features.size);
  for (const [f, id] of data.features) names[id] = f;
  let maxAbs = 0;
  for (const w of data.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  if (data.stage2) for (const w of data.stage2.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs / 32767 || 1;
  const keptNames: string[] = [];
  const kept: number[] = [];
  for (let id = 0; id < names.length; id++) {
    let keep = false;
    for (let y = 0; y < L; y++) {
      if (Math.abs(data.weights[id * L + y]!) >= scale * 2) keep = true;
      if (data.stage2 && Math.abs(data.stage2.weights[id * L + y]!) >= scale * 2) keep = true;
    }
    if (keep) {
      keptNames.push(names[id]!);
      kept.push(id);
    }
  }
  const quantise = (weights: Float32Array) => {
    const q = new Int16Array(kept.length * L);
    kept.forEach((id, i) => {
      for (let y = 0; y < L; y++) q[i * L + y] = Math.round(weights[id * L + y]! / scale);
    });
    return q;
  };
  // Transitions keep 4 decimals (as the first, JSON, format did).
  const round = (t: Float32Array) => Float32Array.from(t, (x) => Math.round(x * 1e4) / 1e4);
  const bytes = writeCompiled(path, {
    names: keptNames,
    scale,
    weights1: quantise(data.weights),
    weights2: data.stage2 ? quantise(data.stage2.weights) : null,
    transitions1: round(data.transitions),
    transitions2: data.stage2 ? round(data.stage2.transitions) : null,
    gazetteer: data.gazetteer.exact,
    lexicon: data.lexicon,
    meta,
  });
  return { features: kept.length, bytes };
}

export function loadModel(path: string | URL): NerModel {
  return new NerModel(readCompiled(path));
}

/**
 * Rewrites a model of the first format (gzipped JSON, `storyline-ner-1`) in the current one, with
 * the same quantised weights and scale (so the same float weights).
 */
export function convertJsonModel(from: string, to: string): number {
  const raw = JSON.parse(gunzipSync(readFileSync(from)).toString('utf8')) as SerializedModel;
  if (raw.format !== 'storyline-ner-1') throw new Error(`${from}: not a Storyline NER model (format 1)`);
  const int16 = (base64: string) => {
    const buf = Buffer.from(base64, 'base64');
    return new Int16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  };
  return writeCompiled(to, {
    names: raw.features,
    scale: raw.scale,
    weights1: int16(raw.weights),
    weights2: raw.weights2 ? int16(raw.weights2) : null,
    transitions1: Float32Array.from(raw.transitions),
    transitions2: raw.transitions2 ? Float32Array.from(raw.transitions2) : null,
    gazetteer: new Map(raw.gazetteer),
    lexicon: { clusters: new Map(raw.clusters), capRatio: new Map(raw.capRatio) },
    meta: raw.meta,
  });
}

interface SerializedModel {
  format: 'storyline-ner-1';
  labels: string[];
  features: string[];
  scale: number;
  weights: string; // base64 Int16, features × labels
  transitions: number[];
  weights2?: string;
  transitions2?: number[];
  gazetteer: [string, string[]][];
  clusters: [string, string[]][];
  capRatio: [string, string][];
  meta: Record<string, unknown>;
}
