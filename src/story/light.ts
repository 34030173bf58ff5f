// A lighter analysis for timeline summarisation over many articles: sentences and time expressions
// only (no entities or quotes), with the option to take line breaks as sentence boundaries (the
// one-sentence-a-line, PTB-tokenised text of research corpora such as Timeline17).
import type { Analysis, IsoDate, Sentence } from '../types.js';
import { segment, tokenize } from '../language/segment.js';
import { findTimexes } from '../language/timex/index.js';

/** Sentences from lines: each non-blank line is one sentence. */
export function lineSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    const lead = line.length - line.trimStart().length;
    const start = pos + lead;
    const end = pos + line.trimEnd().length;
    if (end > start) out.push({ start, end, tokens: tokenize(text, start, end) });
    pos += line.length + 1;
  }
  return out;
}

export interface LightOptions {
  dct: IsoDate | null;
  /** Take every line as one sentence. */
  lines?: boolean;
}

export function analyzeForTimeline(text: string, options: LightOptions): Analysis {
  const sentences = options.lines ? lineSentences(text) : segment(text);
  const timexes = findTimexes(text, { dct: options.dct, sentences });
  return { sentences, mentions: [], entities: [], timexes, quotes: [] };
}

/**
 * True for text laid out one tokenised sentence a line: most lines end with punctuation set off by a
 * space ("… the well .") as the Penn Treebank tokeniser leaves it.
 */
export function looksOneSentencePerLine(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim());
  if (lines.length < 2) return false;
  const tokenised = lines.filter((l) => /\s[.!?]\s*(?:''|'|")?\s*$/.test(l)).length;
  return tokenised / lines.length >= 0.5;
}
