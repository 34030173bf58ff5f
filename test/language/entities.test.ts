import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocEntity } from '../../src/types.js';
import { segment } from '../../src/language/segment.js';
import { recognizeEntities } from '../../src/language/ner/index.js';
import { linkAcrossDocuments, linkPersonKey, normalizeName, resolveEntities } from '../../src/language/entities.js';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { openStore } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { tempDir } from '../helpers/paths.js';

function analyse(text: string): DocEntity[] {
  const sentences = segment(text);
  return resolveEntities(text, sentences, recognizeEntities(text, sentences));
}
const seedDir = new URL('../../examples/seeds/', import.meta.url);
const seeds = readdirSync(seedDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ f, text: readFileSync(new URL(f, seedDir), 'utf8') }));
const seedEntities = seeds.map((s) => analyse(s.text));
const surname = (e: DocEntity) => normalizeName(e.name).split(' ').pop()!;

describe('resolveEntities on the seed articles', () => {
  it('gives each person one entity per article, with aliases', () => {
    const people = ['putin', 'biden', 'peskov', 'ushakov', 'blinken', 'lavrov', 'price', 'zelensky', 'harris', 'sullivan', 'niinisto'];
    const seen = new Set<string>();
    for (const ents of seedEntities) {
      for (const p of people) {
        const matches = ents.filter((e) => e.type === 'person' && surname(e) === p);
        expect(matches.length, p).toBeLessThanOrEqual(1);
        if (matches.length) seen.add(p);
        // No other entity is named by the bare surname.
        expect(ents.filter((e) => e.type !== 'person' && normalizeName(e.name) === p), p).toEqual([]);
      }
    }
    expect([...seen].sort()).toEqual([...people].sort());
  });
  it('merges short and full names and keeps roles apart', () => {
    const ents = seedEntities[4]!;
    const putin = ents.find((e) => e.key === 'person:vladimir putin')!;
    expect(putin.aliases).toContain('Putin');
    const ushakov = ents.find((e) => e.key === 'person:yuri ushakov')!;
    expect(ushakov.aliases).toEqual(expect.arrayContaining(['Ushakov', 'Yuri'])); // "Yuri. Ushakov"
    expect(ushakov.roles.join(' ')).toContain('aide');
    const biden = ents.find((e) => e.key === 'person:joe biden')!;
    expect(biden.roles).toContain('US President');
    expect(biden.name).toBe('Joe Biden');
    const peskov = seedEntities[2]!.find((e) => e.key === 'person:dmitry peskov')!;
    expect(peskov.aliases).toContain('Peskov');
    expect(peskov.roles).toContain('Press Secretary of the President of Russia');
    const blinken = seedEntities[1]!.find((e) => e.key === 'person:antony blinken')!;
    expect(blinken.roles).toContain('US Secretary of State');
    for (const e of seedEntities.flat()) for (const m of e.mentions) expect(m.entityKey).toBe(e.key);
  });
  it('recognises the organisations and places', () => {
    const all = seedEntities.flat();
    for (const key of ['organization:kremlin', 'organization:white house', 'organization:nato', 'organization:osce', 'place:geneva', 'place:moscow', 'place:washington', 'place:ukraine']) {
      expect(all.map((e) => e.key)).toContain(key);
    }
  });
  it('folds "US", "U.S.", "USA" and "United States" into one place', () => {
    const text = 'The US said so. U.S. officials agreed. The United States and the USA are one country.';
    const ents = analyse(text).filter((e) => e.key === 'place:united states');
    expect(ents).toHaveLength(1);
    expect(ents[0]!.mentions.length).toBeGreaterThanOrEqual(3);
  });
  it('takes roles from appositives and leaves honorifics out', () => {
    const ents = analyse('Dmitry Peskov, the Kremlin spokesman, said the talks would continue. Dr. Anthony Fauci disagreed.');
    const peskov = ents.find((e) => e.key === 'person:dmitry peskov')!;
    expect(peskov.roles).toEqual(['Kremlin spokesman']);
    const fauci = ents.find((e) => e.key === 'person:anthony fauci')!;
    expect(fauci.roles).toEqual([]);
  });
  it('does not merge different people who share a surname', () => {
    const text = 'President Joe Biden met reporters on Monday. His son, Hunter Biden, stayed at his home in Delaware. Later, Joe Biden left for Washington.';
    const ents = analyse(text).filter((e) => e.type === 'person');
    expect(ents.map((e) => e.key).sort()).toEqual(['person:hunter biden', 'person:joe biden']);
    expect(ents.find((e) => e.key === 'person:joe biden')!.mentions).toHaveLength(2);
  });
});

