// The store links organisations across articles as one batch over the archive would, whatever the
// order articles arrive in and however many runs bring them: "CDC" alone in one article is the
// "Centers for Disease Control and Prevention (CDC)" of another, and a company the tagger calls a
// person in a text that says nothing personal of it ("Citigroup", "Roche") is the company other
// texts name. On Timeline17 articles (Reuters, Guardian and BBC on H1N1; the Washington Post on the
// financial crisis).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.js';
import { ingestDocuments, reprocessAll } from '../../src/pipeline.js';
import { linkAcrossDocuments } from '../../src/language/entities.js';
import type { RawDoc } from '../../src/types.js';
import { hasSharedData, t17Articles, tempDir } from '../helpers/paths.js';

const byId = new Map<string, RawDoc>();
if (hasSharedData) {
  for (const folder of ['H1N1_reuters', 'H1N1_guardian', 'Finan_washingtonpost']) {
    for (const a of t17Articles(folder)) {
      const id = `${folder}-${a.id}`;
      byId.set(id, { origin: id, id, text: a.text!, published: a.published, source: folder.split('_')[1] });
    }
  }
}
const docs = (ids: string[]) => ids.map((id) => byId.get(id)!);

/** Ingests each group of articles in its own run, one batch of the given size after another. */
async function ingestRuns(store: Store, runs: string[][], batchSize = 100): Promise<void> {
  for (const ids of runs) {
    const report = await ingestDocuments(store, [{ items: docs(ids), errors: [] }], { batchSize, now: () => new Date('2010-01-01'), rebuildEveryMs: 1e9 });
    expect(report.failed).toBe(0);
  }
}

/** The corpus entity (key) holding an article's entity of this key. */
function storedUnder(store: Store, articleId: string, key: string): string | undefined {
  const e = store.getAnalysis(articleId)!.analysis.entities.find((x) => x.key === key);
  if (!e) return undefined;
  return store.listEntities({ limit: 100_000 }).find((c) => c.articleIds.includes(articleId) && (c.aliases.includes(e.name) || c.name === e.name))?.key;
}

/** Every corpus entity as `entities --json` lists it, comparable across stores. */
function entityTable(store: Store): string[] {
  return store
    .listEntities({ limit: 100_000 })
    .map((e) => `${e.key}\t${e.type}\t${e.name}\t${e.mentionCount}\t${[...e.articleIds].sort().join(',')}\t${[...e.aliases].sort().join('|')}`)
    .sort();
}

// CDC alone: 461, 642, 917; the full name defining "CDC": 876, 335, 910; the full name alone: 857
const CDC_ALONE = ['H1N1_reuters-461', 'H1N1_reuters-642', 'H1N1_reuters-917'];
const CDC_DEFINED = ['H1N1_reuters-876', 'H1N1_reuters-335', 'H1N1_reuters-910'];
const CDC_FULL_ONLY = ['H1N1_reuters-857'];
const cdcKeys = (store: Store, ids: string[]) => new Set(ids.map((id) => storedUnder(store, id, store.getAnalysis(id)!.analysis.entities.find((e) => /:(cdc|center for disease control)$/.test(e.key))!.key)));

