// The speed shortcuts of the HTML path must give what the straightforward calls give, on real pages.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING, parseDocument } from '../../src/extract/html/dom.js';
import { bylineElements, sourceElements } from '../../src/extract/html/metadata.js';
import { stripInert } from '../../src/extract/html/index.js';

const readHtml = (p: string, every: number) =>
  gunzipSync(readFileSync(new URL(`../../../shared/data/${p}`, import.meta.url)))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .filter((_, i) => i % every === 0)
    .map((l) => (JSON.parse(l) as { html: string }).html);

const BYLINE_SELECTOR = '[itemprop="author"] [itemprop="name"], [rel="author"], .author-name, .byline__name, .byline a, .author a';

describe('extraction DOM', () => {
  it('parses pages and refuses event listeners, leaving the linkedom package itself alone', () => {
    const doc = parseDocument('<p class="x">Hello <b>world</b></p>');
    const p = doc.querySelector('p')!;
    expect(p.textContent).toBe('Hello world');
    expect(p.getAttribute('class')).toBe('x');
    expect(() => p.addEventListener('click', () => {})).toThrow(/event listeners/);
    const plain = parseHTML('<html><body><p>x</p></body></html>').document;
    let heard = 0;
    const q = plain.querySelector('p')!;
    q.addEventListener('click', () => heard++);
    q.dispatchEvent(new plain.defaultView.Event('click'));
    expect(heard).toBe(1);
  });

  it('reads and writes class attributes as linkedom itself does, on real pages', () => {
    for (const html of readHtml('aeb/input.jsonl.gz', 6)) {
      const ours = Array.from(parseDocument(stripInert(html)).querySelectorAll('[class]'));
      const theirs = Array.from(parseHTML(stripInert(html)).document.querySelectorAll('[class]'));
      expect(ours.map((e) => e.getAttribute('class'))).toEqual(theirs.map((e) => e.getAttribute('class')));
      expect(ours.map((e) => e.className)).toEqual(theirs.map((e) => e.className));
    }
    const doc = parseDocument('<div class="  x  y x "><span class="z"></span></div>');
    const div = doc.querySelector('div')!;
    expect(div.getAttribute('class')).toBe('x y');
    div.className = 'page  page wide';
    expect(div.getAttribute('class')).toBe('page wide');
    expect(div.classList.contains('wide')).toBe(true);
    div.classList.remove('page');
    expect(div.className).toBe('wide');
    div.removeAttribute('class');
    expect(div.className).toBe('');
    const fresh = doc.createElement('p');
    fresh.className = 'a b';
    expect(fresh.getAttribute('class')).toBe('a b');
    expect(doc.querySelectorAll('.z').length).toBe(1);
  });

  it('lists elements by tag name as linkedom itself does, on real pages (session 11)', () => {
    const names = ['p', 'a', 'img', 'div', 'h1', 'template', 'noscript', 'li', 'P', 'IMG', '*', 'svg', 'foreignobject'];
    for (const html of [...readHtml('aeb/input.jsonl.gz', 6), ...readHtml('htmldate/input.jsonl.gz', 40)]) {
      const ours = parseDocument(stripInert(html));
      const theirs = parseHTML(stripInert(html)).document;
      for (const name of names) {
        const outline = (list: ArrayLike<Element>) => Array.from(list, (e) => `${e.localName}:${(e.textContent ?? '').length}`);
        expect(outline(ours.getElementsByTagName(name)), name).toEqual(outline(theirs.getElementsByTagName(name)));
        const body = (d: Document) => d.body ?? d.documentElement;
        expect(outline(body(ours).getElementsByTagName(name)), name).toEqual(outline(body(theirs).getElementsByTagName(name)));
      }
    }
  });

  it('answers selectors of plain tag names as the selector engine does, on real pages (session 12)', () => {
    // Readability's lists, ours, names in upper case, spaces, repeats, SVG and template names
    const lists = ['img,embed,object,iframe', 'ul,ol', 'h1,h2,h3,h4,h5,h6', 'SPAN,LI,TD,BLOCKQUOTE,DL,DIV,IMG,OL,P,PRE,TABLE,UL', 'p', 'h1', 'P',
      'script,noscript', 'p, pre, blockquote, li', 'template', 'svg,foreignobject,path', 'a , A,a', 'br'];
    // the engine's own answer: a selector that is not a plain name list (`:not(*)` matches nothing) is not walked
    const engine = (s: string) => `${s}, :not(*)`;
    let found = 0;
    for (const html of [...readHtml('aeb/input.jsonl.gz', 6), ...readHtml('htmldate/input.jsonl.gz', 40)]) {
      const doc = parseDocument(stripInert(html));
      const roots: ParentNode[] = [doc, doc.body ?? doc.documentElement, ...Array.from(doc.getElementsByTagName('div')).filter((_, i) => i % 25 === 0)];
      for (const root of roots) {
        for (const list of lists) {
          const got = Array.from(root.querySelectorAll(list));
          expect(got, list).toEqual(Array.from(root.querySelectorAll(engine(list))));
          expect(root.querySelector(list), list).toBe(root.querySelector(engine(list)));
          found += got.length;
        }
      }
    }
    expect(found).toBeGreaterThan(10_000);
  });

  it('flattens exactly the elements nested MAX_NESTING deep or deeper, as the walk over every element did', () => {
    for (const depth of [MAX_NESTING - 5, MAX_NESTING - 4, MAX_NESTING - 3, MAX_NESTING - 2]) {
      // html 0, body 1, the divs from 2: the innermost div sits at depth + 1, its <p> at depth + 2, the <b> at depth + 3
      const doc = parseDocument(`<html><body>${'<div>'.repeat(depth)}<p>Deep <b>text</b>.</p>${'</div>'.repeat(depth)}</body></html>`);
      const flattened = doc.querySelector('b') === null;
      expect(flattened, String(depth)).toBe(depth + 3 >= MAX_NESTING);
      expect(doc.body.textContent).toContain('Deep text.');
    }
  });

  it('finds byline elements exactly as the selector engine does, on real pages', () => {
    const pages = [...readHtml('aeb/input.jsonl.gz', 2), ...readHtml('htmldate/input.jsonl.gz', 8)];
    let withByline = 0;
    for (const html of pages) {
      const doc = parseDocument(stripInert(html));
      const expected = Array.from(doc.querySelectorAll(BYLINE_SELECTOR)).slice(0, 4);
      const got = bylineElements(doc, 4);
      expect(got).toEqual(expected);
      if (got.length) withByline++;
    }
    expect(withByline).toBeGreaterThan(20);
  });

  it('gathers metadata elements exactly as the DOM queries do, on real pages', () => {
    for (const html of [...readHtml('aeb/input.jsonl.gz', 4), ...readHtml('htmldate/input.jsonl.gz', 16)]) {
      const doc = parseDocument(stripInert(html));
      const got = sourceElements(doc);
      expect(got.metas).toEqual(Array.from(doc.getElementsByTagName('meta')));
      expect(got.scripts).toEqual(Array.from(doc.getElementsByTagName('script')));
      expect(got.canonicalLink).toBe(doc.querySelector('link[rel="canonical"]'));
      expect(got.title).toBe(doc.querySelector('title'));
      expect(got.h1).toBe(doc.querySelector('h1'));
    }
  });

  it('matches rel without case and class as whole tokens, skipping template contents', () => {
    const doc = parseDocument(
      '<html><body><a rel="AUTHOR">A</a><span class="author-names">no</span><div class="xbyline"><a>no</a></div>' +
        '<template><span class="author-name">no</span></template><div itemprop="author"><i><b itemprop="name">B</b></i></div>' +
        '<p class="author"><span><a href="#">C</a></span></p></body></html>',
    );
    expect(bylineElements(doc, 4).map((e) => e.textContent)).toEqual(['A', 'B', 'C']);
    expect(Array.from(doc.querySelectorAll(BYLINE_SELECTOR)).map((e) => e.textContent)).toEqual(['A', 'B', 'C']);
  });
});
