// Inputs built to make quote decoding slow: they must complete with the expected attributions.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/language/index.js';
import { commentsStart, findQuotes, isStatement } from '../../src/language/quotes/index.js';
import type { Quote } from '../../src/types.js';

const bare = (text: string): Quote[] => findQuotes(text, { sentences: [], mentions: [], entities: [] });
const said = (text: string, q: Quote) => text.slice(q.content[0], q.content[1]);

describe('quotes on hostile input', () => {
  it('decodes one paragraph of thousands of short attributions, each with its own content', () => {
    // every attribution of a paragraph used to be compared with every other one when a content
    // that runs into a later sentence is cut (splitAtLaterSentences): quadratic in attributions
    const repeats = 3000;
    const text = '"Yes," he said. '.repeat(repeats);
    const { quotes } = analyze(text, { dct: '2009-06-30' });
    expect(quotes).toHaveLength(repeats);
    for (const [k, quote] of quotes.entries()) {
      expect(text.slice(quote.content[0], quote.content[1])).toBe('Yes');
      expect(quote.cue?.[0]).toBe(k * 16 + 10);
      expect(quote.direct).toBe(true);
    }
  });

  it('reads a paragraph of 60,000 spaces in linear time (review 7: the social-links test backtracked)', () => {
    const t0 = performance.now();
    analyze('The company said on Monday it would cut jobs.\n\n' + ' '.repeat(60_000) + ' x\n\nThe plan was approved on Tuesday.', { dct: '2010-06-01' });
    expect(performance.now() - t0).toBeLessThan(1500);
  });
  it('tests a named attribution after only the last closing mark (review 8: a long word or a run of spaces after one backtracked quadratically)', () => {
    const long = '“We will rebuild the town,” said John Smith.\n\n“Then the work begins today” ok A' + 'b'.repeat(40_000) + ' ”\n\nMore text follows here today.';
    const quotes = bare(long);
    expect(quotes.map((q) => q.speaker)).toEqual(['John Smith', 'John Smith']);
    expect(said(long, quotes[1]!)).toMatch(/^Then the work begins today” ok Ab+$/);
    const spaces = '“We will rebuild the town,” said John Smith.\n\n“a b c d”' + ' '.repeat(40_000) + 'x';
    expect(bare(spaces).map((q) => [q.speaker, said(spaces, q).slice(0, 9)])).toEqual([['John Smith', 'We will rebuild the town'.slice(0, 9)], ['John Smith', 'a b c d” ']]);
    // a quotation whose own attribution names someone else is still nobody's continuation
    const named = '“We will rebuild the town,” said John Smith.\n\n“They certainly are,” replies Boxer.';
    expect(bare(named).filter((q) => said(named, q).startsWith('They certainly'))).toEqual([]);
  });

  it('widens ", X said." to its whole sentence in a paragraph of thousands of them (review 8: each looked at the whole paragraph and every attribution)', () => {
    const repeats = 1500;
    const sentence = 'The water rose again near the old bridge on the river, Landry said. ';
    const text = sentence.repeat(repeats);
    const quotes = bare(text);
    expect(quotes).toHaveLength(repeats);
    for (const [k, q] of quotes.entries()) {
      expect(q.content[0]).toBe(k * sentence.length);
      expect(said(text, q)).toBe('The water rose again near the old bridge on the river');
    }
  });

  it('takes no decimal for a comment header\'s time, and two headers far apart for no thread (review 8)', () => {
    const paras = [
      '“We will rebuild the town within a year,” said Mayor John Smith on Tuesday.',
      'Shares in the builder rose 2.50 percent on the news, the analyst Jane Doe wrote: the outlook is improving.',
      '“The money is there and the work will start in spring,” said council leader Mary Jones.',
      'The index closed 1.75 points higher, and the bank wrote: a recovery is under way.',
      '“We expect the first families to move back in by autumn,” said engineer Tom Brown.',
    ];
    const text = paras.join('\n\n');
    expect(commentsStart(text)).toBe(text.length);
    const contents = bare(text).map((q) => said(text, q));
    for (const words of ['We will rebuild the town', 'The money is there', 'We expect the first families']) expect(contents.some((c) => c.startsWith(words))).toBe(true);
    // a real thread (T17's headers) still starts at its first header, with or without "on" or am/pm
    const thread = 'Aid is arriving, officials said.\nAt 11:45 pm on 13 Jan 2010 , SheffTim wrote : "My heart goes out to them."\nAt 18:25 1st Jun 2010 , CComment wrote : I agree.\nAt 6:53 P.M. on Jan 13 , 2010 , Jessica Clark wrote : Me too.';
    expect(commentsStart(thread)).toBe(thread.indexOf('\nAt 11:45'));
    // two headers, one at each end of a long article, are no thread
    const far = 'At 11:45 pm on 13 Jan 2010 , SheffTim wrote : hello.\n' + 'The plan was approved on Tuesday, the mayor said.\n'.repeat(200) + 'At 02:56 am on 14 Jan 2010 , jessica wrote : bye.';
    expect(commentsStart(far)).toBe(far.length);
  });

  it('reads long runs of spaces and repeated adverbs in linear time (code review, session 9)', () => {
    const spaces = ' '.repeat(20_000);
    // a quotation closed by a speaker and a verb, then a long run of spaces
    expect(() => bare(`“We will rebuild every house on this street,” the mayor frowned${spaces}x`)).not.toThrow();
    // a speaker phrase with a long run of spaces inside it
    const text = `“The plan will work,” Barack Obama${spaces}2 Administration officials said.`;
    expect(bare(text).length).toBeGreaterThan(0);
    // an adverb matching both a listed word and the -ly class, many times over, before no listed verb
    const cue = 'quickly '.repeat(30) + 'said';
    expect(isStatement({ text: 'the plan will work', speaker: 'The mayor', direct: false, kind: 'speech', cueText: cue })).toBe(true);
    expect(isStatement({ text: 'the plan will work', speaker: 'The mayor', direct: false, kind: 'speech', cueText: 'formally '.repeat(30) + 'says' })).toBe(true);
    // many straight quotation marks in one long sentence with lost sentence ends
    const glued = '“Reform is coming,” said Flaherty, ' + 'the so-called "reform" Many people wait and '.repeat(4_000) + 'nothing changed, Flaherty said.';
    expect(analyze(glued, { dct: null }).quotes.length).toBeGreaterThan(0);
  }, 20_000);
  it('names "the company" in texts of thousands of them in about linear time (code review, session 10)', () => {
    // each "the company" looked for its sentence's start from the text's start (no line break, no
    // '. ') and each asked every mention of every organisation before it: 800 of these took 156 s
    const bang = Array.from({ length: 800 }, () => 'Protesters met Exxon Mobil on Monday in Texas! “We will keep drilling,” the company said!').join(' ');
    const lines = Array.from({ length: 3000 }, () => 'Protesters met Exxon Mobil on Monday in Texas. “We will keep drilling,” the company said.').join('\n');
    const t0 = performance.now();
    for (const text of [bang, lines]) {
      const { quotes } = analyze(text, { dct: null });
      expect(quotes.length).toBeGreaterThan(700);
      expect(quotes.every((q) => q.speaker === 'Exxon Mobil')).toBe(true);
    }
    expect(performance.now() - t0).toBeLessThan(15_000);
  }, 30_000);
});
