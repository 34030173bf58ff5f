// Read models for the web UI and HTTP API: filtered story lists, coverage, sources, entities,
// co-occurrence. Only SQL lives here; the server shapes the results.
import type Database from 'better-sqlite3';
import type { DateRange, EntityType, IsoDate } from '../../types.js';
import type { PublishedEstimate, Stats, StoryRecord, StorySummary } from '../store.js';
import { isStatement } from '../../language/quotes/index.js';
import { foldName, likeLiteral } from '../../search/tokens.js';

/**
 * The stored spellings of an outlet named in any case or accents ("bbc" → ["BBC"]), compared as
 * full-text search folds words, so the filter itself stays an exact index lookup. The distinct
 * sources are read by a loose scan of the articles_source index, one seek per source (0.01 ms at
 * 50,000 articles; SELECT DISTINCT reads every entry when the database has no ANALYZE stats: 3 ms).
 */
export function sourceVariants(db: Database.Database, name: string): string[] {
  let distinct = distinctSources.get(db);
  if (!distinct) {
    distinct = db
      .prepare(
        `WITH RECURSIVE s(v) AS (SELECT min(source) FROM articles UNION ALL SELECT (SELECT min(source) FROM articles WHERE source > s.v) FROM s WHERE s.v IS NOT NULL)
        SELECT v FROM s WHERE v IS NOT NULL`,
      )
      .pluck();
    distinctSources.set(db, distinct);
  }
  const wanted = foldName(name);
  return (distinct.all() as string[]).filter((s) => s === name || foldName(s) === wanted);
}
const distinctSources = new WeakMap<Database.Database, Database.Statement>();

/** Maps a `stories` row joined with its `story_data` to the full story. */
export function storyRecordFromRow(r: Record<string, unknown>, articleIds: string[]): StoryRecord {
  const data = (r.data ? JSON.parse(String(r.data)) : {}) as Partial<StoryRecord>;
  return {
    id: String(r.id),
    title: String(r.title),
    summary: String(r.summary),
    firstSeen: str(r.first_seen),
    lastSeen: str(r.last_seen),
    mergedInto: str(r.merged_into),
    articleIds,
    timeline: data.timeline ?? [],
    claims: data.claims ?? [],
    disagreements: data.disagreements ?? [],
    events: data.events ?? [],
    updatedAt: String(r.updated_at),
  };
}

/** Maps a `stories` row to the summary every list shows. */
export function storySummaryFromRow(r: Record<string, unknown>): StorySummary {
  return {
    id: String(r.id),
    title: String(r.title),
    summary: String(r.summary),
    firstSeen: str(r.first_seen),
    lastSeen: str(r.last_seen),
    articleCount: Number(r.article_count),
    sourceCount: Number(r.source_count),
    updatedAt: String(r.updated_at),
  };
}

type Row = Record<string, unknown>;
/**
 * Saved story figures are read back only when made by this version of their code: a change to what
 * they count (session 7: duplicates' quotes and repeated statements dropped) is recomputed, not served stale.
 */
const FIGURES_VERSION = '#f2';

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export interface StoryFilter {
  /** Stories with coverage on or after this date. */
  from?: IsoDate;
  /** Stories with coverage on or before this date. */
  to?: IsoDate;
  entityId?: string;
  source?: string;
  /** FTS5 query over the stories' article texts and titles. */
  match?: string;
  limit: number;
  offset: number;
}

/** A story as listed: the small row, without its timeline. */
export type StoryListRow = StorySummary;

export interface EntityCount {
  id: string;
  key: string;
  name: string;
  type: EntityType;
  mentions: number;
  articles: number;
}

export interface DayCount {
  date: IsoDate;
  count: number;
}

export interface SourceArticle {
  id: string;
  title: string;
  published: IsoDate | null;
  publishedFrom: string | null;
  /** For an undated article: the range its text allows, when it has one. */
  publishedRange?: DateRange | null;
  /** For an undated article: the open bounds or year-less window its text gives, when it has no range. */
  publishedEstimate?: PublishedEstimate | null;
  url: string | null;
  duplicateOf: string | null;
  source?: string | null;
}

export interface SourceColumn {
  source: string | null;
  articles: SourceArticle[];
}

