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

/**
 * A headline aggregator's list glued into the page ("Reuters UK Obama : Government fully mobilized on oil
 * spill - 1 hr ago Guardian . co. uk …"): outlet, headline, age. Its outlet names run into the headlines
 * and become names ("Reuters UK Obama"); the whole line is a link list.
 */
const AGED_LINK_RE = /\s-\s\d{1,3}\s(?:hrs?|hours?|mins?|minutes?|days?)\sago\b/gu;
export function isAgedLinkList(line: string): boolean {
  if (!line.includes(' ago')) return false;
  const items = line.match(AGED_LINK_RE)?.length ?? 0;
  return items >= 2 || (items === 1 && line.split(/\s+/).length <= 40);
}

/** Words that open a sentence: after a pull quote's attribution or a sign-off's place they start the text. */
const OPENER = new Set(
  'The A An When Here It In As At On For With After Before If But And This That These Those There What Why How We I He She They Its Their His Her Some Many Most Now Yet So Since While Although Though Even Every One Two Three Mr Mrs Ms During Among Despite According Under Over Last Earlier Later Meanwhile However Speaking Asked'.split(' '),
);
const CONNECTIVE = new Set(['of', 'for', 'the', 'and', 'at', 'de', 'on', 'in', ',', '-', '&']);

export interface PullQuoteSplit {
  /** The quotation as printed in the box. */
  quote: string;
  /** "End Quote" and who said it ("End Quote Ken Salazar Interior secretary"). */
  attribution: string;
  /** The paragraph the page printed after the box. */
  rest: string;
}

/**
 * A pull-quote box flattened into a line: "…for as long it takes ” End Quote President Barack Obama And he said…".
 * The attribution runs over capitalised words and role words up to the next sentence: a sentence opener, an
 * opening quotation mark, or a capitalised word after a role word ("Interior secretary | BP engineers have…").
 */
export function splitPullQuote(line: string): PullQuoteSplit | null {
  const at = line.startsWith('End Quote ') ? 0 : line.indexOf(' End Quote ');
  if (at < 0) return null;
  const quote = line.slice(0, at).trim();
  const tokens = line.slice(at).trim().slice('End Quote '.length).split(/\s+/);
  let end = -1;
  for (let k = 0; k < Math.min(tokens.length, 13); k++) {
    const t = tokens[k]!;
    const capital = /^\p{Lu}/u.test(t);
    const prev = k > 0 ? tokens[k - 1]! : '';
    if (k > 0 && (/^[“"`‘]/u.test(t) || (capital && OPENER.has(t)) || (capital && /^\p{Ll}/u.test(prev) && !CONNECTIVE.has(prev)))) {
      end = k;
      break;
    }
    if (!capital && !CONNECTIVE.has(t) && !/^(?:\p{Ll}+|'s|’s)$/u.test(t)) break;
  }
  // where the attribution ends is unclear: cut the box's marker alone
  if (end < 0) return { quote, attribution: 'End Quote', rest: tokens.join(' ') };
  return { quote, attribution: `End Quote ${tokens.slice(0, end).join(' ')}`, rest: tokens.slice(end).join(' ') };
}

/**
 * A correspondent's sign-off opening a section of the text: "Mark Doyle , BBC News , Port-au-Prince Everywhere
 * you go…", "Andy Gallacher BBC News , Miami Barack Obama called…". The place is one word, or two when the
 * first is a place name's usual first word ("New York", "Sao Paulo"), with ", Region" after it.
 */
const PLACE_FIRST_WORDS = 'New|San|Santa|Sao|São|Los|Las|St|Saint|Santo|Port|Hong|Buenos|Rio|El|La|Le|Cape|Grand|Baton|Fort|Salt|Kuala|Tel|Abu|Addis|Cap|Mexico|Panama|Guatemala|Costa|Puerto|Sri|Sierra|South|North|East|West';
const SIGN_OFF_RE = new RegExp(
  `^(\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}'’-]+){1,2}\\s*,?\\s+(?:\\p{Lu}{2,5}|\\p{Lu}[\\p{Ll}]+)(?:\\s+\\p{Lu}[\\p{L}]+)?\\s+News\\s*,\\s*(?:(?:${PLACE_FIRST_WORDS})\\s+)?\\p{Lu}[\\p{L}'’.-]+(?:\\s*,\\s*\\p{Lu}[\\p{L}.-]+)?)\\s+(?=[\\p{L}“"‘\`])`,
  'u',
);
export function cutSignOff(line: string): { text: string; signOff: string | null } {
  if (!line.includes(' News')) return { text: line, signOff: null };
  const m = SIGN_OFF_RE.exec(line);
  return m ? { text: line.slice(m[0].length).trim(), signOff: m[1]!.trim() } : { text: line, signOff: null };
}
