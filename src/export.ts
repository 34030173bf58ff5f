// The export contract (docs/export.md): a versioned JSON document, and JSON Lines, Markdown and
// CSV renderings of it.
import type { PublishedEstimate, Store, StoredArticle, StoryHistoryEntry } from './store/store.js';
import { displayDate, inReportOrder as inReportOrderOf } from './story/dates.js';
import { isBackground } from './story/timeline.js';
import type { ClaimEvolution, ClaimStatement, DateOrigin, Disagreement, EntityType, Granularity, IsoDate } from './types.js';
import { asQuotation } from './text/quotation.js';

export const EXPORT_VERSION = 1;

export interface ExportArticle {
  id: string;
  url: string | null;
  path: string | null;
  source: string | null;
  title: string;
  /** The standfirst (dek) the page printed apart from the text, or null (added in version 1; null for articles stored before it). */
  standfirst: string | null;
  published: IsoDate | null;
  publishedFrom: DateOrigin | null;
  publishedRange: { from: IsoDate; to: IsoDate } | null;
  /** For undated or inferred dates: the bounds and evidence the text gives. */
  publishedEstimate: PublishedEstimate | null;
  text: string;
  language: string;
  duplicateOf: string | null;
  authors: string[];
  storyId: string | null;
  removed: { text: string; reason: string }[];
}

export interface ExportEntity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  roles: string[];
  articleIds: string[];
}

export interface ExportQuote {
  articleId: string;
  text: string;
  speaker: string | null;
  speakerEntityId: string | null;
  direct: boolean;
  kind: 'speech' | 'belief';
  cue: string | null;
  date: IsoDate | null;
  /** The article's publication date and outlet, to cite the statement (added in version 1). */
  published: IsoDate | null;
  outlet: string | null;
  offsets: { content: [number, number]; source: [number, number] | null; cue: [number, number] | null };
}

export interface ExportStory {
  id: string;
  title: string;
  summary: string;
  firstSeen: IsoDate | null;
  lastSeen: IsoDate | null;
  articleIds: string[];
  timeline: { date: IsoDate; granularity: Granularity; summary: string; sentences: { text: string; articleId: string }[]; articleIds: string[]; expected?: true }[];
  claims: (Omit<ClaimEvolution, 'statements'> & { statements: ExportStatement[] })[];
  disagreements: (Omit<Disagreement, 'statements'> & { statements: ExportStatement[] })[];
  /** Merges and splits this story went through, oldest first. */
  history: StoryHistoryEntry[];
}

/** A claim statement with the publication date of its article, to cite it (date is the statement's). */
export type ExportStatement = ClaimStatement & { published: IsoDate | null };

export interface ExportDocument {
  format: 'storyline-export';
  version: typeof EXPORT_VERSION;
  generatedAt: string;
  articles: ExportArticle[];
  entities: ExportEntity[];
  quotes: ExportQuote[];
  stories: ExportStory[];
}

export type ExportFormat = 'json' | 'jsonl' | 'md' | 'csv';
export const EXPORT_FORMATS: ExportFormat[] = ['json', 'jsonl', 'md', 'csv'];

function exportArticle(a: StoredArticle): ExportArticle {
  return {
    id: a.id,
    url: a.url,
    path: a.path,
    source: a.source,
    title: a.title,
    standfirst: a.standfirst,
    published: a.published,
    publishedFrom: a.publishedFrom,
    publishedRange: a.publishedRange,
    publishedEstimate: a.publishedEstimate,
    text: a.text,
    language: a.language,
    duplicateOf: a.duplicateOf,
    authors: a.authors,
    storyId: a.storyId,
    removed: a.removed,
  };
}

