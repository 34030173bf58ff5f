// Session 10: people, companies, ships and places kept apart. A person the tagger calls a place or an
// organisation ("Kent Wells", both words places) is the person the text's role phrases say; a ship or
// disaster named after a company ("the Exxon Valdez spill") is neither the company nor a person; a
// chamber is not its caucus ("Senate" ≠ "Senate Democrats"). On Timeline17 BP oil spill articles.
import { describe, expect, it } from 'vitest';
import type { DocEntity } from '../../src/types.js';
import { segment } from '../../src/language/segment.js';
import { recognizeEntities } from '../../src/language/ner/index.js';
import { linkAcrossDocuments, resolveEntities } from '../../src/language/entities.js';
import { hasSharedData, t17Articles } from '../helpers/paths.js';

const texts = new Map<string, string>();
if (hasSharedData) {
  for (const folder of ['bpoil_bbc', 'bpoil_guardian', 'bpoil_washingtonpost', 'bpoil_foxnews', 'bpoil_reuters']) for (const a of t17Articles(folder)) texts.set(`${folder}-${a.id}`, a.text!);
}
function analysed(id: string) {
  const text = texts.get(id)!;
  const sentences = segment(text);
  return { entities: resolveEntities(text, sentences, recognizeEntities(text, sentences)), sentences };
}
const article = (id: string): DocEntity[] => analysed(id).entities;
const withForm = (entities: DocEntity[], form: string) => entities.filter((e) => e.mentions.some((m) => m.text === form));

describe.skipIf(!hasSharedData)('people the tagger calls places or organisations', () => {
  it('"Kent Wells, BP\'s senior vice-president" and "BP executive Kent Wells said" are a person', () => {
    // Guardian: "Kent Wells , BP 's senior vice-president of exploration and production , …" (LOC for the tagger)
    // BBC: "BP executive Kent Wells said on Thursday …" (ORG for the tagger)
    // Guardian: "… last month , Kent Wells , a senior vice-president based in Houston , admitted …"
    for (const id of ['bpoil_guardian-1109', 'bpoil_bbc-246', 'bpoil_guardian-279']) {
      const [wells, ...rest] = withForm(article(id), 'Kent Wells');
      expect(rest, id).toHaveLength(0);
      expect(wells!.key, id).toBe('person:kent wells');
    }
  });

  it('leaves places and companies that open with a first name alone without a role for them', () => {
    // "Analysts at Morgan Stanley put the figure at …", "… in North America …": no person's role phrase
    const guardian = article('bpoil_guardian-796');
    for (const e of withForm(guardian, 'Morgan Stanley')) expect(e.type).toBe('organization');
    const of = (text: string) => {
      const sentences = segment(text);
      return resolveEntities(text, sentences, recognizeEntities(text, sentences));
    };
    // a role that is the subject of "said" is no appositive of the place before it
    const sea = of('Production was halted in the North Sea, a company spokesman said on Monday.');
    for (const e of withForm(sea, 'North Sea')) expect(e.type).not.toBe('person');
  });
});

