// Trains the NER model: `npm run train:ner [-- --epochs N]`. Deterministic.
//  1. learns word clusters and casing statistics from unlabeled news text in ../shared/data
//     (Timeline17 articles, PolNeAR articles, the CoNLL training text),
//  2. builds gazetteers from the CoNLL training entities (jack-knifed over 5 folds of documents
//     for the training features, so the model does not learn to trust them blindly),
//  3. trains an averaged structured perceptron with Viterbi decoding on eng.train,
//     reporting eng.testa F1 after each epoch, and writes models/ner.model.
// `--convert OLD.json.gz` rewrites a model of the first (JSON) format in the current one instead.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { learnLexicon, prng } from './clusters.js';
import { buildGazetteer, FeatureExtractor, HISTORY_FEATURES, LABELS, predictionHistory, withHistory, type Gazetteer, type Lexicon } from './features.js';
import { convertJsonModel, L, saveModel, viterbi } from './model.js';
import { tokenize } from '../segment.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const MODEL_PATH = fileURLToPath(new URL('../../../models/ner.model', import.meta.url));

export interface LabeledSentence {
  words: string[];
  tags: string[]; // IOB2
}
export type Doc = LabeledSentence[];

/** Reads a CoNLL-2003 file (IOB1 tags in the last column) into documents with IOB2 tags. */
export function readConll(path: string): Doc[] {
  const docs: Doc[] = [];
  let doc: Doc = [];
  let words: string[] = [];
  let tags: string[] = [];
  const endSentence = () => {
    if (words.length) doc.push({ words, tags: toIob2(tags) });
    words = [];
    tags = [];
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      endSentence();
      if (doc.length) docs.push(doc);
      doc = [];
    } else if (line.trim() === '') endSentence();
    else {
      const cols = line.trim().split(/\s+/);
      words.push(cols[0]!);
      tags.push(cols[cols.length - 1]!);
    }
  }
  endSentence();
  if (doc.length) docs.push(doc);
  return docs;
}

export function toIob2(tags: string[]): string[] {
  return tags.map((t, i) => {
    if (t === 'O' || t.startsWith('B-')) return t;
    const type = t.slice(2);
    const prev = i > 0 ? tags[i - 1]! : 'O';
    return prev === 'O' || prev.slice(2) !== type ? 'B-' + type : 'I-' + type;
  });
}

export function spans(tags: string[]): string[] {
  const out: string[] = [];
  let start = -1;
  let type = '';
  for (let i = 0; i <= tags.length; i++) {
    const t = tags[i] ?? 'O';
    if (start >= 0 && !(t.startsWith('I-') && t.slice(2) === type)) {
      out.push(`${start}:${i}:${type}`);
      start = -1;
    }
    if (t.startsWith('B-') || (t.startsWith('I-') && start < 0)) {
      start = i;
      type = t.slice(2);
    }
  }
  return out;
}

/** Exact-span micro F1 over all types and over PER/LOC/ORG. */
export function f1(gold: string[][], pred: string[][]): { all: number; plo: number } {
  const count = (filter: (s: string) => boolean) => {
    let tp = 0, np = 0, ng = 0;
    gold.forEach((g, i) => {
      const gs = new Set(spans(g).filter(filter));
      const ps = spans(pred[i]!).filter(filter);
      ng += gs.size;
      np += ps.length;
      for (const s of ps) if (gs.has(s)) tp++;
    });
    return np && ng ? (2 * tp) / (np + ng) : 0;
  };
  return { all: count(() => true), plo: count((s) => !s.endsWith('MISC')) };
}

