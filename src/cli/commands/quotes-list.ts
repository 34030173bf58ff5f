// `storyline quotes --speaker NAME [--story ID]`: stored statements by speaker, in time order.
import { withStore } from '../store-option.js';
import { printable, printJson, truncate, wrap } from '../output.js';
import { storyOrThrow } from './read.js';

export interface QuotesListFlags {
  db?: string;
  speaker?: string;
  story?: string;
  json?: boolean;
  limit?: number;
}

export function listStoredQuotes(flags: QuotesListFlags): Promise<void> {
  return withStore(flags, 'read', (store) => {
    // A story merged into another has the quotes of the story it became.
    if (flags.story !== undefined) flags = { ...flags, story: storyOrThrow(store, flags.story).id };
    let speakerEntityIds: string[] | undefined;
    let speakerName: string | undefined;
    if (flags.speaker) {
      const matches = store.findEntitiesByName(flags.speaker);
      if (matches.length) speakerEntityIds = matches.map((e) => e.id);
      else speakerName = flags.speaker;
    }
    let quotes = store.quotes({ speakerEntityIds, speakerName, storyId: flags.story, limit: flags.limit ?? 1000 });
    // An entity match finds quotes linked to the entity; names without an entity match by text.
    if (speakerEntityIds && quotes.length === 0) quotes = store.quotes({ speakerName: flags.speaker, storyId: flags.story, limit: flags.limit ?? 1000 });
    if (flags.json) return printJson(quotes);
    if (quotes.length === 0) {
      process.stdout.write(`no quotes${flags.speaker ? ` by "${flags.speaker}"` : ''}${flags.story ? ` in story ${flags.story}` : ''}\n`);
      return;
    }
    for (const q of quotes) {
      const date = q.date ?? q.published ?? 'undated';
      process.stdout.write(printable(`${date}  ${q.speaker ?? 'unattributed'}${q.cueText ? ` (${q.cueText})` : ''} — ${q.outlet ?? 'unknown source'} [${q.articleId}]`) + '\n');
      process.stdout.write(wrap(q.direct ? `“${q.text}”` : truncate(q.text, 600), 92, '    ') + '\n\n');
    }
  });
}
