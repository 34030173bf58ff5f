// Publication date from the text when metadata has none: datelines, bylines, and inference from
// the dates and weekday/tense references the text makes.
//
// Order of evidence: (1) an explicit publication cue in the text ("Published: …", "By … | April 16,
// 2021", a "MOSCOW, April 16 (Reuters) –" dateline) → origin 'text'; (2) inference → origin
// 'inferred': every dated event the text reports in the past is a lower bound, every date it
// announces in the future an upper bound; the weekday of the lede ("The Kremlin on Friday said")
// places the date on the first such weekday on or after the latest dated event. Scrape headers
// (a date line at the very top among menu lines), date-only lines and "©" lines are never used.
import type { DateRange, IsoDate, PublicationDate, Timex } from '../types.js';
import { addDays, fmtDay, isoWeekday, parseIsoDate, toEpochDay, type Ymd } from './timex/calendar.js';
import { findTimexes } from './timex/index.js';
import { MONTH_SRC, WEEKDAY_SRC, monthNumber } from './timex/lexicon.js';
import { tenseAt, tenseNear, type Tense } from './timex/tense.js';

/** A publication date with the month-day window found when the text gives no year. */
export interface PublicationEstimate extends PublicationDate {
  /** When `yearUnknown`: the window as month-days, e.g. {from: '12-24', to: '01-10'}. */
  monthDayRange?: { from: string | null; to: string | null } | null;
  /** Bounds the evidence gives even when the other side is open (then `range` is null). */
  notBefore?: IsoDate | null;
  notAfter?: IsoDate | null;
}

export interface PublicationOptions {
  /** Time expressions already found in `text` with dct = null (saves a pass). */
  timexes?: Timex[];
}

const DAY = '(?:3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:19|20)\\d\\d';
const DATE_WITH_YEAR = `(?:(?:${WEEKDAY_SRC}),?\\s+)?(?:(${MONTH_SRC})\\s+(${DAY}),?\\s+(${YEAR})|(${DAY})\\s+(?:of\\s+)?(${MONTH_SRC}),?\\s+(${YEAR})|(${YEAR})-(\\d\\d)-(\\d\\d))`;
const CUE = new RegExp(`\\b(?:published|posted|first published|date)\\b\\s*(?:on|at|:)?\\s*[:\\-–—]?\\s*${DATE_WITH_YEAR}`, 'i');
const UPDATED_CUE = new RegExp(`\\b(?:updated|last updated|modified)\\b\\s*(?:on|at|:)?\\s*[:\\-–—]?\\s*${DATE_WITH_YEAR}`, 'i');
const BYLINE = new RegExp(`^\\s*By\\s+[A-Z][\\w.'’-]+(?:\\s+[A-Z][\\w.'’-]+){0,3}\\s*(?:[|,•·–—-]\\s*)${DATE_WITH_YEAR}`);
const DATELINE = new RegExp(`^\\s*[A-Z][A-Z.'’ -]{2,30},?\\s+(?:(${MONTH_SRC})\\s+(${DAY})(?:,\\s+(${YEAR}))?)\\s*(?:\\([A-Za-z .]+\\)\\s*)?[-–—:]`);
const DATE_ONLY_LINE = new RegExp(`^\\s*(?:(?:${WEEKDAY_SRC}),?\\s+)?(?:the\\s+)?(?:${DAY}\\s+(?:of\\s+)?${MONTH_SRC}|${MONTH_SRC}\\s+${DAY}),?\\s*(?:${YEAR})?\\s*$`, 'i');
const FURNITURE = /©|\bcopyright\b|all rights reserved/i;

function ymdFromGroups(g: (string | undefined)[]): Ymd | null {
  // groups: [mon, day, year, day, mon, year, isoY, isoM, isoD]
  if (g[0]) return mk(+g[2]!, monthNumber(g[0]), parseInt(g[1]!, 10));
  if (g[4]) return mk(+g[5]!, monthNumber(g[4]), parseInt(g[3]!, 10));
  if (g[6]) return mk(+g[6], +g[7]!, +g[8]!);
  return null;
}
function mk(y: number, m: number | null, d: number): Ymd | null {
  return m && m >= 1 && m <= 12 && d >= 1 && d <= 31 ? { y, m, d } : null;
}

