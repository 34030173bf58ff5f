// Session 10 (reviews 9 and 10): who said what in the BP stories. "The company said", "the oil giant
// said", "the firm said" name the company the text is about; "a BP spokesman", "BP officials" and the
// spokesman's later "he" speak for BP; "the Obama administration" is the administration, not the
// president; and reported speech whose cue is an act, an attempt, an obligation or a price move is no
// statement ("BP sought [to reassure investors]", "would have to say in writing [why …]", "BP added
// [nearly 3 percent]"). A news agency's report of what someone said is that person's; a reporter's
// video caption, a participle setting the scene and a reader's e-mail speak for nobody named. Real
// T17 texts, read as the pipeline reads them.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/language/index.js';
import { isStatement } from '../../src/language/quotes/index.js';
import { t17Text } from '../helpers/t17.js';
import type { Quote } from '../../src/types.js';

const slice = (text: string, s: [number, number] | null) => (s ? text.slice(s[0], s[1]) : null);

function saying(folder: string, id: string, words: string): { text: string; quotes: Quote[] } {
  const { text, dct } = t17Text(folder, id);
  const quotes = analyze(text, { dct }).quotes.filter((q) => slice(text, q.content)!.includes(words));
  expect(quotes.length, `a quote with “${words}”`).toBeGreaterThan(0);
  return { text, quotes };
}

const listed = (text: string, q: Quote) =>
  isStatement({ text: slice(text, q.content)!, speaker: q.speaker, direct: q.direct, kind: q.kind, cueText: slice(text, q.cue) });

describe('"the company" names the company the text is about', () => {
  it('"BP is storing the captured oil … The company said it hoped to stop the leak entirely" is BP’s (Guardian)', () => {
    const { quotes } = saying('bpoil_guardian', '1874', 'hoped to stop the leak entirely');
    for (const q of quotes) expect(q.speaker).toBe('BP');
  });

  it('"“BP believes the static kill and cementing procedures have been successful,” the company said" is BP’s (BBC)', () => {
    const { quotes } = saying('bpoil_bbc', '773', 'static kill and cementing procedures have been successful');
    for (const q of quotes) expect(q.speaker).toBe('BP');
  });

  it('"The oil firm said today that the results would be released" is BP’s (Guardian)', () => {
    const { quotes } = saying('bpoil_guardian', '304', 'the results would be released');
    for (const q of quotes) expect(q.speaker).toBe('BP');
  });

  it('"However, Halliburton said … “…,” the company said": the company named as the subject of the sentence before, not BP named in between (Guardian)', () => {
    const { quotes } = saying('bpoil_guardian', '1248', 'significant differences between its internal cement tests');
    for (const q of quotes) expect(q.speaker).toBe('Halliburton');
  });

  it('"Transocean is facing 249 lawsuits … The company has asked a court to limit its liabilities": Transocean, which the NER also calls MISC (BBC)', () => {
    const { quotes } = saying('bpoil_bbc', '1106', 'a court to limit its liabilities');
    for (const q of quotes) expect(q.speaker).toBe('Transocean');
  });

  it('"Shell said in a statement … The Anglo-Dutch major said the volume of oil spills in Nigeria …" is Shell’s, not BP’s named more (Reuters)', () => {
    const { quotes } = saying('bpoil_reuters', '1689', 'the volume of oil spills in Nigeria');
    for (const q of quotes) expect(q.speaker).toMatch(/Shell/);
  });

  it('"The company has been accused of failing to follow proper procedures": the subject of a passive names nobody (BBC)', () => {
    const { quotes } = saying('bpoil_bbc', '1870', 'failing to follow proper procedures');
    for (const q of quotes) expect(q.speaker).toBeNull();
  });
});

describe('who speaks for an organisation speaks as it', () => {
  it('"A BP spokeswoman refused to comment … “We welcome new shareholders …,” she said" is BP’s (BBC)', () => {
    const { quotes } = saying('bpoil_bbc', '1426', 'We welcome new shareholders');
    for (const q of quotes) expect(q.speaker).toBe('BP');
  });

  it('"The Obama administration argues that the moratorium is necessary" is the administration’s, not the president’s (Reuters)', () => {
    const { quotes } = saying('bpoil_reuters', '1603', 'the moratorium is necessary to prevent further accidents');
    for (const q of quotes) expect(q.speaker).toBe('Obama administration');
  });

  it('"An Obama aide says no drilling will be allowed in new areas" names nobody (was "An Obama") (Reuters)', () => {
    const { quotes } = saying('bpoil_reuters', '124', 'no drilling will be allowed in new areas');
    for (const q of quotes) expect(q.speaker).toBeNull();
  });
});

