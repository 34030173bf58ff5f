// language: sentences, entities, time expressions and quotes of one article text.
import type { Analysis, DateRange, IsoDate } from '../types.js';
import { packSentences, segment } from './segment.js';
import { recognizeEntities } from './ner/index.js';
import { resolveEntities } from './entities.js';
import { findTimexes } from './timex/index.js';
import { findQuotes } from './quotes/index.js';

export interface AnalyzeOptions {
  /** The article's publication date: relative time expressions resolve against it. */
  dct: IsoDate | null;
  /** When the date is unknown but bounded: expressions get the values every day of it agrees on. */
  dctRange?: DateRange | null;
  /** ISO 639-1 code of the text's language; unset or "und" means English is assumed. */
  language?: string | null;
}

/** Entity and quote models are trained on English news: run on German they make every noun a name. */
export function analysesEntities(language: string | null | undefined): boolean {
  // Only a language code that names another language turns them off: "en-US", "EN", "English
  // (US)", "x-default" or a typo keep the English analysis.
  const primary = language?.trim().toLowerCase().split(/[-_\s(]/)[0] ?? '';
  if (!/^[a-z]{2,3}$/.test(primary)) return true;
  return primary === 'en' || primary === 'eng' || primary === 'und' || primary === 'mul' || primary === 'zxx';
}

export function analyze(text: string, options: AnalyzeOptions): Analysis {
  const sentences = segment(text);
  const english = analysesEntities(options.language);
  const mentions = english ? recognizeEntities(text, sentences) : [];
  const entities = english ? resolveEntities(text, sentences, mentions) : [];
  const timexes = findTimexes(text, { dct: options.dct, dctRange: options.dctRange, sentences });
  const quotes = english ? findQuotes(text, { sentences, mentions, entities, timexes, dct: options.dct }) : [];
  // Analyses are kept (story builds hold many): their tokens are packed once the models are done.
  return { sentences: packSentences(text, sentences), mentions, entities, timexes, quotes };
}
