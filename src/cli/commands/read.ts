// Read commands: articles, article, stories, story, entities, entity, stats. Human output by
// default, --json for machines.
import type { Command } from 'commander';
import { sqliteHandle, type Store } from '../../store/index.js';
import type { PublishedEstimate } from '../../store/store.js';
import { addDbOption, withStore } from '../store-option.js';
import { printable, printJson, table, truncate, truncateToFigure, wrap } from '../output.js';
import { limitOption, offsetOption, printPageNote } from '../numbers.js';
import { createViews } from '../../store/sqlite/views.js';
import { consecutiveDayRuns, isBackground } from '../../story/timeline.js';
import { spreadOverDates } from '../../story/claims.js';
import { displayDate, inReportOrder } from '../../story/dates.js';
import { asQuotation } from '../../text/quotation.js';

interface ReadFlags {
  db?: string;
  json?: boolean;
  limit?: number;
  offset?: number;
}

function readCommand(program: Command, name: string, description: string): Command {
  return addDbOption(program.command(name).description(description)).option('--json', 'print JSON');
}


export function storyOrThrow(store: Store, id: string) {
  const story = store.getStory(id);
  if (!story) throw new Error(`no story with ID ${id}: list them with \`storyline stories\``);
  return story;
}

/** How much of "Who said what" a story prints: the web page shows more, `storyline quotes` all. */
const CLI_SPEAKERS = 20;
const CLI_QUOTES_PER_SPEAKER = 6;

/**
 * An undated article's bounds, compact: "2021-12-17…2022-01-09", "≥ 2021-09-01", "≤ 2020-05-01", or
 * month-days when the text gives no year ("year? 02-24…").
 */
export function roughDate(e: PublishedEstimate | null | undefined): string | null {
  if (!e) return null;
  if (e.notBefore && e.notAfter) return `${e.notBefore}…${e.notAfter.slice(0, 4) === e.notBefore.slice(0, 4) ? e.notAfter.slice(5) : e.notAfter}`;
  if (e.notBefore) return `≥ ${e.notBefore}`;
  if (e.notAfter) return `≤ ${e.notAfter}`;
  if (e.yearUnknown && e.monthDayRange) return `year? ${e.monthDayRange.from ?? ''}…${e.monthDayRange.to ?? ''}`;
  return null;
}

