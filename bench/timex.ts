// Time-expression benchmark: TempEval-3 value/relaxed/strict F1 on TimeBank (development part) and
// AQUAINT split into aquaint-A (development) and aquaint-B (check) through the reference scorer, speed in tokens per second on one core, and
// the seeds' publication-date inference table (truth used only to print the comparison).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTimexes } from '../src/language/timex/index.js';
import { inferPublicationDate, inferPublicationDates } from '../src/language/published.js';
import { segment } from '../src/language/segment.js';

const shared = new URL('../../shared/', import.meta.url).pathname;
const seedsDir = new URL('../examples/seeds/', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'bench-timex-'));

interface Doc { id: string; dct: string; text: string; timexes?: unknown[] }

const readDocs = (part: string): Doc[] =>
  readFileSync(join(shared, 'data/te3', `${part}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Doc);

/**
 * AQUAINT split by document: ids sorted, even positions are aquaint-A (errors may be inspected),
 * odd positions aquaint-B (only its aggregate score is ever looked at).
 */
export function splitAquaint(docs: Doc[]): { a: Doc[]; b: Doc[] } {
  const ids = docs.map((d) => d.id).sort();
  const inA = new Set(ids.filter((_, i) => i % 2 === 0));
  return { a: docs.filter((d) => inA.has(d.id)), b: docs.filter((d) => !inA.has(d.id)) };
}

/** Predict with the batch tool's settings (its sentence segmentation) and score through the reference scorer. */
function score(name: string, docs: Doc[]): string {
  const gold = join(work, `${name}.gold.jsonl`);
  writeFileSync(gold, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const out = docs.map((d) => {
    const timexes = findTimexes(d.text, { dct: d.dct.slice(0, 10), sentences: segment(d.text) });
    return JSON.stringify({ id: d.id, timexes: timexes.map((t) => ({ start: t.start, end: t.end, type: t.type, value: t.value })) });
  });
  const pred = join(work, `${name}.pred.jsonl`);
  writeFileSync(pred, out.join('\n') + '\n');
  const res = execFileSync('python3', [join(shared, 'eval/timex_score.py'), gold, pred], { encoding: 'utf8' });
  return res.trim().split('\n').pop()!;
}

const timebank = readDocs('timebank');
const aquaint = readDocs('aquaint');
const { a: aquaintA, b: aquaintB } = splitAquaint(aquaint);
console.log(`TE3 TimeBank   (development, ${timebank.length} docs): ${score('timebank', timebank)}`);
console.log(`TE3 aquaint-A  (development, ${aquaintA.length} docs):  ${score('aquaint-A', aquaintA)}`);
console.log(`TE3 aquaint-B  (check, ${aquaintB.length} docs):        ${score('aquaint-B', aquaintB)}`);
console.log(`TE3 AQUAINT    (all, ${aquaint.length} docs):          ${score('aquaint', aquaint)}`);

// speed: all 256 documents, several rounds, tokens = whitespace-separated words
const docs = [...timebank, ...aquaint];
const tokens = docs.reduce((n, d) => n + d.text.split(/\s+/).filter(Boolean).length, 0);
for (const d of docs) findTimexes(d.text, { dct: d.dct.slice(0, 10) }); // warm-up
const rounds = 5;
// CPU time of this process, not wall time: on a shared machine wall time swings with the load.
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) for (const d of docs) findTimexes(d.text, { dct: d.dct.slice(0, 10) });
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const used = process.cpuUsage(cpu0);
const secs = (used.user + used.system) / 1e6;
console.log(`speed: ${Math.round((tokens * rounds) / secs).toLocaleString('en')} tokens per CPU-second (${tokens} tokens × ${rounds} rounds in ${secs.toFixed(2)} s CPU, ${wall.toFixed(2)} s wall, one thread)`);

// seeds: publication date inferred from plain text, alone and across the corpus
const truth = new Map(readFileSync(join(seedsDir, 'seeds.jsonl'), 'utf8').trim().split('\n').map((l) => {
  const d = JSON.parse(l) as { id: string; published: string };
  return [d.id, d.published.slice(0, 10)] as const;
}));
const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ id: f.replace(/\.txt$/, ''), text: readFileSync(join(seedsDir, f), 'utf8') }));
const corpus = inferPublicationDates(seeds);
console.log('\nseed                 truth       | alone: date (conf) range / year?        | corpus: date (conf) range');
for (const s of seeds) {
  const a = inferPublicationDate(s.text);
  const c = corpus.get(s.id)!;
  const fmt = (p: typeof a): string =>
    `${p.date ?? '—'} (${p.confidence.toFixed(2)}) ${p.range ? `${p.range.from}..${p.range.to}` : p.monthDayRange ? `MM-DD ${p.monthDayRange.from}..${p.monthDayRange.to ?? '?'}` : p.notBefore ? `≥ ${p.notBefore}` : '—'}${p.yearUnknown ? ' year unknown' : ''}`;
  console.log(`${s.id.padEnd(20)} ${truth.get(s.id)} | ${fmt(a).padEnd(40)} | ${fmt(c)}`);
}

// honesty of the inference on real news texts with known dates (PolNeAR dev + train, text only)
for (const part of ['dev', 'train']) {
  const rows = readFileSync(join(shared, 'data/polnear', `${part}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; date: string });
  let dated = 0, right = 0, ranged = 0, inRange = 0, bounded = 0, boundOk = 0, yearUnknown = 0;
  for (const r of rows) {
    const truth = String(r.date).slice(0, 10);
    const p = inferPublicationDate(r.text);
    if (p.date && p.confidence >= 0.5) { dated++; if (Math.abs(Date.parse(p.date) - Date.parse(truth)) <= 86400000) right++; }
    if (p.range) { ranged++; if (p.range.from <= truth && truth <= p.range.to) inRange++; }
    if (p.notBefore) { bounded++; if (p.notBefore <= truth) boundOk++; }
    if (p.yearUnknown) yearUnknown++;
  }
  console.log(`PolNeAR ${part} (${rows.length} texts): confident dates ${right}/${dated} within a day; ranges ${inRange}/${ranged} hold the truth; lower bounds ${boundOk}/${bounded} right; year unknown ${yearUnknown}`);
}

