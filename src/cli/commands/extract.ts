import type { Command } from 'commander';
import { hintWhenStdinIsTerminal, runJsonlTool, optionalString } from '../batch.js';

/**
 * `storyline extract`: {id, html, url?} or {id, text} → {id, title, text, published, modified, authors,
 * language, site} (INTERFACES.md), and standfirst (the dek printed apart from the text, or null: the
 * scorers ignore fields they do not read). `--explain` adds `removed: [{text, reason}]`; `--metadata` adds
 * canonicalUrl, description and image.
 */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('batch extraction: {id,html,url?} or {id,text} JSON Lines on stdin → clean text and metadata on stdout')
    .option('--explain', 'also output the removed blocks and why each was removed')
    .option('--metadata', 'also output canonicalUrl, description and image')
    .action(async (opts: { explain?: boolean; metadata?: boolean }) => {
      hintWhenStdinIsTerminal('extract', 'JSON Lines {id,html,url?} or {id,text}');
      const { extract } = await import('../../extract/index.js'); // (loaded when the command runs: `storyline --help` does not load the extractor)
      await runJsonlTool((v) => {
        const html = optionalString(v, 'html');
        const text = optionalString(v, 'text');
        if (html === undefined && text === undefined) throw new Error('record needs an "html" or a "text" field');
        const a = extract({ html, text, url: optionalString(v, 'url'), title: optionalString(v, 'title') });
        return {
          title: a.title,
          text: a.text,
          published: a.published,
          modified: a.modified,
          authors: a.authors,
          language: a.language,
          site: a.site,
          standfirst: a.standfirst ?? null,
          ...(opts.metadata ? { canonicalUrl: a.canonicalUrl, description: a.description, image: a.image } : {}),
          ...(opts.explain ? { removed: a.removed } : {}),
        };
      });
    });
}
