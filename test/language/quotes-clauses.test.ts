// Session 12: what was said is the clause before ", X said" when the tagger gave the cue only a
// phrase after it (review 11 #7, the CDC's 403 cases), and not a subordinate clause before it;
// quotations of several sentences, and quotations marked by two apostrophes (''…'', NYT archive text).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/language/index.js';
import { t17Text } from '../helpers/t17.js';
import type { Quote } from '../../src/types.js';

const slice = (text: string, s: [number, number] | null) => (s ? text.slice(s[0], s[1]) : null);

function quotesOf(text: string, dct: string | null = null): Quote[] {
  return analyze(text, { dct }).quotes;
}

describe('the clause before ", X said" is what X said (session 12)', () => {
  it('"The United States has 403 confirmed cases … in 38 states, the U.S. CDC said, with another 700 “probable” cases" (T17 H1N1 Reuters 886, review 11 #7)', () => {
    const { text, dct } = t17Text('H1N1_reuters', '886');
    const cdc = quotesOf(text, dct).filter((q) => slice(text, q.source) === 'the U.S. Centers for Disease Control and Prevention' && slice(text, q.cue) === 'said');
    const content = cdc.map((q) => slice(text, q.content)!).find((c) => c.includes('700'));
    expect(content).toBeDefined();
    expect(content!.startsWith('The United States has 403 confirmed cases of the swine flu in 38 states')).toBe(true);
    expect(content!.endsWith('with another 700 “probable” cases')).toBe(true);
  });

  it('"…, journalist Martha Raddatz said in posing the question to Christie": the clause before, not the setting after (PolNeAR train, Politico)', () => {
    const text = "Many black voters did not recognize themselves in Trump's description and found it offensive, journalist Martha Raddatz said in posing the question to Christie.";
    const quotes = quotesOf(text, '2016-08-28');
    const raddatz = quotes.find((q) => q.speaker === 'Martha Raddatz');
    expect(slice(text, raddatz?.content ?? null)).toBe("Many black voters did not recognize themselves in Trump's description and found it offensive");
    // the voters are no speakers of the words inside hers
    expect(quotes.some((q) => slice(text, q.cue) === 'did not recognize')).toBe(false);
  });

  it('a subordinate clause before the attribution stays out ("Asked if …, X said yes"; "When …, the candidate said …")', () => {
    const text = 'Asked if her email practices were illegal, 46 percent of voters said yes.';
    expect(quotesOf(text, '2016-07-15').some((q) => slice(text, q.content)!.startsWith('Asked if'))).toBe(false);
    const when = "When the moderator pointed out that Trump hadn't answered the question, the candidate said families of people killed by police file lawsuits.";
    expect(quotesOf(when, '2016-02-07').some((q) => slice(when, q.content)!.startsWith('When the moderator'))).toBe(false);
  });
});

describe('quotations of several sentences, and two apostrophes as quotation marks (session 12)', () => {
  it('"“They catch her randomly, and she just answers. It captures her,” Goff said." is Goff\'s, not a continuation of a quoted title before it (PolNeAR train, USA Today)', () => {
    const text =
      'There\'s also a regular series, called "Quick Question" in which the candidate discusses fun topics, including lessons from her mother and what it\'s like to watch football in the Clinton household. "They catch her randomly, and she just answers. It captures her," Goff said.';
    const goff = quotesOf(text, '2016-01-19').find((q) => slice(text, q.content)!.startsWith('They catch her randomly'));
    expect(goff?.speaker).toBe('Goff');
    expect(slice(text, goff!.cue)).toBe('said');
  });

  it("''…'' is a quotation: \"''Jobs, jobs, jobs,'' Mrs. Clinton said … ''Nobody did it better …''\" is hers, with no \"I want\" inside it (PolNeAR train, NYT)", () => {
    const text =
      "''Jobs, jobs, jobs,'' Mrs. Clinton said on ''The Late Show With Stephen Colbert'' last month when asked what Mr. Clinton would do in the White House. ''Nobody did it better, created more jobs, helped incomes rise. I want every bit of advice he can give me about how we do the same going forward.''\n\nNick Merrill, a spokesman for Mrs. Clinton, said that the central focus of her campaign was increasing wages and creating good jobs.";
    const quotes = quotesOf(text, '2016-05-18');
    const clinton = quotes.find((q) => q.speaker === 'Clinton' && slice(text, q.cue) === 'said');
    expect(slice(text, clinton!.content)).toMatch(/^Jobs, jobs, jobs.*Nobody did it better.*going forward$/s);
    expect(quotes.some((q) => slice(text, q.cue) === 'want')).toBe(false);
  });

  it("a paragraph that is wholly a ''…'' quotation continues the speaker of the paragraph before (PolNeAR train, NYT)", () => {
    const text =
      "''Politics has never been totally gentlemanly, and now it's not gentlemanly at all, so the idea that this process would reward someone with an innate sense of manners and deference is crazy,'' said Jon Meacham, the author of ''Destiny and Power,'' a biography of the 41st president.\n\n''The lesson of 2016 is that none of the old rules apply.''";
    const continued = quotesOf(text, '2016-01-19').find((q) => slice(text, q.content) === 'The lesson of 2016 is that none of the old rules apply');
    expect(continued?.speaker).toBe('Jon Meacham');
  });
});

