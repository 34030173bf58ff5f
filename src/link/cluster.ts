// Online story and event clustering. Articles arrive in publication order; each is assigned on
// arrival, at two levels: an *event* (one happening, days) inside a *story* (a thread of events
// over weeks or months). Candidates come from an inverted index over the salient terms and
// canonical entities of the stories active in a time window, never from a scan of the archive.
// Similarity: cosine of TF-IDF vectors (IDF learned online, entity keys as extra dimensions),
// with a time factor. A story is the best of its centroid and its recent events, so a thread can
// drift (rescue → cap → relief well) while each event stays tight.
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Analysis } from '../types.js';
import { contentTerms, contentTermsOfWords, detached } from './text.js';

export interface ClusterOptions {
  /** Article joins an event when cosine ≥ this and the event was active within eventWindowDays. */
  eventThreshold: number;
  eventWindowDays: number;
  /** …and began at most this many days before it (an event is one happening, not a rolling thread). */
  eventMaxSpanDays: number;
  /** Article joins a story when its (time-weighted) similarity ≥ this. */
  storyThreshold: number;
  /** …or when it covers at least this share of the story's signature (stories of coverageMinSize articles or more). */
  coverageThreshold: number;
  coverageMinSize: number;
  signatureTerms: number;
  /** BM25-like saturation constant for article term counts in the coverage. */
  saturation: number;
  /** Two stories merge when one article is at least this similar to both. */
  mergeThreshold: number;
  /** Stories idle longer than this leave the in-memory index (they stay in storage). */
  storyWindowDays: number;
  /** Days of idleness with no time penalty; after that, similarity is divided by 1 + (idle − grace) / decayDays. */
  graceDays: number;
  decayDays: number;
  /** Story centroids forget with this half-life (days), so a thread may drift. */
  centroidHalfLifeDays: number;
  /** Terms kept per centroid, and how many of them index the story. */
  centroidTerms: number;
  indexTerms: number;
  /** Query terms taken from the article, and candidates scored in full. */
  queryTerms: number;
  candidates: number;
  /** Recent events of a story compared one by one (most recent first). */
  eventsPerStory: number;
  /** Terms of an article kept for comparison (by TF-IDF weight). */
  docTerms: number;
  /** Words read from an article (the lede and body start carry the topic; bounded cost for huge texts). */
  maxWords: number;
  /** Start the online IDF from document frequencies of a background news collection. */
  backgroundPrior: boolean;
  /** Weight of a title word, and of an entity mention, relative to a body word. */
  titleWeight: number;
  entityWeight: number;
  /** Stories split when their recent events fall into unrelated groups (see maybeSplit). */
  splitting: boolean;
  /** A story is checked once it has this many articles, then whenever it grew by splitGrowth (or its recent events all turned over). */
  splitMinStorySize: number;
  splitGrowth: number;
  /** Two events are one thread when their cosine is ≥ splitLinkThreshold, or ≥ splitNearThreshold and they are at most splitNearDays apart. */
  splitLinkThreshold: number;
  splitNearThreshold: number;
  splitNearDays: number;
  /** A group of events leaves as a story only with at least this many articles and this share of the events checked. */
  splitMinArticles: number;
  splitMinShare: number;
  /** …and only when the thread's cosine with the rest of the story (its history included) is below this. */
  splitRestThreshold: number;
}

export const DEFAULT_CLUSTER: ClusterOptions = {
  eventThreshold: 0.35,
  eventWindowDays: 3,
  eventMaxSpanDays: 5,
  storyThreshold: 0.2,
  coverageThreshold: 0.45,
  coverageMinSize: 3,
  signatureTerms: 20,
  saturation: 1,
  mergeThreshold: 0.3,
  storyWindowDays: 400,
  graceDays: 14,
  decayDays: 365,
  centroidHalfLifeDays: 30,
  centroidTerms: 300,
  indexTerms: 60,
  queryTerms: 100,
  candidates: 12,
  eventsPerStory: 12,
  maxWords: 1200,
  docTerms: 100,
  backgroundPrior: true,
  titleWeight: 2,
  entityWeight: 1,
  splitting: true,
  splitMinStorySize: 10,
  splitGrowth: 0.25,
  splitLinkThreshold: 0.1,
  splitNearThreshold: 0.05,
  splitNearDays: 2,
  splitMinArticles: 5,
  splitMinShare: 0.15,
  splitRestThreshold: 0.1,
};

/** The day undated articles are linked on while no dated article has set the clock. */
export const UNDATED_DAY = 0;

/**
 * A term's learned document frequency is kept below this, its total count above (see
 * OnlineClusterer.counts): exact in a double for up to 2^26 (67 million) articles.
 */
const DF_SPAN = 2 ** 26;

