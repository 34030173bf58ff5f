// A story's own timeline tells what happened: a forecast of a day that reports later describe is no
// entry sentence, and a date that only ends a period ("halted drilling until Nov. 30") is no entry
// (review 5, item 5, on the Timeline17 BP oil spill, five outlets).
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildStory } from '../../src/story/index.js';
import { SHARED_DATA } from '../helpers/paths.js';
import { t17StoryArticles } from '../helpers/t17.js';

const T17 = join(SHARED_DATA, 't17');

const topic = t17StoryArticles;

describe.skipIf(!existsSync(T17))('forecasts and period ends in a story timeline (T17 BP oil)', () => {
  const articles = topic('bpoil_foxnews', 'bpoil_reuters', 'bpoil_bbc');
  const published = new Map(articles.map((a) => [a.id, a.published!]));
  const { timeline } = buildStory(articles, {}, { timelineOnly: true });

  it('shows a report written on or after the day for every entry that has one', () => {
    for (const e of timeline.filter((x) => x.granularity === 'day' && !x.expected)) {
      const first = e.sentences[0]!;
      expect(published.get(first.articleId)! >= e.date.slice(0, 10), `${e.date}: ${first.text}`).toBe(true);
    }
  });

  it('dates nothing by the day a period ends', () => {
    for (const e of timeline) for (const s of e.sentences) expect(s.text, e.date).not.toMatch(/\buntil (?:Nov(?:ember|\.)? 30|the end of)/);
  });
});

describe.skipIf(!existsSync(T17))('an entry shown by a later report is no forecast (T17 Finan, review 8 F7)', () => {
  it('marks as expected only entries whose shown sentences were all written before the day', () => {
    const articles = topic('Finan_washingtonpost');
    const published = new Map(articles.map((a) => [a.id, a.published!]));
    const { timeline } = buildStory(articles, {}, { timelineOnly: true });
    const expected = timeline.filter((e) => e.expected);
    for (const e of expected) for (const s of e.sentences) expect(published.get(s.articleId)! < e.date.slice(0, 10), `${e.date}: ${s.text}`).toBe(true);
  }, 60_000);
});
