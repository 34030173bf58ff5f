// bench:serve — the web UI and API over 50,000 stored articles.
//
// Builds (once; cached in bench/out/) a database of Timeline17 articles: a sample of each
// topic-outlet folder goes through the real pipeline, then it is repeated with shifted dates
// through the Store interface (new ids, same analyses with shifted day dates), each repetition of a
// folder's sample becoming one story rebuilt by the real story builder. Then it measures, on
// 127.0.0.1: the story page's server time (in-process, no network), API latency p95 with
// autocannon (bounded duration per endpoint), and the first page's transfer size (compressed).
//
//   npm run bench:serve [-- --articles 50000 --duration 5 --rebuild]
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'node:http';
import autocannon from 'autocannon';
import { openStore, type Store } from '../src/store/index.js';
import { ingestDocuments, rebuildStories } from '../src/pipeline.js';
import { createViews, saveStoryFigures } from '../src/store/sqlite/views.js';
import { sqliteHandle } from '../src/store/index.js';
import { createApp, startServer } from '../src/serve/index.js';
import { FacetColumns } from '../src/search/facets.js';
import type { Analysis, RawDoc } from '../src/types.js';
import type { StoryRecord } from '../src/store/store.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const TARGET = arg('articles', 50_000);
const DURATION = arg('duration', 5);
const PER_FOLDER = arg('per-folder', 30);
const REBUILD = args.includes('--rebuild');

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const T17 = fileURLToPath(new URL('../../shared/data/t17/', import.meta.url));
const OUT = join(ROOT, 'bench/out');
const DB = join(OUT, `serve-${TARGET}.db`);
const DAY = 86_400_000;

function shiftDate(value: string | null | undefined, days: number): string | null {
  if (!value) return value ?? null;
  const m = value.match(/^(\d{4}-\d{2}-\d{2})(.*)$/);
  if (!m) return value;
  return new Date(Date.parse(m[1]!) + days * DAY).toISOString().slice(0, 10) + m[2];
}

function shiftAnalysis(a: Analysis, days: number): Analysis {
  return {
    ...a,
    timexes: a.timexes.map((t) => (/^\d{4}-\d{2}-\d{2}/.test(t.value) ? { ...t, value: shiftDate(t.value, days)! } : t)),
    quotes: a.quotes.map((q) => (q.date ? { ...q, date: shiftDate(q.date, days) } : q)),
  };
}