export function printStory(store: Store, id: string): void {
  const story = storyOrThrow(store, id);
  const articles = story.articleIds.map((a) => store.getArticle(a)!).filter(Boolean);
  // Articles without an outlet name are named by their headline, which a reader recognises.
  const sourceOf = new Map(articles.map((a) => [a.id, a.source ?? `“${truncate(a.title, 32)}”`]));
  const publishedOf = new Map(articles.map((a) => [a.id, a.published]));
  const outletOf = new Map(articles.map((a) => [a.id, a.source]));
  /** "bbc [H1N1_bbc-324]", with ", published 2009-06-12" when that is not the statement's date. */
  const cite = (articleId: string, date?: string | null, byTitle = false) => {
    const published = publishedOf.get(articleId);
    const when = published && date && published.slice(0, 10) !== date.slice(0, 10) ? `, published ${published.slice(0, 10)}` : '';
    // an article with no outlet is named by its id alone (its title is in the Sources list)
    const source = byTitle ? sourceOf.get(articleId) : outletOf.get(articleId);
    return `${source ? `${source} [${articleId}]` : articleId}${when}`;
  };
  const out: string[] = [];
  out.push(story.title, '═'.repeat(Math.min(96, story.title.length)));
  out.push(`story ${story.id} · ${span(story.firstSeen, story.lastSeen)} · ${articlesAndSources(articles)}`);
  if (story.summary) out.push('', wrap(story.summary));
  if (story.timeline.length) {
    out.push('', 'Timeline');
    for (const run of consecutiveDayRuns(story.timeline)) {
      const t = run[0]!;
      const reports = inReportOrder([...new Set(run.flatMap((e) => e.articleIds))].map((x) => ({ id: x, published: publishedOf.get(x) ?? null })));
      const first = reports.length > 1 ? reports[0]! : null;
      // Who reported it (first report first), then the article to cite: the one the summary's words come from.
      const wordsFrom = run.flatMap((e) => e.sentences).find((x) => t.summary.includes(x.text.trim()) || x.text.includes(t.summary.trim()))?.articleId ?? reports[0]?.id;
      const sources = reports.length === 1 ? cite(reports[0]!.id, t.date, true) : [...new Set(reports.map((x) => sourceOf.get(x.id) ?? x.id))].join(', ') + `  (first ${first!.published?.slice(0, 10) ?? 'undated'} [${first!.id}])`;
      const date = run.length > 1 ? `${t.date.slice(0, 10)}–${run[run.length - 1]!.date.slice(8, 10)}` : displayDate(t.date, t.granularity);
      const summary = (t.expected ? '(expected) ' : '') + (isBackground(t.date, story.firstSeen) ? '(background) ' : '') + t.summary;
      if (date.length > 10) out.push(`  ${date}`, `              ${wrap(summary, 84, '              ').trimStart()}`);
      else out.push(`  ${date.padEnd(10)}  ${wrap(summary, 84, '              ').trimStart()}`);
      out.push(`              ↳ ${sources}`);
      if (wordsFrom && reports.length > 1 && wordsFrom !== first?.id) out.push(`                words from ${cite(wordsFrom, t.date, true)}`);
    }
  }
  if (story.claims.length) {
    out.push('', 'How the claims evolved');
    for (const c of story.claims) {
      // a claim of a big story can hold a thousand statements: a dozen spread over its dates
      const shown = spreadOverDates(c.statements, 12);
      out.push(`  ${c.subject}${shown.length < c.statements.length ? `  (${shown.length} of ${c.statements.length} statements, spread over their dates)` : ''}`);
      // (a row of a measured quantity shows its figure, however far into its sentence)
      const cut = c.subject.includes(' → ') ? truncateToFigure : truncate;
      for (const s of shown) out.push(`    ${s.date}  ${s.speaker ? s.speaker + ': ' : ''}${cut(s.text, 80)}  (${cite(s.articleId, s.date)})`);
    }
  }
  if (story.disagreements.length) {
    out.push('', 'Sources disagree');
    for (const d of story.disagreements) {
      // figures in dispute (statements taking opposite sides are about a claim's subject)
      const cut = story.claims.some((c) => c.subject === d.about && !c.subject.includes(' → ')) ? truncate : truncateToFigure;
      out.push(`  ${d.date}  ${d.about}: ${d.statements.map((s) => `${cite(s.articleId, d.date)}: ${cut(s.text, 50)}`).join(' | ')}`);
    }
  }
  // Grouped as on the web page (one group per entity: "WHO" with "World Health Organization"), the
  // most quoted speakers first, each with their latest statements: a big story's first days must
  // not crowd out its last months.
  const views = createViews(sqliteHandle(store));
  const groups = (views.savedStoryFigures(story.id, story.updatedAt)?.speakers ?? views.storySpeakerGroups(story.id)).filter((g) => g.key !== 'unattributed');
  if (groups.length) {
    out.push('', 'Who said what');
    const shown = groups.slice(0, CLI_SPEAKERS);
    const rows = new Map(views.quotesById(shown.flatMap((g) => g.quoteIds.slice(-CLI_QUOTES_PER_SPEAKER))).map((r) => [r.id, r]));
    for (const g of shown) {
      const more = g.quoteIds.length > CLI_QUOTES_PER_SPEAKER ? `  (latest ${CLI_QUOTES_PER_SPEAKER} of ${g.quoteIds.length} statements · all quotes: storyline quotes --story ${story.id} --speaker "${g.speaker}")` : '';
      out.push(`  ${g.speaker}${more}`);
      for (const id of g.quoteIds.slice(-CLI_QUOTES_PER_SPEAKER)) {
        const q = rows.get(id);
        if (q) out.push(`    ${(q.date ?? q.published ?? '?').padEnd(10)}  ${q.direct ? asQuotation(truncate(q.text, 76)) : truncate(q.text, 78)}  (${cite(q.articleId, q.date ?? q.published)})`);
      }
    }
    if (groups.length > shown.length) out.push(`  … and ${groups.length - shown.length} more speakers: storyline quotes --story ${story.id}`);
  }
  const history = store.storyHistory(story.id);
  if (history.length) {
    out.push('', 'History');
    const said = { 'merged-into': 'merged into story', absorbed: 'took in story', 'split-from': 'split off story', 'split-off': 'gave up part of itself to story' };
    for (const h of history) out.push(`  ${h.at.slice(0, 16).replace('T', ' ')}  ${said[h.kind]} ${h.otherId}`);
  }
  out.push('', 'Sources');
  // an undated article shows the bounds its text gives ("2021-12-17…2022-01-09", "≥ 2021-09-01", "year? 02-24…")
  const estimates = new Map(store.listArticles({ storyId: story.id }).map((a) => [a.id, a.publishedEstimate]));
  const bounds = new Map([...estimates].map(([id, e]) => [id, roughDate(e)]));
  const dateLabel = (a: (typeof articles)[number]) => a.published ?? bounds.get(a.id) ?? 'undated';
  // in order of publication as far as it is known; articles whose year is unknown come last
  const sortKey = (a: (typeof articles)[number]) => {
    const e = estimates.get(a.id);
    return a.published ?? e?.notBefore ?? e?.notAfter ?? '9999';
  };
  const dateWidth = Math.max(10, ...articles.map((a) => dateLabel(a).length));
  for (const a of [...articles].sort((x, y) => sortKey(x).localeCompare(sortKey(y)))) out.push(`  ${dateLabel(a).padEnd(dateWidth)}  ${truncate(a.source ?? '—', 18).padEnd(18)}  ${truncate(a.title, 60)}  [${a.id}]${a.duplicateOf ? ` duplicate of ${a.duplicateOf}` : ''}`);
  process.stdout.write(printable(out.join('\n')) + '\n');
}

