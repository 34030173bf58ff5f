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

  it('reads counts in a sentence of thousands of unclosed brackets in linear time', () => {
    const t0 = performance.now();
    const counts = statedCounts('The spill killed 5 people ' + '-lrb- a '.repeat(20_000) + 'today.');
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(counts.length).toBeGreaterThanOrEqual(0);
  });
});
