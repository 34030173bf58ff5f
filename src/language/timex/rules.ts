// The recogniser: regular-expression rules over the raw text, each producing a candidate span and
// a resolver that turns it into a TIMEX3 type and value once the context (document date, tense,
// the text's own reference time) is known. Spans follow the TimeML/TempEval-3 conventions:
// leading prepositions are excluded, determiners and quantifiers ("the", "about", "more than")
// and modifiers ("early", "late", "the end of") are included.
import type { TimexType } from '../../types.js';
import {
  addDays, addMonths, compareYmd, daysInMonth, fmtDay, fmtMonth, fmtQuarter, fmtWeek, fmtYear, isoWeekday, quarterOf,
  toEpochDay, type Ymd,
} from './calendar.js';
import {
  MONTH_SRC, NUM_SRC, ORDINAL_SRC, QUANT_SRC, SPOKEN_YEAR_SRC, UNIT_SRC, UNITS_WORDS, WEEKDAY_SRC,
  durationValue, modOf, monthNumber, parseNumber, parseOrdinal, parseSpokenYear, unitKey,
  weekdayNumber, type UnitKey,
} from './lexicon.js';
import { PAST, type Tense } from './tense.js';

/** What a resolver may consult. `ref` is the text's current reference time (last explicit date). */
export interface Ctx {
  dct: Ymd | null;
  tense: () => Tense;
  ref: Ref | null;
  lastQuarter: { y: number; q: number } | null;
  sentence: string;
  /** Where `sentence` begins in the text. */
  sentenceStart?: number;
  /** True when `ref` was set by an expression in the same sentence ("On Aug. 3, at 10 a.m."). */
  refInSentence?: boolean;
  /** True when `ref` was set in the sentence before this one. */
  refInPreviousSentence?: boolean;
  /** Whether the expression that set `ref` dates an event told as past (computed when asked). */
  refToldAsPast?: () => boolean;
}

export interface Ref {
  y: number;
  m?: number;
  d?: number;
}

export interface Resolved {
  type: TimexType;
  value: string;
  mod?: string;
  anchor: 'dct' | 'text' | 'none';
  /** An explicit calendar point this expression establishes as the new reference time. */
  sets?: Ref;
  quarter?: { y: number; q: number };
}

export interface Candidate {
  start: number;
  end: number;
  priority: number;
  /** The rule that proposed it (for diagnostics). */
  rule?: string;
  resolve: (ctx: Ctx) => Resolved | null;
}

type Maker = (m: RegExpExecArray, text: string) => Omit<Candidate, 'priority'> | null;

interface Rule {
  name: string;
  re: RegExp;
  make: Maker;
  priority: number;
}

// ─── helpers ─────────────────────────────────────────────────────────────────────────────────────

const YEAR4 = '(?:1[0-9]\\d\\d|20\\d\\d)';
const DAYNUM = '(?:3[01]|[12]\\d|0?[1-9])';
const DAYSUF = '(?:st|nd|rd|th)?';
/** An era after a year or century: "BC", "B.C.", "BCE", "AD", "A.D." (not followed by a letter: "BC Hydro" is a name after a space, kept out by callers' case checks). */
const ERA_SRC = '(?:B\\.C\\.(?:E\\.)?|BCE?(?![A-Za-z])|A\\.D\\.|AD(?![A-Za-z]))';


function unresolved(gran: 'day' | 'month' | 'year' | 'week'): string {
  return gran === 'day' ? 'XXXX-XX-XX' : gran === 'month' ? 'XXXX-XX' : gran === 'week' ? 'XXXX-WXX' : 'XXXX';
}

/** The year to give a month (and day) without a year, from the document date and tense. */
function yearFor(dct: Ymd, month: number, day: number | undefined, tense: Tense | 'none'): number {
  // Pick the occurrence inside a window around the document date; the window leans back for the
  // past tense and forward for the future (months are compared at month granularity).
  const here = day === undefined ? (month - dct.m) * 30.5 : toEpochDay({ y: dct.y, m: month, d: day }) - toEpochDay(dct);
  // each window spans one year; news mostly looks back, so even the neutral one leans back
  const [lo, hi] = day === undefined
    ? tense === 'past' ? [-304, 61] : tense === 'future' ? [-61, 304] : [-244, 122]
    : tense === 'past' ? [-275, 90] : tense === 'future' ? [-90, 275] : [-240, 125];
  if (here > hi) return dct.y - 1;
  if (here < lo) return dct.y + 1;
  return dct.y;
}

/** The weekday `wd` nearest the document date in the direction the tense points. */
function weekdayDate(dct: Ymd, wd: number, tense: Tense, shift: 'last' | 'next' | 'this' | null): Ymd {
  const cur = isoWeekday(dct);
  let delta = wd - cur;
  if (shift === 'next') return addDays(dct, delta > 0 ? delta : delta + 7);
  if (shift === 'last') return addDays(dct, delta < 0 ? delta : delta - 7);
  if (shift === 'this') return addDays(dct, delta);
  if (delta === 0) return dct;
  if (tense === 'future') return addDays(dct, delta > 0 ? delta : delta + 7);
  const back = delta < 0 ? delta : delta - 7;
  // present tense ("meet Monday", "is expected Friday"): the nearer one, looking back on ties
  if (tense === 'present') {
    const fwd = back + 7;
    return addDays(dct, fwd < -back ? fwd : back);
  }
  return addDays(dct, back);
}

function shiftBy(p: Ymd, n: number, unit: UnitKey): Ymd {
  switch (unit) {
    case 'D': return addDays(p, n);
    case 'W': case 'WE': return addDays(p, 7 * n);
    case 'M': return addMonths(p, n);
    case 'Q': return addMonths(p, 3 * n);
    case 'Y': return addMonths(p, 12 * n);
    case 'DE': return addMonths(p, 120 * n);
    case 'CE': return addMonths(p, 1200 * n);
    default: return p;
  }
}

/** Format a point at the granularity of a unit. */
function atGranularity(p: Ymd, unit: UnitKey): string {
  switch (unit) {
    case 'D': case 'H': case 'MIN': case 'S': return fmtDay(p);
    case 'W': return fmtWeek(p);
    case 'WE': return `${fmtWeek(p)}-WE`;
    case 'M': return fmtMonth(p.y, p.m);
    case 'Q': return fmtQuarter(p.y, quarterOf(p.m));
    case 'Y': return fmtYear(p.y);
    case 'DE': return String(Math.floor(p.y / 10));
    case 'CE': return String(Math.floor(p.y / 100)).padStart(2, '0');
  }
}

function refToYmd(r: Ref): Ymd {
  return { y: r.y, m: r.m ?? 7, d: r.d ?? 1 };
}

const PART_OF_DAY: Record<string, string> = {
  morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', overnight: 'NI', tonight: 'NI',
  noon: 'T12:00', midnight: 'T24:00', midday: 'T12:00', dawn: 'MO', dusk: 'EV',
};

