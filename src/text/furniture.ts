// Page furniture that more than one stage must recognise in scraped text.

const CLOCK = String.raw`\d{1,2}:\d{2}`;
const AM_PM = String.raw`[ap]\.?\s?m\b\.?`;
const MONTH = String.raw`[a-z]{3,9}\.?`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
const DATE = String.raw`(?:${DAY}\s+${MONTH},?\s+\d{4}|${MONTH}\s+${DAY}\s*,?\s+\d{4})`;
/**
 * A comment's header: "At 11:45 pm on 13 Jan 2010 , SheffTim wrote :", "At 18:25 1st Jun 2010 ,
 * CComment wrote :", "At 6:53 P.M. on Jan 13 , 2010 , Jessica Clark wrote :". The clock (":" only,
 * not a decimal: "rose 2.50 percent …, the analyst Jane Doe wrote:") opens a line or follows "at" /
 * "on", has an am/pm or a date, and a short name comes right before "wrote :".
 */
const COMMENT_HEADER = String.raw`(?:(?<![^\n])[ \t]*|\b(?:at|on)\s+)${CLOCK}(?:\s*${AM_PM}(?:\s+(?:on\s+)?${DATE})?|\s+(?:on\s+)?${DATE})\s*,?\s*[^\s.!?:;,"“”][^\n.!?:;"“”]{0,40}?\s+wrote\s*:`;
/**
 * A reader's comment under an article: its header (or a signature's end and a reply's header: "…
 * 1:39 PM | Report abuse Not Buying It wrote :") or its moderation notice.
 */
export const READER_COMMENT = new RegExp(`${COMMENT_HEADER}|\\|\\s*report abuse\\s+[^\\n.!?:;|]{1,40}?\\s+wrote\\s*:|\\bthis comment was (?:removed|deleted)\\b`, 'i');
// Every reader comment says one of these: a cheap scan that spares most texts the pattern above,
// whose first branch is tried at every position.
const READER_COMMENT_WORDS = /wrote|this comment was/i;
/** READER_COMMENT.test, faster. */
export const isReaderComment = (text: string): boolean => READER_COMMENT_WORDS.test(text) && READER_COMMENT.test(text);
/** The header alone, global: where a thread of headed comments starts. */
export const READER_COMMENT_HEADER = new RegExp(COMMENT_HEADER, 'gi');
