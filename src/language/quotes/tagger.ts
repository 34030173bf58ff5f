// A first-order linear-chain tagger (averaged structured perceptron) over SOURCE / CUE / CONTENT
// BIO tags, with Viterbi decoding constrained to valid BIO sequences.
import { gunzipSync, gzipSync } from 'node:zlib';

export const TAGS = ['O', 'B-S', 'I-S', 'B-C', 'I-C', 'B-Q', 'I-Q'] as const;
export type Tag = (typeof TAGS)[number];
export const NT = TAGS.length;
const START = NT; // row index of the start state in the transition table

/** allowed[prev][cur]: I-X only after B-X or I-X. */
const ALLOWED: boolean[][] = [];
for (let p = 0; p <= NT; p++) {
  ALLOWED.push([]);
  for (let c = 0; c < NT; c++) {
    const cur = TAGS[c]!;
    if (cur.startsWith('I-')) {
      const prev = p === NT ? 'O' : TAGS[p]!;
      ALLOWED[p]!.push(prev.slice(2) === cur.slice(2) && prev !== 'O');
    } else ALLOWED[p]!.push(true);
  }
}

/** For each current tag, the previous tags that may precede it. */
const ALLOWED_BY_CUR: number[][] = [];
for (let c = 0; c < NT; c++) {
  ALLOWED_BY_CUR.push([]);
  for (let p = 0; p < NT; p++) if (ALLOWED[p]![c]) ALLOWED_BY_CUR[c]!.push(p);
}

/** Open-addressing table from 32-bit feature hashes to weight rows (key and row interleaved). */
export class FeatureTable {
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let cap = 1;
    while (cap < capacity * 2) cap <<= 1;
    this.slots = new Int32Array(cap * 2).fill(-1);
    this.mask = cap - 1;
  }

  get(key: number): number {
    const slots = this.slots;
    const k = key | 0;
    let i = (key ^ (key >>> 15)) & this.mask;
    for (;;) {
      const r = slots[2 * i + 1]!;
      if (r < 0) return -1;
      if (slots[2 * i] === k) return r;
      i = (i + 1) & this.mask;
    }
  }

  /** Row of `key`, adding it with the next free row when absent. */
  intern(key: number): number {
    const k = key | 0;
    let i = (key ^ (key >>> 15)) & this.mask;
    for (;;) {
      const r = this.slots[2 * i + 1]!;
      if (r < 0) break;
      if (this.slots[2 * i] === k) return r;
      i = (i + 1) & this.mask;
    }
    if ((this.size + 1) * 2 > this.mask + 1) {
      this.grow();
      return this.intern(key);
    }
    this.slots[2 * i] = k;
    this.slots[2 * i + 1] = this.size;
    return this.size++;
  }

  private grow(): void {
    const old = this.entries();
    const cap = (this.mask + 1) * 2;
    this.slots = new Int32Array(cap * 2).fill(-1);
    this.mask = cap - 1;
    this.size = 0;
    for (const [k] of old) this.intern(k);
  }

  /** Calls `f(key, row)` for every entry, in table order. */
  forEach(f: (key: number, row: number) => void): void {
    const slots = this.slots;
    for (let i = 0; i <= this.mask; i++) if (slots[2 * i + 1]! >= 0) f(slots[2 * i]! >>> 0, slots[2 * i + 1]!);
  }

  /** [key (uint32), row] pairs in row order. */
  entries(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i <= this.mask; i++) if (this.slots[2 * i + 1]! >= 0) out.push([this.slots[2 * i]! >>> 0, this.slots[2 * i + 1]!]);
    return out.sort((a, b) => a[1] - b[1]);
  }
}

interface SerializedChain {
  /** Feature hashes (uint32, base64), one per weight row. */
  keys: string;
  /** Weights, row-major (keys × tags), int16 scaled by `scale` (base64). */
  weights: string;
  transitions: number[];
  scale: number;
}

export interface SerializedModel {
  version: 2;
  tags: readonly string[];
  lexicon: [string, number][];
  stages: SerializedChain[];
  meta: Record<string, unknown>;
}

/** Weights as stored in the model file: int16, to be divided by `scale`. */
export interface QuantizedWeights {
  weights: Int16Array;
  scale: number;
}

/** One linear-chain scorer: feature weights per tag plus tag transitions. */
export class Chain {
  constructor(
    readonly table: FeatureTable,
    readonly weights: Float32Array,
    readonly transitions: Float32Array,
    /** The int16 weights this chain was read from (null for a freshly trained chain). */
    private quantizedFrom: QuantizedWeights | null = null,
  ) {}