const SEASON: Record<string, string> = { spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI' };

let namedDate: RegExp | null = null;
let dayMonthDate: RegExp | null = null;

/** Resolve a day word ("yesterday", "Friday", "March 5", "last Tuesday") against the context. */
function resolveDayWord(word: string, ctx: Ctx): { day: Ymd | null; anchor: 'dct' | 'none' } {
  // "Thursday 6 May 2010": the date decides, the weekday only names it
  namedDate ??= new RegExp(`^(?:${WEEKDAY_SRC}|${WEEKDAY_ABBR_SRC})\\s?,?\\s+(?=\\d|${MONTH_SRC})`);
  const dated = namedDate.exec(word.trim());
  if (dated) word = word.trim().slice(dated[0].length);
  const w = word.toLowerCase().trim();
  const dct = ctx.dct;
  // "Nov. 9", "18 May 2009", "May 18, 2009" (after a clock time: "at 1:17 pm on 18 May 2009")
  dayMonthDate ??= new RegExp(`^(?:(${MONTH_SRC})\\s*(${DAYNUM})${DAYSUF}|(${DAYNUM})${DAYSUF}\\s+(${MONTH_SRC}))(?:\\s*,?\\s*(${YEAR4}))?$`, 'i');
  const mDate = dayMonthDate.exec(word.trim());
  if (mDate) {
    const mo = monthNumber(mDate[1] ?? mDate[4]!) ?? 1;
    const d = +(mDate[2] ?? mDate[3]!);
    if (mDate[5]) return { day: { y: +mDate[5], m: mo, d }, anchor: 'none' };
    if (!dct) return { day: null, anchor: 'dct' };
    return { day: { y: yearFor(dct, mo, d, ctx.tense()), m: mo, d }, anchor: 'dct' };
  }
  // "11:45 the next morning", "at 7 that evening": the day the text is on, or one either side of it
  if (/^(?:that|the (?:next|following|previous|same))$/.test(w)) {
    if (ctx.ref?.d === undefined) return { day: w === 'that' ? dct : null, anchor: 'dct' };
    return { day: addDays(refToYmd(ctx.ref), w === 'the previous' ? -1 : /next|following/.test(w) ? 1 : 0), anchor: 'dct' };
  }
  if (!dct) return { day: null, anchor: 'dct' };
  if (w === 'today' || w === 'this' || w === 'tonight') return { day: dct, anchor: 'dct' };
  if (w === 'yesterday' || w === 'last') return { day: addDays(dct, -1), anchor: 'dct' };
  if (w === 'tomorrow') return { day: addDays(dct, 1), anchor: 'dct' };
  const parts = w.split(/\s+/);
  const wdWord = parts[parts.length - 1]!;
  const wd = weekdayNumber(wdWord);
  if (wd) {
    const shift = parts.length > 1 ? (parts[0] as 'last' | 'next' | 'this') : null;
    return { day: weekdayDate(dct, wd, ctx.tense(), shift), anchor: 'dct' };
  }
  return { day: dct, anchor: 'dct' };
}

function precededBy(text: string, index: number, re: RegExp): boolean {
  const before = text.slice(Math.max(0, index - 24), index);
  return re.test(before);
}

/**
 * A capitalised time word inside a name mid-sentence: "NBC's Today program", "CBS This Morning",
 * "Larry King Now", "The Tonight Show", "the Liberty Now PAC". Not at the start of a sentence,
 * a quotation or a line, and next to a capitalised word (or after a possessive name).
 */
function inTitle(text: string, start: number, end: number): boolean {
  if (!/^[A-Z]/.test(text.slice(start, end))) return false;
  const before = text.slice(Math.max(0, start - 30), start);
  if (/(?:^|[.!?:;]["'”’)]*\s+|["“‘(]\s*|\n\s*|[-–—]{1,2}\s*|\|\s*)$/.test(before)) return false;
  const after = text.slice(end, end + 16);
  // "ACT NOW", "UNLIKELY, FOR NOW": shouting, not a name; "take back Our Beautiful America Now."
  if (/^[A-Z]{2,}/.test(text.slice(start, end)) || /^\s*[.!?](?:\s|$)/.test(text.slice(end, end + 3))) return false;
  // a title-case headline ("Donald Trump Is Now Being Held Up …") keeps its times
  if (/\b(?:Is|Are|Was|Were|Be|Been|Has|Have|Had|Will|Would|Can|Could|And|Or|But|Not|Even|Still|Just|Only|Right)\s+$/.test(before)) return false;
  if (/\b(?!(?:On|In|At|By|For|From|Since|Until)\s)[A-Z][\w&.-]*\s+$/.test(before)) return true;
  if (/\b[A-Z][\w&.-]*\s?['’]s\s+$/.test(before)) return true;
  return /[A-Za-z]\s+$/.test(before) && /^\s+[A-Z][A-Za-z]/.test(after) && !/^\s+(?:I|A|The|He|She|It|They|We|You)\b/.test(after);
}

/** Undotted weekday abbreviations, taken only right before a date: "Thu March 12, 2020", "Mon Mar 2 , 2009". */
const WEEKDAY_ABBR_SRC = '(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)';

// ─── rules ───────────────────────────────────────────────────────────────────────────────────────

const rules: Rule[] = [];
function rule(name: string, src: string, priority: number, make: Maker, flags = 'gi'): void {
  rules.push({ name, re: new RegExp(src, flags), make, priority });
}

// Full dates: "Friday, April 16, 2021", "16 April 2021", "April 16", "the 29th of March", "Sept. 30".
rule(
  'date',
  `(?:\\b|(?<=[a-z])(?=[A-Z][a-z]{1,11}\\.?\\s+\\d))(?:(${WEEKDAY_SRC}|${WEEKDAY_ABBR_SRC})(?:\\s*,)?\\s+)?(?:(${MONTH_SRC})\\s*(${DAYNUM})${DAYSUF}(?!\\d|:\\d)(?:(?:\\s*,)?\\s*(${YEAR4})(?!\\d))?|(?:the\\s+)?(${DAYNUM})${DAYSUF}\\s+(?:of\\s+)?(${MONTH_SRC})(?:(?:\\s*,)?\\s*(${YEAR4})(?!\\d))?)((?:\\s*,\\s*|\\s+)(?:of\\s+)?(last|this|next)\\s+year\\b)?`,
  10,
  (m, text) => {
    const monWord = m[2] ?? m[6]!;
    const mo = monthNumber(monWord);
    if (!mo) return null;
    const d = +(m[3] ?? m[5]!);
    const yStr = m[4] ?? m[7];
    const yearWord = yStr ? undefined : m[9]?.toLowerCase();
    // "5 May" without a year is a date after a weekday or a preposition ("on Sunday 31 May", "until 7 May")
    if (/^may$/i.test(monWord) && m[5] && !yStr && !m[1] && !precededBy(text, m.index, /\b(?:on|by|until|till|from|since|before|after|between|to|and|of)\s+(?:the\s+)?$/i)) return null;
    // "the Sept. 11 terrorist attacks" in a June article: a disaster already happened, so a day
    // that would fall after the publication date belongs to a year the text does not give
    const namesDisaster =
      !yStr && ((precededBy(text, m.index, /\b(?:the|a|an|[A-Za-z]+['’]s)\s+$/i) &&
      /^\s+(?:[a-z-]+\s+){0,2}(?:attacks?|bombings?|massacre|hijackings?|tragedy|disaster|tsunami|earthquake|quake|explosions?|blasts?|shootings?|killings|crash|riots?|terror)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) ||
      // "the attacks of Sept. 11"
      precededBy(text, m.index, /\b(?:attacks|bombings|massacre|tragedy|disaster|events) of\s+$/i));
    // "to be completed around Nov. 1": an approximate day keeps its quantifier (TimeBank, the guidelines' mod)
    // ("information about the 4 June elections": "about" is mostly a preposition, taken only in "on or about")
    const approx = !m[1] && !/^the\s/i.test(m[0]) ? /\b(?:around|approximately|roughly|circa|(?<=\bon or )about)\s+$/i.exec(text.slice(Math.max(0, m.index - 16), m.index)) : null;
    const mod = approx ? 'APPROX' : undefined;
    return {
      start: m.index - (approx ? approx[0].length - approx[0].search(/\S/) : 0),
      // a year word after a full date ("April 16, 2021 last year") is not part of it
      end: m.index + m[0].length - (yStr && m[8] ? m[8].length : 0),
      resolve: (ctx) => {
        if (yStr) {
          const y = +yStr;
          return { type: 'DATE', value: fmtDay({ y, m: mo, d }), mod, anchor: 'none', sets: { y, m: mo, d } };
        }
        if (!ctx.dct) return { type: 'DATE', value: `XXXX-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`, mod, anchor: 'none' };
        // "June 16th of last year", "March 3 this year": the year word decides
        if (yearWord) {
          const y = ctx.dct.y + (yearWord === 'last' ? -1 : yearWord === 'next' ? 1 : 0);
          return { type: 'DATE', value: fmtDay({ y, m: mo, d }), mod, anchor: 'dct', sets: { y, m: mo, d } };
        }
        if (namesDisaster) {
          const named = namedDisasterYear(text, mo, d, ctx.dct);
          if (named !== null) return { type: 'DATE', value: fmtDay({ y: named, m: mo, d }), anchor: 'text', sets: { y: named, m: mo, d } };
        }
        // A date in the text's own year context ("In 2019 … on March 5") keeps that year.
        const y = yearFor(ctx.dct, mo, d, ctx.tense());
        if (namesDisaster && fmtDay({ y, m: mo, d }) > fmtDay(ctx.dct)) {
          return { type: 'DATE', value: `XXXX-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`, anchor: 'none' };
        }
        return { type: 'DATE', value: fmtDay({ y, m: mo, d }), mod, anchor: 'dct', sets: { y, m: mo, d } };
      },
    };
  },
);

/**
 * The year of a disaster the text names by its day ("the Sept. 11 attacks"): the year the text
 * itself gives that day elsewhere ("on September 11, 2001"); else, for the one day English news
 * names an event by without a year, 2001; else null (the caller falls back on the DCT).
 */
const FULL_DATE_IN_TEXT = new RegExp(`(?:(${MONTH_SRC})\\s*(${DAYNUM})${DAYSUF}(?:\\s*,)?\\s*(${YEAR4})(?!\\d)|(${DAYNUM})${DAYSUF}\\s+(?:of\\s+)?(${MONTH_SRC})(?:\\s*,)?\\s*(${YEAR4})(?!\\d))`, 'gi');
function namedDisasterYear(text: string, mo: number, d: number, dct: Ymd): number | null {
  if (mo === 9 && d === 11 && fmtDay(dct) > '2001-09-11') return 2001;
  // the text's year for that day, when it gives one year only ("an article from September 11, 2003"
  // in a text on other September 11ths says nothing)
  let year: number | null = null;
  for (const y of fullDatesOf(text).get(mo * 100 + d) ?? []) {
    if (fmtDay({ y, m: mo, d }) > fmtDay(dct)) continue;
    if (year !== null && year !== y) return null;
    year = y;
  }
  return year;
}

/** The years (each once) a text gives each month-day (month × 100 + day) in full dates: one scan per text. */
let fullDatesCache: { text: string; byDay: Map<number, number[]> } | null = null;
function fullDatesOf(text: string): Map<number, number[]> {
  if (fullDatesCache?.text === text) return fullDatesCache.byDay;
  const byDay = new Map<number, number[]>();
  FULL_DATE_IN_TEXT.lastIndex = 0;
  for (let m = FULL_DATE_IN_TEXT.exec(text); m; m = FULL_DATE_IN_TEXT.exec(text)) {
    const month = monthNumber(m[1] ?? m[5]!);
    if (!month) continue;
    const key = month * 100 + +(m[2] ?? m[4]!);
    const y = +(m[3] ?? m[6]!);
    const list = byDay.get(key);
    if (!list) byDay.set(key, [y]);
    else if (!list.includes(y)) list.push(y);
  }
  fullDatesCache = { text, byDay };
  return byDay;
}

// A bare day of the month: "on the 18th", "by the 3rd". Only after a preposition and not before a
// word ("the 18th century", "the 3rd floor"): the day in the month the text is in.
rule('day-of-month', `\\b(?:on|by|since|until|till|from|before|after)\\s+the\\s+(${DAYNUM})(?:st|nd|rd|th)\\b(?![\\s-]+(?:of\\s+)?[A-Za-z0-9])`, 9, (m) => {
  const d = +m[1]!;
  const start = m.index + m[0].search(/the\s/i);
  return {
    start,
    end: m.index + m[0].length,
    resolve: (ctx) => {
      if (ctx.ref?.m !== undefined && ctx.refInSentence) {
        return { type: 'DATE', value: fmtDay({ y: ctx.ref.y, m: ctx.ref.m, d }), anchor: 'text' };
      }
      if (!ctx.dct) return { type: 'DATE', value: `XXXX-XX-${String(d).padStart(2, '0')}`, anchor: 'none' };
      const t = ctx.tense();
      // the nearest month holding that day, back for the past tense and ahead for the future
      const step = t === 'past' && d > ctx.dct.d ? -1 : t === 'future' && d < ctx.dct.d ? 1 : 0;
      let first: Ymd = addMonths({ y: ctx.dct.y, m: ctx.dct.m, d: 1 }, step);
      while (d > daysInMonth(first.y, first.m)) first = addMonths(first, step || -1);
      const p: Ymd = { ...first, d };
      return { type: 'DATE', value: fmtDay(p), anchor: 'dct', sets: { y: p.y, m: p.m, d: p.d } };
    },
  };
});

// The far end of a day range: "Aug. 10 to 15", "March 3-5, 1998" ("15" and "5" are dates too).
rule(
  'day-range-end',
  `(?=\\d)(?<=\\b(${MONTH_SRC})\\s*(${DAYNUM})${DAYSUF}\\s*(?:-|–|to|through|and|until|till)\\s*)(${DAYNUM})${DAYSUF}(?![\\d:%]|\\s*(?:percent|a\\.m|p\\.m|am\\b|pm\\b|[A-Za-z]))(?:(?:\\s*,)?\\s*(${YEAR4})(?!\\d))?`,
  10,
  (m) => {
    const mo = monthNumber(m[1]!);
    const d1 = +m[2]!, d = +m[3]!;
    if (!mo || d <= d1) return null;
    const yStr = m[4];
    return {
      start: m.index,
      end: m.index + m[0].length,
      resolve: (ctx) => {
        if (yStr) return { type: 'DATE', value: fmtDay({ y: +yStr, m: mo, d }), anchor: 'none' };
        if (!ctx.dct) return { type: 'DATE', value: `XXXX-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`, anchor: 'none' };
        const y = yearFor(ctx.dct, mo, d1, ctx.tense());
        return { type: 'DATE', value: fmtDay({ y, m: mo, d }), anchor: 'dct' };
      },
    };
  },
);

// ISO and numeric dates.
rule('iso', `\\b(${YEAR4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])(?:[T ]([01]\\d|2[0-3]):([0-5]\\d)(?::[0-5]\\d(?:\\.\\d+)?)?(?:Z|[+-][01]\\d:?[0-5]\\d)?)?\\b`, 12, (m) => {
  const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
  // "2020-03-12T10:32:00Z", "2021-04-16 10:32": a time stamp (TIMEX3 values carry no zone)
  const value = m[4] ? `${fmtDay({ y, m: mo, d })}T${m[4]}:${m[5]}` : fmtDay({ y, m: mo, d });
  return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: m[4] ? 'TIME' : 'DATE', value, anchor: 'none', sets: { y, m: mo, d } }) };
});
rule('slash', `\\b(0?[1-9]|1[0-2])/(0?[1-9]|[12]\\d|3[01])/(\\d{4}|\\d{2})\\b`, 12, (m) => {
  let y = +m[3]!;
  if (m[3]!.length === 2) y += y < 50 ? 2000 : 1900;
  const mo = +m[1]!, d = +m[2]!;
  return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DATE', value: fmtDay({ y, m: mo, d }), anchor: 'none', sets: { y, m: mo, d } }) };
});

// Month with year: "August 1988", "January nineteen ninety-seven", "March of 2020".
rule(
  'month-year',
  `\\b(?:(early|mid|late|the (?:end|beginning|start|middle) of)[\\s-]+)?(${MONTH_SRC}),?\\s+(?:of\\s+)?(${YEAR4}|${SPOKEN_YEAR_SRC})(?![\\d,]\\d)`,
  9,
  (m) => {
    const mo = monthNumber(m[2]!);
    if (!mo) return null;
    const y = /^\d/.test(m[3]!) ? +m[3]! : parseSpokenYear(m[3]!);
    if (!y) return null;
    const mod = modOf(m[1]);
    return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DATE', value: fmtMonth(y, mo), mod, anchor: 'none', sets: { y, m: mo } }) };
  },
);

// Month without a year: "last April", "in March", "mid-November", "June last year", "early September".
/** A lower-case noun after a month ("accession", "elections"), not a preposition, conjunction or verb. */
const MONTH_BEFORE_NOUN = /^\s+(?!(?:on|to|of|for|from|against|through|in|into|at|across|toward|towards|with|by|past|and|or|but|as|is|was|were|are|will|would|has|had|have|began|begins|started|starts|ended|ends|drew|draws|took|takes|that|which|who|itself|organi[sz]ers|marchers|participants|route)\b)[a-z]{3,}(?:-[a-z]+)?\b/;
/** "the May government", "the May cabinet": Theresa May, not the month. */
const MAY_AS_NAME_BEFORE = /^\s+(?:government|administration|cabinet|ministry|premiership|era|camp|team|years|doctrine|leadership|regime|deal|plan|speech)\b/;
rule(
  'month',
  `\\b(?:(early|mid|late|the (?:end|beginning|start|middle) of)[\\s-]+)?(?:(last|this|next|this past|this coming)\\s+)?(${MONTH_SRC})(?:,?\\s+(?:of\\s+)?(last|this|next) year)?`,
  5,
  (m, text) => {
    const word = m[3]!;
    if (!/^[A-Z]/.test(word)) return null; // month names are capitalised; the modifiers may be too
    const mo = monthNumber(word);
    if (!mo) return null;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 4);
    if (/^\s*\d/.test(after) && !m[4]) return null; // handled (or rejected) by the date rules
    if ((mo === 5 || mo === 3) && !m[1] && !m[2] && !m[4]) {
      // "May" and "March" are also words: require a preposition that takes a month.
      // "The March accession", "the May elections": a month before a noun after a determiner dates
      // it ("The March on Washington", "the March of Dimes", "the May government" are names)
      const attributive = precededBy(text, m.index, /\b(?:the|a|an|its|their|this|last|next)\s+$/i)
        && MONTH_BEFORE_NOUN.test(text.slice(m.index + m[0].length, m.index + m[0].length + 24))
        && !(mo === 5 && MAY_AS_NAME_BEFORE.test(text.slice(m.index + m[0].length, m.index + m[0].length + 24)));
      // "in February or March", "April and May": the second of two months
      if (!attributive && !precededBy(text, m.index, /\b(in|since|until|till|by|from|during|through|of|early|late|mid|before|after)\s+$/i)
        && !precededBy(text, m.index, /\b(?:January|February|March|April|May|June|July|August|September|October|November|December),?\s+(?:or|and|to|through|into)\s+$/)) return null;
      if (mo === 3 && /^\s+(on|to|through|against|in)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 10))) return null;
    }
    if (/^[A-Z]{3,}$/.test(word) && !/^(MAY|JUNE|JULY)$/.test(word) && word.length < 5) return null;
    // "Jan Kavan", "Dec Phillips": an undotted abbreviation before a capitalised word is a first name
    if (/^[A-Z][a-z]{2,3}$/.test(word) && !m[1] && !m[2] && !m[4] && /^\s+[A-Z][a-z]/.test(after)) return null;
    const mod = modOf(m[1]);
    const rel = m[2]?.toLowerCase();
    const yrel = m[4]?.toLowerCase();
    return {
      start: m.index,
      end: m.index + m[0].length,
      resolve: (ctx) => {
        if (!ctx.dct) return { type: 'DATE', value: `XXXX-${String(mo).padStart(2, '0')}`, mod, anchor: 'none' };
        const dct = ctx.dct;
        let y: number;
        if (yrel) y = dct.y + (yrel === 'last' ? -1 : yrel === 'next' ? 1 : 0);
        // "last February" said in March means a year ago: the month just past would be "last month"
        else if (rel === 'last') y = mo < dct.m - 1 ? dct.y : dct.y - 1;
        else if (rel === 'this past') y = mo < dct.m ? dct.y : dct.y - 1;
        else if (rel === 'next' || rel === 'this coming') y = mo > dct.m ? dct.y : dct.y + 1;
        else if (rel === 'this') y = dct.y;
        else y = yearFor(dct, mo, undefined, ctx.tense());
        return { type: 'DATE', value: fmtMonth(y, mo), mod, anchor: 'dct', sets: { y, m: mo } };
      },
    };
  },
  'gi',
);

// Years: "1988", "fiscal 1989", "mid-1996", "the end of 1990", "1994 or later", spoken years.
rule(
  'year',
  `(?:\\b(early|mid|late|(?:early|late|later|earlier) in|the (?:end|beginning|start|middle|close|first half|second half|last half) of)[\\s-]+|(?<![\\w$£€#.,-]))(?:(fiscal(?: year)?|FY|calendar(?: year)?|the year|model year)\\s*)?(${YEAR4}|${SPOKEN_YEAR_SRC})(?!\\d|,\\d|\\.\\d|%| ?percent|-\\d| ?(?:shares|people|employees|workers|tons|units|cars|troops|members|acres|feet|miles|pounds|dollars|yen|votes|points|meters|metres|km|kilometers|vehicles|jobs|seats|copies|barrels)\\b)(?:\\s+or\\s+(later|earlier|before|after))?`,
  6,
  (m, text) => {
    const yWord = m[3]!;
    const spoken = !/^\d/.test(yWord);
    const y = spoken ? parseSpokenYear(yWord) : +yWord;
    if (!y) return null;
    // "MOEX Offshore 2007 LLC": a year inside a company's name
    if (/^ (?:LLC|Inc|Ltd|Corp|PLC|GmbH|LP)\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 6)) && /[A-Z][A-Za-z]+ $/.test(text.slice(Math.max(0, m.index - 20), m.index))
      && !/\b(?:In|By|Since|From|Until|Of|For|At|On|Before|After|During)\s$/.test(text.slice(Math.max(0, m.index - 8), m.index))) return null;
    // "two thousand years": a number of units, not the year 2000
    if (spoken && /^[\s-]+(?:years?|people|dollars|miles|troops|feet|times)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 10))) return null;
    if (!spoken) {
      if (y < 1000 || y > 2099) return null;
      if (y < 1900 && !m[1] && !m[2] && !precededBy(text, m.index, /\b(in|since|by|of|until|from|to|year|early|late|mid|around|circa|c\.)\s+$/i)) return null;
      // "1990-91" season spans, "No. 1984" and scores are not years by themselves.
      if (/^\s*[–-]\s*\d{2}\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4))) return null;
    }
    let mod = modOf(m[1]);
    const w = m[1]?.toLowerCase();
    const orLater = m[4]?.toLowerCase();
    if (orLater) mod = orLater === 'later' || orLater === 'after' ? 'ON_OR_AFTER' : 'ON_OR_BEFORE';
    const value = w?.includes('first half') ? `${y}-H1` : w?.includes('second half') || w?.includes('last half') ? `${y}-H2` : fmtYear(y);
    if (value.includes('-H')) mod = undefined;
    return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DATE', value, mod, anchor: 'none', sets: { y } }) };
  },
);

/** A lower-case word after "2017 BC" that an era does not precede: a noun the abbreviation modifies ("election", "wildfires"). */
const ERA_NOT_BEFORE = /^\s+(?!(?:and|or|to|in|on|at|by|for|from|with|of|when|while|until|till|the|a|an|as|but|than|that|which|who|where|was|were|is|are|had|has|have|after|before|during|through|onwards?|he|she|it|they|we|its|their|his|her)\b)[a-z]/;
// Years of an era: "2500 BC", "44 B.C.", "1200 BCE", "AD 79", "500 A.D.". TIMEX3 (after TIDES)
// writes a year before Christ as "BC" and four digits (`BC0044`), a year AD with four digits (`0079`).
// Case-sensitive: "bc" and "ad" in lower case are other words.
rule('year-era', `(?:(?<![\\w'’])(\\d{1,4})\\s?(${ERA_SRC})|\\b(?:A\\.D\\.|AD)\\s?(\\d{1,4})(?![\\d,.]\\d|\\s?(?:BC|B\\.C\\.)))(?![\\d%])`, 8, (m, text) => {
  const n = +(m[1] ?? m[3]!);
  if (n === 0 || /\d[,.]$/.test(text.slice(Math.max(0, m.index - 2), m.index))) return null;
  // "2010 BC Hydro", "the 500 AD Group": an undotted era before a capitalised word is a name's
  if (m[2] && !m[2].includes('.') && /^\s[A-Z][a-z]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 3))) return null;
  // "the 2017 BC election", "the 2021 BC wildfires" (British Columbia), "2 AD goals": before a word it modifies, an
  // undotted era is a name's or an abbreviation's ("in 753 BC, when", "by 2000 BC the", "from 3000 BC to" keep it)
  if (m[2] && !m[2].includes('.') && ERA_NOT_BEFORE.test(text.slice(m.index + m[0].length, m.index + m[0].length + 16))) return null;
  const bc = !!m[2] && m[2].startsWith('B');
  const value = `${bc ? 'BC' : ''}${String(n).padStart(4, '0')}`;
  return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DATE', value, anchor: 'none' }) };
}, 'g');

// Year spans "1996-2000": TimeML marks each end as its own date.
rule('year-span', `(?<![\\w$£€#.,/-])(${YEAR4})[-–](${YEAR4})(?![\\w%/-]|[.,]\\d)`, 8, (m, text) => {
  const y1 = +m[1]!;
  const y2 = +m[2]!;
  if (y2 <= y1 || y2 - y1 > 50) return null;
  if (/^\s*(?:%|percent|people|votes|shares)\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 10))) return null;
  const e1 = m.index + m[1]!.length;
  const second = { start: e1 + 1, end: m.index + m[0].length, priority: 8, resolve: () => ({ type: 'DATE' as const, value: fmtYear(y2), anchor: 'none' as const }) };
  extraCandidates.push(second);
  return { start: m.index, end: e1, resolve: () => ({ type: 'DATE', value: fmtYear(y1), anchor: 'none', sets: { y: y1 } }) };
});

// Decades: "the 1990s", "the late 1970s", "mid-1980s", "the '80s", "the nineties".
rule(
  'decade',
  `\\b(?:the\\s+)?(?:(early|mid|late)[\\s-]+)?(?:(1[0-9]\\d|20\\d)0( ?['’]|)s|['’](\\d)0['’]?s|(\\d)0['’]s|(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\\b`,
  7,
  (m, text) => {
    let dec: string;
    // "the 1980's", "the 90’s", tokenised "the late 1970 's": with an apostrophe only after "the" or
    // "early/mid/late" (else a possessive year)
    if ((m[3] || m[5]) && !/^the\s/i.test(m[0]) && !m[1]) return null;
    if (m[2]) dec = m[2];
    else if (m[4] ?? m[5]) dec = `19${m[4] ?? m[5]}`;
    else {
      const idx = ['twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'].indexOf(m[6]!.toLowerCase());
      if (!/^the\s/i.test(m[0])) return null; // "in his forties" is an age
      if (precededBy(text, m.index, /\b(his|her|their|its|early|late|mid)\s*$/i)) return null;
      dec = `19${idx + 2}`;
    }
    const mod = modOf(m[1]);
    return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DATE', value: dec, mod, anchor: 'none' }) };
  },
);

// Centuries: "the 20th century", "the eleventh century", "this century", "the last century",
// "the 3rd century BC" (TIMEX3 writes an era before Christ as "BC" before the digits: `BC02`).
rule(
  'century',
  `\\b(?:the\\s+)?(?:(early|mid|late)[\\s-]+)?(${ORDINAL_SRC}|this|last|next|the last|the next|the past|the previous)[\\s-]+century\\b(\\s?${ERA_SRC})?`,
  7,
  (m) => {
    const w = m[2]!.toLowerCase();
    const mod = modOf(m[1]);
    const ord = parseOrdinal(w);
    // the pattern is case-blind; an era is written in capitals ("the 20th century ad campaign" is no era)
    const era = m[3] && m[3] === m[3].toUpperCase() ? m[3].trim() : undefined;
    const bc = !!era && era.startsWith('B');
    return {
      start: m.index,
      end: m.index + m[0].length - (m[3] && !era ? m[3].length : 0),
      resolve: (ctx) => {
        if (ord) return { type: 'DATE', value: `${bc ? 'BC' : ''}${String(ord - 1).padStart(2, '0')}`, mod, anchor: 'none' };
        if (/past|last/.test(w) && /^the/i.test(m[0]) && !m[1]) return { type: 'DURATION', value: 'P100Y', anchor: 'none' };
        if (!ctx.dct) return { type: 'DATE', value: 'XX', mod, anchor: 'none' };
        const c = Math.floor(ctx.dct.y / 100) + (/last|previous|past/.test(w) ? -1 : /next/.test(w) ? 1 : 0);
        return { type: 'DATE', value: String(c).padStart(2, '0'), mod, anchor: 'dct' };
      },
    };
  },
);

