// End to end: the seeds with their feed dates become one story with a dated, sourced timeline,
// entities, quotes by speaker, and every export rendering carries it.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.js';
import { groupSources, readSources } from '../../src/ingest/index.js';
import { ANALYSIS_VERSION, ingestDocuments, reprocessAll } from '../../src/pipeline.js';
import { buildExport, renderExport, type ExportDocument } from '../../src/export.js';
import { CLI, ROOT, SEEDS_DIR, tempDir } from '../helpers/paths.js';
import { roughDate } from '../../src/cli/commands/read.js';

const CRUFT = [/Also Read/, /Leave a Reply/, /Your email address/, /Read on RBC Pro/, /alt=”/, /29th March 2024/, /To guardian\.ng/, /COMBO/, /Comments are closed/, /About Author/];

describe('the seeds as one story', () => {
  const dir = tempDir();
  const dbPath = join(dir, 'seeds.db');
  let store: Store;
  let doc: ExportDocument;

  beforeAll(async () => {
    store = openStore(dbPath);
    const report = await ingestDocuments(store, readSources([join(SEEDS_DIR, 'seeds.jsonl')]));
    expect(report.failed).toBe(0);
    doc = buildExport(store);
  });
  afterAll(() => store.close());

  it('puts all five articles into one story', () => {
    const withAll = doc.stories.filter((s) => s.articleIds.length === 5);
    expect(withAll).toHaveLength(1);
  });

  it('builds a timeline of dated entries backed by sources, free of cruft', () => {
    const story = doc.stories.find((s) => s.articleIds.length === 5)!;
    expect(story.timeline.length).toBeGreaterThanOrEqual(12);
    const dates = story.timeline.map((t) => t.date);
    // days in date order; a month entry stands where its part of the month lies ("at the end of February")
    const days = story.timeline.filter((t) => t.granularity === 'day').map((t) => t.date);
    expect(days).toEqual([...days].sort());
    for (const wanted of ['2021-12-30', '2022-02-12']) expect(dates).toContain(wanted);
    for (const t of story.timeline) {
      expect(t.articleIds.length).toBeGreaterThan(0);
      expect(t.sentences.length).toBeGreaterThan(0);
      for (const s of t.sentences) for (const c of CRUFT) expect(s.text).not.toMatch(c);
    }
    expect(story.title.length).toBeGreaterThan(10);
    // A headline an outlet wrote, not a lede cut short or a sentence of reporting.
    expect(story.title).not.toMatch(/…$|\.\.\.$/);
    expect(doc.articles.map((a) => a.title)).toContain(story.title);
  });

  it('marks dates only announced ahead as expected, and leaves them out of the summary', () => {
    const story = doc.stories.find((s) => s.articleIds.length === 5)!;
    // "On January 10, Russia and the United States are due to meet in Geneva", written in December.
    const geneva = story.timeline.find((t) => t.date === '2022-01-10')!;
    expect(geneva.expected).toBe(true);
    expect(story.timeline.find((t) => t.date === '2021-12-30')!.expected).toBeUndefined();
    for (const t of story.timeline.filter((x) => x.expected)) expect(story.summary).not.toContain(t.summary);
  });

  it('keeps the article text clean of web cruft', () => {
    for (const a of doc.articles) for (const c of CRUFT) expect(a.text).not.toMatch(c);
  });

  it('carries entities and quotes by canonical speaker', () => {
    const names = doc.entities.map((e) => e.name);
    for (const n of ['Vladimir Putin', 'Joe Biden', 'Dmitry Peskov']) expect(names).toContain(n);
    const peskov = doc.quotes.filter((q) => q.speaker === 'Dmitry Peskov');
    expect(peskov.length).toBeGreaterThan(0);
    expect(peskov.some((q) => /contacts/.test(q.text))).toBe(true);
  });

  it('renders json, jsonl, md and csv', () => {
    expect(JSON.parse(renderExport(doc, 'json')).version).toBe(1);
    const lines = renderExport(doc, 'jsonl').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].type).toBe('header');
    expect(lines.filter((l) => l.type === 'article')).toHaveLength(5);
    const md = renderExport(doc, 'md');
    expect(md).toMatch(/### Timeline/);
    // a month entry prints as its month, not its first day, and background is marked as in the terminal (review 9)
    const months = doc.stories.flatMap((st) => st.timeline.filter((t) => t.granularity === 'month'));
    expect(months.length).toBeGreaterThan(0);
    for (const t of months) {
      const line = md.split('\n').find((l) => l.includes(t.summary.slice(0, 40)));
      expect(line).toMatch(new RegExp(`^- \\*\\*${t.date.slice(0, 7)}\\*\\* `));
    }
    expect(md).toMatch(/- \*\*\d{4}-\d\d(?:-\d\d)?\*\* \(background\) /);
    const csv = renderExport(doc, 'csv').split('\n');
    expect(csv[0]).toBe('storyId,storyTitle,date,granularity,summary,articleIds,expected');
    expect(csv.length).toBeGreaterThan(12);
  });

  it('reprocess rebuilds the same story membership with the same article IDs', () => {
    const before = store.articleIds().sort();
    const result = reprocessAll(store);
    expect(result.errors).toEqual([]);
    expect(store.articleIds().sort()).toEqual(before);
    const stories = store.listStories();
    expect(stories.some((s) => s.articleCount === 5)).toBe(true);
  });

  it('prints the story in the terminal and exports it from the CLI', () => {
    const storyId = store.listStories()[0]!.id;
    const shown = spawnSync(process.execPath, [...CLI, 'story', storyId, '--db', dbPath], { cwd: ROOT, encoding: 'utf8' });
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/Timeline/);
    expect(shown.stdout).toMatch(/2022-02-12/);
    const exported = spawnSync(process.execPath, [...CLI, 'export', '--format', 'json', '--story', storyId, '--db', dbPath], { cwd: ROOT, encoding: 'utf8' });
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.stdout).stories[0].id).toBe(storyId);
    const missing = spawnSync(process.execPath, [...CLI, 'story', 'nope', '--db', dbPath], { cwd: ROOT, encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no story with ID nope/);
  });
});

