// Who said what on the T17 BP oil spill stories (review 5, item D4): the agent of a participle in
// the subject is not the speaker, a relative clause's "which said" takes its antecedent, and verbs
// of naming, planning and display with a noun or infinitive complement are not speech cues.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/language/index.js';
import { t17Text } from '../helpers/t17.js';
import type { Quote } from '../../src/types.js';

const t17 = t17Text;

const slice = (text: string, s: [number, number] | null) => (s ? text.slice(s[0], s[1]) : null);

function quotesOf(text: string, dct: string | null = null): Quote[] {
  return analyze(text, { dct }).quotes;
}

const withContent = (text: string, quotes: Quote[], words: string) => quotes.filter((q) => slice(text, q.content)!.includes(words));

describe('the head of the subject speaks, not the agent of its participle', () => {
  it('"A report commissioned by President Obama has blamed bad management and cost cutting" is the report’s, not Obama’s (BBC)', () => {
    const { text, dct } = t17('bpoil_bbc', '1480');
    const blamed = withContent(text, quotesOf(text, dct), 'bad management and cost cutting');
    expect(blamed.length).toBeGreaterThan(0);
    for (const q of blamed) {
      expect(q.speaker).toBeNull();
      expect(slice(text, q.source)).toBe('A report commissioned by President Obama');
    }
  });

  it('"A commission appointed by Barack Obama this month accused all the firms …" credits nobody to Obama (Guardian)', () => {
    const { text, dct } = t17('bpoil_guardian', '2098');
    const quotes = quotesOf(text, dct);
    expect(withContent(text, quotes, 'accused all the firms').every((q) => q.speaker === null)).toBe(true);
    // Eric Holder's statements in the same article keep their speaker
    expect(quotes.some((q) => q.speaker === 'Eric Holder' && slice(text, q.content)!.includes('hold accountable those responsible'))).toBe(true);
  });

  it('"… an advance chapter of its report which said the firms …": the relative pronoun is the source, its antecedent (a report) nobody named (BBC)', () => {
    const { text, dct } = t17('bpoil_bbc', '1229');
    const firms = withContent(text, quotesOf(text, dct), 'the firms involved had made decisions');
    expect(firms.length).toBe(1);
    expect(slice(text, firms[0]!.source)).toBe('which');
    expect(firms[0]!.speaker).toBeNull();
  });

  it('"who" after a name and its description is that person; "which" after an organisation is the organisation', () => {
    let { text, dct } = t17('bpoil_bbc', '2159');
    const bonastre = withContent(text, quotesOf(text, dct), 'The amount of fish to catch was never the same');
    expect(bonastre.map((q) => [slice(text, q.source), q.speaker])).toEqual([['who', 'Pablo Bonastre']]);
    ({ text, dct } = t17('bpoil_reuters', '1846'));
    const plater = withContent(text, quotesOf(text, dct), 'The hit in terms of economics is going to be measurable');
    expect(plater.map((q) => q.speaker)).toEqual(['Zygmunt J.B. Plater']);
    ({ text, dct } = t17('bpoil_washingtonpost', '694'));
    const parker = withContent(text, quotesOf(text, dct), 'disappointing');
    // ("84-year-old Walt Parker, chairman of the Alaska Oil Spill Commission, which said …": which is no person)
    expect(parker.length).toBeGreaterThan(0);
    for (const q of parker) expect(q.speaker).not.toBe('Walt Parker');
  });

  it('a relative pronoun after a description of somebody else names nobody; an acronym “WHO” is no pronoun', () => {
    const text =
      'John Bentel, a tech staffer at the State Department who told his superiors that the system was approved, declined to comment.\n\n' +
      'The World Health Organization met on Monday. WHO said the virus could not be contained.';
    const quotes = quotesOf(text);
    expect(withContent(text, quotes, 'the system was approved').every((q) => q.speaker !== 'State Department')).toBe(true);
    expect(withContent(text, quotes, 'the virus could not be contained')[0]?.speaker).toBe('WHO');
  });
});

