// The export contract (docs/export.md): a versioned JSON document, and JSON Lines, Markdown and
// CSV renderings of it.
import type { PublishedEstimate, Store, StoredArticle, StoryHistoryEntry } from './store/store.js';
import { inReportOrder as inReportOrderOf } from './story/dates.js';
import type { ClaimEvolution, DateOrigin, Disagreement, EntityType, Granularity, IsoDate } from './types.js';

export const EXPORT_VERSION = 1;

export interface ExportArticle {
  id: string;
  url: string | null;
  path: string | null;
  source: string | null;
  title: string;
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
  claims: ClaimEvolution[];
  disagreements: Disagreement[];
  /** Merges and splits this story went through, oldest first. */
  history: StoryHistoryEntry[];
}

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
    storyIds = store.listStories({ limit: 100_000 }).map((s) => s.id);
    articleIds = store.articleIds();
  }
  const wanted = new Set(articleIds);
  const articles = articleIds.map((id) => store.getArticle(id)).filter((a): a is StoredArticle => a !== null);
  const publishedOf = new Map(articles.map((a) => [a.id, a.published]));
  // An entry's articles first report first (undated last), so its first id answers "who reported it first".
  const inReportOrder = (ids: readonly string[]) =>
    inReportOrderOf(ids.map((id) => ({ id, published: publishedOf.get(id) ?? null }))).map((x) => x.id);
  const entities = store
    .listEntities({ limit: 100_000 })
    .map((e) => ({ id: e.id, name: e.name, type: e.type, aliases: e.aliases, roles: e.roles, articleIds: e.articleIds.filter((id) => wanted.has(id)) }))
    .filter((e) => e.articleIds.length > 0);
  const quotes = (options.storyId ? store.quotes({ storyId: options.storyId, limit: 100_000 }) : store.quotes({ limit: 100_000 })).map(
    (q): ExportQuote => ({
      articleId: q.articleId,
      text: q.text,
      speaker: q.speaker,
      speakerEntityId: q.speakerEntityId,
      direct: q.direct,
      kind: q.kind,
      cue: q.cueText,
      date: q.date ?? q.published,
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
        claims: s.claims,
        disagreements: s.disagreements,
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
        return csv(['articleId', 'date', 'speaker', 'direct', 'kind', 'cue', 'text'], doc.quotes.map((q) => [q.articleId, q.date, q.speaker, q.direct, q.kind, q.cue, q.text]));
      return csv(
        ['storyId', 'storyTitle', 'date', 'granularity', 'summary', 'articleIds', 'expected'],
        doc.stories.flatMap((s) => s.timeline.map((t) => [s.id, s.title, t.date, t.granularity, t.summary, t.articleIds, t.expected ? 'yes' : ''])),
      );
    }
    case 'md':
      return renderMarkdown(doc);
  }
}

function renderMarkdown(doc: ExportDocument): string {
  const byId = new Map(doc.articles.map((a) => [a.id, a]));
  const sourceOf = (id: string) => byId.get(id)?.source ?? id;
  const out: string[] = [`# Storyline export`, '', `Generated ${doc.generatedAt} · ${doc.articles.length} articles · ${doc.stories.length} stories`, ''];
  for (const s of doc.stories) {
    out.push(`## ${s.title}`, '');
    out.push(`*${s.firstSeen ?? '?'} – ${s.lastSeen ?? '?'} · ${s.articleIds.length} articles · story \`${s.id}\`*`, '');
    if (s.summary) out.push(s.summary, '');
    if (s.timeline.length) {
      out.push('### Timeline', '');
      for (const t of s.timeline) out.push(`- **${t.date}** ${t.expected ? '(expected) ' : ''}${t.summary} _(${[...new Set(t.articleIds.map(sourceOf))].join(', ')})_`);
      out.push('');
    }
    if (s.claims.length) {
      out.push('### How the claims evolved', '');
      for (const c of s.claims) {
        out.push(`**${c.subject}**`, '');
        for (const st of c.statements) out.push(`- ${st.date}${st.speaker ? ` — ${st.speaker}` : ''}: “${st.text}” _(${st.source ?? st.articleId})_`);
        out.push('');
      }
    }
    const quotes = doc.quotes.filter((q) => s.articleIds.includes(q.articleId) && q.speaker);
    if (quotes.length) {
      out.push('### Who said what', '');
      const bySpeaker = new Map<string, typeof quotes>();
      for (const q of quotes) bySpeaker.set(q.speaker!, [...(bySpeaker.get(q.speaker!) ?? []), q]);
      for (const [speaker, qs] of bySpeaker) {
        out.push(`**${speaker}**`, '');
        for (const q of qs) out.push(`- ${q.date ?? '?'}: ${q.direct ? `“${q.text}”` : q.text} _(${sourceOf(q.articleId)})_`);
        out.push('');
      }
    }
    out.push('### Sources', '');
    for (const id of s.articleIds) {
      const a = byId.get(id);
      if (a) out.push(`- ${a.published ?? 'undated'} · ${a.source ?? 'unknown source'} · ${a.title}${a.duplicateOf ? ` (duplicate of ${a.duplicateOf})` : ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}
