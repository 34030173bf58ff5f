// Speaker precision as a user meets it: a fixed-seed sample of "who said what" statements with a
// named speaker, drawn from Timeline17 articles of every topic, printed with their context for
// reading by hand (right speaker / wrong speaker / not a statement / content cut wrong).
// Usage: tsx bench/quotes-precision.ts [--seed N] [--articles-per-folder N] [--sample N] [--json OUT] [--all OUT]
//   --json writes the sample (id, speaker, source, cue, content, context) for later comparison;
//   --all writes every quote of the drawn articles (statements or not), to compare two versions.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { untokenisePtb } from '../src/extract/text/index.js';
import { analyze } from '../src/language/index.js';
import { isStatement } from '../src/language/quotes/index.js';
import { prng, shuffle } from './sampling.js';

const repo = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf('--' + name);
  return i >= 0 ? args[i + 1]! : dflt;
};
const SEED = Number(opt('seed', '1'));
const PER_FOLDER = Number(opt('articles-per-folder', '30'));
const SAMPLE = Number(opt('sample', '60'));
const JSON_OUT = opt('json', '');
const ALL_OUT = opt('all', '');
const everything: string[] = [];


// a seed always gives the same sample
const rand = prng(SEED);
const T17 = join(repo, '../shared/data/t17');
interface Item {
  id: string;
  speaker: string;
  source: string | null;
  cue: string | null;
  content: string;
  direct: boolean;
  kind: string;
  context: string;
}
const pool: Item[] = [];
let articles = 0;
for (const folder of readdirSync(T17).sort()) {
  const rows = readFileSync(join(T17, folder, 'articles.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; published: string; text?: string })
    .filter((r) => r.text);
  for (const r of shuffle(rows, rand).slice(0, PER_FOLDER)) {
    articles++;
    const text = untokenisePtb(r.text!);
    const a = analyze(text, { dct: r.published.slice(0, 10) });
    for (const q of a.quotes) {
      const cueText = q.cue ? text.slice(q.cue[0], q.cue[1]) : null;
      const content = text.slice(q.content[0], q.content[1]);
      if (ALL_OUT) everything.push(JSON.stringify({ id: `${folder}/${r.id}`, at: q.content, speaker: q.speaker, source: q.source ? text.slice(q.source[0], q.source[1]) : null, cue: cueText, content, statement: isStatement({ text: content, speaker: q.speaker, direct: q.direct, kind: q.kind, cueText }) }));
      if (!q.speaker) continue;
      if (!isStatement({ text: content, speaker: q.speaker, direct: q.direct, kind: q.kind, cueText })) continue;
      // context: the two lines before the quote's first span, through the line that ends it
      const first = Math.min(q.content[0], q.source?.[0] ?? Infinity, q.cue?.[0] ?? Infinity);
      const last = Math.max(q.content[1], q.source?.[1] ?? 0, q.cue?.[1] ?? 0);
      let s = first;
      for (let k = 0; k < 3 && s > 0; k++) s = text.lastIndexOf('\n', s - 2) + 1;
      let e = text.indexOf('\n', last);
      if (e < 0) e = text.length;
      pool.push({
        id: `${folder}/${r.id}`,
        speaker: q.speaker,
        source: q.source ? text.slice(q.source[0], q.source[1]) : null,
        cue: cueText,
        content,
        direct: q.direct,
        kind: q.kind,
        context: text.slice(Math.max(0, s, first - 900), Math.min(e, last + 300)),
      });
    }
  }
}
const sample = shuffle(pool, rand).slice(0, SAMPLE);
console.log(`seed ${SEED}: ${articles} articles, ${pool.length} statements with a named speaker, sample ${sample.length}\n`);
sample.forEach((q, i) => {
  console.log(`#${i + 1} ${q.id}  speaker=${JSON.stringify(q.speaker)}  source=${JSON.stringify(q.source)}  cue=${JSON.stringify(q.cue)}  ${q.direct ? 'direct' : 'reported'} ${q.kind}`);
  console.log(`   CONTENT: ${q.content.replace(/\n/g, ' ⏎ ')}`);
  console.log(`   CONTEXT: ${q.context.replace(/\n/g, ' ⏎ ')}\n`);
});
if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(sample, null, 1));
if (ALL_OUT) writeFileSync(ALL_OUT, everything.join('\n') + '\n');
