// Busy news days and first reports on a Timeline17 topic (BP oil spill, BBC and Guardian together,
// as review 9 read them): a day on which many articles lead with a new happening gets its own entry,
// and an entry's sources were written on or after its day unless they named it ahead.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildStory, extractEventMentions } from '../../src/story/index.js';
import { t17StoryArticles } from '../helpers/t17.js';

const T17 = fileURLToPath(new URL('../../../shared/data/t17/', import.meta.url));

describe.skipIf(!existsSync(T17))('the BP oil spill story (Timeline17 bpoil BBC + Guardian)', () => {
  const articles = t17StoryArticles('bpoil_bbc', 'bpoil_guardian');
  const story = buildStory(articles);
  const published = new Map(articles.map((a) => [a.id, a.published.slice(0, 10)]));
  const entry = (date: string) => story.timeline.find((e) => e.date === date && e.granularity === 'day');

  it('gives the busiest news days their own entry, told by that day\'s articles', () => {
    // 8 Sep 2010: BP's internal report (13 articles lead with it); 6 Jan 2011: the presidential
    // commission's finding. Both had been absorbed by the explosion of 20 April that they mention.
    const report = entry('2010-09-08');
    expect(report).toBeDefined();
    expect(report!.summary).toMatch(/\bBP\b/);
    expect(report!.articleIds.filter((id) => published.get(id) === '2010-09-08').length).toBeGreaterThanOrEqual(5);
    const commission = entry('2011-01-06');
    expect(commission).toBeDefined();
    expect(commission!.summary).toMatch(/\b(?:report|commission)\b/i);
  });

  it('credits no article written days before an entry as its report unless it named that day', () => {
    const names = new Map(articles.map((a) => [a.id, new Set(extractEventMentions(a).filter((m) => m.granularity === 'day').map((m) => m.date))]));
    const early: string[] = [];
    for (const e of story.timeline) {
      if (e.granularity !== 'day') continue;
      const dayBefore = new Date(Date.parse(`${e.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      for (const id of e.articleIds) {
        if (published.get(id)! < dayBefore && !names.get(id)!.has(e.date)) early.push(`${e.date} ${id}@${published.get(id)}`);
      }
    }
    expect(early).toEqual([]);
  });
});
