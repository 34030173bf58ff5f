// The story stage on real text: the five seeds (through extract and language analysis, as the
// pipeline runs them) and a Timeline17 topic.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extract } from '../../src/extract/index.js';
import { analyze } from '../../src/language/index.js';
import { segment } from '../../src/language/segment.js';
import { recognizeEntities } from '../../src/language/ner/index.js';
import { resolveEntities } from '../../src/language/entities.js';
import { findTimexes } from '../../src/language/timex/index.js';
import type { Analysis } from '../../src/types.js';
import { buildStory, extractEventMentions, isFurniture, mergeEvents, type StoryArticle } from '../../src/story/index.js';
import { analyzeForTimeline, looksOneSentencePerLine } from '../../src/story/light.js';

const SEEDS = fileURLToPath(new URL('../../examples/seeds/seeds.jsonl', import.meta.url));
const T17 = fileURLToPath(new URL('../../../shared/data/t17/', import.meta.url));

/** Full analysis; if a language module is mid-rewrite and throws, its other parts without quotes. */
function analysisOf(text: string, dct: string): Analysis {
  try {
    return analyze(text, { dct });
  } catch {
    const sentences = segment(text);
    const mentions = recognizeEntities(text, sentences);
    return { sentences, mentions, entities: resolveEntities(text, sentences, mentions), timexes: findTimexes(text, { dct, sentences }), quotes: [] };
  }
}

