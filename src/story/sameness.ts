// Whether two dated sentences of a story report the same happening in different words ("First UK
// swine flu patient death" / "the first person with H1N1 swine flu to die in the UK"): what they
// share of named actors, content lemmas and numbers, each weighted by its rarity in the story.
import type { DatedMention } from './model.js';
import { perText, stem, TfIdf, words, isStopword } from './text.js';

// Irregular forms the suffix stripper leaves apart.
const IRREGULAR = new Map<string, string>([
  ['died', 'die'], ['dies', 'die'], ['dying', 'die'], ['dead', 'die'], ['death', 'die'], ['deaths', 'die'], ['deadly', 'die'], ['fatal', 'die'], ['fatality', 'die'], ['fatalities', 'die'],
  ['killed', 'kill'], ['killing', 'kill'], ['killings', 'kill'],
  ['won', 'win'], ['wins', 'win'], ['winning', 'win'], ['lost', 'lose'], ['loses', 'lose'], ['losing', 'lose'],
  ['rose', 'rise'], ['risen', 'rise'], ['rising', 'rise'], ['fell', 'fall'], ['fallen', 'fall'], ['falling', 'fall'],
  ['sold', 'sell'], ['bought', 'buy'], ['began', 'begin'], ['begun', 'begin'], ['beginning', 'begin'],
  ['met', 'meet'], ['meeting', 'meet'], ['meetings', 'meet'], ['struck', 'strike'], ['hit', 'strike'],
  ['chose', 'choose'], ['chosen', 'choose'], ['took', 'take'], ['taken', 'take'], ['gave', 'give'], ['given', 'give'],
]);

/**
 * A content lemma: the light stem, with nouns of action brought to their verb ("declaration" →
 * "declar", like "declared"; "announcement" → "announc"; "vaccination" → "vaccin", like "vaccine").
 */
export function lemma(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular) return irregular;
  let w = word;
  if (w.endsWith('s') && (w.endsWith('ations') || w.endsWith('tions') || w.endsWith('ments'))) w = w.slice(0, -1);
  if (w.length > 7 && w.endsWith('ation')) return stem(w.slice(0, -5));
  if (w.length > 6 && w.endsWith('tion')) return stem(w.slice(0, -3));
  if (w.length > 7 && w.endsWith('ment')) return stem(w.slice(0, -4));
  return stem(w);
}

const lemmasOf = perText((text: string): Array<[string, string]> => {
  const out: Array<[string, string]> = [];
  for (const x of words(text)) {
    for (const part of x.includes('-') ? x.split('-') : [x]) {
      if (part.length < 2 || isStopword(part) || /^\d/.test(part)) continue;
      out.push([stem(part), lemma(part)]);
    }
  }
  return out;
}, 600);

const NUMBER_WORDS = new Map(
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'
    .split(' ')
    .map((w, i) => [w, String(i + 1)]),
);
const MONTH = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$/i;

/** The numbers a sentence states, other than years and days of a month ("11 June", "June 11"). */
export const statedNumbers = perText((text: string): string[] => {
  const tokens = text.split(/\s+/);
  const out: string[] = [];
  tokens.forEach((t, i) => {
    const word = NUMBER_WORDS.get(t.toLowerCase());
    // "one" is as often a pronoun as a count
    if (word && word !== '1') return void out.push(word);
    const m = /^\$?(\d[\d,]*(?:\.\d+)?)(?:%|m|bn|k)?[.,;:)]*$/i.exec(t);
    if (!m) return;
    const n = m[1]!.replace(/,/g, '');
    if (/^(?:1[89]|20)\d\d$/.test(n)) return;
    if (Number(n) <= 31 && (MONTH.test(tokens[i - 1] ?? '') || MONTH.test(tokens[i + 1] ?? ''))) return;
    out.push(n);
  });
  return out;
}, 600);

// What is announced or awaited ("are expected to declare", "will vote", "plans to") is not yet what happens.
const PROSPECTIVE = /\b(?:(?:is|are|was|were)\s+(?:expected|due|set|likely|poised|scheduled|planning|preparing|going)\s+to|will|would|shall|plans?\s+to|intends?\s+to|could|may|might)\b/i;

/** The sentence announces or awaits what it tells ("BP is set to announce a record loss"). */
export const awaits = perText((text: string): boolean => PROSPECTIVE.test(text));

interface Features {
  weights: Map<string, number>;
  total: number;
  numbers: string[];
  prospective: boolean;
}

/**
 * Same-happening scores between mentions of one story. Weights are inverse document frequencies
 * over the story's dated sentences: stems (through `tfidf`, which holds their frequencies) for
 * content lemmas, the mentions' actor keys for named actors, and a rare term's weight for numbers.
 */
export class EventSameness {
  private actorDf: Map<string, number> | null = null;
  private readonly features = new Map<DatedMention, Features>();
  private readonly docs: number;

  constructor(
    private readonly tfidf: TfIdf,
    private readonly mentions: readonly DatedMention[],
  ) {
    this.docs = Math.max(1, mentions.length);
  }

  private featuresOf(m: DatedMention): Features {
    let f = this.features.get(m);
    if (f) return f;
    if (!this.actorDf) {
      // (counted on first use: many stories never compare two sentences)
      this.actorDf = new Map();
      for (const x of this.mentions) for (const k of new Set(x.actorKeys)) this.actorDf.set(k, (this.actorDf.get(k) ?? 0) + 1);
    }
    const weights = new Map<string, number>();
    const add = (key: string, w: number) => weights.set(key, Math.max(weights.get(key) ?? 0, w));
    for (const [s, l] of lemmasOf(m.text)) add(l, this.tfidf.idf(s));
    // Named actors count on top of their words: "Turkey" the country is more than the word.
    for (const k of m.actorKeys) add(`@${k}`, Math.log((this.docs + 1) / ((this.actorDf.get(k) ?? 0) + 1)) + 1);
    const numbers = statedNumbers(m.text);
    const rare = Math.log(this.docs + 1) + 1;
    for (const n of numbers) add(`#${n}`, rare);
    let total = 0;
    for (const w of weights.values()) total += w;
    f = { weights, total, numbers, prospective: awaits(m.text) };
    this.features.set(m, f);
    return f;
  }

  /**
   * How much of the shorter sentence the longer one says (0–1): the rarity-weighted share of its
   * actors, lemmas and numbers found in the other; halved when both state numbers and none agree
   * (a new toll is a new report, not the same one), and when one awaits what the other reports
   * ("are expected to declare a pandemic" / "has declared a pandemic").
   */
  score(a: DatedMention, b: DatedMention): number {
    const fa = this.featuresOf(a);
    const fb = this.featuresOf(b);
    const [small, large] = fa.weights.size <= fb.weights.size ? [fa, fb] : [fb, fa];
    let shared = 0;
    small.weights.forEach((w, key) => {
      const o = large.weights.get(key);
      if (o !== undefined) shared += Math.min(w, o);
    });
    // Overlap of the smaller, tempered by the larger: a short headline inside a long lead still
    // scores high, a one-word match in a long pair does not.
    const s = shared / Math.sqrt(Math.max(1e-9, small.total) * Math.max(small.total, Math.sqrt(small.total * large.total)));
    const disagree = fa.numbers.length > 0 && fb.numbers.length > 0 && !fa.numbers.some((n) => fb.numbers.includes(n));
    return disagree || fa.prospective !== fb.prospective ? s / 2 : s;
  }
}
