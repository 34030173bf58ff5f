// One entity per organisation, companies not people, father and son apart: on T17 news articles
// (H1N1 from BBC, Guardian and Reuters; the Washington Post's financial crisis) and real sentences.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocEntity } from '../../src/types.js';
import { segment } from '../../src/language/segment.js';
import { recognizeEntities } from '../../src/language/ner/index.js';
import { linkAcrossDocuments, resolveEntities } from '../../src/language/entities.js';
import { acronymsOf, organizationKey } from '../../src/language/entities-orgs.js';

function analyse(text: string): DocEntity[] {
  const sentences = segment(text);
  return resolveEntities(text, sentences, recognizeEntities(text, sentences));
}

const articles = new Map<string, string>();
for (const folder of ['H1N1_bbc', 'H1N1_guardian', 'H1N1_reuters', 'Finan_washingtonpost']) {
  const file = new URL(`../../../shared/data/t17/${folder}/articles.jsonl`, import.meta.url);
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line) as { id: string; text: string };
    articles.set(`${folder}-${r.id}`, r.text);
  }
}
const article = (id: string) => analyse(articles.get(id)!);
const named = (entities: DocEntity[], re: RegExp) => entities.filter((e) => re.test(e.name) || e.aliases.some((a) => re.test(a)));

describe('organisation names', () => {
  it('keys an organisation the same however it is written: country, spelling, legal suffix, "and …" tail', () => {
    expect(organizationKey('centres for disease control')).toBe('center for disease control');
    expect(organizationKey('centers for disease control and prevention')).toBe('center for disease control');
    expect(organizationKey('lehman brothers holdings inc')).toBe('lehman brothers');
    expect(organizationKey('lehman bros')).toBe('lehman brothers');
    expect(organizationKey('world health organisation')).toBe('world health organization');
    // One word before the "and": the whole name.
    expect(organizationKey('food and drug administration')).toBe('food and drug administration');
    expect(acronymsOf('Centers for Disease Control and Prevention')).toContain('CDC');
    expect(acronymsOf('Securities and Exchange Commission')).toContain('SEC');
  });

  it('joins an acronym defined in brackets to its organisation: "the US Centre for Disease Control (CDC)"', () => {
    const text =
      'The WHO said the virus had spread. Health officials in Mexico said the toll was rising, following new tests by the US Centre for Disease Control (CDC) on samples from Mexico. The CDC said on Monday that it would send teams.';
    const cdc = named(analyse(text), /CDC|Disease Control/);
    expect(cdc).toHaveLength(1);
    expect(cdc[0]!.type).toBe('organization');
    expect(cdc[0]!.name).toBe('Centre for Disease Control');
    expect(cdc[0]!.mentions.map((m) => m.text)).toContain('CDC');
  });

  it('gives the CDC one entity in a Reuters report that writes "U.S. Centers for Disease Control and Prevention"', () => {
    const cdc = named(article('H1N1_reuters-857'), /Disease Control/);
    expect(cdc).toHaveLength(1);
    expect(cdc[0]!.key).toBe('organization:center for disease control');
    expect(cdc[0]!.name).toBe('Centers for Disease Control and Prevention');
  });

  it('links the CDC across articles: the acronym alone, the full name alone, both', () => {
    const docs = ['H1N1_reuters-461', 'H1N1_reuters-857', 'H1N1_reuters-876'].map(article);
    const links = linkAcrossDocuments(docs);
    const keys = new Set(docs.flatMap((d) => named(d, /^(CDC|.*Disease Control.*)$/).map((e) => links.get(e.key))));
    expect([...keys]).toEqual(['organization:center for disease control']);
  });

  it('keeps a department named by two portfolios whole: the US Department of Health and Human Services is not the UK Department of Health (review 11)', () => {
    expect(organizationKey('department of health and human services')).toBe('department of health and human services');
    expect(organizationKey('u.s. department of health & human services')).toBe('u.s. department of health & human services');
    expect(organizationKey('ministry of energy and climate change')).toBe('ministry of energy and climate change');
    // Reuters: "The U.S. Department of Health and Human Services said it was setting aside $1 billion…";
    // the BBC: "… the Department of Health ( DH ) confirmed"
    const docs = [article('H1N1_reuters-315'), article('H1N1_bbc-352')];
    const links = linkAcrossDocuments(docs);
    const [hhs, dh] = docs.map((d) => named(d, /Department of Health/).map((e) => links.get(e.key) ?? e.key));
    expect(hhs).toEqual(['organization:department of health and human services']);
    expect(dh).toEqual(['organization:department of health']);
  });

  it('makes "Lehman" after "Lehman Brothers" the same company, and Fannie Mae and Freddie Mac companies', () => {
    const entities = article('Finan_washingtonpost-1431');
    const lehman = named(entities, /Lehman/);
    expect(lehman.map((e) => e.key)).toEqual(['organization:lehman brothers']);
    expect(lehman[0]!.aliases).toContain('Lehman');
    for (const company of [/Fannie Mae/, /Freddie Mac/]) {
      const found = named(entities, company);
      expect(found.map((e) => e.type)).toEqual(['organization']);
    }
  });

  it('joins no place, paper or office to an organisation named after it', () => {
    const entities = analyse(
      'Washington said on Monday it would send more help. The Washington Post reported that the Senate would vote. A Senate Committee on Energy hearing followed, and students at Louisiana State University (LSU) protested.',
    );
    const post = entities.find((e) => /Washington Post/.test(e.name));
    if (post) expect(post.aliases).not.toContain('Washington');
    const committee = entities.find((e) => /Senate Committee/.test(e.name));
    if (committee) expect(committee.aliases).not.toContain('Senate');
    const lsu = entities.find((e) => e.aliases.includes('LSU') || e.name === 'LSU');
    expect(lsu?.name).toBe('Louisiana State University');
  });

  it('types the tagger\'s "people" as companies by what the text says of them', () => {
    const entities = analyse(
      'Fannie Mae said its shares would be delisted. Investors sold shares of Citigroup, which lost a third of its value. Analysts at Goldman Sachs Group said the bank was sound.',
    );
    for (const name of ['Fannie Mae', 'Citigroup']) {
      const e = entities.find((x) => x.name === name);
      if (e) expect(e.type, name).not.toBe('person');
    }
    expect(entities.filter((e) => e.type === 'person')).toEqual([]);
  });

  it('types a drug and a place the tagger calls people by the nouns and prepositions before them, and keeps people people', () => {
    const entities = analyse(
      'Patients in Mexico were given the antiviral drug Tamiflu. Lawmakers on Capitol Hill asked for more money. GP Ann Robinson shares some of the questions she has been asked. By Maggie Fox, Health and Science Editor.',
    );
    const type = (name: string) => entities.find((e) => e.name === name)?.type;
    expect(type('Tamiflu')).not.toBe('person');
    expect(type('Capitol Hill')).not.toBe('person');
    expect(type('Ann Robinson')).toBe('person');
    expect(type('Maggie Fox')).toBe('person');
  });

  it('keeps a surname the tagger calls an organisation with the person the text names ("Raines replied", "Raines\'s own account")', () => {
    const entities = article('Finan_washingtonpost-2113');
    expect(entities.filter((e) => e.key === 'organization:raines')).toEqual([]);
    const franklin = entities.find((e) => e.type === 'person' && /Franklin .*Raines/.test(e.name))!;
    expect(franklin.aliases).toContain('Raines');
    expect(franklin.mentions.length).toBeGreaterThan(100);
  });
});

