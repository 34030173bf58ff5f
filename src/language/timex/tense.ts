// Tense of the clause around a temporal expression: enough to decide whether a bare "July" or
// "Friday" points back from the document date or forward from it.

export type Tense = 'past' | 'present' | 'future';

const FUTURE = /^(will|\w*'ll|shall|won't|wo|going|plans?|planned|planning|scheduled|expects?|expected|intends?|due|upcoming|next|would|to|until|till|by|tomorrow|effective|payable)$/i;
export const PAST = /^(was|were|had|did|came|went|took|made|gave|got|met|left|began|saw|held|won|lost|fell|rose|sold|bought|paid|struck|spoke|wrote|ran|put|found|brought|thought|became|ago|last|earlier|signed|killed|arrested|died|sued|tied|owed|fled|led|sent|spent|kept|heard|stood|fought|caught|sought|taught|knew|grew|drew|threw|flew|chose|sank|wasn't|weren't|didn't|hadn't|yesterday|since|previously)$/i;
/** "by" marks a deadline ahead only before a time ("by Friday", "by the end of"), not an agent ("by Ford"). */
const BY_TIME = /^\s+(?:(?:the\s+)?(?:spring|summer|autumn|fall|winter|weekend)\b(?!\s+(?!of\b|and\b|or\b)[a-z])|the\s+(?:end|middle|start|beginning|close|time)\b|next\b|then\b|early\b|mid|late\b|year|this\b|tomorrow\b|\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b)/;
/** A plan reported as past: "had been due to", "was scheduled to", "were expected to". */
const PAST_PLAN_BEFORE = /\b(?:was|were|had been|had)\s+(?:\w+\s+)?$/i;
/**
 * A plan reported as past: "had been due to expire Friday" lies behind; "was expected to wash ashore
 * on Friday" may lie either side of the report, so the nearer day is taken (tense 'present').
 */
