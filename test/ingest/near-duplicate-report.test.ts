// The ingest report counts near-duplicates: articles stored, but as duplicates of a stored article
// (review item 10). `stored` and `duplicates` keep their meaning (stored rows; items not stored).
import { describe, expect, it, vi } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { printIngestReport } from '../../src/cli/commands/ingest.js';
import { SEEDS_DIR, tempDir } from '../helpers/paths.js';

function stderrOf(fn: () => void): string {
  let out = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('near-duplicates in the ingest report', () => {
  it('counts a re-published copy with a new closing line as stored, near-duplicate of the stored article', async () => {
    const dir = tempDir();
    const store = openStore(join(dir, 'near.db'));
    const seeds = join(SEEDS_DIR, 'seeds.jsonl');
    const first = await ingestDocuments(store, readSources([seeds]));
    expect(first.nearDuplicates).toBe(0);

    const original = JSON.parse(readFileSync(seeds, 'utf8').split('\n')[0]!) as { id: string; published: string; text: string };
    const copy = { id: 'copy-1', published: original.published, source: 'another outlet', text: `${original.text}\nThis article was updated with more details.` };
    const file = join(dir, 'copy.jsonl');
    writeFileSync(file, JSON.stringify(copy) + '\n');
    const report = await ingestDocuments(store, readSources([file]));

    expect(report.stored).toBe(1);
    expect(report.duplicates).toBe(0);
    expect(report.duplicateOf).toEqual([]);
    expect(report.nearDuplicates).toBe(1);
    expect(report.nearDuplicateOf).toEqual([{ origin: `${file}:1`, id: 'copy-1', duplicateOf: original.id }]);
    expect(store.getArticle('copy-1')!.duplicateOf).toBe(original.id);
    expect(stderrOf(() => printIngestReport(report))).toBe('stored 1 (1 a near-duplicate of a stored article), duplicates 0, failed 0\n');
    expect(stderrOf(() => printIngestReport({ ...report, stored: 3, nearDuplicates: 2 }))).toMatch(/^stored 3 \(2 near-duplicates of stored articles\), duplicates 0/);
    store.close();
  });
});
