// Names as filters compare them: entities are found by their name or an alias in any case and
// accents (the folded names kept with each entity, written by upsertEntity and by migration 10 for
// databases made before it), and a story counts only the sources its articles name (migration 11
// corrects counts saved before).
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openStore, sqliteHandle, type Store } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { SEEDS_DIR, tempDir } from '../helpers/paths.js';

describe('folded names and source counts', () => {
  let store: Store;
  let dbPath: string;

  beforeAll(async () => {
    dbPath = join(tempDir(), 'seeds.db');
    store = openStore(dbPath);
    const report = await ingestDocuments(store, readSources([join(SEEDS_DIR, 'seeds.jsonl')]));
    expect(report.failed).toBe(0);
  }, 120_000);
  afterAll(() => store.close());

  it('finds an entity by its name in any case and accents', () => {
    const peskov = store.findEntitiesByName('Dmitry Peskov')[0]!;
    expect(peskov.name).toBe('Dmitry Peskov');
    for (const typed of ['dmitry peskov', 'DMITRY  PESKOV', 'Dmítry Peskóv', ' peskov ']) expect(store.findEntitiesByName(typed)[0]?.id, typed).toBe(peskov.id);
    // LIKE's wildcards typed by a user are plain characters.
    expect(store.findEntitiesByName('%')).toEqual([]);
    expect(store.findEntitiesByName('_')).toEqual([]);
  });

  it('counts no source for stories whose articles name none', () => {
    const story = store.listStories()[0]!;
    expect(story.articleCount).toBe(5);
    expect(story.sourceCount).toBe(0);
  });

  it('migrates a database made before: folded names filled in, source counts corrected', () => {
    const db = sqliteHandle(store);
    const entities = Number(db.prepare('SELECT count(*) FROM entities').pluck().get());
    store.close();
    // The database as the previous schema left it: no folded names, each unnamed article counted as a source.
    const old = new Database(dbPath);
    old.exec(`ALTER TABLE entities DROP COLUMN folded_names; DELETE FROM schema_migrations WHERE version IN (10, 11);
      UPDATE stories SET source_count = article_count;`);
    old.close();
    store = openStore(dbPath);
    const filled = Number(sqliteHandle(store).prepare("SELECT count(*) FROM entities WHERE folded_names LIKE '\n%\n'").pluck().get());
    expect(filled).toBe(entities);
    expect(store.findEntitiesByName('DMITRÝ PESKOV')[0]?.name).toBe('Dmitry Peskov');
    expect(store.listStories()[0]!.sourceCount).toBe(0);
  });
});