describe('people', () => {
  it('never merges father and son: H.W. and W., Sr. and Jr.', () => {
    const entities = analyse(
      'Former President George H.W. Bush watched as his son, President George W. Bush, spoke. George W. Bush thanked his father. Ken Griffey Sr. played alongside Ken Griffey Jr. in 1990.',
    );
    const bushes = entities.filter((e) => e.type === 'person' && /Bush/.test(e.name)).map((e) => e.name);
    expect(bushes.sort()).toEqual(['George H.W. Bush', 'George W. Bush']);
    const griffeys = entities.filter((e) => e.type === 'person' && /Griffey/.test(e.name)).map((e) => e.name);
    expect(griffeys.sort()).toEqual(['Ken Griffey Jr.', 'Ken Griffey Sr.']);
    const links = linkAcrossDocuments([entities, analyse('George Bush spoke in Texas on Monday.')]);
    expect(links.get('person:george w bush')).not.toBe(links.get('person:george hw bush'));
  });

  it('shows a name written in capitals in title case', () => {
    const entities = analyse('SARAH PALIN WILL SPEAK IN ANCHORAGE. Alaska Gov. Sarah Palin said on Monday she would run. Fans in HONG KONG watched.');
    expect(entities.find((e) => e.key === 'person:sarah palin')?.name).toBe('Sarah Palin');
    const hk = entities.find((e) => e.key.endsWith(':hong kong'));
    if (hk) expect(hk.name).toBe('Hong Kong');
  });

  it('takes roles only from role phrases, not a headline glued to the text', () => {
    const entities = article('Finan_washingtonpost-927');
    const obama = entities.find((e) => e.type === 'person' && /Obama/.test(e.name))!;
    expect(obama.roles.filter((r) => /Crisis|Comes|Economic/.test(r))).toEqual([]);
    const roles = analyse('Advertisement Senator Obama could use some help. US Secretary of State Hillary Clinton spoke, and WHO chief Margaret Chan agreed.');
    expect(roles.find((e) => e.name === 'Obama')?.roles ?? []).toEqual(['Senator']);
    expect(roles.find((e) => e.name === 'Hillary Clinton')?.roles).toEqual(['US Secretary of State']);
    expect(roles.find((e) => e.name === 'Margaret Chan')?.roles).toEqual(['WHO chief']);
    const more = analyse('The price rose after Saudi Arabian Oil Minister Ali al-Naimi spoke. Earlier, WHO chief Dr Margaret Chan warned of a pandemic.');
    expect(more.find((e) => e.name === 'Ali al-Naimi')?.roles).toEqual(['Saudi Arabian Oil Minister']);
    expect(more.find((e) => e.name === 'Margaret Chan')?.roles).toEqual(['WHO chief']);
  });
});
