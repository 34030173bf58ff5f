// ingest: turns the user's inputs (files, directories, URLs, stdin) into raw documents.
// Each source yields {items, errors}; a bad source or line never stops the others.
import { createReadStream } from 'node:fs';
import { createGunzip, gunzipSync } from 'node:zlib';
import { open, readFile, stat } from 'node:fs/promises';
import { resolve, relative } from 'node:path';
import { glob } from 'tinyglobby';
import type { InputError, ParseResult, RawDoc } from '../types.js';
import { decodeBytes, isBinary } from '../extract/encoding.js';
import { DEFAULT_MAX_RESPONSE_BYTES, fetchUrl, type FetchOptions } from './fetch.js';
import { DEFAULT_MAX_ARTICLE_BYTES, formatBytes, formatForPath, isGzip, isGzipPath, parseContent, parseJsonl, sniffFormat, sniffStdinFormat, tooBigMessage, type InputFormat } from './formats.js';

export { fetchUrl, isPublicAddress } from './fetch.js';
export { parseJsonl, parseJson, parseFeed, formatForPath, sniffFormat, sniffStdinFormat, DEFAULT_MAX_ARTICLE_BYTES, INPUT_FORMATS_HELP } from './formats.js';

export interface IngestSourceOptions extends FetchOptions {
  /** Glob for files inside directories (default: every supported extension). */
  glob?: string;
  /** Metadata applied where an item has none. */
  source?: string;
  published?: string;
  /** Put before every id the input gives ("bbc-" + "42"): sets whose ids are numbered per file stay apart. */
  idPrefix?: string;
  /** Standard input, for the `-` source. */
  stdin?: NodeJS.ReadableStream;
  /** JSON Lines files bigger than this are read in chunks of `jsonlChunkLines` lines (default 32 MB, 2,000). */
  streamJsonlOver?: number;
  jsonlChunkLines?: number;
  /** The largest text or HTML of one article (one JSON Lines record, page, text file or feed item), in bytes (default 5 MB). */
  maxArticleBytes?: number;
}

const DEFAULT_GLOB = '**/*.{txt,text,md,markdown,html,htm,xhtml,jsonl,ndjson,jsonl.gz,ndjson.gz,rss,atom,xml}';
/** A folder of articles often carries its own paperwork; with the default glob it is not news. */
const PAPERWORK = ['**/{README,LICENSE,LICENCE,CHANGELOG,CHANGES,CONTRIBUTING,NOTICE,COPYING,AUTHORS}{,.*}', '**/node_modules/**'];

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** The largest decompressed gzip input read at once (a bigger `.jsonl.gz` file is streamed). */
const MAX_GUNZIPPED_BYTES = 256 * 1024 * 1024;

/** What a binary input is, when its first bytes say so, and what to do with it. */
function binaryMessage(bytes: Uint8Array): string {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'this is a ZIP archive: unzip it and ingest the files inside (or the folder)';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'this is a PDF: convert it to text first (for example with pdftotext), then ingest the .txt';
  return 'this is a binary file (it contains NUL or control bytes), not text, HTML, JSON Lines, JSON or a feed';
}

/**
 * Decodes bytes, refusing binary content with a message naming the origin. gzip-compressed input
 * (`.jsonl.gz`, `zcat`-less pipes) is decompressed first.
 */
export function decodeInput(bytes: Uint8Array, origin: string, declared?: string | null, maxGunzipped?: number): { text: string } | { error: string } {
  if (bytes.length === 0) return { error: 'the file is empty' };
  if (isGzip(bytes)) {
    const max = maxGunzipped ?? MAX_GUNZIPPED_BYTES;
    try {
      bytes = new Uint8Array(gunzipSync(bytes, { maxOutputLength: max }));
    } catch (e) {
      const tooBig = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /larger than|too large/i.test((e as Error).message);
      return {
        error: !tooBig
          ? `this gzip file is damaged (${(e as Error).message}); check it with \`gzip -t\``
          : maxGunzipped !== undefined
            ? `this gzip-compressed response decompresses to over the ${formatBytes(max)} limit (--max-bytes)`
            : `this gzip file decompresses to over ${formatBytes(max)}: name it .jsonl.gz (read in chunks) or split it`,
      };
    }
    if (bytes.length === 0) return { error: 'the gzip file is empty' };
  }
  if (isBinary(bytes)) return { error: binaryMessage(bytes) };
  const { text } = decodeBytes(bytes, { declared: declared ?? undefined });
  return { text };
}

/**
 * The text of a request body (POST /api/ingest): the charset its Content-Type declares, checked
 * against the bytes, else sniffed as files are — a latin-1 body is not read as broken UTF-8.
 */
