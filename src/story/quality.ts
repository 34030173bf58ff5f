// How well a sentence reads as a timeline entry, alone, out of its article: an informative,
// self-contained report (a subject named, a verb, a statement) rather than a fragment, a question,
// a teaser, a blog aside, a quote whose speaker is in another sentence, or a label.
import { perText, wordCount } from './text.js';

/** Spans in quotation marks: what someone said, not the writer's own voice. */
const QUOTED = /"[^"]*"|“[^”]*”|``.*?''|‘[^’]*’/g;
const ATTRIBUTION = /\b(?:said|says|say|told|tells|according to|asked|added|stated|declared|announced|wrote|writes)\b/i;
const PRONOUN_SPEAKER = /(?:["”’]|'')\s*,?\s*(?:he|she|they|it)\s+(?:said|says|added|adds|told|asked|wrote|writes)\b/i;
// One way to read each closing mark ('' is two '): an alternative for '' backtracked exponentially.
const QUESTION = /\?\s*["'”’)\]]*\s*$/;
const SECOND_PERSON = /\b(?:you|your|yours|yourself|yourselves)\b/i;
// Case matters: "US" is the United States, "I" a pronoun only as a word of its own.
const FIRST_PERSON = /\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself|we|We|us|our|Our|ours|My|Me)\b/;
// Openings that lean on the sentence before: a connective, or a pronoun standing for someone named there.
const LEANING_CONNECTIVE =
  /^\W*(?:but|and|or|so|yet|still|also|however|meanwhile|instead|even|then|thus|hence|moreover|furthermore|nevertheless|nonetheless|besides|indeed|otherwise|likewise|similarly|in addition|in fact|as a result|by contrast|on the other hand)\b|^\W*(?:first|second|third|finally|lastly|secondly|thirdly)\s*,/i;
const LEANING_PRONOUN = /^\W*(?:he|she|it|they|him|her|his|its|their|them)\b/i;
const LEANING_DEMONSTRATIVE =
  /^\W*(?:this|that|these|those|such)\s+(?:is|was|are|were|has|have|had|will|would|could|can|may|might|should|must|comes?|came|means?|meant|seems?|seemed|follows?|followed)\b/i;
// "these challenges", "those measures": pointing back at what the sentence before said.
const ANAPHORIC = /\b(?:these|those) \p{Ll}+/u;
// "The agency , meanwhile , was…", "The child is a pupil…": a role standing for someone the article
// named before.
const DEFINITE_ROLE =
  /^\W*(?:the|this|that|these|those)\s+(?:proposed\s+|new\s+|latest\s+|same\s+|former\s+|planned\s+)?(?:agency|company|firm|bank|group|man|woman|boy|girl|child|patient|victim|official|spokesman|spokeswoman|move|plan|proposal|decision|bill|measure|deal|commission|committee|package|report|study|statement|letter|programme|program|scheme|project|case|incident|attack|explosion|accident|storm|outbreak)\b(?:\s*,|\s+(?:is|was|are|were|has|had|have|will|would|said|says|also|then))/i;
const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'by', 'with', 'from', 'as', 'is', 'its', 'his', 'her']);

