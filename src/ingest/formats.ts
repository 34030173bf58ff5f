// Parsers for the input formats, each pure: bytes or text in, {items, errors} out.
import { XMLParser } from 'fast-xml-parser';
import type { InputError, ParseResult, RawDoc } from '../types.js';
import { metadataDate } from './dates.js';

export type InputFormat = 'text' | 'html' | 'jsonl' | 'json' | 'feed';

const EXTENSION_FORMATS: Record<string, InputFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
  '.markdown': 'text',
  '.json': 'json',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.rss': 'feed',
  '.atom': 'feed',
  '.xml': 'feed',
};

/** What `storyline ingest` reads, for help texts: every extension above, and any of them gzipped. */
export const INPUT_FORMATS_HELP = '.txt .md .html .jsonl .ndjson .json (an array of records) .rss .atom .xml, each also as .gz';

/** The format a file's name says; `name.jsonl.gz` is JSON Lines (gzipped). */
export function formatForPath(path: string): InputFormat | null {
  const m = /(\.[a-z0-9]+)$/i.exec(isGzipPath(path) ? path.slice(0, -3) : path);
  return m ? EXTENSION_FORMATS[m[1]!.toLowerCase()] ?? null : null;
}

export function isGzipPath(path: string): boolean {
  return /\.gz$/i.test(path);
}

/** gzip's magic bytes. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}

/** A JSON array of objects (or an empty one) starts here: `[` then `{` or `]`. */
function startsJsonArray(head: string): boolean {
  return /^\[\s*(?:\{|\]|$)/.test(head);
}

/** Guesses the format of content whose name says nothing (stdin, URLs). */
export function sniffFormat(text: string, contentType?: string | null): InputFormat {
  const ct = (contentType ?? '').toLowerCase();
  if (/(rss|atom)\+xml|application\/xml|text\/xml/.test(ct)) return 'feed';
  if (/html/.test(ct)) return 'html';
  if (/json/.test(ct)) return 'jsonl';
  const head = text.slice(0, 2000).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  // A JSON object first is JSON Lines, whatever HTML its fields carry; an array of them is JSON.
  if (head.startsWith('{')) return 'jsonl';
  if (startsJsonArray(head)) return 'json';
  if (head.startsWith('<?xml') || head.startsWith('<rss') || head.startsWith('<feed') || head.startsWith('<rdf:rdf')) {
    return /<(rss|feed|rdf:rdf)[\s>]/.test(head) ? 'feed' : 'html';
  }
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(head|body|article|p)[\s>]/.test(head)) return 'html';
  return 'text';
}

/**
 * Standard input: JSON Lines when it starts with a JSON object (the documented contract, whatever
 * markup its records carry), a JSON array of records, a feed or an HTML document when it plainly
 * starts as one, and otherwise plain text: one article.
 */
export function sniffStdinFormat(text: string): InputFormat {
  const head = text.slice(0, 2000).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return 'jsonl';
  if (startsJsonArray(head)) return 'json';
  if (!head.startsWith('<')) return 'text';
  const format = sniffFormat(head);
  return format === 'feed' || format === 'html' ? format : 'text';
}

/** The default cap on one article's text or HTML (`--max-article-bytes`). */
export const DEFAULT_MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}

/** The message for an article over the size cap, naming the way to raise it. */
export function tooBigMessage(what: string, bytes: number, max: number): string {
  return `${what} is ${formatBytes(bytes)}, over the ${formatBytes(max)} limit for one article (raise it with --max-article-bytes if this really is one article)`;
}

const JSONL_FIELDS = ['id', 'url', 'title', 'text', 'html', 'published', 'source', 'language'] as const;

/** JSON Lines: one article object a line: {id?, url?, title?, text? | html?, published?, source?, language?}. */
export function parseJsonl(content: string, origin: string, firstLine = 1, maxArticleBytes = DEFAULT_MAX_ARTICLE_BYTES): ParseResult<RawDoc> {
  const items: RawDoc[] = [];
  const errors: InputError[] = [];
  const lines = content.split('\n');
  lines.forEach((raw, i) => {
    const where = `${origin}:${i + firstLine}`;
    // Checked before parsing: a record of many megabytes costs minutes of analysis and gigabytes.
    // A UTF-8 character is at most 3 bytes per UTF-16 unit, so short lines need no byte count.
    if (raw.length * 3 > maxArticleBytes) {
      const bytes = Buffer.byteLength(raw);
      if (bytes > maxArticleBytes) {
        errors.push({ origin: where, message: tooBigMessage('the record', bytes, maxArticleBytes) });
        return;
      }
    }
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      errors.push({ origin: where, message: `invalid JSON: ${(e as Error).message}` });
      return;
    }
    // An array of records on a line (a .json export named .jsonl) is read record by record.
    const records = Array.isArray(value) && value.length > 0 && value.every((r) => r && typeof r === 'object' && !Array.isArray(r));
    if (records) (value as unknown[]).forEach((record, j) => addRecord(record, `${where}#${j + 1}`, items, errors));
    else addRecord(value, where, items, errors);
  });
  // A single JSON document spread over lines (pretty-printed) is not JSON Lines: read it whole.
  if (items.length === 0 && errors.length > 1 && errors.every((e) => e.message.startsWith('invalid JSON'))) {
    const whole = parseJson(content, origin, maxArticleBytes);
    if (whole.items.length > 0 || !whole.errors[0]?.message.startsWith('invalid JSON')) return whole;
  }
  return { items, errors };
}