describe('the seeds as bare .txt files, with no date but what their texts give', () => {
  it('still make one story: undated articles are linked after the dated ones, an inferred range by its middle (review 4 item 10)', async () => {
    const store = openStore(join(tempDir(), 'seeds-txt.db'));
    const files = ['000_579504aca85b9f81', '001_aa04ac5f397be0f2', '002_af815def54e2eb59', '003_70335ce47c40be49', '004_0c206504672e1e96'].map((f) => join(SEEDS_DIR, `${f}.txt`));
    // grouped into batches as `storyline ingest` does
    const report = await ingestDocuments(store, groupSources(readSources(files), 100));
    expect(report.stored).toBe(5);
    expect(report.storyIds).toHaveLength(1);
    // the articles stay undated unless their text dates them: only seed 003 does, to the day
    const dated = store.articleIds().map((id) => store.getArticle(id)!).filter((a) => a.published);
    expect(dated.map((a) => a.published)).toEqual(['2021-04-16']);
    // the others are listed with the bounds their texts give
    const listed = store.listArticles().filter((a) => !a.published);
    expect(listed.map((a) => roughDate(a.publishedEstimate)).sort()).toEqual(['2021-12-17…2022-01-09', 'year? 02-24…', 'year? 04-22…', '≥ 2021-09-01']);
    // the story's span reaches as far as the inferred range of seed 004, not only the one dated article (review 8 F6)
    const story = store.getStory(report.storyIds[0]!)!;
    expect([story.firstSeen, story.lastSeen]).toEqual(['2021-04-16', '2022-01-09']);
    store.close();
  });
});

describe('the seeds as bare .txt files stored one at a time', () => {
  it('get the same publication bounds and the same one story as in one batch', async () => {
    const store = openStore(join(tempDir(), 'seeds-one-by-one.db'));
    const files = ['000_579504aca85b9f81', '001_aa04ac5f397be0f2', '002_af815def54e2eb59', '003_70335ce47c40be49', '004_0c206504672e1e96'].map((f) => join(SEEDS_DIR, `${f}.txt`));
    // seed 004 dates its events by month and day only; seed 001, stored before it and undated
    // itself, says "late in 2021" of the same leaders' talks
    for (const file of files) expect((await ingestDocuments(store, readSources([file]))).stored).toBe(1);
    const listed = store.listArticles().filter((a) => !a.published);
    expect(listed.map((a) => roughDate(a.publishedEstimate)).sort()).toEqual(['2021-12-17…2022-01-09', 'year? 02-24…', 'year? 04-22…', '≥ 2021-09-01']);
    // and one story: seed 000, undated and stored first, is not left behind when dated articles come
    expect(store.listStories().map((s) => s.articleCount)).toEqual([5]);
    store.close();
  });
});

describe('articles analysed by an older version', () => {
  it('are counted after an ingest, so the CLI can suggest `storyline reprocess`, which updates them', async () => {
    const { sqliteHandle } = await import('../../src/store/index.js');
    const store = openStore(join(tempDir(), 'stale.db'));
    await ingestDocuments(store, readSources([join(SEEDS_DIR, 'seeds.jsonl')]));
    sqliteHandle(store).prepare('UPDATE analyses SET version = version - 1').run();
    const again = await ingestDocuments(store, readSources([join(SEEDS_DIR, 'seeds.jsonl')]));
    expect(again.duplicates).toBe(5);
    expect(again.staleAnalyses).toBe(5);
    reprocessAll(store);
    expect(store.countStaleAnalyses(ANALYSIS_VERSION)).toBe(0);
    store.close();
  });
});
