#!/usr/bin/env node
// storyline: the command-line entry point. Each command lives in its own module under commands/.
import type { Command } from 'commander';

// `storyline … | head`: a reader that closes the pipe early ends the command quietly, as Unix tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(0);
  throw e;
});
(process.stdout as { __storylineEpipe?: boolean }).__storylineEpipe = true; // batch.ts's own handler is then not added

/**
 * The batch tools the scorers run in plain forms (`storyline ner --format conll`, `storyline extract --explain`) are
 * started without commander: loading it (and the node:child_process it needs) was ≈ 10 % of the instructions of
 * `storyline ner`'s start-up. Any other argument — a help flag, an unknown option, a repeat — goes through commander
 * as before, so errors and help read the same.
 */
function plainBatchRun(args: string[]): (() => Promise<void>) | null {
  const [command, ...rest] = args;
  if (command === 'ner') {
    const plain = rest.length === 0 || (rest.length === 2 && rest[0] === '--format' && rest[1] === 'conll') || (rest.length === 1 && rest[0] === '--format=conll');
    return plain ? async () => (await import('./commands/ner.js')).runNer({ format: 'conll' }) : null;
  }
  if (command === 'extract') {
    const flags = new Set(rest);
    const plain = flags.size === rest.length && rest.every((a) => a === '--explain' || a === '--metadata');
    return plain ? async () => (await import('./commands/extract.js')).runExtract({ explain: flags.has('--explain') || undefined, metadata: flags.has('--metadata') || undefined }) : null;
  }
  return null;
}

// A batch tool run in a pipe loads only its own module: start-up is paid once per run, and a
// scoring script or a shell loop runs many.
const SINGLE: Record<string, () => Promise<(p: Command) => void>> = {
  extract: async () => (await import('./commands/extract.js')).registerExtract,
  ner: async () => (await import('./commands/ner.js')).registerNer,
  timex: async () => (await import('./commands/timex.js')).registerTimex,
  cluster: async () => (await import('./commands/cluster.js')).registerCluster,
  tls: async () => (await import('./commands/tls.js')).registerTls,
};

async function registerCommands(program: Command): Promise<void> {
  const only = SINGLE[process.argv[2] ?? ''];
  if (only) return (await only())(program);
  const [batch, ingest, read, search, exp, reprocess, demo, serve] = await Promise.all([
    import('./commands/batch-tools.js'),
    import('./commands/ingest.js'),
    import('./commands/read.js'),
    import('./commands/search.js'),
    import('./commands/export.js'),
    import('./commands/reprocess.js'),
    import('./commands/demo.js'),
    import('./commands/serve.js'),
  ]);
  ingest.registerIngest(program);
  reprocess.registerReprocess(program);
  read.registerRead(program);
  search.registerSearch(program);
  exp.registerExport(program);
  demo.registerDemo(program);
  serve.registerServe(program);
  batch.registerBatchTools(program);
}

async function runWithCommander(): Promise<void> {
  const { Command } = await import('commander');
  const program = new Command();
  program
    .name('storyline')
    .description('Turns news articles from many outlets into stories: deduplicated, clustered, dated timelines, quotes by speaker, search.')
    .version('0.1.0')
    // A mistake gets its one-line fix ("Did you mean stories?") and a pointer, not 45 lines of help
    // that scroll the fix away.
    .showHelpAfterError('(storyline --help lists the commands)');
  await registerCommands(program);
  for (const command of program.commands) command.showHelpAfterError(`(storyline ${command.name()} --help lists its options)`);
  await program.parseAsync(process.argv);
}

(plainBatchRun(process.argv.slice(2)) ?? runWithCommander)().catch((e: unknown) => {
  process.stderr.write(`storyline: ${(e as Error).message}\n`);
  process.exit(1);
});
