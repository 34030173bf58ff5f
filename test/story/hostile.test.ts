// Story-stage text tests on inputs built to make regexes backtrack (review 7, R3 and R4): each must
// take linear time, since a page can hold one 160 KB "sentence".
import { describe, expect, it } from 'vitest';
import { entryQuality } from '../../src/story/quality.js';
import { statedCounts } from '../../src/story/claims.js';

describe('story text tests on hostile input', () => {
  it('reads a question followed by a run of apostrophes in linear time', () => {
    const t0 = performance.now();
    entryQuality('Why did the company do it?' + "'".repeat(40) + 'a said the chief executive on Monday.');
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('reads a month-day or a caption date followed by a long run of spaces in linear time (code review, session 10)', () => {
    const t0 = performance.now();
    entryQuality('Officials met on Monday, May 5' + ' '.repeat(40_000) + 'to talk.');
    entryQuality('May 5' + ' '.repeat(40_000) + 'x');
    expect(performance.now() - t0).toBeLessThan(1000);
    // the captions are still read as captions
    expect(entryQuality('An oil sheen is seen on the water in the Gulf of Mexico , May 27 , 2010 .')).toBeLessThan(1);
    expect(entryQuality('June 23 , 2010 : This image from video provided by BP shows oil.')).toBeLessThan(1);
  });

  it('reads counts in a sentence of thousands of unclosed brackets in linear time', () => {
    const t0 = performance.now();
    const counts = statedCounts('The spill killed 5 people ' + '-lrb- a '.repeat(20_000) + 'today.');
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(counts.length).toBeGreaterThanOrEqual(0);
  });
});

describe('figure disputes of a big story', () => {
  it('set 1,600 one-day reports of one measured thing against each other in well under a second (review 7, R5)', async () => {
    const { analyze } = await import('../../src/language/index.js');
    const { findDisagreements } = await import('../../src/story/claims.js');
    const text = (n: number) => `Oil leaking from the ruptured well in the Gulf was put at ${n.toLocaleString('en-US')} barrels a day by engineers at the site on Monday.`;
    const analysis = analyze(text(5000), { dct: '2010-05-03' });
    // one analysis for all: the figures are read from each article's own text
    const articles = Array.from({ length: 1600 }, (_, i) => ({ id: `a${i}`, title: '', text: text(5000 + i * 7), published: '2010-05-03', source: `outlet ${i}`, duplicateOf: null, analysis: { ...analysis, sentences: analyze(text(5000 + i * 7), { dct: '2010-05-03' }).sentences } }));
    const t0 = performance.now();
    findDisagreements([], [], articles as never);
    expect(performance.now() - t0).toBeLessThan(2000);
  }, 60_000);
});
