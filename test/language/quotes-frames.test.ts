// Quote frames on real news (review 4, item 8): conversation verbs are not speech cues, a content
// span never reaches back over the narration before its speaker, and a quotation after a colon
// is the quote the sentence's announcing cue ("had this to say") introduced.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/language/index.js';
import { t17Text } from '../helpers/t17.js';
import { findQuotes, isStatement, toBatchQuotes, quoteModel } from '../../src/language/quotes/index.js';
import { findAttributions } from '../../src/language/quotes/decode.js';
import { paragraphs } from '../../src/language/quotes/tokens.js';
import type { Quote } from '../../src/types.js';

const seed = (name: string) => readFileSync(new URL(`../../examples/seeds/${name}`, import.meta.url), 'utf8');

const t17 = t17Text;

const slice = (text: string, s: [number, number] | null) => (s ? text.slice(s[0], s[1]) : null);

function quotesOf(text: string, dct: string | null = null): Quote[] {
  return analyze(text, { dct }).quotes;
}

function statements(text: string, quotes: Quote[]): Quote[] {
  return quotes.filter((q) => isStatement({ text: slice(text, q.content)!, speaker: q.speaker, direct: q.direct, kind: q.kind, cueText: slice(text, q.cue) }));
}

describe('conversation verbs take a person, not a content', () => {
  it('"Ms Sturgeon has spoken with UK Health Secretary Alan Johnson about the development" is no quote (T17 H1N1 BBC)', () => {
    const { text, dct } = t17('H1N1_bbc', '933');
    const quotes = quotesOf(text, dct);
    expect(quotes.some((q) => /spoken with/.test(slice(text, q.cue) ?? ''))).toBe(false);
    expect(quotes.some((q) => slice(text, q.content)!.includes('Alan Johnson about the development'))).toBe(false);
    // her statements around it are still hers
    const said = quotes.find((q) => slice(text, q.content)!.includes('the Scottish Government resilience room has been opened'));
    expect(said?.speaker).toBe('Nicola Sturgeon');
  });

  it('"talked to officials", "consulted widely with experts", "was meeting today to discuss": no statements (T17)', () => {
    for (const [folder, id, cue] of [
      ['H1N1_bbc', '895', /talked to/],
      ['H1N1_reuters', '913', /consulted/],
      ['H1N1_guardian', '1070', /meeting/],
    ] as const) {
      const { text, dct } = t17(folder, id);
      expect(quotesOf(text, dct).some((q) => cue.test(slice(text, q.cue) ?? ''))).toBe(false);
    }
  });

  it('a conversation with a clause or a quotation after it stays a quote', () => {
    const text = 'The minister spoke to reporters about the outbreak: “We are ready for this.”';
    const q = quotesOf(text).find((x) => slice(text, x.content) === 'We are ready for this');
    expect(q).toBeDefined();
    expect(q!.direct).toBe(true);
  });

  it('the batch tool drops conversations too', () => {
    const text = 'Ms Sturgeon has spoken with UK Health Secretary Alan Johnson about the development.';
    const atts = findAttributions(text, paragraphs(text), quoteModel());
    expect(toBatchQuotes(atts).some((a) => slice(text, a.cue) === 'has spoken with')).toBe(false);
  });
});

describe('where something was said, and a participle before a noun, are no content (review 11)', () => {
  it('"…, the CDC said in its weekly report on death and disease": the report is no statement; the finding before it is the CDC\'s (T17 H1N1 Reuters)', () => {
    const { text, dct } = t17('H1N1_reuters', '339');
    const quotes = quotesOf(text, dct);
    expect(quotes.some((q) => q.kind === 'speech' && /^weekly report on death and disease/.test(slice(text, q.content)!))).toBe(false);
    const finding = quotes.find((q) => q.kind === 'speech' && slice(text, q.content)!.includes('13 were infected in a healthcare setting'));
    expect(finding?.speaker).toMatch(/CDC|Centers for Disease Control/);
  });

  it('a participle describing a noun is no verb of speech: "The United States has 403 confirmed cases …" (T17 H1N1 Reuters, BBC)', () => {
    const { text, dct } = t17('H1N1_reuters', '886');
    const quotes = quotesOf(text, dct).filter((q) => q.kind === 'speech');
    expect(quotes.some((q) => /^has 403 confirmed$/.test(slice(text, q.cue) ?? ''))).toBe(false);
    expect(quotes.some((q) => q.speaker === 'United States' && /cases of the swine flu in 38 states/.test(slice(text, q.content)!))).toBe(false);
    const bbc = t17('H1N1_bbc', '16');
    expect(quotesOf(bbc.text, bbc.dct).some((q) => q.kind === 'speech' && /^a confirmed$/.test(slice(bbc.text, q.cue) ?? ''))).toBe(false);
    // "officials have reported 109 confirmed swine flu infections": a report, kept
    const reported = 'U.S. officials have reported 109 confirmed swine flu infections in at least 11 states .';
    expect(quotesOf(reported, '2009-04-30').some((q) => q.kind === 'speech' && /reported/.test(slice(reported, q.cue) ?? ''))).toBe(true);
  });

  it('a clause after "said in a statement" stays a quote', () => {
    const text = 'The ministry said in a statement that two more people had died in the capital.';
    const quotes = quotesOf(text, '2009-05-01').filter((q) => q.kind === 'speech');
    expect(quotes.map((q) => slice(text, q.content))).toContain('that two more people had died in the capital');
  });
});

