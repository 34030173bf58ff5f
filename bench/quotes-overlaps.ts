// Overlapping attributions as a user meets them: pairs of quotes of one article whose contents
// share more than half of the shorter one (one statement credited twice, often to two speakers).
// Runs the batch tool (`storyline quotes`, format in ../shared/eval/INTERFACES.md) over Timeline17
// articles (PTB quotation marks made typographic, as the pipeline does) and counts the pairs.
// Usage: tsx bench/quotes-overlaps.ts [--folders H1N1_,Finan_] [--examples N] [--pred FILE] [--save FILE]
//   --pred reads the batch tool's output from FILE instead of running it; --save keeps it.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { untokenisePtb } from '../src/extract/text/index.js';

const repo = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf('--' + name);
  return i >= 0 ? args[i + 1]! : dflt;
};
const FOLDERS = opt('folders', 'H1N1_,Finan_').split(',');
const EXAMPLES = Number(opt('examples', '0'));
const PRED = opt('pred', '');
const SAVE = opt('save', '');

type Span = [number, number];
interface BatchQuote {
  content: Span;
  source: Span | null;
  cue: Span | null;
  speaker: string | null;
}

const T17 = join(repo, '../shared/data/t17');
const texts = new Map<string, string>();
for (const folder of readdirSync(T17).sort()) {
  if (!FOLDERS.some((f) => folder.startsWith(f))) continue;
  for (const line of readFileSync(join(T17, folder, 'articles.jsonl'), 'utf8').split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line) as { id: string; text?: string };
    if (r.text) texts.set(`${folder}/${r.id}`, untokenisePtb(r.text));
  }
}

const started = Date.now();
const output = PRED
  ? readFileSync(PRED, 'utf8')
  : execFileSync('npx', ['tsx', 'src/cli/main.ts', 'quotes'], {
      cwd: repo,
      input: [...texts].map(([id, text]) => JSON.stringify({ id, text })).join('\n') + '\n',
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    });
const seconds = (Date.now() - started) / 1000;
if (SAVE) writeFileSync(SAVE, output);

let quotes = 0;
let pairs = 0;
let differentSpeakers = 0;
const examples: string[] = [];
for (const line of output.split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line) as { id: string; quotes?: BatchQuote[] };
  const text = texts.get(r.id)!;
  const qs = r.quotes ?? [];
  quotes += qs.length;
  for (let i = 0; i < qs.length; i++) {
    for (let j = i + 1; j < qs.length; j++) {
      const a = qs[i]!;
      const b = qs[j]!;
      const shared = Math.min(a.content[1], b.content[1]) - Math.max(a.content[0], b.content[0]);
      const shorter = Math.min(a.content[1] - a.content[0], b.content[1] - b.content[0]);
      if (shared <= shorter / 2) continue;
      pairs++;
      const differ = (a.speaker ?? '') !== (b.speaker ?? '');
      if (differ) differentSpeakers++;
      if (examples.length < EXAMPLES) {
        const show = (q: BatchQuote) =>
          `  ${q.speaker ?? '—'} | source ${q.source ? JSON.stringify(text.slice(...q.source)) : '—'} | cue ${q.cue ? JSON.stringify(text.slice(...q.cue)) : '—'}\n    ${JSON.stringify(text.slice(...q.content).slice(0, 300))}`;
        examples.push(`${r.id}${differ ? ' (speakers differ)' : ''}\n${show(a)}\n${show(b)}`);
      }
    }
  }
}
if (examples.length) console.log(examples.join('\n') + '\n');
console.log(`T17 ${FOLDERS.join('+')}: ${texts.size} articles, ${quotes} quotes${PRED ? '' : ` (batch tool ${seconds.toFixed(1)} s)`}`);
console.log(`pairs of quotes overlapping by more than half the shorter content: ${pairs}; with different speakers: ${differentSpeakers}`);
