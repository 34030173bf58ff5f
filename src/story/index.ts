// story: dated events, timeline, title, summary and claim evolution of one story.
import type { Analysis, ClaimEvolution, Disagreement, EventMention, IsoDate, TimelineEntry } from '../types.js';

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
}

export interface StoryView {
  title: string;
  summary: string;
  timeline: TimelineEntry[];
  claims: ClaimEvolution[];
  disagreements: Disagreement[];
  events: EventMention[];
}

export function buildStory(articles: StoryArticle[], _options: TimelineOptions = {}): StoryView {
  const first = articles[0];
  return { title: first?.title ?? '', summary: '', timeline: [], claims: [], disagreements: [], events: [] };
}
