// Datelines and bylines that open an article's first paragraph ("GENEVA | Tue Jun 30, 2009 1:58 pm
// EDT GENEVA (Reuters) - The first…", "By Maggie Fox, Health and Science Editor WASHINGTON | …",
// "Susan Watts | 18:00 UK time, Saturday, 25 April 2009 Experts…", "REYKJAVIK, Iceland, Oct. 9 --
// The bad news…"): they are not the article's first sentence, its title or a quote's opening.

import { isCaptionShaped } from './credits.js';
import { execShaped, shapedRegExp } from './letters.js';

export interface DatelineSplit {
  /** A headline printed before the dateline on the same line ("India confirms first case … NEW DELHI | …"). */
  headline: string | null;
  /** Text before the dateline that is neither a headline nor furniture (a wire story's bullet summary): a paragraph of its own. */
  lead: string | null;
  /** What was cut: dateline, byline, date stamp, wire notes, a toolbar or credit before them (not the headline or lead). */
  prefix: string;
  /** The paragraph's text after them. */
  body: string;
  /** The calendar date the dateline gives in full (day, month and year), else null. */
  date: string | null;
  /** The place the dateline names ("HAYWARD, Calif.", "WASHINGTON"), else null. */
  place: string | null;
}

const MONTH_NAMES: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
/** A pattern matching `source` in any letter case (the place patterns need case-sensitive \\p{Lu}, so no 'i' flag). */
const anyCase = (source: string) => source.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\\.?';
const ZONE = '(?:[ECMP][SD]T|ET|GMT|UTC|BST|CET|CEST|EET|IST|JST|HKT|SGT|AEST|AEDT|WIB|MSK)(?![\\p{L}])';
/** Any other zone ("AMT", "NZST") only right after a clock time: alone, "AT LEAST" or "IT WAS" would be one. */
const CLOCK_ZONE = '(?:\\s?[A-Z]{2,3}T(?![\\p{L}]))?';
/** One token of a printed date and time. */
const DATE_TOKEN = `(?:${anyCase(WEEKDAY)}|${anyCase(MONTH)}|\\d{1,2}:\\d\\d(?::\\d\\d)?(?:\\s?${anyCase('(?:a|p)\\.?m\\.?')}(?![\\p{L}]))?${CLOCK_ZONE}|\\d{1,4}(?:st|nd|rd|th)?(?![:.]\\d)|${anyCase('(?:a|p)\\.?m\\.?')}|${ZONE}|${anyCase('uk time|local time')})`;
/** A run of date and time tokens: "Tue Jun 30 , 2009 1:58 pm EDT", "18:00 UK time , Saturday , 25 April 2009". */
const DATE_RUN = `${DATE_TOKEN}(?:[\\s,;]+(?:-\\s+)?${DATE_TOKEN}(?![\\p{L}\\d]))*`;

const AGENCY = '(?:Reuters(?: Life ?!?| Legal| Health| Breakingviews)?|AP|AFP|UPI|Bloomberg|Billboard|dpa|Xinhua|IANS|PTI|ANSA|EFE|Kyodo|Yonhap|Interfax|TASS|Bernama|AAP|Associated Press|Agence France-Presse)';
/** A place in capitals: "MEXICO CITY", "MEXICO CITY/GENEVA", "NUSA DUA". */
const CAPS_PLACE = "\\p{Lu}[\\p{Lu}.'’&-]+(?:(?:\\s+|\\s*\\\\?/\\s*)\\p{Lu}[\\p{Lu}.'’&-]*)*";
/** ", Iceland", ", Ohio", ", La." after the place, and ", Oct. 9" / " May 19" after that. */
const REGION = "(?:\\s*,\\s*\\p{Lu}[\\p{L}.'’-]+(?:\\s+\\p{Lu}[\\p{L}.'’-]+){0,2})?";
const PLACE_DATE = `(?:\\s*,?\\s*${anyCase(MONTH)}\\s+\\d{1,2})?`;

