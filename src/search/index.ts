// Full-text search over articles: SQLite FTS5 with BM25 ranking (titles weigh more than body
// text), filters, highlighted snippets and facets by source, entity and month.
import type Database from 'better-sqlite3';
import type { Store } from '../store/store.js';
import { sqliteHandle } from '../store/index.js';
import type { EntityType, IsoDate } from '../types.js';
import { FacetColumns, type FacetFilter } from './facets.js';
import { TokenizedText } from './tokens.js';
import { MAX_QUERY_PHRASES, highlightAll, matchPhrases, parseQuery, snippet, type Highlighted, type QueryPhrase } from './highlight.js';

export type { Highlighted } from './highlight.js';
export { MAX_QUERY_PHRASES, queryTooLong } from './highlight.js';

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
/** How many hits' tokenized texts are kept for the next searches. */
const TOKENIZED_TEXTS = 512;
/** How many articles' entity lists are kept for the entity facet of the next searches. */
const ENTITY_LISTS = 10_000;
/** The entity facet counts the entities of this many best matches. */
const ENTITY_FACET_DEPTH = 100;

/**
 * Turns what a user typed into a safe FTS5 expression: words and "quoted phrases" are ANDed,
 * a word ending in * is a prefix, a leading - excludes. FTS5 operators typed by the user are
 * treated as plain words, so no input can cause a syntax error.
 */
export function toMatchExpression(input: string): string | null {
  return expressionOf(parseQuery(input).slice(0, MAX_QUERY_PHRASES));
}

function expressionOf(phrases: QueryPhrase[]): string | null {
  const term = (p: QueryPhrase) => `"${p.words.join(' ')}"${p.prefix ? '*' : ''}`;
  const parts = phrases.filter((p) => !p.negated).map(term);
  if (!parts.length) return null;
  return parts.join(' AND ') + phrases.filter((p) => p.negated).map((p) => ` NOT ${term(p)}`).join('');
}

/**
 * The SQL function storyline_search_passes(rowid), registered once per connection: whether the row
 * passes the filters of the search running on it (an array lookup, so SQLite ranks only those rows).
 */
const rowFilters = new WeakMap<Database.Database, <T>(table: FacetColumns, filter: FacetFilter, run: () => T) => T>();
function rowFilter(db: Database.Database) {
  let filterFor = rowFilters.get(db);
  if (!filterFor) {
    let active: { table: FacetColumns; filter: FacetFilter } | null = null;
    db.function('storyline_search_passes', { deterministic: false }, (rid: unknown) => (active && active.table.passes(Number(rid), active.filter) ? 1 : 0));
    filterFor = <T>(table: FacetColumns, filter: FacetFilter, run: () => T): T => {
      active = { table, filter };
      try {
        return run();
      } finally {
        active = null;
      }
    };
    rowFilters.set(db, filterFor);
  }
  return filterFor;
}

/**
 * What to tell a user whose query has nothing to look for (`match` is empty): only exclusions
 * ("-swine"), or no word at all ("*", a lone quote mark).
 */
export function emptyQueryHint(input: string): string {
  const excluded = parseQuery(input).find((p) => p.negated);
  if (excluded) {
    const term = excluded.words.length > 1 ? `-"${excluded.words.join(' ')}"` : `-${excluded.words[0]}`;
    return `"${term}" only leaves articles out: add a word to look for, as in "report ${term}".`;
  }
  return 'Type at least one word or number to search for: "a phrase" in quotes, a prefix with * after its first letters (vacc*), -word to leave a word out.';
}

