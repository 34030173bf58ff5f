// One statement, one speaker at scale (code review 11 F1): resolving the attributions of a paragraph
// compared every attribution with every other one, so a paragraph of 16,000 short quotations took
// seconds there alone. Only attributions whose contents overlap can credit the same words twice.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/language/index.js';
import type { RawAttribution } from '../../src/language/quotes/decode.js';
import { resolveOverlaps } from '../../src/language/quotes/overlaps.js';

/** The attributions the decoder makes of '"Yes," he said. ' repeated: content "Yes", cue "said", source "he". */
function yesHeSaid(repeats: number): { text: string; atts: RawAttribution[] } {
  const unit = '"Yes," he said. ';
  const text = unit.repeat(repeats);
  const atts = Array.from({ length: repeats }, (_, k): RawAttribution => {
    const at = k * unit.length;
    return { content: [[at + 1, at + 4]], source: [at + 7, at + 9], cue: [at + 10, at + 14], direct: true, paragraph: 0, nested: false };
  });
  return { text, atts };
}

describe('resolveOverlaps on a paragraph of thousands of attributions', () => {
  it('keeps 16,000 attributions of distinct words in one paragraph, in time linear in them', () => {
    const { text, atts } = yesHeSaid(16_000);
    const t0 = process.cpuUsage();
    const kept = resolveOverlaps(text, atts);
    const cpu = process.cpuUsage(t0);
    expect(kept).toHaveLength(16_000);
    // all pairs took 5.6 s of CPU; the overlapping pairs (none here) take milliseconds
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(1000);
  });

  it('still gives words credited twice to one speaker among thousands of others', () => {
    // "Democrats will present that bill next week, Frank said" read also as "Democrats (will present)":
    // the same words under a verb of speech with a source and under a cue with neither
    const sentence = 'Democrats will present that bill next week, Frank said. ';
    const { text: head, atts } = yesHeSaid(5_000);
    const text = head + sentence;
    const at = head.length;
    const frank: RawAttribution = { content: [[at, at + 42]], source: [at + 44, at + 49], cue: [at + 50, at + 54], direct: false, paragraph: 0, nested: false };
    const present: RawAttribution = { content: [[at + 15, at + 42]], source: null, cue: [at + 10, at + 14], direct: false, paragraph: 0, nested: false };
    expect(text.slice(at + 50, at + 54)).toBe('said');
    const kept = resolveOverlaps(text, [...atts, present, frank]);
    expect(kept).toHaveLength(5_001);
    expect(kept[kept.length - 1]).toBe(frank);
  });

  it('finds every quotation of such a paragraph through the whole analysis', () => {
    const repeats = 2_000;
    const text = '"Yes," he said. '.repeat(repeats);
    const { quotes } = analyze(text, { dct: '2009-06-30' });
    expect(quotes).toHaveLength(repeats);
    expect(quotes.every((q, k) => q.content[0] === k * 16 + 1 && q.content[1] === k * 16 + 4)).toBe(true);
  });
});
