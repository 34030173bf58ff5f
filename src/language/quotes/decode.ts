// From BIO tags to attributions: each cue anchors one attribution; source and content spans
// join the nearest cue (same sentence first). Content spans of an attribution are re-tagged
// to find nested attributions ("X said that Y told him …").
import type { Span } from '../../types.js';
import { firstStartingAt } from '../../text/spans.js';
import { compiled } from './compiled.js';
import { PRONOUNS, baseFeatures, quoteStates, stackedFeatures } from './features.js';
import { hasFiniteVerb, isClause, isDocumentFinding, nonSpeechFrame, type NonSpeechFrame } from './frames.js';
import { TAGS, roleOf, type Model, type Tag } from './tagger.js';
import { isSpeechWord } from './speech-words.js';
import { ABBREVIATIONS, type Paragraph, type QToken } from './tokens.js';

// Patterns with \p{…} tested in loops, made once: tsx (esbuild) turns such a literal into `new RegExp(…)`,
// built and compiled again each time the line runs.
const HAS_LETTER = /\p{L}/u;
const ENDS_IN_DIGIT = /\p{N}$/u;
const OPENS_WITH_DIGIT = /^\p{N}/u;

export interface RawAttribution {
  /** Content pieces (a quote interrupted by "he said" has two). */
  content: Span[];
  source: Span | null;
  cue: Span | null;
  direct: boolean;
  /** Index of the paragraph the cue is in. */
  paragraph: number;
  nested: boolean;
  /**
   * A conversation with a person, not a statement ("has spoken with Alan Johnson about …"): no
   * quote, but its source is still a speaker a later "she said" / "it said" may refer back to.
   */
  conversation?: boolean;
  /**
   * A cue of naming, planning or display that reports no speech ("a toxin called …", "plans to
   * visit …", "the video shows oil spewing …", frames.ts): no quote; its source still counts for
   * later pronouns, as a conversation's does.
   */
  nonSpeech?: NonSpeechFrame;
  /** A document or a sight shows or finds it ("a new study by SMU shows that …"): nobody named is the speaker. */
  documentFinding?: boolean;
}

/** An attribution that is no statement: a conversation, or a cue of naming, planning or display. */
export function isSilent(a: RawAttribution): boolean {
  return a.conversation === true || a.nonSpeech !== undefined;
}

interface TagSpan {
  role: 'S' | 'C' | 'Q';
  first: number;
  last: number;
  sentence: number;
}

const ROLE_LETTER = ['', 'S', 'C', 'Q'] as const;

function spansOf(tags: Uint8Array, sentenceOf: Int32Array): TagSpan[] {
  const out: TagSpan[] = [];
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    if (t === 0) continue;
    const role = ROLE_LETTER[roleOf(t)] as 'S' | 'C' | 'Q';
    const begin = t === 1 || t === 3 || t === 5;
    if (begin || out.length === 0 || out[out.length - 1]!.role !== role || out[out.length - 1]!.last !== i - 1) {
      out.push({ role, first: i, last: i, sentence: sentenceOf[i]! });
    } else out[out.length - 1]!.last = i;
  }
  return out;
}

function gap(a: TagSpan, b: TagSpan): number {
  if (a.last < b.first) return b.first - a.last;
  if (b.last < a.first) return a.first - b.last;
  return 0;
}

function distance(a: TagSpan, cue: TagSpan): number {
  return gap(a, cue) + (a.sentence === cue.sentence ? 0 : 1000 * Math.abs(a.sentence - cue.sentence));
}

/**
 * The span of `sorted` (disjoint, in text order) nearest to `x` (disjoint from all of them) by
 * `distance`, which grows away from x on each side: the neighbour before x wins a tie, as the
 * first in text order.
 */
function nearest(sorted: TagSpan[], x: TagSpan): TagSpan | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.first > x.first) hi = mid;
    else lo = mid + 1;
  }
  const before = lo > 0 ? sorted[lo - 1]! : null;
  const after = lo < sorted.length ? sorted[lo]! : null;
  if (!before || !after) return before ?? after;
  return distance(before, x) <= distance(after, x) ? before : after;
}

