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

describe('the date of a statement', () => {
  it('comes from a short lead before the attribution, not from the end of a clause of its own (Timeline17 H1N1_reuters)', () => {
    const text = 'The first case was seen in La Gloria around February 15 , they wrote , citing reports and not hard evidence . On December 24 , Harris said Russia could face sanctions .';
    const quotes = analyze(text, { dct: '2009-05-11' }).quotes;
    expect(quotes.find((q) => text.slice(q.content[0], q.content[1]).startsWith('reports'))?.date ?? null).toBeNull();
    expect(quotes.find((q) => q.speaker === 'Harris')?.date).toBe('2008-12-24');
  });
});

describe('the edges of what was said (the seeds)', () => {
  it('leaves out whom it was said to, and keeps a bracket closed', () => {
    expect(contents('Earlier, Putin’s press secretary Dmitry Peskov said TASS that the conversation between the two presidents started on time.')).toEqual(['that the conversation between the two presidents started on time']);
    expect(contents('Earlier, the White House said the conversation began at 3:35 p.m. Washington time (11:35 p.m. Moscow time). So the conversation lasted 50 minutes.')).toEqual(['the conversation began at 3:35 p.m. Washington time (11:35 p.m. Moscow time)']);
  });
});

describe('a hostile run of opening marks', () => {
  it('is read once from the end (review 8 code F7: every mark rescanned the rest of the content)', () => {
    const text = '“The levee will fail and' + ' "Alpha beta gamma'.repeat(3000) + ' `` the town will flood ,” the mayor said.';
    const quotes = analyze(text, { dct: '2010-06-01' }).quotes;
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.every((q) => q.content[1] <= text.length)).toBe(true);
  });
});
