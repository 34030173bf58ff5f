// The part of the language analysis the linker reads: sentences and canonical entities. Time
// expressions and quotes play no part in linking, so the batch tool and the benches skip them.
import type { Analysis } from '../types.js';
import { segment } from '../language/segment.js';
import { recognizeEntities } from '../language/ner/index.js';
import { resolveEntities } from '../language/entities.js';

export function analyzeForLinking(text: string): Analysis {
  const sentences = segment(text);
  const mentions = recognizeEntities(text, sentences);
  const entities = resolveEntities(text, sentences, mentions);
  return { sentences, mentions, entities, timexes: [], quotes: [] };
}
