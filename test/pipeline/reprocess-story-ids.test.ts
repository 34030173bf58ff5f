// After `storyline reprocess` every story ID of before still leads somewhere: a story that starts
// with the same article keeps its ID; any other earlier ID (merged-away ones too) is recorded as
// merged into the story that now holds most of its articles (the CLI and the web follow it).
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, sqliteHandle, type Store } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments, reprocessAll, storyRedirects } from '../../src/pipeline.js';
import { createModel } from '../../src/serve/model.js';
import { SEEDS_DIR, SHARED_DATA, hasSharedData, tempDir } from '../helpers/paths.js';

/** Every story ID the store knows (live and merged away), each with the articles it held. */
function storyIdsWithArticles(store: Store): Map<string, string[]> {
  const db = sqliteHandle(store);
  const out = new Map<string, string[]>();
  for (const { id } of db.prepare('SELECT id FROM stories').all() as { id: string }[]) out.set(id, store.storyArticleIds(id));
  return out;
}

/** Ingests the lines of a JSON Lines text one run per group, in the order given. */
async function ingestInRuns(store: Store, dir: string, runs: string[][]): Promise<void> {
  for (const [i, lines] of runs.entries()) {
    const file = join(dir, `run${i}.jsonl`);
    writeFileSync(file, lines.join('\n') + '\n');
    const report = await ingestDocuments(store, readSources([file]));
    expect(report.failed).toBe(0);
  }
}

/** Each earlier ID resolves to a live story; a live one of before leads to where most of its articles are. */
function expectEveryIdLeadsOn(store: Store, before: Map<string, string[]>): void {
  for (const [oldId, articles] of before) {
    const story = store.getStory(oldId);
    expect(story, `story ${oldId}`).not.toBeNull();
    expect(story!.mergedInto).toBeNull();
    if (articles.length === 0) continue;
    const now = new Map<string, number>();
    for (const a of articles) {
      const s = store.getArticle(a)!.storyId!;
      now.set(s, (now.get(s) ?? 0) + 1);
    }
    // a kept ID is the story that starts with the same article again (it holds some of the old
    // articles); a redirected one leads to the story holding most of them
    if (story!.id === oldId) expect(now.get(oldId) ?? 0, `kept story ${oldId}`).toBeGreaterThan(0);
    else expect(now.get(story!.id) ?? 0, `story ${oldId} → ${story!.id}`).toBe(Math.max(...now.values()));
  }
}

describe('reprocess keeps story IDs working (review item 3)', () => {
  it('the seeds ingested newest first: the story started by another article redirects its old ID', async () => {
    const dir = tempDir();
    const store = openStore(join(dir, 'seeds.db'));
    const lines = readFileSync(join(SEEDS_DIR, 'seeds.jsonl'), 'utf8').trim().split('\n');
    const newestFirst = [...lines].sort((a, b) => (JSON.parse(b).published as string).localeCompare(JSON.parse(a).published as string));
    await ingestInRuns(store, dir, newestFirst.map((l) => [l]));
    const before = storyIdsWithArticles(store);
    const liveBefore = store.listStories().map((s) => s.id);
    expect(liveBefore).toHaveLength(1);

    const result = reprocessAll(store);
    expect(result.errors).toEqual([]);
    const liveAfter = store.listStories().map((s) => s.id);
    expect(liveAfter).toHaveLength(1);
    // Re-linked oldest first, the story now starts with another article: a new ID, the old one redirected.
    expect(liveAfter[0]).not.toBe(liveBefore[0]);
    expect(result.redirectedStoryIds).toContainEqual({ from: liveBefore[0], into: liveAfter[0] });
    expectEveryIdLeadsOn(store, before);
    // The web answers the old address with the story it became (its page then redirects there).
    expect(createModel(store).story(liveBefore[0]!)!.id).toBe(liveAfter[0]);
    expect(store.storyHistory(liveBefore[0]!)).toEqual([expect.objectContaining({ kind: 'merged-into', otherId: liveAfter[0] })]);

    // A second reprocess keeps the ID of the first (same first article) and every redirect.
    // An entity no mention names any more (a name variant an earlier analysis kept apart) is dropped.
    store.upsertEntity({ key: 'person:donald j. trump', name: 'Donald J. Trump', type: 'person', aliases: [], roles: [] });
    expect(store.getEntity('person:donald j. trump')).not.toBeNull();
    const second = reprocessAll(store);
    expect(store.getEntity('person:donald j. trump')).toBeNull();
    expect(store.listEntities({ limit: 500 }).every((e) => e.mentionCount > 0)).toBe(true);
    expect(store.listStories().map((s) => s.id)).toEqual(liveAfter);
    expect(second.keptStoryIds).toBe(1);
    expectEveryIdLeadsOn(store, before);
    store.close();
  });

  it.skipIf(!hasSharedData)('seeds and a Timeline17 folder ingested in two runs, later half first: every old ID leads on', async () => {
    const dir = tempDir();
    const store = openStore(join(dir, 't17.db'));
    const records = readFileSync(join(SHARED_DATA, 't17/H1N1_guardian/articles.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; published: string; text?: string })
      .filter((r) => r.text && r.text.trim())
      .map((r) => ({ ...r, id: `H1N1_guardian-${r.id}` }))
      .sort((a, b) => a.published.localeCompare(b.published));
    const half = Math.floor(records.length / 2);
    const seeds = readFileSync(join(SEEDS_DIR, 'seeds.jsonl'), 'utf8').trim().split('\n');
    await ingestInRuns(store, dir, [seeds, records.slice(half).map((r) => JSON.stringify(r)), records.slice(0, half).map((r) => JSON.stringify(r))]);
    const before = storyIdsWithArticles(store);
    const liveBefore = new Set(store.listStories().map((s) => s.id));

    const result = reprocessAll(store);
    expect(result.errors).toEqual([]);
    expect(result.articles).toBe(records.length + seeds.length);
    expectEveryIdLeadsOn(store, before);
    // IDs are kept wherever the story starts with the same article; the rest are redirected, none lost.
    const liveAfter = new Set(store.listStories().map((s) => s.id));
    expect(result.keptStoryIds).toBe([...liveBefore].filter((id) => liveAfter.has(id)).length);
    for (const id of liveBefore) expect(liveAfter.has(id) || result.redirectedStoryIds.some((r) => r.from === id)).toBe(true);
    expect(result.redirectedStoryIds.length).toBeGreaterThan(0);
    expect(result.keptStoryIds).toBeGreaterThan(0);
    store.close();
  }, 60_000);
});

describe('storyRedirects', () => {
  it('sends an old story to the new one holding most of its articles; kept IDs are not redirected', () => {
    const oldStoryOf = new Map([
      ['a1', 'old1'], ['a2', 'old1'], ['a3', 'old1'],
      ['b1', 'kept'], ['b2', 'kept'],
      ['c1', 'old2'], ['c2', 'old2'],
    ]);
    const newStoryOf = new Map([
      ['a1', 'new1'], ['a2', 'new1'], ['a3', 'kept'],
      ['b1', 'kept'], ['b2', 'kept'],
      // a tie: the new story its articles make up the larger share of
      ['c1', 'new1'], ['c2', 'new2'],
    ]);
    expect(storyRedirects(oldStoryOf, newStoryOf)).toEqual(new Map([['old1', 'new1'], ['old2', 'new2']]));
  });
});
