// A story's history: a split moves the articles of some events to a new story, both stories are
// rebuilt from their own articles, and the history is kept and shown (CLI JSON, API model, page).
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments, rebuildStories } from '../../src/pipeline.js';
import { createModel } from '../../src/serve/model.js';
import { storyPage } from '../../src/serve/pages.js';
import { buildExport } from '../../src/export.js';
import { CLI, ROOT, SEEDS_DIR, tempDir } from '../helpers/paths.js';

describe('story history', () => {
  const dbPath = join(tempDir(), 'history.db');
  let store: Store;
  let storyId: string;
  const splitId = 's-split-test';

  beforeAll(async () => {
    store = openStore(dbPath);
    const report = await ingestDocuments(store, readSources([join(SEEDS_DIR, 'seeds.jsonl')]));
    expect(report.failed).toBe(0);
    storyId = report.storyIds[0]!;
  });
  afterAll(() => store.close());

  it('moves the articles of the split events and rebuilds both stories from their own articles', () => {
    const before = store.storyArticleIds(storyId);
    expect(before).toHaveLength(5);
    const moved = store.getArticle(before[before.length - 1]!)!;
    const movedEvents = [...new Set(before.map((id) => store.getArticle(id)!).filter((a) => a.eventId === moved.eventId).map((a) => a.id))];
    store.transaction(() => {
      store.recordStorySplit(storyId, splitId, [moved.eventId!]);
      rebuildStories(store, [storyId, splitId]);
    });
    expect(store.storyArticleIds(splitId).sort()).toEqual(movedEvents.sort());
    expect(store.storyArticleIds(storyId)).toHaveLength(5 - movedEvents.length);
    expect(store.getStory(splitId)!.articleIds.sort()).toEqual(movedEvents.sort());
    expect(store.getStory(storyId)!.timeline.every((t) => t.articleIds.every((a) => !movedEvents.includes(a)))).toBe(true);
    expect(store.listStories().find((s) => s.id === storyId)!.articleCount).toBe(5 - movedEvents.length);
  });

  it('keeps the history on both sides and shows it in the export, the API model, the page and the CLI', () => {
    expect(store.storyHistory(storyId).map((h) => [h.kind, h.otherId])).toEqual([['split-off', splitId]]);
    expect(store.storyHistory(splitId).map((h) => [h.kind, h.otherId])).toEqual([['split-from', storyId]]);
    expect(buildExport(store).stories.find((s) => s.id === splitId)!.history[0]!.kind).toBe('split-from');

    const detail = createModel(store).story(storyId)!;
    expect(detail.history[0]).toMatchObject({ kind: 'split-off', otherId: splitId, otherTitle: store.getStory(splitId)!.title });
    const page = storyPage({ asset: (path) => `/assets/${path}`, stats: () => store.stats() as never }, detail, undefined);
    expect(page).toContain('id="h-history"');
    expect(page).toContain(`href="/stories/${splitId}"`);

    store.close();
    const cli = spawnSync(process.execPath, [...CLI, 'story', splitId, '--db', dbPath], { cwd: ROOT, encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(new RegExp(`History\\n.*split off story ${storyId}`));
    store = openStore(dbPath);
  });
});
