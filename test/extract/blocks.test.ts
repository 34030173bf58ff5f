import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { collapseSpaces, duplicateKey, normalizeLineForRepetition, textFeatures, textFeaturesByPatterns } from '../../src/extract/blocks.js';

// The regular-expression definitions the one-pass ASCII keys and the whitespace shortcut stand for.
const NON_ASCII = /[^\x00-\x7f]/;
const nfkc = (s: string) => (NON_ASCII.test(s) ? s.normalize('NFKC') : s);
const repetitionByPatterns = (line: string) =>
  nfkc(line)
    .toLowerCase()
    .replace(/[“”«»„‟"″]/g, '"')
    .replace(/[‘’‚‛'′`]/g, "'")
    .replace(/\d+/g, '0')
    .replace(/[^\p{L}\p{N}'"]+/gu, ' ')
    .trim();
const duplicateByPatterns = (text: string) =>
  nfkc(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const seeds = ['000_579504aca85b9f81.txt', '001_aa04ac5f397be0f2.txt', '002_af815def54e2eb59.txt', '003_70335ce47c40be49.txt', '004_0c206504672e1e96.txt'].map((name) =>
  readFileSync(new URL(`../../examples/seeds/${name}`, import.meta.url), 'utf8'),
);
const aeb = gunzipSync(readFileSync(new URL('../../../shared/data/aeb/input.jsonl.gz', import.meta.url)))
  .toString('utf8')
  .split('\n')
  .slice(0, 40)
  .filter(Boolean)
  .map((l) => String((JSON.parse(l) as { html?: string }).html ?? ''));

/** Short strings over the characters the ASCII paths treat apart (seeded: the same strings every run). */
function randomLines(count: number): string[] {
  const chars = ' \t\n\r\v\f`\'"0123456789aZzA.-_,;:!?()[]<>/\\|@#&*+=~\u00a0’é';
  let seed = 7;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % chars.length;
  return Array.from({ length: count }, () => {
    let s = '';
    const n = next() % 14;
    for (let i = 0; i < n; i++) s += chars[next()];
    return s;
  });
}

describe('block keys and whitespace, fast paths = their definitions', () => {
  const lines = [...[...seeds, ...aeb].flatMap((t) => t.split('\n')), ...randomLines(20000)];

  it('normalizeLineForRepetition and duplicateKey equal the pattern chains', () => {
    expect(lines.length).toBeGreaterThan(20000);
    for (const line of lines) {
      expect(normalizeLineForRepetition(line), line).toBe(repetitionByPatterns(line));
      expect(duplicateKey(line), line).toBe(duplicateByPatterns(line));
    }
  });

  it('textFeatures of ASCII lines (one scan) equals the word-pattern definition', () => {
    for (const line of lines) expect(textFeatures(line), line).toEqual(textFeaturesByPatterns(line));
  });

  it('collapseSpaces equals replace(/\\s+/g, " ")', () => {
    for (const line of lines) expect(collapseSpaces(line), line).toBe(line.replace(/\s+/g, ' '));
  });
});

describe('hostile text is read in linear time (code review, session 6)', () => {
  it('a 120,000-letter run with no "@" is no e-mail address (the address pattern backtracked over it)', async () => {
    const { extractFromText } = await import('../../src/extract/text/index.js');
    const out = extractFromText('A'.repeat(120_000) + ' |');
    expect(out.text.length).toBeGreaterThan(100_000);
  }, 5_000);
});
