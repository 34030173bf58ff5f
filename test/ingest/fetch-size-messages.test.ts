// A response over --max-bytes (review 11 code F-9): the refusal read "URL: 12582912 bytes is over the
// 10485760-byte limit", naming neither a readable size nor the flag that raises it (the gzip refusal
// beside it did). Both refusals now say how big, in the units the help uses, and what to do.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSources } from '../../src/ingest/index.js';

const PARAGRAPH = '<p>The council met on Monday to discuss the budget for the coming year, the mayor said.</p>';

describe('a response over --max-bytes', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const page = `<!DOCTYPE html><html><head><title>Council meets</title></head><body>${PARAGRAPH.repeat(40_000)}</body></html>`;
      if (req.url === '/declared.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page) });
        res.end(page);
      } else {
        // sent in chunks, no length declared
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.write(page.slice(0, 1_000_000));
        res.end(page.slice(1_000_000));
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const refusal = async (path: string) => {
    const sources = [];
    for await (const s of readSources([`${base}${path}`], { allowPrivate: true, maxBytes: 2 * 1024 * 1024 })) sources.push(s);
    expect(sources[0]!.items).toEqual([]);
    return sources[0]!.errors[0]!.message;
  };

  it('says how big it is and how to raise the limit', async () => {
    expect(await refusal('/declared.html')).toBe(`${base}/declared.html: the response is 3.5 MB, over the 2 MB limit (raise it with --max-bytes)`);
    expect(await refusal('/chunked.html')).toBe(`${base}/chunked.html: the response is over the 2 MB limit (raise it with --max-bytes)`);
  });
});
