// Reader-comment threads under an article. Recognised by their structure — a run of comment
// signatures after the article's prose ("… Posted by : NAME | DATE | Report abuse …", "NAME says: /
// DATE at TIME / … / Reply", "Posted by NAME | Report as abusive") — not by one site's strings: a
// reader's post is not the article, and its words must never be quoted as a newsmaker's.

/** What the classifier knows of a block: its text and whether it reads as article prose. */
export interface ThreadBlock {
  text: string;
  prose: boolean;
  words: number;
}

const BY_VERBS =
  '(?:posted|submitted|written|comment(?:ed)?|kommentar|kommentiert|geschrieben|verfasst|eingestellt|publié|posté|écrit|commenté|publicado|escrito|comentado|enviado|inviato|scritto|pubblicato|postato)';
const BY_WORDS = '(?:by|von|par|por|da|de)';

/** "Posted by : NAME |" — the signature of a comment system that prints author and date between bars. */
const BARRED_SIGNATURE_RE = new RegExp(`(?:^|[\\s(])${BY_VERBS}\\s+${BY_WORDS}\\s*:?\\s*[^|\\n]{1,60}?\\s*\\|`, 'giu');

/** A barred signature followed by the posting date and time. */
const TIMED_SIGNATURE_RE = new RegExp(`${BARRED_SIGNATURE_RE.source}\\s*[^|\\n]{0,30}?(?:19|20)\\d\\d[^|\\n]{0,12}?\\d{1,2}:\\d\\d`, 'giu');

/** The report link every comment carries, after a bar or on a line of its own. */
const REPORT_LINK_RE =
  /(?:^|\|)\s*(?:report (?:this )?(?:abuse|as abusive|comment)|flag as (?:inappropriate|offensive)|(?:einen )?missbrauch melden|kommentar melden|signaler (?:un abus|ce commentaire|un contenu)|denunciar (?:abuso|comentario)|segnala(?: abuso| commento)?|пожаловаться)(?![\p{L}])/giu;

/** "Posted by NAME on 2 May 2012, 4:59 pm": a signature without bars (also a blog's own byline, so counted only in numbers). */
const DATED_SIGNATURE_RE = new RegExp(
  `(?:^|[\\s(:])${BY_VERBS}\\s+${BY_WORDS}\\s*:?\\s*[\\p{L}\\p{N}][^|\\n.!?]{0,50}?\\s(?:on\\s+|am\\s+|le\\s+|el\\s+|il\\s+|-\\s*)?(?:\\d{1,2}(?:st|nd|rd|th|\\.)?\\s+\\p{L}{3,9}\\.?,?\\s+(?:19|20)\\d\\d|\\p{L}{3,9}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\s*,\\s*(?:19|20)\\d\\d|\\d{1,2}[./]\\d{1,2}[./](?:19|20)?\\d\\d)`,
  'giu',
);

/** A comment's author line in blog engines: "NAME says:" (the date follows on the next line). */
const SAYS_LINE_RE = /(?:^|\s)(?:says|said|wrote|writes|sagt|meint|schreibt|schrieb|dit|a dit|écrit|dice|escribe|escribió|diz|disse|scrive|ha scritto|пишет)\s*:\s*$/iu;
/** A comment's reply link on a line of its own. */
const REPLY_LINE_RE = /^(?:reply|reply to this comment|antworten|répondre|responder|rispondi|responder|ответить)\s*[↓↩]?$/iu;

/** A heading or notice that opens a comment section ("12 Comments", "Leave a comment", "91 Ergänzungen"). */
const THREAD_HEADING_RE =
  /^(?:\d+\s+)?(?:(?:reader |user )?comments?|responses?|replies|kommentare?|leserkommentare|ergänzungen|reaktionen|commentaires?|réactions|comentarios?|comentários?|commenti|комментари[йия])(?:\s+(?:to|on|zu|zum|à|a|sur)\b[^.!?]{0,120})?\s*(?:\(\d+\))?\s*:?$|^(?:leave a (?:reply|comment)|post a comment|add (?:a|your) comment|join the (?:conversation|discussion)|discuss this (?:article|story)|(?:show|view|read|see) (?:all )?\d*\s*comments?|comments? (?:are|is) (?:closed|disabled)|this (?:post|article|story) (?:has )?received \d+ comments?|schreibe(?:n sie)? einen kommentar|kommentar (?:schreiben|verfassen|hinterlassen)|laisser un commentaire|deja un comentario|lascia un commento|deixe um comentário)\b/iu;

