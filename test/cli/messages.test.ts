// CLI messages from the second review (item 13): they name the file, the directory, the story a
// merged ID became and what reprocess is doing; bad offsets are refused.
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { CLI, ROOT, SEEDS_DIR, tempDir } from '../helpers/paths.js';

const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, STORYLINE_TOKEN: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('CLI messages (review item 13)', () => {
  const dir = tempDir();
  const db = join(dir, 'seeds.db');
  let storyBefore: string;

  beforeAll(async () => {
    // The seeds one run each, newest first: a reprocess (oldest first) starts the story with another article.
    const store = openStore(db);
    const lines = readFileSync(join(SEEDS_DIR, 'seeds.jsonl'), 'utf8').trim().split('\n');
    lines.sort((a, b) => (JSON.parse(b).published as string).localeCompare(JSON.parse(a).published as string));
    for (const [i, line] of lines.entries()) {
      writeFileSync(join(dir, `${i}.jsonl`), line + '\n');
      await ingestDocuments(store, readSources([join(dir, `${i}.jsonl`)]));
    }
    storyBefore = store.listStories()[0]!.id;
    store.close();
  });

  it('reprocess says what it does, and `story <old id>` says which story it was merged into', () => {
    const r = run(['reprocess', '--db', db]);
    expect(r.status).toBe(0);
    // each pass says its own count, the last one too (building the stories can take a while)
    expect(r.stderr).toContain('reprocess: pass 1 of 3: 5/5 articles re-analysed\n');
    expect(r.stderr).toContain('reprocess: pass 2 of 3: 5/5 articles re-linked into stories\n');
    expect(r.stderr).toMatch(/reprocess: pass 3 of 3: building story (\d+) of \1 \(timeline, claims, summary\)\n/);
    expect(r.stderr).not.toMatch(/stored 0|duplicates 0/);
    expect(r.stderr).toMatch(/1 earlier story ID now leads to the story holding most of its articles/);

    const story = run(['story', storyBefore, '--db', db]);
    expect(story.status).toBe(0);
    const [first, , title] = story.stdout.split('\n');
    expect(first).toMatch(new RegExp(`^story ${storyBefore} was merged into s[0-9a-f]+$`));
    const survivor = first!.split(' ').pop()!;
    expect(survivor).not.toBe(storyBefore);
    expect(story.stdout).toContain(`story ${survivor} · `);
    expect(title!.length).toBeGreaterThan(0);
    const json = run(['story', storyBefore, '--db', db, '--json']);
    expect((JSON.parse(json.stdout) as { id: string }).id).toBe(survivor);
    expect(json.stderr).toBe(`story ${storyBefore} was merged into ${survivor}\n`);
  }, 60_000);

  it('names the file that is not a database', () => {
    const notDb = join(dir, 'notes.txt');
    writeFileSync(notDb, 'not a database at all\n'.repeat(100));
    const r = run(['stats', '--db', notDb]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`storyline: ${notDb} is not a Storyline database (SQLite says: file is not a database)\n`);
  });

  it('export -o into a missing directory names the directory, never the temporary file', () => {
    const missing = join(dir, 'no-such-dir', 'deeper');
    const r = run(['export', '--db', db, '-o', join(missing, 'x.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`storyline: cannot write ${join(missing, 'x.json')}: the directory ${missing} does not exist\n`);
    const ok = run(['export', '--db', db, '-o', join(dir, 'out.json')]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toBeTypeOf('object');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('--offset refuses negative and non-whole numbers', () => {
    for (const [command, value] of [['articles', '-3'], ['stories', '-1'], ['articles', '2.5']] as const) {
      const r = run([command, '--db', db, '--offset', value]);
      expect(r.status, `${command} --offset ${value}`).toBe(1);
      expect(r.stderr).toContain(`--offset must be a whole number, 0 or more, not "${value}"`);
    }
    expect(run(['stories', '--db', db, '--offset', '0']).status).toBe(0);
  });

  it('refuses an --id-prefix with spaces or nothing in it, naming the option, and stores nothing', () => {
    const fresh = join(dir, 'prefix.db');
    for (const bad of ['', 'bbc news-']) {
      const r = run(['ingest', '--db', fresh, '--id-prefix', bad, join(SEEDS_DIR, 'seeds.jsonl')]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`--id-prefix must be 1 to 64 characters without spaces or control characters (such as bbc-), not "${bad}"`);
    }
    expect(existsSync(fresh)).toBe(false);
    const ok = run(['ingest', '--db', fresh, '--quiet', '--id-prefix', 'seed-', join(SEEDS_DIR, 'seeds.jsonl')]);
    expect(ok.status).toBe(0);
    const store = openStore(fresh);
    expect(store.articleIds().sort()).toEqual(readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).map((f) => `seed-${f.slice(0, -4)}`).sort());
    store.close();
  });
});
