// Inputs people actually have (review 3, items 12 and 14): gzipped JSON Lines, JSON arrays, plain
// text piped on stdin, Markdown notes, archives; and a latin-1 body POSTed to /api/ingest.
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { decodeRequestBody, readSources, INPUT_FORMATS_HELP } from '../../src/ingest/index.js';
import type { ParseResult, RawDoc } from '../../src/types.js';
import { openStore } from '../../src/store/index.js';
import { createApp } from '../../src/serve/index.js';
import { SEEDS_DIR, tempDir } from '../helpers/paths.js';

const dir = tempDir('storyline-inputs-');
const seedLines = readFileSync(join(SEEDS_DIR, 'seeds.jsonl'), 'utf8').split('\n').filter(Boolean);
const seedRecords = seedLines.map((l) => JSON.parse(l) as { id: string; text: string; published: string });

async function collect(inputs: string[], stdin?: Buffer): Promise<ParseResult<RawDoc>> {
  const items: RawDoc[] = [];
  const errors: ParseResult<RawDoc>['errors'] = [];
  for await (const s of readSources(inputs, stdin ? { stdin: Readable.from([stdin]) } : {})) items.push(...s.items), errors.push(...s.errors);
  return { items, errors };
}

describe('gzip, JSON arrays, text on stdin (review 3, item 14)', () => {
  it('reads a .jsonl.gz file record by record, and gzip piped on stdin', async () => {
    const path = join(dir, 'seeds.jsonl.gz');
    writeFileSync(path, gzipSync(seedLines.join('\n') + '\n'));
    const file = await collect([path]);
    expect(file.errors).toEqual([]);
    expect(file.items.map((i) => i.id)).toEqual(seedRecords.map((r) => r.id));
    expect(file.items[2]!.origin).toBe(`${path}:3`);

    const piped = await collect(['-'], gzipSync(seedLines.slice(0, 2).join('\n')));
    expect(piped.errors).toEqual([]);
    expect(piped.items.map((i) => i.id)).toEqual(seedRecords.slice(0, 2).map((r) => r.id));
  });

  it('keeps the records before the cut of a gzip file cut short, and says so', async () => {
    const path = join(dir, 'broken.jsonl.gz');
    const whole = gzipSync(seedLines.join('\n') + '\n');
    writeFileSync(path, whole.subarray(0, Math.floor(whole.length * 0.7)));
    const r = await collect([path]);
    expect(r.items.length).toBeGreaterThan(0);
    expect(r.items.length).toBeLessThan(seedLines.length);
    expect(r.items.map((i) => i.id)).toEqual(seedRecords.slice(0, r.items.length).map((s) => s.id));
    expect(r.errors).toEqual([{ origin: path, message: expect.stringMatching(/gzip file is damaged or cut short after line \d+/) }]);
  });

  it('reads a .json array of records, naming each bad record by its position', async () => {
    const path = join(dir, 'export.json');
    writeFileSync(path, JSON.stringify([...seedRecords.slice(0, 2), { title: 'no text' }], null, 2));
    const r = await collect([path]);
    expect(r.items.map((i) => i.id)).toEqual(seedRecords.slice(0, 2).map((s) => s.id));
    expect(r.items[1]!.origin).toBe(`${path}#2`);
    expect(r.errors).toEqual([{ origin: `${path}#3`, message: expect.stringMatching(/no "text" or "html"/) }]);
    // The same array on stdin, and a pretty-printed single record in a .jsonl file.
    const piped = await collect(['-'], Buffer.from(JSON.stringify(seedRecords.slice(0, 1))));
    expect(piped.items.map((i) => i.id)).toEqual([seedRecords[0]!.id]);
    const pretty = join(dir, 'pretty.jsonl');
    writeFileSync(pretty, JSON.stringify(seedRecords[1], null, 2));
    expect((await collect([pretty])).items.map((i) => i.id)).toEqual([seedRecords[1]!.id]);
  });

  it('takes plain text on stdin as one article, and .md files as text', async () => {
    const text = readFileSync(join(SEEDS_DIR, '002_af815def54e2eb59.txt'));
    const piped = await collect(['-'], text);
    expect(piped.errors).toEqual([]);
    expect(piped.items).toHaveLength(1);
    expect(piped.items[0]!.text).toBe(text.toString('utf8'));

    const md = join(dir, 'notes.md');
    writeFileSync(md, text);
    const r = await collect([md]);
    expect(r.items[0]!.text).toBe(text.toString('utf8'));
    expect(INPUT_FORMATS_HELP).toMatch(/\.md\b/);
    expect(INPUT_FORMATS_HELP).toMatch(/\.json\b/);
    expect(INPUT_FORMATS_HELP).toMatch(/\.gz\b/);
  });

  it('says what to do with a ZIP archive', async () => {
    const path = join(dir, 'articles.jsonl');
    writeFileSync(path, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), Buffer.alloc(64)]));
    const r = await collect([path]);
    expect(r.errors[0]!.message).toMatch(/ZIP archive: unzip it/);
  });
});

describe('POST /api/ingest decodes the body by its charset (review 3, item 12)', () => {
  const latin1 = iconv.encode(JSON.stringify({ documents: [{ id: 'latin1-doc', text: 'Crédit municipal voté lundi à Besançon, a dit le maire. Les élus ont approuvé le budget.' }] }), 'latin1');

  it('decodes a declared or undeclared latin-1 body; UTF-8 stays UTF-8', () => {
    expect(decodeRequestBody(latin1, 'application/json; charset=iso-8859-1')).toContain('Crédit municipal voté');
    expect(decodeRequestBody(latin1, 'application/json')).toContain('Crédit municipal voté');
    expect(decodeRequestBody(Buffer.from('{"text":"Zürich – café"}'), 'application/json')).toBe('{"text":"Zürich – café"}');
  });

  it('stores the accented text, not replacement characters', async () => {
    const store = openStore(join(tempDir('storyline-api-latin1-'), 'db.sqlite'));
    const { app, close } = await createApp({ store, token: 'tok' });
    try {
      const res = await app.request('/api/ingest', {
        method: 'POST',
        body: latin1,
        headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/json; charset=iso-8859-1' },
      });
      expect(res.status).toBe(201);
      const article = (await (await app.request('/api/articles/latin1-doc')).json()) as { text: string };
      expect(article.text).toContain('Crédit municipal voté lundi à Besançon');
      expect(article.text).not.toContain('\uFFFD');
    } finally {
      close();
      store.close();
    }
  });
});