describe('a verb of speech whose words the tagger read as an attribution of their own reports them whole (session 12)', () => {
  it('"The White House said Obama spoke to Mexican President Felipe Calderon on Saturday about …" is the White House\'s, not Calderon\'s (T17 H1N1 Reuters 1156)', () => {
    const { text, dct } = t17Text('H1N1_reuters', '1156');
    const quotes = quotesOf(text, dct);
    const q = quotes.find((x) => slice(text, x.content)!.includes('U.S.-Mexican cooperation on limiting the spread of the virus'));
    expect(q?.speaker).toBe('White House');
    expect(slice(text, q!.content)!.startsWith('Obama spoke to Mexican President Felipe Calderon')).toBe(true);
    expect(quotes.some((x) => x.speaker === 'Felipe Calderon' && slice(text, x.content)!.startsWith('U.S.-Mexican cooperation'))).toBe(false);
  });

  it('"Besser said the current confirmed caseload included 51 cases in New York …", "Japanese Health Minister Yoichi Masuzoe said a study … suggested …" (T17 H1N1 Reuters 773, 630)', () => {
    const a = t17Text('H1N1_reuters', '773');
    const besser = quotesOf(a.text, a.dct).find((x) => slice(a.text, x.content)!.includes('51 cases in New York'));
    expect(besser?.speaker).toBe('Richard Besser');
    expect(slice(a.text, besser!.content)!.startsWith('the current confirmed caseload included')).toBe(true);
    const b = t17Text('H1N1_reuters', '630');
    const masuzoe = quotesOf(b.text, b.dct).find((x) => slice(b.text, x.content)!.includes('behaving like seasonal flu'));
    expect(masuzoe?.speaker).toBe('Yoichi Masuzoe');
    expect(slice(b.text, masuzoe!.content)!.startsWith('a study on 43 cases in Kobe city suggested')).toBe(true);
  });

  it('"Another pollster, David Woodard of Clemson University, said his survey of Republicans showed …" is Woodard\'s (PolNeAR train, NYT)', () => {
    const text = "Another pollster, David Woodard of Clemson University, said his survey of Republicans showed Mr. Trump's support holding steady after the debate.";
    const quotes = quotesOf(text, '2016-02-18');
    const woodard = quotes.find((q) => q.speaker === 'David Woodard');
    expect(slice(text, woodard?.content ?? null)).toBe("his survey of Republicans showed Mr. Trump's support holding steady after the debate");
    expect(quotes.some((q) => slice(text, q.cue) === 'showed')).toBe(false);
  });

  it('a cue that reports no speech does not take in the attribution glued after it: "Swine flu is a respiratory disease … closely monitored Tom Skinner of the CDC told the BBC that …" (T17 H1N1 BBC 240)', () => {
    const { text, dct } = t17Text('H1N1_bbc', '240');
    const quotes = quotesOf(text, dct);
    const skinner = quotes.find((x) => slice(text, x.content)!.includes('too early too tell'));
    expect(skinner?.speaker).toBe('Tom Skinner');
    expect(slice(text, skinner!.content)!.startsWith('that it was too early')).toBe(true);
  });

  it('a content ending in a noun phrase the tagger cut before "ministry said" does not run over that attribution (T17 H1N1 Reuters 418)', () => {
    const { text, dct } = t17Text('H1N1_reuters', '418');
    const morocco = quotesOf(text, dct).find((x) => slice(text, x.content)!.includes('its first case of the H1N1 flu virus'));
    expect(slice(text, morocco?.content ?? null)).not.toMatch(/ministry said/);
  });
});

describe('an attribution set off by commas reports the words before it too (session 12)', () => {
  it('"Ultimately, Hopkins argued, the sport will withstand …", "The meat is mainly consumed, he says, by foreign tourists …" (T17 H1N1 Reuters 34, 708)', () => {
    const a = t17Text('H1N1_reuters', '34');
    const hopkins = quotesOf(a.text, a.dct).find((x) => slice(a.text, x.cue) === 'argued' && slice(a.text, x.content)!.includes('the sport will withstand'));
    expect(slice(a.text, hopkins!.content)!.startsWith('Ultimately , Hopkins argued , the sport')).toBe(true);
    const b = t17Text('H1N1_reuters', '708');
    const meat = quotesOf(b.text, b.dct).find((x) => slice(b.text, x.content)!.includes('by foreign tourists and expatriates'));
    expect(slice(b.text, meat!.content)!.startsWith('The meat is mainly consumed')).toBe(true);
  });

  it('"In any case, Mr. DiPietro said, the golf industry was vastly over-supplied with courses." (PolNeAR train, NYT)', () => {
    const text = 'In any case, Mr. DiPietro said, the golf industry was vastly over-supplied with courses.';
    const q = quotesOf(text, '2015-11-25').find((x) => slice(text, x.cue) === 'said');
    expect(slice(text, q!.content)).toBe('In any case, Mr. DiPietro said, the golf industry was vastly over-supplied with courses');
  });

  it('not inside a quotation opened in an earlier paragraph: "“People say 950 cm is too high … ¶ Also, the payout, they said, is too small,” said Francis Purwanta" (T17 H1N1 Reuters 344)', () => {
    const { text, dct } = t17Text('H1N1_reuters', '344');
    expect(quotesOf(text, dct).some((x) => slice(text, x.content)!.startsWith('Also , the payout , they said'))).toBe(false);
  });
});
