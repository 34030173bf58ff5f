import { fileURLToPath } from 'node:url';
import { existsSync, mkdtempSync } from 'node:fs';
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