describe('naming, planning and display are not speech', () => {
  it('"a toxin called methyl isocyanate leaked …" is no quote (BBC readers’ comments)', () => {
    const { text, dct } = t17('bpoil_bbc', '1983');
    const quotes = quotesOf(text, dct);
    expect(withContent(text, quotes, 'methyl isocyanate')).toEqual([]);
    expect(quotes.some((q) => /^called$/.test(slice(text, q.cue) ?? '') && q.source === null)).toBe(false);
  });

  it('"The video released by BP shows oil spewing from a broken pipe" is no quote of BP’s (Guardian)', () => {
    const { text, dct } = t17('bpoil_guardian', '1140');
    expect(withContent(text, quotesOf(text, dct), 'oil spewing from a broken pipe')).toEqual([]);
  });

  it('"President Obama plans to visit the area Sunday", "has chosen to make his nationwide address …" are plans, not statements (Washington Post, Reuters)', () => {
    let { text, dct } = t17('bpoil_washingtonpost', '278');
    expect(withContent(text, quotesOf(text, dct), 'to visit the area Sunday')).toEqual([]);
    ({ text, dct } = t17('bpoil_reuters', '1469'));
    expect(withContent(text, quotesOf(text, dct), 'to make his nationwide address')).toEqual([]);
  });

  it('"is expected to", "known as", "as expected": no cue of speech', () => {
    for (const [folder, id] of [
      ['bpoil_bbc', '1082'],
      ['bpoil_bbc', '143'],
      ['bpoil_reuters', '124'],
      ['bpoil_guardian', '559'],
    ] as const) {
      const { text, dct } = t17(folder, id);
      const cues = quotesOf(text, dct).map((q) => slice(text, q.cue) ?? '');
      expect(cues.filter((c) => /\b(?:is expected|known as)\b/.test(c))).toEqual([]);
    }
    const text = 'The company reported much better than expected first quarter results. The Gulf of Mexico well, known as Macondo, was sealed.';
    expect(quotesOf(text).filter((q) => /expected|known/.test(slice(text, q.cue) ?? ''))).toEqual([]);
  });

  it('speech that names, demands or finds stays: "BP called the plaintiffs’ motion “unnecessary”", "called on", "a poll found that …", "a study shows that …"', () => {
    let { text, dct } = t17('bpoil_reuters', '40');
    const motion = withContent(text, quotesOf(text, dct), 'the plaintiffs');
    expect(motion.some((q) => slice(text, q.cue) === 'called' && /^BP/.test(q.speaker ?? ''))).toBe(true);
    ({ text, dct } = t17('bpoil_foxnews', '1851'));
    expect(withContent(text, quotesOf(text, dct), 'level with the American people').some((q) => q.speaker === 'Jesse Jackson')).toBe(true);
    ({ text, dct } = t17('bpoil_reuters', '604'));
    expect(withContent(text, quotesOf(text, dct), 'most Americans still support offshore drilling').length).toBe(1);
    ({ text, dct } = t17('bpoil_foxnews', '1688'));
    const study = withContent(text, quotesOf(text, dct), 'placed nearly 40,000 jobs in');
    expect(study.length).toBe(1);
    // what a document shows is a claim of nobody named ("a new study by Southern Methodist University shows that …")
    expect(study[0]!.speaker).toBeNull();
  });

  it('"wrote a book called …", "a company called Ship Island Excursions" name things; "called Friday for …" still demands', () => {
    const { text, dct } = t17('bpoil_bbc', '1207');
    expect(withContent(text, quotesOf(text, dct), 'The Squeeze')).toEqual([]);
    const demand = 'Attorney General Roy Cooper called Friday for releasing the police videos.';
    expect(withContent(demand, quotesOf(demand), 'releasing the police videos').length).toBe(1);
  });

  it('a poll "shows" figures, a person "showed his frustration"; "appears to blame … “quote”" is said', () => {
    const text =
      'The Reuters/Ipsos poll showed Clinton doing better than in other post-debate polls.\n\n' +
      'President Barack Obama showed his frustration last night.\n\n' +
      'Hayward appears to blame Transocean: “I think it’s inappropriate and it was nothing to do with BP.”';
    const quotes = quotesOf(text);
    expect(withContent(text, quotes, 'Clinton doing better').length).toBe(1);
    expect(withContent(text, quotes, 'his frustration')).toEqual([]);
    expect(withContent(text, quotes, 'nothing to do with BP').length).toBe(1);
  });

  it('"says of Clinton, “…”": the cue is the verb and the content the quotation, not the topic (PolNeAR dev sentence)', () => {
    const text = 'The New York businessman says of Clinton, “If she gets the chance, she will put the Oval Office up for sale.”';
    const q = withContent(text, quotesOf(text), 'Oval Office up for sale')[0];
    expect(slice(text, q?.cue ?? null)).toBe('says');
    expect(slice(text, q!.content)).toBe('If she gets the chance, she will put the Oval Office up for sale');
  });
});
