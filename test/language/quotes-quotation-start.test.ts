// A whole quotation closing where an attribution's content ends is what was said: the unquoted text
// before it (a fact box, a dateline, the previous sentence glued on by the scraper) is not.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/language/index.js';

const contents = (text: string): string[] => analyze(text, { dct: '2009-04-28' }).quotes.map((q) => text.slice(q.content[0], q.content[1]));

describe('the start of a quotation', () => {
  it('drops a fact box glued before a quotation (Timeline17 H1N1_bbc)', () => {
    const text = "Swine flu is a respiratory disease thought to spread through coughing and sneezing Symptoms mimic those of normal flu - but in Mexico more than 100 people have died Good hygiene like using a tissue can help reduce transmission `` The threat to the public remains low , '' she said . \n";
    expect(contents(text)).toEqual(['The threat to the public remains low']);
  });

  it('keeps curly quotations and a quoted phrase inside reported speech as they were', () => {
    expect(contents('Officials met on Monday. “The threat to the public remains low,” Nicola Sturgeon said.')).toEqual(['The threat to the public remains low']);
    const mixed = contents('He said the economy was now at a “low point”, the minister pointed out.');
    expect(mixed.some((c) => c.startsWith('the economy') || c.startsWith('He said'))).toBe(true);
  });
});
