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
}

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
  const filterSql = (query: SearchQuery): { sql: string; params: unknown[] } => {
    const where: string[] = ['articles_fts MATCH ?'];
    const params: unknown[] = [];
    if (!query.duplicates) where.push('a.duplicate_of IS NULL');
    if (query.source) {
      where.push('a.source = ?');
      params.push(query.source);
    }
    if (query.from) {
      where.push('a.published >= ?');
      params.push(query.from);
    }
    if (query.to) {
      where.push('a.published <= ?');
      params.push(query.to.length === 10 ? query.to + '\uffff' : query.to + '\uffff');
    }
    if (query.entityId) {
      where.push('a.id IN (SELECT article_id FROM mentions WHERE entity_id = ?)');
      params.push(query.entityId);
    }
    if (query.storyId) {
      where.push('a.id IN (SELECT article_id FROM story_articles WHERE story_id = ?)');
      params.push(query.storyId);
    }
    return { sql: where.join(' AND '), params };
  };

  return function search(query: SearchQuery): SearchResult {
    const match = toMatchExpression(query.q);
    const empty: SearchResult = { query: query.q, match: match ?? '', total: 0, hits: [], facets: { sources: [], entities: [], months: [] } };
    if (!match) return empty;
    const { sql, params } = filterSql(query);
    const from = 'FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid';
    const total = Number((db.prepare(`SELECT count(*) AS n ${from} WHERE ${sql}`).get(match, ...params) as { n: number }).n);
    if (total === 0) return empty;
    const rows = db
      .prepare(
        `SELECT a.id, a.source, a.published, a.url, sa.story_id, s.title AS story_title, bm25(articles_fts, 4.0, 1.0) AS score,
           highlight(articles_fts, 0, '${OPEN}', '${CLOSE}') AS title_hl, snippet(articles_fts, 1, '${OPEN}', '${CLOSE}', '…', 28) AS snip
         ${from} LEFT JOIN story_articles sa ON sa.article_id = a.id LEFT JOIN stories s ON s.id = sa.story_id
         WHERE ${sql} ORDER BY score LIMIT ? OFFSET ?`,
      )
      .all(match, ...params, query.limit, query.offset) as Record<string, unknown>[];
    const hits: SearchHit[] = rows.map((r) => ({
      id: String(r.id),
      title: unmark(String(r.title_hl ?? '')),
      snippet: unmark(String(r.snip ?? '')),
      source: r.source === null ? null : String(r.source),
      published: r.published === null ? null : String(r.published),
      url: r.url === null ? null : String(r.url),
      storyId: r.story_id === null || r.story_id === undefined ? null : String(r.story_id),
      storyTitle: r.story_title === null || r.story_title === undefined ? null : String(r.story_title),
      score: Number(r.score),
    }));

    const sources = (db.prepare(`SELECT a.source AS v, count(*) AS n ${from} WHERE ${sql} GROUP BY a.source ORDER BY n DESC LIMIT 12`).all(match, ...params) as {
      v: string | null;
      n: number;
    }[]).map((r) => ({ value: r.v ?? '', label: r.v ?? 'unknown source', count: r.n }));
    const months = (db
      .prepare(`SELECT substr(a.published, 1, 7) AS v, count(*) AS n ${from} WHERE ${sql} AND a.published IS NOT NULL GROUP BY v ORDER BY v DESC LIMIT 24`)
      .all(match, ...params) as { v: string; n: number }[]).map((r) => ({ value: r.v, label: r.v, count: r.n }));
    // Entity facet over the best-ranked matches only, so a very common word stays fast.
    const entities = (db
      .prepare(
        `WITH hits AS (SELECT a.id ${from} WHERE ${sql} ORDER BY bm25(articles_fts, 4.0, 1.0) LIMIT 1000)
         SELECT e.id AS v, e.name AS label, e.type, count(DISTINCT m.article_id) AS n FROM hits JOIN mentions m ON m.article_id = hits.id
         JOIN entities e ON e.id = m.entity_id GROUP BY e.id ORDER BY n DESC, e.name LIMIT 12`,
      )
      .all(match, ...params) as { v: string; label: string; type: EntityType; n: number }[]).map((r) => ({
      value: r.v,
      label: r.label,
      type: r.type,
      count: r.n,
    }));
    return { query: query.q, match, total, hits, facets: { sources, entities, months } };
  };
}

export type Search = ReturnType<typeof createSearch>;

/** Search over a store (SQLite only). */
export function searchStore(store: Store): Search {
  return createSearch(sqliteHandle(store));
}
