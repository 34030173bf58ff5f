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

export interface SerializedModel {
  version: 1;
  tags: readonly string[];
  lexicon: [string, number][];
  features: string[];
  /** Weights, feature-major (features.length × tags), scaled to int16 by `scale`. */
  weights: string;
  transitions: number[];
  scale: number;
  meta: Record<string, unknown>;
}

export class Model {
  constructor(
    readonly featureIndex: Map<string, number>,
    readonly weights: Float32Array,
    readonly transitions: Float32Array,
    readonly lexicon: Map<string, number>,
    readonly meta: Record<string, unknown> = {},
  ) {}

  featureIds(features: string[][]): Int32Array[] {
    return features.map((fs) => {
      const ids: number[] = [];
      for (const f of fs) {
        const id = this.featureIndex.get(f);
        if (id !== undefined) ids.push(id);
      }
      return Int32Array.from(ids);
    });
  }

  tag(features: string[][]): Tag[] {
    return viterbi(this.featureIds(features), this.weights, this.transitions).map((t) => TAGS[t]!);
  }

  serialize(): Buffer {
    let max = 0;
    for (const w of this.weights) max = Math.max(max, Math.abs(w));
    for (const w of this.transitions) max = Math.max(max, Math.abs(w));
    const scale = max > 0 ? 32767 / max : 1;
    const features = [...this.featureIndex.keys()];
    const q = new Int16Array(this.weights.length);
    for (let i = 0; i < q.length; i++) q[i] = Math.round(this.weights[i]! * scale);
    const model: SerializedModel = {
      version: 1,
      tags: TAGS,
      lexicon: [...this.lexicon.entries()].map(([w, p]) => [w, Math.round(p * 1000) / 1000]),
      features,
      weights: Buffer.from(q.buffer).toString('base64'),
      transitions: [...this.transitions].map((x) => Math.round(x * scale) / scale),
      scale,
      meta: this.meta,
    };
    return gzipSync(JSON.stringify(model), { level: 9 });
  }

  static deserialize(data: Buffer): Model {
    const m = JSON.parse(gunzipSync(data).toString('utf8')) as SerializedModel;
    const raw = Buffer.from(m.weights, 'base64');
    const q = new Int16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2);
    const weights = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) weights[i] = q[i]! / m.scale;
    const featureIndex = new Map<string, number>();
    m.features.forEach((f, i) => featureIndex.set(f, i));
    return new Model(featureIndex, weights, Float32Array.from(m.transitions), new Map(m.lexicon), m.meta);
  }
}

/** Best tag sequence (indices into TAGS) for a sequence of feature-id lists. */
export function viterbi(ids: Int32Array[], weights: Float32Array, transitions: Float32Array): number[] {
  const n = ids.length;
  if (n === 0) return [];
  const score = new Float64Array(n * NT);
  const back = new Int8Array(n * NT);
  const emit = new Float64Array(NT);
  for (let i = 0; i < n; i++) {
    emit.fill(0);
    for (const f of ids[i]!) {
      const base = f * NT;
      for (let t = 0; t < NT; t++) emit[t] += weights[base + t]!;
    }
    for (let c = 0; c < NT; c++) {
      let best = -Infinity;
      let arg = 0;
      if (i === 0) {
        if (ALLOWED[START]![c]) best = transitions[START * NT + c]!;
      } else {
        for (let p = 0; p < NT; p++) {
          if (!ALLOWED[p]![c]) continue;
          const s = score[(i - 1) * NT + p]! + transitions[p * NT + c]!;
          if (s > best) {
            best = s;
            arg = p;
          }
        }
      }
      score[i * NT + c] = best + emit[c]!;
      back[i * NT + c] = arg;
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
  const path = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    path[i] = arg;
    arg = back[i * NT + arg]!;
  }
  return path;
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
