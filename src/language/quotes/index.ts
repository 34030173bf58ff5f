// Quotations and reported speech with their attribution (source, cue, canonical speaker).
//
// A trained tagger (see models/quotes.md) marks SOURCE / CUE / CONTENT spans paragraph by
// paragraph; each cue anchors one attribution, and contents are re-tagged for nested ones.
// Rules then drop photo captions and link furniture, classify states of mind ("believes",
// "hopes") as beliefs, and the speaker resolver turns each source into a canonical speaker.
import { readFileSync } from 'node:fs';
import type { DocEntity, EntityMention, Quote, Sentence, Span, Timex } from '../../types.js';
import { findAttributions, isSilent, type RawAttribution } from './decode.js';
import { quoteStates } from './features.js';
import { SpeakerResolver, type Speaker } from './speaker.js';
import { Model } from './tagger.js';
import { paragraphs, type Paragraph } from './tokens.js';
import { extent, resolveOverlaps, swallowedAttribution, withoutOwnAttribution } from './overlaps.js';
import { isSpeechWord } from './speech-words.js';
import { isReaderComment, READER_COMMENT_HEADER } from '../../text/furniture.js';

export interface QuoteContext {
  sentences: Sentence[];
  mentions: EntityMention[];
  entities: DocEntity[];
  /** Time expressions of the text, when known: a dated cue ("said on March 3") dates its quote. */
  timexes?: Timex[];
  /** The article's publication date, when known: no statement is dated after it. */
  dct?: string | null;
  /**
   * Also report paragraphs that continue a direct quote without an attribution of their own
   * (speaker carried over, source and cue null). Default true.
   */
  continuations?: boolean;
}

let cachedModel: Model | null = null;

/** The trained attribution tagger (models/quotes.model.gz), loaded once. */
export function quoteModel(): Model {
  if (!cachedModel) {
    const url = new URL(process.env.STORYLINE_QUOTES_MODEL ?? '../../../models/quotes.model.gz', import.meta.url);
    cachedModel = Model.deserialize(readFileSync(url));
  }
  return cachedModel;
}

/** The batch-tool view of raw attributions: one content range per attribution. */
export function toBatchQuotes(atts: RawAttribution[]): { content: Span; source: Span | null; cue: Span | null; direct: boolean }[] {
  return atts.filter((a) => !isSilent(a)).map((a) => ({ content: extent(a.content), source: a.source, cue: a.cue, direct: a.direct }));
}

// Photo captions and credits, and link furniture ("Also Read | …"): never quotes.
const CAPTION =
  /\((?:photos?|pictures?|images?|file)\b[^)]*\)|\b(?:photo(?:graph)?s?|images?|pictures?)\s*(?:by|:|credit|courtesy)|\b(?:file (?:photo|picture|image)|combination of (?:file )?pictures?)\b|\/\s*(?:AFP|Reuters|AP|Getty Images|EPA|Shutterstock|Xinhua|TASS|Sputnik)\s*\)?\s*$|^\((?:COMBO|FILES?)\)/i;
const FURNITURE = /^\s*(?:also read|read (?:more|also)|related|see also|watch|listen|recommended|more on this|click here|subscribe|sign up|share this|advertisement)\b\s*[:|–—-]?/i;


