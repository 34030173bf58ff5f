// Timelines: which dates matter (date salience from mentions and sources) and which sentences best
// say what happened on each (centrality, topical relevance, non-redundancy).
import type { IsoDate, TimelineEntry } from '../types.js';
import { addDays, dayNumber } from './dates.js';
import type { DatedMention, StoryArticle, StoryEvent, TimelineOptions } from './model.js';
import { centroid, contentTerms, cosine, TfIdf, topTerms, wordCount, type Vector } from './text.js';

/** Weights of the evidence a mention gives its date (see docs/story.md, "Date salience"). */
export interface SalienceWeights {
  /** A time expression in an article published on another day: the date was worth recalling. */
  reference: number;
  /** A time expression that resolves to the article's own publication day. */
  sameDay: number;
  /** An undated lead sentence dated by the publication date. */
  publication: number;
  /** Articles published the day after: news reported the next morning. */
  nextDayPublication: number;
  /** A date after the article's publication (a schedule, a plan). */
  future: number;
  /** Growth of a reference's weight with the time between the date and the article: × (1 + recall·ln(1 + weeks)). */
  recall: number;
  /** Weeks after which that growth stops: a date recalled after a year is not worth 5× one recalled after a week. */
  recallCapWeeks: number;
}

export const DEFAULT_WEIGHTS: SalienceWeights = {
  reference: 1,
  sameDay: 0.5,
  publication: 0.5,
  nextDayPublication: 0.25,
  future: 0.5,
  recall: 1,
  recallCapWeeks: 13,
};

export interface TimelineContext {
  articles: StoryArticle[];
  mentions: DatedMention[];
  events: StoryEvent[];
  options: TimelineOptions;
  weights?: SalienceWeights;
  selection?: SelectionWeights;
  spread?: SpreadWeights;
}

interface Candidate {
  mention: DatedMention;
  vector: Vector;
  nWords: number;
  forDate: IsoDate;
}

function inRange(date: IsoDate, options: TimelineOptions): boolean {
  if (options.start && date < options.start) return false;
  if (options.end && date > options.end) return false;
  return true;
}

/** Relevance of each article to the topic: keywords when they occur in the material, else 1. */
function articleRelevance(articles: StoryArticle[], keywords: string[] | undefined): Map<string, number> {
  const rel = new Map<string, number>();
  const kws = (keywords ?? []).map((k) => k.toLowerCase()).filter(Boolean);
  const hits = articles.map((a) => {
    const lower = a.text.toLowerCase();
    return kws.some((k) => lower.includes(k));
  });
  const share = hits.filter(Boolean).length / Math.max(1, articles.length);
  const useKeywords = kws.length > 0 && share >= 0.1;
  articles.forEach((a, i) => rel.set(a.id, useKeywords ? (hits[i] ? 1 : 0.5) : 1));
  return rel;
}

/** Date salience: weighted count of distinct articles pointing to each day. */
export function rankDates(ctx: TimelineContext): Map<IsoDate, number> {
  const w = ctx.weights ?? DEFAULT_WEIGHTS;
  const rel = articleRelevance(ctx.articles, ctx.options.keywords);
  // per date, per article: the strongest evidence the article gives
  const evidence = new Map<IsoDate, Map<string, number>>();
  const give = (date: IsoDate, articleId: string, value: number) => {
    let byArticle = evidence.get(date);
    if (!byArticle) evidence.set(date, (byArticle = new Map()));
    byArticle.set(articleId, Math.max(byArticle.get(articleId) ?? 0, value));
  };
  for (const m of ctx.mentions) {
    if (m.granularity !== 'day' || !inRange(m.date, ctx.options)) continue;
    let value: number;
    if (m.basis === 'publication') value = w.publication;
    else if (m.published && m.date === m.published) value = w.sameDay;
    else {
      value = w.reference;
      // A date still recalled weeks later mattered more than one mentioned the day after.
      if (m.published) value *= 1 + w.recall * Math.log1p(Math.min(w.recallCapWeeks, Math.abs(dayNumber(m.published) - dayNumber(m.date)) / 7));
    }
    if (m.future) value *= w.future;
    give(m.date, m.articleId, value * (rel.get(m.articleId) ?? 1));
  }
  if (w.nextDayPublication > 0) {
    for (const a of ctx.articles) {
      if (!a.published) continue;
      const before = addDays(a.published.slice(0, 10), -1);
      if (inRange(before, ctx.options)) give(before, a.id, w.nextDayPublication * (rel.get(a.id) ?? 1));
    }
  }
  const scores = new Map<IsoDate, number>();
  for (const [date, byArticle] of evidence) {
    let s = 0;
    for (const v of byArticle.values()) s += v;
    scores.set(date, s);
  }
  return scores;
}

