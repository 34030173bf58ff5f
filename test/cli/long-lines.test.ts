// A line too long to read (review 12): a batch tool decodes each line into one string, and a line
// past V8's longest string (≈ 512 MB: a page with its images inlined, a file missing its line ends)
// ended the whole run — "storyline: Cannot create a string longer than 0x1fffffe8 characters", no
// line number, the records after it never read — after holding it twice over (564 MB line: 1.19 GB
// RSS). Lines over MAX_LINE_BYTES are now skipped as they come, named in an error record, and the
// run goes on.
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES, SkippedLine, idOfRawLine, inputLines, readJsonLines } from '../../src/cli/batch.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const MAX = 16;
const ours = (chunks: Buffer[]) =>
  collect(
    inputLines(
      (async function* () {
        yield* chunks;
      })(),
      MAX,
    ),
  ).then((lines) => lines.map((l) => (l instanceof SkippedLine ? { skipped: l.bytes } : l)));
/** readline's lines, those over the limit replaced by their length in bytes. */
const expected = async (chunks: Buffer[]) =>
  (await collect(createInterface({ input: Readable.from(chunks), crlfDelay: Infinity }))).map((l) => (Buffer.byteLength(l) > MAX ? { skipped: Buffer.byteLength(l) } : l));

describe('a line over the limit', () => {
  it('is skipped with its length, the lines around it read as readline reads them, at every cut of the input', async () => {
    const texts = [
      `short\n${'x'.repeat(40)}\r\nok\n${'y'.repeat(30)}`,
      `${'é'.repeat(9)}\n${'z'.repeat(16)}\r${'w'.repeat(17)}\r\n\n`,
      `${'q'.repeat(50)}\r`,
    ];
    for (const text of texts) {
      const bytes = Buffer.from(text, 'utf8');
      for (let i = 0; i <= bytes.length; i++) {
        for (let j = i; j <= bytes.length; j += 3) {
          const chunks = [bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)].filter((c) => c.length > 0);
          expect(await ours(chunks), `${JSON.stringify(text)} cut at ${i}, ${j}`).toEqual(await expected(chunks));
        }
      }
    }
  });

  it('gives an error record naming its line and the record id, and the next record is read', async () => {
    const big = JSON.stringify({ id: 'inlined-page', html: `<img src="data:image/png;base64,${'A'.repeat(200)}">` });
    const input = Readable.from([Buffer.from(`${big}\n{"id":"next","text":"The bridge opens on Monday."}\n`)]);
    const records = await collect(readJsonLines(input, 100));
    expect(records.map((r) => r.error ?? r.value!.id)).toEqual([
      `line 1: ${Buffer.byteLength(big)} bytes in one line, over the 100 bytes a batch tool reads: skipped — is the file missing its line ends? Otherwise split the record`,
      'next',
    ]);
    expect(idOfRawLine(records[0]!.raw)).toBe('inlined-page');
    expect(MAX_LINE_BYTES).toBe(256 * 1024 * 1024);
  });
});
