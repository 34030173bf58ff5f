import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../../src/types.js';
import type { DatedMention } from '../../src/story/model.js';
import { firstReports } from '../../src/story/timeline.js';
import { contentTerms, cosine, TfIdf, type Vector } from '../../src/story/text.js';

function mention(text: string, articleId: string, date: IsoDate, basis: DatedMention['basis']): DatedMention {
  return {
    articleId, text, date, granularity: 'day', sentence: { start: 0, end: text.length }, actorKeys: [], relative: false,
    basis, last: date, from: date, sentenceIndex: 0, position: 0, published: date, source: null, future: false, weight: 1,
  };
}

/** The plain all-pairs reading of firstReports' rule: what the indexed version must reproduce. */
function movedByAllPairs(mentions: DatedMention[], vectorOf: Map<DatedMention, Vector>, threshold: number): Set<DatedMention> {
  const moved = new Set<DatedMention>();
  for (const m of mentions) {
    if (m.basis !== 'publication' || m.anchored) continue;
    const day = new Date(Date.parse(m.date) - 86_400_000).toISOString().slice(0, 10);
    const told = mentions.filter((x) => x.granularity === 'day' && x.date === day);
    if (told.some((x) => x.articleId !== m.articleId && cosine(vectorOf.get(x)!, vectorOf.get(m)!) > threshold)) moved.add(m);
  }
  return moved;
}

describe('firstReports on hostile input', () => {
  it('4,000 undated leads against 40,000 unrelated mentions of the day before: none moved, quickly', () => {
    const vectorOf = new Map<DatedMention, Vector>();
    const mentions: DatedMention[] = [];
    const add = (m: DatedMention, i: number) => {
      vectorOf.set(m, new Map([[`w${i}a`, 0.6], [`w${i}b`, 0.6], [`w${i}c`, 0.5]]));
      mentions.push(m);
    };
    for (let i = 0; i < 40_000; i++) add(mention(`t${i}`, `text${i}`, '2009-06-14', 'text'), i);
    for (let i = 40_000; i < 44_000; i++) add(mention(`t${i}`, `pub${i}`, '2009-06-15', 'publication'), i);
    const out = firstReports(mentions, vectorOf, 0.5);
    expect(out).toHaveLength(44_000);
    expect(out.filter((m) => m.date === '2009-06-14')).toHaveLength(40_000);
    expect(out.filter((m) => m.date === '2009-06-15')).toHaveLength(4_000);
  });

  it('moves exactly the leads the all-pairs rule moves, on real sentences', () => {
    const sentences: Array<[string, IsoDate, DatedMention['basis']]> = [
      ['First death of swine flu patient in UK', '2009-06-14', 'text'],
      ['A patient with swine flu has died in a Scottish hospital, the first such death in the UK', '2009-06-14', 'text'],
      ['Oil continues to leak from the damaged well in the Gulf of Mexico', '2009-06-14', 'text'],
      ['First UK swine flu patient death', '2009-06-15', 'publication'],
      ['Scottish hospital reports first UK death of a swine flu patient', '2009-06-15', 'publication'],
      ['Engineers try again to cap the leaking well', '2009-06-15', 'publication'],
      ['Swine flu vaccine trials begin in Australia', '2009-06-16', 'publication'],
    ];
    const mentions = sentences.map(([text, date, basis], i) => mention(text, `a${i}`, date, basis));
    const tfidf = new TfIdf();
    for (const m of mentions) tfidf.add(contentTerms(m.text));
    const vectorOf = new Map(mentions.map((m) => [m, tfidf.vector(contentTerms(m.text))] as const));
    for (const threshold of [0, 0.2, 0.3, 0.5]) {
      const expected = movedByAllPairs(mentions, vectorOf, threshold);
      const out = firstReports(mentions, new Map(vectorOf), threshold);
      const moved = mentions.filter((m, i) => out[i]!.date !== m.date);
      expect(new Set(moved)).toEqual(expected);
      for (const m of moved) expect(out[mentions.indexOf(m)]!.date).toBe(m.date === '2009-06-15' ? '2009-06-14' : '2009-06-15');
    }
    // the first UK death, reported late on the 15th, stands on the 14th
    const late = firstReports(mentions, new Map(vectorOf), 0.3)[3]!;
    expect(late.date).toBe('2009-06-14');
  });
});