// "Follow Pam Key on Twitter @pamkeyNEN": the author's social links
const FOLLOW = /^\s*(?:["“]\s*)?follow\b[^.!?\n]{0,60}\bon\s+(?:twitter|facebook|instagram|x)\b/i;

export function isCaptionOrFurniture(paragraph: string): boolean {
  return CAPTION.test(paragraph) || FURNITURE.test(paragraph) || FOLLOW.test(paragraph) || isReaderComment(paragraph);
}

const BELIEF_CUES = new Set([
  'believe', 'believes', 'believed', 'believing', 'think', 'thinks', 'thought', 'thinking', 'hope', 'hopes', 'hoped',
  'hoping', 'feel', 'feels', 'felt', 'fear', 'fears', 'feared', 'expect', 'expects', 'expected', 'suspect',
  'suspects', 'suspected', 'doubt', 'doubts', 'doubted', 'worry', 'worries', 'worried', 'assume', 'assumes',
  'assumed', 'wish', 'wishes', 'wished', 'wonder', 'wonders', 'wondered', 'convinced', 'sure', 'confident',
  'consider', 'considers', 'considered', 'know', 'knows', 'knew', 'want', 'wants', 'wanted', 'trust', 'trusts',
  'imagine', 'imagines', 'suppose', 'supposes', 'understand', 'understands', 'hopeful', 'optimistic', 'skeptical',
]);

function kindOf(text: string, cue: Span | null): 'speech' | 'belief' {
  if (!cue) return 'speech';
  const words = text.slice(cue[0], cue[1]).toLowerCase().replace(/[’]/g, "'").split(/[^\p{L}']+/u).filter(Boolean);
  return words.some((w) => BELIEF_CUES.has(w)) && !words.some((w) => /^(?:said|says|say|told|tells|added|wrote|stated)$/.test(w)) ? 'belief' : 'speech';
}

/** Spans of text inside quotation marks, for every paragraph. */
function quotedSpans(paras: Paragraph[], text: string): Span[] {
  const out: Span[] = [];
  for (const p of paras) {
    const q = quoteStates(p.tokens, text);
    let open = -1;
    for (let i = 0; i < p.tokens.length; i++) {
      if (q[i] === 2 && open < 0) open = p.tokens[i]!.start;
      if (q[i] === 3 && open >= 0) {
        out.push([open, p.tokens[i]!.end]);
        open = -1;
      }
    }
    if (open >= 0) out.push([open, p.end]);
  }
  return out;
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A full date (YYYY-MM-DD) the text gives for the statement: a DATE timex next to the cue (`dates`: the text's full-date DATE timexes). */
function statementDate(text: string, cue: Span | null, source: Span | null, content: Span, dates: Timex[], dct: string | null): string | null {
  if (!cue || !dates.length) return null;
  const lo = Math.min(cue[0], source?.[0] ?? cue[0]);
  const hi = Math.max(cue[1], source?.[1] ?? cue[1]);
  for (const t of dates) {
    const near = t.start >= lo - 40 && t.end <= hi + 40;
    if (!near || (t.start >= content[0] && t.end <= content[1])) continue;
    // the date must be in the attribution's own sentence ("On December 24, Harris said …"), not the
    // neighbouring one, and a statement is not made after the article reporting it
    const between = t.end <= lo ? text.slice(t.end, lo) : t.start >= hi ? text.slice(hi, t.start) : '';
    if (/[.!?][\s"”’]|\n/.test(between)) continue;
    // a date before the attribution dates it from a short lead ("On December 24, Harris said"), not
    // from the end of a clause of its own ("The first case was seen around February 15, they wrote")
    if (t.end <= lo) {
      const lead = text.slice(Math.max(0, t.start - 120), t.start).split(/[.!?]["”’]?\s|\n/).pop() ?? '';
      if (lead.trim().split(/\s+/).filter((w) => /\p{L}/u.test(w)).length > 4) continue;
    }
    if (dct && t.value > dct) continue;
    return t.value;
  }
  return null;
}

// (two apostrophes for a quotation mark: ''…'', NYT archive text)
const OPENERS = /^(?:["“„«‘]|'')/;
/** What follows a closing quotation mark when it is an attribution naming someone: "…,” replies Boxer", "…,” said Mr Senner". */
const NAMED_AFTER_CLOSE = /^\s*(?:,\s*)?(?:\p{Ll}+\s+){1,2}(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?\p{Lu}\p{Ll}/u;
/**
 * Whether the LAST closing mark of a paragraph is followed by a naming attribution (only the last
 * one can be: no closing mark may follow the attribution). Tested on the text after that mark, as
 * one anchored match: a pattern searched from every mark backtracks quadratically on a long word
 * or a run of spaces after one.
 */
function namedAfterClose(body: string): boolean {
  const doubled = body.lastIndexOf("''");
  const close = Math.max(body.lastIndexOf('”'), body.lastIndexOf('"'), body.lastIndexOf('»'), doubled >= 0 ? doubled + 1 : -1);
  return close >= 0 && NAMED_AFTER_CLOSE.test(body.slice(close + 1));
}
const CLOSED_QUOTE = /(?:["”“»’]|'')[.!?]?$/;

/**
 * Paragraphs that are wholly a quotation with no attribution of their own. Next to a paragraph
 * with a direct attributed quote they are the same speaker's words (multi-paragraph quotes open
 * each paragraph with a quote mark; the attribution sits in the first or the last paragraph);
 * otherwise (`from` null) they are unattributed quotations.
 */
function continuations(text: string, paras: Paragraph[], usable: boolean[], atts: RawAttribution[]): { content: Span; from: RawAttribution | null }[] {
  const byParagraph = new Map<number, RawAttribution[]>();
  for (const a of atts) {
    const list = byParagraph.get(a.paragraph);
    if (list) list.push(a);
    else byParagraph.set(a.paragraph, [a]);
  }
  const out: { content: Span; from: RawAttribution | null }[] = [];
  const isOrphanQuote = (i: number) => {
    const p = paras[i];
    if (!p || !usable[i] || byParagraph.has(i)) return false;
    const body = text.slice(p.start, p.end).trim();
    // ("“They certainly are,” replies Boxer.": a quotation whose own attribution the tagger missed
    // names someone else, and is nobody's continuation)
    return OPENERS.test(body) && p.tokens.length >= 4 && !namedAfterClose(body);
  };
  const directOf = (i: number, last: boolean) => {
    const list = (byParagraph.get(i) ?? []).filter((a) => a.direct && a.source);
    return list.length ? list[last ? list.length - 1 : 0]! : null;
  };
  for (let i = 0; i < paras.length; i++) {
    if (!isOrphanQuote(i)) continue;
    const p = paras[i]!;
    const q = quoteStates(p.tokens, text);
    const unclosed = q.reduce((d, s) => (s === 2 ? d + 1 : s === 3 ? Math.max(0, d - 1) : d), 0) > 0;
    // walk back over a run of orphan quote paragraphs to the attributed one, or forward when open
    let j = i - 1;
    while (j >= 0 && isOrphanQuote(j)) j--;
    // a quotation left open runs on into the next paragraph, which closes it with its own
    // attribution (“It's heavy, heavy, heavy. ¶ It's much more than …,” said Sen. Charles E. Schumer)
    const next = unclosed && paras[i + 1] ? (byParagraph.get(i + 1) ?? []).find((a) => a.source && extent(a.content)[0] - paras[i + 1]!.tokens[0]!.start <= 2) ?? null : null;
    const continuedNext = next !== null && /^\s*[,.!?]?\s*[”"]/.test(text.slice(extent(next.content)[1], extent(next.content)[1] + 4));
    let from = continuedNext ? next : j >= 0 ? directOf(j, true) : null;
    if (!from && unclosed) {
      let k = i + 1;
      while (k < paras.length && isOrphanQuote(k)) k++;
      from = directOf(k, false);
    }
    const content: Span = [p.tokens[0]!.start, p.tokens[p.tokens.length - 1]!.end];
    if (from) out.push({ content, from });
    else if (!unclosed && CLOSED_QUOTE.test(text.slice(p.start, p.end).trim())) out.push({ content, from: null });
  }
  out.push(...runOnQuotations(text, paras, usable, byParagraph));
  return out;
}

/** How many quotations are still open at the end of a run of quote states. */
function openAtEnd(q: Uint8Array): number {
  let depth = 0;
  for (const s of q) depth = s === 2 ? depth + 1 : s === 3 ? Math.max(0, depth - 1) : depth;
  return depth;
}

/**
 * A direct quote left open at the end of its paragraph runs on, in text set a sentence a line,
 * through the next paragraphs with no quotation mark of their own until one closes it (“Without
 * question, pregnant women are at increased risk of complications. ¶ This heightened risk takes on
 * added importance … younger age groups.”). Nothing is reported when no closing mark comes within
 * a few paragraphs: the quotation was then only left unclosed.
 */
function runOnQuotations(text: string, paras: Paragraph[], usable: boolean[], byParagraph: Map<number, RawAttribution[]>): { content: Span; from: RawAttribution }[] {
  const out: { content: Span; from: RawAttribution }[] = [];
  for (const [j, list] of byParagraph) {
    const p = paras[j]!;
    const direct = list.filter((a) => a.direct && a.source);
    const from = direct[direct.length - 1];
    if (!from || openAtEnd(quoteStates(p.tokens, text)) === 0) continue;
    // the quotation left open is this attribution's: its content runs to the paragraph's end
    const last = p.tokens[p.tokens.length - 1]!;
    if (extent(from.content)[1] < last.start - 2) continue;
    const run: Span[] = [];
    for (let k = j + 1; k < Math.min(paras.length, j + 6); k++) {
      const next = paras[k]!;
      if (!usable[k] || byParagraph.has(k) || next.tokens.length === 0 || OPENERS.test(text.slice(next.start, next.end).trim())) break;
      const q = quoteStates(next.tokens, text);
      const first = q.findIndex((s) => s !== 0 && s !== 1);
      if (first >= 0 && q[first] === 2) break;
      if (first < 0) {
        run.push([next.tokens[0]!.start, next.tokens[next.tokens.length - 1]!.end]);
        continue;
      }
      if (first > 0) run.push([next.tokens[0]!.start, next.tokens[first - 1]!.end]);
      for (const content of run) out.push({ content, from });
      break;
    }
  }
  return out;
}

// Headline and transcript form "Peskov: contacts can resume" / "PENCE: Well, look, …".
// (a transcript quoted paragraph by paragraph opens each turn with a quotation mark: "WALLACE: …)
const HEADLINE = /^(["“]?)((?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’-]*)\s*(:)\s+(\S.*)$/u;
const NOT_SPEAKERS =
  /^(?:update|updated|watch|read|photo|photos|video|editor|note|source|sources|related|breaking|exclusive|opinion|analysis|live|listen|see|also|more|q|a|question|answer|warning|disclaimer|advertisement|image|credit|caption|by|tags?|topics?|share|subscribe)$/i;
const ALL_CAPS = /^[\p{Lu}'’.-]+$/u;

/**
 * Who may speak in the "Name: words" form. A label ("Phone:", "Licence:", "Strict Standards:",
 * "The Latest:") has the same shape as a speaker, so the name must be a person: a PER mention, a
 * person entity's name or surname, or an ALL-CAPS transcript name ("PENCE:") that is a person's
 * surname or one of several speakers taking turns.
 */
class ColonSpeakers {
  private readonly personWords = new Set<string>();
  private readonly transcript: boolean;

  constructor(
    text: string,
    paras: Paragraph[],
    private readonly mentions: EntityMention[],
    entities: DocEntity[],
  ) {
    for (const e of entities) {
      if (e.type !== 'person') continue;
      for (const n of [e.name, ...e.aliases]) {
        this.personWords.add(n.toLowerCase());
        this.personWords.add(n.split(/\s+/).pop()!.toLowerCase());
      }
    }
    // a transcript: paragraphs opening with ALL-CAPS names, at least two names, three turns
    const turns = new Map<string, number>();
    for (const p of paras) {
      const m = HEADLINE.exec(text.slice(p.start, p.end));
      if (m && ALL_CAPS.test(m[2]!.replace(/\s+/g, '')) && /\p{Lu}{2}/u.test(m[2]!) && !NOT_SPEAKERS.test(m[2]!)) turns.set(m[2]!, (turns.get(m[2]!) ?? 0) + 1);
    }
    this.transcript = turns.size >= 2 && [...turns.values()].reduce((a, b) => a + b, 0) >= 3;
  }

  isPerson(name: string, start: number): boolean {
    const end = start + name.length;
    if (this.mentions.some((m) => m.label === 'PER' && m.start < end && m.end > start && m.end >= end - 1)) return true;
    const lower = name.toLowerCase();
    if (this.personWords.has(lower)) return true;
    if (ALL_CAPS.test(name.replace(/\s+/g, '')) && /\p{Lu}{2}/u.test(name)) {
      return this.transcript || this.personWords.has(lower.split(/\s+/).pop()!);
    }
    return false;
  }
}

const QUOTE_CLOSER: Record<string, string> = { '“': '[”“]', '‘': '[’\']', '`': '[\'’]', '«': '»', '"': '"' };

function headlineAttribution(text: string, p: Paragraph, index: number, speakers: ColonSpeakers): RawAttribution | null {
  const body = text.slice(p.start, p.end);
  const m = HEADLINE.exec(body);
  if (!m || p.tokens.length > 60) return null;
  const opener = m[1]!;
  const name = m[2]!;
  const nameStart = p.start + opener.length;
  if (name.split(/\s+/).some((w) => NOT_SPEAKERS.test(w.replace(/[’'.]/g, '')))) return null;
  if (!speakers.isPerson(name, nameStart)) return null;
  const colon = nameStart + name.length + body.slice(opener.length + name.length).indexOf(':');
  const contentStart = p.start + m[0].length - m[4]!.length;
  // "Nicola Sturgeon: `The patients … further tests' Two people have been admitted …": a headline
  // quotation ends at its closing mark, the report after it is not hers
  const closing = QUOTE_CLOSER[m[4]![0]!];
  // (a single quotation mark doubles as an apostrophe: "the workers’ families" closes nothing, so
  // it closes only before a capital, as the next sentence starts)
  const next = closing?.includes('’') ? '(?=\\s+\\p{Lu})' : '(?=\\s+\\S)';
  const closed = closing ? new RegExp(`[^\\s]\\s?${closing}${next}`, 'u').exec(m[4]!.slice(1)) : null;
  const end = closed ? contentStart + 1 + closed.index + closed[0].length : p.end;
  const content = trimSpan(text, [contentStart, end]);
  if (!content) return null;
  return { content: [content], source: [nameStart, nameStart + name.length], cue: [colon, colon + 1], direct: opener !== '' || OPENERS.test(m[4]!) || m[4]![0] === '`', paragraph: index, nested: false };
}

// "“John, you like to pretend like the war started in 2007,” the senator from Illinois shot back.":
// a quotation closed by a speaker and a verb the tagger missed is that speaker's, not a
// continuation of the quotation before it
const CLOSED_THEN_ATTRIBUTION = new RegExp(
  '^\\s*((?:(?:the|a|an|his|her|their|its|one|another)\\s+[\\p{L}\'’.-]+(?:\\s+[\\p{L}\'’.,-]+){0,7}?)|(?:(?:\\p{Lu}[\\p{L}\'’.-]*\\s+){0,3}\\p{Lu}[\\p{L}\'’.-]*))' +
    '\\s+((?:said|says|told|wrote|writes|shot|fired|hit|snapped|spoke|\\p{Ll}{2,}ed|\\p{Ll}{2,}s)(?:\\s+(?:back|out|again))?)\\s*[.!]?$',
  'u',
);

function attributionAfterClose(text: string, p: Paragraph, index: number): RawAttribution | null {
  const body = text.slice(p.start, p.end);
  if (!OPENERS.test(body.trimStart())) return null;
  const close = Math.max(body.lastIndexOf('”'), body.lastIndexOf('"'), body.lastIndexOf('»'));
  if (close <= 0 || !/[,!?]\s*$/.test(body.slice(0, close))) return null;
  // (trimmed first: a run of spaces before the end must not be split between two \s*)
  const m = CLOSED_THEN_ATTRIBUTION.exec(body.slice(close + 1).trimEnd());
  if (!m) return null;
  const base = p.start + close + 1;
  const sourceStart = base + m.index + m[0].indexOf(m[1]!);
  const cueStart = sourceStart + m[0].slice(m[0].indexOf(m[1]!) + m[1]!.length).indexOf(m[2]!) + m[1]!.length;
  const content = trimSpan(text, [p.start + body.length - body.trimStart().length, p.start + close]);
  if (!content || text.slice(content[0], content[1]).split(/\s+/).length < 3) return null;
  return { content: [content], source: [sourceStart, sourceStart + m[1]!.length], cue: [cueStart, cueStart + m[2]!.length], direct: true, paragraph: index, nested: false };
}

const EDGE = /[\s\p{P}`´]/u;

/** A span without whitespace or punctuation at its ends (null when nothing is left). */
function trimSpan(text: string, span: Span): Span | null {
  let [s, e] = span;
  while (s < e && EDGE.test(text[s]!)) s++;
  while (e > s && EDGE.test(text[e - 1]!)) e--;
  return e > s ? [s, e] : null;
}

/** Content without quotation marks or punctuation at its ends, nor a dangling "and"/"but". */
/** Verbs of telling someone: what follows the cue starts with the addressee ("told [reporters Tuesday] that …"). */
const TELLING_CUE = /^(?:told|tells?|telling|assured|assures?|warned|warns?|informed|informs?|reminded|reminds?|promised|promises?|urged|urges?|asked|asks?|advised|advises?)$/i;
/** The addressee and the words before the reported clause: up to ten words with no quotation mark. */
const ADDRESSEE = /^(?:[^\s“”"]+\s+){1,10}?(?=(?:that|not to)\s)|^[^“”"]{1,80}?,?\s+(?=[“"])/;

function cleanContent(text: string, span: Span, cue?: Span | null): Span {
  let out = trimSpan(text, span) ?? span;
  // "told TASS that the conversation …": the addressee is not part of what was said
  if (cue && cue[1] <= out[0] && TELLING_CUE.test(text.slice(cue[0], cue[1]).trim()) && !text.slice(cue[1], out[0]).trim()) {
    const addressee = ADDRESSEE.exec(text.slice(out[0], out[1]));
    if (addressee && !/[.!?;]/.test(addressee[0])) out = trimSpan(text, [out[0] + addressee[0].length, out[1]]) ?? out;
  }
  // "Peskov said TASS that the conversation …": a name between a verb of saying and "that" is whom it was said to
  if (cue && cue[1] <= out[0] && /^(?:said|says|say)$/i.test(text.slice(cue[0], cue[1]).trim().split(/\s+/).pop() ?? '')) {
    const addressee = /^(?:\p{Lu}[\p{L}.'’-]*\s+){1,3}(?=that\s+(?:the|a|an|he|she|it|they|we|i|you|this|these|those|there|his|her|its|their|our|\p{Lu})\b)/u.exec(text.slice(out[0], Math.min(out[1], out[0] + 60)));
    if (addressee) out = trimSpan(text, [out[0] + addressee[0].length, out[1]]) ?? out;
  }
  // "says of Clinton, “If she gets the chance, …”", "says on its website that …": the topic before what was said
  if (cue && /^\s+(?:of|on|about)\s+$/i.test(text.slice(cue[1], out[0])) && /^(?:said|says|say|saying|wrote|writes)$/i.test(text.slice(cue[0], cue[1]).split(/\s+/).pop() ?? '')) {
    const topic = /^[^“”"\n]{1,60}?(?:,\s*(?=[“"])|\s(?=that\s))/.exec(text.slice(out[0], out[1]));
    if (topic) out = trimSpan(text, [out[0] + topic[0].length, out[1]]) ?? out;
  }
  // "said in his regular conference call “If necessary, …”": the setting before the quotation is not said
  const setting = /^(?:in|at|during|on|via|over|through)\s[^“”"]{0,60}?\s(?=[“"](?:\S+\s+){3})/i.exec(text.slice(out[0], out[1]));
  if (setting) out = trimSpan(text, [out[0] + setting[0].length, out[1]]) ?? out;
  for (;;) {
    const m = /(?:^|\s)(?:and|but|or)(?:\s+(?:on|in|at|by|for|with|then|also|later|earlier|last|this|that))?$/i.exec(text.slice(out[0], out[1]));
    if (!m || out[1] - m[0].length <= out[0]) break;
    out = trimSpan(text, [out[0], out[1] - m[0].length]) ?? out;
  }
  // "now at a “low point”, he pointed out": a quotation opened inside the content closes inside it
  const inner = text.slice(out[0], out[1]);
  const opened = (inner.match(/“/g)?.length ?? 0) - (inner.match(/”/g)?.length ?? 0);
  // "began at 3:35 p.m. Washington time (11:35 p.m. Moscow time)": a bracket opened inside closes inside
  if (text[out[1]] === ')' && (inner.match(/\(/g)?.length ?? 0) > (inner.match(/\)/g)?.length ?? 0)) out = [out[0], out[1] + 1];
  if (opened === 1 && text[out[1]] === '”' && inner.indexOf('“') > 0) out = [out[0], out[1] + 1];
  // "… can help reduce transmission `` The threat to the public remains low , '' she said": a whole
  // quotation (capitalised, three words or more) closing where the content ends is what was said,
  // not the unquoted text before it (a fact box, the previous sentence)
  else if (/^\s*,?\s*(?:”|''|")/.test(text.slice(out[1], out[1] + 6))) {
    // the last opening mark (found from the end: a scan from every mark would be quadratic)
    const straight = inner.search(/\s"(?=[^"]*$)/);
    const at = Math.max(inner.lastIndexOf('“'), inner.lastIndexOf('``'), straight >= 0 ? straight + 1 : -1);
    const quoted = at > 0 ? /^(?:“|``|")\s*/.exec(inner.slice(at)) : null;
    const said = quoted ? inner.slice(at + quoted[0].length) : '';
    // (a sentence of three words or more, not a title in capitals: "on “The Steve Harvey Morning Show”")
    if (quoted && /^\p{Lu}\S*(?:\s+\S+){2}/u.test(said) && /\s\p{Ll}{3,}/u.test(said)) out = trimSpan(text, [out[0] + at + quoted[0].length, out[1]]) ?? out;
  }
  return out;
}

const REFUSAL_CUE =
  /\b(?:declined?|declining|refused?|refusing|(?:would|did|does|do|could|will|has|have|had)(?:\s?n't|\s+not|\s+never)|never)\s+(?:immediately\s+|yet\s+|publicly\s+|\p{L}+ly\s+)?(?:to\s+)?(?:say|comment|discuss|specify|elaborate|disclose|reveal|confirm|name|identify|speculate|mention|mentioned|explain|respond|reply|answer|address|provide|release|return|suggest|detail|give|offer)\p{L}*\b/iu;
/**
 * Cues that report no statement whatever their content (review 8 F3), by verb class: acts of law or
 * business ("Lehman Brothers files for [bankruptcy protection]", "has filed a lawsuit against"),
 * permission and obligation ("is authorized [to lend up to $85 billion]"), and implication ("it does
 * not mean [that …]"). PolNeAR annotates them as attributions, so the finder keeps them; a reader
 * of "who said what" is not shown them.
 */
const NON_STATEMENT_CUE =
  /^(?:(?:has|have|had|will|would|is|are|was|were|also|\p{L}+ly)\s+){0,6}(?:files?|filed|filing)\b|^(?:(?:is|are|was|were|has been|have been|had been|be|been|being)\s+)(?:\p{L}+ly\s+)?(?:authori[sz]ed|allowed|permitted|required|obliged|forced|entitled|empowered|compelled)\b|\b(?:mean|means|meant|imply|implies|implied)\s*$/iu;
/**
 * Acts and decisions, not statements: "Obama named [Schapiro to head the SEC]", "the Coast Guard has
 * ordered [20 more skimming boats]", "has introduced legislation [to …]", "the US has seen [100
 * cases]", "declined [to …]". The verb heads the cue (after auxiliaries and adverbs), with at most two
 * words of object after it.
 */
const ACT_CUE =
  /^(?:(?:has|have|had|will|would|could|can|may|might|is|are|was|were|be|been|also|then|later|\p{L}+ly)\s+){0,6}(?:orders?|ordered|approves?|approved|appoint(?:s|ed)?|votes?\s+for|voted\s+for|introduc(?:e|es|ed)|launch(?:es|ed)?|lift(?:s|ed)?|decid(?:e|es|ed)|nam(?:e|es|ed)|discuss(?:es|ed)?|to\s+discuss|look(?:s|ing|ed)?\s+for|pressured?|pressures|led|leads?|seen|sees?|saw|bring(?:s|ing)?|brought|display(?:s|ed)?|record(?:s|ed)|declined?|declines|refused?|refuses|signed|signs?|hired|fired|sued|sues|bought|sold|paid|pays?|spent|invested|raised|cut|cuts)(?:\s+\p{L}+){0,2}$/iu;
/** "agreed with a description of [Putin as a killer]": the complement of a noun of describing is a topic, not a claim. */
const NOUN_TOPIC_CUE = /\b(?:description|descriptions|characteri[sz]ation|portrayal|depiction|assessment|account|picture|version|definition|image|criticism|praise|view|views|idea|notion)\s+of\s*$/i;
/** "REM [do] n't know you": an auxiliary alone cues nothing (PolNeAR train: 16 of 19,833 cues). */
const LONE_AUXILIARY = /^(?:do|does|did|is|are|was|were|has|have|had|will|would|can|could|be|been)$/i;
const LONE_PREPOSITION = /^(?:to|about|of|on|for|with|by|from|as|at|over|into|regarding)$/i;
const TOPIC_CUE =
  /\b(?:about|regarding|concerning|on the (?:subject|topic|issue) of)\s*$|\b(?:reports?|reported|reporting|comments?|commented|commenting|spoke|speaks?|speaking|talk(?:s|ed|ing)?|writes?|wrote|written|remark(?:s|ed)?|reflect(?:s|ed)?|touch(?:es|ed)?|dwel(?:t|led|ls)|elaborat(?:e|ed|es)|expand(?:s|ed)?|updat(?:e|es|ed))\s+(?:on|upon|of)\s*$/i;
/** "Describing the earthquake as a “catastrophe”, Haiti's envoy …": a participle opening a sentence is the setting of its main clause. */
const OPENING_PARTICIPLE_CUE = /^\p{Lu}\p{Ll}+ing$/u;

/**
 * Whether a found attribution is worth listing as a statement under "who said what". The finder
 * keeps PolNeAR's broad notion of attribution (beliefs, fragments, unnamed sources) for the batch
 * tool; a reader wants what someone said: a quotation of a few words, or reported speech of a
 * named speaker that is a clause, not a noun ("hopeful of [progress]", "accusing [them] of").
 */
/** Wire services and news agencies: they report what others said. */
const NEWS_AGENCY = /^(?:Reuters|AFP|Agence France[ -]Presse|Associated Press|AP|Bloomberg(?: News)?|Xinhua|Dow Jones|Press Association|PA|Interfax|Itar-Tass|TASS|Kyodo(?: News)?|Yonhap|dpa|ANSA|EFE|UPI|United Press International|ANI|PTI|IANS)$/;
/** "(1124) The UN says …", "Haitian Prime Minister Jean-Max Bellerive said …": an attribution opening a content. */
const OPENING_ATTRIBUTION = /^(?:\d{3,4}\s+)?(?:(?:meanwhile|earlier|later|separately|also)\s*,?\s+)?([^,;:“”"]{2,110}?)\s+(?:has\s+|had\s+|have\s+)?(?:said|says|told|tells|added|announced|reported|reports|stated|warned|confirmed)\b/iu;

/** The speaker of an attribution opening the content a news agency reports, when it names someone. */
function quotedByAgency(text: string, content: Span, mentions: EntityMention[], resolver: SpeakerResolver): Speaker | null {
  const m = OPENING_ATTRIBUTION.exec(text.slice(content[0], Math.min(content[1], content[0] + 160)));
  if (!m) return null;
  const start = content[0] + m.index + m[0].indexOf(m[1]!);
  const inner: Span = [start, start + m[1]!.length];
  if (!mentions.some((x) => (x.label === 'PER' || x.label === 'ORG') && x.start >= inner[0] && x.end <= inner[1])) return null;
  const who = resolver.resolveQuietly(inner);
  return who && !NEWS_AGENCY.test(who.name) ? who : null;
}

export function isStatement(q: { text: string; speaker: string | null; direct: boolean; kind: 'speech' | 'belief'; cueText?: string | null }): boolean {
  const words = q.text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  // "Ask Mccain about “The Keating Five”", "As to why I am not voting …": a lone preposition cues nothing said;
  // nor does a refusal ("declined to say whether BP would lobby …")
  if (q.cueText && (LONE_PREPOSITION.test(q.cueText.trim()) || LONE_AUXILIARY.test(q.cueText.trim()) || REFUSAL_CUE.test(q.cueText.trim()))) return false;
  if (q.cueText && (NON_STATEMENT_CUE.test(q.cueText.trim()) || NOUN_TOPIC_CUE.test(q.cueText.trim()) || ACT_CUE.test(q.cueText.trim()))) return false;
  // (unless it reports a clause: "Stressing that he's speaking personally, …")
  if (q.cueText && OPENING_PARTICIPLE_CUE.test(q.cueText.trim()) && !/^that\s/i.test(q.text.trim())) return false;
  if (q.direct) return words >= 3;
  // "answering a question about [contacts between the Kremlin…]", "spoke about [the war]": a topic, not a claim
  if (q.cueText && TOPIC_CUE.test(q.cueText)) return false;
  if (q.cueText && !reportsSpeech(q.cueText, q.text)) return false;
  return q.speaker !== null && words >= (q.kind === 'belief' ? 6 : 4);
}

/** Verbs that move a price: "BP added [nearly 3 percent]", "shares fell [2 %]" report no speech. */
const PRICE_MOVE_CUE = /^(?:(?:has|have|had|also|\p{L}+ly)\s+)*(?:add|adds|added|gain|gains|gained|rose|rise|rises|fell|fall|falls|lost|lose|loses|shed|sheds|dropped|drops|climbed|climbs|jumped|jumps|slipped|slips|closed|ended|finished)$/iu;
const QUANTITY_START = /^(?:(?:nearly|almost|about|around|some|roughly|just|over|under|more than|less than|up to|another|a further)\s+)?[\d$£€#]/i;
/** Obligation and plans, not statements: "would have to say in writing why …", "must defend [his company's turf]", "to consider". */
const OBLIGATION_CUE = /^(?:to\s|(?:\p{L}+\s+){0,3}(?:(?:have|has|had|need|needs|needed|ought)\s+to|must|should)\s+\p{L}+)|\bby\s*$/iu;

const PASSIVE_CUE = /^(?:(?:has|have|had)\s+been|is|are|was|were|being|be|been)\s+(?:\p{L}+ly\s+|also\s+|not\s+|still\s+)?(\p{L}+(?:ed|en|wn|ld|ght|id|nt))\b/iu;
const BELIEF_STATES = new Set('keen convinced confident concerned worried determined adamant unconvinced persuaded satisfied pleased disappointed delighted encouraged alarmed frightened scared surprised shocked relieved interested'.split(' '));
const JUDGING_CUE =
  /(?:^|\s)(?:criticis|criticiz|prais|defend|hail|welcom|condemn|slam|blast|attack|assail|applaud|question|challeng|dismiss|reject|deplor|decr|denounc|mock|ridicul)\p{L}*$/iu;
/** Words that make a content a clause, not a noun phrase: a complementiser, an auxiliary or a modal. */
const CLAUSE_MARK = /\s(?:that|is|are|was|were|be|been|has|have|had|will|would|could|should|can|may|might|must|did|does|do|as)\s/i;

/** Whether a cue of reported speech reports saying or thinking something (see speech-words.ts). */
function reportsSpeech(cue: string, content: string): boolean {
  const trimmed = cue.trim();
  if (trimmed.endsWith(':')) return true;
  if (OBLIGATION_CUE.test(trimmed)) return false;
  // the subject of a passive is spoken of or acted on: "was called back [to the UK by BP's chairman]",
  // "is expected [to announce]" (not "was quoted as saying")
  // (nor "is worried", "was confident", "are convinced": states of mind)
  const passive = PASSIVE_CUE.exec(trimmed);
  if (passive && !BELIEF_STATES.has(passive[1]!.toLowerCase()) && !/\b(?:saying|telling|as)\b/i.test(trimmed)) return false;
  // a verb of judging with a bare noun phrase: "criticized [BP and its well partners]", "defended [Mr
  // Hayward's move]" (not with the words judged: "blasted the “scandalously close relationship” …")
  if (JUDGING_CUE.test(trimmed) && !CLAUSE_MARK.test(` ${content} `) && !/[“”"]/.test(content)) return false;
  if (PRICE_MOVE_CUE.test(trimmed) && QUANTITY_START.test(content.trim())) return false;
  for (const w of trimmed.split(/[^\p{L}'’-]+/u)) if (w && isSpeechWord(w)) return true;
  return false;
}

const IMPERSONAL_CUE =
  /^(?:(?:is|was|are|were|has been|had been|have been|is being|was being|is now|was now|is also|was also|is widely|was widely|is generally)\s+)+(?:understood|believed|thought|expected|said|reported|known|feared|claimed|alleged|rumou?red|estimated|suggested|hoped|assumed|argued|rumoured|considered|felt|acknowledged|accepted|agreed|revealed|announced|confirmed|clear|likely|unlikely|possible|true)$|^(?:seems?|seemed|appears?|appeared|emerged|emerges|looks?(?: like| as if| as though)?|looked(?: like| as if| as though)?|sounds? like|(?:feels?|felt)(?: like| as if| as though))$/i;

/** Adverbs and conjunctions at a source's edges ("Gingrich cynically", "After campaign aides"): PolNeAR train leaves out 303 adverbs after a source, keeps 16. */
const SOURCE_TAIL = /(?<!\s)\s+(?:(?!(?:only|family|ally|rally|july|italy|holly|early|daily|weekly|monthly|assembly|supply|reply|anomaly|monopoly)\b)\p{Ll}+ly|almost|also|still|just|even|never|not|already|often|now|again)$/u;
const SOURCE_HEAD = /^(?:after|say|and|also|when|then)\s+(?=\S)/i;

function sourceWords(text: string, span: Span): Span {
  let [s, e] = span;
  for (let m = SOURCE_TAIL.exec(text.slice(s, e)); m && m.index > 0; m = SOURCE_TAIL.exec(text.slice(s, e))) e = s + m.index;
  const head = SOURCE_HEAD.exec(text.slice(s, e));
  if (head && head[0].length < e - s) s += head[0].length;
  return [s, e];
}

/** Between a person and the organisation they speak from: " from ", " of the ". */
const PERSON_FROM = /^\s+(?:from|of)\s+(?:the\s+)?$/;
/** Between a person and the complement of their description: ", a fellow nuclear physicist from ". */
const DESCRIPTION_TO_COMPLEMENT = /^\s?,\s+(?:a|an|the|his|her|its|their)\s+[^,.;:!?“”"\n]{1,100}?\s(?:from|of|at|with|for|in|to)\s+$/u;

/**
 * "Alexander Koldobsky, a fellow nuclear physicist from [the Moscow Engineering and Physics
 * Institute], insists …": a source the tagger found in the complement of a description in
 * apposition to a person is that person's whole noun phrase (as PolNeAR annotates it: "Jorge
 * Castañeda, a former Mexican foreign minister who is a harsh critic of Mr. Peña Nieto").
 */
function appositionHead(text: string, source: Span, people: EntityMention[]): Span {
  for (let i = people.length - 1; i >= 0; i--) {
    const m = people[i]!;
    if (m.end > source[0]) continue;
    if (source[0] - m.end > 130) break;
    // ("Marjorie Wallace from [SANE] argues": the person from the organisation speaks)
    if (PERSON_FROM.test(text.slice(m.end, source[0])) && /^\p{Lu}/u.test(text.slice(source[0], source[1]))) return [m.start, source[1]];
    return DESCRIPTION_TO_COMPLEMENT.test(text.slice(m.end, source[0])) ? [m.start, source[1]] : source;
  }
  return source;
}

/**
 * "The rainbow-colored sheen … stretched 20 miles by 20 miles on Saturday -- about 25 times larger
 * than it appeared to be a day earlier, Landry said.": reported speech closed by ", X said." is the
 * sentence before the comma, not the tail the tagger kept after a dash or a comma inside it.
 */
function wholeSentenceBefore(text: string, a: RawAttribution, others: AttributionExtents, paragraph: Paragraph): void {
  if (!a.source || !a.cue || a.content.length !== 1 || a.direct) return;
  const piece = a.content[0]!;
  const first = Math.min(a.source[0], a.cue[0]);
  if (piece[1] > first || !/^\s?,\s*$/.test(text.slice(piece[1], first))) return;
  // the attribution ends the sentence: "…, Landry said." / "…, said Landry, the …." (read in a
  // window that holds any match: 122 characters, then a run of spaces and the two after it)
  const last = Math.max(a.source[1], a.cue[1]);
  let end = Math.min(paragraph.end, last + 122);
  while (end < paragraph.end && /\s/.test(text[end]!)) end++;
  end = Math.min(paragraph.end, end + 2);
  if (!/^[^.!?“”"\n]{0,120}?[.!?]?["”’]?\s*(?:$|\n|\s\p{Lu})/u.test(text.slice(last, end) + (end === paragraph.end ? ' ' : ''))) return;
  // the sentence starts after the last stop before the piece ("." and a space); a sentence that
  // started more than SENTENCE_LOOK_BACK characters back is far longer than the 25 words allowed
  const from = Math.max(paragraph.start, piece[0] - SENTENCE_LOOK_BACK);
  const before = text.slice(from, piece[0]);
  let stop = before.length - 1;
  while (stop >= 0 && !/[.!?]/.test(before[stop]!)) stop--;
  const boundary = stop >= 0 && /^["”’]?\s+/.test(before.slice(stop + 1)) ? stop : -1;
  if (boundary < 0 && from > paragraph.start) return;
  let start = boundary < 0 ? from : from + boundary + before.slice(boundary).search(/\s\S/) + 1;
  while (start < piece[0] && /[\s"“”‘’']/.test(text[start]!)) start++;
  if (start >= piece[0]) return;
  // nothing of another attribution, and no quotation, in what is added, nor a dateline, a fact box's
  // label or a headline glued on ("CHICAGO | Tue May 12 … ( Reuters ) -", "Countries with suspected
  // cases : …"): a short opening phrase of the sentence
  const lead = text.slice(start, piece[0]);
  if (/[“”"|:]|\(\s*\p{Lu}[\p{L}.]*\s*\)\s*-|^\p{Lu}{2,}\b/u.test(lead) || lead.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length > 25) return;
  // (a sentence split inside a ticker, "(BP.L) massive oil spill": brackets must pair)
  if ((lead.match(/\(/g)?.length ?? 0) !== (lead.match(/\)/g)?.length ?? 0)) return;
  if (others.overlapping(a, start, piece[0])) return;
  a.content = [[start, piece[1]]];
}
const SENTENCE_LOOK_BACK = 1000;

/**
 * Whether another attribution has a span inside a stretch, without walking every attribution for
 * each one (a long paragraph of ", X said." sentences): attributions in `atts` order (by cue), the
 * greatest span end up to each and the least span start from each. Valid while attributions are
 * visited in that order and each only moves its content's start back (wholeSentenceBefore).
 */
class AttributionExtents {
  private readonly endUpTo: number[] = [];
  private readonly startFrom: number[] = [];
  private readonly index = new Map<RawAttribution, number>();
  constructor(private readonly atts: RawAttribution[]) {
    const spans = (o: RawAttribution) => [o.source, o.cue, ...o.content].filter((x): x is Span => x !== null);
    atts.forEach((o, i) => {
      this.index.set(o, i);
      this.endUpTo[i] = Math.max(i > 0 ? this.endUpTo[i - 1]! : -Infinity, ...spans(o).map((x) => x[1]));
    });
    for (let i = atts.length - 1; i >= 0; i--) this.startFrom[i] = Math.min(this.startFrom[i + 1] ?? Infinity, ...spans(atts[i]!).map((x) => x[0]));
  }
  overlapping(a: RawAttribution, start: number, end: number): boolean {
    const i = this.index.get(a)!;
    const hits = (o: RawAttribution) => [o.source, o.cue, ...o.content].some((x) => x && x[0] < end && x[1] > start);
    for (let j = i - 1; j >= 0 && this.endUpTo[j]! > start; j--) if (hits(this.atts[j]!)) return true;
    for (let j = i + 1; j < this.atts.length && this.startFrom[j]! < end; j++) if (hits(this.atts[j]!)) return true;
    return false;
  }
}

/**
 * "Vaccine makers could produce 4.9 billion pandemic flu shots per year …, the head of the World
 * Health Organization said on Tuesday, as rich and poor countries grappled over …": reported speech
 * closed by ", X said" ends there; unquoted words after the attribution are the reporter's narration.
 */
/**
 * "Reuters news agency quotes [BP] as saying it would “co-operate with any inquiry …”": the one
 * quoted speaks; the medium quoting them is where it was said.
 */
function quotedAsSaying(text: string, a: RawAttribution): void {
  if (!a.cue || a.content.length !== 1 || !/^(?:quotes|quoted|quoting|quote)$/i.test(text.slice(a.cue[0], a.cue[1]).trim())) return;
  const piece = a.content[0]!;
  if (piece[0] < a.cue[1]) return;
  const m = /^((?:\S+\s+){0,7}?\S+)\s+(as\s+saying)\s+(?=\S)/.exec(text.slice(piece[0], piece[1]));
  if (!m || /[“”"]/.test(m[1]!)) return;
  a.source = [piece[0], piece[0] + m[1]!.length];
  const cueStart = piece[0] + m[0].indexOf(m[2]!, m[1]!.length);
  a.cue = [cueStart, cueStart + m[2]!.length];
  a.content = [[piece[0] + m[0].length, piece[1]]];
}

const NARRATION_OPENER = /^[^\p{L}]*(?:\p{L}+\s+){0,3}?,\s*(?:as|amid|while|even as)\s/u;
function withoutNarrationAfter(text: string, a: RawAttribution): void {
  if (a.direct || !a.cue || a.content.length < 2) return;
  const first = Math.min(a.cue[0], a.source?.[0] ?? a.cue[0]);
  const last = Math.max(a.cue[1], a.source?.[1] ?? a.cue[1]);
  const before = a.content.filter((c) => c[1] <= first);
  const after = a.content.filter((c) => c[0] >= last);
  if (!before.length || !after.length || before.length + after.length !== a.content.length) return;
  if (!/^\s*,\s*$/.test(text.slice(before[before.length - 1]![1], first))) return;
  if (after.some((c) => /[“”"«»]/.test(text.slice(c[0] - 1, c[1] + 1)))) return;
  // (only a clause of circumstance: after "…, he said, local officials should …" the words go on)
  if (!NARRATION_OPENER.test(text.slice(last, after[0]![1]))) return;
  a.content = before;
}

const INVERTING_CUE = /^(?:said|says|writes|wrote|added|adds|explained|explains|noted|notes|continued|continues|recalled|recalls|told|tells|insisted|insists|argued|argues)$/i;

/**
 * "“… ghostly neighborhoods,” writes [the Guardian's South America correspondent, Rory Carroll],
 * after flying in": where the tagger read the name after an inverted cue as the content, it is the
 * source and the quotation closed right before the cue is what was said.
 */
function invertedSource(text: string, a: RawAttribution, quotations: Span[], atts: RawAttribution[], paragraph: Paragraph): void {
  if (a.source || !a.cue || a.content.length !== 1 || !INVERTING_CUE.test(text.slice(a.cue[0], a.cue[1]).trim())) return;
  const piece = a.content[0]!;
  // "“Oh, the oil's out there,” said [a captain of one of the air boats chewing through the marsh].":
  // the quotation is the content already, the words after the cue up to the clause's end the source
  if (piece[1] <= a.cue[0] && /[,!?]\s*[”"’]\s*$/.test(text.slice(Math.max(0, a.cue[0] - 6), a.cue[0]))) {
    const after = /^\s+((?:the|a|an|one|another|his|her|its|their|\p{Lu}[\p{L}'’.-]*)\s[^,.;:!?“”"\n]{1,90}?)\s*(?=[,.;!?]|$)/u.exec(text.slice(a.cue[1], paragraph.end));
    if (after && after[1]!.split(/\s+/).length <= 14) {
      const start = a.cue[1] + after[0].indexOf(after[1]!);
      a.source = [start, start + after[1]!.length];
    }
    return;
  }
  if (piece[0] < a.cue[1] || text.slice(a.cue[1], piece[0]).trim()) return;
  const words = text.slice(piece[0], piece[1]).trim().split(/\s+/);
  if (words.length > 14 || /[“”"«»]/.test(text.slice(piece[0], piece[1])) || !words.some((w) => /^\p{Lu}\p{Ll}/u.test(w))) return;
  // the name ends its clause: a comma, the sentence end or the paragraph end follows
  if (!/^\s*(?:[,.;!?]|$)/.test(text.slice(piece[1], piece[1] + 3))) return;
  if (!/[,!?]\s*[”"’]\s*$/.test(text.slice(Math.max(0, a.cue[0] - 6), a.cue[0]))) return;
  let quote: Span | null = null;
  for (const q of quotations) if (q[1] <= a.cue[0] && !text.slice(q[1], a.cue[0]).trim()) quote = q;
  // (a quotation opened in an earlier paragraph: from this paragraph's start, when it opens none)
  if (!quote && !/[“"«]/.test(text.slice(paragraph.start, a.cue[0]))) quote = [paragraph.start, a.cue[0]];
  if (!quote) return;
  const said = trimSpan(text, quote);
  if (!said) return;
  if (atts.some((o) => o !== a && o.content.some((c) => c[0] < said[1] && c[1] > said[0]))) return;
  a.source = trimSpan(text, piece);
  a.content = [said];
  a.direct = true;
}

/** A comment platform's signature under each reader's comment: "Posted by: Nclwtk | September 17, 2008 10:53 AM | Report abuse". */
const COMMENT_SIGNATURE = /\bPosted by\s*:\s*[^|\n]{1,80}\|[^|\n]{1,60}\|\s*Report abuse\b/gi;
const WROTE = /wrote/i;

/**
 * Where the readers' comments under an article begin (the text's length when there are none): a
 * thread of signed or headed comments ends the article, and what readers write there is nobody's statement
 * ("He knows we know …", "McCain: Investors first, Americans last"). The first comment, before the
 * first signature, cannot be told from the article and stays.
 */
export function commentsStart(text: string): number {
  let start = text.length;
  // signed comments ("… Posted by: X | date | Report abuse") and headed ones ("At 11:45 pm on 13 Jan
  // 2010, SheffTim wrote: …", a blog's thread): two close together make a thread, which runs to the
  // end from the first of them
  for (const marker of [COMMENT_SIGNATURE, READER_COMMENT_HEADER]) {
    // (every header says "wrote": a text without the word is not scanned by the whole pattern)
    if (marker === READER_COMMENT_HEADER && !WROTE.test(text)) continue;
    marker.lastIndex = 0;
    let previous: RegExpExecArray | null = null;
    for (let m = marker.exec(text); m; m = marker.exec(text)) {
      if (previous && linesBetween(text, previous.index, m.index) <= THREAD_GAP_LINES) {
        const line = text.lastIndexOf('\n', previous.index);
        start = Math.min(start, line < 0 ? 0 : line);
        break;
      }
      previous = m;
    }
  }
  return start;
}
/** The most lines between two comments of one thread (a comment of a hundred one-sentence lines in Timeline17). */
const THREAD_GAP_LINES = 150;
function linesBetween(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** "Asked how BP could ever quantify the damage, he says …": the question put to the speaker is not theirs. */
const ASKED_CUE = /^(?:when\s+|after\s+being\s+|on\s+being\s+)?asked\b/i;

const PASSIVE_ADDRESSEE_CUE =
  /^(?:(?:has|have|had)\s+been|is|was|are|were|be|being|been|gets?|got|getting)\s+(?:(?:not|never|n't|\p{L}+ly)\s+)*(?:attacked|criticised|criticized|accused|asked|told|questioned|blamed|praised|condemned|urged|warned|informed|advised|interviewed|reminded|lambasted|slammed|mocked|ridiculed|denounced|challenged|pressed|thanked|congratulated|invited|ordered|instructed|portrayed|depicted|characteri[sz]ed|branded|labell?ed|regarded|viewed|thought|believed|understood|rumou?red|feared|alleged|estimated)\b(?!\s+(?:as\s+saying|to\s+have))/iu;

export function findQuotes(text: string, context: QuoteContext): Quote[] {
  const paras = paragraphs(text);
  const comments = commentsStart(text);
  const usable = paras.map((p) => p.end <= comments && !isCaptionOrFurniture(text.slice(p.start, p.end)));
  const found = findAttributions(text, paras, quoteModel());
  const withAttribution = new Set(found.map((a) => a.paragraph));
  const colonSpeakers = new ColonSpeakers(text, paras, context.mentions, context.entities);
  paras.forEach((p, i) => {
    if (!usable[i]) return;
    const h = headlineAttribution(text, p, i, colonSpeakers);
    if (!h) {
      const after = withAttribution.has(i) ? null : attributionAfterClose(text, p, i);
      if (after) found.push(after);
      return;
    }
    if (!withAttribution.has(i)) found.push(h);
    else {
      // the tagger found the colon but not the name before it
      for (const a of found) if (a.paragraph === i && !a.source && a.cue && a.cue[0] <= h.cue![0] && a.cue[1] >= h.cue![1]) a.source = h.source;
    }
  });
  const people = context.mentions.filter((m) => m.label === 'PER');
  const assembled = found
    .filter((a) => usable[a.paragraph])
    .map((a) => ({ ...a, source: a.source ? appositionHead(text, sourceWords(text, trimSpan(text, a.source) ?? a.source), people) : null, cue: a.cue ? (trimSpan(text, a.cue) ?? a.cue) : null }))
    .sort((a, b) => (a.cue?.[0] ?? 0) - (b.cue?.[0] ?? 0));
  const quotations = quotedSpans(paras, text);
  for (const a of assembled) invertedSource(text, a, quotations, assembled, paras[a.paragraph]!);
  const extents = new AttributionExtents(assembled);
  for (const a of assembled) wholeSentenceBefore(text, a, extents, paras[a.paragraph]!);
  for (const a of assembled) {
    quotedAsSaying(text, a);
    withoutNarrationAfter(text, a);
    withoutOwnAttribution(text, a);
  }
  // a quotation with its own named speaker inside another attribution's content is that speaker's
  for (let k = 0; k < assembled.length; k++) {
    const a = assembled[k]!;
    if (isSilent(a)) continue;
    const inner = swallowedAttribution(text, a);
    if (inner) assembled[k] = inner;
  }
  // one statement, one speaker: no words credited to two attributions
  const atts = resolveOverlaps(text, assembled);
  const resolver = new SpeakerResolver({
    text,
    mentions: context.mentions,
    entities: context.entities,
    quoted: [...quotations, ...atts.filter((a) => !isSilent(a)).map((a) => extent(a.content))],
    quotations,
  });
  const quotes: Quote[] = [];
  const fullDates = (context.timexes ?? []).filter((t) => t.type === 'DATE' && FULL_DATE.test(t.value));
  for (const a of atts) {
    const content = cleanContent(text, extent(a.content), a.cue);
    // "It is understood the two travellers were admitted …": an impersonal "it" names nobody
    const impersonal = a.source !== null && a.cue !== null && /^it$/i.test(text.slice(a.source[0], a.source[1]).trim()) && IMPERSONAL_CUE.test(text.slice(a.cue[0], a.cue[1]).trim());
    // "Tony Hayward, who had been widely attacked for …", "was asked about …": the subject of a passive
    // verb of address is who was spoken to or of, not the speaker
    const cueText = a.cue ? text.slice(a.cue[0], a.cue[1]).trim() : '';
    const addressed = a.cue !== null && (PASSIVE_ADDRESSEE_CUE.test(cueText) || (ASKED_CUE.test(cueText) && (!a.source || a.source[0] > a.cue[0])));
    const resolved = impersonal || addressed ? null : resolver.resolve(a.source);
    // "The video released by BP shows that …": a document's finding is nobody's quote
    // "AFP reported [Haitian Prime Minister Jean-Max Bellerive said …]": the words are the person's
    // the agency quotes, not the agency's
    const speaker = a.documentFinding ? null : resolved && NEWS_AGENCY.test(resolved.name) ? (quotedByAgency(text, content, context.mentions, resolver) ?? resolved) : resolved;
    if (isSilent(a)) continue;
    quotes.push({
      content,
      source: a.source,
      cue: a.cue,
      speaker: speaker?.name ?? null,
      speakerKey: speaker?.key ?? null,
      direct: a.direct,
      kind: kindOf(text, a.cue),
      date: statementDate(text, a.cue, a.source, content, fullDates, context.dct ?? null),
    });
  }
  if (context.continuations !== false) {
    for (const c of continuations(text, paras, usable, atts.filter((a) => !isSilent(a)))) {
      const src = c.from;
      // (its quote: the one with its cue; each cue anchors one attribution)
      const from = src ? quotes.find((q) => q.cue && src.cue && q.cue[0] === src.cue[0] && q.cue[1] === src.cue[1] && q.source?.[0] === src.source?.[0]) : null;
      if (from) quotes.push({ ...from, content: cleanContent(text, c.content), source: null, cue: null, direct: true });
      // a quotation standing alone with nobody named: reported, but never attributed by guess
      else quotes.push({ content: cleanContent(text, c.content), source: null, cue: null, speaker: null, speakerKey: null, direct: true, kind: 'speech', date: null });
    }
  }
  return quotes.sort((x, y) => x.content[0] - y.content[0]);
}
