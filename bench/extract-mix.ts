// bench:extract-mix — how much page furniture survives extraction of real news text, counted by
// line shapes (no store, no pipeline): the Timeline17 scraped texts (all ten folders) and, for the
// HTML path, the AEB pages.
//   - titles that are datelines or bylines ("(Reuters)", "By X", bars, "UK time", "4:23 pm", "CITY --", "Mon Jun")
//   - first sentences opening with a dateline, byline or stamp ("WASHINGTON (Reuters) -", "LONDON, May 3 --", "By X |")
//   - reader-comment signatures kept ("Report abuse", "Posted by : NAME |"), and the lines cut as reader comments
//   - photo credits and captions kept ("(Photo by … / Getty Images)", "(AP Photo/…)", "Photo credit: …")
//   - blog furniture kept ("Posted by X at 10:32 AM", "… contributed to this report", "Permalink", "Comments (12)")
//   - T17 texts opening with a lead that opens 3+ other texts too (a programme promo or site line before every story)
//   - speed: T17 texts/s and AEB pages/s of CPU time (one core, in process)
// The detectors below are deliberately independent of the extractor's own patterns.
// Usage: npm run bench:extract-mix [-- --show 5] [-- --no-html]
// (STORYLINE_EXTRACT=/path/to/src/extract/index.ts measures another copy of the stage: before/after.)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Extracted } from '../src/types.js';

type ExtractFn = (input: { html?: string; text?: string; url?: string; title?: string }) => Extracted;
const modulePath = process.env.STORYLINE_EXTRACT ?? new URL('../src/extract/index.js', import.meta.url).href;
const { extract } = (await import(modulePath)) as { extract: ExtractFn };

const shared = process.env.STORYLINE_SHARED ?? new URL('../../shared/', import.meta.url).pathname;
const showArg = process.argv.indexOf('--show');
const show = showArg > 0 ? Number(process.argv[showArg + 1]) || 5 : 0;
const withHtml = !process.argv.includes('--no-html');

const AGENCY = '(?:Reuters|AP|AFP|UPI|Bloomberg|dpa|Xinhua|IANS|PTI|Associated Press|Agence France-Presse)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\\.?';

/** A first sentence that still opens with a dateline, byline or date stamp. */
const DATELINE_OPENERS: RegExp[] = [
  new RegExp(`^[\\p{Lu}][\\p{L}.,'’ /-]{0,60}(?:,?\\s*${MONTH}\\s+\\d{1,2})?\\s*\\(\\s*${AGENCY}[^)]{0,20}\\)\\s*(?:--|[-–—:])`, 'u'),
  new RegExp(`^\\p{Lu}[\\p{Lu}.'’ /-]{2,}(?:,\\s*\\p{Lu}[\\p{L}.]+){0,2}(?:,?\\s*${MONTH}\\s+\\d{1,2})?\\s*(?:--|—|–|-)\\s`, 'u'),
  /^By\s+\p{Lu}[^|\n]{0,80}\|/u,
  /^\p{Lu}[\p{Lu} .]{2,}\s*\|\s*\S/u,
  new RegExp(`^(?:${WEEKDAY},?\\s+)?${MONTH}\\s+\\d{1,2},?\\s+(?:19|20)\\d\\d\\b[^.]{0,20}\\d{1,2}:\\d\\d`, 'u'),
  /^(?:Page\s+)?(?:Last\s+)?(?:updated|published)\s*(?:at|on|:)/i,
];

/** A title that is a dateline, byline or stamp rather than a headline. */
const TITLE_CRUFT = new RegExp(
  `\\(\\s*${AGENCY}\\s*\\)|^By\\s+\\p{Lu}|\\||UK time|\\b\\d{1,2}:\\d\\d\\s*[ap]\\.?m\\b|^\\p{Lu}{3,}[\\p{Lu} ,.]*\\s--|\\b${WEEKDAY}\\s+${MONTH}\\s+\\d`,
  'u',
);

/** A reader comment's signature or report link. */
const COMMENT_SIGNATURE = /Report abuse|Report as abusive|Flag as inappropriate|Posted by\s*:\s*[^|\n]{1,60}\|/i;