function lengthFactor(n: number): number {
  if (n < 6) return 0.3;
  if (n < 10) return 0.8;
  if (n > 60) return 0.5;
  if (n > 40) return 0.8;
  return 1;
}

/** Picks k sentences: central to the date's material and to the story, not redundant with each other. */
/** How sentences for a date are chosen (see docs/story.md, "Sentence selection"). */
export interface SelectionWeights {
  /** Share of the date's own centroid in centrality; the rest goes to the whole story's centroid. */
  local: number;
  /** Prior of an undated lead sentence published on the date, relative to a sentence naming it. */
  sameDayLead: number;
  /** Prior of an undated lead sentence published the day after. */
  nextDayLead: number;
  /** Decay with the sentence's rank in its article: 1 / (1 + decay × rank). */
  positionDecay: number;
  /** Cosine above which a sentence repeats one already chosen. */
  redundancy: number;
  /** Weight of the keywords' vector against the story centroid (1 = equal). */
  keywords: number;
  /** Cosine above which a sentence repeats the one chosen for a neighbouring day (the same event twice). */
  neighbourRedundancy: number;
  /** Days on either side within which two entries can be the same event. */
  neighbourDays: number;
}

export const DEFAULT_SELECTION: SelectionWeights = {
  local: 0.6,
  sameDayLead: 1,
  nextDayLead: 1,
  positionDecay: 0.02,
  redundancy: 0.5,
  keywords: 0.5,
  neighbourRedundancy: 0.4,
  neighbourDays: 1,
};

/** How the chosen dates spread over the story (see docs/story.md, "Coverage of the story's span"). */
export interface SpreadWeights {
  /** Days before the first article still counted as the story's run-up rather than background. */
  leadInDays: number;
  /** Number of equal periods the story's span is cut into for apportioning entries. */
  periods: number;
  /** Shortest period, in days. */
  minPeriodDays: number;
  /** Share of the entries that background (before the run-up) or dates after the last article may take. */
  outsideShare: number;
  /** Entries background may always take, however small the timeline. */
  outsideMin: number;
  /** Weight of background's and plans' salience against the story's own when apportioning. */
  outsideWeight: number;
  /**
   * Share of the story's articles that must name a background date for it to be shown, up to
   * `outsideArticles`: a date decades back recalled by one article is that article's detail.
   */
  outsideSupport: number;
  outsideArticles: number;
  /** Periods' salience is raised to this power before apportioning: below 1, quiet periods of a story still get entries. */
  exponent: number;
  /** With a requested number of dates, the share apportioned to periods; the rest go to the most salient dates left. */
  share: number;
}

export const DEFAULT_SPREAD: SpreadWeights = { leadInDays: 30, periods: 20, minPeriodDays: 7, outsideShare: 0.1, outsideMin: 2, outsideWeight: 0.25, outsideSupport: 0.1, outsideArticles: 3, exponent: 0.7, share: 0.75 };

