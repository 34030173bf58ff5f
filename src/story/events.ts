// Dated event mentions: sentences that say when something happened, and their merging into events.
import type { EntityMention, IsoDate, Timex } from '../types.js';
import { addDays, calendarDateOf, clockOf, dayNumber, narrowByMod } from './dates.js';
import type { DatedMention, StoryArticle, StoryEvent } from './model.js';
import { contentTerms, perObject, perText, TfIdf, wordCount } from './text.js';
import { isReaderComment } from '../text/furniture.js';
import { looksLikeCaption } from './quality.js';

// Lines that are page furniture rather than reporting: captions, link teasers, comment forms,
// bylines, share bars. The extract stage removes most of them; these rules make the stage safe on
// text that did not go through it.
const FURNITURE_START =
  /^\s*(?:also read|read more|read also|read on|related|see also|more on this|advertisement|sponsored|subscribe|sign up|follow us|share (?:this|on)|click here|leave a (?:reply|comment)|comments? (?:are )?closed|\d+ comments?|be the first to comment|your email address|required fields|authors?\b|tags?\b|photo\b|photos\b|image\b|picture\b|file photo|watch\b|listen\b|copyright|©|all rights reserved|to [\w.-]+\.(?:com|ng|org|net)\b|search$|(?:published|added|updated|last updated|posted)\s*:)/i;
const CAPTION =
  /\bcomments so far\b|\.(?:jpe?g|png|gif|webp)\b|\balt=|<\/?[a-z]+[\s>/]|\/>|\((?:photos?|pictures?|images?|file photo)\b[^)]*\)|\b(?:getty images|afp photo|ap photo|reuters\/|epa\/|photo credit|combination of (?:file )?pictures|pictured (?:above|below|here|left|right))|\s\((?:L|R|C|left|right|centre|center)\)\s/i;
// End-of-article promos and moderation notices that reach the text of scraped pages (reader
// comments themselves: READER_COMMENT).
const PROMO =
  /\bbreaks? the house rules\b|^\s*(?:you (?:may|might) also like|like this (?:story|article)|originally published (?:on|in|at|by)\b|share (?:it|this) with a friend|more from\b|popular (?:now|stories)\b|trending\b|recommended for you)|\b(?:available|on demand|watch (?:it|again)) (?:until|till)\b|\bthis (?:clip|video|programme|program|audio) (?:is|will be) available\b/i;
const WEEKDAY_HEADER = /^\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4}\s*$/i;

/** True for page furniture (captions, teasers, headers, comment prompts) that must never become an event. */
export const isFurniture = perText(judgeFurniture);

/**
 * True for a headline that is page furniture ("Leave a Reply", "Photo: …", a date header). Unlike a
 * sentence, a headline is short and unpunctuated by nature: only the furniture patterns apply.
 */
export function isFurnitureHeadline(title: string): boolean {
  const s = title.trim();
  return !s || FURNITURE_START.test(s) || CAPTION.test(s) || WEEKDAY_HEADER.test(s) || isReaderComment(s) || PROMO.test(s);
}

