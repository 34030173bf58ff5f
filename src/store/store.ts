// The store interface: everything the pipeline, CLI and server need from persistence.
// SQLite (./sqlite) is the default implementation; a PostgreSQL one can follow behind the same interface.
import type { Analysis, Article, DateRange, DocEntity, EntityType, IsoDate, Quote, Story, TimelineEntry } from '../types.js';
import type { KeyValueStore } from '../link/index.js';

/** What the evidence says of an undated article's publication date (bounds, a year-less window). */
export interface PublishedEstimate {
  notBefore: IsoDate | null;
  notAfter: IsoDate | null;
  yearUnknown: boolean;
  /** When the year is unknown: the window as month-days ("12-17" … "01-10"). */
  monthDayRange: { from: string | null; to: string | null } | null;
  evidence: string[];
}

/** An article as stored, with the raw input kept so it can be re-extracted by `reprocess`. */
export interface StoredArticle extends Article {
  publishedEstimate: PublishedEstimate | null;
  raw: string;
  rawKind: 'text' | 'html';
  metaTitle: string | null;
  metaPublished: string | null;
  canonicalUrl: string | null;
  description: string | null;
  image: string | null;
  /** The standfirst (dek, teaser) the page prints apart from the text (Extracted.standfirst); searched with the text. */
  standfirst: string | null;
  seq: number;
  storyId: string | null;
  eventId: string | null;
}

export interface ArticleSummary {
  id: string;
  title: string;
  source: string | null;
  url: string | null;
  path: string | null;
  published: IsoDate | null;
  publishedFrom: Article['publishedFrom'];
  /** For an article the evidence dates only roughly: its bounds (see StoredArticle). */
  publishedEstimate?: PublishedEstimate | null;
  duplicateOf: string | null;
  storyId: string | null;
  length: number;
}

export interface StorySummary {
  id: string;
  title: string;
  summary: string;
  firstSeen: IsoDate | null;
  lastSeen: IsoDate | null;
  articleCount: number;
  sourceCount: number;
  updatedAt: string;
}

export interface CorpusEntity {
  id: string;
  key: string;
  name: string;
  type: EntityType;
  aliases: string[];
  roles: string[];
  articleIds: string[];
  mentionCount: number;
}

export interface StoredQuote extends Quote {
  id: number;
  articleId: string;
  text: string;
  cueText: string | null;
  speakerEntityId: string | null;
  published: IsoDate | null;
  source: Quote['source'];
  outlet: string | null;
  storyId: string | null;
}

export interface StoryArticleRecord {
  id: string;
  title: string;
  published: IsoDate | null;
  /** For an article without a publication date: the range the text allows, when it has one. */
  publishedRange?: DateRange | null;
  source: string | null;
  duplicateOf: string | null;
  /** Text and analysis of an original a build reads; null for the others (see storyArticles). */
  content: { text: string; analysis: Analysis } | null;
}

export interface StoryRecord extends Story {
  events: { id: string; date: IsoDate; granularity: TimelineEntry['granularity']; summary: string; articleIds: string[] }[];
  updatedAt: string;
}

export interface StoryHistoryEntry {
  /** merged-into: this story became part of `otherId`; absorbed: `otherId` became part of it;
   * split-from: this story was split off `otherId`; split-off: `otherId` was split off this one. */
  kind: 'merged-into' | 'absorbed' | 'split-from' | 'split-off';
  otherId: string;
  at: string;
}

export interface Stats {
  articles: number;
  duplicates: number;
  stories: number;
  entities: number;
  quotes: number;
  timexes: number;
  sources: number;
  firstPublished: IsoDate | null;
  lastPublished: IsoDate | null;
  dbBytes: number;
}

export interface ListOptions {
  limit?: number;
  offset?: number;
}

export interface Store {
  readonly path: string;
  close(): void;
  /**
   * Runs fn in a transaction (a savepoint when nested); rolls back if fn throws. `immediate` takes the
   * write lock at the start (waiting for another writer as long as the busy timeout allows): a
   * transaction that reads and then writes on what it read, as two processes may at the same moment.
   */
  transaction<T>(fn: () => T, options?: { immediate?: boolean }): T;
  readonly kv: KeyValueStore;

