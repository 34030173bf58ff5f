// `storyline serve`: the HTTP API (/api) and the server-rendered web UI in one Hono app.
import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { serve } from '@hono/node-server';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Store } from '../store/store.js';
import type { ParseResult, RawDoc } from '../types.js';
import { buildExport, renderExport } from '../export.js';
import { ApiError, createApi, errorBody, type IngestFunction } from './api.js';
import { assetUrl, loadAssets } from './assets.js';
import { EventHub } from './events.js';
import { createModel } from './model.js';
import { articlePage, entitiesPage, entityPage, errorPage, homePage, searchPage, storyPage, type PageContext } from './pages.js';
import { describeIssues, entityListQuery, searchQuery, storyListQuery, storyPageQuery } from './schemas.js';
import { emptyQueryHint } from '../search/index.js';

export interface AppOptions {
  store: Store;
  /** Enables POST /api/ingest for requests bearing this token. */
  token?: string | null;
  /**
   * Lets POST /api/ingest fetch URLs on private, loopback and link-local addresses (default: the
   * environment variable STORYLINE_ALLOW_PRIVATE_URLS=1; otherwise they are refused).
   */
  allowPrivateUrls?: boolean;
  /** Overrides how POST /api/ingest ingests (default: the pipeline's ingestDocuments). */
  ingest?: IngestFunction | null;
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The environment variable that lets a server fetch private, loopback and link-local URLs. */
export const ALLOW_PRIVATE_URLS_ENV = 'STORYLINE_ALLOW_PRIVATE_URLS';

/**
 * The fetcher's refusal of a non-public address names the command line's flag; over HTTP the
 * message says what the server does and how its operator allows such addresses.
 */
export function serverFetchError(message: string): string {
  const hint = /\s*\(use --allow-private\b[^)]*\)/;
  if (!hint.test(message)) return message;
  return `${message.replace(hint, '')}: this server does not fetch private, loopback or link-local addresses (whoever runs it can allow them by starting it with 'storyline serve --allow-private-urls' or ${ALLOW_PRIVATE_URLS_ENV}=1)`;
}

/** POST /api/ingest: documents and URLs through the pipeline, one transaction per batch. */
function pipelineIngest(store: Store, allowPrivate: boolean): IngestFunction {
  return async (docs, urls, onProgress) => {
    // Loaded on first use: the pipeline brings the language models, which the read side never needs.
    const [{ ingestDocuments }, { readUrlSource }] = await Promise.all([import('../pipeline.js'), import('../ingest/index.js')]);
    const total = docs.length + urls.length;
    async function* sources(): AsyncGenerator<ParseResult<RawDoc>> {
      if (docs.length) yield { items: docs, errors: [] };
      for (const url of urls) {
        const read = await readUrlSource(url, { allowPrivate });
        yield { ...read, errors: read.errors.map((e) => ({ ...e, message: serverFetchError(e.message) })) };
      }
    }
    const report = await ingestDocuments(store, sources(), { onProgress: (p) => onProgress(p.done, total) });
    return { ...report };
  };
}

