// Language of an article: the text decides (tinyld), the page's own declaration breaks ties and
// covers texts too short to judge.
import { createRequire } from 'node:module';

type Tinyld = typeof import('tinyld');
let tinyld: Tinyld | null = null;
// tinyld's tables take some 100 ms of CPU to load: loaded on the first text the function words cannot place.
const detector = (): Tinyld => (tinyld ??= createRequire(import.meta.url)('tinyld') as Tinyld);

const SAMPLE_CHARS = 360;
const FUNCTION_SAMPLE_CHARS = 2_000;
const DETECT_SAMPLE_CHARS = 1_000;

/** ISO 639-1 code from `<html lang>`-style tags ("en-US", "pt_BR", "eng" is not handled), or null. */
export function normalizeLangTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const m = /^\s*([a-z]{2})(?:[-_][a-z0-9]+)*\s*$/i.exec(tag);
  return m ? m[1]!.toLowerCase() : null;
}

// Frequent function words: when the page declares one of these languages and its text is full of
// that language's function words, the declaration is confirmed without running the detector.
const FUNCTION_WORDS: Record<string, Set<string>> = {
  en: new Set('the of and to in a is that for on was with as by it said at from his he be are have has an'.split(' ')),
  de: new Set('der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an wird'.split(' ')),
  fr: new Set('de la le et les des en un une du est que pour dans qui sur au par pas plus il ce avec'.split(' ')),
  es: new Set('de la que el en y a los del se las por un para con no una su al es lo como'.split(' ')),
  pt: new Set('de a o que e do da em um para com não uma os no se na por mais as dos como'.split(' ')),
  it: new Set('di e il la che in a per un è del non della le con una si da al sono'.split(' ')),
};

function confirmsDeclared(sample: string | string[], code: string): boolean {
  const words = FUNCTION_WORDS[code];
  if (!words) return false;
  const tokens = typeof sample === 'string' ? sampleWords(sample) : sample;
  if (tokens.length < 20) return false;
  let hits = 0;
  for (const t of tokens) if (words.has(t)) hits++;
  return hits / tokens.length >= 0.22;
}

/** The language whose function words make up at least 15% of the words and clearly more than any other's. */
function dominantFunctionWords(tokens: string[]): string | null {
  if (tokens.length < 12) return null;
  let best: string | null = null;
  let bestShare = 0;
  let second = 0;
  for (const [code, words] of Object.entries(FUNCTION_WORDS)) {
    let hits = 0;
    for (const t of tokens) if (words.has(t)) hits++;
    const share = hits / tokens.length;
    if (share > bestShare) [best, bestShare, second] = [code, share, bestShare];
    else if (share > second) second = share;
  }
  return bestShare >= 0.15 && bestShare >= second * 1.5 ? best : null;
}

// (kept out of the function: tsx's esbuild turns a \p{…} literal into a `new RegExp` made on every call)
const LETTERS = /\p{L}+/gu;
function sampleWords(sample: string): string[] {
  return sample.toLowerCase().match(LETTERS) ?? [];
}

// Starts only where a run of word characters starts (no match attempt inside "a-a-a-…"), and only
// the sample is ever searched: a hostile 5 MB text must not make the backtracking quadratic.
const ADDRESS_SOURCE = String.raw`\b(?:https?:\/\/|www\.)\S+|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|info|io|de|at|ch|fr|es|it|nl|uk|ru|pl|se|eu)\b\S*`;
const ADDRESS_RE = new RegExp(ADDRESS_SOURCE, 'i');
const ADDRESS_RE_G = new RegExp(ADDRESS_SOURCE, 'gi');

/** Detects the language of a text, using the declared language when the text is short or ambiguous. */
export function detectLanguage(text: string, declared: string | null): string {
  const declaredCode = normalizeLangTag(declared);
  // Addresses are in no language (a page of "via site.org https://site.org" lines read as Esperanto):
  // judged without them, or by the declaration when little else is left.
  if (text.includes('.') && ADDRESS_RE.test(text.slice(0, FUNCTION_SAMPLE_CHARS))) {
    const words = text.slice(0, 2 * FUNCTION_SAMPLE_CHARS).replace(ADDRESS_RE_G, ' ');
    if (words.slice(0, SAMPLE_CHARS).replace(/\s+/g, '').length >= 40) text = words;
    else if (declaredCode) return declaredCode;
  }
  const sample = text.slice(0, SAMPLE_CHARS);
  if (sample.replace(/\s+/g, '').length < 40) return declaredCode ?? 'und';
  if (declaredCode && confirmsDeclared(sample, declaredCode)) return declaredCode;
  // Undeclared, but plainly full of one language's function words: no need for the detector.
  // A longer sample than the detector's: a name-heavy lede ("Sen. Kent Conrad -LRB- D-N.D. -RRB-")
  // reads as Irish to character n-grams, but not to function words.
  // Declared or not: a page templated "de" whose sentences are German is German (tinyld alone
  // called some of them pt, eo or pl), and a template's "en" on a German text is wrong.
  const long = sampleWords(text.slice(0, FUNCTION_SAMPLE_CHARS));
  const plain = dominantFunctionWords(long);
  if (plain) return plain;
  // A dozen distinct words (a list of link labels) cannot be judged: the declaration stands.
  if (declaredCode && new Set(long).size < 12) return declaredCode;
  const top = detector().detect(text.slice(0, DETECT_SAMPLE_CHARS));
  if (!top) return declaredCode ?? 'und';
  if (declaredCode && declaredCode !== top) {
    // Trust the declaration if the detector also finds it plausible; page templates often say "en" for every language though.
    const guesses = detector().detectAll(sample);
    const best = guesses[0]?.accuracy ?? 0;
    const alt = guesses.find((g) => g.lang === declaredCode);
    if (alt && alt.accuracy >= best * 0.8) return declaredCode;
  }
  return top;
}
