import type { Command } from 'commander';
import { hintWhenStdinIsTerminal, readJsonLines } from '../batch.js';
import type { StoryArticle } from '../../story/index.js';
import { wholeNumber } from '../numbers.js';

/**
 * `storyline tls`: articles on stdin → one JSON timeline {timeline:[{date, sentences[]}]}.
 * Texts with line breaks inside paragraphs (one sentence a line, as in Timeline17) are split at the
 * line breaks; only time expressions are analysed (no entities or quotes), for speed.
 */
export function registerTls(program: Command): void {
  program
    .command('tls')
    .description('timeline summarisation: articles {id,published,title?,text} on stdin → {timeline:[{date,sentences[]}]}')
    .option('--dates <n>', 'number of dates', wholeNumber('--dates', { min: 1 }))
    .option('--sentences <k>', 'sentences per date', wholeNumber('--sentences', { min: 1 }))
    .option('--start <date>', 'first date to consider (YYYY-MM-DD)')
    .option('--end <date>', 'last date to consider (YYYY-MM-DD)')
    .option('--keywords <list>', 'comma-separated topic keywords')
    .action(async (opts: { dates?: number; sentences?: number; start?: string; end?: string; keywords?: string }) => {
      const [{ buildStory }, { analyzeForTimeline, looksOneSentencePerLine }] = await Promise.all([import('../../story/index.js'), import('../../story/light.js')]); // (loaded when the command runs)
      for (const [flag, day] of [['--start', opts.start], ['--end', opts.end]] as const) {
        if (day !== undefined && !isRealDay(day)) throw new Error(`${flag} must be a day as YYYY-MM-DD, not "${day}"`);
      }
      hintWhenStdinIsTerminal('tls', 'JSON Lines {id,published,title?,text}');
      const articles: StoryArticle[] = [];
      for await (const item of readJsonLines(process.stdin)) {
        if (!item.value) {
          process.stderr.write(`storyline tls: stdin:${item.error}\n`);
          continue;
        }
        const v = item.value;
        const text = typeof v.text === 'string' ? v.text : '';
        const published = typeof v.published === 'string' ? v.published.slice(0, 10) : null;
        if (published && ((opts.start && published < opts.start) || (opts.end && published > opts.end))) continue;
        articles.push({
          id: String(v.id ?? item.line),
          title: typeof v.title === 'string' ? v.title : '',
          text,
          published,
          source: null,
          duplicateOf: null,
          analysis: analyzeForTimeline(text, { dct: published, lines: looksOneSentencePerLine(text) }),
        });
      }
      const story = buildStory(articles, {
        dates: opts.dates,
        sentencesPerDate: opts.sentences,
        start: opts.start,
        end: opts.end,
        keywords: opts.keywords ? opts.keywords.split(',').map((k) => k.trim()).filter(Boolean) : undefined,
        reuseSentences: true,
      }, { timelineOnly: true });
      process.stdout.write(JSON.stringify({ timeline: story.timeline.map((e) => ({ date: e.date, sentences: e.sentences.map((s) => s.text.trim()) })) }) + '\n');
    });
}

function isRealDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const day = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return day.getUTCMonth() === +m[2]! - 1 && day.getUTCDate() === +m[3]!;
}
