// Timeline summarisation on Timeline17 (../shared/data/t17), scored like the scoreboard: one task per
// ground-truth timeline, with its number of dates, mean sentences per date and date range; articles
// restricted to that range; keywords from keywords.json. Scored by ../shared/eval/tls_score.py.
//   npm run bench:tls [-- --topics bpoil_bbc,haiti_bbc] [-- --keep DIR]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Analysis, IsoDate } from '../src/types.js';
import { buildStory, type StoryArticle, type BuildOptions } from '../src/story/index.js';
import { analyzeForTimeline, looksOneSentencePerLine } from '../src/story/light.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DATA = join(ROOT, '..', 'shared', 'data', 't17');
export const SCORER = join(ROOT, '..', 'shared', 'eval', 'tls_score.py');

export interface Task {
  topic: string;
  index: number;
  dates: number;
  sentencesPerDate: number;
  start: IsoDate;
  end: IsoDate;
  keywords: string[];
}

export type Analyzer = (text: string, dct: IsoDate | null, lines: boolean) => Analysis;

export const lightAnalyzer: Analyzer = (text, dct, lines) => analyzeForTimeline(text, { dct, lines });

export function tasksOf(topic: string): Task[] {
  const dir = join(DATA, topic);
  const keywords = JSON.parse(readFileSync(join(dir, 'keywords.json'), 'utf8')) as string[];
  const tasks: Task[] = [];
  readFileSync(join(dir, 'timelines.jsonl'), 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (!line.trim()) return;
      const tl = JSON.parse(line) as [string, string[]][];
      if (!tl.length) return;
      const dates = tl.map((x) => x[0].slice(0, 10)).sort();
      const sents = tl.reduce((n, x) => n + x[1].length, 0);
      tasks.push({
        topic,
        index,
        dates: tl.length,
        sentencesPerDate: Math.max(1, Math.round(sents / tl.length)),
        start: dates[0]!,
        end: dates[dates.length - 1]!,
        keywords,
      });
    });
  return tasks;
}

export function loadArticles(topic: string, analyzer: Analyzer): StoryArticle[] {
  return readFileSync(join(DATA, topic, 'articles.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const v = JSON.parse(l) as { id: string; published: string; text: string; title?: string };
      const published = v.published.slice(0, 10);
      return {
        id: String(v.id),
        title: v.title ?? '',
        text: v.text,
        published,
        source: null,
        duplicateOf: null,
        analysis: analyzer(v.text, published, looksOneSentencePerLine(v.text)),
      };
    });
}

export function predict(articles: StoryArticle[], task: Task, build: BuildOptions = {}) {
  const inRange = articles.filter((a) => a.published && a.published >= task.start && a.published <= task.end);
  const story = buildStory(
    inRange,
    { dates: task.dates, sentencesPerDate: task.sentencesPerDate, start: task.start, end: task.end, keywords: task.keywords, reuseSentences: true },
    { timelineOnly: true, ...build },
  );
  return { timeline: story.timeline.map((e) => ({ date: e.date, sentences: e.sentences.map((s) => s.text.trim()) })) };
}

export interface Scores {
  ar1: number;
  ar2: number;
  dateF1: number;
  perTask: { name: string; ar1: number; ar2: number; dateF1: number }[];
}