// Quarters and halves: "the third quarter", "third-quarter", "the fiscal first quarter",
// "the year-ago quarter", "the latest quarter", "Q3 2021", "the first half of 1990".
const Q_ORD = '(?:first|second|third|fourth|1st|2nd|3rd|4th|final)';
rule(
  'quarter',
  `\\b(?:(?:the|this|that|its|(?:this|last|next) year's)\\s+)?(?:(${YEAR4})(?:['’]s)?\\s+)?(?:(?:latest|last|past|current|same|comparable|corresponding|year-ago|year-earlier|previous|prior|recent|just-ended|just-completed|fiscal|calendar|${Q_ORD})[\\s-]+){0,3}(?:fiscal[\\s-]+)?(quarter|period)(?![a-z-])(?:,?\\s+(?:of\\s+|in\\s+)?(?:fiscal\\s+)?(${YEAR4}))?(?:\\s+a\\s+year\\s+(?:ago|earlier)|\\s+(?:of\\s+)?(last|this|next)\\s+year)?`,
  8,
  (m, text) => {
    const s = m[0].toLowerCase();
    const isPeriod = m[2]!.toLowerCase() === 'period';
    const ordM = /(first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+(?:fiscal[\s-]+)?quarter/.exec(s);
    const q = ordM ? (ordM[1] === 'final' ? 4 : parseOrdinal(ordM[1]!) ?? ({ first: 1, second: 2, third: 3, fourth: 4 } as Record<string, number>)[ordM[1]!]!) : null;
    const yearAgo = /year-ago|year-earlier|a year (ago|earlier)|last year/.test(s);
    const ofYear = m[4]?.toLowerCase();
    const nextYear = /next year's/.test(s) || ofYear === 'next';
    // "the final quarter in 2010" is that year's quarter; "the same period in 2014" stays apart from its year
    // (matched only where a run of spaces or a comma begins: a long run of spaces stays linear)
    const inYear = !q ? /(?<![\s,])(?:\s*,\s*|\s+)in\s+(?:fiscal\s+)?\d{4}$/i.exec(m[0]) : null;
    const explicitY = m[1] ? +m[1] : m[3] && !inYear ? +m[3] : null;
    const qualified = /latest|last|past|current|same|comparable|corresponding|year-|previous|prior|recent|just|fiscal|this|that/.test(s) || explicitY !== null;
    if (isPeriod && !(/latest|year-ago|year-earlier|comparable|corresponding|same/.test(s) || m[1])) return null;
    if (!q && !qualified && !/^the/.test(s)) return null; // "a quarter of the vote"
    const tail = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
    if (!q && !qualified && /^(\s*(of|point|century|mile|hour|inch|-))/.test(tail)) return null;
    if (!q && !qualified && /^\s*ended\b/.test(tail) === false && isPeriod) return null;
    // "its third-quarter loss": an adjectival quarter leaves the determiner out of the span (TE3)
    const adjectival = /^(?:the|its|that|this)\s+(?:first|second|third|fourth|final)-quarter$/i.exec(m[0]);
    return {
      start: adjectival ? m.index + m[0].search(/\s/) + 1 : m.index,
      end: m.index + (inYear ? inYear.index : m[0].length),
      resolve: (ctx) => {
        if (explicitY && q) return { type: 'DATE', value: fmtQuarter(explicitY, q), anchor: 'none', quarter: { y: explicitY, q } };
        if (!ctx.dct) return { type: 'DATE', value: q ? `XXXX-Q${q}` : 'XXXX-QX', anchor: 'none' };
        const dct = ctx.dct;
        const curQ = quarterOf(dct.m);
        let y: number, qq: number;
        if (q) {
          qq = q;
          // quarters up to the current one are this year's; later ones are last year's unless the clause looks ahead
          y = q <= curQ || ctx.tense() === 'future' || ofYear === 'this' ? dct.y : dct.y - 1;
          if (nextYear) y = dct.y + 1;
          if (ofYear === 'last') y = dct.y - 1 + (yearAgo ? 1 : 0); // "last year" also sets yearAgo below
        } else if (/current|this/.test(s)) {
          y = dct.y; qq = curQ;
        } else if (explicitY) {
          y = explicitY; qq = ctx.lastQuarter?.q ?? quarterOf(addMonths({ y: dct.y, m: dct.m, d: 1 }, -3).m);
        } else if (ctx.lastQuarter) {
          y = ctx.lastQuarter.y; qq = ctx.lastQuarter.q;
        } else {
          const prev = addMonths({ y: dct.y, m: dct.m, d: 1 }, -3);
          y = prev.y; qq = quarterOf(prev.m);
        }
        if (/previous|prior/.test(s) && !q) {
          const p = addMonths({ y, m: qq * 3, d: 1 }, -3);
          y = p.y; qq = quarterOf(p.m);
        }
        if (yearAgo) y -= 1;
        const quarter = yearAgo || explicitY ? undefined : { y, q: qq };
        return { type: 'DATE', value: fmtQuarter(y, qq), anchor: 'dct', quarter };
      },
    };
  },
);

// "year-earlier results", "year-ago levels": the reported period a year before.
rule('year-ago-adj', `\\b(year-(?:earlier|ago))\\b(?!\\s+(?:quarter|period|third|second|first|fourth|nine))`, 6, (m) => ({
  start: m.index,
  end: m.index + m[0].length,
  resolve: (ctx) => {
    if (ctx.lastQuarter) return { type: 'DATE', value: fmtQuarter(ctx.lastQuarter.y - 1, ctx.lastQuarter.q), anchor: 'dct' };
    return { type: 'DATE', value: ctx.dct ? fmtYear(ctx.dct.y - 1) : 'XXXX', anchor: 'dct' };
  },
}));

// Ends of periods: "year-end", "by year end", "year's end", "the end of the month".
rule('period-end', `\\b(?:(around|about|at|by)\\s+)?(year|month|quarter)(?:-end|\\s+end|['’]s\\s+end)\\b`, 7, (m) => {
  const unit = m[2]!.toLowerCase();
  const start = m[1] && /around|about/i.test(m[1]) ? m.index : m.index + (m[1] ? m[1].length + 1 : 0);
  const mod = m[1] && /around|about/i.test(m[1]) ? 'APPROX' : undefined;
  return {
    start,
    end: m.index + m[0].length,
    resolve: (ctx) => {
      if (!ctx.dct) return { type: 'DATE', value: 'XXXX', mod, anchor: 'none' };
      const t = ctx.tense();
      const y = t === 'past' && ctx.dct.m < 3 ? ctx.dct.y - 1 : ctx.dct.y;
      if (unit === 'month') return { type: 'DATE', value: fmtMonth(ctx.dct.y, ctx.dct.m), mod: mod ?? 'END', anchor: 'dct' };
      if (unit === 'quarter') return { type: 'DATE', value: fmtQuarter(ctx.dct.y, quarterOf(ctx.dct.m)), mod: mod ?? 'END', anchor: 'dct' };
      return { type: 'DATE', value: fmtYear(y), mod: mod ?? 'END', anchor: 'dct' };
    },
  };
});

// "the first two quarters of 1990", "the last two quarters of this year": a half of that year.
rule('two-quarters', `\\b(?:the\\s+)?(first|last|second)\\s+two\\s+quarters\\s+of\\s+(?:(${YEAR4})|(this|last|next)\\s+year)\\b`, 9, (m) => {
  const h = /first/i.test(m[1]!) ? 1 : 2;
  const explicitY = m[2] ? +m[2] : null;
  const rel = m[3]?.toLowerCase();
  return {
    start: m.index,
    end: m.index + m[0].length,
    resolve: (ctx) => {
      if (explicitY) return { type: 'DATE', value: `${explicitY}-H${h}`, anchor: 'none' };
      if (!ctx.dct) return { type: 'DATE', value: `XXXX-H${h}`, anchor: 'none' };
      return { type: 'DATE', value: `${ctx.dct.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0)}-H${h}`, anchor: 'dct' };
    },
  };
});

rule(
  'half',
  `\\b(?:the\\s+)?(first|second|last|latter)\\s+half(?:\\s+of\\s+(?:(${YEAR4})|(this|last|next|the) year|the (?:fiscal )?year))?`,
  8,
  (m, text) => {
    const h = /first/i.test(m[1]!) ? 1 : 2;
    const explicitY = m[2] ? +m[2] : null;
    if (!explicitY && !m[3] && !/^the/i.test(m[0])) return null;
    // "the last half of the '80s", "the second half of the game": a half of something else
    if (!/\bof\b/i.test(m[0]) && /^\s+of\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4))) return null;
    const rel = m[3]?.toLowerCase();
    return {
      start: m.index,
      end: m.index + m[0].length,
      resolve: (ctx) => {
        if (explicitY) return { type: 'DATE', value: `${explicitY}-H${h}`, anchor: 'none' };
        if (!ctx.dct) return { type: 'DATE', value: `XXXX-H${h}`, anchor: 'none' };
        let y = ctx.dct.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0);
        if (!rel && h === 2 && ctx.dct.m <= 6 && ctx.tense() === 'past') y -= 1;
        return { type: 'DATE', value: `${y}-H${h}`, anchor: 'dct' };
      },
    };
  },
);

// Seasons: "this summer", "last fall", "the winter of nineteen ninety-four", "spring 2020".
rule(
  'season',
  `\\b(?:(early|mid|late)[\\s-]+)?(?:(the|this|last|next|this past|this coming|past|coming)\\s+)?(?:(early|late)[\\s-]+)?(spring|summer|fall|autumn|winter)(?!s?\\w)(?:,?\\s+(?:of\\s+)?(${YEAR4}|${SPOKEN_YEAR_SRC}))?`,
  7,
  (m, text) => {
    const season = SEASON[m[4]!.toLowerCase()]!;
    const det = m[2]?.toLowerCase();
    const yWord = m[5];
    const before = /\b(in|during|over|since|until|by|through|this|last|next|early|late|mid)\s+$/i;
    if (!det && !yWord && !m[1] && !m[3] && !precededBy(text, m.index, before)) return null;
    if (season === 'FA' && !yWord && (!det || det === 'the') && !m[1] && !m[3]) {
      if (!precededBy(text, m.index, /\b(in|during|by|until|since|this|last|next)\s+(the\s+)?$/i)) return null;
      if (/^\s+(of|in|from)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 6))) return null;
    }
    if (det === 'the' && !yWord && /^\s+of\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 5))) return null;
    // "After this fall in prices": a drop, not the season
    if (season === 'FA' && !yWord && /^\s+(?:in|of)\s+(?:prices?|values?|demand|sales|shares|stocks?|output|production|rates?|revenues?|profits?|earnings|exports|imports|oil|the (?:dollar|pound|euro|yen|market|price))\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 20))) return null;
    // "the Summer Olympics", "the Winter Palace": part of a name
    if (!yWord && (!det || det === 'the') && /^\s+[A-Z][a-z]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4)) && !/^\s+(?:In|On|At|The|A|An|He|She|It|They|We|I|But|And)\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 6))) return null;
    const y0 = yWord ? (/^\d/.test(yWord) ? +yWord : parseSpokenYear(yWord)) : null;
    const mod = modOf(m[1] ?? m[3]);
    if (det === 'past' || det === 'coming') return null;
    return {
      start: m.index,
      end: m.index + m[0].length,
      resolve: (ctx) => {
        if (y0) return { type: 'DATE', value: `${y0}-${season}`, mod, anchor: 'none', sets: { y: y0 } };
        if (!ctx.dct) return { type: 'DATE', value: `XXXX-${season}`, mod, anchor: 'none' };
        const dct = ctx.dct;
        const startMonth: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };
        const sm = startMonth[season]!;
        const inOrAfter = dct.m >= sm || (season === 'WI' && dct.m <= 2);
        let y = dct.y;
        if (season === 'WI' && dct.m <= 2) y = dct.y - 1;
        if (det === 'last' || det === 'this past') y = inOrAfter && dct.m > sm + 2 ? y : y - 1;
        else if (det === 'next' || det === 'this coming') y = inOrAfter ? y + 1 : y;
        else if (det !== 'this' && ctx.tense() === 'past' && !inOrAfter) y -= 1;
        return { type: 'DATE', value: `${y}-${season}`, mod, anchor: 'dct' };
      },
    };
  },
);

// Times of day: "4:25 p.m. Washington time", "10 p.m. Wednesday", "noon Thursday", "around 7:15 p.m.",
// "5 p.m. EST Nov. 9".
const TZ_SRC = `(?:\\s*\\(?(?:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST|MSK|IST|JST|EET|EEST|Z)(?![A-Za-z])\\)?|\\s+(?:local|[A-Z][a-z]+(?:\\s[A-Z][a-z]+)?)\\s+time)`;
/**
 * The day named after a clock time's aside: "1653 local time (2153 GMT) on Tuesday", "at 10:21 a.m.
 * CDT -LRB- 1521 GMT -RRB- on Thursday". The day dates the time's value but stays out of its span.
 */
function dayAfterAside(text: string, end: number): string | undefined {
  const m = DAY_AFTER_ASIDE.exec(text.slice(end, end + 60));
  return m?.[1];
}

/** Words that make a clock time next to them part of a schedule. */
const SCHEDULE_WORD = /\b(?:weekdays|weeknights|weekends|daily|nightly|every\s+(?:day|morning|afternoon|evening|night|weekday|weeknight)|each\s+(?:day|morning|afternoon|evening|night)|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days)\b/;
/** A weekday among the words dating a clock time ("3.30 pm on Sunday"): it sets the day the text is on, as "Sunday" does. */
const NAMES_WEEKDAY = /\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/i;
/**
 * Whether a clock time with no day of its own falls on the day the text has named: in its own sentence
 * ("On Aug. 3, at 10 a.m."), or in the sentence before when the time is told in the past and that day
 * is not after the document date ("… killed Friday night. He was shot at 10 p.m. as he stood …").
 * A time opening its line or followed by a colon is a live blog's stamp, on the day of the post.
 */
function onNarrativeDay(ctx: Ctx, text: string, start: number, end: number): boolean {
  if (ctx.ref?.d === undefined) return false;
  if (ctx.refInSentence) return true;
  if (!ctx.refInPreviousSentence || !ctx.dct) return false;
  // "the midday briefing", "a 2 a.m. announcement": a time naming an event, which need not be the narrative's
  if (/\b(?:a|an|the|its|his|her|their)\s+$/i.test(text.slice(Math.max(0, start - 6), start)) && /^\s+[a-z]/.test(text.slice(end, end + 3))) return false;
  if (/(?:^|\n)[^\S\n]*(?:[^\s\w]+\s*)?$/.test(text.slice(Math.max(0, start - 6), start)) || /^\s*(?::|-\s|–|—)/.test(text.slice(end, end + 4))) return false;
  // "The stock was up 2.6 percent … by 1336 GMT": a market report's time of the day it is written
  if (/\b(?:by|as of)\s+$/i.test(text.slice(Math.max(0, start - 7), start))) return false;
  return ctx.tense() === 'past' && compareYmd(refToYmd(ctx.ref), ctx.dct) <= 0 && (ctx.refToldAsPast?.() ?? false);
}

/** Up to 50 characters either side of a span, within its clause (no sentence end, semicolon or "|"). */
function clauseAround(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 50), start).split(/[;!?|]|\.\s+(?=[A-Z])/).pop()!;
  const after = text.slice(end, end + 50).split(/[;!?|]|\.\s+(?=[A-Z])/)[0]!;
  return `${before} ${after}`;
}

