// Hostile nesting (code review, session 10): a 34 KB page of 3,000 nested <div>s took 146 s in
// Readability's scoring and 10,000 overflowed the stack. Elements deeper than MAX_NESTING become
// paragraphs of their text; the 981 benchmark pages nest at most 50 deep, so none is touched.
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { MAX_NESTING, parseDocument } from '../../src/extract/html/dom.js';
import { stripInert } from '../../src/extract/html/index.js';

const sentence = (i: number) => `Officials said the plan number ${i} would be reviewed again next week by the board of the port authority.`;

describe('deeply nested pages', () => {
  it('are read in about linear time and keep their text, paragraph by paragraph', () => {
    const paragraphs = Array.from({ length: 6 }, (_, i) => `<p>${sentence(i)} ${sentence(i + 10)}</p>`).join('');
    for (const depth of [3_000, 10_000]) {
      const html = `<html><head><title>Port plan</title></head><body>${'<div>'.repeat(depth)}${paragraphs}${'</div>'.repeat(depth)}</body></html>`;
      const t0 = performance.now();
      const { text } = extract({ html });
      expect(performance.now() - t0).toBeLessThan(10_000);
      for (let i = 0; i < 6; i++) expect(text).toContain(sentence(i));
      expect(text.split('\n\n').filter((p) => p.includes('plan number')).length).toBe(6);
    }
  }, 60_000);

  it('nest no deeper than MAX_NESTING once parsed, and shallow pages are left as they are', () => {
    const deep = parseDocument(`<html><body>${'<section>'.repeat(500)}<p>Deep <b>text</b> here.</p>${'</section>'.repeat(500)}</body></html>`);
    let max = 0;
    const stack: [Element, number][] = [[deep.documentElement, 0]];
    while (stack.length) {
      const [e, d] = stack.pop()!;
      max = Math.max(max, d);
      for (const c of Array.from(e.children)) stack.push([c, d + 1]);
    }
    expect(max).toBeLessThanOrEqual(MAX_NESTING + 1);
    expect(deep.body.textContent).toContain('Deep text here.');
    const shallow = '<html><body><div><article><p>One <b>two</b> three.</p></article></div></body></html>';
    expect(parseDocument(shallow).body.innerHTML).toBe('<div><article><p>One <b>two</b> three.</p></article></div>');
  });

  it('strip scripts, styles, comments and icons in one pass, even when thousands are left open (code review 10 P1)', () => {
    const t0 = performance.now();
    for (const open of ['<svg>x', '<!--x', '<script>x', '<style>x', '<script']) expect(stripInert(open.repeat(20_000)).length).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(stripInert('a<script>x()</script >b<!-- c -->d<style>p{}</style>e<svg><path/></svg>f<script type="application/ld+json">{}</script>')).toBe('abdef<script type="application/ld+json">{}</script>');
    // an icon left open loses only its opening tag
    expect(stripInert('<div><svg class="i"><use/></div><p>Text</p>')).toBe('<div><svg class="i"><use/></div><p>Text</p>');
    expect(stripInert('<div><svg class="i"><use/></div><p>Text</p><svg><path/></svg>')).toBe('<div><use/></div><p>Text</p><svg><path/></svg>');
  });
});