function pickSentences(
  candidates: Candidate[],
  story: Vector,
  k: number,
  w: SelectionWeights = DEFAULT_SELECTION,
  usedElsewhere: ReadonlySet<string> = new Set(),
): Candidate[] {
  if (!candidates.length) return [];
  const local = centroid(candidates.map((c) => c.vector));
  const scored = candidates.map((c) => {
    const prior = c.mention.basis === 'publication' ? (c.mention.date !== c.forDate ? w.nextDayLead : w.sameDayLead) : 1;
    const centrality = w.local * cosine(c.vector, local) + (1 - w.local) * cosine(c.vector, story);
    // A sentence naming several dates says less about each one.
    const focus = 0.5 + 0.5 * c.mention.weight;
    const score = (centrality * lengthFactor(c.nWords) * prior * focus) / (1 + w.positionDecay * c.mention.position);
    return { c, score };
  });
  scored.sort((a, b) => b.score - a.score);
  const chosen: Candidate[] = [];
  // A sentence already summarising another date is used again only when nothing else is left.
  for (const pass of [false, true]) {
    for (const { c } of scored) {
      if (chosen.length >= k) break;
      if (chosen.includes(c) || (!pass && usedElsewhere.has(c.mention.text))) continue;
      if (chosen.some((x) => cosine(x.vector, c.vector) > w.redundancy || x.mention.text === c.mention.text)) continue;
      chosen.push(c);
    }
    if (chosen.length) break;
  }
  return chosen;
}