export interface MentionRow {
  entityId: string;
  start: number;
  end: number;
  text: string;
  role: string | null;
  type: EntityType;
  name: string;
}

export interface TimexRow {
  start: number;
  end: number;
  text: string;
  type: string;
  value: string;
  mod: string | null;
}

export interface StoryFigures {
  /** The most mentioned entities (by number of the story's articles naming them), at most 60. */
  entities: EntityCount[];
  coverage: DayCount[];
  quoteCount: number;
  /** Quotes grouped by speaker (see storySpeakerGroups). */
  speakers: SpeakerGroup[];
}

/** One speaker's statements in a story: quote ids in time order. */
export interface SpeakerGroup {
  /** The entity id, `name:<lower-case name>`, or `unattributed`. */
  key: string;
  speaker: string;
  entityId: string | null;
  quoteIds: number[];
}

/** True when `needle` occurs in `text` as whole words. */
export function containsWords(text: string, needle: string): boolean {
  let at = text.indexOf(needle);
  while (at >= 0) {
    const before = at === 0 ? '' : text[at - 1]!;
    const after = text[at + needle.length] ?? '';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    at = text.indexOf(needle, at + 1);
  }
  return false;
}

export interface StoryQuoteRow {
  id: number;
  articleId: string;
  text: string;
  content: [number, number];
  cue: string | null;
  speaker: string | null;
  speakerEntityId: string | null;
  direct: boolean;
  kind: 'speech' | 'belief';
  date: IsoDate | null;
  published: IsoDate | null;
  source: string | null;
}

export interface StoryRef {
  id: string;
  title: string;
  firstSeen: IsoDate | null;
  lastSeen: IsoDate | null;
  articleCount: number;
  mentions: number;
}