// PolNeAR dev articles naming two people with one surname; a bare surname is the one the gold
// attribution gives (read by hand: the article's main person, or the one a title or pronoun points to).
const polnearDev = new Map<string, string>();
for (const line of readFileSync(new URL('../../../shared/data/polnear/dev.jsonl', import.meta.url), 'utf8').split('\n')) {
  if (!line) continue;
  const r = JSON.parse(line) as { id: string; primary: boolean; text: string };
  if (r.primary && !polnearDev.has(r.id)) polnearDev.set(r.id, r.text);
}
function article(prefix: string): string {
  const id = [...polnearDev.keys()].find((k) => k.startsWith(prefix));
  if (!id) throw new Error(prefix);
  return polnearDev.get(id)!;
}
/** The entity name given to the bare surname right before `anchor` (the first occurrence of `surname` in the 80 characters before it). */
function whoIs(text: string, anchor: string, surname: string): string | undefined {
  const at = text.indexOf(anchor);
  expect(at, anchor).toBeGreaterThanOrEqual(0);
  const from = text.lastIndexOf(surname, at);
  const sentences = segment(text);
  const mentions = recognizeEntities(text, sentences);
  const ents = resolveEntities(text, sentences, mentions);
  const m = mentions.find((x) => x.start <= from && from < x.end);
  return ents.find((e) => e.key === m?.entityKey)?.name;
}

describe('resolveEntities: a bare surname two people share (PolNeAR dev)', () => {
  it('goes to the main person, not the wife named last ("his wife, Heidi" … "Cruz said")', () => {
    const text = article('wash-post_2016-09-26_ah-friends');
    expect(whoIs(text, ' said in July', 'Cruz')).toBe('Ted Cruz');
    expect(whoIs(text, ' said at the time', 'Cruz')).toBe('Ted Cruz');
    expect(whoIs(text, ' wrote.', 'Cruz')).toBe('Ted Cruz');
  });
  it('goes to the person the story is about when he is named first ("Bill Clinton calls Obamacare crazy")', () => {
    const text = article('breitbart_2016-10-04_bill-clinton');
    expect(whoIs(text, ' said.\n\n“So you’ve got', 'Clinton')).toBe('Bill Clinton');
  });
  it('follows a title: "Mrs. Clinton" in a story about Barack Obama that also names Bill Clinton', () => {
    const text = article('nyt_2016-09-08_obama-on-climate');
    expect(whoIs(text, ' has embraced Mr. Obama', 'Clinton')).toBe('Hillary Clinton');
  });
  it('follows a story that has moved on: Jeh Johnson, named just before, after Gary Johnson at the top', () => {
    const text = article('breitbart_2016-09-30_the-latest');
    expect(whoIs(text, ' tells MSNBC', 'Johnson')).toBe('Jeh Johnson');
    expect(whoIs(text, ' did not identify a location', 'Johnson')).toBe('Jeh Johnson');
  });
  it('passes over a relative introduced by kinship, and follows Mr./Mrs.', () => {
    const bill = 'Former President Bill Clinton criticized the health law during a campaign stop for his wife Hillary Clinton.\n\n"It doesn\'t make any sense," Clinton said.';
    expect(whoIs(bill, ' said.', 'Clinton')).toBe('Bill Clinton');
    const cruz = 'Sen. Ted Cruz endorsed Donald Trump on Friday. Trump had insulted his wife, Heidi Cruz, during the primary.\n\n"I am not in the habit of supporting people who attack my wife," Cruz said in May.';
    expect(whoIs(cruz, ' said in May', 'Cruz')).toBe('Ted Cruz');
    const both = 'Bill Clinton and Hillary Clinton arrived together.\n\n"We will win," Mrs. Clinton said. "We will," Mr. Clinton added.';
    expect(whoIs(both, ' said.', 'Clinton')).toBe('Hillary Clinton');
    expect(whoIs(both, ' added.', 'Clinton')).toBe('Bill Clinton');
  });
  it('keeps the two people apart and leaves the glued word out of "Washington Post Trump"', () => {
    const text = article('huff-post_2016-09-10_trump-s-east');
    const people = analyse(text).filter((e) => e.type === 'person' && surname(e) === 'trump');
    expect(people.map((e) => e.name)).toEqual(['Donald Trump']);
  });
});

