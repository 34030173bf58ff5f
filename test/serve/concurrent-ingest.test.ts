// Two ingests sent to one server at once (code review 11 F10): each ran its own pipeline with its
// own linker, loaded from the store before either had written; the one flushed last overwrote the
// others' link state (corpus size, term counts, stories: 3 of 9 articles counted), so later articles were linked against a
// corpus that had lost articles. Ingests over HTTP now run one after the other.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/serve/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { tempDir } from '../helpers/paths.js';
import { WIRE_STORIES as TOPICS } from '../helpers/servers.js';

const TOKEN = 'concurrent-test-token';
/** Three articles on topics no other request has, so that none is a near-duplicate of another. */
const docs = (k: number, day: string) => TOPICS.slice(3 * k, 3 * k + 3).map((text, i) => ({ id: `wire-${k}-${i}`, source: `Wire ${k}`, published: day, text }));

describe('ingests sent to one server at once', () => {
  let store: Store;
  let app: Awaited<ReturnType<typeof createApp>>;
  beforeAll(async () => {
    store = openStore(join(tempDir('storyline-concurrent-'), 'store.db'));
    app = await createApp({ store, token: TOKEN });
  });
  afterAll(() => {
    app.close();
    store.close();
  });

  it('store every article and keep the link state of all of them', async () => {
    const post = (documents: unknown[]) =>
      app.app.request('/api/ingest', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ documents }) });
    const answers = await Promise.all([post(docs(0, '2023-05-08')), post(docs(1, '2023-05-09')), post(docs(2, '2023-05-10'))]);
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
    const reports = (await Promise.all(answers.map((r) => r.json()))) as { stored: number }[];
    expect(reports.map((r) => r.stored)).toEqual([3, 3, 3]);
    expect(store.countArticles()).toBe(9);
    // the linker's own count of the articles it has seen: each ingest's flush must include the others'
    expect(JSON.parse(store.kv.get('link/meta')!).docs).toBe(9);
    expect(store.kv.keys('link/article/')).toHaveLength(9);
  });
});
