// Trains the attribution tagger on PolNeAR train (`npm run train:quotes`).
// Deterministic: fixed sequence order per epoch from a seeded shuffle; writes models/quotes.model.gz.
// Usage: tsx src/language/quotes/train.ts [--epochs N] [--train PATH] [--dev PATH] [--out PATH]
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sequenceFeatures } from './features.js';
import { Chain, FeatureTable, Model, PerceptronTrainer, TAGS, NT, roleOf } from './tagger.js';
import { paragraphs, type QToken } from './tokens.js';
import { findAttributions, tagSequence, NESTED_CUE_RATE } from './decode.js';
import { toBatchQuotes } from './index.js';

interface GoldSpan {
  start: number;
  end: number;
}
interface GoldAttribution {
  source: GoldSpan[] | null;
  cue: GoldSpan[] | null;
  content: GoldSpan[] | null;
}
interface Doc {
  id: string;
  text: string;
  attributions: GoldAttribution[];
}

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf('--' + name);
  return i >= 0 ? args[i + 1]! : dflt;
};
const TRAIN = opt('train', join(repo, '../shared/data/polnear/train.jsonl'));
const DEV = opt('dev', join(repo, '../shared/data/polnear/dev.jsonl'));
const OUT = opt('out', join(repo, 'models/quotes.model.gz'));
const EPOCHS = Number(opt('epochs', '14'));

function readDocs(path: string): Doc[] {
  const seen = new Set<string>();
  const docs: Doc[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as Doc & { primary?: boolean };
    if (!r.primary || seen.has(r.id)) continue;
    seen.add(r.id);
    docs.push({ id: r.id, text: r.text, attributions: r.attributions ?? [] });
  }
  return docs;
}