/** Sparse vector: term → weight. */
export type Vec = Map<string, number>;
/**
 * Sparse vector over the clusterer's term ids (see OnlineClusterer.termId): the centroids and the
 * article vectors inside the clusterer. A small-integer key hashes and compares for nothing, and a
 * term's counts are read from an array by its id, not looked up in a large table by its string.
 */
export type TermVec = Map<number, number>;

export interface StoryNode {
  id: string;
  /** Creation sequence number: the older story survives a merge. */
  seq: number;
  firstDay: number;
  lastDay: number;
  size: number;
  mergedInto: string | null;
  /** Decayed sum of its articles' unit TF vectors (IDF is applied at comparison time). */
  centroid: TermVec;
  /** Recent events, most recent last. */
  events: string[];
  /** Keys (term ids) under which the story is indexed. */
  keys: number[];
  /** Cached IDF-weighted centroid norm, and the collection size it was computed at. */
  norm?: number;
  normDocs?: number;
  /** Cached signature: the story's most salient terms (ids) with their weights. */
  signature?: [number, number][];
  sigDocs?: number;
  /** Size at the last split check, and events founded in it since. */
  checkedSize?: number;
  eventsSinceCheck?: number;
  /** The story this one was split from, when it was. */
  splitFrom?: string;
}

/**
 * The k heaviest terms offered, heaviest first, ties by term: the first k of a sort by
 * `b[1] - a[1] || (a[0] < b[0] ? -1 : 1)` (terms are distinct, so that order is total), without
 * sorting or keeping every term.
 */
export class TopTerms {
  readonly items: [number, number][] = [];
  /** `names[id]` is the term of id (ties are ordered by term, not by id). */
  constructor(
    private readonly k: number,
    private readonly names: readonly string[],
  ) {}

  offer(term: number, weight: number): void {
    const items = this.items;
    const names = this.names;
    if (items.length >= this.k) {
      const last = items[items.length - 1];
      if (!last || !(weight > last[1] || (weight === last[1] && names[term]! < names[last[0]]!))) return;
    }
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = items[mid]!;
      if (m[1] > weight || (m[1] === weight && names[m[0]]! < names[term]!)) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, [term, weight]);
    if (items.length > this.k) items.pop();
  }
}

export interface EventNode {
  id: string;
  story: string;
  firstDay: number;
  lastDay: number;
  size: number;
  centroid: TermVec;
  norm?: number;
  normDocs?: number;
}

let background: { docs: number; df: Map<string, number> } | null = null;
/** Document frequencies in a general news collection (see train-background.ts), loaded once. */
export function backgroundDf(): { docs: number; df: Map<string, number> } {
  if (!background) {
    const j = JSON.parse(readFileSync(new URL('./background-df.json', import.meta.url), 'utf8')) as { docs: number; df: Record<string, number> };
    background = { docs: j.docs, df: new Map(Object.entries(j.df)) };
  }
  return background;
}

/** Deterministic short id from a founding article's id: reruns give the same ids. */
export function idFor(prefix: string, articleId: string): string {
  return prefix + hash('sha1', articleId, 'hex').slice(0, 12);
}

/** The TF vector of an article: sublinear counts of content terms (title counted more) and entity keys, L2-normalised; `language` (ISO 639-1) drops its function words. */
export function termVector(title: string, text: string, analysis: Analysis | null, o: ClusterOptions, language?: string): Vec {
  return vectorOfTerms(contentTerms(text, o.maxWords, language), contentTerms(title, 50, language), analysis, o);
}

/** termVector given the `words` of the title and of the text. */
export function termVectorOfWords(titleWords: readonly string[], textWords: readonly string[], analysis: Analysis | null, o: ClusterOptions, language?: string): Vec {
  return vectorOfTerms(contentTermsOfWords(textWords, o.maxWords, language), contentTermsOfWords(titleWords, 50, language), analysis, o);
}

function vectorOfTerms(textTerms: readonly string[], titleTerms: readonly string[], analysis: Analysis | null, o: ClusterOptions): Vec {
  const counts = new Map<string, number>();
  for (const t of textTerms) counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const t of titleTerms) counts.set(t, (counts.get(t) ?? 0) + o.titleWeight);
  // the counts become the weights in place (same order; an entity key, 'E:…', is never a word term)
  const v: Vec = counts;
  counts.forEach((c, t) => v.set(t, 1 + Math.log(c)));
  for (const e of analysis?.entities ?? []) {
    if (!e.key) continue;
    v.set(detached('E:' + e.key), o.entityWeight * (1 + Math.log(Math.max(1, e.mentions.length))));
  }
  return normalise(v);
}

function normalise<K>(v: Map<K, number>): Map<K, number> {
  let s = 0;
  v.forEach((w) => (s += w * w));
  if (s === 0) return v;
  const n = Math.sqrt(s);
  v.forEach((w, k) => v.set(k, w / n));
  return v;
}