function judgeFurniture(sentence: string): boolean {
  const s = sentence.trim();
  if (!s) return true;
  if (isFurnitureHeadline(s)) return true;
  if (s.includes('|') && /\s\|\s/.test(s)) return true;
  const n = wordCount(s, 91);
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

const mentionsBySentence = new WeakMap<StoryArticle['analysis'], Map<number, EntityMention[]>>();

/** The entity mentions of one sentence (grouped once per analysis). */
export function sentenceMentions(article: StoryArticle, index: number): EntityMention[] {
  let groups = mentionsBySentence.get(article.analysis);
  if (!groups) {
    groups = new Map();
    for (const m of article.analysis.mentions) {
      const list = groups.get(m.sentence);
      if (list) list.push(m);
      else groups.set(m.sentence, [m]);
    }
    mentionsBySentence.set(article.analysis, groups);
  }
  return groups.get(index) ?? [];
}

const CAPITALISED_NAME = /(?<![.!?]\s|^)\b([A-Z][\p{Ll}]+(?:\s+[A-Z][\p{Ll}]+)*)/gu;

/** Keys of the actors a sentence names: recognised entities, else capitalised names as a fallback. */
function actorKeys(article: StoryArticle, index: number, text: string): string[] {
  const mentions = sentenceMentions(article, index);
  if (mentions.length) {
    return [...new Set(mentions.map((m) => m.entityKey ?? `${m.label.toLowerCase()}:${m.text.toLowerCase()}`))];
  }
  const keys = new Set<string>();
  for (const m of text.matchAll(CAPITALISED_NAME)) {
    if (m.index === 0) continue;
    keys.add(`other:${m[1]!.toLowerCase()}`);
  }
  return [...keys];
}

interface SentenceDate {
  clause?: string;
  date: IsoDate;
  last: IsoDate;
  from: IsoDate;
  granularity: DatedMention['granularity'];
  relative: boolean;
  periodEnd?: true;
  earlierClause?: true;
}

/** Whether a mention's day is the news its sentence tells (not a period's bound, not an earlier clause's day). */
export function tellsItsDay(m: DatedMention): boolean {
  return !m.periodEnd && !m.earlierClause;
}

const CLAUSE_BREAK = /[,;:]\s|\s(?:while|whereas|but|and|after|before|as)\s/g;

/** The clause of a text around [start, end): between the nearest clause breaks. */
function clauseAround(text: string, start: number, end: number): string {
  let from = text.lastIndexOf('\n', start) + 1;
  let to = text.indexOf('\n', end);
  if (to < 0) to = text.length;
  CLAUSE_BREAK.lastIndex = from;
  let m: RegExpExecArray | null;
  let lastBefore = from;
  while ((m = CLAUSE_BREAK.exec(text)) && m.index < to) {
    if (m.index + m[0].length <= start) lastBefore = m.index + m[0].length;
    else if (m.index >= end) {
      to = m.index;
      break;
    }
  }
  from = lastBefore;
  return text.slice(from, to);
}

/**
 * The calendar dates a sentence's time expressions give. A clock time resolved against the
 * publication date says nothing about the day by itself ("ended at 4:25 p.m."), except when the
 * same instant is given in two zones across midnight ("4:25 p.m. Washington time (12:25 a.m. Moscow
 * time)"): then the happening, reported after the fact, began the day before the later reading.
 */
/**
 * "halted drilling until Nov. 30", "no confirmed cases since May 14", "42.6 percent … as of Dec. 31,
 * 2008", "through June 30": the date bounds a period or dates a measurement; nothing is said to
 * happen on it.
 */
const UNTIL_BEFORE = /\b(?:until|till|pending|since|as\s+(?:of|at)|through)\s+(?:at\s+least\s+)?(?:the\s+)?(?:(?:end|middle|start|close)\s+of\s+)?$/i;
/**
 * "Since the new swine flu virus was first identified two weeks ago …, the WHO pushed its alert level
 * …": a date inside a since-clause dates where a state began, not the sentence's news.
 */
const SINCE_CLAUSE = /^\s*since\s+(?!then\b)/i;
/**
 * "the sixth increase … since the Deepwater Horizon crisis 58 days ago": a count back from a named
 * happening that the period runs from.
 */
const SINCE_NAMED = /\bsince\s+(?:the\s+|its\s+|their\s+|a\s+)?(?:[\p{L}'’-]+\s+){1,4}$/iu;

function boundsAPeriod(text: string, sentenceStart: number, timexStart: number): boolean {
  if (UNTIL_BEFORE.test(text.slice(Math.max(0, timexStart - 24), timexStart))) return true;
  if (SINCE_NAMED.test(text.slice(Math.max(sentenceStart, timexStart - 60), timexStart))) return true;
  const before = text.slice(Math.max(sentenceStart, timexStart - 160), timexStart);
  const clause = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':')) + 1);
  return SINCE_CLAUSE.test(clause) && (clause.length < before.length || timexStart - 160 <= sentenceStart);
}

