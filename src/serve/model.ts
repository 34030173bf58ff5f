// What the API returns and the pages render: stories, articles and entities assembled from the
// Store and the read views. One place builds them so the JSON and the HTML never disagree.
import { statSync } from 'node:fs';
import type { Store, StoredQuote, StoryHistoryEntry, StorySummary } from '../store/store.js';
import { sqliteHandle } from '../store/index.js';
import { containsWords, createViews, type DayCount, type EntityCount, type SourceColumn, type StoryFilter, type SpeakerGroup, type StoryFigures, type StoryListRow, type StoryQuoteRow, type StoryRef, type Views } from '../store/sqlite/views.js';
import { foldName } from '../search/tokens.js';
import { createSearch, toMatchExpression, type Search, type SearchQuery, type SearchResult } from '../search/index.js';
import { consecutiveDayRuns, isBackground } from '../story/timeline.js';
import { inReportOrder } from '../story/dates.js';
import type { ClaimEvolution, DateOrigin, DateRange, Disagreement, EntityType, Granularity, IsoDate, RemovedBlock, Span } from '../types.js';

export interface ArticleHead {
  id: string;
  title: string;
  source: string | null;
  /** A name to show for the source: the outlet, else the site or host, else "unknown source". */
  sourceLabel: string;
  published: IsoDate | null;
  url: string | null;
}

export interface TimelineItem {
  date: IsoDate;
  /** Set when one sentence dates consecutive days ("on January 12 … on January 13"): the last day. */
  until?: IsoDate;
  granularity: Granularity;
  summary: string;
  sentences: { text: string; articleId: string }[];
  articles: ArticleHead[];
  /** Only written about before its date (a plan, a schedule). */
  expected?: true;
  /** Dated well before the story's first article: context the articles recall (see isBackground). */
  background?: true;
}

export interface QuoteView {
  id: number;
  articleId: string;
  text: string;
  speaker: string | null;
  speakerEntityId: string | null;
  cue: string | null;
  direct: boolean;
  kind: 'speech' | 'belief';
  /** The date of the statement: the one the text gives, else the article's publication date. */
  date: IsoDate | null;
  /** The article's publication date: a statement is cited with both when they differ. */
  published: IsoDate | null;
  source: string | null;
  sourceLabel: string;
  content: Span;
}

export interface SpeakerQuotes {
  /** Names the group in `?speaker=`: the entity id, `name:<lower-case name>` or `unattributed`. */
  key: string;
  speaker: string;
  entityId: string | null;
  roles: string[];
  /** All of the speaker's statements in the story; `quotes` holds the latest of them. */
  quoteCount: number;
  quotes: QuoteView[];
}

/** How many of each speaker's statements a story carries by default (the latest, in time order). */
export const QUOTES_PER_SPEAKER = 10;
/** How many speakers a story carries by default (the most quoted, recognised ones first). */
export const SPEAKERS_PER_STORY = 40;

export interface StoryDetail {
  id: string;
  title: string;
  summary: string;
  firstSeen: IsoDate | null;
  lastSeen: IsoDate | null;
  updatedAt: string;
  articleCount: number;
  sourceCount: number;
  articles: ArticleHead[];
  timeline: TimelineItem[];
  events: { id: string; date: IsoDate; granularity: Granularity; summary: string; articleIds: string[] }[];
  /** How many speakers and statements the story has in all (`speakers` may hold fewer). */
  speakerCount: number;
  quoteCount: number;
  speakers: SpeakerQuotes[];
  /** The `speaker` asked for when no speaker group of the story has that key, name or alias. */
  unknownSpeaker?: string;
  claims: ClaimEvolution[];
  disagreements: Disagreement[];
  sources: (SourceColumn & { sourceLabel: string })[];
  entities: EntityCount[];
  coverage: DayCount[];
  /** Merges and splits, oldest first, with the other story's title when it still has one. */
  history: (StoryHistoryEntry & { otherTitle: string | null })[];
}

