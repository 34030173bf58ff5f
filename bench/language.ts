// Language-stage speed benchmark (`npx tsx bench/language.ts [--articles N]`): CPU time per article
// of each stage (extract, segment, NER, entities, timex, quotes) on T17 news articles (bpoil_bbc,
// ~750 tokens each) and the articles/s that implies for the whole language pipeline on one core.
// The JIT and per-word caches are first warmed on articles of a different topic and outlet
// (--warmup, H1N1_guardian), so the figure is a long-running process meeting new articles, not a
// replay of the same ones. Measured with process.cpuUsage (user time), not wall time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { segment } from '../src/language/segment.js';
import { recognizeEntities } from '../src/language/ner/index.js';
import { resolveEntities } from '../src/language/entities.js';
import { findTimexes } from '../src/language/timex/index.js';
import { findQuotes } from '../src/language/quotes/index.js';
import { extract } from '../src/extract/index.js';

const repo = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf('--' + name);
  return i >= 0 ? args[i + 1]! : dflt;
};
const FILE = opt('file', join(repo, '../shared/data/t17/bpoil_bbc/articles.jsonl'));
const N = Number(opt('articles', '60'));
const WARMUP = opt('warmup', join(repo, '../shared/data/t17/H1N1_guardian/articles.jsonl'));

interface Row {
  text: string;
  published: string;
}
const load = (file: string) => readFileSync(file, 'utf8').trim().split('\n').slice(0, N).map((l) => JSON.parse(l) as Row);
const warmRows = load(WARMUP);
const rows = load(FILE);
const stages = ['extract', 'segment', 'ner', 'entities', 'timex', 'quotes'] as const;
const cpu = () => process.cpuUsage().user / 1000;

const perArticle: Record<string, number> = {};
let tokens = 0;
for (const [round, set] of [warmRows, rows].entries()) {
  const t: Record<string, number> = Object.fromEntries(stages.map((k) => [k, 0]));
  tokens = 0;
  for (const r of set) {
    let a = cpu();
    const x = extract({ text: r.text });
    t.extract! += cpu() - a;
    const text = x.text;
    a = cpu();
    const s = segment(text);
    t.segment! += cpu() - a;
    tokens += s.reduce((n, q) => n + q.tokens.length, 0);
    a = cpu();
    const m = recognizeEntities(text, s);
    t.ner! += cpu() - a;
    a = cpu();
    const e = resolveEntities(text, s, m);
    t.entities! += cpu() - a;
    a = cpu();
    const tx = findTimexes(text, { dct: r.published.slice(0, 10), sentences: s });
    t.timex! += cpu() - a;
    a = cpu();
    findQuotes(text, { sentences: s, mentions: m, entities: e, timexes: tx });
    t.quotes! += cpu() - a;
  }
  if (round === 1) for (const k of stages) perArticle[k] = t[k]! / set.length;
}

console.log(`articles ${rows.length}, tokens/article ${Math.round(tokens / rows.length)}, after ${warmRows.length} warm-up articles (CPU ms/article)`);
let total = 0;
for (const k of stages) {
  total += perArticle[k]!;
  console.log(`${k.padEnd(9)} ${perArticle[k]!.toFixed(2).padStart(7)} ms/article`);
}
console.log(`${'total'.padEnd(9)} ${total.toFixed(2).padStart(7)} ms/article = ${(1000 / total).toFixed(1)} articles/s on one core`);