  /** Weight rows of each token's features (`extra`: more features per token, e.g. stacked). */
  rows(features: Uint32Array[], extra: Uint32Array[] | null = null): Int32Array[] {
    const table = this.table;
    return features.map((fs, i) => {
      const more = extra ? extra[i]! : null;
      const ids = new Int32Array(fs.length + (more ? more.length : 0));
      let k = 0;
      for (let j = 0; j < fs.length; j++) {
        const r = table.get(fs[j]!);
        if (r >= 0) ids[k++] = r;
      }
      if (more) {
        for (let j = 0; j < more.length; j++) {
          const r = table.get(more[j]!);
          if (r >= 0) ids[k++] = r;
        }
      }
      return ids.subarray(0, k);
    });
  }

  tag(features: Uint32Array[], extra: Uint32Array[] | null = null): Uint8Array {
    return Uint8Array.from(viterbi(this.rows(features, extra), this.weights, this.transitions));
  }

  /** True when the chain was read from a model file (its weights are exactly int16 / scale). */
  get isQuantized(): boolean {
    return this.quantizedFrom !== null;
  }

  /** The int16 weights of the model file (computed as serialize() writes them for a trained chain). */
  quantized(): QuantizedWeights {
    if (this.quantizedFrom) return this.quantizedFrom;
    let max = 0;
    for (const w of this.weights) max = Math.max(max, Math.abs(w));
    for (const w of this.transitions) max = Math.max(max, Math.abs(w));
    const scale = max > 0 ? 32767 / max : 1;
    const q = new Int16Array(this.weights.length);
    for (let i = 0; i < q.length; i++) q[i] = Math.round(this.weights[i]! * scale);
    return { weights: q, scale };
  }

  serialize(): SerializedChain {
    const { weights, scale } = this.quantized();
    const keys = Uint32Array.from(this.table.entries().map((e) => e[0]));
    return {
      keys: Buffer.from(keys.buffer).toString('base64'),
      weights: Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength).toString('base64'),
      transitions: [...this.transitions],
      scale,
    };
  }

  static deserialize(c: SerializedChain): Chain {
    const rawK = Buffer.from(c.keys, 'base64');
    const keys = new Uint32Array(rawK.buffer.slice(rawK.byteOffset, rawK.byteOffset + rawK.byteLength));
    const rawW = Buffer.from(c.weights, 'base64');
    const q = new Int16Array(rawW.buffer.slice(rawW.byteOffset, rawW.byteOffset + rawW.byteLength));
    const weights = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) weights[i] = q[i]! / c.scale;
    const table = new FeatureTable(keys.length);
    for (const k of keys) table.intern(k);
    return new Chain(table, weights, Float32Array.from(c.transitions), { weights: q, scale: c.scale });
  }
}

/** The attribution tagger: a cue lexicon and one or two stacked chains. */
export class Model {
  constructor(
    readonly lexicon: Map<string, number>,
    readonly stages: Chain[],
    readonly meta: Record<string, unknown> = {},
  ) {}

  serialize(): Buffer {
    const m: SerializedModel = {
      version: 2,
      tags: TAGS,
      lexicon: [...this.lexicon.entries()].map(([w, p]) => [w, Math.round(p * 1000) / 1000]),
      stages: this.stages.map((s) => s.serialize()),
      meta: this.meta,
    };
    return gzipSync(JSON.stringify(m), { level: 9 });
  }

  static deserialize(data: Buffer): Model {
    const m = JSON.parse(gunzipSync(data).toString('utf8')) as SerializedModel;
    return new Model(new Map(m.lexicon), m.stages.map(Chain.deserialize), m.meta);
  }
}

/** Role of a tag index: 0 O, 1 source, 2 cue, 3 content. */
export function roleOf(tag: number): number {
  return tag === 0 ? 0 : tag <= 2 ? 1 : tag <= 4 ? 2 : 3;
}

let scoreBuf = new Float64Array(1024 * NT);
let backBuf = new Int8Array(1024 * NT);
let emitBuf = new Float64Array(1024 * NT);

