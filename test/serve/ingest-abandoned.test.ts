// A POST /api/ingest waiting for the ingest before it, whose client goes away, frees its place in the
// queue at once (review 11 code F-7). Review 12: it also has to let go of its request — the handler
// kept waiting for its turn holding the request and its parsed body (up to 50 MB), so clients that
// sent and gave up again and again grew the server without bound while one long ingest ran (24
// abandoned 9.5 MB requests: RSS 151 → 654 MB; now 217 MB). It is answered, and dropped, at once.
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/serve/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { hasSharedData, t17Articles, tempDir } from '../helpers/paths.js';
import { slowNewsSite } from '../helpers/servers.js';

const TOKEN = 'abandon-test-token';

describe.skipIf(!hasSharedData)('an ingest request whose client leaves while it waits', () => {
  let site: Server;
  let siteUrl = '';
  let store: Store;
  beforeAll(async () => {
    // a slow news site: each page answers after two seconds
    ({ site, url: siteUrl } = await slowNewsSite(t17Articles('bpoil_washingtonpost').slice(0, 2)));
    store = openStore(join(tempDir('storyline-abandon-'), 'store.db'));
  });
  afterAll(() => {
    site.close();
    store.close();
  });

  it('is answered at once and never runs, while the ingest before it goes on', async () => {
    const { app, close } = await createApp({ store, token: TOKEN, allowPrivateUrls: true });
    const post = (body: unknown, signal?: AbortSignal) =>
      app.request(new Request('http://localhost/api/ingest', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body), signal }));
    try {
      let crawlDone = false;
      const crawl = post({ urls: [0, 1].map((i) => `${siteUrl}/news/${i}`) }).then((r) => ((crawlDone = true), r));
      await new Promise((r) => setTimeout(r, 500));
      const leaving = new AbortController();
      const text = 'Storm damage closed the harbour road and the port authority said repairs would take a week. Ferries were cancelled and fishing boats stayed in port.';
      const abandoned = post({ documents: [{ id: 'harbour-road', source: 'Wire', published: '2023-05-09', text }] }, leaving.signal);
      await new Promise((r) => setTimeout(r, 300));
      leaving.abort();
      const left = Date.now();
      const answer = await abandoned;
      expect(answer.status).toBe(204);
      expect(Date.now() - left).toBeLessThan(1000);
      expect(crawlDone).toBe(false);
      expect((await crawl).status).toBe(201);
      expect(store.getArticle('harbour-road')).toBeNull();
      expect(store.countArticles()).toBe(2);
    } finally {
      close();
    }
  }, 60_000);
});
