import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/extract/language.js';

const T17 = new URL('../../../shared/data/t17/', import.meta.url);

describe('language of a text without a declaration', () => {
  it('reads name-heavy and short English news as English', () => {
    // Character n-grams of the first 360 characters took 123 of 2,460 Timeline17 articles for
    // Irish, Hindi, German, Berber…; function words over a longer sample decide them.
    const texts = readdirSync(T17).flatMap((f) => readFileSync(new URL(`${f}/articles.jsonl`, T17), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text));
    const english = texts.filter((t) => detectLanguage(t, null) === 'en').length;
    expect(english / texts.length).toBeGreaterThan(0.985);
    expect(detectLanguage('Oil spill victims find an outlet for anger about the crisis and resentment toward BP . \n', null)).toBe('en');
    expect(detectLanguage('The article incorrectly said that Sen. Kent Conrad -LRB- D-N.D. -RRB- chairs the Senate banking committee . \nConrad is the chairman of the Budget Committee . \nObama Picks N.Y. Fed President Geithner as Treasury Secretary', null)).toBe('en');
  });

  it('reads only a sample of a hostile text (no quadratic backtracking on 80,000 characters)', () => {
    // An address plus a long run of "a-a-a-…" took 7.4 s before the address pattern was anchored
    // and limited to the sample; a generous bound catches a return of the quadratic case.
    const started = performance.now();
    expect(detectLanguage('see example.com now. ' + '_-'.repeat(40_000) + '.', null)).toBeTruthy();
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('still tells other languages apart', () => {
    expect(detectLanguage('A Fantástica Loja dos Materiais Educativos é um lugar onde as crianças aprendem brincando, e nós fomos conhecer de perto o trabalho que fazem com muito carinho.', null)).toBe('pt');
    expect(detectLanguage('Die elektronische Patientenakte soll die Kommunikation zwischen Ärzten, Krankenhäusern und Patienten verbessern, doch der Weg dorthin ist lang.', null)).toBe('de');
  });
});