/** A photo credit or caption line. */
const PHOTO_CREDIT =
  /\(\s*(?:AP|AFP|Reuters|Getty|EPA|Bloomberg)?\s*Photo\b|\bPhoto(?:graph)?s?\s*(?:by|credit|:)|Getty Images|\/\s*(?:AP|AFP|Reuters|EPA|Bloomberg|Getty)(?:\s+Photo)?\s*\)|\(\s*Credit\s*:|\bIn this (?:[\p{L}\d, ]{0,40} )?(?:file )?photo\b|\bFile photo\b|\((?:Image|Picture)\s*:/iu;

/** Blog and page furniture lines. */
const BLOG_FURNITURE =
  /^Posted (?:by\s+[^\n]{1,60}?\s+)?(?:at|on)\s[^\n]{0,40}?\d{1,2}:\d\d|\bcontributed to this report\b|^Permalink\b|\bComments?\s*\(\d+\)|^\d+\s+comments?\s*$|^(?:Email|E-mail|Share|Print) this\b|^Categories\s*:|^Tags\s*:|^TrackBack\b/i;

interface Counts {
  docs: number;
  titleCruft: number;
  datelineOpen: number;
  commentLines: number;
  commentDocs: number;
  threadLines: number;
  threadDocs: number;
  photoLines: number;
  blogLines: number;
}
const zero = (): Counts => ({ docs: 0, titleCruft: 0, datelineOpen: 0, commentLines: 0, commentDocs: 0, threadLines: 0, threadDocs: 0, photoLines: 0, blogLines: 0 });
const samples: Record<string, string[]> = { titleCruft: [], datelineOpen: [], commentLines: [], photoLines: [], blogLines: [] };
const sample = (kind: string, where: string, text: string) => {
  if (samples[kind]!.length < show) samples[kind]!.push(`${where}: ${text.slice(0, 200)}`);
};

/** The first sentence of a text (up to a sentence end followed by a capital, or 250 characters). */
function firstSentence(text: string): string {
  const head = text.slice(0, 400);
  const m = /^.{20,}?[.!?]["”’]?(?=\s+["“‘]?\p{Lu})/su.exec(head);
  return (m ? m[0] : head.slice(0, 250)).trim();
}

function count(c: Counts, a: Extracted, where: string): void {
  c.docs++;
  const title = a.title || firstSentence(a.text);
  if (TITLE_CRUFT.test(title)) (c.titleCruft++, sample('titleCruft', where, title));
  const first = firstSentence(a.text);
  if (DATELINE_OPENERS.some((re) => re.test(first))) (c.datelineOpen++, sample('datelineOpen', where, first));
  let comments = 0;
  for (const p of a.text.split('\n\n')) {
    if (COMMENT_SIGNATURE.test(p)) (comments++, sample('commentLines', where, p));
    if (PHOTO_CREDIT.test(p)) (c.photoLines++, sample('photoLines', where, p));
    if (BLOG_FURNITURE.test(p)) (c.blogLines++, sample('blogLines', where, p));
  }
  c.commentLines += comments;
  if (comments) c.commentDocs++;
  // the thread is one removed block: its lines shown, then "… and N more lines of comments"
  for (const r of a.removed) {
    if (r.reason !== 'reader comments') continue;
    const lines = r.text.split('\n');
    const more = /^… and (\d+) more lines of comments$/.exec(lines.at(-1) ?? '');
    c.threadLines += more ? lines.length - 1 + Number(more[1]) : lines.length;
    c.threadDocs++;
  }
}

const cpuSeconds = (start: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
};

// Timeline17: every folder's scraped texts.
const t17Dir = join(shared, 'data/t17');
const t17: { where: string; text: string }[] = [];
for (const folder of readdirSync(t17Dir).sort()) {
  for (const line of readFileSync(join(t17Dir, folder, 'articles.jsonl'), 'utf8').split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line) as { id: string; text?: string };
    if (r.text) t17.push({ where: `${folder}/${r.id}`, text: r.text });
  }
}
for (const d of t17.slice(0, 100)) extract({ text: d.text }); // warm-up
const t17Counts = zero();
let start = process.cpuUsage();
const t17Results = t17.map((d) => extract({ text: d.text }));
const t17Cpu = cpuSeconds(start);
t17Results.forEach((a, i) => count(t17Counts, a, t17[i]!.where));

const report = (name: string, c: Counts, speed: string) =>
  console.log(
    `${name} (${c.docs} docs): titles that are datelines/bylines ${c.titleCruft} · first sentences opening with a dateline ${c.datelineOpen} · ` +
      `comment-signature lines kept ${c.commentLines} (in ${c.commentDocs} docs) · lines cut as reader comments ${c.threadLines} (in ${c.threadDocs} docs) · ` +
      `photo-credit/caption lines kept ${c.photoLines} · ` +
      `blog-furniture lines kept ${c.blogLines} · ${speed}`,
  );
report('T17 texts', t17Counts, `${(t17.length / t17Cpu).toFixed(0)} texts/s of CPU time`);
// Leads repeated across the corpus: texts whose first 60 characters open 3 or more other texts too (a promo or
// site line printed before every story; the pipeline's repeated-line map cuts only whole lines).
const openings = new Map<string, number>();
const openingOf = (a: Extracted) => a.text.slice(0, 60);
for (const a of t17Results) if (a.text.length >= 60) openings.set(openingOf(a), (openings.get(openingOf(a)) ?? 0) + 1);
const repeatedLeads = [...openings].filter(([, n]) => n >= 4);
console.log(
  `T17 texts opening with a lead repeated in 3+ other texts: ${repeatedLeads.reduce((n, [, k]) => n + k, 0)} (${repeatedLeads.length} leads)` +
    (show ? repeatedLeads.map(([lead, n]) => `\n  ${n}× ${lead}`).join('') : ''),
);

if (withHtml) {
  const aeb = gunzipSync(readFileSync(join(shared, 'data/aeb/input.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; html: string; url?: string });
  for (const p of aeb.slice(0, 20)) extract({ html: p.html, url: p.url });
  const aebCounts = zero();
  start = process.cpuUsage();
  const aebResults = aeb.map((p) => extract({ html: p.html, url: p.url }));
  const aebCpu = cpuSeconds(start);
  aebResults.forEach((a, i) => count(aebCounts, a, `aeb/${aeb[i]!.id.slice(0, 8)}`));
  report('AEB HTML pages', aebCounts, `${(aeb.length / aebCpu).toFixed(1)} pages/s of CPU time`);
}

if (show) {
  for (const [kind, lines] of Object.entries(samples)) {
    if (!lines.length) continue;
    console.log(`\n${kind}:`);
    for (const l of lines) console.log(`  ${l}`);
  }
}
