// Full-text search over articles: SQLite FTS5 with BM25 ranking (titles weigh more than body
// text), filters, highlighted snippets and facets by source, entity and month.
import type Database from 'better-sqlite3';
import type { Store } from '../store/store.js';
import { sqliteHandle } from '../store/index.js';
import type { EntityType, IsoDate, Span } from '../types.js';

export interface SearchQuery {
  q: string;
  source?: string;
  entityId?: string;
  storyId?: string;
  from?: IsoDate;
  to?: IsoDate;
  /** Include articles recognised as duplicates of another (default false). */
  duplicates?: boolean;
  limit: number;
  offset: number;
}

export interface Highlighted {
  text: string;
  /** Matched terms as [start, end) offsets into text. */
  highlights: Span[];
}

export interface SearchHit {
  id: string;
  title: Highlighted;
  snippet: Highlighted;
  source: string | null;
  published: IsoDate | null;
  url: string | null;
  storyId: string | null;
  storyTitle: string | null;
  /** BM25 score as SQLite reports it: lower is better. */
  score: number;
}

export interface Facet<K extends string = string> {
  value: K;
  label: string;
  count: number;
}

export interface SearchResult {
  query: string;
  /** The FTS5 expression actually run. */
  match: string;
  total: number;
  hits: SearchHit[];
  facets: {
    sources: Facet[];
    entities: (Facet & { type: EntityType })[];
    months: Facet[];
  };
  /** How many matches the source and month facets count: all, up to the newest 5,000 (the entity facet: the best 100). */
  facetsFrom: number;
}

/** Source and month facets count at most this many of the newest matches. */
export const CANDIDATE_DEPTH = 5000;
/** BM25 ranks at most this many of the newest matches; older ones follow in recency order. */
export const RANK_DEPTH = 2000;
/** The entity facet counts the entities of this many best matches. */
const ENTITY_FACET_DEPTH = 100;

const OPEN = '\u0002';
const CLOSE = '\u0003';

/**
 * Turns what a user typed into a safe FTS5 expression: words and "quoted phrases" are ANDed,
 * a word ending in * is a prefix, a leading - excludes. FTS5 operators typed by the user are
 * treated as plain words, so no input can cause a syntax error.
 */
export function toMatchExpression(input: string): string | null {
  const parts: string[] = [];
  const negatives: string[] = [];
  const re = /(-?)"([^"]*)"|(-?)([\p{L}\p{N}][\p{L}\p{N}'’._-]*)(\*?)/gu;
  for (const m of input.matchAll(re)) {
    if (m[2] !== undefined) {
      const words = m[2].match(/[\p{L}\p{N}]+/gu);
      if (!words) continue;
      const phrase = `"${words.join(' ')}"`;
      (m[1] ? negatives : parts).push(phrase);
    } else if (m[4]) {
      const words = m[4].match(/[\p{L}\p{N}]+/gu) ?? [];
      if (!words.length) continue;
      const term = words.length > 1 ? `"${words.join(' ')}"` : `"${words[0]}"${m[5] ? '*' : ''}`;
      (m[3] ? negatives : parts).push(term);
    }
  }
  if (!parts.length) return null;
  return parts.join(' AND ') + negatives.map((n) => ` NOT ${n}`).join('');
}

function unmark(marked: string): Highlighted {
  let text = '';
  const highlights: Span[] = [];
  let open = -1;
  for (const ch of marked) {
    if (ch === OPEN) open = text.length;
    else if (ch === CLOSE) {
      if (open >= 0) highlights.push([open, text.length]);
      open = -1;
    } else text += ch;
  }
  return { text, highlights };
}

