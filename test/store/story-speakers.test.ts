// "Who said what" of a story counts each statement once: a duplicate article's quotes are its
// original's again, and the same words by the same speaker in another outlet's copy are one statement
// (review 5, item 2: Obama's and Jindal's latest statements repeated lines of duplicate wire copies).
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { sqliteHandle } from '../../src/store/index.js';
import { createViews } from '../../src/store/sqlite/views.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { SEEDS_DIR, tempDir } from '../helpers/paths.js';

async function speakerGroups(records: object[]) {
  const dir = tempDir();
  const file = join(dir, 'in.jsonl');
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const store = openStore(join(dir, 'db.sqlite'));
  const report = await ingestDocuments(store, readSources([file]));
  expect(report.storyIds).toHaveLength(1);
  const views = createViews(sqliteHandle(store));
  const groups = views.storySpeakerGroups(report.storyIds[0]!);
  const texts = groups.map((g) => ({ speaker: g.speaker, texts: views.quotesById(g.quoteIds).map((q) => q.text) }));
  store.close();
  return texts;
}

describe('a story\'s speakers', () => {
  it('list each statement once, however many copies of an article carry it', async () => {
    const seeds = readFileSync(join(SEEDS_DIR, 'seeds.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; published: string });
    const alone = await speakerGroups(seeds);
    // a second outlet runs the June article a day later, with its own last line: a near-duplicate
    const june = seeds.find((s) => s.published.startsWith('2022-06'))!;
    const copy = { ...june, id: 'copy-of-june', source: 'Other Wire', published: '2022-06-03', text: june.text + '\n\nReporting by the Other Wire desk; editing by its night staff.' };
    const copied = await speakerGroups([...seeds, copy]);
    expect(copied).toEqual(alone);
    for (const g of copied) expect(new Set(g.texts.map((t) => t.toLowerCase())).size).toBe(g.texts.length);
  }, 120_000);
});