function pastPlan(before: string): Tense {
  return /\bhad\b/i.test(before) ? 'past' : 'present';
}
/** Verbs of saying: the report is past, but the adverbial usually belongs to what is reported. */
const REPORTING = /^(said|says|told|added|stated|declared|noted|according)$/i;
const FUTURE_INFINITIVE = /^(is|are|set|due|scheduled|expected|planned|plans|plan|going|likely|about|supposed|ready|able|hopes?|wants?|agreed|decided|promised|vowed|poised|intends?|preparing|prepared|waiting|by)$/i;
const PRESENT = /^(is|are|am|isn't|aren't|has|have|says|continues?|remains?)$/i;
const WORD = /[A-Za-z'’]+/g;

/** "By <time>, <clause>": whether the clause after the comma is in the simple past (and not a plan). */
function pastMainClauseAfterBy(s: string): boolean {
  const comma = s.indexOf(',', 3);
  if (comma < 0 || comma > 60) return false;
  const clause = s.slice(comma + 1, comma + 100).split(/[;!?]/)[0]!;
  if (/\b(?:will|would|shall|['’]ll|expected|scheduled|due|set to|supposed|planned|plans?|going to|likely|should|must|could|may|might)\b/i.test(clause)) return false;
  for (const v of clause.match(/[A-Za-z'’]+/g) ?? []) {
    if (/^(?:is|are|has|have|says|will)$/i.test(v)) return false;
    if (PAST.test(v) || (v.length > 4 && /^[a-z].*ed$/.test(v))) return true;
  }
  return false;
}

/** Whether the clause that runs up to a "by" is in the simple past, with no plan, modal or infinitive. */
function simplePastBefore(lead: string): boolean {
  const clause = lead.split(/[,;:]/).pop()!;
  if (/\b(?:will|would|shall|['’]ll|to\s+(?!\d)[a-z]+|expected|scheduled|due|set|planned|plans?|going|hope[sd]?|hoping|aim(?:s|ed)?|want(?:s|ed)?|should|must|could|may|might|can|is|are|am|has|have|be|chances?|forecasts?|probability|odds|likel(?:y|ihood)|deadline|target|goal|ready|promised|pledged|vowed)\b/i.test(clause)) return false;
  const words = clause.match(/[A-Za-z'’]+/g) ?? [];
  return words.some((v, i) => (PAST.test(v) && !/^(?:ago|last|earlier|since|yesterday|previously)$/i.test(v)) || (v.length > 4 && /^[a-z].*ed$/.test(v) && !/^(?:a|an|the|be|been|being|was|were)$/i.test(words[i - 1] ?? '')));
}

/**
 * Tense near character `at` of `sentence`: the nearest verb-like marker wins, looking left first
 * (the verb governing an adverbial usually precedes it in English news prose), then right.
 */
export function tenseAt(sentence: string, at: number): Tense {
  if (sentence.length > 2 * TENSE_REACH) {
    const [from, to] = reachAround(sentence, at);
    return tenseAt(sentence.slice(from, to), at - from);
  }
  if (presentInTemporalClause(sentence, at)) return 'future';
  // "Tony Hayward - who is to leave the top job in October - accepted …": a relative clause set off
  // by commas or dashes has its own tense; the main clause's verb does not date what it tells
  const clause = relativeClauseAround(sentence, at);
  if (clause) {
    const own = tenseNear(sentence.slice(clause[0], clause[1]), at - clause[0], Infinity);
    if (own) return own;
  }
  return tenseNear(sentence, at, Infinity) ?? 'present';
}

/**
 * How far either side of an expression its tense is looked for. The nearest marker is within a few
 * words in any sentence news prints; one run-on "sentence" of a list or a scraped page (thousands of
 * dates, no stop) was read whole for each of its expressions (92 KB: 28 s).
 */
const TENSE_REACH = 1000;

/** The stretch of `sentence` within TENSE_REACH of `at`, cut at blanks (no word read from its middle). */
function reachAround(sentence: string, at: number): [number, number] {
  let from = Math.max(0, at - TENSE_REACH);
  let to = Math.min(sentence.length, at + TENSE_REACH);
  for (let k = 0; from > 0 && k < 40 && !/\s/.test(sentence[from - 1]!); k++) from++;
  for (let k = 0; to < sentence.length && k < 40 && !/\s/.test(sentence[to]!); k++) to--;
  return [from, to];
}

/** "when he leaves in October", "once it opens in May": a temporal clause's subject and its verb. */
const TEMPORAL_CLAUSE = /\b(?:when|once|after|before|until|till|as soon as)\s+(?:he|she|it|they|we|you|I|(?:[A-Z][a-z]+\s+){1,3}?)\s*([A-Za-z'’]+)\b([^,;:.!?]{0,60})$/;
/**
 * Whether `at` is in a temporal clause in the simple present ("… will get a pension when he leaves in
 * October"): English tells the future so there, whatever the tense of the main clause after it.
 */
function presentInTemporalClause(sentence: string, at: number): boolean {
  const m = TEMPORAL_CLAUSE.exec(sentence.slice(Math.max(0, at - 90), at));
  if (!m) return false;
  const verb = m[1]!;
  if (!/^(?:[a-z]+[^s']s|is|are|has|have|comes|goes|does)$/.test(verb) || /^(?:was|has been|his|its|this|thus|us|yes|less|unless|always|perhaps|whereas)$/.test(verb)) return false;
  // nothing past or modal between the verb and the expression
  return !(m[2]!.match(/[A-Za-z'’]+/g) ?? []).some((w) => PAST.test(w) || /^(?:would|could|might|should|had|did|been)$/i.test(w) || (w.length > 4 && /^[a-z].*ed$/.test(w)));
}

const RELATIVE_OPENER = /(?:,|\s[-–—]+)\s+(?:who|which|whose)\s[^,–—]*$/;
/** The span of a relative clause set off by commas or dashes that holds `at` ("…, who will leave in October, …"). */
function relativeClauseAround(sentence: string, at: number): [number, number] | null {
  const before = sentence.slice(Math.max(0, at - 160), at);
  const open = RELATIVE_OPENER.exec(before);
  if (!open) return null;
  const start = at - before.length + open.index;
  const rest = sentence.slice(at);
  const close = /,|\s[-–—]+\s/.exec(rest);
  // the clause must close before the sentence ends: an open one runs to the end and is the main clause's object
  if (!close) return null;
  return [start, at + close.index];
}

/** The tense of the nearest marker within `window` characters of `at`, or null when there is none. */
export function tenseNear(sentence: string, at: number, window: number): Tense | null {
  let best: { dist: number; tense: Tense } | null = null;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  let prev = '';
  let prevAt = 0;
  while ((m = WORD.exec(sentence))) {
    const w = m[0].replace(/’/g, "'");
    const before = prev;
    const beforeAt = prevAt;
    prev = w;
    prevAt = m.index;
    let t: Tense | null = null;
    let weight = 1;
    const lw = w.toLowerCase();
    if (REPORTING.test(w)) {
      t = 'past';
      weight = 4;
    } else if (FUTURE.test(w)) {
      // "BP's board was to meet on Monday": a plan told in the past, which may lie either side of
      // the report, so the nearer day (as "was expected to")
      if (lw === 'to' && /^(?:was|were)$/i.test(before) && /^\s+[a-z]{2,}\b/.test(sentence.slice(m.index + 2, m.index + 24))
        && !/^\s+(?:be|have)\b/.test(sentence.slice(m.index + 2, m.index + 8))) {
        const dist = Math.abs(m.index - at) * (m.index > at ? 1.5 : 1) * 1.3;
        if (Math.abs(m.index - at) <= window && (!best || dist < best.dist)) best = { dist, tense: 'present' };
        continue;
      }
      // "to" marks the future only after a plan word ("set to resume"); "would" and "by" are weak
      if (lw === 'to' && !FUTURE_INFINITIVE.test(before)) continue;
      // "revamped his plans for an important Monday appearance": the noun, not the verb
      if (/^plans?$/.test(lw) && /^(?:his|her|its|their|our|my|your|the|a|these|those|whose|of)$/i.test(before)) continue;
      if (lw === 'due' && /^\s+to\s+(?:the|a|an|his|her|its|their|this|that|these|those|[A-Z0-9])/.test(sentence.slice(m.index + 3, m.index + 20))) {
        prev = '';
        continue;
      }
      if (lw === 'by') {
        if (!BY_TIME.test(sentence.slice(m.index + 2, m.index + 40))) continue;
        // "had filed reports by Wednesday": a deadline in a past-perfect clause lies in the past
        // ("By Monday morning, the grim ritual had begun" too)
        if (/\bhad\s+(?:\w+\s+)?\w+(?:ed|en|wn)\b/i.test(sentence.slice(Math.max(0, m.index - 60), m.index))) continue;
        if (/^By\b/.test(w) && /\bhad\s+(?:\w+\s+)?(?:\w+(?:ed|en|wn)|begun|come|become|gone|run)\b/i.test(sentence.slice(m.index, m.index + 120))) continue;
        // "By 1 a.m., on April 20, the cement job was completed", "By 9 a.m. Sunday, the Rev. Al
        // Sharpton began taking calls": a main clause in the simple past puts the time in the past
        // (not a plan: "By Friday, the deal was expected to close"; not "By Friday, it will …")
        if (/^By\b/.test(w) && pastMainClauseAfterBy(sentence.slice(m.index, m.index + 160))) continue;
        // "The number of cases soared to 498 by the weekend": "by" ends a clause in the simple past
        // (not "was to enter the Gulf by the weekend", "hoped to have a vaccine ready by the autumn")
        if (simplePastBefore(sentence.slice(Math.max(0, m.index - 80), m.index))) continue;
      }
      if (lw === 'would' || lw === 'by' || lw === 'until' || lw === 'till') weight = 2.5;
      t = 'future';
      if (/^(due|scheduled|expected|planned|set|going)$/.test(lw) && PAST_PLAN_BEFORE.test(sentence.slice(Math.max(0, m.index - 24), m.index))) t = pastPlan(sentence.slice(Math.max(0, m.index - 24), m.index));
      // "had been due to expire": the infinitive carries the plan's (past) time
      if (lw === 'to' && PAST_PLAN_BEFORE.test(sentence.slice(Math.max(0, beforeAt - 24), beforeAt))) t = pastPlan(sentence.slice(Math.max(0, beforeAt - 24), beforeAt));
    } else if (PAST.test(w) || (w.length > 4 && /^[a-z].*ed$/.test(w) && !/^(need|feed|seed|speed|proceed|exceed|succeed|red|bed|shed|hundred|indeed|breed|greed|deed|weed|sacred|kindred)$/i.test(w))) {
      // a participle after "be" ("would be paid", "will be named") carries no tense of its own,
      // nor does one used as an adjective ("a still unspecified date", "the revised plan")
      if (/^(be|being|a|an|the|still|very|most|more|less|so|too|its|their|his|her|our|your|these|those|newly|recently|previously|long|well)$/i.test(before)) continue;
      if (/^un[a-z]+ed$/i.test(w)) continue;
      // "will be tested and monitored": the second participle of a passive has no tense either
      if (/^(?:and|or)$/i.test(before) && /\b(?:be|been|being|is|are|was|were)\s+[a-z]+(?:ed|en|wn)\s+(?:and|or)\s+$/i.test(sentence.slice(Math.max(0, m.index - 40), m.index))) continue;
      // ", crewed by volunteers": a passive participle clause after a comma has no tense of its own
      if (!PAST.test(w) && /,\s*$/.test(sentence.slice(Math.max(0, m.index - 4), m.index)) && /^\s+by\b/.test(sentence.slice(m.index + w.length, m.index + w.length + 5))) continue;
      // "were planning to drive … on Monday": the progressive of a plan looks ahead; let the plan word decide
      if (/^(was|were)$/i.test(w) && /^\s+(?:still\s+)?(?:planning|going\s+to)\b/i.test(sentence.slice(m.index + w.length, m.index + w.length + 24))) continue;
      t = 'past';
    }
    else if (PRESENT.test(w)) t = 'present';
    if (!t) continue;
    const pos = m.index;
    let dist = Math.abs(pos - at) * weight;
    if (pos > at) dist *= 1.5; // prefer markers to the left
    if (t === 'present') dist *= 1.3; // weak evidence
    if (Math.abs(pos - at) > window) continue;
    if (!best || dist < best.dist) best = { dist, tense: t };
  }
  return best?.tense ?? null;
}