/** Builds the timeline: the top dates by salience, each with its best sentences and their sources. */
export function buildTimeline(ctx: TimelineContext): TimelineEntry[] {
  const { options } = ctx;
  const k = Math.max(1, options.sentencesPerDate ?? 1);
  const tfidf = new TfIdf();
  const termsOf = new Map<DatedMention, string[]>();
  for (const m of ctx.mentions) {
    const t = contentTerms(m.text);
    termsOf.set(m, t);
    tfidf.add(t);
  }
  const vectorOf = new Map<DatedMention, Vector>();
  for (const [m, t] of termsOf) vectorOf.set(m, tfidf.vector(t));
  const keywordVector = tfidf.vector((options.keywords ?? []).flatMap((kw) => contentTerms(kw)));

  const scores = rankDates(ctx);
  const byDate = new Map<IsoDate, DatedMention[]>();
  for (const m of ctx.mentions) {
    if (m.granularity !== 'day' || !inRange(m.date, options)) continue;
    let list = byDate.get(m.date);
    if (!list) byDate.set(m.date, (list = []));
    list.push(m);
  }
  const pubByDate = new Map<IsoDate, DatedMention[]>();
  for (const m of ctx.mentions) {
    if (m.basis !== 'publication' || m.anchored) continue;
    let list = pubByDate.get(m.date);
    if (!list) pubByDate.set(m.date, (list = []));
    list.push(m);
  }
  const ranked = [...scores].filter(([d]) => byDate.has(d)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const limit = options.dates ?? defaultDateCount(ranked.map(([, s]) => s));
  const support = (date: IsoDate) => new Set(byDate.get(date)!.map((m) => m.articleId)).size;
  const plan = planSpread(ranked, limit, ctx.articles, options, ctx.spread ?? DEFAULT_SPREAD, support);
  // The story's centroid: what all its dated material is about (plus the keywords).
  const storyCentroid = topTerms(centroid([...vectorOf.values()]), 100);
  const sel = ctx.selection ?? DEFAULT_SELECTION;
  const kw = sel.keywords;
  // Keywords steer the story centroid without dominating it.
  const story = keywordVector.size && kw > 0 ? centroid([storyCentroid, new Map([...keywordVector].map(([t, v]) => [t, v * kw]))]) : storyCentroid;

  const entries: TimelineEntry[] = [];
  const used = new Set<string>();
  const shownOnDay = new Map<number, Vector[]>();
  const entryFor = (date: IsoDate): TimelineEntry | null => {
    const mentions = byDate.get(date)!;
    const day = dayNumber(date);
    const neighbours: Vector[] = [];
    for (let d = day - sel.neighbourDays; d <= day + sel.neighbourDays; d++) if (d !== day) neighbours.push(...(shownOnDay.get(d) ?? []));
    const seen = new Set<string>();
    const candidates: Candidate[] = [];
    // News of a day is also reported the next morning: the next day's undated leads are candidates too.
    const nextDay = pubByDate.get(addDays(date, 1)) ?? [];
    for (const m of [...mentions, ...nextDay]) {
      if (seen.has(m.text)) continue;
      seen.add(m.text);
      const vector = vectorOf.get(m)!;
      // An undated lead, dated by its publication, that tells what a neighbouring day's entry already
      // says is that day's news reported a day late (or a next-day lead standing on the eve). A
      // sentence naming its date is trusted: "talks on January 12 and January 13" is two days.
      const guessed = m.basis === 'publication';
      if (guessed && !options.reuseSentences && neighbours.some((v) => cosine(v, vector) > sel.neighbourRedundancy)) continue;
      candidates.push({ mention: m, vector, nWords: wordCount(m.text), forDate: date });
    }
    const picked = pickSentences(candidates, story, k, sel, used);
    if (!picked.length) return null;
    if (!options.reuseSentences) for (const p of picked) used.add(p.mention.text);
    shownOnDay.set(day, picked.map((p) => p.vector));
    const sources = sourcesOf(picked, candidates);
    // Sources whose coarser mentions were merged into the chosen happening ("late in 2021").
    for (const e of ctx.events) {
      if (e.date !== date || e.granularity !== 'day') continue;
      if (!e.mentions.some((m) => picked.some((p) => p.mention === m))) continue;
      for (const id of e.articleIds) if (!sources.includes(id)) sources.push(id);
    }
    return {
      date,
      granularity: 'day',
      summary: picked[0]!.mention.text,
      sentences: picked.map((c) => ({ text: c.mention.text, articleId: c.mention.articleId })),
      articleIds: sources,
      // every mention of the date, not only the sentences shown: one later report clears it
      ...(mentions.every((m) => m.future) ? { expected: true as const } : {}),
    };
  };
  // Most salient dates choose first, so that a sentence shared by two dates goes to the one that
  // matters more. A date left with nothing new to say (the same event as a neighbouring day's
  // entry, or only sentences used elsewhere) gives its place to the next date of its period.
  const failed = new Set<IsoDate>();
  const built = new Map<IsoDate, TimelineEntry>();
  for (;;) {
    const chosen = plan.choose(ranked, limit, failed);
    const keep = new Set(chosen);
    for (const [date, entry] of built) {
      if (keep.has(date)) continue;
      built.delete(date);
      for (const s of entry.sentences) used.delete(s.text);
      shownOnDay.delete(dayNumber(date));
    }
    const fresh = chosen.find((date) => !built.has(date) && !failed.has(date));
    if (!fresh) break;
    const entry = entryFor(fresh);
    if (entry) built.set(fresh, entry);
    else failed.add(fresh);
  }
  entries.push(...built.values());
  const placeOf = new Map<TimelineEntry, IsoDate>();
  if (options.dates === undefined) for (const { entry, from } of coarseEntries(ctx, entries, used, plan)) {
    entries.push(entry);
    placeOf.set(entry, from);
  }
  // A month entry stands where its part of the month lies (see coarseEntries).
  const place = (e: TimelineEntry) => placeOf.get(e) ?? e.date;
  return entries.sort((a, b) => place(a).localeCompare(place(b)) || granularityRank(a.granularity) - granularityRank(b.granularity));
}

function granularityRank(g: TimelineEntry['granularity']): number {
  return g === 'year' ? 0 : g === 'month' ? 1 : 2;
}

/**
 * In the story view, happenings known only to the month ("at the end of February", "last month")
 * that no day-level event absorbed get their own month entries, up to the overall limit of 30.
 */
function coarseEntries(ctx: TimelineContext, days: TimelineEntry[], used: Set<string>, plan: SpreadPlan): Array<{ entry: TimelineEntry; from: IsoDate }> {
  const out: Array<{ entry: TimelineEntry; from: IsoDate }> = [];
  const have = days.length;
  // Background months ("in August 1968") are held to the same few entries as background days.
  let background = days.filter((e) => plan.regionOf(e.date) === BEFORE).length;
  const months = ctx.events
    .filter((e) => e.granularity === 'month' && inRange(e.date, ctx.options) && e.mentions.some((m) => !m.future))
    .sort((a, b) => b.articleIds.length - a.articleIds.length || b.mentions.length - a.mentions.length || a.date.localeCompare(b.date));
  for (const e of months) {
    if (have + out.length >= 30) break;
    const m = e.mentions.find((x) => !x.future && !used.has(x.text));
    if (!m) continue;
    const before = plan.regionOf(m.last) === BEFORE;
    if (before && (e.articleIds.length < plan.minSupport || background >= plan.outsideCap)) continue;
    if (before) background++;
    used.add(m.text);
    // "the end of February" stands after the month's days, "mid-February" at its middle, "in February" first
    const atEnd = m.from > e.date && m.last.slice(8) >= '28';
    out.push({ entry: { date: e.date, granularity: 'month', summary: m.text, sentences: [{ text: m.text, articleId: m.articleId }], articleIds: e.articleIds }, from: atEnd ? m.last : m.from });
  }
  return out;
}

/** Articles backing the chosen sentences: theirs, and those of mentions that say the same. */
function sourcesOf(picked: Candidate[], candidates: Candidate[]): string[] {
  const ids = new Set(picked.map((c) => c.mention.articleId));
  for (const c of candidates) {
    if (picked.some((p) => cosine(p.vector, c.vector) >= 0.25)) ids.add(c.mention.articleId);
  }
  return [...ids];
}

const BEFORE = -1;
const AFTER = -2;

interface SpreadPlan {
  /** The period a date falls in (0, 1, …), or BEFORE the story's run-up, or AFTER its last article. */
  regionOf(date: IsoDate): number;
  /** Entries each region is given. */
  seats: Map<number, number>;
  /** Most entries a region may take when entries are left over. */
  capOf(region: number): number;
  /** False for background too few articles name. */
  shown(date: IsoDate): boolean;
  /** Articles that must name a background date for it to be shown. */
  minSupport: number;
  /** Most entries background (or plans) may take. */
  outsideCap: number;
  /**
   * The dates to show, most salient first: each period's most salient dates up to its entries, then
   * the most salient dates left (background and plans within their cap) up to the limit.
   */
  choose(ranked: ReadonlyArray<readonly [IsoDate, number]>, limit: number, skip: ReadonlySet<IsoDate>): IsoDate[];
}

function withChoice(plan: Omit<SpreadPlan, 'choose'>): SpreadPlan {
  return { ...plan, choose: (ranked, limit, skip) => chooseBySeats(plan, ranked, limit, skip) };
}

function chooseBySeats(plan: Omit<SpreadPlan, 'choose'>, ranked: ReadonlyArray<readonly [IsoDate, number]>, limit: number, skip: ReadonlySet<IsoDate>): IsoDate[] {
  const taken = new Map<number, number>();
  const chosen = new Set<IsoDate>();
  for (const freeForAll of [false, true]) {
    for (const [date] of ranked) {
      if (chosen.size >= limit) break;
      if (skip.has(date) || chosen.has(date) || !plan.shown(date)) continue;
      const region = plan.regionOf(date);
      const have = taken.get(region) ?? 0;
      if (have >= (freeForAll ? plan.capOf(region) : (plan.seats.get(region) ?? 0))) continue;
      chosen.add(date);
      taken.set(region, have + 1);
    }
  }
  const rank = new Map(ranked.map(([d], i) => [d, i]));
  return [...chosen].sort((a, b) => rank.get(a)! - rank.get(b)!);
}

/**
 * Where a timeline's entries go. The story's span (its first article, less a run-up, to its last) is
 * cut into equal periods, and the entries are apportioned to the periods in proportion to the
 * salience each holds (Sainte-Laguë), so that a story of nine months is told over nine months and
 * not only in its busiest week. Dates before the run-up (background: a senator's birth, a war
 * decades ago) and after the last article (plans) are one region each, held to a few entries.
 */
export function planSpread(
  ranked: ReadonlyArray<readonly [IsoDate, number]>,
  limit: number,
  articles: StoryArticle[],
  options: TimelineOptions,
  w: SpreadWeights = DEFAULT_SPREAD,
  support: (date: IsoDate) => number = () => Infinity,
): SpreadPlan {
  const published = articles.map((a) => a.published?.slice(0, 10)).filter((d): d is IsoDate => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  const outsideCap = Math.max(w.outsideMin, Math.round(w.outsideShare * limit));
  if (!published.length) {
    const seats = new Map([[0, limit]]);
    return withChoice({ regionOf: () => 0, seats, capOf: () => limit, shown: () => true, minSupport: 1, outsideCap });
  }
  let first = dayNumber(published[0]!) - w.leadInDays;
  if (options.start) first = Math.max(first, dayNumber(options.start));
  const last = dayNumber(published[published.length - 1]!);
  const width = Math.max(w.minPeriodDays, Math.ceil((last - first + 1) / Math.max(1, w.periods)));
  const regionOf = (date: IsoDate): number => {
    const d = dayNumber(date);
    if (d < first) return BEFORE;
    if (d > last) return AFTER;
    return Math.floor((d - first) / width);
  };
  const minSupport = Math.max(1, Math.min(w.outsideArticles, Math.round(w.outsideSupport * articles.length)));
  // Plans after the last article are few by nature (only the latest reports know them): capped, not filtered.
  const shown = (date: IsoDate) => regionOf(date) !== BEFORE || support(date) >= minSupport;
  const mass = new Map<number, number>();
  const available = new Map<number, number>();
  for (const [date, score] of ranked) {
    if (!shown(date)) continue;
    const r = regionOf(date);
    mass.set(r, (mass.get(r) ?? 0) + score * (r < 0 ? w.outsideWeight : 1));
    available.set(r, (available.get(r) ?? 0) + 1);
  }
  for (const [r, m] of mass) mass.set(r, m ** w.exponent);
  const capOf = (r: number) => (r < 0 ? Math.min(outsideCap, available.get(r) ?? 0) : (available.get(r) ?? 0));
  const seats = new Map<number, number>();
  // The story view shows the whole story; a timeline of a requested size keeps some entries for its busiest days.
  const apportioned = options.dates === undefined ? limit : Math.round(w.share * limit);
  for (let n = 0; n < apportioned; n++) {
    let best: number | null = null;
    let bestQuotient = -1;
    for (const [r, m] of mass) {
      const s = seats.get(r) ?? 0;
      if (s >= capOf(r)) continue;
      const quotient = m / (2 * s + 1);
      if (quotient > bestQuotient || (quotient === bestQuotient && best !== null && r > best)) {
        best = r;
        bestQuotient = quotient;
      }
    }
    if (best === null) break;
    seats.set(best, (seats.get(best) ?? 0) + 1);
  }
  return withChoice({ regionOf, seats, capOf, shown, minSupport, outsideCap });
}

/** Without a requested size: every dated day up to 30; beyond that, the 30 most salient. */
function defaultDateCount(scores: number[]): number {
  return Math.min(30, scores.length);
}


/**
 * Runs of consecutive days that one sentence dates ("a meeting … on January 12 and talks … on
 * January 13"), for showing them as one entry instead of the same sentence twice. Input in date order.
 */
export function consecutiveDayRuns<T extends { date: string; granularity: string; summary: string }>(entries: T[]): T[][] {
  const runs: T[][] = [];
  const dayAfter = (d: string) => new Date(Date.parse(d.slice(0, 10) + 'T00:00:00Z') + 86_400_000).toISOString().slice(0, 10);
  for (const t of entries) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (last && last.granularity === 'day' && t.granularity === 'day' && last.summary.trim() === t.summary.trim() && dayAfter(last.date) === t.date.slice(0, 10)) run!.push(t);
    else runs.push([t]);
  }
  return runs;
}