function etagOf(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

export async function createApp(options: AppOptions): Promise<{ app: Hono; hub: EventHub; close: () => void }> {
  const model = createModel(options.store);
  // Corpus figures every page shows (footer, home chart, source list): computed once at start, not by the first visitor.
  model.stats();
  model.corpusCoverage();
  model.sources();
  const hub = new EventHub(() => model.views.changeMark(), () => model.invalidate());
  const assets = loadAssets();
  const ctx: PageContext = { asset: (p) => assetUrl(assets, p), stats: () => model.stats() };
  const allowPrivate = options.allowPrivateUrls ?? process.env[ALLOW_PRIVATE_URLS_ENV] === '1';
  const ingest = options.ingest !== undefined ? options.ingest : pipelineIngest(options.store, allowPrivate);
  const api = createApi({ model, hub, token: options.token || null, ingest, exportJson: () => renderExport(buildExport(options.store), 'json') });

  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  });
  app.use('*', compress());

  // ETags for JSON and HTML: a weak validator over the body; 304 when the client has it. Not for
  // downloads (the export: the whole database, read again into a second string to be hashed, for a
  // validator no client sends back) nor streams (their type is neither).
  app.use('*', async (c, next) => {
    await next();
    if (c.req.method !== 'GET' || c.res.status !== 200 || /^attachment/.test(c.res.headers.get('Content-Disposition') ?? '')) return;
    const type = c.res.headers.get('Content-Type') ?? '';
    if (!/^(application\/json|text\/html)/.test(type)) return;
    const body = await c.res.clone().text();
    const tag = etagOf(body);
    const headers = new Headers(c.res.headers);
    headers.set('ETag', tag);
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-cache');
    const given = c.req.header('If-None-Match');
    if (given && given.split(/\s*,\s*/).includes(tag)) {
      headers.delete('Content-Length');
      headers.delete('Content-Type');
      c.res = new Response(null, { status: 304, headers });
    } else c.res = new Response(body, { status: 200, headers });
  });

  // Rendered pages and JSON answers are kept until the database changes (checked at most every
  // two seconds): repeated reads of a popular story cost a map lookup. Bounded by total size.
  const responses = new Map<string, { body: string; type: string }>();
  let responsesMark = '';
  let responsesBytes = 0;
  const RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;
  app.use('*', async (c, next) => {
    const path = c.req.path;
    if (c.req.method !== 'GET' || path.startsWith('/assets/') || path === '/api/events' || path === '/api/export') return next();
    const mark = model.mark();
    if (mark !== responsesMark) {
      responses.clear();
      responsesBytes = 0;
      responsesMark = mark;
    }
    const key = c.req.url.slice(c.req.url.indexOf(path));
    const hit = responses.get(key);
    if (hit) {
      responses.delete(key);
      responses.set(key, hit);
      return c.newResponse(hit.body, 200, { 'Content-Type': hit.type });
    }
    await next();
    const type = c.res.headers.get('Content-Type') ?? '';
    if (c.res.status !== 200 || !/^(application\/json|text\/html)/.test(type)) return;
    const body = await c.res.clone().text();
    if (body.length > RESPONSE_CACHE_BYTES / 16) return;
    responses.set(key, { body, type });
    responsesBytes += body.length;
    for (const [k, v] of responses) {
      if (responsesBytes <= RESPONSE_CACHE_BYTES) break;
      responses.delete(k);
      responsesBytes -= v.body.length;
    }
  });

  app.onError((err, c) => {
    // What broke inside (SQL, tables, paths) goes to the log, not to whoever asked: the answer gives the reference to look for.
    const reference = randomBytes(4).toString('hex');
    const e = err instanceof ApiError ? err : new ApiError(500, 'internal', `internal error (reference ${reference}): the server's log has the details`);
    if (!(err instanceof ApiError)) process.stderr.write(`storyline serve: [${reference}] ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}\n`);
    if (c.req.path.startsWith('/api/')) return c.json(errorBody(e.code, e.message), e.status, e.headers);
    const title = e.status === 404 ? 'Not found' : e.status === 400 ? 'Bad request' : 'Something went wrong';
    return c.html(errorPage(ctx, e.status, title, e.message), e.status);
  });

  app.route('/api', api);

  app.get('/assets/*', (c) => {
    const asset = assets.get(c.req.path);
    if (!asset) return c.text('not found', 404);
    const cache = c.req.query('v') === asset.hash ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
    const etag = `"${asset.hash}"`;
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304, { ETag: etag, 'Cache-Control': cache });
    return c.body(new Uint8Array(asset.body), 200, { 'Content-Type': asset.type, 'Cache-Control': cache, ETag: etag });
  });
  app.get('/favicon.ico', (c) => c.body(null, 204));

  const pageQuery = <T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: import('zod').ZodError } }, c: Context): T => {
    // A GET form sends every field, the ones left empty too ("from=&to="): empty means "not set".
    const r = schema.safeParse(Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v.trim() !== '')));
    if (!r.success) throw new ApiError(400, 'invalid_parameter', `This address has an invalid parameter: ${describeIssues(r.error)}`);
    return r.data;
  };

  app.get('/', (c) => {
    const q = pageQuery(storyListQuery, c);
    const { items, total } = model.listStories(q);
    return c.html(homePage(ctx, { stories: items, total, filters: q, coverage: model.corpusCoverage(), sources: model.sources() }));
  });

  app.get('/stories/:id', (c) => {
    const q = pageQuery(storyPageQuery, c);
    const story = model.story(c.req.param('id'), { speaker: q.speaker });
    if (!story) throw new ApiError(404, 'not_found', 'There is no story with this address. It may have been merged into another story after new articles arrived.');
    // A story merged into another answers with the one it became, under that story's own address.
    if (story.id !== c.req.param('id')) {
      const search = new URLSearchParams(Object.entries({ zoom: q.zoom, speaker: q.speaker }).filter((e): e is [string, string] => !!e[1])).toString();
      return c.redirect(`/stories/${encodeURIComponent(story.id)}${search ? `?${search}` : ''}`, 301);
    }
    return c.html(storyPage(ctx, story, q.zoom));
  });

  app.get('/articles/:id', (c) => {
    const article = model.article(c.req.param('id'));
    if (!article) throw new ApiError(404, 'not_found', 'There is no article with this id. Article ids are printed by `storyline ingest`.');
    return c.html(articlePage(ctx, article));
  });

  app.get('/entities', (c) => {
    const q = pageQuery(entityListQuery, c);
    const { items, total } = model.listEntities(q);
    return c.html(entitiesPage(ctx, { items, total, ...q }));
  });

  app.get('/entities/:id', (c) => {
    const entity = model.entity(c.req.param('id'));
    if (!entity) throw new ApiError(404, 'not_found', 'There is no entity with this id.');
    return c.html(entityPage(ctx, entity));
  });

  app.get('/search', (c) => {
    const raw = c.req.query();
    if (!raw.q?.trim()) return c.html(searchPage(ctx, { q: '', limit: 20, offset: 0 }, null));
    const q = pageQuery(searchQuery, c);
    const entityId = model.resolveEntityId(q.entity);
    const params = { q: q.q, source: q.source, entity: q.entity, from: q.from, to: q.to, limit: q.limit, offset: q.offset };
    if (entityId === null) return c.html(searchPage(ctx, params, null, `No entity matches “${q.entity}”.`));
    const result = model.search({ q: q.q, source: q.source, entityId, from: q.from, to: q.to, limit: q.limit, offset: q.offset });
    return c.html(searchPage(ctx, params, result.match ? result : null, result.match ? undefined : emptyQueryHint(q.q)));
  });

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return c.json(errorBody('not_found', `no API route ${c.req.method} ${c.req.path}: see /api/openapi.json`), 404);
    return c.html(errorPage(ctx, 404, 'Not found', 'There is no page at this address.'), 404);
  });

  return { app, hub, close: () => hub.close() };
}

export interface ServerHandle {
  url: string;
  close(): Promise<void>;
}

/** Starts the server; port 0 picks a free port. Binds to 127.0.0.1 unless told otherwise. */
export async function startServer(options: AppOptions & { port?: number; host?: string }): Promise<ServerHandle> {
  const { app, close } = await createApp(options);
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 4173, hostname: host }, (info: AddressInfo) => {
      const shownHost = info.family === 'IPv6' || host.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            close();
            const s = server as unknown as { close(cb: () => void): void; closeAllConnections?: () => void };
            s.close(() => done());
            s.closeAllConnections?.();
          }),
      });
    });
    server.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        new Error(
          e.code === 'EADDRINUSE'
            ? `port ${options.port} on ${host} is already in use: choose another with --port (0 picks a free one)`
            : `cannot listen on ${host}:${options.port}: ${e.message}`,
        ),
      );
    });
  });
}