describe.skipIf(!hasSharedData)('organisations linked across stored articles', () => {
  it('stores "CDC" alone under the CDC a text defined earlier, one article per run', async () => {
    const store = openStore(join(tempDir(), 'cdc.db'));
    await ingestRuns(store, [...CDC_DEFINED, ...CDC_FULL_ONLY, ...CDC_ALONE].map((id) => [id]));
    const all = [...CDC_DEFINED, ...CDC_FULL_ONLY, ...CDC_ALONE];
    expect([...cdcKeys(store, all)]).toEqual(['organization:center for disease control']);
    expect(store.getEntity('organization:cdc')).toBeNull();
    expect(store.getEntity('organization:center for disease control')!.articleIds.sort()).toEqual([...all].sort());
    store.close();
  });

  it('moves "CDC" articles stored first to the full name once more texts use it', async () => {
    const store = openStore(join(tempDir(), 'cdc-late.db'));
    const order = [CDC_ALONE[0]!, ...CDC_DEFINED];
    await ingestRuns(store, [[order[0]!], [order[1]!]]);
    // one article says "CDC", one defines it: one entity, still under the first key
    expect([...cdcKeys(store, order.slice(0, 2))]).toEqual(['organization:cdc']);
    await ingestRuns(store, order.slice(2).map((id) => [id]));
    expect([...cdcKeys(store, order)]).toEqual(['organization:center for disease control']);
    expect(store.getEntity('organization:cdc')).toBeNull();
    expect(store.getEntity('organization:center for disease control')!.name).toBe('Centers for Disease Control and Prevention');
    store.close();
  });

  it('makes Citigroup and Roche companies where a text typed them people and said nothing personal of them', async () => {
    // Citigroup: an organisation in 1939, a thing in 1530, a place in 951, a person in 1303 and 975
    const citi = ['Finan_washingtonpost-1939', 'Finan_washingtonpost-1530', 'Finan_washingtonpost-951', 'Finan_washingtonpost-1303', 'Finan_washingtonpost-975'];
    // Roche: an organisation in 727, 899 and 234, a person in 633
    const roche = ['H1N1_guardian-727', 'H1N1_reuters-899', 'H1N1_reuters-234', 'H1N1_guardian-633'];
    const store = openStore(join(tempDir(), 'companies.db'));
    await ingestRuns(store, [...citi, ...roche].map((id) => [id]));
    expect(store.getAnalysis('Finan_washingtonpost-1303')!.analysis.entities.find((e) => e.key === 'person:citigroup')).toBeDefined();
    expect(store.getEntity('person:citigroup')).toBeNull();
    expect(store.getEntity('person:roche')).toBeNull();
    const citigroup = store.getEntity('organization:citigroup')!;
    expect(citigroup.type).toBe('organization');
    expect(citigroup.articleIds.sort()).toEqual([...citi].sort());
    expect(store.getEntity('organization:roche')!.articleIds.sort()).toEqual([...roche].sort());
    // the batch over the same analyses agrees
    const links = linkAcrossDocuments([...citi, ...roche].map((id) => store.getAnalysis(id)!.analysis));
    expect(links.get('person:citigroup')).toBe('organization:citigroup');
    expect(links.get('place:citigroup')).toBe('organization:citigroup');
    expect(links.get('person:roche')).toBe('organization:roche');
    store.close();
  });

  it('gives the same entities in one run as in two, and again after a reprocess, also of a store without the records', async () => {
    const ids = [
      ...CDC_ALONE,
      ...CDC_DEFINED,
      ...CDC_FULL_ONLY,
      'Finan_washingtonpost-1939',
      'Finan_washingtonpost-1303',
      'Finan_washingtonpost-975',
      'Finan_washingtonpost-951',
      'H1N1_guardian-727',
      'H1N1_guardian-633',
      'H1N1_reuters-899',
      'Finan_washingtonpost-1431',
      'Finan_washingtonpost-2005',
    ];
    const one = openStore(join(tempDir(), 'one.db'));
    await ingestRuns(one, [ids], 5);
    const two = openStore(join(tempDir(), 'two.db'));
    await ingestRuns(two, [ids.slice(0, 5), ids.slice(5)], 5);
    const table = entityTable(one);
    expect(entityTable(two)).toEqual(table);
    reprocessAll(one, { batchSize: 5 });
    expect(entityTable(one)).toEqual(table);
    // a store whose entity records are gone (one older than them) is counted afresh by a reprocess
    const records = two.kv.keys('entities/');
    expect(records.length).toBeGreaterThan(0);
    two.transaction(() => records.forEach((k) => two.kv.delete(k)));
    reprocessAll(two, { batchSize: 5 });
    expect(entityTable(two)).toEqual(table);
    one.close();
    two.close();
  });

  it('keeps "Gulf of Mexico" and NOAA whole, "the Obama administration" with the person, organisations without roles, the same in one run, two and after a reprocess', async () => {
    // BP oil spill reports: "Gulf of Mexico" cut by the tagger, "the Gulf" alone, NOAA defined in
    // brackets, "the captain of the Deepwater Horizon", "Bart Stupak US Congressman BP 's chief executive".
    // "the Obama administration" (bbc-1040, 1162: "Obama" a thing for the tagger) among six texts
    // calling "President Obama" by his surname only: the person.
    const ids = ['bpoil_bbc-1040', 'bpoil_bbc-1623', 'bpoil_guardian-495', 'bpoil_bbc-1252', 'bpoil_washingtonpost-1142', 'bpoil_bbc-1922', 'bpoil_bbc-85', 'bpoil_bbc-141'];
    ids.push('bpoil_bbc-260', 'bpoil_bbc-386', 'bpoil_bbc-1391', 'bpoil_bbc-612', 'bpoil_bbc-152', 'bpoil_bbc-1162');
    for (const id of ids) {
      const [folder, n] = [id.slice(0, id.lastIndexOf('-')), id.slice(id.lastIndexOf('-') + 1)];
      const a = t17Articles(folder).find((x) => x.id === n)!;
      byId.set(id, { origin: id, id, text: a.text!, published: a.published, source: folder.split('_')[1] });
    }
    const one = openStore(join(tempDir(), 'one.db'));
    await ingestRuns(one, [ids], 3);
    const two = openStore(join(tempDir(), 'two.db'));
    await ingestRuns(two, [ids.slice(0, 3), ids.slice(3)], 3);
    const table = entityTable(one);
    expect(entityTable(two)).toEqual(table);
    reprocessAll(one, { batchSize: 3 });
    expect(entityTable(one)).toEqual(table);
    const entities = one.listEntities({ limit: 100_000 });
    const gulf = entities.find((e) => e.key === 'place:gulf of mexico')!;
    expect(gulf.articleIds.length).toBe(ids.length);
    expect(entities.filter((e) => e.key === 'place:mexico' || e.key === 'place:gulf').flatMap((e) => e.articleIds)).not.toContain('bpoil_bbc-1623');
    const noaa = entities.filter((e) => e.aliases.includes('NOAA') || /oceanic/i.test(e.name));
    expect(noaa.map((e) => e.name)).toEqual(['National Oceanic and Atmospheric Administration']);
    expect(entities.filter((e) => e.type !== 'person' && e.roles.length > 0).map((e) => [e.key, e.roles])).toEqual([]);
    const obama = storedUnder(one, 'bpoil_bbc-260', 'person:obama')!;
    expect(obama).toMatch(/^person:/);
    expect(storedUnder(one, 'bpoil_bbc-1040', 'other:obama')).toBe(obama);
    expect(storedUnder(one, 'bpoil_bbc-1162', 'other:obama')).toBe(obama);
    expect(storedUnder(two, 'bpoil_bbc-1040', 'other:obama')).toBe(obama);
    one.close();
    two.close();
  });

  it('stores "Gulf" alone, in texts that never write "Gulf of Mexico", under the Gulf of Mexico, and Transocean, a thing for the tagger in most texts, as the company "Transocean Ltd" makes it; as the batch does, in one run, two and after a reprocess', async () => {
    // "Gulf" alone: guardian-241, guardian-342 (bbc-1620's were all in a list of other sites' headlines,
    // cut by the extract stage since session 9); the Gulf of Mexico: bbc-1623,
    // guardian-495, bbc-1252. Transocean a thing (MISC): washingtonpost-700, bbc-1971, washingtonpost-477,
    // bbc-1549; "Transocean Ltd": guardian-2129, bbc-1671.
    const bareGulf = ['bpoil_guardian-241', 'bpoil_guardian-342'];
    const thing = ['bpoil_washingtonpost-700', 'bpoil_bbc-1971', 'bpoil_washingtonpost-477', 'bpoil_bbc-1549'];
    const ids = [...bareGulf, 'bpoil_bbc-1623', 'bpoil_guardian-495', 'bpoil_bbc-1252', ...thing, 'bpoil_guardian-2129', 'bpoil_bbc-1671'];
    for (const id of ids) {
      const [folder, n] = [id.slice(0, id.lastIndexOf('-')), id.slice(id.lastIndexOf('-') + 1)];
      const a = t17Articles(folder).find((x) => x.id === n)!;
      byId.set(id, { origin: id, id, text: a.text!, published: a.published, source: folder.split('_')[1] });
    }
    const one = openStore(join(tempDir(), 'one.db'));
    await ingestRuns(one, [ids], 4);
    const two = openStore(join(tempDir(), 'two.db'));
    await ingestRuns(two, [[...thing, ...bareGulf], ids.filter((id) => !thing.includes(id) && !bareGulf.includes(id))], 4);
    const table = entityTable(one);
    expect(entityTable(two)).toEqual(table);
    reprocessAll(one, { batchSize: 4 });
    expect(entityTable(one)).toEqual(table);
    const links = linkAcrossDocuments(ids.map((id) => one.getAnalysis(id)!.analysis));
    expect(links.get('place:gulf')).toBe('place:gulf of mexico');
    expect(links.get('other:transocean')).toBe('organization:transocean');
    for (const store of [one, two]) {
      for (const id of bareGulf) expect(storedUnder(store, id, 'place:gulf'), id).toBe('place:gulf of mexico');
      for (const id of thing) expect(storedUnder(store, id, 'other:transocean'), id).toBe('organization:transocean');
      expect(store.getEntity('place:gulf')).toBeNull();
      expect(store.getEntity('other:transocean')).toBeNull();
      expect(store.getEntity('place:gulf of mexico')!.name).toBe('Gulf of Mexico');
    }
    one.close();
    two.close();
  });
});


