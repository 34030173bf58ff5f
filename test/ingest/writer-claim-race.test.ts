// Two runs claiming one database at the same moment (review 11 code F-2): each read "no claim" in a
// deferred transaction, the first wrote its claim, and SQLite refused the second's write — 'database
// is locked' (a 500 over HTTP) instead of the message naming the run that holds the database. Two
// `storyline ingest` started together failed so in 5 of 6 tries. The claim is now taken in an
// immediate transaction: whoever comes second waits for the first, then reads its claim.
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { claimWriter } from '../../src/pipeline.js';
import { tempDir } from '../helpers/paths.js';

describe('the writer claim', () => {
  it('is taken whole when another process tries to claim the database between its read and its write', () => {
    const db = join(tempDir(), 'store.db');
    const store = openStore(db);
    const other = new Database(db);
    other.pragma('busy_timeout = 0');
    // another process (the parent of this one: alive, on this host) claiming at the same moment
    const theirs = JSON.stringify({ pid: process.ppid, host: hostname(), what: 'ingest', since: new Date().toISOString() });
    let theyClaimed = false;
    const racing: Store = {
      ...store,
      kv: {
        ...store.kv,
        get: (key) => {
          const value = store.kv.get(key);
          if (key === 'writer/process' && value === undefined) {
            try {
              other.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, theirs);
              theyClaimed = true;
            } catch (e) {
              // the database is ours until our claim is written
              expect((e as { code?: string }).code).toMatch(/^SQLITE_BUSY/);
            }
          }
          return value;
        },
      },
    };
    try {
      const release = claimWriter(racing, 'ingest');
      expect(theyClaimed).toBe(false);
      expect(JSON.parse(store.kv.get('writer/process')!)).toMatchObject({ pid: process.pid, what: 'ingest' });
      release();
      expect(store.kv.get('writer/process')).toBeUndefined();
      // and the one that comes second is told who holds it
      other.prepare('INSERT INTO kv (key, value) VALUES (?, ?)').run('writer/process', theirs);
      expect(() => claimWriter(store, 'reprocess')).toThrow(new RegExp(`^another ingest is writing to this database \\(process ${process.ppid} on `));
    } finally {
      other.close();
      store.close();
    }
  });
});
