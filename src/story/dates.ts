// Calendar arithmetic on ISO dates, and what a TIMEX3 value says about a calendar date.
import type { Granularity, IsoDate, Timex } from '../types.js';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (or date-time); NaN when unparseable. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return NaN;
  return Math.round(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) / DAY_MS);
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

export interface CalendarDate {
  /** First day of the period: `2021-04-13`, `2021-04-01` for April 2021, `2021-01-01` for 2021. */
  date: IsoDate;
  granularity: Granularity;
  /** Last day of the period. */
  last: IsoDate;
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The calendar period a time expression names, or null when it names none a timeline can use:
 * durations, sets, weeks, seasons, quarters, PRESENT_REF/PAST_REF, and "before/after X" ranges.
 */
export function calendarDateOf(timex: Pick<Timex, 'type' | 'value' | 'mod'>): CalendarDate | null {
  if (timex.type !== 'DATE' && timex.type !== 'TIME') return null;
  if (timex.mod && /^(BEFORE|AFTER|ON_OR_BEFORE|ON_OR_AFTER|LESS_THAN|MORE_THAN|EQUAL_OR_LESS|EQUAL_OR_MORE)$/.test(timex.mod)) return null;
  const v = timex.value;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(v);
  if (m) {
    const [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
    if (!validDay(y, mo, d)) return null;
    const date = `${m[1]}-${m[2]}-${m[3]}`;
    return { date, granularity: 'day', last: date };
  }
  m = /^(\d{4})-(\d{2})$/.exec(v);
  if (m) {
    const [y, mo] = [+m[1]!, +m[2]!];
    if (mo < 1 || mo > 12) return null;
    const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    return { date: `${m[1]}-${m[2]}-01`, granularity: 'month', last: `${m[1]}-${m[2]}-${String(lastDay).padStart(2, '0')}` };
  }
  m = /^(\d{4})$/.exec(v);
  if (m) return { date: `${m[1]}-01-01`, granularity: 'year', last: `${m[1]}-12-31` };
  return null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "13 April 2021", "April 2021", "2021". */
/** A timeline date at its granularity, as ISO: 2021-12-30, 2021-12, 2021 (a month entry is not its first day). */
export function displayDate(date: string, granularity: Granularity): string {
  return granularity === 'year' ? date.slice(0, 4) : granularity === 'month' ? date.slice(0, 7) : date;
}

export function formatDate(date: IsoDate, granularity: Granularity): string {
  const [y, m, d] = date.split('-');
  if (granularity === 'year') return y!;
  const month = MONTHS[+m! - 1]!;
  return granularity === 'month' ? `${month} ${y}` : `${+d!} ${month} ${y}`;
}

/**
 * The part of a period a TIMEX3 modifier allows: START = first third, MID = middle third,
 * END = last third ("late in 2021" → September–December). Days are returned unchanged.
 */
export function narrowByMod(c: CalendarDate, mod: string | undefined): { from: IsoDate; last: IsoDate } {
  if (c.granularity === 'day' || !mod) return { from: c.date, last: c.last };
  const a = dayNumber(c.date);
  const b = dayNumber(c.last);
  const third = Math.floor((b - a + 1) / 3);
  if (mod === 'START') return { from: c.date, last: fromDayNumber(a + third - 1) };
  if (mod === 'MID') return { from: fromDayNumber(a + third), last: fromDayNumber(b - third) };
  if (mod === 'END') return { from: fromDayNumber(b - third + 1), last: c.last };
  return { from: c.date, last: c.last };
}

/** Hour and minute of a TIMEX3 time value such as `2021-12-31T16:25`. */
export function clockOf(value: string): { date: IsoDate; minutes: number } | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  return m ? { date: m[1]!, minutes: +m[2]! * 60 + +m[3]! } : null;
}

/**
 * Articles in the order they were published (undated last, then by id), so that the first of an
 * entry's articles, and the first of each source's, is the one that reported it first.
 */
export function inReportOrder<A extends { id: string; published: string | null }>(articles: readonly A[]): A[] {
  return [...articles].sort((a, b) =>
    a.published && b.published ? a.published.localeCompare(b.published) || a.id.localeCompare(b.id)
      : a.published ? -1 : b.published ? 1 : a.id.localeCompare(b.id),
  );
}
