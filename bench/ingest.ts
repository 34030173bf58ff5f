// bench/ingest: the whole pipeline (extract → language → link → story → SQLite) over Timeline17
// (2,460 articles) into a fresh database, in one process: articles/s by wall clock and per
// CPU-second, the share of the final story build, the cost per article over the run and peak memory.
// Usage: npm run bench:ingest [-- --limit N] [-- --copies K]
//   --copies K  feeds T17 K times (dates shifted three years a copy, one line in 7 dropped and the
//               copy number added, new ids) to show whether the cost per article grows with the archive.
// For a one-core figure pin the process: `taskset -c 0 npm run bench:ingest`.
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
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
const input: RawDoc[] = [];
for (let k = 0; k < copies; k++) {
  for (const d of base) {
    if (k === 0) input.push(d);
    else {
      const text = d.text!.split('\n').filter((_, n) => n % 7 !== k % 7).join('\n') + `\nCopy ${k}.`;
      input.push({ ...d, id: `${d.id}-copy${k}`, origin: `${d.origin} (copy ${k})`, text, published: shift(d.published, k * SHIFT_DAYS) });
    }
  }
}
const docs = input.slice(0, limit);

const dir = mkdtempSync(join(tmpdir(), 'storyline-bench-ingest-'));
const store = openStore(join(dir, 'bench.db'));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let peakRss = process.memoryUsage().rss;
const started = process.hrtime.bigint();
const cpu0 = cpuMs();
const WINDOW = docs.length >= 10_000 ? 1_000 : Math.max(100, Math.floor(docs.length / 5 / 100) * 100);
const windowCpu: number[] = [];
let lastMark = cpu0;
let staged = 0;
let cpuBeforeFinalBuild = 0;
const report = await ingestDocuments(store, [{ items: docs, errors: [] }], {
  onProgress: (p) => {
    staged = p.done;
    if (p.done % 100 === 0) {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      process.stderr.write(`\r${p.done}/${docs.length}`);
    }
    if (p.done % WINDOW === 0) {
      const now = cpuMs();
      windowCpu.push((now - lastMark) / WINDOW);
      lastMark = now;
    }
    if (p.done === docs.length) cpuBeforeFinalBuild = cpuMs() - cpu0;
  },
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpuSeconds = (cpuMs() - cpu0) / 1000;
peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
// What stays alive once the collector has run: peak RSS also counts garbage not yet collected.
setFlagsFromString('--expose-gc');
(runInNewContext('gc') as () => void)();
const liveHeap = process.memoryUsage().heapUsed;
const stats = store.stats();
store.close();
rmSync(dir, { recursive: true, force: true });
process.stderr.write('\n');
const n = report.stored;
console.log(`bench/ingest: ${docs.length} articles (Timeline17${copies > 1 ? ` × ${copies}` : ''}) through extract → language → link → story → SQLite, one process`);
console.log(`  stored ${n}, duplicates ${report.duplicates}, failed ${report.failed} (of ${staged}); ${stats.stories} stories, ${stats.entities} entities, ${stats.quotes} quotes`);
console.log(`  wall ${seconds.toFixed(1)} s = ${(n / seconds).toFixed(1)} articles/s; CPU ${cpuSeconds.toFixed(1)} s = ${(n / cpuSeconds).toFixed(1)} articles per CPU-second (${((cpuSeconds * 1000) / n).toFixed(1)} ms/article)`);
console.log(`  of which the final build of every story: ${(cpuSeconds - cpuBeforeFinalBuild / 1000).toFixed(1)} s CPU`);
if (windowCpu.length >= 2) {
  const first = windowCpu[0]!;
  const last = windowCpu[windowCpu.length - 1]!;
  console.log(`  CPU ms/article per ${WINDOW} articles: ${windowCpu.map((x) => x.toFixed(1)).join(' ')}; last/first ${(last / first).toFixed(2)}`);
  if (docs.length >= 10_000) {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const k = 5_000 / WINDOW;
    console.log(`  first 5,000: ${mean(windowCpu.slice(0, k)).toFixed(1)} ms/article, last 5,000: ${mean(windowCpu.slice(-k)).toFixed(1)} ms/article (ratio ${(mean(windowCpu.slice(-k)) / mean(windowCpu.slice(0, k))).toFixed(2)}; target ≤ 1.5)`);
  }
}
console.log(`  peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB, live heap after a full collection at the end ${(liveHeap / 1024 / 1024).toFixed(0)} MB; load average at the end ${loadavg()[0]!.toFixed(1)}`);
