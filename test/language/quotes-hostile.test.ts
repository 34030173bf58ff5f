// Inputs built to make quote decoding slow: they must complete with the expected attributions.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/language/index.js';

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
});
