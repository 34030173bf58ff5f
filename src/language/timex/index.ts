// Temporal expressions: recognition and TIMEX3 normalisation against the document creation time.
//
// Rules (rules.ts) propose spans; here they are resolved in document order so that each expression
// can use the tense of its clause and the reference time the text has set so far ("On March 3 …
// the day before" → March 2).
import type { DateRange, IsoDate, Sentence, Timex } from '../../types.js';
import { fmtDay, fromEpochDay, parseIsoDate, toEpochDay } from './calendar.js';
import { recognise, type Candidate, type Ctx, type Ref } from './rules.js';
import { tenseAt, type Tense } from './tense.js';

export interface TimexOptions {
  /** Document creation time (publication date); relative expressions resolve against it. */
  dct: IsoDate | null;
  /**
   * When the publication date is not known but bounded (an inferred range), an expression gets a
   * calendar value only where every date of the range gives it the same one ("On December 7" in
   * an article from 17 December–9 January); the others ("on Tuesday") stay as without a DCT.
   */
  dctRange?: DateRange | null;
  sentences?: Sentence[];
}

const SENTENCE_END = /[.!?]["'”’)]*\s+(?=["'“‘(]?[A-Z0-9])|\n\s*\n/g;

/** Sentence bounds [start, end) without relying on the caller's segmentation. */
function sentenceBounds(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SENTENCE_END.exec(text))) {
    const end = m.index + m[0].length;
    // abbreviations: "p.m. Friday", "Sept. 30", "Mr. Smith" do not end a sentence
    const prev = text.slice(Math.max(start, m.index - 5), m.index + 1);
    if (/\b(?:[A-Z][a-z]{0,3}|[a-z]\.[a-z]|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|No|St|Mr|Mrs|Ms|Dr|U\.S)\.$/.test(prev)) continue;
    out.push([start, end]);
    start = end;
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

/**
 * The day of a report: "said Tuesday he will go", "told reporters on Wednesday that …", "said in a
 * statement Thursday". An expression right after a past verb of saying (a few words of object or
 * setting in between, but no verb of the reported clause) dates the saying, so it looks back.
 */
const REPORT_BEFORE = /\b(?:said|told|announced|reported|added|stated|declared|confirmed|denied|warned|urged|insisted|acknowledged|conceded|wrote|noted|explained|argued|claimed|disclosed|revealed|indicated|predicted|promised|pledged|vowed|estimated|forecast)((?:\s+(?!(?:that|will|would|shall|to|be|is|are|was|were|has|have|had|it|he|she|they|we|i|you)\b)[\w.'’-]+){0,4}?)\s+(?:on\s+|late\s+|early\s+|earlier\s+|later\s+)?$/i;

/**
 * A fronted adverbial dating the report itself: "On Tuesday, the company said it would …",
 * "During his speech on Wednesday in Arizona, Mr. Trump said …". The verb of saying governs it.
 */
const REPORT_AFTER = /^(?:\s+(?:in|at)\s+[A-Z][\w.'’-]*(?:,?\s+[A-Z][\w.'’-]*){0,2})?\s*,\s+(?:(?:the|a|an|his|her|its|their)\s+)?(?:[A-Z][\w.'’-]*\s+|[a-z]+\s+(?=[A-Z])){0,4}(?:[a-z]+\s+){0,1}(?:said|told|announced|reported|stated|declared|confirmed|denied|warned|urged|insisted|acknowledged|wrote|noted|argued|claimed|disclosed|revealed)\b/;

/**
 * "Protesters kept going until 2 a.m. Friday", "The rally lasted until 11 p.m. Saturday": the clause
 * that "until" ends is past (a past verb, no auxiliary of the future or a plan), so its end is too.
 */
function pastClauseBefore(lead: string): boolean {
  const clause = lead.replace(/\b(?:until|till|through)\s+$/i, '').split(/[,;:.!?]/).pop() ?? '';
  if (/\b(?:will|['’]ll|shall|would|going to|to|is|are|am|has|have|be)\b/i.test(clause)) return false;
  return clause.split(/\s+/).some((w, i, ws) => PAST_VERB.test(w) || (/^[a-z]{3,}ed$/.test(w) && !/^(?:need|feed|seed|speed|proceed|exceed|succeed|hundred|indeed|breed)$/.test(w) && !/^(?:be|been|being|was|were|a|an|the)$/i.test(ws[i - 1] ?? '')));
}
const PAST_VERB = /^(?:was|were|kept|stayed|remained|lasted|went|ran|held|continued|worked|waited|stood|sat|lingered|met|fought|talked|danced|marched|camped|protested)$/i;

/** A deadline set, granted or put off, up to its "until": "extended its deadline until", "gave them until". */
const DEADLINE_UNTIL = /\b(?:deadlines?|ultimatum|extend(?:s|ed|ing)?|extension|gave|give[sn]?|giving|grant(?:s|ed|ing)?|postpone[sd]?|postponing|delay(?:s|ed|ing)?|adjourn(?:s|ed|ing)?|defer(?:s|red|ring)?|push(?:es|ed|ing)\s+back|put\s+off)\b[^.;!?]{0,50}?\b(?:until|till)\s+$/i;

/** "until March", "through January" look forward; "since March" looks back. */
function prepositionTense(text: string, start: number, end: number, sentence: string): Tense | null {
  const before = text.slice(Math.max(0, start - 14), start);
  // "Until Thursday, they had not called him a suspect", "Until Monday's announcement, both
  // stocks were trading …": a past clause looks back
  if (/\b(until|till|through)\s+$/i.test(before)) {
    if (/\b(?:had|hadn't)\b/i.test(sentence)) return 'past';
    // "INS extended its deadline until 9 a.m. EST Tuesday", "gave the family until Friday": the end
    // of a period granted or put off lies after the act, ahead even in a past clause
    if (DEADLINE_UNTIL.test(text.slice(Math.max(0, start - 80), start))) return 'future';
    if (pastClauseBefore(text.slice(Math.max(0, start - 80), start))) return 'past';
    return /^[^.;]{0,40}?(?:,\s+)?(?:[\w'’-]+\s+){0,4}(?:was|were)\s+\w+ing\b/i.test(text.slice(end, end + 90)) ? 'past' : 'future';
  }
  if (REPORT_AFTER.test(text.slice(end, end + 90)) && /^(?:On|During|At|In|Late|Early|Earlier|Later)\b/.test(sentence.trimStart())) return 'past';
  if (/\bas (?:soon|early) as\s+$/i.test(before)) return 'future';
  // "ahead of the state's contest on Saturday": an event still to come — from the clause's time,
  // which in a past clause may itself lie days back ("Ahead of Friday's meeting, France and Germany
  // unveiled a proposal", said on Sunday): then the nearer one
  if (/\bahead of\s+(?:[\w'’-]+\s+){0,4}(?:on\s+)?$/i.test(text.slice(Math.max(0, start - 60), start))) {
    return tenseAt(sentence, Math.max(0, sentence.indexOf(text.slice(start, end)))) === 'past' ? 'present' : 'future';
  }
  if (/\bsince\s+$/i.test(before)) return 'past';
  const lead = text.slice(Math.max(0, start - 60), start);
  const report = REPORT_BEFORE.exec(lead);
  // "the results will be announced on Saturday": a report still to come
  if (report && !/\b(?:(?:will|['’]ll|shall)|(?:is|are|expected|due|set|scheduled)\s+to)\s+(?:be\s+)?$/i.test(lead.slice(0, report.index))) return 'past';
  return null;
}

/**
 * Whether the expression at [start, end) dates an event the text tells as past ("was killed on Oct.
 * 23"), not one it looks ahead to ("to prevent a repeat of the April 20 blast" after "would") or the
 * start of a stretch up to now ("has lost £44bn since 20 April").
 */
function toldAsPast(text: string, start: number, end: number, [ss, se]: [number, number]): boolean {
  if (/\bsince\s+$/i.test(text.slice(Math.max(0, start - 8), start))) return false;
  const sentence = text.slice(ss, Math.max(se, end));
  return (prepositionTense(text, start, end, sentence) ?? tenseAt(sentence, start - ss)) === 'past';
}

export function findTimexes(text: string, options: TimexOptions): Timex[] {
  // the candidates and sentences depend on the text only: found once, resolved once per date
  const candidates = recognise(text);
  if (candidates.length === 0) return [];
  const bounds: Array<[number, number]> = options.sentences?.length
    ? options.sentences.map((s) => [s.start, s.end])
    : sentenceBounds(text);
  const from = parseIsoDate(options.dctRange?.from);
  const to = parseIsoDate(options.dctRange?.to);
  if (options.dct || !from || !to) return resolveAll(text, options.dct, candidates, bounds);
  const [a, b] = [toEpochDay(from), toEpochDay(to)];
  const ends = [...new Set([a, Math.round((a + b) / 2), b])].map((n) => resolveAll(text, fmtDay(fromEpochDay(n)), candidates, bounds));
  const undated = new Map(resolveAll(text, null, candidates, bounds).map((t) => [`${t.start}:${t.end}`, t]));
  const key = (t: Timex): string => `${t.start}:${t.end}:${t.type}:${t.value}:${t.mod ?? ''}`;
  const agreed = ends.slice(1).map((run) => new Set(run.map(key)));
  return ends[0]!.flatMap((t) => {
    if (agreed.every((run) => run.has(key(t)))) return [t];
    const fallback = undated.get(`${t.start}:${t.end}`);
    return fallback ? [fallback] : [];
  });
}

/** Resolve the candidates in document order against one document date (resolvers keep no state). */
function resolveAll(text: string, dctIso: IsoDate | null, candidates: Candidate[], bounds: Array<[number, number]>): Timex[] {
  const dct = parseIsoDate(dctIso);
  const out: Timex[] = [];
  let ref: Ref | null = null;
  let refStart = -1;
  let refEnd = -1;
  let refSentence: [number, number] = [0, 0];
  let lastQuarter: { y: number; q: number } | null = null;
  let si = 0;
  for (const c of candidates) {
    while (si < bounds.length - 1 && bounds[si]![1] <= c.start) si++;
    const [ss, se] = bounds[si] ?? [0, text.length];
    const sentence = text.slice(ss, Math.max(se, c.end));
    let tense: Tense | null = null;
    const ctx: Ctx = {
      dct,
      tense: () => (tense ??= prepositionTense(text, c.start, c.end, sentence) ?? tenseAt(sentence, c.start - ss)),
      ref,
      lastQuarter,
      sentence,
      sentenceStart: ss,
      refInSentence: ref !== null && refStart >= ss,
      refInPreviousSentence: ref !== null && refStart < ss && si > 0 && refStart >= bounds[si - 1]![0],
      refToldAsPast: () => toldAsPast(text, refStart, refEnd, refSentence),
    };
    const r = c.resolve(ctx);
    if (!r) continue;
    // "has lost £44bn since 20 April": the first day of a stretch up to now is not the day the text is
    // on ("… since 2005. That year Hurricane Katrina …" still refers back to the year)
    if (r.sets && !(r.sets.d !== undefined && /\bsince\s+$/i.test(text.slice(Math.max(0, c.start - 8), c.start)))) {
      ref = r.sets;
      refStart = c.start;
      refEnd = c.end;
      refSentence = [ss, se];
    }
    // the quarter a report is about has ended by the document date; a forecast ("into the fourth
    // quarter", "losses through the third quarter of 1990") does not become the reference for "the
    // year-ago period" or "the latest quarter"
    if (r.quarter && (!dct || r.quarter.y * 4 + r.quarter.q < dct.y * 4 + Math.ceil(dct.m / 3))) lastQuarter = r.quarter;
    out.push({
      start: c.start,
      end: c.end,
      text: text.slice(c.start, c.end),
      type: r.type,
      value: r.value,
      ...(r.mod ? { mod: r.mod } : {}),
      anchor: r.anchor,
    });
  }
  return out;
}
