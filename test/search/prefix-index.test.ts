// Short prefixes (docs/search.md, session 11 left open): FTS5 answered `a*` by reading the doclist of
// every indexed term starting with "a" and merging them, once per query; a query of one-letter
// prefixes (`a* b* … z*`, 26 of them, within the 32-phrase cap) cost 0.2–0.3 s on 400 articles and
// ≈ 1.8 s on 20,000, growing with the corpus. The index now keeps one- and two-letter prefixes
// (FTS5 `prefix='1 2'`): such a query reads one list per prefix. A store of the previous schema is
// upgraded once, saying so, and finds what it found before.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { openStore, sqliteHandle, type Store } from '../../src/store/index.js';
import { searchStore, toMatchExpression } from '../../src/search/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { CLI, ROOT, hasSharedData, t17Articles, tempDir } from '../helpers/paths.js';
import { asSchema12 } from '../helpers/stores.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');
const QUERIES = [LETTERS.map((l) => `${l}*`).join(' '), 's* t* p* h* c*', 'th* an* re* co* pr* st* in* de*', 'rescu* aid', '"oil spill" -bp', 'haiti earthquake'];

describe.skipIf(!hasSharedData)('short prefixes in a search', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = tempDir();
    store = openStore(join(dir, 'store.db'));
    const docs = [...t17Articles('haiti_bbc').slice(0, 120), ...t17Articles('bpoil_bbc').slice(0, 80)].map((a, i) => ({ ...a, id: `a${i}`, origin: `t17:${i}` }));
    await ingestDocuments(store, [{ items: docs, errors: [] }]);
  }, 300_000);
  afterAll(() => store.close());

  /** CPU ms of the index's part of a search: the matches of the query's expression, counted (best of 3). */
  const matchCpu = (q: string) => {
    const count = sqliteHandle(store).prepare('SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?').pluck();
    const match = toMatchExpression(q)!;
    count.get(match);
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = process.cpuUsage();
      count.get(match);
      const c = process.cpuUsage(t0);
      best = Math.min(best, (c.user + c.system) / 1000);
    }
    return best;
  };

  it('are read from the index, not expanded term by term', () => {
    expect(store.countArticles()).toBeGreaterThan(150);
    // 26 one-letter prefixes cost little more than two words (before: 14.4 ms, ≈ 500× 'haiti earthquake'; now 0.7 ms)
    const word = matchCpu('haiti earthquake');
    const prefixes = matchCpu(QUERIES[0]!);
    expect(prefixes).toBeLessThan(Math.max(5, 10 * word));
    const sql = sqliteHandle(store).prepare("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").pluck().get() as string;
    expect(sql).toMatch(/prefix\s*=\s*'1 2'/);
    // and the whole search answers them
    expect(searchStore(store)({ q: QUERIES[1]!, limit: 20, offset: 0 }).total).toBeGreaterThan(100);
  });

  it('are found the same after a store of the previous schema is upgraded, which says so once', () => {
    const before = QUERIES.map((q) => searchStore(store)({ q, limit: 50, offset: 0 }));
    expect(before[3]!.total).toBeGreaterThan(0);
    const copy = join(dir, 'old.db');
    sqliteHandle(store).exec(`VACUUM INTO '${copy}'`);
    // the index as schema 12 made it: no prefix index
    const old = new Database(copy);
    asSchema12(old);
    old.close();
    const run = spawnSync(process.execPath, [...CLI, 'search', 'vacc*', '--db', copy], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^storyline: ${copy.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: upgrading the database to schema 13 \\(search: one- and two-letter prefixes indexed\\), ${store.countArticles()} articles: this happens once\\n$`));
    const upgraded = openStore(copy);
    try {
      const after = QUERIES.map((q) => searchStore(upgraded)({ q, limit: 50, offset: 0 }));
      expect(after).toEqual(before);
      // and new articles are indexed with their prefixes
      expect((sqliteHandle(upgraded).prepare("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").pluck().get() as string)).toMatch(/prefix\s*=\s*'1 2'/);
    } finally {
      upgraded.close();
    }
  });
});
