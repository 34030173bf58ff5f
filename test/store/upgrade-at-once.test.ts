// Two commands started at once on a store of an older schema (review 12): both read a migration as
// pending; the second waited for the first's transaction, ran the migration again — rebuilding the
// search index a second time — and failed on its row, "cannot open the database …: UNIQUE constraint
// failed: schema_migrations.version"; with an upgrade longer than the busy timeout (migration 13 on a
// large store) it failed with SQLite's bare "database is locked". Now the migration's transaction
// checks again whether it was applied, and a wait past the timeout says what to do.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { migrate } from '../../src/store/sqlite/index.js';
import { searchStore } from '../../src/search/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { readSources } from '../../src/ingest/index.js';
import { SEEDS_DIR, tempDir } from '../helpers/paths.js';
import { asSchema12 } from '../helpers/stores.js';

/** A store of schema 12: the search index without its short prefixes, migration 13 not applied. */
async function storeOfSchema12(): Promise<string> {
  const path = join(tempDir('storyline-upgrade-'), 'store.db');
  const store = openStore(path);
  await ingestDocuments(store, readSources([SEEDS_DIR]));
  store.close();
  const db = new Database(path);
  asSchema12(db);
  db.close();
  return path;
}

describe('an older store opened by two commands at once', () => {
  it('is upgraded once: the second finds the migration done by the first and opens it', async () => {
    const path = await storeOfSchema12();
    const second = new Database(path);
    second.pragma('busy_timeout = 5000');
    const notes: string[] = [];
    // (the first command's upgrade commits between the second's reading of the pending migrations and its own transaction)
    const applied = migrate(second, (note) => {
      notes.push(note);
      const first = new Database(path);
      first.pragma('busy_timeout = 5000');
      expect(migrate(first)).toBe(1);
      first.close();
    });
    second.close();
    expect(applied).toBe(0);
    expect(notes).toEqual([expect.stringMatching(/^upgrading the database to schema 13 \(search: one- and two-letter prefixes indexed\), 5 articles: this happens once$/)]);
    const store = openStore(path);
    try {
      expect(store.countArticles()).toBe(5);
      expect(searchStore(store)({ q: 'a* e* s*', limit: 10, offset: 0 }).total).toBe(5);
    } finally {
      store.close();
    }
  }, 120_000);

  it('says what to do when the other one holds the database past the wait', async () => {
    const path = await storeOfSchema12();
    const first = new Database(path);
    first.exec('BEGIN IMMEDIATE');
    try {
      expect(() => openStore(path)).toThrow(
        `cannot open the database ${path}: another process is writing to it (upgrading it to schema 13, which can take a minute on a large store, or ingesting): wait for it to finish, then run this again`,
      );
    } finally {
      first.exec('ROLLBACK');
      first.close();
    }
    const store = openStore(path);
    expect(store.countArticles()).toBe(5);
    store.close();
  }, 120_000);
});
