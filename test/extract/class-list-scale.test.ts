// A class attribute of tens of thousands of tokens (review 11 code F-6): the class value was made
// unique with an array's includes, cheap for a few tokens but quadratic in many — one page whose
// two elements carry 40,000 classes each took 6 s to extract (0.35 s before session 11).
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/extract/html/dom.js';
import { extract } from '../../src/extract/index.js';

const cpuMs = (f: () => unknown): number => {
  const t0 = process.cpuUsage();
  f();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000;
};

const PARAGRAPH = '<p>The council approved the budget for the new bridge on Monday after a long debate about its cost, the mayor said.</p>';

describe('class lists of many tokens', () => {
  it('keeps each token once, in first-seen order, as linkedom does, in time linear in them', () => {
    const value = Array.from({ length: 40_000 }, (_, i) => `c${i % 30_000}`).join('  ');
    const ours = parseDocument('<div></div>').querySelector('div')!;
    const theirs = parseHTML('<div></div>').document.querySelector('div')!;
    let ms = 0;
    ms = cpuMs(() => (ours.className = value));
    theirs.className = value;
    expect(ours.getAttribute('class')).toBe(theirs.getAttribute('class'));
    expect(ours.getAttribute('class')!.split(' ')).toHaveLength(30_000);
    expect(ms).toBeLessThan(500);
    // a few tokens, duplicated
    ours.className = ' b  a b c a ';
    expect(ours.getAttribute('class')).toBe('b a c');
  });

  it('extracts a page whose elements carry 40,000 classes in time linear in them', () => {
    const classes = Array.from({ length: 40_000 }, (_, i) => `c${i}`).join(' ');
    const page = (cls: string) =>
      `<html><head><title>Bridge budget approved</title></head><body><article><h1>Bridge budget approved</h1><div class="${cls}">${PARAGRAPH.repeat(5)}</div><div class="${cls}">${PARAGRAPH.repeat(3)}</div></article></body></html>`;
    let text = '';
    const ms = cpuMs(() => (text = extract({ html: page(classes) }).text));
    expect(text).toBe(extract({ html: page('story body') }).text);
    // 6.1 s of CPU with the array's includes
    expect(ms).toBeLessThan(2500);
  });
});
