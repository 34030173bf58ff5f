// Quotations and reported speech with their attribution (source, cue, canonical speaker).
import type { DocEntity, EntityMention, Quote, Sentence } from '../../types.js';

export interface QuoteContext {
  sentences: Sentence[];
  mentions: EntityMention[];
  entities: DocEntity[];
}

export function findQuotes(_text: string, _context: QuoteContext): Quote[] {
  return [];
}