  findExisting(contentHash: string, url: string | null): string | null;
  hasArticle(id: string): boolean;
  insertArticle(article: StoredArticle): void;
  updateArticle(article: StoredArticle): void;
  getArticle(id: string): StoredArticle | null;
  listArticles(options?: ListOptions & { storyId?: string; source?: string }): ArticleSummary[];
  articleIds(): string[];
  /**
   * Articles with a known publication date (metadata or the page's own words) that mention at least
   * two of `names`, newest first: the context that can give an undated article its year. `sinceSeq`
   * keeps only articles stored after that sequence number. With `withUndated`, undated articles
   * come too (`published` null): the years their texts state lend as much as in one batch.
   */
  datedArticlesMentioning(names: string[], limit: number, sinceSeq?: number, withUndated?: boolean): Array<{ id: string; text: string; published: IsoDate | null }>;
  /** Articles whose publication date is known only as month and day (no year), newest first. */
  yearlessArticleIds(limit: number): string[];
  /**
   * Articles published between two dates (inclusive) whose title or text has the most of `words`
   * (full-text ranking), best first: the candidates that a late article may repeat.
   */
  articlesLike(words: string[], from: IsoDate, to: IsoDate, limit: number): Array<{ id: string; title: string; text: string }>;
  /** Stored articles, or those of a story and/or an outlet (as `listArticles` filters them). */
  countArticles(options?: { storyId?: string; source?: string }): number;

  /** Replaces the stored analysis of an article (mentions, timexes, quotes, entities). */
  saveAnalysis(articleId: string, analysis: Analysis, version: number, entityIds: Map<string, string>): void;
  getAnalysis(articleId: string): { version: number; analysis: Analysis } | null;
  /** Stored articles whose analysis was made by an older version of the language stage than `version`. */
  countStaleAnalyses(version: number): number;

  /** Corpus entities: upserts by key, merging aliases and roles; returns the entity id. */
  upsertEntity(entity: Pick<DocEntity, 'key' | 'name' | 'type' | 'aliases' | 'roles'>): string;
  listEntities(options?: ListOptions & { type?: EntityType }): CorpusEntity[];
  getEntity(idOrKey: string): CorpusEntity | null;
  findEntitiesByName(name: string): CorpusEntity[];
  /** Key and name of every person entity (for the surname index of an ingest run). */
  personEntities(): { key: string; name: string }[];
  /** How many articles mention the entity with this key. */
  entityArticleCount(key: string): number;
  /** Removes the entity with this key when no mention refers to it any more (its articles were linked to another); true if removed. */
  dropEntityIfUnused(key: string): boolean;
  /**
   * Moves every mention and quote of the entity with key `fromKey` to the entity `to` (made if new;
   * the moved entity's aliases and roles join it) and removes `fromKey`'s entity: all of an
   * entity's articles now belong to another, without storing their analyses again.
   */
  moveEntity(fromKey: string, to: Pick<DocEntity, 'key' | 'name' | 'type'>): void;
  /** Shows the entity with this key by another of its names; nothing when there is none. */
  renameEntity(key: string, name: string): void;
  /** Deletes every entity no mention refers to any more (after a reprocess linked name variants together); returns how many. */
  pruneUnusedEntities(): number;

  quotes(options?: ListOptions & { speakerEntityIds?: string[]; speakerName?: string; storyId?: string; articleId?: string }): StoredQuote[];

  /** Repeated-line statistics used by the text cleaner: how many articles carry each line hash. */
  lineCounts(hashes: string[]): Map<string, number>;
  addLines(hashes: string[]): void;

  /**
   * Puts an article in a story (creating the story, titled by `seed`, when it is new) and keeps the
   * story's article count and date span current; the full story is rebuilt later by saveStory.
   */
  assignStory(articleId: string, storyId: string, eventId: string, seed?: { title: string; published: IsoDate | null }): void;
  recordStoryMerge(from: string, into: string): void;
  /** Moves the articles of these events (wherever they are) to a story split off from `from`. */
  recordStorySplit(from: string, into: string, eventIds: string[]): void;
  /** What happened to a story over time: merges and splits, oldest first. */
  storyHistory(storyId: string): StoryHistoryEntry[];
  storyArticleIds(storyId: string): string[];
  /**
   * The articles of a story as a build reads them, in storyArticleIds order, loaded lean for stories
   * of thousands of articles: no raw input, and for the originals only (duplicates are left out of
   * builds) their text and analysis without its entities (the story stage reads the mentions).
   * With `maxOriginals`, a story with more originals has the content of an even sample of them
   * across its span: a build's memory is bounded whatever the story's size.
   */
  storyArticles(storyId: string, options?: { maxOriginals?: number }): StoryArticleRecord[];
  saveStory(story: StoryRecord): void;
  getStory(id: string): StoryRecord | null;
  listStories(options?: ListOptions): StorySummary[];
  /** Removes stories left with no articles (after merges or reprocessing). */
  pruneEmptyStories(): number;
  clearStories(): void;

  stats(): Stats;
}
