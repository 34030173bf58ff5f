// A JSON Lines file with one enormous line (code review 11 F9): the streamed reader (files over
// 32 MB, and every .jsonl.gz) used readline, which holds a whole line in memory before the article
// cap can refuse it. A 560 MB line crashed the ingest outright ("RangeError: Invalid string
// length" inside readline, uncaught: no file, no line, every other record lost). Lines over the
// cap are now counted, not kept.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSources } from '../../src/ingest/index.js';
import { tempDir } from '../helpers/paths.js';

describe('a JSON Lines record far over the article cap', () => {
  it('is refused by its line number without being held in memory, and the records around it are read', async () => {
    const path = join(tempDir(), 'crawl.jsonl');
    const fd = openSync(path, 'w');
    writeSync(fd, JSON.stringify({ id: 'bridge', text: 'The council approved the budget for the new bridge on Monday after a long debate, the mayor said.', published: '2023-05-08' }) + '\r\n');
    // a crawler's record whose "text" is a 120 MB run of page debris
    writeSync(fd, '{"id":"debris","text":"');
    const block = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i < 120; i++) writeSync(fd, block);
    writeSync(fd, '"}\r\n');
    writeSync(fd, JSON.stringify({ id: 'harbour', text: 'Storm damage closed the harbour road on Tuesday and the port authority said repairs would take a week.', published: '2023-05-09' }) + '\n');
    closeSync(fd);

    let peak = 0;
    const baseline = process.memoryUsage().heapUsed;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed - baseline)), 2);
    const sources = [];
    try {
      for await (const s of readSources([path], { streamJsonlOver: 0, maxArticleBytes: 1024 * 1024 })) sources.push(s);
    } finally {
      clearInterval(sample);
    }
    expect(sources.flatMap((s) => s.items.map((i) => i.id))).toEqual(['bridge', 'harbour']);
    expect(sources.flatMap((s) => s.errors)).toEqual([{ origin: `${path}:2`, message: 'the record is 120 MB, over the 1 MB limit for one article (raise it with --max-article-bytes if this really is one article)' }]);
    // readline held the 120 MB line as a string before parsing refused it
    expect(peak / 1024 / 1024).toBeLessThan(60);
  });
});
