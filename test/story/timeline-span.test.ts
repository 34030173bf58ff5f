// Timelines of long stories on real text (Timeline17): the entries tell the story's own months, not
// the background its articles recall, and one event is one entry even when reports straddle midnight.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildStory, type StoryArticle } from '../../src/story/index.js';
import { addDays } from '../../src/story/dates.js';
import { analyzeForTimeline, looksOneSentencePerLine } from '../../src/story/light.js';
import { defaultDateCount } from '../../src/story/timeline.js';

const T17 = fileURLToPath(new URL('../../../shared/data/t17/', import.meta.url));

function topic(name: string): StoryArticle[] {
  return readFileSync(`${T17}${name}/articles.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const a = JSON.parse(l) as { id: string; published: string; text: string; title?: string };
      const published = a.published.slice(0, 10);
      return {
        id: String(a.id),
        title: a.title ?? '',
        text: a.text,
        published,
        source: null,
        duplicateOf: null,
        analysis: analyzeForTimeline(a.text, { dct: published, lines: looksOneSentencePerLine(a.text) }),
      };
    });
}

const months = (articles: StoryArticle[]) => {
  const count = new Map<string, number>();
  for (const a of articles) count.set(a.published!.slice(0, 7), (count.get(a.published!.slice(0, 7)) ?? 0) + 1);
  return count;
};

describe.skipIf(!existsSync(T17))('timeline of a long story (Timeline17)', () => {
  // The Washington Post on the financial crisis: ten months, September 2008 – June 2009. Its
  // articles recall a senator's birth in 1940, McCain's captivity in 1967–73, 11 September 2001.
  const finan = topic('Finan_washingtonpost');
  const first = finan.map((a) => a.published!).sort()[0]!;
  const timeline = buildStory(finan, {}, { timelineOnly: true }).timeline.filter((e) => e.granularity === 'day');

  it('keeps background from before the story to a few entries', () => {
    // a story of ~300 articles gets more than the 30 entries of a small one (defaultDateCount)
    expect(timeline.length).toBe(defaultDateCount(finan.length));
    expect(timeline.length).toBeGreaterThan(30);
    const background = timeline.filter((e) => e.date < addDays(first, -30));
    expect(background.length).toBeLessThanOrEqual(Math.round(0.1 * timeline.length));
  });

  it('tells every month in which the story was reported', () => {
    const shown = new Set(timeline.map((e) => e.date.slice(0, 7)));
    for (const [month, n] of months(finan)) {
      if (n >= 0.03 * finan.length) expect(shown.has(month), `${month} (${n} articles)`).toBe(true);
    }
  });

  it('still gives the busiest month the most entries', () => {
    const perMonth = new Map<string, number>();
    for (const e of timeline) perMonth.set(e.date.slice(0, 7), (perMonth.get(e.date.slice(0, 7)) ?? 0) + 1);
    // October 2008, 73 of the 231 articles (September: 50); its reference timeline gives it 23 dates
    const busiest = [...months(finan)].sort((a, b) => b[1] - a[1])[0]![0];
    expect(busiest).toBe('2008-10');
    expect(perMonth.get(busiest)).toBe(Math.max(...perMonth.values()));
    // ...and the six weeks of the crisis's height, half the articles, keep entries in proportion
    // (they had kept 15 of 42 and lost the AIG rescue of 16 September)
    const height = timeline.filter((e) => e.date >= '2008-09-12' && e.date <= '2008-10-26').length;
    expect(height).toBeGreaterThanOrEqual(18);
    expect(timeline.some((e) => e.date === '2008-09-16' && /\bAIG\b|American International/.test(e.summary))).toBe(true);
  });
});

describe.skipIf(!existsSync(T17))('one event, one entry (BBC on H1N1)', () => {
  const timeline = buildStory(topic('H1N1_bbc'), {}, { timelineOnly: true }).timeline;
  const within = (from: string, to: string, re: RegExp) => timeline.filter((e) => e.date >= from && e.date <= to && re.test(e.summary));

  it('the WHO pandemic declaration of 11 June is not also told on the 10th', () => {
    // BBC's report published on the 11th ("WHO declares swine flu pandemic") used to stand on the eve.
    const declared = within('2009-06-09', '2009-06-13', /\bdeclare[sd]\b[^.]*pandemic/i);
    expect(declared.map((e) => e.date)).toEqual(['2009-06-11']);
  });

  it('the first UK death is one entry, on the day it was first reported', () => {
    // BBC reported it on the 14th ("First death of swine flu patient in UK") and again on the 15th.
    const deaths = within('2009-06-13', '2009-06-16', /\bfirst\b[^.]*\b(death|die[sd]?)\b/i);
    expect(deaths.map((e) => e.date)).toEqual(['2009-06-14']);
  });

  it('a requested number of dates is still met (benchmark protocol)', () => {
    const story = buildStory(topic('H1N1_bbc'), { dates: 20, start: '2009-04-01', end: '2009-06-30', reuseSentences: true }, { timelineOnly: true });
    expect(story.timeline).toHaveLength(20);
  });
});
