// Input validation for the HTTP API (zod), shared by the routes and the OpenAPI document.
import { z } from 'zod';
import { queryTooLong } from '../search/highlight.js';
import { ARTICLE_ID_PATTERN, ARTICLE_ID_RULE } from '../ingest/ids.js';

/** Whether YYYY, YYYY-MM or YYYY-MM-DD names a real year, month or day (no month 13, no 30 February). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), m[2] === undefined ? 1 : Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);
}

const isoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { error: 'use an ISO date: YYYY, YYYY-MM or YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, { error: (issue) => `${String(issue.input)} is not a real date: use YYYY, YYYY-MM or YYYY-MM-DD with a month 01–12 and a day of that month` });

const limit = (max: number, dflt: number) => z.coerce.number().int('must be a whole number').min(1).max(max).default(dflt);
const offset = z.coerce.number().int('must be a whole number').min(0).max(1_000_000).default(0);

export const storyListQuery = z.object({
  from: isoDate.optional().describe('Stories with coverage on or after this date'),
  to: isoDate.optional().describe('Stories with coverage on or before this date'),
  entity: z.string().min(1).max(200).optional().describe('Entity id, key or name named in the story'),
  source: z.string().min(1).max(200).optional().describe('Outlet that covered the story'),
  q: z.string().min(1).max(500).refine((q) => !queryTooLong(q), { error: (issue) => queryTooLong(String(issue.input)) ?? 'too many words' }).optional().describe('Words the story articles contain'),
  limit: limit(100, 20),
  offset,
});

export const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'type something to search for')
    .max(500)
    .refine((q) => !queryTooLong(q), { error: (issue) => queryTooLong(String(issue.input)) ?? 'too many words' })
    .describe('Words, "quoted phrases", prefix*, -excluded'),
  source: z.string().min(1).max(200).optional(),
  entity: z.string().min(1).max(200).optional().describe('Entity id, key or name'),
  story: z.string().min(1).max(200).optional().describe('Story id'),
  from: isoDate.optional(),
  to: isoDate.optional(),
  duplicates: z.enum(['true', 'false']).optional().describe('Include near-duplicate articles'),
  limit: limit(100, 20),
  offset,
});

export const entityListQuery = z.object({
  q: z.string().min(1).max(200).optional().describe('Part of the name or an alias'),
  type: z.enum(['person', 'organization', 'place', 'other']).optional(),
  limit: limit(200, 50),
  offset,
});

export const exportQuery = z.object({
  format: z.enum(['json']).default('json'),
});

export const storyPageQuery = z.object({
  zoom: z.enum(['day', 'month', 'year']).optional(),
  speaker: z.string().max(300).optional(),
});

export const storyQuery = z.object({
  /** Statements per speaker (the latest). */
  quotes: z.coerce.number().int().min(1).max(1000).default(5),
  /** Speaker groups (the most quoted, recognised speakers first). */
  speakers: z.coerce.number().int().min(1).max(1000).default(24),
  /** A speaker group's key: that group comes with all its statements (up to 1,000). */
  speaker: z.string().max(300).optional(),
});

const document = z
  .object({
    // (refused here, naming the field, rather than a 201 whose report says the document failed)
    id: z
      .string()
      .regex(ARTICLE_ID_PATTERN, { error: (issue) => `${JSON.stringify(String(issue.input).slice(0, 60))} is not a usable id (${ARTICLE_ID_RULE}): leave "id" out to have one made from the URL or content` })
      .optional(),
    url: z.string().url().max(2000).optional(),
    source: z.string().max(200).optional(),
    title: z.string().max(1000).optional(),
    text: z.string().max(2_000_000).optional(),
    html: z.string().max(5_000_000).optional(),
    published: z.string().max(40).optional(),
    language: z.string().max(10).optional(),
  })
  .refine((d) => d.text !== undefined || d.html !== undefined || d.url !== undefined, 'each document needs text, html or url');

export const ingestBody = z
  .object({
    documents: z.array(document).max(1000).optional(),
    urls: z.array(z.string().url().max(2000)).max(1000).optional(),
  })
  .refine((b) => (b.documents?.length ?? 0) + (b.urls?.length ?? 0) > 0, 'send {"documents": [...]} and/or {"urls": [...]}');

/** One line per problem, naming the parameter: `limit: Too big: expected number to be <=100`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`).join('; ');
}