const BULLET = /(?:^|\s)(?:\\?\*|•|·|▪|►|■|–\s*\*)\s/;
const ALL_CAPS_LABEL = /^\W*[A-Z][A-Z\s&'-]{2,24}:\s/;
const TRAILING_FRAGMENT = /(?::|…|\.\.\.|\.\s\.\s\.)\s*(?:["'”’)]|'')?\s*$/;
// The page talking about itself: a blog's housekeeping, a correction notice, a promotion.
const SELF_REFERENCE =
  /^\W*here(?:\s+is|\s+are|\s*'s|\s*’s)\s+(?:a|an|the|our|how|what|why|some|more)\b|^\W*(?:the\s+)?(?:full\s+)?(?:text|transcript|excerpts?)\s+of\b|\b(?:this (?:article|story|post|blog|page|site|video|column|newsletter)|(?:earlier|previous|last|an?) (?:post|blog post|version of this (?:article|story))|click (?:here|on|the)|subscribe|sign up|e-?mail (?:us|me)|follow (?:us|me) on|correction:|clarification:)\b/i;
/** A rough finite-verb test: auxiliaries and common verb endings. */
const VERB =
  /\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|shall|should|did|does|do|\w{3,}(?:ed|es|s|ing)|left|said|met|took|made|won|lost|fell|rose|went|came|gave|got|held|told|sent|spent|paid|hit|cut|put|set|let|led|ran|saw|began|brought|bought|caught|fought|thought|sold|struck|spoke|broke|chose|drew|drove|flew|grew|knew|threw|wrote|became|kept|built|felt|found|heard|meant|sat|stood|shut|quit|fled|hid|shot|split|swore|upheld|withdrew|won|wound)\b/i;

// The writer's attitude opening the sentence ("Sadly , Leeson did not have much to say…"): comment,
// not a report of what happened.
const ATTITUDE =
  /^\W*(?:sadly|unfortunately|fortunately|happily|clearly|obviously|of course|surely|frankly|honestly|admittedly|arguably|ironically|curiously|interestingly|remarkably|stunningly|oddly|simply put|to be sure|in other words)\b/i;
// What ought to be, in the writer's own voice ("Further legislation … should not wait…"): an opinion.
// (Not in a question reported: "the debate over whether the dollar should remain…".)
const OUGHT = /^(?:(?!\b(?:whether|if|why|how|what|who|which|that)\b)[^])*?\b(?:should|shouldn't|ought to|must|mustn't)\b/i;
// A definition ("Libor , or the London interbank offered rate , is the rate that banks…"): no happening.
const DEFINITION = /^\W*\p{Lu}[^,]{0,40},\s*or\s+[^,]{3,60},\s*(?:is|are)\b/u;
// A price or a figure left from the page before the sentence ("$ 23.95 In a recent column…").
const PRICE_TAG = /^\W*(?:[$€£]\s*\d[\d.,]*|\d[\d.,]*\s*(?:%|percent))\s+(?!(?:million|billion|trillion|bn|m|mn|a|an|per|of|in|to)\b)\p{Lu}/u;

// A photo caption with no caption mark: named people, then what they are seen doing, in the present
// ("Sens. John McCain and Barack Obama greet each other before holding their first debate , at…").
const CAPTION_SHAPE =
  /^\W*(?:\p{Lu}[\p{L}.'’-]*\s+){1,5}(?:(?:and|,)\s+(?:\p{Lu}[\p{L}.'’-]*\s+){1,4})?(?:gestures?|looks? on|waves?|speaks?|greets?|greet each other|arrives?|poses?|sits?|stands?|listens?|smiles?|shakes? hands|walks?|attends?|reacts?|holds? up|is seen|are seen)\b/u;

// A byline run into the text ("… sank following an explosion and fire By Michael Hirst and David
// Walker Stopping a potentially devastating slick…"): a caption and a byline glued to the lead.
const BYLINE_INSIDE = /(?:^|\s)By\s+\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,2}(?:\s+and\s+\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,2})?\s+\p{Lu}/u;

// Photo captions of a news agency's wire: "An oil sheen is seen on the water … , May 27 , 2010 .",
// "June 23 , 2010 : This image from video provided by BP shows…", "May 28 : President Obama picks up
// a tar ball", "Wednesday : Obama and Biden meet with BP executives…".
const MONTH_WORD = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
// (each run of blanks can be split one way only: "\\s*,?\\s+" read a long run of spaces in quadratic time)
const CAPTION_DATE_END = new RegExp(`,\\s*${MONTH_WORD}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:\\s*,\\s*|\\s+)\\d{4}\\s*(?:\\.\\s*)?$`, 'i');
// "Oil floats around a rig at the site of the Deepwater Horizon oil spill in the Gulf of Mexico May 31"
const CAPTION_DAY_END = new RegExp(`(?<!\\b(?:on|by|for|at|in|until|till|from|since|before|after|through|to|of|and|or|between|next|last|this)\\s)\\b${MONTH_WORD}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\s*(?:\\.\\s*)?$`, 'i');
const CAPTION_SEEN = /\b(?:is|are) (?:seen|pictured|shown)\b(?!\s+(?:as|to)\b)/i;
const IMAGE_SHOWS = /\b(?:this|the|an?) (?:image|photo|photograph|picture|frame|still|video image)\b[^.]{0,80}\bshows?\b/i;
const DATED_LABEL = new RegExp(`^\\W*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|${MONTH_WORD}\\.?\\s+\\d{1,2}(?:(?:\\s*,\\s*|\\s+)\\d{4})?)\\s*:\\s+`, 'i');
const LABELLED_CAPTION = /^(?:\p{Lu}[\p{L}.'’-]*\s+){1,5}(?:(?:and|,)\s+(?:\p{Lu}[\p{L}.'’-]*\s+){1,4})?(?:picks? up|meets?|meet with|tours?|inspects?|looks? (?:at|on)|holds?|talks? (?:with|to)|speaks?|walks?|waves?|gestures?|arrives?|listens?|stands?|sits?)\b/u;

