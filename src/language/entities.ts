// Canonical entities within a document: mentions grouped into one identity each, roles kept apart.
import type { DocEntity, EntityMention, Sentence } from '../types.js';

export function resolveEntities(_text: string, _sentences: Sentence[], _mentions: EntityMention[]): DocEntity[] {
  return [];
}
