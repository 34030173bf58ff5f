// `serve --token` on a path with no database starts with an empty one, to be filled over HTTP; without
// a token, a server that can only read refuses as before (review item 11).
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, tempDir } from '../helpers/paths.js';

const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, STORYLINE_TOKEN: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('serve on a new database (review item 11)', () => {
  const dir = tempDir();
  it('serve on a path with no database: refuses without a token, starts empty with one', async () => {
    const fresh = join(dir, 'fresh.db');
    const refused = run(['serve', '--db', fresh, '--port', '0']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`no database at ${fresh}: ingest articles first`);
    expect(existsSync(fresh)).toBe(false);

    const child = spawn(process.execPath, [...CLI, 'serve', '--db', fresh, '--port', '0', '--token', 'secret'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const started = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('Ctrl-C to stop')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.on('close', () => resolve(false));
    });
    try {
      expect(started, stderr).toBe(true);
      expect(stderr).toContain(`no database at ${fresh}: starting with an empty one`);
      expect(stdout).toMatch(/Storyline is serving .* \(ingest over HTTP enabled\)/);
      const url = /at (http:\/\/\S+)/.exec(stdout)![1]!;
      const stats = (await (await fetch(`${url}/api/stats`)).json()) as { articles: number };
      expect(stats.articles).toBe(0);
      expect(existsSync(fresh)).toBe(true);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('close', resolve)));
    }
  }, 60_000);
});
