// Time-expression precision on modern news, read by hand: a fixed-seed sample of sentences that name
// a time word (chosen without the recogniser, so the sample stays put as the code changes), from PolNeAR dev (2016 US politics, `date` as DCT) and Timeline17 (2009–
// 2013 news, PTB-tokenised, `published` as DCT). Each whole article is run as `storyline timex` runs
// it (findTimexes with segment()'s sentences), and the sampled sentence is printed with its
// expressions bracketed and their values.
//
//   npx tsx bench/timex-sample.ts [--seed 9] [--polnear 150] [--t17 150]        # print the sample
//   npx tsx bench/timex-sample.ts --score                                       # count against the judgements
//
// Judgements (bench/timex-sample-judged.tsv, written by reading the printed sample): one line per
// expression the recogniser output at some point, `key <TAB> text <TAB> right value <TAB> class`,
// where the right value is the TIMEX3 value a TimeML annotator would write, `-` when the span is not
// a time expression, and the class names the error (empty when our value was right); `miss` lines
// name expressions the recogniser missed. --score counts, for the current code, right / wrong value /
// not a time expression by class, which misses are now found, and lists outputs not judged yet (a
// span that moved is unjudged until read).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTimexes } from '../src/language/timex/index.js';
import { segment } from '../src/language/segment.js';
import { prng, shuffle } from './sampling.js';

const repo = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf('--' + name);
  return i >= 0 ? args[i + 1]! : dflt;
};
const SEED = Number(opt('seed', '9'));
const N_POLNEAR = Number(opt('polnear', '150'));
const N_T17 = Number(opt('t17', '150'));
const SCORE = args.includes('--score');
const JUDGED = join(repo, 'bench/timex-sample-judged.tsv');

interface Doc { corpus: 'polnear' | 't17'; id: string; dct: string; text: string }
interface Item { doc: Doc; start: number; end: number }


function loadPolnear(): Doc[] {
  return readFileSync(join(repo, '../shared/data/polnear/dev.jsonl'), 'utf8').trim().split('\n')
    .map((l) => JSON.parse(l) as { id: string; primary: boolean; date: string; text: string })
    .filter((d) => d.primary && /^\d{4}-\d{2}-\d{2}/.test(d.date))
    .map((d) => ({ corpus: 'polnear' as const, id: d.id, dct: d.date.slice(0, 10), text: d.text }));
}

function loadT17(): Doc[] {
  const root = join(repo, '../shared/data/t17');
  const out: Doc[] = [];
  for (const topic of readdirSync(root).sort()) {
    const file = join(root, topic, 'articles.jsonl');
    if (!existsSync(file)) continue;
    for (const l of readFileSync(file, 'utf8').trim().split('\n')) {
      const d = JSON.parse(l) as { id: string; published: string; text: string };
      if (/^\d{4}-\d{2}-\d{2}/.test(d.published)) out.push({ corpus: 't17', id: `${topic}/${d.id}`, dct: d.published.slice(0, 10), text: d.text });
    }
  }
  return out;
}

// Which sentences are drawn must not depend on the recogniser (else a change would change the
// sample): a sentence qualifies by a plain word test for time words, and is drawn whatever we find in it.
const TIME_WORD = /\b(?:today|tonight|yesterday|tomorrow|now|ago|earlier|later|recent(?:ly)?|(?:day|week|weekend|month|year|decade|hour|minute|quarter|century|morning|evening|night)s?|spring|summer|autumn|winter|(?:19|20)\d\d|\d{1,2}(?::\d\d)? ?[ap]\.?m\.?)\b/i;
const CALENDAR_NAME = /\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b|(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.? \d)/;

/** Sentences with a time word, drawn without replacement, at most `perDoc` from one article. */
function draw(docs: Doc[], n: number, perDoc: number, rand: () => number): Item[] {
  const picked: Item[] = [];
  for (const doc of shuffle(docs, rand)) {
    if (picked.length >= n * 4) break;
    const sentences = segment(doc.text).filter((s) => (TIME_WORD.test(doc.text.slice(s.start, s.end)) || CALENDAR_NAME.test(doc.text.slice(s.start, s.end))));
    for (const s of shuffle(sentences, rand).slice(0, perDoc)) picked.push({ doc, start: s.start, end: s.end });
  }
  return shuffle(picked, rand).slice(0, n);
}

