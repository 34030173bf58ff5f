// Dated event mentions: sentences that say when something happened, and their merging into events.
import type { EntityMention, IsoDate } from '../types.js';
import { calendarDateOf, dayNumber } from './dates.js';
import type { DatedMention, StoryArticle, StoryEvent } from './model.js';
import { contentTerms, cosine, TfIdf, words } from './text.js';

// Lines that are page furniture rather than reporting: captions, link teasers, comment forms,
// bylines, share bars. The extract stage removes most of them; these rules make the stage safe on
// text that did not go through it.
const FURNITURE_START =
  /^\s*(?:also read|read more|read also|read on|related|see also|more on this|advertisement|sponsored|subscribe|sign up|follow us|share (?:this|on)|click here|leave a (?:reply|comment)|comments? (?:are )?closed|\d+ comments?|be the first to comment|your email address|required fields|authors?\b|tags?\b|photo\b|photos\b|image\b|picture\b|file photo|watch\b|listen\b|copyright|©|all rights reserved|to [\w.-]+\.(?:com|ng|org|net)\b|search$)/i;
const CAPTION =
  /\.(?:jpe?g|png|gif|webp)\b|\balt=|<\/?[a-z]+[\s>/]|\/>|\((?:photos?|pictures?|images?|file photo)\b[^)]*\)|\b(?:getty images|afp photo|ap photo|reuters\/|epa\/|photo credit|combination of (?:file )?pictures|pictured (?:above|below|here|left|right))|\s\((?:L|R|C|left|right|centre|center)\)\s/i;
const WEEKDAY_HEADER = /^\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4}\s*$/i;

