// The article page of a very long article (code review 11 F4): overlapping annotations were
// resolved by comparing each with every one kept, each paragraph filtered every annotation, and each
// piece of text between annotation edges filtered the paragraph's annotations again: 50 s of CPU
// for one 700 KB paragraph of 64,000 annotations, for one page view.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/language/index.js';
import { renderAnnotatedText } from '../../src/serve/annotate.js';
import type { EntityAnnotation, TimexAnnotation } from '../../src/serve/model.js';

const UPDATE = 'John Smith met Jane Doe in Paris on Monday. ';

/** A live blog of `n` updates run together (one paragraph) or one a paragraph, with the annotations the analysis gives one update, repeated. */
function liveBlog(n: number, separator: string) {
  const one = analyze(UPDATE.trim(), { dct: '2023-05-10' });
  const unit = UPDATE.trim() + separator;
  const entities: EntityAnnotation[] = [];
  const timexes: TimexAnnotation[] = [];
  for (let k = 0; k < n; k++) {
    const at = k * unit.length;
    for (const m of one.mentions) {
      const e = one.entities.find((x) => x.key === m.entityKey)!;
      entities.push({ start: m.start + at, end: m.end + at, text: m.text, entityId: e.key, name: e.name, type: e.type, role: null });
    }
    for (const t of one.timexes) timexes.push({ start: t.start + at, end: t.end + at, text: t.text, type: t.type, value: t.value, mod: null });
  }
  return { text: unit.repeat(n), entities, timexes, perUpdate: one.mentions.length };
}

describe('annotated text of a very long article', () => {
  for (const [layout, separator] of [
    ['one paragraph', ' '],
    ['a paragraph each', '\n\n'],
  ] as const) {
    it(`renders 8,000 annotated updates in ${layout} in time linear in them`, () => {
      const { text, entities, timexes, perUpdate } = liveBlog(8_000, separator);
      expect(perUpdate).toBe(3);
      expect(timexes).toHaveLength(8_000);
      const t0 = process.cpuUsage();
      const out = renderAnnotatedText(text, { entities, timexes, quotes: [] }).value;
      const cpu = process.cpuUsage(t0);
      expect(out.match(/<a class="ent /g)).toHaveLength(24_000);
      expect(out.match(/<time class="tx" datetime="2023-05-08"/g)).toHaveLength(8_000);
      expect(out.match(/<p>/g)).toHaveLength(layout === 'one paragraph' ? 1 : 8_000);
      expect(out).toContain('<a class="ent ent-person" href="/entities/person%3Ajohn%20smith" title="Person: John Smith">John Smith</a> met');
      // 15 s (one paragraph) and 3.1 s of CPU before
      expect((cpu.user + cpu.system) / 1000).toBeLessThan(2000);
    });
  }

  it('keeps the longest of overlapping annotations of a kind, then the leftmost, as before', () => {
    const text = 'The European Union summit in Brussels on Monday ended late.';
    const span = (words: string): [number, number] => [text.indexOf(words), text.indexOf(words) + words.length];
    const entity = (words: string, name = words): EntityAnnotation => ({ start: span(words)[0], end: span(words)[1], text: words, entityId: name, name, type: 'organization', role: null });
    const out = renderAnnotatedText(text, {
      entities: [entity('Union summit'), entity('European Union'), entity('European Union summit in Brussels'), entity('Brussels'), entity('Monday ended')],
      timexes: [],
      quotes: [],
    }).value;
    expect(out).toBe(
      '<p>The <a class="ent ent-organization" href="/entities/European%20Union%20summit%20in%20Brussels" title="Organisation: European Union summit in Brussels">European Union summit in Brussels</a> on ' +
        '<a class="ent ent-organization" href="/entities/Monday%20ended" title="Organisation: Monday ended">Monday ended</a> late.</p>\n',
    );
  });
});
