// HTML → article: Readability over linkedom for the main text, metadata readers for the rest.
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import type { Extracted } from '../../types.js';
import { extractFromText } from '../text/index.js';

export interface HtmlOptions {
  url?: string;
  title?: string;
  repeatedLines?: ReadonlyMap<string, number>;
}

export function extractFromHtml(html: string, options: HtmlOptions = {}): Extracted {
  const { document } = parseHTML(html);
  const lang = document.documentElement?.getAttribute('lang')?.slice(0, 2).toLowerCase() ?? null;
  // Readability mutates the document; metadata is read before it runs.
  const reader = new Readability(document as unknown as Document, { charThreshold: 200 });
  const parsed = reader.parse();
  const text = (parsed?.textContent ?? '').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  const base = extractFromText(text, { title: options.title ?? parsed?.title ?? undefined });
  return {
    ...base,
    title: options.title ?? parsed?.title ?? base.title,
    authors: parsed?.byline ? [parsed.byline] : [],
    language: lang ?? base.language,
    site: parsed?.siteName ?? null,
    published: parsed?.publishedTime ? parsed.publishedTime.slice(0, 10) : null,
    publishedFrom: parsed?.publishedTime ? 'metadata' : null,
    description: parsed?.excerpt ?? null,
  };
}
