// `storyline search QUERY`: full-text search over the stored articles, with the web's filters.
import type { Command } from 'commander';
import type { Highlighted } from '../../search/index.js';
import { sqliteHandle } from '../../store/index.js';
import { addDbOption, withStore } from '../store-option.js';
import { printable, printJson, wrap } from '../output.js';

interface SearchFlags {
  db?: string;
  source?: string;
  entity?: string;
  story?: string;
  from?: string;
  to?: string;
  duplicates?: boolean;
  limit?: string;
  offset?: string;
  json?: boolean;
}

/** Matched words in «». */
function marked(h: Highlighted): string {
  const [open, close] = ['«', '»'];
  let out = '';
  let at = 0;
  for (const [start, end] of h.highlights) {
    out += h.text.slice(at, start) + open + h.text.slice(start, end) + close;
    at = end;
  }
  return out + h.text.slice(at);
}

export function registerSearch(program: Command): void {
  addDbOption(program.command('search'))
    .description('full-text search over stored articles: words, "quoted phrases", prefix*, -excluded')
    .argument('<query...>', 'what to search for')
    .option('--source <name>', 'only articles of this outlet')
    .option('--entity <name>', 'only articles naming this entity (id, key or name)')
    .option('--story <id>', 'only articles of this story')
    .option('--from <date>', 'published on or after (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--to <date>', 'published on or before (YYYY, YYYY-MM or YYYY-MM-DD)')
    .option('--duplicates', 'include articles recognised as copies of another')
    .option('--limit <n>', 'how many (1–100, default 20)')
    .option('--offset <n>', 'skip this many (default 0)')
    .option('--json', 'print JSON: hits with highlight offsets, total, facets')
    .action(async (words: string[], flags: SearchFlags) => {
      // (loaded when the command runs: `storyline --help` does not load the search and the web's schemas)
      const [{ createSearch, emptyQueryHint }, { describeIssues, searchQuery }] = await Promise.all([import('../../search/index.js'), import('../../serve/schemas.js')]);
      const parsed = searchQuery.safeParse({
        q: words.join(' '),
        source: flags.source,
        entity: flags.entity,
        story: flags.story,
        from: flags.from,
        to: flags.to,
        duplicates: flags.duplicates ? 'true' : undefined,
        limit: flags.limit,
        offset: flags.offset,
      });
      if (!parsed.success) throw new Error(`search: ${describeIssues(parsed.error).replace(/\b(from|to|limit|offset|source|entity|story): /g, '--$1: ')}`);
      const q = parsed.data;
      return withStore(flags, 'read', (store) => {
        let entityId: string | undefined;
        if (q.entity) {
          // An id or key, else a name: the one entity it names, or the one whose name it is exactly.
          const byId = store.getEntity(q.entity);
          const matches = byId ? [byId] : store.findEntitiesByName(q.entity);
          const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
          const exact = matches.filter((e) => fold(e.name) === fold(q.entity!));
          // Else the most mentioned entity known by exactly this name ("CDC" for the Centers for
          // Disease Control and Prevention), when it is mentioned more than all the others together.
          const byAlias = matches.filter((e) => e.aliases.some((a) => fold(a) === fold(q.entity!)));
          const mentions = (e: (typeof matches)[number]) => e.mentionCount ?? 0;
          const leading = byAlias.length && mentions(byAlias[0]!) > byAlias.slice(1).reduce((n, e) => n + mentions(e), 0) ? byAlias[0] : undefined;
          const found = matches.length === 1 ? matches[0] : exact.length === 1 ? exact[0] : leading;
          if (!matches.length) throw new Error(`no entity matches "${q.entity}": list them with \`storyline entities\``);
          if (!found) {
            const some = matches.slice(0, 8).map((e) => `${e.name} (${e.type}, ${e.id})`).join('; ');
            throw new Error(`"${q.entity}" names ${matches.length} entities: ${some}${matches.length > 8 ? '; …' : ''} — give the full name or the id`);
          }
          entityId = found.id;
        }
        const search = createSearch(sqliteHandle(store));
        const result = search({ q: q.q, source: q.source, entityId, storyId: q.story, from: q.from, to: q.to, duplicates: q.duplicates === 'true', limit: q.limit, offset: q.offset });
        if (flags.json) return printJson({ total: result.total, query: result.query, match: result.match, hits: result.hits, facets: result.facets });
        const out: string[] = [];
        if (!result.match) throw new Error(`nothing to search for in ${JSON.stringify(q.q)}: ${emptyQueryHint(q.q)}`);
        if (result.total === 0) {
          out.push(`no articles match ${JSON.stringify(q.q)}${q.source || entityId || q.story || q.from || q.to ? ' with these filters' : ''}`);
        } else {
          const last = Math.min(result.total, q.offset + result.hits.length);
          out.push(`${result.total} article${result.total === 1 ? ' matches' : 's match'} ${JSON.stringify(q.q)}${result.hits.length < result.total ? ` (${q.offset + 1}–${last} shown; --offset ${last} for more)` : ''}`, '');
          for (const h of result.hits) {
            out.push(`${h.published ?? 'undated'}  ${h.source ?? 'source unknown'}  [${h.id}]${h.storyId ? `  story ${h.storyId}` : ''}`);
            out.push(`  ${printable(marked(h.title))}`);
            if (h.snippet.text) out.push(wrap(marked(h.snippet), 92, '    '));
            out.push('');
          }
          const top = (facets: { label: string; count: number }[]) => facets.slice(0, 6).map((f) => `${f.label} (${f.count})`).join(', ');
          if (result.facets.sources.length > 1) out.push(`sources: ${top(result.facets.sources)}`);
          if (result.facets.months.length > 1) out.push(`months: ${top(result.facets.months)}`);
        }
        process.stdout.write(out.join('\n').replace(/\n*$/, '\n'));
      });
    });
}
