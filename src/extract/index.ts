// extract: RawDoc (HTML or scraped text) → clean article text and metadata.
import type { Extracted } from '../types.js';
import { extractFromHtml } from './html/index.js';
import { extractFromText } from './text/index.js';
import { withoutControlChars } from '../text/control.js';

export interface ExtractInput {
  html?: string;
  text?: string;
  url?: string;
  /** A title given by metadata (feed, JSONL); the extractor keeps it unless it is the site name. */
  title?: string;
}

export interface ExtractOptions {
  /**
   * Lines seen in other articles of the same source or corpus, with how many articles carry them:
   * boilerplate repeats across articles, article text does not.
   */
  repeatedLines?: ReadonlyMap<string, number>;
}

const withoutControls = (s: string | undefined): string | undefined => (s === undefined ? s : withoutControlChars(s, true));

/** Extracts the clean article from HTML or from scraped text. Pure: no I/O. */
export function extract(input: ExtractInput, options: ExtractOptions = {}): Extracted {
  const title = withoutControls(input.title);
  if (input.html !== undefined) return extractFromHtml(withoutControls(input.html)!, { url: input.url, title, ...options });
  return extractFromText(withoutControls(input.text) ?? '', { title, ...options });
}

/** For the pipeline: the key under which to count a line in `repeatedLines` (see docs/extract.md). */
export { normalizeLineForRepetition } from './blocks.js';
export { decodeBytes, isBinary } from './encoding.js';
