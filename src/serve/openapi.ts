// The OpenAPI 3.1 description of the HTTP API, served at /api/openapi.json. Query parameters are
// generated from the same zod schemas that validate requests, so the two cannot drift apart.
import { z } from 'zod';
import { entityListQuery, exportQuery, ingestBody, searchQuery, storyListQuery, storyQuery } from './schemas.js';

type JsonSchema = { properties?: Record<string, Record<string, unknown>>; required?: string[] };

function queryParameters(schema: z.ZodType): unknown[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: 'query', required: json.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest };
  });
}

const idParam = (what: string) => [{ name: 'id', in: 'path', required: true, description: `${what} id`, schema: { type: 'string' } }];

const errorResponse = {
  description: 'An error: `{error: {code, message}}`; the message says what to do.',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

const ok = (description: string, schema: Record<string, unknown> = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});

const paged = (item: string) => ({
  type: 'object',
  required: ['items', 'total', 'limit', 'offset', 'nextOffset'],
  properties: {
    items: { type: 'array', items: { type: 'object', description: item } },
    total: { type: 'integer' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
    nextOffset: { type: ['integer', 'null'], description: 'offset of the next page, null on the last page' },
  },
});

let cached: unknown = null;

export function openApiDocument(): unknown {
  if (cached) return cached;
  const get = (summary: string, parameters: unknown[], response: ReturnType<typeof ok>) => ({
    get: { summary, parameters, responses: { 200: response, 304: { description: 'Not modified (ETag matched If-None-Match)' }, 400: errorResponse, 404: errorResponse } },
  });
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Storyline API',
      version: '0.1.0',
      description:
        'Stories built from news articles: timelines, quotes by speaker, entities, sources and full-text search. JSON responses carry ETags; send If-None-Match to get 304.',
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/stories': get('Stories by recent activity, with filters', queryParameters(storyListQuery), ok('A page of stories', paged('StoryCard'))),
      '/api/stories/{id}': get('A story: timeline, events, quotes by speaker (the latest `quotes` per speaker; all of the `speaker` group), claims, sources, entities, coverage, history (merges and splits)', [...idParam('Story'), ...queryParameters(storyQuery)], ok('The story')),
      '/api/articles': get('Articles in publication order', queryParameters(storyListQuery.pick({ source: true, limit: true, offset: true })), ok('A page of articles', paged('ArticleSummary'))),
      '/api/articles/{id}': get(
        'An article: clean text, entity/quote/time annotations as UTF-16 offsets into text, removed boilerplate',
        idParam('Article'),
        ok('The article'),
      ),
      '/api/entities': get('Entities, most mentioned first', queryParameters(entityListQuery), ok('A page of entities', paged('EntityCount'))),
      '/api/entities/{id}': get('An entity: stories, quotes, co-occurring entities, articles', [{ ...(idParam('Entity id or key')[0] as object) }], ok('The entity')),
      '/api/search': get(
        'Full-text search (FTS5, BM25: title matches weigh more) with highlighted snippets and facets by source, entity and month',
        queryParameters(searchQuery),
        ok('Hits with highlights as [start, end) offsets, and facets', paged('SearchHit')),
      ),
      '/api/export': get('The whole database as JSON', queryParameters(exportQuery), ok('Export')),
      '/api/stats': get('Counts of articles, stories, entities, quotes', [], ok('Stats')),
      '/api/events': {
        get: {
          summary: 'Server-sent events: ingest-started, ingest-progress, ingest-finished, changed (the database changed, also by another process)',
          responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, 503: errorResponse },
        },
      },
      '/api/ingest': {
        post: {
          summary: 'Ingest documents or URLs (off unless the server was started with a token)',
          security: [{ bearer: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(ingestBody, { io: 'input', unrepresentable: 'any' }) } } },
          responses: { 201: ok('What the pipeline did'), 400: errorResponse, 401: errorResponse, 403: errorResponse, 409: errorResponse, 413: errorResponse, 501: errorResponse, 503: errorResponse },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: ['invalid_parameter', 'not_found', 'unauthorized', 'ingest_disabled', 'not_implemented', 'payload_too_large', 'busy', 'internal'] },
                message: { type: 'string' },
              },
            },
          },
        },
      },
    },
  };
  return cached;
}