/** Replace lines that must never date the article with spaces (offsets stay valid). */
function blankUnusableLines(text: string): { clean: string; lines: Array<{ start: number; text: string; usable: boolean }> } {
  const lines: Array<{ start: number; text: string; usable: boolean }> = [];
  let pos = 0;
  for (const raw of text.split('\n')) {
    lines.push({ start: pos, text: raw, usable: true });
    pos += raw.length + 1;
  }
  // the scrape header: short lines at the very top before the first line of prose
  for (const l of lines) {
    const words = l.text.trim().split(/\s+/).filter(Boolean).length;
    if (words >= 8) break;
    if (DATE_ONLY_LINE.test(l.text) || new RegExp(DATE_WITH_YEAR).test(l.text) && words <= 6) l.usable = false;
  }
  for (const l of lines) if (FURNITURE.test(l.text) || DATE_ONLY_LINE.test(l.text)) l.usable = false;
  let clean = '';
  for (const l of lines) clean += (l.usable ? l.text : ' '.repeat(l.text.length)) + '\n';
  return { clean: clean.slice(0, text.length), lines };
}

/** A publication date stated by the text itself: cue words, byline dates, datelines. */
function dateFromText(lines: Array<{ text: string; usable: boolean }>): { date: Ymd | null; md: { m: number; d: number } | null; evidence: string } | null {
  const head = lines.slice(0, 25);
  for (const re of [CUE, BYLINE]) {
    for (const l of head) {
      if (FURNITURE.test(l.text)) continue;
      const m = re.exec(l.text);
      if (m) {
        const date = ymdFromGroups(m.slice(1));
        if (date) return { date, md: null, evidence: `"${m[0].trim()}"` };
      }
    }
  }
  for (const l of head) {
    const m = DATELINE.exec(l.text);
    if (m) {
      const mo = monthNumber(m[1]!);
      if (!mo) continue;
      const d = parseInt(m[2]!, 10);
      if (m[3]) return { date: { y: +m[3], m: mo, d }, md: null, evidence: `dateline "${m[0].trim()}"` };
      return { date: null, md: { m: mo, d }, evidence: `dateline "${m[0].trim()}"` };
    }
  }
  for (const l of head) {
    const m = UPDATED_CUE.exec(l.text);
    if (m) {
      const date = ymdFromGroups(m.slice(1));
      // an update date bounds publication from above only
      if (date) return null;
    }
  }
  return null;
}