export function decodeRequestBody(bytes: Uint8Array, contentType?: string | null): string {
  if (bytes.length === 0) return '';
  return decodeBytes(bytes, { declared: contentType ?? undefined }).text.replace(/^\uFEFF/, '');
}

function applyDefaults(result: ParseResult<RawDoc>, options: IngestSourceOptions): ParseResult<RawDoc> {
  for (const item of result.items) {
    if (!item.source && options.source) item.source = options.source;
    if (!item.published && options.published) item.published = options.published;
    if (item.id && options.idPrefix) item.id = options.idPrefix + item.id;
  }
  return result;
}

const maxArticleBytes = (options: IngestSourceOptions) => options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return new Uint8Array(Buffer.concat(chunks));
}

/** Reads one file of a known or sniffed format. */
export async function readFileSource(path: string, options: IngestSourceOptions = {}): Promise<ParseResult<RawDoc>> {
  const origin = path;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { items: [], errors: [{ origin, message: `cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}` }] };
  }
  const decoded = decodeInput(bytes, origin);
  if ('error' in decoded) return { items: [], errors: [{ origin, message: decoded.error }] };
  const format: InputFormat = formatForPath(path) ?? sniffFormat(decoded.text);
  return applyDefaults(parseContent(decoded.text, format, origin, { path: relative(process.cwd(), resolve(path)) || path }, maxArticleBytes(options)), options);
}

/**
 * A big JSON Lines file (a day of a crawl) read a chunk of lines at a time, so memory stays bounded
 * whatever its size; line numbers in errors are the file's. JSON Lines is UTF-8 by definition.
 */
export async function* readJsonlChunks(path: string, options: IngestSourceOptions = {}): AsyncGenerator<ParseResult<RawDoc> & { origin: string }> {
  const head = Buffer.alloc(8192);
  const fh = await open(path, 'r');
  const { bytesRead } = await fh.read(head, 0, head.length, 0).finally(() => fh.close());
  const headBytes = new Uint8Array(head.subarray(0, bytesRead));
  const gzipped = isGzip(headBytes);
  if (!gzipped && isBinary(headBytes)) {
    yield { origin: path, items: [], errors: [{ origin: path, message: `${binaryMessage(headBytes)}; expected JSON Lines` }] };
    return;
  }
  const chunkLines = options.jsonlChunkLines ?? 2000;
  const max = maxArticleBytes(options);
  const input: AsyncIterable<Buffer> = gzipped ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  let chunk: string[] = [];
  /** Lines of the chunk over the article cap, refused unread (their place in `chunk` is left blank). */
  let tooLong: InputError[] = [];
  let first = 1;
  let lineNo = 0;
  let damage: string | null = null;
  const parsed = () => {
    const result = applyDefaults(parseJsonl(chunk.join('\n'), path, first, max), options);
    if (tooLong.length) result.errors = [...tooLong, ...result.errors].sort((a, b) => lineOf(a.origin) - lineOf(b.origin));
    return result;
  };
  try {
    for await (const line of jsonLines(input, max)) {
      lineNo++;
      if (typeof line === 'number') {
        chunk.push('');
        tooLong.push({ origin: `${path}:${lineNo}`, message: tooBigMessage('the record', line, max) });
      } else chunk.push(lineNo === 1 ? line.replace(/^\uFEFF/, '') : line);
      if (chunk.length >= chunkLines) {
        yield { origin: path, ...parsed() };
        chunk = [];
        tooLong = [];
        first = lineNo + 1;
      }
    }
  } catch (e) {
    if (!gzipped) throw e;
    // A gzip file cut short: the lines read so far are kept, a last partial one is not.
    if (chunk.length && !isJson(chunk[chunk.length - 1]!)) chunk.pop(), lineNo--;
    damage = `this gzip file is damaged or cut short after line ${lineNo} (${(e as Error).message}); check it with \`gzip -t\``;
  }
  const rest = chunk.length ? parsed() : { items: [], errors: [] };
  if (damage) rest.errors.push({ origin: path, message: damage });
  if (rest.items.length || rest.errors.length) yield { origin: path, ...rest };
}

