import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocEntity } from '../../src/types.js';
import { segment } from '../../src/language/segment.js';
import { recognizeEntities } from '../../src/language/ner/index.js';
import { linkAcrossDocuments, normalizeName, resolveEntities } from '../../src/language/entities.js';

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