/** The day named right after a clock time: "10 p.m. Wednesday", "5 p.m. EST Nov. 9", "at 1:17 pm on 18 May 2009", "16:10 UK time , Wednesday , 8 July 2009" (tokenised). */
const TIME_DAY_SRC = `(?:\\s?,?\\s+(?:on\\s+)?(today|yesterday|tomorrow|tonight|(?:(?:last |next |this )?${WEEKDAY_SRC}|${WEEKDAY_ABBR_SRC}(?=,?\\s+(?:${MONTH_SRC}|\\d)))(?:\\s?,?\\s+(?:${MONTH_SRC}\\s*${DAYNUM}${DAYSUF}(?!\\d)(?:\\s*,\\s*${YEAR4}(?!\\d))?|${DAYNUM}${DAYSUF}\\s+${MONTH_SRC}(?:\\s+${YEAR4}(?!\\d))?))?|${MONTH_SRC}\\s*${DAYNUM}${DAYSUF}(?!\\d)(?:\\s*,\\s*${YEAR4}(?!\\d))?|${DAYNUM}${DAYSUF}\\s+${MONTH_SRC}(?:\\s+${YEAR4}(?!\\d))?))?`;
const DAY_AFTER_ASIDE = new RegExp(`^\\s*(?:(?:\\(|-LRB-)[^()]{0,30}?)?(?:\\)|-RRB-)\\s*,?\\s+on\\s+((?:${WEEKDAY_SRC})(?![a-z])|${MONTH_SRC}\\s*${DAYNUM}(?!\\d)|${DAYNUM}\\s+${MONTH_SRC})`);
rule(
  'time',
  `\\b(?:(${QUANT_SRC}|shortly (?:after|before)|just (?:after|before))\\s+)?(?:(\\d{1,2})(?:[:.](\\d{2}))?\\s*(a\\.m\\.?|p\\.m\\.?|am\\b|pm\\b|am(?=[a-z])|pm(?=[a-z])|o['’]clock)|(\\d{1,2})[:.](\\d{2})(?!\\d|[:.]\\d)|(noon|midnight|midday))(${TZ_SRC})?${TIME_DAY_SRC}(?:\\s+(this|that|the next|the following|the previous|the same|tomorrow|yesterday|today|(?:last |next )?${WEEKDAY_SRC})\\s+(morning|afternoon|evening|night)|\\s+in\\s+the\\s+(morning|afternoon|evening))?`,
  11,
  (m, text) => {
    let hh: number, mm = 0;
    if (m[2]) {
      hh = +m[2];
      mm = m[3] ? +m[3] : 0;
      const ap = m[4]!.toLowerCase();
      // "10:47PMBernie" in a scraped live blog: glued to the next word only as "HH:MM" + "AM"/"PM"
      if (/^[ap]m$/.test(ap) && /[A-Za-z]/.test(text[m.index + m[0].indexOf(m[4]!) + 2] ?? '') && !(m[3] && /^[AP]M$/.test(m[4]!) && /[A-Z]/.test(text[m.index + m[0].indexOf(m[4]!) + 2]!))) return null;
      if (hh > 12 && ap[0] !== 'o') return null;
      if (ap.startsWith('p') && hh < 12) hh += 12;
      if (ap.startsWith('a') && hh === 12) hh = 0;
    } else if (m[5]) {
      hh = +m[5];
      mm = +m[6]!;
      if (hh > 23 || mm > 59) return null;
      // "17.00 BST", "at 6.30 tonight": a dotted clock time only with a zone or after "at" before
      // "tonight" / "this evening" (otherwise it is a decimal number: "fell 6.30 today")
      if (m[0][m[0].indexOf(m[5]) + m[5].length] === '.' && !m[8]
        && !(/\bat\s+$/i.test(text.slice(Math.max(0, m.index - 4), m.index)) && (/^tonight$/i.test(m[9] ?? '') || m[11] || m[12]))) return null;
      // ratios, scores and verse numbers look like this too: need a time word nearby
      if (!m[8] && !/\b(at|by|until|from|before|after|around|about)\s+$/i.test(text.slice(Math.max(0, m.index - 10), m.index))) return null;
    } else {
      const w = m[7]!.toLowerCase();
      hh = w === 'midnight' ? 24 : 12;
    }
    const mod = modOf(m[1]);
    // "3:30 this afternoon", "8 in the evening": the part of the day says which half it is
    const part = (m[11] ?? m[12])?.toLowerCase();
    if (part && !m[9] && (!m[4] || /^o/i.test(m[4]))) {
      if ((part === 'afternoon' || part === 'evening' || (part === 'night' && hh >= 6)) && hh < 12) hh += 12;
    } else if (part && m[9]) return null;
    else if (!part && !m[9] && hh < 12 && (!m[4] || /^o/i.test(m[4]))) {
      // "It was Saturday afternoon, about 5 o'clock", "Friday evening at 7:30": a part of the day named
      // just before, in the same sentence, says which half of the clock an hour without a.m./p.m. is in
      const lead = /\b(afternoon|evening|night|tonight)\b[^.;!?]{0,40}$/i.exec(text.slice(Math.max(0, m.index - 60), m.index))?.[1]?.toLowerCase();
      if (lead && (lead === 'afternoon' || lead === 'evening' || hh >= 6)) hh += 12;
    }
    // "7:30 tonight": an evening hour
    if (m[9]?.toLowerCase() === 'tonight' && hh >= 5 && hh < 12 && !/^a/i.test(m[4] ?? '')) hh += 12;
    const day = m[9] ?? m[10] ?? dayAfterAside(text, m.index + m[0].length);
    let end = m.index + m[0].length;
    // "a.m." at the end of a sentence: the period belongs to the sentence too; keep it in the span
    if (m[0].endsWith(' ')) end--;
    // "(noon PT) on Friday": the parenthesis closes an aside; the day dates the time from outside
    const tz = m[8];
    if (tz && tz.endsWith(')') && !tz.includes('(') && text.lastIndexOf('(', m.index) > text.lastIndexOf(')', m.index - 1)) end = m.index + m[0].indexOf(tz) + tz.length - 1;
    const hhmm = `T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
    // "airs weekdays from 6:00 a.m. to 9:00 a.m.", "at 7 p.m. every night": a time of a schedule, on no one day
    const scheduled = !day && !part && SCHEDULE_WORD.test(clauseAround(text, m.index, end));
    return {
      start: m.index,
      end,
      resolve: (ctx) => {
        if ((!ctx.dct && !day) || scheduled) return { type: 'TIME', value: `XXXX-XX-XX${hhmm}`, mod, anchor: 'none' };
        // a clock time in a sentence that has named its day ("On Aug. 3, at 10 a.m.") is on that day
        const onRefDay = !day && onNarrativeDay(ctx, text, m.index, end);
        const r = day ? resolveDayWord(day, ctx) : { day: onRefDay ? refToYmd(ctx.ref!) : ctx.dct, anchor: 'dct' as const };
        const base = r.day ? fmtDay(r.day) : 'XXXX-XX-XX';
        // a calendar date named with the time ("1:17 pm on 18 May 2009") is the text's new reference
        const sets = day && r.day && (/\d/.test(day) || NAMES_WEEKDAY.test(day)) ? { y: r.day.y, m: r.day.m, d: r.day.d } : undefined;
        return { type: 'TIME', value: `${base}${hhmm}`, mod, anchor: onRefDay ? 'text' : r.anchor, sets };
      },
    };
  },
);

// Four-digit clock times with a zone: "1930 CDT on 1 June", "(0030 GMT)", "1425 local time". Only
// zones of three letters or more: "a 2019 CT scan", "the 1945 MT expedition", "1200 Z bosons" are not times.
const MILITARY_TZ_SRC = `(?:\\s*\\(?(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|MSK|IST|JST|EET|EEST)(?![A-Za-z])\\)?|\\s+(?:local|[A-Z][a-z]+(?:\\s[A-Z][a-z]+)?)\\s+time)`;
rule('military-time', `\\b([01]\\d|2[0-3])([0-5]\\d)(${MILITARY_TZ_SRC})${TIME_DAY_SRC}`, 11, (m, text) => {
  const hhmm = `T${m[1]}:${m[2]}`;
  // "(1925 GMT) on Thursday": the parenthesis closes the time, and the day stays outside it
  const closed = m[3]!.endsWith(')');
  const day = (closed ? undefined : m[4]) ?? dayAfterAside(text, closed ? m.index + m[1]!.length + m[2]!.length + m[3]!.length : m.index + m[0].length);
  const end = closed ? m.index + m[1]!.length + m[2]!.length + m[3]!.length - 1 : m.index + m[0].length;
  // "Broadcasting … daily in Haitian Creole at 0910 local time": a time of a schedule, on no one day
  const scheduled = !day && SCHEDULE_WORD.test(clauseAround(text, m.index, end));
  return {
    start: m.index,
    end,
    resolve: (ctx) => {
      if (scheduled) return { type: 'TIME', value: `XXXX-XX-XX${hhmm}`, anchor: 'none' };
      const onRefDay = !day && onNarrativeDay(ctx, text, m.index, end);
      const r = day ? resolveDayWord(day, ctx) : { day: onRefDay ? refToYmd(ctx.ref!) : ctx.dct, anchor: 'dct' as const };
      const sets = day && r.day && (/\d/.test(day) || NAMES_WEEKDAY.test(day)) ? { y: r.day.y, m: r.day.m, d: r.day.d } : undefined;
      return { type: 'TIME', value: `${r.day ? fmtDay(r.day) : 'XXXX-XX-XX'}${hhmm}`, anchor: onRefDay ? 'text' : r.anchor, sets };
    },
  };
});

// "4 in the morning"
rule('time-in-the', `\\b(\\d{1,2}|${'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve'})(?:\\s+o['’]clock)?\\s+in\\s+the\\s+(morning|afternoon|evening)`, 11, (m) => {
  let hh = typeof parseNumber(m[1]!) === 'number' ? (parseNumber(m[1]!) as number) : 0;
  if (!/morning/i.test(m[2]!) && hh < 12) hh += 12;
  return {
    start: m.index,
    end: m.index + m[0].length,
    resolve: (ctx) => ({ type: 'TIME', value: `${ctx.dct ? fmtDay(ctx.dct) : 'XXXX-XX-XX'}T${String(hh).padStart(2, '0')}:00`, anchor: 'dct' }),
  };
});

// Parts of days: "this morning", "Friday night", "last night", "tonight", "yesterday afternoon",
// "mid-afternoon yesterday", "overnight".
rule(
  'part-of-day',
  `\\b(?:(early|late|mid|later|earlier)[\\s-]+)?(?:(this|that|last|yesterday|tomorrow|today|the (?:next|following|previous|same)|(?:last |next )?${WEEKDAY_SRC})\\s+)?(morning|afternoon|evening|night|tonight|overnight)(?:\\s+(yesterday|today|tomorrow|(?:last |next )?${WEEKDAY_SRC}))?`,
  8,
  (m, text) => {
    const part = m[3]!.toLowerCase();
    const dayWord = m[2] ?? m[4];
    if ((!dayWord || /^this$/i.test(dayWord)) && !m[1] && inTitle(text, m.index, m.index + m[0].length)) return null;
    const theDay = !dayWord && /\b(?:in|during|by|later in|earlier in|early in|late in)\s+the\s+$/i.test(text.slice(Math.max(0, m.index - 16), m.index)) && !/^\s+(of|after|before|when)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8));
    if (theDay) {
      // "in the morning": the part of the day the text is talking about
      const code = PART_OF_DAY[part]!;
      const lead = /the\s+$/i.exec(text.slice(Math.max(0, m.index - 8), m.index));
      const start = m.index - (lead ? lead[0].length : 0);
      return {
        start,
        end: m.index + m[0].length,
        resolve: (ctx) => {
          const day = ctx.ref?.d !== undefined ? refToYmd(ctx.ref) : ctx.dct;
          return { type: 'TIME', value: `${day ? fmtDay(day) : 'XXXX-XX-XX'}T${code}`, anchor: ctx.ref?.d !== undefined ? 'text' : 'dct' };
        },
      };
    }
    if (!dayWord && part !== 'tonight' && part !== 'overnight' && !(m[1] && /^mid/i.test(m[1]))) return null;
    if (dayWord && /^(this|last|that)$/i.test(dayWord) && (part === 'overnight' || part === 'tonight')) return null;
    // "overnight loans", "the overnight rate", "overnight delivery": a kind of loan or service, not a night
    if (part === 'overnight' && !dayWord && /^\s+(?:(?:interbank|lending|borrowing|repo|deposit|index|interest|money[- ]market)\s+)?(?:loans?|lending|borrowing|rates?|repos?|funds?|deposits?|money|markets?|interbank|interest|Libor|LIBOR|index|swaps?|delivery|shipping|express|success|sensation|celebrity|star)\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) return null;
    // "it's not going to happen overnight", "things won't change overnight": suddenly, not a night
    if (part === 'overnight' && !dayWord) {
      const clause = text.slice(Math.max(0, m.index - 60), m.index).split(/[.!?;]\s/).pop()!;
      if (/\b(?:happen|happens|happened|change|changes|changed|transform(?:ed|s)?|disappear(?:ed|s)?|vanish(?:ed|es)?|solved|fixed|cured|built|turn(?:ed)? around|go away|come back)\s+$/i.test(clause)) return null;
    }
    const mod = modOf(m[1]);
    const code = PART_OF_DAY[part]!;
    // "flights would leave Bombay on Monday and Tuesday nights": a weekday's part every week (TimeBank's SET)
    const weekdayOnly = m[2] && !m[4] && !m[1] ? /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$/.exec(m[2]) : null;
    if (weekdayOnly && /^(?:morning|afternoon|evening|night)$/.test(part) && /^s\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 2))) {
      const value = `XXXX-WXX-${weekdayNumber(m[2]!)}T${code}`;
      return { start: m.index, end: m.index + m[0].length + 1, resolve: () => ({ type: 'SET', value, anchor: 'none' }) };
    }
    return {
      start: m.index,
      end: m.index + m[0].length,
      resolve: (ctx) => {
        if (!ctx.dct) return { type: 'TIME', value: `XXXX-XX-XXT${code}`, mod, anchor: 'none' };
        const dw = (dayWord ?? 'today').toLowerCase();
        if (dw.startsWith('the ')) {
          // "the following morning", "the previous night": a day from the one the text is on
          if (ctx.ref?.d === undefined) return { type: 'TIME', value: `XXXX-XX-XXT${code}`, mod, anchor: 'none' };
          const day = addDays(refToYmd(ctx.ref), dw === 'the previous' ? -1 : dw === 'the same' ? 0 : 1);
          return { type: 'TIME', value: `${fmtDay(day)}T${code}`, mod, anchor: 'text' };
        }
        if (dw === 'that') {
          // "that night": the day the text has been talking about
          const day = ctx.ref?.d !== undefined ? refToYmd(ctx.ref) : ctx.dct;
          return { type: 'TIME', value: `${day ? fmtDay(day) : 'XXXX-XX-XX'}T${code}`, mod, anchor: ctx.ref?.d !== undefined ? 'text' : 'dct' };
        }
        // "weakened overnight", "losses overnight": in a past clause, the night before the DCT
        const pastNight = part === 'overnight' && !dayWord && ctx.tense() === 'past';
        // "invite Gennifer Flowers to Monday night's debate": an event still to come
        const ahead = weekdayNumber(dw) !== null && scheduledEventAhead(text, m.index, m.index + m[0].length);
        // "has complimented the moderator of Monday night's first debate": as for "Sunday 's Golden Globe awards"
        const nearer = !ahead && weekdayNumber(dw) !== null && !/^(?:last|next)\s/.test(dw) && ctx.tense() === 'past'
          && !precededBy(text, m.index, EVENT_TOLD_AS_PAST_BEFORE) && SCHEDULED_EVENT_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 50)) && !simplePastIn(sentenceAround(ctx, m.index, m.index + m[0].length));
        const r = (dw === 'last' && part === 'night') || pastNight ? { day: addDays(ctx.dct, -1) } : dw === 'this' ? { day: ctx.dct } : resolveDayWord(dayWord ?? 'today', ahead ? { ...ctx, tense: () => 'future' } : nearer ? { ...ctx, tense: () => 'present' } : ctx);
        // "Friday night" sets the day the text is on, as "Friday" does
        const sets = r.day && weekdayNumber(dw.split(/\s+/).pop()!) !== null ? { y: r.day.y, m: r.day.m, d: r.day.d } : undefined;
        return { type: 'TIME', value: `${r.day ? fmtDay(r.day) : 'XXXX-XX-XX'}T${code}`, mod, anchor: 'dct', sets };
      },
    };
  },
);

/**
 * Words before a possessive weekday's event that tell it as having happened: "since/after Monday's
 * debate", "the results of Tuesday's primaries", "his microphone problems during Monday's debate",
 * "failing to act … in the minutes leading up to Monday's Iowa caucuses". The event then keeps the
 * possessive's look back, not the nearer day.
 */
const EVENT_TOLD_AS_PAST_BEFORE = /\b(?:since|after|following|during|leading\s+up\s+to|run-up\s+to|(?:results?|outcome|winners?|losers?|aftermath|fallout|wake|analysis|impact|effect)\s+(?:of|from))\s+$/i;
/** "'s White House meeting", "’s New Hampshire primary": a possessive naming a scheduled event. */
const SCHEDULED_EVENT_AFTER = /^ ?['’]s\s+(?:[\w-]+\s+){0,3}?(?:debate|primary|primaries|caucus(?:es)?|election|meeting|summit|hearing|vote|game|match|deadline|rally|ceremony|conference|session|talks|race|launch|premiere|convention|contest|showdown|encounter|face-?off|awards)\b/i;
/** The expression's sentence, at most 200 characters either side of it (a bounded look in one long sentence). */
function sentenceAround(ctx: Ctx, start: number, end: number): string {
  const at = start - (ctx.sentenceStart ?? 0);
  return ctx.sentence.slice(Math.max(0, at - 200), at + (end - start) + 200);
}
/**
 * Whether a sentence tells something in the simple past: a past verb not in the present perfect
 * ("has pledged", "have complimented" are not; "pledged", "was", "had pledged" are).
 */
function simplePastIn(sentence: string): boolean {
  const words = sentence.match(/[A-Za-z'’]+/g) ?? [];
  return words.some((w, i) => {
    const past = (PAST.test(w) && !/^(?:ago|last|earlier|since|yesterday|previously)$/i.test(w)) || (w.length > 4 && /^[a-z]+ed$/.test(w));
    return past && !/^(?:has|have|having|'s|a|an|the|be|been|being|is|are)$/i.test(words[i - 1] ?? '') && !/^(?:has|have)$/i.test(words[i - 2] ?? '');
  });
}
/**
 * A possessive weekday naming a scheduled event still to come: "invite Gennifer Flowers to Monday
 * night's debate", "Monday's debate in New York will be Trump's first". `end` is where the
 * weekday (or "Monday night") ends.
 */
function scheduledEventAhead(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 90);
  const event = SCHEDULED_EVENT_AFTER.exec(after);
  if (!event) return false;
  if (/\binvit(?:e|es|ed|ing)\s+(?:[\w-]+\s+){0,4}to\s+$/i.test(text.slice(Math.max(0, start - 50), start))) return true;
  // the event is the subject of a future verb ("The results of Tuesday's primaries will …" are not)
  if (/\b(?:results?|outcome|winners?|losers?|aftermath|fallout|wake|analysis)\s+(?:of|from)\s+$/i.test(text.slice(Math.max(0, start - 20), start))) return false;
  return /^(?:\s+(?:in|at|on)(?:\s+[A-Z][\w.]*){1,3})?\s+(?:will|['’]ll|is (?:set|scheduled|expected|due) to)\b/.test(after.slice(event[0].length));
}

// Weekdays: "Friday", "last Tuesday", "on Tuesday", "earlier Sunday", "late Friday".
rule(
  'weekday',
  // (case-sensitive for the weekday; a modifier may open the sentence: "Last Friday's announcement", "Earlier Sunday")
  `\\b(?:([Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater)\\s+)?(?:([Ll]ast|[Nn]ext|[Tt]his|[Tt]his past|[Tt]his coming|[Cc]oming|[Pp]ast|[Tt]he previous|[Tt]he following|[Tt]he next)\\s+)?(${WEEKDAY_SRC})(?![a-z])`,
  6,
  (m, text) => {
    const wdWord = m[3]!;
    if (!/^[A-Z]/.test(wdWord)) return null;
    if (/^[A-Z][a-z]+s$/.test(wdWord)) return null;
    const wd = weekdayNumber(wdWord)!;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 14);
    if (/^\s+(Times|Telegraph|Post|Herald|Mail|Sport|Express|Night Live|Morning Post)\b/.test(after)) return null;
    if (precededBy(text, m.index, /\b(News|Bloody|Black|Good|Easter|Palm|Super|Cyber|Ash|Holy|Fat|Maundy|Whit|Low|Mail on|Meet the Press)\s+$/)) return null;
    if (/^\.$/.test(wdWord.slice(-1)) && wdWord.length <= 4) {
      // abbreviations need a date context
      return null;
    }
    const mod = m[1] ? modOf(m[1]) : undefined;
    // "on Monday and Tuesday nights": the first of two weekdays sharing a part of the day every week
    const sharedPart = !m[1] && !m[2] ? /^\s+(?:and|or)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+(morning|afternoon|evening|night)s\b/.exec(after + text.slice(m.index + m[0].length + 14, m.index + m[0].length + 40)) : null;
    if (sharedPart) {
      const value = `XXXX-WXX-${wd}T${PART_OF_DAY[sharedPart[1]!]!}`;
      return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'SET', value, anchor: 'none' }) };
    }
    const textual = /^the /i.test(m[2] ?? '');
    const rel = m[2]?.toLowerCase().replace(/^the (previous)$/, 'last').replace(/^the (following|next)$/, 'next').replace('this past', 'last').replace('this coming', 'next').replace('coming', 'next').replace('past', 'last') as 'last' | 'next' | 'this' | undefined;
    return {
      start: m.index,
      end: m.index + m[0].length,
      resolve: (ctx) => {
        const base = textual && ctx.ref?.d !== undefined ? refToYmd(ctx.ref) : ctx.dct;
        if (!base) return { type: 'DATE', value: `XXXX-WXX-${wd}`, mod, anchor: 'none' };
        // "Thursday's closing price", "get around Wednesday's ruling": a possessive weekday names a
        // reported event, so it looks back whatever the clause's tense (unless "ahead of", "before");
        // all 18 in TimeBank and aquaint-A lie on or before the document date
        let tense = ctx.tense();
        if (!rel && /^ ?['’]s\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4))
          && !precededBy(text, m.index, /\b(ahead of|before|for|until|awaiting|await|on)\s+$/i)
          // "expected to attend Wednesday's meeting", "will do well in Tuesday's primary": a scheduled
          // event still to come ("ways to get around Wednesday's ruling" react to a past one)
          && !(/\b(?:to|will|['’]ll|shall)\s+(?:[a-z]+\s+){1,3}$/i.test(text.slice(Math.max(0, m.index - 40), m.index))
            && SCHEDULED_EVENT_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 50)))
          && !scheduledEventAhead(text, m.index, m.index + m[0].length)) tense = 'past';
        if (!rel && scheduledEventAhead(text, m.index, m.index + m[0].length)) tense = 'future';
        // "organisers of Sunday 's Golden Globe awards have pledged $100,000": a scheduled event named
        // in a clause with no simple past may lie either side of the report, so the nearer day
        else if (!rel && tense === 'past' && SCHEDULED_EVENT_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 50))
          && !precededBy(text, m.index, EVENT_TOLD_AS_PAST_BEFORE) && !simplePastIn(sentenceAround(ctx, m.index, m.index + m[0].length))) tense = 'present';
        // "Obama planned to visit the coast on Friday": a plan told in the simple past may lie either
        // side of the report, so the nearer weekday (months and years keep the plan's future)
        if (!rel && tense !== 'present' && /\bplanned\s+to\s+(?:[^.;!?]{0,60})$/i.test(text.slice(Math.max(0, m.index - 80), m.index))
          && !/\b(?:had|has|have|is|are|am|was|were|be|been)\s+(?:\w+\s+)?planned\s+to\b/i.test(text.slice(Math.max(0, m.index - 100), m.index))) tense = 'present';
        const day = weekdayDate(base, wd, tense, rel ?? null);
        return { type: 'DATE', value: fmtDay(day), mod, anchor: textual && base !== ctx.dct ? 'text' : 'dct', sets: { y: day.y, m: day.m, d: day.d } };
      },
    };
  },
  'g',
);