function seedRecords(): { id: string; published: string; text: string }[] {
  return readFileSync(SEEDS, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

function seedArticles(clean = true): StoryArticle[] {
  return seedRecords().map((r) => {
    const x = clean ? extract({ text: r.text }) : null;
    const text = x ? x.text : r.text;
    return { id: r.id, title: x?.title ?? '', text, published: r.published, source: null, duplicateOf: null, analysis: analysisOf(text, r.published) };
  });
}

const CRUFT = [/Also Read/, /Leave a Reply/, /email address/, /Read on RBC/, /alt=/, /\.jpg/, /29th March 2024/, /guardian\.ng/, /COMBO/, /Photos by/, /Comments are closed/, /About Author/];

describe('expected timeline entries', () => {
  it('a date announced ahead is expected until an article written after it reports it', () => {
    // Seed 004 (written late December 2021) announces the Geneva talks of January 10.
    const seeds = seedArticles();
    const ahead = buildStory(seeds).timeline.find((t) => t.date === '2022-01-10')!;
    expect(ahead.expected).toBe(true);
    const text = 'Russian and US delegations met in Geneva on January 10 for talks on security guarantees, the Russian foreign ministry said.';
    const report: StoryArticle = { id: 'report', title: 'Talks held in Geneva', text, published: '2022-01-11', source: null, duplicateOf: null, analysis: analysisOf(text, '2022-01-11') };
    const after = buildStory([...seeds, report]).timeline.find((t) => t.date === '2022-01-10')!;
    expect(after.expected).toBeUndefined();
  });
});

describe('seed story', () => {
  const articles = seedArticles();
  const story = buildStory(articles);
  const byDate = new Map(story.timeline.map((e) => [e.date, e]));

  it('has at least 12 dated entries in date order, each backed by sources', () => {
    expect(story.timeline.length).toBeGreaterThanOrEqual(12);
    // days in date order; a month entry stands where its part of the month lies
    const days = story.timeline.filter((e) => e.granularity === 'day').map((e) => e.date);
    expect(days).toEqual([...days].sort());
    const at = (re: RegExp) => story.timeline.findIndex((e) => re.test(e.summary));
    const endOfFebruary = at(/at the end of February/);
    expect(story.timeline[endOfFebruary - 1]!.date).toBe('2022-02-24');
    expect(story.timeline[endOfFebruary + 1]!.date >= '2022-03-01').toBe(true);
    expect(at(/Last month Biden caused an uproar/)).toBe(0); // "last month" of April 2021: March, first
    for (const e of story.timeline) {
      expect(e.articleIds.length).toBeGreaterThan(0);
      expect(e.sentences.length).toBeGreaterThan(0);
      for (const s of e.sentences) expect(e.articleIds).toContain(s.articleId);
    }
  });

  it('dates the happenings of the thread correctly', () => {
    const expected: [string, RegExp][] = [
      ['2021-04-13', /summit/],
      ['2021-12-07', /video/],
      ['2021-12-30', /telephone conversation/],
      ['2022-01-10', /Geneva/],
      ['2022-01-12', /Russia-NATO Council/],
      ['2022-01-13', /OSCE/],
      ['2022-02-12', /February 12/],
      ['2022-02-24', /invasion/],
      ['2022-06-02', /contact/],
    ];
    for (const [date, words] of expected) {
      const entry = byDate.get(date);
      expect(entry, date).toBeDefined();
      expect(entry!.granularity).toBe('day');
      expect(entry!.sentences.map((s) => s.text).join(' '), date).toMatch(words);
    }
  });

  it('adds month entries for happenings known only to the month', () => {
    const months = story.timeline.filter((e) => e.granularity === 'month');
    expect(months.some((e) => e.date === '2021-03-01' && /killer/.test(e.summary))).toBe(true);
    expect(months.some((e) => e.date === '2022-02-01' && /expulsion/.test(e.summary))).toBe(true);
    expect(months.some((e) => /in the past month/.test(e.summary))).toBe(false);
  });

  it('merges the 30 December 2021 call reported by two seeds into one event', () => {
    const call = byDate.get('2021-12-30')!;
    expect(call.articleIds).toEqual(expect.arrayContaining(['004_0c206504672e1e96', '001_aa04ac5f397be0f2']));
  });

  it('never takes an entry from a caption, a header or page furniture', () => {
    for (const e of story.timeline) for (const s of e.sentences) for (const c of CRUFT) expect(s.text).not.toMatch(c);
  });

  it('shows how what is said about contacts evolved', () => {
    const contacts = story.claims.find((c) => /contact/i.test(c.subject));
    expect(contacts).toBeDefined();
    const st = contacts!.statements;
    const resume = st.findIndex((s) => /can resume/.test(s.text));
    const absent = st.findIndex((s) => /virtually absent/.test(s.text));
    expect(resume).toBeGreaterThanOrEqual(0);
    expect(absent).toBeGreaterThan(resume);
    expect(st[resume]!.date < st[absent]!.date).toBe(true);
    expect(new Set(st.map((s) => s.articleId)).size).toBeGreaterThanOrEqual(3);
  });

  it('gives a headline-like title and a summary', () => {
    expect(story.title.split(/\s+/).length).toBeGreaterThanOrEqual(5);
    expect(story.title).toMatch(/Biden|Putin|Kremlin/);
    expect(story.summary.length).toBeGreaterThan(40);
  });

  it('respects the size parameters', () => {
    const small = buildStory(articles, { dates: 5, sentencesPerDate: 2, start: '2021-12-01', end: '2022-02-28' });
    expect(small.timeline).toHaveLength(5);
    for (const e of small.timeline) {
      expect(e.date >= '2021-12-01' && e.date <= '2022-02-28').toBe(true);
      expect(e.sentences.length).toBeLessThanOrEqual(2);
    }
  });
});

describe('story title', () => {
  it('takes a short unpunctuated headline as the title, not a sentence from the timeline', () => {
    const lines = readFileSync(fileURLToPath(new URL('../../../shared/data/polnear/dev.jsonl', import.meta.url)), 'utf8').trim().split('\n');
    const r = lines.map((l) => JSON.parse(l) as { id: string; title: string; text: string; date: string }).find((x) => x.id.startsWith('politico_2016-09-30_flight-attendants'))!;
    const x = extract({ text: r.text, title: r.title });
    const story = buildStory([{ id: r.id, title: x.title, text: x.text, published: r.date.slice(0, 10), source: null, duplicateOf: null, analysis: analysisOf(x.text, r.date.slice(0, 10)) }]);
    expect(story.title).toBe("Flight attendants' union endorses Clinton");
  });
});

describe('robustness to unextracted text', () => {
  it('takes no event from the scrape header or the photo caption of raw seed 003', () => {
    const raw = seedArticles(false).find((a) => a.id.startsWith('003'))!;
    const mentions = extractEventMentions(raw);
    expect(mentions.length).toBeGreaterThan(3);
    for (const m of mentions) {
      expect(m.text).not.toMatch(/29th March 2024|COMBO|Photos by|guardian\.ng/);
      expect(m.date < '2024-01-01').toBe(true);
    }
    const events = mergeEvents(mentions);
    expect(events.some((e) => e.date === '2021-04-13')).toBe(true);
  });

  it('recognises page furniture', () => {
    expect(isFurniture('Also Read | NATO to keep sending defensive weapons to Ukraine, despite Russia’s threats')).toBe(true);
    expect(isFurniture('Friday, 29th March 2024')).toBe(true);
    expect(isFurniture('Leave a Reply')).toBe(true);
    expect(isFurniture('(COMBO) This combination of file pictures created on March 17, 2021 shows US President Joe Biden (L) speaking')).toBe(true);
    expect(isFurniture('On December 7, Putin and Biden held talks via a video link that lasted two hours.')).toBe(false);
  });

  it('recognises reader comments and end-of-article promos of scraped news pages (Timeline17, AEB)', () => {
    // as they appear in the BBC pages of Timeline17's Haiti topic
    expect(isFurniture('At 04:23 23rd Aug 2010 , dylen wrote : This comment was removed because the moderators found it broke the house rules .')).toBe(true);
    expect(isFurniture('At 6:53 P.M. on Jan 13 , 2010 , Jessica Clark wrote : My heartfelt condolences and deepest sympathy are being sent to Haiti .')).toBe(true);
    expect(isFurniture('You may also like...')).toBe(true);
    expect(isFurniture('Like this story? Share it with a friend!')).toBe(true);
    expect(isFurniture('Originally published on Live Science.')).toBe(true);
    expect(isFurniture('Available until 12:00 AM Thu , 1 Jan 2099 .')).toBe(true);
    expect(isFurniture('Blogger Troy Livesay , in Port-au-Prince , wrote : `` Thousands of people are currently trapped .')).toBe(false);
  });
});

describe.skipIf(!existsSync(T17))('Timeline17', () => {
  // Session 7: figures disagree only for one measured thing, one day, different sources, values
  // that cannot both hold — one outlet's updates through a day (BBC's Haiti tolls) are no dispute.
  it('sets no outlet against itself over the Haiti death toll, and any dispute has two sources with figures apart', () => {
    const articles: StoryArticle[] = readFileSync(`${T17}haiti_bbc/articles.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .slice(0, 150)
      .map((l) => JSON.parse(l) as { id: string; published: string; text: string })
      .map((a) => ({
        id: a.id,
        title: '',
        text: a.text,
        published: a.published,
        source: null,
        duplicateOf: null,
        analysis: analyzeForTimeline(a.text, { dct: a.published, lines: true }),
      }));
    const story = buildStory(articles);
    for (const d of story.disagreements) {
      expect(new Set(d.statements.map((s) => s.source ?? s.articleId)).size).toBeGreaterThanOrEqual(2);
      expect(new Set(d.statements.map((s) => s.text)).size).toBe(d.statements.length);
    }
    expect(story.disagreements.filter((d) => /people|killed|dead|deaths/.test(d.about))).toEqual([]);
  });

  it('finds most ground-truth dates of the Haiti timeline', () => {
    const dir = `${T17}haiti_bbc/`;
    const gold = (JSON.parse(readFileSync(`${dir}timelines.jsonl`, 'utf8').split('\n')[0]!) as [string, string[]][]).map((x) => x[0].slice(0, 10));
    const dates = [...gold].sort();
    const [start, end] = [dates[0]!, dates[dates.length - 1]!];
    const articles: StoryArticle[] = readFileSync(`${dir}articles.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; published: string; text: string })
      .filter((a) => a.published >= start && a.published <= end)
      .map((a) => ({
        id: a.id,
        title: '',
        text: a.text,
        published: a.published,
        source: null,
        duplicateOf: null,
        analysis: analyzeForTimeline(a.text, { dct: a.published, lines: looksOneSentencePerLine(a.text) }),
      }));
    const story = buildStory(articles, { dates: gold.length, sentencesPerDate: 2, start, end, keywords: ['haiti'] }, { timelineOnly: true });
    expect(story.timeline).toHaveLength(gold.length);
    const hit = story.timeline.filter((e) => gold.includes(e.date)).length;
    expect(hit / gold.length).toBeGreaterThanOrEqual(0.6);
    for (const e of story.timeline) expect(e.sentences.length).toBeLessThanOrEqual(2);
  });
});

describe('background entries', () => {
  it('are those whose whole day, month or year ends before the run-up to the first article', async () => {
    const { isBackground } = await import('../../src/story/timeline.js');
    // Timeline17 Finan (first article 2008-09-12): "Patrick Leahy (born March 31, 1940)"
    expect(isBackground('1940-03-31', '2008-09-12')).toBe(true);
    expect(isBackground('2008-07', '2008-09-12')).toBe(true);
    expect(isBackground('2008-08-20', '2008-09-12')).toBe(false); // the run-up
    expect(isBackground('2008-08', '2008-09-12')).toBe(false);
    expect(isBackground('2008', '2008-09-12')).toBe(false);
    expect(isBackground('1940-03-31', null)).toBe(false);
    // the seeds' "Last month Biden caused an uproar" (March 2021, first article 16 April) is the run-up
    const story = buildStory(seedArticles());
    expect(story.timeline.filter((t) => isBackground(t.date, story.firstSeen))).toEqual([]);
  });
});
