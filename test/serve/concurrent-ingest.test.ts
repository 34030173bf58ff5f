// Two ingests sent to one server at once (code review 11 F10): each ran its own pipeline with its
// own linker, loaded from the store before either had written; the one flushed last overwrote the
// others' link state (corpus size, term counts, stories: 3 of 9 articles counted), so later articles were linked against a
// corpus that had lost articles. Ingests over HTTP now run one after the other.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/serve/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { tempDir } from '../helpers/paths.js';

const TOKEN = 'concurrent-test-token';
const TOPICS = [
  'The council approved the budget for the new bridge over the river after a long debate about its cost, the mayor said. Work will start in spring.',
  'Storm damage closed the harbour road and the port authority said repairs would take a week. Ferries were cancelled and fishing boats stayed in port.',
  'The school reopened after the floods, and the head teacher said lessons would resume in the old building by the end of the month.',
  'Farmers protested outside parliament against the new water charges, blocking traffic with tractors for most of the afternoon.',
  'The hospital opened a new cancer ward funded by a local charity, which raised the money over three years of fun runs and bake sales.',
  'Police arrested two men after a jewellery shop in the high street was robbed at knifepoint shortly before closing time.',
  'The football club appointed a new manager after a run of eleven defeats left the team bottom of the league table.',
  'Rail passengers faced delays after a signal failure near the central station, and the operator said trains would run hourly.',
  'The museum will return a bronze statue to Nigeria, more than a century after it was taken by soldiers, its director announced.',
];
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
