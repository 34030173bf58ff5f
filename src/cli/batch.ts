// Plumbing shared by the JSON Lines batch tools (ner, timex, quotes, extract, cluster, tls):
// one output record per input record, in order, with the input's id; a bad record gets an
// output record with an "error" field and the tool goes on.
import { createInterface } from 'node:readline';

export interface BatchRecord {
  line: number;
  value: Record<string, unknown>;
}

/** Reads JSON Lines from a stream, yielding parsed objects or an error naming the line. */
export async function* readJsonLines(
  input: NodeJS.ReadableStream,
): AsyncGenerator<{ line: number; value?: Record<string, unknown>; error?: string; raw: string }> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of rl) {
    line++;
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

/** Best-effort id of a raw line that failed to parse, so the error record still carries it. */
export function idOfRawLine(raw: string): string | null {
  const m = /"id"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(raw);
  return m ? m[1]! : null;
}

/** Writes one JSON record a line to stdout, respecting back-pressure. */
export function createWriter(out: NodeJS.WritableStream = process.stdout) {
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
