// Parsers for the input formats, each pure: bytes or text in, {items, errors} out.
import { XMLParser } from 'fast-xml-parser';
import type { InputError, ParseResult, RawDoc } from '../types.js';

export type InputFormat = 'text' | 'html' | 'jsonl' | 'feed';

const EXTENSION_FORMATS: Record<string, InputFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.rss': 'feed',
  '.atom': 'feed',
  '.xml': 'feed',
};

export function formatForPath(path: string): InputFormat | null {
  const m = /(\.[a-z0-9]+)$/i.exec(path);
  return m ? EXTENSION_FORMATS[m[1]!.toLowerCase()] ?? null : null;
}

/** Guesses the format of content whose name says nothing (stdin, URLs). */
export function sniffFormat(text: string, contentType?: string | null): InputFormat {
  const ct = (contentType ?? '').toLowerCase();
  if (/(rss|atom)\+xml|application\/xml|text\/xml/.test(ct)) return 'feed';
  if (/html/.test(ct)) return 'html';
  if (/json/.test(ct)) return 'jsonl';
  const head = text.slice(0, 2000).trimStart().toLowerCase();
  if (head.startsWith('<?xml') || head.startsWith('<rss') || head.startsWith('<feed')) {
    return /<(rss|feed|rdf:rdf)[\s>]/.test(head) ? 'feed' : 'html';
  }
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body|article|p)[\s>]/.test(head)) return 'html';
  if (head.startsWith('{')) return 'jsonl';
  return 'text';
}

const JSONL_FIELDS = ['id', 'url', 'title', 'text', 'html', 'published', 'source', 'language'] as const;

/** JSON Lines: one article object a line: {id?, url?, title?, text? | html?, published?, source?, language?}. */
export function parseJsonl(content: string, origin: string, firstLine = 1): ParseResult<RawDoc> {
  const items: RawDoc[] = [];
  const errors: InputError[] = [];
  const lines = content.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const where = `${origin}:${i + firstLine}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      errors.push({ origin: where, message: `invalid JSON: ${(e as Error).message}` });
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      errors.push({ origin: where, message: 'expected a JSON object with "text" or "html"' });
      return;
    }
    const v = value as Record<string, unknown>;
    for (const field of JSONL_FIELDS) {
      if (v[field] !== undefined && v[field] !== null && typeof v[field] !== 'string') {
        errors.push({ origin: where, message: `field "${field}" must be a string` });
        return;
      }
    }
    const text = v.text as string | undefined;
    const html = v.html as string | undefined;
    if ((text === undefined || text.trim() === '') && (html === undefined || html.trim() === '')) {
      errors.push({ origin: where, message: 'the record has no "text" or "html" field with content' });
      return;
    }
    items.push({
      origin: where,
      id: (v.id as string | undefined) || undefined,
      url: (v.url as string | undefined) || undefined,
      title: (v.title as string | undefined) || undefined,
      ...(html !== undefined && html.trim() !== '' ? { html } : { text }),
      published: (v.published as string | undefined) || undefined,
      source: (v.source as string | undefined) || undefined,
      language: (v.language as string | undefined) || undefined,
    });
  });
  return { items, errors };
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['item', 'entry', 'link', 'category', 'author'].includes(name),
});

function textOf(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === 'object') return textOf((node as Record<string, unknown>)['#text']);
  return undefined;
}

function feedLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return textOf(links);
  for (const l of links) {
    if (typeof l === 'string') return l;
    const rel = (l as Record<string, string>)['@rel'];
    if (!rel || rel === 'alternate') return (l as Record<string, string>)['@href'] ?? textOf(l);
  }
  return undefined;
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value.trim());
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** RSS 2.0, RSS 1.0 (RDF) and Atom feeds: every item with its link, title, date and content. */
export function parseFeed(content: string, origin: string): ParseResult<RawDoc> {
  let doc: Record<string, any>;
  try {
    doc = xml.parse(content) as Record<string, any>;
  } catch (e) {
    return { items: [], errors: [{ origin, message: `not a readable RSS/Atom feed: ${(e as Error).message}` }] };
  }
  const items: RawDoc[] = [];
  const errors: InputError[] = [];
  const channel = doc.rss?.channel ?? doc['rdf:RDF']?.channel;
  const rssItems: any[] = doc.rss?.channel?.item ?? doc['rdf:RDF']?.item ?? [];
  const atomEntries: any[] = doc.feed?.entry ?? [];
  const feedTitle = textOf(channel?.title) ?? textOf(doc.feed?.title);
  if (!doc.rss && !doc.feed && !doc['rdf:RDF']) {
    return { items, errors: [{ origin, message: 'not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root)' }] };
  }
  const addItem = (where: string, kind: string, body: string | undefined, url: string | undefined, title: string | undefined, published: string | undefined) => {
    if (!body || !body.trim()) errors.push({ origin: where, message: `feed ${kind} has no content` });
    else items.push({ origin: where, url, title, html: body, published: isoDate(published), source: feedTitle });
  };
  rssItems.forEach((it, i) =>
    addItem(`${origin}#item${i + 1}`, 'item', textOf(it['content:encoded']) ?? textOf(it.description), feedLink(it.link) ?? textOf(it.guid), textOf(it.title), textOf(it.pubDate) ?? textOf(it['dc:date'])),
  );
  atomEntries.forEach((it, i) =>
    addItem(`${origin}#entry${i + 1}`, 'entry', textOf(it.content) ?? textOf(it.summary), feedLink(it.link) ?? textOf(it.id), textOf(it.title), textOf(it.published) ?? textOf(it.updated)),
  );
  return { items, errors };
}

/** Parses decoded content of a known format into raw documents. */
export function parseContent(content: string, format: InputFormat, origin: string, extra: Partial<RawDoc> = {}): ParseResult<RawDoc> {
  switch (format) {
    case 'jsonl':
      return parseJsonl(content, origin);
    case 'feed':
      return parseFeed(content, origin);
    case 'html':
      return content.trim() ? { items: [{ origin, html: content, ...extra }], errors: [] } : { items: [], errors: [{ origin, message: 'the file is empty' }] };
    case 'text':
      return content.trim() ? { items: [{ origin, text: content, ...extra }], errors: [] } : { items: [], errors: [{ origin, message: 'the file is empty' }] };
  }
}
