// Fixed-seed sampling for the benches read by hand: the same seed always draws the same sample.
export { prng } from '../src/language/ner/clusters.js';

/** A shuffled copy (Fisher–Yates) drawn with the given generator. */
export function shuffle<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
