// Quotes benchmark (`npm run bench:quotes`): PolNeAR dev quality through the reference scorer
// (exact, token-overlap and attribution-level figures) and the quote stage's speed in tokens/s
// on one core, on top of sentence splitting and NER (those are computed first and not timed).
// Usage: tsx bench/quotes.ts [--gold PATH] [--rounds N]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { segment } from '../src/language/segment.js';
import { recognizeEntities } from '../src/language/ner/index.js';
import { resolveEntities } from '../src/language/entities.js';
import { findQuotes, quoteModel } from '../src/language/quotes/index.js';

const repo = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf('--' + name);
  return i >= 0 ? args[i + 1]! : dflt;
};
const GOLD = opt('gold', join(repo, '../shared/data/polnear/dev.jsonl'));
const ROUNDS = Number(opt('rounds', '3'));

interface Doc {
  id: string;
  text: string;
}
const seen = new Set<string>();
const docs: Doc[] = [];
for (const line of readFileSync(GOLD, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line) as Doc & { primary?: boolean };
  if (!r.primary || seen.has(r.id)) continue;
  seen.add(r.id);
  docs.push({ id: r.id, text: r.text });
}

// sentences, NER and entities first (not timed: the figure is the quote stage on top of them)
const t0 = performance.now();
const contexts = docs.map((d) => {
  const sentences = segment(d.text);
  const mentions = recognizeEntities(d.text, sentences);
  const entities = resolveEntities(d.text, sentences, mentions);
  return { sentences, mentions, entities };
});
const upstreamSeconds = (performance.now() - t0) / 1000;
const tokens = contexts.reduce((n, c) => n + c.sentences.reduce((k, s) => k + s.tokens.length, 0), 0);
quoteModel();

const predictions = docs.map((d, i) => findQuotes(d.text, contexts[i]!));
let best = Infinity;
for (let r = 0; r < ROUNDS; r++) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < docs.length; i++) findQuotes(docs[i]!.text, contexts[i]!);
  const c = process.cpuUsage(c0);
  best = Math.min(best, (c.user + c.system) / 1e6);
}

const dir = mkdtempSync(join(tmpdir(), 'bench-quotes-'));
const pred = join(dir, 'pred.jsonl');
writeFileSync(
  pred,
  docs
    .map((d, i) =>
      JSON.stringify({
        id: d.id,
        quotes: predictions[i]!.map((q) => ({ content: q.content, source: q.source, cue: q.cue, speaker: q.speaker, direct: q.direct })),
      }),
    )
    .join('\n') + '\n',
);
const res = JSON.parse(execFileSync('python3', [join(repo, '../shared/eval/quote_score.py'), GOLD, pred, '--json'], { encoding: 'utf8' }));
rmSync(dir, { recursive: true });

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
console.log(`PolNeAR ${GOLD.split('/').pop()}: ${docs.length} articles, ${tokens} tokens`);
console.log('role      exact P / R / F1         token-overlap P / R / F1');
for (const role of ['source', 'cue', 'content']) {
  const e = res.exact[role];
  const t = res.token[role];
  console.log(`${role.padEnd(9)} ${pct(e.precision)} ${pct(e.recall)} ${pct(e.f1)}          ${pct(t.precision)} ${pct(t.recall)} ${pct(t.f1)}`);
}
const a = res.attribution;
console.log(
  `attribution (content overlap >= 50%): P ${pct(a.precision)} R ${pct(a.recall)} F1 ${pct(a.f1)}; on pairs source acc ${pct(a.source_accuracy)}, cue acc ${pct(a.cue_accuracy)}`,
);
console.log(`exact F1 Source/Cue/Content: ${pct(res.exact.source.f1)} / ${pct(res.exact.cue.f1)} / ${pct(res.exact.content.f1)}  (targets 60 / 60 / 45)`);
console.log(
  `speed: quote stage ${Math.round(tokens / best)} tokens/s (CPU time, best of ${ROUNDS}, on top of sentences+NER; target 50,000); ` +
    `sentences+NER+entities ${Math.round(tokens / upstreamSeconds)} tokens/s`,
);
