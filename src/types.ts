// The shared data model of Storyline. Every stage speaks in these nouns; nothing else defines them.
// Offsets are UTF-16 code units into the text they refer to (String.prototype.slice), end exclusive.

/** [start, end) into a text, UTF-16 code units. */
export type Span = [start: number, end: number];

/** ISO calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

/** An error about one input item, always naming where it came from (`path[:line]`, a URL, a field). */
export interface InputError {
  origin: string;
  message: string;
}

/** What parsers return: the good items and one error per bad item; they never throw for bad input. */
export interface ParseResult<T> {
  items: T[];
  errors: InputError[];
}

// ─── ingest ──────────────────────────────────────────────────────────────────────────────────────

/** One document as it arrived, before extraction. Exactly one of `text` or `html` is set. */
export interface RawDoc {
  /** Where it came from, for messages: `path`, `path:line`, or a URL. */
  origin: string;
  id?: string;
  url?: string;
  path?: string;
  source?: string;
  title?: string;
  text?: string;
  html?: string;
  /** Publication date given by metadata (feed, JSONL field, --published flag), ISO date or date-time. */
  published?: string;
  language?: string;
}

// ─── extract ─────────────────────────────────────────────────────────────────────────────────────

/** A block of the input the cleaner removed, kept so users can inspect it. */
export interface RemovedBlock {
  text: string;
  /** Why it was removed, in words a user understands: "link list", "comment form", "photo caption"… */
  reason: string;
}

export type DateOrigin = 'metadata' | 'text' | 'inferred';

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

/** The publication date of an article and where it came from. */
export interface PublicationDate {
  /** The best single date, or null when nothing supports one. */
  date: IsoDate | null;
  from: DateOrigin | null;
  /** 0..1 */
  confidence: number;
  /** For inferred dates: the range the evidence allows. */
  range?: DateRange | null;
  /** True when the text supports a month and day but no year. */
  yearUnknown?: boolean;
  /** Human-readable evidence, e.g. `"April 15, 2021" + "on Friday" (past tense)`. */
  evidence?: string[];
}

/** What extraction makes of one RawDoc: the clean article text and its metadata. */
export interface Extracted {
  title: string;
  /** Clean text: paragraphs separated by a blank line ("\n\n"). */
  text: string;
  removed: RemovedBlock[];
  /** Publication date found in metadata or text by the extractor (null when none). */
  published: IsoDate | null;
  publishedFrom: DateOrigin | null;
  modified: IsoDate | null;
  authors: string[];
  /** ISO 639-1 code, or 'und'. */
  language: string;
  site: string | null;
  canonicalUrl: string | null;
  description: string | null;
  image: string | null;
  /** The wire dateline cut from the text's opening ("HAYWARD, Calif. (AP) —"): its place and full date, when it had them. */
  dateline?: Dateline | null;
  /** The article's standfirst (dek, teaser, chapô) when the page prints it apart from the body: like the title, not in `text`. */
  standfirst?: string | null;
}

/** A dateline the extractor took off the article's first paragraph: metadata, not text. */
export interface Dateline {
  /** What was cut, as printed ("WASHINGTON, May 3 (Reuters) -", "By X | Mon Jun 1, 2009 4:23 pm EDT LONDON (Reuters) -"). */
  text: string;
  /** The place it names ("HAYWARD, Calif.", "WASHINGTON"), else null. */
  place: string | null;
  /** The calendar date it gives in full, else null. */
  date: IsoDate | null;
}

// ─── language ────────────────────────────────────────────────────────────────────────────────────

export interface Token {
  text: string;
  start: number;
  end: number;
}

export interface Sentence {
  start: number;
  end: number;
  tokens: Token[];
}

export type NerLabel = 'PER' | 'ORG' | 'LOC' | 'MISC';
export type EntityType = 'person' | 'organization' | 'place' | 'other';

/** One occurrence of a named entity in a text. */
export interface EntityMention {
  start: number;
  end: number;
  text: string;
  label: NerLabel;
  sentence: number;
  /** Key of the document entity this mention belongs to (see DocEntity.key). */
  entityKey?: string;
  /** A title or role the text gives the mention: "Kremlin spokesman", "US Secretary of State". */
  role?: string;
}