// Deictic days: today, yesterday, tomorrow, "the day before yesterday", "late yesterday".
rule(
  'deictic-day',
  `\\b(?:(early|late|earlier|later)\\s+)?(?:the day (before|after)\\s+)?(today|yesterday|tomorrow)\\b`,
  6,
  (m, text) => {
    const w = m[3]!.toLowerCase();
    // "USA Today", "Good Morning America Today": a capitalised title word, not the day
    if (/^[A-Z]/.test(m[3]!) && !m[1] && !m[2] && /[A-Za-z]\s+$/.test(text.slice(Math.max(0, m.index - 2), m.index)) && /\b[A-Z][A-Za-z]*\s+$/.test(text.slice(Math.max(0, m.index - 20), m.index))) return null;
    if (!m[1] && !m[2] && inTitle(text, m.index, m.index + m[0].length)) return null;
    // "the Today programme", "NBC's Today show": the name of a programme, not the day
    if (/^[A-Z]/.test(m[3]!) && !m[1] && !m[2] && /^\s+(?:programmes?|programs?|shows?|newspaper|presenters?|hosts?|broadcasts?|audience)\b/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 14))) return null;
    // "today's world", "today's youth", "the people of tomorrow": the present age, not a day
    const next = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    if (!m[1] && !m[2] && w !== 'yesterday' && /^['’]s\s+(?:[a-z]+\s+)?(?:world|society|youth|generation|children|kids|young|economy|technology|standards|culture|politics|students|families|consumers|workers|computers|environment|climate|terms)\b/.test(next)) return null;
    if (w === 'tomorrow' && !m[1] && !m[2] && /\bof\s+$/i.test(text.slice(Math.max(0, m.index - 4), m.index)) && /\b(?:people|leaders|world|city|cities|generation|workforce|schools?|jobs)\s+of\s+$/i.test(text.slice(Math.max(0, m.index - 24), m.index))) return null;
    // "a brighter tomorrow", "a better tomorrow": the future, not the next day
    if (w === 'tomorrow' && !m[1] && !m[2] && /\b(?:a|an)\s+(?:better|brighter|bright|happier|safer|stronger|greener|healthier|fairer|new|different|more\s+[a-z]+)\s+$/i.test(text.slice(Math.max(0, m.index - 30), m.index))) {
      return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DATE', value: 'FUTURE_REF', anchor: 'dct' }) };
    }
    // "tiny compared with today", "as deadly back then as they are today", "more than today": the
    // present age set against another time, not the day (TimeML's PRESENT_REF)
    if (w === 'today' && !m[1] && !m[2] && /^\s*(?:[.,;:!?)"”]|''|$)/.test(next) && NOWADAYS_BEFORE.test(text.slice(Math.max(0, m.index - 60), m.index))) {
      return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DATE', value: 'PRESENT_REF', anchor: 'dct' }) };
    }
    const offset = (w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : 0) + (m[2] ? (m[2].toLowerCase() === 'before' ? -1 : 1) : 0);
    const mod = modOf(m[1]);
    return {
      start: m.index,
      end: m.index + m[0].length,
      resolve: (ctx) => {
        if (!ctx.dct) return { type: 'DATE', value: w === 'today' ? 'PRESENT_REF' : 'XXXX-XX-XX', mod, anchor: 'none' };
        const day = addDays(ctx.dct, offset);
        return { type: 'DATE', value: fmtDay(day), mod, anchor: 'dct' };
      },
    };
  },
);

/** "the last day of June", "the last day of February 2009". */
const LAST_DAY_OF_MONTH = new RegExp(`^\\s+of\\s+(${MONTH_SRC})(?:,?\\s+(${YEAR4})(?!\\d))?(?!\\s*\\d)`);
/** "that day in April", "the same day in March 2004": the month after the day, with its year if given. */
const DAY_IN_MONTH = new RegExp(`^\\s+in\\s+(${MONTH_SRC})(?:,?\\s+(${YEAR4})(?!\\d))?(?!\\s*\\d)`);
/** Before a clause-final "today" set against another time: "compared with", "than", "as … as they are". */
// ("later than today", "as soon as today", "as early as today" name the day)
const NOWADAYS_BEFORE = /(?:\b(?:compared\s+(?:with|to)|(?<!\b(?:later|earlier|sooner|after|before)\s+)than|unlike)\s+|\bas\s+(?!(?:soon|early|late|recently|quickly)\s)(?:[a-z]+\s+){1,3}as\s+(?:(?:it|they|we|he|she|you|things|there)\s+(?:is|are|was|were)\s+)?)$/i;
// Relative calendar units: "last week", "this year", "next month", "earlier this month",
// "the end of this week", "the following year", "that day", "the weekend", "the year".
rule(
  'relative-unit',
  `\\b(?:(early|mid|late|earlier|later|the (?:end|beginning|start|middle|rest|remainder|close) of)[\\s-]+(?:in\\s+)?)?(last|this|next|this past|this coming|the (?:following|next|previous|preceding|prior|same|current|latest|coming|full|whole|entire)|that|the|the past|the last|current|coming|previous|following|same)\\s+(?:(fiscal|calendar)\\s+)?(week|weekend|month|year|decade|day|fortnight)(?![\\w-])(?:\\s+(?:before|after)(?=\\s*[.,;:!?]))?`,
  6,
  (m, text) => {
    const modWord = m[1]?.toLowerCase();
    const rel = m[2]!.toLowerCase();
    // "This Week", "This Morning" mid-sentence with capitals: a programme's name
    if (/^[A-Z]/.test(m[2]!) && /^[A-Z]/.test(m[4]!) && !modWord && /(?:[a-z,]\s+|[a-z,:'’]\s*(?:["“‘']|``)\s?)$/.test(text.slice(Math.max(0, m.index - 6), m.index))) return null;
    const fiscal = !!m[3];
    const unitWord = m[4]!.toLowerCase();
    const unit = unitKey(unitWord);
    const tail = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
    const beforeAfter = /\s(before|after)$/i.exec(m[0])?.[1]?.toLowerCase();
    // "over the next year and a half", "the past month and a half": one and a half units of time
    const andAHalf = /^\s+and\s+a\s+half\b/i.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 16));
    if (andAHalf && !modWord && !beforeAfter && /^the (?:next|past|last|coming)$|^(?:next|past)$/.test(rel) && unit !== 'WE') {
      return { start: m.index, end: m.index + m[0].length + andAHalf[0].length, resolve: () => ({ type: 'DURATION', value: durationValue(1.5, unit), anchor: 'none' }) };
    }
    if (rel === 'the' && !beforeAfter && !modWord) {
      if (unit === 'D' || unit === 'M') return null; // "the day" and "the month" are too vague alone
      if (unit === 'Y' && /^\s+(ended|ending)\b/i.test(tail)) {
        // "for the year ended Sept. 30": a fiscal year, annotated as a one-year duration
        return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DURATION', value: 'P1Y', anchor: 'none' }) };
      }
      if (unit === 'Y' && !fiscal && /^\s*(?:'s|’s|of|in which|when|before|after|\d)/i.test(tail)) return null;
      if (unit === 'Y' && !fiscal && !precededBy(text, m.index, /\b(for|in|during|of|over|through|throughout|this|last)\s+$/i)) return null;
      if (unit === 'W' && !precededBy(text, m.index, /\b(for|in|during|of|over|through|throughout|earlier|later)\s+$/i)) return null;
    }
    if (rel === 'that' && !/^(day|week|month|year)$/.test(unitWord)) return null;
    // "Person of the Year", "Multimedia Storytelling of the Year": an award's name
    if (rel === 'the' && unit === 'Y' && /^Y/.test(m[4]!) && /[A-Z][\w-]*\s+of\s+$/.test(text.slice(Math.max(0, m.index - 30), m.index))) return null;
    // "Until that day in April", "the same day in March 2004": a day of that month, which one unknown
    const dayOfMonth = (rel === 'that' || rel === 'the same') && unit === 'D' && !modWord && !beforeAfter
      ? DAY_IN_MONTH.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 30)) : null;
    const dayMonth = dayOfMonth ? monthNumber(dayOfMonth[1]!) : null;
    if (dayOfMonth && dayMonth) {
      const explicitY = dayOfMonth[2] ? +dayOfMonth[2] : null;
      return {
        start: m.index,
        end: m.index + m[0].length + dayOfMonth[0].length,
        resolve: (ctx) => {
          const y = explicitY ?? (ctx.dct ? yearFor(ctx.dct, dayMonth, undefined, ctx.tense()) : null);
          const mm = String(dayMonth).padStart(2, '0');
          return y === null
            ? { type: 'DATE', value: `XXXX-${mm}-XX`, anchor: 'none' }
            : { type: 'DATE', value: `${y}-${mm}-XX`, anchor: explicitY ? 'none' : 'dct', sets: { y, m: dayMonth } };
        },
      };
    }
    if (rel === 'the' && unit === 'D' && modWord === 'the end of' && precededBy(text, m.index, /\bat\s+$/i)) return null;
    if ((rel === 'the past' || rel === 'the last' || rel === 'the coming' || rel === 'the next' || rel === 'past' || rel === 'coming') && !modWord) {
      // "the past year" is a stretch of time ending now (DURATION); "the next day" is a day after the
      // reference, and so is "It happened the next year" (no preposition of extent before it)
      const nextAsDate = rel === 'the next' && !precededBy(text, m.index, /\b(?:over|during|in|within|for|throughout|through|into|of|across|at)\s+$/i)
        && !/^\s+of\b/i.test(tail);
      if ((unit !== 'D' || rel.includes('past') || rel.includes('last')) && !nextAsDate) {
        // "today would be the last day it would consider claims", "the last day of June": the final day,
        // not the past 24 hours ("in the last day", "over the last day")
        if (unit === 'D' && rel === 'the last' && !precededBy(text, m.index, /\b(?:in|over|during|within|for|throughout|through|past|of)\s+$/i)) {
          const ofMonth = LAST_DAY_OF_MONTH.exec(tail + text.slice(m.index + m[0].length + 12, m.index + m[0].length + 30));
          const mo = ofMonth ? monthNumber(ofMonth[1]!) : null;
          if (ofMonth && mo) {
            const explicitY = ofMonth[2] ? +ofMonth[2] : null;
            return {
              start: m.index,
              end: m.index + m[0].length + ofMonth[0].length,
              resolve: (ctx) => {
                const y = explicitY ?? (ctx.dct ? yearFor(ctx.dct, mo, undefined, ctx.tense()) : null);
                if (y === null) return { type: 'DATE', value: `XXXX-${String(mo).padStart(2, '0')}-XX`, anchor: 'none' };
                const day = { y, m: mo, d: daysInMonth(y, mo) };
                return { type: 'DATE', value: fmtDay(day), anchor: explicitY ? 'none' : 'dct', sets: day };
              },
            };
          }
          const copula = /\b(today|tomorrow|yesterday)?\s*(?:is|was|will be|would be|'s|’s)\s+$/i.exec(text.slice(Math.max(0, m.index - 30), m.index));
          return {
            start: m.index,
            end: m.index + m[0].length,
            resolve: (ctx) => {
              const deictic = copula?.[1]?.toLowerCase();
              if (deictic && ctx.dct) return { type: 'DATE', value: fmtDay(addDays(ctx.dct, deictic === 'today' ? 0 : deictic === 'tomorrow' ? 1 : -1)), anchor: 'dct' };
              if (copula && ctx.refInSentence && ctx.ref?.d !== undefined) return { type: 'DATE', value: fmtDay(refToYmd(ctx.ref)), anchor: 'text' };
              return { type: 'DATE', value: 'XXXX-XX-XX', anchor: 'none' };
            },
          };
        }
        if (unit === 'D' && (rel.includes('past') || rel.includes('last'))) return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DURATION', value: 'P1D', anchor: 'none' }) };
        if ((rel.includes('past') || rel.includes('last')) && unit === 'WE') {
          // "the past weekend" is last weekend, a date
          return {
            start: m.index,
            end: m.index + m[0].length,
            resolve: (ctx) => (ctx.dct ? { type: 'DATE', value: `${fmtWeek(weekdayDate(ctx.dct, 6, 'past', null))}-WE`, anchor: 'dct' } : { type: 'DATE', value: 'XXXX-WXX-WE', anchor: 'none' }),
          };
        }
        if ((rel.includes('past') || rel.includes('last')) && (unit === 'Y' || unit === 'DE') && /^the\s/i.test(rel)) {
          // "over the past year", "in the last decade": TE3's annotators (TimeBank 3 of 3, aquaint-A
          // 0 of 1) write the calendar unit before the document's, not a one-unit duration
          return {
            start: m.index,
            end: m.index + m[0].length,
            resolve: (ctx) => (ctx.dct
              ? { type: 'DATE', value: atGranularity(shiftBy(ctx.dct, -1, unit), unit), anchor: 'dct' }
              : { type: 'DATE', value: unresolved('year'), anchor: 'none' }),
          };
        }
        if (rel.includes('past') || rel.includes('last')) {
          // "the past week": the stretch of time ending now
          return {
            start: m.index,
            end: m.index + m[0].length,
            resolve: () => ({ type: 'DURATION', value: durationValue(1, unit), anchor: 'none' }),
          };
        }
        return {
          start: m.index,
          end: m.index + m[0].length,
          resolve: () => ({ type: 'DURATION', value: durationValue(1, unit), anchor: 'none' }),
        };
      }
    }
    let mod = modOf(modWord);
    if (modWord === 'the rest of' || modWord === 'the remainder of') mod = undefined;
    return {
      start: m.index,
      end: m.index + m[0].length,
      resolve: (ctx) => {
        const textual = /following|the next|previous|preceding|prior|same|that/.test(rel) || beforeAfter !== undefined;
        let base: Ymd | null;
        let anchor: 'dct' | 'text' = 'dct';
        // the clause's tense, without the "next" of the expression itself ("It was repealed the next year")
        const clause = text.slice(Math.max(0, m.index - 100), m.index).split(/[.!?;]\s/).pop()!;
        const pastBefore = rel === 'the next' && unit !== 'D' && /\b(?:was|were|had|did|came|went|took|made|began|left|won|lost|[a-z]{3,}ed)\b/i.test(clause)
          && !/\b(?:will|would|shall|['’]ll|expected|planned|scheduled|due|hoped|intended)\b/i.test(clause);
        if (textual && ctx.ref && (rel !== 'the next' || pastBefore || ctx.tense() === 'past')) {
          // "the day before" a month ("arrived in March 2004 … the day before") names no day
          const fine = unit === 'Y' || (unit === 'M' || unit === 'Q' || unit === 'H' ? ctx.ref.m !== undefined : ctx.ref.d !== undefined);
          // "He was elected in March. That day …": a day of the month the text has just told of, which
          // one unknown; only a month named in this sentence or the one before for a past event (a month
          // named further back, or hoped for, "not going to be over in February", is often not that day's)
          if (!fine && unit === 'D' && (rel === 'that' || rel === 'the same' || rel === 'same') && !beforeAfter && ctx.ref.m !== undefined
            && (ctx.refInSentence || ctx.refInPreviousSentence) && (ctx.refToldAsPast?.() ?? false)) {
            return { type: 'DATE', value: `${ctx.ref.y}-${String(ctx.ref.m).padStart(2, '0')}-XX`, mod, anchor: 'text' };
          }
          if (!fine) return { type: 'DATE', value: unresolved(unit === 'D' ? 'day' : unit === 'M' ? 'month' : unit === 'W' || unit === 'WE' ? 'week' : 'year'), mod, anchor: 'none' };
          base = refToYmd(ctx.ref);
          anchor = 'text';
        } else base = ctx.dct;
        if (!base) {
          return { type: 'DATE', value: unresolved(unit === 'D' ? 'day' : unit === 'M' ? 'month' : unit === 'W' || unit === 'WE' ? 'week' : 'year'), mod, anchor: 'none' };
        }
        let n = 0;
        if (/last|previous|preceding|prior|this past|latest/.test(rel)) n = -1; // "the latest fiscal year": the last one completed
        else if (/next|following|coming/.test(rel)) n = 1;
        if (beforeAfter) n = beforeAfter === 'before' ? -1 : 1;
        if (rel === 'the' && unit === 'WE') {
          const t = ctx.tense();
          const d = t === 'present' ? addDays(base, 6 - isoWeekday(base)) : weekdayDate(base, 6, t, null);
          return { type: 'DATE', value: `${fmtWeek(d)}-WE`, mod, anchor };
        }
        const p = shiftBy(base, n, unit === 'WE' ? 'W' : unit);
        if (unit === 'D') {
          const sets = { y: p.y, m: p.m, d: p.d };
          return { type: 'DATE', value: fmtDay(p), mod, anchor, sets };
        }
        if (rel === 'last' && unit === 'WE') {
          const d = weekdayDate(base, 6, 'past', null);
          return { type: 'DATE', value: `${fmtWeek(d)}-WE`, mod, anchor };
        }
        return { type: 'DATE', value: atGranularity(p, unit), mod, anchor };
      },
    };
  },
);

// "today is the eighth day of the operation", "It's the second day of an offensive": the day in
// question is the document's (present tense) or the day the sentence has named.
rule('nth-day', `\\b(?:the\\s+)?(${ORDINAL_SRC})\\s+(?:straight\\s+|consecutive\\s+|full\\s+)?day\\b(?!s)`, 6, (m, text) => {
  const ord = parseOrdinal(m[1]!.toLowerCase());
  if (!ord || ord < 2 || ord > 400) return null;
  const verb = /\b(is|it's|it’s|marks|was|marked|on|into|entered|enters)\s+$/i.exec(text.slice(Math.max(0, m.index - 12), m.index))?.[1]?.toLowerCase();
  if (!verb) return null;
  const present = /^(is|it's|it’s|marks)$/.test(verb);
  return {
    start: m.index,
    end: m.index + m[0].length,
    resolve: (ctx) => {
      if (present || (ctx.tense() === 'present' && !(ctx.refInSentence && ctx.ref?.d !== undefined))) {
        return ctx.dct ? { type: 'DATE', value: fmtDay(ctx.dct), anchor: 'dct' } : null;
      }
      if (ctx.refInSentence && ctx.ref?.d !== undefined) return { type: 'DATE', value: fmtDay(refToYmd(ctx.ref)), anchor: 'text' };
      return null;
    },
  };
});

// "this crucial moment", "this moment": the present.
rule('this-moment', `\\bthis\\s+(?:[a-z]+\\s+)?moment\\b`, 4, (m) => ({
  start: m.index,
  end: m.index + m[0].length,
  resolve: () => ({ type: 'DATE', value: 'PRESENT_REF', anchor: 'dct' }),
}));

// Offsets: "a year ago", "two weeks ago", "six months earlier", "a day later", "three years before".
rule(
  'offset',
  `\\b(?:(${QUANT_SRC})\\s+)?(${NUM_SRC})\\s+(${UNIT_SRC})(\\s+and\\s+a\\s+half)?(?:\\s+or\\s+so)?\\s+(ago|earlier|later|before|after|from now|hence|since)\\b`,
  9,
  (m, text) => {
    const n0 = parseNumber(m[2]!);
    const n = m[4] && n0 !== 'X' ? n0 + 0.5 : n0;
    const unit = unitKey(m[3]!);
    const dir = m[5]!.toLowerCase();
    const mod = /or so/.test(m[0]) ? 'APPROX' : modOf(m[1]);
    // "Rig worker makes safety charge - 28 hrs ago Mirror": a related-stories widget's stamp, counted from
    // when the page was scraped (unknown), not from the article's date
    if (dir === 'ago' && /^(?:hrs|mins)$/i.test(m[3]!) && /\s[-–—|]\s+$/.test(text.slice(Math.max(0, m.index - 4), m.index))) return null;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
    if (((dir === 'before' || dir === 'after' || dir === 'since') && /^\s+(?!that\b|then\b|[.,;])\S/.test(after))
      // "three months later than promised": a length compared, not a date
      || ((dir === 'later' || dir === 'earlier') && /^\s+than\b/i.test(after))) {
      // "two weeks before the outbreak": TimeML marks the duration; the anchor is an event
      const end = m.index + m[0].length - dir.length - 1;
      return { start: m.index, end, resolve: () => ({ type: 'DURATION', value: durationValue(n, unit), mod, anchor: 'none' }) };
    }
    if (dir === 'since') return null;
    if ((dir === 'later' || dir === 'earlier') && (unit === 'D' || unit === 'W' || unit === 'H' || unit === 'MIN' || unit === 'S')) {
      // "three days later", "a day earlier": TE3 marks the length of the interval (the anchor is
      // an event); "later"/"earlier" is the signal and stays out of the span
      const end = m.index + m[0].length - dir.length - 1;
      return { start: m.index, end, resolve: () => ({ type: 'DURATION', value: durationValue(n, unit), mod, anchor: 'none' }) };
    }
    return {
      start: m.index,
      end: m.index + m[0].length,
      resolve: (ctx) => {
        const sign = dir === 'ago' || dir === 'earlier' || dir === 'before' ? -1 : 1;
        if (n === 'X') return { type: 'DATE', value: sign < 0 ? 'PAST_REF' : 'FUTURE_REF', mod, anchor: 'dct' };
        // "a decade later" counts from a time the text has set; without one it is only a length
        if (dir === 'later' && (!ctx.ref || (ctx.ref.m === undefined && (unit === 'M' || unit === 'Q')))) return { type: 'DURATION', value: durationValue(n, unit), mod, anchor: 'none' };
        // "under which we still live today, more than 200 years later": a time counted from the text's
        // that lies after the document date in a clause not about the future is only a length
        const laterThanDct = (p: Ymd): boolean => !!ctx.dct && atGranularity(p, unit) > atGranularity(ctx.dct, unit) && ctx.tense() !== 'future';
        if (dir === 'later' && ctx.ref!.d === undefined) {
          const p = shiftBy(refToYmd(ctx.ref!), Math.round(n), unit);
          if (laterThanDct(p)) return { type: 'DURATION', value: durationValue(n, unit), mod, anchor: 'none' };
          return { type: 'DATE', value: atGranularity(p, unit), mod, anchor: 'text' };
        }
        if (dir === 'later' && ctx.ref?.d !== undefined && laterThanDct(shiftBy(refToYmd(ctx.ref), Math.round(n), unit))) {
          return { type: 'DURATION', value: durationValue(n, unit), mod, anchor: 'none' };
        }
        const useText = dir !== 'ago' && dir !== 'from now' && dir !== 'hence' && ctx.ref && ctx.ref.d !== undefined;
        const base = useText ? refToYmd(ctx.ref!) : ctx.dct;
        if (!base) return { type: 'DATE', value: 'XXXX-XX-XX', mod, anchor: 'none' };
        if (unit === 'H' || unit === 'MIN' || unit === 'S') {
          // "28 hrs ago": a day or more of hours reaches back into an earlier day
          const days = unit === 'H' && typeof n === 'number' && n >= 24 ? Math.floor(n / 24) * (dir === 'ago' || dir === 'earlier' || dir === 'before' ? -1 : 1) : 0;
          return { type: 'DATE', value: fmtDay(addDays(base, days)), mod, anchor: useText ? 'text' : 'dct' };
        }
        // "a year earlier" in a sentence about a quarter means that quarter a year before
        if (unit === 'Y' && n === 1 && ctx.lastQuarter && dir !== 'later') {
          return { type: 'DATE', value: fmtQuarter(ctx.lastQuarter.y - 1, ctx.lastQuarter.q), mod, anchor: 'dct' };
        }
        // "a year and a half ago": counted in months, named at month granularity
        if (!Number.isInteger(n) && (unit === 'Y' || unit === 'DE')) {
          const p = addMonths(base, Math.round(sign * n * (unit === 'Y' ? 12 : 120)));
          return { type: 'DATE', value: fmtMonth(p.y, p.m), mod, anchor: useText ? 'text' : 'dct' };
        }
        const whole = Math.round(n);
        const p = shiftBy(base, sign * whole, unit);
        // "125,000 years ago", "2,500 years ago": before year 1 there is no calendar value to write
        if (p.y < 1) return { type: 'DATE', value: sign < 0 ? 'PAST_REF' : 'FUTURE_REF', mod, anchor: 'dct' };
        // "two weeks ago", "a week or so ago": TimeBank writes the day (2 of 4; 1 week, 1 WXX)
        if (unit === 'W' && dir === 'ago') return { type: 'DATE', value: fmtDay(p), mod, anchor: 'dct' };
        return { type: 'DATE', value: atGranularity(p, unit), mod, anchor: useText ? 'text' : 'dct' };
      },
    };
  },
);

const ROUND_THE_CLOCK_AFTER = /\b(?:24|twenty-four) hours (?:a|per) day|\b(?:7|seven) days (?:a|per) week|\b365 days (?:a|per) year/i;
const ROUND_THE_CLOCK_BEFORE = /\b(?:(?:24|twenty-four) hours|(?:7|seven) days|365 days)\s+$/i;

// Durations: "50 minutes", "two hours", "a decade", "the past five years", "more than four hours",
// "five-year", "the first nine months", "2 1/2 years".
rule(
  'duration',
  `\\b(?:(${QUANT_SRC})\\s+)?(?:the\\s+)?(?:(past|last|next|first|coming|previous|following|final|latest|recent|initial|same|remaining|other|additional|entire|full|whole)\\s+)?(?:(${QUANT_SRC})\\s+)?((?:\\d+|${UNITS_WORDS}|ten|twelve)\\s*(?:to|or|-|–)\\s*)?(${NUM_SRC})(?:\\s+more|\\s+and\\s+a\\s+half|\\s+plus|\\+)?([\\s-]+)(?:(?:trading|business|working|school)\\s+(?=days?\\b|weeks?\\b))?(?:(?:consecutive|straight|successive)\\s+)?(${UNIT_SRC})(?:\\s+and\\s+a\\s+half)?(-old|-long)?\\b`,
  5,
  (m, text) => {
    const rangeFrom = m[4];
    const numWord = m[5]!;
    let n = parseNumber(numWord);
    const unitWord = m[7]!;
    const unit = unitKey(unitWord);
    const hyphen = m[6]!.includes('-');
    const lowNum = numWord.toLowerCase();
    if (/\band a half\b/.test(m[0])) n = n === 'X' ? n : n + 0.5;
    // a bare "a/an/some/many + unit" is often not a duration ("a day of protests"): accept the
    // common cases only
    if (rangeFrom && !/^\d|^[a-z]+$/i.test(lowNum)) return null;
    // a widget's "- 28 hrs ago" left alone by the offset rule is no length either
    if (/^(?:hrs|mins)$/i.test(unitWord) && /^\s+ago\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 5))) return null;
    // "compares Gulf oil disaster to 9/11 - 2 hrs ago", "2:12 - 8 hrs ago": the first number ends a date or a time
    if (rangeFrom && /[/:.]$/.test(text.slice(Math.max(0, m.index - 1), m.index))) return null;
    if ((lowNum === 'a' || lowNum === 'an') && !rangeFrom) {
      const next = text.slice(m.index + m[0].length, m.index + m[0].length + 14);
      // "a quarter of the cost" is a fraction; "only a minute chance" an adjective
      if (unit === 'Q' && /^\s+of\b/i.test(next)) return null;
      if (unit === 'MIN' && !hyphen && /^\s+(?:chance|amount|fraction|quantit|trace|detail|portion|number|percentage|risk|probability|particle)/i.test(next)) return null;
    }
    if ((lowNum === 'a' || lowNum === 'an') && !m[1] && !m[2] && !m[3]) {
      if (rangeFrom) return null;
      const prev = text.slice(Math.max(0, m.index - 40), m.index);
      if (ROUND_THE_CLOCK_BEFORE.test(prev)) return null;
      // a price or a sum of money per unit ("$1.76 a year", "save $500 million a year") is a rate,
      // which TE3's annotators leave alone; counts of events per unit ("interviews a day") are sets
      if (/(?:[$£€#]\s?\d[\d.,]*(?:\s+(?:million|billion|trillion))?|\b(?:dollars?|cents?|euros?|pounds?|yen))(?:\s+(?:in|of)\s+[a-z-]+(?:\s+[a-z-]+)?)?\s*$/i.test(prev)) return null;
      if (/(?:\d|million|billion|thousand|hundred|percent|%|times|once|twice|dollars?|cents?|euros?|pounds?|yen)[^\s.!?]*(?:\s+(?:[a-z]+|[A-Z]+s))?(?:\s+[a-z]+)?\s*$/.test(prev) && !/\b(for|in|within|over|after|than|about|nearly|almost|than|took|takes|spent|last|of)\s*$/i.test(prev)) {
        return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'SET', value: durationValue(1, unit), anchor: 'none' }) };
      }
      if (!/\band a half\b/.test(m[0]) && !/\b(for|in|within|over|after|than|about|nearly|almost|take|takes|took|lasted|last|spent|spend|only|just|least|of|as (?:long|short|little|much) as)\s+$/i.test(prev)) return null;
      if (unit === 'Q') return null;
      // "a second term", "for a second time": an ordinal, not a duration
      if (unit === 'S' && /^\s+(?!of\b|and\b|or\b|later\b|earlier\b|ago\b|before\b|after\b)[a-z]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12))) return null;
    }
    if (lowNum === 'some' && unit !== 'Y' && unit !== 'M') return null;
    // "I hope I can be like that one day.", "until one day everything sinks": some day, not a length
    if (lowNum === 'one' && unit === 'D' && !m[1] && !m[2] && !m[3] && !hyphen && !/days/i.test(unitWord)
      && !precededBy(text, m.index, /\b(?:just|only|with|in|for|than|about|nearly|almost|of|the|every|least|last|first|a|per|within|after|over|spend|spent|took|take|takes|lasted|by|to|on)\s+$/i)
      && /^(?:\s*(?:[.,;!?"”)]|''|$)|\s+(?:and|when|everything|most|we|you|they|he|she|it|soon|all)\b)/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 12))
      // "hale and hearty one day and three or four days later, dead": one day of several
      && !/^[^.;!?]{0,40}\b(?:later|the next)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 50))
      // in a clause of hope, possibility or waiting ("had only been in the job one day" is a length)
      && /\b(?:will|would|could|can|might|may|must|should|hope[sd]?|hoping|wish|until|till|maybe|perhaps|bound to|going to)\b[^.;!?]{0,60}$/i.test(text.slice(Math.max(0, m.index - 70), m.index))) {
      return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DATE', value: 'FUTURE_REF', anchor: 'dct' }) };
    }
    // "Islam will one day be …", "hopes to one day follow": an indefinite future, not a day's length
    if (lowNum === 'one' && unit === 'D' && !m[1] && !m[2] && !m[3] && !hyphen
      && precededBy(text, m.index, /\b(will|would|could|might|may|can|should|must|hopes?|hoped|hoping|to|he|she|they|we|i|you)\s+$/i)
      && /^\s+[a-z]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 3))) {
      return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DATE', value: 'FUTURE_REF', anchor: 'dct' }) };
    }
    if (lowNum === 'many' || lowNum === 'few') {
      if (!m[2] && !/^the/i.test(m[0])) return null;
    }
    if (unit === 'Q' && !m[2] && !/\bthe\b/i.test(m[0]) && !hyphen) return null;
    if (unit === 'Q' && /^(three|two|one)$/i.test(numWord) && hyphen) return null; // "three-quarters"
    // "the first two quarters of 1990": a half of the year (the 'two-quarters' rule)
    if (unit === 'Q' && /^two$/i.test(numWord) && /^(first|last|second)$/i.test(m[2] ?? '') && new RegExp(`^\\s+of\\s+(?:${YEAR4}|this|last|next)\\b`).test(text.slice(m.index + m[0].length, m.index + m[0].length + 12))) return null;
    const tail = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
    if (m[8]?.toLowerCase() === '-old' || /^[\s-]+old\b/i.test(tail)) {
      if (unit === 'Y' && !/month|week|day/.test(unitWord)) return null; // ages are not durations
    }
    if (unit === 'WE' && n === 1) return null;
    if (/^\d/.test(numWord) && parseFloat(numWord) > 1000) return null;
    // "CBS's 60 Minutes", "48 Hours": a capitalised unit after a figure is a programme's title
    if (/^\d/.test(numWord) && /^[A-Z][a-z]/.test(unitWord)) return null;
    // "24 hours a day, seven days a week": an idiom for "all the time", not a duration
    if (ROUND_THE_CLOCK_AFTER.test(`${m[0]}${text.slice(m.index + m[0].length, m.index + m[0].length + 8)}`)) return null;
    let start = m.index;
    let quant: string | undefined = m[1];
    if (quant && /^(over|under)$/i.test(quant) && (/^\w+\s+the\b/i.test(m[0]) || !precededBy(text, m.index, /\b(for|lasted|lasting|took|take|takes|spent|in|of|after|than|just|well)\s+$/i))) {
      // "over the past 30 years": a preposition, not a quantifier
      start = m.index + m[0].indexOf(' ') + 1;
      quant = undefined;
    }
    // "for only six months", "in just a few minutes": TE3 leaves the focus adverb out (3 of 3)
    if (quant && /^only$/i.test(quant)) {
      start = m.index + quant.length + 1;
      quant = undefined;
    }
    // "the talks would last several weeks": "last" is the verb, not part of the expression
    if (m[2]?.toLowerCase() === 'last' && !/^(?:\S+\s+)?the\s/i.test(m[0]) && precededBy(text, m.index, /\b(?:will|would|could|may|might|to|should|can|must|did|does|do|not|n't)\s+$/i)) {
      start = m.index + m[0].search(/last\s/i) + 5;
    }
    // "the two-day visit": an adjectival duration leaves the article out of the span
    if (hyphen && !m[1] && !m[2] && !m[3] && !rangeFrom && /^the\s/i.test(m[0])) start = m.index + m[0].search(/\s\S/) + 1;
    // "15 plus years", "10+ years": at least that many
    const plus = /^\d[\d,]*\+|\splus\s/i.test(m[0].slice(m[0].indexOf(numWord)));
    const mod = plus ? 'EQUAL_OR_MORE' : modOf(quant ?? m[3]);
    const fortnight = /fortnight/i.test(unitWord);
    // "two to three weeks", "12 to 18 months": an unspecified number of units
    const value = durationValue(rangeFrom ? 'X' : n, unit, fortnight);
    return { start, end: m.index + m[0].length, resolve: () => ({ type: 'DURATION', value, mod, anchor: 'none' }) };
  },
);

