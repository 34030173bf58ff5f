// link: near-duplicate detection and online story/event clustering. Articles arrive in
// publication order and each is assigned on arrival; candidates come from an index, never a scan.
//
// State lives in memory for the stories and articles of a recent time window, and in the
// KeyValueStore for everything (when one is given): a later run loads the window back and goes on
// with the same story ids. Keys (all under `link/`):
//   meta                          {docs, seq, today}
//   df/<term>                     document frequency (IDF is learned online)
//   story/<id>, event/<id>        cluster nodes (centroids, dates, sizes, mergedInto)
//   active/<YYYY-MM>/<storyId>    stories by the month they were last seen: what a run loads
//   merged/<storyId>              the survivor of a merged story
//   split/<storyId>               the story a split-off story came from (the history)
//   moved/<eventId>               the story an event was moved to by a split (reruns follow it)
//   article/<id>                  {story, event, duplicateOf} as assigned on arrival (idempotence)
//   hash/<sha1>                   first article with this normalised content (exact duplicates)
//   near/<YYYY-MM-DD>/<id>        shingle set of a recent article (near duplicates; deleted when old)
import type { Analysis, IsoDate } from '../types.js';
import { DEFAULT_CLUSTER, OnlineClusterer, termVectorOfWords, UNDATED_DAY, type ClusterOptions, type EventNode, type Split, type StoryNode } from './cluster.js';
import { collapseRepeatedParagraphs, contentHashOfWords, DEFAULT_DEDUP, NearDuplicateIndex, type DedupOptions } from './dedup.js';
import { words } from './text.js';

export { collapseRepeatedParagraphs, contentHash, NearDuplicateIndex, DEFAULT_DEDUP } from './dedup.js';
export { DEFAULT_CLUSTER, OnlineClusterer } from './cluster.js';
export type { ClusterOptions, Split } from './cluster.js';
export type { DedupOptions } from './dedup.js';

/** Persistence the linker may use for its state (implemented by the store, inside its transaction). */
export interface KeyValueStore {
  get(key: string): string | undefined;
  put(key: string, value: string): void;
  delete(key: string): void;
  /** Keys starting with prefix, in key order. */
  keys(prefix: string): string[];
}

export interface LinkDoc {
  id: string;
  published: IsoDate | null;
  title: string;
  text: string;
  source: string | null;
  analysis: Analysis;
  /** ISO 639-1 code of the text's language, when known: its function words are not topic terms. */
  language?: string;
}

export interface LinkResult {
  /** Canonical article this one duplicates (exact or near-duplicate), or null. */
  duplicateOf: string | null;
  storyId: string;
  eventId: string;
  /** Stories merged into another because of this article: the story history. */
  merges: { from: string; into: string }[];
  /**
   * Stories split because of this article: the events `eventIds` (with all their articles, the
   * earlier ones included) left story `from` for the new story `into`. Applied in order, after
   * `merges`; this article's `storyId` is already the story after the split.
   */
  splits: Split[];
  /** How the duplicate was found, when it is one. */
  duplicateKind?: 'exact' | 'near';
  /** True when the article was already linked before (a rerun): the stored assignment is returned. */
  known?: boolean;
}

export interface Linker {
  add(doc: LinkDoc): LinkResult;
  /** Writes any buffered state to the KeyValueStore given at creation. */
  flush(): void;
  /** The surviving story of a story id (after merges). */
  resolveStory(storyId: string): string;
  /** The story an event belongs to now (after splits and merges), given the story it was assigned to. */
  storyOfEvent(eventId: string, assignedStory: string): string;
  /** Figures for benchmarks: what the in-memory window holds. */
  stats(): { stories: number; events: number; nearIndex: number; terms: number; docs: number };
}

export interface LinkerOptions {
  cluster?: Partial<ClusterOptions>;
  dedup?: Partial<DedupOptions>;
  /**
   * Articles published between two dates that may repeat `doc` (e.g. a full-text search on its
   * title): asked only for an article older than the near-duplicate window, whose copies the
   * in-memory index no longer holds (a late arrival or a backfill).
   */
  olderCandidates?: (from: IsoDate, to: IsoDate, doc: LinkDoc) => Array<{ id: string; title: string; text: string }>;
}

