// Session 12 (review 11 #11): diseases and drugs are things, not organisations or places ("SARS",
// "Swine Flu", "Relenza"), and a name the tagger cut before its organisation's head is the
// organisation ("[Imperial] College London"). On Timeline17 H1N1 and BP articles.
import { describe, expect, it } from 'vitest';
import type { DocEntity } from '../../src/types.js';
import { segment } from '../../src/language/segment.js';
import { recognizeEntities } from '../../src/language/ner/index.js';
import { resolveEntities } from '../../src/language/entities.js';
import { hasSharedData, t17Articles } from '../helpers/paths.js';

const texts = new Map<string, string>();
if (hasSharedData) {
  for (const folder of ['H1N1_bbc', 'H1N1_guardian', 'H1N1_reuters', 'bpoil_bbc']) for (const a of t17Articles(folder)) texts.set(`${folder}-${a.id}`, a.text!);
}
function analysed(id: string) {
  const text = texts.get(id)!;
  const sentences = segment(text);
  return { entities: resolveEntities(text, sentences, recognizeEntities(text, sentences)), sentences };
}
const article = (id: string): DocEntity[] => analysed(id).entities;
const named = (entities: DocEntity[], name: RegExp) => entities.filter((e) => e.mentions.some((m) => name.test(m.text)));

describe.skipIf(!hasSharedData)('diseases and drugs', () => {
  it('types a disease by its name or its context a thing', () => {
    // "the SARS outbreak", "Swine Flu" (BBC), "Severe Acute Respiratory Syndrome ( SARS )" (Reuters)
    for (const id of ['H1N1_bbc-555', 'H1N1_guardian-239', 'H1N1_reuters-679']) {
      const sars = named(article(id), /^SARS$/);
      expect(sars.length, id).toBeGreaterThan(0);
      for (const e of sars) expect(e.type, id).toBe('other');
    }
    for (const e of named(article('H1N1_bbc-558'), /^Swine Flu$/i)) expect(e.type).toBe('other');
  });

  it('types a drug by its context a thing (BBC "the lesser-known inhaled drug Relenza", Guardian "zanamivir ( Relenza )")', () => {
    for (const id of ['H1N1_bbc-372', 'H1N1_guardian-486']) {
      const relenza = named(article(id), /^Relenza$/i);
      expect(relenza.length, id).toBeGreaterThan(0);
      for (const e of relenza) expect(e.type, id).toBe('other');
    }
  });

  it('keeps institutions named after a disease, and companies beside a careless "drugs"', () => {
    // "the US Centers for Disease Control and Prevention" (Reuters)
    const cdc = named(article('H1N1_reuters-886'), /Centers for Disease Control/);
    expect(cdc.length).toBeGreaterThan(0);
    for (const e of cdc) expect(e.type).toBe('organization');
    // a reader's "… buying the drugs BP , Haliburton and others are peddling": BP is the company,
    // and "Tony" (Hayward) listed with it is no thing
    const reader = article('bpoil_bbc-1671');
    for (const e of named(reader, /^BP$/)) expect(e.type).toBe('organization');
    for (const e of named(reader, /^Tony/)) expect(e.type).toBe('person');
  });
});

describe.skipIf(!hasSharedData)('a name cut before its organisation\'s head', () => {
  it('"Dr Christopher Fraser from Imperial College London" names a college, not a place (BBC 324)', () => {
    const entities = article('H1N1_bbc-324');
    const imperial = named(entities, /Imperial/);
    expect(imperial.map((e) => e.type)).toEqual(['organization']);
    expect(imperial[0]!.name).toMatch(/^Imperial College/);
  });
});
