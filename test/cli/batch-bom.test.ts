// A JSON Lines file saved with a byte order mark (Windows editors, PowerShell's UTF-8): the batch
// tools failed its first record with an error no one could read — `line 1: invalid JSON (Unexpected
// token '﻿', "﻿{"id":"a"…)` — where `storyline ingest` reads the same file (review 12).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/paths.js';

describe('a batch tool reading a file that opens with a byte order mark', () => {
  it('reads its first record like the others', () => {
    const lines = [
      { id: 'bridge', text: 'The mayor said on Monday that the bridge would open in June.' },
      { id: 'harbour', text: 'Repairs to the harbour road will take a week.' },
    ];
    const input = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.map((l) => JSON.stringify(l)).join('\r\n') + '\r\n')]);
    const run = spawnSync(process.execPath, [...CLI, 'timex'], { cwd: ROOT, input, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const out = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; error?: string; timexes?: { start: number; end: number }[] });
    expect(out.map((r) => r.id)).toEqual(['bridge', 'harbour']);
    expect(out[0]!.error).toBeUndefined();
    const spans = (i: number) => out[i]!.timexes!.map((t) => lines[i]!.text.slice(t.start, t.end));
    expect(spans(0)).toEqual(['Monday', 'June']);
    expect(spans(1)).toEqual(['a week']);
  }, 60_000);
});