export interface Split {
  from: string;
  into: string;
  eventIds: string[];
}

export interface Assignment {
  storyId: string;
  eventId: string;
  merges: { from: string; into: string }[];
  /** Stories split because of this article: the events of `eventIds` moved from `from` to the new story `into`. */
  splits: Split[];
  newStory: boolean;
  storySimilarity: number;
  eventSimilarity: number;
}

/** What the clusterer needs from its surroundings: persistence hooks, all optional. */
export interface ClusterHooks {
  /** Called when a node changes (to persist it). */
  storyChanged?(s: StoryNode): void;
  eventChanged?(e: EventNode): void;
  termCounted?(term: string, df: number): void;
  /** Resolves an event the window no longer holds in memory (from storage), or undefined. */
  loadEvent?(id: string): EventNode | undefined;
}

export class OnlineClusterer {
  readonly stories = new Map<string, StoryNode>();
  readonly events = new Map<string, EventNode>();
  /** key (term id) → ids of active stories indexed under it. */
  private readonly postings = new Map<number, Set<string>>();
  /** Merged story → survivor, for every merge ever made (small). */
  readonly mergedInto = new Map<string, string>();
  /** Story made by a split → the story it came from, for every split ever made (small). */
  readonly splitFrom = new Map<string, string>();
  docs = 0;
  seq = 0;
  today = -Infinity;

  constructor(
    readonly options: ClusterOptions = DEFAULT_CLUSTER,
    private readonly hooks: ClusterHooks = {},
  ) {
    this.prior = options.backgroundPrior ? backgroundDf() : { docs: 0, df: new Map() };
  }

  private readonly prior: { docs: number; df: Map<string, number> };

  /**
   * Terms by id: a term gets its id the first time the clusterer meets it (in an article, a stored
   * node or a stored frequency); everything after reads arrays by that id. `totals[id]` is the
   * term's total count (background prior plus learned document frequency), `dfs[id]` its learned
   * document frequency.
   */
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private totals = new Float64Array(1 << 14);
  private dfs = new Float64Array(1 << 14);
  /** The IDF of a term as of `idfDocs[id]` articles (the IDF changes with every article). */
  private idfs = new Float64Array(1 << 14);
  private idfDocs = new Float64Array(1 << 14).fill(-1);
  private learned = 0;

