// The standfirst (dek, teaser) a page prints apart from the article's text (Extracted.standfirst) is
// stored, searched, shown by `storyline article` and the web page, exported, and written by the
// batch tool; a store made before it (schema 11) opens, keeps every row, and gets standfirsts on reprocess.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, sqliteHandle, type Store } from '../../src/store/index.js';
import { migrations } from '../../src/store/sqlite/migrations.js';
import { searchStore } from '../../src/search/index.js';
import { ingestDocuments, reprocessAll } from '../../src/pipeline.js';
import { createModel } from '../../src/serve/model.js';
import { articlePage } from '../../src/serve/pages.js';
import { buildExport } from '../../src/export.js';
import { extract } from '../../src/extract/index.js';
import type { RawDoc } from '../../src/types.js';
import { htmldatePage } from '../helpers/htmldate.js';
import { CLI, ROOT, tempDir } from '../helpers/paths.js';

// htmldate pages whose dek session 10 found (docs/extract.md): an excerpt, a teaser, a header line.
const PAGES = ['0554', '0771', '0376'];
const raw = (n: string): RawDoc => ({ origin: `htmldate-${n}`, id: `htmldate-${n}`, html: htmldatePage(n) });
const ingest = (store: Store) => ingestDocuments(store, [{ items: PAGES.map(raw), errors: [] }], { heapGrowthPercent: null });
const search = (store: Store, q: string) => searchStore(store)({ q, limit: 10, offset: 0 });
const marked = (h: { text: string; highlights: [number, number][] }) => h.highlights.map(([s, e]) => h.text.slice(s, e));

describe('the standfirst, end to end', () => {
  let store: Store;
  let dbPath: string;

  beforeAll(async () => {
    dbPath = join(tempDir(), 'standfirst.db');
    store = openStore(dbPath);
    expect((await ingest(store)).failed).toBe(0);
  }, 120_000);
  afterAll(() => store.close());

  it('is stored as extraction found it, apart from the text', () => {
    for (const n of PAGES) {
      const a = store.getArticle(`htmldate-${n}`)!;
      expect(a.standfirst).toBe(extract({ html: htmldatePage(n) }).standfirst);
      expect(a.text).not.toContain(a.standfirst!.slice(0, 40));
    }
    expect(store.getArticle('htmldate-0771')!.standfirst).toMatch(/^Apple arbeitet einem Bericht aus Südkorea zufolge an eigenen Akkus/);
  });

  it('is found by search, and a hit its standfirst alone matches shows the standfirst', () => {
    // "Zellchemie" is in 0771's standfirst only, not in its title or text
    expect(store.getArticle('htmldate-0771')!.text).not.toMatch(/Zellchemie/);
    const hits = search(store, 'Zellchemie').hits;
    expect(hits.map((h) => h.id)).toEqual(['htmldate-0771']);
    expect(hits[0]!.snippet.text).toContain('Dank einer neuen Zellchemie');
    expect(marked(hits[0]!.snippet)).toEqual(['Zellchemie']);
    // a word of the text still gets the text's snippet
    const text = search(store, 'Zulieferern').hits[0]!;
    expect(text.id).toBe('htmldate-0771');
    expect(text.snippet.text).toContain('Zulieferern');
    expect(search(store, '"Lagen-Pyramide über insgesamt"').hits.map((h) => h.id)).toEqual(['htmldate-0554']);
  });

  it('is shown (escaped) by the web article page and the API model, and exported', () => {
    const model = createModel(store);
    const detail = model.article('htmldate-0376')!;
    expect(detail.standfirst).toBe('Mark Helfrich über das gewaltige Potenzial der Technologie im Kampf gegen den Klimawandel');
    const ctx = { asset: (p: string) => p, stats: () => store.stats() };
    const page = articlePage(ctx, detail);
    expect(page).toContain('<p class="standfirst">Mark Helfrich über das gewaltige Potenzial');
    // it stands between the headline and the text
    expect(page.indexOf('class="standfirst"')).toBeGreaterThan(page.indexOf('id="h-article"'));
    expect(page.indexOf('class="standfirst"')).toBeLessThan(page.indexOf('class="prose annotated"'));
    const hostile = articlePage(ctx, { ...detail, standfirst: '<img src=x onerror="alert(1)"> & more' });
    expect(hostile).not.toContain('<img src=x');
    expect(hostile).toContain('<p class="standfirst">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more</p>');
    const exported = buildExport(store).articles.find((a) => a.id === 'htmldate-0554')!;
    expect(exported.standfirst).toBe('Schwerpunkt der Einheit ist eine Lagen-Pyramide über insgesamt 1.000 Meter, dabei wird es auch etwas schneller.');
  });

  it('is printed by `storyline article` between the header and the text, and in its --json', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [...CLI, ...args, '--db', dbPath], { cwd: ROOT, encoding: 'utf8' });
    const out = run('article', 'htmldate-0554');
    expect(out.status, out.stderr).toBe(0);
    const lines = out.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Schwerpunkt der Einheit ist eine Lagen-Pyramide'));
    expect(at).toBeGreaterThan(lines.findIndex((l) => l.startsWith('id htmldate-0554')));
    expect(at).toBeLessThan(lines.findIndex((l) => l.startsWith('Bei den 8 x 50 Metern Delfinbeine')));
    expect(JSON.parse(run('article', 'htmldate-0554', '--json').stdout).standfirst).toMatch(/^Schwerpunkt der Einheit/);
  }, 60_000);
});

