// One statement, one speaker (review 8 F10). The tagger labels one level of attribution, but the
// clause rules that give a cue its content ("…, X said." → the sentence before the comma) and a
// tagger reading "X said Y will present Z" as two attributions can credit one sentence twice:
// "Democrats will present that bill …, Frank said" to Frank and to "Democrats (will present)";
// "Robert Madelin said it was clear … confronted Four people tested …, French Health Minister
// Roselyne Bachelot has said" to Madelin and to Bachelot. PolNeAR never annotates an attribution
// inside another's content, and a reader wants each sentence under one speaker, so where two
// attributions' contents share more than half of the shorter one:
// 1. a sentence end the source text lost ("… was now being confronted Four people tested …",
//    "… voices concern A new flu virus …") ends each content on the side away from its cue;
// 2. an attribution whose cue lies inside the other's content is nested in it, and goes as an
//    embedded clause of the outer statement ("the Fed is signaling", "It was expected", and, as
//    PolNeAR has it, "Bloomberg reported Flaherty said …" stays Bloomberg's), unless it is a
//    quotation with its own "X said" ("“…,” Córdova said, according to …") or the outer names
//    nobody: then the outer keeps only what lies on its cue's side of the clause, or goes;
// 3. two attributions of the same words with neither cue inside the other's content keep the
//    one with a verb of speech and a source, the nearer one on a tie.
// Also here, for single attributions: a source or content that runs over a lost sentence end
// (withoutOwnAttribution), and a quotation with its own named speaker inside another's content
// (swallowedAttribution).
import type { Span } from '../../types.js';
import type { RawAttribution } from './decode.js';
import { isSilent } from './decode.js';

/** The smallest span holding all of these. */
export function extent(spans: Span[]): Span {
  let s = Infinity;
  let e = -Infinity;
  for (const x of spans) {
    if (x[0] < s) s = x[0];
    if (x[1] > e) e = x[1];
  }
  return [s, e];
}

/** Whether two contents share more than half of the shorter one, piece by piece (pieces of one content never overlap). */
function sharesMoreThanHalf(a: Span[], b: Span[]): boolean {
  let shared = 0;
  for (const x of a) for (const y of b) shared += Math.max(0, Math.min(x[1], y[1]) - Math.max(x[0], y[0]));
  if (shared === 0) return false;
  const length = (c: Span[]) => c.reduce((n, x) => n + x[1] - x[0], 0);
  return shared > Math.min(length(a), length(b)) / 2;
}

const insidePiece = (x: Span, content: Span[]) => content.some((c) => x[0] >= c[0] && x[1] <= c[1]);

/** Verbs and phrases of speech whose subject is a speaker: with a source, "X said" is a complete attribution clause. */
const SPEECH_CUE =
  /\b(?:said|says|say|saying|told|tells|tell|telling|added|adds|stated|states|announced|announces|reported|reports|according|quoted|quotes|wrote|writes|declared|declares|confirmed|confirms|explained|explains|noted|notes|warned|warns|insisted|insists|claimed|claims|argued|argues|replied|replies|responded|stressed|acknowledged|admitted|denied|denies|tweeted|testified|predicted|revealed|disclosed|asserted|maintained|contended|conceded|recalled|remarked|commented|continued|urged)\b/i;

// A sentence end the source lost: a lower-case word, then a word that opens sentences (an article,
// a pronoun, a number word, a sentence adverb) with no stop between ("confronted Four people",
// "concern A new flu virus"). Not after a word that introduces a name or a clause: "said The
// Times", "of The Hague", "and A.", "type A".
const SENTENCE_OPENER =
  'The|A|An|This|These|Those|It|He|She|They|We|There|His|Her|Its|Their|Our|In|On|At|For|But|However|Meanwhile|Some|Many|Most|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Another|Such|When|While|If|Although|After|Before|Since|Earlier|Later|Last|Officials|Experts|Scientists|Doctors';
