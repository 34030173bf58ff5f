// Publication dates given as metadata (JSON Lines "published", a feed's <pubDate>, --published,
// POST /api/ingest): trusted as they are, so read strictly.
import type { IsoDate } from '../types.js';

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\\.?,?\\s+)?';
/** A time and zone after the date: "23:30:00 -0800", "T10:00Z", ", 10:00 am EST", "at 9.30". */
const TIME = '(?:(?:[T\\s]|,\\s*|\\s+at\\s+)\\d{1,2}[:.]\\d{2}(?:[:.]\\d{2}(?:[.,]\\d+)?)?\\s*(?:[ap]\\.?m\\.?)?(?:\\s*(?:z|(?:utc|gmt)?\\s*[+-]\\d{1,2}(?::?\\d{2})?|[a-z]{2,5}|\\([a-z ]+\\)))*)?';
const ISO_DATE = new RegExp(`^(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})${TIME}$`, 'i');
const DAY_MONTH_YEAR = new RegExp(`^${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})${TIME}$`, 'i');
const MONTH_DAY_YEAR = new RegExp(`^${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}$`, 'i');
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A date from metadata, normalised to YYYY-MM-DD, or an error naming the field. Metadata dates are
 * trusted, so only a real day with a 4-digit year and a month passes: YYYY-MM-DD, an ISO 8601
 * date-time, RFC 2822 ("Wed, 06 Mar 2024 23:30:00 -0800"), "5 March 2021", "March 5, 2021".
 * The day is the one written, in the writer's own time zone (never shifted to UTC).
 */
export function metadataDate(value: string | undefined, field = 'field "published"'): IsoDate | null {
  if (value === undefined || value.trim() === '') return null;
  const v = value.trim().replace(/\s+/g, ' ');
  const shown = `"${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  const use = 'use YYYY-MM-DD, an ISO 8601 date-time such as 2024-03-06T23:30:00-08:00, or a date with its year such as "6 March 2024"';
  let year: number, month: number, day: number;
  let m: RegExpExecArray | null;
  if ((m = ISO_DATE.exec(v))) [year, month, day] = [+m[1]!, +m[2]!, +m[3]!];
  else if ((m = DAY_MONTH_YEAR.exec(v))) [year, month, day] = [+m[3]!, MONTHS[m[2]!.toLowerCase().replace('.', '').slice(0, 3)]!, +m[1]!];
  else if ((m = MONTH_DAY_YEAR.exec(v))) [year, month, day] = [+m[3]!, MONTHS[m[1]!.toLowerCase().replace('.', '').slice(0, 3)]!, +m[2]!];
  else throw new Error(`${field}: ${shown} is not a date with a day, a month and a 4-digit year (${use})`);
  if (month < 1 || month > 12) throw new Error(`${field}: ${shown} has no month ${month} (${use})`);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) {
    throw new Error(`${field}: ${shown} is not a real day: ${MONTH_NAMES[month - 1]} ${year} has ${daysInMonth} days (${use})`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
