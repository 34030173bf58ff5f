import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { parseFeed, parseJsonl, sniffFormat, isPublicAddress, readSources } from '../../src/ingest/index.js';

describe('input formats', () => {
  it('reads every Atom entry with its link, title, date and content', () => {
    const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
      <entry><title>Talks resume</title><link rel="alternate" href="https://example.org/talks"/><published>2022-02-01T09:00:00Z</published>
      <content type="html">&lt;p&gt;Negotiators met again on Tuesday in Geneva.&lt;/p&gt;</content></entry>
      <entry><title>Empty</title><link href="https://example.org/empty"/><updated>2022-02-02T09:00:00Z</updated></entry></feed>`;
    const { items, errors } = parseFeed(atom, 'wire.atom');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ url: 'https://example.org/talks', title: 'Talks resume', source: 'Wire', published: '2022-02-01T09:00:00Z' });
    expect(items[0]!.html).toContain('<p>Negotiators met again');
    expect(errors).toEqual([{ origin: 'wire.atom#entry2', message: 'feed entry has no content' }]);
  });

  it('names the line and the field of each bad JSON Lines record', () => {
    const { items, errors } = parseJsonl('{"text":"ok text here"}\n[1,2]\n{"html":""}\n{"title":7,"text":"x"}\n', 'in.jsonl');
    expect(items).toHaveLength(1);
    expect(errors.map((e) => e.origin)).toEqual(['in.jsonl:2', 'in.jsonl:3', 'in.jsonl:4']);
    expect(errors[2]!.message).toBe('field "title" must be a string, not a number (7)');
  });

  it('recognises formats without an extension', () => {
    expect(sniffFormat('<rss version="2.0"><channel></channel></rss>')).toBe('feed');
    expect(sniffFormat('<!DOCTYPE html><html><body><p>x</p></body></html>')).toBe('html');
    expect(sniffFormat('{"text":"x"}')).toBe('jsonl');
    expect(sniffFormat('Just a headline\n\nAnd a paragraph.')).toBe('text');
  });

  it('treats only public unicast addresses as fetchable', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fe80::1', 'fc00::1', '::ffff:127.0.0.1', '0.0.0.0'])
      expect(isPublicAddress(a), a).toBe(false);
    for (const a of ['93.184.216.34', '2606:4700:4700::1111']) expect(isPublicAddress(a), a).toBe(true);
  });

  it('reads JSON Lines from stdin for "-"', async () => {
    const stdin = Readable.from(['{"id":"a1","text":"The council met on Monday.","source":"Local"}\n']);
    const results = [];
    for await (const r of readSources(['-'], { stdin })) results.push(r);
    expect(results[0]!.items).toMatchObject([{ origin: 'stdin:1', id: 'a1', source: 'Local' }]);
  });
});
