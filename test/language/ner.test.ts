import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segment } from '../../src/language/segment.js';
import { analyze } from '../../src/language/index.js';
import { detectLanguage } from '../../src/extract/language.js';
import { iobSpans, nerModel, recognizeEntities, tagSentences } from '../../src/language/ner/index.js';
import { FeatureExtractor, predictionHistory, withHistory } from '../../src/language/ner/features.js';
import { loadModel, saveModel, viterbi } from '../../src/language/ner/model.js';

const CONLL_DEV = new URL('../../../shared/data/conll2003/eng.testa', import.meta.url);

function entities(text: string): string[] {
  return recognizeEntities(text, segment(text)).map((m) => `${m.label}:${m.text}`);
}

describe('recognizeEntities on real sentences', () => {
  it('is not run on text in another language: German nouns are not names', () => {
    // An electronic-health-record article from the extraction benchmark: the English model made
    // "Faktor-Authentifizierung vom Patienten" and "Nutzen von Daten" people.
    const gold = JSON.parse(readFileSync(new URL('../../../shared/data/aeb/ground-truth.json', import.meta.url), 'utf8')) as Record<string, { articleBody: string }>;
    const german = Object.values(gold).map((g) => g.articleBody).find((t) => t.includes('Patientenakte'))!;
    expect(detectLanguage(german, null)).toBe('de');
    const analysis = analyze(german, { dct: null, language: 'de' });
    expect(analysis.mentions).toEqual([]);
    expect(analysis.quotes).toEqual([]);
    expect(analysis.sentences.length).toBeGreaterThan(10);
    expect(analyze(german, { dct: null }).mentions.length).toBeGreaterThan(10); // what the English model would say
  });
  it('reads a name the text keeps using as a place as a place, not the model\'s guess of a person', () => {
    // PolNeAR: the model tags "Orlando" PER in 14 of its uses in one article ("Orlando mourned the
    // dead"), LOC in others ("at a gay nightclub in Orlando"); the locative uses decide.
    const polnear = readFileSync(new URL('../../../shared/data/polnear/train.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string });
    const orlando = polnear.find((d) => d.text.includes('Orlando mourned the dead'))!.text;
    const labels = new Set(recognizeEntities(orlando, segment(orlando)).filter((m) => m.text === 'Orlando').map((m) => m.label));
    expect([...labels]).toEqual(['LOC']);
    // A person stays a person: "EPIC Troll at Hillary" in an article that also writes "Hillary Clinton".
    const hillary = polnear.find((d) => d.text.includes('Troll at Hillary'))!.text;
    expect(recognizeEntities(hillary, segment(hillary)).filter((m) => m.text === 'Hillary').every((m) => m.label === 'PER')).toBe(true);
  });
  it('finds people, places and organisations in news text', () => {
    const found = entities(
      'Kremlin spokesman Dmitry Peskov said on Wednesday that Russian President Vladimir Putin and US President Joe Biden could meet in Geneva.',
    );
    expect(found).toEqual(expect.arrayContaining(['ORG:Kremlin', 'PER:Dmitry Peskov', 'PER:Vladimir Putin', 'PER:Joe Biden', 'LOC:Geneva']));
  });
  it('treats seats of government as organisations and keeps titles out of names', () => {
    const found = entities('The White House said NATO and the OSCE would meet in Moscow and Washington to discuss Ukraine. US Department of State Spokesman Ned Price agreed.');
    expect(found).toEqual(expect.arrayContaining(['ORG:White House', 'ORG:NATO', 'ORG:OSCE', 'LOC:Moscow', 'LOC:Washington', 'LOC:Ukraine', 'PER:Ned Price']));
  });
  it('gives offsets into the text', () => {
    const text = '“It is over,” said Finnish President Sauli Niinistö in Helsinki.';
    for (const m of recognizeEntities(text, segment(text))) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(entities(text)).toEqual(expect.arrayContaining(['PER:Sauli Niinistö', 'LOC:Helsinki']));
  });
  it('finds the organisations and places of the seed articles', () => {
    const text = readFileSync(new URL('../../examples/seeds/004_0c206504672e1e96.txt', import.meta.url), 'utf8');
    const found = new Set(entities(text));
    for (const e of ['ORG:NATO', 'ORG:OSCE', 'ORG:White House', 'LOC:Geneva', 'LOC:Moscow', 'LOC:Washington', 'LOC:Ukraine', 'PER:Yuri Ushakov', 'PER:Kamala Harris']) {
      expect(found).toContain(e);
    }
  });
});

/** The documents of the CoNLL dev set: sentences of words. */
function conllDocuments(): string[][][] {
  const docs: string[][][] = [];
  let doc: string[][] = [];
  let sentence: string[] = [];
  for (const line of readFileSync(CONLL_DEV, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-') || line.trim() === '') {
      if (sentence.length) doc.push(sentence);
      sentence = [];
      if (line.startsWith('-DOCSTART-') && doc.length) {
        docs.push(doc);
        doc = [];
      }
    } else sentence.push(line.split(' ')[0]!);
  }
  if (doc.length) docs.push(doc);
  return docs;
}

/** Labels by the training-time path: feature strings (features.ts), then Viterbi over summed weights. */
function referenceLabels(sentences: string[][]): number[][] {
  const { data } = nerModel();
  const lookup = (f: string) => data.features.get(f) ?? -1;
  const feats = new FeatureExtractor(data.lexicon, lookup).document(sentences, data.gazetteer);
  const first = feats.map((f) => viterbi(f, data.weights, data.transitions));
  const second = withHistory(feats, predictionHistory(sentences, first, lookup));
  return second.map((f) => Array.from(viterbi(f, data.stage2!.weights, data.stage2!.transitions)));
}

describe('the decoder (tagger.ts)', () => {
  it('decodes the same labels as the training-time features and Viterbi (CoNLL dev, seed articles)', () => {
    const docs = conllDocuments().slice(0, 60);
    for (const file of ['000_579504aca85b9f81.txt', '004_0c206504672e1e96.txt']) {
      const text = readFileSync(new URL(`../../examples/seeds/${file}`, import.meta.url), 'utf8');
      docs.push(segment(text).map((s) => s.tokens.map((t) => t.text)));
    }
    for (const d of docs) expect(nerModel().decodeDocument(d).map((labels) => Array.from(labels))).toEqual(referenceLabels(d));
  });
  it('decodes the same after its word tables are reset, and with spaces inside tokens', () => {
    const small = nerModel().newTagger(300);
    for (const d of conllDocuments().slice(0, 8)) expect(small.decodeDocument(d)).toEqual(nerModel().decodeDocument(d));
    const spaced = [['Officials', 'in', 'New York', 'and', 'New', 'York', 'City', 'met', 'Bill', 'Clinton', '.']];
    expect(nerModel().decodeDocument(spaced).map((labels) => Array.from(labels))).toEqual(referenceLabels(spaced));
  });
});

describe('tagSentences on CoNLL-2003', () => {
  it('tags the first 40 dev documents with F1 above 88 (PER/LOC/ORG)', () => {
    const docs: { words: string[]; gold: string[] }[][] = [];
    let doc: { words: string[]; gold: string[] }[] = [];
    let words: string[] = [];
    let gold: string[] = [];
    for (const line of readFileSync(CONLL_DEV, 'utf8').split('\n')) {
      if (line.startsWith('-DOCSTART-') || line.trim() === '') {
        if (words.length) doc.push({ words, gold });
        words = [];
        gold = [];
        if (line.startsWith('-DOCSTART-') && doc.length) {
          docs.push(doc);
          doc = [];
        }
        continue;
      }
      const cols = line.split(' ');
      words.push(cols[0]!);
      const t = cols[cols.length - 1]!;
      // IOB1 → IOB2
      const prev = gold[gold.length - 1] ?? 'O';
      gold.push(t.startsWith('I-') && (prev === 'O' || prev.slice(2) !== t.slice(2)) ? 'B-' + t.slice(2) : t);
    }
    let tp = 0, np = 0, ng = 0;
    for (const d of docs.slice(0, 40)) {
      const pred = tagSentences(d.map((s) => s.words));
      d.forEach((s, i) => {
        const key = ([a, b, l]: [number, number, string]) => `${a}:${b}:${l}`;
        const g = new Set(iobSpans(s.gold).filter((x) => x[2] !== 'MISC').map(key));
        const p = iobSpans(pred[i]!).filter((x) => x[2] !== 'MISC').map(key);
        ng += g.size;
        np += p.length;
        tp += p.filter((x) => g.has(x)).length;
        expect(pred[i]!.length).toBe(s.words.length);
      });
    }
    expect((2 * tp) / (np + ng)).toBeGreaterThan(0.88);
  });
});

describe('the model file (compiled.ts)', () => {
  it('saves what training produces and loads it back to the same decoder', () => {
    const model = nerModel();
    const { data } = model;
    expect(data.features.size).toBe(model.compiled.featureFamily.length);
    const dir = mkdtempSync(join(tmpdir(), 'ner-model-'));
    try {
      const path = join(dir, 'ner.model');
      // The training path: a feature table and float weights in, the binary file out.
      const saved = saveModel(path, data, { test: true });
      // (Re-quantising float weights that were 16-bit values may drop a feature or two at the threshold.)
      expect(saved.features).toBeGreaterThan(data.features.size * 0.999);
      const again = loadModel(path);
      expect(again.compiled.meta).toEqual({ test: true });
      expect(again.capitalisationBucket('german')).toBe(model.capitalisationBucket('german'));
      expect(again.gazetteerTypes('New York')).toEqual(model.gazetteerTypes('New York'));
      for (const d of conllDocuments().slice(0, 20)) expect(again.decodeDocument(d)).toEqual(model.decodeDocument(d));
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
