// Per-document error list for the time-expression recogniser, for the development parts only:
//   npx tsx bench/timex-errors.ts timebank|aquaint-A [--summary]
// aquaint-B is the check part: its errors and gold are never printed (see docs/timex.md).
// Pairing follows ../shared/eval/timex_score.py (largest overlap first, then exact spans).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findTimexes } from '../src/language/timex/index.js';
import { segment } from '../src/language/segment.js';

interface Gold { start: number; end: number; type: string; value: string }
interface Doc { id: string; dct: string; text: string; timexes: Gold[] }

const part = process.argv[2];
if (part !== 'timebank' && part !== 'aquaint-A') {
  console.error('usage: timex-errors.ts timebank|aquaint-A [--summary]  (aquaint-B is the check part: no errors are shown)');
  process.exit(2);
}
const summaryOnly = process.argv.includes('--summary');
const shared = new URL('../../shared/', import.meta.url).pathname;
const file = part === 'timebank' ? 'timebank' : 'aquaint';
let docs = readFileSync(join(shared, 'data/te3', `${file}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Doc);
if (part === 'aquaint-A') {
  const ids = docs.map((d) => d.id).sort();
  const inA = new Set(ids.filter((_, i) => i % 2 === 0));
  docs = docs.filter((d) => inA.has(d.id));
}

const counts = { missed: 0, spurious: 0, value: 0, span: 0, ok: 0 };
for (const d of docs) {
  const pred = findTimexes(d.text, { dct: d.dct.slice(0, 10), sentences: segment(d.text) });
  const cands: Array<[number, boolean, number, number]> = [];
  d.timexes.forEach((g, gi) => pred.forEach((p, pi) => {
    const o = Math.min(g.end, p.end) - Math.max(g.start, p.start);
    if (o > 0) cands.push([-o, !(g.start === p.start && g.end === p.end), gi, pi]);
  }));
  cands.sort((a, b) => a[0] - b[0] || Number(a[1]) - Number(b[1]) || a[2] - b[2] || a[3] - b[3]);
  const gUsed = new Map<number, number>(), pUsed = new Set<number>();
  for (const [, , gi, pi] of cands) if (!gUsed.has(gi) && !pUsed.has(pi)) { gUsed.set(gi, pi); pUsed.add(pi); }
  const lines: string[] = [];
  const ctx = (s: number, e: number): string =>
    `${d.text.slice(Math.max(0, s - 50), s)}[${d.text.slice(s, e)}]${d.text.slice(e, e + 40)}`.replace(/\s+/g, ' ');
  d.timexes.forEach((g, gi) => {
    const pi = gUsed.get(gi);
    if (pi === undefined) { counts.missed++; lines.push(`  MISS  ${g.type} ${g.value}  ${ctx(g.start, g.end)}`); return; }
    const p = pred[pi]!;
    const spanOk = p.start === g.start && p.end === g.end;
    if (p.value !== g.value) { counts.value++; lines.push(`  VALUE gold ${g.type} ${g.value} | ours ${p.type} ${p.value}${spanOk ? '' : ` «${p.text}»`}  ${ctx(g.start, g.end)}`); }
    else if (!spanOk) { counts.span++; lines.push(`  SPAN  ${g.type} ${g.value} ours «${p.text}»  ${ctx(g.start, g.end)}`); }
    else counts.ok++;
  });
  pred.forEach((p, pi) => {
    if (!pUsed.has(pi)) { counts.spurious++; lines.push(`  EXTRA ${p.type} ${p.value}  ${ctx(p.start, p.end)}`); }
  });
  if (lines.length && !summaryOnly) console.log(`${d.id} dct=${d.dct.slice(0, 10)}\n${lines.join('\n')}`);
}
const matched = counts.value + counts.span + counts.ok;
const valueF1 = (200 * (counts.span + counts.ok)) / (2 * matched + counts.missed + counts.spurious);
console.log(`${part}: ${JSON.stringify(counts)} valueF1=${valueF1.toFixed(2)}`);