// "half an hour", "about half a year", "half a century".
const HALF_OF: Record<string, string> = { minute: 'PT30S', hour: 'PT30M', day: 'PT12H', week: 'P3D', month: 'P2W', year: 'P6M', decade: 'P5Y', century: 'P50Y' };
// "the past half-century", "a half-decade": the hyphenated unit, with "the past/last/next" kept in the span.
rule('half-unit', `\\b(?:(?:(${QUANT_SRC})\\s+)?(?:(?:a|one)\\s+)?|(?:the\\s+)?(?:past|last|next|previous)\\s+)half(?:\\s+(?:an?\\s+)?|-)(minute|hour|day|week|month|year|decade|century)\\b(?![\\w-])(?:\\s+(?:later|earlier))?`, 7, (m) => {
  const value = HALF_OF[m[2]!.toLowerCase()]!;
  const mod = modOf(m[1]);
  return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DURATION', value, mod, anchor: 'none' }) };
});

// "another year", "an additional year", "a full week": one more unit of time.
rule('one-more-unit', `\\b(another|an? (?:additional|extra|full|entire|whole))\\s+(year|month|week|day|hour|decade|minute)\\b(?![\\w-])`, 5, (m, text) => {
  if (/^\s*(?:of|old)\b/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 6))) return null;
  const unit = unitKey(m[2]!);
  return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DURATION', value: durationValue(1, unit), anchor: 'none' }) };
});

