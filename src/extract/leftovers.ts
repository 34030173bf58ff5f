// Page leftovers that scrapers glue into one line of text with the article: a publication stamp
// between the standfirst and the picture caption ("… to emerge Monday 31 May 2010 23.14 BST Oil floats
// around a rig … ."), a picture credit between the caption and the first sentence ("… Committee
// Photograph : Reuters It was , for Tony Hayward …"), and the print edition note with the promos after
// it ("A version appeared on p14 of the Main section of the Guardian on 23.15 BST on Monday 31 May
// 2010 The latest news …"). Left in, they become titles, timeline summaries and names glued to the
// next word ("BST BP", "BST President"). The splits here give each piece its own block, so that the
// block classifier removes the credit and its caption and finds the headline as it does on clean pages.

const WEEKDAY = '(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day';
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const MONTH_NUMBER: Record<string, string> = {
  january: '01', february: '02', march: '03', april: '04', may: '05', june: '06',
  july: '07', august: '08', september: '09', october: '10', november: '11', december: '12',
};
/** A page's publication stamp, day before month and a 24-hour clock with its zone: "Monday 31 May 2010 23.14 BST". */
const DAY_FIRST_STAMP_RE = new RegExp(
  `(?<=^|\\s)(?:${WEEKDAY}\\s*,?\\s+)?(\\d{1,2})\\s+(${MONTH})\\s+((?:19|20)\\d\\d)\\s*,?\\s+(?:[01]?\\d|2[0-3])[.:][0-5]\\d\\s+(?:BST|GMT|CET|CEST|UTC|[ECMP][SD]T|ET)(?![\\p{L}])\\s*`,
  'u',
);

export interface StampSplit {
  /** The headline (and standfirst) printed before the stamp. */
  head: string;
  stamp: string;
  /** The stamp's date, YYYY-MM-DD. */
  date: string;
  /** What follows the stamp on the line: a picture caption or the first sentence. */
  rest: string;
}

/** Splits a head line at a publication stamp printed in its middle; null when the line has none. */
export function splitAtInnerStamp(line: string): StampSplit | null {
  if (!/\d[.:]\d\d\s/.test(line)) return null;
  const m = DAY_FIRST_STAMP_RE.exec(line);
  if (!m) return null;
  const head = line.slice(0, m.index).trim();
  // a headline stands before it, or nothing (the stamp opens the line); never a sentence's start
  if ((head && head.split(/\s+/).length < 3) || /[,;:]$/.test(head)) return null;
  const day = m[1]!.padStart(2, '0');
  return { head, stamp: m[0].trim(), date: `${m[3]}-${MONTH_NUMBER[m[2]!.toLowerCase()]}-${day}`, rest: line.slice(m.index + m[0].length).trim() };
}

/**
 * A picture credit opening with a picture word inside a line, after the caption: "… Committee Photograph :
 * Reuters It was …". Returns where the credit begins (the caller starts a new block there), or -1.
 */
const INNER_OPEN_CREDIT_RE = /\s(?=(?:Photograph|Photo|Picture|Image|Photographs|Photos)\s*:\s*\p{Lu}[^:;()]{0,60}?(?:\/\s*)?[\p{L}.]+\s+\p{Lu})/gu;
export function innerCreditStart(line: string, isLeadingCredit: (s: string) => boolean): number {
  if (!line.includes(':')) return -1;
  INNER_OPEN_CREDIT_RE.lastIndex = 0;
  for (let m = INNER_OPEN_CREDIT_RE.exec(line); m; m = INNER_OPEN_CREDIT_RE.exec(line)) {
    const at = m.index + 1;
    // the text before is a caption (or a headline and caption): a few words, not a sentence cut short
    if (line.slice(0, at).trim().split(/\s+/).length < 3) continue;
    if (isLeadingCredit(line.slice(at))) return at;
  }
  return -1;
}

/**
 * The print edition note that closes a web article ("A version appeared on p8 of the Main section of
 * the Guardian on …", "This article appeared on p20 of the … section of the Observer on …"): from it to
 * the line's end is page furniture (the note, then the site's promos).
 */
const PRINT_NOTE_RE = /(?:^|\s)(?:A version of this (?:article|story) |A version |This (?:article|story) )appeared (?:on p(?:age)?\s?\d+ of the [\p{L}\p{N} ]{1,40}? section (?:section )?of the |in the )(?:\p{Lu}[\p{L}]*\s+){1,3}(?:on|newspaper|print edition)\b/u;
export function cutPrintNote(line: string): { text: string; note: string | null } {
  if (!line.includes('appeared ')) return { text: line, note: null };
  const m = PRINT_NOTE_RE.exec(line);
  if (!m) return { text: line, note: null };
  return { text: line.slice(0, m.index).trim(), note: line.slice(m.index).trim() };
}

/** A picture credit closing a line: "… ringed by booms and work boats Photograph : Gerald Herbert/AP", "… Photograph : guardian ." */
const TRAILING_OPEN_CREDIT_RE = /(?:^|\s)(?:Photograph|Photo|Picture|Image)s?\s*:\s*[^:;.!?]{1,50}?\s*\.?$/u;
export function cutTrailingCredit(line: string): { text: string; credit: string | null } {
  if (!line.includes(':')) return { text: line, credit: null };
  const m = TRAILING_OPEN_CREDIT_RE.exec(line);
  return m ? { text: line.slice(0, m.index).trim(), credit: m[0].trim() } : { text: line, credit: null };
}
