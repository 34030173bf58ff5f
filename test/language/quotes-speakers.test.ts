// Speaker precision on Timeline17 news (session 8): a wrong speaker is worse than none. A pronoun
// continues the main subject or an unnamed speaker, never a name of a subordinate clause; a gendered
// pronoun skips people of the other gender (text, title, first name) but then needs one known to fit;
// an indefinite description introduces somebody new; joint sources and the subject of a passive verb
// of address name nobody; a source found in a description's complement is the person described.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/language/index.js';
import { isStatement } from '../../src/language/quotes/index.js';
import { t17Text } from '../helpers/t17.js';
import type { Quote } from '../../src/types.js';

const slice = (text: string, s: [number, number] | null) => (s ? text.slice(s[0], s[1]) : null);

function t17Quotes(folder: string, id: string): { text: string; quotes: Quote[] } {
  const { text, dct } = t17Text(folder, id);
  return { text, quotes: analyze(text, { dct }).quotes };
}

function saying(folder: string, id: string, words: string): { text: string; quotes: Quote[] } {
  const { text, quotes } = t17Quotes(folder, id);
  const found = quotes.filter((q) => slice(text, q.content)!.includes(words));
  expect(found.length, `a quote with “${words}”`).toBeGreaterThan(0);
  return { text, quotes: found };
}

describe('pronouns', () => {
  it('"Dudley refused to criticise his predecessor, Tony Hayward, who had been widely attacked … He said Hayward had …" is Dudley’s (Guardian)', () => {
    const { quotes } = saying('bpoil_guardian', '1715', 'defined our aims with great clarity');
    for (const q of quotes) expect(q.speaker).toBe('Bob Dudley');
  });

  it('"A Department of Health spokesman said … “…,” he said." is the unnamed spokesman’s, not the photographer credited before (Guardian)', () => {
    const { quotes } = saying('H1N1_guardian', '510', 'Our strategy to slow the spread of the disease appears to have been effective');
    for (const q of quotes) expect(q.speaker).toBeNull();
  });

  it('"A BP spokesman declined to comment … He said the company had identified …" is not Barack Obama’s but the spokesman’s, who speaks for BP (Fox News; session 10)', () => {
    const { quotes } = saying('bpoil_foxnews', '1526', 'series of underlying failures');
    for (const q of quotes) expect(q.speaker).toMatch(/^BP\b/);
  });

  it('"Carmen Hernandez … But after her son got worse, she decided to take him to hospital" is the mother’s, not the son’s (BBC)', () => {
    const { quotes } = saying('H1N1_bbc', '1198', 'to take him to hospital');
    for (const q of quotes) expect(q.speaker).toBe('Carmen Hernandez');
  });

  it('"A family friend said the death was a tragedy. “I think they are taking it really badly,” she said." is the friend’s, named by nobody (Guardian)', () => {
    const { quotes } = saying('H1N1_guardian', '1215', 'I think they are taking it really badly');
    for (const q of quotes) expect(q.speaker).toBeNull();
  });

  it('"“… ghostly neighborhoods,” writes the Guardian’s South America correspondent, Rory Carroll" and his "he adds" are Carroll’s (Guardian)', () => {
    const { text, quotes } = t17Quotes('H1N1_guardian', '519');
    const welcome = quotes.filter((q) => slice(text, q.content)!.includes('Welcome to Mexico'));
    expect(welcome.map((q) => [slice(text, q.source), q.speaker])).toEqual([["the Guardian 's South America correspondent , Rory Carroll", 'Rory Carroll']]);
    const adds = quotes.filter((q) => slice(text, q.content)!.includes('Muzzled taxi drivers'));
    expect(adds.map((q) => q.speaker)).toEqual(['Rory Carroll']);
  });
});

