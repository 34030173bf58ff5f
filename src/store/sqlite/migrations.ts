// Versioned schema migrations. Append only: never edit a migration that has shipped.
import type Database from 'better-sqlite3';
import { foldedNameList } from '../../search/tokens.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Runs after `sql`, in the same transaction: for values SQL cannot compute (folded names). */
  run?: (db: Database.Database) => void;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'articles, analyses, entities, quotes, stories, search',
    sql: `
CREATE TABLE articles (
  id TEXT PRIMARY KEY,
  url TEXT,
  path TEXT,
  source TEXT,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  raw TEXT NOT NULL,
  raw_kind TEXT NOT NULL CHECK (raw_kind IN ('text', 'html')),
  meta_title TEXT,
  meta_published TEXT,
  published TEXT,
  published_from TEXT CHECK (published_from IN ('metadata', 'text', 'inferred')),
  published_range_from TEXT,
  published_range_to TEXT,
  published_confidence REAL,
  modified TEXT,
  authors TEXT NOT NULL DEFAULT '[]',
  language TEXT NOT NULL DEFAULT 'und',
  site TEXT,
  canonical_url TEXT,
  description TEXT,
  image TEXT,
  content_hash TEXT NOT NULL,
  duplicate_of TEXT REFERENCES articles(id),
  removed TEXT NOT NULL DEFAULT '[]',
  ingested_at TEXT NOT NULL,
  seq INTEGER NOT NULL
);
CREATE UNIQUE INDEX articles_content_hash ON articles(content_hash);
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_source ON articles(source);

CREATE TABLE analyses (
  article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  data TEXT NOT NULL
);

CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('person', 'organization', 'place', 'other')),
  aliases TEXT NOT NULL DEFAULT '[]',
  roles TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE mentions (
  entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  text TEXT NOT NULL,
  role TEXT
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE timexes (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  text TEXT NOT NULL,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  mod TEXT
);
CREATE INDEX timexes_article ON timexes(article_id);

CREATE TABLE quotes (
  id INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  content_start INTEGER NOT NULL,
  content_end INTEGER NOT NULL,
  text TEXT NOT NULL,
  source_start INTEGER,
  source_end INTEGER,
  cue_start INTEGER,
  cue_end INTEGER,
  cue TEXT,
  speaker TEXT,
  speaker_entity_id TEXT REFERENCES entities(id) ON DELETE SET NULL,
  direct INTEGER NOT NULL,
  kind TEXT NOT NULL DEFAULT 'speech',
  date TEXT
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_entity_id);

CREATE TABLE stories (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  first_seen TEXT,
  last_seen TEXT,
  merged_into TEXT REFERENCES stories(id),
  article_count INTEGER NOT NULL DEFAULT 0,
  source_count INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL
);
CREATE INDEX stories_last_seen ON stories(last_seen);

CREATE TABLE story_articles (
  article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  story_id TEXT NOT NULL REFERENCES stories(id),
  event_id TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles(story_id);

CREATE TABLE story_history (
  id INTEGER PRIMARY KEY,
  story_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  other_id TEXT,
  at TEXT NOT NULL
);

CREATE TABLE kv (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE line_stats (
  hash TEXT PRIMARY KEY,
  articles INTEGER NOT NULL
) WITHOUT ROWID;

CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content='articles', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
`,
  },
  {
    version: 2,
    name: 'publication-date estimates for undated articles',
    sql: `ALTER TABLE articles ADD COLUMN published_estimate TEXT;`,
  },
  {
    version: 3,
    name: 'story timelines apart from the story rows, so listing stories stays cheap',
    sql: `
CREATE TABLE story_data (
  story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
  data TEXT NOT NULL
);
INSERT INTO story_data (story_id, data) SELECT id, data FROM stories;
ALTER TABLE stories DROP COLUMN data;
CREATE INDEX stories_active ON stories(merged_into, last_seen);
`,
  },
  {
    version: 4,
    name: 'derived read tables: per-story figures, article facets keyed by rowid',
    sql: `
-- Figures the story list and story page show (top entities, coverage, quote counts), computed when
-- a story is saved; valid while updated_at equals the story's, dropped when one of its analyses changes.
CREATE TABLE story_figures (
  story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
  updated_at TEXT NOT NULL,
  entities TEXT NOT NULL,
  coverage TEXT NOT NULL,
  quote_count INTEGER NOT NULL DEFAULT 0
);

-- The few article columns lists, search filters and facets need, in a small table keyed by the FTS rowid,
-- so ranking thousands of matches never walks the (large) article rows. Kept by triggers.
CREATE TABLE article_facets (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  source TEXT,
  published TEXT,
  published_from TEXT,
  duplicate_of TEXT,
  url TEXT,
  seq INTEGER NOT NULL,
  story_id TEXT
);
INSERT INTO article_facets (rid, id, title, source, published, published_from, duplicate_of, url, seq, story_id)
  SELECT a.rowid, a.id, CASE WHEN trim(a.title) = '' THEN substr(a.text, 1, 200) ELSE a.title END, a.source, a.published, a.published_from, a.duplicate_of, a.url, a.seq, sa.story_id
  FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id;
CREATE TRIGGER article_facets_insert AFTER INSERT ON articles BEGIN
  INSERT OR REPLACE INTO article_facets (rid, id, title, source, published, published_from, duplicate_of, url, seq, story_id)
    VALUES (new.rowid, new.id, CASE WHEN trim(new.title) = '' THEN substr(new.text, 1, 200) ELSE new.title END, new.source, new.published, new.published_from,
      new.duplicate_of, new.url, new.seq, (SELECT story_id FROM story_articles WHERE article_id = new.id));
END;
CREATE TRIGGER article_facets_update AFTER UPDATE OF id, title, text, source, published, published_from, duplicate_of, url, seq ON articles BEGIN
  UPDATE article_facets SET id = new.id, title = CASE WHEN trim(new.title) = '' THEN substr(new.text, 1, 200) ELSE new.title END, source = new.source,
    published = new.published, published_from = new.published_from, duplicate_of = new.duplicate_of, url = new.url, seq = new.seq WHERE rid = new.rowid;
END;
CREATE TRIGGER article_facets_delete AFTER DELETE ON articles BEGIN
  DELETE FROM article_facets WHERE rid = old.rowid;
END;
CREATE INDEX article_facets_story ON article_facets(story_id);
CREATE TRIGGER article_facets_story_insert AFTER INSERT ON story_articles BEGIN
  UPDATE article_facets SET story_id = new.story_id WHERE rid = (SELECT rowid FROM articles WHERE id = new.article_id);
END;
CREATE TRIGGER article_facets_story_update AFTER UPDATE OF story_id ON story_articles BEGIN
  UPDATE article_facets SET story_id = new.story_id WHERE rid = (SELECT rowid FROM articles WHERE id = new.article_id);
END;
CREATE TRIGGER article_facets_story_delete AFTER DELETE ON story_articles BEGIN
  UPDATE article_facets SET story_id = NULL WHERE rid = (SELECT rowid FROM articles WHERE id = old.article_id);
END;
`,
  },
  {
    version: 5,
    name: 'mentions indexed by article and entity, so entity counts over many articles read the index only',
    sql: `
CREATE INDEX mentions_article_entity ON mentions(article_id, entity_id);
DROP INDEX mentions_article;
`,
  },
  {
    version: 6,
    name: 'story figures: quotes grouped by speaker',
    sql: `
-- Quotes grouped by speaker (JSON: key, speaker, entityId, quote ids in time order); NULL = not computed yet.
ALTER TABLE story_figures ADD COLUMN speakers TEXT;
`,
  },
  {
    version: 7,
    name: 'article facets: the entities each article names',
    sql: `
-- JSON array of the distinct entity ids an article mentions (kept by saveAnalysis): search's entity facet.
ALTER TABLE article_facets ADD COLUMN entities TEXT;
UPDATE article_facets SET entities = (SELECT json_group_array(entity_id) FROM (SELECT DISTINCT entity_id FROM mentions WHERE article_id = article_facets.id));
`,
  },
  {
    version: 8,
    name: 'mentions indexed by entity and article, so an entity\'s articles are read from the index only',
    sql: `
-- Search filtered by an entity reads the entity's distinct articles: from this index alone, without a
-- table row per mention. It serves every lookup by entity_id that mentions_entity served.
CREATE INDEX IF NOT EXISTS mentions_entity_article ON mentions(entity_id, article_id);
DROP INDEX IF EXISTS mentions_entity;
`,
  },
  {
    version: 9,
    name: 'article facets: the columns search filters on, in one covering index',
    sql: `
-- Search keeps these columns of every article in memory (see src/search/facets.ts) and reloads them
-- after a write: reading them from this index skips the wide rows (titles, entity lists).
CREATE INDEX IF NOT EXISTS article_facets_filters ON article_facets(source, published, duplicate_of, story_id);
`,
  },
  {
    version: 10,
    name: 'entities: names and aliases folded like the full-text index, for name filters',
    sql: `
-- The entity's name and aliases, case and diacritics folded, one per line between line breaks
-- (foldedNameList), so entity filters and lookups match "zurich" to Zürich with a LIKE and no per-row function.
ALTER TABLE entities ADD COLUMN folded_names TEXT;
`,
    run: (db) => {
      const update = db.prepare('UPDATE entities SET folded_names = ? WHERE id = ?');
      for (const r of db.prepare('SELECT id, name, aliases FROM entities').all() as { id: string; name: string; aliases: string }[]) {
        let aliases: string[] = [];
        try {
          aliases = JSON.parse(r.aliases) as string[];
        } catch {
          /* not JSON: the name alone */
        }
        update.run(foldedNameList([r.name, ...aliases]), r.id);
      }
    },
  },
  {
    version: 11,
    name: 'stories: articles with no source are not counted as sources',
    sql: `
-- source_count counted each article without a source as a source of its own; it counts named sources now.
UPDATE stories SET source_count = (SELECT count(DISTINCT f.source) FROM article_facets f WHERE f.story_id = stories.id)
  WHERE merged_into IS NULL;
`,
  },
  {
    version: 12,
    name: 'articles: the standfirst, searched with title and text',
    sql: `
-- The standfirst (dek, teaser) a page prints apart from the article's text; NULL for articles stored
-- before (\`storyline reprocess\` extracts it from the kept raw input). FTS5 cannot add a column: the
-- index is made again from the articles (same rowids, title and text first as before, so bm25's
-- weights keep their columns) with the standfirst as its third column.
ALTER TABLE articles ADD COLUMN standfirst TEXT;
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, standfirst, content='articles', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text, standfirst) VALUES (new.rowid, new.title, new.text, new.standfirst);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text, standfirst) VALUES ('delete', old.rowid, old.title, old.text, old.standfirst);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, standfirst ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text, standfirst) VALUES ('delete', old.rowid, old.title, old.text, old.standfirst);
  INSERT INTO articles_fts(rowid, title, text, standfirst) VALUES (new.rowid, new.title, new.text, new.standfirst);
END;
`,
  },
  {
    version: 13,
    name: 'search: one- and two-letter prefixes indexed',
    sql: `
-- A prefix query (a*, th*) read the doclist of every term with that prefix and merged them: 26
-- one-letter prefixes cost ≈ 1.8 s at 20,000 articles. FTS5 keeps one- and two-letter prefixes in
-- their own lists with prefix='1 2' (the index ≈ 1.9× its size). The option cannot be added to a
-- table: the index is made again, as migration 12 made it (same rowids, columns and tokenizer).
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, standfirst, content='articles', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2', prefix='1 2'
);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text, standfirst) VALUES (new.rowid, new.title, new.text, new.standfirst);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text, standfirst) VALUES ('delete', old.rowid, old.title, old.text, old.standfirst);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, standfirst ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text, standfirst) VALUES ('delete', old.rowid, old.title, old.text, old.standfirst);
  INSERT INTO articles_fts(rowid, title, text, standfirst) VALUES (new.rowid, new.title, new.text, new.standfirst);
END;
`,
  },
];
