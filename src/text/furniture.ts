// Page furniture that more than one stage must recognise in scraped text.

/** A reader's comment under an article ("At 11:45 pm on 13 Jan 2010 , SheffTim wrote : …"), or its moderation notice. */
export const READER_COMMENT = /\b\d{1,2}[:.]\d{2}\b.{0,70}?\bwrote\s*:|\bthis comment was (?:removed|deleted)\b/i;
