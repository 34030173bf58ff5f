import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { openStore, resolveDbPath, type Store } from '../store/index.js';

export function addDbOption(cmd: Command): Command {
  return cmd.option('--db <path>', 'database file (default: $STORYLINE_DB or ./storyline.db)');
}

/** Opens the store for a command; read commands refuse to create an empty database by accident. */
export function openCommandStore(opts: { db?: string }, mode: 'read' | 'write'): Store {
  const path = resolveDbPath(opts.db);
  if (mode === 'read' && path !== ':memory:' && !existsSync(path)) {
    throw new Error(`no database at ${path}: ingest articles first (storyline ingest PATH…), or point --db / STORYLINE_DB at one`);
  }
  return openStore(path, { onUpgrade: (note) => process.stderr.write(`storyline: ${path}: ${note}\n`) });
}

export async function withStore<T>(opts: { db?: string }, mode: 'read' | 'write', fn: (store: Store) => T | Promise<T>): Promise<T> {
  const store = openCommandStore(opts, mode);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
