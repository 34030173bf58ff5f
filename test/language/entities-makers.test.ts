// Review 12 of 9195ec8 (diseases and drugs are things): the words before a drug's or a disease's name
// ("doses of", "stockpiles of", "infected with", "cases of", "contracted") made any name after them a
// thing — the vaccine's maker, a place, a party — and with it every mention of that name in the
// article: "doses of Baxter vaccine" turned Baxter International from an organisation into a thing,
// "infected with Mexico strain" Mexico from a place. A name those words precede is a drug's or a
// disease's only when it is not a maker's possessive nor a noun's modifier; "contracted" ("BP
// contracted Transocean to drill the well", T17 BBC) is no such word.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/language/index.js';

const typesIn = (text: string) => new Map(analyze(text, { dct: '2009-06-01' }).entities.map((e) => [e.name, e.type]));

describe('a name after the words that precede a drug or a disease', () => {
  it('stays a place or an organisation when it names the maker, the place or the party', () => {
    expect(typesIn('The ministry ordered doses of Baxter vaccine from Baxter International, and Baxter said it would ship them in July.').get('Baxter International')).toBe('organization');
    expect(typesIn('Many people in the town were infected with Mexico strain of the virus, health officials in Mexico said.').get('Mexico')).toBe('place');
    expect(typesIn('Officials confirmed 40 cases of Mexico City residents falling ill. Mexico City closed its schools.').get('Mexico City')).toBe('place');
    const roche = typesIn("Governments have built up stockpiles of Roche's Tamiflu. Roche said on Monday it would double production.");
    expect(roche.get('Roche')).not.toBe('other');
  });

  it('still makes a drug or a disease a thing', () => {
    expect(typesIn('Patients were treated with Tamiflu this week, the hospital said.').get('Tamiflu')).toBe('other');
    expect(typesIn('Britain has bought 14.6 million doses of Tamiflu and Relenza.').get('Tamiflu')).toBe('other');
    expect(typesIn('The antiviral drug Tamiflu represents the first line of defence, the WHO said.').get('Tamiflu')).toBe('other');
  });
});