// Across a corpus where most articles are dated: PolNeAR train in ten folds, each fold's articles
// undated with the other nine folds as dated context. Counts how many texts that alone give no
// year get one from related dated articles, and whether every bound and range holds the truth.
{
  const seen = new Set<string>();
  const rows = readFileSync(join(shared, 'data/polnear/train.jsonl'), 'utf8').trim().split('\n')
    .map((l) => JSON.parse(l) as { id: string; text: string; date: string })
    .filter((r) => !seen.has(r.id) && !!seen.add(r.id));
  const folds = 10;
  let yearless = 0, gotYear = 0, bounded = 0, boundOk = 0, ranged = 0, rangeOk = 0;
  const started = Date.now();
  for (let f = 0; f < folds; f++) {
    const test = rows.filter((_, i) => i % folds === f);
    const context = rows.filter((_, i) => i % folds !== f).map((r) => ({ id: r.id, text: r.text, published: r.date.slice(0, 10) }));
    const est = inferPublicationDates(test.map((r) => ({ id: r.id, text: r.text })), { context });
    for (const r of test) {
      const truth = r.date.slice(0, 10);
      const p = est.get(r.id)!;
      if (inferPublicationDate(r.text).yearUnknown) {
        yearless++;
        if (!p.yearUnknown) gotYear++;
      }
      if (p.notBefore) { bounded++; if (p.notBefore <= truth) boundOk++; }
      if (p.range) { ranged++; if (p.range.from <= truth && truth <= p.range.to) rangeOk++; }
    }
  }
  console.log(`PolNeAR train, ten folds undated against the others dated (${rows.length} texts, ${((Date.now() - started) / 1000).toFixed(1)} s): ` +
    `year found for ${gotYear} of ${yearless} texts that give none; lower bounds ${boundOk}/${bounded} right; ranges ${rangeOk}/${ranged} hold the truth`);
}
