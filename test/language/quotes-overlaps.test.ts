// One statement, one speaker (review 8 F10) and cues that make no statement (review 8 F3), on the
// Timeline17 H1N1 and Finan articles of the review, read as the pipeline reads them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { untokenisePtb } from '../../src/extract/text/index.js';
import { analyze } from '../../src/language/index.js';
import { isStatement } from '../../src/language/quotes/index.js';
import type { Quote } from '../../src/types.js';
import { t17Text } from '../helpers/t17.js';
import { SHARED_DATA } from '../helpers/paths.js';

const slice = (text: string, s: [number, number] | null) => (s ? text.slice(s[0], s[1]) : null);
const quotesOf = (text: string, dct: string | null = null): Quote[] => analyze(text, { dct }).quotes;
const withContent = (text: string, quotes: Quote[], words: string) => quotes.filter((q) => slice(text, q.content)!.includes(words));
const statement = (text: string, q: Quote) => isStatement({ text: slice(text, q.content)!, speaker: q.speaker, direct: q.direct, kind: q.kind, cueText: slice(text, q.cue) });

/** Pairs of quotes whose contents share more than half of the shorter one. */
function overlappingPairs(quotes: Quote[]): [Quote, Quote][] {
  const out: [Quote, Quote][] = [];
  for (let i = 0; i < quotes.length; i++) {
    for (let j = i + 1; j < quotes.length; j++) {
      const a = quotes[i]!.content;
      const b = quotes[j]!.content;
      const shared = Math.min(a[1], b[1]) - Math.max(a[0], b[0]);
      if (shared > Math.min(a[1] - a[0], b[1] - b[0]) / 2) out.push([quotes[i]!, quotes[j]!]);
    }
  }
  return out;
}

