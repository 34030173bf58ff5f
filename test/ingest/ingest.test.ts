import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { openStore } from '../../src/store/index.js';
import { groupSources, readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { buildExport } from '../../src/export.js';
import { CLI, ROOT, SEEDS_DIR, SHARED_DATA, tempDir } from '../helpers/paths.js';

const seedTexts = readdirSync(SEEDS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => join(SEEDS_DIR, f));

describe('ingest of the seeds as plain text', () => {
  const dir = tempDir();
  const store = openStore(join(dir, 'seeds.db'));
  afterAll(() => store.close());

  it('stores five articles with clean titles and exports the contract', async () => {
    const report = await ingestDocuments(store, readSources(seedTexts));
    expect(report).toMatchObject({ stored: 5, duplicates: 0, failed: 0 });
    const doc = buildExport(store);
    expect(doc.articles).toHaveLength(5);
    const titles = doc.articles.map((a) => a.title);
    expect(titles).toContain('The US Open for New Contacts Between Biden and Putin');
    expect(titles).toContain('Kremlin says ‘good’ that Biden, like Putin, wants dialogue');
    for (const a of doc.articles) {
      expect(a.title.length).toBeGreaterThan(10);
      expect(a.title).not.toMatch(/^(Friday|To guardian|Search)/);
      expect(Object.keys(a)).toEqual(expect.arrayContaining(['id', 'url', 'path', 'source', 'title', 'published', 'publishedFrom', 'text', 'language', 'duplicateOf']));
      expect(['metadata', 'text', 'inferred', null]).toContain(a.publishedFrom);
    }
    for (const key of ['articles', 'entities', 'quotes', 'stories']) expect(doc).toHaveProperty(key);
    for (const s of doc.stories) {
      expect(s).toHaveProperty('timeline');
      for (const t of s.timeline) expect(['day', 'month', 'year']).toContain(t.granularity);
    }
  });

  it('re-ingesting the same files stores nothing and reports five duplicates', async () => {
    const report = await ingestDocuments(store, readSources(seedTexts));
    expect(report).toMatchObject({ stored: 0, duplicates: 5, failed: 0 });
    expect(store.countArticles()).toBe(5);
  });

  it('takes over the publication date a duplicate brings (the .txt files, then their JSON Lines)', async () => {
    const before = store.getArticle(store.articleIds().find((id) => store.getArticle(id)!.path?.endsWith('003_70335ce47c40be49.txt'))!)!;
    expect(before.publishedFrom).toBe('inferred');
    const report = await ingestDocuments(store, readSources([join(SEEDS_DIR, 'seeds.jsonl')]));
    expect(report).toMatchObject({ stored: 0, duplicates: 5, failed: 0 });
    expect(report.dated).toHaveLength(5);
    const after = store.getArticle(before.id)!;
    expect(after).toMatchObject({ published: '2021-04-16', publishedFrom: 'metadata', path: before.path });
    const a004 = store.getArticle(store.articleIds().find((id) => store.getArticle(id)!.path?.endsWith('004_0c206504672e1e96.txt'))!)!;
    expect(a004.published).toBe('2021-12-31');
    // its story is rebuilt with the dates: no story is left undated
    for (const s of buildExport(store).stories) expect(s.firstSeen ?? s.lastSeen).toBeTruthy();
    const again = await ingestDocuments(store, readSources([join(SEEDS_DIR, 'seeds.jsonl')]));
    expect(again.dated ?? []).toHaveLength(0);
  });

  it('keeps IDs stable on re-ingest and uses a given JSONL id', async () => {
    const dir2 = tempDir();
    const s2 = openStore(join(dir2, 'jsonl.db'));
    await ingestDocuments(s2, readSources([join(SEEDS_DIR, 'seeds.jsonl')]));
    expect(s2.articleIds().sort()).toEqual(['000_579504aca85b9f81', '001_aa04ac5f397be0f2', '002_af815def54e2eb59', '003_70335ce47c40be49', '004_0c206504672e1e96']);
    const a = s2.getArticle('003_70335ce47c40be49')!;
    expect(a.published).toBe('2021-04-16');
    expect(a.publishedFrom).toBe('metadata');
    s2.close();
  });
});

describe('a directory of articles', () => {
  it('is walked without its paperwork (README, LICENSE…), which can still be named explicitly', async () => {
    const origins: string[] = [];
    for await (const source of readSources([SEEDS_DIR])) origins.push(source.origin);
    expect(origins.some((o) => /README/i.test(o))).toBe(false);
    expect(origins.filter((o) => o.endsWith('.txt'))).toHaveLength(5);
    expect(origins.some((o) => o.endsWith('seeds.jsonl'))).toBe(true);
    const named: string[] = [];
    for await (const source of readSources([join(SEEDS_DIR, 'README.md')])) named.push(source.origin);
    expect(named).toHaveLength(1);
  });

  it('is one batch as the CLI reads it, so undated files date each other', async () => {
    const store = openStore(join(tempDir(), 'grouped.db'));
    const report = await ingestDocuments(store, groupSources(readSources(seedTexts), 100));
    expect(report).toMatchObject({ stored: 5, failed: 0 });
    const byFile = new Map(store.articleIds().map((id) => [store.getArticle(id)!.path?.split('/').pop(), store.getArticle(id)!]));
    // seed 004 dates its events by month and day only; seed 001 dates the same talks "late in 2021"
    const a004 = byFile.get('004_0c206504672e1e96.txt')!;
    expect(a004.published).toBeNull();
    expect(a004.publishedRange).toEqual({ from: '2021-12-17', to: '2022-01-09' });
    store.close();
  });
});

describe('an undated article and the dated ones already stored, or stored later', () => {
  // Four seeds arrive as a feed with their publication dates, seed 004 as a plain .txt file.
  const feedFile = (dir: string): string => {
    const path = join(dir, 'four.jsonl');
    writeFileSync(path, readFileSync(join(SEEDS_DIR, 'seeds.jsonl'), 'utf8').trim().split('\n').filter((l) => !l.includes('"004_')).join('\n') + '\n');
    return path;
  };
  const seed004 = join(SEEDS_DIR, '004_0c206504672e1e96.txt');
  const stored004 = (store: ReturnType<typeof openStore>) => store.getArticle(store.articleIds().find((id) => store.getArticle(id)!.path?.endsWith('004_0c206504672e1e96.txt'))!)!;

  it('takes its year from stored articles about the same talks', async () => {
    const dir = tempDir();
    const store = openStore(join(dir, 'later.db'));
    await ingestDocuments(store, readSources([feedFile(dir)]));
    const report = await ingestDocuments(store, readSources([seed004]));
    expect(report).toMatchObject({ stored: 1, failed: 0 });
    expect(stored004(store).publishedRange).toEqual({ from: '2021-12-17', to: '2022-01-09' });
    store.close();
  });

  it('is given its year when the related dated articles arrive after it, and analysed again', async () => {
    const dir = tempDir();
    const store = openStore(join(dir, 'earlier.db'));
    await ingestDocuments(store, readSources([seed004]));
    const before = stored004(store);
    expect(before.publishedRange).toBeNull();
    expect(before.publishedEstimate?.yearUnknown).toBe(true);
    const report = await ingestDocuments(store, readSources([feedFile(dir)]));
    expect(report.redated).toEqual([before.id]);
    const after = stored004(store);
    expect(after.publishedRange).toEqual({ from: '2021-12-17', to: '2022-01-09' });
    // analysed again against the range: "On December 7" now has its year
    expect(store.getAnalysis(after.id)!.analysis.timexes.some((t) => t.text === 'December 7' && t.value === '2021-12-07')).toBe(true);
    // a third ingest with nothing related changes nothing
    const again = await ingestDocuments(store, readSources([feedFile(dir)]));
    expect(again.redated).toBeUndefined();
    store.close();
  });
});

describe('a big JSON Lines file', () => {
  it('is read a chunk of lines at a time, with the file’s own line numbers', async () => {
    const dir = tempDir();
    const path = join(dir, 'big.jsonl');
    const seeds = readFileSync(join(SEEDS_DIR, 'seeds.jsonl'), 'utf8').trim().split('\n');
    writeFileSync(path, '\uFEFF' + [seeds[0], seeds[1], seeds[2], '{"id": "broken"', seeds[3], seeds[4]].join('\n') + '\n');
    const chunks: { items: string[]; errors: string[] }[] = [];
    for await (const source of readSources([path], { streamJsonlOver: 0, jsonlChunkLines: 2 })) {
      chunks.push({ items: source.items.map((i) => i.origin), errors: source.errors.map((e) => e.origin) });
    }
    expect(chunks.map((c) => c.items.length + c.errors.length)).toEqual([2, 2, 2]);
    expect(chunks.flatMap((c) => c.items)).toEqual([1, 2, 3, 5, 6].map((n) => `${path}:${n}`));
    expect(chunks.flatMap((c) => c.errors)).toEqual([`${path}:4`]);
    const store = openStore(join(dir, 'big.db'));
    const report = await ingestDocuments(store, readSources([path], { streamJsonlOver: 0, jsonlChunkLines: 2 }));
    expect(report).toMatchObject({ stored: 5, failed: 1 });
    store.close();
  });
});

describe('bad input never stops a batch and is reported with path and line', () => {
  it('stores the good articles of a mixed batch and names each bad one', async () => {
    const dir = tempDir();
    const seeds = readFileSync(join(SEEDS_DIR, 'seeds.jsonl'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'mixed.jsonl'), [seeds[0], '{"id": "broken", "text": "unterminated', seeds[1], '{"id":"x","text":42}'].join('\n') + '\n');
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]));
    const cp1252 =
      'Café owners in Zürich said on Monday that the “new rules” would cost them dearly.\n\nThe city’s mayor, Corine Mauch, said the measures were necessary and would be reviewed in the spring. Owners of cafés and bistros have asked for a meeting with the council before the rules take effect.';
    writeFileSync(join(dir, 'legacy.txt'), iconv.encode('Zürich cafés fear new rules\n\n' + cp1252, 'windows-1252'));

    const store = openStore(join(dir, 'mixed.db'));
    const report = await ingestDocuments(store, readSources([join(dir, 'mixed.jsonl'), join(dir, 'empty.txt'), join(dir, 'binary.txt'), join(dir, 'legacy.txt')]));
    expect(report.stored).toBe(3);
    expect(report.failed).toBe(4);
    const messages = report.errors.map((e) => `${e.origin}: ${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/mixed\.jsonl:2: invalid JSON/),
        expect.stringMatching(/mixed\.jsonl:4: field "text" must be a string/),
        expect.stringMatching(/empty\.txt: the file is empty/),
        expect.stringMatching(/binary\.txt: this is a binary file/),
      ]),
    );
    const legacy = store.listArticles().find((a) => a.title.startsWith('Zürich'));
    expect(legacy).toBeDefined();
    expect(store.getArticle(legacy!.id)!.text).toContain('Café owners in Zürich');
    expect(store.getArticle(legacy!.id)!.text).toContain('“new rules”');
    // nothing half-written: every stored article has its analysis and its story
    for (const id of store.articleIds()) {
      expect(store.getAnalysis(id)).not.toBeNull();
      expect(store.getArticle(id)!.storyId).not.toBeNull();
    }
    store.close();
  });

  it('exits non-zero from the CLI and prints path:line for each failure', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.jsonl'), '{"id":"ok","text":"The council met on Monday and agreed the budget after a long debate about schools and roads."}\nnot json\n');
    const r = spawnSync(process.execPath, [...CLI, 'ingest', join(dir, 'bad.jsonl'), '--db', join(dir, 'cli.db')], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.jsonl:2: invalid JSON/);
    expect(r.stderr).toMatch(/stored 1, duplicates 0, failed 1/);
  });

  it('--strict stops at the first failure and keeps what was stored before it', async () => {
    const dir = tempDir();
    const seeds = readFileSync(join(SEEDS_DIR, 'seeds.jsonl'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 's.jsonl'), [seeds[0], seeds[1], '{"id":"bad id with spaces","published":"2022-05-01","text":"Some text that is long enough to be an article about something."}', seeds[2]].join('\n'));
    const store = openStore(join(dir, 'strict.db'));
    const report = await ingestDocuments(store, readSources([join(dir, 's.jsonl')]), { strict: true });
    expect(report.stoppedEarly).toBe(true);
    expect(report.failed).toBe(1);
    expect(report.errors[0]!.message).toMatch(/field "id"/);
    expect(store.countArticles()).toBe(2);
    store.close();
  });
});

describe('a kill in the middle of a batch leaves nothing half-written', () => {
  it('after SIGKILL the database holds whole committed batches only', async () => {
    const dir = tempDir();
    const db = join(dir, 'killed.db');
    // A real corpus large enough to be mid-batch when killed.
    const lines = ['bpoil_bbc', 'bpoil_guardian']
      .flatMap((d) => readFileSync(join(SHARED_DATA, `t17/${d}/articles.jsonl`), 'utf8').trim().split('\n'))
      .filter((l) => (JSON.parse(l) as { text: string }).text.split('\n').length >= 3)
      .slice(0, 600);
    writeFileSync(join(dir, 'big.jsonl'), lines.join('\n') + '\n');
    const child = spawn(process.execPath, [...CLI, 'ingest', join(dir, 'big.jsonl'), '--db', db, '--batch-size', '25'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Wait until at least one batch is committed, then kill without warning.
    const started = Date.now();
    while (Date.now() - started < 120_000) {
      await new Promise((r) => setTimeout(r, 300));
      try {
        const probe = new Database(db, { readonly: true, fileMustExist: true });
        const n = (probe.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
        probe.close();
        if (n >= 25) break;
      } catch {
        /* not created yet */
      }
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const check = new Database(db);
    expect((check.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
    const articles = (check.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    expect(articles).toBeGreaterThan(0);
    expect(articles).toBeLessThan(lines.length);
    // Articles, analyses, story memberships and rebuilt stories commit together or not at all.
    const halfBuiltStories = check.prepare("SELECT count(*) AS n FROM stories WHERE merged_into IS NULL AND title = ''").get() as { n: number };
    expect(halfBuiltStories.n).toBe(0);
    const orphans = check.prepare('SELECT count(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM analyses x WHERE x.article_id = a.id) OR NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id)').get() as { n: number };
    expect(orphans.n).toBe(0);
    check.close();
    // and a rerun completes the job without duplicating anything
    const store = openStore(db);
    const report = await ingestDocuments(store, readSources([join(dir, 'big.jsonl')]));
    // some T17 "articles" are only site furniture: those are reported, never stored
    for (const e of report.errors) expect(e.message).toMatch(/no article text found/);
    expect(report.duplicates + report.stored + report.failed).toBe(lines.length);
    expect(report.duplicateOf.filter((d) => d.existingId).length).toBeGreaterThanOrEqual(articles);
    // stories the killed run left to rebuild were rebuilt
    expect(store.kv.keys('stories/dirty/')).toEqual([]);
    for (const s of store.listStories({ limit: 1000 })) expect(s.title).not.toBe('');
    store.close();
  }, 400_000);
});

describe('URL ingest', () => {
  let server: Server;
  let base = '';
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>
    <item><title>Council approves budget</title><link>http://example.org/a</link><pubDate>Tue, 03 Mar 2020 10:00:00 GMT</pubDate>
    <description><![CDATA[<p>The city council approved the 2020 budget on Tuesday after a four-hour debate about school funding and road repairs.</p><p>The mayor said the plan was balanced.</p>]]></description></item>
    <item><title>Bridge reopens</title><link>http://example.org/b</link><pubDate>Wed, 04 Mar 2020 09:00:00 GMT</pubDate>
    <description><![CDATA[<p>The old bridge over the river reopened on Wednesday after two years of repairs that cost far more than planned.</p>]]></description></item>
    </channel></rss>`;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/feed') {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.end(rss);
      } else if (req.url === '/redirect') {
        res.writeHead(302, { location: '/feed' });
        res.end();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const addr = server.address() as { port: number };
    base = `http://127.0.0.1:${addr.port}`;
  });
  afterAll(() => server.close());

  it('refuses loopback and private addresses by default, naming the flag that allows them', async () => {
    const store = openStore(join(tempDir(), 'u.db'));
    const report = await ingestDocuments(store, readSources([`${base}/feed`, 'http://10.0.0.1/x', 'http://169.254.169.254/latest']));
    expect(report.stored).toBe(0);
    expect(report.failed).toBe(3);
    for (const e of report.errors) expect(e.message).toMatch(/--allow-private/);
    store.close();
  });

  it('with --allow-private fetches a feed (after a redirect) and stores every item with its link and date', async () => {
    const store = openStore(join(tempDir(), 'u2.db'));
    const report = await ingestDocuments(store, readSources([`${base}/redirect`], { allowPrivate: true }));
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ stored: 2, failed: 0 });
    const articles = store.listArticles();
    expect(articles.map((a) => a.url).sort()).toEqual(['http://example.org/a', 'http://example.org/b']);
    const budget = store.getArticle(articles.find((a) => a.url === 'http://example.org/a')!.id)!;
    expect(budget.title).toBe('Council approves budget');
    expect(budget.published).toBe('2020-03-03');
    expect(budget.source).toBe('Local Wire');
    store.close();
  });
});
