// Calendar arithmetic and TIMEX3 value formatting. Dates are plain {y, m, d} in the proleptic
// Gregorian calendar; all arithmetic goes through UTC epoch days so it is exact and fast.

export interface Ymd {
  y: number;
  m: number; // 1..12
  d: number; // 1..31
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function parseIsoDate(s: string | null | undefined): Ymd | null {
  if (!s) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return null;
  return { y: +m[1]!, m: +m[2]!, d: +m[3]! };
}

export function toEpochDay(p: Ymd): number {
  return Math.floor(Date.UTC(p.y, p.m - 1, p.d) / 86400000);
}

export function fromEpochDay(n: number): Ymd {
  const dt = new Date(n * 86400000);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function addDays(p: Ymd, n: number): Ymd {
  return fromEpochDay(toEpochDay(p) + n);
}

export function addMonths(p: Ymd, n: number): Ymd {
  const total = p.y * 12 + (p.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return { y, m, d: Math.min(p.d, daysInMonth(y, m)) };
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** 1 = Monday … 7 = Sunday (ISO). */
export function isoWeekday(p: Ymd): number {
  const wd = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

export function isoWeek(p: Ymd): { year: number; week: number } {
  const day = toEpochDay(p);
  const thursday = day - isoWeekday(p) + 4;
  const ty = fromEpochDay(thursday).y;
  const jan1 = toEpochDay({ y: ty, m: 1, d: 1 });
  return { year: ty, week: Math.floor((thursday - jan1) / 7) + 1 };
}

export const fmtDay = (p: Ymd): string => `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
export const fmtMonth = (y: number, m: number): string => `${pad(y, 4)}-${pad(m)}`;
export const fmtYear = (y: number): string => pad(y, 4);
export function fmtWeek(p: Ymd): string {
  const w = isoWeek(p);
  return `${pad(w.year, 4)}-W${pad(w.week)}`;
}
export const quarterOf = (m: number): number => Math.floor((m - 1) / 3) + 1;
export const fmtQuarter = (y: number, q: number): string => `${pad(y, 4)}-Q${q}`;

export function compareYmd(a: Ymd, b: Ymd): number {
  return toEpochDay(a) - toEpochDay(b);
}
