// bench:cluster — story clustering quality on T17 (BCubed/pairwise via ../shared/eval/cluster_score.py),
// speed, and the cost test: 50,000 articles (T17 repeated with shifted dates) through the linker,
// time per article for the first 5,000 vs the last 5,000, peak memory; and end-to-end
// extract + language + link throughput on a sample; story splits (issue #7): how many, and BCubed
// with splitting off (before) and on (after), on arrival and with merges and splits applied.
// Run: npm run bench:cluster [-- --quick] [-- --no-quality]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Analysis } from '../src/types.js';
import { createLinker, dayNumber, isoDay, MemoryKeyValueStore } from '../src/link/index.js';
import { analyzeForLinking } from '../src/link/analysis.js';

interface Row {
  id: string;
  published: string;
  text: string;
  topic: string;
}
const quick = process.argv.includes('--quick');
const skipQuality = process.argv.includes('--no-quality');
/** CPU time of this process in ms: speed figures that do not depend on what else the machine runs. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const data = new URL('../../shared/data/t17/', import.meta.url);
const scorer = new URL('../../shared/eval/cluster_score.py', import.meta.url).pathname;
const rows: Row[] = [];
for (const folder of readdirSync(data).sort()) {
  let lines: string[];
  try {
    lines = readFileSync(new URL(`${folder}/articles.jsonl`, data), 'utf8').trim().split('\n');
  } catch {
    continue;
  }
  for (const l of lines) {
    const r = JSON.parse(l) as { id: string; published: string; text: string };
    rows.push({ id: `${folder}/${r.id}`, published: r.published, text: r.text, topic: folder.split('_')[0]!.toLowerCase() });
  }
}
// As the scoreboard streams them: by publication date (stable).
rows.sort((a, b) => (a.published < b.published ? -1 : a.published > b.published ? 1 : 0));
const empty: Analysis = { sentences: [], mentions: [], entities: [], timexes: [], quotes: [] };
const tmp = mkdtempSync(join(tmpdir(), 'bench-cluster-'));
const f = (x: number, d = 3) => x.toFixed(d);

/** What linking reads of an article's analysis (its entities), kept between the runs with splitting off and on. */
const analyses = new Map<string, Analysis>();
/**
 * Streams articles through a linker and scores its stories. `forced` articles go first through a
 * linker that joins anything (weak early evidence lumping threads together), on the same store.
 */
