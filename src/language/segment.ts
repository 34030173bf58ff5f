// Sentences and tokens with UTF-16 offsets.
import type { Sentence, Token } from '../types.js';

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const TOKEN = /[\p{L}\p{N}]+(?:[.'’\-][\p{L}\p{N}]+)*\.?|[^\s\p{L}\p{N}]/gu;

export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(TOKEN)) {
    tokens.push({ text: m[0], start: start + m.index!, end: start + m.index! + m[0].length });
  }
  return tokens;
}

export function segment(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const s of sentenceSegmenter.segment(text)) {
    const lead = s.segment.length - s.segment.trimStart().length;
    const start = s.index + lead;
    const end = s.index + s.segment.trimEnd().length;
    if (end > start) sentences.push({ start, end, tokens: tokenize(text, start, end) });
  }
  return sentences;
}
