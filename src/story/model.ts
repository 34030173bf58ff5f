// The story stage's own nouns: what it reads (articles with their analysis) and what it returns.
import type { Analysis, ClaimEvolution, Disagreement, EventMention, Granularity, IsoDate, TimelineEntry } from '../types.js';

export interface StoryArticle {
  id: string;
  title: string;
  text: string;
  published: IsoDate | null;
  source: string | null;
  duplicateOf: string | null;
  analysis: Analysis;
}

export interface TimelineOptions {
  /** Number of dates to keep (default: chosen from the material). */
  dates?: number;
  /** Sentences per date. */
  sentencesPerDate?: number;
  start?: IsoDate;
  end?: IsoDate;
  keywords?: string[];
  /**
   * Let one sentence summarise several dates (each date is then summarised on its own, as in
   * timeline-summarisation benchmarks). Default false: the story view shows each sentence once.
   */
  reuseSentences?: boolean;
}

/** How a mention got its date. */
export type DateBasis =
  /** An absolute time expression in the sentence ("30 December 2021"). */
  | 'explicit'
  /** A relative expression resolved against the article's date ("on Tuesday"). */
  | 'relative'
  /** No expression: a lead sentence reporting the news, dated by the article's publication date. */
  | 'publication';

/** An event mention with what the stage needs to weigh it. */
export interface DatedMention extends EventMention {
  basis: DateBasis;
  /** Last day of the period the date names (= date for days). */
  last: IsoDate;
  /** First day the happening can be on: the period start, later for "late in 2021" (mod END). */
  from: IsoDate;
  /** Index of the sentence in the article's analysis. */
  sentenceIndex: number;
  /** Rank of the sentence among the article's content sentences (0 = lead). */
  position: number;
  published: IsoDate | null;
  source: string | null;
  /** The date lies after the article's publication date (a plan or a schedule). */
  future: boolean;
  /**
   * The date bounds a period or dates a measurement ("halted drilling until Nov. 30", "no cases since
   * May 14", "as of Dec. 31"): no happening of that day.
   */
  periodEnd?: true;
  /**
   * The date lies in an adverbial clause of what had happened before ("… accused Mexico of failing to
   * disclose the spread of swine flu until after Barack Obama … had visited the country on 16 April"):
   * it dates that clause, not the sentence's news.
   */
  earlierClause?: true;
  /** The clause around the time expression, when the sentence has several: what the date modifies. */
  clause?: string;
  /** For publication-dated mentions: the article's lead itself named its news day. */
  anchored?: boolean;
  /** 1 / number of distinct dates the sentence names. */
  weight: number;
}

/** One happening: mentions of it, possibly from several articles, under one date. */
export interface StoryEvent {
  date: IsoDate;
  granularity: Granularity;
  mentions: DatedMention[];
  articleIds: string[];
}

export interface StoryView {
  title: string;
  summary: string;
  timeline: TimelineEntry[];
  claims: ClaimEvolution[];
  disagreements: Disagreement[];
  events: EventMention[];
}