/**
 * "Fidel Castro accused Mexico of failing to disclose the spread … until after Barack Obama … had
 * visited the country on 16 April" (published 12 May): a day inside an adverbial clause of what had
 * happened before — after, before, until, when, once … had + verb — dates that clause; the
 * sentence's news is its main clause's. Not a that-clause ("the ministry said it had notified PAHO
 * on 16 April" reports that very act), and only with a main clause of three words or more before the
 * clause or after its day.
 */
const EARLIER_CLAUSE_OPENER = /\b(?:after|before|until|till|when|once)\s/gi;
const PLUPERFECT = /\bhad\s+(?:(?:not|never|already|just|only|first|recently|earlier|been)\s+)?\p{L}{2,}/iu;
const EARLIER_CLAUSE_REACH = 120;

function inEarlierClause(text: string, sentenceStart: number, sentenceEnd: number, timexStart: number, timexEnd: number): boolean {
  const from = Math.max(sentenceStart, timexStart - EARLIER_CLAUSE_REACH);
  const before = text.slice(from, timexStart);
  let opener = -1;
  EARLIER_CLAUSE_OPENER.lastIndex = 0;
  for (let m = EARLIER_CLAUSE_OPENER.exec(before); m; m = EARLIER_CLAUSE_OPENER.exec(before)) opener = m.index;
  if (opener < 0) return false;
  const clause = before.slice(opener);
  const had = PLUPERFECT.exec(clause);
  // (the clause ends at a comma after its verb: "After days of alarm that had kept streets quiet , the
  // atmosphere … appeared more relaxed on Sunday"; commas before it set off an apposition)
  if (!had || /[;:.!?]\s/.test(clause) || clause.includes(',', had.index)) return false;
  const main = text.slice(sentenceStart, from + opener);
  if (wordCount(main, 3) >= 3) return true;
  // a fronted clause: "After Obama had visited the country on 16 April , Castro said …"
  const after = text.slice(timexEnd, sentenceEnd);
  const comma = after.search(/^[^;:.]{0,40}?,\s/);
  return comma >= 0 && wordCount(after.slice(after.indexOf(',', comma) + 1), 3) >= 3;
}