/** True for page furniture (captions, teasers, headers, comment prompts) that must never become an event. */
export function isFurniture(sentence: string): boolean {
  const s = sentence.trim();
  if (!s) return true;
  if (FURNITURE_START.test(s) || CAPTION.test(s) || WEEKDAY_HEADER.test(s)) return true;
  if (/\s\|\s/.test(s)) return true;
  const n = words(s).length;
  if (n < 4) return true;
  if (n > 90) return true;
  // A short line with no sentence punctuation is a heading, a byline or a menu entry.
  if (n < 8 && !/[.!?"”’»]\s*$/.test(s)) return true;
  return false;
}

export interface MentionOptions {
  /** Content sentences at the head of an article that report its news and may take its date. */
  leadSentences?: number;
  /** Use the publication-date backoff for undated lead sentences. */
  publicationBackoff?: boolean;
}

function sentenceMentions(article: StoryArticle, index: number): EntityMention[] {
  return article.analysis.mentions.filter((m) => m.sentence === index);
}

/** Keys of the actors a sentence names: recognised entities, else capitalised names as a fallback. */
function actorKeys(article: StoryArticle, index: number, text: string): string[] {
  const mentions = sentenceMentions(article, index);
  if (mentions.length) {
    return [...new Set(mentions.map((m) => m.entityKey ?? `${m.label.toLowerCase()}:${m.text.toLowerCase()}`))];
  }
  const keys = new Set<string>();
  const NAME = /(?<![.!?]\s|^)\b([A-Z][\p{Ll}]+(?:\s+[A-Z][\p{Ll}]+)*)/gu;
  for (const m of text.matchAll(NAME)) {
    if (m.index === 0) continue;
    keys.add(`other:${m[1]!.toLowerCase()}`);
  }
  return [...keys];
}

/**
 * The dated event mentions of one article: each content sentence with a resolved date (day, month
 * or year), one mention per date it names; undated lead sentences dated by the publication date.
 */
export function extractEventMentions(article: StoryArticle, options: MentionOptions = {}): DatedMention[] {
  const lead = options.leadSentences ?? 5;
  const backoff = options.publicationBackoff ?? true;
  const { sentences, timexes } = article.analysis;
  const published = article.published ? article.published.slice(0, 10) : null;
  const pubDay = published ? dayNumber(published) : NaN;
  const out: DatedMention[] = [];
  let position = 0;
  let t = 0;
  const sortedTimexes = [...timexes].sort((a, b) => a.start - b.start);
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!;
    const text = article.text.slice(s.start, s.end).trim();
    while (t < sortedTimexes.length && sortedTimexes[t]!.start < s.start) t++;
    const inside = [];
    for (let k = t; k < sortedTimexes.length && sortedTimexes[k]!.start < s.end; k++) inside.push(sortedTimexes[k]!);
    if (isFurniture(text)) continue;
    // A line that is little more than its date is a dateline or a header, not a report.
    if (inside.length && words(text).length - words(inside.map((x) => x.text).join(' ')).length < 4) continue;
    const dates = new Map<string, { date: IsoDate; last: IsoDate; granularity: DatedMention['granularity']; relative: boolean }>();
    for (const x of inside) {
      const c = calendarDateOf(x);
      if (!c) continue;
      const relative = x.anchor ? x.anchor !== 'none' : !/\b\d{4}\b/.test(x.text);
      const key = `${c.granularity}:${c.date}`;
      if (!dates.has(key)) dates.set(key, { ...c, relative });
    }
    const base = {
      articleId: article.id,
      sentence: [s.start, s.end] as [number, number],
      text,
      sentenceIndex: i,
      position,
      published,
      source: article.source,
    };
    if (dates.size) {
      const actors = actorKeys(article, i, text);
      for (const d of dates.values()) {
        out.push({
          ...base,
          date: d.date,
          last: d.last,
          granularity: d.granularity,
          actorKeys: actors,
          relative: d.relative,
          basis: d.relative ? 'relative' : 'explicit',
          future: Number.isFinite(pubDay) && dayNumber(d.date) > pubDay,
          weight: 1 / dates.size,
        });
      }
    } else if (backoff && published && position < lead && !/\?\s*$/.test(text) && words(text).length >= 6) {
      out.push({
        ...base,
        date: published,
        last: published,
        granularity: 'day',
        actorKeys: actorKeys(article, i, text),
        relative: true,
        basis: 'publication',
        future: false,
        weight: 1,
      });
    }
    position++;
  }
  return out;
}

export interface MergeOptions {
  /** Cosine (TF-IDF) above which two mentions of the same date report the same happening. */
  sameHappening?: number;
}

/**
 * Merges mentions into events: mentions of one date that say the same thing (TF-IDF cosine, shared
 * actors) become one event with all their sources; a month- or year-level mention joins the most
 * similar day-level event inside its period ("late in 2021" joins the 30 December call).
 */
export function mergeEvents(mentions: readonly DatedMention[], options: MergeOptions = {}): StoryEvent[] {
  const threshold = options.sameHappening ?? 0.3;
  const tfidf = new TfIdf();
  const terms = mentions.map((m) => contentTerms(m.text));
  for (const t of terms) tfidf.add(t);
  const vectors = terms.map((t) => tfidf.vector(t));
  const similarity = (a: number, b: number): number => {
    const shared = mentions[a]!.actorKeys.filter((k) => mentions[b]!.actorKeys.includes(k)).length;
    return cosine(vectors[a]!, vectors[b]!) + 0.05 * Math.min(shared, 3);
  };

  interface Group { date: IsoDate; granularity: DatedMention['granularity']; members: number[] }
  const groups: Group[] = [];
  const dayGroups = new Map<IsoDate, Group[]>();
  const coarseGroups = new Map<string, Group[]>();
  const rank = (g: DatedMention['granularity']) => (g === 'day' ? 0 : g === 'month' ? 1 : 2);
  const order = mentions
    .map((_, i) => i)
    .sort((a, b) => rank(mentions[a]!.granularity) - rank(mentions[b]!.granularity) || mentions[a]!.date.localeCompare(mentions[b]!.date));
  const sortedDays: IsoDate[] = [];
  for (const i of order) {
    const m = mentions[i]!;
    const candidates: { group: Group; inside: boolean }[] = [];
    if (m.granularity === 'day') {
      for (const g of dayGroups.get(m.date) ?? []) candidates.push({ group: g, inside: false });
    } else {
      for (const g of coarseGroups.get(`${m.granularity}:${m.date}`) ?? []) candidates.push({ group: g, inside: false });
      if (!sortedDays.length && dayGroups.size) sortedDays.push(...[...dayGroups.keys()].sort());
      for (const day of sortedDays) {
        if (day < m.date) continue;
        if (day > m.last) break;
        for (const g of dayGroups.get(day)!) candidates.push({ group: g, inside: true });
      }
    }
    let best: Group | null = null;
    let bestScore = threshold;
    for (const { group, inside } of candidates) {
      let score = 0;
      for (const j of group.members) score = Math.max(score, similarity(i, j));
      // A coarse mention must say clearly more to be pinned to a day than to join a same-date group.
      if (inside) score -= 0.1;
      if (score > bestScore) {
        bestScore = score;
        best = group;
      }
    }
    if (best) {
      best.members.push(i);
      continue;
    }
    const g: Group = { date: m.date, granularity: m.granularity, members: [i] };
    groups.push(g);
    const index = m.granularity === 'day' ? dayGroups : coarseGroups;
    const key = m.granularity === 'day' ? m.date : `${m.granularity}:${m.date}`;
    let list = index.get(key);
    if (!list) index.set(key, (list = []));
    list.push(g);
  }
  return groups
    .map((g) => {
      const ms = g.members.map((i) => mentions[i]!);
      return { date: g.date, granularity: g.granularity, mentions: ms, articleIds: [...new Set(ms.map((m) => m.articleId))] };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}
