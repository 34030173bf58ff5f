// SQLite implementation of the Store: better-sqlite3, WAL, foreign keys, versioned migrations.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Analysis, DocEntity, EntityType } from '../../types.js';
import type { KeyValueStore } from '../../link/index.js';
import type {
  ArticleSummary,
  CorpusEntity,
  ListOptions,
  Stats,
  Store,
  StoredArticle,
  StoredQuote,
  StoryArticleRecord,
  StoryHistoryEntry,
  StoryRecord,
} from '../store.js';
import { migrations } from './migrations.js';
import { saveStoryFigures, sourceVariants, storyRecordFromRow, storySummaryFromRow } from './views.js';
import { foldName, foldedNameList, likeLiteral } from '../../search/tokens.js';
// Most readers (story builds, the API) never look at tokens: a packed sentence makes them on first access.
import { PackedSentence, tokenOffsets } from '../../language/segment.js';

type Row = Record<string, unknown>;

const json = (v: unknown): string => JSON.stringify(v);
const parse = <T>(v: unknown, fallback: T): T => (typeof v === 'string' && v !== '' ? (JSON.parse(v) as T) : fallback);
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function entityIdForKey(key: string): string {
  return 'e' + createHash('sha1').update(key).digest('hex').slice(0, 11);
}

function limitClause(options: ListOptions = {}): string {
  const limit = Math.max(1, Math.min(options.limit ?? 1000, 100_000));
  const offset = Math.max(0, options.offset ?? 0);
  return ` LIMIT ${limit} OFFSET ${offset}`;
}

/**
 * Applies the pending migrations, each in its own transaction. `onUpgrade` hears of each one applied to
 * a store that already holds articles (an upgrade can rebuild an index: a user should know why the
 * command is slow this once); a new database is made silently.
 */
export function migrate(db: Database.Database, onUpgrade?: (note: string) => void): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const storedArticles = (): number =>
    db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'articles'").pluck().get()
      ? Number(db.prepare('SELECT count(*) FROM articles').pluck().get())
      : 0;
  const articles = applied.size && onUpgrade ? storedArticles() : 0;
  let count = 0;
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    if (articles) onUpgrade!(`upgrading the database to schema ${m.version} (${m.name}), ${articles.toLocaleString('en-US')} articles: this happens once`);
    let ran = false;
    try {
      // (immediate, and checked again inside: two commands started at once on an older store both read
      // the migration as pending, and the second ran it again after the first and failed on its row)
      db.transaction(() => {
        if (db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version)) return;
        db.exec(m.sql);
        m.run?.(db);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
        ran = true;
      }).immediate();
    } catch (e) {
      if (/^SQLITE_BUSY/.test(String((e as { code?: unknown }).code))) {
        throw new Error(`another process is writing to it (upgrading it to schema ${m.version}, which can take a minute on a large store, or ingesting): wait for it to finish, then run this again`);
      }
      throw e;
    }
    if (ran) count++;
  }
  const newest = Math.max(...migrations.map((m) => m.version));
  const dbVersion = Math.max(0, ...applied, ...migrations.filter((m) => !applied.has(m.version)).map((m) => m.version));
  if (dbVersion > newest) throw new Error(`the database was written by a newer Storyline (schema ${dbVersion} > ${newest}): upgrade Storyline`);
  return count;
}

function articleFromRow(r: Row): StoredArticle {
  return {
    id: String(r.id),
    url: str(r.url),
    path: str(r.path),
    source: str(r.source),
    title: String(r.title),
    text: String(r.text),
    raw: String(r.raw),
    rawKind: r.raw_kind as 'text' | 'html',
    metaTitle: str(r.meta_title),
    metaPublished: str(r.meta_published),
    published: str(r.published),
    publishedFrom: (r.published_from as StoredArticle['publishedFrom']) ?? null,
    publishedRange: r.published_range_from ? { from: String(r.published_range_from), to: String(r.published_range_to) } : null,
    publishedConfidence: (r.published_confidence as number | null) ?? null,
    publishedEstimate: parse(r.published_estimate, null),
    modified: str(r.modified),
    authors: parse<string[]>(r.authors, []),
    language: String(r.language),
    site: str(r.site),
    canonicalUrl: str(r.canonical_url),
    description: str(r.description),
    image: str(r.image),
    standfirst: str(r.standfirst),
    contentHash: String(r.content_hash),
    duplicateOf: str(r.duplicate_of),
    removed: parse(r.removed, []),
    ingestedAt: String(r.ingested_at),
    seq: Number(r.seq),
    storyId: str(r.story_id),
    eventId: str(r.event_id),
  };
}