// Generated reports: four on an oil leak that write "the Gulf of Mexico" and then "the Gulf", three
// on tankers in the Persian Gulf that write "the Gulf" too. Across the seven, "Gulf" alone names no
// one place; while only the first texts are in, it names the Gulf of Mexico.
const GULF_OF_MEXICO = [0, 1, 2, 3].map((i): RawDoc => ({
  origin: `mex${i}`,
  id: `mex${i}`,
  source: `outlet${i}`,
  published: `2010-05-0${i + 1}`,
  text: `Oil from the leaking well spread across the Gulf of Mexico on May ${i + 1}, officials in Louisiana said. Fishermen along the Gulf said the slick had reached the coast. Boats worked in the Gulf through the night, and the Coast Guard said crews in the Gulf would stay until the leak stopped.`,
}));
const PERSIAN_GULF = [0, 1, 2].map((i): RawDoc => ({
  origin: `per${i}`,
  id: `per${i}`,
  source: `poutlet${i}`,
  published: `2010-06-0${i + 1}`,
  text: `Tankers crossing the Persian Gulf slowed on June ${i + 1}, shipping agents in Dubai said. Traders said tension in the Gulf had lifted oil prices, and navies patrolling the Gulf were on alert. Insurers said ships in the Gulf faced higher premiums.`,
}));

