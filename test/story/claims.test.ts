// Counts that sources disagree on: what is counted, never a scale word; only about one happening.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildStory, type StoryArticle } from '../../src/story/index.js';
import { statedCounts } from '../../src/story/claims.js';
import { analyzeForTimeline, looksOneSentencePerLine } from '../../src/story/light.js';

const T17 = fileURLToPath(new URL('../../../shared/data/t17/', import.meta.url));

describe('stated counts', () => {
  // Sentences as Timeline17's bpoil and haiti folders give them (tokenised).
  it('takes the scale word into the number and counts the thing after it', () => {
    const [c] = statedCounts('Latest estimates suggest that some 3m barrels of oil have already entered the seas .');
    expect(c).toMatchObject({ key: 'barrels|oil' });
    expect(c!.lo).toBeLessThanOrEqual(3e6);
    expect(c!.hi).toBeGreaterThanOrEqual(3e6);
    const counts = statedCounts('BP reported a second-quarter loss of $ 17 billion , including $ 32 billion in charges related to the oil spill .');
    expect(counts.map((x) => x.key)).toEqual(['dollars|charg']);
    for (const x of [...counts, ...statedCounts('The company has 5 million offshore shares and 2 billion in assets , a 20 % rise .')])
      expect(x.about).not.toMatch(/\b(?:million|billion|thousand|percent|offshore)$/);
  });

  it('tells people killed from people injured, and a daily rate from a total', () => {
    const keys = statedCounts('The immediate effect was that it killed 11 people and injured 17 others .').map((x) => x.key);
    expect(keys).toEqual(['peopl|killed']);
    expect(statedCounts('Tuesday \'s earthquake has left an estimated 50,000 dead on the Caribbean island .')[0]).toMatchObject({ key: 'peopl|killed', about: 'number of people killed' });
    expect(statedCounts('Some estimates are around 40,000 barrels a day .')[0]!.key).toBe('barrels|day');
    expect(statedCounts('Officials at the UN say between 100 and 150 people from its mission are still missing .')[0]).toMatchObject({ key: 'peopl|missing', lo: 100, hi: 150 });
    // PTB-spaced thousands and ranges are one figure, not "000 people"
    expect(statedCounts('About 45,000-50 ,000 people have died since the earthquake .')[0]!.hi).toBeGreaterThanOrEqual(50_000);
  });

  it('reads a death toll written before its figure (Timeline17 haiti_bbc sentences)', () => {
    const killed = (s: string) => statedCounts(s).find((c) => c.key === 'peopl|killed');
    expect(killed('The confirmed death toll from Haiti \'s devastating earthquake has risen above 150,000 in the Port-au-Prince area alone .')).toMatchObject({ lo: 150_000, hi: Infinity });
    expect(killed('Officials in Haiti say the number of people killed in the quake could be as high as 200,000 .')).toMatchObject({ lo: 0, hi: 200_000 });
    expect(killed('Estimates of the numbers killed in the Haitian earthquake range from 100,000 to 200,000 .')).toMatchObject({ lo: 100_000, hi: 200_000 });
    // a toll on a road is no death toll; a figure followed by what it counts is that count
    expect(killed('The toll road cost $ 5 to use .')).toBeUndefined();
    expect(killed('The death toll rose as 300 soldiers arrived .')).toBeUndefined();
  });

  it('reads a change of a figure as no figure to dispute', () => {
    expect(statedCounts('BP increases its estimate of the likely cost of its Gulf of Mexico oil spill to $ 40 billion from $ 32 billion .')).toEqual([]);
  });
});

const load = (folder: string, source: string | null, limit = Infinity): StoryArticle[] =>
  readFileSync(`${T17}${folder}/articles.jsonl`, 'utf8')
    .trim()
    .split('\n')
    .slice(0, limit)
    .map((l) => JSON.parse(l) as { id: string; published: string; text: string })
    .map((a) => ({
      id: `${folder}-${a.id}`,
      title: '',
      text: a.text,
      published: a.published,
      source,
      duplicateOf: null,
      analysis: analyzeForTimeline(a.text, { dct: a.published, lines: looksOneSentencePerLine(a.text) }),
    }));

describe.skipIf(!existsSync(T17))('disagreements on Timeline17', () => {
  it('the BP oil spill: counts of one thing from sources reporting at the same time, never a scale word', () => {
    const articles = [...load('bpoil_bbc', 'bbc', 150), ...load('bpoil_reuters', 'reuters', 150), ...load('bpoil_foxnews', 'foxnews', 150)];
    const story = buildStory(articles);
    expect(story.disagreements.length).toBeLessThanOrEqual(10);
    for (const d of story.disagreements) {
      expect(d.about).not.toMatch(/\b(?:million|billion|thousand|percent|offshore)$/);
      expect(new Set(d.statements.map((s) => s.source)).size).toBeGreaterThanOrEqual(2);
    }
  }, 60_000);
});