/** Builds the export document for the whole store, or for one story and its articles. */
export function buildExport(store: Store, options: { storyId?: string; now?: Date } = {}): ExportDocument {
  let storyIds: string[];
  let articleIds: string[];
  if (options.storyId) {
    const story = store.getStory(options.storyId);
    if (!story) throw new Error(`no story with ID ${options.storyId}: list them with \`storyline stories\``);
    storyIds = [story.id];
    articleIds = story.articleIds;
  } else {
    storyIds = everyRow((page) => store.listStories(page)).map((s) => s.id);
    articleIds = store.articleIds();
  }
  const wanted = new Set(articleIds);
  const articles = articleIds.map((id) => store.getArticle(id)).filter((a): a is StoredArticle => a !== null);
  const publishedOf = new Map(articles.map((a) => [a.id, a.published]));
  // An entry's articles first report first (undated last), so its first id answers "who reported it first".
  const inReportOrder = (ids: readonly string[]) =>
    inReportOrderOf(ids.map((id) => ({ id, published: publishedOf.get(id) ?? null }))).map((x) => x.id);
  const withPublished = (st: ClaimStatement): ExportStatement => ({ ...st, published: publishedOf.get(st.articleId) ?? null });
  const entities = everyRow((page) => store.listEntities(page))
    .map((e) => ({ id: e.id, name: e.name, type: e.type, aliases: e.aliases, roles: e.roles, articleIds: e.articleIds.filter((id) => wanted.has(id)) }))
    .filter((e) => e.articleIds.length > 0);
  const quotes = everyRow((page) => store.quotes({ ...page, ...(options.storyId ? { storyId: options.storyId } : {}) })).map(
    (q): ExportQuote => ({
      articleId: q.articleId,
      text: q.text,
      speaker: q.speaker,
      speakerEntityId: q.speakerEntityId,
      direct: q.direct,
      kind: q.kind,
      cue: q.cueText,
      date: q.date ?? q.published,
      published: q.published,
      outlet: q.outlet,
      offsets: { content: q.content, source: q.source, cue: q.cue },
    }),
  );
  const stories = storyIds
    .map((id) => store.getStory(id))
    .filter((s) => s !== null)
    .map(
      (s): ExportStory => ({
        id: s.id,
        title: s.title,
        summary: s.summary,
        firstSeen: s.firstSeen,
        lastSeen: s.lastSeen,
        articleIds: s.articleIds,
        timeline: s.timeline.map((t) => ({ date: t.date, granularity: t.granularity, summary: t.summary, sentences: t.sentences, articleIds: inReportOrder(t.articleIds), ...(t.expected ? { expected: t.expected } : {}) })),
        claims: s.claims.map((c) => ({ ...c, statements: c.statements.map(withPublished) })),
        disagreements: s.disagreements.map((d) => ({ ...d, statements: d.statements.map(withPublished) })),
        history: store.storyHistory(s.id),
      }),
    );
  return {
    format: 'storyline-export',
    version: EXPORT_VERSION,
    generatedAt: (options.now ?? new Date()).toISOString(),
    articles: articles.map(exportArticle),
    entities,
    quotes,
    stories,
  };
}

/** The store lists at most 100,000 rows a call: an export takes every page, so nothing is cut silently. */
function everyRow<T>(list: (page: { limit: number; offset: number }) => T[]): T[] {
  const PAGE = 100_000;
  const rows: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = list({ limit: PAGE, offset });
    for (const row of page) rows.push(row);
    if (page.length < PAGE) return rows;
  }
}

