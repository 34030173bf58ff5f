// A failure that is no article's fault (review 11 code F-4, the cap left open): an article that fails
// after the linker took it in rolls its batch back, and the batch is stored again without it, the link
// state reloaded from the store. When every article fails the same way — a trigger or constraint of
// the database, a fault of this version — that was one redo per article: 97 redos and 15.6 s of CPU
// for a batch of 100 that stores in 6.4 s, each redo's reload growing with the store. The same
// failure three times in a batch now stops the ingest, saying what failed.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { CLI, ROOT, hasSharedData, t17Articles, tempDir } from '../helpers/paths.js';

describe.skipIf(!hasSharedData)('an ingest whose every article fails the same way as it is stored', () => {
  it('stops after the third, naming the failure, instead of redoing the batch for each article', () => {
    const dir = tempDir();
    const db = join(dir, 'store.db');
    const day = join(dir, 'haiti.jsonl');
    writeFileSync(day, t17Articles('haiti_bbc').slice(0, 60).map((a) => JSON.stringify(a)).join('\n'));
    openStore(db).close();
    // a trigger someone left on the table (a maintenance window, an audit rule): no article gets in
    const sqlite = new Database(db);
    sqlite.exec("CREATE TRIGGER maintenance BEFORE INSERT ON articles BEGIN SELECT RAISE(ABORT, 'articles are not taken during maintenance'); END");
    sqlite.close();
    const run = spawnSync(process.execPath, [...CLI, 'ingest', day, '--db', db, '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toMatch(
      new RegExp(
        `^storyline: ingest stopped: 3 articles of one batch failed the same way as they were stored \\(articles are not taken during maintenance; the first: ${day.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+\\): a fault of the database \\(a trigger, a constraint\\) or of this version, not of the articles — fix it, then run the ingest again; what earlier batches stored is kept\\n$`,
      ),
    );
    expect(run.status).toBe(1);
    const store = openStore(db);
    try {
      expect(store.countArticles()).toBe(0);
      expect(store.kv.get('writer/process')).toBeUndefined();
    } finally {
      store.close();
    }
  }, 180_000);
});