describe.skipIf(!hasSharedData)('ships and disasters named after companies', () => {
  it('"Exxon" (the company) and "the Exxon Valdez" (the 1989 spill) are two entities, the spill no person', () => {
    // "It took five years for Exxon shares to shrug off the effect of the Exxon Valdez and only …"
    for (const id of ['bpoil_guardian-241', 'bpoil_guardian-382']) {
      const entities = article(id);
      const exxon = withForm(entities, 'Exxon');
      const valdez = withForm(entities, 'Exxon Valdez');
      expect(exxon, id).toHaveLength(1);
      expect(valdez, id).toHaveLength(1);
      expect(exxon[0]!.key, id).not.toBe(valdez[0]!.key);
      expect(valdez[0]!.type, id).not.toBe('person');
    }
  });

  it('across texts the Exxon Valdez does not join Exxon Mobil through "Exxon"', () => {
    // Washington Post: "Exxon Mobil" and "Exxon" (the company); Guardian: "Exxon" and "the Exxon Valdez"
    const docs = ['bpoil_washingtonpost-117', 'bpoil_guardian-241', 'bpoil_guardian-382'].map(analysed);
    const map = linkAcrossDocuments(docs);
    const corpusKey = (form: string) => {
      const keys = new Set(docs.flatMap((d) => withForm(d.entities, form)).map((e) => map.get(e.key) ?? e.key));
      expect(keys.size, form).toBe(1);
      return [...keys][0]!;
    };
    expect(corpusKey('Exxon Valdez')).not.toBe(corpusKey('Exxon Mobil'));
    expect(corpusKey('Exxon')).toBe(corpusKey('Exxon Mobil'));
  });

  it('"the Deepwater Horizon" is the rig, no person, with "[Horizon] worker" if the tagger cut it', () => {
    // "Deepwater Horizon worker claims oil rig leaking weeks before …" ("Horizon" alone a person for
    // the tagger of session 9), "An oil worker on the Deepwater Horizon rig said …", "… the BP
    // Deepwater Horizon explosion …"
    for (const id of ['bpoil_guardian-866', 'bpoil_guardian-32', 'bpoil_guardian-1427']) {
      const entities = article(id);
      expect(entities.filter((e) => e.type === 'person' && /horizon/i.test(e.name)), id).toHaveLength(0);
      const rig = withForm(entities, 'Deepwater Horizon');
      expect(rig, id).toHaveLength(1);
      expect(rig[0]!.type, id).not.toBe('person');
    }
    expect(withForm(article('bpoil_guardian-866'), 'Deepwater Horizon')[0]!.mentions.length).toBeGreaterThanOrEqual(3);
  });

  it('"The USS Carl Vinson aircraft carrier" is a ship, though "Carl" is a first name', () => {
    const of = (text: string) => {
      const sentences = segment(text);
      return resolveEntities(text, sentences, recognizeEntities(text, sentences));
    };
    // BBC Haiti: "The USS Carl Vinson aircraft carrier will arrive …"; "Oil spills : Legacy of the Torrey Canyon …"
    const carrier = of('The USS Carl Vinson aircraft carrier will arrive off the coast on Thursday.');
    for (const e of withForm(carrier, 'Carl Vinson')) expect(e.type).not.toBe('person');
    const tanker = of('It was on the 18 March , 1967 that the Torrey Canyon supertanker struck Pollard \'s Rock .');
    for (const e of withForm(tanker, 'Torrey Canyon')) expect(e.type).not.toBe('person');
  });

  it('a name the tagger calls a person, written "the X Y" or before "spill"/"tanker", is a thing', () => {
    const of = (text: string) => {
      const sentences = segment(text);
      return resolveEntities(text, sentences, recognizeEntities(text, sentences));
    };
    // (the Seward Johnson is a research ship; the Motley Rice a law firm)
    const ship = of('Samples were taken by the Gulf of Mexico Hydrates Research Consortium aboard the Seward Johnson in September 2006.');
    for (const e of withForm(ship, 'Seward Johnson')) expect(e.type).not.toBe('person');
    // but not a person the text names by surname alone: "the Dick Cheney school … Cheney said"
    const cheney = of('This is the Dick Cheney school of energy policy. Cheney said on Monday that drilling would go on.');
    for (const e of withForm(cheney, 'Dick Cheney')) expect(e.type).toBe('person');
  });
});

describe.skipIf(!hasSharedData)('a chamber is not its caucus or committee', () => {
  it('"Senate" alone stays the Senate where the text also names "Senate Democrats"', () => {
    const entities = article('bpoil_washingtonpost-1615');
    const senate = entities.find((e) => e.mentions.some((m) => m.text === 'Senate'));
    expect(senate).toBeDefined();
    expect(senate!.mentions.every((m) => m.text === 'Senate')).toBe(true);
  });
});

describe.skipIf(!hasSharedData)('leftovers in names (review 10)', () => {
  it('"An Obama aide says", "UTC The Obama administration", "AP BP has launched" give Obama and BP, no "An Obama" nor "AP BP"', () => {
    // Reuters: "April 30 - An Obama aide says no drilling will be allowed …"
    for (const e of article('bpoil_reuters-570')) expect(e.name).not.toMatch(/^An /);
    // Reuters: "Jul 23 , 2010 21:29 UTC The Obama administration admitted today …"
    for (const e of article('bpoil_reuters-1469')) expect(e.name).not.toMatch(/^UTC|^The Obama/);
    expect(article('bpoil_reuters-1469').some((e) => e.key === 'person:obama' || e.key === 'person:barack obama')).toBe(true);
    // Fox News (AP copy): "AP BP has launched a two-pronged attempt …", "AP BP appears to have had enough …"
    for (const id of ['bpoil_foxnews-1816', 'bpoil_foxnews-1934']) {
      const entities = article(id);
      expect(entities.filter((e) => /^AP /.test(e.name)), id).toHaveLength(0);
      expect(entities.some((e) => e.key === 'organization:bp'), id).toBe(true);
    }
  });

  it('"Standard Alaska (BP)" names its owner, no acronym; "Alabama AG" is not Alabama', () => {
    // Reuters: "Dr. Robert Rigg , former Alaska medical director for Standard Alaska -LRB- BP -RRB- , warned …"
    const reuters = article('bpoil_reuters-1695');
    const standard = withForm(reuters, 'Standard Alaska');
    expect(standard).toHaveLength(1);
    expect(standard[0]!.mentions.every((m) => m.text === 'Standard Alaska')).toBe(true);
    // Reuters: "* Alabama AG says put terms `` in writing ''" (the state's attorney general)
    const ag = withForm(article('bpoil_reuters-890'), 'Alabama AG');
    for (const e of ag) expect(e.key).not.toBe('place:alabama');
  });
});

