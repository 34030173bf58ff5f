// What a server answers when something breaks inside it (code review 11 F6): the message of the
// exception (SQL, table names, file paths) went to whoever asked; it goes to the server's log,
// and the answer says where to look.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/serve/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { tempDir } from '../helpers/paths.js';

describe('internal errors', () => {
  let store: Store;
  let app: Awaited<ReturnType<typeof createApp>>;
  let logged = '';
  const stderr = vi.spyOn(process.stderr, 'write');
  beforeAll(async () => {
    const path = join(tempDir('storyline-errors-'), 'damaged.db');
    store = openStore(path);
    app = await createApp({ store });
    // the database damaged under the running server: a table it reads is gone
    const other = new Database(path);
    other.exec('DROP TABLE entities');
    other.close();
    stderr.mockImplementation((chunk: string | Uint8Array) => ((logged += String(chunk)), true));
  });
  afterAll(() => {
    stderr.mockRestore();
    app.close();
    store.close();
  });

  it('answers a 500 that names no table, query or path, with a reference to the full error in the log', async () => {
    for (const [path, type] of [
      ['/api/entities', 'application/json'],
      ['/entities', 'text/html'],
    ] as const) {
      logged = '';
      const res = await app.app.request(path);
      expect(res.status, path).toBe(500);
      expect(res.headers.get('content-type')).toContain(type);
      const body = await res.text();
      expect(body).not.toMatch(/no such table|SQLITE|damaged\.db|\.ts:\d+/);
      const reference = /internal error \(reference ([0-9a-f]{8})\)/.exec(body)?.[1];
      expect(reference, body).toBeTruthy();
      expect(logged).toContain(`[${reference}]`);
      expect(logged).toMatch(/no such table: entities/);
    }
  });
});
