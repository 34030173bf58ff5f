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
  /** How many of the best matches the source and month facets count (the entity facet: the best 200). */
  facetsFrom: number;
}

/** Facets of unfiltered searches describe this many best matches. */
const FACET_DEPTH = 1000;

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

  const stmt = (() => {
    const cache = new Map<string, Database.Statement>();
    return (sql: string): Database.Statement => {
      let st = cache.get(sql);
      if (!st) cache.set(sql, (st = db.prepare(sql)));
      return st;
    };
  })();
  const FROM = 'FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid';
  const RANK = 'bm25(articles_fts, 4.0, 1.0)';

  return function search(query: SearchQuery): SearchResult {
    const match = toMatchExpression(query.q);
    const empty: SearchResult = { query: query.q, match: match ?? '', total: 0, hits: [], facets: { sources: [], entities: [], months: [] }, facetsFrom: 0 };
    if (!match) return empty;
    const { sql, params } = filterSql(query);
    const filtered = params.length > 0;
    type Row = { rid: number; id: string; source: string | null; published: string | null; url: string | null; score: number };

    // Ranked matches. Without filters FTS5 ranks on its own index and only the best rows are read
    // from the (large) articles table; facets then describe the best FACET_DEPTH matches. With
    // filters every match is joined and checked, and facets count them all.
    let ranked: Row[];
    let total: number;
    if (!filtered) {
      const depth = Math.max(FACET_DEPTH, query.offset + query.limit);
      ranked = stmt(
        `SELECT f.rowid AS rid, a.id, a.source, a.published, a.url, f.score FROM
           (SELECT rowid, ${RANK} AS score FROM articles_fts WHERE articles_fts MATCH ? ORDER BY score LIMIT ?) f
         JOIN articles a ON a.rowid = f.rowid WHERE ${sql.replace('articles_fts MATCH ? AND ', '').replace('articles_fts MATCH ?', '1')} ORDER BY f.score`,
      ).all(match, depth + 50, ...params) as Row[];
      const matches = Number(stmt('SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?').pluck().get(match));
      total = matches <= depth + 50 ? ranked.length : matches;
    } else {
      ranked = stmt(`SELECT a.rowid AS rid, a.id, a.source, a.published, a.url, ${RANK} AS score ${FROM} WHERE ${sql} ORDER BY score`).all(match, ...params) as Row[];
      total = ranked.length;
    }
    if (ranked.length === 0) return empty;
    const facetRows = filtered ? ranked : ranked.slice(0, FACET_DEPTH);
    const sourceCounts = new Map<string | null, number>();
    const monthCounts = new Map<string, number>();
    for (const r of facetRows) {
      sourceCounts.set(r.source, (sourceCounts.get(r.source) ?? 0) + 1);
      if (r.published) monthCounts.set(r.published.slice(0, 7), (monthCounts.get(r.published.slice(0, 7)) ?? 0) + 1);
    }

    // The page, then highlights and snippets for the page's rows only.
    const page = ranked.slice(query.offset, query.offset + query.limit);
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
    const storyOf = stmt('SELECT sa.story_id, s.title FROM story_articles sa JOIN stories s ON s.id = sa.story_id WHERE sa.article_id = ?');
    const hits: SearchHit[] = page.map((r) => {
      const story = storyOf.get(r.id) as { story_id: string; title: string } | undefined;
      return {
        id: r.id,
        title: unmark(marks.get(r.rid)?.title ?? ''),
        snippet: unmark(marks.get(r.rid)?.snip ?? ''),
        source: r.source,
        published: r.published,
        url: r.url,
        storyId: story?.story_id ?? null,
        storyTitle: story?.title ?? null,
        score: r.score,
      };
    });

    // Entity facet over the best-ranked matches only, so a very common word stays fast.
    const top = ranked.slice(0, 200).map((r) => r.id);
    const entities = (db
      .prepare(
        `SELECT e.id AS v, e.name AS label, e.type, count(DISTINCT m.article_id) AS n FROM mentions m JOIN entities e ON e.id = m.entity_id
         WHERE m.article_id IN (${top.map(() => '?').join(', ')}) GROUP BY e.id ORDER BY n DESC, e.name LIMIT 12`,
      )
      .all(...top) as { v: string; label: string; type: EntityType; n: number }[]).map((r) => ({ value: r.v, label: r.label, type: r.type, count: r.n }));

    const sources = [...sourceCounts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([v, n]) => ({ value: v ?? '', label: v ?? 'unknown source', count: n }));
    const months = [...monthCounts]
      .sort((a, b) => b[0].localeCompare(a[0]))
      .slice(0, 24)
      .map(([v, n]) => ({ value: v, label: v, count: n }));
    return { query: query.q, match, total, hits, facets: { sources, entities, months }, facetsFrom: facetRows.length };
  };
}

export type Search = ReturnType<typeof createSearch>;

/** Search over a store (SQLite only). */
export function searchStore(store: Store): Search {
  return createSearch(sqliteHandle(store));
}