/** A canonical entity within one document: all its mentions, aliases and roles. */
export interface DocEntity {
  /** Stable key within and across documents: type + normalised canonical name, e.g. `person:vladimir putin`. */
  key: string;
  name: string;
  type: EntityType;
  aliases: string[];
  roles: string[];
  mentions: EntityMention[];
}

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

/** A temporal expression with its TIMEX3 normalisation. */
export interface Timex {
  start: number;
  end: number;
  text: string;
  type: TimexType;
  /** TIMEX3 value: `2021-12-30`, `2021-12`, `2021`, `2021-W52`, `2021-Q4`, `2021-SU`, `PRESENT_REF`, `P2D`, `2021-12-30T16:25`… */
  value: string;
  /** TIMEX3 modifier: START, MID, END, APPROX, BEFORE, AFTER, LESS_THAN, MORE_THAN… */
  mod?: string;
  /** What the value was resolved against: 'dct', 'text', or 'none' (absolute). */
  anchor?: 'dct' | 'text' | 'none';
}

/** A quotation or report of speech (or of a state of mind) with its attribution. */
export interface Quote {
  content: Span;
  source: Span | null;
  cue: Span | null;
  /** Canonical speaker name, or null when unattributed. */
  speaker: string | null;
  /** DocEntity.key of the speaker, when it is a recognised entity. */
  speakerKey: string | null;
  /** True for quoted words, false for reported (indirect) speech. */
  direct: boolean;
  /** 'speech' for statements; 'belief' for states of mind (believes, hopes, thinks). */
  kind: 'speech' | 'belief';
  /** The date the text gives for the statement, if any (else the article's date applies). */
  date?: IsoDate | null;
}

/** Everything the language stage knows about one article text. */
export interface Analysis {
  sentences: Sentence[];
  mentions: EntityMention[];
  entities: DocEntity[];
  timexes: Timex[];
  quotes: Quote[];
}

// ─── stored article ──────────────────────────────────────────────────────────────────────────────

export interface Article {
  id: string;
  url: string | null;
  path: string | null;
  source: string | null;
  title: string;
  text: string;
  published: IsoDate | null;
  publishedFrom: DateOrigin | null;
  publishedRange: DateRange | null;
  publishedConfidence: number | null;
  modified: IsoDate | null;
  authors: string[];
  language: string;
  site: string | null;
  contentHash: string;
  duplicateOf: string | null;
  removed: RemovedBlock[];
  ingestedAt: string;
}

// ─── link and story ──────────────────────────────────────────────────────────────────────────────

export type Granularity = 'day' | 'month' | 'year';

/** A sentence that dates a happening, found in one article. */
export interface EventMention {
  articleId: string;
  sentence: Span;
  text: string;
  date: IsoDate;
  granularity: Granularity;
  /** Entity keys of the actors named in the sentence. */
  actorKeys: string[];
  /** True when the date was resolved from the article's own date (relative expression). */
  relative: boolean;
}

export interface TimelineEntry {
  date: IsoDate;
  granularity: Granularity;
  summary: string;
  sentences: { text: string; articleId: string }[];
  articleIds: string[];
  /**
   * Set when every sentence given for the date was written before it: a plan, a schedule or a
   * forecast ("the vote on Nov. 8"), not a report that it happened.
   */
  expected?: true;
}

/** One claim about a subject, as one source stated it on one date. */
export interface ClaimStatement {
  date: IsoDate;
  articleId: string;
  source: string | null;
  speaker: string | null;
  text: string;
}

/** How what is said about one subject changes over time. */
export interface ClaimEvolution {
  subject: string;
  statements: ClaimStatement[];
}

/** Sources that disagree about what happened on one date. */
export interface Disagreement {
  date: IsoDate;
  about: string;
  statements: ClaimStatement[];
}

export interface Story {
  id: string;
  title: string;
  summary: string;
  articleIds: string[];
  firstSeen: IsoDate | null;
  lastSeen: IsoDate | null;
  mergedInto: string | null;
  timeline: TimelineEntry[];
  claims: ClaimEvolution[];
  disagreements: Disagreement[];
}