/** A dated byline between the post and its comments ("By NAME | September 24, 2008; 2:58 PM ET …"): the post's footer. */
const POST_FOOTER_RE = /^(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]i)\s+\p{Lu}[^|\n]{1,60}\|\s*[^|\n]{0,20}(?:19|20)\d\d\b/u;

/** The footer's posting time: "September 16 , 2008 ; 6:32 AM ET". */
const TIMED_FOOTER_RE = /\|\s*[^|\n]{0,20}(?:19|20)\d\d\s*[;,]?\s*\d{1,2}:\d\d\s*[AaPp]\.?[Mm]\b/;

/** A comment section's policy notice standing where the section begins ("Please email us to report offensive comments."). */
const COMMENT_POLICY_RE =
  /^(?:please\s+)?(?:e-?mail|contact|write to|notify)\s+us\s+to\s+report\s+(?:offensive|abusive|inappropriate)\s+comments?\b|^comments?\s+(?:are|will be)\s+(?:moderated|reviewed)\b|^(?:the\s+)?comments\s+to\s+this\s+entry\s+are\s+closed\b/iu;

/** Cheap test before the dated-signature pattern: one of its verbs. */
const BY_VERB_HINT_RE = new RegExp(BY_VERBS, 'iu');
const DATE_LINE_RE = /^(?:[^\n]{0,12}?)(?:\d{1,2}(?:st|nd|rd|th|\.)?\s+\p{L}{3,10}\.?,?\s+(?:19|20)\d\d|\p{L}{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|\d{1,2}[./]\d{1,2}[./](?:19|20)?\d\d)[^\n]{0,30}$/u;

interface Signatures {
  /** Comment-only marks: barred signatures and report links (each counts), author lines followed by a date. */
  strong: number;
  /** Dated "Posted by NAME on DATE" signatures: a blog post's byline has the same form. */
  dated: number;
  reply: boolean;
}

function signaturesOf(blocks: ThreadBlock[], i: number): Signatures {
  const { text, words } = blocks[i]!;
  const none = { strong: 0, dated: 0, reply: false };
  if (words <= 8) {
    if (REPLY_LINE_RE.test(text)) return { ...none, reply: true };
    if (SAYS_LINE_RE.test(text) && i + 1 < blocks.length && DATE_LINE_RE.test(blocks[i + 1]!.text)) return { ...none, strong: 1 };
  }
  // "Posted by : NAME | January 16, 2009 8:56 PM": a name and a posting time between bars is a comment's signature too
  const barred = text.includes('|') ? countMatches(BARRED_SIGNATURE_RE, text) + countMatches(TIMED_SIGNATURE_RE, text) : 0;
  const reports = text.includes('|') || words <= 8 ? countMatches(REPORT_LINK_RE, text) : 0;
  // "Posted by : NAME | DATE | Report abuse" is one signature with two marks of a comment: it confirms itself.
  const strong = barred + reports;
  const dated = strong === 0 && BY_VERB_HINT_RE.test(text) ? countMatches(DATED_SIGNATURE_RE, text) : 0;
  return { strong, dated, reply: false };
}

function countMatches(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

/** How far before the first signature a comment-section heading or the post's footer is looked for. */
const HEADING_REACH = 40;
/** Article prose needed before a thread for it to be cut (a page that is all posts is left whole). */
const MIN_ARTICLE_WORDS = 40;

/** A post's timed footer printed at the end of a line of text ("… 16 5 By Jon Cohen | June 7 , 2010 ; 12:00 PM ET Where are…"). */
const INNER_TIMED_FOOTER_RE = /\s(?=(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]i)\s+\p{Lu}[^|\n]{1,60}\|\s*[^|\n]{0,20}(?:19|20)\d\d\s*[;,]?\s*\d{1,2}:\d\d\s*[AaPp]\.?[Mm]\b)/u;

/**
 * A picture credit opening a line, agency first ("REUTERS/Larry Downing The BP executives…", "Photo credit :
 * Reuters/Sean Gardner ( ribbon of oil… ) Bloody stupid people…"): blogs print the post's picture credit after
 * its last paragraph, and the scraper glued the first reader post to it.
 */
const AGENCY_CREDIT_LEAD_RE =
  /^(?:(?:[Pp]hoto(?:graph)?s?|PHOTOS?|[Pp]icture|[Ii]mage)\s*(?:[Cc]redits?)?\s*:\s*)?(?:REUTERS|Reuters|AP|AFP|EPA|Getty Images|Bloomberg)\s*\/\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,2}\s+/u;