describe('`storyline extract` output', () => {
  it('carries the standfirst (null when the page prints none) beside the fields the scorer reads', () => {
    const input = [raw('0554'), { id: 'plain', text: 'A plain text.\n\nWith two paragraphs of words.' }].map((r) => JSON.stringify(r)).join('\n');
    const out = spawnSync(process.execPath, [...CLI, 'extract'], { cwd: ROOT, encoding: 'utf8', input });
    expect(out.status, out.stderr).toBe(0);
    const [page, plain] = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(page!.standfirst).toBe('Schwerpunkt der Einheit ist eine Lagen-Pyramide über insgesamt 1.000 Meter, dabei wird es auch etwas schneller.');
    expect(page!.text).toMatch(/^Bei den 8 x 50 Metern Delfinbeine/);
    expect(plain!.standfirst).toBeNull();
  }, 60_000);
});

describe('a store made before the standfirst (schema 11)', () => {
  const TABLES = ['articles', 'analyses', 'entities', 'mentions', 'timexes', 'quotes', 'stories', 'story_articles', 'story_data', 'story_history', 'story_figures', 'article_facets', 'kv', 'line_stats'];
  const rowsOf = (db: Database.Database, table: string, columns = '*') => db.prepare(`SELECT ${columns} FROM ${table}`).raw().all().map((r) => JSON.stringify(r)).sort();

  it('opens, keeps every row, finds its articles, and gets their standfirsts on reprocess', async () => {
    // Today's store of the three pages, copied into a database made by migrations 1–11 as the previous version wrote it.
    const dir = tempDir();
    const made: string[] = [];
    const now = openStore(join(dir, 'now.db'), { onUpgrade: (note) => made.push(note) });
    expect(made).toEqual([]); // a new database is made silently
    expect((await ingest(now)).failed).toBe(0);
    now.close();
    const oldPath = join(dir, 'old.db');
    const old = new Database(oldPath);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of migrations.filter((m) => m.version <= 11)) {
      old.exec(m.sql);
      m.run?.(old);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    }
    old.pragma('foreign_keys = OFF');
    old.exec(`ATTACH '${join(dir, 'now.db')}' AS now`);
    const articleColumns = (old.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('articles') as string[]).join(', ');
    expect(articleColumns).not.toContain('standfirst');
    old.exec(`INSERT INTO articles (rowid, ${articleColumns}) SELECT rowid, ${articleColumns} FROM now.articles`);
    for (const t of TABLES.filter((t) => t !== 'articles')) old.exec(`INSERT OR REPLACE INTO ${t} SELECT * FROM now.${t}`);
    old.exec('DETACH now');
    const before = new Map(TABLES.map((t) => [t, rowsOf(old, t, t === 'articles' ? articleColumns : '*')]));
    expect(before.get('articles')).toHaveLength(3);
    old.close();

    // the command line says why this one run is slower: the search index is rebuilt
    const copyPath = join(dir, 'copy.db');
    copyFileSync(oldPath, copyPath);
    const stats = spawnSync(process.execPath, [...CLI, 'stats', '--db', copyPath], { cwd: ROOT, encoding: 'utf8' });
    expect(stats.status).toBe(0);
    expect(stats.stderr).toContain(`storyline: ${copyPath}: upgrading the database to schema 12 (articles: the standfirst, searched with title and text), 3 articles: this happens once`);
    const again = spawnSync(process.execPath, [...CLI, 'stats', '--db', copyPath], { cwd: ROOT, encoding: 'utf8' });
    expect(again.stderr).not.toContain('upgrading');

    const notes: string[] = [];
    const store = openStore(oldPath, { onUpgrade: (note) => notes.push(note) });
    // (12: the standfirst; 13: the search index's prefixes — each rebuilds the index, each said)
    expect(notes).toEqual([expect.stringMatching(/^upgrading the database to schema 12 \(/), expect.stringMatching(/^upgrading the database to schema 13 \(/)]);
    try {
      const db = sqliteHandle(store);
      expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(migrations.at(-1)!.version);
      for (const t of TABLES) expect(rowsOf(db, t, t === 'articles' ? articleColumns : '*'), t).toEqual(before.get(t));
      expect(store.getArticle('htmldate-0771')!.standfirst).toBeNull();
      // the rebuilt index finds the articles by their text and titles, as before
      expect(search(store, 'Zulieferern').hits.map((h) => h.id)).toEqual(['htmldate-0771']);
      expect(search(store, 'Wasserstoff').hits.map((h) => h.id)).toEqual(['htmldate-0376']);
      expect(search(store, 'Zellchemie').hits).toEqual([]);

      const result = reprocessAll(store);
      expect(result.errors).toEqual([]);
      expect(store.getArticle('htmldate-0771')!.standfirst).toMatch(/^Apple arbeitet einem Bericht aus Südkorea/);
      expect(search(store, 'Zellchemie').hits.map((h) => h.id)).toEqual(['htmldate-0771']);
    } finally {
      store.close();
    }
  }, 120_000);
});