const QUOTE_CHARS = /^["“”„«»‘’']/;
const CLAUSE_END = new Set(['.', '!', '?', ';']);

const TIME_WORDS = new Set([
  'on', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today',
  'tonight', 'last', 'this', 'week', 'month', 'year', 'earlier', 'later', 'previously', 'also', 'has', 'have',
  'had', 'will', 'would', 'again', 'then', 'once', 'recently', 'repeatedly', 'publicly', 'privately',
]);
const SPEECH_VERBS = new Set([
  'said', 'says', 'told', 'tells', 'added', 'adds', 'described', 'noted', 'notes', 'warned', 'warns', 'stated',
  'explained', 'argued', 'insisted', 'claimed', 'declared', 'announced', 'confirmed', 'denied', 'wrote', 'tweeted',
  'acknowledged', 'replied', 'responded', 'stressed', 'emphasized', 'emphasised', 'admitted', 'recalled', 'concluded',
]);
const SUBJECT_START = /^(?:\p{Lu}|the$|a$|an$|his$|her$|their$|its$)/u;

/** "The US president on Thursday described …": the words before the cue that open its sentence. */
function subjectBefore(tokens: QToken[], tags: Uint8Array, sentenceOf: Int32Array, cue: TagSpan): TagSpan | null {
  let first = cue.first;
  while (first > 0 && sentenceOf[first - 1] === cue.sentence) first--;
  let last = cue.first - 1;
  while (last >= first && TIME_WORDS.has(tokens[last]!.lower)) last--;
  if (last < first || last - first > 5) return null;
  if (!SUBJECT_START.test(tokens[first]!.text)) return null;
  for (let i = first; i <= last; i++) {
    if (tags[i] !== 0 || /^[\p{P}]+$/u.test(tokens[i]!.text) && tokens[i]!.text !== '.' && tokens[i]!.text !== '-') return null;
  }
  return { role: 'S', first, last, sentence: cue.sentence };
}

/**
 * "On April 20, Peskov, answering a question about …, said that …": the subject before an aside set
 * off by commas (a participle or a relative clause) right before the cue.
 */
function subjectBeforeAside(tokens: QToken[], tags: Uint8Array, sentenceOf: Int32Array, cue: TagSpan): TagSpan | null {
  if (cue.first < 4 || tokens[cue.first - 1]!.text !== ',') return null;
  let open = cue.first - 2;
  while (open >= 0 && sentenceOf[open] === cue.sentence && tokens[open]!.text !== ',' && cue.first - open <= 30) open--;
  if (open < 1 || tokens[open]!.text !== ',' || sentenceOf[open] !== cue.sentence) return null;
  if (!/^(?:\p{L}+ing|who|whose)$/u.test(tokens[open + 1]!.lower)) return null;
  // the subject: a short capitalised name between the previous comma (or the sentence start) and the aside
  let first = open - 1;
  while (first > 0 && sentenceOf[first - 1] === cue.sentence && tokens[first - 1]!.text !== ',') first--;
  const last = open - 1;
  if (last - first > 3 || !CAPITALISED.test(tokens[first]!.text)) return null;
  for (let i = first; i <= last; i++) if (tags[i] !== 0 || !/^(?:\p{Lu}[\p{L}'’.-]*|of|the|de|van|von|al)$/u.test(tokens[i]!.text)) return null;
  return { role: 'S', first, last, sentence: cue.sentence };
}

/**
 * Content for a cue the tagger gave none: "X said (on Monday) that …" → from "that" to the end of
 * the sentence; "…, X said." → from the sentence start to the comma before the attribution.
 */
function contentByClause(tokens: QToken[], tags: Uint8Array, sentenceOf: Int32Array, cue: TagSpan, source: TagSpan | null): TagSpan | null {
  const sentence = cue.sentence;
  let first = cue.first;
  while (first > 0 && sentenceOf[first - 1] === sentence) first--;
  let last = cue.last;
  while (last + 1 < tokens.length && sentenceOf[last + 1] === sentence) last++;
  while (last > cue.last && /^[\p{P}]+$/u.test(tokens[last]!.text)) last--;
  // X said … that …
  for (let i = cue.last + 1; i <= Math.min(last, cue.last + 8); i++) {
    if (tags[i] !== 0) break;
    if (tokens[i]!.lower === 'that' && last - i >= 2) return { role: 'Q', first: i, last, sentence };
    if (CLAUSE_END.has(tokens[i]!.text) || tokens[i]!.text === ',') break;
  }
  // …, X said.
  const attributionStart = Math.min(cue.first, source?.first ?? cue.first);
  // (after a comma or a quotation: ", where Mrs. Clinton also spoke." is a clause of its own)
  const opensAttribution = attributionStart > 0 && /^[,"”’»—–-]$/.test(tokens[attributionStart - 1]!.text);
  if (opensAttribution && last - Math.max(cue.last, source?.last ?? cue.last) <= 3 && attributionStart - first >= 4) {
    let end = attributionStart - 1;
    while (end > first && /^[\p{P}]+$/u.test(tokens[end]!.text)) end--;
    if (end - first >= 3) return { role: 'Q', first, last: end, sentence };
  }
  return null;
}

/** Words after ", X said," that continue what X said ("…, the CDC said, with another 700 probable cases"). */
const CONTINUATION_START = new Set(['with', 'including', 'plus', 'up', 'down', 'compared', 'excluding']);
/** Words after the cue that open its setting, not what was said ("said in posing the question", "said on Monday"). */
const SETTING_START = new Set(['in', 'on', 'at', 'during', 'before', 'after', 'to', 'from', 'for', 'by', 'while', 'when', 'as', 'last', 'this', 'earlier', 'later', 'yesterday', 'today', 'tonight']);
/** A sentence opening with these is a subordinate or adverbial clause, not the statement ("Asked if …, he said", "When …"). */
const FRONTED = /^(?:when|whenever|while|whilst|as|if|asked|after|before|although|though|because|since|once|until|unless|with|without|whatever|whether|despite|rather|unlike|like|following|amid|in|on|at|during|for|from|by|to|speaking|addressing|responding|referring|according|but|and|or|so|yet|then)$/;
const PAST_PARTICIPLE = /^\p{Ll}{3,}ed$/u;

/**
 * "The United States has 403 confirmed cases … in 38 states, the U.S. Centers for Disease Control
 * and Prevention said, with another 700 “probable” cases": where the tagger gave a cue after a comma
 * only a phrase after it (a continuation, "in posing the question"), what was said is the one clause
 * before the comma, from the sentence start; a continuation after a comma stays with it, the setting
 * right after the cue ("said in posing the question to Christie") does not. The clause holds a verb
 * and no comma, quotation, colon or bracket, and does not open as a subordinate or adverbial clause
 * ("Asked if …, he said", "When …, the candidate said").
 */
function clauseBeforeAttribution(tokens: QToken[], q: Uint8Array, sentenceOf: Int32Array, cue: TagSpan, source: TagSpan | undefined, parts: TagSpan[]): TagSpan[] | null {
  if (!source || source.last >= cue.first || source.sentence !== cue.sentence || parts.length === 0) return null;
  const comma = source.first - 1;
  // (", who has argued for years that …": a relative clause's subject, the clause before is not its words)
  if (comma < 1 || sentenceOf[comma] !== cue.sentence || tokens[comma]!.text !== ',' || RELATIVE.has(tokens[source.first]!.lower)) return null;
  let speech = -1;
  for (let i = cue.first; i <= cue.last; i++) if (SPEECH_VERBS.has(tokens[i]!.lower)) speech = i;
  if (speech < 0) return null;
  for (const x of parts) {
    if (x.first <= cue.last || x.sentence !== cue.sentence || q[x.first] !== 0) return null;
    const afterComma = tokens[x.first - 1]!.text === ',' && x.first - 1 > cue.last;
    const word = tokens[x.first]!.lower;
    // a phrase, not what was said: a continuation after a comma, a setting right after the verb
    // (or after a setting the cue took in: "said in posing [the question to Christie]")
    const phrase = afterComma ? CONTINUATION_START.has(word) : x.first === cue.last + 1 && (SETTING_START.has(word) || (speech < cue.last && SETTING_START.has(tokens[speech + 1]!.lower)));
    if (!phrase || quotedShare(q, x) >= 0.6 || isClause(tokens, x.first, x.last)) return null;
  }
  // (the walk back is bounded: no clause of more than 50 words, so no pass over a whole run-on sentence per cue)
  let first = comma;
  while (first > 0 && sentenceOf[first - 1] === cue.sentence && comma - first <= 52) first--;
  const last = comma - 1;
  if (last - first < 4 || last - first > 50 || FRONTED.test(tokens[first]!.lower) || /^\p{Lu}\p{Ll}+(?:ing|ed)$/u.test(tokens[first]!.text)) return null;
  let verb = false;
  for (let i = first; i <= last; i++) {
    if (q[i] !== 0 || /^[,:;()\[\]"“”«»—–-]$/.test(tokens[i]!.text)) return null;
    if (PAST_PARTICIPLE.test(tokens[i]!.text) && i > first && !DETERMINERS.has(tokens[i - 1]!.lower) && !/^\p{N}/u.test(tokens[i - 1]!.text)) verb = true;
  }
  if (!verb && !hasFiniteVerb(tokens, first, last)) return null;
  const continuations = parts.filter((x) => tokens[x.first - 1]!.text === ',');
  return [{ role: 'Q', first, last, sentence: cue.sentence }, ...continuations];
}

/**
 * "Another pollster, David Woodard of Clemson University, said [his survey of Republicans] showed
 * [Mr. Trump's support holding steady …]": a verb of speech whose words the tagger read as an
 * attribution of their own (a source and a cue right after it) reports that whole clause, to the end
 * of the sentence; the inner attribution then lies inside its content and gives way to it
 * (overlaps.ts), as PolNeAR annotates it.
 */
/** How far past an inner attribution's cue a content is run to its sentence end, at most (words). */
const MAX_RUN = 120;
/** Verbs of speech that report a clause ("said his survey showed …"), not a thing ("tweeted a video", "recalled Mr. Obama talking"). */
const CLAUSE_VERBS = new Set([
  'said', 'says', 'added', 'adds', 'noted', 'notes', 'warned', 'warns', 'stated', 'explained', 'argued', 'insisted', 'claimed', 'declared', 'announced',
  'confirmed', 'acknowledged', 'replied', 'responded', 'stressed', 'emphasized', 'emphasised', 'admitted', 'concluded', 'asserted', 'suggested',
  'contended', 'maintained', 'predicted', 'reiterated', 'observed',
]);
function contentOverAttribution(tokens: QToken[], tags: Uint8Array, sentenceOf: Int32Array, cue: TagSpan, sourceSpans: TagSpan[]): { source: TagSpan; content: TagSpan } | null {
  if (!CLAUSE_VERBS.has(tokens[cue.last]!.lower)) return null;
  // the source before the cue (the nearest one may be the inner attribution's, right after it): the
  // last source span starting before the cue, found by bisection (the spans are disjoint, in order)
  let lo = 0;
  let hi = sourceSpans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sourceSpans[mid]!.first < cue.first) lo = mid + 1;
    else hi = mid;
  }
  const source = lo > 0 ? sourceSpans[lo - 1]! : null;
  if (!source || source.sentence !== cue.sentence || source.last >= cue.first || source.last < cue.first - 2 || (source.last !== cue.first - 1 && tokens[source.last + 1]!.text !== ',')) return null;
  const first = cue.last + 1;
  let k = tokens[first]?.lower === 'that' ? first + 1 : first;
  if (k >= tokens.length || sentenceOf[k] !== cue.sentence || tags[k] !== 1 || SETTING_START.has(tokens[k]!.lower)) return null;
  while (k < tokens.length && (tags[k] === 1 || tags[k] === 2)) k++;
  if (k >= tokens.length || tags[k] !== 3 || sentenceOf[k] !== cue.sentence) return null;
  let last = k;
  while (last + 1 < tokens.length && sentenceOf[last + 1] === cue.sentence && last - k < MAX_RUN) last++;
  if (last - k >= MAX_RUN) return null;
  while (last > k && /^[\p{P}]+$/u.test(tokens[last]!.text)) last--;
  return last > k ? { source, content: { role: 'Q', first, last, sentence: cue.sentence } } : null;
}

/**
 * "He said [he plans to put to good use the approximately $18 million] he says [he raised …]": a
 * content after its cue that the tagger ended right where it read a source and a cue of their own runs
 * on to the end of the sentence, over that inner attribution (which then gives way to it, overlaps.ts).
 */
const JOINING = new Set(['and', 'but', 'or', 'as', 'if', 'because', 'when', 'while', 'although', 'though', 'since', 'after', 'before', 'where', 'even', 'that', 'which', 'who', 'whom', 'than']);
function overInnerAttribution(tokens: QToken[], tags: Uint8Array, q: Uint8Array, sentenceOf: Int32Array, cue: TagSpan, x: TagSpan): TagSpan {
  const next = x.last + 1;
  if (x.first <= cue.last || x.sentence !== cue.sentence || next >= tokens.length || sentenceOf[next] !== x.sentence || tags[next] !== 1 || q[x.last] !== 0) return x;
  // (not a relative clause's own attribution, "critics who say …", nor a new clause after a conjunction)
  if (SETTING_START.has(tokens[next]!.lower) || RELATIVE.has(tokens[next]!.lower) || /^[\p{P}]+$/u.test(tokens[next]!.text) || JOINING.has(tokens[x.last]!.lower)) return x;
  // (the inner source opens a noun phrase, a name or a pronoun: not a word inside the content's own
  // last phrase, "… the North African country's health [ministry] said")
  if (!CAPITALISED.test(tokens[next]!.text) && !DETERMINERS.has(tokens[next]!.lower) && !PRONOUNS.has(tokens[next]!.lower)) return x;
  // (the outer cue reports speech or thought: not "Swine flu [is] a respiratory disease … monitored"
  // glued to "Tom Skinner of the CDC told the BBC that …")
  let speech = false;
  for (let i = cue.first; i <= cue.last && !speech; i++) speech = isSpeechWord(tokens[i]!.lower);
  if (!speech) return x;
  let k = next;
  while (k < tokens.length && (tags[k] === 1 || tags[k] === 2)) k++;
  if (k >= tokens.length || tags[k] !== 3 || sentenceOf[k] !== x.sentence) return x;
  let last = k;
  while (last + 1 < tokens.length && sentenceOf[last + 1] === x.sentence && last - k < MAX_RUN) last++;
  if (last - k >= MAX_RUN) return x;
  while (last > k && /^[\p{P}]+$/u.test(tokens[last]!.text)) last--;
  return last > k ? { ...x, last } : x;
}

/**
 * "In any case, Mr. DiPietro said, the golf industry was vastly over-supplied with courses", "It is no
 * surprise, Mr. Garin said, that …": an attribution set off by commas inside a sentence, with the
 * tagger's content after it, also reports the words before it, from the sentence start (PolNeAR joins
 * both halves). Not across a quotation, a colon, a semicolon or a bracket, nor over words the tagger
 * gave another role.
 */
function leadBeforeParenthetical(tokens: QToken[], tags: Uint8Array, q: Uint8Array, sentenceOf: Int32Array, cue: TagSpan, source: TagSpan | undefined, parts: TagSpan[], closedFirst: number): TagSpan | null {
  if (!source || source.sentence !== cue.sentence || source.last !== cue.first - 1) return null;
  // (inside a quotation opened in an earlier paragraph, whose closing mark comes later: “… ¶ Also, the
  // payout, they said, is too small,” said Francis Purwanta)
  if (closedFirst > cue.last) return null;
  const comma = source.first - 1;
  if (comma < 1 || tokens[comma]!.text !== ',' || sentenceOf[comma] !== cue.sentence || tokens[cue.last + 1]?.text !== ',') return null;
  if (!parts.some((x) => x.first === cue.last + 2 && x.sentence === cue.sentence) || parts.some((x) => x.last < source.first)) return null;
  let first = comma;
  while (first > 0 && sentenceOf[first - 1] === cue.sentence && comma - first <= 21) first--;
  if (comma - first < 1 || comma - first > 20) return null;
  for (let i = first; i < comma; i++) if (tags[i] !== 0 || q[i] !== 0 || /^[:;()\[\]"“”«»]$/.test(tokens[i]!.text)) return null;
  return { role: 'Q', first, last: comma - 1, sentence: cue.sentence };
}

// Hearsay adverbs report that someone said something without saying who: "Scott allegedly
// brandished a pistol" is not a statement by Scott. PolNeAR agrees: a cue of the adverb alone has
// no source, and the subject belongs to the content ("[The FBI is] reportedly [making …]").
// With a verb of speech ("reportedly said", "allegedly told") the verb is the cue and the
// subject its source, as usual.
const HEARSAY = new Set([
  'allegedly', 'reportedly', 'purportedly', 'supposedly', 'reputedly', 'apparently', 'seemingly', 'ostensibly',
  'rumoredly', 'rumouredly', 'presumably', 'evidently',
]);
const AUXILIARY = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'may', 'might', 'could',
  'should', 'can', 'all', 'also', 'still', 'now', 'not', 'both', 'once', 'even',
]);

const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'this', 'that', 'these', 'those', 'some', 'many']);

/**
 * "the young and seemingly healthy", "a seemingly endless line": a hearsay adverb that modifies an
 * adjective reports nothing (after a determiner, or after a conjunction with the phrase ending
 * one word later).
 */
function modifiesAdjective(tokens: QToken[], cue: { first: number; last: number }): boolean {
  if (cue.first !== cue.last || cue.first === 0) return false;
  const before = tokens[cue.first - 1]!.lower;
  if (DETERMINERS.has(before)) return true;
  const after2 = tokens[cue.last + 2];
  return /^(?:and|or|but|,)$/.test(before) && (!after2 || /^[\p{P}]+$/u.test(after2.text)) && /^\p{Ll}/u.test(tokens[cue.last + 1]?.text ?? '');
}

/** A cue made of a hearsay adverb and auxiliaries only ("allegedly", "has reportedly"): nobody is named as saying it. */
export function isHearsayCue(tokens: QToken[], cue: { first: number; last: number }): boolean {
  let hearsay = false;
  for (let i = cue.first; i <= cue.last; i++) {
    const w = tokens[i]!.lower;
    if (HEARSAY.has(w)) hearsay = true;
    else if (!AUXILIARY.has(w) && !/^[\p{P}]+$/u.test(w)) return false;
  }
  return hearsay;
}

const CAPITALISED = /^\p{Lu}/u;
const MINOR_WORDS = new Set(['the', 'of', 'and', 'a', 'an', 'in', 'on', 'for', 'to', 'at', 'with', 'by', 'from', 'or', 'as', 'is']);

/** A sentence written in title case (a headline): capitalised cues there are ordinary ("Clinton Says …"). */
function titleCase(tokens: QToken[], sentenceOf: Int32Array, sentence: number): boolean {
  let words = 0;
  let caps = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (sentenceOf[i] !== sentence || !/^\p{L}{4,}/u.test(tokens[i]!.text)) continue;
    words++;
    if (CAPITALISED.test(tokens[i]!.text)) caps++;
  }
  return words >= 3 && caps >= 0.7 * words;
}

/**
 * A capitalised word inside a run of capitalised words is part of a name, not a verb: "on The Laura
 * Ingraham Show" has no cue "Show" and no source "The Laura Ingraham" (outside headlines).
 */
function dropNameInternalCues(spans: TagSpan[], tokens: QToken[], sentenceOf: Int32Array): TagSpan[] {
  const drop = new Set<TagSpan>();
  spans.forEach((cue, k) => {
    if (cue.role !== 'C' || cue.first === 0 || tokens[cue.first]!.sentStart) return;
    const word = tokens[cue.first]!.text;
    const prev = tokens[cue.first - 1]!.text;
    if (!CAPITALISED.test(word) || !/^\p{Lu}\p{L}/u.test(prev) || sentenceOf[cue.first - 1] !== cue.sentence) return;
    if (titleCase(tokens, sentenceOf, cue.sentence)) return;
    drop.add(cue);
    const before = spans[k - 1];
    if (before && before.role === 'S' && before.last === cue.first - 1) drop.add(before);
  });
  return drop.size ? spans.filter((x) => !drop.has(x)) : spans;
}

/**
 * A content piece that is only a quoted title named as a setting ("in an interview on CBS's
 * “Face the Nation,” Ryan said …"): a few capitalised words in quotation marks after a preposition
 * or a possessive. Not what was said.
 */
function isQuotedTitle(tokens: QToken[], q: Uint8Array, piece: TagSpan): boolean {
  let first = piece.first;
  let last = piece.last;
  if (q[first] === 2) first++;
  const open = first - 1;
  if (open < 0 || q[open] !== 2) return false;
  while (last > first && (q[last] === 3 || /^[\p{P}]+$/u.test(tokens[last]!.text))) last--;
  for (let i = first; i <= last; i++) if (q[i] !== 1) return false;
  const words = tokens.slice(first, last + 1).filter((t) => HAS_LETTER.test(t.text));
  if (words.length === 0 || words.length > 6) return false;
  if (!words.every((t, i) => CAPITALISED.test(t.text) || (i > 0 && MINOR_WORDS.has(t.lower)))) return false;
  const before = open > 0 ? tokens[open - 1]!.lower : '';
  return /^(?:on|in|at|to|of|from|with|for|by|during|called|titled|entitled|show|program|programme)$/.test(before) || /^['’]s?$/.test(before);
}

const TELLING = new Set(['told', 'tells', 'tell', 'telling', 'assured', 'assures', 'informed', 'informs', 'reminded', 'reminds', 'warned', 'warns', 'briefed', 'wrote', 'writes']);

/** The words between two token positions hold no clause break: "said [on Monday] that …", "said: “…", not "said, …". */
function followsDirectly(tokens: QToken[], from: number, to: number): boolean {
  if (to - from > 6) return false;
  for (let i = from; i < to; i++) if (/^[,;—–()-]$/.test(tokens[i]!.text)) return false;
  return true;
}

// Verbs of meeting and conversation take a person as their object ("has spoken with Alan Johnson
// about the development", "met the president", "consulted widely with experts"): that object is
// whom they spoke to, not what was said. Only a clause or a quotation after them is content.
const CONVERSATION_VERBS = new Set([
  'spoke', 'spoken', 'speak', 'speaks', 'speaking', 'talk', 'talks', 'talked', 'talking', 'chat', 'chats', 'chatted',
  'chatting', 'confer', 'confers', 'conferred', 'conferring', 'phoned', 'telephoned', 'met', 'meet', 'meets',
  'meeting', 'consult', 'consults', 'consulted', 'consulting', 'convened', 'convenes', 'convene',
]);
/** Conversation verbs whose object is the person met without a preposition ("met the president"). */
const MEETING_VERBS = new Set(['met', 'meet', 'meets', 'meeting', 'consult', 'consults', 'consulted', 'consulting', 'convened', 'convenes', 'convene']);

/** Words after "to"/"with" that are no addressee ("the experts I spoke to about …", "spoke to this week"). */
const ADDRESSEE_NOT = /^(?:about|this|last|on|over|for|of|in|at|by|[\p{P}]+)$/u;

/**
 * A cue of conversation with a person ("has spoken with", "talked to", "met") whose content is the
 * person and the topic: no quotation, no "that" clause.
 */
function isConversationWithPerson(tokens: QToken[], q: Uint8Array, cue: TagSpan, parts: TagSpan[]): boolean {
  let verb = -1;
  for (let i = cue.first; i <= cue.last; i++) if (CONVERSATION_VERBS.has(tokens[i]!.lower)) verb = i;
  if (verb < 0) return false;
  if (parts.some((x) => quotedShare(q, x) >= 0.6 || /^(?:that|whether)$/.test(tokens[x.first]!.lower) || q[x.first] === 2)) return false;
  if (MEETING_VERBS.has(tokens[verb]!.lower)) return true;
  // the preposition of the addressee, in the cue or opening the content: "spoke with", "talked to"
  const after = parts.filter((x) => x.first > cue.last).sort((a, b) => a.first - b.first)[0];
  // (with its object: "the experts I spoke to about …" names nobody after "to")
  const addressee = (i: number) => /^(?:with|to)$/.test(tokens[i]!.lower) && i + 1 < tokens.length && !ADDRESSEE_NOT.test(tokens[i + 1]!.lower);
  for (let i = verb + 1; i <= Math.min(verb + 3, cue.last); i++) if (addressee(i)) return true;
  return !!after && after.first <= cue.last + 2 && addressee(after.first);
}

const BE_FORMS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", 'has', 'have', 'had', 'get', 'got', 'gets']);

/**
 * "Two people have been admitted to a Scottish hospital", "was admitted directly to a side room":
 * admission to a place, not an admission of anything. Passive, or "admitted to" a place (not
 * "admitted to victimizing …", a confession).
 */
function isAdmissionToPlace(tokens: QToken[], cue: TagSpan, parts: TagSpan[], quoted: (x: TagSpan) => boolean): boolean {
  let at = -1;
  for (let i = cue.first; i <= cue.last; i++) if (/^admit(?:ted|s)?$/.test(tokens[i]!.lower)) at = i;
  if (at < 0) return false;
  if (at > 0 && BE_FORMS.has(tokens[at - 1]!.lower) && tokens[at - 1]!.lower !== 'has' && tokens[at - 1]!.lower !== 'have' && tokens[at - 1]!.lower !== 'had') return true;
  // ("admitted to me: “We were spooked”", "admitted to the newspaper that …": to whom, then what)
  if (parts.some((x) => quoted(x) || x.last < cue.first)) return false;
  for (let i = at + 1; i < Math.min(tokens.length, at + 10); i++) if (tokens[i]!.lower === 'that' || /^[:“"]$/.test(tokens[i]!.text)) return false;
  let k = at + 1;
  while (k < tokens.length && /^(?:directly|immediately|later|again|overnight)$/.test(tokens[k]!.lower)) k++;
  return /^(?:to|into)$/.test(tokens[k]?.lower ?? '') && !/ing$/.test(tokens[k + 1]?.lower ?? '') && !/^(?:that|having|it)$/.test(tokens[k + 1]?.lower ?? '');
}

const RELATIVE = new Set(['which', 'who', 'that', 'whom']);

/**
 * "… the commission released an advance chapter of its report which said …": a source that ends in
 * a relative pronoun after a clause is the pronoun (its antecedent is resolved as the speaker), as
 * PolNeAR annotates relative clauses ("Barkley, [who] said …"); "those who", "Republicans who"
 * stay whole.
 */
function relativePronoun(tokens: QToken[], source: TagSpan): TagSpan {
  if (source.last - source.first < 3 || !RELATIVE.has(tokens[source.last]!.text)) return source;
  return { ...source, first: source.last };
}

const AGENT_CLAUSE_WORDS = new Set([...BE_FORMS, 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'must', 'did', 'does', 'do', 'and', 'but', 'or', 'that', 'which', 'who', 'when', 'while', 'if', 'as', 'because', 'after', 'before', 'since']);

/**
 * "A report commissioned by [President Obama] has blamed …", "A commission appointed by [Barack
 * Obama] this month accused …": a source after "by" before its cue is the agent of a participle in
 * the subject, not who spoke; the source is the subject noun phrase it belongs to ("A report
 * commissioned by President Obama"), as PolNeAR annotates such subjects ("A poll conducted by …").
 * Not a passive's agent ("He was backed by voters who said …": a verb before "by").
 */
function subjectOfAgent(tokens: QToken[], tags: Uint8Array, sentenceOf: Int32Array, source: TagSpan, cue: TagSpan): TagSpan {
  const by = source.first - 1;
  if (by < 2 || source.last >= cue.first || sentenceOf[by] !== source.sentence || tokens[by]!.lower !== 'by') return source;
  let first = by - 1;
  while (first > 0 && sentenceOf[first - 1] === source.sentence && !/^[,;:—–(“"]$/.test(tokens[first - 1]!.text) && by - first < 8) first--;
  // the subject starts its clause: at the sentence start or after a comma ("…, a panel appointed by …")
  if (first > 0 && sentenceOf[first - 1] === source.sentence && !/^[,;:—–(]$/.test(tokens[first - 1]!.text)) return source;
  for (let i = first; i < by; i++) if (tags[i] !== 0 || AGENT_CLAUSE_WORDS.has(tokens[i]!.lower) || /^[\p{P}]+$/u.test(tokens[i]!.text)) return source;
  if (!/^(?:\p{Lu}|the$|a$|an$|its$|his$|her$|their$)/u.test(tokens[first]!.text)) return source;
  return { ...source, first };
}

/**
 * "The director general of the WHO, Margaret Chan, had this to say": a description with the
 * person's name in apposition right before the cue; the name is part of the source (as PolNeAR
 * annotates it: "A top strategist, John Weaver, tells").
 */
function withApposition(tokens: QToken[], source: TagSpan, cue: TagSpan): TagSpan {
  if (source.last >= cue.first || tokens[source.last + 1]?.text !== ',' || tokens[cue.first - 1]?.text !== ',') return source;
  const first = source.last + 2;
  const last = cue.first - 2;
  if (last < first || last - first > 4) return source;
  for (let i = first; i <= last; i++) if (!CAPITALISED.test(tokens[i]!.text) && tokens[i]!.text !== '.') return source;
  // a description, not a list of names ("Smith, Jones, said")
  let lower = 0;
  for (let i = source.first; i <= source.last; i++) if (/^\p{Ll}/u.test(tokens[i]!.text)) lower++;
  if (lower === 0) return source;
  return { ...source, last: last + 1 };
}

const TOPIC_START = new Set(['about', 'of', 'on', 'regarding', 'concerning', 'in', 'at', 'during', 'to', 'last', 'this', 'after', 'before']);
const CATAPHORIC = new Set(['this', 'these', 'following', 'thus']);
const TIME_NOUNS = /^(?:week|weekend|month|year|morning|afternoon|evening|time|spring|summer|autumn|fall|winter|season|past|term|quarter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

/** A cue that announces the words to come: "had this to say", "said the following", "put it thus" (not "said this week"). */
function announces(tokens: QToken[], cue: TagSpan): boolean {
  for (let i = cue.first; i <= Math.min(cue.last + 2, tokens.length - 1); i++) {
    if (CATAPHORIC.has(tokens[i]!.lower) && !TIME_NOUNS.test(tokens[i + 1]?.lower ?? '')) return true;
  }
  return false;
}

/**
 * "X had this to say about pregnancy last week, in her speech declaring a flu pandemic: “Without
 * question, …”": the quotation after the colon is the words the cue announced ("had this to say"),
 * not the end of the narration a later cue ("declaring") took as its content. The quotation moves
 * to the announcing attribution (one quote, not two) and replaces its topic ("about pregnancy");
 * the later cue keeps the narration.
 */
function colonQuotations(tokens: QToken[], q: Uint8Array, cues: TagSpan[], contents: Map<TagSpan, TagSpan[]>): void {
  for (const [owner, list] of contents) {
    for (let n = 0; n < list.length; n++) {
      const piece = list[n]!;
      let colon = -1;
      for (let i = piece.first + 1; i < piece.last; i++) {
        if (tokens[i]!.text === ':' && q[i] === 0 && q[i + 1] === 2) {
          colon = i;
          break;
        }
      }
      if (colon < 0) continue;
      let narration = true;
      for (let i = piece.first; i < colon; i++) if (q[i] !== 0) narration = false;
      if (!narration) continue;
      // (or the cue itself names the topic before the colon: "spoke to reporters about the outbreak: “…”")
      const topicCue = piece.first === owner.last + 1 && (/^(?:about|of|on|regarding|concerning)$/.test(tokens[owner.last]!.lower) || /^(?:about|regarding|concerning)$/.test(tokens[piece.first]!.lower));
      const frame = cues.find((c) => c.sentence === owner.sentence && c.last < piece.first && announces(tokens, c)) ?? (topicCue ? owner : null);
      if (!frame) continue;
      const quotation = { ...piece, first: colon + 1 };
      if (frame === owner) list[n] = quotation;
      else {
        list[n] = { ...piece, last: colon - 1 };
        contents.set(frame, [...(contents.get(frame) ?? []), quotation]);
      }
      const framed = contents.get(frame)!.filter((x) => !(x.first > frame.last && x.last < colon && q[x.first] === 0 && TOPIC_START.has(tokens[x.first]!.lower)));
      contents.set(frame, framed);
    }
  }
}

/** Tags of one sequence: each stage sees the roles the previous stage predicted. */
export function tagSequence(tokens: QToken[], text: string, model: Model, nested: boolean, stages = model.stages.length): Tag[] {
  return [...tagIndices(tokens, text, model, nested, stages)].map((t) => TAGS[t]!);
}

/** Like tagSequence, as tag indices: a model read from its file is decoded by its compiled form. */
export function tagIndices(tokens: QToken[], text: string, model: Model, nested: boolean, stages = model.stages.length): Uint8Array {
  if (model.stages.every((c) => c.isQuantized)) return compiled(model).tag(tokens, text, nested, stages);
  return tagIndicesReference(tokens, text, model, nested, stages);
}

/**
 * The tagger's definition (and the path of a model in training, whose weights are not quantised
 * yet): each stage scores features.ts's sequence features, with the previous stage's roles.
 */
export function tagIndicesReference(tokens: QToken[], text: string, model: Model, nested: boolean, stages = model.stages.length): Uint8Array {
  const { features, context } = baseFeatures(tokens, text, model.lexicon, nested);
  let tags: Uint8Array = new Uint8Array(tokens.length);
  for (let k = 0; k < stages; k++) tags = model.stages[k]!.tag(features, k > 0 ? stackedFeatures(context, tags.map(roleOf)) : null);
  return tags;
}

/** Attributions in one token sequence, tagged by the model. */
export function attributionsInSequence(
  tokens: QToken[],
  text: string,
  model: Model,
  nested: boolean,
  paragraph: number,
): RawAttribution[] {
  if (tokens.length === 0) return [];
  const tags = tagIndices(tokens, text, model, nested, model.stages.length);
  if (!tags.some((t) => t === 3 || t === 4)) return []; // no cue, no attribution
  joinNumbers(tokens, tags);
  const sentenceOf = new Int32Array(tokens.length);
  let s = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (i === 0 || tokens[i]!.sentStart) s++;
    sentenceOf[i] = s;
  }
  const q = quoteStates(tokens, text);
  const spans = dropNameInternalCues(spansOf(tags, sentenceOf), tokens, sentenceOf).filter((x) => x.role !== 'Q' || !isQuotedTitle(tokens, q, x));
  const cues = spans.filter((x) => x.role === 'C');
  if (cues.length === 0) return [];
  const sources = new Map<TagSpan, TagSpan>();
  const sourceSpans = spans.filter((x) => x.role === 'S');
  for (const cue of cues) {
    const best = nearest(sourceSpans, cue);
    if (best && distance(best, cue) < 1000) sources.set(cue, best);
  }
  // cues the tagger gave no source: a coordinated verb shares the previous cue's source
  // ("X described …, but said …"); otherwise a short subject at the sentence start
  for (let k = 0; k < cues.length; k++) {
    const cue = cues[k]!;
    if (sources.has(cue)) continue;
    const prev = k > 0 ? cues[k - 1]! : null;
    if (prev && prev.sentence === cue.sentence && sources.has(prev) && sources.get(prev)!.last < prev.first) {
      sources.set(cue, sources.get(prev)!);
      continue;
    }
    const subject = SPEECH_VERBS.has(tokens[cue.first]!.lower) ? (subjectBefore(tokens, tags, sentenceOf, cue) ?? subjectBeforeAside(tokens, tags, sentenceOf, cue)) : null;
    if (subject) sources.set(cue, subject);
  }
  for (const [cue, src] of sources) sources.set(cue, withApposition(tokens, subjectOfAgent(tokens, tags, sentenceOf, relativePronoun(tokens, src), cue), cue));
  const contents = new Map<TagSpan, TagSpan[]>();
  let lastQuoted: { cue: TagSpan } | null = null;
  for (const sp of spans) {
    if (sp.role !== 'Q') continue;
    let best = nearest(cues, sp);
    // a quotation in a sentence with no cue of its own continues the quotation before it
    // ("“…,” Mr. Obama said at the gala, where Mrs. Clinton also spoke. “Tolerance is on the ballot.”")
    // (spans come in text order, so the quotation before it is the last quoted one assigned)
    // (not a quotation of several sentences whose own last sentence holds the cue: "“They catch her
    // randomly, and she just answers. It captures her,” Goff said.")
    if (best && (best.sentence < sp.sentence || best.sentence > sentenceOf[sp.last]!) && q[sp.first] !== 0 && sp.first > 0 && lastQuoted) best = lastQuoted.cue;
    if (best) {
      const list = contents.get(best) ?? [];
      list.push(sp);
      contents.set(best, list);
      if (q[sp.first] !== 0) lastQuoted = { cue: best };
    }
  }
  colonQuotations(tokens, q, cues, contents);
  // the first quotation mark of the sequence when it closes a quotation opened in an earlier paragraph
  let closedFirst = -1;
  for (let i = 0; i < q.length; i++) {
    if (q[i] === 2) break;
    if (q[i] === 3) {
      closedFirst = i;
      break;
    }
  }
  const out: RawAttribution[] = [];
  // (spans and quoted shares by module functions below: no closure made per call)
  for (const cue of cues) {
    if (isHearsayCue(tokens, cue) && modifiesAdjective(tokens, cue)) continue;
    let parts = contents.get(cue);
    // (a content of only "that" before the words the tagger read as an attribution: "Mook further
    // asserted [that] Trump tells …")
    const onlyThat = parts?.length === 1 && parts[0]!.first === cue.last + 1 && parts[0]!.last === parts[0]!.first && tokens[parts[0]!.first]!.lower === 'that';
    if (!parts || parts.length === 0 || onlyThat) {
      let guess = onlyThat ? null : contentByClause(tokens, tags, sentenceOf, cue, sources.get(cue) ?? null);
      if (!guess) {
        const outer = contentOverAttribution(tokens, tags, sentenceOf, cue, sourceSpans);
        if (outer) sources.set(cue, withApposition(tokens, subjectOfAgent(tokens, tags, sentenceOf, relativePronoun(tokens, outer.source), cue), cue));
        guess = outer?.content ?? null;
      }
      if (!guess && onlyThat) guess = parts![0]!;
      if (!guess) continue;
      parts = [guess];
    }
    const attribution = Math.min(cue.first, sources.get(cue)?.first ?? cue.first);
    parts = parts.map((x) => wholeNumbers(tokens, x)).map((x) => (x.first > cue.last ? runToClauseEnd(tokens, tags, q, sentenceOf, afterAbbreviation(tokens, tags, q, sentenceOf, x)) : runToAttribution(tokens, tags, q, sentenceOf, x, attribution)));
    parts = parts.map((x) => overInnerAttribution(tokens, tags, q, sentenceOf, cue, x));
    parts = clauseBeforeAttribution(tokens, q, sentenceOf, cue, sources.get(cue), parts) ?? parts;
    const lead = leadBeforeParenthetical(tokens, tags, q, sentenceOf, cue, sources.get(cue), parts, closedFirst);
    if (lead) parts = [lead, ...parts];
    const left = parts.filter((x) => x.last < cue.first);
    const right = parts.filter((x) => x.first > cue.last);
    if (left.length && right.length) {
      const lq = Math.min(...left.map((x) => quotedShare(q, x))) >= 0.6;
      const rq = Math.min(...right.map((x) => quotedShare(q, x))) >= 0.6;
      // "“…,” Trump said, looking out on the crowd": the unquoted tail is not part of the quote,
      // a quotation in a later sentence continues it
      if (lq && !rq) parts = [...left, ...right.filter((x) => x.sentence !== cue.sentence && quotedShare(q, x) >= 0.6)];
    }
    // "…, but its director general, Dr Margaret Chan, said the option remained …", "…, with the
    // Kremlin saying that …": when what was said follows the cue, the narration before the source
    // is not part of it (a quotation there still is: "“…,” Geithner said: “…”")
    const src0 = sources.get(cue);
    if (src0 && src0.last < cue.first && src0.sentence === cue.sentence) {
      // (after a verb of telling, the words that follow may be only whom: "…, Chan told her agency's congress")
      const telling = TELLING.has(tokens[cue.last]!.lower);
      const follows = parts.some(
        (x) => x.first > cue.last && x.sentence === cue.sentence && followsDirectly(tokens, cue.last + 1, x.first) && (!telling || q[x.first] !== 0 || tokens.slice(x.first, Math.min(x.last + 1, x.first + 10)).some((t) => t.lower === 'that' || t.text === ':')),
      );
      if (follows) parts = parts.filter((x) => !(x.last < src0.first && x.sentence === cue.sentence && !(quotedShare(q, x) >= 0.6 || openedEarlier(tokens, q, x))));
    }
    if (isAdmissionToPlace(tokens, cue, parts, (x) => quotedShare(q, x) >= 0.6)) continue;
    const conversation = isConversationWithPerson(tokens, q, cue, parts);
    let quoted = 0;
    let total = 0;
    for (const p of parts) {
      // (words only: the quotation marks around "on the table" do not make the sentence a quote)
      for (let i = p.first; i <= p.last; i++) {
        if (q[i] === 2 || q[i] === 3 || !/[\p{L}\p{N}]/u.test(tokens[i]!.text)) continue;
        total++;
        if (q[i] !== 0) quoted++;
      }
    }
    const firstTok = tokens[parts[0]!.first]!;
    const before = firstTok.start > 0 ? text[firstTok.start - 1]! : '';
    const direct = quoted >= 0.6 * total || QUOTE_CHARS.test(before) || QUOTE_CHARS.test(firstTok.text);
    const nonSpeech = conversation ? null : nonSpeechFrame(tokens, sentenceOf, cue, sources.get(cue) ?? null, parts, direct);
    let src = sources.get(cue);
    if (src && isHearsayCue(tokens, cue)) {
      // "he allegedly brandished …": the subject is part of what is reported, not its source
      if (src.last < cue.first && src.sentence === cue.sentence && parts.every((x) => x.first > src!.last)) parts = [src, ...parts];
      src = undefined;
    }
    out.push({ content: parts.map((x) => tokenSpan(tokens, x)), source: src ? tokenSpan(tokens, src) : null, cue: tokenSpan(tokens, withoutTopicPreposition(tokens, cue)), direct, paragraph, nested, ...(conversation ? { conversation } : {}), ...(nonSpeech ? { nonSpeech } : {}), ...(src && isDocumentFinding(tokens, cue, src) ? { documentFinding: true } : {}) });
  }
  splitAtLaterSentences(tokens, q, out);
  return out;
}

/** The text span of a run of tokens. */
function tokenSpan(tokens: QToken[], x: TagSpan): Span {
  return [tokens[x.first]!.start, tokens[x.last]!.end];
}

/** The share of a span's tokens inside a quotation (1 when a quotation opens at it or just before it). */
function quotedShare(q: Uint8Array, x: TagSpan): number {
  let k = 0;
  for (let i = x.first; i <= x.last; i++) if (q[i] !== 0) k++;
  const before = x.first > 0 ? q[x.first - 1]! : 0;
  return before === 2 || q[x.first] === 2 ? 1 : k / (x.last - x.first + 1);
}

function isCloserAt(tokens: QToken[], i: number): boolean {
  return /^["”’'»]$/.test(tokens[i]?.text ?? '');
}

/** A quotation opened in an earlier paragraph has only its closing mark here: “… ¶ …,” he said. */
function openedEarlier(tokens: QToken[], q: Uint8Array, x: TagSpan): boolean {
  return !q.subarray(0, x.last + 1).includes(2) && (q[x.last] === 3 || isCloserAt(tokens, x.last) || isCloserAt(tokens, x.last + 1) || (/^[,.!?]$/.test(tokens[x.last + 1]?.text ?? '') && isCloserAt(tokens, x.last + 2)));
}

/**
 * "BP has acknowledged that a series of failures … triggered the spill that has so [far spewed at
 * least 7 million gallons … into the Gulf]": reported speech the tagger ended in mid-phrase (the next
 * word untagged, no punctuation between) runs on to the end of its sentence, when nothing else is
 * tagged or quoted before it.
 */
/** Words that open an adjunct of the attribution rather than continue what was said ("critical of Trump [since …]", "[in a statement on Thursday]"). */
const ADJUNCT_START = new Set(['since', 'in', 'on', 'at', 'during', 'after', 'before', 'when', 'while', 'because', 'as', 'for', 'with', 'by', 'from', 'last', 'this', 'earlier', 'later', 'yesterday', 'today', 'tonight', 'again', 'too', 'also', 'then', 'until', 'amid', 'despite', 'although', 'though', 'but', 'and', 'or']);
function runToClauseEnd(tokens: QToken[], tags: Uint8Array, q: Uint8Array, sentenceOf: Int32Array, x: TagSpan): TagSpan {
  const next = x.last + 1;
  if (next >= tokens.length || sentenceOf[next] !== x.sentence || tags[next] !== 0 || q[x.last] !== 0) return x;
  if (!/^[\p{Ll}\p{N}]/u.test(tokens[next]!.text) || ADJUNCT_START.has(tokens[next]!.lower)) return x;
  let end = next;
  while (end + 1 < tokens.length && sentenceOf[end + 1] === x.sentence) end++;
  while (end > next && /^[\p{P}]+$/u.test(tokens[end]!.text)) end--;
  if (end - x.last > 25) return x;
  for (let i = next; i <= end; i++) if (tags[i] !== 0 || q[i] !== 0 || /^[;:]$/.test(tokens[i]!.text)) return x;
  return { ...x, last: end };
}

/**
 * "The pressure within the well is currently 6,700 [pounds per square inch ( psi ) and steadily
 * rising] , said Mr Wells": a content before its attribution that the tagger ended in mid-phrase
 * (the next word untagged, lower case, no punctuation between) runs on to the comma before the
 * attribution, when nothing between is tagged or quoted.
 */
function runToAttribution(tokens: QToken[], tags: Uint8Array, q: Uint8Array, sentenceOf: Int32Array, x: TagSpan, attribution: number): TagSpan {
  const next = x.last + 1;
  if (next >= attribution || sentenceOf[attribution] !== x.sentence || tags[next] !== 0 || q[x.last] !== 0) return x;
  if (!/^[\p{Ll}\p{N}]/u.test(tokens[next]!.text) || ADJUNCT_START.has(tokens[next]!.lower)) return x;
  let end = attribution - 1;
  if (!/^[,—–-]$/.test(tokens[end]!.text)) return x;
  end--;
  if (end - x.last > 25) return x;
  for (let i = next; i <= end; i++) if (tags[i] !== 0 || q[i] !== 0 || /^[;:,.!?]$/.test(tokens[i]!.text)) return x;
  return { ...x, last: end };
}

/** Tokens i, i+1, i+2 are one number split at its separator: "6 , 700" of "6,700", "9 , 000-strong". */
function splitNumberAt(tokens: QToken[], i: number): boolean {
  return i + 2 < tokens.length && ENDS_IN_DIGIT.test(tokens[i]!.text) && /^[,.]$/.test(tokens[i + 1]!.text) && OPENS_WITH_DIGIT.test(tokens[i + 2]!.text) && tokens[i]!.end === tokens[i + 1]!.start && tokens[i + 1]!.end === tokens[i + 2]!.start;
}

/**
 * "The pressure within the well is currently 6[Q] ,[O] 700 pounds per square inch …[S], said Mr
 * Wells": the tagger, seeing the thousands separator as a comma, ended a span inside a number and
 * began another there; the number and the span begun inside it belong to the span the number opens.
 */
function joinNumbers(tokens: QToken[], tags: Uint8Array): void {
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!splitNumberAt(tokens, i)) continue;
    const role = (t: number) => (t === 1 || t === 2 ? 1 : t === 5 || t === 6 ? 5 : t === 0 ? 0 : -1);
    const here = role(tags[i]!);
    const after = role(tags[i + 2]!);
    if (here < 0 || after < 0 || (here === 0 && after === 0)) continue;
    const r = here || after;
    if (here === 0) tags[i] = r;
    const broken = tags[i + 2] === 1 || tags[i + 2] === 5 ? after : -1;
    tags[i + 1] = tags[i + 2] = r + 1;
    // the span the tagger began inside the number continues this one
    if (broken > 0 && broken !== r) for (let j = i + 3; j < tokens.length && tags[j] === broken + 1; j++) tags[j] = r + 1;
  }
}
/**
 * "funnel the equivalent of 1[,000 barrels a day]", "between 6,500 and 7[,800 square miles]": the
 * tokens split a number at its thousands separator, and no content ends or starts inside a number.
 */
function wholeNumbers(tokens: QToken[], x: TagSpan): TagSpan {
  let { first, last } = x;
  while (splitNumberAt(tokens, last)) last += 2;
  while (first >= 2 && splitNumberAt(tokens, first - 2)) first -= 2;
  return first === x.first && last === x.last ? x : { ...x, first, last };
}

/**
 * "oil were spotted at the St[. Andrews beach …]": a content the tagger ended at an abbreviation's
 * full stop inside its sentence goes on past it, to the sentence end when nothing else is tagged or
 * quoted there, else over the word after the stop.
 */
function afterAbbreviation(tokens: QToken[], tags: Uint8Array, q: Uint8Array, sentenceOf: Int32Array, x: TagSpan): TagSpan {
  const dot = x.last + 1;
  const abbreviation = tokens[x.last]!;
  if (dot + 1 >= tokens.length || tokens[dot]!.text !== '.' || abbreviation.end !== tokens[dot]!.start || !ABBREVIATIONS.has(abbreviation.lower)) return x;
  if (sentenceOf[dot + 1] !== x.sentence || !/^[\p{L}\p{N}]/u.test(tokens[dot + 1]!.text)) return x;
  let end = dot + 1;
  while (end + 1 < tokens.length && sentenceOf[end + 1] === x.sentence) end++;
  while (end > dot + 1 && /^[\p{P}]+$/u.test(tokens[end]!.text)) end--;
  for (let i = dot + 1; i <= end; i++) if (tags[i] !== 0 || q[i] !== 0 || /^[;:]$/.test(tokens[i]!.text)) return { ...x, last: dot + 1 };
  return end - x.last > 25 ? { ...x, last: dot + 1 } : { ...x, last: end };
}

/**
 * "said of Trump, “…”", "says on the economy": the verb is the cue, the preposition opens the topic
 * (PolNeAR train: "said" before "of"/"on"/"about" 91 times, "said of"/"said about" as the cue 16).
 */
function withoutTopicPreposition(tokens: QToken[], cue: TagSpan): TagSpan {
  if (cue.last === cue.first || !/^(?:of|on|about)$/.test(tokens[cue.last]!.lower) || !/^(?:said|says|say|saying|wrote|writes)$/.test(tokens[cue.last - 1]!.lower)) return cue;
  return { ...cue, last: cue.last - 1 };
}

/** Index of the first of `starts` (sorted by start) that starts after `offset`. */
function firstStartAfter(starts: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]!.start > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * "… said that “the return of ambassadors … expediency.” Relations between the two countries are
 * now at a “low point”, he pointed out.": where the tagger ran one content over a sentence end
 * into what a later cue says, the earlier content stops at that sentence.
 */
function splitAtLaterSentences(tokens: QToken[], q: Uint8Array, atts: RawAttribution[]): void {
  // Each later attribution can cut a piece only where its content starts inside that piece, so the
  // candidates for a piece are found by binary search over content starts, then applied in the
  // order of `atts` (a cut shortens the piece, which changes what the next candidate may do).
  const starts: { index: number; start: number }[] = [];
  atts.forEach((b, index) => {
    if (b.cue && b.content.length > 0) starts.push({ index, start: Math.min(...b.content.map((c) => c[0])) });
  });
  starts.sort((x, y) => x.start - y.start || x.index - y.index);
  const tokenAt = new Map<number, number>();
  tokens.forEach((t, i) => {
    if (!tokenAt.has(t.start)) tokenAt.set(t.start, i);
  });
  const ordered = tokens.every((t, i) => i === 0 || tokens[i - 1]!.start <= t.start);
  atts.forEach((a, ai) => {
    if (!a.cue) return;
    const aCue = a.cue[0];
    const before = a.content;
    a.content = a.content.map((original) => {
      const later: { index: number; start: number }[] = [];
      for (let j = firstStartAfter(starts, original[0]); j < starts.length && starts[j]!.start < original[1]; j++) {
        if (starts[j]!.index !== ai && atts[starts[j]!.index]!.cue![0] > aCue) later.push(starts[j]!);
      }
      later.sort((x, y) => x.index - y.index);
      let piece = original;
      for (const { index, start: bStart } of later) {
        const bCue = atts[index]!.cue![0];
        if (!(piece[0] < bStart && bStart < piece[1] && bCue >= piece[1] - 1)) continue;
        const k = tokenAt.get(bStart) ?? -1;
        if (k <= 0 || !tokens[k]!.sentStart || tokens[k - 1]!.end <= piece[0]) continue;
        piece = [piece[0], tokens[k - 1]!.end];
      }
      return piece;
    });
    if (a.content.every((c, i) => c[1] === before[i]![1])) return;
    // direct or not, over what is left (words only, as above)
    const from = Math.min(...a.content.map((c) => c[0]));
    const to = Math.max(...a.content.map((c) => c[1]));
    let words = 0;
    let quoted = 0;
    for (let i = ordered ? firstStartingAt(tokens, from) : 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (ordered && t.start > to) break;
      if (q[i] === 2 || q[i] === 3 || !/[\p{L}\p{N}]/u.test(t.text) || !a.content.some((c) => t.start >= c[0] && t.end <= c[1])) continue;
      words++;
      if (q[i] !== 0) quoted++;
    }
    if (words > 0 && quoted >= 0.6 * words) a.direct = true;
  });
}

/** Contents are tagged again for nested attributions only when a word this likely a cue is in them. */
export const NESTED_CUE_RATE = 0.15;

/**
 * All attributions of a text, paragraph by paragraph. With maxDepth > 1, contents are tagged
 * again for nested attributions; that needs a model trained with nested sequences
 * (`train.ts --nested`), which PolNeAR does not support: it never annotates an attribution
 * inside another's content, so the shipped model tags one level.
 */
export function findAttributions(text: string, paras: Paragraph[], model: Model, maxDepth = 1): RawAttribution[] {
  const all: RawAttribution[] = [];
  paras.forEach((p, pi) => {
    let layer = attributionsInSequence(p.tokens, text, model, false, pi);
    all.push(...layer);
    for (let depth = 1; depth < maxDepth && layer.length > 0; depth++) {
      const next: RawAttribution[] = [];
      for (const a of layer) {
        const start = Math.min(...a.content.map((c) => c[0]));
        const end = Math.max(...a.content.map((c) => c[1]));
        const inner = p.tokens.filter((t) => t.start >= start && t.end <= end);
        if (inner.length < 4 || !inner.some((t) => (model.lexicon.get(t.lower) ?? 0) >= NESTED_CUE_RATE)) continue;
        next.push(...attributionsInSequence(inner, text, model, true, pi));
      }
      all.push(...next);
      layer = next;
    }
  });
  return all;
}