function sentenceAt(text: string, at: number): { start: number; text: string } {
  let s = text.lastIndexOf('\n', at - 1) + 1;
  for (let i = at - 1; i > s; i--) {
    if (/[.!?]/.test(text[i]!) && /\s/.test(text[i + 1] ?? '') && /[A-Z“"‘(]/.test(text[i + 2] ?? '')) {
      s = i + 2;
      break;
    }
  }
  let e = text.indexOf('\n', at);
  if (e < 0) e = text.length;
  const dot = text.slice(at, e).search(/[.!?]\s+[A-Z“"]/);
  if (dot >= 0) e = at + dot + 1;
  return { start: s, text: text.slice(s, e) };
}

interface Bound {
  date: Ymd;
  evidence: string;
  /** True when the bound is a day the text names, not the edge of a month or year. */
  precise?: boolean;
  /** Content words of the sentence, to link a dated event with a weekday mention of it. */
  words?: Set<string>;
}

/** Evidence the text gives about when it was written, gathered from its time expressions. */
export interface DateEvidence {
  lower: Bound[];
  upper: Bound[];
  /** Month-day bounds without a year. */
  mdLower: Array<{ m: number; d: number; evidence: string }>;
  mdUpper: Array<{ m: number; d: number; evidence: string }>;
  /** Weekdays of events the text reports in the past, in text order (1 = Monday). */
  pastWeekdays: Array<{ wd: number; evidence: string; words: Set<string> }>;
  years: number[];
}

const STOP = new Set(('about after again against their there these those which while would could should other being '
  + 'where when said says told also with from that this have been were will into over more than they them then what '
  + 'year years month week today president minister official officials people government country percent').split(' '));
function contentWords(s: string): Set<string> {
  const out = new Set<string>();
  for (const m of s.toLowerCase().matchAll(/[a-z]{5,}/g)) if (!STOP.has(m[0])) out.add(m[0].replace(/s$/, ''));
  return out;
}
/** Plainly forward-looking: "will", "is due to", "are scheduled to", "is set to", "plans to". */
const STRONG_FUTURE = /\b(will|shall|'ll|(?:is|are) (?:due|scheduled|set|expected|going|to)\b|plans? to|scheduled for|due to (?:meet|take|start|begin|hold|visit|be))\b/i;
/** Words of plans and forecasts: a past-tense sentence with them may still date the future. */
const PLANNING = /\b(would|will|could|might|may|plans?|planned|planning|goal|target|aims?|projected|projects?|forecasts?|expects?|expected|scheduled|set to|due|until|upcoming|next|deadline|by (?:the end of )?(?:\d{4}|[A-Z][a-z]+))\b/;
const FORWARD_PREPOSITION = /\b(by|until|till|through|before|ahead of|from|for)\s+(?:the\s+)?(?:end of\s+)?$/i;

/** "the June 7 primary", "the state's March 1 primary", "a March 8 appearance": a day naming an event. */
const ATTRIBUTIVE_BEFORE = /\b(?:the|a|an|this|that|its|their|his|her|our|[A-Za-z]+['’]s)\s+(?:[\w-]+\s+)?$/;
const NOUN_AFTER = /^\s+(?!(?:and|or|but|at|in|on|to|by|for|from|with|when|after|before|as|that|which|was|were|is|are|will|would|has|had)\b)[A-Za-z]/;
/** The day was proposed or asked for, not reported as having happened: "proposed they debate … on April 15". */
const PROPOSED = /\b(?:proposed|suggested|offered|urged|asked|demanded|invited|challenged|called for|wanted)\b/i;
/** "the Iowa caucuses Feb. 1", "the New Hampshire primary Feb. 9": the event's scheduled day. */
const EVENT_BEFORE = /\b(?:primary|primaries|caucus|caucuses|election|elections|vote|referendum|ballot|debate|convention|deadline|hearing|summit|runoff|contest)\s+(?:on\s+)?$/i;
/** The clause looks ahead to the day even in the past tense: "campaigned ahead of", "as Election Day nears". */
const LOOKING_AHEAD = /\b(?:ahead of|in anticipation of|looking (?:to|toward|towards|ahead to)|with an eye (?:to|on)|leading up to|run-up to|preparing for|in the lead-up to)\b|\b(?:nears|approaches|looms)\b/i;
/** An infinitive between the clause's start and the day: "challenged her to debate him on April 14". */
const INFINITIVE = /\bto\s+(?!(?:the|a|an|his|her|their|its|our|this|that|these|those|[A-Z]\w*)\b)[a-z]{2,}\b/;

/**
 * Whether a named day is only mentioned, not reported as something that has happened: a holiday,
 * a day labelling an event ("the June 7 primary"), a day the clause looks ahead to, or the day
 * of an infinitive ("ordered him to appear in court May 4"). Such a day bounds nothing.
 */
function dayOnlyMentioned(clean: string, sent: { start: number; text: string }, t: Timex): boolean {
  if (!/\d/.test(t.text)) return true;
  const before = clean.slice(Math.max(sent.start, t.start - 40), t.start);
  if (ATTRIBUTIVE_BEFORE.test(before) && NOUN_AFTER.test(clean.slice(t.end, t.end + 12))) return true;
  if (EVENT_BEFORE.test(before)) return true;
  const lead = clean.slice(sent.start, t.start);
  if (LOOKING_AHEAD.test(lead.slice(-120))) return true;
  const clause = lead.slice(Math.max(lead.lastIndexOf(','), lead.lastIndexOf(';'), lead.lastIndexOf('—'), lead.lastIndexOf(' - ')) + 1);
  return INFINITIVE.test(clause) || PROPOSED.test(lead.slice(-100));
}

export function gatherEvidence(text: string, options: PublicationOptions = {}): { evidence: DateEvidence; lines: ReturnType<typeof blankUnusableLines>['lines'] } {
  const { clean, lines } = blankUnusableLines(text);
  const timexes = options.timexes ?? findTimexes(clean, { dct: null });
  const ev: DateEvidence = { lower: [], upper: [], mdLower: [], mdUpper: [], pastWeekdays: [], years: [] };
  for (const t of timexes) {
    if (t.type !== 'DATE' && t.type !== 'TIME') continue;
    if (clean.slice(t.start, t.end).trim() === '') continue;
    const sent = sentenceAt(clean, t.start);
    const tense: Tense = tenseAt(sent.text, t.start - sent.start);
    const forward = FORWARD_PREPOSITION.test(clean.slice(Math.max(0, t.start - 16), t.start));
    const future = tense === 'future' || forward;
    const strongFuture = tense === 'future' && STRONG_FUTURE.test(sent.text);
    // a lower bound needs a past-tense verb close by: "was signed on May 3" — not "in 2020", which
    // a past-tense report often uses for a plan
    const pastClause = tense === 'past' && !forward && !PLANNING.test(sent.text);
    const before = clean.slice(Math.max(0, t.start - 10), t.start);
    const after = clean.slice(t.end, t.end + 12);
    // a bare year is a lower bound only as the time of a reported event ("took place late in
    // 2021", "was founded in 1990."), not as a label ("the 2016 election", "in 2016 he will")
    const yearAsTime = t.value.length >= 7 || !!t.mod || (/\b(in|during|since)\s+$/i.test(before) && /^(\s*[.,;:)]|\s+(and|when|after|before|but)\b|\s*$)/.test(after));
    const past = pastClause && t.anchor !== 'text' && yearAsTime && (t.value.length >= 10 || tenseNear(sent.text, t.start - sent.start, 45) === 'past');
    const label = `"${t.text}" (${forward ? 'by/until' : tense})`;
    const words = contentWords(sent.text);
    const v = t.value;
    let m: RegExpExecArray | null;
    if ((m = /^(\d{4})-(\d\d)-(\d\d)/.exec(v))) {
      const date = { y: +m[1]!, m: +m[2]!, d: +m[3]! };
      if (strongFuture) ev.upper.push({ date, evidence: label, precise: true });
      // a day counted from another date in the text ("the following day") is no independent evidence
      else if (past && !dayOnlyMentioned(clean, sent, t)) ev.lower.push({ date, evidence: label, precise: t.anchor !== 'text', words });
      ev.years.push(date.y);
    } else if ((m = /^(\d{4})-(\d\d)$/.exec(v))) {
      // months and years bound the date only when the clause plainly reports the past
      const y = +m[1]!, mo = +m[2]!;
      if (past) ev.lower.push({ date: { y, m: mo, d: t.mod === 'END' ? 20 : t.mod === 'MID' ? 10 : 1 }, evidence: label });
      ev.years.push(y);
    } else if ((m = /^(\d{4})$/.exec(v))) {
      const y = +m[1]!;
      if (past) ev.lower.push({ date: { y, m: t.mod === 'END' ? 9 : t.mod === 'MID' ? 5 : 1, d: 1 }, evidence: label });
      ev.years.push(y);
    } else if ((m = /^XXXX-(\d\d)-(\d\d)/.exec(v))) {
      // without a year the day must be the time of a past verb close by: these bounds are the ones
      // a related article's year turns into dates
      if (strongFuture) ev.mdUpper.push({ m: +m[1]!, d: +m[2]!, evidence: label });
      else if (past && tenseNear(sent.text, t.start - sent.start, 45) === 'past' && !dayOnlyMentioned(clean, sent, t)) ev.mdLower.push({ m: +m[1]!, d: +m[2]!, evidence: label });
    } else if ((m = /^XXXX-WXX-(\d)$/.exec(v))) {
      if (!future) ev.pastWeekdays.push({ wd: +m[1]!, evidence: label, words });
    }
  }
  return { evidence: ev, lines };
}

const iso = fmtDay;
const mdStr = (x: { m: number; d: number }): string => `${String(x.m).padStart(2, '0')}-${String(x.d).padStart(2, '0')}`;
const mdKey = (x: { m: number; d: number }): number => x.m * 100 + x.d;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** The month-day before this one, over the new year; 1 March gives 29 February (it may be a leap year). */
function dayBefore(x: { m: number; d: number }): { m: number; d: number } {
  if (x.d > 1) return { m: x.m, d: x.d - 1 };
  const m = x.m === 1 ? 12 : x.m - 1;
  return { m, d: DAYS_IN_MONTH[m - 1]! };
}
/** The upcoming month-day nearest after `from`, over the new year; one on `from` itself is a year away. */
function nextAfter<T extends { m: number; d: number }>(from: { m: number; d: number }, ups: T[]): T | null {
  const ahead = (u: T): number => (mdKey(u) - mdKey(from) + 1300) % 1300 || 1300;
  return ups.length ? ups.reduce((a, b) => (ahead(b) < ahead(a) ? b : a)) : null;
}
/**
 * With no past event to count from, the upcoming month-days are taken to lie close ahead of the
 * text: it was written in the largest gap between them, so the first one after that gap bounds it.
 */
function firstAfterLargestGap<T extends { m: number; d: number }>(ups: T[]): T | null {
  if (ups.length <= 1) return ups[0] ?? null;
  const sorted = [...ups].sort((a, b) => mdKey(a) - mdKey(b));
  let best = sorted[0]!;
  let bestGap = -1;
  sorted.forEach((u, i) => {
    const prev = sorted[(i - 1 + sorted.length) % sorted.length]!;
    const gap = (mdKey(u) - mdKey(prev) + 1300) % 1300 || 1300;
    if (gap > bestGap) [best, bestGap] = [u, gap];
  });
  return best;
}

/** Combine the evidence into a date, range and confidence. */
export function estimateFromEvidence(ev: DateEvidence): PublicationEstimate {
  const evidence: string[] = [];
  if (ev.lower.length) {
    const L = ev.lower.reduce((a, b) => (toEpochDay(b.date) > toEpochDay(a.date) ? b : a));
    const later = ev.upper.filter((u) => toEpochDay(u.date) > toEpochDay(L.date));
    const U = later.length ? later.reduce((a, b) => (toEpochDay(b.date) < toEpochDay(a.date) ? b : a)) : null;
    evidence.push(`latest dated event ${L.evidence} → on or after ${iso(L.date)}`);
    if (U) evidence.push(`announced ${U.evidence} → before ${iso(U.date)}`);
    const notBefore = iso(L.date);
    const notAfter = U ? iso(addDays(U.date, -1)) : null;
    // The lede's weekday pins the date only when the text also names the latest dated event by
    // its weekday (the same event dated both ways shows that the dated event is this week's news).
    const lede = ev.pastWeekdays[0];
    const wdL = isoWeekday(L.date);
    const shared = (w: Set<string>): number => [...w].filter((x) => L.words!.has(x)).length;
    const link = L.precise && L.words ? ev.pastWeekdays.find((w) => w.wd === wdL && shared(w.words) >= 3) : undefined;
    if (lede && link) {
      let d0 = L.date;
      while (isoWeekday(d0) !== lede.wd) d0 = addDays(d0, 1);
      const to = U && toEpochDay(U.date) - 1 < toEpochDay(d0) + 6 ? addDays(U.date, -1) : addDays(d0, 6);
      evidence.push(`the same event is dated by weekday: ${link.evidence}`);
      evidence.push(`lede ${lede.evidence} → the first such weekday on or after it, ${iso(d0)}`);
      return { date: iso(d0), from: 'inferred', confidence: 0.6, range: { from: iso(d0), to: iso(to) }, yearUnknown: false, evidence, notBefore: iso(d0), notAfter: iso(to) };
    }
    if (!U) evidence.push('nothing in the text bounds the date from above');
    return { date: null, from: 'inferred', confidence: 0.1, range: notAfter ? { from: notBefore, to: notAfter } : null, yearUnknown: false, evidence, notBefore, notAfter };
  }
  if (ev.mdLower.length || ev.mdUpper.length) {
    const lo = ev.mdLower.length ? ev.mdLower.reduce((a, b) => (mdKey(b) > mdKey(a) ? b : a)) : null;
    const up = lo ? nextAfter(lo, ev.mdUpper) : firstAfterLargestGap(ev.mdUpper);
    if (lo) evidence.push(`latest dated event ${lo.evidence} → on or after ${mdStr(lo)} (year not given)`);
    if (up) evidence.push(`announced ${up.evidence} → before ${mdStr(up)}`);
    // With no past event, an announced day bounds the date from above only: the text may be of any
    // earlier day within the year before it (a December article announcing talks "on January 20").
    return {
      date: null, from: 'inferred', confidence: 0.1, range: null, yearUnknown: true, evidence,
      monthDayRange: { from: lo ? mdStr(lo) : null, to: up ? mdStr(dayBefore(up)) : null },
    };
  }
  return { date: null, from: null, confidence: 0, range: null, evidence: ['the text dates nothing'] };
}

export function inferPublicationDate(text: string, options: PublicationOptions = {}): PublicationEstimate {
  const { evidence: ev, lines } = gatherEvidence(text, options);
  const stated = dateFromText(lines);
  if (stated?.date) {
    return { date: iso(stated.date), from: 'text', confidence: 0.9, range: null, yearUnknown: false, evidence: [stated.evidence] };
  }
  if (stated?.md) {
    // a dateline gives month and day; its year is the year of the latest dated event when that
    // event lies within the month before the dateline (news datelines report fresh events)
    const L = ev.lower.filter((b) => b.precise).reduce<Bound | null>((a, b) => (!a || toEpochDay(b.date) > toEpochDay(a.date) ? b : a), null);
    if (L) {
      const date = { y: L.date.y, m: stated.md.m, d: stated.md.d };
      const gap = toEpochDay(date) - toEpochDay(L.date);
      if (gap >= 0 && gap <= 31) {
        return { date: iso(date), from: 'text', confidence: 0.7, range: null, yearUnknown: false, evidence: [stated.evidence, `year from ${L.evidence}, ${gap} days before`] };
      }
    }
    return { date: null, from: 'text', confidence: 0.5, range: null, yearUnknown: true, evidence: [stated.evidence], monthDayRange: { from: mdStr(stated.md), to: mdStr(stated.md) } };
  }
  return estimateFromEvidence(ev);
}

// ─── corpus level ────────────────────────────────────────────────────────────────────────────────

export interface CorpusArticle {
  id: string;
  text: string;
  /** Publication date from metadata, when there is one. */
  published?: IsoDate | null;
}

export interface CorpusOptions {
  /**
   * Articles that only lend years (already stored, say): they are not estimated themselves. A dated
   * one lends every year its time expressions resolve to; an undated one only the years its text
   * states, as an undated article of the batch does.
   */
  context?: CorpusArticle[];
}

const EVENT_NOUN =
  /\b(call|called|phone|telephone|conversation|talks|spoke|meeting|met|summit|video|visit|trip|invasion|operation|sanctions?|election|attack|strike|debate|primary|caucus(?:es)?|rally|speech|interview|vote|voted|hearing|convention|announced|announcement|ruling|verdict|trial|agreement|deal|protests?|shooting|crash|storm|earthquake)\b/i;
const NAME = /\b[A-Z][a-z]{2,}\b/g;
const NOT_A_NAME = new RegExp(
  `^(?:${MONTH_SRC}|${WEEKDAY_SRC}|The|This|That|These|Those|There|Then|Their|They|Them|She|His|Her|Its|Our|And|But|For|From|With|When|While|After|Before|During|Since|Until|Also|However|Meanwhile|Read|More|Last|Next|Earlier|Later|According|What|Who|Which|Where|How|Why|Mr|Mrs|Ms|Dr)$`,
);

function nameSet(s: string): Set<string> {
  return new Set([...s.matchAll(NAME)].map((m) => m[0]));
}

interface YearMention {
  id: string;
  names: Set<string>;
  event: string;
  /** The calendar date or month the related text gives, and the months it may stand for. */
  y: number;
  months: [number, number];
  m: number | null;
  d: number | null;
}

const YEARLESS_DAY = /^XXXX-(\d\d)-(\d\d)/;
const DATED = /^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$/;

/** Dated events of one text, with the names around them: what lends a year to a related text. */
function yearMentions(a: CorpusArticle, clean: string, timexes: Timex[]): YearMention[] {
  const out: YearMention[] = [];
  for (const t of timexes) {
    const m = DATED.exec(t.value);
    if (!m) continue;
    const sent = sentenceAt(clean, t.start);
    const ev = EVENT_NOUN.exec(sent.text);
    if (!ev) continue;
    const y = +m[1]!;
    const month = m[2] ? +m[2] : null;
    const months: [number, number] = month ? [month, month] : t.mod === 'END' ? [9, 12] : t.mod === 'START' ? [1, 4] : t.mod === 'MID' ? [5, 8] : [1, 12];
    out.push({ id: a.id, names: nameSet(sent.text), event: ev[1]!.toLowerCase(), y, months, m: month, d: m[3] ? +m[3] : null });
  }
  return out;
}

/**
 * The names in the sentences where a text dates an event by month and day only ("On December 7,
 * Biden and Putin held a video call"): what to look for in other, dated articles to find its year.
 * Empty when the text has no such event.
 */
export function yearlessEventNames(text: string): string[] {
  const { clean } = blankUnusableLines(text);
  const counts = new Map<string, number>();
  for (const t of findTimexes(clean, { dct: null })) {
    if (!YEARLESS_DAY.test(t.value)) continue;
    const sent = sentenceAt(clean, t.start);
    if (!EVENT_NOUN.test(sent.text)) continue;
    for (const n of nameSet(sent.text)) if (!NOT_A_NAME.test(n)) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([n]) => n);
}

/** The year of month-day `to` that lies within half a year of `from` (an article's events are close together). */
function nearestYear(from: Ymd, to: { m: number; d: number }): number {
  let best = from.y;
  let bestGap = Infinity;
  for (const y of [from.y - 1, from.y, from.y + 1]) {
    const gap = Math.abs(toEpochDay({ y, m: to.m, d: to.d }) - toEpochDay(from));
    if (gap < bestGap) [best, bestGap] = [y, gap];
  }
  return best;
}

/** The one year with at least three quarters of the votes, if any. */
function clearMajority(votes: Map<number, string[]>): Map<number, string[]> {
  let total = 0;
  for (const v of votes.values()) total += v.length;
  for (const [y, v] of votes) if (v.length * 4 >= total * 3) return new Map([[y, v]]);
  return new Map();
}

/**
 * Publication dates for a set of articles, using each other. An article whose text dates its events
 * only by month and day ("On December 7") gets its year from a related article that dates the same
 * kind of event with a year — by its own words ("the latest Biden-Putin telephone took place late
 * in 2021") or by its publication date ("on December 7" in an article of 20 December 2021):
 * related means the two sentences share an event word and at least two names, and the year's part
 * (START/MID/END or month) must agree with the month-days. When exactly one year fits, the
 * month-day window becomes a date range; the lede weekday then gives a date as for a single text.
 */
export function inferPublicationDates(articles: CorpusArticle[], options: CorpusOptions = {}): Map<string, PublicationEstimate> {
  const out = new Map<string, PublicationEstimate>();
  const mentions: YearMention[] = [];
  const parsed = articles.map((a) => {
    const { clean } = blankUnusableLines(a.text);
    const dct = parseIsoDate(a.published ?? null) ? a.published! : null;
    // A dated article's relative dates resolve against its date; an undated one's only lend explicit years.
    const timexes = findTimexes(clean, { dct });
    mentions.push(...yearMentions(a, clean, timexes));
    return { a, clean, timexes: dct ? null : timexes };
  });
  const ownIds = new Set(articles.map((a) => a.id));
  for (const c of options.context ?? []) {
    if (ownIds.has(c.id)) continue;
    const { clean } = blankUnusableLines(c.text);
    const dct = parseIsoDate(c.published ?? null) ? c.published! : null;
    mentions.push(...yearMentions(c, clean, findTimexes(clean, { dct })));
  }

  for (const { a, clean, timexes } of parsed) {
    const meta = parseIsoDate(a.published ?? null);
    if (meta || !timexes) {
      out.set(a.id, { date: iso(meta!), from: 'metadata', confidence: 1, range: null, yearUnknown: false, evidence: ['metadata'] });
      continue;
    }
    const own = inferPublicationDate(a.text, { timexes });
    if (!own.yearUnknown || own.from === 'text') {
      out.set(a.id, own);
      continue;
    }
    const { evidence: ev } = gatherEvidence(a.text, { timexes });
    const lo = ev.mdLower.length ? ev.mdLower.reduce((x, y) => (mdKey(y) > mdKey(x) ? y : x)) : null;
    if (!lo) {
      out.set(a.id, own);
      continue;
    }
    // Each related mention dates one of this text's month-days; the text's latest past event then
    // lies in the year nearest to it. A related text naming the same month and day is the same
    // event, and those votes decide when there are any (a clear majority); otherwise the month or
    // year part must agree and every vote must be for one year.
    const sameDay = new Map<number, string[]>();
    const sameMonth = new Map<number, string[]>();
    for (const t of timexes) {
      const md = YEARLESS_DAY.exec(t.value);
      if (!md) continue;
      const month = +md[1]!;
      const day = +md[2]!;
      const sent = sentenceAt(clean, t.start);
      const names = nameSet(sent.text);
      const ctxNames = nameSet(clean.slice(Math.max(0, sent.start - 400), sent.start + sent.text.length + 400));
      if (!EVENT_NOUN.test(clean.slice(Math.max(0, sent.start - 300), sent.start + sent.text.length))) continue;
      for (const ym of mentions) {
        if (ym.id === a.id) continue;
        if (month < ym.months[0] || month > ym.months[1]) continue;
        // A related text's calendar day is one event: it dates only the same day here.
        const exact = ym.m === month && ym.d === day;
        if (ym.d !== null && !exact) continue;
        let shared = 0;
        for (const n of ym.names) if (!NOT_A_NAME.test(n) && (names.has(n) || ctxNames.has(n))) shared++;
        if (shared < 2) continue;
        const votes = exact ? sameDay : sameMonth;
        const loYear = nearestYear({ y: ym.y, m: month, d: day }, lo);
        const list = votes.get(loYear) ?? [];
        list.push(`"${t.text}" ~ ${ym.id} (${ym.event}, ${ym.m && ym.d ? fmtDay({ y: ym.y, m: ym.m, d: ym.d }) : ym.y})`);
        votes.set(loYear, list);
      }
    }
    const votes = sameDay.size ? clearMajority(sameDay) : sameMonth.size === 1 ? sameMonth : new Map();
    if (votes.size !== 1) {
      out.set(a.id, own);
      continue;
    }
    const [year, why] = [...votes.entries()][0]!;
    const L = { y: year, m: lo.m, d: lo.d };
    const resolved: DateEvidence = {
      ...ev,
      lower: [{ date: L, evidence: `${lo.evidence} in ${year}`, precise: true }],
      pastWeekdays: [],
      upper: ev.mdUpper.map((u) => ({ date: { y: mdKey(u) < mdKey(lo) ? year + 1 : year, m: u.m, d: u.d }, evidence: u.evidence })),
    };
    const est = estimateFromEvidence(resolved);
    out.set(a.id, { ...est, confidence: Math.min(est.confidence, 0.4), evidence: [...(est.evidence ?? []), `year from related article: ${[...new Set(why)].slice(0, 3).join('; ')}`] });
  }
  return out;
}