function articleParams(a: StoredArticle): Row {
  return {
    id: a.id,
    url: a.url,
    path: a.path,
    source: a.source,
    title: a.title,
    text: a.text,
    raw: a.raw,
    raw_kind: a.rawKind,
    meta_title: a.metaTitle,
    meta_published: a.metaPublished,
    published: a.published,
    published_from: a.publishedFrom,
    published_range_from: a.publishedRange?.from ?? null,
    published_range_to: a.publishedRange?.to ?? null,
    published_confidence: a.publishedConfidence,
    published_estimate: a.publishedEstimate ? json(a.publishedEstimate) : null,
    modified: a.modified,
    authors: json(a.authors),
    language: a.language,
    site: a.site,
    canonical_url: a.canonicalUrl,
    description: a.description,
    image: a.image,
    standfirst: a.standfirst,
    content_hash: a.contentHash,
    duplicate_of: a.duplicateOf,
    removed: json(a.removed),
    ingested_at: a.ingestedAt,
    seq: a.seq,
  };
}

const ARTICLE_COLUMNS = [
  'id', 'url', 'path', 'source', 'title', 'text', 'raw', 'raw_kind', 'meta_title', 'meta_published', 'published',
  'published_from', 'published_range_from', 'published_range_to', 'published_confidence', 'published_estimate', 'modified', 'authors',
  'language', 'site', 'canonical_url', 'description', 'image', 'standfirst', 'content_hash', 'duplicate_of', 'removed', 'ingested_at', 'seq',
];

