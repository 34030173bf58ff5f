// `storyline quotes --speaker NAME [--story ID]`: stored statements by speaker, in time order.
import { withStore } from '../store-option.js';
import { printable, printJson, truncate, wrap } from '../output.js';
import { printPageNote } from '../numbers.js';
import { sqliteHandle, type Store } from '../../store/index.js';
import { storyOrThrow } from './read.js';
import { asQuotation } from '../../text/quotation.js';

export interface QuotesListFlags {
  db?: string;
  speaker?: string;
  story?: string;
  json?: boolean;
  limit?: number;
  offset?: number;
}

/** How many quotes `storyline quotes` lists when --limit is not given. */
export const DEFAULT_QUOTES_LIMIT = 1000;

interface QuoteFilter {
  speakerEntityIds?: string[];
  speakerName?: string;
  storyId?: string;
}

/** How many stored quotes match the filter: the same conditions as Store.quotes, counted. */
export function countQuotes(store: Store, filter: QuoteFilter): number {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.speakerEntityIds?.length) {
    where.push(`q.speaker_entity_id IN (${filter.speakerEntityIds.map(() => '?').join(', ')})`);
    params.push(...filter.speakerEntityIds);
  }
  if (filter.speakerName) {
    where.push('(lower(q.speaker) LIKE ? OR lower(e.name) LIKE ?)');
    params.push(`%${filter.speakerName.toLowerCase()}%`, `%${filter.speakerName.toLowerCase()}%`);
  }
  if (filter.storyId) {
    where.push('sa.story_id = ?');
    params.push(filter.storyId);
  }
  const sql = `SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id
    LEFT JOIN story_articles sa ON sa.article_id = q.article_id LEFT JOIN entities e ON e.id = q.speaker_entity_id
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''}`;
  return Number(sqliteHandle(store).prepare(sql).pluck().get(...params));
}

export function listStoredQuotes(flags: QuotesListFlags): Promise<void> {
  return withStore(flags, 'read', (store) => {
    // A story merged into another has the quotes of the story it became.
    if (flags.story !== undefined) flags = { ...flags, story: storyOrThrow(store, flags.story).id };
    const limit = flags.limit ?? DEFAULT_QUOTES_LIMIT;
    const offset = flags.offset ?? 0;
    let filter: QuoteFilter = { storyId: flags.story };
    if (flags.speaker) {
      const matches = store.findEntitiesByName(flags.speaker);
      filter = matches.length ? { ...filter, speakerEntityIds: matches.map((e) => e.id) } : { ...filter, speakerName: flags.speaker };
    }
    let total = countQuotes(store, filter);
    // An entity match finds quotes linked to the entity; names without an entity match by text.
    if (filter.speakerEntityIds && total === 0) {
      filter = { storyId: flags.story, speakerName: flags.speaker };
      total = countQuotes(store, filter);
    }
    const quotes = total > offset ? store.quotes({ ...filter, limit, offset }) : [];
    // The note goes to stderr, after the listing: --json output stays the quotes alone.
    const note = () => printPageNote(quotes.length, offset, total, 'quotes, oldest first');
    if (flags.json) {
      printJson(quotes);
      return note();
    }
    if (quotes.length === 0) {
      note();
      if (total === 0) process.stdout.write(`no quotes${flags.speaker ? ` by "${flags.speaker}"` : ''}${flags.story ? ` in story ${flags.story}` : ''}\n`);
      return;
    }
    for (const q of quotes) {
      process.stdout.write(printable(`${quoteDates(q)}  ${q.speaker ?? 'unattributed'}${q.cueText ? ` (${q.cueText})` : ''} — ${q.outlet ?? 'unknown source'} [${q.articleId}]`) + '\n');
      process.stdout.write(wrap(q.direct ? asQuotation(q.text) : truncate(q.text, 600), 92, '    ') + '\n\n');
    }
    note();
  });
}

/**
 * When a statement was made and when it was published, both when they differ: "2009-06-11
 * (published 2009-06-12)"; a statement with no date of its own goes by its publication date.
 */
export function quoteDates(q: { date?: string | null; published?: string | null }): string {
  if (!q.date) return q.published ? `published ${q.published.slice(0, 10)}` : 'undated';
  if (q.published && q.published.slice(0, 10) !== q.date.slice(0, 10)) return `${q.date} (published ${q.published.slice(0, 10)})`;
  return q.date;
}