function* unlabeledSentences(train: Doc[], includeTrain: boolean): Generator<string[]> {
  if (includeTrain) for (const d of train) for (const s of d) yield s.words;
  const t17 = DATA + 't17/';
  for (const dir of readdirSync(t17).sort()) {
    const p = `${t17}${dir}/articles.jsonl`;
    if (!existsSync(p)) continue;
    for (const line of readFileSync(p, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const text = (JSON.parse(line) as { text: string }).text;
      for (const s of text.split('\n')) if (s.trim()) yield s.trim().split(/\s+/);
    }
  }
  const seen = new Set<string>();
  for (const f of ['polnear/train.jsonl', 'polnear/dev.jsonl']) {
    if (!existsSync(DATA + f)) continue;
    for (const line of readFileSync(DATA + f, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { id: string; text: string };
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      // Line-level sentences are enough for neighbour statistics.
      for (const para of r.text.split(/\n+/)) {
        const toks = tokenize(para).map((t) => t.text);
        if (toks.length) yield toks;
      }
    }
  }
}

function entitiesOf(docs: Doc[]): [string[], string][] {
  const out: [string[], string][] = [];
  for (const d of docs)
    for (const s of d)
      for (const sp of spans(s.tags)) {
        const [a, b, type] = sp.split(':');
        out.push([s.words.slice(Number(a), Number(b)), type!]);
      }
  return out;
}

function main(): void {
  const args = process.argv.slice(2);
  const arg = (name: string, def: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1]! : def;
  };
  const epochs = Number(arg('--epochs', '10'));
  const out = arg('--out', MODEL_PATH);
  const lexiconCache = arg('--lexicon-cache', '');
  const minCount = Number(arg('--min-count', '1'));
  const twoStage = !args.includes('--one-stage');
  const convert = arg('--convert', '');
  if (convert) {
    console.error(`wrote ${out}: ${(convertJsonModel(convert, out) / 1e6).toFixed(2)} MB`);
    return;
  }
  const t0 = Date.now();
  const log = (m: string) => console.error(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

  const train = readConll(DATA + 'conll2003/eng.train');
  const dev = readConll(DATA + 'conll2003/eng.testa');
  log(`train ${train.length} docs, dev ${dev.length} docs`);

  let lexicon: Lexicon;
  if (lexiconCache && existsSync(lexiconCache)) {
    const c = JSON.parse(readFileSync(lexiconCache, 'utf8')) as { clusters: [string, string[]][]; capRatio: [string, string][] };
    lexicon = { clusters: new Map(c.clusters), capRatio: new Map(c.capRatio) };
    log('lexicon from cache');
  } else {
    const levels = arg('--levels', '32,160,640').split(',').map(Number) as [number, number, number];
    lexicon = learnLexicon(unlabeledSentences(train, !args.includes('--no-train-text')), { levels }).lexicon;
    if (lexiconCache) writeFileSync(lexiconCache, JSON.stringify({ clusters: [...lexicon.clusters], capRatio: [...lexicon.capRatio] }));
    log(`lexicon: ${lexicon.clusters.size} clustered words, ${lexicon.capRatio.size} casing ratios`);
  }

  // Jack-knifed gazetteers: documents of fold k see the entities of the other folds only.
  const FOLDS = 5;
  const foldGazetteers: Gazetteer[] = [];
  for (let k = 0; k < FOLDS; k++) foldGazetteers.push(buildGazetteer(entitiesOf(train.filter((_, i) => i % FOLDS !== k))));
  const fullGazetteer = buildGazetteer(entitiesOf(train));

  // Pass 1: count features; keep those seen at least `minCount` times.
  const counts = new Map<string, number>();
  const counter = new FeatureExtractor(lexicon, (f) => {
    counts.set(f, (counts.get(f) ?? 0) + 1);
    return -1;
  }, 0);
  train.forEach((d, i) => counter.document(d.map((s) => s.words), foldGazetteers[i % FOLDS]!));
  const features = new Map<string, number>();
  for (const [f, c] of [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (c >= minCount) features.set(f, features.size);
  if (twoStage) for (const f of HISTORY_FEATURES) if (!features.has(f)) features.set(f, features.size);
  log(`${features.size} features (of ${counts.size})`);

  const extractor = new FeatureExtractor(lexicon, (f) => features.get(f) ?? -1);
  const labelIndex = new Map<string, number>(LABELS.map((l, i) => [l, i]));
  const trainItems: { feats: Int32Array[]; gold: Int32Array }[] = [];
  train.forEach((d, i) => {
    const feats = extractor.document(d.map((s) => s.words), foldGazetteers[i % FOLDS]!);
    d.forEach((s, j) => trainItems.push({ feats: feats[j]!, gold: Int32Array.from(s.tags, (t) => labelIndex.get(t)!) }));
  });
  const devFeats = dev.map((d) => extractor.document(d.map((s) => s.words), fullGazetteer));
  const devGold = dev.flatMap((d) => d.map((s) => s.tags));
  log(`features extracted for ${trainItems.length} training sentences`);

  const F = features.size;
  const evaluate = (feats: Int32Array[][][], aw: Float32Array, at: Float32Array) => {
    const pred = feats.flatMap((d) => d.map((f) => Array.from(viterbi(f, aw, at), (y) => LABELS[y]!)));
    return f1(devGold, pred);
  };
  const report = (name: string, score: { plo: number; all: number }) =>
    log(`${name}: dev F1 PER/LOC/ORG ${(100 * score.plo).toFixed(2)}, all ${(100 * score.all).toFixed(2)}`);

  const stage1 = trainPerceptron(trainItems, F, epochs, 7, (epoch, w, errors) =>
    report(`stage 1 epoch ${epoch} (${errors} sentences wrong)`, evaluate(devFeats, w.weights, w.transitions)),
  );
  let stage2: { weights: Float32Array; transitions: Float32Array } | undefined;
  let score = evaluate(devFeats, stage1.weights, stage1.transitions);
  if (twoStage) {
    // First-pass labels of the training documents come from models that did not see them (5 folds).
    const docOfItem: number[] = [];
    train.forEach((d, i) => d.forEach(() => docOfItem.push(i)));
    const firstPass: Int32Array[] = new Array(trainItems.length);
    for (let k = 0; k < FOLDS; k++) {
      const inFold = (i: number) => docOfItem[i]! % FOLDS === k;
      const model = trainPerceptron(trainItems.filter((_, i) => !inFold(i)), F, epochs, 11 + k);
      trainItems.forEach((item, i) => {
        if (inFold(i)) firstPass[i] = viterbi(item.feats, model.weights, model.transitions);
      });
      log(`stage 1 fold ${k + 1}/${FOLDS} done`);
    }
    const lookup = (f: string) => features.get(f) ?? -1;
    const stage2Items: Item[] = [];
    let offset = 0;
    for (const d of train) {
      const items = trainItems.slice(offset, offset + d.length);
      const history = predictionHistory(d.map((s) => s.words), firstPass.slice(offset, offset + d.length), lookup);
      const feats = withHistory(items.map((x) => x.feats), history);
      items.forEach((x, j) => stage2Items.push({ feats: feats[j]!, gold: x.gold }));
      offset += d.length;
    }
    const devStage2 = dev.map((d, i) => {
      const first = devFeats[i]!.map((f) => viterbi(f, stage1.weights, stage1.transitions));
      return withHistory(devFeats[i]!, predictionHistory(d.map((s) => s.words), first, lookup));
    });
    stage2 = trainPerceptron(stage2Items, F, epochs, 13, (epoch, w, errors) =>
      report(`stage 2 epoch ${epoch} (${errors} sentences wrong)`, evaluate(devStage2, w.weights, w.transitions)),
    );
    score = evaluate(devStage2, stage2.weights, stage2.transitions);
  }
  const saved = saveModel(out, { features, weights: stage1.weights, transitions: stage1.transitions, gazetteer: fullGazetteer, lexicon, ...(stage2 ? { stage2 } : {}) }, {
    trainedOn: 'CoNLL-2003 eng.train',
    epochs,
    twoStage,
    devF1: { perLocOrg: score.plo, all: score.all },
  });
  log(`wrote ${out}: ${saved.features} features, ${(saved.bytes / 1e6).toFixed(1)} MB; dev F1 PER/LOC/ORG ${(100 * score.plo).toFixed(2)}, all ${(100 * score.all).toFixed(2)}`);
}

interface Item {
  feats: Int32Array[];
  gold: Int32Array;
}

/** Averaged structured perceptron with Viterbi decoding; deterministic for a given seed. */
function trainPerceptron(
  items: Item[],
  F: number,
  epochs: number,
  seed: number,
  afterEpoch?: (epoch: number, averaged: { weights: Float32Array; transitions: Float32Array }, errors: number) => void,
): { weights: Float32Array; transitions: Float32Array } {
  const w = new Float32Array(F * L);
  const u = new Float64Array(F * L); // accumulated c·update, for averaging
  const tw = new Float32Array((L + 1) * L);
  const tu = new Float64Array((L + 1) * L);
  let c = 1;
  const rand = prng(seed);
  const order = items.map((_, i) => i);
  const averaged = () => {
    const weights = new Float32Array(F * L);
    for (let i = 0; i < weights.length; i++) weights[i] = w[i]! - u[i]! / c;
    const transitions = new Float32Array((L + 1) * L);
    for (let i = 0; i < transitions.length; i++) transitions[i] = tw[i]! - tu[i]! / c;
    return { weights, transitions };
  };
  const pred = new Int32Array(256);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    for (const idx of order) {
      const { feats, gold } = items[idx]!;
      const n = gold.length;
      const p = viterbi(feats, w, tw, n <= pred.length ? pred.subarray(0, n) : new Int32Array(n));
      let wrong = false;
      for (let t = 0; t < n; t++) if (p[t] !== gold[t]) wrong = true;
      if (wrong) {
        errors++;
        for (let t = 0; t < n; t++) {
          const g = gold[t]!;
          const q = p[t]!;
          if (g !== q) {
            for (const f of feats[t]!) {
              w[f * L + g]! += 1;
              u[f * L + g]! += c;
              w[f * L + q]! -= 1;
              u[f * L + q]! -= c;
            }
          }
          const gp = t > 0 ? gold[t - 1]! : L;
          const qp = t > 0 ? p[t - 1]! : L;
          if (gp !== qp || g !== q) {
            tw[gp * L + g]! += 1;
            tu[gp * L + g]! += c;
            tw[qp * L + q]! -= 1;
            tu[qp * L + q]! -= c;
          }
        }
      }
      c++;
    }
    if (afterEpoch) afterEpoch(epoch, averaged(), errors);
  }
  return averaged();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