const isTrim = (c: string) => /[\s`´\p{P}]/u.test(c);
function trim(text: string, s: number, e: number): [number, number] | null {
  let a = s;
  let b = e;
  while (a < b && isTrim(text[a]!)) a++;
  while (b > a && isTrim(text[b - 1]!)) b--;
  return a < b ? [a, b] : e > s ? [s, e] : null;
}

const inside = (pos: number, pieces: GoldSpan[] | null) => !!pieces && pieces.some((p) => pos >= p.start && pos < p.end);

/** Nesting depth of each attribution: how many other contents contain its cue. */
function depths(atts: GoldAttribution[]): number[] {
  return atts.map((a, i) => {
    if (!a.cue?.length) return 0;
    const c = a.cue[0]!.start;
    return atts.filter((b, j) => j !== i && inside(c, b.content)).length;
  });
}

function label(tokens: QToken[], text: string, atts: GoldAttribution[]): Uint8Array {
  const y = new Uint8Array(tokens.length);
  const mark = (pieces: GoldSpan[] | null, role: 'S' | 'C' | 'Q') => {
    for (const p of pieces ?? []) {
      const t = trim(text, p.start, p.end);
      if (!t) continue;
      let first = true;
      for (let i = 0; i < tokens.length; i++) {
        const tok = tokens[i]!;
        const ov = Math.min(tok.end, t[1]) - Math.max(tok.start, t[0]);
        if (ov > 0 && 2 * ov >= tok.end - tok.start) {
          y[i] = TAGS.indexOf((first ? 'B-' : 'I-') + role as (typeof TAGS)[number]);
          first = false;
        } else if (!first && tok.start >= t[1]) break;
      }
    }
  };
  for (const a of atts) mark(a.content, 'Q');
  for (const a of atts) mark(a.source, 'S');
  for (const a of atts) mark(a.cue, 'C');
  return y;
}

interface Sequence {
  tokens: QToken[];
  nested: boolean;
  gold: Uint8Array;
}

function sequences(doc: Doc, lexicon: Map<string, number>): Sequence[] {
  const paras = paragraphs(doc.text);
  const atts = doc.attributions.filter((a) => a.cue?.length && a.content?.length);
  const depth = depths(atts);
  const out: Sequence[] = [];
  const top = atts.filter((_, i) => depth[i] === 0);
  for (const p of paras) out.push({ tokens: p.tokens, nested: false, gold: label(p.tokens, doc.text, top) });
  if (!NESTED) return out;
  const allTokens = paras.flatMap((p) => p.tokens);
  atts.forEach((b, bi) => {
    const start = Math.min(...b.content!.map((c) => c.start));
    const end = Math.max(...b.content!.map((c) => c.end));
    const tokens = allTokens.filter((t) => t.start >= start && t.end <= end);
    // as at run time: only contents with a likely cue word are tagged again
    if (tokens.length < 4 || !tokens.some((t) => (lexicon.get(t.lower) ?? 0) >= NESTED_CUE_RATE)) return;
    const children = atts.filter((a, ai) => ai !== bi && depth[ai] === depth[bi]! + 1 && inside(a.cue![0]!.start, b.content));
    out.push({ tokens, nested: true, gold: label(tokens, doc.text, children) });
  });
  return out;
}

function buildLexicon(docs: Doc[]): Map<string, number> {
  const total = new Map<string, number>();
  const inCue = new Map<string, number>();
  for (const d of docs) {
    for (const p of paragraphs(d.text)) {
      for (const t of p.tokens) {
        total.set(t.lower, (total.get(t.lower) ?? 0) + 1);
        if (d.attributions.some((a) => a.cue?.some((c) => t.start >= c.start && t.end <= c.end))) {
          inCue.set(t.lower, (inCue.get(t.lower) ?? 0) + 1);
        }
      }
    }
  }
  const lex = new Map<string, number>();
  for (const [w, c] of inCue) {
    if (c >= 2 && /\p{L}/u.test(w)) lex.set(w, c / total.get(w)!);
  }
  return lex;
}

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function evaluate(model: Model, dev: Doc[], devPath: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'quotes-'));
  const pred = join(dir, 'pred.jsonl');
  const lines = dev.map((d) => {
    const atts = findAttributions(d.text, paragraphs(d.text), model);
    return JSON.stringify({ id: d.id, quotes: toBatchQuotes(atts) });
  });
  writeFileSync(pred, lines.join('\n') + '\n');
  const out = execFileSync('python3', [join(repo, '../shared/eval/quote_score.py'), devPath, pred], { encoding: 'utf8' });
  rmSync(dir, { recursive: true });
  return out;
}

interface Example {
  doc: Doc;
  seq: Sequence;
  fold: number;
}

/** Trains one chain on `rows` (feature rows per token) and prunes negligible features. */
function trainChain(
  table: FeatureTable,
  data: { rows: Int32Array[]; gold: Uint8Array }[],
  epochs: number,
  seed: number,
  log: (s: string) => void,
): Chain {
  const trainer = new PerceptronTrainer(table.size);
  const rand = mulberry32(seed);
  const order = data.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let wrong = 0;
    for (const k of order) wrong += trainer.update(data[k]!.rows, data[k]!.gold);
    log(`epoch ${epoch}: ${wrong} wrong tags`);
  }
  const { weights, transitions } = trainer.averaged();
  const strength: [number, number, number][] = [];
  for (const [key, row] of table.entries()) {
    let m = 0;
    for (let t = 0; t < NT; t++) m = Math.max(m, Math.abs(weights[row * NT + t]!));
    if (m >= PRUNE) strength.push([m, key, row]);
  }
  strength.sort((a, b) => b[0] - a[0] || a[2] - b[2]);
  const kept = new FeatureTable(Math.min(KEEP, strength.length));
  const rows: number[] = [];
  for (const [, key, row] of strength.slice(0, KEEP)) {
    kept.intern(key);
    rows.push(row);
  }
  const w = new Float32Array(rows.length * NT);
  rows.forEach((r, i) => w.set(weights.subarray(r * NT, r * NT + NT), i * NT));
  log(`kept ${rows.length} of ${table.size} features`);
  return new Chain(kept, w, transitions);
}

const PRUNE = Number(opt('prune', '0.1'));
const KEEP = Number(opt('keep', '200000'));
// PolNeAR annotates no attribution inside another's content, so nested sequences are off by default.
const NESTED = args.includes('--nested');
const STAGES = Number(opt('stages', '2'));

function main(): void {
  const t0 = Date.now();
  const log = (m: string) => console.error(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  const train = readDocs(TRAIN);
  const dev = readDocs(DEV);
  const lexicon = buildLexicon(train);
  const examples: Example[] = [];
  train.forEach((doc, di) => {
    for (const seq of sequences(doc, lexicon)) examples.push({ doc, seq, fold: di % 2 });
  });
  const tokens = examples.reduce((n, e) => n + e.seq.tokens.length, 0);
  log(`train: ${train.length} docs, ${examples.length} sequences, ${tokens} tokens`);

  const featurize = (priors: (Uint8Array | null)[]) => {
    const table = new FeatureTable(1 << 20);
    const data = examples.map((e, i) => ({
      rows: sequenceFeatures(e.seq.tokens, e.doc.text, lexicon, e.seq.nested, priors[i]!).map((fs) =>
        Int32Array.from(fs, (h) => table.intern(h)),
      ),
      gold: e.seq.gold,
    }));
    return { table, data };
  };

  const stages: Chain[] = [];
  let priors: (Uint8Array | null)[] = examples.map(() => null);
  for (let stage = 0; stage < STAGES; stage++) {
    const { table, data } = featurize(priors);
    log(`stage ${stage + 1}: ${table.size} features`);
    stages.push(trainChain(table, data, EPOCHS, 12345 + stage, log));
    if (stage + 1 < STAGES) {
      // jackknife: roles for each fold predicted by a chain trained on the other fold
      const next: (Uint8Array | null)[] = examples.map(() => null);
      for (const fold of [0, 1]) {
        const chain = trainChain(table, data.filter((_, i) => examples[i]!.fold !== fold), EPOCHS, 777 + fold, log);
        const partial = new Model(lexicon, [...stages.slice(0, stage), chain]);
        examples.forEach((e, i) => {
          if (e.fold !== fold) return;
          const tags = tagSequence(e.seq.tokens, e.doc.text, partial, e.seq.nested);
          next[i] = Uint8Array.from(tags, (t) => roleOf(TAGS.indexOf(t)));
        });
      }
      priors = next;
    }
  }
  const model = new Model(lexicon, stages, {
    trainedOn: 'PolNeAR train.jsonl (primary annotations)',
    epochs: EPOCHS,
    stages: STAGES,
    prune: PRUNE,
    trainTokens: tokens,
  });
  writeFileSync(OUT, model.serialize());
  log(`wrote ${OUT}`);
  const reloaded = Model.deserialize(readFileSync(OUT));
  console.log(evaluate(reloaded, dev, DEV));
}

main();
