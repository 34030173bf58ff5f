// Letter shapes (letters.ts): the credit patterns run on a same-length text whose non-ASCII letters
// are stand-ins, with small classes instead of \p{L}/\p{Lu}. They must find exactly what the
// Unicode-property patterns find, at the same places, in any script.
import { describe, expect, it } from 'vitest';
import { letterShape, shapedPattern } from '../../src/extract/letters.js';
import { t17Articles } from '../helpers/paths.js';

const NAME = "\\p{Lu}[\\p{L}.'’]*(?:-\\p{L}[\\p{L}.'’]*)*(?:\\s+\\p{Lu}[\\p{L}.'’]*){0,3}";
const PATTERNS = [
  `\\(\\s*${NAME}\\s*(?:\\/|--)\\s*(?:AP|Reuters|\\p{Lu}\\p{Ll}+ Post)\\s*\\)`,
  `(?<![\\p{L}])${NAME}(?![\\p{L}-])`,
  `^[^\\p{L}]*\\p{Ll}{2,}`,
  `(?=\\s+\\p{Lu})\\s+\\p{Lu}\\p{Ll}*`,
];

const lines = [
  'Renée Müller ( Çağrı Özdemir / AP ) said Ägypten’s talks…',
  '( Ahn Young-joon / AP ) Seoul',
  'Σκουριές ( Αλέξης Τσίπρας -- Reuters ) Αθήνα',
  'Москва ( Иван Петров / AP ) — Скважина закрыта',
  '北京 ( 新华社 Photo ) 油井 Ｆｕｌｌ ｗｉｄｔｈ',
  'emoji 😀 and ( Ｚoë Ｌi -- The Washington Post ) end',
  'private \uE000\uE001 use ( Al-Masri / Reuters )',
  ...t17Articles('H1N1_guardian').slice(0, 60).flatMap((r) => (r.text ?? '').split('\n')),
];

describe('letterShape and shapedPattern', () => {
  it('keeps the length and leaves ASCII text as it is', () => {
    for (const l of lines) expect(letterShape(l).length).toBe(l.length);
    expect(letterShape('( AP Photo/Gerald Herbert )')).toBe('( AP Photo/Gerald Herbert )');
  });

  it('matches what the \\p{…} patterns match, at the same places (Latin, Greek, Cyrillic, CJK, T17 lines)', () => {
    for (const source of PATTERNS) {
      const original = new RegExp(source, 'gu');
      const shaped = new RegExp(shapedPattern(source), 'gu');
      for (const l of lines) {
        const want = [...l.matchAll(original)].map((m) => [m.index, m[0].length]);
        const got = [...letterShape(l).matchAll(shaped)].map((m) => [m.index, m[0].length]);
        expect(got, `${source} on ${l}`).toEqual(want);
      }
    }
  });

  it('refuses other properties rather than mistranslate them', () => {
    expect(() => shapedPattern('\\p{N}')).toThrow();
  });
});
