// `storyline serve`: the web UI and HTTP API over a database.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { openStore, resolveDbPath } from '../../store/index.js';
import { wholeNumber } from '../numbers.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the web UI and the HTTP API (JSON under /api, OpenAPI at /api/openapi.json)')
    .option('--db <path>', 'database file (default: $STORYLINE_DB or ./storyline.db)')
    .option('--port <n>', 'port (0 picks a free one)', wholeNumber('--port', { min: 0, max: 65535 }), 4173)
    .option('--host <address>', 'address to listen on (use 0.0.0.0 to allow other machines)', '127.0.0.1')
    .option('--token <token>', 'enable POST /api/ingest for requests with "Authorization: Bearer TOKEN" (default: $STORYLINE_TOKEN; off when unset)')
    .option('--allow-private-urls', 'let POST /api/ingest fetch URLs on private, loopback and link-local addresses (default: refused; also $STORYLINE_ALLOW_PRIVATE_URLS=1)')
    .action(async (flags: { db?: string; port: number; host: string; token?: string; allowPrivateUrls?: boolean }) => {
      const path = resolveDbPath(flags.db);
      const token = flags.token ?? process.env.STORYLINE_TOKEN ?? null;
      // A server that takes articles over HTTP may start empty; one that only reads needs a database.
      const missing = path !== ':memory:' && !existsSync(path);
      if (missing && !token) {
        throw new Error(`no database at ${path}: ingest articles first (storyline ingest PATH… --db ${path}), point --db / STORYLINE_DB at one, or give --token to start empty and ingest over HTTP`);
      }
      if (missing) process.stderr.write(`no database at ${path}: starting with an empty one (POST /api/ingest with the token fills it)\n`);
      const { startServer } = await import('../../serve/index.js'); // (loaded when the command runs)
      const store = openStore(path);
      const server = await startServer({ store, port: flags.port, host: flags.host, token, ...(flags.allowPrivateUrls ? { allowPrivateUrls: true } : {}) });
      process.stdout.write(`Storyline is serving ${path} at ${server.url}${token ? ' (ingest over HTTP enabled)' : ''} — Ctrl-C to stop\n`);
      if (flags.host !== '127.0.0.1' && flags.host !== 'localhost' && flags.host !== '::1') {
        process.stderr.write(`warning: listening on ${flags.host}: other machines can read this database${token ? ' and ingest with the token' : ''}\n`);
      }
      const stop = () => {
        void server.close().then(() => {
          store.close();
          process.exit(0);
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
