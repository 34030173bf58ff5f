// The lean loading of a story's articles for its builds gives what the full accessors give (less
// the entities), in the same order, whatever the packing of the sentences behind it; and a build of
// a story bigger than its bound reads an even sample of it, never more.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { SEEDS_DIR, tempDir } from '../helpers/paths.js';

describe('storyArticles', () => {
  let store: Store;
  let storyId: string;

  beforeAll(async () => {
    store = openStore(join(tempDir(), 'seeds.db'));
    const report = await ingestDocuments(store, readSources([join(SEEDS_DIR, 'seeds.jsonl')]));
    expect(report.failed).toBe(0);
    storyId = store.listStories()[0]!.id;
  });
  afterAll(() => store.close());

  it('counts the articles of a story or an outlet as listArticles lists them (review 8 code R2)', () => {
    expect(store.countArticles({ storyId })).toBe(store.listArticles({ storyId }).length);
    expect(store.countArticles()).toBe(store.listArticles().length);
    expect(store.countArticles({ source: 'no such outlet' })).toBe(0);
  });

  it('lists the articles of a story in the order of storyArticleIds', () => {
    const ids = store.storyArticleIds(storyId);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(store.storyArticles(storyId).map((a) => a.id)).toEqual(ids);
  });

  it('gives each original its text once and its analysis as stored, without entities', () => {
    for (const lean of store.storyArticles(storyId)) {
      const article = store.getArticle(lean.id)!;
      const full = store.getAnalysis(lean.id)!.analysis;
      expect(lean).toMatchObject({ title: article.title, published: article.published, source: article.source, duplicateOf: article.duplicateOf });
      expect(lean).not.toHaveProperty('raw');
      expect(lean.content).not.toBeNull();
      expect(lean.content!.text).toBe(article.text);
      const analysis = lean.content!.analysis;
      expect(analysis.entities).toEqual([]);
      expect(full.entities.length).toBeGreaterThan(0);
      expect(analysis.mentions).toEqual(full.mentions);
      expect(analysis.timexes).toEqual(full.timexes);
      expect(analysis.quotes).toEqual(full.quotes);
      expect(analysis.sentences.map((s) => [s.start, s.end])).toEqual(full.sentences.map((s) => [s.start, s.end]));
      // Tokens are made on first access from the packed offsets, and serialise as a plain sentence does.
      expect(analysis.sentences.map((s) => s.tokens)).toEqual(full.sentences.map((s) => s.tokens));
      expect(JSON.stringify(analysis.sentences)).toBe(JSON.stringify(full.sentences));
      for (const s of analysis.sentences) for (const t of s.tokens) expect(t.text).toBe(article.text.slice(t.start, t.end));
    }
  });

  it('reads at most maxOriginals of a bigger story: the first, the last and evenly between', () => {
    const ids = store.storyArticleIds(storyId);
    const withContent = (max: number) => store.storyArticles(storyId, { maxOriginals: max }).filter((a) => a.content !== null).map((a) => a.id);
    expect(withContent(2)).toEqual([ids[0], ids[ids.length - 1]]);
    const three = withContent(3);
    expect(three).toHaveLength(3);
    expect(three).toContain(ids[Math.round((ids.length - 1) / 2)]);
    // Every article is still listed (the story's size, dates and ids come from all of them).
    expect(store.storyArticles(storyId, { maxOriginals: 2 }).map((a) => a.id)).toEqual(ids);
    expect(withContent(ids.length + 10)).toEqual(ids);
  });
});