export function printStoriesSummary(store: Store, limit = 20, offset = 0): void {
  const stories = store.listStories({ limit, offset });
  if (stories.length === 0) {
    process.stdout.write(offset > 0 && store.listStories({ limit: 1 }).length ? `no stories after the first ${offset}\n` : 'no stories yet: ingest articles with `storyline ingest PATH…`\n');
    return;
  }
  process.stdout.write(
    table(
      ['ID', 'articles', 'sources', 'span', 'title'],
      stories.map((s) => [s.id, String(s.articleCount), String(s.sourceCount), span(s.firstSeen, s.lastSeen), truncate(s.title, 70)]),
    ) + '\n',
  );
}

export function registerRead(program: Command): void {
  readCommand(program, 'articles', 'list stored articles')
    .option('--story <id>', 'only the articles of this story')
    .option('--source <name>', 'only the articles of this outlet')
    .option('--limit <n>', 'how many (a note on stderr says when there are more)', limitOption, 100)
    .option('--offset <n>', 'skip this many', offsetOption, 0)
    .action((flags: ReadFlags & { story?: string; source?: string }) =>
      withStore(flags, 'read', (store) => {
        // A story merged into another lists the articles of the story it became.
        const storyId = flags.story === undefined ? undefined : storyOrThrow(store, flags.story).id;
        const rows = store.listArticles({ limit: flags.limit, offset: flags.offset, storyId, source: flags.source });
        if (flags.json) printJson(rows);
        else if (rows.length === 0) process.stdout.write(noArticlesMessage(store, { ...flags, story: storyId }) + '\n');
        else
          process.stdout.write(
            table(
              ['ID', 'published', 'from', 'source', 'story', 'title'],
              rows.map((a) => [a.id, a.published ?? roughDate(a.publishedEstimate) ?? '—', a.publishedFrom ?? '—', truncate(a.source ?? '—', 20), a.storyId ?? '—', truncate(a.title, 60) + (a.duplicateOf ? ` (dup of ${a.duplicateOf})` : '')]),
            ) + '\n',
          );
        if (rows.length) printPageNote(rows.length, flags.offset ?? 0, store.countArticles({ storyId, source: flags.source }), 'articles');
      }),
    );

  readCommand(program, 'article', 'show one article: clean text, dates, entities, time expressions, quotes, removed boilerplate')
    .argument('<id>', 'article ID')
    .option('--removed', 'also print the blocks the cleaner removed')
    .action(async (id: string, flags: ReadFlags & { removed?: boolean }) => {
      const { analysesEntities } = await import('../../language/index.js'); // (loaded when the command runs)
      return withStore(flags, 'read', (store) => {
        const a = store.getArticle(id);
        if (!a) throw new Error(`no article with ID ${id}: list them with \`storyline articles\``);
        const analysis = store.getAnalysis(id)?.analysis;
        if (flags.json) return printJson({ ...a, raw: undefined, analysis });
        const out: string[] = [a.title, '═'.repeat(Math.min(96, a.title.length))];
        const range = a.publishedRange ? ` (range ${a.publishedRange.from} – ${a.publishedRange.to})` : '';
        out.push(`id ${a.id} · ${a.source ?? 'unknown source'} · published ${a.published ?? 'unknown'}${a.publishedFrom ? ` [from ${a.publishedFrom}]` : ''}${range}`);
        const est = a.publishedEstimate;
        if (est && (est.notBefore || est.notAfter || est.yearUnknown)) {
          const window = est.yearUnknown && est.monthDayRange ? `year unknown, month-day ${est.monthDayRange.from ?? '?'} – ${est.monthDayRange.to ?? '?'}` : `between ${est.notBefore ?? '?'} and ${est.notAfter ?? '?'}`;
          out.push(`publication date evidence: ${window}${est.evidence.length ? ` (${est.evidence.join('; ')})` : ''}`);
        }
        if (a.url) out.push(`url ${a.url}`);
        if (a.path) out.push(`file ${a.path}`);
        if (a.authors.length) out.push(`by ${a.authors.join(', ')}`);
        if (a.storyId) out.push(`story ${a.storyId}`);
        if (a.duplicateOf) out.push(`duplicate of ${a.duplicateOf}`);
        // the standfirst (dek) the page prints between headline and text, kept apart from the text
        if (a.standfirst) out.push('', ...wrap(a.standfirst).split('\n'));
        out.push('', ...a.text.split('\n\n').map((p) => wrap(p)).join('\n\n').split('\n'));
        if (analysis) {
          if (!analysesEntities(a.language)) out.push('', `Entities and quotes: recognised in English text only (this article's language: ${a.language})`);
          if (analysis.entities.length) {
            out.push('', 'Entities');
            for (const e of analysis.entities)
              out.push(`  ${e.type.padEnd(12)} ${e.name}${e.aliases.length ? ` (also: ${e.aliases.filter((x) => x !== e.name).join(', ')})` : ''}${e.roles.length ? ` — ${e.roles.join('; ')}` : ''}`);
          }
          if (analysis.timexes.length) {
            out.push('', 'Time expressions');
            for (const t of analysis.timexes) out.push(`  ${truncate(t.text, 40).padEnd(40)}  ${t.type.padEnd(8)}  ${t.value}${t.mod ? ` (${t.mod})` : ''}`);
          }
          if (analysis.quotes.length) {
            out.push('', 'Quotes');
            for (const q of analysis.quotes)
              out.push(`  ${(q.speaker ?? 'unattributed').padEnd(22)} ${q.direct ? asQuotation(truncate(a.text.slice(...q.content), 70)) : truncate(a.text.slice(...q.content), 72)}`);
          }
        }
        if (a.removed.length) {
          out.push('', `Removed by the cleaner: ${a.removed.length} block(s)${flags.removed ? '' : ' (show them with --removed)'}`);
          if (flags.removed) for (const r of a.removed) out.push(`  [${r.reason}] ${truncate(r.text, 80)}`);
        }
        process.stdout.write(printable(out.join('\n')) + '\n');
      });
    });

  readCommand(program, 'stories', 'list stories by recent activity')
    .option('--limit <n>', 'how many (a note on stderr says when there are more)', limitOption, 50)
    .option('--offset <n>', 'skip this many', offsetOption, 0)
    .action((flags: ReadFlags) =>
      withStore(flags, 'read', (store) => {
        if (flags.json) printJson(store.listStories({ limit: flags.limit, offset: flags.offset }));
        else printStoriesSummary(store, flags.limit, flags.offset);
        const total = storyCount(store);
        const shown = Math.max(0, Math.min(flags.limit ?? 50, total - (flags.offset ?? 0)));
        if (shown) printPageNote(shown, flags.offset ?? 0, total, 'stories, latest first');
      }),
    );

  readCommand(program, 'story', 'show one story: timeline, claim evolution, who said what, sources')
    .argument('<id>', 'story ID')
    .action((id: string, flags: ReadFlags) =>
      withStore(flags, 'read', (store) => {
        const story = storyOrThrow(store, id);
        // A story merged into another (by the linker, or by a reprocess that rebuilt the stories) is shown as the story it became.
        const merged = story.id !== id ? `story ${id} was merged into ${story.id}` : null;
        if (flags.json) {
          if (merged) process.stderr.write(merged + '\n');
          return printJson({ ...story, history: store.storyHistory(story.id) });
        }
        if (merged) process.stdout.write(`${printable(merged)}\n\n`);
        printStory(store, story.id);
      }),
    );

  readCommand(program, 'entities', 'list people, organisations and places across the corpus')
    .option('--type <type>', 'person | organization | place | other')
    .option('--limit <n>', 'how many (a note on stderr says when there are more)', limitOption, 50)
    .option('--offset <n>', 'skip this many, the most mentioned first', offsetOption, 0)
    .action((flags: ReadFlags & { type?: 'person' | 'organization' | 'place' | 'other' }) =>
      withStore(flags, 'read', (store) => {
        if (flags.type && !['person', 'organization', 'place', 'other'].includes(flags.type)) throw new Error(`--type must be person, organization, place or other, not "${flags.type}"`);
        const rows = store.listEntities({ limit: flags.limit, offset: flags.offset, type: flags.type });
        const total = Number(sqliteHandle(store).prepare(`SELECT count(*) FROM entities${flags.type ? ' WHERE type = ?' : ''}`).pluck().get(...(flags.type ? [flags.type] : [])));
        if (flags.json) printJson(rows);
        else if (rows.length === 0) process.stdout.write(total ? `no entities after the first ${flags.offset}\n` : `no ${flags.type ? flags.type + ' ' : ''}entities: ingest articles with \`storyline ingest PATH…\`\n`);
        else
          process.stdout.write(
            table(['ID', 'type', 'mentions', 'articles', 'name', 'aliases / roles'], rows.map((e) => [e.id, e.type, String(e.mentionCount), String(e.articleIds.length), e.name, truncate([...e.aliases.filter((x) => x !== e.name), ...e.roles].join('; '), 60)])) + '\n',
          );
        if (rows.length) printPageNote(rows.length, flags.offset ?? 0, total, flags.type ? `${flags.type} entities` : 'entities');
      }),
    );

  readCommand(program, 'stats', 'counts of what is stored')
    .action((flags: ReadFlags) =>
      withStore(flags, 'read', (store) => {
        const s = store.stats();
        if (flags.json) return printJson(s);
        const rows: [string, string][] = [
          ['articles', String(s.articles)],
          ['near/exact duplicates', String(s.duplicates)],
          ['sources', String(s.sources)],
          ['stories', String(s.stories)],
          ['entities', String(s.entities)],
          ['quotes', String(s.quotes)],
          ['time expressions', String(s.timexes)],
          ['published', span(s.firstPublished, s.lastPublished)],
          ['database', `${store.path} (${(s.dbBytes / 1024 / 1024).toFixed(1)} MB)`],
        ];
        process.stdout.write(rows.map(([k, v]) => `${k.padEnd(22)} ${v}`).join('\n') + '\n');
      }),
    );
}