describe('a place noun alone that stops naming one "X of Y" place', () => {
  const ingestEach = async (store: Store, runs: RawDoc[][]) => {
    for (const items of runs) {
      const report = await ingestDocuments(store, [{ items, errors: [] }], { batchSize: 100, now: () => new Date('2010-07-01'), rebuildEveryMs: 1e9 });
      expect(report.failed).toBe(0);
    }
  };

  it('keeps the Gulf of Mexico whole when "Gulf" goes back to its own entity, in any order, one run, one per article and after a reprocess', async () => {
    const all = [...GULF_OF_MEXICO, ...PERSIAN_GULF];
    // one per run, the Gulf of Mexico first: after per0 "Gulf" names the Gulf of Mexico, after per1 no more
    const stepwise = openStore(join(tempDir(), 'gulf-steps.db'));
    await ingestEach(stepwise, all.map((d) => [d]));
    const oneRun = openStore(join(tempDir(), 'gulf-one.db'));
    await ingestEach(oneRun, [all]);
    const persianFirst = openStore(join(tempDir(), 'gulf-persian-first.db'));
    await ingestEach(persianFirst, [...PERSIAN_GULF, ...GULF_OF_MEXICO].map((d) => [d]));
    const table = entityTable(persianFirst);
    expect(entityTable(stepwise)).toEqual(table);
    expect(entityTable(oneRun)).toEqual(table);
    reprocessAll(stepwise, { batchSize: 3 });
    expect(entityTable(stepwise)).toEqual(table);
    for (const store of [stepwise, oneRun, persianFirst]) {
      const mexico = store.getEntity('place:gulf of mexico');
      expect(mexico?.name).toBe('Gulf of Mexico');
      expect([...mexico!.articleIds].sort()).toEqual(GULF_OF_MEXICO.map((d) => d.id));
      expect([...store.getEntity('place:gulf')!.articleIds].sort()).toEqual(PERSIAN_GULF.map((d) => d.id));
      expect(store.getEntity('place:gulf')!.name).toBe('Gulf');
    }
    for (const store of [stepwise, oneRun, persianFirst]) store.close();
  });
});

describe.skipIf(!hasSharedData)('people across articles', () => {
  it('are shown by the spelling most articles write, whatever the first one wrote ("Ban Ki-Moon" in the first two BBC texts, "Ban Ki-moon" in the next three)', async () => {
    const haiti = new Map(t17Articles('haiti_bbc').map((a) => [a.id, a]));
    const store = openStore(join(tempDir(), 'spellings.db'));
    const name = () => store.listEntities({ limit: 100_000 }).find((e) => e.key === 'person:ban ki moon')?.name;
    for (const [i, id] of ['1004', '1093', '260', '578', '94'].entries()) {
      const a = haiti.get(id)!;
      const report = await ingestDocuments(store, [{ items: [{ origin: id, id: `haiti_bbc-${id}`, text: a.text!, published: a.published, source: 'bbc' }], errors: [] }], { now: () => new Date('2010-02-01'), rebuildEveryMs: 1e9 });
      expect(report.failed).toBe(0);
      // two "Moon", one "moon", a tie (the name shown is kept), then "moon" has the majority
      expect(name(), `after ${i + 1} articles`).toBe(i < 4 ? 'Ban Ki-Moon' : 'Ban Ki-moon');
    }
    store.close();
  }, 60_000);
});
