import type { Command } from 'commander';
import { runJsonlTool, requireString, optionalString } from '../batch.js';
import { analyze } from '../../language/index.js';
import { createLinker } from '../../link/index.js';

/** `storyline cluster`: articles in publication order → {id, story, event}, assigned on arrival. */
export function registerCluster(program: Command): void {
  program
    .command('cluster')
    .description('batch online clustering: articles {id,published,title?,text} in publication order → {id,story,event}')
    .action(async () => {
      const linker = createLinker();
      await runJsonlTool((v) => {
        const id = requireString(v, 'id');
        const text = requireString(v, 'text');
        const published = optionalString(v, 'published')?.slice(0, 10) ?? null;
        const title = optionalString(v, 'title') ?? '';
        const analysis = analyze(text, { dct: published });
        const r = linker.add({ id, published, title, text, source: null, analysis });
        return { story: r.storyId, event: r.eventId, ...(r.duplicateOf ? { duplicateOf: r.duplicateOf } : {}) };
      });
    });
}
