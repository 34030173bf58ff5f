// bench/extract-audit.ts — a fixed-seed sample of article pages from the htmldate set (800 pages from
// many sites, no text gold) for reading the extractor's output against the page by hand.
// For each sampled page it writes one file: title, dates (ours / gold), authors, the kept paragraphs
// (numbered, with word counts), the removed blocks with their reasons, and the page's own paragraph-
// like elements (≥ 12 words) that are in neither — candidates for lost article text.
// A page is an "article page" when its markup says so (og:type article, JSON-LD
// Article/NewsArticle/BlogPosting/Report, or an <article> element) and it has ≥ 150 words in <p>.
// Usage: npx tsx bench/extract-audit.ts [--seed 9] [--n 60] [--out /tmp/extract-audit] [--exclude-seed 9,23]
// (--exclude-seed S,T leaves out the pages seeds S and T sample: a fresh sample that shares no page with them.)
// (STORYLINE_EXTRACT=/path/to/src/extract/index.ts reads another copy of the stage: before/after.)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { prng, shuffle } from './sampling.js';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import type { Extracted } from '../src/types.js';

type ExtractFn = (input: { html?: string; text?: string; url?: string }) => Extracted;
const modulePath = process.env.STORYLINE_EXTRACT ?? new URL('../src/extract/index.js', import.meta.url).href;
const { extract } = (await import(modulePath)) as { extract: ExtractFn };

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const seed = Number(arg('seed', '9'));
const sampleSize = Number(arg('n', '60'));
const outDir = join(arg('out', '/tmp/extract-audit'), `seed-${seed}`);

const shared = process.env.STORYLINE_SHARED ?? new URL('../../shared/', import.meta.url).pathname;
type Page = { id: string; html: string };
const pages = gunzipSync(readFileSync(join(shared, 'data/htmldate/input.jsonl.gz')))
  .toString('utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Page);
const gold = JSON.parse(readFileSync(join(shared, 'data/htmldate/gold.json'), 'utf8')) as Record<string, string>;


const words = (s: string): number => s.split(/\s+/).filter(Boolean).length;
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const key = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

function pageBlocks(html: string): { isArticle: boolean; paragraphs: string[] } {
  const { document } = parseHTML(html);
  const og = document.querySelector('meta[property="og:type"]')?.getAttribute('content') ?? '';
  const ld = [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent ?? '').join(' ');
  const isArticleMarkup =
    /article/i.test(og) || /"@type"\s*:\s*\[?\s*"(?:News)?(?:Article|BlogPosting|Report|ReportageNewsArticle)"/.test(ld) || !!document.querySelector('article');
  const paragraphs = [...document.querySelectorAll('p, li, h2, h3, blockquote, figcaption, td')]
    .filter((el) => !el.querySelector('p, li, h2, h3, blockquote, td'))
    .map((el) => squash(el.textContent ?? ''))
    .filter((t) => words(t) >= 12);
  const pWords = [...document.querySelectorAll('p')].reduce((n, p) => n + words(p.textContent ?? ''), 0);
  return { isArticle: isArticleMarkup && pWords >= 150, paragraphs };
}

/** The article pages a seed samples, in order (the first `n`). */
function sampleIds(s: number, n: number): Set<string> {
  const ids = new Set<string>();
  for (const page of shuffle(pages, prng(s))) {
    if (ids.size >= n) break;
    if (pageBlocks(page.html).isArticle) ids.add(page.id);
  }
  return ids;
}

const excluded = new Set<string>();
for (const s of arg('exclude-seed', '').split(',').filter(Boolean)) for (const id of sampleIds(Number(s), sampleSize)) excluded.add(id);
const rand = prng(seed);
mkdirSync(outDir, { recursive: true });
const index: string[] = [];
let taken = 0;
for (const page of shuffle(pages, rand)) {
  if (taken >= sampleSize) break;
  if (excluded.has(page.id)) continue;
  const { isArticle, paragraphs } = pageBlocks(page.html);
  if (!isArticle) continue;
  taken++;
  const a = extract({ html: page.html });
  const kept = a.text.split(/\n\n+/).filter(Boolean);
  // (the standfirst is kept apart from the text, like the title: it counts as kept)
  const keptKey = key(`${a.standfirst ?? ''} ${a.text}`);
  const removed = a.removed ?? [];
  const removedKey = key(removed.map((r) => r.text).join(' '));
  const missing = [...new Set(paragraphs)].filter((p) => {
    const k = key(p).slice(0, 60);
    return !keptKey.includes(k);
  });
  const goldDate = gold[page.id] ?? '?';
  const dateMark = a.published?.slice(0, 10) === goldDate ? 'ok' : 'WRONG';
  const lines = [
    `# ${page.id}  (seed ${seed}, #${taken})`,
    `TITLE: ${a.title}`,
    `DATE: ${a.published ?? '-'}  gold ${goldDate}  ${dateMark}`,
    `AUTHORS: ${(a.authors ?? []).join('; ')}   SITE: ${a.site ?? ''}   LANG: ${a.language ?? ''}`,
    `STANDFIRST: ${a.standfirst ?? '-'}`,
    `WORDS: ${words(a.text)} kept in ${kept.length} blocks`,
    '',
    '## KEPT',
    ...kept.map((p, i) => `[${i + 1}] (${words(p)}w) ${p}`),
    '',
    '## REMOVED',
    ...removed.map((r) => `- {${r.reason}} ${squash(r.text).slice(0, 300)}`),
    '',
    '## ON THE PAGE, NOT KEPT (≥ 12 words; * = in removed[])',
    ...missing.map((p) => `${removedKey.includes(key(p).slice(0, 60)) ? '*' : '-'} ${p.slice(0, 400)}`),
  ];
  writeFileSync(join(outDir, `${String(taken).padStart(2, '0')}-${page.id}.txt`), lines.join('\n') + '\n');
  index.push(`${String(taken).padStart(2, '0')} ${page.id} ${dateMark} ${words(a.text)}w kept, ${removed.length} removed, ${missing.length} not kept | ${a.title}`);
}
writeFileSync(join(outDir, 'index.txt'), index.join('\n') + '\n');
console.log(index.join('\n'));
console.log(`\n${taken} article pages (seed ${seed}) written to ${outDir}`);
