import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packSentences, segment, tokenOffsets, tokenize } from '../../src/language/segment.js';

const words = (text: string) => tokenize(text).map((t) => t.text);
const sentences = (text: string) => segment(text).map((s) => text.slice(s.start, s.end));

describe('tokenize', () => {
  it('splits punctuation, clitics and possessives like the Penn Treebank', () => {
    expect(words(`Russia's president didn't say "no," he said.`)).toEqual(['Russia', "'s", 'president', 'did', "n't", 'say', '"', 'no', ',', '"', 'he', 'said', '.']);
    expect(words('Biden’s aides can’t and won’t.')).toEqual(['Biden', '’s', 'aides', 'ca', 'n’t', 'and', 'wo', 'n’t', '.']);
    expect(words("O'Neill met D'Angelo")).toEqual(["O'Neill", 'met', "D'Angelo"]);
  });
  it('keeps abbreviations, initials, numbers and hyphenated words whole', () => {
    expect(words('Dr. J. R. Smith of the U.S. paid $1,200.50 (3.5%) on Jan. 5 at 4:25 p.m.')).toEqual([
      'Dr.', 'J.', 'R.', 'Smith', 'of', 'the', 'U.S.', 'paid', '$', '1,200.50', '(', '3.5', '%', ')', 'on', 'Jan.', '5', 'at', '4:25', 'p.m.',
    ]);
    expect(words('Anglo-Dutch talks on 1996-08-22 -- or later...')).toEqual(['Anglo-Dutch', 'talks', 'on', '1996-08-22', '--', 'or', 'later', '...']);
  });
  it('gives UTF-16 offsets into the text', () => {
    const text = '  “Всё” — Zelensky’s 🇺🇦 reply.';
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(words(text)).toContain('Zelensky');
  });
  it('respects start and end', () => {
    const text = 'One two. Three four.';
    expect(tokenize(text, 9, 19).map((t) => [t.text, t.start])).toEqual([['Three', 9], ['four', 15]]);
  });
});

describe('segment', () => {
  it('does not split after titles, initials, abbreviations or decimals', () => {
    expect(sentences('Dr. Smith met Gov. Jones and Mr. J. Doe on Jan. 5 in St. Louis. Prices rose 3.5 percent.')).toEqual([
      'Dr. Smith met Gov. Jones and Mr. J. Doe on Jan. 5 in St. Louis.',
      'Prices rose 3.5 percent.',
    ]);
  });
  it('splits after an abbreviation that ends a sentence', () => {
    expect(sentences('He lives in the U.S. The country is big.')).toEqual(['He lives in the U.S.', 'The country is big.']);
    expect(sentences('It ended at 4 p.m. Mr. Peskov left.')).toEqual(['It ended at 4 p.m.', 'Mr. Peskov left.']);
  });
  it('keeps closing quotes with their sentence and handles quotes spanning sentences', () => {
    expect(sentences('"We will win. We will not stop," Putin said. The Kremlin agreed.')).toEqual([
      '"We will win.',
      'We will not stop," Putin said.',
      'The Kremlin agreed.',
    ]);
    expect(sentences('He said: “It is over.” Then he left.')).toEqual(['He said: “It is over.”', 'Then he left.']);
  });
  it('handles ellipses, question and exclamation marks', () => {
    expect(sentences('Wait... what? No! It is 5... or 6.')).toEqual(['Wait... what?', 'No!', 'It is 5... or 6.']);
  });
  it('ends sentences at blank lines, headlines, datelines and bullets', () => {
    const text = 'Biden And Putin Talk\nMOSCOW (Reuters) - The Kremlin said talks went well\n\nNext paragraph\n• first point\n• second point';
    expect(sentences(text)).toEqual(['Biden And Putin Talk', 'MOSCOW (Reuters) -', 'The Kremlin said talks went well', 'Next paragraph', '• first point', '• second point']);
  });
  it('joins hard-wrapped lines', () => {
    expect(sentences('The talks, which began on\nMonday, ended today.')).toEqual(['The talks, which began on\nMonday, ended today.']);
  });
  it('segments the seed articles into sentences whose tokens cover the text', () => {
    const dir = new URL('../../examples/seeds/', import.meta.url);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      const ss = segment(text);
      expect(ss.length).toBeGreaterThan(8);
      let prevEnd = 0;
      for (const s of ss) {
        expect(s.start).toBeGreaterThanOrEqual(prevEnd);
        prevEnd = s.end;
        for (const t of s.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
        expect(s.tokens[0]!.start).toBe(s.start);
        expect(s.tokens[s.tokens.length - 1]!.end).toBe(s.end);
      }
      // No sentence runs across a paragraph break.
      for (const s of ss) expect(text.slice(s.start, s.end)).not.toContain('\n\n');
    }
  });
  it('keeps "Mr." with the name and the U.S. inside a seed sentence', () => {
    const text = readFileSync(new URL('../../examples/seeds/004_0c206504672e1e96.txt', import.meta.url), 'utf8');
    const ss = sentences(text);
    expect(ss).toContain('The telephone conversation between US President Joe Biden and his Russian counterpart Vladimir Putin ended at 4:25 p.m. Washington time (12:25 a.m. Moscow time).');
  });
});

describe('packSentences', () => {
  const seeds = new URL('../../examples/seeds/', import.meta.url);
  const texts = readdirSync(seeds)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(new URL(f, seeds), 'utf8'));
  it('keeps every sentence and token of the seeds, read and serialised the same', () => {
    for (const text of texts) {
      const plain = segment(text);
      const packed = packSentences(text, segment(text));
      expect(packed).not.toBe(plain);
      expect(packed.map((s) => [s.start, s.end])).toEqual(plain.map((s) => [s.start, s.end]));
      expect(packed.map((s) => s.tokens)).toEqual(plain.map((s) => s.tokens));
      expect(JSON.stringify(packed)).toBe(JSON.stringify(plain));
      // a token array is made once and then kept
      expect(packed[0]!.tokens).toBe(packed[0]!.tokens);
      expect(packSentences(text, segment(text)).map(tokenOffsets)).toEqual(plain.map(tokenOffsets));
    }
  });
  it('leaves sentences as they are when a token is not the text it spans', () => {
    const text = 'He said no.';
    const sentences = segment(text);
    sentences[0]!.tokens[1] = { ...sentences[0]!.tokens[1]!, text: 'told' };
    expect(packSentences(text, sentences)).toBe(sentences);
  });
});
