import { INPUT_FORMATS_HELP } from '../../ingest/formats.js';
import type { Command } from 'commander';
import { countInputItems, DEFAULT_MAX_ARTICLE_BYTES, groupSources, readSources } from '../../ingest/index.js';
import type { IngestReport } from '../../pipeline.js';
import { addDbOption, withStore } from '../store-option.js';
import { createProgress } from '../output.js';
import { wholeNumber } from '../numbers.js';

interface IngestFlags {
  db?: string;
  glob?: string;
  source?: string;
  published?: string;
  idPrefix?: string;
  allowPrivate?: boolean;
  strict?: boolean;
  keepGoing?: boolean;
  quiet?: boolean;
  json?: boolean;
  batchSize?: number;
  timeout?: number;
  maxBytes?: number;
  maxArticleBytes?: number;
}

export function printIngestReport(report: IngestReport, quiet = false): void {
  if (quiet) return;
  const dated = report.dated?.length ?? 0;
  const near = report.nearDuplicates;
  const nearNote = near ? ` (${near} ${near === 1 ? 'a near-duplicate of a stored article' : 'near-duplicates of stored articles'})` : '';
  const parts = [`stored ${report.stored}${nearNote}`, `duplicates ${report.duplicates}${dated ? ` (${dated} gave a stored copy its publication date)` : ''}`, `failed ${report.failed}`];
  process.stderr.write(`${parts.join(', ')}${report.stoppedEarly ? ' (stopped at the first failure: --strict)' : ''}\n`);
  if (report.interrupted) process.stderr.write('interrupted: the articles counted as stored are committed; the inputs not yet read were left out (run the same ingest again: what is stored already is skipped as duplicates)\n');
  const redated = report.redated?.length ?? 0;
  if (redated) process.stderr.write(`${redated} stored article${redated === 1 ? '' : 's'} dated only by month and day got ${redated === 1 ? 'its' : 'their'} year from related articles\n`);
  if (dated || redated) process.stderr.write('their stories were rebuilt; `storyline reprocess` also re-links them with the new dates\n');
  if (report.stored === 0 && report.duplicates > 0 && report.failed === 0 && !dated) process.stderr.write('nothing new: every article was already stored\n');
  const stale = report.staleAnalyses ?? 0;
  if (stale) process.stderr.write(`${stale} stored article${stale === 1 ? ' was' : 's were'} analysed by an older version of Storyline: \`storyline reprocess\` brings ${stale === 1 ? 'it' : 'them'} up to date\n`);
}

/** --id-prefix: a short run of visible characters, since ids appear in URLs, listings and commands. */
function idPrefixOption(value: string): string {
  if (!/^[^\s\p{C}]{1,64}$/u.test(value)) throw new Error(`--id-prefix must be 1 to 64 characters without spaces or control characters (such as bbc-), not "${value}"`);
  return value;
}

export function registerIngest(program: Command): void {
  addDbOption(
    program
      .command('ingest')
      .description(`store articles from files (${INPUT_FORMATS_HELP}), directories, http(s) URLs or - (stdin: JSON Lines, a JSON array, HTML or plain text, gzipped or not)`)
      .argument('<inputs...>', 'files, directories, URLs, or - for stdin'),
  )
    .option('--glob <pattern>', 'files to take inside directories (default: every supported extension)')
    .option('--source <name>', 'outlet name for articles that have none')
    .option('--published <date>', 'publication date (YYYY-MM-DD) for articles that have none')
    .option('--id-prefix <text>', 'put before every "id" the input gives (for sets that number their ids per file: --id-prefix bbc-)', idPrefixOption)
    .option('--allow-private', 'allow fetching URLs on private, loopback and link-local addresses')
    .option('--strict', 'stop at the first failure (that item is rolled back)')
    .option('--keep-going', 'report bad items and go on (the default)')
    .option('--quiet', 'print nothing but errors')
    .option('--json', 'print the report as JSON on stdout')
    .option('--batch-size <n>', 'articles per transaction', wholeNumber('--batch-size', { min: 1 }), 100)
    .option('--timeout <ms>', 'time allowed to fetch each URL, redirects included, in milliseconds', wholeNumber('--timeout', { min: 1, unit: 'milliseconds', example: 20000 }), 20000)
    .option('--max-bytes <n>', 'largest HTTP response accepted', wholeNumber('--max-bytes', { min: 1, unit: 'bytes', example: 10000000 }), 10 * 1024 * 1024)
    .option('--max-article-bytes <n>', 'largest text or HTML of one article (a JSON Lines record, a file, a page or a feed item)', wholeNumber('--max-article-bytes', { min: 1, unit: 'bytes', example: 10000000 }), DEFAULT_MAX_ARTICLE_BYTES)
    .action(async (inputs: string[], flags: IngestFlags) => {
      const { ingestDocuments, metadataDate } = await import('../../pipeline.js'); // (loaded when the command runs)
      if (flags.published) metadataDate(flags.published, '--published');
      // Batches are stored synchronously, so the first Ctrl-C is seen once the batch being stored is
      // committed; the ingest then stops and rebuilds the stories it changed. Once this handler has
      // run, Node's default is back: a second Ctrl-C quits at once (the stories are then rebuilt by
      // the next ingest; SQLite rolls back whatever was not committed).
      const interrupt = new AbortController();
      const onInterrupt = () => {
        interrupt.abort();
        process.stderr.write('\nstopping: what is stored so far is kept; rebuilding its stories (Ctrl-C again to quit at once)\n');
      };
      process.once('SIGINT', onInterrupt);
      const report = await withStore(flags, 'write', async (store) => {
        const quiet = flags.quiet || flags.json;
        const total = quiet ? null : await countInputItems(inputs, { glob: flags.glob });
        const progress = createProgress({ quiet, unit: 'articles', ...(total ? { total } : {}) });
        const report = await ingestDocuments(
          store,
          groupSources(
            readSources(inputs, {
              glob: flags.glob,
              source: flags.source,
              published: flags.published,
              idPrefix: flags.idPrefix,
              allowPrivate: flags.allowPrivate,
              timeoutMs: flags.timeout,
              maxBytes: flags.maxBytes,
              maxArticleBytes: flags.maxArticleBytes,
            }),
            flags.batchSize ?? 100,
          ),
          {
            strict: flags.strict,
            batchSize: flags.batchSize,
            signal: interrupt.signal,
            onProgress: (p) => progress.tick(p.origin, p),
            // On a terminal the bar owns the last line: errors are listed once it is done.
            onError: (e) => (process.stderr.isTTY ? undefined : process.stderr.write(`${e.origin}: ${e.message}\n`)),
          },
        );
        progress.stop();
        if (process.stderr.isTTY) for (const e of report.errors) process.stderr.write(`${e.origin}: ${e.message}\n`);
        return report;
      }).finally(() => process.removeListener('SIGINT', onInterrupt));
      if (flags.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      else printIngestReport(report, flags.quiet);
      if (report.failed > 0) process.exitCode = 1;
      if (report.interrupted) process.exitCode = 130;
    });
}
