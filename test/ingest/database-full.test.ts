// A database that cannot be written (review 11 code F-4/F-5): a full disk stopped an ingest with
// SQLite's bare words, 'storyline: disk I/O error' — no file, nothing to do — and an error of the file
// inside an article's savepoint was taken for that article's fault, the batch redone once per
// article. The ingest now stops at once and says which database and what to check. A file-size
// limit (ulimit -f, its signal ignored) makes the disk "full" for real: writes fail with EFBIG.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { CLI, ROOT, SEEDS_DIR, tempDir } from '../helpers/paths.js';

describe('an ingest into a database that cannot grow', () => {
  it.skipIf(process.platform === 'win32')('stops, naming the database and what to check', () => {
    const db = join(tempDir(), 'store.db');
    openStore(db).close();
    // 400 KB: the empty store fits, the seeds' first batch does not
    const run = spawnSync('bash', ['-c', 'trap "" XFSZ; ulimit -f 400; exec "$0" "$@"', process.execPath, ...CLI, 'ingest', SEEDS_DIR, '--db', db, '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `storyline: cannot write to the database ${db} (SQLite: disk I/O error): check that its disk has free space and that the file and its folder are writable, then run the ingest again; what earlier batches stored is kept`,
    );
    // nothing half-written, and the next run (with room) stores everything
    const store = openStore(db);
    try {
      expect(store.countArticles()).toBe(0);
    } finally {
      store.close();
    }
    const again = spawnSync(process.execPath, [...CLI, 'ingest', SEEDS_DIR, '--db', db, '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    expect(again.status).toBe(0);
  }, 120_000);
});
