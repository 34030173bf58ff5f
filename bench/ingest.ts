// bench/ingest: articles/s and peak memory for ingesting Timeline17 (2,460 articles) through the
// whole pipeline (extract → language → link → story → SQLite) into a fresh database.
// Usage: npm run bench:ingest [-- --limit N]
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/index.js';
import { ingestDocuments } from '../src/pipeline.js';
import type { RawDoc } from '../src/types.js';

const T17 = fileURLToPath(new URL('../../shared/data/t17/', import.meta.url));
const limitArg = process.argv.indexOf('--limit');
const limit = limitArg > 0 ? parseInt(process.argv[limitArg + 1]!, 10) : Infinity;

const docs: RawDoc[] = [];
for (const folder of readdirSync(T17).sort()) {
  const lines = readFileSync(join(T17, folder, 'articles.jsonl'), 'utf8').trim().split('\n');
  lines.forEach((line, i) => {
    const r = JSON.parse(line) as { id: string; published: string; text: string };
    // T17 ids repeat across topic folders: the folder makes them unique.
    docs.push({ origin: `${folder}/articles.jsonl:${i + 1}`, id: `${folder}-${r.id}`, text: r.text, published: r.published, source: folder.split('_')[1] });
  });
}
const input = docs.slice(0, limit);
const dir = mkdtempSync(join(tmpdir(), 'storyline-bench-ingest-'));
const store = openStore(join(dir, 'bench.db'));
let peakRss = process.memoryUsage().rss;
const started = process.hrtime.bigint();
const report = await ingestDocuments(store, [{ items: input, errors: [] }], {
  onProgress: (p) => {
    if (p.done % 100 === 0) {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      process.stderr.write(`\r${p.done}/${input.length}`);
    }
  },
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
const stats = store.stats();
store.close();
rmSync(dir, { recursive: true, force: true });
process.stderr.write('\n');
console.log(`bench/ingest: Timeline17, ${input.length} articles through extract → language → link → story → SQLite`);
console.log(`  stored ${report.stored}, duplicates ${report.duplicates}, failed ${report.failed}; ${stats.stories} stories, ${stats.entities} entities, ${stats.quotes} quotes`);
console.log(`  time ${seconds.toFixed(1)} s, ${(report.stored / seconds).toFixed(1)} articles/s, peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