const lineOf = (origin: string) => Number(/:(\d+)(?:#\d+)?$/.exec(origin)?.[1] ?? 0);

/**
 * The lines of a byte stream as readline splits them (at \n, \r\n or \r), decoded as UTF-8, except
 * that a line over `maxBytes` is not kept: its byte count stands for it. A file of one 2 GB line
 * costs no more memory than its limit (readline held the whole line, then failed unnamed).
 */
async function* jsonLines(input: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<string | number> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let parts: Buffer[] = [];
  let size = 0;
  const add = (piece: Buffer) => {
    size += piece.length;
    if (size <= maxBytes) parts.push(piece);
    else parts = [];
  };
  const end = (): string | number => {
    const out = size > maxBytes ? size : decoder.decode(Buffer.concat(parts, size));
    parts = [];
    size = 0;
    return out;
  };
  // (a \n right after the \r that ended a line, in this chunk or the next, ends nothing more)
  let afterCr = false;
  for await (const chunk of input) {
    let from = 0;
    let lf = chunk.indexOf(10);
    let cr = chunk.indexOf(13);
    for (;;) {
      if (afterCr && from < chunk.length) {
        if (chunk[from] === 10) from++;
        afterCr = false;
      }
      if (lf !== -1 && lf < from) lf = chunk.indexOf(10, from);
      if (cr !== -1 && cr < from) cr = chunk.indexOf(13, from);
      const at = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (at === -1) break;
      add(chunk.subarray(from, at));
      yield end();
      afterCr = chunk[at] === 13;
      from = at + 1;
    }
    add(chunk.subarray(from));
  }
  if (size > 0) yield end();
}

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

async function* readPath(path: string, size: number, options: IngestSourceOptions): AsyncGenerator<ParseResult<RawDoc> & { origin: string }> {
  const format = formatForPath(path);
  // One page or text is one article: one far over the cap is refused unread (4×: UTF-16 or heavy markup that decodes smaller).
  if ((format === 'html' || format === 'text') && !isGzipPath(path) && size > 4 * maxArticleBytes(options)) {
    const max = maxArticleBytes(options);
    yield { origin: path, items: [], errors: [{ origin: path, message: `the file is ${formatBytes(size)}, over the ${formatBytes(max)} limit for one article (raise it with --max-article-bytes if this really is one article)` }] };
  } else if (format === 'jsonl' && (isGzipPath(path) || size > (options.streamJsonlOver ?? 32 * 1024 * 1024))) yield* readJsonlChunks(path, options);
  else yield { origin: path, ...(await readFileSource(path, options)) };
}

/**
 * The format of fetched content: a specific Content-Type decides, else the URL's extension (a
 * static server sends .jsonl as octet-stream or text/plain), else the content itself.
 */
function urlFormat(url: string, text: string, contentType: string | null): InputFormat {
  const ct = (contentType ?? '').toLowerCase();
  const generic = !ct || /^(text\/plain|application\/octet-stream|binary\/octet-stream)\b/.test(ct);
  let byExtension: InputFormat | null = null;
  try {
    byExtension = formatForPath(new URL(url).pathname);
  } catch {
    byExtension = null;
  }
  if (generic && byExtension) return byExtension;
  return sniffFormat(text, contentType);
}

/** Fetches one URL (a page or a feed). */
export async function readUrlSource(url: string, options: IngestSourceOptions = {}): Promise<ParseResult<RawDoc>> {
  try {
    const fetched = await fetchUrl(url, options);
    const charset = /charset=([^;]+)/i.exec(fetched.contentType ?? '')?.[1] ?? null;
    // (a response's limit holds for what it decompresses to: 190 KB of gzip made 200 MB of text)
    const decoded = decodeInput(fetched.bytes, url, charset, options.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    if ('error' in decoded) return { items: [], errors: [{ origin: url, message: decoded.error }] };
    return applyDefaults(parseContent(decoded.text, urlFormat(fetched.url, decoded.text, fetched.contentType), url, { url: fetched.url }, maxArticleBytes(options)), options);
  } catch (e) {
    return { items: [], errors: [{ origin: url, message: (e as Error).message }] };
  }
}

/**
 * Merges consecutive small sources (one file each, in a folder of .txt or .html files) into groups
 * of at least `minItems` items: an ingest batch then spans files, so undated articles are dated
 * together and arrive in publication order across files. A source with errors closes the group
 * before it, so a strict ingest still stops where the first bad input is.
 */
export async function* groupSources(
  sources: AsyncIterable<ParseResult<RawDoc> & { origin: string }>,
  minItems: number,
): AsyncGenerator<ParseResult<RawDoc> & { origin: string }> {
  let group: { origins: string[]; items: RawDoc[] } = { origins: [], items: [] };
  const flush = (): (ParseResult<RawDoc> & { origin: string }) | null => {
    if (group.origins.length === 0) return null;
    const { origins, items } = group;
    group = { origins: [], items: [] };
    const origin = origins.length === 1 ? origins[0]! : `${origins[0]} … ${origins[origins.length - 1]} (${origins.length} inputs)`;
    return { origin, items, errors: [] };
  };
  for await (const source of sources) {
    if (source.errors.length > 0) {
      const before = flush();
      if (before) yield before;
      yield source;
      continue;
    }
    group.origins.push(source.origin);
    for (const item of source.items) group.items.push(item);
    if (group.items.length >= minItems) yield flush()!;
  }
  const rest = flush();
  if (rest) yield rest;
}

/** The files of a directory that an ingest reads, relative to it, in order. */
async function filesIn(dir: string, options: Pick<IngestSourceOptions, 'glob'>): Promise<string[]> {
  return (
    await glob(options.glob ?? DEFAULT_GLOB, {
      cwd: dir,
      absolute: false,
      onlyFiles: true,
      dot: false,
      caseSensitiveMatch: false,
      ignore: options.glob ? [] : PAPERWORK,
    })
  ).sort();
}

/**
 * How many items the inputs hold, counted cheaply before an ingest so that its progress has a total
 * and an ETA: a JSON Lines file counts its non-blank lines, any other file one (a page, a text, or
 * the one error it makes). Null when an input cannot be counted without parsing it: stdin, a URL, a
 * gzipped file, a JSON array or a feed.
 */
export async function countInputItems(inputs: string[], options: Pick<IngestSourceOptions, 'glob'> = {}): Promise<number | null> {
  let total = 0;
  for (const input of inputs) {
    if (input === '-' || isUrl(input)) return null;
    const info = await stat(input).catch(() => null);
    if (!info) {
      total++;
      continue;
    }
    const paths = info.isDirectory() ? (await filesIn(input, options)).map((f) => `${input.replace(/\/$/, '')}/${f}`) : [input];
    if (info.isDirectory() && paths.length === 0) total++;
    for (const path of paths) {
      const format = formatForPath(path);
      if (isGzipPath(path) || format === 'json' || format === 'feed') return null;
      total += format === 'jsonl' ? await countNonBlankLines(path).catch(() => 1) : 1;
    }
  }
  return total;
}

async function countNonBlankLines(path: string): Promise<number> {
  let lines = 0;
  let content = false;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 10) {
        if (content) lines++;
        content = false;
      } else if (b > 32) content = true;
    }
  }
  return content ? lines + 1 : lines;
}