describe('a content span never reaches back over the narration before the speaker', () => {
  it('seed 003: "…, with the Kremlin saying that the penalties will not “help” the potential summit"', () => {
    const text = seed('003_70335ce47c40be49.txt');
    const q = quotesOf(text).find((x) => slice(text, x.cue) === 'saying');
    expect(q).toBeDefined();
    expect(slice(text, q!.content)).toBe('that the penalties will not “help” the potential summit');
    expect(q!.speaker).toBe('Kremlin');
  });

  it('"The World Health Organisation stopped short … but its director general, Dr Margaret Chan, said the option remained “on the table”" (T17 Guardian)', () => {
    for (const id of ['26', '799']) {
      const { text, dct } = t17('H1N1_guardian', id);
      const q = quotesOf(text, dct).find((x) => x.speaker === 'Margaret Chan' && /option remained/.test(slice(text, x.content)!));
      expect(q, id).toBeDefined();
      expect(slice(text, q!.content)).toMatch(/^(?:that )?the option remained “on the table”$|^that option remained “on the table”$/);
    }
  });

  it('"Looking back at his time at the New York Fed, Geithner said: “I wish …”": the quotation only (T17 Finan)', () => {
    const { text, dct } = t17('Finan_washingtonpost', '1211');
    const q = quotesOf(text, dct).find((x) => slice(text, x.content)!.includes('I wish I had worked to change the framework'));
    expect(q).toBeDefined();
    expect(slice(text, q!.content)!.startsWith('I wish')).toBe(true);
    expect(q!.direct).toBe(true);
  });

  it('a parenthetical attribution keeps both halves: “…,” the correspondent says / "The key …, Summers says, is …"', () => {
    const text = 'The key to getting it all done, Summers says, is entering into a compact with the country.';
    const q = quotesOf(text).find((x) => slice(text, x.cue) === 'says');
    expect(q).toBeDefined();
    expect(slice(text, q!.content)).toContain('The key to getting it all done');
    expect(slice(text, q!.content)).toContain('entering into a compact');
  });
});

describe('a quotation after a colon is the announced quote, once', () => {
  it('"The director general of the WHO, Margaret Chan, had this to say … in her speech declaring a flu pandemic: “Without question, …”" (T17 BBC)', () => {
    for (const id of ['372', '348']) {
      const { text, dct } = t17('H1N1_bbc', id);
      const quotes = quotesOf(text, dct);
      const withIt = statements(text, quotes).filter((q) => slice(text, q.content)!.includes('Without question'));
      expect(withIt.length, id).toBe(1);
      const q = withIt[0]!;
      expect(slice(text, q.content)).toMatch(/^Without question ?, pregnant women are at increased risk/);
      expect(slice(text, q.cue)).toBe('had this to say');
      expect(q.speaker).toBe('Margaret Chan');
      expect(q.direct).toBe(true);
    }
  });
});

describe('a quotation left open at a paragraph end runs on until it closes', () => {
  it('“Without question, … complications. ¶ This heightened risk … younger age groups.” is Margaret Chan’s too (T17 BBC, a sentence a line)', () => {
    const { text, dct } = t17('H1N1_bbc', '372');
    const q = quotesOf(text, dct).find((x) => slice(text, x.content)!.startsWith('This heightened risk takes on added importance'));
    expect(q).toBeDefined();
    expect(q!.speaker).toBe('Margaret Chan');
    expect(q!.direct).toBe(true);
    expect(slice(text, q!.content)).toMatch(/younger age groups$/);
  });

  it('CNBC’s statement over two lines: “CNBC produces … issue. ¶ We are proud of our record.” (T17 Finan)', () => {
    const { text, dct } = t17('Finan_washingtonpost', '11');
    const q = quotesOf(text, dct).find((x) => slice(text, x.content) === 'We are proud of our record');
    expect(q).toBeDefined();
    expect(q!.direct).toBe(true);
    expect(q!.speaker).not.toBeNull();
  });

  it('a quotation never closed continues nothing', () => {
    const text = 'The minister said: “We will win this vote.\nThe vote is on Friday, and the polls open at eight.\nTurnout was low last time.';
    const quotes = quotesOf(text);
    expect(quotes.some((q) => slice(text, q.content)!.startsWith('The vote is on Friday'))).toBe(false);
  });
});