export function openSqliteStore(path: string, options: { readonly?: boolean; onUpgrade?: (note: string) => void } = {}): Store {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (e) {
    throw new Error(`cannot open the database ${path}: ${(e as Error).message}`);
  }
  try {
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) migrate(db, options.onUpgrade);
  } catch (e) {
    db.close();
    // SQLite's own words ("file is not a database") do not say which file.
    const message = (e as Error).message;
    throw new Error(/not a database|malformed|corrupt/i.test(message) ? `${path} is not a Storyline database (SQLite says: ${message})` : `cannot open the database ${path}: ${message}`);
  }

  const stmt = (() => {
    const cache = new Map<string, Database.Statement>();
    return (sql: string): Database.Statement => {
      let s = cache.get(sql);
      if (!s) cache.set(sql, (s = db.prepare(sql)));
      return s;
    };
  })();
  const recount = (storyId: string) =>
    stmt('UPDATE stories SET article_count = (SELECT count(*) FROM story_articles WHERE story_id = ?) WHERE id = ?').run(storyId, storyId);

  const kv: KeyValueStore = {
    get: (key) => (stmt('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined)?.value,
    put: (key, value) => void stmt('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value),
    delete: (key) => void stmt('DELETE FROM kv WHERE key = ?').run(key),
    keys: (prefix) =>
      (stmt("SELECT key FROM kv WHERE key >= ? AND key < ? ORDER BY key").all(prefix, prefix + '\uffff') as { key: string }[]).map((r) => r.key),
  };

  let depth = 0;
  let savepoints = 0;
  function transaction<T>(fn: () => T, options: { immediate?: boolean } = {}): T {
    if (depth === 0) {
      depth++;
      try {
        return options.immediate ? db.transaction(fn).immediate() : db.transaction(fn)();
      } finally {
        depth--;
      }
    }
    const name = `sp${++savepoints}`;
    db.exec(`SAVEPOINT ${name}`);
    depth++;
    try {
      const result = fn();
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (e) {
      db.exec(`ROLLBACK TO ${name}`);
      db.exec(`RELEASE ${name}`);
      throw e;
    } finally {
      depth--;
    }
  }

  const insertArticleSql = `INSERT INTO articles (${ARTICLE_COLUMNS.join(', ')}) VALUES (${ARTICLE_COLUMNS.map((c) => '@' + c).join(', ')})`;
  const updateArticleSql = `UPDATE articles SET ${ARTICLE_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`;
  const ARTICLE_SELECT = 'SELECT a.*, sa.story_id, sa.event_id FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id';

  function corpusEntityFromRow(r: Row): CorpusEntity {
    return {
      id: String(r.id),
      key: String(r.key),
      name: String(r.name),
      type: r.type as EntityType,
      aliases: parse<string[]>(r.aliases, []),
      roles: parse<string[]>(r.roles, []),
      articleIds: r.article_ids ? String(r.article_ids).split(',').sort() : [],
      mentionCount: Number(r.mention_count ?? 0),
    };
  }
  const ENTITY_SELECT = `SELECT e.*, (SELECT group_concat(DISTINCT m.article_id) FROM mentions m WHERE m.entity_id = e.id) AS article_ids,
    (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mention_count FROM entities e`;

  const store: Store = {
    path,
    close: () => db.close(),
    transaction,
    kv,

    findExisting(contentHash, url) {
      const byHash = stmt('SELECT id FROM articles WHERE content_hash = ?').get(contentHash) as { id: string } | undefined;
      if (byHash) return byHash.id;
      if (url) {
        const byUrl = stmt('SELECT id FROM articles WHERE url = ?').get(url) as { id: string } | undefined;
        if (byUrl) return byUrl.id;
      }
      return null;
    },
    hasArticle: (id) => stmt('SELECT 1 FROM articles WHERE id = ?').get(id) !== undefined,
    insertArticle: (a) => void stmt(insertArticleSql).run(articleParams(a)),
    updateArticle: (a) => void stmt(updateArticleSql).run(articleParams(a)),
    getArticle(id) {
      const r = stmt(`${ARTICLE_SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
      return r ? articleFromRow(r) : null;
    },
    listArticles(options = {}) {
      const filter = articleFilter(db, options);
      if (!filter) return [];
      const { where, params } = filter;
      const sql = `SELECT a.id, a.title, a.source, a.url, a.path, a.published, a.published_from, CASE WHEN a.published IS NULL THEN a.published_estimate END AS published_estimate, a.duplicate_of, length(a.text) AS length, sa.story_id
        FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY a.published IS NULL, a.published, a.seq${limitClause(options)}`;
      return (db.prepare(sql).all(...params) as Row[]).map(
        (r): ArticleSummary => ({
          id: String(r.id),
          title: String(r.title),
          source: str(r.source),
          url: str(r.url),
          path: str(r.path),
          published: str(r.published),
          publishedFrom: (r.published_from as ArticleSummary['publishedFrom']) ?? null,
          publishedEstimate: parse(r.published_estimate, null),
          duplicateOf: str(r.duplicate_of),
          storyId: str(r.story_id),
          length: Number(r.length),
        }),
      );
    },
    articleIds: () => (stmt('SELECT id FROM articles ORDER BY seq').all() as { id: string }[]).map((r) => r.id),
    countArticles(options = {}) {
      if (!options.storyId && !options.source) return (stmt('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
      const filter = articleFilter(db, options);
      if (!filter) return 0;
      const sql = `SELECT count(*) AS n FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id WHERE ${filter.where.join(' AND ')}`;
      return (db.prepare(sql).get(...filter.params) as { n: number }).n;
    },
    countStaleAnalyses: (version) => (stmt('SELECT count(*) AS n FROM analyses WHERE version < ?').get(version) as { n: number }).n,
    datedArticlesMentioning(names, limit, sinceSeq = -1, withUndated = false) {
      const terms = [...new Set(names)].slice(0, 6).map((n) => `"${n.replace(/"/g, '""')}"`);
      if (terms.length < 2) return [];
      const pairs: string[] = [];
      for (let i = 0; i < terms.length; i++) for (let j = i + 1; j < terms.length; j++) pairs.push(`(${terms[i]} AND ${terms[j]})`);
      // The newest matches only: what dates a month-day is news of the same weeks, and FTS ranking of
      // a frequent pair of names over a large store would cost more than it tells.
      return stmt(
        `SELECT a.id, a.text, a.published FROM articles a
         WHERE a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 400)
           AND (a.published IS NOT NULL AND a.published_from IN ('metadata', 'text') OR ? AND a.published IS NULL) AND a.seq > ?
         ORDER BY a.seq DESC LIMIT ?`,
      ).all(pairs.join(' OR '), withUndated ? 1 : 0, sinceSeq, limit) as Array<{ id: string; text: string; published: string | null }>;
    },
    articlesLike(words, from, to, limit) {
      const terms = [...new Set(words.map((w) => w.toLowerCase()))].slice(0, 12).map((w) => `"${w.replace(/"/g, '""')}"`);
      if (!terms.length) return [];
      return stmt(
        `SELECT a.id, a.title, a.text FROM articles_fts f JOIN articles a ON a.rowid = f.rowid
         WHERE articles_fts MATCH ? AND a.published BETWEEN ? AND ?
         ORDER BY f.rank LIMIT ?`,
      ).all(terms.join(' OR '), from, to, limit) as Array<{ id: string; title: string; text: string }>;
    },
    yearlessArticleIds: (limit) =>
      (stmt(`SELECT id FROM articles WHERE published IS NULL AND json_extract(published_estimate, '$.yearUnknown') = 1 ORDER BY seq DESC LIMIT ?`).all(limit) as { id: string }[]).map((r) => r.id),

    saveAnalysis(articleId, analysis, version, entityIds) {
      // The figures of the article's story count its mentions and quotes: recomputed at the next saveStory.
      stmt('DELETE FROM story_figures WHERE story_id = (SELECT story_id FROM story_articles WHERE article_id = ?)').run(articleId);
      stmt('DELETE FROM mentions WHERE article_id = ?').run(articleId);
      stmt('DELETE FROM timexes WHERE article_id = ?').run(articleId);
      stmt('DELETE FROM quotes WHERE article_id = ?').run(articleId);
      stmt('INSERT INTO analyses (article_id, version, data) VALUES (?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET version = excluded.version, data = excluded.data').run(
        articleId,
        version,
        json(compactAnalysis(analysis)),
      );
      const text = (stmt('SELECT text FROM articles WHERE id = ?').get(articleId) as { text: string }).text;
      const insertMention = stmt('INSERT INTO mentions (entity_id, article_id, start, end, text, role) VALUES (?, ?, ?, ?, ?, ?)');
      for (const e of analysis.entities) {
        const entityId = entityIds.get(e.key);
        if (!entityId) continue;
        for (const m of e.mentions) insertMention.run(entityId, articleId, m.start, m.end, m.text, m.role ?? null);
      }
      stmt(`UPDATE article_facets SET entities = (SELECT json_group_array(entity_id) FROM (SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?))
        WHERE rid = (SELECT rowid FROM articles WHERE id = ?)`).run(articleId, articleId);
      const insertTimex = stmt('INSERT INTO timexes (article_id, start, end, text, type, value, mod) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const t of analysis.timexes) insertTimex.run(articleId, t.start, t.end, t.text, t.type, t.value, t.mod ?? null);
      const insertQuote = stmt(`INSERT INTO quotes (article_id, content_start, content_end, text, source_start, source_end, cue_start, cue_end, cue, speaker, speaker_entity_id, direct, kind, date)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      for (const q of analysis.quotes) {
        insertQuote.run(
          articleId,
          q.content[0],
          q.content[1],
          text.slice(q.content[0], q.content[1]),
          q.source?.[0] ?? null,
          q.source?.[1] ?? null,
          q.cue?.[0] ?? null,
          q.cue?.[1] ?? null,
          q.cue ? text.slice(q.cue[0], q.cue[1]) : null,
          q.speaker,
          q.speakerKey ? entityIds.get(q.speakerKey) ?? null : null,
          q.direct ? 1 : 0,
          q.kind,
          q.date ?? null,
        );
      }
    },
    getAnalysis(articleId) {
      const r = stmt('SELECT version, data FROM analyses WHERE article_id = ?').get(articleId) as { version: number; data: string } | undefined;
      if (!r) return null;
      const article = stmt('SELECT text FROM articles WHERE id = ?').get(articleId) as { text: string };
      return { version: r.version, analysis: expandAnalysis(JSON.parse(r.data) as CompactAnalysis, article.text) };
    },

    upsertEntity(entity) {
      // Roles are people's: an organisation a person key moved to ("person:bp" → BP) takes none.
      if (entity.type !== 'person' && entity.roles.length > 0) entity = { ...entity, roles: [] };
      const id = entityIdForKey(entity.key);
      const existing = stmt('SELECT name, aliases, roles FROM entities WHERE id = ?').get(id) as { name: string; aliases: string; roles: string } | undefined;
      if (!existing) {
        const aliases = uniq(entity.aliases);
        stmt('INSERT INTO entities (id, key, name, type, aliases, roles, folded_names) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          id, entity.key, entity.name, entity.type, json(aliases), json(uniq(entity.roles)), foldedNameList([entity.name, ...aliases]),
        );
      } else {
        const oldAliases = parse<string[]>(existing.aliases, []);
        const oldRoles = parse<string[]>(existing.roles, []);
        const aliases = uniq([...oldAliases, ...entity.aliases]);
        const roles = uniq([...oldRoles, ...entity.roles]);
        // Most mentions of a known entity add nothing new: no write then.
        if (aliases.length !== oldAliases.length || roles.length !== oldRoles.length) {
          stmt('UPDATE entities SET aliases = ?, roles = ?, folded_names = ? WHERE id = ?').run(json(aliases), json(roles), foldedNameList([existing.name, ...aliases]), id);
        }
      }
      return id;
    },
    listEntities(options = {}) {
      const sql = `${ENTITY_SELECT} ${options.type ? 'WHERE e.type = ?' : ''} ORDER BY mention_count DESC, e.name${limitClause(options)}`;
      return (db.prepare(sql).all(...(options.type ? [options.type] : [])) as Row[]).map(corpusEntityFromRow);
    },
    getEntity(idOrKey) {
      const r = stmt(`${ENTITY_SELECT} WHERE e.id = ? OR e.key = ?`).get(idOrKey, idOrKey) as Row | undefined;
      return r ? corpusEntityFromRow(r) : null;
    },
    findEntitiesByName(name) {
      // Entities whose name or an alias contains the name, case and accents folded as full-text
      // search folds them ("zurich" finds Zürich), the most mentioned first.
      const needle = likeLiteral(foldName(name));
      if (!needle) return [];
      const rows = stmt(`${ENTITY_SELECT} WHERE e.folded_names LIKE ? ESCAPE '\\' ORDER BY mention_count DESC, e.name LIMIT 50`).all(`%${needle}%`) as Row[];
      return rows.map(corpusEntityFromRow);
    },

    personEntities: () => stmt("SELECT key, name FROM entities WHERE type = 'person'").all() as { key: string; name: string }[],
    entityArticleCount: (key) =>
      (stmt('SELECT count(DISTINCT m.article_id) AS n FROM mentions m WHERE m.entity_id = ?').get(entityIdForKey(key)) as { n: number }).n,
    pruneUnusedEntities() {
      return stmt('DELETE FROM entities WHERE NOT EXISTS (SELECT 1 FROM mentions WHERE mentions.entity_id = entities.id)').run().changes;
    },

    dropEntityIfUnused(key) {
      const id = entityIdForKey(key);
      return stmt('DELETE FROM entities WHERE id = ? AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity_id = ?)').run(id, id).changes > 0;
    },

    renameEntity(key, name) {
      const id = entityIdForKey(key);
      const e = stmt('SELECT name, aliases FROM entities WHERE id = ?').get(id) as { name: string; aliases: string } | undefined;
      if (!e || e.name === name) return;
      stmt('UPDATE entities SET name = ?, folded_names = ? WHERE id = ?').run(name, foldedNameList([name, ...parse<string[]>(e.aliases, [])]), id);
    },

    moveEntity(fromKey, to) {
      const fromId = entityIdForKey(fromKey);
      const from = stmt('SELECT aliases, roles FROM entities WHERE id = ?').get(fromId) as { aliases: string; roles: string } | undefined;
      if (!from || to.key === fromKey) return;
      const toId = store.upsertEntity({ ...to, aliases: parse<string[]>(from.aliases, []), roles: parse<string[]>(from.roles, []) });
      const articles = (stmt('SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?').all(fromId) as { article_id: string }[]).map((r) => r.article_id);
      stmt('UPDATE mentions SET entity_id = ? WHERE entity_id = ?').run(toId, fromId);
      stmt('UPDATE quotes SET speaker_entity_id = ? WHERE speaker_entity_id = ?').run(toId, fromId);
      // (as saveAnalysis does for each article: its story's figures recomputed at the next saveStory, its entity facet)
      for (const id of articles) {
        stmt('DELETE FROM story_figures WHERE story_id = (SELECT story_id FROM story_articles WHERE article_id = ?)').run(id);
        stmt(`UPDATE article_facets SET entities = (SELECT json_group_array(entity_id) FROM (SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?))
          WHERE rid = (SELECT rowid FROM articles WHERE id = ?)`).run(id, id);
      }
      stmt('DELETE FROM entities WHERE id = ?').run(fromId);
    },

    quotes(options = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (options.speakerEntityIds?.length) {
        where.push(`q.speaker_entity_id IN (${options.speakerEntityIds.map(() => '?').join(', ')})`);
        params.push(...options.speakerEntityIds);
      }
      if (options.speakerName) {
        where.push('(lower(q.speaker) LIKE ? OR lower(e.name) LIKE ?)');
        params.push(`%${options.speakerName.toLowerCase()}%`, `%${options.speakerName.toLowerCase()}%`);
      }
      if (options.storyId) {
        where.push('sa.story_id = ?');
        params.push(options.storyId);
      }
      if (options.articleId) {
        where.push('q.article_id = ?');
        params.push(options.articleId);
      }
      // A speaker linked to a corpus entity goes by the entity's name ("Obama" → Barack Obama).
      const sql = `SELECT q.*, e.name AS entity_name, a.published, a.source AS outlet, sa.story_id FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN story_articles sa ON sa.article_id = q.article_id
        LEFT JOIN entities e ON e.id = q.speaker_entity_id
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY coalesce(q.date, a.published), a.seq, q.content_start${limitClause(options)}`;
      return (db.prepare(sql).all(...params) as Row[]).map(
        (r): StoredQuote => ({
          id: Number(r.id),
          articleId: String(r.article_id),
          text: String(r.text),
          content: [Number(r.content_start), Number(r.content_end)],
          source: r.source_start === null ? null : [Number(r.source_start), Number(r.source_end)],
          cue: r.cue_start === null ? null : [Number(r.cue_start), Number(r.cue_end)],
          cueText: str(r.cue),
          speaker: str(r.entity_name) ?? str(r.speaker),
          speakerKey: null,
          speakerEntityId: str(r.speaker_entity_id),
          direct: r.direct === 1,
          kind: (r.kind as 'speech' | 'belief') ?? 'speech',
          date: str(r.date),
          published: str(r.published),
          outlet: str(r.outlet),
          storyId: str(r.story_id),
        }),
      );
    },

    lineCounts(hashes) {
      const out = new Map<string, number>();
      const q = stmt('SELECT articles FROM line_stats WHERE hash = ?');
      for (const h of hashes) {
        const r = q.get(h) as { articles: number } | undefined;
        if (r) out.set(h, r.articles);
      }
      return out;
    },
    addLines(hashes) {
      const up = stmt('INSERT INTO line_stats (hash, articles) VALUES (?, 1) ON CONFLICT(hash) DO UPDATE SET articles = articles + 1');
      for (const h of new Set(hashes)) up.run(h);
    },

    assignStory(articleId, storyId, eventId, seed) {
      const now = new Date().toISOString();
      stmt(`INSERT INTO stories (id, title, first_seen, last_seen, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`).run(
        storyId, seed?.title ?? '', seed?.published ?? null, seed?.published ?? null, now,
      );
      // Counts move by one (counting the story's rows would cost more the bigger the story).
      const before = stmt('SELECT story_id FROM story_articles WHERE article_id = ?').get(articleId) as { story_id: string } | undefined;
      stmt('INSERT INTO story_articles (article_id, story_id, event_id) VALUES (?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id, event_id = excluded.event_id').run(
        articleId, storyId, eventId,
      );
      if (before && before.story_id !== storyId) stmt('UPDATE stories SET article_count = max(0, article_count - 1) WHERE id = ?').run(before.story_id);
      stmt(`UPDATE stories SET article_count = article_count + @added,
          first_seen = CASE WHEN @published IS NOT NULL AND (first_seen IS NULL OR @published < first_seen) THEN @published ELSE first_seen END,
          last_seen = CASE WHEN @published IS NOT NULL AND (last_seen IS NULL OR @published > last_seen) THEN @published ELSE last_seen END,
          updated_at = @now WHERE id = @id`).run({ id: storyId, published: seed?.published ?? null, now, added: before?.story_id === storyId ? 0 : 1 });
    },
    recordStoryMerge(from, into) {
      // (merges and splits are rare: their stories are counted again)
      const now = new Date().toISOString();
      // Both rows exist afterwards: a story ID known only from before a reprocess still leads somewhere.
      for (const id of [into, from]) stmt(`INSERT INTO stories (id, title, updated_at) VALUES (?, '', ?) ON CONFLICT(id) DO NOTHING`).run(id, now);
      stmt('UPDATE story_articles SET story_id = ? WHERE story_id = ?').run(into, from);
      stmt('UPDATE stories SET merged_into = ?, article_count = 0, updated_at = ? WHERE id = ?').run(into, now, from);
      recount(into);
      stmt('DELETE FROM story_data WHERE story_id = ?').run(from);
      stmt("INSERT INTO story_history (story_id, kind, other_id, at) VALUES (?, 'merged-into', ?, ?)").run(from, into, now);
      stmt("INSERT INTO story_history (story_id, kind, other_id, at) VALUES (?, 'absorbed', ?, ?)").run(into, from, now);
    },
    recordStorySplit(from, into, eventIds) {
      const now = new Date().toISOString();
      stmt(`INSERT INTO stories (id, title, updated_at) VALUES (?, '', ?) ON CONFLICT(id) DO UPDATE SET merged_into = NULL`).run(into, now);
      // An event's articles follow it, wherever they were (a duplicate carries its canonical's event).
      const move = stmt('UPDATE story_articles SET story_id = ? WHERE event_id = ?');
      for (const eventId of eventIds) move.run(into, eventId);
      for (const id of [from, into]) {
        stmt('DELETE FROM story_figures WHERE story_id = ?').run(id);
        recount(id);
      }
      stmt("INSERT INTO story_history (story_id, kind, other_id, at) VALUES (?, 'split-from', ?, ?)").run(into, from, now);
      stmt("INSERT INTO story_history (story_id, kind, other_id, at) VALUES (?, 'split-off', ?, ?)").run(from, into, now);
    },
    storyHistory: (storyId) =>
      (stmt('SELECT kind, other_id, at FROM story_history WHERE story_id = ? ORDER BY id').all(storyId) as { kind: StoryHistoryEntry['kind']; other_id: string; at: string }[]).map(
        (r) => ({ kind: r.kind, otherId: r.other_id, at: r.at }),
      ),
    storyArticleIds: (storyId) =>
      (stmt('SELECT sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? ORDER BY a.published, a.seq').all(storyId) as {
        article_id: string;
      }[]).map((r) => r.article_id),
    storyArticles(storyId, options = {}) {
      const rows = stmt(`SELECT a.id, a.title, a.published, a.published_range_from, a.published_range_to, a.source, a.duplicate_of FROM story_articles sa JOIN articles a ON a.id = sa.article_id
        WHERE sa.story_id = ? ORDER BY a.published, a.seq`).all(storyId) as Row[];
      const originals = rows.filter((r) => r.duplicate_of === null);
      const max = Math.max(2, options.maxOriginals ?? Infinity);
      const read = new Set<unknown>(
        originals.length <= max ? originals.map((r) => r.id) : Array.from({ length: max }, (_, i) => originals[Math.round((i * (originals.length - 1)) / (max - 1))]!.id),
      );
      // One article at a time: the analyses' JSON of a big story is never all in memory at once.
      const contentOf = stmt("SELECT a.text, json_remove(an.data, '$.entities') AS data FROM articles a JOIN analyses an ON an.article_id = a.id WHERE a.id = ?");
      return rows.map((r): StoryArticleRecord => {
        const c = read.has(r.id) ? (contentOf.get(r.id) as { text: string; data: string } | undefined) : undefined;
        return {
          id: String(r.id),
          title: String(r.title),
          published: str(r.published),
          publishedRange: r.published_range_from && r.published_range_to ? { from: String(r.published_range_from), to: String(r.published_range_to) } : null,
          source: str(r.source),
          duplicateOf: str(r.duplicate_of),
          content: c ? { text: c.text, analysis: leanAnalysis(JSON.parse(c.data) as Omit<CompactAnalysis, 'entities'>, c.text) } : null,
        };
      });
    },
    saveStory(story) {
      transaction(() => {
        const articleIds = story.articleIds;
        // Named outlets only: articles with no source are not sources of their own.
        const sourceOf = stmt('SELECT source FROM articles WHERE id = ?').pluck();
        const sources = new Set(articleIds.map((id) => sourceOf.get(id) as string | null | undefined).filter((v): v is string => !!v));
        stmt(`INSERT INTO stories (id, title, summary, first_seen, last_seen, merged_into, article_count, source_count, updated_at)
          VALUES (@id, @title, @summary, @first_seen, @last_seen, @merged_into, @article_count, @source_count, @updated_at)
          ON CONFLICT(id) DO UPDATE SET title = excluded.title, summary = excluded.summary, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
            merged_into = excluded.merged_into, article_count = excluded.article_count, source_count = excluded.source_count, updated_at = excluded.updated_at`).run({
          id: story.id,
          title: story.title,
          summary: story.summary,
          first_seen: story.firstSeen,
          last_seen: story.lastSeen,
          merged_into: story.mergedInto,
          article_count: articleIds.length,
          source_count: sources.size,
          updated_at: story.updatedAt,
        });
        stmt('INSERT INTO story_data (story_id, data) VALUES (?, ?) ON CONFLICT(story_id) DO UPDATE SET data = excluded.data').run(
          story.id,
          json({ timeline: story.timeline, claims: story.claims, disagreements: story.disagreements, events: story.events }),
        );
        saveStoryFigures(db, story.id, story.updatedAt);
      });
    },
    getStory(id) {
      const select = 'SELECT s.*, d.data FROM stories s LEFT JOIN story_data d ON d.story_id = s.id WHERE s.id = ?';
      let r = stmt(select).get(id) as Row | undefined;
      for (let hops = 0; r && r.merged_into && hops < 100; hops++) r = stmt(select).get(r.merged_into) as Row | undefined;
      if (!r) return null;
      return storyRecordFromRow(r, store.storyArticleIds(String(r.id)));
    },
    listStories(options = {}) {
      return (db
        .prepare(`SELECT * FROM stories WHERE merged_into IS NULL AND article_count > 0 ORDER BY last_seen DESC, article_count DESC, id${limitClause(options)}`)
        .all() as Row[]).map(storySummaryFromRow);
    },
    pruneEmptyStories() {
      const empty = `SELECT id FROM stories WHERE merged_into IS NULL AND id NOT IN (SELECT DISTINCT story_id FROM story_articles)
        AND id NOT IN (SELECT merged_into FROM stories WHERE merged_into IS NOT NULL)`;
      stmt(`DELETE FROM story_data WHERE story_id IN (${empty})`).run();
      return stmt(`DELETE FROM stories WHERE id IN (${empty})`).run().changes;
    },
    clearStories() {
      db.exec("DELETE FROM story_articles; DELETE FROM story_history; DELETE FROM story_data; DELETE FROM stories; DELETE FROM kv WHERE key LIKE 'link/%';");
    },

    stats() {
      const one = (sql: string) => stmt(sql).get() as Row;
      const a = one('SELECT count(*) AS n, sum(duplicate_of IS NOT NULL) AS d, count(DISTINCT source) AS s, min(published) AS f, max(published) AS l FROM articles');
      let dbBytes = 0;
      try {
        dbBytes = statSync(path).size;
      } catch {
        /* in-memory */
      }
      return {
        articles: Number(a.n),
        duplicates: Number(a.d ?? 0),
        sources: Number(a.s),
        firstPublished: str(a.f),
        lastPublished: str(a.l),
        stories: Number(one('SELECT count(*) AS n FROM stories WHERE merged_into IS NULL AND article_count > 0').n),
        entities: Number(one('SELECT count(*) AS n FROM entities').n),
        quotes: Number(one('SELECT count(*) AS n FROM quotes').n),
        timexes: Number(one('SELECT count(*) AS n FROM timexes').n),
        dbBytes,
      };
    },
  };
  return Object.assign(store, { db });
}

/** The raw database handle of a SQLite store (for search and read models that need SQL). */
export function sqliteHandle(store: Store): Database.Database {
  const db = (store as Store & { db?: Database.Database }).db;
  if (!db) throw new Error('this store is not a SQLite store');
  return db;
}

function uniq(values: string[]): string[] {
  return [...new Set(values.filter((v) => v && v.trim()))];
}

// Analyses are stored compactly: token texts are recomputed from offsets on load.
interface CompactAnalysis extends Omit<Analysis, 'sentences'> {
  sentences: [number, number, number[]][];
}

function compactAnalysis(a: Analysis): CompactAnalysis {
  return {
    ...a,
    // (tokenOffsets reads a packed sentence's offsets without making its token objects)
    sentences: a.sentences.map((s) => [s.start, s.end, tokenOffsets(s)]),
  };
}

function expandAnalysis(c: CompactAnalysis, text: string): Analysis {
  return { ...c, sentences: c.sentences.map(([start, end, flat]) => new PackedSentence(start, end, text, Int32Array.from(flat), 0, flat.length)) };
}

/**
 * The analysis as a story build reads it, for thousands of articles at once: no entities, and the
 * sentences' token offsets packed in one array per article, their tokens made on first access.
 */
function leanAnalysis(c: Omit<CompactAnalysis, 'entities'>, text: string): Analysis {
  let count = 0;
  for (const s of c.sentences) count += s[2].length;
  const packed = new Int32Array(count);
  let at = 0;
  const sentences = c.sentences.map(([start, end, flat]) => {
    packed.set(flat, at);
    at += flat.length;
    return new PackedSentence(start, end, text, packed, at - flat.length, at);
  });
  return { sentences, mentions: c.mentions, entities: [], timexes: c.timexes, quotes: c.quotes };
}

export type { DocEntity };

/** WHERE terms for the articles of a story and/or an outlet; null when no outlet has that name. */
function articleFilter(db: Database.Database, options: { storyId?: string; source?: string }): { where: string[]; params: unknown[] } | null {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.storyId) {
    where.push('sa.story_id = ?');
    params.push(options.storyId);
  }
  if (options.source) {
    // The outlet as named in any case or accents ("bbc" lists BBC's articles).
    const names = sourceVariants(db, options.source);
    if (!names.length) return null;
    where.push(`a.source IN (${names.map(() => '?').join(', ')})`);
    params.push(...names);
  }
  return { where, params };
}
