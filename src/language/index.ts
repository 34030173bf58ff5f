// language: sentences, entities, time expressions and quotes of one article text.
import type { Analysis, DateRange, IsoDate } from '../types.js';
import { segment } from './segment.js';
import { recognizeEntities } from './ner/index.js';
import { resolveEntities } from './entities.js';
import { findTimexes } from './timex/index.js';
import { findQuotes } from './quotes/index.js';

export interface AnalyzeOptions {
  /** The article's publication date: relative time expressions resolve against it. */
  dct: IsoDate | null;
  /** When the date is unknown but bounded: expressions get the values every day of it agrees on. */
  dctRange?: DateRange | null;
}

export function analyze(text: string, options: AnalyzeOptions): Analysis {
  const sentences = segment(text);
  const mentions = recognizeEntities(text, sentences);
  const entities = resolveEntities(text, sentences, mentions);
  const timexes = findTimexes(text, { dct: options.dct, dctRange: options.dctRange, sentences });
  const quotes = findQuotes(text, { sentences, mentions, entities, timexes, dct: options.dct });
  return { sentences, mentions, entities, timexes, quotes };
}
