// The batch tools' line reader must give the lines node:readline gave, however the input is cut into chunks.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inputLines } from '../../src/cli/batch.js';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

const readlineLines = (chunks: Buffer[]) => collect(createInterface({ input: Readable.from(chunks), crlfDelay: Infinity }));
const ourLines = (chunks: Buffer[]) =>
  collect(
    inputLines(
      (async function* () {
        yield* chunks;
      })(),
    ),
  );

describe('batch input lines', () => {
  it('splits and decodes as readline does at every cut of inputs with every line end and split UTF-8', async () => {
    const texts = [
      'a\nb\r\nc\rd\n\ne\r\r\nf',
      '{"id":"x","text":"café – “quoted” 🙂"}\r\n\r\n{"id":"y"}\n',
      '\r\n\r\r\n\n',
      'last line without an end é',
      'ends with a return\r',
    ];
    const invalid = Buffer.from([0x61, 0xe2, 0x82, 0x0a, 0xf0, 0x9f, 0x0d, 0x0a, 0xc3, 0x0d, 0xff, 0x62, 0x0a, 0xe2]);
    for (const bytes of [...texts.map((t) => Buffer.from(t, 'utf8')), invalid]) {
      const whole = await readlineLines([bytes]);
      expect(await ourLines([bytes])).toEqual(whole);
      for (let i = 0; i <= bytes.length; i++) {
        for (let j = i; j <= bytes.length; j++) {
          // (a stream never gives an empty chunk; readline, given one, forgets a \r just read)
          const chunks = [bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)].filter((c) => c.length > 0);
          expect(await ourLines(chunks), `${JSON.stringify(bytes.toString('latin1'))} cut at ${i}, ${j}`).toEqual(await readlineLines(chunks));
        }
      }
    }
  });

  it('reads the AEB pages in 64 KB chunks as readline does', async () => {
    const bytes = gunzipSync(readFileSync(new URL('../../../shared/data/aeb/input.jsonl.gz', import.meta.url)));
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 65536) chunks.push(bytes.subarray(at, at + 65536));
    const ours = await ourLines(chunks);
    expect(ours.length).toBe(181);
    expect(ours).toEqual(await readlineLines(chunks));
  });
});
