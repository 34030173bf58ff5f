// Plumbing shared by the JSON Lines batch tools (ner, timex, quotes, extract, cluster, tls):
// one output record per input record, in order, with the input's id; a bad record gets an
// output record with an "error" field and the tool goes on.
import { Readable, pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

/**
 * A reader that stops early (`| head`) closes the pipe: like any Unix tool, the command then ends
 * quietly with status 0 instead of a stack trace. Other write errors still surface.
 */
export function exitQuietlyOnClosedPipe(out: NodeJS.WritableStream = process.stdout): void {
  if ((out as { __storylineEpipe?: boolean }).__storylineEpipe) return;
  (out as { __storylineEpipe?: boolean }).__storylineEpipe = true;
  out.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(0);
    throw e;
  });
}

export interface BatchRecord {
  line: number;
  value: Record<string, unknown>;
}

/**
 * A batch tool started on a terminal with nothing piped in would wait silently for input: say on
 * stderr what it reads (stdout stays the tool's output).
 */
export function hintWhenStdinIsTerminal(tool: string, reads = 'JSON Lines', also = '', stdin: { isTTY?: boolean } = process.stdin, err: NodeJS.WritableStream = process.stderr): void {
  if (!stdin.isTTY) return;
  err.write(`storyline ${tool}: reading ${reads} from stdin (Ctrl-D to end); pipe a file (storyline ${tool} < FILE) or see storyline ${tool} --help${also ? `; ${also}` : ''}\n`);
}

/** Reads JSON Lines from a stream, yielding parsed objects or an error naming the line. */
export async function* readJsonLines(
  input: NodeJS.ReadableStream,
  maxLineBytes = MAX_LINE_BYTES,
): AsyncGenerator<{ line: number; value?: Record<string, unknown>; error?: string; raw: string }> {
  // The tool's output goes to stdout: a reader that stops early ends the run quietly.
  exitQuietlyOnClosedPipe(process.stdout);
  let line = 0;
  for await (const read of inputLines(inflateIfGzipped(input), maxLineBytes)) {
    line++;
    if (read instanceof SkippedLine) {
      yield { line, raw: read.head, error: `line ${line}: ${megabytes(read.bytes)} in one line, over the ${megabytes(maxLineBytes)} a batch tool reads: skipped — is the file missing its line ends? Otherwise split the record` };
      continue;
    }
    // (a byte order mark opening the file, as Windows editors save UTF-8: `storyline ingest` drops it too)
    const raw = line === 1 && read.charCodeAt(0) === 0xfeff ? read.slice(1) : read;
    if (raw.trim() === '') continue;
    try {
      const value = JSON.parse(raw) as unknown;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        yield { line, raw, error: `line ${line}: expected a JSON object` };
      } else {
        yield { line, raw, value: value as Record<string, unknown> };
      }
    } catch (e) {
      yield { line, raw, error: `line ${line}: invalid JSON (${(e as Error).message})` };
    }
  }
}

/**
 * The longest line a batch tool reads: a line is decoded into one string, and V8's strings stop at 2^29 − 24 characters
 * (≈ 512 MB); a longer line ended the run ("Cannot create a string longer than 0x1fffffe8 characters") after holding
 * it twice over. Past this the line is skipped, its bytes let go as they come, and the run goes on.
 */
export const MAX_LINE_BYTES = 256 * 1024 * 1024;

/** A line longer than the limit, not read: its length in bytes, and its first bytes (for the record's id). */
export class SkippedLine {
  constructor(
    readonly bytes: number,
    readonly head: string,
  ) {}
}

const HEAD_BYTES = 4096;
const headOf = (parts: Buffer[]): string => Buffer.concat(parts, Math.min(HEAD_BYTES, parts.reduce((n, p) => n + p.length, 0))).toString('utf8');
const megabytes = (bytes: number): string => (bytes < 2 ** 20 ? `${bytes} bytes` : `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MB`);

/**
 * The lines of a byte stream as node:readline gives them with `crlfDelay: Infinity` (\n, \r\n or a lone \r end a
 * line, a \r\n split between chunks included; a last line without an end counts when it is not empty), each decoded
 * from UTF-8 whole. Line ends are ASCII and never inside a UTF-8 sequence, so a line decoded alone reads as it does
 * decoded in the stream (an invalid sequence included). Lines are found with the bytes' indexOf and decoded once:
 * readline decoded every chunk, split it with a regular expression and joined the pieces of a line read in several
 * chunks (pages are 100 KB lines: ≈ 5 % of a `storyline extract` run). A line over `maxLineBytes` is a SkippedLine.
 */