function datesOfSentence(text: string, sentenceStart: number, sentenceEnd: number, inside: Timex[], published: IsoDate | null): SentenceDate[] {
  const out: SentenceDate[] = [];
  for (let k = 0; k < inside.length; k++) {
    const x = inside[k]!;
    if (x.type === 'TIME') {
      const clock = clockOf(x.value);
      if (!clock || x.anchor === 'none' || clock.date !== published) {
        const c = calendarDateOf(x);
        if (c) out.push({ ...c, from: c.date, relative: x.anchor ? x.anchor !== 'none' : true });
        continue;
      }
      const y = inside[k + 1];
      const yClock = y && y.type === 'TIME' ? clockOf(y.value) : null;
      if (y && yClock && yClock.date === clock.date && /^\s*[(\[,/]\s*$/.test(text.slice(x.end, y.start))) {
        k++;
        if (Math.abs(clock.minutes - yClock.minutes) > 12 * 60) {
          const day = addDays(published, -1);
          out.push({ date: day, last: day, from: day, granularity: 'day', relative: true });
        }
      }
      continue;
    }
    const c = calendarDateOf(x);
    if (!c) continue;
    // "the past month", "the coming year": a span counted back or forward, not a calendar period.
    if (c.granularity !== 'day' && /\bthe\s+(?:past|previous|coming|next|last)\b/i.test(x.text)) continue;
    out.push({
      ...c,
      ...narrowByMod(c, x.mod),
      clause: clauseAround(text, x.start, x.end),
      relative: x.anchor ? x.anchor !== 'none' : !/\b\d{4}\b/.test(x.text),
      ...(boundsAPeriod(text, sentenceStart, x.start) ? { periodEnd: true } : inEarlierClause(text, sentenceStart, sentenceEnd, x.start, x.end) ? { earlierClause: true } : {}),
    });
  }
  const seen = new Set<string>();
  return out.filter((d) => {
    const key = `${d.granularity}:${d.date}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The dated event mentions of one article: each content sentence with a resolved date (day, month
 * or year), one mention per date it names; undated lead sentences dated by the article's news day
 * (the publication date, or the day one to two days before it that the lead itself names).
 */
export function extractEventMentions(article: StoryArticle, options?: MentionOptions): DatedMention[] {
  // The story build and its claim pass both need the default mentions of every article.
  return options ? eventMentionsOf(article, options) : defaultMentions(article);
}

const defaultMentions = perObject((article: StoryArticle) => eventMentionsOf(article, {}));

function eventMentionsOf(article: StoryArticle, options: MentionOptions): DatedMention[] {
  const lead = options.leadSentences ?? 5;
  const backoff = options.publicationBackoff ?? true;
  const { sentences, timexes } = article.analysis;
  const published = article.published ? article.published.slice(0, 10) : null;
  const pubDay = published ? dayNumber(published) : NaN;
  const sortedTimexes = [...timexes].sort((a, b) => a.start - b.start);
  // First pass: content sentences and the dates each gives.
  const content: { index: number; text: string; dates: SentenceDate[]; pointsBack: boolean }[] = [];
  let t = 0;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!;
    const text = article.text.slice(s.start, s.end).trim();
    while (t < sortedTimexes.length && sortedTimexes[t]!.start < s.start) t++;
    const inside: Timex[] = [];
    for (let k = t; k < sortedTimexes.length && sortedTimexes[k]!.start < s.end; k++) inside.push(sortedTimexes[k]!);
    // (A photo caption heading the article, "Sept. 18 : Workers on the drilling floor are seen…", tells
    // no news and would stand in its lead's place.)
    if (isFurniture(text) || looksLikeCaption(text)) continue;
    // A line that is little more than its date is a dateline or a header, not a report.
    if (inside.length) {
      const dateWords = wordCount(inside.map((x) => x.text).join(' '));
      if (wordCount(text, dateWords + 4) < dateWords + 4) continue;
    }
    // "Last week the WHO declared a pandemic": a lead telling of an earlier time it does not date to
    // the day is a recap, not the news of its publication day.
    const pointsBack = inside.some((x) => /\b(?:last|previous|ago)\b/i.test(x.text));
    content.push({ index: i, text, dates: datesOfSentence(article.text, s.start, s.end, inside, published), pointsBack });
  }
  // The news day: what the lead's own day-level dates say, when they point at the last two days.
  let newsDay = published;
  let anchored = false;
  if (published) {
    for (const c of content.slice(0, lead)) {
      const d = c.dates.find((x) => x.granularity === 'day');
      if (!d) continue;
      const gap = pubDay - dayNumber(d.date);
      if (gap >= 0 && gap <= 2) {
        newsDay = d.date;
        anchored = true;
      }
      break;
    }
  }
  const out: DatedMention[] = [];
  content.forEach((c, position) => {
    const s = sentences[c.index]!;
    const base = {
      articleId: article.id,
      sentence: [s.start, s.end] as [number, number],
      text: c.text,
      sentenceIndex: c.index,
      position,
      published,
      source: article.source,
    };
    if (c.dates.length) {
      const actors = actorKeys(article, c.index, c.text);
      for (const d of c.dates) {
        out.push({
          ...base,
          date: d.date,
          last: d.last,
          from: d.from,
          granularity: d.granularity,
          ...(c.dates.length > 1 || d.granularity !== 'day' ? { clause: d.clause } : {}),
          actorKeys: actors,
          relative: d.relative,
          ...(d.periodEnd ? { periodEnd: true as const } : {}),
          ...(d.earlierClause ? { earlierClause: true as const } : {}),
          basis: d.relative ? 'relative' : 'explicit',
          future: Number.isFinite(pubDay) && dayNumber(d.date) > pubDay,
          weight: 1 / c.dates.length,
        });
      }
    } else if (backoff && newsDay && position < lead && !c.pointsBack && !/\?\s*$/.test(c.text) && wordCount(c.text, 6) >= 6) {
      out.push({
        ...base,
        date: newsDay,
        last: newsDay,
        from: newsDay,
        granularity: 'day',
        actorKeys: actorKeys(article, c.index, c.text),
        relative: true,
        basis: 'publication',
        anchored,
        future: false,
        weight: 1,
      });
    }
  });
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
// The first members stand for a group: enough to recognise the happening, and bounded.
const REPRESENTATIVES = 8;
// What each shared actor adds to a pair's similarity, and how many count.
const ACTOR_BONUS = 0.05;
const MAX_ACTORS = 3;

export function mergeEvents(mentions: readonly DatedMention[], options: MergeOptions = {}): StoryEvent[] {
  const threshold = options.sameHappening ?? 0.3;
  // Pinning a coarse mention to a day inside its period: the best day event above a lower bar.
  const insideThreshold = 0.2;
  const tfidf = new TfIdf();
  const terms_ = mentions.map((m) => contentTerms(m.clause ?? m.text));
  for (const t of terms_) tfidf.add(t);
  const vectors = terms_.map((t) => tfidf.vector(t));
  // Pairs are compared by the thousand in a big story: terms and actors as small integers, each
  // vector as parallel arrays in its map's order (the dot product adds the same terms in the same order).
  const termIds = new Map<string, number>();
  const vectorIds: Int32Array[] = [];
  const vectorWeights: Float64Array[] = [];
  for (const v of vectors) {
    const ids = new Int32Array(v.size);
    const weights = new Float64Array(v.size);
    let k = 0;
    v.forEach((w, t) => {
      let id = termIds.get(t);
      if (id === undefined) termIds.set(t, (id = termIds.size));
      ids[k] = id;
      weights[k++] = w;
    });
    vectorIds.push(ids);
    vectorWeights.push(weights);
  }
  const actorIds = new Map<string, number>();
  const actorsOf = mentions.map((m) =>
    Int32Array.from(m.actorKeys, (k) => {
      let id = actorIds.get(k);
      if (id === undefined) actorIds.set(k, (id = actorIds.size));
      return id;
    }),
  );
  // The vector whose weights are spread over `dense` (by term id) for look-ups: marked by its index.
  const dense = new Float64Array(termIds.size);
  const denseOwner = new Int32Array(termIds.size).fill(-1);
  let spread = -1;
  const cosineOf = (a: number, b: number): number => {
    // as text.ts cosine: the smaller vector's terms, in order, looked up in the other
    let small = a;
    let large = b;
    if (vectorIds[a]!.length > vectorIds[b]!.length) {
      small = b;
      large = a;
    }
    if (spread !== large) {
      const ids = vectorIds[large]!;
      const weights = vectorWeights[large]!;
      for (let k = 0; k < ids.length; k++) {
        dense[ids[k]!] = weights[k]!;
        denseOwner[ids[k]!] = large;
      }
      spread = large;
    }
    const ids = vectorIds[small]!;
    const weights = vectorWeights[small]!;
    let dot = 0;
    for (let k = 0; k < ids.length; k++) if (denseOwner[ids[k]!] === large) dot += weights[k]! * dense[ids[k]!]!;
    return dot;
  };
  const similarity = (a: number, b: number): number => {
    const theirs = actorsOf[b]!;
    let shared = 0;
    for (const k of actorsOf[a]!) if (theirs.includes(k)) shared++;
    return cosineOf(a, b) + ACTOR_BONUS * Math.min(shared, MAX_ACTORS);
  };

  interface Group { key: string; date: IsoDate; granularity: DatedMention['granularity']; members: number[]; seq: number }
  const groups: Group[] = [];
  const dayGroups = new Map<IsoDate, Group[]>();
  const coarseGroups = new Map<string, Group[]>();
  const keyOf = (m: DatedMention) => (m.granularity === 'day' ? m.date : `${m.granularity}:${m.date}`);
  const groupsOf = (m: DatedMention) => (m.granularity === 'day' ? dayGroups : coarseGroups);
  // Per date key: which groups' representatives (first members) use each term.
  const representativeTerms = new Map<string, Map<string, Group[]>>();
  const indexRepresentative = (g: Group, member: number) => {
    let terms = representativeTerms.get(g.key);
    if (!terms) representativeTerms.set(g.key, (terms = new Map()));
    for (const t of new Set(terms_[member]!)) {
      const list = terms.get(t);
      if (!list) terms.set(t, [g]);
      else if (list[list.length - 1] !== g) list.push(g);
    }
  };
  /** Groups of the mention's own date that it may join, in creation order. */
  const sameKeyCandidates = (i: number): Group[] => {
    const m = mentions[i]!;
    const all = groupsOf(m).get(keyOf(m)) ?? [];
    if (all.length <= REPRESENTATIVES || threshold <= ACTOR_BONUS * MAX_ACTORS) return all;
    // Without a shared term a pair scores at most the actor bonus, below the bar: only groups
    // whose representatives share a term can win.
    const terms = representativeTerms.get(keyOf(m))!;
    const found = new Set<Group>();
    for (const t of terms_[i]!) for (const g of terms.get(t) ?? []) found.add(g);
    return [...found].sort((a, b) => a.seq - b.seq);
  };
  const rank = (g: DatedMention['granularity']) => (g === 'day' ? 0 : g === 'month' ? 1 : 2);
  const order = mentions
    .map((_, i) => i)
    .sort((a, b) => rank(mentions[a]!.granularity) - rank(mentions[b]!.granularity) || mentions[a]!.date.localeCompare(mentions[b]!.date));
  let termIndex: Map<string, Group[]> | null = null;
  const indexDayGroups = (): Map<string, Group[]> => {
    const index = new Map<string, Group[]>();
    for (const list of dayGroups.values()) {
      for (const g of list) {
        const terms = new Set(g.members.flatMap((j) => terms_[j]!));
        for (const t of terms) {
          let l = index.get(t);
          if (!l) index.set(t, (l = []));
          l.push(g);
        }
      }
    }
    return index;
  };
  for (const i of order) {
    const m = mentions[i]!;
    const candidates: { group: Group; inside: boolean }[] = [];
    for (const g of sameKeyCandidates(i)) candidates.push({ group: g, inside: false });
    if (m.granularity !== 'day') {
      // Day events that share one of the mention's most specific terms (similarity needs shared terms).
      if (!termIndex) termIndex = indexDayGroups();
      const specific = [...vectors[i]!].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([t]) => t);
      const seenGroups = new Set<Group>();
      for (const t of specific) {
        for (const g of termIndex.get(t) ?? []) {
          if (g.date < m.from || g.date > m.last || seenGroups.has(g)) continue;
          seenGroups.add(g);
          candidates.push({ group: g, inside: true });
        }
      }
    }
    let best: Group | null = null;
    let bestScore = -Infinity;
    for (const { group, inside } of candidates) {
      let score = 0;
      const members = group.members;
      for (let r = 0; r < members.length && r < REPRESENTATIVES; r++) score = Math.max(score, similarity(i, members[r]!));
      if (score >= (inside ? insideThreshold : threshold) && score > bestScore) {
        bestScore = score;
        best = group;
      }
    }
    if (best) {
      best.members.push(i);
      if (best.members.length <= REPRESENTATIVES) indexRepresentative(best, i);
      continue;
    }
    const index = groupsOf(m);
    const key = keyOf(m);
    let list = index.get(key);
    if (!list) index.set(key, (list = []));
    const g: Group = { key, date: m.date, granularity: m.granularity, members: [i], seq: list.length };
    groups.push(g);
    list.push(g);
    indexRepresentative(g, i);
  }
  return groups
    .map((g) => {
      const ms = g.members.map((i) => mentions[i]!);
      return { date: g.date, granularity: g.granularity, mentions: ms, articleIds: [...new Set(ms.map((m) => m.articleId))] };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}