const GLUED = new RegExp(`(?<![\\p{L}\\p{N}'’.-])(\\p{Ll}[\\p{Ll}'’-]*\\p{Ll})\\s+(?=(?:${SENTENCE_OPENER})\\s+\\p{Ll})`, 'gu');
// (after a closing quotation mark any capitalised word may open the next sentence: "… to “put a stop
// to this thing” Mud will continue to be pumped …", unless a verb of speech follows it: "” Obama said")
const GLUED_AFTER_QUOTATION = /(?<=[^\s]\s?[”"])\s+(?=\p{Lu}\p{Ll}+\s+(?!said\b|says\b|told\b|added\b|wrote\b|writes\b|explained\b|asked\b|replied\b)\p{Ll})/gu;
const NOT_BEFORE_OPENER = new Set([
  'the', 'a', 'an', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'and', 'or', 'but', 'nor', 'that', 'than', 'as',
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'wrote', 'writes', 'reported', 'reports', 'according', 'called',
  'named', 'type', 'types', 'vitamin', 'hepatitis', 'grade', 'class', 'group', 'category', 'plan', 'option', 'phase', 'part',
  'section', 'article', 'chapter', 'page', 'division', 'series', 'tier', 'level', 'about', 'into', 'onto', 'over', 'under',
  'after', 'before', 'between', 'against', 'via', 'like', 'unlike', 'whether', 'if', 'when', 'while', 'where', 'which', 'who',
]);

/** Where sentences start inside a span without a stop before them (the text's offsets of their first words). */
export function gluedSentenceStarts(text: string, span: Span): number[] {
  const out: number[] = [];
  const piece = text.slice(span[0], span[1]);
  GLUED.lastIndex = 0;
  for (let m = GLUED.exec(piece); m; m = GLUED.exec(piece)) {
    if (NOT_BEFORE_OPENER.has(m[1]!)) continue;
    out.push(span[0] + m.index + m[0].length);
  }
  GLUED_AFTER_QUOTATION.lastIndex = 0;
  // straight quotation marks before the match, counted as the matches go (not again from the start)
  let straight = 0;
  let counted = 0;
  for (let m = GLUED_AFTER_QUOTATION.exec(piece); m; m = GLUED_AFTER_QUOTATION.exec(piece)) {
    for (let i = piece.indexOf('"', counted); i >= 0 && i < m.index; i = piece.indexOf('"', i + 1)) straight++;
    counted = m.index;
    // (only a closing mark: the quotation opened inside the span)
    const opened = piece.lastIndexOf('“', m.index);
    if (piece[m.index - 1] === '”' ? opened < 0 : straight % 2 !== 0) continue;
    out.push(span[0] + m.index + m[0].length);
  }
  out.sort((a, b) => a - b);
  return out;
}

/**
 * Cuts a content at the sentence ends the source lost, keeping the sentence next to the cue: a cue
 * after the content keeps what follows the last lost end, a cue before it what precedes the first.
 */
function cutAtGluedSentences(text: string, a: RawAttribution): boolean {
  if (!a.cue) return false;
  const whole = extent(a.content);
  const starts = gluedSentenceStarts(text, whole);
  if (!starts.length) return false;
  let keep: Span;
  if (a.cue[0] >= whole[1]) keep = [starts[starts.length - 1]!, whole[1]];
  else if (a.cue[1] <= whole[0]) keep = [whole[0], trimEnd(text, starts[0]!)];
  else return false;
  const content = a.content.map((c): Span => [Math.max(c[0], keep[0]), Math.min(c[1], keep[1])]).filter((c) => c[1] - c[0] > 0);
  if (!content.length || words(text, extent(content)) < 3) return false;
  a.content = content;
  return true;
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

function words(text: string, span: Span): number {
  return text.slice(span[0], span[1]).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function isSpeechClause(text: string, a: RawAttribution): boolean {
  return a.source !== null && a.cue !== null && SPEECH_CUE.test(text.slice(a.cue[0], a.cue[1]));
}

/** How strongly an attribution claims the words: a verb of speech, then a source. */
function strength(text: string, a: RawAttribution): number {
  return (a.cue && SPEECH_CUE.test(text.slice(a.cue[0], a.cue[1])) ? 2 : 0) + (a.source ? 1 : 0);
}

function gapToContent(a: RawAttribution): number {
  if (!a.cue) return Infinity;
  const c = extent(a.content);
  return a.cue[0] >= c[1] ? a.cue[0] - c[1] : a.cue[1] <= c[0] ? c[0] - a.cue[1] : 0;
}

/**
 * The outer attribution's content without a complete attribution clause nested in it: what lies
 * on the outer cue's side of the inner attribution, or null when too little is left.
 */
function withoutNestedClause(text: string, outer: RawAttribution, inner: RawAttribution): Span[] | null {
  const whole = extent(outer.content);
  const innerAll = extent([...inner.content, ...(inner.source ? [inner.source] : []), ...(inner.cue ? [inner.cue] : [])]);
  let keep: Span;
  if (outer.cue![0] >= whole[1]) keep = [innerAll[1], whole[1]];
  else if (outer.cue![1] <= whole[0]) keep = [whole[0], innerAll[0]];
  else return null;
  const content = outer.content.map((c): Span => [Math.max(c[0], keep[0]), Math.min(c[1], keep[1])]).filter((c) => c[1] - c[0] > 0);
  const trimmed = content.map((c) => trimPunctuation(text, c)).filter((c): c is Span => c !== null);
  if (!trimmed.length || words(text, extent(trimmed)) < 4) return null;
  return trimmed;
}

function trimPunctuation(text: string, span: Span): Span | null {
  let [s, e] = span;
  while (s < e && /[\s\p{P}]/u.test(text[s]!)) s++;
  while (e > s && /[\s\p{P}]/u.test(text[e - 1]!)) e--;
  return e > s ? [s, e] : null;
}

/**
 * "It's a balance between … with this all-important time for boys The school's bursar, Andrew Wynn,
 * told the BBC News website the decision to keep the school closed had … been taken by the HPA": a
 * content that swallowed its own attribution across a sentence end the source lost starts after
 * the cue (or ends before the attribution when nothing follows the cue), and the source starts at
 * that sentence.
 */
export function withoutOwnAttribution(text: string, a: RawAttribution): void {
  if (!a.cue) return;
  // a source that runs over a lost sentence end ("this all-important time for boys The school's
  // bursar, Andrew Wynn"): the attribution starts at that sentence, and so does what it reports
  const inSource = a.source ? gluedSentenceStarts(text, a.source).filter((g) => g > a.source![0]) : [];
  if (inSource.length) {
    const g = inSource[inSource.length - 1]!;
    const content = a.content.filter((c) => c[1] > g).map((c): Span => [Math.max(c[0], g), c[1]]);
    if (!content.length) return;
    a.source = [g, a.source![1]];
    a.content = content;
    return;
  }
  if (a.content.length !== 1) return;
  const piece = a.content[0]!;
  const head = Math.min(a.cue[0], a.source?.[0] ?? a.cue[0]);
  if (head <= piece[0] || a.cue[1] >= piece[1]) return;
  const starts = gluedSentenceStarts(text, [piece[0], head + 1]).filter((g) => g <= head);
  if (!starts.length) return;
  const g = starts[starts.length - 1]!;
  const after = trimPunctuation(text, [a.cue[1], piece[1]]);
  const before = trimPunctuation(text, [piece[0], g]);
  if (after && words(text, after) >= 3 && (!a.source || a.source[1] <= a.cue[0])) a.content = [after];
  else if (before && words(text, before) >= 3) a.content = [before];
  else return;
  if (a.source && a.source[0] < g && a.source[1] > g) a.source = [g, a.source[1]];
}

// "“… those morons don't know what they're doing,” Cameron told the All Things Digital technology
// conference, according to Reuters": a quotation closed by a named speaker and a verb of speech
// inside another attribution's content is that speaker's (the tagger saw only the outer cue)
const NAMED_CLAUSE_AFTER_CLOSE = /[,!?]\s?[”"]\s+((?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’.-]*)\s+(said|says|told|tells|added|adds|wrote|writes|explained|insisted|replied)\b/u;

/**
 * The attribution a content swallowed after a quotation it holds (see NAMED_CLAUSE_AFTER_CLOSE), or
 * null. The outer attribution keeps nothing of those words: it is dropped by the caller.
 */
export function swallowedAttribution(text: string, a: RawAttribution): RawAttribution | null {
  if (!a.cue || a.content.length !== 1) return null;
  const piece = a.content[0]!;
  const inner = text.slice(piece[0], piece[1] + 1);
  const m = NAMED_CLAUSE_AFTER_CLOSE.exec(inner);
  if (!m) return null;
  const sourceStart = piece[0] + m.index + m[0].indexOf(m[1]!, 2);
  const source: Span = [sourceStart, sourceStart + m[1]!.length];
  if (a.source && a.source[0] < source[1] && a.source[1] > source[0]) return null;
  // the quotation: from its opening mark (or the content's start) to its closing mark
  const close = piece[0] + m.index + 1;
  const open = text.lastIndexOf('“', close);
  const start = open >= piece[0] ? open + 1 : piece[0];
  const quote = trimPunctuation(text, [start, close]);
  if (!quote || words(text, quote) < 3) return null;
  const cueStart = sourceStart + m[1]!.length + m[0].slice(m[0].indexOf(m[1]!, 2) + m[1]!.length).indexOf(m[2]!);
  return { content: [quote], source, cue: [cueStart, cueStart + m[2]!.length], direct: true, paragraph: a.paragraph, nested: false };
}

/**
 * For each attribution of a paragraph, the later ones (by index, ascending) whose contents' extents
 * overlap its own: the only pairs that can share words, since resolving a pair only ever shortens a
 * content. One sweep over the extents by start, so a paragraph of thousands of attributions costs
 * what its overlapping pairs cost, not every pair.
 */
function overlappingLater(list: RawAttribution[]): number[][] {
  const extents = list.map((a) => extent(a.content));
  const byStart = list.map((_, i) => i).sort((x, y) => extents[x]![0] - extents[y]![0] || x - y);
  const partners: number[][] = list.map(() => []);
  for (let p = 0; p < byStart.length; p++) {
    const i = byStart[p]!;
    const end = extents[i]![1];
    for (let q = p + 1; q < byStart.length && extents[byStart[q]!]![0] < end; q++) {
      const j = byStart[q]!;
      partners[Math.min(i, j)]!.push(Math.max(i, j));
    }
  }
  for (const later of partners) later.sort((x, y) => x - y);
  return partners;
}

/**
 * Resolves attributions that credit the same words twice (see the module comment); returns the
 * attributions kept, in their order. Attributions that report no statement (isSilent) are left
 * as they are: they yield no quote.
 */
export function resolveOverlaps(text: string, atts: RawAttribution[]): RawAttribution[] {
  const dropped = new Set<RawAttribution>();
  const byParagraph = new Map<number, RawAttribution[]>();
  for (const a of atts) {
    if (isSilent(a) || !a.cue || a.content.length === 0) continue;
    const list = byParagraph.get(a.paragraph);
    if (list) list.push(a);
    else byParagraph.set(a.paragraph, [a]);
  }
  for (const list of byParagraph.values()) {
    if (list.length < 2) continue;
    const partners = overlappingLater(list);
    for (let i = 0; i < list.length; i++) {
      for (const j of partners[i]!) {
        const a = list[i]!;
        const b = list[j]!;
        if (dropped.has(a)) break;
        if (dropped.has(b)) continue;
        if (!sharesMoreThanHalf(a.content, b.content)) continue;
        const cutA = cutAtGluedSentences(text, a);
        const cutB = cutAtGluedSentences(text, b);
        if ((cutA || cutB) && !sharesMoreThanHalf(a.content, b.content)) continue;
        const bInA = insidePiece(b.cue!, a.content);
        const aInB = insidePiece(a.cue!, b.content);
        if (bInA !== aInB) {
          const outer = bInA ? a : b;
          const inner = bInA ? b : a;
          // (a nested clause of speech wins over an outer attribution naming nobody: "…, which reportedly include …")
          if (!isSpeechClause(text, inner) || (!inner.direct && outer.source !== null)) {
            dropped.add(inner);
            continue;
          }
          const rest = withoutNestedClause(text, outer, inner);
          if (rest) outer.content = rest;
          else dropped.add(outer);
          continue;
        }
        // the same words under two cues: keep the stronger claim, then the nearer cue
        const sa = strength(text, a);
        const sb = strength(text, b);
        const weaker = sa !== sb ? (sa < sb ? a : b) : gapToContent(a) <= gapToContent(b) ? b : a;
        dropped.add(weaker);
      }
    }
  }
  return dropped.size ? atts.filter((a) => !dropped.has(a)) : atts;
}