const rand = prng(SEED);
const items = [...draw(loadPolnear(), N_POLNEAR, 2, rand), ...draw(loadT17(), N_T17, 1, rand)];

const judged = new Map<string, { value: string; cls: string }>();
const misses: Array<{ key: string; text: string; value: string; cls: string }> = [];
if (existsSync(JUDGED)) {
  for (const line of readFileSync(JUDGED, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const cells = line.split('\t');
    if (cells[0] === 'miss') misses.push({ key: cells[1]!, text: cells[2]!, value: cells[3]!, cls: cells[4] ?? '' });
    else judged.set(cells[0]!, { value: cells[2]!, cls: cells[3] ?? '' });
  }
}

const tally = { right: 0, wrong: 0, notTimex: 0, unjudged: 0 };
const byClass = new Map<string, number>();
const unjudged: string[] = [];
const cache = new Map<Doc, ReturnType<typeof findTimexes>>();
for (const [n, it] of items.entries()) {
  let timexes = cache.get(it.doc);
  if (!timexes) cache.set(it.doc, (timexes = findTimexes(it.doc.text, { dct: it.doc.dct, sentences: segment(it.doc.text) })));
  const mine = timexes.filter((t) => t.start >= it.start && t.end <= it.end);
  let shown = '';
  let at = it.start;
  for (const t of mine) {
    shown += it.doc.text.slice(at, t.start) + '[' + it.doc.text.slice(t.start, t.end) + ']';
    at = t.end;
  }
  shown = (shown + it.doc.text.slice(at, it.end)).replace(/\s+/g, ' ').trim();
  const lines: string[] = [];
  for (const t of mine) {
    const key = `${it.doc.corpus}:${it.doc.id}:${t.start}-${t.end}`;
    const row = `${key}\t${t.text.replace(/\s+/g, ' ')}\t${t.type} ${t.value}${t.mod ? ' ' + t.mod : ''}`;
    lines.push('    ' + row);
    const j = judged.get(key);
    if (!j) { tally.unjudged++; unjudged.push(`#${n} dct=${it.doc.dct} ${shown}\n    ${row}`); continue; }
    if (j.value === '-') { tally.notTimex++; byClass.set(j.cls || 'not a time expression', (byClass.get(j.cls || 'not a time expression') ?? 0) + 1); }
    else if (j.value === t.value) tally.right++;
    else { tally.wrong++; byClass.set(j.cls || 'wrong value', (byClass.get(j.cls || 'wrong value') ?? 0) + 1); }
  }
  if (!SCORE) console.log(`#${n} ${it.doc.corpus} ${it.doc.id} dct=${it.doc.dct}\n  ${shown}\n${lines.join('\n')}`);
}

if (SCORE) {
  for (const u of unjudged) console.log('UNJUDGED ' + u);
  // expressions a reader found missing: found when a prediction overlapping them carries the value
  // (only those inside this seed's sentences)
  let found = 0, inSample = 0;
  for (const miss of misses) {
    const [, corpus, id, s, e] = /^(\w+):(.+):(\d+)-(\d+)$/.exec(miss.key)!;
    const it = items.find((x) => `${x.doc.corpus}:${x.doc.id}` === `${corpus}:${id}` && x.start <= +s! && +e! <= x.end);
    if (!it) continue;
    inSample++;
    const got = cache.get(it.doc)!.find((t) => t.start < +e! && t.end > +s! && t.value === miss.value);
    if (got) found++;
    else console.log(`MISSED  ${miss.text}  ${miss.value}  (${miss.cls})`);
  }
  console.log(`missed at the start and found now: ${found} of ${inSample}`);
  const total = tally.right + tally.wrong + tally.notTimex;
  console.log(`\n${items.length} sentences; expressions judged ${total}: right ${tally.right} (${(100 * tally.right / Math.max(1, total)).toFixed(1)}%), wrong value ${tally.wrong}, not a time expression ${tally.notTimex}; unjudged ${tally.unjudged}`);
  for (const [cls, c] of [...byClass].sort((a, b) => b[1] - a[1])) console.log(`  ${String(c).padStart(3)}  ${cls}`);
}
