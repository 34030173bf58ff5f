import type { Command } from 'commander';
import { hintWhenStdinIsTerminal, runJsonlTool, requireString, optionalString } from '../batch.js';
import type { Analysis } from '../../types.js';

/** `storyline cluster`: articles in publication order → {id, story, event}, assigned on arrival. */
export function registerCluster(program: Command): void {
  program
    .command('cluster')
    .description('batch online clustering: articles {id,published,title?,text} in publication order → {id,story,event}')
    .option('--no-entities', 'cluster on text terms only (skip named-entity recognition)')
    .action(async (opts: { entities: boolean }) => {
      hintWhenStdinIsTerminal('cluster', 'JSON Lines {id,published,title?,text}');
      const [{ createLinker }, { analyzeForLinking }] = await Promise.all([import('../../link/index.js'), import('../../link/analysis.js')]); // (loaded when the command runs)
      const linker = createLinker();
      await runJsonlTool((v) => {
        const id = requireString(v, 'id');
        const text = requireString(v, 'text');
        const published = optionalString(v, 'published')?.slice(0, 10) ?? null;
        const title = optionalString(v, 'title') ?? '';
        const analysis: Analysis = opts.entities
          ? analyzeForLinking(text)
          : { sentences: [], mentions: [], entities: [], timexes: [], quotes: [] };
        const r = linker.add({ id, published, title, text, source: null, analysis });
        return { story: r.storyId, event: r.eventId, ...(r.duplicateOf ? { duplicateOf: r.duplicateOf } : {}) };
      });
    });
}