/** A photo caption, marked or not: names and a caption verb, a picture's date, a dated label. */
export function looksLikeCaption(sentence: string): boolean {
  const s = sentence.trim();
  return (CAPTION_SHAPE.test(s) && !ATTRIBUTION.test(s)) || isCaption(s);
}

/** A wire photo caption: a caption verb with the picture's date, or a dated label before one. */
function isCaption(s: string): boolean {
  if (CAPTION_SEEN.test(s) || IMAGE_SHOWS.test(s)) return true;
  const label = DATED_LABEL.exec(s);
  if (label && LABELLED_CAPTION.test(s.slice(label[0].length))) return true;
  return endsWithDay(s) && (CAPTION_DATE_END.test(s) || CAPTION_DAY_END.test(s)) && !ATTRIBUTION.test(s);
}

/**
 * What both caption-date patterns end with, checked from the end (they are anchored there, but a
 * regular expression tries every start): a digit or an ordinal's suffix after it, then blanks, a
 * stop and blanks.
 */
function endsWithDay(s: string): boolean {
  let i = s.length - 1;
  while (i >= 0 && BLANK.test(s[i]!)) i--;
  if (s[i] === '.') {
    i--;
    while (i >= 0 && BLANK.test(s[i]!)) i--;
  }
  if (isDigitAt(s, i)) return true;
  const a = s.charCodeAt(i - 1) | 0x20;
  const b = s.charCodeAt(i) | 0x20;
  return ((a === 0x73 && b === 0x74) || (a === 0x6e && b === 0x64) || (a === 0x72 && b === 0x64) || (a === 0x74 && b === 0x68)) && isDigitAt(s, i - 2);
}
const BLANK = /\s/;
const isDigitAt = (s: string, i: number) => s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39;

// A media player's link glued before the lead ("Help Amid the criticism of BP 's handling…", "Help
// BP has installed a new sealing cap…"): page furniture.
export const PLAYER_LINK = /^\W*(?:Help|Video|Audio|Media player|Advertisement)\s+(?=\p{Lu}[\p{L}'’-]*\s)/u;

// A caption run into the lead with no stop between ("… victims of the 11 September , 2001 attacks The
// administrator of a $ 20bn fund …", "… how the cap is meant to operate A new cap placed over …"): a
// lower-case word, then a sentence's capitalised article and a lower-case word.
const GLUED = /\b\p{Ll}{2,} (?:The|A|An) \p{Ll}{2,}/u;

const cased = (ch: string) => ch.toLowerCase() !== ch.toUpperCase();

/**
 * How a line uses capitals, in one pass over its words: shouting (two capitalised words in a row, one
 * longer than an acronym, or over 40 % of the words in capitals) and title case (a heading or a
 * caption: 75 % of its words other than small ones capitalised, "Financial Rescues Show That Faith in
 * Free Market Is Shaken Self-reliance ."). A heading run into a sentence that goes on in lower case
 * keeps that sentence's worth.
 */
function letterCase(text: string): { shouting: boolean; titleCase: boolean } {
  let words = 0;
  let caps = 0;
  let run = 0;
  let longest = 0;
  let longRun = false;
  let content = 0;
  let capitalised = 0;
  for (const token of text.split(/\s+/)) {
    let a = 0;
    let b = token.length;
    while (a < b && !cased(token[a]!)) a++;
    while (b > a && !cased(token[b - 1]!)) b--;
    if (a >= b) continue;
    const w = a === 0 && b === token.length ? token : token.slice(a, b);
    words++;
    const upper = w.toUpperCase();
    if (w.length >= 2 && w === upper) {
      caps++;
      run++;
      longest = Math.max(longest, w.length);
      if (run >= 2 && longest >= 5) longRun = true;
    } else {
      run = 0;
      longest = 0;
    }
    if (!SMALL_WORDS.has(w.toLowerCase())) {
      content++;
      if (w[0] === upper[0]) capitalised++;
    }
  }
  return { shouting: longRun || (words >= 4 && caps / words > 0.4), titleCase: content >= 6 && capitalised / content >= 0.75 };
}

/** Shouting or title case (letterCase), after a cheap look: at least 5 capitals, a dateline aside. */
function mostlyCapitals(s: string): boolean {
  let capitals = 0;
  for (let i = 0; i < s.length && capitals < 5; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c > 127 && s[i] !== s[i]!.toLowerCase())) capitals++;
  }
  if (capitals < 5) return false;
  const letters = letterCase(/^\W*\p{Lu}{2}/u.test(s) ? s.replace(DATELINE, '') : s);
  return letters.shouting || letters.titleCase;
}