/** What a caption or a story's head says after a credit, not a reader: a date or time stamp, a "Bottom :" label, a byline. */
const NOT_A_POST_RE = /(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b|^[\p{L}\s,]{1,20}:|^By\s\p{Lu}|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b/u;

/** The post's credit line with the first reader post glued to it, or false. */
function isCreditLedPost(text: string): boolean {
  const m = AGENCY_CREDIT_LEAD_RE.exec(text);
  if (!m) return false;
  const rest = text.slice(m[0].length);
  return !NOT_A_POST_RE.test(rest) && /\s\p{Ll}/u.test(rest) && rest.split(/\s+/).length >= 3;
}

/** A picture's caption as blogs label it: "Photo captions : Top : …", "PHOTO : …", "Picture credit : …", "File photo shows …". */
const LABELLED_CAPTION_RE = /^(?:(?:photo|picture|image)s?\s*(?:captions?|credits?)?\s*[:,]|(?:file\s+)?(?:photo|picture)(?:graph)?s?\s+shows?\b|(?:top|bottom|left|right|above|below)\s*:)/iu;

/**
 * The post's picture box with the first reader post glued to it: a credit line opening with the first post
 * (isCreditLedPost) under a labelled caption, or labelled itself ("Photo credit : Reuters/…"). A picture inside
 * an article has a caption too, but its credit stands alone or before the caption.
 */
function isPictureBoxPost(blocks: ThreadBlock[], i: number): boolean {
  const text = blocks[i]!.text;
  return isCreditLedPost(text) && (LABELLED_CAPTION_RE.test(text) || (i > 0 && LABELLED_CAPTION_RE.test(blocks[i - 1]!.text)));
}

/** A thread whose signatures the scraper lost entirely: the page's last picture box post with 3+ lines after it, or -1. */
function unsignedThreadStart(blocks: ThreadBlock[], firstProse: number): number {
  for (let i = blocks.length - 4; i > firstProse + 1; i--) {
    if (isCreditLedPost(blocks[i]!.text)) return isPictureBoxPost(blocks, i) ? i : -1;
  }
  return -1;
}

/** Where a thread begins: a block, and inside it (the post's footer printed at the end of a line) a character offset. */
export interface ThreadStart {
  block: number;
  offset: number;
}

/**
 * The index of the block where a reader-comment thread begins (it runs to the end of the page),
 * or -1. A thread needs two comment marks after the article's first prose (a report link or a
 * "Posted by : NAME |" signature counts alone only when a comment heading or a second mark
 * confirms it; "Posted by NAME on DATE" counts only from two on, as it is also a post's byline).
 * It starts at the comment heading or the post's dated footer when one lies shortly before the
 * first signature, else at the block of the first signature (where the first post ends).
 */
export function commentThreadStart(blocks: ThreadBlock[]): number {
  return commentThread(blocks)?.block ?? -1;
}

/**
 * A notice to the readers who comment, standing where their section begins: "We welcome comments that advance the
 * story…", "Views expressed in the comments do not represent those of Reuters.", "Comments are moderated…". Sites print
 * it above the thread, so what follows is the readers' (review 10: 178 Reuters texts kept their posts).
 */
const COMMENT_NOTICE_RE =
  /^(?:we welcome (?:your )?(?:comments|thoughtful comments|reader comments)\b|(?:the )?(?:views|opinions) expressed in (?:the|these|reader|readers'?) comments\b|comments? (?:are|will be) (?:moderated|reviewed|pre-moderated)\b|(?:kommentare|leserkommentare) (?:werden|sind) (?:moderiert|geprüft)\b|les commentaires sont (?:modérés|soumis)\b)/iu;

const CLOSED_NOTICE_RE = /^(?:this|the) (?:discussion|debate|thread|comment thread|comments? section) (?:is|has been|are|have been) (?:now )?closed\b/iu;

function noticedThreadStart(blocks: ThreadBlock[], firstProse: number): number {
  let articleWords = 0;
  for (let i = firstProse; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (i > firstProse && b.words <= 30 && articleWords >= MIN_ARTICLE_WORDS && COMMENT_NOTICE_RE.test(b.text)) {
      // (notices closing a page whose posts stood above them head nothing: they go as notices)
      const heads = blocks.slice(i + 1).some((x) => !COMMENT_NOTICE_RE.test(x.text) && !CLOSED_NOTICE_RE.test(x.text));
      return heads ? i : -1;
    }
    if (b.prose) articleWords += b.words;
  }
  return -1;
}

/** commentThreadStart, with the offset of a thread that begins inside a block (null: no thread). */
export function commentThread(blocks: ThreadBlock[]): ThreadStart | null {
  const firstProse = blocks.findIndex((b) => b.prose);
  if (firstProse < 0) return null;
  const signed = signedThread(blocks, firstProse);
  const noticed = noticedThreadStart(blocks, firstProse);
  if (noticed >= 0 && (!signed || noticed < signed.block)) return { block: noticed, offset: 0 };
  return signed;
}

function signedThread(blocks: ThreadBlock[], firstProse: number): ThreadStart | null {
  let first = -1;
  let strong = 0;
  let dated = 0;
  let firstDated = -1;
  let replies = 0;
  let firstReply = -1;
  for (let i = firstProse + 1; i < blocks.length; i++) {
    const s = signaturesOf(blocks, i);
    if (s.strong && first < 0) first = i;
    if (s.dated && firstDated < 0) firstDated = i;
    if (s.reply && firstReply < 0) firstReply = i;
    strong += s.strong;
    dated += s.dated;
    if (s.reply) replies++;
  }
  const marks = strong + (dated >= 2 ? dated : 0) + (replies >= 2 ? replies : 0);
  if (marks === 0) {
    const unsigned = unsignedThreadStart(blocks, firstProse);
    const articleWords = blocks.slice(0, Math.max(unsigned, 0)).reduce((n, b) => n + (b.prose ? b.words : 0), 0);
    return unsigned > 0 && articleWords >= MIN_ARTICLE_WORDS ? { block: unsigned, offset: 0 } : null;
  }
  const starts = [first, dated >= 2 ? firstDated : -1, replies >= 2 ? firstReply : -1].filter((i) => i >= 0);
  if (starts.length === 0) return null;
  let start = Math.min(...starts);
  // The first post ends at its signature: the thread began at the section's heading or the post's footer if one lies shortly before.
  let headed = false;
  for (let i = start - 1; i > firstProse && i >= start - HEADING_REACH; i--) {
    const b = blocks[i]!;
    if ((b.words <= 25 && (THREAD_HEADING_RE.test(b.text) || COMMENT_POLICY_RE.test(b.text))) || POST_FOOTER_RE.test(b.text)) {
      start = i;
      headed = true;
      break;
    }
  }
  // A post's dated footer further up ("By Chris Cillizza | September 16, 2008; 6:32 AM ET …", then 170 lines of
  // posts whose signatures the scraper lost): the thread began there, however far before the first signature.
  for (let i = start - HEADING_REACH - 1; !headed && marks >= 2 && i > firstProse; i--) {
    if (POST_FOOTER_RE.test(blocks[i]!.text) && TIMED_FOOTER_RE.test(blocks[i]!.text)) {
      start = i;
      headed = true;
    }
  }
  // Where the first post's lines stand between the article and the first signature, the article's end may still show:
  // the post's picture credit with the first reader post glued to it, or the post's timed footer at the end of a line.
  let offset = 0;
  for (let i = start - 1; !headed && marks >= 2 && i > firstProse; i--) {
    if (isPictureBoxPost(blocks, i)) {
      start = i;
      headed = true;
    }
  }
  for (let i = start - 1; !headed && marks >= 2 && i >= firstProse; i--) {
    const footer = INNER_TIMED_FOOTER_RE.exec(blocks[i]!.text);
    if (footer && footer.index > 0) {
      start = i;
      offset = footer.index + 1;
      headed = true;
    }
  }
  if (marks < 2 && !headed) return null;
  // "NAME / says:": the author's name on the line before the first author line belongs to the thread
  if (!headed && start - 1 > firstProse && SAYS_LINE_RE.test(blocks[start]!.text) && blocks[start - 1]!.words <= 4 && !blocks[start - 1]!.prose) start--;
  const articleWords = blocks.slice(0, start).reduce((n, b) => n + (b.prose ? b.words : 0), 0) + (offset ? blocks[start]!.words : 0);
  return articleWords >= MIN_ARTICLE_WORDS ? { block: start, offset } : null;
}