export function createSearch(db: Database.Database) {
  const stmt = (() => {
    const cache = new Map<string, Database.Statement>();
    return (sql: string): Database.Statement => {
      let st = cache.get(sql);
      if (!st) cache.set(sql, (st = db.prepare(sql)));
      return st;
    };
  })();
  // title, text, standfirst: the standfirst says what the article is about in a sentence
  const RANK = 'bm25(articles_fts, 4.0, 1.0, 2.0)';

  type Ranked = { rid: number; score: number };
  type HitRow = { rid: number; id: string; source: string | null; published: string | null; url: string | null; story_id: string | null; story_title: string | null; title: string; standfirst: string | null };

  // The facet columns in memory, rebuilt when this connection or another one has written since;
  // with them, the article sets of the entities searches were filtered by.
  const versionOf = () => `${String(stmt('PRAGMA data_version').pluck().get())}:${String(stmt('SELECT total_changes()').pluck().get())}`;
  type EntityHead = { name: string; type: EntityType };
  let snapshot: {
    version: string;
    table: FacetColumns;
    entities: Map<string, Set<number>>;
    texts: Map<number, TokenizedText>;
    heads: Map<string, EntityHead | null>;
    /** The entity ids of recently ranked articles. */
    entityLists: Map<number, string[]>;
  } | null = null;
  const current = () => {
    const version = versionOf();
    if (snapshot?.version !== version) snapshot = { version, table: new FacetColumns(db), entities: new Map(), texts: new Map(), heads: new Map(), entityLists: new Map() };
    return snapshot;
  };
  // Tokenized texts of recent hits: popular articles come back page after page, query after query.
  // The texts are valid for the snapshot's data version: a write starts a new snapshot.
  const tokenizedTexts = (texts: Map<number, TokenizedText>, rids: number[]): Map<number, TokenizedText> => {
    const out = new Map<number, TokenizedText>();
    const missing = rids.filter((rid) => !texts.has(rid));
    if (missing.length) {
      for (const [rid, text] of stmt('SELECT rowid, text FROM articles WHERE rowid IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify(missing)) as [number, string][]) {
        texts.set(rid, new TokenizedText(text));
      }
    }
    for (const rid of rids) {
      const t = texts.get(rid);
      if (!t) continue;
      texts.delete(rid);
      texts.set(rid, t);
      out.set(rid, t);
    }
    while (texts.size > TOKENIZED_TEXTS) texts.delete(texts.keys().next().value!);
    return out;
  };
  const entityRowids = (entityId: string): Set<number> => {
    const { table, entities } = current();
    let rids = entities.get(entityId);
    if (!rids) {
      rids = table.rowids(stmt('SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?').pluck().all(entityId) as string[]);
      if (entities.size >= 64) entities.delete(entities.keys().next().value!);
      entities.set(entityId, rids);
    }
    return rids;
  };
  const passes = rowFilter(db);

  /** How many rows a rowid scan reads at first; later reads are larger. */
  const FIRST_READ = CANDIDATE_DEPTH + 256;
  /** Above this many filtered-out matches in the ranked range, SQLite applies the filters while ranking. */
  const FILTER_IN_SQL = 256;

  function search(query: SearchQuery): SearchResult {
    // (the callers refuse longer queries with queryTooLong; past the cap, words are not looked for)
    const phrases = parseQuery(query.q).slice(0, MAX_QUERY_PHRASES);
    const match = expressionOf(phrases);
    const empty: SearchResult = { query: query.q, match: match ?? '', total: 0, hits: [], facets: { sources: [], entities: [], months: [] }, facetsFrom: 0 };
    if (!match) return empty;
    const { table, texts, heads, entityLists } = current();
    const filter: FacetFilter = { duplicates: query.duplicates, source: query.source, from: query.from, to: query.to, storyId: query.storyId };
    if (query.entityId) filter.rids = entityRowids(query.entityId);
    const filtered = !FacetColumns.onlyDuplicates(filter);

    // The matches that pass the filters, newest first (by insertion), up to the candidate depth: the
    // FTS index yields rowids in that order and the filters are array lookups. Filtered searches read
    // on to count every match; unfiltered ones stop at the depth.
    const depth = Math.max(CANDIDATE_DEPTH, query.offset + query.limit);
    const candidates: number[] = [];
    const rejected: number[] = [];
    let beyond = 0;
    let before = Number.MAX_SAFE_INTEGER;
    let exhausted = false;
    for (let read = Math.max(FIRST_READ, depth + 256); !exhausted; read = Math.min(read * 4, 200_000)) {
      const rids = stmt('SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?').pluck().all(match, before, read) as number[];
      exhausted = rids.length < read;
      for (const rid of rids) {
        if (!table.passes(rid, filter)) {
          if (candidates.length < RANK_DEPTH) rejected.push(rid);
        } else if (candidates.length < depth) candidates.push(rid);
        else beyond++;
      }
      if (rids.length) before = rids[rids.length - 1]!;
      if (candidates.length >= depth && !filtered) break;
    }
    if (candidates.length === 0) return empty;
    // Beyond the depth, unfiltered searches report the FTS match count, which may include near-duplicates.
    const total = exhausted
      ? candidates.length + beyond
      : Math.max(candidates.length, Number(stmt('SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?').pluck().get(match)));
    const { sources: sourceCounts, months: monthCounts } = table.count(candidates);

    // BM25 costs a position-list walk and a size lookup per row, so it ranks the newest RANK_DEPTH
    // matches; older matches follow those in recency order. Only the head of the ranking comes back:
    // the page and the best matches the entity facet counts. When few matches in that range fail the
    // filters, the ranking skips the join and drops them afterwards.
    const rankedCount = Math.min(candidates.length, RANK_DEPTH);
    const cutoff = candidates.length > RANK_DEPTH ? candidates[RANK_DEPTH - 1]! : 0;
    const head = Math.min(rankedCount, Math.max(ENTITY_FACET_DEPTH, query.offset + query.limit));
    let ranked: Ranked[];
    if (rejected.length <= FILTER_IN_SQL) {
      const rows = stmt(`SELECT rowid AS rid, ${RANK} AS score FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? ORDER BY score, rowid DESC LIMIT ?`).all(
        match,
        cutoff,
        head + rejected.length,
      ) as Ranked[];
      const out = new Set(rejected);
      ranked = rows.filter((r) => !out.has(r.rid)).slice(0, head);
    } else {
      ranked = passes(table, filter, () =>
        stmt(`SELECT rowid AS rid, ${RANK} AS score FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND storyline_search_passes(rowid) ORDER BY score, rowid DESC LIMIT ?`).all(
          match,
          cutoff,
          head,
        ),
      ) as Ranked[];
    }
    const page: Ranked[] = ranked.slice(query.offset, query.offset + query.limit);
    for (const rid of candidates.slice(Math.max(query.offset, rankedCount), query.offset + query.limit)) page.push({ rid, score: 0 });

    // Titles, snippets and story titles for the page's rows only, highlighted here from the stored
    // text rather than by FTS5 (whose highlight() and snippet() run the whole query again per row).
    const rows = new Map<number, HitRow>();
    if (page.length) {
      const found = stmt(
        `SELECT f.rid, f.id, f.source, f.published, f.url, f.story_id, s.title AS story_title, a.title, a.standfirst
         FROM article_facets f JOIN articles a ON a.rowid = f.rid LEFT JOIN stories s ON s.id = f.story_id
         WHERE f.rid IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(page.map((r) => r.rid))) as HitRow[];
      for (const r of found) rows.set(r.rid, r);
    }
    const bodies = tokenizedTexts(texts, page.map((r) => r.rid));
    const wanted = matchPhrases(phrases);
    const hits: SearchHit[] = [];
    for (const r of page) {
      const row = rows.get(r.rid);
      if (!row) continue;
      const body = snippet(bodies.get(r.rid) ?? '', wanted);
      // an article found by its standfirst alone shows the standfirst's match
      const standfirst = !body.highlights.length && row.standfirst ? snippet(row.standfirst, wanted) : null;
      hits.push({
        id: row.id,
        title: highlightAll(row.title, wanted),
        snippet: standfirst?.highlights.length ? standfirst : body,
        source: row.source,
        published: row.published,
        url: row.url,
        storyId: row.story_id,
        storyTitle: row.story_title,
        score: r.score,
      });
    }

    // Entity facet over the best-ranked matches only, so a very common word stays fast.
    const top = ranked.slice(0, ENTITY_FACET_DEPTH).map((r) => r.rid);
    const missing = top.filter((rid) => !entityLists.has(rid));
    if (missing.length) {
      const rows = stmt('SELECT rid, entities FROM article_facets WHERE rid IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify(missing)) as [number, string | null][];
      for (const [rid, list] of rows) {
        if (entityLists.size >= ENTITY_LISTS) entityLists.delete(entityLists.keys().next().value!);
        entityLists.set(rid, list ? (JSON.parse(list) as string[]) : []);
      }
    }
    const entityCounts = new Map<string, number>();
    // Counted in rowid order, which decides between entities of equal count at the cut below.
    for (const rid of [...top].sort((a, b) => a - b)) for (const id of entityLists.get(rid) ?? []) entityCounts.set(id, (entityCounts.get(id) ?? 0) + 1);
    const entityHead = (id: string): EntityHead | null => {
      let head = heads.get(id);
      if (head === undefined) {
        head = (stmt('SELECT name, type FROM entities WHERE id = ?').get(id) as EntityHead | undefined) ?? null;
        if (heads.size >= 20_000) heads.clear();
        heads.set(id, head);
      }
      return head;
    };
    const entities = [...entityCounts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 40)
      .map(([id, n]) => ({ id, n, e: entityHead(id) }))
      .filter((x) => x.e)
      .sort((a, b) => b.n - a.n || a.e!.name.localeCompare(b.e!.name))
      .slice(0, 12)
      .map((x) => ({ value: x.id, label: x.e!.name, type: x.e!.type, count: x.n }));

    const sources = [...sourceCounts]
      .sort((a, b) => b[1] - a[1] || (a[0] ?? '').localeCompare(b[0] ?? ''))
      .slice(0, 12)
      .map(([v, n]) => ({ value: v ?? '', label: v ?? 'unknown source', count: n }));
    const months = [...monthCounts]
      .sort((a, b) => b[0].localeCompare(a[0]))
      .slice(0, 24)
      .map(([v, n]) => ({ value: v, label: v, count: n }));
    return { query: query.q, match, total, hits, facets: { sources, entities, months }, facetsFrom: candidates.length };
  }
  /** Loads the facet columns now (a server calls it at start) rather than on the first search. */
  search.prepare = (): void => void current();
  return search;
}

export type Search = ReturnType<typeof createSearch>;

/** Search over a store (SQLite only). */
export function searchStore(store: Store): Search {
  return createSearch(sqliteHandle(store));
}