/**
 * One CSV cell. A text cell a spreadsheet would run as a formula (= + - @, or a tab or carriage
 * return first) is prefixed with ' so it shows as text (OWASP "CSV injection"): article titles,
 * sources and quotes are written by strangers.
 */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(';') : String(v);
  if (typeof v !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

export type CsvTable = 'timeline' | 'articles' | 'entities' | 'quotes';

/** Renders the export document in the requested format. */
export function renderExport(doc: ExportDocument, format: ExportFormat, options: { table?: CsvTable; bom?: boolean } = {}): string {
  const text = renderFormat(doc, format, options);
  return format === 'csv' && options.bom ? '\uFEFF' + text : text;
}

function renderFormat(doc: ExportDocument, format: ExportFormat, options: { table?: CsvTable }): string {
  switch (format) {
    case 'json':
      return JSON.stringify(doc, null, 2) + '\n';
    case 'jsonl': {
      const lines: string[] = [JSON.stringify({ type: 'header', format: doc.format, version: doc.version, generatedAt: doc.generatedAt })];
      for (const a of doc.articles) lines.push(JSON.stringify({ type: 'article', ...a }));
      for (const e of doc.entities) {
        const { type: entityType, ...rest } = e;
        lines.push(JSON.stringify({ type: 'entity', entityType, ...rest }));
      }
      for (const q of doc.quotes) lines.push(JSON.stringify({ type: 'quote', ...q }));
      for (const s of doc.stories) lines.push(JSON.stringify({ type: 'story', ...s }));
      return lines.join('\n') + '\n';
    }
    case 'csv': {
      const table = options.table ?? 'timeline';
      if (table === 'articles')
        return csv(
          ['id', 'source', 'title', 'published', 'publishedFrom', 'url', 'path', 'duplicateOf', 'storyId'],
          doc.articles.map((a) => [a.id, a.source, a.title, a.published, a.publishedFrom, a.url, a.path, a.duplicateOf, a.storyId]),
        );
      if (table === 'entities') return csv(['id', 'name', 'type', 'aliases', 'roles', 'articles'], doc.entities.map((e) => [e.id, e.name, e.type, e.aliases, e.roles, e.articleIds.length]));
      if (table === 'quotes')
        return csv(
          ['articleId', 'date', 'speaker', 'direct', 'kind', 'cue', 'text', 'outlet', 'published'],
          doc.quotes.map((q) => [q.articleId, q.date, q.speaker, q.direct, q.kind, q.cue, q.text, q.outlet, q.published]),
        );
      return csv(
        ['storyId', 'storyTitle', 'date', 'granularity', 'summary', 'articleIds', 'expected'],
        doc.stories.flatMap((s) => s.timeline.map((t) => [s.id, s.title, t.date, t.granularity, t.summary, t.articleIds, t.expected ? 'yes' : ''])),
      );
    }
    case 'md':
      return renderMarkdown(doc);
  }
}

/**
 * Markdown: every statement is cited so that a reader can find it — outlet, article id (a link when
 * the URL is known), title, and the publication date when it differs from the statement's date.
 * Quotation marks only around words quoted verbatim; reported speech and narration stay plain.
 */
function renderMarkdown(doc: ExportDocument): string {
  const byId = new Map(doc.articles.map((a) => [a.id, a]));
  const idLink = (id: string) => {
    const url = byId.get(id)?.url;
    return url && /^https?:\/\//i.test(url) ? `[${mdText(id)}](${url.replace(/[()\s]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))})` : `\`${id}\``;
  };
  /** "bbc, `H1N1_bbc-324` “Swine flu is officially a pandemic”, published 2009-06-12" (the date only when it differs from `date`). */
  const cite = (id: string, date?: string | null, withTitle = true) => {
    const a = byId.get(id);
    if (!a) return `\`${id}\``;
    const title = withTitle && a.title ? ` “${mdText(truncateText(a.title, 70))}”` : '';
    const published = a.published ? (date && a.published.slice(0, 10) === date.slice(0, 10) ? '' : `, published ${a.published}`) : ', undated';
    return `${mdText(a.source ?? 'unknown source')}, ${idLink(id)}${title}${published}`;
  };
  const directOf = new Map<string, Set<string>>();
  for (const q of doc.quotes) if (q.direct) (directOf.get(q.articleId) ?? directOf.set(q.articleId, new Set()).get(q.articleId)!).add(normalised(q.text));
  const out: string[] = [`# Storyline export`, '', `Generated ${doc.generatedAt} · ${doc.articles.length} articles · ${doc.stories.length} stories`, ''];
  for (const s of doc.stories) {
    out.push(`## ${s.title}`, '');
    out.push(`*${s.firstSeen ?? '?'} – ${s.lastSeen ?? '?'} · ${s.articleIds.length} articles · story \`${s.id}\`*`, '');
    if (s.summary) out.push(s.summary, '');
    if (s.timeline.length) {
      out.push('### Timeline', '');
      for (const t of s.timeline) {
        // The article the summary's words come from, then the others, first report first.
        const wordsFrom = t.sentences.find((x) => t.summary.includes(x.text.trim()) || x.text.includes(t.summary.trim()))?.articleId ?? t.sentences[0]?.articleId;
        const others = t.articleIds.filter((id) => id !== wordsFrom);
        const shown = others.slice(0, TIMELINE_CITES);
        const more = others.length > shown.length ? `; and ${others.length - shown.length} more` : '';
        const also = shown.length ? ` · also ${shown.map((id) => `${mdText(byId.get(id)?.source ?? 'unknown source')} ${idLink(id)}${byId.get(id)?.published ? ` ${byId.get(id)!.published}` : ''}`).join('; ')}${more}` : '';
        out.push(`- **${displayDate(t.date, t.granularity)}** ${t.expected ? '(expected) ' : ''}${isBackground(t.date, s.firstSeen) ? '(background) ' : ''}${t.summary} _(${wordsFrom ? cite(wordsFrom, t.date) : ''}${also})_`);
      }
      out.push('');
    }
    if (s.claims.length) {
      out.push('### How the claims evolved', '');
      for (const c of s.claims) {
        out.push(`**${c.subject}**`, '');
        for (const st of c.statements) {
          const verbatim = directOf.get(st.articleId)?.has(normalised(st.text));
          out.push(`- ${st.date}${st.speaker ? ` — ${st.speaker}` : ''}: ${verbatim ? `“${st.text}”` : st.text} _(${cite(st.articleId, st.date)})_`);
        }
        out.push('');
      }
    }
    if (s.disagreements.length) {
      out.push('### Sources disagree', '');
      for (const d of s.disagreements) {
        out.push(`**${d.date} · ${d.about}**`, '');
        for (const st of d.statements) out.push(`- ${st.speaker ? `${st.speaker}: ` : ''}${st.text} _(${cite(st.articleId, d.date)})_`);
        out.push('');
      }
    }
    const inStory = new Set(s.articleIds);
    const quotes = doc.quotes.filter((q) => inStory.has(q.articleId) && q.speaker);
    if (quotes.length) {
      out.push('### Who said what', '');
      const bySpeaker = new Map<string, typeof quotes>();
      for (const q of quotes) bySpeaker.set(q.speaker!, [...(bySpeaker.get(q.speaker!) ?? []), q]);
      for (const [speaker, qs] of bySpeaker) {
        out.push(`**${speaker}**`, '');
        for (const q of qs) out.push(`- ${q.date ?? '?'}: ${q.direct ? asQuotation(q.text) : q.text} _(${cite(q.articleId, q.date)})_`);
        out.push('');
      }
    }
    out.push('### Sources', '');
    for (const id of s.articleIds) {
      const a = byId.get(id);
      if (a) out.push(`- ${a.published ?? 'undated'} · ${a.source ?? 'unknown source'} · ${idLink(id)} · ${a.title}${a.duplicateOf ? ` (duplicate of ${a.duplicateOf})` : ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** How many other articles a Markdown timeline entry names besides the one its words come from. */
const TIMELINE_CITES = 4;

function normalised(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

function truncateText(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : flat.slice(0, width - 1) + '…';
}

/** Text inside link labels and citations: brackets and underscores that would end the emphasis are escaped. */
function mdText(text: string): string {
  return text.replace(/([\[\]_*`])/g, '\\$1');
}
