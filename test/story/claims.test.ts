// Counts that sources disagree on: what is counted, never a scale word; only about one happening.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildStory, type StoryArticle } from '../../src/story/index.js';
import { claimEvolution, findDisagreements, statedCounts } from '../../src/story/claims.js';
import { analyzeForTimeline, looksOneSentencePerLine } from '../../src/story/light.js';
import { analyze } from '../../src/language/index.js';
import { t17Text } from '../helpers/t17.js';

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

describe.skipIf(!existsSync(T17))('confirmed counts, sides taken (review 11)', () => {
  const page = (folder: string, id: string, source: string): StoryArticle => {
    const { text, dct } = t17Text(folder, id);
    const published = dct.slice(0, 10);
    return { id: `${folder}-${id}`, title: '', text, published, source, duplicateOf: null, analysis: analyze(text, { dct: published }) };
  };

  it('sets a count stated as confirmed only against another confirmed count (H1N1: BBC, Guardian, Reuters)', () => {
    // 28 April: the BBC's "Mexico : 20 confirmed cases" and the Guardian's "about 2,000 cases … in
    // Mexico" count different things; 29 April: the WHO's 26 and Mexico's 397 confirmed cases differ
    const articles = [page('H1N1_bbc', '133', 'bbc'), page('H1N1_guardian', '128', 'guardian'), page('H1N1_reuters', '176', 'reuters'), page('H1N1_bbc', '406', 'bbc')];
    const disputes = findDisagreements([], [], articles).filter((d) => /cases in Mexico/.test(d.about));
    const texts = disputes.map((d) => d.statements.map((s) => s.articleId).sort().join(' '));
    expect(texts).toEqual(['H1N1_bbc-406 H1N1_reuters-176']);
  }, 60_000);

  it('reads "against" as a side taken only after a verb of taking one', () => {
    // "one of the few weapons against influenza" (Reuters, 2 March), "effective against the human
    // swine influenza H1N1 strain" (the Guardian, 26 April): no claim about influenza
    const articles = [page('H1N1_reuters', '291', 'reuters'), page('H1N1_guardian', '209', 'guardian')];
    expect(claimEvolution(articles).map((c) => c.subject)).not.toContain('influenza');
  }, 60_000);
});
