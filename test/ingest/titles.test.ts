// A title made from the text of an article that has none: its first sentence, not cut at "U.S."
// or "La.", without the byline or dateline before it (second review, item 8).
import { describe, expect, it } from 'vitest';
import { titleFromText } from '../../src/pipeline.js';

describe('titleFromText', () => {
  it('does not end the first sentence at an abbreviation', () => {
    expect(titleFromText("With BP's know-how and U.S. help, engineers capped the leaking well on Thursday after weeks of failed attempts.\nMore text follows.")).toBe(
      "With BP's know-how and U.S. help, engineers capped the leaking well on Thursday after weeks of failed attempts",
    );
  });

  it('leaves out a dateline and a byline line', () => {
    expect(titleFromText('GRAND ISLE, La. -- Oil washed ashore on the barrier island on Tuesday, officials said.\nMore text.')).toBe('Oil washed ashore on the barrier island on Tuesday, officials said');
    expect(titleFromText('By Maggie Fox, Health Editor\nWASHINGTON (Reuters) - Flu cases rose sharply on Monday, health officials said.')).toBe('Flu cases rose sharply on Monday, health officials said');
  });

  it('keeps a plain first sentence, and cuts a long one at a clause boundary', () => {
    expect(titleFromText('Russia will fully maintain relations with the United States. Later text.')).toBe('Russia will fully maintain relations with the United States');
    const long = titleFromText(`${'The committee, which met for the third time this month, '.repeat(4)}agreed.`);
    expect(long.length).toBeLessThanOrEqual(151);
    expect(long.endsWith('…')).toBe(true);
  });
});