  /** The id of a term (given one when new). */
  termId(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.names.length;
      if (id === this.totals.length) this.grow();
      // Kept long after the text it came from (a key of the table).
      const name = detached(term);
      this.ids.set(name, id);
      this.names.push(name);
      this.totals[id] = this.prior.df.get(name) ?? 0;
    }
    return id;
  }

  /** The term of an id. */
  termName(id: number): string {
    return this.names[id]!;
  }

  private grow(): void {
    const n = this.totals.length * 2;
    const widen = (a: Float64Array, fill: number) => {
      const b = new Float64Array(n).fill(fill);
      b.set(a);
      return b;
    };
    this.totals = widen(this.totals, 0);
    this.dfs = widen(this.dfs, 0);
    this.idfs = widen(this.idfs, 0);
    this.idfDocs = widen(this.idfDocs, -1);
  }

  /** IDF learned online, starting from the background collection's counts as a prior. */
  idf(term: string): number {
    const id = this.ids.get(term);
    return id === undefined ? this.idfOfTotal(this.prior.df.get(term) ?? 0) : this.idfOf(id);
  }

  private idfOf(id: number): number {
    if (this.idfDocs[id] === this.docs) return this.idfs[id]!;
    const idf = this.idfOfTotal(this.totals[id]!);
    this.idfs[id] = idf;
    this.idfDocs[id] = this.docs;
    return idf;
  }

  private idfOfTotal(total: number): number {
    return Math.log(1 + (this.docs + this.prior.docs + 1) / (total + 1));
  }

  /** The learned document frequency of a term (undefined when no article had it). */
  dfOf(term: string): number | undefined {
    const id = this.ids.get(term);
    const df = id === undefined ? 0 : this.dfs[id]!;
    return df === 0 ? undefined : df;
  }

  /** How many terms articles have had. */
  get learnedTerms(): number {
    return this.learned;
  }

  /**
   * Background count of a term. An entity key (`E:place:mexico`) has none of its own: it takes the
   * rarest of its name's words, so "United States" is as common as "states", not a rare feature.
   */
  private priorOf(term: string): number {
    if (!term.startsWith('E:')) return this.prior.df.get(term) ?? 0;
    const name = term.slice(term.indexOf(':', 2) + 1);
    let min = Infinity;
    for (const w of contentTerms(name)) min = Math.min(min, this.prior.df.get(w) ?? 0);
    return Number.isFinite(min) ? min : 0;
  }

  /** Sets a learned document frequency (when state is loaded). */
  setDf(term: string, df: number): void {
    if (!(df > 0 && df < DF_SPAN)) return;
    const id = this.termId(term);
    if (this.dfs[id] === 0) this.learned++;
    this.totals[id] = this.priorOf(term) + df;
    this.dfs[id] = df;
    this.idfDocs[id] = -1;
  }

  /** The surviving story for an id, following merges. */
  resolve(storyId: string): string {
    let id = storyId;
    for (let n = 0; n < 100; n++) {
      const next = this.mergedInto.get(id);
      if (!next) return id;
      id = next;
    }
    return id;
  }

  /** An article's vector over term ids (the terms given ids in the vector's order). */
  private idVector(v: Vec): TermVec {
    const out: TermVec = new Map();
    v.forEach((w, t) => out.set(this.termId(t), w));
    return out;
  }

  /** A vector over term ids as (term, weight) pairs, in its order (what storage keeps). */
  namedPairs(v: TermVec): [string, number][] {
    const out: [string, number][] = [];
    v.forEach((w, id) => out.push([this.names[id]!, w]));
    return out;
  }

  /** A vector over term ids from stored (term, weight) pairs. */
  fromNamedPairs(pairs: readonly (readonly [string, number])[]): TermVec {
    const out: TermVec = new Map();
    for (const [t, w] of pairs) out.set(this.termId(t), w);
    return out;
  }

  /** Counts the article's terms into the document frequencies (before it is compared: its own terms exist). */
  private learn(v: TermVec): void {
    this.docs++;
    v.forEach((_, id) => {
      let total = this.totals[id]!;
      // a term no article had yet: its background count (an entity key's from its name's words)
      if (this.dfs[id] === 0) total = this.priorOf(this.names[id]!);
      this.totals[id] = total + 1;
      const df = ++this.dfs[id]!;
      if (df === 1) this.learned++;
      this.hooks.termCounted?.(this.names[id]!, df);
    });
  }

  /**
   * Cosine between an article's TF vector and a node's centroid, both weighted by the current IDF.
   * The centroid's norm is cached and recomputed when the node changed or the collection grew by
   * 2% since (IDF moves slowly): the cost per comparison is the article's terms, not the centroid's.
   */
  private cosine(doc: TermVec, docNorm: number, node: StoryNode | EventNode): number {
    const centroid = node.centroid;
    if (node.norm === undefined || node.normDocs === undefined || this.docs > node.normDocs * 1.02 + 5) {
      let cn = 0;
      centroid.forEach((c, t) => (cn += (c * this.idfOf(t)) ** 2));
      node.norm = Math.sqrt(cn);
      node.normDocs = this.docs;
    }
    let dot = 0;
    doc.forEach((d, t) => {
      const c = centroid.get(t);
      if (c !== undefined) {
        const idf = this.idfOf(t);
        dot += d * c * idf * idf;
      }
    });
    return node.norm === 0 || docNorm === 0 ? 0 : dot / (docNorm * node.norm);
  }

  /**
   * How much of the story's signature (its most salient terms, IDF-weighted) the article covers,
   * with BM25-like saturation of the article's term counts: a long article about one aspect of a
   * thread scores low by cosine against the thread's centroid, but still names the thread's core.
   */
  private coverage(doc: TermVec, unit: number, s: StoryNode): number {
    const o = this.options;
    if (!s.signature || s.sigDocs === undefined || this.docs > s.sigDocs * 1.02 + 5) {
      const top = new TopTerms(o.signatureTerms, this.names);
      s.centroid.forEach((c, t) => top.offer(t, c * this.idfOf(t)));
      s.signature = top.items;
      s.sigDocs = this.docs;
    }
    let total = 0;
    let got = 0;
    for (const [t, w] of s.signature) {
      total += w;
      const d = doc.get(t);
      if (d !== undefined) {
        const tf = d / unit;
        got += (w * (tf * (1 + o.saturation))) / (tf + o.saturation);
      }
    }
    return total === 0 ? 0 : got / total / (1 + o.saturation) * (1 + o.saturation);
  }
  private timeFactor(idle: number): number {
    const o = this.options;
    return idle <= o.graceDays ? 1 : 1 / (1 + (idle - o.graceDays) / o.decayDays);
  }

  /** Assigns one article (its TF vector, publication day) to an event and a story. */
  assign(articleId: string, vector: Vec, day: number): Assignment {
    const o = this.options;
    if (day > this.today) this.advance(day);
    const names = this.names;
    let v = this.idVector(vector);
    this.learn(v);
    // The article is represented by its most salient terms only: cost bounded, noise dropped.
    const full = v;
    if (v.size > o.docTerms) {
      // the docTerms heaviest by IDF weight, in that order (ties by term), picked without sorting them all
      const top = new TopTerms(o.docTerms, names);
      v.forEach((w, t) => top.offer(t, w * this.idfOf(t)));
      const kept: TermVec = new Map();
      for (const [t] of top.items) kept.set(t, v.get(t)!);
      v = normalise(kept);
    }
    let docNorm = 0;
    v.forEach((w, t) => (docNorm += (w * this.idfOf(t)) ** 2));
    docNorm = Math.sqrt(docNorm);

    // Candidates: stories sharing the article's most salient keys.
    // (each key's weight computed once, not in every comparison)
    const salient: [number, number][] = [];
    v.forEach((w, t) => salient.push([t, w * this.idfOf(t)]));
    salient.sort((a, b) => b[1] - a[1] || (names[a[0]]! < names[b[0]]! ? -1 : 1));
    const query = salient.slice(0, o.queryTerms).map(([t]) => t);
    const votes = new Map<string, number>();
    for (const t of query) {
      const ids = this.postings.get(t);
      if (!ids) continue;
      const w = v.get(t)! * this.idfOf(t);
      for (const id of ids) votes.set(id, (votes.get(id) ?? 0) + w);
    }
    const candidates = [...votes.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, o.candidates)
      .map(([id]) => this.stories.get(id)!)
      .filter(Boolean);

    let bestEvent: { e: EventNode; sim: number } | null = null;
    const scored: { s: StoryNode; sim: number; cos: number; cov: number }[] = [];
    let unit = Infinity;
    full.forEach((w) => {
      if (w < unit) unit = w;
    });
    for (const s of candidates) {
      let sim = this.cosine(v, docNorm, s);
      for (let i = s.events.length - 1, n = 0; i >= 0 && n < o.eventsPerStory; i--, n++) {
        const e = this.events.get(s.events[i]!) ?? this.hooks.loadEvent?.(s.events[i]!);
        if (!e) continue;
        const es = this.cosine(v, docNorm, e);
        if (es > sim) sim = es;
        if (day - e.lastDay <= o.eventWindowDays && day - e.firstDay <= o.eventMaxSpanDays && es >= o.eventThreshold && (!bestEvent || es > bestEvent.sim)) {
          bestEvent = { e, sim: es };
        }
      }
      const time = this.timeFactor(Math.max(0, day - s.lastDay));
      const cos = sim * time;
      const cov = s.size >= o.coverageMinSize ? this.coverage(full, unit, s) * time : 0;
      scored.push({ s, cos, cov, sim: Math.max(cos / o.storyThreshold, cov / o.coverageThreshold) });
    }
    scored.sort((a, b) => b.sim - a.sim || a.s.seq - b.s.seq);

    let story: StoryNode;
    let newStory = false;
    const merges: Assignment['merges'] = [];
    const storySim = scored[0]?.sim ?? 0;
    if (bestEvent) {
      story = this.stories.get(this.resolve(bestEvent.e.story))!;
    } else if (scored.length > 0 && scored[0]!.sim >= 1) {
      story = scored[0]!.s;
    } else {
      story = this.createStory(articleId, day);
      newStory = true;
    }
    // Evidence that two threads are one: this article is close to both. The older one survives.
    if (!newStory) {
      for (const { s, cos } of scored) {
        if (s === story || cos < o.mergeThreshold || s.mergedInto) continue;
        const [keep, gone] = s.seq < story.seq ? [s, story] : [story, s];
        this.merge(gone, keep);
        merges.push({ from: gone.id, into: keep.id });
        story = keep;
      }
    }

    let event: EventNode;
    if (bestEvent) {
      event = bestEvent.e;
      event.story = story.id;
    } else {
      event = { id: idFor('e', articleId), story: story.id, firstDay: day, lastDay: day, size: 0, centroid: new Map() };
      this.events.set(event.id, event);
      story.events.push(event.id);
      story.eventsSinceCheck = (story.eventsSinceCheck ?? 0) + 1;
    }
    this.addTo(event.centroid, v, 1);
    this.truncate(event.centroid, o.centroidTerms);
    event.norm = undefined;
    event.size++;
    event.lastDay = Math.max(event.lastDay, day);
    this.hooks.eventChanged?.(event);

    this.addToStory(story, v, day);
    // The article may have been the evidence that the story holds two threads; its event may have moved.
    const splits = this.maybeSplit(story);
    return { storyId: event.story, eventId: event.id, merges, splits, newStory, storySimilarity: storySim, eventSimilarity: bestEvent?.sim ?? 0 };
  }

  /** Counts a duplicate article into its canonical's story and event (no change to centroids). */
  countDuplicate(storyId: string, eventId: string, day: number): void {
    const s = this.stories.get(this.resolve(storyId));
    if (s) {
      s.size++;
      s.lastDay = Math.max(s.lastDay, day);
      this.hooks.storyChanged?.(s);
    }
    const e = this.events.get(eventId);
    if (e) {
      e.size++;
      e.lastDay = Math.max(e.lastDay, day);
      this.hooks.eventChanged?.(e);
    }
  }

  private unusedStoryId(seed: string): string {
    let id = idFor('s', seed);
    while (this.stories.has(id) || this.mergedInto.has(id) || this.splitFrom.has(id)) id = idFor('s', id);
    return id;
  }

  private createStory(articleId: string, day: number): StoryNode {
    const id = this.unusedStoryId(articleId);
    const s: StoryNode = { id, seq: this.seq++, firstDay: day, lastDay: day, size: 0, mergedInto: null, centroid: new Map(), events: [], keys: [] };
    this.stories.set(id, s);
    return s;
  }

  private addTo(centroid: TermVec, v: TermVec, scale: number): void {
    v.forEach((w, t) => centroid.set(t, (centroid.get(t) ?? 0) + w * scale));
  }

  private addToStory(s: StoryNode, v: TermVec, day: number): void {
    const o = this.options;
    if (day > s.lastDay) {
      const decay = Math.pow(0.5, (day - s.lastDay) / o.centroidHalfLifeDays);
      s.centroid.forEach((w, t) => s.centroid.set(t, w * decay));
    }
    this.addTo(s.centroid, v, 1);
    this.truncate(s.centroid, o.centroidTerms);
    s.norm = undefined;
    s.signature = undefined;
    s.size++;
    s.lastDay = Math.max(s.lastDay, day);
    s.firstDay = Math.min(s.firstDay, day);
    s.events = s.events.filter((id) => {
      const e = this.events.get(id);
      return e !== undefined && day - e.lastDay <= o.storyWindowDays;
    });
    // Events that fall off the story's recent list leave memory (they stay in storage).
    if (s.events.length > o.eventsPerStory) {
      for (const id of s.events.splice(0, s.events.length - o.eventsPerStory)) this.events.delete(id);
    }
    // A big story's salient terms change slowly: re-derive its keys every few articles only.
    if (s.size <= 16 || s.size % 8 === 0) this.reindex(s);
    this.hooks.storyChanged?.(s);
  }

  private truncate(v: TermVec, keep: number): void {
    if (v.size <= keep * 1.5) return;
    // the `keep` heaviest, heaviest first (ties by term), picked without sorting them all
    const top = new TopTerms(keep, this.names);
    v.forEach((w, t) => top.offer(t, w));
    v.clear();
    for (const [t, w] of top.items) v.set(t, w);
  }

  /** Re-derives the story's index keys from its centroid: its most salient terms now. */
  reindex(s: StoryNode): void {
    const o = this.options;
    const top = new TopTerms(o.indexTerms, this.names);
    s.centroid.forEach((w, t) => top.offer(t, w * this.idfOf(t)));
    const keys = top.items.map(([t]) => t);
    for (const k of s.keys) this.postings.get(k)?.delete(s.id);
    s.keys = keys;
    for (const k of keys) {
      let set = this.postings.get(k);
      if (!set) this.postings.set(k, (set = new Set()));
      set.add(s.id);
    }
  }

  private merge(gone: StoryNode, keep: StoryNode): void {
    const o = this.options;
    // Bring both centroids to the same day before adding.
    const day = Math.max(gone.lastDay, keep.lastDay);
    const decayOf = (s: StoryNode) => Math.pow(0.5, (day - s.lastDay) / o.centroidHalfLifeDays);
    const dk = decayOf(keep);
    if (dk !== 1) for (const [t, w] of keep.centroid) keep.centroid.set(t, w * dk);
    this.addTo(keep.centroid, gone.centroid, decayOf(gone));
    this.truncate(keep.centroid, o.centroidTerms);
    keep.norm = undefined;
    keep.signature = undefined;
    keep.size += gone.size;
    keep.firstDay = Math.min(keep.firstDay, gone.firstDay);
    keep.lastDay = day;
    for (const id of gone.events) {
      const e = this.events.get(id);
      if (e) {
        e.story = keep.id;
        this.hooks.eventChanged?.(e);
      }
      keep.events.push(id);
    }
    keep.events.sort((a, b) => (this.events.get(a)?.lastDay ?? 0) - (this.events.get(b)?.lastDay ?? 0));
    gone.mergedInto = keep.id;
    gone.events = [];
    this.mergedInto.set(gone.id, keep.id);
    for (const k of gone.keys) this.postings.get(k)?.delete(gone.id);
    gone.keys = [];
    this.stories.delete(gone.id);
    this.hooks.storyChanged?.(gone);
    this.reindex(keep);
    this.hooks.storyChanged?.(keep);
  }

  /** IDF-weighted norm of a centroid, computed now (split decisions do not read cached norms). */
  private idfNorm(c: TermVec): number {
    let n = 0;
    c.forEach((w, t) => (n += (w * this.idfOf(t)) ** 2));
    return Math.sqrt(n);
  }

  /** Cosine of two centroids under the current IDF. */
  private centroidCosine(a: TermVec, an: number, b: TermVec, bn: number): number {
    if (an === 0 || bn === 0) return 0;
    if (a.size > b.size) [a, b] = [b, a];
    let dot = 0;
    a.forEach((w, t) => {
      const x = b.get(t);
      if (x !== undefined) dot += w * x * this.idfOf(t) ** 2;
    });
    return dot / (an * bn);
  }

  /**
   * Splits a story whose recent events fall into unrelated groups. Checked only when the story has
   * grown by splitGrowth since its last check (or its recent-event list turned over), and only on
   * the events in memory (at most eventsPerStory + a merge's): the cost per article stays flat.
   * Events are linked when their centroids are similar (cosine ≥ splitLinkThreshold, or
   * ≥ splitNearThreshold within splitNearDays); each connected group carrying enough articles is
   * a thread. With two threads or more, the one holding the oldest event keeps the story; each
   * other becomes a new story (small groups go with the thread they are most similar to).
   */
  maybeSplit(s: StoryNode): Split[] {
    const o = this.options;
    if (!o.splitting || s.mergedInto || s.size < o.splitMinStorySize) return [];
    const grown = s.size >= (s.checkedSize ?? 0) * (1 + o.splitGrowth);
    if (!grown && (s.eventsSinceCheck ?? 0) < o.eventsPerStory) return [];
    s.checkedSize = s.size;
    s.eventsSinceCheck = 0;
    const events = s.events.map((id) => this.events.get(id)).filter((e): e is EventNode => e !== undefined && e.story === s.id);
    if (events.length < 2) {
      this.hooks.storyChanged?.(s);
      return [];
    }
    const n = events.length;
    const norms = events.map((e) => this.idfNorm(e.centroid));
    const sim: number[][] = events.map(() => new Array<number>(n).fill(0));
    const parent = events.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = events[i]!;
        const b = events[j]!;
        const c = this.centroidCosine(a.centroid, norms[i]!, b.centroid, norms[j]!);
        sim[i]![j] = sim[j]![i] = c;
        const gap = Math.max(0, Math.max(a.firstDay, b.firstDay) - Math.min(a.lastDay, b.lastDay));
        if (c >= o.splitLinkThreshold || (c >= o.splitNearThreshold && gap <= o.splitNearDays)) parent[find(i)] = find(j);
      }
    }
    const groups = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const r = find(i);
      if (!groups.has(r)) groups.set(r, []);
      groups.get(r)!.push(i);
    }
    const weight = (g: number[]) => g.reduce((x, i) => x + events[i]!.size, 0);
    const total = events.reduce((x, e) => x + e.size, 0);
    const minWeight = Math.max(o.splitMinArticles, o.splitMinShare * total);
    const threads = [...groups.values()].filter((g) => weight(g) >= minWeight);
    if (threads.length < 2) {
      this.hooks.storyChanged?.(s);
      return [];
    }
    // The thread holding the oldest event keeps the story (its id names the oldest part).
    const oldest = (g: number[]) => Math.min(...g.map((i) => events[i]!.firstDay));
    threads.sort((a, b) => oldest(a) - oldest(b) || a[0]! - b[0]!);
    for (const g of groups.values()) {
      if (threads.includes(g)) continue;
      let best = 0;
      let bestSim = -1;
      threads.forEach((t, k) => {
        for (const i of g) for (const j of t) if (sim[i]![j]! > bestSim) [bestSim, best] = [sim[i]![j]!, k];
      });
      threads[best]!.push(...g);
    }
    const splits: Split[] = [];
    for (const g of threads.slice(1)) {
      const moved = g.map((i) => events[i]!).sort((a, b) => a.firstDay - b.firstDay || (a.id < b.id ? -1 : 1));
      // A thread of the same story drifts (recent events far apart) but still resembles the story's
      // history; an unrelated one does not. Judged against the story without the thread.
      const thread: TermVec = new Map();
      for (const e of moved) this.addTo(thread, e.centroid, 1);
      const rest = this.centroidWithout(s, moved);
      if (this.centroidCosine(thread, this.idfNorm(thread), rest, this.idfNorm(rest)) >= o.splitRestThreshold) continue;
      const into = this.splitOff(s, moved);
      splits.push({ from: s.id, into: into.id, eventIds: moved.map((e) => e.id) });
    }
    return splits;
  }

  /** A story's centroid without some of its events (each weighed as of its last day, as the centroid decays). */
  private centroidWithout(s: StoryNode, events: EventNode[]): TermVec {
    const rest: TermVec = new Map(s.centroid);
    for (const e of events) {
      const decay = Math.pow(0.5, Math.max(0, s.lastDay - e.lastDay) / this.options.centroidHalfLifeDays);
      for (const [t, w] of e.centroid) {
        const left = (rest.get(t) ?? 0) - w * decay;
        if (left > 1e-9) rest.set(t, left);
        else rest.delete(t);
      }
    }
    return rest;
  }

  /** Moves events out of a story into a new story (deterministic id from the oldest event). */
  private splitOff(s: StoryNode, moved: EventNode[]): StoryNode {
    const o = this.options;
    const id = this.unusedStoryId(moved[0]!.id);
    const lastDay = Math.max(...moved.map((e) => e.lastDay));
    const n: StoryNode = {
      id,
      seq: this.seq++,
      firstDay: Math.min(...moved.map((e) => e.firstDay)),
      lastDay,
      size: 0,
      mergedInto: null,
      centroid: new Map(),
      events: [],
      keys: [],
      splitFrom: s.id,
    };
    const movedIds = new Set(moved.map((e) => e.id));
    for (const e of moved) {
      // Story centroids are decayed sums: an event weighs as of its last day.
      this.addTo(n.centroid, e.centroid, Math.pow(0.5, (lastDay - e.lastDay) / o.centroidHalfLifeDays));
      n.size += e.size;
      e.story = id;
      this.hooks.eventChanged?.(e);
    }
    this.truncate(n.centroid, o.centroidTerms);
    n.events = moved.map((e) => e.id).sort((a, b) => this.events.get(a)!.lastDay - this.events.get(b)!.lastDay);
    n.checkedSize = n.size;
    n.eventsSinceCheck = 0;
    this.stories.set(id, n);
    this.splitFrom.set(id, s.id);
    this.reindex(n);
    this.hooks.storyChanged?.(n);

    s.centroid = this.centroidWithout(s, moved);
    s.events = s.events.filter((e) => !movedIds.has(e));
    s.size = Math.max(0, s.size - n.size);
    s.checkedSize = s.size;
    // The story was last seen on its remaining events' last day; its centroid is rescaled to that day.
    const remainingLast = Math.max(s.firstDay, ...s.events.map((e) => this.events.get(e)?.lastDay ?? -Infinity));
    if (remainingLast < s.lastDay) {
      const f = Math.pow(2, (s.lastDay - remainingLast) / o.centroidHalfLifeDays);
      for (const [t, w] of s.centroid) s.centroid.set(t, w * f);
      s.lastDay = remainingLast;
    }
    s.norm = undefined;
    s.signature = undefined;
    this.reindex(s);
    this.hooks.storyChanged?.(s);
    return n;
  }

  /** Moves the clock: stories and events idle beyond their windows leave memory (not storage). */
  advance(day: number): void {
    const o = this.options;
    // Undated articles linked before any dated one stand on UNDATED_DAY: the first real day is theirs
    // too (else their stories would be fifty years idle, and dropped, when it comes).
    if (this.today === UNDATED_DAY && day > UNDATED_DAY) this.dateTheUndated(day);
    this.today = day;
    for (const [id, e] of this.events) {
      if (day - e.lastDay > Math.max(o.eventWindowDays, o.storyWindowDays)) this.events.delete(id);
    }
    for (const [id, s] of this.stories) {
      if (day - s.lastDay > o.storyWindowDays) {
        for (const k of s.keys) {
          const set = this.postings.get(k);
          set?.delete(id);
          if (set && set.size === 0) this.postings.delete(k);
        }
        this.stories.delete(id);
      }
    }
  }

  private dateTheUndated(day: number): void {
    for (const e of this.events.values()) {
      if (e.lastDay !== UNDATED_DAY) continue;
      e.firstDay = e.lastDay = day;
      this.hooks.eventChanged?.(e);
    }
    for (const s of this.stories.values()) {
      if (s.lastDay !== UNDATED_DAY) continue;
      s.firstDay = s.lastDay = day;
      this.hooks.storyChanged?.(s);
    }
  }

  /** Puts a stored story (and its events) back into the in-memory index. */
  restore(s: StoryNode, events: EventNode[]): void {
    for (const e of events) this.events.set(e.id, e);
    if (s.mergedInto) {
      this.mergedInto.set(s.id, s.mergedInto);
      return;
    }
    this.stories.set(s.id, s);
    for (const k of s.keys) {
      let set = this.postings.get(k);
      if (!set) this.postings.set(k, (set = new Set()));
      set.add(s.id);
    }
  }
}
