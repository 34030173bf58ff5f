// bench/pipeline: the processing stages alone — extract → language → link → story — on Timeline17
// (2,460 articles, in publication order), in memory, without storage: articles per CPU-second on one
// thread, and the CPU share of each stage. `npm run bench:ingest` measures the same work with the
// SQLite store (search index, entity tables) and the periodic story builds of a live ingest.
// Usage: npm run bench:pipeline [-- [--limit N] [--compiled] [--dump FILE]]. For a one-core wall figure: `taskset -c 0 npm run bench:pipeline`.
// Two figures, two codes: by default the TypeScript in src/ as tsx compiles it on the fly (esbuild with
// keepNames: every closure made at run time also gets a `__name` defineProperty); with --compiled the
// JavaScript in dist/ that `npm run build` writes and users run (`npm run build` first). The first line
// printed says which.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { StoryArticle } from '../src/story/index.js';
import type { RawDoc } from '../src/types.js';

const compiled = process.argv.includes('--compiled');
const code = (module: string) => new URL(`${compiled ? '../dist/' : '../src/'}${module}`, import.meta.url).href;
if (compiled) {
  const built = fileURLToPath(code('pipeline.js'));
  if (!existsSync(built)) throw new Error('bench/pipeline --compiled: dist/pipeline.js is missing; run `npm run build` first');
  const newestSource = (dir: string): number =>
    Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newestSource(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  if (newestSource(fileURLToPath(new URL('../src/', import.meta.url))) > statSync(built).mtimeMs) process.stderr.write('bench/pipeline --compiled: src/ has changed since dist/ was built; `npm run build` measures the current code\n');
}
const { choosePublication, completeDocument, stageDocument } = (await import(code('pipeline.js'))) as typeof import('../src/pipeline.js');
const { createLinker } = (await import(code('link/index.js'))) as typeof import('../src/link/index.js');
const { buildStory } = (await import(code('story/index.js'))) as typeof import('../src/story/index.js');

const T17 = fileURLToPath(new URL('../../shared/data/t17/', import.meta.url));
const i = process.argv.indexOf('--limit');
const limit = i > 0 ? Number(process.argv[i + 1]) : Infinity;
// --dump FILE writes every article's analysis, link decision and the built stories (JSON Lines), so a
// speed change can be shown to leave the output byte-identical.
const d = process.argv.indexOf('--dump');
const dumpFile = d > 0 ? process.argv[d + 1] : undefined;
const dumped: string[] = [];

const docs: RawDoc[] = [];
for (const folder of readdirSync(T17).sort()) {
  const lines = readFileSync(join(T17, folder, 'articles.jsonl'), 'utf8').trim().split('\n');
  lines.forEach((line, n) => {
    const r = JSON.parse(line) as { id: string; published: string; text: string };
    docs.push({ origin: `${folder}/articles.jsonl:${n + 1}`, id: `${folder}-${r.id}`, text: r.text, published: r.published, source: folder.split('_')[1] });
  });
}
docs.sort((a, b) => (a.published! < b.published! ? -1 : a.published! > b.published! ? 1 : 0));
const input = docs.slice(0, limit);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const spent = { extract: 0, language: 0, link: 0, story: 0 };
const linker = createLinker();
const stories = new Map<string, StoryArticle[]>();
let done = 0;
let failed = 0;
const wall0 = performance.now();
const cpu0 = cpu();
for (const raw of input) {
  let t = cpu();
  let staged;
  try {
    staged = stageDocument(raw, new Map());
  } catch {
    failed++; // T17 items that are only site furniture
    continue;
  }
  const publication = choosePublication(staged);
  let t2 = cpu();
  spent.extract += t2 - t;
  const { article, analysis } = completeDocument(staged, publication, done + 1, new Date());
  t = cpu();
  spent.language += t - t2;
  const link = linker.add({ id: article.id, published: article.published, title: article.title, text: article.text, source: article.source, analysis, language: article.language });
  t2 = cpu();
  spent.link += t2 - t;
  for (const m of link.merges) {
    const gone = stories.get(m.from) ?? [];
    stories.delete(m.from);
    stories.set(m.into, [...(stories.get(m.into) ?? []), ...gone]);
  }
  if (dumpFile) dumped.push(JSON.stringify({ id: article.id, article: { ...article, ingestedAt: undefined }, analysis, link }));
  const list = stories.get(link.storyId) ?? [];
  list.push({ id: article.id, title: article.title, text: article.text, published: article.published, source: article.source, duplicateOf: link.duplicateOf, analysis });
  stories.set(link.storyId, list);
  done++;
  if (done % 100 === 0) process.stderr.write(`\r${done}/${input.length}`);
}
// Every story built once from all its articles (what a live ingest does at its end).
let t = cpu();
let entries = 0;
for (const [storyId, articles] of stories) {
  const story = buildStory(articles);
  entries += story.timeline.length;
  if (dumpFile) dumped.push(JSON.stringify({ storyId, members: articles.map((a) => a.id), story }));
}
spent.story += cpu() - t;
const total = cpu() - cpu0;
const wall = (performance.now() - wall0) / 1000;
process.stderr.write('\n');
const ms = (x: number) => `${(x / done).toFixed(2)} ms`;
console.log(`bench/pipeline (${compiled ? 'compiled code in dist/' : 'src/ through tsx'}): ${done} T17 articles (${failed} furniture-only items refused) through extract → language → link → story, in memory, one thread`);
console.log(`  CPU per article: extract ${ms(spent.extract)}, language ${ms(spent.language)}, link ${ms(spent.link)}, story ${ms(spent.story)}; total ${ms(total)}`);
console.log(`  = ${((done * 1000) / total).toFixed(1)} articles per CPU-second; wall ${wall.toFixed(1)} s = ${(done / wall).toFixed(1)} articles/s (load average ${loadavg()[0]!.toFixed(1)})`);
console.log(`  ${stories.size} stories, ${entries} timeline entries; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
if (dumpFile) writeFileSync(dumpFile, dumped.join('\n') + '\n');