describe('who is not a speaker', () => {
  it('"In written testimony …, a BP executive directs blame …": an indefinite description is nobody named before, not Tony Hayward (Reuters)', () => {
    const { quotes } = saying('bpoil_reuters', '2067', 'for the blowout at Transocean');
    for (const q of quotes) expect(q.speaker).toBeNull();
  });

  it('joint sources name nobody ("China and Thailand have banned", "Both Gillers and Feinberg said"), an apposition after a pair still does (Carol Browner)', () => {
    for (const q of saying('H1N1_bbc', '488', 'imports of raw pork').quotes) expect(q.speaker).toBeNull();
    for (const q of saying('bpoil_foxnews', '1360', 'using BP money to pay').quotes) expect(q.speaker).toBeNull();
    for (const q of saying('bpoil_guardian', '1351', 'misstating the scale of the leak').quotes) expect(q.speaker).toBe('Carol Browner');
  });

  it('the subject of a passive verb of address is spoken to or of: "Hayward was told he should quit" is not Hayward’s (Guardian)', () => {
    for (const q of saying('bpoil_guardian', '1071', 'he should quit').quotes) expect(q.speaker).toBeNull();
  });

  it('"Alexander Koldobsky, a fellow nuclear physicist from the Moscow Engineering and Physics Institute, insists …" is Koldobsky’s (Fox News)', () => {
    const { text, quotes } = saying('bpoil_foxnews', '1228', 'the peaceful nuclear explosions were safe');
    for (const q of quotes) {
      expect(q.speaker).toBe('Alexander Koldobsky');
      expect(slice(text, q.source)).toMatch(/^Alexander Koldobsky , a fellow nuclear physicist from the Moscow Engineering and Physics Institute$/);
    }
  });

  it('readers’ comments under a signed thread are nobody’s statements: "Ask Mccain about “The Keating Five”" (Washington Post comments)', () => {
    const { text, quotes } = t17Quotes('Finan_washingtonpost', '2113');
    const firstSignature = text.search(/Posted by\s*:[^|\n]+\|[^|\n]+\|\s*Report abuse/);
    expect(firstSignature).toBeGreaterThan(0);
    expect(quotes.filter((q) => q.content[0] > firstSignature)).toEqual([]);
    // and a lone preposition cues nothing said, wherever it stands (the tagger's "Ask Mccain [about] “The Keating Five”")
    expect(isStatement({ text: '“The Keating Five”', speaker: 'John McCain', direct: true, kind: 'speech', cueText: 'about' })).toBe(false);
  });

  it('readers’ comments in a blog’s headed thread ("At 02:58 am on 16 Jun 2010, Vyker wrote: … Obama looks to be struggling") are nobody’s statements (BBC)', () => {
    const { text, quotes } = t17Quotes('bpoil_bbc', '1983');
    const firstHeader = text.search(/\b\d{1,2}[:.]\d{2}\b.{0,70}?\bwrote\s*:/);
    expect(firstHeader).toBeGreaterThan(0);
    expect(quotes.filter((q) => q.content[0] > firstHeader)).toEqual([]);
  });

  it('"a BP wholesale distributor in Fort Myers, Florida said …": a state after its city is no speaker (Fox News)', () => {
    for (const q of saying('bpoil_foxnews', '1154', 'local sales are down 20 percent').quotes) expect(q.speaker).toBeNull();
  });

  it('"Asked how BP could ever quantify the damage …, he just says …": the question is not Hayward’s (Guardian)', () => {
    for (const q of saying('bpoil_guardian', '2174', 'how BP could ever quantify the damage').quotes) expect(q.speaker).toBeNull();
  });

  it('"said Win Thin, senior currency strategist for Brown Brothers Harriman. “…,” he said.": the pronoun is Win Thin, not the firm the NER took for a person (Washington Post)', () => {
    for (const q of saying('Finan_washingtonpost', '1437', 'It seems like the Europeans have snapped the panic').quotes) expect(q.speaker).toBe('Win Thin');
  });

  it('"“Oh, the oil’s out there,” said a captain of one of the air boats …": the words after an inverted cue are its source, and his "He said …" names nobody (Guardian)', () => {
    const { text, quotes } = t17Quotes('bpoil_guardian', '508');
    const oil = quotes.filter((q) => slice(text, q.content)!.includes('the oil ’s out there') || slice(text, q.content)!.includes("the oil 's out there"));
    expect(oil.map((q) => slice(text, q.source))).toEqual(['a captain of one of the air boats chewing through the marsh']);
    for (const q of saying('bpoil_guardian', '508', 'white plastic trash bags').quotes) expect(q.speaker).toBeNull();
  });

  it('"But President Bush was not blamed for his failure …; he was blamed for …": negated and plain passives of blame (Washington Post)', () => {
    for (const q of saying('bpoil_washingtonpost', '1160', 'his failure to stop Hurricane Katrina').quotes) expect(q.speaker).toBeNull();
  });
});

