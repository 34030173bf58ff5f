// A copy that arrives after its original has left the linker's near-duplicate window (a late
// feed, a backfill) is still recognised, by a full-text search among the articles of its weeks.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { SEEDS_DIR, tempDir } from '../helpers/paths.js';

describe('a near-duplicate arriving late', () => {
  it('is linked to the stored original even when newer articles came in between', async () => {
    const dir = tempDir();
    const store = openStore(join(dir, 'late.db'));
    // The five seeds span April 2021 – June 2022: when the copy of seed 000 (16 March 2022) arrives,
    // the window has moved on to June 2022.
    expect(await ingestDocuments(store, readSources([join(SEEDS_DIR, 'seeds.jsonl')]))).toMatchObject({ stored: 5 });
    const seed000 = readFileSync(join(SEEDS_DIR, 'seeds.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; published: string }).find((r) => r.id.startsWith('000_'))!;
    const copy = { id: 'syndicated-000', source: 'Other Outlet', published: seed000.published, text: seed000.text.replace('Wednesday', 'Wed.') };
    const file = join(dir, 'copy.jsonl');
    writeFileSync(file, JSON.stringify(copy) + '\n');
    const report = await ingestDocuments(store, readSources([file]));
    expect(report.stored).toBe(1);
    expect(store.getArticle('syndicated-000')!.duplicateOf).toBe(seed000.id);
    // an unrelated late article is not taken for a copy
    const other = join(dir, 'other.jsonl');
    writeFileSync(other, JSON.stringify({ id: 'unrelated', published: seed000.published, text: 'The city council approved a new budget for road repairs on Tuesday. Work on the ring road will begin in April and last two years, the mayor said, adding that bus lanes would be widened.' }) + '\n');
    await ingestDocuments(store, readSources([other]));
    expect(store.getArticle('unrelated')!.duplicateOf).toBeNull();
    store.close();
  });
});
