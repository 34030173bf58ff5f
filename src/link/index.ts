// link: near-duplicate detection and online story/event clustering. Articles arrive in
// publication order and each is assigned on arrival; candidates come from an index, never a scan.
import type { Analysis, IsoDate } from '../types.js';

/** Persistence the linker may use for its state (implemented by the store, inside its transaction). */
export interface KeyValueStore {
  get(key: string): string | undefined;
  put(key: string, value: string): void;
  delete(key: string): void;
  /** Keys starting with prefix, in key order. */
  keys(prefix: string): string[];
}

export interface LinkDoc {
  id: string;
  published: IsoDate | null;
  title: string;
  text: string;
  source: string | null;
  analysis: Analysis;
}

export interface LinkResult {
  /** Canonical article this one duplicates (exact or near-duplicate), or null. */
  duplicateOf: string | null;
  storyId: string;
  eventId: string;
  /** Stories merged into another because of this article: the story history. */
  merges: { from: string; into: string }[];
}

export interface Linker {
  add(doc: LinkDoc): LinkResult;
  /** Writes any buffered state to the KeyValueStore given at creation. */
  flush(): void;
}

export function createLinker(_state?: KeyValueStore): Linker {
  let next = 0;
  return {
    add(doc) {
      next++;
      return { duplicateOf: null, storyId: `s-${doc.id}`, eventId: `e-${doc.id}`, merges: [] };
    },
    flush() {},
  };
}
