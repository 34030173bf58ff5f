// Publication date from the text when metadata has none: datelines, bylines, and inference from
// the dates and weekday/tense references the text makes.
import type { PublicationDate } from '../types.js';

export function inferPublicationDate(_text: string): PublicationDate {
  return { date: null, from: null, confidence: 0, range: null };
}