export async function* inputLines(chunks: AsyncIterable<Buffer | string>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<string | SkippedLine> {
  let pieces: Buffer[] = []; // the unfinished line's bytes from earlier chunks
  let held = 0; // their length
  let skipping: { bytes: number; head: string } | null = null; // the unfinished line, when it is over the limit
  let afterCR = false; // the last chunk ended with a \r: a \n starting the next one belongs to that line end
  for await (const c of chunks) {
    const chunk = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
    if (chunk.length === 0) continue;
    let start = 0;
    if (afterCR) {
      afterCR = false;
      if (chunk[0] === 10) start = 1;
    }
    const anyCR = chunk.indexOf(13, start) >= 0;
    for (;;) {
      const end = anyCR ? lineEndIn(chunk, start) : chunk.indexOf(10, start);
      if (end < 0) break;
      if (skipping) {
        yield new SkippedLine(skipping.bytes + end - start, skipping.head);
        skipping = null;
      } else if (held + end - start > maxLineBytes) {
        yield new SkippedLine(held + end - start, headOf([...pieces, chunk.subarray(start, end)]));
        pieces = [];
        held = 0;
      } else if (pieces.length) {
        pieces.push(chunk.subarray(start, end));
        yield Buffer.concat(pieces).toString('utf8');
        pieces = [];
        held = 0;
      } else yield chunk.toString('utf8', start, end);
      start = end + 1;
      if (chunk[end] === 13) {
        if (start === chunk.length) afterCR = true;
        else if (chunk[start] === 10) start++;
      }
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (skipping) skipping.bytes += rest.length;
      else if (held + rest.length > maxLineBytes) {
        skipping = { bytes: held + rest.length, head: headOf([...pieces, rest]) };
        pieces = [];
        held = 0;
      } else {
        pieces.push(rest);
        held += rest.length;
      }
    }
  }
  if (skipping) yield new SkippedLine(skipping.bytes, skipping.head);
  else if (pieces.length) {
    // (readline drops what its decoder holds at the end: the start of a character cut off by the end of the input)
    const last = new StringDecoder('utf8').write(Buffer.concat(pieces));
    if (last !== '') yield last;
  }
}

/** The index of the first \n or \r from `from`, or -1. */
function lineEndIn(bytes: Buffer, from: number): number {
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 10 || b === 13) return i;
  }
  return -1;
}

/** The input's bytes, gunzipped when they start with gzip's magic number (`storyline extract < pages.jsonl.gz`). */
async function* inflateIfGzipped(input: NodeJS.ReadableStream): AsyncGenerator<Buffer | string> {
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const first = await chunks.next();
  if (first.done) return;
  const all = (async function* () {
    yield first.value;
    for (let c = await chunks.next(); !c.done; c = await chunks.next()) yield c.value;
  })();
  const head = first.value;
  if (!(Buffer.isBuffer(head) && head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)) {
    yield* all;
    return;
  }
  const gunzip = createGunzip();
  pipeline(Readable.from(all), gunzip, () => undefined);
  try {
    yield* gunzip as AsyncIterable<Buffer>;
  } catch (e) {
    throw new Error(`stdin: the input starts like gzip but cannot be decompressed (${(e as Error).message}): check the file, or decompress it with zcat first`);
  }
}

/** Best-effort id of a raw line that failed to parse, so the error record still carries it. */
export function idOfRawLine(raw: string): string | null {
  const m = /"id"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(raw);
  return m ? m[1]! : null;
}

/** Writes one JSON record a line to stdout, respecting back-pressure; a closed pipe ends the run quietly. */
export function createWriter(out: NodeJS.WritableStream = process.stdout) {
  if (out === process.stdout) exitQuietlyOnClosedPipe(out);
  return {
    async write(record: unknown): Promise<void> {
      if (!out.write(JSON.stringify(record) + '\n')) {
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
    },
  };
}

/**
 * Runs a per-record batch tool: reads JSONL from stdin, calls `handle` for each object,
 * writes its result (merged with the id) or an error record.
 */
export async function runJsonlTool(
  handle: (value: Record<string, unknown>, line: number) => Record<string, unknown> | Promise<Record<string, unknown>>,
  input: NodeJS.ReadableStream = process.stdin,
  out: NodeJS.WritableStream = process.stdout,
): Promise<{ records: number; errors: number }> {
  const writer = createWriter(out);
  let records = 0;
  let errors = 0;
  for await (const item of readJsonLines(input)) {
    records++;
    if (item.error || !item.value) {
      errors++;
      await writer.write({ id: idOfRawLine(item.raw), error: `stdin:${item.error}` });
      continue;
    }
    const id = item.value.id ?? null;
    try {
      const result = await handle(item.value, item.line);
      await writer.write({ id, ...result });
    } catch (e) {
      errors++;
      await writer.write({ id, error: `stdin:line ${item.line}: ${(e as Error).message}` });
    }
  }
  return { records, errors };
}

/** Reads a required string field or throws an error naming it. */
export function requireString(value: Record<string, unknown>, field: string): string {
  const v = value[field];
  if (typeof v !== 'string') throw new Error(`field "${field}" must be a string`);
  return v;
}

export function optionalString(value: Record<string, unknown>, field: string): string | undefined {
  const v = value[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Error(`field "${field}" must be a string when given`);
  return v;
}