describe('one statement, one speaker', () => {
  it('"… was now being confronted Four people tested …, French Health Minister Roselyne Bachelot has said": the lost sentence end parts Madelin’s words from Bachelot’s (BBC)', () => {
    const { text, dct } = t17Text('H1N1_bbc', '133');
    const quotes = quotesOf(text, dct);
    const madelin = withContent(text, quotes, 'was now being confronted');
    expect(madelin.map((q) => q.speaker)).toEqual(['Robert Madelin']);
    expect(slice(text, madelin[0]!.content)).not.toContain('Four people');
    const bachelot = withContent(text, quotes, 'Four people tested');
    expect(bachelot.map((q) => q.speaker)).toEqual(['Roselyne Bachelot']);
    expect(slice(text, bachelot[0]!.content)).toMatch(/^Four people tested/);
    expect(overlappingPairs(quotes)).toEqual([]);
  });

  it('"It was expected that the strain would …, Denmark’s State Serum Institute said": once, the institute’s (Reuters)', () => {
    const { text, dct } = t17Text('H1N1_reuters', '611');
    const expected = withContent(text, quotesOf(text, dct), 'show resistance to Tamiflu');
    expect(expected.map((q) => slice(text, q.cue))).toEqual(['said']);
    expect(expected[0]!.speaker).toBe('State Serum Institute');
  });

  it('"Democrats will present that bill …, Frank said": an embedded clause is no second attribution (Washington Post)', () => {
    const { text, dct } = t17Text('Finan_washingtonpost', '961');
    const bill = withContent(text, quotesOf(text, dct), 'will present that bill');
    expect(bill.map((q) => q.speaker)).toEqual(['Barney Frank']);
    expect(withContent(text, quotesOf(text, dct), 'reaching a final agreement').every((q) => q.speaker !== 'Democrats')).toBe(true);
  });

  it('"Bloomberg reported Canadian Finance Minister James M. Flaherty said …": the words are credited once', () => {
    const { text, dct } = t17Text('Finan_washingtonpost', '2014');
    expect(withContent(text, quotesOf(text, dct), 'discussing further interest rate cuts')).toHaveLength(1);
  });

  it('"…, the head of the World Health Organization said on Tuesday, as rich and poor countries grappled …": the narration after the attribution is not said (Reuters)', () => {
    const { text, dct } = t17Text('H1N1_reuters', '1205');
    const shots = withContent(text, quotesOf(text, dct), '4.9 billion pandemic flu shots');
    expect(shots).toHaveLength(1);
    expect(slice(text, shots[0]!.content)).toMatch(/in the best-case scenario$/);
  });

  it('"“John, you like to pretend …,” the senator from Illinois shot back. “The war started in 2003.”" is not McCain’s (Washington Post)', () => {
    const { text, dct } = t17Text('Finan_washingtonpost', '45');
    const quotes = quotesOf(text, dct);
    const shot = withContent(text, quotes, 'you like to pretend like the war started in 2007');
    expect(shot).toHaveLength(1);
    expect(slice(text, shot[0]!.source)).toBe('the senator from Illinois');
    expect(slice(text, shot[0]!.cue)).toBe('shot back');
    expect(slice(text, shot[0]!.content)).not.toContain('shot back');
    for (const q of [...shot, ...withContent(text, quotes, 'The war started in 2003')]) expect(q.speaker).not.toBe('John McCain');
    // McCain's own quotation before it stays his
    expect(withContent(text, quotes, "the ` surge ' could not work")[0]?.speaker).toBe('John McCain');
  });

  it('"… with this all-important time for boys The school’s bursar, Andrew Wynn, told the BBC News website the decision …": the attribution starts at the lost sentence end (BBC)', () => {
    const { text, dct } = t17Text('H1N1_bbc', '930');
    const told = withContent(text, quotesOf(text, dct), 'the decision to keep the school closed');
    expect(told).toHaveLength(1);
    expect(slice(text, told[0]!.source)).toBe("The school 's bursar , Andrew Wynn");
    expect(slice(text, told[0]!.content)).toMatch(/^the decision to keep the school closed/);
  });

  it('"“It’s heavy, heavy, heavy. ¶ It’s much more than has been done …,” said Sen. Charles E. Schumer": a quotation left open is the next paragraph’s speaker’s, not the Fed’s before it (Washington Post)', () => {
    const { text, dct } = t17Text('Finan_washingtonpost', '1431');
    const heavy = withContent(text, quotesOf(text, dct), 'heavy , heavy , heavy');
    expect(heavy.map((q) => q.speaker)).toEqual(['Charles E. Schumer']);
  });

  it('"Reuters news agency quotes BP as saying it would “co-operate …”": BP speaks (BBC)', () => {
    const { text, dct } = t17Text('bpoil_bbc', '29');
    const coop = withContent(text, quotesOf(text, dct), 'co-operate with any inquiry');
    expect(coop).toHaveLength(1);
    expect(coop[0]!.speaker).toMatch(/^BP/);
    expect(slice(text, coop[0]!.content)).toMatch(/^it would/);
  });

  it('"“… those morons don’t know what they’re doing,” Cameron told the … conference, according to Reuters": Cameron speaks, not Reuters (Guardian)', () => {
    const { text, dct } = t17Text('bpoil_guardian', '1416');
    const morons = withContent(text, quotesOf(text, dct), 'growing horror and heartache');
    expect(morons.map((q) => q.speaker)).toEqual(['James Cameron']);
    expect(slice(text, morons[0]!.content)).not.toContain('Cameron told');
  });

  it('no two quotes of an article credit the same words (every H1N1 Guardian article)', () => {
    const rows = readFileSync(join(SHARED_DATA, 't17', 'H1N1_guardian', 'articles.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text?: string });
    let quotes = 0;
    for (const r of rows) {
      if (!r.text) continue;
      const text = untokenisePtb(r.text);
      const found = quotesOf(text);
      quotes += found.length;
      expect(overlappingPairs(found).map(([a, b]) => `${r.id}: ${slice(text, a.content)} / ${slice(text, b.content)}`)).toEqual([]);
    }
    expect(quotes).toBeGreaterThan(500);
  });
});

describe('cues that make no statement (shown to nobody as said)', () => {
  const cases: [string, string, string][] = [
    ['Finan_washingtonpost', '1180', 'bankruptcy protection after other financial firms'], // "Lehman Brothers files for"
    ['Finan_washingtonpost', '579', 'to lend up to $ 85 billion'], // "is authorized"
    ['Finan_washingtonpost', '1313', 'the decision to bail out our family was wrong'], // "it does not mean"
  ];
  for (const [folder, id, words] of cases) {
    it(`${folder}-${id}: "${words}"`, () => {
      const { text, dct } = t17Text(folder, id);
      const found = withContent(text, quotesOf(text, dct), words);
      expect(found.length).toBeGreaterThan(0);
      for (const q of found) expect(statement(text, q), slice(text, q.cue) ?? '').toBe(false);
    });
  }

  it('seed 003: Biden "agreed with a description of Putin as a “killer”" is no statement of his; his own words stay', () => {
    const text = readFileSync(new URL('../../examples/seeds/003_70335ce47c40be49.txt', import.meta.url), 'utf8');
    const quotes = quotesOf(text);
    for (const q of withContent(text, quotes, 'as a “killer”')) expect(statement(text, q)).toBe(false);
    const own = withContent(text, quotes, 'not looking to kick off a cycle of escalation');
    expect(own.some((q) => q.speaker === 'Joe Biden' && statement(text, q))).toBe(true);
  });

  it('"Alleyn’s School in Dulwich, London, which has announced it will close": the place completing a location does not speak (BBC)', () => {
    const { text, dct } = t17Text('H1N1_bbc', '583');
    const close = withContent(text, quotesOf(text, dct), 'it will close');
    expect(close.length).toBeGreaterThan(0);
    for (const q of close) expect(q.speaker).not.toBe('London');
  });

  it('"None of the options, Obama Administration officials admit, are ideal": officials speak, not the president who qualifies them (Washington Post)', () => {
    const { text, dct } = t17Text('Finan_washingtonpost', '1153');
    const options = withContent(text, quotesOf(text, dct), 'None of the options');
    expect(options.length).toBeGreaterThan(0);
    for (const q of options) expect(q.speaker).toBeNull();
  });

  it('"Marjorie Wallace from SANE argues that prohibition risks …": the person from the charity speaks (BBC)', () => {
    const { text, dct } = t17Text('H1N1_bbc', '749');
    const argues = withContent(text, quotesOf(text, dct), 'prohibition risks denying individuals');
    expect(argues.map((q) => q.speaker)).toEqual(['Marjorie Wallace']);
  });

  it('"BP is thought to be considering some asset sales", "Tony Hayward has been portrayed in the US media as a comic villain": the subject of a passive of belief or portrayal is no speaker (Fox News, Guardian)', () => {
    for (const [folder, id, words] of [['bpoil_foxnews', '2168', 'to be considering some asset sales'], ['bpoil_guardian', '1762', 'as a comic villain']] as const) {
      const { text, dct } = t17Text(folder, id);
      const found = withContent(text, quotesOf(text, dct), words);
      expect(found.length, words).toBeGreaterThan(0);
      for (const q of found) expect(q.speaker, words).toBeNull();
    }
  });

  it('negated verbs of speech are refusals, a verb of speech is a statement', () => {
    const says = (cueText: string) => isStatement({ text: 'the new sanctions were a measured response', speaker: 'Joe Biden', direct: false, kind: 'speech', cueText });
    expect(says('did not specify')).toBe(false);
    expect(says('did not immediately respond to')).toBe(false);
    expect(says('never mentioned')).toBe(false);
    expect(says('has not yet confirmed')).toBe(false);
    expect(says('said')).toBe(true);
    expect(says('told reporters')).toBe(true);
    expect(says('has filed')).toBe(false);
    // acts and decisions
    expect(says('named')).toBe(false);
    expect(says('has ordered')).toBe(false);
    expect(says('has introduced legislation')).toBe(false);
    expect(says('has also seen')).toBe(false);
    expect(says('declined')).toBe(false);
    expect(says('told the BBC')).toBe(true);
    expect(says('has warned')).toBe(true);
  });
});