describe('not every cue word is speech', () => {
  it('"have been admitted to a Scottish hospital", "was admitted directly to a side room": admissions, not statements (T17)', () => {
    for (const [folder, id] of [['H1N1_bbc', '933'], ['H1N1_guardian', '89'], ['H1N1_bbc', '156']] as const) {
      const { text, dct } = t17(folder, id);
      expect(quotesOf(text, dct).some((q) => /admitted/.test(slice(text, q.cue) ?? '')), `${folder} ${id}`).toBe(false);
    }
  });

  it('a confession keeps its cue: “We were spooked,” one government official admitted to me (T17 BBC)', () => {
    const { text, dct } = t17('H1N1_bbc', '90');
    const q = quotesOf(text, dct).find((x) => slice(text, x.content) === 'We were spooked');
    expect(slice(text, q?.cue ?? null)).toMatch(/^admitted/);
  });

  it('a headline quotation ends at its closing mark: "Nicola Sturgeon: `The patients in question are undergoing further tests\' Two people …" (T17 BBC)', () => {
    const { text, dct } = t17('H1N1_bbc', '933');
    const q = quotesOf(text, dct).find((x) => slice(text, x.content)!.startsWith('The patients in question'));
    expect(q).toBeDefined();
    expect(slice(text, q!.content)).toBe('The patients in question are undergoing further tests');
    expect(q!.speaker).toBe('Nicola Sturgeon');
    expect(q!.direct).toBe(true);
  });

  it('after a verb of telling, the addressee is not what was said: "The highly contagious strain must be …, Chan told her United Nations agency\'s annual congress" (T17 Reuters)', () => {
    const { text, dct } = t17('H1N1_reuters', '415');
    const q = quotesOf(text, dct).find((x) => x.speaker === 'Margaret Chan' && slice(text, x.cue) === 'told');
    expect(q).toBeDefined();
    expect(slice(text, q!.content)).toMatch(/^The highly contagious strain must be closely monitored/);
  });
});

describe('who speaks', () => {
  it('"It is understood the two travellers were admitted …" names nobody; "The doctor said" is the Dr just quoted (T17 BBC)', () => {
    const { text, dct } = t17('H1N1_bbc', '933');
    const quotes = quotesOf(text, dct);
    const understood = quotes.find((q) => slice(text, q.cue) === 'is understood');
    expect(understood).toBeDefined();
    expect(understood!.speaker).toBeNull();
    const doctor = quotes.find((q) => slice(text, q.source) === 'The doctor');
    expect(doctor?.speaker).toBe('Jim McMenamin');
  });

  it('seed 002: "On April 20, Peskov, answering a question about …, said that “the return of ambassadors …”" is Peskov’s', () => {
    const text = seed('002_af815def54e2eb59.txt');
    const q = quotesOf(text).find((x) => slice(text, x.content)!.includes('the return of ambassadors after consultations'));
    expect(q).toBeDefined();
    expect(slice(text, q!.source)).toBe('Peskov');
    expect(q!.speaker).toBe('Dmitry Peskov');
    // the next sentence is what "he pointed out", not part of this content
    expect(slice(text, q!.content)).toMatch(/expediency\.?$/);
    expect(q!.direct).toBe(true);
    const pointed = quotesOf(text).find((x) => slice(text, x.cue) === 'pointed out');
    expect(slice(text, pointed?.content ?? null)).toMatch(/^Relations between the two countries are now at a “low point/);
  });

  it('"it emerged that …" has no speaker (T17 Guardian)', () => {
    const { text, dct } = t17('H1N1_guardian', '510');
    const q = quotesOf(text, dct).find((x) => slice(text, x.cue) === 'emerged');
    expect(q).toBeDefined();
    expect(q!.speaker).toBeNull();
  });
});

describe('direct means mostly quoted words', () => {
  it('"its director general, Dr Margaret Chan, said that option remained “on the table”" is reported speech (T17 Guardian)', () => {
    const { text, dct } = t17('H1N1_guardian', '799');
    const q = quotesOf(text, dct).find((x) => slice(text, x.content) === 'that option remained “on the table”');
    expect(q).toBeDefined();
    expect(q!.direct).toBe(false);
  });
});
