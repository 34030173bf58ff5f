// An ingest counts what its inputs hold before it starts, so that its progress has a total and an
// ETA (review 5, item 8: "1 articles" with no total for a JSON Lines file of known length).
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { countInputItems, readSources } from '../../src/ingest/index.js';
import { openStore } from '../../src/store/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { SEEDS_DIR, tempDir } from '../helpers/paths.js';

describe('countInputItems', () => {
  it('counts JSON Lines records and files, and reaches the count an ingest reports', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'texts'));
    for (const f of ['000_579504aca85b9f81.txt', '003_70335ce47c40be49.txt']) copyFileSync(join(SEEDS_DIR, f), join(dir, 'texts', f));
    const jsonl = join(dir, 'seeds.jsonl');
    // blank lines are no records; a broken line is one item that fails
    writeFileSync(jsonl, readFileSync(join(SEEDS_DIR, 'seeds.jsonl'), 'utf8').trim() + '\n\n   \n{"broken\n');
    const inputs = [jsonl, join(dir, 'texts')];
    expect(await countInputItems(inputs)).toBe(8);
    const done: number[] = [];
    const store = openStore(join(dir, 'db.sqlite'));
    const report = await ingestDocuments(store, readSources(inputs), { onProgress: (p) => done.push(p.done) });
    store.close();
    expect(report.failed).toBe(1);
    expect(done[done.length - 1]).toBe(8);
  }, 60_000);

  it('gives no total when an input cannot be counted without reading it all', async () => {
    expect(await countInputItems(['-'])).toBeNull();
    expect(await countInputItems(['https://example.com/feed.rss'])).toBeNull();
    const gz = join(tempDir(), 'seeds.jsonl.gz');
    writeFileSync(gz, gzipSync(readFileSync(join(SEEDS_DIR, 'seeds.jsonl'))));
    expect(await countInputItems([gz])).toBeNull();
  });
});