function score(stream: Row[], useEntities: boolean, label: string, splitting = true, forced: Row[] = []): void {
  const store = new MemoryKeyValueStore();
  let linker = forced.length
    ? createLinker(store, { cluster: { storyThreshold: 1e-6, coverageThreshold: 1e-6, splitting: false } })
    : createLinker(undefined, { cluster: { splitting } });
  let tAnalysis = 0;
  let tLink = 0;
  const out: string[] = [];
  // Where each event's articles are now (splits move events; merges are followed at the end).
  const eventStory = new Map<string, string>();
  const mergedInto = new Map<string, string>();
  let splitCount = 0;
  let mergeCount = 0;
  let analysed = 0;
  const all = [...forced, ...stream];
  for (const [i, r] of all.entries()) {
    if (i === forced.length && forced.length) {
      linker.flush();
      linker = createLinker(store, { cluster: { splitting } });
    }
    let t = cpu();
    let analysis = empty;
    if (useEntities) {
      const cached = analyses.get(r.id);
      if (cached) analysis = cached;
      else {
        analysis = { ...empty, entities: analyzeForLinking(r.text).entities };
        analyses.set(r.id, analysis);
        analysed++;
      }
    }
    tAnalysis += cpu() - t;
    t = cpu();
    const x = linker.add({ id: r.id, published: r.published, title: '', text: r.text, source: null, analysis });
    tLink += cpu() - t;
    for (const m of x.merges) mergedInto.set(m.from, m.into);
    for (const sp of x.splits) for (const e of sp.eventIds) eventStory.set(e, sp.into);
    if (!eventStory.has(x.eventId)) eventStory.set(x.eventId, x.storyId);
    splitCount += x.splits.length;
    mergeCount += x.merges.length;
    out.push(JSON.stringify({ id: r.id, story: x.storyId, event: x.eventId }));
  }
  const resolve = (id: string) => {
    for (let n = 0; n < 100 && mergedInto.has(id); n++) id = mergedInto.get(id)!;
    return id;
  };
  const final = out.map((l) => {
    const x = JSON.parse(l) as { id: string; event: string };
    return JSON.stringify({ id: x.id, story: resolve(eventStory.get(x.event)!), event: x.event });
  });
  writeFileSync(join(tmp, 'pred.jsonl'), out.join('\n') + '\n');
  writeFileSync(join(tmp, 'final.jsonl'), final.join('\n') + '\n');
  writeFileSync(join(tmp, 'gold.tsv'), all.map((r) => `${r.id}\t${r.topic}`).join('\n') + '\n');
  const run = (key: string, pred = 'pred.jsonl') =>
    JSON.parse(execFileSync('python3', [scorer, join(tmp, 'gold.tsv'), join(tmp, pred), '--key', key, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as {
      pred_clusters: number;
      bcubed: { precision: number; recall: number; f1: number };
      pairwise: { precision: number; recall: number; f1: number };
      ari: number;
      nmi: number;
    };
  const s = run('story');
  const e = run('event');
  const fin = run('story', 'final.jsonl');
  console.log(`${label} [splitting ${splitting ? 'on' : 'off'}]`);
  console.log(
    `  stories (on arrival): BCubed P ${f(s.bcubed.precision)} R ${f(s.bcubed.recall)} F1 ${f(s.bcubed.f1)} | pairwise P ${f(s.pairwise.precision)} R ${f(s.pairwise.recall)} F1 ${f(s.pairwise.f1)} | ARI ${f(s.ari)} NMI ${f(s.nmi)} | ${s.pred_clusters} stories`,
  );
  console.log(
    `  ${mergeCount} merges, ${splitCount} splits; with merges and splits applied (as the store shows them): BCubed P ${f(fin.bcubed.precision)} R ${f(fin.bcubed.recall)} F1 ${f(fin.bcubed.f1)} | ${fin.pred_clusters} stories`,
  );
  console.log(`  events (vs topics, for scale only): ${e.pred_clusters} events, BCubed P ${f(e.bcubed.precision)} R ${f(e.bcubed.recall)}`);
  console.log(
    `  speed: link ${f(all.length / (tLink / 1000), 0)} articles/s` +
      (analysed > 0 ? `; segment+NER+entities ${f(analysed / (tAnalysis / 1000), 0)} articles/s` : ''),
  );
}

console.log(`T17 stream: ${rows.length} articles in publication order, gold = topic (bpoil/finan/h1n1/haiti); speeds in CPU time`);
if (!skipQuality) {
  score(rows, true, 'T17 dev, segment + NER entities + text (as `storyline cluster`):', false);
  score(rows, true, 'T17 dev, segment + NER entities + text (as `storyline cluster`):');
}
if (!quick && !skipQuality) {
  // Robustness: the four topics moved to start on the same day, so they run concurrently.
  const first = new Map<string, number>();
  for (const r of rows) first.set(r.topic, Math.min(first.get(r.topic) ?? Infinity, dayNumber(r.published)));
  const base = dayNumber('2010-01-01');
  const aligned = rows
    .map((r) => ({ ...r, published: isoDay(base + dayNumber(r.published) - first.get(r.topic)!) }))
    .sort((a, b) => (a.published < b.published ? -1 : a.published > b.published ? 1 : 0));
  score(aligned, false, 'T17 with the four topics made concurrent (all start 2010-01-01), text only:', false);
  score(aligned, false, 'T17 with the four topics made concurrent (all start 2010-01-01), text only:');
}

if (!skipQuality) {
  // Splits where they are needed: two unrelated threads (Haiti and swine flu, BBC) moved to start the
  // same day; the first 8 articles of each are forced into one story, then the normal linker goes on.
  const thread = (folder: string, n: number) => {
    const own = rows.filter((r) => r.id.startsWith(folder + '/')).slice(0, n);
    const shift = dayNumber('2010-01-12') - dayNumber(own[0]!.published);
    return own.map((r) => ({ ...r, topic: folder, published: isoDay(dayNumber(r.published) + shift) }));
  };
  const byDate = (a: Row, b: Row) => (a.published < b.published ? -1 : a.published > b.published ? 1 : 0);
  const [a, b] = [thread('haiti_bbc', 150), thread('H1N1_bbc', 50)];
  const forced = [...a.slice(0, 8), ...b.slice(0, 8)].sort(byDate);
  const rest = [...a.slice(8), ...b.slice(8)].sort(byDate);
  const label = 'Haiti (150) + swine flu (50) from one day, the first 8 of each forced into one story, text only:';
  score(rest, false, label, false, forced);
  score(rest, false, label, true, forced);
}

// Cost test: T17 repeated with dates shifted by 3 years a copy and new ids, through the linker.
const TOTAL = quick ? 10_000 : 50_000;
const SHIFT = 3 * 365 + 1;
const linker = createLinker();
const times = new Float64Array(TOTAL);
let dupCount = 0;
let costSplits = 0;
let peakRss = 0;
const t0 = performance.now();
const c0 = cpu();
for (let i = 0; i < TOTAL; i++) {
  const rep = Math.floor(i / rows.length);
  const r = rows[i % rows.length]!;
  const published = isoDay(dayNumber(r.published) + rep * SHIFT);
  // A copy drops one line in 7 and names its copy number, so it is not an exact duplicate of an
  // earlier copy (the content-hash index is all-time; the near-duplicate window is 14 days).
  const text = rep === 0 ? r.text : r.text.split('\n').filter((_, k) => k % 7 !== rep % 7).join('\n') + `\nCopy ${rep}.`;
  const t = cpu();
  const x = linker.add({ id: `r${rep}/${r.id}`, published, title: '', text, source: null, analysis: empty });
  if (x.duplicateOf) dupCount++;
  costSplits += x.splits.length;
  times[i] = cpu() - t;
  if (i % 1000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const wall = (performance.now() - t0) / 1000;
const total = (cpu() - c0) / 1000;
const mean = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / a.length;
const firstMs = mean(times.subarray(0, 5000));
const lastMs = mean(times.subarray(TOTAL - 5000));
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
const st = linker.stats();
console.log(`cost test: ${TOTAL} articles (T17 × ${Math.ceil(TOTAL / rows.length)}, dates shifted ${SHIFT} days, one line in 7 dropped, a copy number added), link only`);
console.log(
  `  first 5,000: ${f(firstMs, 2)} ms/article; last 5,000: ${f(lastMs, 2)} ms/article; ratio ${f(lastMs / firstMs, 2)} (target ≤ 1.5)`,
);
console.log(`  ${f(TOTAL / total, 0)} articles/s CPU (${f(TOTAL / wall, 0)} wall clock); peak RSS ${f(peakRss / 2 ** 20, 0)} MB (target < 1536); in memory at the end: ${JSON.stringify(st)}; ${dupCount} found duplicates; ${costSplits} splits`);

// End to end on a sample: extract (scraped-text path) + full language analysis + link.
const sample = rows.slice(0, quick ? 30 : 100);
try {
  const { extract } = await import('../src/extract/index.js');
  const { analyze } = await import('../src/language/index.js');
  const e2e = createLinker();
  let tx = 0;
  let tl = 0;
  let tk = 0;
  for (const r of sample) {
    let t = cpu();
    const ex = extract({ text: r.text });
    tx += cpu() - t;
    t = cpu();
    const analysis = analyze(ex.text, { dct: r.published });
    tl += cpu() - t;
    t = cpu();
    e2e.add({ id: r.id, published: r.published, title: ex.title, text: ex.text, source: null, analysis });
    tk += cpu() - t;
  }
  const n = sample.length;
  const all = (tx + tl + tk) / 1000;
  console.log(
    `end to end on ${n} T17 articles (one core): ${f(n / all, 1)} articles/s — extract ${f(tx / n, 1)} ms, language ${f(tl / n, 1)} ms, link ${f(tk / n, 1)} ms per article`,
  );
} catch (e) {
  console.log(`end to end: not measurable now (${(e as Error).message.split('\n')[0]})`);
}
rmSync(tmp, { recursive: true, force: true });
