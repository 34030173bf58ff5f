// Two answers that are not like the others (review 11 code, left open): /api/events holds a
// connection and a once-a-second timer per listener, with no bound on how many; and the ETag
// middleware read /api/export's whole body — the database as one JSON document — into a second
// string and hashed it, on every download, to give a download a validator nobody sends back.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/serve/index.js';
import { openStore } from '../../src/store/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { readSources } from '../../src/ingest/index.js';
import { MAX_EVENT_STREAMS } from '../../src/serve/api.js';
import { SEEDS_DIR, tempDir } from '../helpers/paths.js';
import { startServe, stopProcess } from '../helpers/servers.js';

describe('live update streams', () => {
  let server: ChildProcess;
  let url = '';
  beforeAll(async () => {
    const db = join(tempDir('storyline-streams-'), 'store.db');
    const store = openStore(db);
    await ingestDocuments(store, readSources([SEEDS_DIR]));
    store.close();
    ({ child: server, url } = await startServe(['--db', db, '--port', '0']));
  }, 120_000);
  afterAll(async () => {
    await stopProcess(server);
  });

  /** Opens a stream and reads its hello. */
  const open = async () => {
    const stop = new AbortController();
    const res = await fetch(`${url}/api/events`, { signal: stop.signal });
    if (res.status === 200) {
      const reader = res.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toContain('event: hello');
    }
    return { res, close: () => stop.abort() };
  };

  it('are bounded: past the cap the answer is 503 busy with Retry-After, and a closed one frees its place', async () => {
    const streams = [];
    for (let i = 0; i < MAX_EVENT_STREAMS; i++) streams.push(await open());
    expect(streams.every((s) => s.res.status === 200)).toBe(true);
    const refused = await open();
    expect(refused.res.status).toBe(503);
    expect(refused.res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.res.json()).toEqual({ error: { code: 'busy', message: expect.stringMatching(new RegExp(`^${MAX_EVENT_STREAMS} live update streams are open, as many as this server keeps: retry later`)) } });
    streams.pop()!.close();
    let again = await open();
    for (let tries = 0; again.res.status !== 200 && tries < 50; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await open();
    }
    expect(again.res.status).toBe(200);
    again.close();
    for (const s of streams) s.close();
    // the rest of the API is answered meanwhile
    expect((await fetch(`${url}/api/stats`)).status).toBe(200);
  }, 120_000);
});

describe('GET /api/export', () => {
  it('is sent without an ETag computed over the whole database', async () => {
    const store = openStore(join(tempDir('storyline-export-'), 'store.db'));
    await ingestDocuments(store, readSources([SEEDS_DIR]));
    const { app, close } = await createApp({ store });
    try {
      const res = await app.request('/api/export?format=json');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="storyline-export.json"');
      expect(res.headers.get('etag')).toBeNull();
      const body = await res.text();
      expect((JSON.parse(body) as { articles: unknown[] }).articles.length).toBe(store.countArticles());
      // JSON answers and pages keep theirs
      const stats = await app.request('/api/stats');
      expect(stats.headers.get('etag')).toMatch(/^W\/"/);
      expect((await app.request('/api/stats', { headers: { 'If-None-Match': stats.headers.get('etag')! } })).status).toBe(304);
    } finally {
      close();
      store.close();
    }
  }, 120_000);
});