/** Stories listed by `storyline stories`: those not merged into another, with articles. */
function storyCount(store: Store): number {
  return Number(sqliteHandle(store).prepare('SELECT count(*) FROM stories WHERE merged_into IS NULL AND article_count > 0').pluck().get());
}

/** Why `articles` lists nothing: an empty store, a source no article has, or an offset past the end. */
function noArticlesMessage(store: Store, flags: { story?: string; source?: string; offset?: number }): string {
  if (flags.source && !store.listArticles({ source: flags.source, storyId: flags.story, limit: 1 }).length) {
    const known = sqliteHandle(store).prepare('SELECT source FROM articles WHERE source IS NOT NULL GROUP BY source ORDER BY count(*) DESC LIMIT 8').pluck().all() as string[];
    const inStory = flags.story ? ` in story ${flags.story}` : '';
    return `no articles from a source named "${flags.source}"${inStory}${known.length ? `: sources include ${known.join(', ')}` : ': no article has a source'}`;
  }
  if (flags.offset && store.listArticles({ source: flags.source, storyId: flags.story, limit: 1 }).length) return `no articles after the first ${flags.offset}`;
  return flags.story ? `no articles in story ${flags.story}` : 'no articles: ingest some with `storyline ingest PATH…`';
}

/**
 * "6 articles from 2 sources (1 with no source)", "5 articles, source unknown": an article with no
 * source is not a source of its own (the story list and `stats` count named sources only).
 */
export function articlesAndSources(articles: { source: string | null }[]): string {
  const n = articles.length;
  const named = new Set(articles.map((a) => a.source).filter((s): s is string => !!s)).size;
  const unknown = articles.filter((a) => !a.source).length;
  const what = `${n} article${n === 1 ? '' : 's'}`;
  if (!named) return `${what}, source unknown`;
  return `${what} from ${named} source${named === 1 ? '' : 's'}${unknown ? ` (${unknown} with no source)` : ''}`;
}

/** A date span for tables: "undated" when no article of it has a publication date. */
function span(first: string | null | undefined, last: string | null | undefined): string {
  return first || last ? `${first ?? '?'} – ${last ?? '?'}` : 'undated';
}
