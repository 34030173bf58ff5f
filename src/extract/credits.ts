// Photo credits and the captions they sit next to. Scrapers glue a picture's credit to the text
// around it ("( AP Photo/Gerald Herbert ) ( Gerald Herbert - AP ) Sen. John McCain 's surprise…",
// "( Getty Images ) The crisis that…", "… near Venice , La. ( AP ) ."), and news sites print a
// caption right before or after the credit. A credit is never article text; a caption is text about
// a picture, not the story's first sentence, title or timeline entry.

import { letterShape, shapedPattern } from './letters.js';

/** Who makes news pictures: wire and photo agencies, "Pool", and newspapers ("The Washington Post", "Post"). */
const PICTURE_SOURCE =
  "(?:AP|AFP|EPA|Reuters|Getty(?: Images)?|Bloomberg(?: News)?(?: Photo)?|Xinhua|Pool|Corbis|Associated Press|Agence France-Presse|Reuters TV|Post|(?:[Tt]he\\s+)?\\p{Lu}[\\p{L}.'’]*(?:-\\p{L}[\\p{L}.'’]*)*(?:\\s+\\p{Lu}[\\p{L}.'’]*(?:-\\p{L}[\\p{L}.'’]*)*){0,2}\\s+(?:Post|Times|Journal|Herald|Tribune|Globe|Chronicle|Gazette|News|Press|Bureau))(?![\\p{L}-])";
/** A word of a name: a hyphen only between letters ("Young-joon"), so that a dash is always a separator (no exponential backtracking). */
const NAME_WORD = "\\p{Lu}[\\p{L}.'’]*(?:-\\p{L}[\\p{L}.'’]*)*";
/** A photographer's or source's name: "Katsumi Kasahara", "J. Scott Applewhite", "Ahn Young-joon", "China Photos". */
const CREDIT_NAME = `${NAME_WORD}(?:\\s+(?:${NAME_WORD}|de|van|von|da|al|la|el|bin)){0,4}`;

/** The inside of a credit parenthesis. */
const PICTURE_WORD = '(?:[Pp]hoto(?:graph)?s?|PHOTOS?|[Pp]ictures?|[Ii]mages?|[Vv]ideo|[Pp]hoto [Cc]redit)';
const BY = '(?:[Bb]y|BY)';
// The alternatives never match the same text (a spaced dash fitting two of them backtracked exponentially).
const CREDIT_SEPARATOR = '(?:\\s*--\\s*|\\s+-\\s+|\\s*[–—\\/]\\s*|\\s[Ff]or\\s|\\s[Vv]ia\\s)';
const CREDIT_INNER = [
  // "AP Photo/Gerald Herbert", "AP Photo", "Pool Photo By X", "Photos By X -- The Washington Post", "Official White House Photo by Pete Souza", "AP video", "Photo : Obama speaks…/Goran Tomasevic"
  `(?:(?:AP|AFP|EPA|Reuters|Getty|Pool|Official White House|Bloomberg News|${CREDIT_NAME})\\s+)?${PICTURE_WORD}(?:\\s*\\/\\s*[^()]{1,70}|\\s+${BY}\\s+[^()]{1,70}|\\s*:\\s*[^()]{1,100})?`,
  // "Katsumi Kasahara - AP", "Brian Snyder/Reuters", "By Marcos Issa -- Bloomberg News", "Oliver Munday for The Washington Post", "China Photos Via Getty Images", "P. J. Hahn/Plaquemines Parish Coastal Zone Management/Reuters"
  `(?:${BY}\\s+)?${CREDIT_NAME}(?:${CREDIT_SEPARATOR}${CREDIT_NAME})*${CREDIT_SEPARATOR}${PICTURE_SOURCE}`,
  // "Video by AP"
  `[Vv]ideo ${BY} ${PICTURE_SOURCE}`,
].join('|');

/** A bare agency credit "( AP )", "( Reuters )", "( Getty Images )" — never followed by a dash (that is a dateline: "( AP ) —"). */
const BARE_AGENCY = '(?:AP|AFP|EPA|Reuters|Getty Images|Xinhua|Associated Press)';