// Bare plural units standing for an unspecified amount: "for years", "in recent weeks", "coming months",
// "decades-long", "centuries".
rule(
  'vague-duration',
  `\\b(?:(recent|coming|the coming|the past few|the last few|the next few|the past several|the last several|the next several|past|several|the)\\s+)?(years|months|weeks|days|hours|minutes|decades|centuries|quarters)(-long)?\\b`,
  4,
  (m, text) => {
    const det = m[1]?.toLowerCase();
    const unit = unitKey(m[2]!);
    if (!det) {
      const tl = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
      if (/^\s+ago\b/i.test(tl)) return { start: m.index, end: m.index + m[0].length + tl.indexOf('ago') + 3, resolve: () => ({ type: 'DATE', value: 'PAST_REF', anchor: 'dct' }) };
      const tail = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
      // "follows months of twists and turns" (TimeBank), "after years of negotiations", "reflects years
      // of poor labor relations": an unspecified stretch of the thing that filled it
      const stretchOf = m[2] !== 'quarters' && m[2] !== 'minutes' && /^\s+of\s+(?!age\b|the\b|this\b|that\b|its\b|his\b|her\b|their\b)[a-z]/.test(tail)
        && precededBy(text, m.index, /\b(?:after|despite|following|follows|followed|amid|through|ending|ends|ended|endured|endure|reflects|reflected|caps|capped|culminat(?:es|ed|ing))\s+$/i);
      if (!stretchOf) {
        if (!m[3] && !precededBy(text, m.index, /\b(for|over|in|within|took|take|takes|lasted|spent|spend|spends|spending)\s+$/i)) return null;
        if (/^\s+(of|old|later|earlier|before|after|to come)\b/i.test(tail)) return null;
      }
    }
    if (det === 'the' && !/\b(over|in|during|through|for)\s+$/i.test(text.slice(Math.max(0, m.index - 10), m.index))) return null;
    // "in the weeks ahead" (TimeBank's span keeps "ahead")
    const ahead = (det === 'the' || det === 'the coming') && /^\s+ahead\b/i.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 8));
    if (det === 'past' || det === 'several') {
      if (det === 'past' && unit !== 'Y') return null;
      if (det === 'past') return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DATE', value: 'PAST_REF', anchor: 'dct' }) };
    }
    if (det === 'recent' && unit === 'Y') return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DATE', value: 'PAST_REF', anchor: 'dct' }) };
    return { start: m.index, end: m.index + m[0].length + (ahead ? ahead[0].length : 0), resolve: () => ({ type: 'DURATION', value: durationValue('X', unit), anchor: 'none' }) };
  },
);

// "a week-long visit", "their third day-long meeting", "an hourlong speech": one unit as an
// adjective, a duration of that unit (aquaint-A writes "day-long" P1D; AP spells them closed up).
rule('unit-long', `\\b(day|week|hour|month|year|minute|decade)-?long\\b(?!-)`, 5, (m) => {
  const value = durationValue(1, unitKey(m[1]!));
  return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'DURATION', value, anchor: 'none' }) };
});

// Holidays: "Christmas", "New Year's Day", "Thanksgiving", "Easter Sunday", "Labor Day".
/** Easter Sunday (Gregorian computus). */
function easter(y: number): Ymd {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { y, m: month, d: ((h + l - 7 * m + 114) % 31) + 1 };
}
/** The n-th (n > 0) or last (n = -1) weekday `wd` of a month. */
function nthWeekday(y: number, mo: number, wd: number, n: number): Ymd {
  if (n > 0) {
    const first = isoWeekday({ y, m: mo, d: 1 });
    return { y, m: mo, d: 1 + ((wd - first + 7) % 7) + 7 * (n - 1) };
  }
  const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  const last = isoWeekday({ y, m: mo, d: lastDay });
  return { y, m: mo, d: lastDay - ((last - wd + 7) % 7) };
}
const HOLIDAYS: Record<string, (y: number) => Ymd> = {
  'christmas': (y) => ({ y, m: 12, d: 25 }),
  'christmas day': (y) => ({ y, m: 12, d: 25 }),
  'christmas eve': (y) => ({ y, m: 12, d: 24 }),
  "new year's day": (y) => ({ y, m: 1, d: 1 }),
  "new year's eve": (y) => ({ y, m: 12, d: 31 }),
  'independence day': (y) => ({ y, m: 7, d: 4 }),
  'halloween': (y) => ({ y, m: 10, d: 31 }),
  "valentine's day": (y) => ({ y, m: 2, d: 14 }),
  'veterans day': (y) => ({ y, m: 11, d: 11 }),
  'boxing day': (y) => ({ y, m: 12, d: 26 }),
  'bastille day': (y) => ({ y, m: 7, d: 14 }),
  'thanksgiving': (y) => nthWeekday(y, 11, 4, 4),
  'thanksgiving day': (y) => nthWeekday(y, 11, 4, 4),
  'labor day': (y) => nthWeekday(y, 9, 1, 1),
  'memorial day': (y) => nthWeekday(y, 5, 1, -1),
  "mother's day": (y) => nthWeekday(y, 5, 7, 2),
  "father's day": (y) => nthWeekday(y, 6, 7, 3),
  'easter': easter,
  'easter sunday': easter,
  'good friday': (y) => addDays(easter(y), -2),
  // US general elections: the Tuesday after the first Monday of November
  'election day': (y) => addDays(nthWeekday(y, 11, 1, 1), 1),
};
rule(
  'holiday',
  `\\b(?:[Tt]he\\s+day\\s+(before|after)\\s+)?(Christmas(?: Day| Eve)?|New Year['’]s (?:Day|Eve)|Independence Day|Halloween|Valentine['’]s Day|Veterans['’]? Day|Boxing Day|Bastille Day|Thanksgiving(?: Day)?|Labor Day|Memorial Day|Mother['’]s Day|Father['’]s Day|Easter [Ww]eek|Holy Week|Easter(?: Sunday)?|Good Friday|Election Day)\\b(?:(?:(?:\\s*,)?\\s+|\\s+(?:in|of)\\s+)(${YEAR4})(?!\\d))?`,
  9,
  (m, text) => {
    const name = m[2]!.replace(/’/g, "'").replace(/^Veterans' /, 'Veterans ').toLowerCase();
    // "as Easter week began" (on Palm Sunday), "Holy Week": the week that ends on Easter Sunday
    const easterWeek = name === 'easter week' || name === 'holy week';
    const holiday = HOLIDAYS[easterWeek ? 'easter' : name];
    if (!holiday) return null;
    // "the day before Thanksgiving in 1991": one day off the holiday
    const shift = !m[1] ? 0 : m[1].toLowerCase() === 'before' ? -1 : 1;
    const when = shift ? (y: number) => addDays(holiday(y), shift) : holiday;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
    // a bare "Christmas" or "Easter" is often an adjective ("Christmas trees"): need a preposition
    if (/^(christmas|easter|thanksgiving|halloween)$/.test(name) && !m[3] && !shift
      && !precededBy(text, m.index, /\b(on|before|after|since|until|till|by|at|over|around|for|during|through|of|from|to|near|this|last|next|past)\s+$/i)) return null;
    // "Halloween masks", "Christmas shopping": the holiday names a kind of thing, not a day
    if (!m[3] && /^\s+(?:masks?|costumes?|part(?:y|ies)|trees?|cards?|gifts?|presents?|shopping|shoppers|sales?|dinners?|decorations?|lights|music|songs?|carols?|specials?|episodes?|candy|movies?|markets?|spirit|bonus(?:es)?|stor(?:y|ies)|message|address|truce|lunch|menu|ham|turkey|eggs?|bunny|parade|rush|travel(?:ers)?)\b/.test(after)) return null;
    // "the Boxing Day tsunami", "the Good Friday Agreement", "the Christmas Day bomber": a named
    // event of some other year, not this year's holiday
    if (!m[3] && /^\s+(?:tsunami|earthquake|quake|massacre|bombings?|bomber|attacks?|offensive|storms?|floods?|fires?|agreement|accord|uprising|rising|plot|shooting|killings?|riots?)\b/i.test(after)) return null;
    const explicitY = m[3] ? +m[3] : null;
    if (easterWeek) {
      if (shift) return null;
      return {
        start: m.index,
        end: m.index + m[0].length,
        resolve: (ctx) => {
          if (explicitY) return { type: 'DATE', value: fmtWeek(easter(explicitY)), anchor: 'none' };
          if (!ctx.dct) return { type: 'DATE', value: 'XXXX-WXX', anchor: 'none' };
          const guess = easter(ctx.dct.y);
          return { type: 'DATE', value: fmtWeek(easter(yearFor(ctx.dct, guess.m, guess.d, ctx.tense()))), anchor: 'dct' };
        },
      };
    }
    return {
      start: m.index,
      end: m.index + m[0].length,
      resolve: (ctx) => {
        if (explicitY) {
          const p = when(explicitY);
          return { type: 'DATE', value: fmtDay(p), anchor: 'none', sets: { y: p.y, m: p.m, d: p.d } };
        }
        if (!ctx.dct) {
          const p = when(2000);
          return { type: 'DATE', value: `XXXX-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`, anchor: 'none' };
        }
        const guess = when(ctx.dct.y);
        const y = yearFor(ctx.dct, guess.m, guess.d, ctx.tense());
        const p = y === ctx.dct.y ? guess : when(y);
        return { type: 'DATE', value: fmtDay(p), anchor: 'dct', sets: { y: p.y, m: p.m, d: p.d } };
      },
    };
  },
  'g',
);

// Unquantified stretches: "for a while", "for some time", "for a long time".
rule('vague-stretch', `\\b(?:for|in|after|within)\\s+(a while|some time|a long time|a short time|a little while|quite some time|a (?:fairly |very )?(?:long|lengthy|short|brief) (?:period|time|while))\\b`, 4, (m) => {
  const start = m.index + m[0].length - m[1]!.length;
  return { start, end: m.index + m[0].length, resolve: () => ({ type: 'DURATION', value: 'PXX', anchor: 'none' }) };
});

// Sets: "every week", "every single day", "each Thursday", "daily", "twice a week", "on Tuesdays", "each July".
rule(
  'set',
  `\\b(?:(?:every|each)\\s+(?:other\\s+|single\\s+)?(?:(${NUM_SRC})\\s+)?(${UNIT_SRC}|${WEEKDAY_SRC}|${MONTH_SRC}|spring|summer|fall|autumn|winter|morning|night|evening)|(daily|weekly|monthly|annually|yearly|hourly|nightly|quarterly|biweekly|semiannually)|(?:once|twice|three times|four times|\\d+ times)\\s+(?:a|per|each|every)\\s+(${UNIT_SRC})|per\\s+(year|month|week|day|hour|annum))\\b`,
  7,
  (m, text) => {
    const s = m[0].toLowerCase();
    let value: string;
    if (m[3]) {
      if (/^(weekly|monthly|daily|quarterly)$/i.test(m[3]) && /^\s+[A-Z]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 3)) && /^[A-Z]/.test(m[3])) return null;
      const map: Record<string, string> = { daily: 'P1D', weekly: 'P1W', monthly: 'P1M', annually: 'P1Y', yearly: 'P1Y', hourly: 'PT1H', nightly: 'P1D', quarterly: 'P1Q', biweekly: 'P2W', semiannually: 'P6M' };
      value = map[m[3].toLowerCase()]!;
      // "rise 8.5% annually": a growth rate, not a recurring time
      if (/(?:%|\bpercent)\s*$/i.test(text.slice(Math.max(0, m.index - 10), m.index))) return null;
      // "daily" as an adjective before a noun ("the daily newspaper") is not a set expression
      const nxt = text.slice(m.index + m[0].length, m.index + m[0].length + 14);
      if (/^[A-Z]/.test(m[3]) && /[A-Z][A-Za-z]*\s+$/.test(text.slice(Math.max(0, m.index - 12), m.index))) return null; // "NBC Nightly News"
      const prev = text.slice(Math.max(0, m.index - 14), m.index);
      // "the Communist Party daily Granma": a newspaper
      if (/^\s+[A-Z][a-z]/.test(nxt) && /[A-Z][a-z]+\s+$/.test(prev)) return null;
      // an adjective ("daily flights", "average daily volume", "its quarterly dividend") names a kind
      // of thing, except "daily"/"weekly" right after a determiner, where it says how often ("his
      // daily life", "on a daily basis", "his weekly radio address")
      if (/^(daily|weekly|monthly|quarterly|yearly|nightly)$/i.test(m[3]) && /^\s+[a-z]/.test(nxt) && !/^\s+(to|for|in|at|on|and|or|by|from|since|until|through|during|with|as|but)\b/.test(nxt)
        && !(/^(daily|weekly|nightly)$/i.test(m[3]) && /\b(?:his|her|their|its|our|my|your|a|the)\s+$/i.test(prev))) return null;
    } else if (m[4] || m[5]) value = durationValue(1, unitKey((m[4] ?? m[5])!));
    else {
      const what = m[2]!;
      const wd = weekdayNumber(what);
      const mo = monthNumber(what);
      if (wd && /^[A-Z]/.test(what) && /day|\./i.test(what)) value = `XXXX-WXX-${wd}`;
      else if (mo && /^[A-Z]/.test(what)) value = `XXXX-${String(mo).padStart(2, '0')}`;
      else if (SEASON[what.toLowerCase()]) value = `XXXX-${SEASON[what.toLowerCase()]}`;
      else if (PART_OF_DAY[what.toLowerCase()]) value = `XXXX-XX-XXT${PART_OF_DAY[what.toLowerCase()]}`;
      else {
        const n = m[1] ? parseNumber(m[1]) : 1;
        const unit = unitKey(what);
        const times = /other/.test(s) ? 2 : n;
        value = unit === 'Q' ? `P${times}Q` : durationValue(times, unit); // "every quarter": P1Q as TE3 writes it
      }
    }
    return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'SET', value, anchor: 'none' }) };
  },
);
// Bare plural weekdays: "the shop closes Mondays", "open Tuesdays and Thursdays".
rule('set-weekdays-bare', `\\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s\\b`, 6, (m, text) => {
  if (precededBy(text, m.index, /\b(the|of|two|three|four|several|many|few|\d+)\s+$/i)) return null;
  const wd = weekdayNumber(m[1]!)!;
  return { start: m.index, end: m.index + m[0].length, resolve: () => ({ type: 'SET', value: `XXXX-WXX-${wd}`, anchor: 'none' }) };
}, 'g');
rule('set-weekdays', `\\b(?:on\\s+)(${WEEKDAY_SRC.replace(/\(\?:/, '(?:')})s\\b`, 7, (m) => {
  const wd = weekdayNumber(m[1]!)!;
  const start = m.index + m[0].indexOf(m[1]!);
  return { start, end: m.index + m[0].length, resolve: () => ({ type: 'SET', value: `XXXX-WXX-${wd}`, anchor: 'none' }) };
}, 'g');