describe.skipIf(!hasSharedData)('what a name is, not who; roles (review 9)', () => {
  const of = (text: string) => {
    const sentences = segment(text);
    return resolveEntities(text, sentences, recognizeEntities(text, sentences));
  };
  it('"he is Luo ," (a comment on Obama, BBC Haiti) makes no person "Luo"', () => {
    const entities = of('And he acknowledged the fact that he is Luo , ( please read "Dreams From My Father" ) notwithstanding his American birth .');
    for (const e of withForm(entities, 'Luo')) expect(e.type).not.toBe('person');
  });

  it('"Robert Peston BBC business editor Tony Hayward said" gives Hayward no role; a journalist keeps the beat', () => {
    // BBC live page: "… End Quote Robert Peston BBC business editor Tony Hayward said that , now oil had stopped …"
    const hayward = article('bpoil_bbc-919').find((e) => e.key === 'person:tony hayward')!;
    expect(hayward.roles.filter((r) => /editor/i.test(r))).toHaveLength(0);
    // "But BBC business editor Robert Peston says the board has in effect …"
    const peston = of('But BBC business editor Robert Peston says the board has in effect decided.').find((e) => e.type === 'person')!;
    expect(peston.roles).toContain('BBC business editor');
  });

  it('roles stop at "who", "of" and a dash (BBC live pages on the spill)', () => {
    const roles = (text: string, name: string) => of(text).find((e) => e.name === name)?.roles ?? [];
    // "who" is no WHO: the admiral is someone else's role
    expect(roles('The US coastguard admiral who Obama put in charge of the clean-up operation says the leak is slowing.', 'Obama')).toEqual([]);
    expect(roles("Is the US Senate listening to this message , because it 's clear who President Obama is talking to here.", 'Obama')).toEqual(['President']);
    expect(roles('I hope Obama reads this and sees sense : Impacts of President Obama s Order Halting Work on 33 Exploratory wells.', 'Obama')).toEqual(['President']);
    expect(roles("Also on Thursday, Mr Obama 's top spill response official - Coast Guard commander Admiral Thad Allen - approved part of an ambitious plan.", 'Thad Allen')).toEqual(['Coast Guard commander Admiral']);
  });
});

describe.skipIf(!hasSharedData)('organisations the tagger calls places', () => {
  it('"the environmental group Greenpeace", "Greenpeace campaigners" make an organisation; "in Haiti" stays a place', () => {
    const of = (text: string) => {
      const sentences = segment(text);
      return resolveEntities(text, sentences, recognizeEntities(text, sentences));
    };
    // BBC: "Environmental group Greenpeace said it had cut fuel supplies …", "Two Greenpeace campaigners who unfurled …"
    const bbc = of('Environmental group Greenpeace said it had cut fuel supplies to 50 stations. Two Greenpeace campaigners who unfurled a flag were arrested.');
    for (const e of withForm(bbc, 'Greenpeace')) expect(e.type).toBe('organization');
    // BBC Haiti: "The organization United Haitians in the UK has asked for donations of clothes …"
    const haiti = of('The organization United Haitians in the UK has asked for donations of clothes. Aid is arriving in Haiti.');
    for (const e of withForm(haiti, 'Haiti')) expect(e.type).toBe('place');
  });

  it('across the BBC and Guardian texts naming Greenpeace, it is one organisation, though most type it a place', () => {
    const ids = [...texts.keys()].filter((id) => /^bpoil_(bbc|guardian)-/.test(id) && texts.get(id)!.includes('Greenpeace'));
    expect(ids.length).toBeGreaterThan(10);
    const docs = ids.map(analysed);
    const map = linkAcrossDocuments(docs);
    const keys = new Set(docs.flatMap((d) => d.entities.filter((e) => e.name === 'Greenpeace')).map((e) => map.get(e.key) ?? e.key));
    expect([...keys]).toEqual(['organization:greenpeace']);
  });
});