/**
 * Expands the user's inputs and yields one parse result per source, in order. Directories are
 * walked recursively (`options.glob`), `-` reads JSON Lines from stdin.
 */
export async function* readSources(inputs: string[], options: IngestSourceOptions = {}): AsyncGenerator<ParseResult<RawDoc> & { origin: string }> {
  for (const input of inputs) {
    // Whatever goes wrong reading one input is that input's error: the others are still read.
    try {
      yield* readInput(input, options);
    } catch (e) {
      yield { origin: input === '-' ? 'stdin' : input, items: [], errors: [{ origin: input === '-' ? 'stdin' : input, message: `cannot read: ${(e as Error).message}` }] };
    }
  }
}

async function* readInput(input: string, options: IngestSourceOptions): AsyncGenerator<ParseResult<RawDoc> & { origin: string }> {
  if (input === '-') {
    const bytes = await readStream(options.stdin ?? process.stdin);
    const decoded = decodeInput(bytes, 'stdin');
    if ('error' in decoded) yield { origin: 'stdin', items: [], errors: [{ origin: 'stdin', message: decoded.error }] };
    else yield { origin: 'stdin', ...applyDefaults(parseContent(decoded.text, sniffStdinFormat(decoded.text), 'stdin', {}, maxArticleBytes(options)), options) };
    return;
  }
  if (isUrl(input)) {
    yield { origin: input, ...(await readUrlSource(input, options)) };
    return;
  }
  let info;
  try {
    info = await stat(input);
  } catch {
    yield { origin: input, items: [], errors: [{ origin: input, message: 'no such file or directory' }] };
    return;
  }
  if (!info.isDirectory()) {
    yield* readPath(input, info.size, options);
    return;
  }
  const files = await filesIn(input, options);
  if (files.length === 0) {
    yield { origin: input, items: [], errors: [{ origin: input, message: `no files matching ${options.glob ?? DEFAULT_GLOB} in this directory` }] };
  }
  for (const file of files) {
    const path = `${input.replace(/\/$/, '')}/${file}`;
    try {
      yield* readPath(path, (await stat(path).catch(() => null))?.size ?? 0, options);
    } catch (e) {
      yield { origin: path, items: [], errors: [{ origin: path, message: `cannot read: ${(e as Error).message}` }] };
    }
  }
}
