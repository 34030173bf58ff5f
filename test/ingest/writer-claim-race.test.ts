// Two runs claiming one database at the same moment (review 11 code F-2): each read "no claim" in a
// deferred transaction, the first wrote its claim, and SQLite refused the second's write — 'database
// is locked' (a 500 over HTTP) instead of the message naming the run that holds the database. Two
// `storyline ingest` started together failed so in 5 of 6 tries. The claim is now taken in an
// immediate transaction: whoever comes second waits for the first, then reads its claim.
// A run in the middle of a batch holds the write lock for seconds: its claim is read without waiting
// for the lock (waiting ended in 'database is locked' after the 5 s busy timeout).
// And a claim no run can wait out (review 11 code F-3): one that cannot be read is taken over; one
// from another machine or container says how to remove it once that run is gone.
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
    let reads = 0;
    const racing: Store = {
      ...store,
      kv: {
        ...store.kv,
        get: (key) => {
          const value = store.kv.get(key);
          // (the first read takes no lock and finds no claim; the second is the claim's own transaction)
          if (key === 'writer/process' && value === undefined && ++reads === 2) {
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
      expect(reads).toBe(2);
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

  it('takes over a claim it cannot read, and says how to remove one from another machine', () => {
    const db = join(tempDir(), 'store.db');
    const store = openStore(db);
    try {
      store.kv.put('writer/process', '{"pid": 4');
      const release = claimWriter(store, 'ingest');
      expect(JSON.parse(store.kv.get('writer/process')!)).toMatchObject({ pid: process.pid });
      release();
      // a container killed mid-run: its pid and host name mean nothing here, and no run can end it
      store.kv.put('writer/process', JSON.stringify({ pid: 1, host: '3f2a9c1d7e44', what: 'ingest', since: '2026-11-20T10:00:00.000Z' }));
      let message = '';
      try {
        claimWriter(store, 'ingest');
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/^another ingest is writing to this database \(process 1 on 3f2a9c1d7e44, since 2026-11-20 10:00:00 UTC\): wait for it to finish, then run this again \(if it stopped without finishing/);
      // doing what it says frees the database
      const command = /sqlite3 "([^"]+)" "(DELETE FROM kv WHERE key = 'writer\/process')"/.exec(message);
      expect(command?.[1]).toBe(db);
      const sqlite = new Database(db);
      sqlite.exec(command![2]!);
      sqlite.close();
      claimWriter(store, 'ingest')();
      expect(store.kv.get('writer/process')).toBeUndefined();
    } finally {
      store.close();
    }
  });

  it('names the run that holds the database at once, while that run is in the middle of a batch', () => {
    const db = join(tempDir(), 'store.db');
    const store = openStore(db);
    const other = new Database(db);
    try {
      other.prepare('INSERT INTO kv (key, value) VALUES (?, ?)').run('writer/process', JSON.stringify({ pid: process.ppid, host: hostname(), what: 'ingest', since: new Date().toISOString() }));
      // its batch: a write transaction open longer than the busy timeout
      other.exec('BEGIN IMMEDIATE');
      other.prepare('INSERT INTO kv (key, value) VALUES (?, ?)').run('stories/dirty/x', '1');
      const started = Date.now();
      expect(() => claimWriter(store, 'ingest')).toThrow(new RegExp(`^another ingest is writing to this database \\(process ${process.ppid} on `));
      expect(Date.now() - started).toBeLessThan(1000);
      other.exec('COMMIT');
    } finally {
      other.close();
      store.close();
    }
  });
});
