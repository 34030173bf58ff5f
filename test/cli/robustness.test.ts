// The CLI end to end on careless use: a reader that closes the pipe early, an impossible --published.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { CLI, ROOT, SEEDS_DIR, SHARED_DATA, tempDir } from '../helpers/paths.js';

/** Runs the CLI with its stdout closed by the reader before anything is read (like `| head -0`). */
function runWithClosedStdout(args: string[], input?: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('a closed pipe ends a command quietly (review item 17)', () => {
  it('quotes: exit status 0 and no stack trace when the reader stops early', async () => {
    const seeds = readFileSync(join(SEEDS_DIR, 'seeds.jsonl'), 'utf8').trim().split('\n');
    const input = Array.from({ length: 40 }, (_, i) => seeds[i % seeds.length]).join('\n') + '\n';
    const r = await runWithClosedStdout(['quotes'], input);
    expect(r.stderr).not.toMatch(/EPIPE|at .*\.ts:\d+/);
    expect(r.status).toBe(0);
  });

  it('ner and the listing commands: exit status 0 and no stack trace when the reader stops early', async () => {
    const conll = readFileSync(join(SHARED_DATA, 'conll2003/eng.testa'), 'utf8').split('\n').slice(0, 4000).join('\n');
    const ner = await runWithClosedStdout(['ner', '--format', 'conll'], conll);
    expect(ner.stderr).not.toMatch(/EPIPE|at .*\.ts:\d+/);
    expect(ner.status).toBe(0);
    const dir = tempDir();
    const db = join(dir, 'list.db');
    const store = openStore(db);
    await ingestDocuments(store, readSources([join(SEEDS_DIR, 'seeds.jsonl')]));
    store.close();
    const list = await runWithClosedStdout(['articles', '--db', db]);
    expect(list.stderr).not.toMatch(/EPIPE|at .*\.ts:\d+/);
    expect(list.status).toBe(0);
  });

  it('export: exit status 0 and no stack trace when the reader stops early', async () => {
    const dir = tempDir();
    const db = join(dir, 'export.db');
    const store = openStore(db);
    await ingestDocuments(store, readSources([join(SEEDS_DIR, 'seeds.jsonl')]));
    store.close();
    const r = await runWithClosedStdout(['export', '--format', 'jsonl', '--db', db]);
    expect(r.stderr).not.toMatch(/EPIPE|at .*\.ts:\d+/);
    expect(r.status).toBe(0);
  });
});

describe('--published is checked like any metadata date (review item 2)', () => {
  it('refuses a day that does not exist, naming the option and what to use', () => {
    const dir = tempDir();
    const r = spawnSync(process.execPath, [...CLI, 'ingest', '--published', '2024-02-30', join(SEEDS_DIR, '000_579504aca85b9f81.txt'), '--db', join(dir, 'p.db')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--published: "2024-02-30" is not a real day: February 2024 has 29 days (use YYYY-MM-DD');
  });
});

describe('Ctrl-C during an ingest keeps what was stored and says so (review 3, item 14)', () => {
  it('stops after the batch being stored; the report counts exactly what the store holds', async () => {
    const dir = tempDir();
    const store = openStore(join(dir, 'int.db'));
    const interrupt = new AbortController();
    const report = await ingestDocuments(store, readSources([join(SHARED_DATA, 't17/bpoil_bbc/articles.jsonl')]), {
      batchSize: 10,
      signal: interrupt.signal,
      onProgress: (p) => (p.done >= 15 ? interrupt.abort() : undefined),
    });
    expect(report.interrupted).toBe(true);
    expect(report.stored).toBe(20);
    expect(store.countArticles()).toBe(20);
    // the stories of what was stored are built
    expect(store.articleIds().every((id) => store.getArticle(id)?.storyId)).toBe(true);
    store.close();
  });

  it('the CLI exits 130 with a message saying the stored articles are kept', async () => {
    const dir = tempDir();
    const db = join(dir, 'int-cli.db');
    const child = spawn(process.execPath, [...CLI, 'ingest', '--batch-size', '5', '--db', db, join(SHARED_DATA, 't17/bpoil_bbc/articles.jsonl')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!sent && /stored [1-9]/.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(130);
    expect(stderr).toContain('interrupted: the articles counted as stored are committed');
    const stored = Number(/\nstored (\d+)/.exec(stderr)?.[1]);
    const store = openStore(db);
    expect(store.countArticles()).toBe(stored);
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(100);
    store.close();
  }, 60_000);
});

describe('batch tools read gzipped JSON Lines on stdin', () => {
  it('timex < seeds.jsonl.gz gives the same records as the plain file; a broken gzip is named', async () => {
    const { gzipSync } = await import('node:zlib');
    const plain = readFileSync(join(SEEDS_DIR, 'seeds.jsonl'));
    const run = (input: Buffer) => spawnSync(process.execPath, [...CLI, 'timex'], { cwd: ROOT, input, encoding: 'utf8' });
    const a = run(plain);
    const b = run(gzipSync(plain));
    expect(b.status).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(b.stdout.trim().split('\n')).toHaveLength(5);
    const broken = run(gzipSync(plain).subarray(0, 60));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('starts like gzip but cannot be decompressed');
  });
});
