// Language of an article: the text decides (tinyld), the page's own declaration breaks ties and
// covers texts too short to judge.
import { detect, detectAll } from 'tinyld';

const SAMPLE_CHARS = 360;

/** ISO 639-1 code from `<html lang>`-style tags ("en-US", "pt_BR", "eng" is not handled), or null. */
export function normalizeLangTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const m = /^\s*([a-z]{2})(?:[-_][a-z0-9]+)*\s*$/i.exec(tag);
  return m ? m[1]!.toLowerCase() : null;
}

/** Detects the language of a text, using the declared language when the text is short or ambiguous. */
export function detectLanguage(text: string, declared: string | null): string {
  const declaredCode = normalizeLangTag(declared);
  const sample = text.slice(0, SAMPLE_CHARS);
  if (sample.replace(/\s+/g, '').length < 40) return declaredCode ?? 'und';
  const top = detect(sample);
  if (!top) return declaredCode ?? 'und';
  if (declaredCode && declaredCode !== top) {
    // Trust the declaration if the detector also finds it plausible; page templates often say "en" for every language though.
    const guesses = detectAll(sample);
    const best = guesses[0]?.accuracy ?? 0;
    const alt = guesses.find((g) => g.lang === declaredCode);
    if (alt && alt.accuracy >= best * 0.8) return declaredCode;
  }
  return top;
}
