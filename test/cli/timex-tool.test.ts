// The timex batch tool refuses a document date that is not a real day (second review, item 12).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { CLI, ROOT } from '../helpers/paths.js';

describe('storyline timex', () => {
  it('reports a bad "dct" on its line and goes on', () => {
    const input = ['{"id":"a","dct":"2020-02-30","text":"yesterday"}', '{"id":"b","dct":"2020-03-01","text":"yesterday"}'].join('\n') + '\n';
    const r = spawnSync(process.execPath, [...CLI, 'timex'], { cwd: ROOT, input, encoding: 'utf8' });
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; error?: string; timexes?: { value: string }[] });
    expect(out[0]!.error).toMatch(/line 1: field "dct": "2020-02-30" is not a real day/);
    expect(out[1]!.timexes![0]!.value).toBe('2020-02-29');
  });
});
