// Two processes writing to one database (code review 11 F10, across processes): each ingest links
// against the state it loaded from the store, and the last to flush overwrote the other's. One
// process at a time now ingests or reprocesses; another is refused, naming the one writing.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments, reprocessAll } from '../../src/pipeline.js';
import { CLI, ROOT, tempDir } from '../helpers/paths.js';

const TOPICS = [
  'The council approved the budget for the new bridge over the river after a long debate about its cost, the mayor said.',
  'Storm damage closed the harbour road and the port authority said repairs would take a week.',
  'The school reopened after the floods, and the head teacher said lessons would resume by the end of the month.',
  'Farmers protested outside parliament against the new water charges, blocking traffic with tractors.',
];

describe('one writer per database', () => {
  it('refuses an ingest while another process ingests, naming it, and takes over from one that is gone', async () => {
    const dir = tempDir();
    const db = join(dir, 'store.db');
    const day = join(dir, 'day.jsonl');
    // a day of a crawl the command line works through in small batches
    writeFileSync(day, Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: `crawl-${i}`, published: '2023-05-08', text: `${TOPICS[i % 4]} Report ${i} of the day followed at noon.` })).join('\n'));
    const extra = join(dir, 'extra.jsonl');
    writeFileSync(extra, JSON.stringify({ id: 'late', published: '2023-05-09', text: 'The museum will return a bronze statue to Nigeria, its director announced on Tuesday.' }));
    openStore(db).close();
    const child = spawn(process.execPath, [...CLI, 'ingest', day, '--db', db, '--batch-size', '5'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise((r) => child.on('exit', r));
    let writer: string | undefined;
    const store = openStore(db);
    try {
      const started = Date.now();
      while (!writer && Date.now() - started < 60_000) {
        await new Promise((r) => setTimeout(r, 100));
        writer = store.kv.get('writer/process');
      }
      expect(JSON.parse(writer!)).toMatchObject({ pid: child.pid, what: 'ingest' });
      await expect(ingestDocuments(store, readSources([extra]))).rejects.toThrow(new RegExp(`^another ingest is writing to this database \\(process ${child.pid} on .+, since .+ UTC\\): wait for it to finish, then run this again$`));
      expect(() => reprocessAll(store)).toThrow(/^another ingest is writing to this database/);
      // killed without warning, it leaves its claim behind: the next run takes it over
      child.kill('SIGKILL');
      await exited;
      expect(store.kv.get('writer/process')).toBeDefined();
      const report = await ingestDocuments(store, readSources([extra]));
      expect(report).toMatchObject({ stored: 1, failed: 0 });
      expect(store.kv.get('writer/process')).toBeUndefined();
    } finally {
      child.kill('SIGKILL');
      store.close();
    }
  }, 120_000);
});
