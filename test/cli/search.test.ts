// `storyline search`: the web's full-text search on the command line (review 3 item 11).
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { CLI, ROOT, SEEDS_DIR, tempDir } from '../helpers/paths.js';

const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('storyline search', () => {
  const db = join(tempDir(), 'seeds.db');
  beforeAll(async () => {
    const store = openStore(db);
    await ingestDocuments(store, readSources([join(SEEDS_DIR, 'seeds.jsonl')]));
    store.close();
  });

  it('finds a phrase, marks the matched words and names the article and its story', () => {
    const r = run(['search', '"all contacts"', '--db', db]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^1 article matches "\\"all contacts\\""/);
    expect(r.stdout).toContain('«all contacts» are virtually absent');
    expect(r.stdout).toMatch(/2022-06-02 .*\[002_[0-9a-f]+\]\s+story s[0-9a-f]+/);
  });

  it('filters by entity and date, pages, and prints JSON with highlight offsets', () => {
    const all = JSON.parse(run(['search', 'Peskov', '--db', db, '--json']).stdout) as { total: number; hits: { published: string; title: { text: string; highlights: [number, number][] } }[] };
    expect(all.total).toBeGreaterThanOrEqual(3);
    const since = JSON.parse(run(['search', 'Peskov', '--db', db, '--json', '--from', '2022']).stdout) as typeof all;
    expect(since.total).toBeLessThan(all.total);
    expect(since.hits.every((h) => h.published >= '2022')).toBe(true);
    const paged = run(['search', 'Peskov', '--db', db, '--limit', '1']);
    expect(paged.stdout).toContain(`(1–1 shown; --offset 1 for more)`);
    const putin = JSON.parse(run(['search', 'Geneva', '--db', db, '--json', '--entity', 'Vladimir Putin']).stdout) as typeof all;
    expect(putin.total).toBeGreaterThan(0);
  });

  it('says what is wrong with a bad filter or an unknown entity', () => {
    const bad = run(['search', 'talks', '--db', db, '--from', '2022-13']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--from: 2022-13 is not a real date');
    const nobody = run(['search', 'talks', '--db', db, '--entity', 'Nobody Atall']);
    expect(nobody.stderr).toContain('no entity matches "Nobody Atall"');
    expect(run(['search', 'zzzxq', '--db', db]).stdout).toBe('no articles match "zzzxq"\n');
    // A part of a name that several entities share is not silently resolved to one of them.
    const ambiguous = run(['search', 'talks', '--db', db, '--entity', 'Russ']);
    expect(ambiguous.status).toBe(1);
    expect(ambiguous.stderr).toMatch(/"Russ" names \d+ entities: .*Russia/);
    // a name some entity is known by exactly, and the most mentioned so: "Putin" (also inside the
    // alias "Putin-Biden" of Joe Biden) is Vladimir Putin (review 4 item 6: "CDC")
    const putin = run(['search', 'talks', '--db', db, '--entity', 'Putin', '--json']);
    expect(putin.status).toBe(0);
    expect(JSON.parse(putin.stdout).total).toBeGreaterThan(0);
  });

  it('says how to search when a query has nothing to look for: only exclusions, or no word (review 4 item 11)', async () => {
    const only = run(['search', '--db', db, '--', '-Kremlin']);
    expect(only.status).toBe(1);
    expect(only.stderr).toContain('"-Kremlin" only leaves articles out: add a word to look for, as in "report -Kremlin"');
    expect(run(['search', '*', '--db', db]).stderr).toContain('Type at least one word or number to search for');
    // the web page says the same, without a "0 articles found" beside it
    const { createApp } = await import('../../src/serve/index.js');
    const store = openStore(db);
    const { app, close } = await createApp({ store });
    const page = await (await app.request('/search?q=-Kremlin')).text();
    expect(page).toContain('&quot;-Kremlin&quot; only leaves articles out');
    expect(page).not.toContain('0 articles found');
    close();
    store.close();
  });

  it('never prints terminal control sequences an article carries', async () => {
    const dir = tempDir();
    const file = join(dir, 'escape.jsonl');
    writeFileSync(file, JSON.stringify({ id: 'esc', published: '2024-01-02', title: 'Evil \u001b[31mred\u001b[0m title', text: 'Text with \u001b]0;pwned\u0007 a window title and \u001b[2J a clear screen. The minister said the plan would work.' }) + '\n');
    const escDb = join(dir, 'esc.db');
    const store = openStore(escDb);
    await ingestDocuments(store, readSources([file]));
    store.close();
    for (const args of [['search', 'minister'], ['articles'], ['article', 'esc'], ['stories']]) {
      const r = run([...args, '--db', escDb]);
      expect(r.status).toBe(0);
      expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    }
  });
});
