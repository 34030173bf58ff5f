// bench/ingest: the whole pipeline (extract → language → link → story → SQLite) over Timeline17
// (2,460 articles) into a fresh database, in one process: articles/s by wall clock and per
// CPU-second, the share of the final story build, the cost per article over the run and peak memory.
// Usage: npm run bench:ingest [-- --limit N] [-- --copies K] [-- --v8-heap]
//   --copies K  feeds T17 K times (dates shifted three years a copy, one line in 7 dropped and the
//               copy number added, new ids) to show whether the cost per article grows with the archive.
// For a one-core figure pin the process: `taskset -c 0 npm run bench:ingest`.
import { readFileSync, readdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/index.js';
import { ingestDocuments } from '../src/pipeline.js';
import type { RawDoc } from '../src/types.js';

const T17 = fileURLToPath(new URL('../../shared/data/t17/', import.meta.url));
const arg = (name: string): number | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
};
const limit = arg('limit') ?? Infinity;
const copies = arg('copies') ?? 1;
// --v8-heap: V8's own heap growth instead of the pipeline's bound (for comparison).
const v8Heap = process.argv.includes('--v8-heap');
const SHIFT_DAYS = 3 * 365 + 1;

const base: RawDoc[] = [];
for (const folder of readdirSync(T17).sort()) {
  const lines = readFileSync(join(T17, folder, 'articles.jsonl'), 'utf8').trim().split('\n');
  lines.forEach((line, i) => {
    const r = JSON.parse(line) as { id: string; published: string; text: string };
    // T17 ids repeat across topic folders: the folder makes them unique.
    base.push({ origin: `${folder}/articles.jsonl:${i + 1}`, id: `${folder}-${r.id}`, text: r.text, published: r.published, source: folder.split('_')[1] });
  });
}
const shift = (date: string | undefined, days: number) => (date ? new Date(Date.parse(date.slice(0, 10)) + days * 86_400_000).toISOString().slice(0, 10) : date);
// Copy k of an article drops about one line in seven, chosen by a hash of (k, line): no two copies
// are the same text, so they are new articles rather than exact duplicates of an earlier copy.
const keepLine = (k: number, n: number) => (Math.imul(n + 1, 0x9e3779b1) ^ Math.imul(k, 0x85ebca6b)) >>> 0;
const copyOf = (d: RawDoc, k: number): RawDoc => {
  if (k === 0) return d;
  const text = d.text!.split('\n').filter((_, n) => keepLine(k, n) % 7 !== 0).join('\n');
  // Each copy comes from outlets of its own: a line repeated across an outlet's articles is its
  // boilerplate, and the same article in every copy must not make all its lines look repeated.
  return { ...d, id: `${d.id}-copy${k}`, origin: `${d.origin} (copy ${k})`, text, published: shift(d.published, k * SHIFT_DAYS), source: `${d.source}-${k}` };
};
const total = Math.min(limit, base.length * copies);
// One source per copy, made when the pipeline asks for it (as the CLI reads one file at a time):
// the input of a 50,000-article run is never all in memory at once.
function* sources(): Generator<{ items: RawDoc[]; errors: [] }> {
  for (let k = 0; k < copies && k * base.length < total; k++) {
    yield { items: base.slice(0, Math.min(base.length, total - k * base.length)).map((d) => copyOf(d, k)), errors: [] };
  }
}
const dir = mkdtempSync(join(tmpdir(), 'storyline-bench-ingest-'));
const store = openStore(join(dir, 'bench.db'));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let peakRss = process.memoryUsage().rss;
// Memory through the run: sampled every 1,000 articles and every 200 story saves (the final build
// of every story runs with no progress callback).
const MB = (b: number) => (b / 1024 / 1024).toFixed(0);
interface Sample { at: string; rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number }
const samples: Sample[] = [];
// BENCH_MEMORY_LIVE=1 (diagnosis only: it changes the collector's pacing) collects before each
// sample, so that heapUsed is the live heap.
const collect = process.env.BENCH_MEMORY_LIVE ? (setFlagsFromString('--expose-gc'), runInNewContext('gc') as () => void) : null;
const sample = (at: string) => {
  collect?.();
  const m = process.memoryUsage();
  const s = { at, rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
  samples.push(s);
  peakRss = Math.max(peakRss, m.rss);
  if (process.env.BENCH_MEMORY_LOG) process.stderr.write(`\n[mem] ${at}: rss ${MB(s.rss)} heapTotal ${MB(s.heapTotal)} heapUsed ${MB(s.heapUsed)} external ${MB(s.external)} arrayBuffers ${MB(s.arrayBuffers)} MB`);
};
// BENCH_HEAP_PROFILE_AT=N (diagnosis): what is alive at article N, by allocation site, sampled by
// V8's heap profiler from the start, written to ingest-<N>.heapprofile (open in Chrome DevTools).
const profileAt = Number(process.env.BENCH_HEAP_PROFILE_AT) || 0;
const inspector = profileAt ? new Session() : null;
inspector?.connect();
inspector?.post('HeapProfiler.startSampling', { samplingInterval: 32_768 });
const writeHeapProfile = () => {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  inspector!.post('HeapProfiler.stopSampling', (err, r) => {
    if (!err) writeFileSync(`ingest-${profileAt}.heapprofile`, JSON.stringify(r.profile));
  });
};
let saves = 0;
const SAMPLE_EVERY = Number(process.env.BENCH_MEMORY_EVERY) || 1000;
const SAVE_EVERY = Math.max(1, Math.round(SAMPLE_EVERY / 5));
const saveStory = store.saveStory.bind(store);
store.saveStory = (record) => {
  saveStory(record);
  if (++saves % SAVE_EVERY === 0) sample(`story save ${saves}`);
};
const started = process.hrtime.bigint();
const cpu0 = cpuMs();
const WINDOW = total >= 10_000 ? 1_000 : Math.max(100, Math.floor(total / 5 / 100) * 100);
const windowCpu: number[] = [];
let lastMark = cpu0;
let staged = 0;
let cpuBeforeFinalBuild = 0;
const report = await ingestDocuments(store, sources(), {
  ...(v8Heap ? { heapGrowthPercent: null } : {}),
  onProgress: (p) => {
    staged = p.done;
    if (p.done === profileAt) writeHeapProfile();
    if (p.done % SAMPLE_EVERY === 0) sample(`article ${p.done}`);
    if (p.done % 100 === 0) {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      process.stderr.write(`\r${p.done}/${total}`);
    }
    if (p.done % WINDOW === 0) {
      const now = cpuMs();
      windowCpu.push((now - lastMark) / WINDOW);
      lastMark = now;
    }
    if (p.done === total) cpuBeforeFinalBuild = cpuMs() - cpu0;
  },
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpuSeconds = (cpuMs() - cpu0) / 1000;
peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
// What stays alive once the collector has run: peak RSS also counts garbage not yet collected.
setFlagsFromString('--expose-gc');
(runInNewContext('gc') as () => void)();
const afterGc = process.memoryUsage();
const liveHeap = afterGc.heapUsed;
const stats = store.stats();
store.close();
rmSync(dir, { recursive: true, force: true });
process.stderr.write('\n');
const n = report.stored;
if (report.errors.length) {
  const counts = new Map<string, number>();
  for (const e of report.errors) counts.set(e.message.slice(0, 80), (counts.get(e.message.slice(0, 80)) ?? 0) + 1);
  console.log(`  failures: ${[...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([m, c]) => `${c} × "${m}"`).join('; ')}`);
}
console.log(`bench/ingest: ${total} articles (Timeline17${copies > 1 ? ` × ${copies}` : ''}) through extract → language → link → story → SQLite, one process`);
console.log(`  stored ${n}, duplicates ${report.duplicates}, failed ${report.failed} (of ${staged}); ${stats.stories} stories, ${stats.entities} entities, ${stats.quotes} quotes`);
console.log(`  wall ${seconds.toFixed(1)} s = ${(n / seconds).toFixed(1)} articles/s; CPU ${cpuSeconds.toFixed(1)} s = ${(n / cpuSeconds).toFixed(1)} articles per CPU-second (${((cpuSeconds * 1000) / n).toFixed(1)} ms/article)`);
console.log(`  of which the final build of every story: ${(cpuSeconds - cpuBeforeFinalBuild / 1000).toFixed(1)} s CPU`);
if (windowCpu.length >= 2) {
  const first = windowCpu[0]!;
  const last = windowCpu[windowCpu.length - 1]!;
  console.log(`  CPU ms/article per ${WINDOW} articles: ${windowCpu.map((x) => x.toFixed(1)).join(' ')}; last/first ${(last / first).toFixed(2)}`);
  if (total >= 10_000) {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const k = 5_000 / WINDOW;
    console.log(`  first 5,000: ${mean(windowCpu.slice(0, k)).toFixed(1)} ms/article, last 5,000: ${mean(windowCpu.slice(-k)).toFixed(1)} ms/article (ratio ${(mean(windowCpu.slice(-k)) / mean(windowCpu.slice(0, k))).toFixed(2)}; target ≤ 1.5)`);
  }
}
const top = samples.reduce((a, b) => (b.rss > a.rss ? b : a), samples[0] ?? { at: 'end', ...process.memoryUsage() });
console.log(`  memory at the highest sample (${top.at}): rss ${MB(top.rss)} MB = V8 heap ${MB(top.heapTotal)} (used ${MB(top.heapUsed)}) + external ${MB(top.external)} (array buffers ${MB(top.arrayBuffers)}) + other ${MB(top.rss - top.heapTotal - top.external)} MB`);
console.log(`  peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB, live heap after a full collection at the end ${(liveHeap / 1024 / 1024).toFixed(0)} MB (external ${MB(afterGc.external)}, array buffers ${MB(afterGc.arrayBuffers)}); load average at the end ${loadavg()[0]!.toFixed(1)}`);
