// The recogniser tries each rule only where its match can begin (rules.ts, RULE_STARTS). These
// tests hold it to the plain scan of the whole text with every rule: the same candidates on real
// articles, and on text made from the rules' own patterns — random strings each pattern can match
// (every alternative, optional word and separator), glued to or spaced from random neighbours.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recognise, recogniseByFullScan, rulePatterns } from '../../src/language/timex/rules.js';

const data = (path: string): string => new URL(`../../../shared/data/${path}`, import.meta.url).pathname;
const signature = (text: string, full: boolean): string =>
  (full ? recogniseByFullScan(text) : recognise(text)).map((c) => `${c.start}:${c.end}:${c.rule}`).join(' ');

/** A deterministic pseudo-random source (mulberry32: the same texts on every run). */
function randomSource(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random strings a regular expression (the subset the rules use) can match: alternatives, groups,
 * character classes and quantifiers are followed, lookarounds and `\b` are left out — the whole-text
 * scan decides what really matches.
 */
function sampler(source: string, caseBlind: boolean, rnd: () => number): () => string {
  type Node = (out: string[]) => void;
  let i = 0;
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const SPACE = [' ', ' ', ' ', '\n', '\u00a0', '  '];
  const DIGIT = '0123456789'.split('');
  const WORD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'.split('');
  const POOL = [...WORD, ' ', '\n', '.', ',', '-', '–', "'", '’', ':', '/', '(', ')', '%', '$'];
  const letterCase = (ch: string): string => (caseBlind && rnd() < 0.3 ? (rnd() < 0.5 ? ch.toUpperCase() : ch.toLowerCase()) : ch);
  function escape(c: string): string[] | string {
    if (c === 's') return SPACE;
    if (c === 'd') return DIGIT;
    if (c === 'w') return WORD;
    return c === 'n' ? '\n' : c;
  }
  function charClass(): Node {
    const negated = source[i] === '^';
    if (negated) i++;
    const set: string[] = [];
    while (source[i] !== ']') {
      let c = source[i++]!;
      if (c === '\\') {
        const e = escape(source[i++]!);
        if (Array.isArray(e)) { set.push(...e); continue; }
        c = e;
      }
      if (source[i] === '-' && source[i + 1] !== ']') {
        const to = source[i + 1] === '\\' ? source[(i += 2)]! : source[++i]!;
        i++;
        for (let k = c.charCodeAt(0); k <= to.charCodeAt(0); k++) set.push(String.fromCharCode(k));
      } else set.push(c);
    }
    i++;
    const choices = negated ? POOL.filter((ch) => !set.includes(ch)) : set;
    return (out) => out.push(letterCase(pick(choices)));
  }
  function atom(): Node | null {
    const c = source[i++]!;
    if (c === '(') {
      let look = false;
      if (source[i] === '?') {
        const head = source.slice(i, i + 4);
        look = /^\?(?:=|!|<=|<!)/.test(head);
        i += head.startsWith('?:') || head.startsWith('?=') || head.startsWith('?!') ? 2 : head.startsWith('?<=') || head.startsWith('?<!') ? 3 : 0;
      }
      const inner = alternatives();
      i++; // ')'
      return look ? null : inner;
    }
    if (c === '[') return charClass();
    if (c === '\\') {
      const e = source[i++]!;
      if (e === 'b' || e === 'B') return null;
      const x = escape(e);
      return Array.isArray(x) ? (out) => out.push(pick(x)) : (out) => out.push(letterCase(x));
    }
    if (c === '^' || c === '$') return null;
    if (c === '.') return (out) => out.push(pick(POOL));
    return (out) => out.push(letterCase(c));
  }
  function quantified(): Node {
    const a = atom();
    let min = 1, max = 1;
    const q = source[i];
    if (q === '?') [min, max] = [0, 1];
    else if (q === '*') [min, max] = [0, 3];
    else if (q === '+') [min, max] = [1, 3];
    else if (q === '{' && /^\{\d+(?:,\d*)?\}/.test(source.slice(i))) {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(source.slice(i))!;
      min = +m[1]!;
      max = m[2] ? (m[3] ? +m[3] : min + 3) : min;
      i += m[0].length - 1;
    }
    if (min !== 1 || max !== 1 || q === '?') {
      i++;
      if (source[i] === '?') i++; // lazy
    }
    return (out) => {
      if (!a) return;
      const n = min + Math.floor(rnd() * (Math.min(max, min + 3) - min + 1));
      for (let k = 0; k < n; k++) a(out);
    };
  }
  function sequence(): Node {
    const items: Node[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') items.push(quantified());
    return (out) => items.forEach((n) => n(out));
  }
  function alternatives(): Node {
    const options = [sequence()];
    while (source[i] === '|') {
      i++;
      options.push(sequence());
    }
    return (out) => pick(options)(out);
  }
  const root = alternatives();
  return () => {
    const out: string[] = [];
    root(out);
    return out.join('');
  };
}

describe('the start index finds what the whole-text scan finds', () => {
  it('on real articles: TE3, PolNeAR dev, 300 Timeline17 articles and the seeds', () => {
    const texts: string[] = [];
    for (const part of ['te3/timebank.jsonl', 'te3/aquaint.jsonl', 'polnear/dev.jsonl']) {
      for (const line of readFileSync(data(part), 'utf8').trim().split('\n')) texts.push((JSON.parse(line) as { text: string }).text);
    }
    const t17 = readdirSync(data('t17')).filter((d) => !d.includes('.')).sort();
    for (const dir of t17.slice(0, 6)) {
      const lines = readFileSync(data(`t17/${dir}/articles.jsonl`), 'utf8').trim().split('\n');
      for (const line of lines.slice(0, 50)) texts.push((JSON.parse(line) as { text: string }).text);
    }
    const seeds = new URL('../../examples/seeds/', import.meta.url).pathname;
    for (const f of readdirSync(seeds).filter((f) => f.endsWith('.txt'))) texts.push(readFileSync(seeds + f, 'utf8'));
    let differ = 0, found = 0;
    for (const text of texts) {
      const fast = signature(text, false);
      found += fast ? fast.split(' ').length : 0;
      if (fast !== signature(text, true)) differ++;
    }
    expect(found).toBeGreaterThan(10_000);
    expect(differ).toBe(0);
  });

  it('on strings sampled from every rule pattern, in random company', () => {
    const rnd = randomSource(7);
    const patterns = rulePatterns();
    const samplers = patterns.map((p) => sampler(p.source, p.flags.includes('i'), rnd));
    const context = ['the', 'a', 'of', 'in', 'said', 'early', 'last', 'next', 'this', 'Mr', 'x', '5', '1999', 'ended', "it's"];
    const glue = [' ', ' ', ' ', '', '-', ', ', '. ', '\n', "'", '’', '(', '/'];
    const rounds = Number(process.env.TIMEX_STARTS_ROUNDS ?? 300);
    let differ = 0, found = 0;
    const examples: string[] = [];
    for (let round = 0; round < rounds; round++) {
      for (let r = 0; r < samplers.length; r++) {
        let text = '';
        for (let k = 0; k < 6; k++) {
          const piece = rnd() < 0.6 ? samplers[rnd() < 0.5 ? r : Math.floor(rnd() * samplers.length)]!() : context[Math.floor(rnd() * context.length)]!;
          text += piece + glue[Math.floor(rnd() * glue.length)]!;
        }
        const fast = signature(text, false);
        found += fast ? fast.split(' ').length : 0;
        if (fast !== signature(text, true)) {
          differ++;
          if (examples.length < 3) examples.push(`${patterns[r]!.name}: ${JSON.stringify(text)}`);
        }
      }
    }
    expect(found).toBeGreaterThan(rounds * patterns.length);
    expect(examples).toEqual([]);
    expect(differ).toBe(0);
  });
});
