// Stores as an older version left them, for upgrade tests.
import type Database from 'better-sqlite3';

/** Turns a current store back into schema 12's: the search index without its prefix index (migration 13 not applied). */
export function asSchema12(db: Database.Database): void {
  db.exec(`
    DROP TRIGGER articles_fts_insert; DROP TRIGGER articles_fts_delete; DROP TRIGGER articles_fts_update; DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, standfirst, content='articles', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2');
    INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN INSERT INTO articles_fts(rowid, title, text, standfirst) VALUES (new.rowid, new.title, new.text, new.standfirst); END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN INSERT INTO articles_fts(articles_fts, rowid, title, text, standfirst) VALUES ('delete', old.rowid, old.title, old.text, old.standfirst); END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, standfirst ON articles BEGIN
      INSERT INTO articles_fts(articles_fts, rowid, title, text, standfirst) VALUES ('delete', old.rowid, old.title, old.text, old.standfirst);
      INSERT INTO articles_fts(rowid, title, text, standfirst) VALUES (new.rowid, new.title, new.text, new.standfirst);
    END;
    DELETE FROM schema_migrations WHERE version > 12;
  `);
}