export interface StoryCard extends StoryListRow {
  topEntities: EntityCount[];
  coverage: DayCount[];
}

export interface Annotation {
  start: number;
  end: number;
}
export interface EntityAnnotation extends Annotation {
  text: string;
  entityId: string;
  name: string;
  type: EntityType;
  role: string | null;
}
export interface TimexAnnotation extends Annotation {
  text: string;
  type: string;
  value: string;
  mod: string | null;
}
export interface QuoteAnnotation extends Annotation {
  id: number;
  speaker: string | null;
  speakerEntityId: string | null;
  direct: boolean;
  kind: 'speech' | 'belief';
  cue: Span | null;
  speakerSpan: Span | null;
}

export interface ArticleDetail {
  id: string;
  title: string;
  /** The standfirst (dek) printed apart from the text, or null. */
  standfirst: string | null;
  text: string;
  url: string | null;
  path: string | null;
  source: string | null;
  sourceLabel: string;
  site: string | null;
  authors: string[];
  language: string;
  published: IsoDate | null;
  publishedFrom: DateOrigin | null;
  publishedRange: DateRange | null;
  publishedConfidence: number | null;
  modified: IsoDate | null;
  ingestedAt: string;
  duplicateOf: string | null;
  story: { id: string; title: string } | null;
  annotations: { entities: EntityAnnotation[]; quotes: QuoteAnnotation[]; timexes: TimexAnnotation[] };
  removed: RemovedBlock[];
}

export interface EntityDetail {
  id: string;
  key: string;
  name: string;
  type: EntityType;
  aliases: string[];
  roles: string[];
  mentions: number;
  articleCount: number;
  stories: StoryRef[];
  quotes: QuoteView[];
  cooccurring: EntityCount[];
  articles: ArticleHead[];
}

/** What an article with no outlet, site or URL is labelled: it is not a source of its own. */
export const UNKNOWN_SOURCE = 'unknown source';

/**
 * The name to show for an article's source: the outlet, else the site or host (as ingest names an
 * outlet). A file name or an article id is no source: those articles read "unknown source".
 */
export function sourceLabel(a: { source: string | null; url?: string | null; site?: string | null; path?: string | null; id?: string }): string {
  if (a.source) return a.source;
  if (a.site) return a.site;
  if (a.url) {
    try {
      return new URL(a.url).hostname.replace(/^www\./, '');
    } catch {
      /* not a URL */
    }
  }
  return UNKNOWN_SOURCE;
}

/** The article's title, or when it has none its opening words (first sentence, at most ~110 characters). */
export function displayTitle(title: string, text: string): string {
  if (title.trim()) return title.trim();
  const first = text.trim().split(/\n/)[0] ?? '';
  const sentence = first.match(/^.{20,}?[.!?](?=\s|$)/)?.[0] ?? first;
  if (sentence.length <= 110) return sentence || 'Untitled article';
  const cut = sentence.slice(0, 110);
  return cut.slice(0, Math.max(60, cut.lastIndexOf(' '))) + '…';
}

function storedQuote(r: StoryQuoteRow): StoredQuote {
  return { ...r, source: null, cueText: r.cue, cue: null, speakerKey: null, outlet: r.source, storyId: null };
}

function quoteView(q: StoredQuote): QuoteView {
  return {
    id: q.id,
    articleId: q.articleId,
    text: q.text,
    speaker: q.speaker,
    speakerEntityId: q.speakerEntityId,
    cue: q.cueText,
    direct: q.direct,
    kind: q.kind,
    date: q.date ?? q.published,
    published: q.published,
    source: q.outlet,
    sourceLabel: sourceLabel({ source: q.outlet, id: q.articleId }),
    content: q.content,
  };
}

export interface StoryListQuery {
  from?: IsoDate;
  to?: IsoDate;
  entity?: string;
  source?: string;
  q?: string;
  limit: number;
  offset: number;
}

