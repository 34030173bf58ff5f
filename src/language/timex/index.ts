// Temporal expressions: recognition and TIMEX3 normalisation against the document creation time.
import type { IsoDate, Sentence, Timex } from '../../types.js';

export interface TimexOptions {
  /** Document creation time (publication date); relative expressions resolve against it. */
  dct: IsoDate | null;
  sentences?: Sentence[];
}

export function findTimexes(_text: string, _options: TimexOptions): Timex[] {
  return [];
}
