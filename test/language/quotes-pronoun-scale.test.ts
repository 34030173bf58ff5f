// "he said" after thousands of named quotations (code review 11 F2): the person a pronoun continues
// was looked for from the text's first mention, and each candidate was checked against every
// quoted span, so a long interview or live blog took time quadratic in its length.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/language/index.js';
import { SpeakerResolver } from '../../src/language/quotes/speaker.js';
import type { DocEntity, EntityMention, Span } from '../../src/types.js';

const UNIT = '"We will rebuild," John Smith said. "It will take years," he said. ';

/** The context the quotes stage gives the resolver for UNIT repeated: the analysis of one UNIT, shifted. */
function repeatedContext(repeats: number) {
  const one = analyze(UNIT, { dct: '2009-06-30' });
  const shift = <T extends { start: number; end: number }>(x: T, by: number): T => ({ ...x, start: x.start + by, end: x.end + by });
  const mentions: EntityMention[] = [];
  const quoted: Span[] = [];
  const pronouns: Span[] = [];
  for (let k = 0; k < repeats; k++) {
    const at = k * UNIT.length;
    for (const m of one.mentions) mentions.push(shift(m, at));
    for (const q of one.quotes) quoted.push([q.content[0] + at, q.content[1] + at]);
    pronouns.push([at + UNIT.indexOf(' he ') + 1, at + UNIT.indexOf(' he ') + 3]);
  }
  const entities: DocEntity[] = one.entities.map((e) => ({ ...e, mentions: mentions.filter((m) => m.entityKey === e.key) }));
  return { text: UNIT.repeat(repeats), mentions, entities, quoted, pronouns };
}

describe('pronoun speakers in a long text', () => {
  it('gives each of 8,000 "he said" the person named in the quotation before, in time linear in the text', () => {
    const { text, mentions, entities, quoted, pronouns } = repeatedContext(8_000);
    expect(one(text, pronouns[0]!)).toBe('he');
    const resolver = new SpeakerResolver({ text, mentions, entities, quoted, quotations: quoted });
    const t0 = process.cpuUsage();
    const named = new Set<string | undefined>();
    const continued = new Set<string | undefined>();
    for (const p of pronouns) {
      named.add(resolver.resolve(mentionBefore(text, p))?.name);
      continued.add(resolver.resolve(p)?.name);
    }
    const cpu = process.cpuUsage(t0);
    expect([...named]).toEqual(['John Smith']);
    expect([...continued]).toEqual(['John Smith']);
    // every mention before the pronoun and every quoted span per pronoun: 6.5 s of CPU
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(1500);
  });
});

const one = (text: string, span: Span) => text.slice(span[0], span[1]);
/** The "John Smith" source before a pronoun, resolved first as the quotes stage does in text order. */
const mentionBefore = (text: string, pronoun: Span): Span => {
  const at = text.lastIndexOf('John Smith', pronoun[0]);
  return [at, at + 'John Smith'.length];
};
