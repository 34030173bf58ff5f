// Dates and numbers as people read them. Deterministic (no locale dependence), English.
import type { Granularity } from '../types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `2022-03-16` → `16 Mar 2022`; `2022-03` → `Mar 2022`; `2022` → `2022`. Other values pass through. */
export function formatDate(value: string | null | undefined, granularity?: Granularity): string {
  if (!value) return 'undated';
  const m = value.match(/^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/);
  if (!m) return value;
  const [, y, mo, d] = m;
  if (granularity === 'year' || !mo) return y!;
  const month = MONTHS[Number(mo) - 1] ?? mo;
  if (granularity === 'month' || !d) return `${month} ${y}`;
  return `${Number(d)} ${month} ${y}`;
}

export function weekday(value: string): string | null {
  const m = value.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return null;
  return WEEKDAYS[new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay()] ?? null;
}

/** The period a date falls in at a zoom level: `2022-03-16` at month → `2022-03`. */
export function periodOf(date: string, zoom: Granularity): string {
  return zoom === 'year' ? date.slice(0, 4) : zoom === 'month' ? date.slice(0, 7) : date.slice(0, 10);
}

export function formatSpan(first: string | null, last: string | null): string {
  if (!first && !last) return 'undated';
  if (!first || !last || first === last) return formatDate(first ?? last);
  const a = first.slice(0, 10);
  const b = last.slice(0, 10);
  if (a.slice(0, 7) === b.slice(0, 7) && a.length === 10 && b.length === 10) return `${Number(a.slice(8))}–${formatDate(b)}`;
  if (a.slice(0, 4) === b.slice(0, 4)) return `${formatDate(a).replace(/ \d{4}$/, '')} – ${formatDate(b)}`;
  return `${formatDate(a)} – ${formatDate(b)}`;
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Days between two ISO dates (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b.slice(0, 10)) - Date.parse(a.slice(0, 10))) / 86_400_000);
}

/** A year-less month-day ("02-24") as "24 Feb". */
export function formatMonthDay(monthDay: string): string {
  const m = monthDay.match(/^(\d{2})-(\d{2})$/);
  return m ? `${Number(m[2])} ${MONTHS[Number(m[1]) - 1] ?? m[1]}` : monthDay;
}

/**
 * What an undated article's text says of its publication date when it gives no closed range:
 * "on or after 1 Sep 2021", "on or before 9 Jan 2022", "24 Feb – 15 Mar, year unknown", "on or after 24 Feb, year unknown".
 */
export function publicationBound(e: { notBefore: string | null; notAfter: string | null; yearUnknown: boolean; monthDayRange: { from: string | null; to: string | null } | null } | null | undefined): string | null {
  if (!e) return null;
  if (e.notBefore && !e.notAfter) return `on or after ${formatDate(e.notBefore)}`;
  if (e.notAfter && !e.notBefore) return `on or before ${formatDate(e.notAfter)}`;
  const md = e.yearUnknown ? e.monthDayRange : null;
  if (md?.from && md.to) return `${formatMonthDay(md.from)} – ${formatMonthDay(md.to)}, year unknown`;
  if (md?.from) return `on or after ${formatMonthDay(md.from)}, year unknown`;
  if (md?.to) return `on or before ${formatMonthDay(md.to)}, year unknown`;
  return null;
}
