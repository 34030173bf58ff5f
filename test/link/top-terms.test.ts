import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TopTerms } from '../../src/link/cluster.js';
import { contentTerms } from '../../src/link/text.js';

// The linker picks an article's heaviest terms and truncates centroids with TopTerms instead of a full
// sort: its k items must be the first k of the sort it replaced, ties (frequent: counts) ordered by term.
const seeds = new URL('../../examples/seeds/', import.meta.url);

function bySort(weights: Map<number, number>, names: string[], k: number): [number, number][] {
  return [...weights.entries()].sort((a, b) => b[1] - a[1] || (names[a[0]]! < names[b[0]]! ? -1 : 1)).slice(0, k);
}

describe('TopTerms', () => {
  const files = readdirSync(seeds).filter((f) => /\.(txt|json|jsonl|html?)$/.test(f));
  it('gives the first k of the full sort on the seeds’ term counts, ties by term', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const names: string[] = [];
      const ids = new Map<string, number>();
      const counts = new Map<number, number>();
      for (const t of contentTerms(readFileSync(new URL(f, seeds), 'utf8'))) {
        let id = ids.get(t);
        if (id === undefined) ids.set(t, (id = names.push(t) - 1));
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      for (const k of [1, 5, 20, 100, 300]) {
        const top = new TopTerms(k, names);
        counts.forEach((w, t) => top.offer(t, w));
        expect(top.items).toEqual(bySort(counts, names, k));
        // weights that differ only a little (log-scaled, IDF-weighted in the linker)
        const scaled = new Map([...counts].map(([t, c]) => [t, (1 + Math.log(c)) * (1 + (names[t]!.length % 7) / 10)]));
        const top2 = new TopTerms(k, names);
        scaled.forEach((w, t) => top2.offer(t, w));
        expect(top2.items).toEqual(bySort(scaled, names, k));
      }
    }
  });
});
