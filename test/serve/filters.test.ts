// Filters and counts as a user types them, through the API, the pages and the CLI: names match in
// any case and accents (as full-text search does), typographic quotes make phrases, an article with
// no source is no source, and impossible dates are refused naming the parameter.
// Real texts: the seeds (no source) and PolNeAR articles with their publisher as the source.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { openStore, type Store } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { createApp } from '../../src/serve/index.js';
import type { RawDoc } from '../../src/types.js';
import { CLI, ROOT, SEEDS_DIR, SHARED_DATA, hasSharedData, tempDir } from '../helpers/paths.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface PolnearRecord {
  id: string;
  publisher: string;
  date: string;
  title: string;
  text: string;
}

/** PolNeAR dev articles: the one naming Jorge Castañeda and two more by the same publisher. */
function polnearDocs(): RawDoc[] {
  const records = readFileSync(join(SHARED_DATA, 'polnear/dev.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as PolnearRecord);
  const named = records.find((r) => r.text.includes('Castañeda'))!;
  const others = records.filter((r) => r.publisher === named.publisher && r !== named).slice(0, 2);
  return [named, ...others].map((r) => ({ origin: `polnear:${r.id}`, id: r.id, source: r.publisher, published: r.date, title: r.title, text: r.text }));
}

describe.skipIf(!hasSharedData)('filters, counts and dates as a user types them', () => {
  let store: Store;
  let dbPath: string;
  let app: Hono;
  let close: () => void;
  let publisher: string;
  let castanedaArticle: string;
  let seedStory: string;

  const get = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init);
    return { res, body: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as Json) : await res.text() };
  };
  const cli = (...args: string[]) => spawnSync(process.execPath, [...CLI, ...args, '--db', dbPath], { cwd: ROOT, encoding: 'utf8' });

  beforeAll(async () => {
    dbPath = join(tempDir('storyline-filters-'), 'filters.db');
    store = openStore(dbPath);
    const docs = polnearDocs();
    publisher = docs[0]!.source!;
    castanedaArticle = docs[0]!.id!;
    async function* sources() {
      yield* readSources([join(SEEDS_DIR, 'seeds.jsonl')]);
      yield { items: docs, errors: [] };
    }
    const report = await ingestDocuments(store, sources());
    expect(report.failed).toBe(0);
    seedStory = store.getArticle('002_af815def54e2eb59')!.storyId!;
    const created = await createApp({ store, token: 'filters-token', allowPrivateUrls: false });
    app = created.app;
    close = created.close;
  }, 120_000);
  afterAll(() => {
    close?.();
    store?.close();
  });

  it('matches source names in any case, in the API, the pages and the CLI', async () => {
    const shouted = publisher.toUpperCase();
    expect(shouted).not.toBe(publisher);
    const stored = (await get(`/api/stories?source=${publisher}`)).body as Json;
    const typed = (await get(`/api/stories?source=${shouted}`)).body as Json;
    expect(stored.total).toBeGreaterThan(0);
    expect(typed.items.map((s: Json) => s.id)).toEqual(stored.items.map((s: Json) => s.id));

    const articles = (await get(`/api/articles?source=${shouted}`)).body as Json;
    expect(articles.total).toBe(3);
    expect(articles.items.map((a: Json) => a.source)).toEqual([publisher, publisher, publisher]);

    const search = (await get(`/api/search?q=Mexico&source=${shouted}`)).body as Json;
    expect(search.total).toBeGreaterThan(0);
    expect(search.total).toBe(((await get(`/api/search?q=Mexico&source=${publisher}`)).body as Json).total);

    const home = (await get(`/?source=${shouted}`)).body as string;
    expect(home).toContain(`<option value="${publisher}" selected>`);
    expect(home).not.toContain('No story matches these filters.');

    const listed = cli('articles', '--source', shouted);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(castanedaArticle);
    expect(cli('articles', '--source', 'no-such-outlet').stdout).toMatch(new RegExp(`no articles from a source named "no-such-outlet": sources include ${publisher}`));
  });

  it('matches entity names without their accents, as full-text search does', async () => {
    const entities = (await get('/api/entities?q=castaneda')).body as Json;
    const castaneda = entities.items.find((e: Json) => e.name.includes('Castañeda'));
    expect(castaneda, 'the PolNeAR article names Jorge Castañeda').toBeTruthy();
    expect(((await get('/api/entities?q=CASTAÑEDA')).body as Json).total).toBe(entities.total);

    const story = store.getArticle(castanedaArticle)!.storyId!;
    const byEntity = (await get('/api/stories?entity=jorge%20castaneda')).body as Json;
    expect(byEntity.items.map((s: Json) => s.id)).toContain(story);
    const search = (await get('/api/search?q=trade&entity=castaneda')).body as Json;
    expect(search.items.map((h: Json) => h.id)).toContain(castanedaArticle);
    expect((await get('/entities?q=castaneda')).body as string).toContain('Castañeda');
  });

  it('reads “…”, „…“ and «…» as phrase marks, like "…"', async () => {
    const ascii = (await get('/api/search?q=%22all%20contacts%22')).body as Json;
    expect(ascii.match).toBe('"all contacts"');
    expect(ascii.total).toBeGreaterThan(0);
    const words = (await get('/api/search?q=all%20contacts')).body as Json;
    expect(words.total, 'the words alone match more articles than the phrase').toBeGreaterThan(ascii.total);
    for (const typed of ['“all contacts”', '„all contacts“', '«all contacts»', '» all contacts «']) {
      const r = (await get(`/api/search?q=${encodeURIComponent(typed)}`)).body as Json;
      expect(r.match, typed).toBe('"all contacts"');
      expect(r.items.map((h: Json) => h.id), typed).toEqual(ascii.items.map((h: Json) => h.id));
    }
  });

  it('counts an article with no source as no source: "source unknown", 0 sources, in the API, the pages, the CLI and stats', async () => {
    const detail = (await get(`/api/stories/${seedStory}`)).body as Json;
    expect(detail.articleCount).toBe(5);
    expect(detail.sourceCount).toBe(0);
    expect(detail.sources.map((c: Json) => [c.sourceLabel, c.articles.length])).toEqual([['unknown source', 5]]);
    expect(new Set(detail.articles.map((a: Json) => a.sourceLabel))).toEqual(new Set(['unknown source']));
    const listed = ((await get('/api/stories?limit=100')).body as Json).items.find((s: Json) => s.id === seedStory);
    expect(listed.sourceCount).toBe(0);
    expect(((await get('/api/stats')).body as Json).sources).toBe(1);

    const page = (await get(`/stories/${seedStory}`)).body as string;
    expect(page).toContain('<span>5 articles</span><span>source unknown</span>');
    expect(page).not.toMatch(/Article [1-5]</);

    const shown = cli('story', seedStory);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('5 articles, source unknown');
    expect(shown.stdout).not.toMatch(/from \d+ sources/);
    const table = cli('stories');
    expect(table.stdout.split('\n').find((l) => l.startsWith(seedStory))).toMatch(new RegExp(`^${seedStory}\\s+5\\s+0\\s`));
  });

  it('refuses impossible dates naming the parameter, and says how a server fetches private addresses', async () => {
    for (const [path, param] of [
      ['/api/stories?from=2022-13-45', 'from'],
      ['/api/stories?to=2023-02-29', 'to'],
      ['/api/search?q=Kremlin&from=2022-13', 'from'],
      ['/api/search?q=Kremlin&to=2022-04-31', 'to'],
    ]) {
      const { res, body } = await get(path!);
      expect(res.status, path).toBe(400);
      expect((body as Json).error.message, path).toMatch(new RegExp(`${param}: \\S+ is not a real date: use YYYY, YYYY-MM or YYYY-MM-DD`));
    }
    for (const ok of ['/api/stories?from=2024-02-29', '/api/stories?from=2022', '/api/search?q=Kremlin&from=2022-02&to=2022-02']) expect((await get(ok)).res.status, ok).toBe(200);
    const page = await get('/?from=2022-13-45');
    expect(page.res.status).toBe(400);
    // The search page's month facets link to real dates, and each month's count is what its link finds.
    const searchPage = (await get('/search?q=Kremlin')).body as string;
    const months = [...searchPage.matchAll(/<a href="(\/search\?[^"]*from=[^"]*)">[^<]*<\/a> <span class="muted">(\d+)<\/span>/g)];
    expect(months.length).toBeGreaterThan(0);
    for (const [, href, count] of months) {
      const { res, body } = await get(href!.replace(/&amp;/g, '&').replace('/search?', '/api/search?'));
      expect(res.status, href).toBe(200);
      expect((body as Json).total, href).toBe(Number(count));
    }

    const refused = await get('/api/ingest', {
      method: 'POST',
      body: JSON.stringify({ urls: ['http://127.0.0.1:9/story.html'] }),
      headers: { Authorization: 'Bearer filters-token', 'Content-Type': 'application/json' },
    });
    expect(refused.res.status).toBe(201);
    const message = (refused.body as Json).errors[0].message as string;
    expect(message).toMatch(/127\.0\.0\.1 is not a public address/);
    // the ingest command's --allow-private is no use to an API client: the server's own switch is named
    expect(message).not.toMatch(/--allow-private(?!-urls)/);
    expect(message).toMatch(/this server does not fetch private, loopback or link-local addresses .*storyline serve --allow-private-urls.*STORYLINE_ALLOW_PRIVATE_URLS=1/);
  });

  it('says there is no such story when the CLI lists the articles or quotes of one', () => {
    for (const command of ['articles', 'quotes']) {
      const r = cli(command, '--story', 'nope');
      expect(r.status, command).toBe(1);
      expect(r.stderr, command).toMatch(/no story with ID nope: list them with `storyline stories`/);
    }
    const r = cli('articles', '--story', seedStory);
    expect(r.stdout).toContain('002_af815def54e2eb59');
  });
});