/** "CITY | DATE TIME" or "Name Surname | TIME, Day, D Month YYYY" (a blog's byline and stamp). */
// (the patterns with many letter classes run on the text's letter shape: cheap to compile, same matches — letters.ts)
const PLACE_STAMP_RE = shapedRegExp(`^(${CAPS_PLACE}${REGION}${PLACE_DATE}|\\p{Lu}[\\p{Ll}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’.-]+){1,3})\\s*\\|\\s*(${DATE_RUN})\\s*(?:\\||-(?=\\s))?\\s*`);
/** "CITY (Reuters) -", "Pensacola Beach, Florida (Reuters) -", "(Reuters) -" after a stamp. */
const AGENCY_DATELINE_RE = shapedRegExp(`^((?:\\p{Lu}[\\p{L}.'’-]*(?:[\\s,/\\\\]+\\p{Lu}[\\p{L}.'’-]*){0,5}${PLACE_DATE}\\s*,?\\s*)?\\(\\s*${AGENCY}\\s*\\)\\s*(?:--|[-–—:]|$))\\s*`);
/** "WASHINGTON --", "REYKJAVIK, Iceland, Oct. 9 --", "GRAND ISLE, La. -": capitals, then a dash. */
const DASH_DATELINE_RE = shapedRegExp(`^(${CAPS_PLACE}${REGION}${PLACE_DATE})\\s*(?:--|—|–|-)\\s+(?=[\\p{Lu}"“‘'\`(\\d])`);
/** A date stamp opening the line: "Tuesday, September 16, 2008; 4:30 PM", "2009 06 24 07:14 JST". */
const STAMP_RE = new RegExp(`^(${DATE_RUN})\\s*(?:[;|:]|--|-(?=\\s))?\\s*`, 'u');
/** A picture credit in brackets before the text: "(By M. Spencer Green -- Associated Press)", "(Photo: …)". */
const PICTURE_CREDIT_RE = /^\(\s*(?:by\s+\p{Lu}|(?:photo|picture|image|credit|foto)s?\s*:)[^()]{1,100}\)\s*/iu;
/** A row of page tools before the text: "” This Story : Read + | Watch + | Talk + |" (short parts between bars). */
const TOOLBAR_RE = /^(?:[^|\n.!?]{1,40}\|\s*){2,}/u;
const BY_NAME = "By\\s+\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’.-]*){1,2}";
/** ", BBC News", ", Sky News", ", BBC World News" after a byline. */
const NEWSROOM = '(?:\\p{Lu}[\\p{L}]*\\s+){1,3}News';
/** ", Washington", ", Lake Baikal" after the newsroom (a second word only when a capitalised word follows it). */
const BYLINE_PLACE = "(?:\\s*,\\s*\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+(?=\\s+\\p{Lu}))?)?";
/** "By NAME Environment correspondent, BBC News, Washington": a byline with the writer's role. */
const BYLINE_ROLE_RE = new RegExp(
  `^${BY_NAME}(?:\\s+[\\p{L}.]+){0,4}?\\s+${anyCase('(?:reporter|correspondent|editor|presenter|writer|columnist|producer|analyst)')}(?![\\p{L}])(?:\\s*,\\s*${NEWSROOM}${BYLINE_PLACE})?\\s+(?=\\p{Lu}|["“‘'\`])`,
  'u',
);
/** "By NAME BBC News, Washington": a byline with the newsroom only. */
const BYLINE_NEWSROOM_RE = shapedRegExp(`^${BY_NAME}\\s*,?\\s+${NEWSROOM}${BYLINE_PLACE}\\s+(?=\\p{Lu}|["“‘'\`])`);
/** "| by : First Last" after a stamp. */
const BY_COLON_RE = /^\|?\s*by\s*:\s*\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}\.)?\s+\p{Lu}[\p{L}'’-]+\s*/u;
/** "Last updated at", "Page last updated at", "Published:" before a stamp. */
const UPDATED_RE = /^(?:page\s+)?(?:last\s+)?(?:updated|published|posted|modified)\s*(?:at|on)?\s*:?\s*/iu;
/** "By NAME[, and NAME][, Role]" before a dateline on the same line. */
const BYLINE_RE = /^By\s+\p{Lu}(?:[^|.!?:;()]|(?<=\s\p{Lu})\.){1,90}?(?=\s+\p{Lu}{2}[\p{Lu}.'’&-]*(?:\s|,|\||\()|\s*\|)/u;
/** Wire-service edit notes: "(Recasts; adds quotes and byline)", "(Updates with …)". */
const WIRE_NOTE_RE = /^\(\s*(?:recasts|updates?|adds|corrects|repeats|refiles|writethru|changes|rewrites|new throughout)\b[^()]{0,100}\)\s*/iu;

/** "By Niu Shuping and Ken Wills Nevermind that …": names of two or three capitalised words, then the text. */
const BYLINE_NAMES_RE = shapedRegExp(String.raw`^By\s+((?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.)(?:\s+(?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.)){1,2}(?:\s*(?:,|and|&)\s+(?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.)(?:\s+(?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.)){1,2})*)\s+(?=\p{Lu}[\p{L}'’-]*\s+[\p{Ll}\d"“(])`);

/**
 * The length of a byline of names that runs straight into the text. Of the ways to end the names,
 * the one whose next word starts the text (a capitalised word before a lower-case one) wins; a
 * name part that is a month or a weekday ("By Tuesday Mr Obama…") is no byline.
 */
function bylineNamesLength(text: string): number {
  const m = execShaped(BYLINE_NAMES_RE, text);
  if (!m) return 0;
  if (new RegExp(`\\b(?:${WEEKDAY}|${MONTH})(?![\\p{L}])`, 'iu').test(m[1]!)) return 0;
  return m[0].length;
}

/** A stamp must say when: a time, or a year among at least three date words. */
function isStamp(run: string): boolean {
  const tokens = run.split(/[\s,;]+/).filter((t) => t && t !== '-');
  if (/\d:\d\d/.test(run)) return tokens.length >= 2;
  return /\b(?:19|20)\d\d\b/.test(run) && tokens.length >= 3 && new RegExp(MONTH, 'i').test(run);
}

/** The calendar date a stamp gives in full (day, month name, year), as YYYY-MM-DD. */
function dateOf(run: string): string | null {
  const year = /\b((?:19|20)\d\d)\b/.exec(run)?.[1];
  if (!year) return null;
  const month = new RegExp(`\\b(${MONTH})`, 'i').exec(run)?.[1];
  const monthNo = month ? MONTH_NAMES[month.toLowerCase().replace('.', '')] : undefined;
  if (!monthNo) return null;
  // the day: a number of one or two digits that is no part of a time
  const day = [...run.matchAll(/(?<![:\d])(\d{1,2})(?:st|nd|rd|th)?\b(?![:\d])/g)].map((m) => Number(m[1])).find((d) => d >= 1 && d <= 31);
  if (!day) return null;
  // "Tue Feb 31, 2009": a day the month does not have dates nothing
  if (new Date(Date.UTC(Number(year), monthNo - 1, day)).getUTCDate() !== day) return null;
  return `${year}-${String(monthNo).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The place of a dateline's head ("HAYWARD, Calif.", "WASHINGTON, May 3 " → "WASHINGTON"): its month and day and punctuation dropped. */
const TRAILING_MONTH_DAY_RE = new RegExp(`\\s*,?\\s*${anyCase(MONTH)}\\s+\\d{1,2}\\s*,?\\s*$`, 'u');
function placeOf(head: string): string | null {
  const place = head
    .replace(TRAILING_MONTH_DAY_RE, '')
    .replace(/[\s,]+$/u, '')
    .trim();
  return /\p{Lu}/u.test(place) ? place : null;
}

interface Element {
  length: number;
  date: string | null;
  place?: string | null;
}

/** One dateline element at the start of `text`: its length, the date it gives and the place it names. */
function leadingElement(text: string): Element | null {
  let m = WIRE_NOTE_RE.exec(text) ?? PICTURE_CREDIT_RE.exec(text);
  if (m) return { length: m[0].length, date: null };
  m = TOOLBAR_RE.exec(text);
  if (m && m[0].split('|').every((part) => part.trim().split(/\s+/).length <= 6)) return { length: m[0].length, date: null };
  m = execShaped(PLACE_STAMP_RE, text);
  if (m && isStamp(m[2]!) && !/\|\s*$/.test(m[1]!)) return { length: m[0].length, date: dateOf(m[2]!), place: /^\p{Lu}{2}/u.test(m[1]!) ? placeOf(m[1]!) : null };
  m = execShaped(AGENCY_DATELINE_RE, text);
  if (m && m[1]!.length <= 90) return { length: m[0].length, date: null, place: placeOf(m[1]!.replace(/\(.*$/su, '')) };
  const updated = UPDATED_RE.exec(text);
  if (updated) {
    const stamp = STAMP_RE.exec(text.slice(updated[0].length));
    if (stamp && isStamp(stamp[1]!)) return { length: updated[0].length + stamp[0].length, date: dateOf(stamp[1]!) };
  }
  m = STAMP_RE.exec(text);
  // "Aug. 21, 2009: Convicted Lockerbie bomber …" is a photo caption's date, not a stamp
  if (m && /:\s*$/.test(m[0]) && !/\d:\d\d/.test(m[1]!)) m = null;
  if (m && isStamp(m[1]!) && /^(?:[\p{Lu}"“‘'`(]|[Bb]y\s|$)/u.test(text.slice(m[0].length))) return { length: m[0].length, date: dateOf(m[1]!) };
  m = execShaped(DASH_DATELINE_RE, text);
  if (m && /\p{Lu}{3}/u.test(m[1]!) && m[1]!.length <= 60) return { length: m[0].length, date: null, place: placeOf(m[1]!) };
  m = BYLINE_ROLE_RE.exec(text) ?? execShaped(BYLINE_NEWSROOM_RE, text);
  if (m) return { length: m[0].length, date: null };
  m = BY_COLON_RE.exec(text);
  if (m) return { length: m[0].length, date: null };
  // "By Michael D. Shear and Robert Barnes NEW YORK -- …": a byline before a place dateline first, then a byline running into the text
  m = BYLINE_RE.exec(text);
  if (m) {
    const rest = text.slice(m[0].length).replace(/^\s*\|?\s*/, '');
    const after = leadingElement(rest);
    if (after) return { length: text.length - rest.length + after.length, date: after.date, place: after.place };
  }
  const names = bylineNamesLength(text);
  if (names) return { length: names, date: null };
  return null;
}

/**
 * Splits the datelines, bylines and date stamps off the start of an article's first paragraph.
 * A headline the page printed on the same line before a "PLACE | DATE" dateline is returned apart.
 * Returns null when the paragraph opens with none of them.
 */
export function splitDateline(paragraph: string): DatelineSplit | null {
  const text = paragraph.trim();
  let start = 0; // where the dateline begins: after a headline printed before it
  let headline: string | null = null;
  let lead: string | null = null;
  let furniture = '';
  if (!leadingElement(text)) {
    // A headline (or furniture: "Read + | Watch + |", a photo credit) before the place and stamp.
    start = findInnerDateline(text);
    if (start < 0) return null;
    const before = text.slice(0, start).trim();
    if (isFurniture(before)) furniture = before;
    else if (isHeadline(before)) headline = before;
    else lead = before;
  }
  const run = datelineRun(text.slice(start));
  if (run.length === 0) return null;
  const end = start + run.length;
  const prefix = `${furniture} ${text.slice(start, end)}`.trim();
  return { headline, lead, prefix, body: text.slice(end).replace(/^[-–—]\s+/, ''), date: run.date, place: run.place };
}

/** The run of dateline elements at the start of `text` ("CITY | stamp CITY (Reuters) -"): its length, the first full date and place. */
function datelineRun(text: string): { length: number; date: string | null; place: string | null } {
  let end = 0;
  let date: string | null = null;
  let place: string | null = null;
  for (let i = 0; i < 4; i++) {
    const el = leadingElement(text.slice(end));
    if (!el) break;
    date ??= el.date;
    place ??= el.place ?? null;
    end += el.length;
    while (end < text.length && /\s/.test(text[end]!)) end++;
  }
  return { length: end, date, place };
}

/** Where a dateline may begin after a headline: a word in capitals (a place) or a weekday (a stamp). */
const INNER_START_RE = /\s(?=\p{Lu}[\p{Lu}.'’&-]+[\s,|(]|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b|\d{1,2} \p{Lu}\p{Ll}{2,8} (?:19|20)\d\d\b)/gu;

/** The start of a place-and-stamp, an agency dateline or a timed stamp after the first words, or -1. */
function findInnerDateline(text: string): number {
  const head = text.slice(0, 240);
  INNER_START_RE.lastIndex = 0;
  for (let m; (m = INNER_START_RE.exec(head)); ) {
    const at = m.index + 1;
    const before = head.slice(0, at).trim();
    // never a sentence that merely goes on to name a place
    if (/[.!?:]["”’]?$/.test(before)) continue;
    // what follows must be a dateline that says when (a time) or who sent it (an agency)
    const run = datelineRun(text.slice(at)).length;
    if (run > 0 && /\d:\d\d|\(\s*\p{Lu}/u.test(text.slice(at, at + run))) return at;
  }
  // "… Talk + | REYKJAVIK, Iceland, Oct. 9 -- …": a bar-separated toolbar before a dash dateline
  const bar = head.lastIndexOf('|');
  if (bar > 0 && bar < 200) {
    const after = text.slice(bar + 1).trimStart();
    if (execShaped(DASH_DATELINE_RE, after) || execShaped(AGENCY_DATELINE_RE, after)) return text.length - after.length;
  }
  return -1;
}

/** A toolbar ("Read + | Watch + |"), a byline, a picture credit or a picture's caption before the dateline. */
function isFurniture(text: string): boolean {
  return text.includes('|') || isCaptionShaped(text) || /\(\s*(?:AP|AFP|Reuters|EPA|Getty Images)\s*\)$/u.test(text) || /^by\s+\p{Lu}/iu.test(text) || /^\(?\s*(?:credit|photo|picture|image|foto)s?\s*:/iu.test(text) || /\/\s*(?:handout|pool|file)\s*$/iu.test(text);
}

/** A headline: 3 to 25 words, no sentence end, not a bullet list or a bracket. */
function isHeadline(text: string): boolean {
  if (!text || /[.!?:;]$/.test(text) || /^[\\*•(-]/.test(text)) return false;
  const words = text.split(/\s+/);
  return words.length >= 3 && words.length <= 25 && !/^(?:credit|photo|picture|image|file)\b/i.test(text);
}

/** How many opening paragraphs may hold the dateline (a photo caption or a headline can come first). */
const DATELINE_REACH = 3;

/**
 * The dateline, byline and date stamp that open the article's first paragraphs ("GENEVA | Tue Jun
 * 30, 2009 1:58 pm EDT GENEVA (Reuters) - The first…"): cut off, with the date they give in full
 * and a headline printed before them.
 */
export function cutOpeningDateline(paragraphs: string[]): {
  paragraphs: string[];
  prefix: string | null;
  headline: string | null;
  date: string | null;
  place: string | null;
} {
  for (let i = 0; i < Math.min(paragraphs.length, DATELINE_REACH); i++) {
    const split = splitDateline(paragraphs[i]!);
    if (!split) continue;
    const replaced = [split.lead, split.body].filter((p): p is string => !!p && p.trim() !== '');
    return {
      paragraphs: [...paragraphs.slice(0, i), ...replaced, ...paragraphs.slice(i + 1)],
      prefix: split.prefix || null,
      headline: split.headline,
      date: split.date,
      place: split.place,
    };
  }
  return { paragraphs, prefix: null, headline: null, date: null, place: null };
}
