// Named-entity recognition: a trained sequence model over tokens (see models/ner.md).
import type { EntityMention, NerLabel, Sentence } from '../../types.js';
import { loadModel, type NerModel } from './model.js';

const MODEL_URL = new URL('../../../models/ner.json.gz', import.meta.url);
let model: NerModel | null = null;

/** The trained model, loaded on first use. */
export function nerModel(): NerModel {
  return (model ??= loadModel(MODEL_URL));
}

/**
 * Tags tokenised sentences with IOB2 labels (B-PER, I-ORG, …, O). The sentences are read as one
 * document: the model uses how the same words are written elsewhere in it.
 */
export function tagSentences(sentences: string[][]): string[][] {
  return nerModel().tagDocument(sentences);
}

/** Entity spans in one tokenised sentence: [first token, last token + 1, label]. */
export function iobSpans(tags: string[]): [number, number, NerLabel][] {
  const out: [number, number, NerLabel][] = [];
  let start = -1;
  let type = '';
  for (let i = 0; i <= tags.length; i++) {
    const t = tags[i] ?? 'O';
    if (start >= 0 && !(t.startsWith('I-') && t.slice(2) === type)) {
      out.push([start, i, type as NerLabel]);
      start = -1;
    }
    if (t.startsWith('B-') || (t.startsWith('I-') && start < 0)) {
      start = i;
      type = t.slice(2);
    }
  }
  return out;
}

/** Entity mentions in a text, given its sentences. */
export function recognizeEntities(text: string, sentences: Sentence[]): EntityMention[] {
  if (sentences.length === 0) return [];
  const tags = tagSentences(sentences.map((s) => s.tokens.map((t) => t.text)));
  const mentions: EntityMention[] = [];
  sentences.forEach((s, si) => {
    for (const [a, b, label] of iobSpans(tags[si]!)) {
      let first = a;
      let last = b - 1;
      // Trim punctuation the model may have swallowed at the edges of a span.
      while (first <= last && /^[^\p{L}\p{N}]+$/u.test(s.tokens[first]!.text)) first++;
      while (last >= first && /^[^\p{L}\p{N}.]+$/u.test(s.tokens[last]!.text)) last--;
      if (first > last) continue;
      const start = s.tokens[first]!.start;
      const end = s.tokens[last]!.end;
      mentions.push({ start, end, text: text.slice(start, end), label, sentence: si });
    }
  });
  return mentions;
}