const CREDIT = `\\(\\s*(?:${CREDIT_INNER})\\s*\\)`;
const ANY_CREDIT = `(?:${CREDIT}|\\(\\s*${BARE_AGENCY}\\s*\\)(?!\\s*(?:--|[-–—:])))`;
/** A credit line without brackets before the text: "Photograph : Miguel Tovar/AP Health officials…", "AFP/Getty Images NEW ORLEANS --", "PHOTO CREDITS : Issei Kato/Reuters ; …/Reuters Toyota…". */
/** Picture agencies and libraries that close a credit line ("Photograph : Kay Nietfeld/Corbis"). */
const PICTURE_AGENCY =
  '(?:AP|AFP|EPA|PA|Reuters|REUTERS|Getty(?: Images)?|Corbis|Rex(?: Features)?|Zuma(?: Press)?|Sipa(?: Press)?|Keystone|Alamy|Greenpeace|Bloomberg(?: News)?|Associated Press|Xinhua|ANSA|dpa|Shutterstock|NurPhoto|Anadolu|Handout|Pool|Public Domain|White House|NASA|Nasa|NOAA|reuters|(?:US |U\\.S\\. )?(?:Coast Guard|Navy|Air Force|Army))(?![\\p{L}/])';
/** Words that open a sentence and never end a name: after "Photograph : Graeme Robertson" they start the text, so the name is the credit. */
const SENTENCE_OPENER = '(?:The|A|An|When|Here|It|In|As|At|On|For|With|After|Before|If|But|And|This|That|These|Those|There|What|Why|How|We|I|He|She|They|Its|Their|His|Her)';
// A chunk before "/" never starts with a space, so the space after a "/" has one place to go (else exponential).
const OPEN_CREDIT = `(?:(?:${PICTURE_WORD}(?:\\s+[Cc]redits?|\\s+CREDITS?)?|[Cc]redits?|CREDITS?)\\s*:\\s*(?:(?:[^:;()/\\s][^:;()/]{0,39}\\/\\s*)*${PICTURE_AGENCY}(?:\\s*\\/\\s*${PICTURE_AGENCY})*|${CREDIT_NAME} for the \\p{Lu}[\\p{L}]+)(?:\\s*;\\s*(?:[^:;()/\\s][^:;()/]{0,39}\\/\\s*)+${PICTURE_AGENCY})*|(?:AP|AFP|EPA|Reuters)\\s*\\/\\s*Getty Images)(?=\\s+(?:\\p{Lu}|\\d{1,2}(?:[.:]\\d\\d)?\\s?(?:am|pm)\\b|\\d{1,2}[.:]\\d\\d\\b))|${PICTURE_WORD}\\s*:\\s*\\p{Lu}[\\p{Ll}'’-]+(?:\\s+\\p{Lu}[\\p{Ll}'’-]+){1,2}(?=\\s+${SENTENCE_OPENER}\\s)`;
/** Credits opening a paragraph, one or several: "( AP Photo/Evan Vucci ) ( Evan Vucci - AP ) ". */
const LEADING_CREDITS_RE = new RegExp(shapedPattern(`^(?:${ANY_CREDIT}\\s*|${OPEN_CREDIT}\\s*)+`), 'u');
/** Credits in the middle of a paragraph, after a caption: "… Md. ( AP Photo/Evan Vucci ) ( Evan Vucci - AP ) President Bush announced…". */
const INNER_CREDITS_RE = new RegExp(shapedPattern(`\\s(?:${CREDIT}\\s*)+(?:${ANY_CREDIT}\\s*)*`), 'u');
/** What every credit holds: a picture word or a picture source (one cheap scan before the credit patterns). */
const CREDIT_HINT_RE = /\((?:[^()]{0,100}?)(?:AP|AFP|EPA|Reuters|Getty|Bloomberg|Pool|Post|Times|Journal|Herald|Tribune|Globe|Chronicle|Gazette|News|Press|Bureau|Corbis|Xinhua|[Pp]hoto|PHOTO|[Pp]icture|[Ii]mage|[Vv]ideo|Associated|Agence)\b/u;
const INNER_BARE_CREDIT_RE = new RegExp(`\\s\\(\\s*${BARE_AGENCY}\\s*\\)(?!\\s*(?:--|[-–—:]))\\s*`, 'u');
/** A credit closing a short paragraph: "Secretary of Energy Steven Chu ( AP ) .", "… , officials said ( Reuters ) .". */
const TRAILING_CREDIT_RE = new RegExp(shapedPattern(`(?<!Associated Press\\s*|Agence France-Presse\\s*)\\s${ANY_CREDIT}\\s*\\.?$`), 'u');

const WEEKDAY = '(?:mon|tues|wednes|thurs|fri|satur|sun)day';
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** How wire captions date a picture: "…, Wednesday, Oct. 15, 2008, in Tokyo." (prose says "on Wednesday"). */
const CAPTION_DATE_RE = new RegExp(`(?<!\\bon\\s|\\bsince\\s|\\buntil\\s)\\b${WEEKDAY}\\s*,?\\s+${MONTH}\\s+\\d{1,2}\\s*,\\s*(?:19|20)\\d\\d\\b`, 'iu');
/** Other caption openings: "May 2 : Water from the Gulf…", "In this June 3, 2010 file photo…", "This image from a video released by BP shows…". */
const CAPTION_OPENING_RE = new RegExp(
  `^(?:${MONTH}\\s+\\d{1,2}(?:\\s*,\\s*(?:19|20)\\d\\d)?\\s*:\\s+\\p{Lu}|(?:in\\s+)?this\\s+(?:[^,]{0,40},\\s*){0,2}(?:(?:undated|handout|file|aerial)\\s+)*(?:photo|photograph|picture|image|frame grab|screenshot|video image)s?\\b|(?:this|the)\\s+(?:image|photo|picture|photograph)\\s+(?:from|taken|released|provided|made available|shows)\\b)`,
  'iu',
);

/** A caption's text: it dates the picture the way wire captions do, or opens like one. */
export function isCaptionShaped(text: string): boolean {
  // (a weekday's date opening the text is a time stamp: "Tuesday , November 2 , 2010 ; 5:00 PM BILOXI …")
  const dated = CAPTION_DATE_RE.exec(text);
  return (dated !== null && dated.index > 12) || CAPTION_OPENING_RE.test(text) || CAPTION_CLOSING_RE.test(text) || CAPTION_DAY_CLOSING_RE.test(text);
}

/** A picture's full date closing its caption: "…, in Hancock County , Miss. , on Friday , July 23 , 2010 ." (beside a credit). */
const CAPTION_DAY_CLOSING_RE = new RegExp(`\\bon\\s+${WEEKDAY}\\s*,\\s+${MONTH}\\s+\\d{1,2}\\s*,\\s*(?:19|20)\\d\\d\\s*\\.?\\s*$`, 'iu');

/**
 * A text's first line that is the picture's caption: one shaped like a wire caption ("June 18 : This image from video
 * provided by BP…", "April 21 : The Deepwater Horizon oil rig burns…", "…, Miss. , on Friday , July 23 , 2010 ."), or one
 * dated the way a caption dates its picture ("…off the coast of Louisiana , May 27 2010 .") over a dateline.
 */
export function isOpeningCaption(text: string, next: string, nextOpensWithDateline: () => boolean): boolean {
  const words = wordCount(text);
  if (words < 4 || words > MAX_CAPTION_WORDS) return false;
  // (a caption glued to the dateline and first sentence of the story — "… Getty Images PORT FOURCHON , La. -- As …" — is
  // the opening dateline's business: cutting the line would cut the story's first sentence)
  if (/\s(?:--|—)\s|\((?:AP|Reuters|AFP)\)\s*[-–—]/.test(text)) return false;
  // (a clock time is a publication stamp's: "Headline Tuesday , May 25 , 2010 ; 6:20 PM Republican criticism …")
  if (/\b\d{1,2}[:.]\d\d\b/.test(text)) return false;
  // (a chronology's first entry, "Sept. 7 : U.S. government seizes Fannie Mae …", has the next entry after it)
  if (DATED_ENTRY_RE.test(text) && DATED_ENTRY_RE.test(next)) return false;
  if (CAPTION_OPENING_RE.test(text) || CAPTION_CLOSING_RE.test(text) || CAPTION_DAY_CLOSING_RE.test(text)) return true;
  return PICTURE_DATE_CLOSING_RE.test(text) && nextOpensWithDateline();
}

const DATED_ENTRY_RE = new RegExp(`^${MONTH}\\s+\\d{1,2}(?:\\s*,\\s*(?:19|20)\\d\\d)?\\s*:`, 'iu');

/** "…, May 27 2010 .", "… in the Gulf of Mexico June 2 , 2010 ." (not "since/until/by/on June 2, 2010"). */
const PICTURE_DATE_CLOSING_RE = new RegExp(`(?<!\\b(?:on|since|until|by|before|after|from)\\s)\\b${MONTH}\\s+\\d{1,2}\\s*,?\\s*(?:19|20)\\d\\d\\s*\\.\\s*$`, 'iu');

/** "…, off Louisiana April 22, 2010, in this handout photograph." */
const CAPTION_CLOSING_RE = /\bin this (?:(?:undated|handout|file|aerial|satellite)\s+)*(?:photo|photograph|picture|image)(?:\s+(?:taken|released|provided|made available|obtained)\b[^.]{0,60})?\s*\.?\s*$/iu;

export interface CreditSplit {
  /** The paragraph without its credits (and without the caption glued before an inner credit). */
  text: string;
  /** The credits cut. */
  credits: string[];
  /** A caption that stood before credits inside the paragraph. */
  caption: string | null;
  /** The paragraph opened with a credit (its text, or the paragraph before it, may be the picture's caption). */
  ledByCredit: boolean;
  /** The paragraph ended with a credit: the paragraph is a caption. */
  endsWithCredit: boolean;
}

const MAX_CAPTION_WORDS = 70;
/** A picture agency's usage restrictions after its credit: "TV OUT ; ONLINE OUT ; MANDATORY CREDIT : MISSISSIPPI PRESS OUT". */
const USAGE_RESTRICTIONS_RE =
  /^\s*(?:(?:MANDATORY CREDIT|NO (?:SALES|ARCHIVE|MAGS|MAGAZINES|TV|INTERNET|ONLINE|FOREIGN SALES|RESALES)|(?:[A-Z][A-Z.'’&-]*\s+){0,3}OUT)\s*[;:,]?\s*)+/u;
const wordCount = (s: string) => (s.match(/\S+/g) ?? []).length;

/** Cuts the picture credits out of a paragraph and says where they stood. */
export function splitCredits(paragraph: string): CreditSplit {
  const none: CreditSplit = { text: paragraph, credits: [], caption: null, ledByCredit: false, endsWithCredit: false };
  // cheap test first: a credit is a parenthesis, or a line opening with a picture word or an agency
  if (!paragraph.includes('(') && !/^(?:[Pp]hoto|PHOTO|[Pp]icture|[Ii]mage|[Cc]redit|CREDIT|AFP|AP|EPA|Reuters)/.test(paragraph)) return none;
  const credits: string[] = [];
  let text = paragraph;
  let ledByCredit = false;
  // (the credit patterns run on the text's letter shape: same positions, cheap to compile — letters.ts)
  const lead = LEADING_CREDITS_RE.exec(letterShape(text));
  if (lead) {
    const leadText = text.slice(0, lead[0].length);
    // the agency's slug the page printed after the credit: "( AP Photo/… ) AP2010 Executives from…"
    const slug = /^(?:AP|AFP|EPA)(?:(?:19|20)\d\d)?\s+(?=\p{Lu})/u.exec(text.slice(lead[0].length));
    let credit = leadText + (slug?.[0] ?? '');
    text = text.slice(lead[0].length + (slug?.[0].length ?? 0));
    // the agency's usage restrictions printed after it: "TV OUT ; ONLINE OUT ; MANDATORY CREDIT : MISSISSIPPI PRESS OUT"
    const restrictions = USAGE_RESTRICTIONS_RE.exec(text);
    if (restrictions) {
      credit += restrictions[0];
      text = text.slice(restrictions[0].length);
    }
    credits.push(credit.trim());
    ledByCredit = true;
  }
  let caption: string | null = null;
  const innerShaped = CREDIT_HINT_RE.test(text) ? INNER_CREDITS_RE.exec(letterShape(text)) : null;
  let inner = innerShaped && { index: innerShaped.index, 0: text.slice(innerShaped.index, innerShaped.index + innerShaped[0].length) };
  // a bare "( AP )" inside a paragraph is a credit only after a caption: "May 10 : Boats work … , La. ( AP ) A key safety device…"
  if (!inner) {
    const bare = INNER_BARE_CREDIT_RE.exec(text);
    if (bare && isCaptionShaped(text.slice(0, bare.index))) inner = { index: bare.index, 0: bare[0] };
  }
  if (inner && inner.index > 0) {
    const before = text.slice(0, inner.index).trim();
    const after = text.slice(inner.index + inner[0].length).trim();
    // what stands before a picture's credit is its caption when it is short; the text after it goes on
    if (/\p{L}/u.test(after) && wordCount(before) <= MAX_CAPTION_WORDS) {
      credits.push(inner[0].trim());
      caption = before;
      text = after;
      ledByCredit = true;
    }
  }
  let endsWithCredit = false;
  const trail = TRAILING_CREDIT_RE.test(letterShape(text));
  if (trail && wordCount(text) <= MAX_CAPTION_WORDS) {
    endsWithCredit = true;
  }
  if (!credits.length && !endsWithCredit) return none;
  return { text: text.trim(), credits, caption, ledByCredit, endsWithCredit };
}

export { MAX_CAPTION_WORDS };

/** The text opens with a picture credit ("Photograph : Pete Souza/White House BP will pay …"). */
export function opensWithCredit(text: string): boolean {
  return LEADING_CREDITS_RE.test(letterShape(text));
}

/** "Staff writer Dan Eggen contributed to this report.", "The Associated Press contributed to this report." */
const CONTRIBUTOR_NOTE_RE = /^[(“"]?\s*(?:[^.!?]|(?<=\b\p{Lu}\p{L}{0,4})\.){3,300}?\s(?:contributed (?:reporting )?to this (?:report|story|article)|contributed reporting|also contributed)\s*\.?\s*[)”"]?\s*\.?\s*[)”"]?$/iu;

/** A note crediting colleagues who contributed to the report: furniture at an article's end. */
/** "Weber reported from Houston.", "Flaherty reported from New Orleans." (AP's closing note on where the writers were). */
const REPORTED_FROM_RE = /^\p{Lu}[\p{L}'’-]+(?:\s*(?:,|and)\s*\p{Lu}[\p{L}'’-]+)*\s+reported (?:from|in)\s+\p{Lu}[^.!?]{1,60}\.?$/u;

/** A wire note on who reported and edited, standing alone: "Additional reporting by X; Editing by Y and Z". */
const REPORTING_LINE_RE = /^(?:additional |further )?(?:reporting|writing|research) by [^.;]{2,120}(?:;\s*(?:editing|writing|additional reporting) by [^.;]{2,160})*\.?$/iu;

export function isContributorNote(text: string): boolean {
  if (text.length > 400) return false;
  if (text.includes(' by ') && REPORTING_LINE_RE.test(text)) return true;
  if (text.includes('contributed') || text.includes('also contribut')) return /(?:report|story|article|reporting|contributed)\s*\.?\s*[)”"]?\s*\.?\s*[)”"]?$/u.test(text) && CONTRIBUTOR_NOTE_RE.test(text);
  return text.length <= 120 && text.includes(' reported ') && REPORTED_FROM_RE.test(text);
}