/** Best tag sequence (indices into TAGS) for a sequence of feature-row lists. */
export function viterbi(ids: Int32Array[], weights: Float32Array, transitions: Float32Array): number[] {
  const n = ids.length;
  if (n === 0) return [];
  if (emitBuf.length < n * NT) emitBuf = new Float64Array(n * NT * 2);
  const emit = emitBuf;
  for (let i = 0; i < n; i++) {
    let e0 = 0, e1 = 0, e2 = 0, e3 = 0, e4 = 0, e5 = 0, e6 = 0;
    const row = ids[i]!;
    for (let k = 0; k < row.length; k++) {
      const b = row[k]! * NT;
      e0 += weights[b]!;
      e1 += weights[b + 1]!;
      e2 += weights[b + 2]!;
      e3 += weights[b + 3]!;
      e4 += weights[b + 4]!;
      e5 += weights[b + 5]!;
      e6 += weights[b + 6]!;
    }
    const o = i * NT;
    emit[o] = e0; emit[o + 1] = e1; emit[o + 2] = e2; emit[o + 3] = e3; emit[o + 4] = e4; emit[o + 5] = e5; emit[o + 6] = e6;
  }
  return Array.from(decodeEmissions(emit, n, transitions, new Uint8Array(n)));
}

/** Best valid tag sequence given token × tag scores (`emit`, n × NT), written to `out`. */
export function decodeEmissions(emit: Float64Array, n: number, transitions: Float32Array, out: Uint8Array): Uint8Array {
  if (n === 0) return out;
  if (scoreBuf.length < n * NT) {
    scoreBuf = new Float64Array(n * NT * 2);
    backBuf = new Int8Array(n * NT * 2);
  }
  const score = scoreBuf;
  const back = backBuf;
  for (let i = 0; i < n; i++) {
    const base = i * NT;
    for (let c = 0; c < NT; c++) {
      let best = -Infinity;
      let arg = 0;
      if (i === 0) {
        if (ALLOWED[START]![c]) best = transitions[START * NT + c]!;
      } else {
        const allowed = ALLOWED_BY_CUR[c]!;
        for (let a = 0; a < allowed.length; a++) {
          const p = allowed[a]!;
          const v = score[base - NT + p]! + transitions[p * NT + c]!;
          if (v > best) {
            best = v;
            arg = p;
          }
        }
      }
      score[base + c] = best + emit[base + c]!;
      back[base + c] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let c = 0; c < NT; c++) {
    if (score[(n - 1) * NT + c]! > best) {
      best = score[(n - 1) * NT + c]!;
      arg = c;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * NT + arg]!;
  }
  return out;
}

/** Averaged structured perceptron trainer. */
export class PerceptronTrainer {
  weights: Float32Array;
  private acc: Float32Array;
  transitions = new Float32Array((NT + 1) * NT);
  private accT = new Float32Array((NT + 1) * NT);
  private step = 1;

  constructor(readonly nFeatures: number) {
    this.weights = new Float32Array(nFeatures * NT);
    this.acc = new Float32Array(nFeatures * NT);
  }

  /** One online update on one sequence; returns the number of wrong tags before the update. */
  update(ids: Int32Array[], gold: Uint8Array): number {
    const pred = viterbi(ids, this.weights, this.transitions);
    let wrong = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] !== gold[i]) wrong++;
    if (wrong > 0) {
      const c = this.step;
      for (let i = 0; i < pred.length; i++) {
        const g = gold[i]!;
        const p = pred[i]!;
        const gPrev = i === 0 ? START : gold[i - 1]!;
        const pPrev = i === 0 ? START : pred[i - 1]!;
        if (g !== p) {
          for (const f of ids[i]!) {
            this.weights[f * NT + g] += 1;
            this.acc[f * NT + g] += c;
            this.weights[f * NT + p] -= 1;
            this.acc[f * NT + p] -= c;
          }
        }
        if (g !== p || gPrev !== pPrev) {
          this.transitions[gPrev * NT + g] += 1;
          this.accT[gPrev * NT + g] += c;
          this.transitions[pPrev * NT + p] -= 1;
          this.accT[pPrev * NT + p] -= c;
        }
      }
    }
    this.step++;
    return wrong;
  }

  /** Averaged weights (w - acc/step). */
  averaged(): { weights: Float32Array; transitions: Float32Array } {
    const w = new Float32Array(this.weights.length);
    for (let i = 0; i < w.length; i++) w[i] = this.weights[i]! - this.acc[i]! / this.step;
    const t = new Float32Array(this.transitions.length);
    for (let i = 0; i < t.length; i++) t[i] = this.transitions[i]! - this.accT[i]! / this.step;
    return { weights: w, transitions: t };
  }
}