/** Read queries over one SQLite database; statements are prepared once. */
export function createViews(db: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string): Database.Statement => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };

  function storyWhere(filter: Omit<StoryFilter, 'limit' | 'offset'>): { sql: string; params: unknown[] } {
    const where = ['s.merged_into IS NULL', 's.article_count > 0'];
    const params: unknown[] = [];
    if (filter.from) {
      where.push('coalesce(s.last_seen, s.first_seen) >= ?');
      params.push(filter.from);
    }
    if (filter.to) {
      where.push('coalesce(s.first_seen, s.last_seen) <= ?');
      params.push(filter.to.length === 10 ? filter.to : filter.to + '\uffff');
    }
    if (filter.entityId) {
      where.push('s.id IN (SELECT sa.story_id FROM mentions m JOIN story_articles sa ON sa.article_id = m.article_id WHERE m.entity_id = ?)');
      params.push(filter.entityId);
    }
    if (filter.source) {
      const names = sourceVariants(db, filter.source);
      where.push(`s.id IN (SELECT story_id FROM article_facets WHERE source IN (${names.map(() => '?').join(', ') || 'NULL'}))`);
      params.push(...names);
    }
    if (filter.match) {
      // Every story with a matching article: the FTS rowids map to stories through the small facet
      // table, with no ranking (stories are ordered by activity), so a common word stays cheap.
      const ids = stmt(`SELECT DISTINCT f.story_id FROM articles_fts JOIN article_facets f ON f.rid = articles_fts.rowid
          WHERE articles_fts MATCH ? AND f.story_id IS NOT NULL`).pluck().all(filter.match) as string[];
      where.push('s.id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(ids));
    }
    return { sql: where.join(' AND '), params };
  }


  return {
    /** Stories by recent activity (last coverage date, then size), filtered and paginated. */
    listStories(filter: StoryFilter): { items: StoryListRow[]; total: number } {
      const { sql, params } = storyWhere(filter);
      const total = Number((db.prepare(`SELECT count(*) AS n FROM stories s WHERE ${sql}`).get(...params) as Row).n);
      // Ids first: updated_at is stored after the (large) data column, so reading it for every row
      // would walk each story's overflow pages.
      const ids = db
        .prepare(`SELECT s.id FROM stories s WHERE ${sql} ORDER BY s.last_seen IS NULL, s.last_seen DESC, s.article_count DESC, s.id LIMIT ? OFFSET ?`)
        .pluck()
        .all(...params, filter.limit, filter.offset) as string[];
      const one = stmt('SELECT id, title, summary, first_seen, last_seen, article_count, source_count, updated_at FROM stories WHERE id = ?');
      return { items: ids.map((id) => storySummaryFromRow(one.get(id) as Row)), total };
    },

    /** The most mentioned entities of each story (by number of its articles naming them). */
    topEntities(storyIds: string[], perStory: number): Map<string, EntityCount[]> {
      const out = new Map<string, EntityCount[]>();
      for (const id of storyIds) out.set(id, this.storyEntities(id, perStory));
      return out;
    },

    /** Figures saved with the story (see saveStoryFigures), or null when missing or older than the story. */
    savedStoryFigures(storyId: string, updatedAt: string): StoryFigures | null {
      const r = stmt('SELECT updated_at, entities, coverage, quote_count, speakers FROM story_figures WHERE story_id = ?').get(storyId) as Row | undefined;
      if (!r || r.updated_at !== updatedAt + FIGURES_VERSION || r.speakers === null) return null;
      return {
        entities: JSON.parse(String(r.entities)) as EntityCount[],
        coverage: JSON.parse(String(r.coverage)) as DayCount[],
        quoteCount: Number(r.quote_count),
        speakers: JSON.parse(String(r.speakers)) as SpeakerGroup[],
      };
    },

    /** Computes a story's figures from its articles, mentions and quotes. */
    computeFigures(storyId: string): StoryFigures {
      const speakers = this.storySpeakerGroups(storyId);
      return {
        entities: this.storyEntities(storyId, 60),
        coverage: this.storyCoverage(storyId),
        quoteCount: speakers.reduce((n, g) => n + g.quoteIds.length, 0),
        speakers,
      };
    },

    writeFigures(storyId: string, updatedAt: string, f: StoryFigures): void {
      stmt(`INSERT INTO story_figures (story_id, updated_at, entities, coverage, quote_count, speakers) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(story_id) DO UPDATE SET updated_at = excluded.updated_at, entities = excluded.entities, coverage = excluded.coverage,
          quote_count = excluded.quote_count, speakers = excluded.speakers`).run(
        storyId, updatedAt + FIGURES_VERSION, JSON.stringify(f.entities), JSON.stringify(f.coverage), f.quoteCount, JSON.stringify(f.speakers),
      );
    },

    /**
     * A story's quotes grouped by speaker, each group in time order; recognised speakers first, then
     * other named ones, unattributed statements last, the most quoted first. A speaker the language
     * stage named but did not link ("Kremlin spokesperson Dmitry Peskov") joins the person or
     * organisation of the same article whose name the speaker text contains.
     */
    storySpeakerGroups(storyId: string): SpeakerGroup[] {
      const candidatesOf = new Map<string, { id: string; name: string }[]>();
      const groups = new Map<string, SpeakerGroup & { dates: Map<number, string> }>();
      const seen = new Set<string>();
      const entityName = stmt('SELECT name FROM entities WHERE id = ?').pluck();
      for (const q of this.storyQuotes(storyId, 1_000_000)) {
        if (!isStatement({ ...q, cueText: q.cue })) continue;
        let entityId = q.speakerEntityId;
        if (!entityId && q.speaker) {
          let candidates = candidatesOf.get(q.articleId);
          if (!candidates) {
            candidates = this.articleSpeakerCandidates(q.articleId).sort((a, b) => b.name.length - a.name.length || a.id.localeCompare(b.id));
            candidatesOf.set(q.articleId, candidates);
          }
          const speaker = q.speaker.toLowerCase();
          entityId = candidates.find((c) => c.name.length >= 4 && containsWords(speaker, c.name.toLowerCase()))?.id ?? null;
        }
        const key = entityId ?? (q.speaker ? 'name:' + q.speaker.toLowerCase() : 'unattributed');
        // The same words by the same speaker in several outlets' copies are one statement: its first report.
        const said = key + '\u0000' + q.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
        if (seen.has(said)) continue;
        seen.add(said);
        let g = groups.get(key);
        if (!g) {
          const name = entityId ? (entityName.get(entityId) as string | undefined) : undefined;
          groups.set(key, (g = { key, speaker: name ?? q.speaker ?? 'Unattributed', entityId, quoteIds: [], dates: new Map() }));
        }
        g.quoteIds.push(q.id);
        g.dates.set(q.id, q.date ?? q.published ?? '9999');
      }
      const rank = (g: SpeakerGroup) => (g.entityId ? 0 : g.speaker === 'Unattributed' ? 2 : 1);
      return [...groups.values()]
        .map(({ dates, ...g }) => ({ ...g, quoteIds: g.quoteIds.sort((a, b) => dates.get(a)!.localeCompare(dates.get(b)!) || a - b) }))
        .sort((a, b) => rank(a) - rank(b) || b.quoteIds.length - a.quoteIds.length || a.speaker.localeCompare(b.speaker));
    },

    /** Quotes by id with the date and outlet of their articles. */
    quotesById(ids: number[]): StoryQuoteRow[] {
      if (!ids.length) return [];
      return (stmt(`SELECT q.id, q.article_id, q.text, q.content_start, q.content_end, q.cue, q.speaker, q.speaker_entity_id, q.direct, q.kind, q.date,
            f.published, f.source FROM quotes q JOIN articles a ON a.id = q.article_id JOIN article_facets f ON f.rid = a.rowid
          WHERE q.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Row[]).map(quoteRow);
    },

    storyQuoteCount(storyId: string): number {
      return Number(stmt('SELECT count(*) FROM story_articles sa JOIN quotes q ON q.article_id = sa.article_id WHERE sa.story_id = ?').pluck().get(storyId));
    },

    /**
     * A story's quotes with the date and outlet of their articles, in time order (reads no article
     * rows). A duplicate article's quotes are its original's again, so they are left out.
     */
    storyQuotes(storyId: string, limit = 5000): StoryQuoteRow[] {
      return (stmt(`SELECT q.id, q.article_id, q.text, q.content_start, q.content_end, q.cue, q.speaker, q.speaker_entity_id, q.direct, q.kind, q.date,
            f.published, f.source FROM article_facets f JOIN quotes q ON q.article_id = f.id
          WHERE f.story_id = ? AND f.duplicate_of IS NULL ORDER BY coalesce(q.date, f.published), f.seq, q.content_start LIMIT ?`).all(storyId, limit) as Row[]).map(quoteRow);
    },

    /** A story as the store's getStory returns it (following merges), its article ids read from the facet table. */
    storyRecord(id: string): StoryRecord | null {
      const select = stmt('SELECT s.*, d.data FROM stories s LEFT JOIN story_data d ON d.story_id = s.id WHERE s.id = ?');
      let r = select.get(id) as Row | undefined;
      for (let hops = 0; r && r.merged_into && hops < 100; hops++) r = select.get(r.merged_into) as Row | undefined;
      if (!r) return null;
      return storyRecordFromRow(r, this.storyArticleIds(String(r.id)));
    },

    /** Id and title of a story (following merges), without its timeline. */
    storyTitle(id: string): { id: string; title: string } | null {
      const select = stmt('SELECT id, title, merged_into FROM stories WHERE id = ?');
      let r = select.get(id) as Row | undefined;
      for (let hops = 0; r && r.merged_into && hops < 100; hops++) r = select.get(r.merged_into) as Row | undefined;
      return r ? { id: String(r.id), title: String(r.title) } : null;
    },

    /** The ids of a story's articles by publication date (reads no article rows). */
    storyArticleIds(storyId: string): string[] {
      return stmt('SELECT id FROM article_facets WHERE story_id = ? ORDER BY published, seq').pluck().all(storyId) as string[];
    },

    storyEntities(storyId: string, limit = 60): EntityCount[] {
      // Count by entity id first; read the entity rows only for the winners.
      const counts = stmt(`SELECT m.entity_id AS id, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
          FROM story_articles sa JOIN mentions m ON m.article_id = sa.article_id
          WHERE sa.story_id = ? GROUP BY m.entity_id ORDER BY articles DESC, mentions DESC LIMIT ?`).all(storyId, limit) as Row[];
      const entity = stmt('SELECT key, name, type FROM entities WHERE id = ?');
      return counts.map((c) => {
        const e = entity.get(c.id) as Row;
        return entityCountFromRow({ ...c, key: e.key, name: e.name, type: e.type });
      });
    },

    /** Articles per publication day of one story (undated articles are left out). */
    storyCoverage(storyId: string): DayCount[] {
      return (stmt(`SELECT substr(published, 1, 10) AS d, count(*) AS n FROM article_facets
          WHERE story_id = ? AND published IS NOT NULL GROUP BY d ORDER BY d`).all(storyId) as Row[]).map((r) => ({ date: String(r.d), count: Number(r.n) }));
    },

    /** Articles per publication day across the whole corpus. */
    corpusCoverage(): DayCount[] {
      return (stmt(`SELECT substr(published, 1, 10) AS d, count(*) AS n FROM article_facets WHERE published IS NOT NULL AND duplicate_of IS NULL
          GROUP BY d ORDER BY d`).all() as Row[]).map((r) => ({ date: String(r.d), count: Number(r.n) }));
    },

    /** The story's articles grouped by outlet, each outlet's articles in date order. */
    storySources(storyId: string): SourceColumn[] {
      // undated articles go by the earliest date their text allows; those with none (or no year) last
      const rows = stmt(`SELECT f.id, f.title, f.source, f.published, f.published_from, f.url, f.duplicate_of, a.published_range_from, a.published_range_to,
          CASE WHEN f.published IS NULL AND a.published_range_from IS NULL THEN a.published_estimate END AS published_estimate,
          coalesce(f.published, a.published_range_from, json_extract(a.published_estimate, '$.notBefore'), json_extract(a.published_estimate, '$.notAfter')) AS sort_date
          FROM article_facets f JOIN articles a ON a.id = f.id
          WHERE f.story_id = ? ORDER BY sort_date IS NULL, sort_date, f.seq`).all(storyId) as Row[];
      const bySource = new Map<string | null, SourceArticle[]>();
      for (const r of rows) {
        const key = str(r.source);
        let list = bySource.get(key);
        if (!list) bySource.set(key, (list = []));
        list.push({
          id: String(r.id),
          title: String(r.title),
          published: str(r.published),
          publishedFrom: str(r.published_from),
          publishedRange: r.published_range_from && r.published_range_to ? { from: String(r.published_range_from), to: String(r.published_range_to) } : null,
          publishedEstimate: r.published_estimate ? (JSON.parse(String(r.published_estimate)) as PublishedEstimate) : null,
          url: str(r.url),
          duplicateOf: str(r.duplicate_of),
        });
      }
      return [...bySource].map(([source, articles]) => ({ source, articles })).sort((a, b) => b.articles.length - a.articles.length);
    },

    /** Source and title of a set of articles, for badges. */
    articleHeads(ids: string[]): Map<string, { id: string; title: string; source: string | null; published: IsoDate | null; url: string | null }> {
      const out = new Map<string, { id: string; title: string; source: string | null; published: IsoDate | null; url: string | null }>();
      const q = stmt(`SELECT f.title, f.source, f.published, f.url FROM articles a JOIN article_facets f ON f.rid = a.rowid WHERE a.id = ?`);
      for (const id of new Set(ids)) {
        const r = q.get(id) as Row | undefined;
        if (r) out.set(id, { id, title: String(r.title), source: str(r.source), published: str(r.published), url: str(r.url) });
      }
      return out;
    },

    /** Entity mentions of one article with their corpus entity ids, in text order. */
    articleMentions(articleId: string): MentionRow[] {
      return (stmt(`SELECT m.entity_id, m.start, m.end, m.text, m.role, e.type, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id
          WHERE m.article_id = ? ORDER BY m.start, m.end DESC`).all(articleId) as Row[]).map((r) => ({
        entityId: String(r.entity_id),
        start: Number(r.start),
        end: Number(r.end),
        text: String(r.text),
        role: str(r.role),
        type: r.type as EntityType,
        name: String(r.name),
      }));
    },

    /** The people and organisations an article names (reads the mentions index only). */
    articleSpeakerCandidates(articleId: string): { id: string; name: string }[] {
      return (stmt(`SELECT e.id, e.name FROM (SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?) m JOIN entities e ON e.id = m.entity_id
          WHERE e.type IN ('person', 'organization')`).all(articleId) as Row[]).map((r) => ({ id: String(r.id), name: String(r.name) }));
    },

    articleTimexes(articleId: string): TimexRow[] {
      return (stmt('SELECT start, end, text, type, value, mod FROM timexes WHERE article_id = ? ORDER BY start').all(articleId) as Row[]).map((r) => ({
        start: Number(r.start),
        end: Number(r.end),
        text: String(r.text),
        type: String(r.type),
        value: String(r.value),
        mod: str(r.mod),
      }));
    },

    /** Name and roles of an entity, without the (costly) list of its articles. */
    entityHead(idOrKey: string): { id: string; key: string; name: string; type: EntityType; roles: string[]; aliases: string[] } | null {
      const r = stmt('SELECT id, key, name, type, roles, aliases FROM entities WHERE id = ? OR key = ?').get(idOrKey, idOrKey) as Row | undefined;
      if (!r) return null;
      const list = (v: unknown): string[] => {
        try {
          return JSON.parse(String(v)) as string[];
        } catch {
          return [];
        }
      };
      return { id: String(r.id), key: String(r.key), name: String(r.name), type: r.type as EntityType, roles: list(r.roles), aliases: list(r.aliases) };
    },

    entityCounts(entityId: string): { mentions: number; articles: number } {
      const r = stmt('SELECT count(*) AS m, count(DISTINCT article_id) AS a FROM mentions WHERE entity_id = ?').get(entityId) as Row;
      return { mentions: Number(r.m), articles: Number(r.a) };
    },

    /** Stories whose articles mention the entity, most mentions first. */
    entityStories(entityId: string, limit = 50): StoryRef[] {
      return (stmt(`SELECT s.id, s.title, s.first_seen, s.last_seen, s.article_count, count(*) AS mentions FROM mentions m
          JOIN story_articles sa ON sa.article_id = m.article_id JOIN stories s ON s.id = sa.story_id
          WHERE m.entity_id = ? AND s.merged_into IS NULL GROUP BY s.id ORDER BY mentions DESC, s.last_seen DESC LIMIT ?`).all(entityId, limit) as Row[]).map(
        (r) => ({
          id: String(r.id),
          title: String(r.title),
          firstSeen: str(r.first_seen),
          lastSeen: str(r.last_seen),
          articleCount: Number(r.article_count),
          mentions: Number(r.mentions),
        }),
      );
    },

    /** Entities named in the same articles as this one, by number of shared articles. */
    cooccurring(entityId: string, limit = 20): EntityCount[] {
      return (stmt(`WITH arts AS (SELECT DISTINCT article_id FROM mentions WHERE entity_id = ? LIMIT 5000)
          SELECT e.id, e.key, e.name, e.type, count(*) AS mentions, count(DISTINCT m.article_id) AS articles
          FROM arts JOIN mentions m ON m.article_id = arts.article_id JOIN entities e ON e.id = m.entity_id
          WHERE m.entity_id != ? GROUP BY e.id ORDER BY articles DESC, mentions DESC, e.name LIMIT ?`).all(entityId, entityId, limit) as Row[]).map(entityCountFromRow);
    },

    /** Articles mentioning the entity, newest first. */
    entityArticles(entityId: string, limit = 50): SourceArticle[] {
      return (stmt(`SELECT a.id, CASE WHEN trim(a.title) = '' THEN substr(a.text, 1, 200) ELSE a.title END AS title, a.published, a.published_from, a.url, a.duplicate_of, a.source FROM articles a
          WHERE a.id IN (SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?) ORDER BY a.published DESC, a.seq DESC LIMIT ?`).all(entityId, limit) as Row[]).map(
        (r) => ({
          id: String(r.id),
          title: String(r.title),
          published: str(r.published),
          publishedFrom: str(r.published_from),
          url: str(r.url),
          duplicateOf: str(r.duplicate_of),
          source: str(r.source),
        }),
      );
    },

    /** Entities whose name or aliases contain the text, most mentioned first; all entities when no text. */
    listEntities(options: { q?: string; type?: EntityType; limit: number; offset: number }): { items: EntityCount[]; total: number } {
      const where: string[] = [];
      const params: unknown[] = [];
      if (options.q) {
        // Folded as full-text search folds words: "zurich" finds Zürich (see migration 10).
        where.push("e.folded_names LIKE ? ESCAPE '\\'");
        params.push(`%${likeLiteral(foldName(options.q))}%`);
      }
      if (options.type) {
        where.push('e.type = ?');
        params.push(options.type);
      }
      const w = where.length ? 'WHERE ' + where.join(' AND ') : '';
      const total = Number((db.prepare(`SELECT count(*) AS n FROM entities e ${w}`).get(...params) as Row).n);
      const rows = db
        .prepare(`SELECT e.id, e.key, e.name, e.type, (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions,
            (SELECT count(DISTINCT article_id) FROM mentions m WHERE m.entity_id = e.id) AS articles
          FROM entities e ${w} ORDER BY mentions DESC, e.name LIMIT ? OFFSET ?`)
        .all(...params, options.limit, options.offset) as Row[];
      return { items: rows.map(entityCountFromRow), total };
    },

    /** A cheap fingerprint of the database contents, to notice ingests (also by other processes). */
    changeMark(): string {
      // max(rowid) is a lookup, not a scan; count(*) notices deletions.
      const a = stmt('SELECT max(rowid) AS r, count(*) AS n FROM articles').get() as Row;
      const s = stmt('SELECT max(updated_at) AS u, count(*) AS n FROM stories').get() as Row;
      return `${a.n}:${a.r}:${s.n}:${s.u}`;
    },

    /** The store's stats, read from the small facet table and indexes rather than the article rows. */
    corpusStats(dbBytes: number): Stats {
      const a = stmt('SELECT count(*) AS n, sum(duplicate_of IS NOT NULL) AS d, count(DISTINCT source) AS s, min(published) AS f, max(published) AS l FROM article_facets').get() as Row;
      const count = (sql: string) => Number(stmt(sql).pluck().get());
      return {
        articles: Number(a.n),
        duplicates: Number(a.d ?? 0),
        sources: Number(a.s),
        firstPublished: str(a.f),
        lastPublished: str(a.l),
        stories: count('SELECT count(*) FROM stories WHERE merged_into IS NULL AND article_count > 0'),
        entities: count('SELECT count(*) FROM entities'),
        quotes: count('SELECT count(*) FROM quotes'),
        timexes: count('SELECT count(*) FROM timexes'),
        dbBytes,
      };
    },

    sources(): { source: string | null; articles: number }[] {
      return (stmt('SELECT source, count(*) AS n FROM article_facets GROUP BY source ORDER BY n DESC').all() as Row[]).map((r) => ({ source: str(r.source), articles: Number(r.n) }));
    },
  };
}

export type Views = ReturnType<typeof createViews>;

function quoteRow(r: Row): StoryQuoteRow {
  return {
    id: Number(r.id),
    articleId: String(r.article_id),
    text: String(r.text),
    content: [Number(r.content_start), Number(r.content_end)],
    cue: str(r.cue),
    speaker: str(r.speaker),
    speakerEntityId: str(r.speaker_entity_id),
    direct: r.direct === 1,
    kind: (r.kind as 'speech' | 'belief') ?? 'speech',
    date: str(r.date),
    published: str(r.published),
    source: str(r.source),
  };
}

function entityCountFromRow(r: Row): EntityCount {
  return {
    id: String(r.id),
    key: String(r.key),
    name: String(r.name),
    type: r.type as EntityType,
    mentions: Number(r.mentions),
    articles: Number(r.articles),
  };
}

/**
 * Computes a story's list and page figures and saves them with the story version (`updatedAt`):
 * called by the store inside saveStory, so they are written in the same transaction.
 */
const writerViews = new WeakMap<Database.Database, Views>();
export function saveStoryFigures(db: Database.Database, storyId: string, updatedAt: string): void {
  let views = writerViews.get(db);
  if (!views) writerViews.set(db, (views = createViews(db)));
  views.writeFigures(storyId, updatedAt, views.computeFigures(storyId));
}
