// Opens the configured store. SQLite is the embedded default; the path comes from --db, then
// STORYLINE_DB, then ./storyline.db.
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite/index.js';

export type { Store } from './store.js';
export { sqliteHandle } from './sqlite/index.js';

export const DEFAULT_DB = 'storyline.db';

export function resolveDbPath(flag?: string): string {
  return flag ?? process.env.STORYLINE_DB ?? DEFAULT_DB;
}

/** `onUpgrade` hears of each migration applied to a store that holds articles (see `migrate`). */
export function openStore(path: string, options: { readonly?: boolean; onUpgrade?: (note: string) => void } = {}): Store {
  if (/^postgres(ql)?:\/\//.test(path)) {
    throw new Error(`PostgreSQL stores are not available in this version: use a SQLite file path for --db (got ${path})`);
  }
  return openSqliteStore(path, options);
}
