import { setFlagsFromString } from 'node:v8';
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
    .action(runExtract);
}

/** The `extract` command's work (also run without commander: main.ts). */
export async function runExtract(opts: { explain?: boolean; metadata?: boolean }): Promise<void> {
  hintWhenStdinIsTerminal('extract', 'JSON Lines {id,html,url?} or {id,text}');
  tuneCompilersForExtraction();
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
}

/**
 * V8 settings for a run of the extractor, set before its code is loaded. The run compiles more than it would seem:
 * of a `storyline extract` over 90 AEB pages, 19 % of the instructions were TurboFan compiling (on V8's background
 * threads: user CPU above wall time) and 6 % compiling regular expressions. Less inlining makes the big functions of
 * Readability and linkedom cheaper to compile (`_grabArticle` alone took ≈ 0.3 s per compile) for little loss in
 * their running; a regular expression compiled at once to machine code is compiled once, not to bytecode first and
 * again on its second use (most of extraction's ≈ 600 patterns run more than once). Instructions of that run
 * (valgrind, --predictable): 14.66 → 13.70 G with both (−6.5 %). Only compiling changes: the same code gives the same output.
 */
function tuneCompilersForExtraction(): void {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=460');
  setFlagsFromString('--no-regexp-tier-up');
}