describe('linkAcrossDocuments', () => {
  it('links a surname-only person to the one full name of the corpus', () => {
    const text = 'Putin said on Monday that talks would go on.';
    const sentences = segment(text);
    const only = resolveEntities(text, sentences, [{ start: 0, end: 5, text: 'Putin', label: 'PER', sentence: 0 }]);
    expect(only.map((e) => e.key)).toContain('person:putin');
    const links = linkAcrossDocuments([...seedEntities, only]);
    expect(links.get('person:putin')).toBe('person:vladimir putin');
    expect(links.get('person:vladimir putin')).toBe('person:vladimir putin');
  });
});

describe('one person across documents (PolNeAR dev)', () => {
  const nytTaxes = analyse(article('nyt_2016-09-16_clinton-plan-for-taxes'));
  const politicoTaxes = analyse(article('politico_2016-10-04_trump-not-walking'));
  const links = linkAcrossDocuments([nytTaxes, politicoTaxes]);
  it('links full names that differ by a middle initial ("Donald J. Trump" in the Times, "Donald Trump" elsewhere)', () => {
    expect(nytTaxes.map((e) => e.key)).toContain('person:donald j trump');
    expect(politicoTaxes.map((e) => e.key)).toContain('person:donald trump');
    expect(links.get('person:donald j trump')).toBe(links.get('person:donald trump'));
  });
  it('links a short first name to its long form with the same surname ("Len Burman" / "Leonard E. Burman")', () => {
    expect(politicoTaxes.map((e) => e.key)).toContain('person:len burman');
    expect(links.get('person:leonard e burman')).toBe(links.get('person:len burman'));
  });
  it('keeps apart names whose middle names differ, and a bare name that could be either', () => {
    const weight = (k: string) => ({ 'person:george w bush': 10, 'person:george h w bush': 4, 'person:george bush': 2 })[k] ?? 0;
    const known = ['person:george w bush', 'person:george h w bush', 'person:george bush'];
    expect(linkPersonKey('person:george w bush', known, weight)).toBe('person:george w bush');
    expect(linkPersonKey('person:george h w bush', known, weight)).toBe('person:george h w bush');
    expect(linkPersonKey('person:george bush', known, weight)).toBe('person:george bush');
    // a nickname links only when one long form of the surname is known
    expect(linkPersonKey('person:bill clinton', ['person:william clinton', 'person:hillary clinton'], (k) => (k === 'person:william clinton' ? 3 : 1))).toBe('person:william clinton');
    expect(linkPersonKey('person:chris murphy', ['person:christine murphy'], () => 1)).toBe('person:chris murphy');
  });
});

describe('ingest order does not decide who a surname is', () => {
  it('"Obama" stored alone joins Barack Obama when an article naming him in full arrives', async () => {
    const dir = tempDir();
    const store = openStore(join(dir, 'order.db'));
    const row = (prefix: string) => {
      const id = [...polnearDev.keys()].find((k) => k.startsWith(prefix))!;
      return JSON.stringify({ id, published: id.split('_')[1], text: polnearDev.get(id) }) + '\n';
    };
    const first = join(dir, 'first.jsonl');
    writeFileSync(first, row('nyt_2016-09-08_obama-on-climate'));
    await ingestDocuments(store, readSources([first]));
    const alone = store.getEntity('person:obama');
    expect(alone?.articleIds.length).toBe(1);
    const second = join(dir, 'second.jsonl');
    writeFileSync(second, row('huff-post_2016-09-27_obama-power-plant'));
    await ingestDocuments(store, readSources([second]));
    const barack = store.getEntity('person:barack obama')!;
    expect(barack.articleIds.sort()).toEqual([...polnearDev.keys()].filter((k) => /^(nyt_2016-09-08_obama-on-climate|huff-post_2016-09-27_obama-power-plant)/.test(k)).sort());
    expect(store.getEntity('person:obama')?.articleIds ?? []).toEqual([]);
    store.close();
  });
});