describe('acts, attempts, obligations and price moves are no statements', () => {
  it('"Interior officials … would have to say in writing why that would be in the national interest" is not listed (Washington Post)', () => {
    const { text, quotes } = saying('bpoil_washingtonpost', '2072', 'why that would be in the national interest');
    for (const q of quotes) expect(listed(text, q)).toBe(false);
  });

  it('"BP added nearly 3 percent, while Halliburton gained 3.2 percent" is a share price, not BP’s words (Reuters)', () => {
    const { text, quotes } = saying('bpoil_reuters', '1485', 'nearly 3 percent');
    for (const q of quotes) expect(listed(text, q)).toBe(false);
  });

  it('"The Obama administration has sought to distance itself from the company" is not listed; "BP said it has spent $8 billion on the spill" is (Reuters, Washington Post)', () => {
    const sought = saying('bpoil_reuters', '1328', 'to distance itself from the company');
    for (const q of sought.quotes) expect(listed(sought.text, q)).toBe(false);
    const spent = saying('bpoil_washingtonpost', '1334', 'it has spent $ 8 billion on the spill');
    expect(spent.quotes.some((q) => q.speaker === 'BP' && listed(spent.text, q))).toBe(true);
  });
});

describe('refusals, passives and judgements of a thing are no statements', () => {
  it('"Hayward doesn\'t exactly say no, but neither does he say yes" is not listed (Guardian live blog)', () => {
    const { text, quotes } = saying('bpoil_guardian', '1029', 'no , but neither does he say yes');
    for (const q of quotes) expect(listed(text, q)).toBe(false);
  });

  it('"Tony Hayward is said to be considering the invitation": the subject of a passive did not say it (BBC)', () => {
    const { text, quotes } = saying('bpoil_bbc', '724', 'to be considering the invitation');
    for (const q of quotes) expect(listed(text, q)).toBe(false);
  });

  it('"Obama has strongly criticised BP\'s chief executive Tony Hayward over the massive oil spill" lists no words of Obama\'s; a state of mind stays ("has been keen not to appear disengaged") (BBC)', () => {
    const { text, quotes } = saying('bpoil_bbc', '986', "BP 's chief executive Tony Hayward over the massive oil spill");
    for (const q of quotes) expect(listed(text, q)).toBe(false);
    expect(isStatement({ text: 'not to appear disengaged in the crisis at all', speaker: 'David Cameron', direct: false, kind: 'belief', cueText: 'has been keen' })).toBe(true);
  });
});

describe('a news agency reports what others said', () => {
  it('"French news agency AFP reported Haitian Prime Minister Jean-Max Bellerive said more than 15,000 bodies …" is Bellerive’s (BBC)', () => {
    const { quotes } = saying('haiti_bbc', '344', 'more than 15,000 bodies');
    expect(quotes.some((q) => q.speaker === 'Jean-Max Bellerive')).toBe(true);
    for (const q of quotes) expect(q.speaker).not.toBe('AFP');
  });

  it('"UN peacekeeping chief Alain Le Roy says Port-au-Prince airport is “operational” …, AFP news agency reports" is Le Roy’s (BBC)', () => {
    const { quotes } = saying('haiti_bbc', '640', 'airport is “operational”');
    for (const q of quotes) expect(q.speaker).toBe('Alain Le Roy');
  });

  it('"AP reports: University of Michigan ecologist Donald Scavia says the BP spill could make the dead zone larger" is Scavia’s (Guardian)', () => {
    const { quotes } = saying('bpoil_guardian', '1578', 'could make the dead zone larger');
    for (const q of quotes) expect(q.speaker).toBe('Donald Scavia');
  });
});

describe('captions, settings and e-mails name no speaker', () => {
  it('"Angus Stickler reports on the aftermath of the earthquake" (a video caption) is not a statement (BBC)', () => {
    const { text, quotes } = saying('haiti_bbc', '632', 'the aftermath of the earthquake');
    for (const q of quotes) expect(listed(text, q)).toBe(false);
  });

  it('"Describing the earthquake as a “catastrophe”, Haiti’s envoy …" is not a statement of the US (BBC)', () => {
    const { text, quotes } = saying('haiti_bbc', '142', 'the earthquake as a “catastrophe”');
    for (const q of quotes) expect(q.speaker === 'United States' && listed(text, q)).toBe(false);
  });

  it('"David Darg, an aid worker with Operation Blessing International …, tells the BBC" and his "It felt like a freight train" are not the charity’s (BBC)', () => {
    const { quotes } = saying('haiti_bbc', '316', 'I sifted through the internet');
    const felt = saying('haiti_bbc', '316', 'a freight train was passing close by');
    for (const q of [...quotes, ...felt.quotes]) expect(q.speaker).not.toBe('Blessing International');
  });
});

describe('a description the NER took for a name', () => {
  it('"One Tory backbencher, Douglas Carswell, said there had been an act of “environmental vandalism”" is Carswell’s (Guardian)', () => {
    const { quotes } = saying('bpoil_guardian', '1826', 'environmental vandalism');
    for (const q of quotes) expect(q.speaker).toBe('Douglas Carswell');
  });
});