/** A KeyValueStore in a Map: for tests and the batch tool. */
export class MemoryKeyValueStore implements KeyValueStore {
  readonly map = new Map<string, string>();
  get(key: string): string | undefined {
    return this.map.get(key);
  }
  put(key: string, value: string): void {
    this.map.set(key, value);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  keys(prefix: string): string[] {
    return [...this.map.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
}

const DAY_MS = 86_400_000;
export function dayNumber(date: IsoDate): number {
  const t = Date.parse(date.slice(0, 10) + 'T00:00:00Z');
  return Number.isFinite(t) ? Math.floor(t / DAY_MS) : NaN;
}
export function isoDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

interface StoredStory {
  id: string;
  seq: number;
  firstDay: number;
  lastDay: number;
  size: number;
  mergedInto: string | null;
  centroid: [string, number][];
  events: string[];
  keys: string[];
  signature?: [string, number][];
  checkedSize?: number;
  eventsSinceCheck?: number;
  splitFrom?: string;
}
interface StoredEvent {
  id: string;
  story: string;
  firstDay: number;
  lastDay: number;
  size: number;
  centroid: [string, number][];
}
interface ArticleRecord {
  story: string;
  event: string;
  duplicateOf: string | null;
}

/** Nodes as stored: terms by name (the clusterer's term ids are those of one process). */
function nodeCodec(c: OnlineClusterer) {
  const named = (pairs: [number, number][]): [string, number][] => pairs.map(([t, w]) => [c.termName(t), w]);
  return {
    storyToJson: (s: StoryNode): string =>
      JSON.stringify({
        ...s,
        centroid: c.namedPairs(s.centroid),
        keys: s.keys.map((t) => c.termName(t)),
        signature: s.signature && named(s.signature),
      } satisfies StoredStory),
    storyFromJson: (j: string): StoryNode => {
      const s = JSON.parse(j) as StoredStory;
      // (the stored keys in their stored order: a node read and written back is written as it was read)
      const node = { ...s, centroid: c.fromNamedPairs(s.centroid), keys: s.keys.map((t) => c.termId(t)) } as Omit<StoredStory, 'centroid' | 'keys' | 'signature'> & StoryNode;
      if (s.signature) node.signature = s.signature.map(([t, w]) => [c.termId(t), w]);
      return node;
    },
    eventToJson: (e: EventNode): string => JSON.stringify({ ...e, centroid: c.namedPairs(e.centroid) } satisfies StoredEvent),
    eventFromJson: (j: string): EventNode => {
      const e = JSON.parse(j) as StoredEvent;
      return { ...e, centroid: c.fromNamedPairs(e.centroid) };
    },
  };
}
const shinglesToString = (s: Uint32Array): string => Buffer.from(s.buffer, s.byteOffset, s.byteLength).toString('base64');
const shinglesFromString = (b64: string): Uint32Array => {
  const buf = Buffer.from(b64, 'base64');
  return new Uint32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
};

/**
 * The linker. With a KeyValueStore it loads the recent window of state from it and writes back on
 * flush(); without one it keeps everything in memory (the batch tool).
 */
export function createLinker(state?: KeyValueStore, options: LinkerOptions = {}): Linker {
  const persistent = state !== undefined;
  const kv = state ?? new MemoryKeyValueStore();
  const pending = new Map<string, string | null>();
  const get = (k: string): string | undefined => (pending.has(k) ? (pending.get(k) ?? undefined) : kv.get(k));
  const put = (k: string, v: string) => (persistent ? pending.set(k, v) : kv.put(k, v));
  const del = (k: string) => (persistent ? pending.set(k, null) : kv.delete(k));

  const clusterOptions = { ...DEFAULT_CLUSTER, ...options.cluster };
  const dirtyStories = new Map<string, StoryNode>();
  const dirtyEvents = new Map<string, EventNode>();
  const dirtyTerms = new Set<string>();
  const clusterer = new OnlineClusterer(clusterOptions, {
    storyChanged: (s) => persistent && dirtyStories.set(s.id, s),
    eventChanged: (e) => persistent && dirtyEvents.set(e.id, e),
    termCounted: (t) => persistent && dirtyTerms.add(t),
    loadEvent: (id) => {
      const j = get(`link/event/${id}`);
      if (!j) return undefined;
      const e = eventFromJson(j);
      clusterer.events.set(id, e);
      return e;
    },
  });
  const { storyToJson, storyFromJson, eventToJson, eventFromJson } = nodeCodec(clusterer);
  const near = new NearDuplicateIndex({ ...DEFAULT_DEDUP, ...options.dedup });
  const nearDate = new Map<string, string>();
  /** Month under which each story's active/ key was last written. */
  const activeMonth = new Map<string, string>();

  if (persistent) load();

  function load(): void {
    const meta = kv.get('link/meta');
    if (!meta) return;
    const m = JSON.parse(meta) as { docs: number; seq: number; today: number | null };
    clusterer.docs = m.docs;
    clusterer.seq = m.seq;
    if (m.today === null) return;
    clusterer.today = m.today;
    const termPrefix = 'link/df/';
    for (const k of kv.keys(termPrefix)) clusterer.setDf(k.slice(termPrefix.length), Number(kv.get(k)));
    for (const k of kv.keys('link/merged/')) clusterer.mergedInto.set(k.slice('link/merged/'.length), kv.get(k)!);
    for (const k of kv.keys('link/split/')) clusterer.splitFrom.set(k.slice('link/split/'.length), kv.get(k)!);
    const today = m.today;
    const from = today - clusterOptions.storyWindowDays;
    for (const month of monthsBetween(from, today)) {
      const prefix = `link/active/${month}/`;
      for (const k of kv.keys(prefix)) {
        const id = k.slice(prefix.length);
        const j = kv.get(`link/story/${id}`);
        if (!j) continue;
        const s = storyFromJson(j);
        activeMonth.set(id, month);
        if (s.mergedInto || s.lastDay < from) continue;
        const events = s.events.map((e) => kv.get(`link/event/${e}`)).filter((x): x is string => !!x).map(eventFromJson);
        clusterer.restore(s, events);
      }
    }
    const nearFrom = today - near.options.windowDays;
    for (let d = nearFrom; d <= today; d++) {
      const prefix = `link/near/${isoDay(d)}/`;
      for (const k of kv.keys(prefix)) {
        const id = k.slice(prefix.length);
        near.add(id, d, shinglesFromString(kv.get(k)!));
        nearDate.set(id, isoDay(d));
      }
    }
  }

  function monthsBetween(fromDay: number, toDay: number): string[] {
    const out: string[] = [];
    let d = new Date(isoDay(fromDay) + 'T00:00:00Z');
    d.setUTCDate(1);
    const end = isoDay(toDay).slice(0, 7);
    for (;;) {
      const m = d.toISOString().slice(0, 7);
      out.push(m);
      if (m >= end) return out;
      d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    }
  }

  function resolveStory(id: string): string {
    let cur = clusterer.resolve(id);
    // A merge recorded only in storage (older than this process).
    for (let n = 0; n < 100; n++) {
      const next = get(`link/merged/${cur}`);
      if (!next || next === cur) break;
      cur = clusterer.resolve(next);
    }
    return cur;
  }

  /** An event's story now: in memory the event knows it; else a split's redirect, else the story assigned. */
  function storyOfEvent(eventId: string, assignedStory: string): string {
    const story = clusterer.events.get(eventId)?.story ?? get(`link/moved/${eventId}`) ?? assignedStory;
    return resolveStory(story);
  }

  function add(doc: LinkDoc): LinkResult {
    const known = get(`link/article/${doc.id}`);
    if (known) {
      const r = JSON.parse(known) as ArticleRecord;
      return { duplicateOf: r.duplicateOf, storyId: storyOfEvent(r.event, r.story), eventId: r.event, merges: [], splits: [], known: true };
    }
    let day = doc.published ? dayNumber(doc.published) : NaN;
    if (!Number.isFinite(day)) day = Number.isFinite(clusterer.today) ? clusterer.today : UNDATED_DAY;
    if (day > clusterer.today) {
      clusterer.advance(day);
      for (const id of near.expire(day)) {
        del(`link/near/${nearDate.get(id)}/${id}`);
        nearDate.delete(id);
      }
    }

    const collapsed = collapseRepeatedParagraphs(doc.text);
    const body = collapsed.text;
    const titled = !!doc.title && !body.startsWith(doc.title);
    const full = titled ? `${doc.title}\n\n${body}` : body;
    // The words of the body, the title and the whole are read once (no word runs across the blank
    // line between title and body): the content hash, the shingles and the term vector share them.
    const titleWords = words(doc.title);
    const fullWords = titled ? [...titleWords, ...collapsed.words] : collapsed.words;

    // Duplicates: the first article seen with this content is canonical.
    const hash = contentHashOfWords(fullWords);
    let canonical = hash.length && full.trim() ? get(`link/hash/${hash}`) : undefined;
    let duplicateKind: LinkResult['duplicateKind'] = canonical ? 'exact' : undefined;
    const shingles = near.shinglesOfWords(fullWords);
    const bands = near.keysOf(shingles);
    if (!canonical) {
      const match = near.find(shingles, bands) ?? (day < clusterer.today - near.options.windowDays ? olderNearDuplicate(day, doc, shingles) : null);
      if (match) {
        canonical = match.id;
        duplicateKind = 'near';
      }
    }
    if (canonical) {
      const c = JSON.parse(get(`link/article/${canonical}`)!) as ArticleRecord;
      const root = c.duplicateOf ?? canonical;
      const storyId = storyOfEvent(c.event, c.story);
      clusterer.countDuplicate(storyId, c.event, day);
      record(doc.id, { story: storyId, event: c.event, duplicateOf: root });
      if (duplicateKind === 'near') indexNear(doc.id, day, shingles, bands);
      return { duplicateOf: root, storyId, eventId: c.event, merges: [], splits: [], duplicateKind };
    }
    if (full.trim()) put(`link/hash/${hash}`, doc.id);
    indexNear(doc.id, day, shingles, bands);

    const v = termVectorOfWords(titleWords, collapsed.words, doc.analysis, clusterOptions, doc.language);
    const a = clusterer.assign(doc.id, v, day);
    for (const mg of a.merges) put(`link/merged/${mg.from}`, mg.into);
    for (const sp of a.splits) {
      put(`link/split/${sp.into}`, sp.from);
      for (const e of sp.eventIds) put(`link/moved/${e}`, sp.into);
    }
    record(doc.id, { story: a.storyId, event: a.eventId, duplicateOf: null });
    return { duplicateOf: null, storyId: a.storyId, eventId: a.eventId, merges: a.merges, splits: a.splits };
  }

  const olderShingles = new Map<string, Uint32Array>();
  /** A copy of a late article among stored ones of its own weeks, confirmed as the index confirms. */
  function olderNearDuplicate(day: number, doc: LinkDoc, shingles: Uint32Array): { id: string } | null {
    if (!options.olderCandidates) return null;
    const w = near.options.windowDays;
    const probe = new NearDuplicateIndex(near.options);
    for (const c of options.olderCandidates(isoDay(day - w), isoDay(day + w), doc)) {
      if (c.id === doc.id || !get(`link/article/${c.id}`)) continue;
      let sh = olderShingles.get(c.id);
      if (!sh) {
        const body = collapseRepeatedParagraphs(c.text).text;
        sh = near.shingles(c.title && !body.startsWith(c.title) ? `${c.title}\n\n${body}` : body);
        // a backfill asks about the same originals again and again
        if (olderShingles.size >= 5_000) olderShingles.clear();
        olderShingles.set(c.id, sh);
      }
      probe.add(c.id, day, sh);
    }
    return probe.find(shingles);
  }

  function indexNear(id: string, day: number, shingles: Uint32Array, bands: string[]): void {
    near.add(id, day, shingles, bands);
    if (persistent && shingles.length >= near.options.minShingles) {
      const date = isoDay(day);
      nearDate.set(id, date);
      put(`link/near/${date}/${id}`, shinglesToString(shingles));
    }
  }

  function record(id: string, r: ArticleRecord): void {
    put(`link/article/${id}`, JSON.stringify(r));
  }

  function flush(): void {
    if (!persistent || !state) return;
    for (const s of dirtyStories.values()) {
      pending.set(`link/story/${s.id}`, storyToJson(s));
      const month = isoDay(s.lastDay).slice(0, 7);
      const old = activeMonth.get(s.id);
      if (s.mergedInto) {
        if (old) pending.set(`link/active/${old}/${s.id}`, null);
        activeMonth.delete(s.id);
      } else if (old !== month) {
        if (old) pending.set(`link/active/${old}/${s.id}`, null);
        pending.set(`link/active/${month}/${s.id}`, '1');
        activeMonth.set(s.id, month);
      }
    }
    for (const e of dirtyEvents.values()) pending.set(`link/event/${e.id}`, eventToJson(e));
    for (const t of dirtyTerms) pending.set(`link/df/${t}`, String(clusterer.dfOf(t)));
    pending.set('link/meta', JSON.stringify({ docs: clusterer.docs, seq: clusterer.seq, today: Number.isFinite(clusterer.today) ? clusterer.today : null }));
    for (const [k, v] of pending) {
      if (v === null) state.delete(k);
      else state.put(k, v);
    }
    pending.clear();
    dirtyStories.clear();
    dirtyEvents.clear();
    dirtyTerms.clear();
  }

  return {
    add,
    flush,
    resolveStory,
    storyOfEvent,
    stats: () => ({
      stories: clusterer.stories.size,
      events: clusterer.events.size,
      nearIndex: near.size,
      terms: clusterer.learnedTerms,
      docs: clusterer.docs,
    }),
  };
}
