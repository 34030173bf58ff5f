// Letter shapes (letters.ts): the credit patterns run on a same-length text whose non-ASCII letters
// are stand-ins, with small classes instead of \p{L}/\p{Lu}. They must find exactly what the
// Unicode-property patterns find, at the same places, in any script.
import { describe, expect, it } from 'vitest';
import { letterShape, shapedPattern } from '../../src/extract/letters.js';
import { splitDateline } from '../../src/extract/dateline.js';
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

  it('leaves datelines and bylines with non-ASCII letters read as before (the dateline patterns run on shapes too)', () => {
    const cases: [string, string, string | null, string | null][] = [
      ['SÃO PAULO, Brazil (Reuters) - Petrobras said on Monday it would drill.', 'SÃO PAULO, Brazil (Reuters) -', 'SÃO PAULO, Brazil', null],
      ['ZÜRICH -- Die Schweizer Bank meldete einen Verlust.', 'ZÜRICH --', 'ZÜRICH', null],
      ['By José Álvarez and Émilie Dubois Officials said the well was capped.', 'By José Álvarez and Émilie Dubois', null, null],
      ['MÉXICO | Mon May 4, 2009 10:15 am EDT MÉXICO (Reuters) - Mexico said.', 'MÉXICO | Mon May 4, 2009 10:15 am EDT MÉXICO (Reuters) -', 'MÉXICO', '2009-05-04'],
      ['Łukasz Nowak | 18:00 UK time, Saturday, 25 April 2009 Experts said it.', 'Łukasz Nowak | 18:00 UK time, Saturday, 25 April 2009', null, '2009-04-25'],
      ['By Ольга Иванова BBC News, Москва Officials said.', 'By Ольга Иванова BBC News, Москва', null, null],
    ];
    for (const [text, prefix, place, date] of cases) {
      const split = splitDateline(text)!;
      expect([split.prefix, split.place, split.date], text).toEqual([prefix, place, date]);
    }
  });
});
