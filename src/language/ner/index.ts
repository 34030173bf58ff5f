// Named-entity recognition: a trained sequence model over tokens (see models/ner.md).
import type { EntityMention, NerLabel, Sentence } from '../../types.js';
import { loadModel, type NerModel } from './model.js';
import { HONORIFICS, ROLE_HEADS, relabelInstitution } from '../entities.js';

// Patterns with \p{…} tested in loops, made once: tsx (esbuild) turns such a literal into `new RegExp(…)`,
// built and compiled again each time the line runs.
const TWO_LETTERS_FIRST = /^\p{L}{2,}/u;
const TITLE_CASE_WORD = /^\p{Lu}\p{Ll}+$/u;
const UPPER_THEN_LOWER = /^\p{Lu}\p{Ll}/u;
const STARTS_UPPER = /^\p{Lu}/u;

const MODEL_URL = new URL('../../../models/ner.model', import.meta.url);
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
  const tags = nerModel().tagDocument(sentences);
  placesByContext(sentences, tags);
  return tags;
}

const LOCATIVE = new Set(['in', 'near', 'across', 'outside', 'inside', 'throughout']); // not "at", "into": "shouted at Hillary"
const PLACE_PREFIXES = new Set(['New', 'San', 'Santa', 'Los', 'Las', 'St.', 'Saint', 'Fort', 'Port', 'Mount', 'North', 'South', 'East', 'West', 'Upper', 'Lower', 'Great', 'Little', 'Lake', 'Cape']);
// "a stake in Citigroup", "lost faith in Biden", "believed in Trump": "in" after these is no place.
const NOT_LOCATIVE_IN = new Set(['stake', 'stakes', 'interest', 'interests', 'share', 'shares', 'invest', 'invests', 'invested', 'investing', 'investment', 'investments', 'holding', 'holdings', 'position',
  'faith', 'confidence', 'trust', 'belief', 'believe', 'believes', 'believed', 'believing', 'disappointed', 'proud', 'interested', 'role', 'part', 'win', 'victory', 'vote', 'votes']);
const SPEECH_AFTER = new Set(['said', 'says', 'told', 'added', 'asked', 'explained', 'wrote', 'who', 'whose']);

/**
 * A name the model read as a person but the text uses as a place: "in Delhi" again and again,
 * never "Delhi said". News of 1996 rarely wrote "Delhi" without "New", and the model labels the
 * same name PER in one sentence and LOC in the next. A person's name after "in" is rare ("in
 * Obama's speech" has a possessive), so two locative uses of the name (whatever their label), a
 * quarter of its mentions, and no sign of a person (a title before, a verb of saying after, a
 * first name) make its PER mentions places.
 */
