// story: dated events, timeline, title, summary and claim evolution of one story.
import type { EventMention } from '../types.js';
import { extractEventMentions, mergeEvents, type MentionOptions } from './events.js';
import type { DatedMention, StoryArticle, StoryView, TimelineOptions } from './model.js';
import { buildTimeline, type SalienceWeights, type SelectionWeights } from './timeline.js';
import { storyHeadline } from './headline.js';
import { claimEvolution, findDisagreements } from './claims.js';

export type { StoryArticle, TimelineOptions, StoryView, DatedMention, StoryEvent, DateBasis } from './model.js';
export { extractEventMentions, mergeEvents, isFurniture } from './events.js';
export { buildTimeline, consecutiveDayRuns, rankDates, DEFAULT_WEIGHTS, DEFAULT_SELECTION, type SalienceWeights, type SelectionWeights } from './timeline.js';
export { storyHeadline, titleShape } from './headline.js';
export { claimEvolution, findDisagreements } from './claims.js';

export interface BuildOptions {
  mentions?: MentionOptions;
  weights?: SalienceWeights;
  selection?: SelectionWeights;
  /** Only the timeline (batch timeline summarisation): no event merging, headline or claims. */
  timelineOnly?: boolean;
}

function publishedInRange(a: StoryArticle, options: TimelineOptions): boolean {
  if (!a.published) return !options.start && !options.end;
  const d = a.published.slice(0, 10);
  if (options.start && d < options.start) return false;
  if (options.end && d > options.end) return false;
  return true;
}

function toEventMention(m: DatedMention): EventMention {
  return {
    articleId: m.articleId,
    sentence: m.sentence,
    text: m.text,
    date: m.date,
    granularity: m.granularity,
    actorKeys: m.actorKeys,
    relative: m.relative,
  };
}

/**
 * Everything the story view shows: dated events merged across sources, the timeline, a headline
 * and summary, how key claims evolved and where sources disagree. Duplicates (duplicateOf set) are
 * left out so that a wire copy does not count as a second source.
 */
export function buildStory(articles: StoryArticle[], options: TimelineOptions = {}, build: BuildOptions = {}): StoryView {
  const originals = articles.filter((a) => !a.duplicateOf && publishedInRange(a, options));
  const mentions = originals.flatMap((a) => extractEventMentions(a, build.mentions));
  const events = build.timelineOnly ? [] : mergeEvents(mentions);
  const timeline = buildTimeline({ articles: originals, mentions, events, options, weights: build.weights, selection: build.selection });
  if (build.timelineOnly) return { title: '', summary: '', timeline, claims: [], disagreements: [], events: [] };
  const { title, summary } = storyHeadline(originals, timeline);
  const claims = claimEvolution(originals);
  const disagreements = findDisagreements(claims, mentions, originals);
  return { title, summary, timeline, claims, disagreements, events: mentions.map(toEventMention) };
}