/**
 * A factor in (0, 1]: 1 for a sentence that can stand alone as an entry, less for one that reads
 * badly out of its article. Penalties multiply.
 */
export const entryQuality = perText(judgeEntry, 600);

// A wire dateline opening the lead ("MEXICO CITY (Reuters) -", "PARIS, March 17 --"): not shouting.
const DATELINE = /^\W*\p{Lu}[\p{Lu}.' -]{1,40}(?:\s*,\s*[\p{L}.]+\.?\s+\d{1,2})?\s*(?:(?:\(|-LRB-)[^)]{1,40}?(?:\)|-RRB-))?\s*(?:--|[-–—])\s+/u;

function judgeEntry(sentence: string): number {
  const s = sentence.trim();
  let q = 1;
  const own = /["“‘`]/.test(s) ? s.replace(QUOTED, ' ') : s;
  const attributed = ATTRIBUTION.test(s);
  if (QUESTION.test(s)) q *= 0.3;
  // The reader addressed, or the writer speaking: a blog's voice or a quote cut from its speaker.
  if (SECOND_PERSON.test(own)) q *= attributed ? 0.8 : 0.5;
  if (FIRST_PERSON.test(own)) q *= attributed ? 0.85 : 0.5;
  // A quotation opening the sentence with no one to say it, or only "he" or "she".
  if (/^\W*(?:["“‘]|``)/.test(s) && (!attributed || PRONOUN_SPEAKER.test(s))) q *= 0.6;
  if (LEANING_PRONOUN.test(s) || LEANING_DEMONSTRATIVE.test(s)) q *= 0.5;
  else if (DEFINITE_ROLE.test(s)) q *= 0.6;
  else if (LEANING_CONNECTIVE.test(s)) q *= 0.6;
  // A sentence starting in lower case was cut from a longer one (or from page debris).
  else if (/^\W*\p{Ll}/u.test(s)) q *= 0.6;
  // A condition or a supposition, not a happening.
  if (/^\W*(?:if|unless|suppose|imagine)\b/i.test(s)) q *= 0.7;
  if (ANAPHORIC.test(own)) q *= 0.8;
  if (BULLET.test(s)) q *= 0.4;
  if (ALL_CAPS_LABEL.test(s) || mostlyCapitals(s)) q *= 0.6;
  if (SELF_REFERENCE.test(s)) q *= 0.4;
  if (TRAILING_FRAGMENT.test(s)) q *= 0.6;
  if (ATTITUDE.test(s)) q *= 0.5;
  else if (!attributed && OUGHT.test(own)) q *= 0.7;
  if (DEFINITION.test(s)) q *= 0.5;
  if (PRICE_TAG.test(s)) q *= 0.4;
  if (BYLINE_INSIDE.test(s)) q *= 0.5;
  if (PLAYER_LINK.test(s)) q *= 0.5;
  if ((s.includes(' The ') || s.includes(' A ') || s.includes(' An ')) && GLUED.test(s)) q *= 0.7;
  if (!attributed && CAPTION_SHAPE.test(s)) q *= 0.5;
  else if (isCaption(s)) q *= 0.5;
  if (!VERB.test(own.length > 20 ? own : s)) q *= 0.6;
  return Math.max(0.05, q);
}

// A headline (or a picture's caption) run into the lead with no stop, as scraped pages give their
// opening ("WHO declares swine flu pandemic The Director General of the World Health Organization ,
// Margaret Chan , has formally declared…", "Eight cases of swine flu have emerged in the UK Two more
// people in London have been diagnosed…"): the lead opens with a word that opens sentences, after a
// word that ends no phrase with it.
const LEAD_OPENER = new Set(['The', 'A', 'An', 'Another', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Several', 'Some', 'Many', 'More', 'For', 'After']);
// "told The Times", "in The Hague", "the newspaper The Guardian", "vitamin A", "type A", "plan B":
// words a capitalised article or letter follows inside one phrase.
const JOINS_NEXT = new Set([
  'said', 'says', 'told', 'tells', 'to', 'in', 'on', 'at', 'of', 'for', 'by', 'with', 'from', 'and', 'or', 'nor', 'but', 'the', 'a', 'an', 'as', 'than',
  'about', 'into', 'over', 'under', 'after', 'before', 'against', 'between', 'through', 'during', 'without', 'within', 'like', 'near', 'across', 'behind',
  'that', 'is', 'was', 'are', 'were', 'be', 'been', 'exhibit', 'wrote', 'writes', 'reads', 'read', 'quoted', 'quotes', 'cited', 'cites', 'attacked', 'criticised',
  'criticized', 'joined', 'joins', 'edits', 'edited', 'published', 'watched', 'starred',
  'called', 'named', 'titled', 'entitled', 'dubbed', 'newspaper', 'paper', 'magazine', 'daily', 'weekly', 'journal', 'tabloid', 'show', 'programme', 'program',
  'film', 'movie', 'book', 'novel', 'album', 'song', 'band', 'group', 'website', 'vitamin', 'type', 'class', 'grade', 'category', 'plan', 'hepatitis', 'influenza',
]);
const MAX_HEADLINE_WORDS = 16;
const MIN_LEAD_WORDS = 8;

/**
 * Where the lead starts after a headline or a caption glued before it in a sentence
 * (an offset into `sentence`), or 0 when nothing is glued. The headline has 3 to 16 words, no comma
 * and no stop; the lead at least 8 words and a verb.
 */
export function gluedLeadStart(sentence: string): number {
  const tokens = [...sentence.matchAll(/\S+/g)].slice(0, MAX_HEADLINE_WORDS + 2);
  for (let i = 3; i <= MAX_HEADLINE_WORDS && i + 1 < tokens.length; i++) {
    const opener = tokens[i]![0];
    if (!LEAD_OPENER.has(opener)) continue;
    const before = tokens[i - 1]![0];
    const next = tokens[i + 1]![0];
    // A word ending in a letter or figure, no punctuation: "pandemic The", "UK Two", "Mexico A".
    if (!/[\p{L}\p{N}]$/u.test(before) || JOINS_NEXT.has(before.toLowerCase())) continue;
    if (!/^[\p{L}\p{N}]/u.test(next)) continue;
    // A capital article or letter after a name reads as part of it ("Influenza A", "Group Two")
    // unless a figure or a lower-case word follows: "… from Mexico A 23-month-old Mexican child".
    if (/^\p{Lu}\p{Ll}/u.test(before) && !/^[\p{Ll}\p{N}]/u.test(next) && opener !== 'The') continue;
    const head = sentence.slice(0, tokens[i]!.index);
    if (/[,;.!?]/.test(head.replace(/\b(?:\p{Lu}\.)+/gu, ''))) return 0;
    const lead = sentence.slice(tokens[i]!.index);
    if (wordCount(lead, MIN_LEAD_WORDS) < MIN_LEAD_WORDS || !VERB.test(lead)) return 0;
    return tokens[i]!.index!;
  }
  return 0;
}

/**
 * An entry's words from a mention: the lead alone when a headline or a picture's caption is glued
 * before it ("UK swine flu highest in Europe The UK has the highest number of confirmed swine flu
 * cases in Europe An extra 141 cases of swine flu have been confirmed in England…" → "An extra 141
 * cases…"; a caption inside the text: "Mr Hayward 's attended a meeting of the BP board on Monday
 * Many say that…"). The mention keeps its words for scoring: a headline says what the article tells.
 */
export function entryText(mention: { text: string }): string {
  let text = mention.text;
  for (let pass = 0; pass < 2; pass++) {
    const start = gluedLeadStart(text);
    if (start === 0) break;
    text = text.slice(start);
  }
  return text;
}

/**
 * What an authority does that changes the situation: raising or declaring an alert, confirming cases,
 * ordering, closing, banning, approving… Past or headline-present forms ("raised", "raises"), or the
 * passive ("have been confirmed"); not forecasts ("is likely to raise", "will declare").
 */
const ACT_VERB =
  /\b(?:rais(?:ed|es)(?!\s+(?:alarms?|concerns?|fears?|questions?|hopes?|doubts?|eyebrows|money|funds|prices|the (?:alarm|spectre|specter|prospect|possibility|question)))|declar(?:ed|es)|confirm(?:ed|s)|order(?:ed|s)|issu(?:ed|es)|impos(?:ed|es)|clos(?:ed|es)|shut(?:s)?|suspend(?:ed|s)|bann(?:ed)|bans|approv(?:ed|es)|lift(?:ed|s)|activat(?:ed|es)|sign(?:ed|s))\b/gi;
const PASSIVE_BEFORE = /\b(?:(?:has|have|had)\s+(?:now\s+|also\s+|just\s+)?been|was|were|is|are)\s+(?:now\s+|also\s+|just\s+|formally\s+|officially\s+)?$/i;
const NOT_YET = /\b(?:to|will|would|could|may|might|should|must|can|cannot|not|n't|if|whether)\s+(?:also\s+|still\s+|now\s+|then\s+)?(?:be\s+|have\s+(?:been\s+)?)?$/i;
// "Shares in BP have closed down nearly 5 %", "the second Briton confirmed to have been killed": a
// market's close, a state confirmed.
const NOT_AN_ACT_AFTER = /^\s+(?:down|up|higher|lower|at|to|as)\b/i;
const MARKET_CLOSE = /^\s+(?:down|up|higher|lower)\b/i;
// ("… rose on Thursday , a day after the first case … was confirmed in Tokyo": the act is the
// background of another happening; not a reduced clause, "after returning from Mexico have been
// confirmed": its verb is the -ing word)
const ADVERBIAL_CLAUSE = /\b(?:after|since|because|as|when|while|before|until|once|although|though|if|unless)\s(?!\p{L}+ing\b)[^,;:]*$/iu;
// Who acts, when no organisation, place or person with a role is recognised there: an institution or an office.
const AUTHORITY_WORD = /\b(?:government|ministry|minister|department|agency|authorit(?:y|ies)|officials?|president|governor|mayor|secretary|commission(?:er)?|council|court|judge|regulators?|parliament|congress|senate|police|army|military|administration|committee|organi[sz]ation|cent(?:er|re)s?|institute|director(?:-general)?|spokes(?:man|woman|person))\b/i;
// An acronym is an institution's name even where the tagger missed it ("The WHO raised its pandemic alert level").
const ACRONYM = /\b\p{Lu}{2,6}\b/u;
const ACT_REACH = 100;
const QUOTING = /:\s|[“"]|``/;
// "more than 40 confirmed cases", "the declared emergency": the participle describes a noun.
const ADJECTIVAL = /(?:\b(?:a|an|the|its|their|his|her|our|of|more|than|first|new|recently)|\d)\s+$/i;

/**
 * Whether the sentence reports an authority's act (see ACT_VERB), not what someone awaits: the
 * passive of an act verb ("Two British people … have been confirmed as having the virus"), or an act
 * verb with an authority in the words before it — an organisation, a place (a government is named by
 * its country), a person with a role, ending there (`actorEnds`: offsets in the sentence), or an
 * institution's or office's word.
 */
export function officialAct(sentence: string, actorEnds: readonly number[]): boolean {
  ACT_VERB.lastIndex = 0;
  for (let m = ACT_VERB.exec(sentence); m; m = ACT_VERB.exec(sentence)) {
    const from = Math.max(0, m.index - ACT_REACH);
    const before = sentence.slice(from, m.index);
    // (what a statement quotes is its speaker's telling, not the sentence's act)
    if (NOT_YET.test(before) || ADVERBIAL_CLAUSE.test(before) || ADJECTIVAL.test(before) || QUOTING.test(before)) continue;
    const after = sentence.slice(ACT_VERB.lastIndex, ACT_VERB.lastIndex + 12);
    const passive = PASSIVE_BEFORE.test(before);
    if (passive && !MARKET_CLOSE.test(after)) return true;
    if (passive || NOT_AN_ACT_AFTER.test(after)) continue;
    if (actorEnds.some((end) => end > from && end <= m!.index) || AUTHORITY_WORD.test(before) || ACRONYM.test(before)) return true;
  }
  return false;
}
