// POST /api/ingest runs one ingest at a time (code review 11 F10); the others waited without bound
// (review 11 code F-7): twenty clients each held a connection and a parsed body of up to 50 MB while
// the first ran, and a request whose client had given up (a timeout, then a retry) still ran when its
// turn came — twice, with the retry. Now four wait at most, past them the answer is 503 busy with
// Retry-After, and a waiting request whose client has gone is dropped. An id the pipeline cannot use
// is a 400 naming the field up front, not a 201 whose report says the document failed.
import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { hasSharedData, t17Articles, tempDir } from '../helpers/paths.js';
import { WIRE_STORIES as TOPICS, slowNewsSite, startServe, stopProcess } from '../helpers/servers.js';

const TOKEN = 'queue-test-token';

describe.skipIf(!hasSharedData)('POST /api/ingest while an ingest runs', () => {
  let server: ChildProcess;
  let url = '';
  let db = '';
  // a slow news site: each page answers after two seconds (the ingest that fetches them takes a while)
  let site: Server;
  let siteUrl = '';
  beforeAll(async () => {
    ({ site, url: siteUrl } = await slowNewsSite(t17Articles('bpoil_washingtonpost').slice(0, 9)));
    db = join(tempDir('storyline-queue-'), 'store.db');
    ({ child: server, url } = await startServe(['--db', db, '--port', '0', '--token', TOKEN, '--allow-private-urls']));
  }, 90_000);
  afterAll(async () => {
    site.close();
    await stopProcess(server);
  });

  const post = (body: unknown, signal?: AbortSignal) =>
    fetch(`${url}/api/ingest`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
  const one = (i: number) => ({ documents: [{ id: `wire-${i}`, source: 'Wire', published: '2023-05-09', text: TOPICS[i] }] });
  const stored = async (id: string) => (await fetch(`${url}/api/articles/${id}`)).status === 200;

  it('lets four wait, refuses the next with 503 and Retry-After, and drops one whose client has gone', async () => {
    // a long ingest: six pages of a slow site, fetched one after the other
    const crawl = post({ urls: [0, 1, 2, 3, 4, 5].map((i) => `${siteUrl}/news/${i}`) });
    await new Promise((r) => setTimeout(r, 1000));
    // a client that gives up while it waits
    const giveUp = new AbortController();
    const abandoned = post(one(6), giveUp.signal).catch((e: Error) => e.name);
    await new Promise((r) => setTimeout(r, 300));
    giveUp.abort();
    expect(await abandoned).toBe('AbortError');
    await new Promise((r) => setTimeout(r, 300));
    const waiting = [0, 1, 2, 3].map((i) => post(one(i)));
    await new Promise((r) => setTimeout(r, 300));
    const refused = await post(one(4));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.json()).toEqual({ error: { code: 'busy', message: expect.stringMatching(/^an ingest is running and 4 more wait: retry later/) } });
    const answers = await Promise.all([crawl, ...waiting]);
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(await answers[0]!.json()).toMatchObject({ stored: 6, failed: 0 });
    for (const i of [0, 1, 2, 3]) expect(await stored(`wire-${i}`)).toBe(true);
    expect(await stored('wire-4')).toBe(false);
    // the abandoned request never ran
    expect(await stored('wire-6')).toBe(false);
    // and the queue is open again
    expect((await post(one(4))).status).toBe(201);
  }, 300_000);

  it('refuses an id the pipeline cannot use with a 400 naming it', async () => {
    const answer = await post({ documents: [{ id: 'wire-5', text: TOPICS[5] }, { id: 'reuters/2023 05 09', text: TOPICS[6] }] });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      error: { code: 'invalid_parameter', message: expect.stringMatching(/^invalid ingest request: documents\.1\.id: "reuters\/2023 05 09" is not a usable id \(letters, digits, \. _ : - only/) },
    });
    expect(await stored('wire-5')).toBe(false);
  }, 60_000);

  it('answers 409 busy when another run took the database over while this one waited on the network', async () => {
    const store = openStore(db);
    const storedBefore = store.countArticles();
    const crawl = post({ urls: [6, 7, 8].map((i) => `${siteUrl}/news/${i}`) });
    try {
      // the server's claim, once its first page is stored; then a run elsewhere takes the database over
      let held: string | undefined;
      for (let i = 0; i < 100 && !(held && store.countArticles() > storedBefore && JSON.parse(held).what === 'ingest'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        held = store.kv.get('writer/process');
      }
      expect(held).toBeDefined();
      const taker = { pid: 1, host: '3f2a9c1d7e44', what: 'reprocess', since: new Date().toISOString(), beat: new Date().toISOString(), token: 'c0ffee00c0ffee00' };
      store.transaction(() => store.kv.put('writer/process', JSON.stringify(taker)));
      const answer = await crawl;
      expect(answer.status).toBe(409);
      expect(await answer.json()).toEqual({ error: { code: 'busy', message: expect.stringMatching(/^this ingest stopped: another reprocess \(process 1 on 3f2a9c1d7e44\) took the database over at /) } });
      expect(JSON.parse(store.kv.get('writer/process')!)).toEqual(taker);
      store.transaction(() => store.kv.delete('writer/process'));
    } finally {
      store.close();
    }
  }, 120_000);
});
