import { fileURLToPath } from 'node:url';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SEEDS_DIR = join(ROOT, 'examples/seeds');
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
export const hasSharedData = existsSync(SHARED_DATA);

export function tempDir(prefix = 'storyline-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs the CLI from source (no build needed) — the same entry point as the `storyline` bin. */
export const CLI = ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')];

/** A Timeline17 folder's articles that have a text (`../shared/data/t17/<folder>/articles.jsonl`). */
export interface T17Article {
  id: string;
  published: string;
  text?: string;
}
export function t17Articles(folder: string): T17Article[] {
  return readFileSync(join(SHARED_DATA, 't17', folder, 'articles.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T17Article)
    .filter((r) => r.text);
}
