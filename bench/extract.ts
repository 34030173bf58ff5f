// bench:extract — quality and speed of the extract stage.
//   AEB main-text F1 and htmldate publication-date F1, scored by ../shared/eval/extract_score.py;
//   pages/s on one core for text + metadata (in-process, AEB pages);
//   RSS over a long loop (AEB pages repeated, default 10,000 pages) to show memory stays flat.
// Usage: npm run bench:extract [-- --pages 10000] [-- --skip-quality]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extract } from '../src/extract/index.js';

const shared = new URL('../../shared/', import.meta.url).pathname;
const scorer = join(shared, 'eval/extract_score.py');
const loopPages = Number(process.argv[process.argv.indexOf('--pages') + 1]) || 10_000;
const skipQuality = process.argv.includes('--skip-quality');

type Page = { id: string; html: string; url?: string };
const readPages = (p: string): Page[] =>
  gunzipSync(readFileSync(join(shared, 'data', p)))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Page);

function score(mode: 'aeb' | 'dates', gold: string, pages: Page[]): { f1: number; precision: number; recall: number } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-extract-'));
  const pred = join(dir, 'pred.jsonl');
  const lines = pages.map((p) => {
    const a = extract({ html: p.html, url: p.url });
    return JSON.stringify({ id: p.id, text: a.text, published: a.published });
  });
  writeFileSync(pred, lines.join('\n') + '\n');
  const out = execFileSync('python3', [scorer, mode, join(shared, 'data', gold), pred, '--json'], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  const j = JSON.parse(out) as Record<string, unknown>;
  const pick = (k: string) => Number((j[k] ?? (j.overall as Record<string, unknown> | undefined)?.[k]) as number);
  return { f1: pick('f1'), precision: pick('precision'), recall: pick('recall') };
}

const aeb = readPages('aeb/input.jsonl.gz');
const htmldate = skipQuality ? [] : readPages('htmldate/input.jsonl.gz');

if (!skipQuality) {
  const aebScore = score('aeb', 'aeb/ground-truth.json', aeb);
  console.log(`AEB main-text F1 ${aebScore.f1.toFixed(4)} (P ${aebScore.precision.toFixed(4)}, R ${aebScore.recall.toFixed(4)}), 181 pages`);
  const dateScore = score('dates', 'htmldate/gold.json', htmldate);
  console.log(`htmldate publication-date F1 ${dateScore.f1.toFixed(4)} (P ${dateScore.precision.toFixed(4)}, R ${dateScore.recall.toFixed(4)}), 800 pages, no URL`);
}

// Speed: one core, text + all metadata, warm.
for (const p of aeb.slice(0, 30)) extract({ html: p.html, url: p.url });
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (const p of aeb) extract({ html: p.html, url: p.url });
const wall = (performance.now() - t0) / 1000;
const cpuUsed = process.cpuUsage(cpu0);
const cpu = (cpuUsed.user + cpuUsed.system) / 1e6;
// The measured starting point on the same pages in the same conditions: linkedom + Readability text only.
const cpuB = process.cpuUsage();
for (const p of aeb) {
  const { document } = parseHTML(p.html);
  new Readability(document as unknown as Document).parse()?.textContent;
}
const baseUsed = process.cpuUsage(cpuB);
const baseCpu = (baseUsed.user + baseUsed.system) / 1e6;
console.log(
  `speed: ${(aeb.length / wall).toFixed(1)} pages/s wall, ${(aeb.length / cpu).toFixed(1)} pages/s of CPU time (AEB pages, one core, text + all metadata); ` +
    `Readability-only baseline in the same run ${(aeb.length / baseCpu).toFixed(1)} pages/s of CPU time`,
);

// Memory: a long loop; RSS sampled every 1,000 pages.
// A forced GC before each sample shows what is retained (a leak), not what is merely uncollected.
setFlagsFromString('--expose-gc');
const gc = (globalThis as { gc?: () => void }).gc ?? (runInNewContext('gc') as (() => void) | undefined);
const samples: number[] = [];
const heapSamples: number[] = [];
let peak = 0;
for (let i = 0; i < loopPages; i++) {
  const p = aeb[i % aeb.length]!;
  extract({ html: p.html, url: p.url });
  if ((i + 1) % 1000 === 0) {
    gc?.();
    const mem = process.memoryUsage();
    const rss = mem.rss / 2 ** 20;
    samples.push(rss);
    heapSamples.push(mem.heapUsed / 2 ** 20);
    peak = Math.max(peak, rss);
    process.stderr.write(`  ${i + 1} pages: RSS ${rss.toFixed(0)} MB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB\n`);
  }
}
console.log(
  `memory over ${loopPages} pages: RSS every 1,000 pages ${samples.map((s) => s.toFixed(0)).join(', ')} MB; peak ${peak.toFixed(0)} MB` +
    (samples.length >= 2 ? `; growth from first to last sample ${(samples[samples.length - 1]! - samples[0]!).toFixed(0)} MB` : '') +
    `; heap used after GC ${heapSamples.map((s) => s.toFixed(0)).join(', ')} MB`,
);