/** The read side of the server over one store. */
export function createModel(store: Store) {
  const db = sqliteHandle(store);
  // Reads dominate a server: a larger page cache and memory-mapped reads keep hot pages out of syscalls.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 1073741824');
  const views: Views = createViews(db);
  const search: Search = createSearch(db);
  search.prepare();
  const entityCache = new Map<string, { name: string; roles: string[] } | null>();
  const entityOf = (entityId: string): { name: string; roles: string[] } | null => {
    let e = entityCache.get(entityId);
    if (e === undefined) {
      const found = views.entityHead(entityId);
      e = found ? { name: found.name, roles: found.roles } : null;
      if (entityCache.size > 5000) entityCache.clear();
      entityCache.set(entityId, e);
    }
    return e;
  };

  const heads = (ids: string[]): Map<string, ArticleHead> => {
    const out = new Map<string, ArticleHead>();
    for (const [id, h] of views.articleHeads(ids)) out.set(id, { ...h, title: displayTitle(h.title, h.title), sourceLabel: sourceLabel(h) });
    return out;
  };

  /**
   * Quotes whose speaker the language stage named but did not link to an entity ("Kremlin
   * spokesperson Dmitry Peskov") are linked to the person or organisation of the same article whose
   * name the speaker text contains, so they group with that entity.
   */
  function linkSpeakers(quotes: StoredQuote[]): StoredQuote[] {
    const mentionsByArticle = new Map<string, { id: string; name: string }[]>();
    return quotes.map((q) => {
      if (q.speakerEntityId || !q.speaker) return q;
      let candidates = mentionsByArticle.get(q.articleId);
      if (!candidates) {
        candidates = views.articleSpeakerCandidates(q.articleId).sort((a, b) => b.name.length - a.name.length || a.id.localeCompare(b.id));
        mentionsByArticle.set(q.articleId, candidates);
      }
      const speaker = q.speaker.toLowerCase();
      const match = candidates.find((c) => c.name.length >= 4 && containsWords(speaker, c.name.toLowerCase()));
      return match ? { ...q, speakerEntityId: match.id } : q;
    });
  }

  function resolveEntityId(entity: string | undefined): string | undefined | null {
    if (!entity) return undefined;
    const found = views.entityHead(entity) ?? store.findEntitiesByName(entity)[0];
    return found ? found.id : null;
  }

  // Corpus-wide figures (footer, home chart, source list) scan many rows: recompute them only when
  // the database changed, checking at most every two seconds.
  let checkedAt = 0;
  let mark = '';
  const memo = new Map<string, unknown>();
  const searches = new Map<string, SearchResult>();
  function refreshMark(): void {
    const now = Date.now();
    if (now - checkedAt <= 2000) return;
    checkedAt = now;
    const current = views.changeMark();
    if (current !== mark) {
      mark = current;
      memo.clear();
      searches.clear();
    }
  }
  function cached<T>(name: string, compute: () => T): T {
    refreshMark();
    if (!memo.has(name)) memo.set(name, compute());
    return memo.get(name) as T;
  }

  // Per-story figures change only when the story is rebuilt, which moves its updatedAt.
  const perStory = new Map<string, StoryFigures & { topEntities: EntityCount[] }>();
  function storyFigures(id: string, updatedAt: string) {
    const key = `${id}@${updatedAt}`;
    let f = perStory.get(key);
    if (!f) {
      // Saved with the story by the store; computed (and saved) here only for stories saved before schema 6.
      let saved = views.savedStoryFigures(id, updatedAt);
      if (!saved) {
        saved = views.computeFigures(id);
        try {
          views.writeFigures(id, updatedAt, saved);
        } catch {
          /* the database is busy or read-only: they are computed again next time */
        }
      }
      f = { ...saved, topEntities: saved.entities.slice(0, 5) };
      if (perStory.size > 2000) perStory.clear();
      perStory.set(key, f);
    }
    return f;
  }

  /** The chosen speaker groups with their latest `perSpeaker` statements (all, up to 1,000, for `expand`). */
  function speakerQuotes(groups: SpeakerGroup[], perSpeaker: number, expand: string | undefined, labelOf: (articleId: string) => string | undefined): SpeakerQuotes[] {
    const wanted = groups.map((g) => (g.key === expand ? g.quoteIds.slice(-1000) : g.quoteIds.slice(-perSpeaker)));
    const rows = new Map(views.quotesById(wanted.flat()).map((r) => [r.id, r]));
    return groups.map((g, i) => {
      const entity = g.entityId ? entityOf(g.entityId) : null;
      const quotes = wanted[i]!
        .map((id) => rows.get(id))
        .filter((r): r is StoryQuoteRow => !!r)
        .map((r) => {
          const view = quoteView({ ...storedQuote(r), speakerEntityId: r.speakerEntityId ?? g.entityId });
          const label = labelOf(r.articleId);
          return label ? { ...view, sourceLabel: label } : view;
        });
      return { key: g.key, speaker: entity?.name ?? g.speaker, entityId: g.entityId, roles: entity?.roles ?? [], quoteCount: g.quoteIds.length, quotes };
    });
  }

  /**
   * The group a `?speaker=` names: its key (entity id, `name:…`), else the speaker's name or one of
   * the entity's aliases in any case or accents ("margaret chan", "Chan"); the most quoted group
   * when a name fits several. Null when none fits.
   */
  function speakerGroupKey(groups: SpeakerGroup[], wanted: string): string | null {
    if (groups.some((g) => g.key === wanted)) return wanted;
    const folded = foldName(wanted);
    if (!folded) return null;
    const names = (g: SpeakerGroup): string[] => {
      const entity = g.entityId ? views.entityHead(g.entityId) : null;
      return [g.speaker, ...(entity ? [entity.name, ...entity.aliases] : [])];
    };
    const fits = groups.filter((g) => g.key !== 'unattributed' && names(g).some((n) => foldName(n) === folded));
    fits.sort((a, b) => b.quoteIds.length - a.quoteIds.length);
    return fits[0]?.key ?? null;
  }

  /** Search with a small cache of recent results (pagination and facet clicks repeat queries). */
  function cachedSearch(query: SearchQuery): SearchResult {
    refreshMark();
    const key = JSON.stringify(query);
    let result = searches.get(key);
    if (result) {
      searches.delete(key);
    } else {
      result = search(query);
      if (searches.size >= 200) searches.delete(searches.keys().next().value!);
    }
    searches.set(key, result);
    return result;
  }

  return {
    store,
    views,
    search: cachedSearch,
    /** Makes the next read look at the database again (after a write or a change noticed elsewhere). */
    invalidate: () => {
      checkedAt = 0;
    },
    /** A fingerprint of the database contents, refreshed at most every two seconds. */
    mark: () => {
      refreshMark();
      return mark;
    },
    stats: () =>
      cached('stats', () => {
        let bytes = 0;
        try {
          bytes = statSync(store.path).size;
        } catch {
          /* in-memory database */
        }
        return views.corpusStats(bytes);
      }),
    listEntities: (q: Parameters<Views['listEntities']>[0]) => cached(`entities:${JSON.stringify(q)}`, () => views.listEntities(q)),
    corpusCoverage: () => cached('coverage', () => views.corpusCoverage()),
    sources: () => cached('sources', () => views.sources()),
    resolveEntityId,

    listStories(query: StoryListQuery): { items: StoryCard[]; total: number } {
      const entityId = resolveEntityId(query.entity);
      if (entityId === null) return { items: [], total: 0 };
      const match = query.q ? toMatchExpression(query.q) : null;
      if (query.q && !match) return { items: [], total: 0 };
      const filter: StoryFilter = {
        from: query.from,
        to: query.to,
        entityId,
        source: query.source,
        match: match ?? undefined,
        limit: query.limit,
        offset: query.offset,
      };
      const { items, total } = views.listStories(filter);
      return {
        total,
        items: items.map((s) => {
          const f = storyFigures(s.id, s.updatedAt);
          return { ...s, topEntities: f.topEntities, coverage: f.coverage };
        }),
      };
    },

    /**
     * A story. Speakers come in groups (`speakerCount` in all; the first `speakers` of them, and the
     * `speaker` group wherever it ranks), each with its latest `perSpeaker` statements — the
     * `speaker` group with all of them (up to 1,000).
     */
    story(id: string, options: { perSpeaker?: number; speakers?: number; speaker?: string } = {}): StoryDetail | null {
      const s = views.storyRecord(id);
      if (!s) return null;
      const articleHeads = heads(s.articleIds);
      const articles = s.articleIds.map((aid) => articleHeads.get(aid)).filter((h): h is ArticleHead => !!h);
      const sources: StoryDetail['sources'] = [];
      for (const col of views.storySources(s.id)) {
        const list = col.articles.map((x) => ({ ...x, title: displayTitle(x.title, x.title) }));
        if (col.source) {
          sources.push({ ...col, articles: list, sourceLabel: col.source });
          continue;
        }
        // No outlet recorded: one column per site (from the URL); those with none share one "unknown source" column, last.
        const byLabel = new Map<string, typeof list>();
        for (const x of list) {
          const label = articleHeads.get(x.id)?.sourceLabel ?? sourceLabel({ source: null, url: x.url });
          byLabel.set(label, [...(byLabel.get(label) ?? []), x]);
        }
        for (const [label, group] of byLabel) sources.push({ source: null, articles: group, sourceLabel: label });
      }
      sources.sort((a, b) => Number(a.sourceLabel === UNKNOWN_SOURCE) - Number(b.sourceLabel === UNKNOWN_SOURCE));
      const figures = storyFigures(s.id, s.updatedAt);
      // The speaker asked for (by key, name or alias) comes first, with all its statements.
      const expand = options.speaker === undefined ? undefined : (speakerGroupKey(figures.speakers, options.speaker) ?? undefined);
      const shownGroups = figures.speakers
        .filter((g, i) => i < (options.speakers ?? SPEAKERS_PER_STORY) || g.key === expand)
        .sort((a, b) => Number(b.key === expand) - Number(a.key === expand));
      const speakers = speakerQuotes(shownGroups, options.perSpeaker ?? QUOTES_PER_SPEAKER, expand, (aid) => articleHeads.get(aid)?.sourceLabel);
      return {
        id: s.id,
        title: s.title || articles[0]?.title || 'Untitled story',
        summary: s.summary,
        firstSeen: s.firstSeen,
        lastSeen: s.lastSeen,
        updatedAt: s.updatedAt,
        articleCount: articles.length,
        // Named sources only (as the story list and `stats` count them): "unknown source" is none.
        sourceCount: sources.filter((col) => col.source !== null).length,
        articles,
        timeline: foldRepeatedDays(
          s.timeline.map((t) => ({
            date: t.date,
            granularity: t.granularity,
            summary: t.summary,
            sentences: t.sentences,
            ...(t.expected ? { expected: true as const } : {}),
            ...(isBackground(t.date, s.firstSeen) ? { background: true as const } : {}),
            articles: inReportOrder(
              [...new Set([...t.articleIds, ...t.sentences.map((x) => x.articleId)])]
                .map((aid) => articleHeads.get(aid))
                .filter((h): h is ArticleHead => !!h),
            ),
          })),
        ),
        events: s.events,
        // named speakers only, as the CLI counts them; the unattributed statements are a group, not a speaker
        speakerCount: figures.speakers.filter((g) => g.key !== 'unattributed').length,
        quoteCount: figures.quoteCount,
        speakers,
        ...(options.speaker !== undefined && expand === undefined ? { unknownSpeaker: options.speaker } : {}),
        claims: s.claims,
        disagreements: s.disagreements,
        sources,
        entities: figures.entities,
        coverage: figures.coverage,
        history: store.storyHistory(s.id).map((h) => ({ ...h, otherTitle: views.storyTitle(h.otherId)?.title ?? null })),
      };
    },

    article(id: string): ArticleDetail | null {
      const a = store.getArticle(id);
      if (!a) return null;
      const story = a.storyId ? views.storyTitle(a.storyId) : null;
      const quotes = store.quotes({ articleId: a.id, limit: 5000 });
      return {
        id: a.id,
        title: displayTitle(a.title, a.text),
        standfirst: a.standfirst,
        text: a.text,
        url: a.url,
        path: a.path,
        source: a.source,
        sourceLabel: sourceLabel(a),
        site: a.site,
        authors: a.authors,
        language: a.language,
        published: a.published,
        publishedFrom: a.publishedFrom,
        publishedRange: a.publishedRange,
        publishedConfidence: a.publishedConfidence,
        modified: a.modified,
        ingestedAt: a.ingestedAt,
        duplicateOf: a.duplicateOf,
        story: story ? { id: story.id, title: story.title || a.title } : null,
        annotations: {
          entities: views.articleMentions(a.id).map((m) => ({ start: m.start, end: m.end, text: m.text, entityId: m.entityId, name: m.name, type: m.type, role: m.role })),
          quotes: quotes.map((q) => ({
            id: q.id,
            start: q.content[0],
            end: q.content[1],
            speaker: q.speaker,
            speakerEntityId: q.speakerEntityId,
            direct: q.direct,
            kind: q.kind,
            cue: q.cue,
            speakerSpan: q.source,
          })),
          timexes: views.articleTimexes(a.id),
        },
        removed: a.removed,
      };
    },

    entity(id: string): EntityDetail | null {
      const e = views.entityHead(id);
      if (!e) return null;
      const counts = views.entityCounts(e.id);
      const articles = views.entityArticles(e.id, 30);
      return {
        id: e.id,
        key: e.key,
        name: e.name,
        type: e.type,
        aliases: e.aliases,
        roles: e.roles,
        mentions: counts.mentions,
        articleCount: counts.articles,
        stories: views.entityStories(e.id, 50),
        quotes: [
          ...store.quotes({ speakerEntityIds: [e.id], limit: 200 }),
          ...linkSpeakers(store.quotes({ speakerName: e.name, limit: 200 }).filter((q) => !q.speakerEntityId)).filter((q) => q.speakerEntityId === e.id),
        ]
          .sort((a, b) => (a.date ?? a.published ?? '').localeCompare(b.date ?? b.published ?? '') || a.id - b.id)
          .map(quoteView),
        cooccurring: views.cooccurring(e.id, 24),
        articles: articles.map((x) => ({ id: x.id, title: displayTitle(x.title, x.title), source: x.source ?? null, sourceLabel: sourceLabel({ source: x.source ?? null, url: x.url, id: x.id }), published: x.published, url: x.url })),
      };
    },
  };
}

export type Model = ReturnType<typeof createModel>;
export type { StorySummary };

/** Consecutive days that one sentence dates become one entry spanning them. */
export function foldRepeatedDays(items: TimelineItem[]): TimelineItem[] {
  const sorted = [...items].sort((a, b) => a.date.localeCompare(b.date));
  return consecutiveDayRuns(sorted).map((run) => {
    if (run.length === 1) return run[0]!;
    const articles = inReportOrder([...new Map(run.flatMap((t) => t.articles).map((a) => [a.id, a])).values()]);
    return { ...run[0]!, until: run[run.length - 1]!.date, articles };
  });
}
