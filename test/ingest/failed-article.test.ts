// One article that fails while it is stored (code review 11 F7). Each article is a savepoint, but the
// linker's and the entity index's state is in memory: a failure after the linker took the article in
// left it linked though never stored, its content hash written with the batch, and every later copy
// of that content was refused ("FOREIGN KEY constraint failed" — a duplicate of an article that does
// not exist). The batch is now stored again without the failed article.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { tempDir } from '../helpers/paths.js';

const BRIDGE = 'The council approved the budget for the new bridge on Monday after a long debate about its cost, the mayor said. Work will start in the spring and take two years.';
const HARBOUR = 'Storm damage closed the harbour road on Tuesday and the port authority said repairs would take a week. Ferries were cancelled and fishing boats stayed in port.';
const SCHOOL = 'The school reopened on Wednesday after the floods, and the head teacher said lessons would resume in the old building by the end of the month.';

describe('an article that fails while it is stored', () => {
  it('leaves nothing of itself: its batch is stored without it, and its content can be stored later', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.db');
    const input = join(dir, 'day.jsonl');
    writeFileSync(
      input,
      [
        { id: 'bridge', text: BRIDGE, published: '2023-05-08' },
        { id: 'harbour-wire', text: HARBOUR, published: '2023-05-09' },
        { id: 'school', text: SCHOOL, published: '2023-05-10' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    openStore(db).close();
    // the database refuses one article's row, as a full disk or a damaged page would
    const sqlite = new Database(db);
    sqlite.exec("CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN NEW.id = 'harbour-wire' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    sqlite.close();

    let store = openStore(db);
    const errors: string[] = [];
    const first = await ingestDocuments(store, readSources([input]), { onError: (e) => errors.push(`${e.origin}: ${e.message}`) });
    expect(first).toMatchObject({ stored: 2, failed: 1, duplicates: 0 });
    expect(errors).toEqual([`${input}:2: database or disk is full`]);
    expect(first.storedIds.sort()).toEqual(['bridge', 'school']);
    expect(store.kv.get('link/article/harbour-wire')).toBeUndefined();
    expect(store.kv.keys('link/article/').sort()).toEqual(['link/article/bridge', 'link/article/school']);
    store.close();

    // the same report from another outlet, once the database takes it
    const copy = join(dir, 'copy.jsonl');
    writeFileSync(copy, JSON.stringify({ id: 'harbour-local', text: HARBOUR, published: '2023-05-09' }));
    store = openStore(db);
    const second = await ingestDocuments(store, readSources([copy]));
    expect(second.errors).toEqual([]);
    expect(second).toMatchObject({ stored: 1, failed: 0, duplicates: 0 });
    expect(store.getArticle('harbour-local')?.duplicateOf ?? null).toBeNull();
    expect(store.getArticle('harbour-local')?.storyId).toBeTruthy();
    store.close();
  });
});