// Reference words: now, currently, recently, the past, the future, soon, former times.
rule(
  'ref',
  `\\b(?:(right now|just now|now|nowadays|currently|at present|presently|these days|the present|current)|(recently|recent|lately|the past|in the past|once|earlier|so far)|(soon|shortly|the future|future|in the future|someday|one day|eventually|the near future|the coming|upcoming|a later date|later|the (?:near|short|long) term))\\b`,
  3,
  (m, text) => {
    const w = m[0].toLowerCase();
    let start = m.index;
    if (w.startsWith('in the')) start += 3;
    if (w === 'right now') start += 6; // TE3 marks "now" (2 of 3)
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 16);
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    if (w === 'now') {
      if (/\b(by|until|till|from|for|than|right|just)\s+$/i.test(before) && !/\b(by|until|from|for|than)\s+$/i.test(before)) return null;
      // "Now, he says, …", "Now for today's quiz": a discourse marker opening the sentence, not a time
      if (/^Now/.test(m[0]) && /(?:^|[.!?]["'”’]*\s+|["“‘]|\n\s*)$/.test(before) && /^(?:,|\s+for\b)/.test(after)) return null;
    }
    if (w === 'once' || w === 'earlier' || w === 'later' || w === 'so far' || w === 'one day' || w === 'the coming' || w === 'upcoming' || w === 'eventually' || w === 'today\'s') return null;
    if (w === 'future') return null; // "future earnings": an adjective
    if (w === 'the future' && /^\s+(of|for)\b/.test(after)) return null;
    // "recent" before a noun ("the recent bomb attacks", "a recent filing"): TimeBank marks fewer
    // than half of them, fewer than the value-correct rate it takes to pay for a prediction
    if (w === 'recent') return null;
    // "Currently, transplant organs are rationed": a sentence adverb opening the sentence
    if (w === 'currently' && /^Currently,/.test(m[0] + after) && /(?:^|[.!?]["'”’]*\s+|["“‘]|\n\s*)$/.test(before)) return null;
    if (w === 'current' && (!/^\s+[a-z]/.test(after) || /^\s+(account|accounts|affairs|events|quarter|year|month|week|fiscal|period|issue|members?|president|chairman|owners?)\b/.test(after) || /\b(then|the|its|his|her|their)\s+$/i.test(before) && /\bthen\s+$/i.test(before))) return null;
    if (w === 'now' && inTitle(text, m.index, m.index + m[0].length)) return null;
    // "current" as a noun: "the loop current", "this current of self-destruction"
    if (w === 'current' && (/^\s+(?:of|itself|very|closely|is|was|were|are|that|which|we|would|could|to)\b/.test(after)
      || /\b(?:loop|ocean|electric|electrical|rip|jet|gulf|air|water|river|sea|tidal|undersea|warm|cold|strong|powerful|swift|alternating|direct)\s+$/i.test(before))) return null;
    if (w === 'soon' && /\bas\s+$/i.test(before)) return null;
    if (w === 'soon' && /^\s+(after|before)\b/i.test(after)) return null;
    if (w === 'the past' && /^\s+(?:few|several|\d|two|three|four|five|six|seven|eight|nine|ten|year|month|week|decade|day)/i.test(after)) return null;
    if (w === 'shortly' && /^\s+(after|before)\b/i.test(after)) return null;
    if (w === 'the present' && !/^\s*[.,;]/.test(after)) return null;
    const value = m[1] ? 'PRESENT_REF' : m[2] ? 'PAST_REF' : 'FUTURE_REF';
    return { start, end: m.index + m[0].length, resolve: () => ({ type: 'DATE', value, anchor: 'dct' }) };
  },
);

/** Second candidates a rule proposes alongside its main one (the far end of "1996-2000"). */
const extraCandidates: Candidate[] = [];

// ─── where a rule can match ──────────────────────────────────────────────────────────────────────
//
// Scanning the whole text once per rule cost ≈ 1.8 ms per 10,000-character article (37 scans). A
// rule's match can only begin at the start of a word (a `\b` or a lookbehind excluding word
// characters) whose first letters are those of one of its leading words: "early", "the", a month
// name, a digit… One pass over the text lists the word starts by their first three characters;
// each rule is then tried (sticky) only where one of its leading words can begin, in text order,
// resuming after each match as the global scan did. The matches are the same, so are the outputs.
//
// A rule's starts are written as word prefixes ("sep" for "Sept.", "September"); "=the" is the word
// "the" alone (used only where the rule needs a non-word character right after it); "#" is any
// word starting with a digit. Three rules also begin elsewhere, listed apart below. A new rule, or
// a new leading word in one, needs its entry here (and in AFTER_THE after "the"):
// test/language/timex-starts.test.ts compares with the whole-text scan on text sampled from the
// patterns and fails when a start is missing.

const RULE_STARTS: Record<string, string> = {
  date: 'mon tue wed thu fri sat sun jan feb mar apr may jun jul aug sep oct nov dec =the #',
  'day-of-month': '=on =by sin unt til fro bef aft',
  'day-range-end': '', // at a digit right after a month's day and "-", "to", "and"…: digitRunStarts
  iso: '#',
  slash: '#',
  'month-year': 'ear mid lat =the jan feb mar apr may jun jul aug sep oct nov dec',
  month: 'ear mid lat =the las thi nex jan feb mar apr may jun jul aug sep oct nov dec',
  year: 'ear mid lat =the fis fy cal mod # nin eig two',
  'year-span': '#',
  'year-era': '# ad =a',
  decade: '=the ear mid lat # twe thi for fif six sev eig nin', // and "'80s": apostrophes
  century: '=the ear mid lat fir sec thi fou fif six sev eig nin ten ele twe # las nex',
  quarter: '=the thi tha =its las nex # lat pas cur sam com cor yea pre pri rec jus fis cal fir sec fou fin qua per',
  'year-ago-adj': 'yea',
  'period-end': 'aro abo =at =by yea mon qua',
  'two-quarters': '=the fir las sec',
  half: '=the fir sec las lat',
  season: 'ear mid lat =the thi las nex pas com spr sum fal aut win',
  time: 'abo aro app rou nea alm clo mor ove upw les und few =at =no =up som jus onl sho # noo mid',
  'military-time': '#',
  'time-in-the': '# one two thr fou fiv six sev eig nin ten ele twe',
  'part-of-day': 'ear lat mid thi tha las yes tom tod nex mon tue wed thu fri sat sun mor aft eve nig ton ove =the',
  weekday: 'ear lat las nex thi com pas =the mon tue wed thu fri sat sun',
  'deictic-day': 'ear lat =the tod yes tom',
  'relative-unit': 'ear mid lat =the las thi nex tha cur com pre fol sam',
  'nth-day': '=the fir sec thi fou fif six sev eig nin ten ele twe #',
  'this-moment': 'thi',
  offset:
    'abo aro app rou nea alm clo mor ove upw les und few =at =no =up som jus onl ' +
    '# twe thi for fif six sev eig nin ten ele one two thr fou fiv =a =an cou man',
  duration:
    'abo aro app rou nea alm clo mor ove upw les und few =at =no =up som jus onl =the ' +
    'pas las nex fir com pre fol fin lat rec ini sam rem oth add ent ful who ' +
    '# twe thi for fif six sev eig nin ten ele one two thr fou fiv =a =an cou man',
  'half-unit': 'abo aro app rou nea alm clo mor ove upw les und few =at =no =up som jus onl =a one hal =the pas las nex pre',
  'one-more-unit': 'ano =a =an',
  'vague-duration': 'rec com =the pas las nex sev yea mon wee day hou min dec cen qua',
  'unit-long': 'day wee hou mon yea min dec',
  holiday: 'chr new ind hal val vet box bas tha lab mem mot fat eas goo ele hol =the',
  'vague-stretch': 'for =in aft wit',
  set: 'eve eac dai wee mon ann yea hou nig qua biw sem onc twi thr fou # per',
  'set-weekdays-bare': 'mon tue wed thu fri sat sun',
  'set-weekdays': '=on',
  ref: 'rig jus now cur =at pre the rec lat =in onc ear =so soo sho fut som one eve upc =a',
};

/**
 * After the word "the" (and white space), the first character each rule can go on with: "the end
 * of May", "the 1990s", "the day before". "#" is a digit, "'" an apostrophe (' or ’). "the" is
 * common (≈ 70 times in a T17 article) and leads in seventeen rules; the next word rules most out.
 */
const AFTER_THE: Record<string, string> = {
  date: '#',
  'month-year': 'ebsm',
  month: 'ebsm',
  year: 'ebsmcfly',
  decade: "emltfsn#'",
  century: 'emlfstnp#',
  quarter: '#lpcsyrjftq',
  'two-quarters': 'fls',
  half: 'fsl',
  'half-unit': 'plnh',
  season: 'elsfaw',
  weekday: 'pfn',
  'deictic-day': 'd',
  'relative-unit': 'ebsmrcfnplwyd',
  'part-of-day': 'nfps',
  'nth-day': 'fsten#',
  duration: 'plnfcrisoaewmuj#t',
  'vague-duration': 'cplnymwdhq',
  ref: 'pfncsl',
  holiday: 'd',
};

/** Character classes of a word's first letters: 0 not a word character (`\w`), 1–26 a–z, 27 a digit, 28 "_". */
const WORD_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  WORD_CLASS[c] = /[a-z]/i.test(ch) ? ch.toLowerCase().charCodeAt(0) - 96 : /\d/.test(ch) ? 27 : ch === '_' ? 28 : 0;
}
/** A word start's key: its first three classes and whether the word ends within them. */
const keyOf = (c1: number, c2: number, c3: number, short: number): number => ((c1 * 29 + c2) * 29 + c3) * 2 + short;

/** The keys of the words that begin with `classes` (only the word `classes` itself when exact). */
function keysWithPrefix(classes: number[], exact: boolean): number[] {
  const [c1, c2, c3] = classes as [number, number?, number?];
  if (exact) return [keyOf(c1, c2 ?? 0, c3 ?? 0, 1)];
  const out: number[] = [];
  const thirds = (b: number): void => {
    out.push(keyOf(c1, b, 0, 1));
    for (let c = 1; c < 29; c++) out.push(keyOf(c1, b, c, 0), keyOf(c1, b, c, 1));
  };
  if (c3 !== undefined) out.push(keyOf(c1, c2!, c3, 0), keyOf(c1, c2!, c3, 1));
  else if (c2 !== undefined) thirds(c2);
  else {
    out.push(keyOf(c1, 0, 0, 1));
    for (let b = 1; b < 29; b++) thirds(b);
  }
  return out;
}

/** For each key, the indices of the rules whose match may begin at a word with that key. */
const RULES_AT_KEY = new Map<number, number[]>();
const DIGIT_RUN_RULES: number[] = [];
rules.forEach((r, index) => {
  const spec = RULE_STARTS[r.name];
  if (spec === undefined) throw new Error(`timex rule ${r.name} has no RULE_STARTS entry`);
  if (r.name === 'day-range-end') DIGIT_RUN_RULES.push(index);
  for (const item of spec.split(' ').filter(Boolean)) {
    const exact = item.startsWith('=');
    const word = exact ? item.slice(1) : item;
    const classes = word === '#' ? [27] : [...word.slice(0, 3)].map((ch) => WORD_CLASS[ch.charCodeAt(0)]!);
    if (classes.some((c) => !c) || (exact && word.length > 3)) throw new Error(`timex rule ${r.name}: bad start "${item}"`);
    for (const k of keysWithPrefix(classes, exact)) {
      const list = RULES_AT_KEY.get(k) ?? [];
      if (!list.includes(index)) list.push(index);
      RULES_AT_KEY.set(k, list);
    }
  }
});
/** The same as flat arrays: the rules of key k are KEY_RULES[KEY_FIRST[k] .. KEY_FIRST[k + 1]). */
const KEY_FIRST = new Int32Array(29 * 29 * 29 * 2 + 1);
const KEY_RULES = new Uint8Array([...RULES_AT_KEY.values()].reduce((n, l) => n + l.length, 0));
for (let k = 0, at = 0; k < KEY_FIRST.length - 1; k++) {
  KEY_FIRST[k] = at;
  for (const rule of (RULES_AT_KEY.get(k) ?? []).sort((a, b) => a - b)) KEY_RULES[at++] = rule;
  KEY_FIRST[k + 1] = at;
}

/** AFTER_THE as bit masks over the classes of the next character (27 a digit, 28 an apostrophe). */
const THE_KEY = keyOf(20, 8, 5, 1);
const AFTER_THE_MASK = new Int32Array(rules.map((r) => {
  const allowed = AFTER_THE[r.name];
  if (allowed === undefined) return -1;
  let mask = 0;
  for (const ch of allowed) mask |= 1 << (ch === '#' ? 27 : ch === "'" ? 28 : WORD_CLASS[ch.charCodeAt(0)]!);
  return mask;
}));
/** The class of the first character after the white space from `i`: a letter 1–26, 27 digit, 28 apostrophe, else 0. */
function nextClass(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (c === 39 || c === 0x2019) return 28;
  return c < 128 ? (WORD_CLASS[c] === 28 ? 0 : WORD_CLASS[c]!) : 0;
}

const stickyRules = rules.map((r) => new RegExp(r.re.source, r.re.flags.replace('g', '') + 'y'));

/** `\s` of a JavaScript regular expression. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const DATE_RULE = rules.findIndex((r) => r.name === 'date');
const DECADE_RULE = rules.findIndex((r) => r.name === 'decade');

/**
 * Start positions per rule, reused between calls: rule r's are starts[r * capacity …] (count in
 * startCount[r]); the capacity doubles when a rule's list is full.
 */
let capacity = 512;
let starts = new Int32Array(rules.length * capacity);
const startCount = new Int32Array(rules.length);
function addStart(rule: number, at: number): void {
  const n = startCount[rule]!;
  if (n === capacity) grow();
  starts[rule * capacity + n] = at;
  startCount[rule] = n + 1;
}
function grow(): void {
  const next = new Int32Array(rules.length * capacity * 2);
  for (let r = 0; r < rules.length; r++) next.set(starts.subarray(r * capacity, r * capacity + startCount[r]!), r * capacity * 2);
  capacity *= 2;
  starts = next;
}

/**
 * Where each rule may begin, in text order. Besides word starts: "'80s" after a word (decade);
 * a digit run after letters, "June 3to5" (day-range-end); a glued month "endedSeptember 5" — the
 * last 2–12 letters of a word before white space and a digit (date, whose lookahead
 * `(?<=[a-z])(?=[A-Z][a-z]{1,11}\.?\s+\d)` is case-blind).
 */
function indexStarts(text: string): void {
  startCount.fill(0);
  const n = text.length;
  let prev = 0; // class of the character before i
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const cls = c < 128 ? WORD_CLASS[c]! : 0;
    if (cls !== 0 && prev === 0) {
      const t2 = text.charCodeAt(i + 1); // NaN past the end: class 0
      const c2 = t2 < 128 ? WORD_CLASS[t2]! : 0;
      const t3 = c2 ? text.charCodeAt(i + 2) : 0;
      const c3 = t3 < 128 ? WORD_CLASS[t3]! : 0;
      const t4 = c3 ? text.charCodeAt(i + 3) : 0;
      const short = t4 < 128 && WORD_CLASS[t4] ? 0 : 1;
      const key = keyOf(cls, c2, c3, short);
      const next = key === THE_KEY ? 1 << nextClass(text, i + 3) : -1;
      for (let k = KEY_FIRST[key]!, end = KEY_FIRST[key + 1]!; k < end; k++) {
        const rule = KEY_RULES[k]!;
        if ((AFTER_THE_MASK[rule]! & next) === 0) continue;
        const count = startCount[rule]!;
        if (count === capacity) grow();
        starts[rule * capacity + count] = i;
        startCount[rule] = count + 1;
      }
    }
    if (cls === 27 && prev !== 27) {
      for (let k = 0; k < DIGIT_RUN_RULES.length; k++) addStart(DIGIT_RUN_RULES[k]!, i);
      if (i > 0 && isSpace(text.charCodeAt(i - 1))) gluedDateStarts(text, i);
    }
    if ((c === 39 || c === 0x2019) && prev !== 0) addStart(DECADE_RULE, i);
    prev = cls;
  }
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Glued-date starts before the digit at `digit` (preceded by white space): see indexStarts. */
function gluedDateStarts(text: string, digit: number): void {
  let j = digit - 1;
  while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
  if (j >= 0 && text.charCodeAt(j) === 46) j--; // "Sept. 5"
  let s = j;
  while (s > j - 11 && s > 0 && isLetter(text.charCodeAt(s - 1)) && isLetter(text.charCodeAt(s))) s--;
  // s .. j are letters; a start needs a letter before it and at least two letters from it
  if (!isLetter(text.charCodeAt(s))) return;
  const first = isLetter(text.charCodeAt(s - 1)) ? s : s + 1;
  for (let p = first; p < j; p++) glued.push(p);
}
const glued: number[] = [];

/** The date rule's starts with the glued ones merged in, in order (no duplicates). */
function mergeGlued(): void {
  if (glued.length === 0) return;
  const base = DATE_RULE * capacity;
  const words = starts.slice(base, base + startCount[DATE_RULE]!);
  startCount[DATE_RULE] = 0;
  let a = 0, b = 0, last = -1;
  while (a < words.length || b < glued.length) {
    const next = b >= glued.length || (a < words.length && words[a]! <= glued[b]!) ? words[a++]! : glued[b++]!;
    if (next !== last) addStart(DATE_RULE, next);
    last = next;
  }
  glued.length = 0;
}

/** Run all rules over the text; overlapping candidates are settled longest-first. */
export function recognise(text: string): Candidate[] {
  const all: Candidate[] = [];
  extraCandidates.length = 0;
  glued.length = 0;
  indexStarts(text);
  mergeGlued();
  for (let ri = 0; ri < rules.length; ri++) {
    const r = rules[ri]!;
    const re = stickyRules[ri]!;
    const first = ri * capacity;
    const count = startCount[ri]!;
    let from = 0; // where the global scan would resume
    for (let k = 0; k < count; k++) {
      const at = starts[first + k]!;
      if (at < from) continue;
      re.lastIndex = at;
      const m = re.exec(text);
      if (!m) continue;
      if (m[0].length === 0) {
        from = at + 1;
        continue;
      }
      from = at + m[0].length;
      const c = r.make(m, text);
      if (c && c.end > c.start) {
        // never end a span on whitespace or a comma
        let end = c.end;
        while (end > c.start && /[\s,]/.test(text[end - 1]!)) end--;
        all.push({ ...c, end, priority: r.priority, rule: r.name });
      }
    }
  }
  if (capacity > 16_384) {
    // a very long text (a whole corpus in one string) does not keep its large lists alive
    capacity = 512;
    starts = new Int32Array(rules.length * capacity);
  }
  return settle(text, all);
}

/** Each rule's name and pattern (for the test that checks the start index against the patterns). */
export function rulePatterns(): Array<{ name: string; source: string; flags: string }> {
  return rules.map((r) => ({ name: r.name, source: r.re.source, flags: r.re.flags }));
}

/** The same, scanning the whole text with every rule (the reference the start index must agree with). */
export function recogniseByFullScan(text: string): Candidate[] {
  const all: Candidate[] = [];
  extraCandidates.length = 0;
  for (const r of rules) {
    r.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = r.re.exec(text))) {
      if (m[0].length === 0) {
        r.re.lastIndex++;
        continue;
      }
      const c = r.make(m, text);
      if (c && c.end > c.start) {
        let end = c.end;
        while (end > c.start && /[\s,]/.test(text[end - 1]!)) end--;
        all.push({ ...c, end, priority: r.priority, rule: r.name });
      }
    }
  }
  return settle(text, all);
}

function settle(text: string, all: Candidate[]): Candidate[] {
  all.push(...extraCandidates);
  extraCandidates.length = 0;
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
  const taken: Candidate[] = [];
  const used = new Uint8Array(text.length + 1);
  outer: for (const c of all) {
    for (let i = c.start; i < c.end; i++) if (used[i]) continue outer;
    used.fill(1, c.start, c.end);
    taken.push(c);
  }
  taken.sort((a, b) => a.start - b.start);
  return taken;
}
