import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { words } from '../../src/link/text.js';
import { words as storyWords, wordCount } from '../../src/story/text.js';

// The word scanners must find exactly what the patterns they replace found.
const LINK_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const STORY_TOKEN = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
const folded = (text: string) => text.toLowerCase().replace(/’/g, "'");
const byPattern = (pattern: RegExp, text: string) => folded(text).match(pattern) ?? [];

const seeds = readFileSync(new URL('../../examples/seeds/seeds.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { text: string }).text);
// letters, digits, joiners and characters around them: accents, other scripts, letter numbers,
// title case, astral letters and emoji (surrogate pairs), a lone surrogate, dashes and spaces
const edge = ['a', 'Z', '9', '1', '-', "'", "''", '’', ' ', '.', 'é', 'ß', '٣', '中', '—', '\u00a0', '𝐀', '😀', '\ud800', '_', 'ǅ', 'ⅷ', 'İ', 'Σ'];
const synthetic: string[] = [];
for (const x of edge) for (const y of edge) for (const z of edge) synthetic.push(x + y + z, `ab${x}${y}${z}cd`, `${x}q${y}r${z}`);

describe('word scanners', () => {
  it('link words are the WORD pattern matches', () => {
    for (const text of [...seeds, ...synthetic]) expect(words(text), JSON.stringify(text.slice(0, 40))).toEqual(byPattern(LINK_WORD, text));
  });

  it('story words and word counts are the TOKEN pattern matches', () => {
    for (const text of [...seeds, ...synthetic]) {
      const expected = byPattern(STORY_TOKEN, text);
      expect(storyWords(text), JSON.stringify(text.slice(0, 40))).toEqual(expected);
      const count = text.match(STORY_TOKEN)?.length ?? 0;
      expect(wordCount(text)).toBe(count);
      for (const atMost of [0, 1, 4, 91]) expect(wordCount(text, atMost)).toBe(Math.min(count, atMost));
    }
  });
});