describe('organisations and "it", "we"', () => {
  it('"The school said it was rescheduling A-level exams … In a statement it said: “…”" is the school’s, not the health authority’s; "the authority added" is the authority (BBC)', () => {
    for (const q of saying('H1N1_bbc', '976', 'the school will be writing to the examination boards').quotes) expect(q.speaker).toBeNull();
    for (const q of saying('H1N1_bbc', '976', 'is responding well').quotes) expect(q.speaker).toBe('South Central Strategic Health Authority');
  });

  it('"we" outside quotation marks is the writer’s voice ("In fact, we have argued for years …"), and "it looks like" is impersonal', () => {
    for (const q of saying('Finan_washingtonpost', '1313', 'government should not meddle in the economy').quotes) expect(q.speaker).toBeNull();
    for (const q of saying('bpoil_foxnews', '441', 'it could be up to BP to dig a new well').quotes) expect(q.speaker).toBeNull();
  });

  it('"Crews put out more containment equipment … They also hoped to …": "they" after a plural common noun is nobody named, not BP (Fox News)', () => {
    for (const q of saying('bpoil_foxnews', '1536', 'to again try to burn some of the oil').quotes) expect(q.speaker).toBeNull();
  });

  it('"a Louisiana National Guardsman on cleanup duty in the Gulf describes …": a place in a prepositional phrase is no speaker (Reuters)', () => {
    for (const q of saying('bpoil_reuters', '923', 'dependence on oil as a threat to national security').quotes) expect(q.speaker).toBeNull();
  });

  it('"The rainbow-colored sheen … on Saturday -- about 25 times larger …, Landry said.": the whole sentence before ", X said", not a dateline before it (Fox News, Reuters)', () => {
    const { text, quotes } = saying('bpoil_foxnews', '420', 'about 25 times larger than it appeared to be a day earlier');
    for (const q of quotes) expect(slice(text, q.content)!.startsWith('The rainbow-colored sheen of oil stretched 20 miles by 20 miles on Saturday')).toBe(true);
    const quest = saying('H1N1_reuters', '409', 'first commercially available test');
    for (const q of quest.quotes) expect(slice(quest.text, q.content)!.startsWith('Quest Diagnostics Inc has developed')).toBe(true);
  });

  it('"“They certainly are,” replies Boxer." is no continuation of Bill Nelson’s remarks (Guardian)', () => {
    const { text, quotes } = t17Quotes('bpoil_guardian', '97');
    expect(quotes.filter((q) => slice(text, q.content)!.includes('They certainly are') && q.speaker !== null && q.speaker !== 'Barbara Boxer')).toEqual([]);
  });

  it('"REM do n’t know you …": an auxiliary alone cues no statement', () => {
    expect(isStatement({ text: 'n’t know you or your individual pains', speaker: 'REM', direct: false, kind: 'speech', cueText: 'do' })).toBe(false);
  });

  it('"Mark Mardell BBC News, Washington Obama promised …": a dateline glued to a name is the person named, Barack Obama (BBC)', () => {
    for (const q of saying('bpoil_bbc', '826', 'to heal the Gulf').quotes) expect(q.speaker).toBe('Barack Obama');
  });

  it('"The research also examined how the virus was mutating. It estimated …" is nobody’s, not the Health Protection Agency’s (Guardian)', () => {
    for (const q of saying('H1N1_guardian', '845', 'swine flu had killed between 0.4').quotes) expect(q.speaker).toBeNull();
  });

  it('"“It’s bioterrorism attack” according to a posting on Prison Planet, home of shock-jock … Alex Jones": a name in a later complement is no speaker; one in apposition still is (Guardian)', () => {
    for (const q of saying('H1N1_guardian', '604', 'bioterrorism attack').quotes) expect(q.speaker).toBeNull();
    for (const q of saying('H1N1_guardian', '845', 'full pandemic potential').quotes) expect(q.speaker).toBe('Neil Ferguson');
  });
});

