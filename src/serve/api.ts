// The JSON API under /api. Every error is `{error: {code, message}}` with a message that says
// what to do; lists are paginated as `{items, total, limit, offset, nextOffset}`.
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { bodyLimit } from 'hono/body-limit';
import { timingSafeEqual, createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { RawDoc } from '../types.js';
import type { Model } from './model.js';
import type { EventHub } from './events.js';
import { describeIssues, entityListQuery, exportQuery, ingestBody, searchQuery, storyListQuery, storyQuery } from './schemas.js';
import { openApiDocument } from './openapi.js';
import { foldName } from '../search/tokens.js';
import { decodeRequestBody } from '../ingest/index.js';

export type ErrorCode = 'invalid_parameter' | 'not_found' | 'unauthorized' | 'ingest_disabled' | 'not_implemented' | 'payload_too_large' | 'busy' | 'internal';

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 500 | 501 | 503,
    readonly code: ErrorCode,
    message: string,
    /** Headers of the answer (Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * GET /api/events: streams open at once. Each holds a connection and wakes once a second; past this
 * many the answer is 503 with Retry-After (a browser's EventSource then stops, and the page tries
 * again a minute later).
 */
export const MAX_EVENT_STREAMS = 64;
const EVENTS_RETRY_AFTER_S = 60;

/** POST /api/ingest: requests that may wait while one ingest runs; past them, 503 with Retry-After. */
export const INGESTS_WAITING_MAX = 4;
const INGEST_RETRY_AFTER_S = 30;

export function errorBody(code: ErrorCode, message: string) {
  return { error: { code, message } };
}

function parseQuery<T extends z.ZodType>(schema: T, c: Context): z.infer<T> {
  const query = c.req.query();
  // A misspelt filter ("sorce=bbc") would otherwise answer with everything, as if it had been applied.
  if (schema instanceof z.ZodObject) {
    const known = Object.keys(schema.shape);
    const unknown = Object.keys(query).filter((k) => !known.includes(k) && !k.startsWith('_')); // "_=…": a client's cache buster
    if (unknown.length)
      throw new ApiError(400, 'invalid_parameter', `unknown query parameter ${unknown.map((k) => `"${k}"`).join(', ')}: this endpoint takes ${known.length ? known.join(', ') : 'no parameters'}`);
  }
  const result = schema.safeParse(query);
  if (!result.success) throw new ApiError(400, 'invalid_parameter', `invalid query parameter: ${describeIssues(result.error)}`);
  return result.data;
}

function page<T>(items: T[], total: number, limit: number, offset: number) {
  return { items, total, limit, offset, nextOffset: offset + items.length < total ? offset + items.length : null };
}

/** Ingests documents through the pipeline; set by the server when the pipeline is available. */
export type IngestFunction = (docs: RawDoc[], urls: string[], onProgress: (done: number, total: number) => void) => Promise<Record<string, unknown>>;

export interface ApiOptions {
  model: Model;
  hub: EventHub;
  token: string | null;
  ingest: IngestFunction | null;
  /** The whole database as a JSON document (text). */
  exportJson: (() => string) | null;
}

function tokenMatches(expected: string, header: string | undefined): boolean {
  const given = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (!given) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

export function createApi(options: ApiOptions): Hono {
  const { model, hub } = options;
  const api = new Hono();
  let ingestRunning = false;
  let ingestQueue: Promise<unknown> = Promise.resolve();
  /** Ingest requests taken in and not yet answered: the one running and those waiting for it. */
  let ingestsPending = 0;
  let eventStreams = 0;

  api.get('/openapi.json', (c) => c.json(openApiDocument()));

  api.get('/stats', (c) => c.json(model.stats()));

  api.get('/stories', (c) => {
    const q = parseQuery(storyListQuery, c);
    const { items, total } = model.listStories(q);
    return c.json(page(items, total, q.limit, q.offset));
  });

  api.get('/stories/:id', (c) => {
    const q = parseQuery(storyQuery, c);
    const story = model.story(c.req.param('id'), { perSpeaker: q.quotes, speakers: q.speakers, speaker: q.speaker });
    if (!story) throw new ApiError(404, 'not_found', `no story with id "${c.req.param('id')}": list stories at /api/stories`);
    if (story.unknownSpeaker !== undefined) {
      throw new ApiError(400, 'invalid_parameter', `speaker: no speaker of story ${story.id} is named "${story.unknownSpeaker}": give a speaker's name, an alias or the key from speakers[].key`);
    }
    return c.json(story);
  });

  api.get('/articles', (c) => {
    const q = parseQuery(storyListQuery.pick({ source: true, limit: true, offset: true }), c);
    const items = model.store.listArticles({ source: q.source, limit: q.limit, offset: q.offset });
    // The source in any case or accents, as listArticles matches it ("bbc" counts BBC's articles).
    const wanted = q.source === undefined ? null : foldName(q.source);
    const total = wanted === null ? model.store.countArticles() : model.sources().reduce((n, s) => n + (s.source !== null && foldName(s.source) === wanted ? s.articles : 0), 0);
    return c.json(page(items, total, q.limit, q.offset));
  });

  api.get('/articles/:id', (c) => {
    const article = model.article(c.req.param('id'));
    if (!article) throw new ApiError(404, 'not_found', `no article with id "${c.req.param('id')}": article ids are printed by ingest and listed at /api/articles`);
    return c.json(article);
  });

  api.get('/entities', (c) => {
    const q = parseQuery(entityListQuery, c);
    const { items, total } = model.listEntities(q);
    return c.json(page(items, total, q.limit, q.offset));
  });

  api.get('/entities/:id', (c) => {
    const entity = model.entity(c.req.param('id'));
    if (!entity) throw new ApiError(404, 'not_found', `no entity with id or key "${c.req.param('id')}": find entities at /api/entities?q=NAME`);
    return c.json(entity);
  });

  api.get('/search', (c) => {
    const q = parseQuery(searchQuery, c);
    const entityId = model.resolveEntityId(q.entity);
    if (entityId === null) throw new ApiError(404, 'not_found', `no entity matches "${q.entity}": find entities at /api/entities?q=NAME`);
    const result = model.search({
      q: q.q,
      source: q.source,
      entityId,
      storyId: q.story,
      from: q.from,
      to: q.to,
      duplicates: q.duplicates === 'true',
      limit: q.limit,
      offset: q.offset,
    });
    return c.json({ ...page(result.hits, result.total, q.limit, q.offset), query: result.query, match: result.match, facets: result.facets });
  });

  api.get('/export', async (c) => {
    parseQuery(exportQuery, c);
    if (!options.exportJson) throw new ApiError(501, 'not_implemented', 'export is not available in this build: use `storyline export` on the command line');
    c.header('Content-Disposition', 'attachment; filename="storyline-export.json"');
    return c.body(options.exportJson(), 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });

  api.get('/events', (c) => {
    if (eventStreams >= MAX_EVENT_STREAMS) {
      throw new ApiError(503, 'busy', `${MAX_EVENT_STREAMS} live update streams are open, as many as this server keeps: retry later (in about ${EVENTS_RETRY_AFTER_S} s); pages work without them`, {
        'Retry-After': String(EVENTS_RETRY_AFTER_S),
      });
    }
    eventStreams++;
    let counted = true;
    const uncount = () => {
      if (counted) eventStreams--;
      counted = false;
    };
    return streamSSE(c, async (stream) => {
      stream.onAbort(uncount);
      const unsubscribe = hub.subscribe((event) => {
        void stream.writeSSE({ event: event.type, data: JSON.stringify(event.data) }).catch(() => undefined);
      });
      stream.onAbort(unsubscribe);
      try {
        await stream.writeSSE({ event: 'hello', data: JSON.stringify({ ingestRunning }), retry: 5000 });
        // Wake every second so closing the server ends the stream promptly; ping every 15 s.
        for (let tick = 1; !stream.aborted && !stream.closed && !hub.isClosed; tick++) {
          await stream.sleep(1000);
          if (tick % 15 === 0) await stream.writeSSE({ event: 'ping', data: '{}' });
        }
      } finally {
        unsubscribe();
        uncount();
      }
    });
  });

  api.post(
    '/ingest',
    bodyLimit({
      maxSize: 50 * 1024 * 1024,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', 'the request body is over 50 MB: send the documents in several requests');
      },
    }),
    async (c) => {
      if (!options.token) {
        throw new ApiError(403, 'ingest_disabled', 'ingest over HTTP is off: start the server with --token TOKEN (or STORYLINE_TOKEN) to enable it');
      }
      if (!tokenMatches(options.token, c.req.header('Authorization'))) {
        throw new ApiError(401, 'unauthorized', 'send the server token as "Authorization: Bearer TOKEN"');
      }
      if (!options.ingest) throw new ApiError(501, 'not_implemented', 'this build has no ingest pipeline: use `storyline ingest` on the command line');
      // Each waiting request holds its connection and its body (up to 50 MB): a few wait, the rest
      // are told to come back — before their body is read.
      if (ingestsPending > INGESTS_WAITING_MAX) {
        throw new ApiError(503, 'busy', `an ingest is running and ${ingestsPending - 1} more wait: retry later (in about ${INGEST_RETRY_AFTER_S} s)`, { 'Retry-After': String(INGEST_RETRY_AFTER_S) });
      }
      ingestsPending++;
      let answered = false;
      const done = () => {
        if (!answered) ingestsPending--;
        answered = true;
      };
      // (a client that has gone frees its place at once; its run is dropped when its turn comes)
      const signal = c.req.raw.signal;
      signal.addEventListener('abort', done, { once: true });
      try {
        return await ingestRequest(c, signal);
      } finally {
        signal.removeEventListener('abort', done);
        done();
      }
    },
  );

  /** Reads and checks an ingest request's body: the documents given whole, and the URLs to fetch. */
  async function readIngestRequest(c: Context): Promise<{ docs: RawDoc[]; urls: string[] }> {
    let body: unknown;
    try {
      body = JSON.parse(decodeRequestBody(new Uint8Array(await c.req.arrayBuffer()), c.req.header('Content-Type')));
    } catch {
      throw new ApiError(400, 'invalid_parameter', 'the body must be JSON: {"documents": [{"text": "...", "published": "2022-03-16"}]} or {"urls": ["https://..."]}');
    }
    const parsed = ingestBody.safeParse(body);
    if (!parsed.success) throw new ApiError(400, 'invalid_parameter', `invalid ingest request: ${describeIssues(parsed.error)}`);
    const given = parsed.data.documents ?? [];
    const docs: RawDoc[] = given.filter((d) => d.text !== undefined || d.html !== undefined).map((d) => ({ ...d, origin: d.url ?? `request:documents[${given.indexOf(d)}]` }));
    // A document with only a URL is fetched, like an entry of "urls".
    const urls = [...given.filter((d) => d.text === undefined && d.html === undefined).map((d) => d.url!), ...(parsed.data.urls ?? [])];
    return { docs, urls };
  }

  /** Reads, checks and queues one ingest request; `signal` is its client's (gone: the run is dropped). */
  async function ingestRequest(c: Context, signal: AbortSignal): Promise<Response> {
    const ingest = options.ingest!;
    // (let go, with the request, when its client goes before its turn: a waiting request whose place
    // was freed must not keep its body — up to 50 MB — until the queue reaches it)
    let work: { docs: RawDoc[]; urls: string[] } | null = await readIngestRequest(c);
    const documents = work.docs.length + work.urls.length;
    let started = false;
    const run = async () => {
      if (signal.aborted || !work) return null;
      started = true;
      const { docs, urls } = work;
      work = null;
      ingestRunning = true;
      hub.publish({ type: 'ingest-started', data: { documents } });
      try {
        return await ingest(docs, urls, (done, total) => hub.publish({ type: 'ingest-progress', data: { done, total } }));
      } finally {
        ingestRunning = false;
      }
    };
    // One ingest at a time: each pipeline links against the state it loaded from the store, and
    // two at once overwrote each other's (code review 11 F10). A request waits for those before it.
    const mine = ingestQueue.then(run);
    ingestQueue = mine.catch(() => undefined);
    const abandoned = new Promise<null>((resolve) => {
      const leave = () => {
        if (started) return;
        work = null;
        resolve(null);
      };
      if (signal.aborted) leave();
      else signal.addEventListener('abort', leave, { once: true });
    });
    try {
      const result = await Promise.race([mine, abandoned]);
      // (nobody to answer: the client went away while it waited, and its run is dropped)
      if (result === null) return c.body(null, 204);
      hub.publish({ type: 'ingest-finished', data: { documents } });
      return c.json(result, 201);
    } catch (e) {
      hub.publish({ type: 'ingest-finished', data: { documents, failed: true } });
      // (a command-line ingest or reprocess writing to this database: the message says which)
      // (or one that took the database over while this run was silent: what it stored before is kept)
      if (['EWRITERBUSY', 'EWRITERLOST'].includes(String((e as NodeJS.ErrnoException).code))) throw new ApiError(409, 'busy', (e as Error).message);
      const reference = randomBytes(4).toString('hex');
      process.stderr.write(`storyline serve: [${reference}] POST /api/ingest: ${(e as Error).stack ?? (e as Error).message}\n`);
      throw new ApiError(500, 'internal', `ingest failed (reference ${reference}): the server's log has the details`);
    }
  }

  api.all('*', (c) => c.json(errorBody('not_found', `no API route ${c.req.method} ${c.req.path}: see /api/openapi.json`), 404));
  return api;
}