function placesByContext(words: string[][], tags: string[][]): void {
  // Most documents have no name used twice after a locative word: find that out in one cheap pass.
  const locativeUses = new Map<string, number>();
  let candidate = false;
  for (let si = 0; si < tags.length; si++) {
    const t = tags[si]!;
    const w = words[si]!;
    for (let i = 1; i < t.length; i++) {
      if (t[i]!.charCodeAt(0) !== 66 /* B */ || t[i] === 'B-MISC' || !LOCATIVE.has(w[i - 1]!.toLowerCase())) continue;
      let end = i + 1;
      while (end < t.length && t[end]!.charCodeAt(0) === 73 /* I */) end++;
      const name = w[end - 1]!;
      const n = (locativeUses.get(name) ?? 0) + 1;
      locativeUses.set(name, n);
      if (n >= 2) candidate = true;
    }
  }
  if (!candidate) return;
  const byName = new Map<string, { si: number; a: number; b: number; label: NerLabel }[]>();
  tags.forEach((t, si) => {
    for (const [a, b, label] of iobSpans(t)) {
      if (label === 'MISC') continue;
      const name = words[si]![b - 1]!;
      let list = byName.get(name);
      if (!list) byName.set(name, (list = []));
      list.push({ si, a, b, label });
    }
  });
  for (const spans of byName.values()) {
    if (!spans.some((sp) => sp.label === 'PER')) continue;
    let locative = 0;
    let person = false;
    for (const { si, a, b, label } of spans) {
      const w = words[si]!;
      // (indexes checked, not read past the ends: a read out of bounds throws V8's optimised code away)
      const before = a > 0 ? w[a - 1]!.toLowerCase() : undefined;
      const after = b < w.length ? w[b] : undefined;
      const possessive = after !== undefined && /^['’]s?$/.test(after);
      const notPlace = before === 'in' && NOT_LOCATIVE_IN.has(a > 1 ? w[a - 2]!.toLowerCase() : '');
      if (before !== undefined && LOCATIVE.has(before) && !possessive && !notPlace) locative++;
      if ((after && SPEECH_AFTER.has(after.toLowerCase())) || (before !== undefined && (ROLE_HEADS.has(before) || HONORIFICS.has(before)))) person = true;
      // A first name and a surname ("Charles Keating") is a person; "New Delhi", "Fort Worth" are not.
      if (label === 'PER' && b - a >= 2 && !PLACE_PREFIXES.has(w[a]!)) person = true;
    }
    if (person || locative < 2 || locative * 4 < spans.length) continue;
    // The label the text gives the name elsewhere: "at Citigroup" is an organisation.
    const orgs = spans.filter((sp) => sp.label === 'ORG').length;
    const to = orgs > spans.filter((sp) => sp.label === 'LOC').length ? 'ORG' : 'LOC';
    for (const { si, a, b, label } of spans) if (label === 'PER') for (let k = a; k < b; k++) tags[si]![k] = (k === a ? 'B-' : 'I-') + to;
  }
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

/**
 * Title Case headlines ("Biden And Putin Hold New Talks") look like runs of names to a model trained
 * on sentence-case text: words that news text usually writes in lower case are lower-cased first.
 */
const TITLE_CASE_SMALL_WORDS = new Set('a an the and or but nor for of in on at to by with from as vs via into over'.split(' '));

export function truecaseHeadline(words: string[]): string[] {
  let upperInitial = 0;
  for (const w of words) {
    const c = w.charCodeAt(0);
    if ((c >= 65 && c <= 90) || c > 127) upperInitial++;
  }
  if (upperInitial < 3 || upperInitial * 2 < words.length) return words;
  const alphabetic = words.filter((w) => TWO_LETTERS_FIRST.test(w) && !TITLE_CASE_SMALL_WORDS.has(w));
  if (alphabetic.length < 3) return words;
  const capitalised = alphabetic.filter((w) => UPPER_THEN_LOWER.test(w)).length;
  if (capitalised / alphabetic.length < 0.75) return words;
  const model = nerModel();
  return words.map((w) => {
    if (!TITLE_CASE_WORD.test(w)) return w;
    const r = model.capitalisationBucket(w.toLowerCase());
    return r !== undefined && Number(r) <= 1 ? w.toLowerCase() : w;
  });
}

/** Words that make a capitalised phrase an institution, not a person ("Justice Department"). */
const INSTITUTION_WORDS = new Set(
  ('department ministry council committee office agency house court party union commission administration bureau ' +
    'service services board authority assembly parliament senate congress government army navy force forces police ' +
    'bank group company corporation inc. corp. co. ltd. university college school institute foundation association ' +
    'network networks news times post press club team league fund organization organisation').split(' '),
);

/**
 * "… State Department Spokesman Ned Price agreed": capitalised words right after a title, which the
 * tagger left outside any entity, are a person's name (1–3 words after a capitalised title, 2–3
 * after a lower-case one).
 */
function namesAfterTitles(words: string[], tags: string[]): void {
  for (let h = 0; h + 1 < words.length; h++) {
    if (!ROLE_HEADS.has(words[h]!.toLowerCase())) continue;
    let k = h + 1;
    while (
      k < words.length &&
      k - h <= 3 &&
      tags[k] === 'O' &&
      /^\p{Lu}\p{Ll}[\p{L}\p{M}'’\-]*$/u.test(words[k]!) &&
      !ROLE_HEADS.has(words[k]!.toLowerCase()) &&
      !INSTITUTION_WORDS.has(words[k]!.toLowerCase()) &&
      !CALENDAR.test(words[k]!) &&
      !TITLE_CASE_SMALL_WORDS.has(words[k]!.toLowerCase()) &&
      !/^(The|This|That|These|Those|He|She|It|They|We|I|His|Her|Their|Its|Our)$/.test(words[k]!)
    )
      k++;
    const n = k - h - 1;
    const capitalisedTitle = STARTS_UPPER.test(words[h]!);
    // The name must end the capitalised run (not be the start of a longer unknown phrase).
    if (n === 0 || n > 3 || (k < words.length && STARTS_UPPER.test(words[k]!) && tags[k] === 'O')) continue;
    if (n < (capitalisedTitle ? 1 : 2)) continue;
    for (let j = h + 1; j < k; j++) tags[j] = j === h + 1 ? 'B-PER' : 'I-PER';
    h = k - 1;
  }
}

const CALENDAR = /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Today|Yesterday|Tomorrow)$/;

/** Entity mentions in a text, given its sentences. */
export function recognizeEntities(text: string, sentences: Sentence[]): EntityMention[] {
  if (sentences.length === 0) return [];
  const texts = sentences.map((s) => s.tokens.map((t) => t.text));
  const tags = tagSentences(texts.map(truecaseHeadline));
  texts.forEach((words, si) => namesAfterTitles(words, tags[si]!));
  const spans: { si: number; first: number; last: number; label: NerLabel }[] = [];
  sentences.forEach((s, si) => {
    for (const [a, b, label] of iobSpans(tags[si]!)) {
      let first = a;
      let last = b - 1;
      // Trim punctuation the model may have swallowed at the edges of a span.
      while (first <= last && /^[^\p{L}\p{N}]+$/u.test(s.tokens[first]!.text)) first++;
      while (last >= first && /^[^\p{L}\p{N}.]+$/u.test(s.tokens[last]!.text)) last--;
      if (first <= last) spans.push({ si, first, last, label });
    }
  });
  const words = (si: number, a: number, b: number) => sentences[si]!.tokens.slice(a, b + 1).map((t) => t.text);
  const surnames = new Set<string>();
  for (const sp of spans) if (sp.label === 'PER' && sp.last > sp.first) surnames.add(sentences[sp.si]!.tokens[sp.last]!.text);
  const model = nerModel();
  const gazetteer = { get: (key: string) => model.gazetteerTypes(key) };
  const out: { si: number; first: number; last: number; label: NerLabel }[] = [];
  for (const sp of spans) {
    const w = words(sp.si, sp.first, sp.last);
    // "Kremlin Spokesman Dmitry Peskov", "President Biden": a role word inside the span starts a person's name.
    let head = -1;
    for (let k = 0; k < w.length - 1; k++) if (ROLE_HEADS.has(w[k]!.toLowerCase()) || HONORIFICS.has(w[k]!.toLowerCase())) head = k;
    const rest = w.slice(head + 1);
    if (head >= 0 && rest.length <= 3 && rest.every((x) => /^\p{Lu}[\p{L}\p{M}'’.\-]*$/u.test(x) && !INSTITUTION_WORDS.has(x.toLowerCase()))) {
      // The tagger may stop inside the name ("… Spokesman Ned | Price said"): take a following capitalised word.
      let last = sp.last;
      const toks = sentences[sp.si]!.tokens;
      if (rest.length === 1 && sp.label !== 'PER' && toks[last + 1] && TITLE_CASE_WORD.test(toks[last + 1]!.text) && !CALENDAR.test(toks[last + 1]!.text)) last++;
      out.push({ si: sp.si, first: sp.first + head + 1, last, label: 'PER' });
      continue;
    }
    // "US Secretary" (of State …): a title is not an organisation; keep what precedes it.
    if (sp.label !== 'PER' && w.length >= 2 && ROLE_HEADS.has(w[w.length - 1]!.toLowerCase())) {
      let keep = w.length - 1;
      while (keep > 0 && ROLE_HEADS.has(w[keep - 1]!.toLowerCase())) keep--;
      if (keep > 0) {
        const types = gazetteer.get(w.slice(0, keep).join(' '));
        const label = types?.length === 1 ? (types[0] as NerLabel) : sp.label;
        out.push({ si: sp.si, first: sp.first, last: sp.first + keep - 1, label });
      }
      continue;
    }
    // "Russia Dmitry Peskov": a known place or organisation glued to a person named elsewhere in the text.
    if (sp.label !== 'PER' && w.length >= 3 && surnames.has(w[w.length - 1]!)) {
      let cut = -1;
      for (let k = 1; k <= w.length - 2; k++) {
        const types = gazetteer.get(w.slice(0, k).join(' '));
        if (types && (types.includes('LOC') || types.includes('ORG'))) cut = k;
      }
      if (cut > 0) {
        const types = gazetteer.get(w.slice(0, cut).join(' '))!;
        out.push({ si: sp.si, first: sp.first, last: sp.first + cut - 1, label: types.includes('LOC') ? 'LOC' : 'ORG' });
        out.push({ si: sp.si, first: sp.first + cut, last: sp.last, label: 'PER' });
        continue;
      }
    }
    out.push(sp);
  }
  return out.map(({ si, first, last, label }) => {
    const s = sentences[si]!;
    const start = s.tokens[first]!.start;
    const end = s.tokens[last]!.end;
    const surface = text.slice(start, end);
    return { start, end, text: surface, label: relabelInstitution(surface, label), sentence: si };
  });
}
