// Quotes listed from the store go by the speaker's corpus entity: "Obama" in one article and
// "Barack Obama" in another are one speaker (second review, item 4).
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { SHARED_DATA, tempDir } from '../helpers/paths.js';

describe('stored quotes', () => {
  it('carry the canonical name of the speaker entity they were linked to', async () => {
    const dir = tempDir();
    const file = join(dir, 'bp.jsonl');
    const lines = readFileSync(join(SHARED_DATA, 't17/bpoil_reuters/articles.jsonl'), 'utf8').trim().split('\n').slice(0, 120);
    writeFileSync(file, lines.map((l) => JSON.stringify({ ...JSON.parse(l), id: `bp-${JSON.parse(l).id}` })).join('\n') + '\n');
    const store = openStore(join(dir, 'bp.db'));
    await ingestDocuments(store, readSources([file]));
    const linked = store.quotes({ limit: 100_000 }).filter((q) => q.speakerEntityId);
    expect(linked.length).toBeGreaterThan(50);
    for (const q of linked) expect(q.speaker).toBe(store.getEntity(q.speakerEntityId!)!.name);
    // the short form a reporter used still finds the speaker
    expect(store.quotes({ speakerName: 'barack obama', limit: 1000 }).length).toBeGreaterThan(0);
    expect(store.quotes({ speakerName: 'barack obama', limit: 1000 }).every((q) => q.speaker === 'Barack Obama')).toBe(true);
    store.close();
  }, 120_000);
});
