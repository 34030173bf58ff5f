import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLinker, dayNumber, isoDay, MemoryKeyValueStore, type LinkDoc, type LinkResult } from '../../src/link/index.js';

// Two unrelated real threads (the Haiti earthquake, BBC; swine flu, BBC), moved to start the same
// day. Their first articles are forced into one story (a linker that joins anything), as weak
// early evidence might; then the normal linker goes on over the same store, sees the story's
// recent events fall into two unrelated threads, and splits it.
interface Row {
  id: string;
  published: string;
  text: string;
}
const emptyAnalysis = { sentences: [], mentions: [], entities: [], timexes: [], quotes: [] };
const byDate = (a: LinkDoc, b: LinkDoc) => (a.published! < b.published! ? -1 : a.published! > b.published! ? 1 : 0);

function thread(folder: string, start: string, n: number): LinkDoc[] {
  const rows = readFileSync(new URL(`../../../shared/data/t17/${folder}/articles.jsonl`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Row)
    .sort((a, b) => (a.published < b.published ? -1 : a.published > b.published ? 1 : a.id < b.id ? -1 : 1))
    .slice(0, n);
  const shift = dayNumber(start) - dayNumber(rows[0]!.published);
  return rows.map((r) => ({
    id: `${folder}/${r.id}`,
    published: isoDay(dayNumber(r.published) + shift),
    title: '',
    text: r.text,
    source: null,
    analysis: emptyAnalysis,
  }));
}

const haiti = thread('haiti_bbc', '2010-01-12', 150);
const flu = thread('H1N1_bbc', '2010-01-12', 50);
const topicOf = new Map([...haiti.map((d) => [d.id, 'haiti'] as const), ...flu.map((d) => [d.id, 'flu'] as const)]);
const FORCED = 8;
const forcedPart = [...haiti.slice(0, FORCED), ...flu.slice(0, FORCED)].sort(byDate);
const rest = [...haiti.slice(FORCED), ...flu.slice(FORCED)].sort(byDate);
const joinAnything = { storyThreshold: 1e-6, coverageThreshold: 1e-6, splitting: false };

/** Forced phase, then the normal linker over the same store in `runs` runs (flushed between). */
function scenario(store: MemoryKeyValueStore, runs = 1): { forced: LinkResult[]; results: LinkResult[] } {
  const forcer = createLinker(store, { cluster: joinAnything });
  const forced = forcedPart.map((d) => forcer.add(d));
  forcer.flush();
  const results: LinkResult[] = [];
  for (let i = 0; i < runs; i++) {
    const linker = createLinker(store);
    for (const d of rest.slice(Math.floor((i * rest.length) / runs), Math.floor(((i + 1) * rest.length) / runs))) results.push(linker.add(d));
    linker.flush();
  }
  return { forced, results };
}

describe('story splits', () => {
  const store = new MemoryKeyValueStore();
  const { forced, results } = scenario(store);
  const mixed = forced[0]!.storyId;
  const inMixed = forcedPart.filter((_, i) => forced[i]!.storyId === mixed);
  const splits = results.flatMap((r) => r.splits);

  it('splits a story forced over two unrelated threads, the oldest thread keeping the id', () => {
    // Forced: (almost) every article of both threads joined the first one's story.
    expect(inMixed.filter((d) => topicOf.get(d.id) === 'haiti').length).toBeGreaterThanOrEqual(FORCED - 2);
    expect(inMixed.filter((d) => topicOf.get(d.id) === 'flu').length).toBeGreaterThanOrEqual(FORCED - 2);
    expect(splits).toHaveLength(1);
    const split = splits[0]!;
    expect(split.from).toBe(mixed);
    expect(split.into).not.toBe(mixed);
    // The events that moved hold the forced flu articles, and only flu articles.
    const moved = new Set(split.eventIds);
    const all = [...forcedPart.map((d, i) => [d, forced[i]!] as const), ...rest.map((d, i) => [d, results[i]!] as const)];
    const movedTopics = new Set(all.filter(([, r]) => moved.has(r.eventId)).map(([d]) => topicOf.get(d.id)));
    expect(movedTopics).toEqual(new Set(['flu']));
    const forcedFlu = forcedPart.filter((d) => topicOf.get(d.id) === 'flu');
    expect(forcedFlu.filter((d) => moved.has(forced[forcedPart.indexOf(d)]!.eventId)).length).toBeGreaterThanOrEqual(FORCED - 2);
    // The history is kept.
    expect(store.get(`link/split/${split.into}`)).toBe(mixed);
  });

  it('sends the threads on to their own stories after the split', () => {
    const split = splits[0]!;
    const at = results.findIndex((r) => r.splits.length > 0);
    const after = rest.map((d, i) => [d, results[i]!] as const).slice(at + 1);
    const share = (topic: string, story: string) => {
      const mine = after.filter(([d]) => topicOf.get(d.id) === topic);
      return mine.filter(([, r]) => r.storyId === story).length / mine.length;
    };
    expect(share('flu', split.into)).toBeGreaterThan(0.75);
    expect(share('haiti', mixed)).toBeGreaterThan(0.75);
    expect(after.some(([d, r]) => topicOf.get(d.id) === 'haiti' && r.storyId === split.into)).toBe(false);
  });

  it('answers a rerun of an already-linked article with the story its event now belongs to', () => {
    const split = splits[0]!;
    const moved = new Set(split.eventIds);
    const rerun = createLinker(store);
    const again = forcedPart.map((d) => rerun.add(d));
    expect(again.every((r) => r.known)).toBe(true);
    // A copy of a moved article arriving now is a duplicate in the new story.
    const movedDoc = forcedPart.find((_, i) => moved.has(forced[i]!.eventId))!;
    const copy = rerun.add({ ...movedDoc, id: 'copy-of-moved', text: movedDoc.text.toUpperCase() });
    expect(copy.duplicateOf).toBe(movedDoc.id);
    expect(copy.storyId).toBe(split.into);
    forced.forEach((r, i) => {
      expect(again[i]!.eventId).toBe(r.eventId);
      expect(again[i]!.storyId).toBe(moved.has(r.eventId) ? split.into : r.storyId);
    });
  });

  it('gives the same ids in a fresh run, and over three runs of the same store', () => {
    const one = scenario(new MemoryKeyValueStore());
    expect(one.results).toEqual(results);
    expect(one.forced).toEqual(forced);
    const three = scenario(new MemoryKeyValueStore(), 3);
    expect(three.results).toEqual(results);
  });

  it('does not split either thread on its own', () => {
    for (const docs of [haiti, flu]) {
      const linker = createLinker();
      expect(docs.flatMap((d) => linker.add(d).splits)).toEqual([]);
    }
  });
});
