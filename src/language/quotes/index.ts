// Quotations and reported speech with their attribution (source, cue, canonical speaker).
import { readFileSync } from 'node:fs';
import type { DocEntity, EntityMention, Quote, Sentence, Span } from '../../types.js';
import { findAttributions, type RawAttribution } from './decode.js';
import { Model } from './tagger.js';
import { paragraphs } from './tokens.js';

export interface QuoteContext {
  sentences: Sentence[];
  mentions: EntityMention[];
  entities: DocEntity[];
}

let cachedModel: Model | null = null;

/** The trained attribution tagger (models/quotes.model.gz), loaded once. */
export function quoteModel(): Model {
  if (!cachedModel) {
    const url = new URL('../../../models/quotes.model.gz', import.meta.url);
    cachedModel = Model.deserialize(readFileSync(url));
  }
  return cachedModel;
}

function union(spans: Span[]): Span {
  return [Math.min(...spans.map((s) => s[0])), Math.max(...spans.map((s) => s[1]))];
}

/** The batch-tool view of raw attributions: one content range per attribution. */
export function toBatchQuotes(atts: RawAttribution[]): { content: Span; source: Span | null; cue: Span | null; direct: boolean }[] {
  return atts.map((a) => ({ content: union(a.content), source: a.source, cue: a.cue, direct: a.direct }));
}

export function findQuotes(text: string, _context: QuoteContext): Quote[] {
  const atts = findAttributions(text, paragraphs(text), quoteModel());
  return atts.map((a) => ({
    content: union(a.content),
    source: a.source,
    cue: a.cue,
    speaker: a.source ? text.slice(a.source[0], a.source[1]) : null,
    speakerKey: null,
    direct: a.direct,
    kind: 'speech',
  }));
}