/** One article record (a JSON Lines line or an element of a JSON array) → a raw document, or an error. */
function addRecord(value: unknown, where: string, items: RawDoc[], errors: InputError[]): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    errors.push({ origin: where, message: 'expected a JSON object with "text" or "html"' });
    return;
  }
  const v = value as Record<string, unknown>;
  const fields: Partial<Record<(typeof JSONL_FIELDS)[number], string>> = {};
  for (const field of JSONL_FIELDS) {
    const f = v[field];
    // null is JSON's "no value": the field is absent.
    if (f === undefined || f === null) continue;
    if (typeof f !== 'string') {
      errors.push({ origin: where, message: `field "${field}" must be a string, not ${Array.isArray(f) ? 'an array' : typeof f === 'object' ? 'an object' : `a ${typeof f} (${JSON.stringify(f)})`}` });
      return;
    }
    fields[field] = f;
  }
  const { text, html } = fields;
  if (!text?.trim() && !html?.trim()) {
    errors.push({ origin: where, message: 'the record has no "text" or "html" field with content (a string)' });
    return;
  }
  items.push({
    origin: where,
    id: fields.id || undefined,
    url: fields.url || undefined,
    title: fields.title || undefined,
    ...(html?.trim() ? { html } : { text }),
    published: fields.published || undefined,
    source: fields.source || undefined,
    language: fields.language || undefined,
  });
}

/**
 * A JSON document: an array of article records (`[{"text": …}, …]`, as exported by many tools) or
 * one record. Errors name the record: `file.json#3`.
 */
export function parseJson(content: string, origin: string, maxArticleBytes = DEFAULT_MAX_ARTICLE_BYTES): ParseResult<RawDoc> {
  let value: unknown;
  try {
    value = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { items: [], errors: [{ origin, message: `invalid JSON: ${(e as Error).message} (expected an array of article objects, or JSON Lines: one object a line)` }] };
  }
  const items: RawDoc[] = [];
  const errors: InputError[] = [];
  if (Array.isArray(value)) {
    if (value.length === 0) errors.push({ origin, message: 'the JSON array is empty: no articles' });
    value.forEach((record, i) => addRecord(record, `${origin}#${i + 1}`, items, errors));
  } else if (value && typeof value === 'object') {
    addRecord(value, origin, items, errors);
  } else {
    errors.push({ origin, message: 'expected a JSON array of article objects ({"text": …} or {"html": …}) or one such object' });
  }
  return capArticles({ items, errors }, maxArticleBytes, 'the record');
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

/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds: every item with its link, title, date and content. The
 * date is kept as written: the pipeline reads it (metadataDate), keeping the day in its own zone.
 */
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
  const addItem = (where: string, kind: string, body: string | undefined, url: string | undefined, title: string | undefined, date: [string, string | undefined]) => {
    const [element, published] = date;
    if (!body || !body.trim()) return void errors.push({ origin: where, message: `feed ${kind} has no content` });
    try {
      metadataDate(published, `<${element}>`);
    } catch (e) {
      return void errors.push({ origin: where, message: (e as Error).message });
    }
    items.push({ origin: where, url, title, html: body, published: published?.trim() || undefined, source: feedTitle });
  };
  const dateOf = (it: any, elements: string[]): [string, string | undefined] => {
    const element = elements.find((e) => textOf(it[e]) !== undefined) ?? elements[0]!;
    return [element, textOf(it[element])];
  };
  rssItems.forEach((it, i) =>
    addItem(`${origin}#item${i + 1}`, 'item', textOf(it['content:encoded']) ?? textOf(it.description), feedLink(it.link) ?? textOf(it.guid), textOf(it.title), dateOf(it, ['pubDate', 'dc:date'])),
  );
  atomEntries.forEach((it, i) =>
    addItem(`${origin}#entry${i + 1}`, 'entry', textOf(it.content) ?? textOf(it.summary), feedLink(it.link) ?? textOf(it.id), textOf(it.title), dateOf(it, ['published', 'updated'])),
  );
  return { items, errors };
}

/** Moves articles whose text or HTML is over the cap to the errors. */
function capArticles(result: ParseResult<RawDoc>, maxArticleBytes: number, what: string): ParseResult<RawDoc> {
  const items: RawDoc[] = [];
  for (const item of result.items) {
    const body = item.html ?? item.text ?? '';
    const bytes = body.length * 3 > maxArticleBytes ? Buffer.byteLength(body) : 0;
    if (bytes > maxArticleBytes) result.errors.push({ origin: item.origin, message: tooBigMessage(what, bytes, maxArticleBytes) });
    else items.push(item);
  }
  return { items, errors: result.errors };
}

/** Parses decoded content of a known format into raw documents. */
export function parseContent(
  content: string,
  format: InputFormat,
  origin: string,
  extra: Partial<RawDoc> = {},
  maxArticleBytes = DEFAULT_MAX_ARTICLE_BYTES,
): ParseResult<RawDoc> {
  switch (format) {
    case 'jsonl':
      return parseJsonl(content, origin, 1, maxArticleBytes);
    case 'json':
      return parseJson(content, origin, maxArticleBytes);
    case 'feed':
      return capArticles(parseFeed(content, origin), maxArticleBytes, 'the feed item');
    case 'html':
      return content.trim()
        ? capArticles({ items: [{ origin, html: content, ...extra }], errors: [] }, maxArticleBytes, 'the page')
        : { items: [], errors: [{ origin, message: 'the file is empty' }] };
    case 'text':
      return content.trim()
        ? capArticles({ items: [{ origin, text: content, ...extra }], errors: [] }, maxArticleBytes, 'the text')
        : { items: [], errors: [{ origin, message: 'the file is empty' }] };
  }
}
