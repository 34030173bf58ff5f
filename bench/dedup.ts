// bench:dedup — LSH candidate recall against exact Jaccard over all pairs of the T17 articles,
// precision/recall of the duplicate decision at the chosen threshold, and the time.
// Run: npm run bench:dedup
import { readFileSync, readdirSync } from 'node:fs';
import { DEFAULT_DEDUP, NearDuplicateIndex } from '../src/link/dedup.js';
import { containment, jaccard } from '../src/link/text.js';

const dir = new URL('../../shared/data/t17/', import.meta.url);
const docs: { id: string; text: string }[] = [];
for (const topic of readdirSync(dir).sort()) {
  let lines: string[];
  try {
    lines = readFileSync(new URL(`${topic}/articles.jsonl`, dir), 'utf8').trim().split('\n');
  } catch {
    continue;
  }
  for (const l of lines) {
    const r = JSON.parse(l) as { id: string; text: string };
    docs.push({ id: `${topic}/${r.id}`, text: r.text });
  }
}
const o = { ...DEFAULT_DEDUP, windowDays: 1e9 };
/** CPU time of this process in ms (the machine is shared: wall-clock time is not a measure). */
const now = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const index = new NearDuplicateIndex(o);

let t = now();
const shingles = docs.map((d) => index.shingles(d.text));
const tShingle = now() - t;
const eligible = shingles.map((s) => s.length >= o.minShingles);

// Exact Jaccard of every pair that shares a shingle (all other pairs have Jaccard 0), via an
// inverted index over shingles: the same numbers as the n² loop, computed in seconds.
t = now();
const postings = new Map<number, number[]>();
shingles.forEach((s, i) => {
  if (!eligible[i]) return;
  for (const h of s) {
    const p = postings.get(h);
    if (p) p.push(i);
    else postings.set(h, [i]);
  }
});
const inter = new Map<number, number>();
const key = (i: number, j: number) => i * 100000 + j;
for (const p of postings.values()) {
  for (let a = 0; a < p.length; a++) for (let b = a + 1; b < p.length; b++) inter.set(key(p[a]!, p[b]!), (inter.get(key(p[a]!, p[b]!)) ?? 0) + 1);
}
const exact = new Map<number, { j: number; c: number }>();
for (const [k, n] of inter) {
  const i = Math.floor(k / 100000);
  const j = k % 100000;
  const A = shingles[i]!.length;
  const B = shingles[j]!.length;
  exact.set(k, { j: n / (A + B - n), c: n / Math.min(A, B) });
}
const tExact = now() - t;
const isDup = (x: { j: number; c: number }) => x.j >= o.jaccard || (x.c >= o.containment && x.j >= o.minJaccardForContainment);

// LSH: index every article, collect candidate pairs, confirm with the real similarity.
t = now();
const ids = docs.map((d) => d.id);
const pos = new Map(ids.map((id, i) => [id, i]));
const candidates = new Set<number>();
const decided = new Set<number>();
shingles.forEach((s, i) => {
  if (!eligible[i]) return;
  const keys = index.keysOf(s);
  for (const id of index.candidates(s)) {
    const j = pos.get(id)!;
    const k = key(Math.min(i, j), Math.max(i, j));
    candidates.add(k);
    const other = shingles[j]!;
    const x = { j: jaccard(s, other), c: containment(s, other) };
    if (isDup(x)) decided.add(k);
  }
  index.add(ids[i]!, 0, s, keys);
});
const tLsh = now() - t;

const truth = [...exact.entries()].filter(([, x]) => isDup(x)).map(([k]) => k);
const truthJ = [...exact.entries()].filter(([, x]) => x.j >= o.jaccard).map(([k]) => k);
const tp = truth.filter((k) => decided.has(k)).length;
const n = eligible.filter(Boolean).length;
const allPairs = (n * (n - 1)) / 2;
const pct = (x: number) => (100 * x).toFixed(1) + '%';
console.log(`T17: ${docs.length} articles (${n} with ≥ ${o.minShingles} shingles), ${o.shingle}-word shingles, MinHash ${o.bands}×${o.rows}`);
console.log(`rule: Jaccard ≥ ${o.jaccard}, or containment ≥ ${o.containment} with Jaccard ≥ ${o.minJaccardForContainment}`);
console.log(`exact (all ${allPairs.toLocaleString('en')} pairs): ${truth.length} duplicate pairs (${truthJ.length} with Jaccard ≥ ${o.jaccard})`);
console.log(`LSH candidate recall, pairs with Jaccard ≥ ${o.jaccard}: ${pct(truthJ.filter((k) => candidates.has(k)).length / Math.max(1, truthJ.length))}`);
const bins = [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0001];
const row: string[] = [];
for (let b = 0; b + 1 < bins.length; b++) {
  const inBin = [...exact.entries()].filter(([, x]) => x.j >= bins[b]! && x.j < bins[b + 1]!);
  const got = inBin.filter(([k]) => candidates.has(k)).length;
  row.push(`[${bins[b]},${bins[b + 1]! > 1 ? "1]" : bins[b + 1] + ")"} ${got}/${inBin.length}`);
}
console.log(`LSH candidate recall by exact Jaccard: ${row.join('  ')}`);
const precision = decided.size === 0 ? 1 : tp / decided.size;
const recall = truth.length === 0 ? 1 : tp / truth.length;
console.log(`decision at the threshold: precision ${pct(precision)}, recall ${pct(recall)} (${decided.size} pairs found, ${tp} true)`);
console.log(`candidate pairs compared: ${candidates.size} (${(100 * candidates.size / allPairs).toFixed(3)}% of all pairs)`);
console.log(
  `CPU time: shingling ${(tShingle / 1000).toFixed(2)} s; exact all-pairs ${(tExact / 1000).toFixed(2)} s; ` +
    `LSH index+query+confirm ${(tLsh / 1000).toFixed(2)} s (${((tLsh / n) * 1000).toFixed(0)} µs/article)`,
);