async function buildDatabase(): Promise<void> {
  if (!existsSync(T17)) throw new Error(`Timeline17 not found at ${T17}: the bench needs ../shared/data/t17`);
  mkdirSync(OUT, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(DB + suffix, { force: true });
  const store = openStore(DB);
  const folders = readdirSync(T17).filter((f) => existsSync(join(T17, f, 'articles.jsonl'))).sort();
  const base: RawDoc[] = [];
  for (const folder of folders) {
    const outlet = folder.split('_')[1] ?? folder;
    const lines = readFileSync(join(T17, folder, 'articles.jsonl'), 'utf8').split('\n').filter(Boolean);
    // An evenly spread sample of the folder, so each story spans the topic's months.
    const step = Math.max(1, Math.floor(lines.length / PER_FOLDER));
    for (let i = 0; i < lines.length && base.filter((d) => d.origin.startsWith(folder)).length < PER_FOLDER; i += step) {
      const o = JSON.parse(lines[i]!) as { id: string; published: string; text: string };
      base.push({ origin: `${folder}:${i + 1}`, id: `${folder}-${o.id}`, source: outlet, published: o.published, text: o.text.replace(/ \n/g, '\n') });
    }
  }
  let t = performance.now();
  const report = await ingestDocuments(store, [{ items: base, errors: [] }], { batchSize: 200 });
  process.stderr.write(`pipeline: ${report.stored} T17 articles in ${((performance.now() - t) / 1000).toFixed(1)} s (${report.failed} failed)\n`);

  const views = createViews(sqliteHandle(store));
  const baseArticles = report.storedIds.map((id) => store.getArticle(id)!).filter(Boolean);
  const byFolder = new Map<string, typeof baseArticles>();
  for (const a of baseArticles) {
    const folder = a.id.slice(0, a.id.lastIndexOf('-'));
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), a]);
  }
  const analyses = new Map(baseArticles.map((a) => [a.id, store.getAnalysis(a.id)!.analysis]));
  const entityIdsOf = new Map<string, Map<string, string>>();
  for (const a of baseArticles) {
    const byStart = new Map(views.articleMentions(a.id).map((m) => [m.start, m.entityId]));
    const ids = new Map<string, string>();
    for (const e of analyses.get(a.id)!.entities) {
      const id = e.mentions.map((m) => byStart.get(m.start)).find(Boolean);
      if (id) ids.set(e.key, id);
    }
    entityIdsOf.set(a.id, ids);
  }

  // Round 1: each folder's sample becomes one story built by the real story builder; later rounds
  // repeat those stories with dates shifted a week per round (articles, analyses and the story record).
  t = performance.now();
  let count = store.countArticles();
  const templates = new Map<string, StoryRecord>();
  let stories = 0;
  for (let round = 1; count < TARGET; round++) {
    const days = round * 7;
    store.transaction(() => {
      for (const [folder, articles] of byFolder) {
        const storyId = `bench-${folder}-${round}`;
        const ids: string[] = [];
        for (const a of articles) {
          if (count >= TARGET) break;
          const id = `${a.id}~${round}`;
          ids.push(id);
          store.insertArticle({
            ...a,
            id,
            published: shiftDate(a.published, days),
            contentHash: `${a.contentHash}~${round}`,
            url: null,
            duplicateOf: null,
            seq: ++count,
            ingestedAt: new Date().toISOString(),
            storyId: null,
            eventId: null,
          });
          store.saveAnalysis(id, shiftAnalysis(analyses.get(a.id)!, days), 1, entityIdsOf.get(a.id)!);
          store.assignStory(id, storyId, `${storyId}:e`);
        }
        if (!ids.length) continue;
        stories++;
        const template = templates.get(folder);
        if (!template) {
          rebuildStories(store, [storyId]);
          templates.set(folder, store.getStory(storyId)!);
          continue;
        }
        const rename = (id: string) => id.replace(/~\d+$/, `~${round}`);
        const shift = days - 7;
        const kept = new Set(ids);
        store.saveStory({
          ...template,
          id: storyId,
          articleIds: ids,
          firstSeen: shiftDate(template.firstSeen, shift),
          lastSeen: shiftDate(template.lastSeen, shift),
          timeline: template.timeline.map((e) => ({
            ...e,
            date: shiftDate(e.date, shift)!,
            articleIds: e.articleIds.map(rename).filter((x) => kept.has(x)),
            sentences: e.sentences.map((x) => ({ ...x, articleId: rename(x.articleId) })).filter((x) => kept.has(x.articleId)),
          })),
          events: template.events.map((e, i) => ({ ...e, id: `${storyId}:${i}`, date: shiftDate(e.date, shift)!, articleIds: e.articleIds.map(rename).filter((x) => kept.has(x)) })),
          claims: template.claims.map((c) => ({ ...c, statements: c.statements.map((x) => ({ ...x, date: shiftDate(x.date, shift)!, articleId: rename(x.articleId) })) })),
          disagreements: template.disagreements.map((d) => ({ ...d, date: shiftDate(d.date, shift)!, statements: d.statements.map((x) => ({ ...x, date: shiftDate(x.date, shift)!, articleId: rename(x.articleId) })) })),
          updatedAt: new Date().toISOString(),
        });
      }
    });
    if (round % 20 === 0) process.stderr.write(`  ${count} articles…\n`);
  }
  store.pruneEmptyStories();
  process.stderr.write(`copies: ${count} articles in ${stories} stories in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  sqliteHandle(store).exec('ANALYZE');
  store.close();
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Load on a pool of URLs picked at random per request, so caches see realistic variety. */
async function cannon(base: string, paths: string[], duration: number): Promise<{ p50: number; p95: number; p99: number; rps: number; errors: number; non2xx: number }> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: base,
    connections: 4,
    duration,
    pipelining: 1,
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[Math.floor(Math.random() * paths.length)] }) }],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    rps: result.requests.average,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/** Bytes on the wire for one GET with compression, as a browser would ask. */
function transferSize(url: string): Promise<{ bytes: number; links: string[] }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } }, (res) => {
      let bytes = 0;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        chunks.push(c);
      });
      res.on('end', () => {
        const headerBytes = Object.entries(res.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
        const body = res.headers['content-encoding'] ? '' : Buffer.concat(chunks).toString('utf8');
        resolve({ bytes: bytes + headerBytes, links: [...body.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')) });
      });
    })
      .on('error', reject)
      .end();
  });
}

async function main(): Promise<void> {
  const fresh = !existsSync(DB) || REBUILD;
  if (fresh) await buildDatabase();
  const store: Store = openStore(DB);
  // A database built before schema 6 lacks (some) saved story figures: save them as saveStory would.
  const db = sqliteHandle(store);
  const stale = db
    .prepare('SELECT s.id, s.updated_at FROM stories s LEFT JOIN story_figures f ON f.story_id = s.id WHERE f.story_id IS NULL OR f.updated_at != s.updated_at OR f.speakers IS NULL')
    .all() as { id: string; updated_at: string }[];
  if (stale.length) {
    const t = performance.now();
    store.transaction(() => {
      for (const s of stale) saveStoryFigures(db, s.id, s.updated_at);
    });
    process.stderr.write(`saved figures of ${stale.length} stories in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  const stats = store.stats();
  process.stdout.write(`database: ${DB} — ${stats.articles} articles, ${stats.stories} stories, ${stats.entities} entities, ${stats.quotes} quotes, ${(stats.dbBytes / 1e6).toFixed(0)} MB${fresh ? '' : ' (cached)'}\n`);

  // The largest story, a typical one, and pools of distinct URLs for the load tests.
  const stories = store.listStories({ limit: 100_000 });
  const bySize = [...stories].sort((a, b) => b.articleCount - a.articleCount);
  const largest = bySize[0]!;
  const typical = bySize[Math.floor(bySize.length / 2)]!;
  const shuffled = [...stories].sort(() => Math.random() - 0.5);
  const storyPool = shuffled.slice(0, 300).map((x) => x.id);
  const articlePool = storyPool.slice(0, 300).map((id) => store.storyArticleIds(id)[0]!).filter(Boolean);
  const words = ['oil', 'spill', 'BP', 'well', 'Obama', 'flu', 'vaccine', 'Haiti', 'earthquake', 'bank', 'Gulf', 'cap', 'Hayward', 'pandemic', 'crisis', 'market', 'Louisiana', 'rescue', 'aid', 'Senate'];
  const queries = words.flatMap((a) => words.map((b) => `${a}+${b}`)).slice(0, 300);

  const { app, close } = await createApp({ store });
  const time = async (path: string) => {
    const t = performance.now();
    const res = await app.request(path);
    await res.text();
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    return performance.now() - t;
  };
  const summary = (times: number[]) => {
    times.sort((a, b) => a - b);
    return `${percentile(times, 50).toFixed(1).padStart(6)} ${percentile(times, 95).toFixed(1).padStart(7)}`;
  };
  process.stdout.write('\nserver time, in-process (ms)                     cold: median    p95 | warm: median    p95\n');
  const rows: [string, string[]][] = [
    [`story page (${typical.articleCount} articles typical)`, storyPool.slice(0, 40).map((id) => `/stories/${encodeURIComponent(id)}`)],
    ['home page, filtered by page offset', Array.from({ length: 20 }, (_, i) => `/?offset=${i * 20}`)],
    ['article page', articlePool.slice(0, 40).map((id) => `/articles/${encodeURIComponent(id)}`)],
    ['search page', queries.slice(0, 30).map((q) => `/search?q=${q}`)],
    ['GET /api/stories/:id', storyPool.slice(40, 80).map((id) => `/api/stories/${encodeURIComponent(id)}`)],
  ];
  for (const [label, paths] of rows) {
    const cold: number[] = [];
    for (const p of paths) cold.push(await time(p));
    const warm: number[] = [];
    for (const p of paths) warm.push(await time(p));
    process.stdout.write(`  ${label.padEnd(44)}      ${summary(cold)} |       ${summary(warm)}\n`);
  }
  const largestTime = await time(`/stories/${encodeURIComponent(largest.id)}`);
  process.stdout.write(`  largest story page (${largest.articleCount} articles), cold: ${largestTime.toFixed(1)} ms\n`);
  close();

  const server = await startServer({ store, port: 0, host: '127.0.0.1' });
  process.stdout.write(`\nover HTTP on 127.0.0.1: autocannon, 4 connections, ${DURATION} s each, a random URL of a pool per request (ms)\n`);
  process.stdout.write('  endpoint (pool size)                                 p50     p95     p99    req/s\n');
  const endpoints: [string, string[]][] = [
    ['GET /api/stories?offset=… (50)', Array.from({ length: 50 }, (_, i) => `/api/stories?offset=${i * 20}`)],
    ['GET /api/stories?q=… (300)', queries.map((q) => `/api/stories?q=${q}`)],
    ['GET /api/stories/:id (300)', storyPool.map((id) => `/api/stories/${encodeURIComponent(id)}`)],
    ['GET /api/articles/:id (300)', articlePool.map((id) => `/api/articles/${encodeURIComponent(id)}`)],
    ['GET /api/search?q=… (300)', queries.map((q) => `/api/search?q=${q}`)],
    ['GET /api/entities?q=… (20)', words.map((w) => `/api/entities?q=${w}`)],
  ];
  let worstP95 = 0;
  for (const [label, paths] of endpoints) {
    const r = await cannon(server.url, paths, DURATION);
    worstP95 = Math.max(worstP95, r.p95);
    process.stdout.write(
      `  ${label.padEnd(50)} ${r.p50.toFixed(1).padStart(6)} ${r.p95.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${r.rps.toFixed(0).padStart(8)}${r.errors || r.non2xx ? `  (${r.errors} errors, ${r.non2xx} non-2xx)` : ''}\n`,
    );
  }
  const pages = await cannon(server.url, storyPool.map((id) => `/stories/${encodeURIComponent(id)}`), DURATION);
  process.stdout.write(`  ${'GET /stories/:id HTML (300)'.padEnd(50)} ${pages.p50.toFixed(1).padStart(6)} ${pages.p95.toFixed(1).padStart(7)} ${pages.p99.toFixed(1).padStart(7)} ${pages.rps.toFixed(0).padStart(8)}\n`);

  // First page load: the HTML and every asset it references, compressed as a browser receives them.
  const home = await transferSize(`${server.url}/`);
  const plain = await new Promise<string>((resolve) => {
    request(`${server.url}/`, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body));
    }).end();
  });
  const assets = [...plain.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  let total = home.bytes;
  for (const a of assets) total += (await transferSize(server.url + a)).bytes;
  process.stdout.write(`\nfirst page load (home, ${assets.length} assets, compressed): ${(total / 1024).toFixed(1)} KB\n`);
  const storyPage = await transferSize(`${server.url}/stories/${largest.id}`);
  process.stdout.write(`largest story page HTML (compressed): ${(storyPage.bytes / 1024).toFixed(1)} KB\n`);
  process.stdout.write(`\nworst API p95: ${worstP95.toFixed(1)} ms (target < 50)\n`);
  await server.close();

  // Search without the response cache: each of the 300 queries once, in-process (fresh app, so no
  // cached result), then the same queries again (cached).
  const uncachedApp = await createApp({ store });
  const uncached: number[] = [];
  const timeSearch = async (path: string) => {
    const t = performance.now();
    const res = await uncachedApp.app.request(path);
    await res.text();
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    return performance.now() - t;
  };
  await timeSearch('/api/search?q=warmup');
  // Search loads its facet columns when a server starts and at the first search after a write.
  const loadStart = performance.now();
  new FacetColumns(db);
  const columnsLoad = performance.now() - loadStart;
  for (const q of queries) uncached.push(await timeSearch(`/api/search?q=${q}`));
  const cachedTimes: number[] = [];
  for (const q of queries) cachedTimes.push(await timeSearch(`/api/search?q=${q}`));
  uncachedApp.close();
  process.stdout.write(`\nGET /api/search in-process, ${queries.length} distinct queries (ms): uncached median/p95 ${summary(uncached)} | cached ${summary(cachedTimes)}\n`);
  process.stdout.write(`  search's facet columns load (at server start, then at the first search after a write): ${columnsLoad.toFixed(1)} ms\n`);
  store.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:serve: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