export function createSearch(db: Database.Database) {
  // Filters apply to the small article_facets table (keyed by the FTS rowid), never to article rows.
  const filterSql = (query: SearchQuery): { sql: string; params: unknown[] } => {
    const where: string[] = ['articles_fts MATCH ?'];
    const params: unknown[] = [];
    if (!query.duplicates) where.push('f.duplicate_of IS NULL');
    if (query.source) {
      where.push('f.source = ?');
      params.push(query.source);
    }
    if (query.from) {
      where.push('f.published >= ?');
      params.push(query.from);
    }
    if (query.to) {
      where.push('f.published <= ?');
      params.push(query.to + '\uffff');
    }
    if (query.entityId) {
      where.push('f.id IN (SELECT article_id FROM mentions WHERE entity_id = ?)');
      params.push(query.entityId);
    }
    if (query.storyId) {
      where.push('f.story_id = ?');
      params.push(query.storyId);
    }
    return { sql: where.join(' AND '), params };
  };

  const stmt = (() => {
    const cache = new Map<string, Database.Statement>();
    return (sql: string): Database.Statement => {
      let st = cache.get(sql);
      if (!st) cache.set(sql, (st = db.prepare(sql)));
      return st;
    };
  })();
  const RANK = 'bm25(articles_fts, 4.0, 1.0)';

  return function search(query: SearchQuery): SearchResult {
    const match = toMatchExpression(query.q);
    const empty: SearchResult = { query: query.q, match: match ?? '', total: 0, hits: [], facets: { sources: [], entities: [], months: [] }, facetsFrom: 0 };
    if (!match) return empty;
    const { sql, params } = filterSql(query);
    type Candidate = { rid: number; id: string; source: string | null; published: string | null; url: string | null; story_id: string | null };

    // The matches that pass the filters, newest first, up to CANDIDATE_DEPTH: reading the FTS
    // doclists and the small facet table is cheap, so totals and facets are exact below that depth.
    const depth = Math.max(CANDIDATE_DEPTH, query.offset + query.limit);
    const candidates = stmt(
      `SELECT f.rid, f.id, f.source, f.published, f.url, f.story_id FROM articles_fts JOIN article_facets f ON f.rid = articles_fts.rowid
       WHERE ${sql} ORDER BY articles_fts.rowid DESC LIMIT ?`,
    ).all(match, ...params, depth + 1) as Candidate[];
    if (candidates.length === 0) return empty;
    let total = candidates.length;
    if (candidates.length > depth) {
      candidates.length = depth;
      // Deeper than that, filtered searches count their matches exactly; unfiltered ones report the
      // FTS match count, which may include near-duplicates.
      total = params.length
        ? Number(stmt(`SELECT count(*) FROM articles_fts JOIN article_facets f ON f.rid = articles_fts.rowid WHERE ${sql}`).pluck().get(match, ...params))
        : Number(stmt('SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?').pluck().get(match));
    }
    const sourceCounts = new Map<string | null, number>();
    const monthCounts = new Map<string, number>();
    for (const r of candidates) {
      sourceCounts.set(r.source, (sourceCounts.get(r.source) ?? 0) + 1);
      if (r.published) monthCounts.set(r.published.slice(0, 7), (monthCounts.get(r.published.slice(0, 7)) ?? 0) + 1);
    }

    // BM25 costs a position-list walk and a size lookup per row, so it ranks the newest RANK_DEPTH
    // matches (by insertion); older matches follow those in recency order.
    const cutoff = candidates[Math.min(candidates.length, RANK_DEPTH) - 1]!.rid;
    const byRid = new Map(candidates.map((c) => [c.rid, c]));
    const scored = stmt(`SELECT rowid AS rid, ${RANK} AS score FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY score`).all(match, cutoff) as {
      rid: number;
      score: number;
    }[];
    const ranked: (Candidate & { score: number })[] = [];
    for (const r of scored) {
      const c = byRid.get(r.rid);
      if (c) ranked.push({ ...c, score: r.score });
    }
    const page: (Candidate & { score: number })[] = [];
    for (let i = query.offset; i < query.offset + query.limit; i++) {
      const hit = i < ranked.length ? ranked[i] : candidates[i] && { ...candidates[i]!, score: 0 };
      if (!hit) break;
      page.push(hit);
    }

    // Highlights and snippets for the page's rows only.
    const marks = new Map<number, { title: string; snip: string }>();
    if (page.length) {
      const rows = db
        .prepare(
          `SELECT rowid AS rid, highlight(articles_fts, 0, '${OPEN}', '${CLOSE}') AS title, snippet(articles_fts, 1, '${OPEN}', '${CLOSE}', '…', 28) AS snip
           FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN (${page.map(() => '?').join(', ')})`,
        )
        .all(match, ...page.map((r) => r.rid)) as { rid: number; title: string; snip: string }[];
      for (const r of rows) marks.set(r.rid, r);
    }
    const storyTitle = stmt('SELECT title FROM stories WHERE id = ?').pluck();
    const hits: SearchHit[] = page.map((r) => ({
      id: r.id,
      title: unmark(marks.get(r.rid)?.title ?? ''),
      snippet: unmark(marks.get(r.rid)?.snip ?? ''),
      source: r.source,
      published: r.published,
      url: r.url,
      storyId: r.story_id,
      storyTitle: r.story_id ? ((storyTitle.get(r.story_id) as string | undefined) ?? null) : null,
      score: r.score,
    }));

    // Entity facet over the best-ranked matches only, so a very common word stays fast.
    const top = (ranked.length ? ranked : candidates).slice(0, ENTITY_FACET_DEPTH).map((r) => r.rid);
    const entityCounts = new Map<string, number>();
    for (const list of stmt('SELECT entities FROM article_facets WHERE rid IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(top)) as (string | null)[]) {
      for (const id of list ? (JSON.parse(list) as string[]) : []) entityCounts.set(id, (entityCounts.get(id) ?? 0) + 1);
    }
    const entityHead = stmt('SELECT name, type FROM entities WHERE id = ?');
    const entities = [...entityCounts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 40)
      .map(([id, n]) => ({ id, n, e: entityHead.get(id) as { name: string; type: EntityType } | undefined }))
      .filter((x) => x.e)
      .sort((a, b) => b.n - a.n || a.e!.name.localeCompare(b.e!.name))
      .slice(0, 12)
      .map((x) => ({ value: x.id, label: x.e!.name, type: x.e!.type, count: x.n }));

    const sources = [...sourceCounts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([v, n]) => ({ value: v ?? '', label: v ?? 'unknown source', count: n }));
    const months = [...monthCounts]
      .sort((a, b) => b[0].localeCompare(a[0]))
      .slice(0, 24)
      .map(([v, n]) => ({ value: v, label: v, count: n }));
    return { query: query.q, match, total, hits, facets: { sources, entities, months }, facetsFrom: candidates.length };
  };
}

export type Search = ReturnType<typeof createSearch>;

/** Search over a store (SQLite only). */
export function searchStore(store: Store): Search {
  return createSearch(sqliteHandle(store));
}
