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
}

export const DEFAULT_WEIGHTS: SalienceWeights = {
  reference: 1,
  sameDay: 0.5,
  publication: 0.5,
  nextDayPublication: 0.25,
  future: 0.5,
  recall: 1,
};

export interface TimelineContext {
  articles: StoryArticle[];
  mentions: DatedMention[];
  events: StoryEvent[];
  options: TimelineOptions;
  weights?: SalienceWeights;
  selection?: SelectionWeights;
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
      if (m.published) value *= 1 + w.recall * Math.log1p(Math.abs(dayNumber(m.published) - dayNumber(m.date)) / 7);
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
}

export const DEFAULT_SELECTION: SelectionWeights = { local: 0.6, sameDayLead: 1, nextDayLead: 1, positionDecay: 0.02, redundancy: 0.5, keywords: 0.5 };

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
  const chosenDates = ranked.slice(0, limit).map(([d]) => d);
  // The story's centroid: what all its dated material is about (plus the keywords).
  const storyCentroid = topTerms(centroid([...vectorOf.values()]), 100);
  const kw = (ctx.selection ?? DEFAULT_SELECTION).keywords;
  // Keywords steer the story centroid without dominating it.
  const story = keywordVector.size && kw > 0 ? centroid([storyCentroid, new Map([...keywordVector].map(([t, v]) => [t, v * kw]))]) : storyCentroid;

  const entries: TimelineEntry[] = [];
  const used = new Set<string>();
  // Most salient dates choose first, so that a sentence shared by two dates goes to the one that matters more.
  for (const date of chosenDates) {
    const mentions = byDate.get(date)!;
    const seen = new Set<string>();
    const candidates: Candidate[] = [];
    // News of a day is also reported the next morning: the next day's undated leads are candidates too.
    const nextDay = pubByDate.get(addDays(date, 1)) ?? [];
    for (const m of [...mentions, ...nextDay]) {
      if (seen.has(m.text)) continue;
      seen.add(m.text);
      candidates.push({ mention: m, vector: vectorOf.get(m)!, nWords: wordCount(m.text), forDate: date });
    }
    const picked = pickSentences(candidates, story, k, ctx.selection, used);
    if (!picked.length) continue;
    if (!options.reuseSentences) for (const p of picked) used.add(p.mention.text);
    const sources = sourcesOf(picked, candidates);
    // Sources whose coarser mentions were merged into the chosen happening ("late in 2021").
    for (const e of ctx.events) {
      if (e.date !== date || e.granularity !== 'day') continue;
      if (!e.mentions.some((m) => picked.some((p) => p.mention === m))) continue;
      for (const id of e.articleIds) if (!sources.includes(id)) sources.push(id);
    }
    entries.push({
      date,
      granularity: 'day',
      summary: picked[0]!.mention.text,
      sentences: picked.map((c) => ({ text: c.mention.text, articleId: c.mention.articleId })),
      articleIds: sources,
      // every mention of the date, not only the sentences shown: one later report clears it
      ...(mentions.every((m) => m.future) ? { expected: true as const } : {}),
    });
  }
  const placeOf = new Map<TimelineEntry, IsoDate>();
  if (options.dates === undefined) for (const { entry, from } of coarseEntries(ctx, entries.length, used)) {
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
function coarseEntries(ctx: TimelineContext, have: number, used: Set<string>): Array<{ entry: TimelineEntry; from: IsoDate }> {
  const out: Array<{ entry: TimelineEntry; from: IsoDate }> = [];
  const months = ctx.events
    .filter((e) => e.granularity === 'month' && inRange(e.date, ctx.options) && e.mentions.some((m) => !m.future))
    .sort((a, b) => b.articleIds.length - a.articleIds.length || b.mentions.length - a.mentions.length || a.date.localeCompare(b.date));
  for (const e of months) {
    if (have + out.length >= 30) break;
    const m = e.mentions.find((x) => !x.future && !used.has(x.text));
    if (!m) continue;
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