export function score(predDir: string): Scores {
  const out = execFileSync('python3', [SCORER, '--all-gold-dir', DATA, '--pred-dir', predDir, '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const j = JSON.parse(out);
  const perTask = (j.timelines as any[]).map((r) => ({
    name: `${r.topic}.${r.index}`,
    ar1: r.align_m1?.rouge_1?.f_score ?? 0,
    ar2: r.align_m1?.rouge_2?.f_score ?? 0,
    dateF1: r.date?.f_score ?? 0,
  }));
  return {
    ar1: j.average.align_m1.rouge_1.f_score,
    ar2: j.average.align_m1.rouge_2.f_score,
    dateF1: j.average.date.f_score,
    perTask,
  };
}

export function runBenchmark(analyzer: Analyzer, build: BuildOptions = {}, topics?: string[], keep?: string) {
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'tls-'));
  mkdirSync(dir, { recursive: true });
  const all = readdirSync(DATA).filter((d) => !d.startsWith('.')).sort();
  const chosen = topics ?? all;
  let analysisMs = 0;
  let timelineMs = 0;
  let nArticles = 0;
  const cache = new Map<string, StoryArticle[]>();
  for (const topic of chosen) {
    const t0 = performance.now();
    const articles = cache.get(topic) ?? loadArticles(topic, analyzer);
    cache.set(topic, articles);
    nArticles += articles.length;
    const t1 = performance.now();
    analysisMs += t1 - t0;
    for (const task of tasksOf(topic)) {
      writeFileSync(join(dir, `${topic}.${task.index}.json`), JSON.stringify(predict(articles, task, build)));
    }
    timelineMs += performance.now() - t1;
  }
  // Topics left out would score 0 in the all-topics scorer run: a subset is scored task by task.
  const result = topics ? scoreSubset(dir, chosen) : score(dir);
  if (!keep) rmSync(dir, { recursive: true, force: true });
  return { result, analysisMs, timelineMs, nArticles };
}

function scoreSubset(predDir: string, topics: string[]): Scores {
  const rows = topics.flatMap((topic) =>
    tasksOf(topic).map((task) => {
      const out = execFileSync(
        'python3',
        [SCORER, join(DATA, topic, 'timelines.jsonl'), join(predDir, `${topic}.${task.index}.json`), '--json'],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
      );
      const j = JSON.parse(out);
      const r = (j.timelines as any[]).find((x) => x.index === task.index) ?? j.average;
      return { name: `${topic}.${task.index}`, r };
    }),
  );
  const mean = (f: (r: any) => number) => rows.reduce((s, x) => s + f(x.r), 0) / Math.max(1, rows.length);
  const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);
  return {
    ar1: f1(mean((r) => r.align_m1.rouge_1.precision), mean((r) => r.align_m1.rouge_1.recall)),
    ar2: f1(mean((r) => r.align_m1.rouge_2.precision), mean((r) => r.align_m1.rouge_2.recall)),
    dateF1: f1(mean((r) => r.date.precision), mean((r) => r.date.recall)),
    perTask: rows.map(({ name, r }) => ({
      name,
      ar1: r.align_m1.rouge_1.f_score,
      ar2: r.align_m1.rouge_2.f_score,
      dateF1: r.date.f_score,
    })),
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const topicsArg = args.indexOf('--topics');
  const keepArg = args.indexOf('--keep');
  const topics = topicsArg >= 0 ? args[topicsArg + 1]!.split(',') : undefined;
  const keep = keepArg >= 0 ? args[keepArg + 1] : undefined;
  const t0 = performance.now();
  const { result, analysisMs, timelineMs, nArticles } = runBenchmark(lightAnalyzer, {}, topics, keep);
  const total = (performance.now() - t0) / 1000;
  for (const t of result.perTask) {
    console.log(`${t.name.padEnd(26)} AR1 ${t.ar1.toFixed(4)}  AR2 ${t.ar2.toFixed(4)}  Date-F1 ${t.dateF1.toFixed(4)}`);
  }
  console.log(`T17 (${topics ? topics.join(',') : 'all 10 timelines'}): AR1 ${result.ar1.toFixed(4)}  AR2 ${result.ar2.toFixed(4)}  Date-F1 ${result.dateF1.toFixed(4)}   (targets .12 / .035 / .55)`);
  console.log(
    `time: ${total.toFixed(1)} s total; analysis ${(analysisMs / 1000).toFixed(1)} s for ${nArticles} articles (${Math.round(nArticles / (analysisMs / 1000))} articles/s); timelines ${(timelineMs / 1000).toFixed(1)} s`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
