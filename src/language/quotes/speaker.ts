// Who is speaking: from a source span ("Kremlin spokesman Dmitry Peskov", "he", "the spokesman",
// "Putin's aide", "the White House") to a canonical speaker, using the document's entities when
// the entity stage found them and the text itself when it did not.
import { createRequire } from 'node:module';
import type { DocEntity, EntityMention, Span } from '../../types.js';

export interface Speaker {
  name: string;
  key: string | null;
  /** 'person' | 'organization' | 'place' | 'other' | null when unknown. */
  type: string | null;
}

const PERSONAL = new Set(['he', 'she', 'him', 'her', 'i', 'me']);
const GROUP = new Set(['they', 'we', 'it', 'them', 'us']);
const INDEFINITE = /^(?:a|an|some|several|many|most|few|two|three|four|five|other|another|one|unnamed|anonymous|senior|top|local|western|us|u\.s\.)\b/i;
const GENERIC_HEADS = new Set([
  'source', 'sources', 'official', 'officials', 'analyst', 'analysts', 'expert', 'experts', 'people', 'person',
  'observers', 'critics', 'residents', 'witnesses', 'diplomats', 'diplomat', 'insiders', 'reports', 'report',
  'media', 'researchers', 'scientists', 'economists', 'lawmakers', 'activists', 'protesters', 'others', 'many',
  'some', 'polls', 'poll', 'survey', 'surveys', 'studies', 'study', 'data', 'documents', 'statement',
]);
const DETERMINERS = /^(?:the|a|an|this|that|these|those)\s+/i;
/** Plural heads naming a group of people: a name before them qualifies the group ("Obama Administration officials"). */
const GROUP_OF_PEOPLE = new Set([
  ...['officials', 'sources', 'aides', 'advisers', 'advisors', 'staffers', 'allies', 'supporters', 'officers', 'spokesmen'],
  ...['executives', 'lawyers', 'negotiators', 'analysts', 'experts', 'economists', 'lawmakers', 'insiders', 'strategists', 'loyalists'],
]);
const NAME_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;

export interface SpeakerContext {
  text: string;
  mentions: EntityMention[];
  entities: DocEntity[];
  /**
   * Spans of quoted text and of reported contents: mentions there are not antecedents of a
   * pronoun source (the speaker of "he added" is a previous speaker, not someone they spoke of).
   */
  quoted: Span[];
  /** Spans inside quotation marks only: a first-person source outside them is the article's author. */
  quotations?: Span[];
}

type Gender = 'm' | 'f';
const opposite = (g: Gender): Gender => (g === 'm' ? 'f' : 'm');

/**
 * One mention's gender evidence: an honorific right before it, or the first personal pronoun after
 * it in the same sentence with no other person named in between ("Hillary Clinton said she …").
 */
function mentionGender(text: string, m: EntityMention, mentions: EntityMention[]): Gender | null {
  const before = text.slice(Math.max(0, m.start - 16), m.start);
  if (/\b(?:Mr|Sir|Lord|King|Prince|Duke)\.?\s+$|\b(?:spokes|chair|congress|business|council)man\s+$/i.test(before)) return 'm';
  if (/\b(?:Mrs|Ms|Miss|Lady|Dame|Queen|Princess|Duchess)\.?\s+$|\b(?:spokes|chair|congress|business|council)woman\s+$/i.test(before)) return 'f';
  // "Clinton said she would", "Smith told reporters that he": the subject's own pronoun
  const p = SAYS_PRONOUN.exec(text.slice(m.end, m.end + 80));
  if (!p) return null;
  const at = m.end + p.index + p[0].length;
  if (mentions.some((o) => o !== m && o.label === 'PER' && o.start >= m.end && o.start < at)) return null;
  return p[1]!.toLowerCase() === 'he' ? 'm' : 'f';
}
const SAYS_PRONOUN =
  /^,?\s+(?:(?:has|had|also|then|later|again|repeatedly|once)\s+)?(?:said|says|told \w+|added|thinks|thought|believes|believed|announced|argued|insisted|wrote|explained|noted|claimed|replied|stated|declared|warned|acknowledged|admitted|promised|vowed|hopes|hoped)\s+(?:(?:on\s+)?\w+day\s+)?(?:that\s+)?(he|she)\b/i;

let firstNames: { en: Map<string, string>; es: Map<string, string> } | null = null;
/**
 * The usual gender of a full name's first name (the gender-detection-from-name lists: English, and
 * Spanish where it knows the name too and must agree: "Trinidad" is a woman's name in Spain), or
 * null: a one-word name, an initial, or a name the lists do not know or disagree on.
 */
const firstNameGenders = new Map<string, Gender | null>();
function firstNameGender(name: string): Gender | null {
  let g = firstNameGenders.get(name);
  if (g === undefined) {
    if (firstNameGenders.size > 50_000) firstNameGenders.clear();
    firstNameGenders.set(name, (g = firstNameGenderOf(name)));
  }
  return g;
}
function firstNameGenderOf(name: string): Gender | null {
  const words = name.trim().split(/\s+/);
  if (words.length < 2 || !/^\p{Lu}\p{Ll}+$/u.test(words[0]!)) return null;
  if (!firstNames) {
    const load = createRequire(import.meta.url);
    firstNames = { en: load('gender-detection-from-name/names/en') as Map<string, string>, es: load('gender-detection-from-name/names/es') as Map<string, string> };
  }
  const first = words[0]!.toLowerCase();
  const g = firstNames.en.get(first);
  const es = firstNames.es.get(first);
  if (es && es !== g) return null;
  return g === 'male' ? 'm' : g === 'female' ? 'f' : null;
}

const LETTER = /\p{L}/u;
const NOT_NAMES = new Set(
  ('all some many most few both each every several others other everyone everybody someone somebody nobody people should would could might must may will can weather experts critics analysts officials residents witnesses sources reports ' +
    'officers authorities investigators prosecutors lawmakers legislators demonstrators protesters readers viewers voters scholars researchers scientists economists doctors polls surveys studies video videos footage records documents data').split(' '),
);

export class SpeakerResolver {
  private readonly byKey = new Map<string, DocEntity>();
  private readonly mentions: EntityMention[];
  /** The last resolved person and group speakers, with where their source was. */
  private lastPerson: { speaker: Speaker; at: number; end: number } | null = null;
  private lastGroup: { speaker: Speaker; at: number } | null = null;

  /** endsBefore[i]: the largest end among mentions[0 .. i] (mentions overlapping a span are found by bisection). */
  private readonly endsBefore: Int32Array;

  constructor(private readonly ctx: SpeakerContext) {
    for (const e of ctx.entities) this.byKey.set(e.key, e);
    this.mentions = [...ctx.mentions].sort((a, b) => a.start - b.start);
    this.endsBefore = new Int32Array(this.mentions.length);
    let end = -1;
    this.mentions.forEach((m, i) => (this.endsBefore[i] = end = Math.max(end, m.end)));
  }

  /** The mentions overlapping [from, to), in text order. */
  private mentionsIn(from: number, to: number): EntityMention[] {
    const ms = this.mentions;
    // first mention whose running end passes `from` (no earlier one can overlap)
    let lo = 0;
    let hi = ms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.endsBefore[mid]! > from) hi = mid;
      else lo = mid + 1;
    }
    const out: EntityMention[] = [];
    for (let i = lo; i < ms.length && ms[i]!.start < to; i++) if (ms[i]!.end > from) out.push(ms[i]!);
    return out;
  }

  private readonly genders = new Map<string, Gender | null>();

  /** What the text says of a person's gender: "Mr./Ms." before a mention, or the pronoun that follows it in its sentence. */
  private genderOfMention(m: EntityMention): Gender | null {
    return m.entityKey ? this.genderOfKey(m.entityKey) : mentionGender(this.ctx.text, m, this.mentions);
  }

  /** The gender the text gives a mention's person, else the usual gender of its first name ("Margaret Chan"). */
  private likelyGenderOfMention(m: EntityMention): Gender | null {
    const g = this.genderOfMention(m);
    if (g) return g;
    const name = (m.entityKey ? this.byKey.get(m.entityKey)?.name : null) ?? m.text;
    return firstNameGender(name) ?? (m.entityKey ? this.givenNameGender(m.entityKey) : null);
  }

  private likelyGenderOfKey(key: string): Gender | null {
    const g = this.genderOfKey(key);
    if (g) return g;
    const name = this.byKey.get(key)?.name;
    return name ? (firstNameGender(name) ?? this.givenNameGender(key)) : null;
  }

  /** A person named by a first name alone, after a noun of a person ("Mr Robin's wife, Lisa"): that name's usual gender. */
  private givenNameGender(key: string): Gender | null {
    const name = this.byKey.get(key)?.name.trim() ?? '';
    if (!name || name.includes(' ') || !this.mentions.some((x) => x.entityKey === key && this.personSign(x))) return null;
    return firstNameGender(`${name} _`);
  }

  private genderOfKey(key: string): Gender | null {
    if (this.genders.has(key)) return this.genders.get(key)!;
    let male = 0;
    let female = 0;
    for (const m of this.mentions) {
      if (m.entityKey !== key) continue;
      const g = mentionGender(this.ctx.text, m, this.mentions);
      if (g === 'm') male++;
      else if (g === 'f') female++;
    }
    // two concordant signs and none against: one misattributed mention must not decide
    const g = male >= 2 && female === 0 ? 'm' : female >= 2 && male === 0 ? 'f' : null;
    this.genders.set(key, g);
    return g;
  }

  /** Where the last source describing one organisation or thing the text does not name was ("The school"). */
  private lastUnnamedGroup = -1;

  /**
   * The speaker of "it", "they", "we": nobody for a first-person plural outside quotation marks (the
   * author's voice, as "I"); for "it", an organisation heading the last sentence that names one ("the
   * IMF is preparing … It is hoping …") or nobody after an unnamed one ("The school said … it said");
   * else the last organisation that spoke.
   */
  private antecedentGroup(at: number, word: string): Speaker | null {
    if ((word === 'we' || word === 'us') && this.ctx.quotations && !this.ctx.quotations.some((q) => at >= q[0] && at < q[1])) return null;
    const last = this.lastGroup && at - this.lastGroup.at < 1500 ? this.lastGroup : null;
    if (word === 'they' || word === 'them') {
      // "Crews put out more containment equipment … They also hoped to …": a plural common noun
      // heading the sentence before (or this one) is who "they" are, nobody named
      if (last && this.pluralSubjectSince(last.at, at)) return null;
      return last?.speaker ?? null;
    }
    if (word !== 'it') return last?.speaker ?? null;
    // an organisation named since, subject of the sentence before or named in the pronoun's own
    // ("Although the IMF did not single out …, it referenced …")
    let named: EntityMention | null = null;
    for (const m of this.mentionsIn(Math.max(0, at - 400), at)) {
      if (m.end > at || m.label !== 'ORG' || m.start < this.lastUnnamedGroup || m.start < (last?.at ?? -1)) continue;
      if (this.insideQuoted(m.start, m.end)) continue;
      if (/^\s*['’]s\b/.test(this.ctx.text.slice(m.end, m.end + 3))) continue;
      const sentencesBetween = this.ctx.text.slice(m.end, at).match(/[.!?]["”’]?\s/g)?.length ?? 0;
      if (sentencesBetween === 0 || (sentencesBetween === 1 && this.opensSentence(m))) named = m;
    }
    if (named) return this.fromMention(named);
    if (this.lastUnnamedGroup > (last?.at ?? -1) && at - this.lastUnnamedGroup < 600) return null;
    // "The research also examined how the virus was mutating. It estimated …": a thing heading the
    // sentence before is what "it" is, nobody named
    if (last && this.thingSubjectBefore(at, last.at)) return null;
    return last?.speaker ?? null;
  }

  /** Whether the sentence before `at` opens with a definite description of one thing ("The research", "The report"), no name, that did not speak. */
  private thingSubjectBefore(at: number, lastSpoke: number): boolean {
    const text = this.ctx.text;
    const from = Math.max(0, at - 400);
    const before = text.slice(from, at);
    const ends = [...before.matchAll(/[.!?]["”’]?\s+|\n/g)];
    if (ends.length < 1) return false;
    const prevEnd = ends[ends.length - 1]!;
    const prevStart = ends.length >= 2 ? ends[ends.length - 2]!.index! + ends[ends.length - 2]![0].length : 0;
    // (not the organisation that spoke in that sentence: "The agency says … It says …")
    if (lastSpoke >= from + prevStart) return false;
    // the pronoun opens its sentence
    if (before.slice(prevEnd.index! + prevEnd[0].length).trim()) return false;
    const m = /^\s*(?:The|This|That|Its)\s+((?:[\p{Ll}-]+\s+){0,2})(\p{Ll}{3,})\b/u.exec(before.slice(prevStart, prevEnd.index!));
    if (!m || /s$/.test(m[2]!) && !/ss$/.test(m[2]!)) return false;
    const head = m[2]!;
    return !PERSON_NOUNS.has(head) && !PERSON_TITLES.has(head);
  }

  /** Whether a sentence starting after `from` and before `at` opens with a plural common noun ("Crews", "The engineers"). */
  private pluralSubjectSince(from: number, at: number): boolean {
    const text = this.ctx.text;
    const span = text.slice(from, at);
    const starts = /(?:^|[.!?]["”’]?\s+|\n\s*)((?:the|some|many|most|other|local)\s+)?(\p{L}[\p{Ll}-]*s)\b/giu;
    for (let m = starts.exec(span); m; m = starts.exec(span)) {
      const word = m[2]!;
      const wordAt = from + m.index + m[0].length - word.length;
      if (wordAt <= from || /ss$|us$|is$/.test(word.toLowerCase())) continue;
      if (this.mentionsIn(wordAt, wordAt + word.length).length) continue;
      // a plural noun, not a name the NER found ("Democrats", "Republicans" are MISC mentions)
      return true;
    }
    return false;
  }

  /** A mention opening its sentence or main clause, after at most a determiner: "The IMF is preparing …" (not "The ad then references FBI criticism"). */
  private opensSentence(m: EntityMention): boolean {
    const text = this.ctx.text;
    // (looked for in the 400 characters before: a search back to the text's start per mention is quadratic)
    const from = Math.max(0, m.start - 400);
    const back = text.slice(from, m.start);
    const boundary = Math.max(back.lastIndexOf('\n'), back.lastIndexOf('. '), back.lastIndexOf('? '), back.lastIndexOf('! '));
    const start = boundary >= 0 ? from + boundary : from - 1;
    // (after an opening phrase set off by a comma: "Like the presidential commission, the National Academy …")
    const before = text.slice(start + 1, m.start).replace(/^[^,;:“”"]{1,80},\s+/, '');
    return /^[\s"“”’.!?]*(?:(?:the|but|and|meanwhile|still|however|now),?\s+)*$/i.test(before);
  }

  /** The organisation named last before `at` (within a few paragraphs) whose name has the noun `head`: "the agency" → "Environmental Protection Agency". */
  private organisationNamedBy(head: string, at: number): Speaker | null {
    const word = head.toLowerCase();
    if (!/^\p{Ll}{3,}$/u.test(head) || PERSON_NOUNS.has(word) || PERSON_TITLES.has(word)) return null;
    const before = this.mentionsIn(Math.max(0, at - 2000), at).filter((m) => m.end <= at && m.label === 'ORG');
    for (let i = before.length - 1; i >= 0; i--) {
      const m = before[i]!;
      // (the noun heads the name: "Environmental Protection Agency", "Court of Appeals"; not a
      // headline the NER took for a name, "… Report Says Global Economy Will Shrink")
      const words = m.text.toLowerCase().split(/\s+/);
      const k = words.indexOf(word);
      if (k >= 0 && words.length <= 8 && (k === words.length - 1 || /^(?:of|for|on|and|to)$/.test(words[k + 1]!))) return this.fromMention(m);
    }
    return null;
  }

  /** The text's organisations (by entity key, else name): what the text calls each and where it is named. */
  private organisations: Map<string, OrganisationFacts> | null = null;

  private organisationIndex(): Map<string, OrganisationFacts> {
    if (this.organisations) return this.organisations;
    const text = this.ctx.text;
    const all = new Map<string, OrganisationFacts>();
    // (and the MISC mentions of an entity the NER also calls an organisation: "Transocean" both ways)
    const orgKeys = new Set(this.mentions.filter((m) => m.label === 'ORG' && m.entityKey).map((m) => m.entityKey!));
    const orgs = this.mentions.filter((m) => m.label === 'ORG' || (m.label === 'MISC' && m.entityKey !== undefined && orgKeys.has(m.entityKey)));
    for (const m of orgs) {
      const id = m.entityKey ?? 'text:' + m.text;
      let c = all.get(id);
      if (!c) all.set(id, (c = { kinds: new Set(), mentions: [], name: m.entityKey ? this.byKey.get(m.entityKey)?.name ?? m.text : m.text, notCompanyBefore: [], theBefore: [], things: 0 }));
      c.mentions.push(m);
      // running counts, so that a quote asks "how many of the mentions before it …" in one look-up
      const n = c.mentions.length - 1;
      c.notCompanyBefore.push((c.notCompanyBefore[n - 1] ?? 0) + (NOT_A_COMPANY.test(m.text) ? 1 : 0));
      c.theBefore.push((c.theBefore[n - 1] ?? 0) + (THE_BEFORE.test(text.slice(Math.max(0, m.start - 5), m.start)) ? 1 : 0));
      if (this.namesThing(m)) c.things++;
      for (const kind of companyKindsAround(text, m, c.name)) c.kinds.add(kind);
    }
    // "A BP spokesman said the company hoped …": the one organisation named before "the company" in its sentence
    for (const d of text.matchAll(COMPANY_DESCRIPTION_IN_TEXT)) {
      const at = d.index!;
      // (the sentence start looked for in the 400 characters before: a text with no line break or
      // '. ' would otherwise be searched, and its mentions listed, from its start for each match)
      const from = Math.max(0, at - 400);
      const back = text.slice(from, at);
      const boundary = Math.max(back.lastIndexOf('\n'), back.lastIndexOf('. '));
      const sentence = boundary >= 0 ? from + boundary : from - 1;
      // (named near the start of the sentence, as its subject: not "… head of the newly created X, the company said")
      const named = new Set(this.mentionsIn(sentence + 1, at).filter((m) => m.label === 'ORG' && m.end <= at && m.start - sentence <= 80 && text.slice(sentence + 1, m.start).trim().split(/\s+/).length <= 2).map((m) => m.entityKey ?? 'text:' + m.text));
      if (named.size === 1) all.get([...named][0]!)?.kinds.add(d[1]!.toLowerCase());
    }
    this.organisations = all;
    return all;
  }

  /**
   * "the company", "the oil giant", "the firm", "the bank" with no organisation of that name: the
   * company the text is about, as a reader takes it. Candidates are the organisations the text shows
   * to be companies of that kind ("BP shares", "BP chief executive", "oil company Pemex", "Nordea, the
   * Nordic bank", "Halliburton Inc", "a BP spokesman said the company …") named in the last
   * paragraphs; the subject of the sentence before wins ("Transocean disputed the charges … “…,” the
   * company said"; there any organisation whose name is not an institution's or a medium's), else
   * the company named most so far.
   */
  private companyDescribed(raw: string, at: number): Speaker | null {
    const m = COMPANY_DESCRIPTION.exec(raw.trim());
    if (!m) return null;
    const head = m[3]!.toLowerCase();
    const wanted = COMPANY_SYNONYMS[head] ?? [head];
    const generic = GENERIC_COMPANY_NOUNS.has(head);
    const sentenceStart = previousSentenceStart(this.ctx.text, at);
    let best: { score: number; last: EntityMention } | null = null;
    const subjects: EntityMention[] = [];
    for (const c of this.organisationIndex().values()) {
      const count = mentionsEndingBy(c.mentions, at);
      const last = c.mentions[count - 1];
      if (!last || at - last.end > 2500) continue;
      const kinds = [...c.kinds];
      const shown = generic ? kinds.some((k) => k === 'company' || GENERIC_COMPANY_NOUNS.has(k) || SPECIFIC_COMPANY_NOUNS.includes(k)) : wanted.some((k) => c.kinds.has(k));
      // (an organisation the text shows to be no company, or whose name says so, is none; one it
      // shows nothing of may be, for "the company", when named more than the companies it shows)
      // (nor a name always written after "the", a thing's or an event's: "the Deepwater Horizon disaster")
      if (NOT_A_COMPANY.test(c.name) || NOT_A_NAME_ALONE.test(c.name) || (PLACE_WORD.test(c.name) && !CORPORATE_NAME.test(c.name))) continue;
      // (nor, unless shown to be a company, one the text also names as a place or a person: "the Gulf")
      const entity = last.entityKey ? this.byKey.get(last.entityKey) : undefined;
      if (!shown && entity && this.namedOtherwise(entity)) continue;
      if (!shown && (!generic || kinds.some((k) => NOT_COMPANY_NOUNS.has(k)) || c.notCompanyBefore[count - 1]! > 0 || c.theBefore[count - 1] === count || c.things * 2 >= c.mentions.length)) continue;
      // (the subject of the sentence before: one shown to be a company, or for "the company" any that
      // passed the tests above, not an acronym — "Transocean disputed the charges … “…,” the company said")
      if ((shown || !/^\p{Lu}{2,6}$/u.test(c.name)) && last.start >= sentenceStart && this.opensSentence(last) && !this.insideQuoted(last.start, last.end)) subjects.push(last);
      const score = count * (shown ? 2 : 1);
      if (!best || score > best.score || (score === best.score && last.start > best.last.start)) best = { score, last };
    }
    if (subjects.length === 1) return this.fromMention(subjects[0]!);
    return best ? this.fromMention(best.last) : null;
  }

  /** The quoted spans by start, with the furthest end reached so far: "inside some span" in one binary search. */
  private quotedByStart: { starts: number[]; reach: number[] } | null = null;
  /** Whether [start, end) lies inside a span of quoted text or reported content. */
  private insideQuoted(start: number, end: number): boolean {
    if (!this.quotedByStart) {
      const spans = [...this.ctx.quoted].sort((a, b) => a[0] - b[0]);
      const reach: number[] = [];
      for (const [i, q] of spans.entries()) reach.push(Math.max(q[1], reach[i - 1] ?? -1));
      this.quotedByStart = { starts: spans.map((q) => q[0]), reach };
    }
    const { starts, reach } = this.quotedByStart;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && reach[lo - 1]! >= end;
  }

  /** The index of the first mention starting at or after `from`. */
  private firstStartingFrom(from: number): number {
    let lo = 0;
    let hi = this.mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.mentions[mid]!.start < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The quoted spans by end. */
  private quotedByEnd: Span[] | null = null;
  /**
   * Whether a mention before `at` lies inside a quoted span that does not hold `at` (a span holding
   * the mention holds `at` exactly when it ends after it): the spans ending between the mention's
   * end and `at`, found by one binary search, rather than every span.
   */
  private quotedBefore(m: EntityMention, at: number): boolean {
    if (!this.quotedByEnd) this.quotedByEnd = [...this.ctx.quoted].sort((a, b) => a[1] - b[1]);
    const spans = this.quotedByEnd;
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid]![1] < m.end) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < spans.length && spans[k]![1] <= at; k++) if (spans[k]![0] <= m.start) return true;
    return false;
  }

  /** Entities the text names as a place or a person somewhere (asked once per entity, not per quote). */
  private otherwiseNamed = new Map<DocEntity, boolean>();
  private namedOtherwise(entity: DocEntity): boolean {
    let named = this.otherwiseNamed.get(entity);
    if (named === undefined) this.otherwiseNamed.set(entity, (named = entity.type === 'person' || entity.type === 'place' || entity.mentions.some((x) => x.label === 'LOC' || x.label === 'PER')));
    return named;
  }

  /** A name of a rig, a well, a storm …: "offshore rig Deepwater Horizon", "the Macondo well", "Katrina, the hurricane which". */
  private namesThing(m: EntityMention): boolean {
    const text = this.ctx.text;
    return THING_NOUN_BEFORE.test(text.slice(Math.max(0, m.start - 20), m.start)) || THING_AFTER.test(text.slice(m.end, m.end + 60));
  }

  /** The last source describing one person the text does not name ("A Department of Health spokesman"). */
  private lastUnnamed: { at: number; gender: Gender | null; speaksFor?: Speaker } | null = null;

  /** Resolves a source span; call in text order so pronouns can refer back. */
  resolve(source: Span | null): Speaker | null {
    if (!source) return null;
    const raw = this.ctx.text.slice(source[0], source[1]).trim();
    let speaker = this.resolveSpan(source);
    if (!speaker && DEFINITE_THING.test(raw)) {
      // "The agency says …" after the Environmental Protection Agency: the organisation named before
      // whose name has that noun; "The school said …" with no school named is nobody, and a later
      // "it" is that school, not the organisation that spoke before
      speaker = this.organisationNamedBy(lastWord(raw), source[0]) ?? this.companyDescribed(raw, source[0]);
      if (!speaker) this.lastUnnamedGroup = source[1];
    }
    // "Tony Hayward, who had been …": a relative clause is subordinate, its antecedent not the
    // subject a later "he said" continues with
    const person = speaker !== null && (speaker.type === 'person' || (speaker.type === null && !ORG_HEAD.test(speaker.name)));
    if (person && RELATIVE_PRONOUNS.has(raw.toLowerCase())) return speaker;
    if (speaker) {
      if (person) this.lastPerson = { speaker, at: source[0], end: source[1] };
      else this.lastGroup = { speaker, at: source[0] };
      // "A BP spokesman said … he added": the unnamed spokesman again, who speaks for BP
      const gender = person ? undefined : unnamedPersonGender(raw);
      if (gender !== undefined) this.lastUnnamed = { at: source[0], gender, speaksFor: speaker };
    } else {
      const gender = unnamedPersonGender(raw);
      if (gender !== undefined) this.lastUnnamed = { at: source[0], gender };
    }
    return speaker;
  }

  /** Who a source names, without taking it as the antecedent of later pronouns (an attribution inside another's content). */
  resolveQuietly(source: Span): Speaker | null {
    return this.resolveSpan(source);
  }

  private resolveSpan(source: Span): Speaker | null {
    const raw = this.ctx.text.slice(source[0], source[1]);
    const words = raw.trim().split(/\s+/);
    const lower = raw.trim().toLowerCase().replace(/[’']s$/, '');
    // "I think …" in the article's own voice is its author, whom the text does not name
    if (words.length === 1 && /^(?:i|me)$/.test(lower) && this.ctx.quotations && !this.ctx.quotations.some((q) => source[0] >= q[0] && source[1] <= q[1])) return null;
    // "If you want to be the President …": the addressee, nobody who spoke
    if (words.length === 1 && /^(?:you|ye|y'all)$/.test(lower)) return null;
    if (words.length === 1 && PERSONAL.has(lower)) return this.antecedentPerson(source[0], /^(?:he|him)$/.test(lower) ? 'm' : /^(?:she|her)$/.test(lower) ? 'f' : null);
    if (words.length === 1 && GROUP.has(lower)) return this.antecedentGroup(source[0], lower);
    // "Barkley, who said …", "the Chicago Police Department, which reported …": the antecedent (not "WHO said")
    if (words.length === 1 && RELATIVE_PRONOUNS.has(raw.trim())) return this.antecedentOfRelative(source[0] + raw.length - raw.trimStart().length, lower === 'which');

    const inside = this.mentionsIn(source[0], source[1]);
    // "a BP wholesale distributor in Fort Myers, [Florida] said": a place completing the place of a
    // description before it, not who spoke
    // "a Louisiana National Guardsman on cleanup duty in the [Gulf] describes …": a place the tagger cut
    // from a prepositional phrase is where someone spoke, not who
    // (also the second of two: "some in Washington and [Louisiana] to question …")
    if (inside.length === 1 && inside[0]!.label === 'LOC' && inside[0]!.start - source[0] <= 4 && /\p{Ll}\s+(?:in|on|at|off|near|across|from)\s+(?:the\s+)?(?:(?:\p{Lu}[\p{L}.'’-]*\s+){1,3}(?:and|or)\s+(?:the\s+)?)?$/u.test(this.ctx.text.slice(Math.max(0, source[0] - 50), source[0]))) return null;
    // ("City, State": the place before the comma is a place too; not "… in Congress, Washington backed out")
    if (inside.length === 1 && inside[0]!.label === 'LOC' && inside[0]!.start - source[0] <= 4 && PLACE_OF_PLACE_BEFORE.test(this.ctx.text.slice(Math.max(0, source[0] - 60), source[0]))) {
      const comma = this.ctx.text.lastIndexOf(',', source[0]);
      if (this.mentionsIn(Math.max(0, comma - 40), comma).some((m) => m.label === 'LOC' && /^\s?$/.test(this.ctx.text.slice(m.end, comma)))) return null;
    }
    const possessive = (m: EntityMention) => /^\s*['’]s\b/.test(this.ctx.text.slice(m.end, m.end + 3));
    const heads = inside.filter((m) => !possessive(m));
    const pick = (label: string) => {
      const c = heads.filter((m) => m.label === label);
      return c.length ? c[c.length - 1]! : null;
    };
    // (not a description the NER took for a name: "One [Tory backbencher], Douglas Carswell")
    const people = heads.filter((m) => m.label === 'PER' && !DESCRIPTION_AS_NAME.test(m.text));
    // "Biden and Putin": a joint source has no single speaker
    if (people.length >= 2 && /\band\b|&/.test(this.ctx.text.slice(people[people.length - 2]!.end, people[people.length - 1]!.start))) return null;
    // "BP and Transocean", "Britain and France" (and a name the NER cut at its "and", "The Greater
    // Glasgow and Clyde NHS"): no single speaker, rather than the last one
    // (not a pair inside the description a name is in apposition to: "The president's adviser and
    // director of the Office of Energy and Climate Change Policy, Carol Browner")
    const joint = heads.findIndex((m, k) => k > 0 && m.start < headEndOf(raw, source[0]) && /^\s+(?:and|&)\s+$/.test(this.ctx.text.slice(heads[k - 1]!.end, m.start)));
    // nor one completing the description of a person heading the source ("Assistant Professor Michael Blum of
    // Tulane University's Department of Ecology and Evolutionary Biology")
    // ("PriceWaterhouseCoopers and the Urban Land Institute": a name the NER missed joined to one it found)
    const firstHead = heads[0];
    if (firstHead && firstHead.label !== 'PER' && /(?:^|\s)\p{Lu}[\p{L}.'’-]+\s+(?:and|&)\s+(?:the\s+)?$/u.test(this.ctx.text.slice(source[0], firstHead.start)) && !/\p{Ll}\s+(?:of|for|at|in|from|with)\s/u.test(this.ctx.text.slice(source[0], firstHead.start))) return null;
    if (
      joint > 0 &&
      !people.some((p) => p.start > heads[joint]!.end && /,\s*$/.test(this.ctx.text.slice(heads[joint]!.end, p.start))) &&
      !people.some((p) => p.end <= heads[joint - 1]!.start)
    )
      return null;
    // the person heading the source, before its apposition ("Mike Schmidt, an adviser at the Clinton campaign")
    const headEndAt = source[0] + raw.length - raw.trimStart().length + headPhrase(raw).length;
    const headPeople = people.filter((m) => m.start < headEndAt);
    // (past the head, a name speaks in apposition to it, "The director general of the WHO, Margaret
    // Chan", "One of the authors, the epidemiologist … Neil Ferguson", not from the complement of a
    // later phrase: "a posting on Prison Planet, home of shock-jock … Alex Jones")
    const later = headPeople.length ? null : pick('PER');
    const afterComma = later ? /,([^,]*)$/.exec(this.ctx.text.slice(source[0], later.start)) : null;
    const inApposition = later && !(afterComma && /\b(?:of|for|on|at|in|from|by|with|about|under|to)\s/i.test(afterComma[1]!)) ? later : null;
    // (and a source naming someone only in such a complement names nobody: no guess by role)
    if (later && !inApposition) return null;
    const person = headPeople.length ? headPeople[headPeople.length - 1]! : inApposition;
    // "the wife of Keith Scott", "a lawyer for Mr. Trump", "The Conservative MP for Bath": the
    // person completes a description of someone else (who speaks for them: "a spokesman for X" is X)
    if (person && COMPLEMENT_BEFORE.test(this.ctx.text.slice(source[0], person.start)) && !SPEAKS_FOR_BEFORE.test(this.ctx.text.slice(source[0], person.start))) return null;
    // "A report commissioned by President Obama", "A commission appointed by Barack Obama": the
    // agent of a participle is not the subject that speaks (the report or the commission is)
    if (person && AGENT_BEFORE.test(this.ctx.text.slice(source[0], person.start))) return null;
    // "Obama Administration officials", "Clinton campaign aides": a name qualifying a group is not who spoke
    if (person && GROUP_OF_PEOPLE.has(lastWord(raw).toLowerCase()) && /^\s+[\p{L}\s'’.-]*$/u.test(this.ctx.text.slice(person.end, source[1]))) return null;
    // "The Obama administration", "President Barack Obama's administration (officials)": the
    // administration, not the president in person
    if (person && ADMINISTRATION_AFTER.test(this.ctx.text.slice(person.end, source[1]))) {
      const who = this.fromMention(person);
      return who ? { name: `${lastWord(who.name)} administration`, key: null, type: 'organization' } : null;
    }
    // "An Obama aide", "a Clinton adviser": somebody else, unnamed
    if (person && ONE_OF_PEOPLE_AFTER.test(this.ctx.text.slice(person.end, source[1]))) return null;
    if (person) return this.fromMention(person);
    // "The director general of the World Health Organization, Margaret Chan": the name in
    // apposition to a description is who spoke, even where the NER took it for something else
    const appositive = APPOSITIVE_NAME.exec(raw.trim());
    if (appositive && /\s(?!(?:of|the|for|and|in|at|on)\s)\p{Ll}{3,}/u.test(' ' + appositive[1]!.replace(DETERMINERS, '')) && !isGeneric(appositive[2]!)) {
      return { ...this.canonicalName(appositive[2]!.replace(/^(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+/, '')), type: 'person' };
    }
    const head = lastWord(raw);
    // "from Scotland at the turn of the century", "in the Oval Office": a place or a time, not who spoke
    if (/^\s*(?:from|in|at|on|into|of|with|for|to|about|under|over|during)\s/i.test(raw)) return null;
    // an organisation or place speaks when it heads the source ("the NAACP", "Germany on Friday",
    // "United States Citizenship and Immigration Services, the agency that …"), not when it
    // qualifies someone ("The Indiana governor", "Political observers in Virginia")
    const headEnd = source[0] + raw.length - raw.trimStart().length + headPhrase(raw).length;
    // (a name the NER cut in two, "the Roper Center for Public Opinion Research", is spoken by its first part)
    // ("observers in Virginia": a name after a preposition completes another head)
    const org =
      heads.find(
        (m) =>
          (m.label === 'ORG' || m.label === 'LOC') &&
          m.start < headEnd &&
          (NAME_CONTINUES.test(this.ctx.text.slice(m.end, Math.max(m.end, headEnd))) || SPEAKS_FOR_TAIL.test(this.ctx.text.slice(m.end, Math.max(m.end, headEnd)))) &&
          !COMPLEMENT_BEFORE.test(this.ctx.text.slice(source[0], m.start)) &&
          // ("an aid worker with Operation [Blessing International]": a name the NER cut, in a complement)
          !ORG_IN_COMPLEMENT_BEFORE.test(this.ctx.text.slice(source[0], m.start)) &&
          !AGENT_BEFORE.test(this.ctx.text.slice(source[0], m.start)),
      ) ?? null;
    if (org && !isGeneric(raw) && /^\s*,/.test(this.ctx.text.slice(org.end, source[1]))) return this.fromMention(org);
    const orgName = (m: EntityMention): Speaker | null =>
      m.end >= headEnd - 1 || SPEAKS_FOR_TAIL.test(this.ctx.text.slice(m.end, headEnd))
        ? this.fromMention(m)
        : this.canonicalName(this.ctx.text.slice(m.start, headEnd), m.label === 'LOC' ? 'place' : 'organization');
    // a description with a role noun ("the spokesman", "Putin's aide", "the US president")
    const titleHead = DETERMINERS.test(raw.trim()) && PERSON_TITLES.has(head.replace(/\.$/, '').toLowerCase()); // "the Conservative MP"
    // ("a BP executive" introduces someone: it is nobody named before)
    if ((!NAME_WORD.test(head) || inside.some(possessive) || titleHead) && !INDEFINITE_ARTICLE.test(raw.trim())) {
      const byRole = this.byRole(raw, source[0]);
      if (byRole) return byRole;
    }
    if (org && !isGeneric(raw)) return orgName(org);
    // "a BP spokesman", "BP officials", "a spokesman for BP": who speaks for an organisation speaks as it
    const voice = heads.find((m) => m.label === 'ORG' && m.start >= source[0] && SPOKESPEOPLE_BEFORE.test(this.ctx.text.slice(source[0], m.start)) && SPOKESPEOPLE_AFTER.test(this.ctx.text.slice(m.end, source[1])));
    if (voice) return this.fromMention(voice);
    const voiceFor = heads.find((m) => m.label === 'ORG' && SPOKESPERSON_FOR.test(this.ctx.text.slice(source[0], m.start)) && /^\s*$/.test(this.ctx.text.slice(m.end, source[1])));
    if (voiceFor) return this.fromMention(voiceFor);
    // "a company spokesman", "company officials": the company the text is about
    const companyVoice = COMPANY_VOICE.exec(raw.trim());
    if (companyVoice) return this.companyDescribed(`the ${companyVoice[1]!}`, source[0]);
    if (isGeneric(raw)) return null;
    const name = this.unlinkedName(raw, this.ctx.text[source[1]] === ':');
    if (name && !this.isCommonWord(name)) return this.canonicalName(name);
    return null;
  }

  /** A nationality or other adjective the NER tags MISC ("Mexican", "British"), or a word ending like one. */
  private isAdjective(word: string): boolean {
    if (this.mentions.some((m) => m.label === 'MISC' && m.text === word)) return true;
    return /^\p{Lu}\p{Ll}+(?:ian|ean|can|ese|ish|ic)$/u.test(word);
  }

  /** Words of the text's entity mentions (lower case): the names the entity stage recognised. */
  private mentionWords: Set<string> | null = null;

  /**
   * The name in a source no entity mention covers. It must be the source's head ("Twelve
   * percent", "After campaign aides", "The Democratic nominee" name nobody), and when the entity
   * stage has run, a word it recognised somewhere in the text: a capitalised word it never took
   * for a name ("Video shows", "Readers may") is a common noun opening a sentence or a headline.
   */
  private unlinkedName(raw: string, transcriptTurn = false): string | null {
    let phrase = headPhrase(raw);
    // "Donald Trump's campaign", "Clinton's team" speak for the person; "Pagliano's lawyer" does not
    const possessor = POSSESSOR_SPEAKS.exec(phrase);
    if (possessor) phrase = possessor[1]!;
    // "a 46-page suicide analysis released by the Department of Veterans Affairs": the analysis speaks
    const agent = AGENT_IN.exec(phrase);
    if (agent && agent.index > 0) phrase = phrase.slice(0, agent.index);
    // "the US government", "the Obama administration"
    // (an adjective names no speaker: "The Mexican government" is the Mexican government, not "Mexican")
    const collective = NAME_SPEAKS.exec(phrase);
    if (collective && this.isAdjective(lastWord(collective[1]!))) return collective[1]!.trim().split(/\s+/).length <= 2 ? phrase.replace(DETERMINERS, '') : null;
    if (collective) phrase = collective[1]!;
    if (!NAME_WORD.test(lastWord(phrase))) return null;
    // "observers in Virginia": the name completes a lower-case head
    // words apart by spaces only: "(?:\p{Lu}[\p{L}…]*\s*)+" split a capitalised run every way and
    // took exponential time on a long ALL-CAPS comment that does not end in a name
    const run = /\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*\s*$/u.exec(phrase);
    if (run && (COMPLEMENT_BEFORE.test(phrase.slice(0, run.index)) || AGENT_BEFORE.test(phrase.slice(0, run.index)))) return null;
    let name = withoutLeadingNonNames(properName(phrase) ?? '');
    if (!name) return null;
    // "the Conservative MP": a description ending in a title names nobody
    if (PERSON_TITLES.has(lastWord(name).replace(/\.$/, '').toLowerCase())) return null;
    // a transcript's "PENCE:" is the Pence the text names
    if (/\p{Lu}{2}/u.test(name) && !/\p{Ll}/u.test(name)) {
      const titled = name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
      if (transcriptTurn || this.mentions.some((m) => m.label === 'PER' && m.text.split(/\s+/).includes(titled))) name = titled;
      if (transcriptTurn) return name;
    }
    // an acronym is a name ("WHO said"), known to the NER or not, and so is an institution ("Police said", "the Pentagon")
    if (/^\p{Lu}{2,6}$/u.test(name) || INSTITUTIONS.has(name)) return name;
    if (this.mentions.length > 0) {
      if (!this.mentionWords) this.mentionWords = new Set(this.mentions.flatMap((m) => m.text.toLowerCase().split(/\s+/)));
      if (!name.split(' ').some((w) => this.mentionWords!.has(w.toLowerCase()))) return null;
    }
    return name;
  }

  /**
   * A one-word "name" that the text also writes in lower case, or a word no name is ("All",
   * "Should", "Weather", "People" at the start of a sentence): not a speaker.
   */
  private isCommonWord(name: string): boolean {
    if (/\s/.test(name) || /^\p{Lu}{2,6}$/u.test(name)) return false;
    const lower = name.toLowerCase();
    if (NOT_NAMES.has(lower)) return true;
    return this.writtenInLowerCase(lower);
  }

  /** Whether `lower` occurs in the text as a whole word in lower case (a search, no tokenising). */
  private writtenInLowerCase(lower: string): boolean {
    const text = this.ctx.text;
    for (let i = text.indexOf(lower); i >= 0; i = text.indexOf(lower, i + 1)) {
      if (!LETTER.test(text[i - 1] ?? '') && !LETTER.test(text[i + lower.length] ?? '')) return true;
    }
    return false;
  }



  private placeGluedToPerson(e: DocEntity): Speaker | null {
    const words = e.name.split(' ');
    if (words.length < 2 || e.mentions.length > 1) return null;
    // (the text names the word as a place, or glues it to a common word too: "Washington When")
    const gluedToWord = this.ctx.entities.some((o) => {
      if (o === e || o.type !== 'person' || !o.name.startsWith(words[0] + ' ')) return false;
      const tail = o.name.slice(words[0]!.length + 1);
      return !tail.includes(' ') && this.writtenInLowerCase(tail.toLowerCase());
    });
    if (!gluedToWord && !this.mentions.some((m) => m.label === 'LOC' && m.text === words[0])) return null;
    const rest = words.slice(1).join(' ');
    const other = this.ctx.entities.find(
      (o) => o !== e && o.type === 'person' && (o.name === rest || o.name.endsWith(' ' + rest)) && o.mentions.length > e.mentions.length,
    );
    return other ? { name: other.name, key: other.key, type: other.type } : null;
  }

  private fromMention(m: EntityMention): Speaker | null {
    const e = m.entityKey ? this.byKey.get(m.entityKey) : undefined;
    if (e) {
      // an entity named with a word glued on ("Said Ellis", "Unlike Patriot", "Post Trump"): the name
      // without it, as the text's other entities know it
      let clean = withoutLeadingNonNames(e.name, e.type === 'person');
      // "Tanaiste Leo Varadkar": a title the NER kept in the name
      if (e.type === 'person') clean = withoutLeadingTitles(clean);
      // "Washington Obama" (a caption's dateline, "BBC News, Washington", glued to the name): the
      // person the rest names, when the text names the first word as a place and that person more often
      if (e.type === 'person' && clean === e.name) {
        const glued = this.placeGluedToPerson(e);
        if (glued) return glued;
      }
      if (clean === e.name) return { name: e.name, key: e.key, type: e.type };
      return clean ? this.canonicalName(clean, e.type) : null;
    }
    const type = m.label === 'PER' ? 'person' : m.label === 'ORG' ? 'organization' : m.label === 'LOC' ? 'place' : 'other';
    const name = withoutLeadingNonNames(properName(m.text) ?? m.text, type === 'person');
    return name ? this.canonicalName(name, type) : null;
  }

  /**
   * The antecedent of a relative pronoun source at `at`: the name right before it ("Barkley, who",
   * "the Chicago Police Department which"), or nobody ("its report which", "the 1 percent who",
   * "Jeb Bush and Chris Christie, who").
   */
  private antecedentOfRelative(at: number, thing: boolean): Speaker | null {
    const text = this.ctx.text;
    let end = at;
    while (end > 0 && /[\s,]/.test(text[end - 1]!)) end--;
    const before = this.mentionsIn(Math.max(0, end - 160), end).filter((m) => m.end <= end && m.label !== 'MISC');
    const last = before.length ? before[before.length - 1]! : null;
    const adjacent = last && last.end >= end - 1 && !/^\s*['’]s\b/.test(text.slice(last.end, last.end + 3)) ? last : null;
    // a joint antecedent has no single speaker ("Jeb Bush and Chris Christie, who")
    const prev = before.length > 1 ? before[before.length - 2]! : null;
    if (adjacent && prev && /^\s*(?:,\s*)?(?:and|&)\s*$/.test(text.slice(prev.end, adjacent.start))) return null;
    // ("Alleyn's School in Dulwich, London, which": a place completing a location is no antecedent)
    if (thing && adjacent?.label === 'LOC' && /\b(?:in|of|at|from|near)\s+[^,.;]{1,40},\s*$/.test(text.slice(Math.max(0, adjacent.start - 48), adjacent.start))) return null;
    if (thing) return adjacent && adjacent.label !== 'PER' ? this.fromMention(adjacent) : null;
    if (adjacent?.label === 'PER' && !COMPLEMENT_BEFORE_RELATIVE.test(text.slice(Math.max(0, adjacent.start - 24), adjacent.start))) return this.fromMention(adjacent);
    // "Pablo Bonastre, a veteran fisherman who", "Nelson, a Wisconsin Democrat who", "Anne Leblanc of
    // Metairie, Louisiana, who": the person the description is in apposition to
    const person = [...before].reverse().find((x) => x.label === 'PER');
    if (person && person !== adjacent && APPOSITION_TO_RELATIVE.test(text.slice(person.end, end))) return this.fromMention(person);
    // an organisation heading the antecedent ("the Chicago Police Department, who"), not one completing
    // a description ("a tech staffer at the State Department who")
    if (adjacent && adjacent.label === 'ORG' && !COMPLEMENT_BEFORE_RELATIVE.test(text.slice(Math.max(0, adjacent.start - 24), adjacent.start))) return this.fromMention(adjacent);
    return null;
  }

  private antecedentPerson(at: number, gender: Gender | null): Speaker | null {
    // the nearest person named before, outside quotations, within a few paragraphs, whom the
    // pronoun can refer to ("she replied" is not the man named last)
    let best: EntityMention | null = null;
    let subject: EntityMention | null = null; // the first person named in best's sentence
    // where a nearer person was passed over for the gender of their first name alone
    let skipped = -1;
    for (let k = this.firstStartingFrom(at - 1200); k < this.mentions.length; k++) {
      const m = this.mentions[k]!;
      if (m.start >= at) break;
      if (m.label !== 'PER') continue;
      if (this.quotedBefore(m, at)) continue;
      if (/^\s*['’]s\b/.test(this.ctx.text.slice(m.end, m.end + 3))) continue;
      if (!this.personalMention(m)) continue;
      // a name completing the last speaker's description ("said Win Thin, senior currency strategist
      // for Brown Brothers Harriman"): the speaker was resolved, the name is not who a pronoun continues
      const lp = this.lastPerson;
      if (lp && m.start > lp.at && m.end <= lp.end && m.entityKey !== lp.speaker.key) continue;
      if (gender && this.likelyGenderOfMention(m) === opposite(gender)) {
        if (!this.genderOfMention(m)) skipped = m.start;
        continue;
      }
      if (!best || best.sentence !== m.sentence) subject = m;
      best = m;
    }
    // a pronoun opening a later sentence refers to the subject of the last sentence naming a person
    // ("Chris Christie, who campaigned for Donald Trump since he …, blasted Clinton. “…,” he said."),
    // not to whoever was named last in it
    if (best && subject && subject !== best && /[.!?]["”’]?\s/.test(this.ctx.text.slice(best.end, at)) && this.isSubject(subject)) best = subject;
    const fromMention = best ? this.fromMention(best) : null;
    let last = this.lastPerson && at - this.lastPerson.at < 1500 && this.personalSpeaker(this.lastPerson.speaker) ? this.lastPerson : null;
    if (last && gender && (last.speaker.key ? this.likelyGenderOfKey(last.speaker.key) : firstNameGender(last.speaker.name)) === opposite(gender)) {
      if (!last.speaker.key || !this.genderOfKey(last.speaker.key)) skipped = Math.max(skipped, last.at);
      last = null;
    }
    // "A Department of Health spokesman said … “…,” he said.": the pronoun continues the unnamed
    // speaker, whom no name fits; nobody is named rather than the last person mentioned before
    const unnamed = this.lastUnnamed && at - this.lastUnnamed.at < 1500 && !(gender && this.lastUnnamed.gender === opposite(gender)) ? this.lastUnnamed : null;
    if (unnamed && unnamed.at > (best?.start ?? -1) && unnamed.at > (last?.at ?? -1)) return unnamed.speaksFor ?? null;
    const chosen = last && (!best || last.at >= best.start || last.speaker.key === fromMention?.key) ? last : fromMention ? { speaker: fromMention, at: best!.start } : last;
    if (!chosen) return null;
    // the first-name lists are a guess ("Jan", "Dominique" are not always what they say): passing a
    // nearer person over for one needs somebody further back whose gender is known to fit
    if (gender && chosen.at < skipped) {
      const g = chosen.speaker.key ? this.likelyGenderOfKey(chosen.speaker.key) : firstNameGender(chosen.speaker.name);
      if (g !== gender) return null;
    }
    return chosen.speaker;
  }

  /**
   * Whether "he"/"she" can refer to a PER mention: the NER calls a rig, a storm, a website or a
   * charity a person ("the Deepwater Horizon oil rig", "Gustav, Ike and Katrina", "Via Skype, the
   * BBC spoke to …"). A name after an article is a thing or a modifier ("the Yele Haiti
   * foundation"); an entity typed otherwise is no person; and a one-word name needs a sign of a
   * person: a role, a title or person noun before one of its mentions ("singer Rihanna", "his wife
   * Lisa", "Pope Benedict"), or the pronoun the text gives it ("Madonna said she …").
   */
  private personalMention(m: EntityMention): boolean {
    if (/(?:^|[^\p{L}])(?:the|a|an)\s+$/iu.test(this.ctx.text.slice(Math.max(0, m.start - 5), m.start))) return false;
    // the name signing a pull-quote box ("… investigation” End Quote Ed Miliband Shadow energy
    // secretary") interrupts the text: a pronoun after the box continues the text before it
    if (/\bEnd Quote\s+$/i.test(this.ctx.text.slice(Math.max(0, m.start - 12), m.start))) return false;
    if (this.listedWithThings(m)) return false;
    if (!m.entityKey) return m.text.trim().includes(' ') || this.personSign(m);
    return this.personalKey(m.entityKey);
  }

  private readonly personal = new Map<string, boolean>();

  private personalKey(key: string): boolean {
    let ok = this.personal.get(key);
    if (ok === undefined) {
      const e = this.byKey.get(key);
      const mentions = this.mentions.filter((x) => x.entityKey === key);
      const name = (e?.name ?? mentions[0]?.text ?? '').trim();
      const sign = (e?.roles.length ?? 0) > 0 || mentions.some((x) => this.personSign(x)) || this.genderOfKey(key) !== null;
      ok =
        (e?.type ?? 'person') === 'person' &&
        mentions.some((x) => !/(?:^|[^\p{L}])(?:the|a|an)\s+$/iu.test(this.ctx.text.slice(Math.max(0, x.start - 5), x.start))) &&
        (sign || name.includes(' ') || !mentions.some((x) => THING_BEFORE.test(this.ctx.text.slice(Math.max(0, x.start - 24), x.start)) || THING_AFTER.test(this.ctx.text.slice(x.end, x.end + 40)) || this.listedWithThings(x)));
      this.personal.set(key, ok);
    }
    return ok;
  }

  /**
   * A mention in a list ("A, B and C") with an organisation, a place or a name of a kind of thing:
   * "Halliburton, Transocean, Cameron and BP", "three major hurricanes - Gustav, Ike and Katrina".
   */
  private mentionIndex: Map<EntityMention, number> | null = null;

  private listedWithThings(m: EntityMention): boolean {
    const text = this.ctx.text;
    const ms = this.mentions;
    if (!this.mentionIndex) this.mentionIndex = new Map(ms.map((x, k) => [x, k]));
    const i = this.mentionIndex.get(m) ?? -1;
    if (i < 0) return false;
    const SEP = /^\s*(?:,|,?\s*(?:and|&))\s*$/;
    let first = i;
    while (first > 0 && SEP.test(text.slice(ms[first - 1]!.end, ms[first]!.start))) first--;
    let last = i;
    while (last + 1 < ms.length && SEP.test(text.slice(ms[last]!.end, ms[last + 1]!.start))) last++;
    if (last === first) return false;
    const items = ms.slice(first, last + 1);
    // (a list: three names, or two joined by "and"; not "Tony Hayward, BP's chief executive")
    if (items.length < 3 && !/\b(?:and)\b|&/.test(text.slice(items[0]!.end, items[1]!.start))) return false;
    return items.some((x) => x.label === 'ORG' || x.label === 'LOC') || THING_BEFORE.test(text.slice(Math.max(0, items[0]!.start - 24), items[0]!.start));
  }

  /** A role the entity stage gave the mention, or a title or noun of a person right before it ("Pope Benedict", "singer Rihanna"). */
  private personSign(m: EntityMention): boolean {
    if (m.role) return true;
    const before = WORD_BEFORE.exec(this.ctx.text.slice(Math.max(0, m.start - 24), m.start));
    const word = before?.[1]!.toLowerCase();
    return word !== undefined && (PERSON_TITLES.has(word) || PERSON_NOUNS.has(word) || PERFORMERS.has(word));
  }

  /** Whether a speaker resolved before can be who "he"/"she" continues: a person, not "Obama administration" or "TV". */
  private personalSpeaker(s: Speaker): boolean {
    if (s.key) return this.personalKey(s.key);
    if (s.type === 'person') return true;
    return s.type === null && /^\p{Lu}\p{Ll}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)+$/u.test(s.name) && !s.name.split(/\s+/).some((w) => NOT_NAMES.has(w.toLowerCase()));
  }

  /**
   * A person mention that opens its sentence's main clause: near the sentence start, after no
   * subordinating word ("While Obama had …, … concerns Henry Crespo"), and not a fragment of a
   * longer name the NER cut ("Robert C. “Bobby” Scott", "Director Aaron Sharockman").
   */
  private isSubject(m: EntityMention): boolean {
    const text = this.ctx.text;
    let start = m.start;
    while (start > 0 && text[start - 1] !== '\n' && !(/\s/.test(text[start - 1]!) && /[.!?]["”’]?$/.test(text.slice(Math.max(0, start - 4), start - 1)))) start--;
    const before = text.slice(start, m.start).replace(/["“][^"“”]*["”],?/g, ' ');
    if (before.split(/\s+/).filter(Boolean).length > 6) return false;
    if (/^\W*(?:while|although|though|as|when|whenever|if|unless|after|before|because|since|unlike|despite|with|without|for|like|once|until|whether)\b/i.test(before)) return false;
    return !/^\s*(?:["“”]\s*)?\p{Lu}/u.test(text.slice(m.end, m.end + 4));
  }

  private byRole(description: string, at: number): Speaker | null {
    const head = lastWord(description).toLowerCase();
    // (a role is a word: "n't", "’s" or "--" is none)
    if (!head || GENERIC_HEADS.has(head) || !/^\p{L}[\p{L}-]+$/u.test(head)) return null;
    const qualifier = description
      .replace(DETERMINERS, '')
      .toLowerCase()
      .split(/\s+/)
      .slice(0, -1)
      .map((w) => w.replace(/[’']s$/, ''));
    let best: { e: DocEntity; score: number; last: number } | null = null;
    // ("the BP boss" is its chief executive)
    const heads = ROLE_SYNONYMS[head] ?? [head];
    const hasHead = (has: (w: string) => boolean) => heads.some((h) => has(h) || has(h + 's'));
    for (const { e, words, roles } of this.personRoles()) {
      if (!hasHead((w) => words.has(w))) continue;
      let score = -Infinity;
      for (const r of roles) {
        if (!hasHead((w) => r.words.includes(w))) continue;
        score = Math.max(score, qualifier.filter((q) => r.parts.has(q)).length);
      }
      let last = -1;
      for (const m of e.mentions) if (m.start < at && m.start > last) last = m.start;
      if (!best || score > best.score || (score === best.score && last > best.last)) best = { e, score, last };
    }
    if (best) return { name: best.e.name, key: best.e.key, type: best.e.type };
    // "the doctor", "the professor": the last person named before with that title ("Dr Jim McMenamin")
    // (the person named last, not long before: "The doctor will tell him …" in a reader's musing names nobody)
    const title = /^the\s/i.test(description.trim()) ? TITLED[head] : undefined;
    if (title) {
      let last: EntityMention | null = null;
      for (const m of this.mentions) {
        if (m.start >= at) break;
        if (m.label === 'PER') last = m;
      }
      const titled = last && (title.test(this.ctx.text.slice(Math.max(0, last.start - 12), last.start)) || title.test(last.text.split(/\s+/)[0]! + ' '));
      if (last && titled && at - last.start < 600) return this.fromMention(last);
    }
    // no entity roles: look for "<role> Firstname Lastname" earlier in the text (a noun naming a
    // person: "the state" is not the "State" of "Secretary of State Jon Husted")
    if (!PERSON_TITLES.has(head) && !PERSON_NOUNS.has(head) && !/(?:man|woman|person|er|or|ist|ant|ent)$/.test(head)) return null;
    const found = this.lastRoleName(head, at + description.length);
    const name = found ? withoutLeadingNonNames(properName(found) ?? found) : '';
    if (!name) return null;
    // with entities known, "<role> Name" must name a person the NER found ("the program" is no role of "Visa Program Up")
    if (this.mentions.length > 0 && !this.mentions.some((m) => m.label === 'PER' && m.text.endsWith(name))) return null;
    return this.canonicalName(name, 'person');
  }

  /** A name not linked to an entity: completed from a longer name sharing its last word. */
  private canonicalName(name: string, type: string | null = null): Speaker {
    const names = this.entityNames();
    const byName = names.byName.get(name) ?? Infinity;
    const byLast = name.split(' ').length === 1 ? (names.personByLastWord.get(lastWord(name)) ?? Infinity) : Infinity;
    const e = this.ctx.entities[Math.min(byName, byLast)];
    if (e) return { name: e.name, key: e.key, type: e.type };
    if (!name.includes(' ') && (type === null || type === 'person')) {
      const full = this.fullNameOf(name);
      if (full) return { name: full, key: null, type: type ?? 'person' };
    }
    return { name, key: null, type };
  }

  /** Per person entity: its roles and its mentions' roles (lower case, distinct), as words. */
  private roleWords: { e: DocEntity; words: Set<string>; roles: { words: string[]; parts: Set<string> }[] }[] | null = null;

  private personRoles() {
    if (!this.roleWords) {
      this.roleWords = [];
      for (const e of this.ctx.entities) {
        if (e.type !== 'person') continue;
        const distinct = new Set([...e.roles, ...e.mentions.map((m) => m.role ?? '')].map((r) => r.toLowerCase()));
        // (a role's nouns, not its complement: "secretary of state" is no "state")
        const roles = [...distinct].map((r) => ({ words: r.split(/\s+(?:of|for|to|at|in|on)\s+/)[0]!.split(/\s+/), parts: new Set(r.split(/[\s’']+/)) }));
        this.roleWords.push({ e, words: new Set(roles.flatMap((r) => r.words)), roles });
      }
    }
    return this.roleWords;
  }

  /** Index of the first entity with a name or alias, and of the first person by the last word of its name. */
  private names: { byName: Map<string, number>; personByLastWord: Map<string, number> } | null = null;

  private entityNames() {
    if (!this.names) {
      const byName = new Map<string, number>();
      const personByLastWord = new Map<string, number>();
      // by last word: the person the text names most (several share a surname: "Bill Clinton", "Hillary Clinton")
      const order = this.ctx.entities.map((_, i) => i).sort((a, b) => this.ctx.entities[b]!.mentions.length - this.ctx.entities[a]!.mentions.length || a - b);
      for (const i of order) {
        const x = this.ctx.entities[i]!;
        if (withoutLeadingNonNames(x.name, x.type === 'person') !== x.name) continue;
        for (const n of [x.name, ...x.aliases]) if (!byName.has(n) || i < byName.get(n)!) byName.set(n, i);
        if (x.type === 'person' && !personByLastWord.has(lastWord(x.name))) personByLastWord.set(lastWord(x.name), i);
      }
      this.names = { byName, personByLastWord };
    }
    return this.names;
  }

  /** Per role word: its "<role> Firstname Lastname" search in the text, resumed from call to call. */
  private readonly roleNameScans = new Map<string, RoleNameScan>();

  private lastRoleName(head: string, limit: number): string | null {
    let scan = this.roleNameScans.get(head);
    if (!scan) this.roleNameScans.set(head, (scan = new RoleNameScan(this.ctx.text, head)));
    return scan.lastBefore(limit);
  }

  /** Per text: the first "Firstname (Middle) <name>" the text writes out, for a one-word name. */
  private readonly fullNames = new Map<string, string | null>();

  private fullNameOf(name: string): string | null {
    const known = this.fullNames.get(name);
    if (known !== undefined) return known;
    let found: string | null = null;
    namesBefore(this.ctx.text, name, (match) => {
      const full = properName(match);
      if (!full || full.split(' ').length < 2 || full.split(' ').some((w) => STOP_CAPS.has(w)) || withoutLeadingNonNames(full) !== full) return false;
      // across a sentence or paragraph end it is no name; with entities known, it must be a person the NER found
      if (/[.!?]\s|\n/.test(match)) return false;
      if (this.mentions.length > 0 && !this.mentions.some((m) => m.label === 'PER' && m.text === full)) return false;
      found = full;
      return found !== null;
    });
    this.fullNames.set(name, found);
    return found;
  }
}

const STOP_CAPS = new Set(['The', 'A', 'An', 'In', 'On', 'But', 'And', 'As', 'At', 'Mr.', 'Mrs.', 'Ms.', 'President', 'Minister', 'Spokesman', 'Spokesperson', 'Secretary', 'Kremlin', 'White', 'House']);

const ORG_HEAD =
  /\b(?:Kremlin|House|Department|Ministry|Office|Council|Agency|Commission|Committee|Party|Government|Pentagon|Court|Bank|Police|Army|Service|Post|Times|News|Reuters|Press|Agency|Union|Organi[sz]ation|Institute|University|Foundation|Fund|Group|Corporation|Company|Inc|Ltd|Moscow|Washington|Beijing|Kyiv|Kiev|London|Paris|Berlin|Tokyo)$/;

/** Institutions named by one capitalised common word. */
const INSTITUTIONS = new Set(['Police', 'Pentagon', 'Kremlin', 'Congress', 'Senate', 'Parliament', 'Vatican', 'Treasury', 'Interpol', 'Europol', 'Downing Street']);

const PERSON_TITLES = new Set([
  'president', 'minister', 'secretary', 'spokesman', 'spokeswoman', 'spokesperson', 'chancellor', 'senator', 'sen',
  'gov', 'governor', 'general', 'gen', 'chief', 'ambassador', 'director', 'chairman', 'chairwoman', 'chair', 'ceo',
  'judge', 'justice', 'king', 'queen', 'prince', 'princess', 'pope', 'mayor', 'representative', 'rep', 'dr',
  'professor', 'prof', 'lt', 'col', 'adm', 'admiral', 'officer', 'aide', 'adviser', 'advisor', 'leader', 'head',
  'commander', 'attorney', 'speaker', 'premier', 'envoy', 'deputy', 'vice', 'sheikh', 'emir', 'sultan', 'lord',
  'sir', 'dame', 'mr', 'mrs', 'ms', 'captain', 'capt', 'sergeant', 'sgt', 'colonel', 'lieutenant', 'major',
  'commissioner', 'inspector', 'superintendent', 'counsel', 'coach', 'manager', 'founder', 'editor', 'analyst',
  'mp', 'mep', 'msp', 'mla', 'taoiseach', 'tanaiste', 'tánaiste', 'pm', 'chancellor', 'councillor', 'councilor', 'rabbi', 'rev',
]);

const CALENDAR = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Today|Yesterday|Tomorrow)$/;

/** "The Kremlin on Friday", "Peskov last week": time words after a name are not the name. */
const TIME_TAIL =
  /(?<!\s)\s+(?:on|last|this|late|early|earlier|later)\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|week|month|year|night|morning|evening|afternoon)\b.*)$/;

/** A capitalised word and the space after it, sticky. */
const CAP_WORD = /\p{Lu}[\p{L}'’-]+\.?\s+/uy;
const SPACE = /\s/;

/**
 * Calls `each` with the matches, in order, of the global search
 * /((?:\p{Lu}[\p{L}'’-]+\.?\s+){1,2})NAME\b/gu ("Firstname (Middle) NAME") until it returns true.
 * A match ends at an occurrence of the name after one or two capitalised words, so only the
 * positions up to two space-separated runs before each occurrence are tried, and the words are
 * matched by one shared pattern (no pattern compiled per name).
 */
export function namesBefore(text: string, name: string, each: (match: string) => boolean): void {
  if (name === '' || SPACE.test(name) || !/^\p{L}/u.test(name)) {
    const re = new RegExp(`((?:\\p{Lu}[\\p{L}'’-]+\\.?\\s+){1,2})${escapeRegExp(name)}\\b`, 'gu');
    for (const m of text.matchAll(re)) if (each(m[0])) return;
    return;
  }
  const last = name[name.length - 1]!;
  const nameIsWord = ASCII_WORD.test(last);
  const nameAt = (x: number) => text.startsWith(name, x) && (x + name.length < text.length && ASCII_WORD.test(text[x + name.length]!)) !== nameIsWord;
  const word = (at: number) => {
    CAP_WORD.lastIndex = at;
    return CAP_WORD.test(text) ? CAP_WORD.lastIndex : -1;
  };
  let next = 0; // first position not yet tried (and not inside a previous match)
  for (let o = text.indexOf(name); o >= 0; o = text.indexOf(name, o + 1)) {
    if (o === 0 || !SPACE.test(text[o - 1]!)) continue;
    let j = o;
    for (let run = 0; run < 2; run++) {
      while (j > 0 && SPACE.test(text[j - 1]!)) j--;
      while (j > 0 && !SPACE.test(text[j - 1]!)) j--;
    }
    for (let p = Math.max(j, next); p < o; p++) {
      const e1 = word(p);
      if (e1 < 0) continue;
      const e2 = word(e1);
      const end = e2 >= 0 && nameAt(e2) ? e2 + name.length : nameAt(e1) ? e1 + name.length : -1;
      if (end < 0) continue;
      if (each(text.slice(p, end))) return;
      next = end;
      p = end - 1;
    }
    next = Math.max(next, o);
  }
}

/** What follows the role word in "<role> Firstname Lastname" (sticky; the name is group 1). */
const NAME_AFTER_ROLE = /\s+((?:\p{Lu}[\p{L}'’-]+\.?\s+){0,2}\p{Lu}[\p{L}'’-]+)/uy;
const ASCII_WORD = /[A-Za-z0-9_]/;

/**
 * The name in the last "<role> Firstname Lastname" ("spokesman John Kirby") of `text` starting
 * before `limit`, for a lower-cased role word: the last capture of the global search
 * /\b[Hh]ead\s+(Name…)/gu over the text. Found without compiling a pattern per role word or
 * scanning the whole text with it: where the word occurs, the boundary (\b, ASCII word characters
 * as in a /u pattern) is checked and the rest of the pattern is tried there.
 */
export function lastRoleName(text: string, head: string, limit: number): string | null {
  return new RoleNameScan(text, head).lastBefore(limit);
}

/**
 * lastRoleName's search for one role word, resumable: matches are found only as far into the text
 * as a call asks, and a later call with a larger limit goes on from there (same matches, in the
 * same order, as one search up to that limit).
 */
export class RoleNameScan {
  /** Where each match's role word starts, and its name, in text order. */
  private readonly at: number[] = [];
  private readonly names: string[] = [];
  private readonly text: string;
  private readonly head: string;
  /** Role words the literal search does not cover: the global pattern's matches, one kept ahead. */
  private readonly matches: Iterator<RegExpMatchArray> | null = null;
  private pending: RegExpMatchArray | null = null;
  private readonly capitalised: string = '';
  private readonly headIsWord: boolean = false;
  private end = 0; // matches do not overlap: the next one starts at or after the previous one's end
  // where the word starts next, in lower case or capitalised (-1: no more)
  private lowerAt = -1;
  private upperAt = -1;

  constructor(text: string, head: string) {
    this.text = text;
    this.head = head;
    const first = head[0]!;
    const upper = first.toUpperCase();
    // (the literal search needs a one-character class [Hh] that means what it says)
    if (head.length < 2 || upper.length !== 1 || /[\]\\^\-\uD800-\uDFFF]/.test(first)) {
      this.matches = text.matchAll(roleNamePattern(head));
      this.pending = this.matches.next().value ?? null;
      return;
    }
    this.capitalised = upper + head.slice(1);
    this.headIsWord = ASCII_WORD.test(first);
    this.lowerAt = text.indexOf(head);
    this.upperAt = upper !== first ? text.indexOf(this.capitalised) : -1;
  }

  /** The name of the last match whose role word starts before `limit`, or null. */
  lastBefore(limit: number): string | null {
    this.searchTo(limit);
    let k = this.at.length;
    while (k > 0 && this.at[k - 1]! >= limit) k--;
    return k > 0 ? this.names[k - 1]! : null;
  }

  private searchTo(limit: number): void {
    const text = this.text;
    if (this.matches) {
      while (this.pending && this.pending.index! < limit) {
        this.at.push(this.pending.index!);
        this.names.push(this.pending[1]!);
        this.pending = this.matches.next().value ?? null;
      }
      return;
    }
    // the two searches merged in text order
    for (;;) {
      const lower = this.lowerAt;
      const upper = this.upperAt;
      if (lower < 0 && upper < 0) return;
      const fromLower = upper < 0 || (lower >= 0 && lower < upper);
      const p = fromLower ? lower : upper;
      if (p >= limit) return;
      if (fromLower) this.lowerAt = text.indexOf(this.head, lower + 1);
      else this.upperAt = text.indexOf(this.capitalised, upper + 1);
      if (p < this.end) continue;
      const beforeIsWord = p > 0 && ASCII_WORD.test(text[p - 1]!);
      if (beforeIsWord === this.headIsWord) continue;
      NAME_AFTER_ROLE.lastIndex = p + this.head.length;
      const m = NAME_AFTER_ROLE.exec(text);
      if (m) {
        this.at.push(p);
        this.names.push(m[1]!);
        this.end = NAME_AFTER_ROLE.lastIndex;
      }
    }
  }
}

/** lastRoleName by the global search itself (role words the literal search does not cover). */
export function lastRoleNameByScan(text: string, head: string, limit: number): string | null {
  let found: string | null = null;
  for (const m of text.matchAll(roleNamePattern(head))) {
    if (m.index! >= limit) break;
    found = m[1]!;
  }
  return found;
}

/** The global search /\b[Hh]ead\s+(Name…)/gu of a lower-case role word. */
function roleNamePattern(head: string): RegExp {
  const headPattern = `[${head[0]!.toUpperCase()}${head[0]}]${escapeRegExp(head.slice(1))}`;
  return new RegExp(`\\b${headPattern}\\s+((?:\\p{Lu}[\\p{L}'’-]+\\.?\\s+){0,2}\\p{Lu}[\\p{L}'’-]+)`, 'gu');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Capitalised words that open a sentence or a clause, or name a publication, glued by the NER to
// the name after them: "Said Ellis: …", "Unlike Patriot, …", "the Washington Post Trump said".
// Organisations' names may start with a preposition ("Under Armour", "No Labels"): for them only
// verbs of speech and subordinating words are dropped.
const NOT_NAME_OPENERS = new Set(
  ('said says asked added told wrote tweeted replied responded noted explained insisted argued warned continued recalled ' +
    'unlike after before while whereas although though because since unless despite including meanwhile however according').split(' '),
);
const NOT_PERSON_OPENERS = new Set(
  ('like under only when if as with without for from of by to at in on into over and but or nor so then also even just ' +
    'still yet now here there thus besides amid among against per via dear thanks yes no not every each both neither ' +
    'either where why how what who whom whose which that this these those retired an the').split(' '),
);
const PUBLICATION_WORDS = new Set('post times journal news tribune herald gazette magazine daily press network radio tv channel'.split(' '));

/** A person's name without titles before it ("Tanaiste Leo Varadkar" → "Leo Varadkar"), when a name of two words or more is left. */
function withoutLeadingTitles(name: string): string {
  const words = name.split(' ');
  let k = 0;
  while (k < words.length - 2 && PERSON_TITLES.has(words[k]!.replace(/\.$/, '').toLowerCase())) k++;
  return words.slice(k).join(' ');
}

/** A name without the leading words that are no part of it ("" when nothing is left). */
export function withoutLeadingNonNames(name: string, person = true): string {
  const words = name.split(/\s+/).filter(Boolean);
  const opener = (w: string) => NOT_NAME_OPENERS.has(w) || (person && (NOT_PERSON_OPENERS.has(w) || PUBLICATION_WORDS.has(w)));
  let k = 0;
  while (k < words.length - 1 && opener(words[k]!.replace(/[.,:;]$/, '').toLowerCase())) k++;
  const last = words[k]!;
  if (k === words.length - 1 && !/^\p{Lu}{2,}$/u.test(last) && (NOT_NAME_OPENERS.has(last.toLowerCase()) || NOT_PERSON_OPENERS.has(last.toLowerCase()))) return '';
  return words.slice(k).join(' ');
}

/** The source up to its apposition or relative clause, without a time after it: "Peskov on Friday, the spokesman" → "Peskov". */
const TITLED: Record<string, RegExp> = { doctor: /\bDr\.?\s+$/, professor: /\bProf(?:essor)?\.?\s+$/ };

/** A description, then a name in apposition: "The director general of the WHO, Dr Margaret Chan(,)". */
const APPOSITIVE_NAME = /^((?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s[^,]+),\s*((?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3})\s*,?$/u;

function headPhrase(raw: string): string {
  return raw
    .trim()
    .split(/,|\s\(|\s(?:who|which|whose|that)\b/)[0]!
    .replace(TIME_TAIL, '')
    .replace(/(?<!\s)\s+(?:in|on|since|during)\s+(?:\d{4}|the\s+\d{4}s)$/, '')
    .replace(/(?<!\s)(?:\s+(?:and|or|but))+$/, '')
    .replace(/(?<![\s\p{P}])[\s\p{P}]+$/u, '');
}

/** Words before a name that make it the complement of another head ("observers in Virginia"), but not "the city of Phoenix". */
const COMPLEMENT_BEFORE =
  /(?:^|\s)(?!(?:city|town|state|county|province|government|republic|kingdom|university|ministry|department|office|bank|port|island|isle)\s)\S+\s+(?:in|of|on|at|from|for|with|near|across|about|around|inside|outside)\s+(?:the\s+)?$/i;

const RELATIVE_PRONOUNS = new Set(['who', 'which', 'that', 'whom']);
/**
 * Between a name and its relative pronoun: a place of origin and a description in apposition
 * (", a lawyer", ", 61, a charter boat captain out of Alabama,", " of Metairie, Louisiana,").
 */
const APPOSITION_TO_RELATIVE =
  /^(?=\s*,|\s+of\s)(?:\s+of\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*(?:\s*,\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*)?)?(?:\s*,\s*(?:\d+\s*,\s*)?(?:(?:a|an|the|his|her|their|its)\s|\d+\s*$|\p{Ll})[^,.;:!?()“”"]{0,90}(?:,\s*[^,.;:!?()“”"]{0,60})?)?$/u;
/** Before a name: the preposition of another head's complement ("a tech staffer at the State Department who"). */
const ORG_IN_COMPLEMENT_BEFORE = /\p{Ll}\s+(?:in|of|at|from|with|near|inside|outside)\s+(?:the\s+)?(?:\p{Lu}[\p{L}.'’-]*\s+){1,2}$/u;
const COMPLEMENT_BEFORE_RELATIVE = /\p{Ll}\s+(?:of|for|with|from|at|in|on|to)\s+(?:the\s+)?$/u;

/**
 * A participle and "by" before a name: the name is the participle's agent ("commissioned by",
 * "appointed by", "released by", "led by"), not who speaks. Participles of authorship ("written
 * by", "conducted by", "issued by") and a noun before "by" ("a study by Harvard", "a statement by
 * the company") leave the author speaking.
 */
const AGENT_PARTICIPLE =
  '(?:^|\\s)(?!(?:written|conducted|compiled|issued|published|prepared|authored|signed|sent|posted|delivered|given|made|carried|co-?authored|penned|filed|produced|read|kept)\\s)' +
  '(?:\\p{Ll}[\\p{Ll}-]*(?:ed|en|wn)|led|run|set|held|hit|put|paid|built|brought|caught|bought|sold|kept|left|met|funded|hired|named|chosen|backed|owned|chaired|headed)(?:\\s+(?:up|out|in))?\\s+by\\s';
/** Text before a name that makes it a participle's agent (titles may come between: "commissioned by President"). */
const AGENT_BEFORE = new RegExp(`${AGENT_PARTICIPLE}+(?:the\\s+)?(?:\\p{Lu}[\\p{L}.'’-]*\\s+){0,3}$`, 'u');
/** Where an agent phrase starts inside a source: "a 46-page suicide analysis[ released by …]". */
const AGENT_IN = new RegExp(AGENT_PARTICIPLE, 'u');

/** Nouns a text calls any company by ("the company", "the oil giant"), and nouns of one kind of company ("the bank"). */
const GENERIC_COMPANY_NOUNS = new Set(['company', 'firm', 'corporation', 'giant', 'major', 'multinational', 'conglomerate']);
const SPECIFIC_COMPANY_NOUNS = [
  'bank', 'lender', 'insurer', 'airline', 'carrier', 'carmaker', 'automaker', 'retailer', 'supermarket', 'chain', 'manufacturer',
  'maker', 'producer', 'driller', 'contractor', 'utility', 'miner', 'broker', 'bottler', 'brewer', 'publisher',
];
/** Nouns a text calls an organisation by that is no company ("the federal agency MMS", "Greenpeace, the campaign group"). */
const NOT_COMPANY_NOUNS = new Set(
  'agency department regulator authority commission committee charity group organisation organization union party newspaper paper broadcaster network channel website court university government administration ministry body panel watchdog council'.split(' '),
);
const COMPANY_SYNONYMS: Record<string, string[]> = { lender: ['lender', 'bank'], carrier: ['carrier', 'airline'], automaker: ['automaker', 'carmaker'], carmaker: ['carmaker', 'automaker'] };
const COMPANY_NOUNS = `${[...GENERIC_COMPANY_NOUNS].join('|')}|${SPECIFIC_COMPANY_NOUNS.join('|')}`;
const KIND_NOUNS = `${COMPANY_NOUNS}|${[...NOT_COMPANY_NOUNS].join('|')}`;
/** "the company", "the oil giant", "The Anglo-Dutch firm" (not "the other company", "the parent company", "the company's"). */
const COMPANY_DESCRIPTION = new RegExp(
  `^(the|this)\\s+((?:(?!other\\s|same\\s|rival\\s|parent\\s|new\\s|former\\s|holding\\s|first\\s|second\\s|third\\s|last\\s|latter\\s|former\\s|smaller\\s|larger\\s|each\\s)[\\p{Ll}-]+\\s+){0,2})?(${COMPANY_NOUNS})$`,
  'iu',
);
const COMPANY_DESCRIPTION_IN_TEXT = new RegExp(`\\b(?:the|The)\\s+(?:[\\p{Ll}-]+\\s+){0,2}?(${COMPANY_NOUNS})\\b(?!\\s+\\p{Lu})`, 'gu');
/** Names of institutions, media and groups, not companies: "the company" is none of them. */
const NOT_A_COMPANY =
  /\b(?:Agency|Department|Administration|Commission|Committee|Congress|Senate|House|Guard|Service|Ministry|Court|Office|Bureau|Authority|Police|University|College|Institute|Association|Party|Union|Foundation|Organi[sz]ation|Council|Board|Panel|Army|Navy|Force|Parliament|Government|Cabinet|Treasury|Reserve|Times|Post|News|Journal|Telegraph|Guardian|Mail|Press|Radio|Television|Tribune|Herald|Observer|Magazine|Network|Center|Centre|Society|Club|Fund|Greenpeace|Reuters|Bloomberg)\b/u;
const ADMINISTRATION_AFTER = /^\s*(?:['’]\s*s\s+)?[Aa]dministration(?:\s+(?:officials?|spokes(?:man|woman|person)|sources?))?\s*$/;
const ONE_OF_PEOPLE_AFTER = /^\s*(?:['’]\s*s\s+)?(?:(?:senior|top|former|close|longtime|chief)\s+)?(?:aide|adviser|advisor|staffer|ally|supporter|official|lawyer|attorney|strategist|negotiator|loyalist|insider|confidant)\s*$/;
const SPOKESPEOPLE = 'spokes(?:man|woman|person|people|men|women)|officials?|representatives?|press officer';
const SPOKESPEOPLE_BEFORE = /^\s*(?:(?:a|an|one|another|the|two|three|several|other)\s+)?(?:(?:senior|top|unnamed|anonymous)\s+)?$/i;
const SPOKESPEOPLE_AFTER = new RegExp(`^\\s*(?:['’]\\s*s\\s+)?(?:(?:senior|chief|press|media)\\s+)?(?:${SPOKESPEOPLE})\\s*$`, 'i');
const SPOKESPERSON_FOR = new RegExp(`^\\s*(?:(?:a|an|one|another|the|two|several)\\s+)?(?:(?:senior|top)\\s+)?(?:${SPOKESPEOPLE})\\s+(?:for|of|at|from)\\s+(?:the\\s+)?(?:U\\.?S\\.?\\s+|US\\s+|federal\\s+|state\\s+)?$`, 'i');
const COMPANY_VOICE = new RegExp(`^(?:(?:a|an|one|the|two|several)\\s+)?(?:(?:senior|top)\\s+)?(company|firm)(?:\\s*['’]\\s*s)?\\s+(?:${SPOKESPEOPLE})$`, 'i');
/** Role words a text uses for one another: "the BP boss" is "BP chief executive Tony Hayward". */
const ROLE_SYNONYMS: Record<string, string[]> = { boss: ['boss', 'chief', 'ceo'] };
/** A "name" with a lower-case word that is no name particle: "Tory backbencher", "Labour leader". */
const DESCRIPTION_AS_NAME = /(?:^|\s)(?!(?:de|da|del|della|di|du|van|von|der|den|bin|bint|ibn|al|el|la|le|dos|das|y|ter|ten|zu|af|of|and|the)\s)(?![a-z]['’])(?![a-z]{1,3}-\p{Lu})\p{Ll}[\p{L}'’-]*/u;
const THING_NOUN_BEFORE = /\b(?:rig|well|vessel|ship|tanker|platform|field|hurricane|storm)s?\s+$/i;
/** A corporate suffix or a title the NER took for a whole name ("Inc", "Admiral"). */
/** Words of places' names: "the Gulf of Mexico" (an ORG to the NER in "Gulf oil executives") is no company, "Gulf Oil" is. */
const PLACE_WORD = /\b(?:Gulf|Sea|Ocean|Bay|River|Island|Islands|Coast|Mountains?|Valley|Lake|Canal|Strait|Peninsula|Desert|Delta|Sound)\b/;
const NOT_A_NAME_ALONE = /^(?:Inc|Corp|Co|Ltd|plc|PLC|LLC|Group|Holdings|Admiral|General|Captain|Chairman|President|Chief)\.?$/;
const THE_BEFORE = /\b(?:the|a|an)\s+$/i;
const KIND_BEFORE_NAME = new RegExp(`\\b(${KIND_NOUNS})\\s+$`, 'iu');
const KIND_IN_APPOSITION = new RegExp(`^\\s*(?:,|\\(|-)\\s*(?:the|a|an|one of the|one of)\\s+(?:[\\p{L}-]+\\s+){0,3}?(${KIND_NOUNS})(?:s|es)?\\b`, 'iu');
/** What only a company has: "BP shares", "BP 's chief executive", "Halliburton Inc". */
const CORPORATE_AFTER_NAME =
  /^\s*(?:['’]\s*s\s+|\s+)(?:[\p{Ll}-]+\s+)?(?:share price|shares|shareholders|stock price|chief executive|chief exec|chief financial officer|chairman|ceo|boss|executives?|dividends?|profits|quarterly|annual results|subsidiary)\b|^\s+(?:Inc|Corp|plc|PLC|Ltd|LLC|Co)\b/u;
const CORPORATE_NAME = /\b(?:Inc|Corp|Corporation|Company|Co|Ltd|plc|PLC|LLC|Holdings|Petroleum|Oil|Energy|Airlines|Airways|Motors|Bank|Insurance|Securities|Industries|Pharmaceuticals)\.?$/u;

/** The kinds of company the text shows an organisation's mention to be: "company" for any company, or "bank", "airline" …. */
function companyKindsAround(text: string, m: EntityMention, name: string): string[] {
  const kinds: string[] = [];
  const before = KIND_BEFORE_NAME.exec(text.slice(Math.max(0, m.start - 30), m.start));
  if (before) kinds.push(before[1]!.toLowerCase());
  const after = text.slice(m.end, m.end + 80);
  const apposition = KIND_IN_APPOSITION.exec(after);
  if (apposition) kinds.push(apposition[1]!.toLowerCase());
  if (CORPORATE_AFTER_NAME.test(after)) kinds.push('company');
  const corporate = CORPORATE_NAME.exec(name);
  if (corporate) kinds.push(corporate[0] === 'Bank' ? 'bank' : /^Air/.test(corporate[0]) ? 'airline' : 'company');
  return kinds;
}

/** Where the sentence before the one holding `at` starts (a stop and a space, or a line break, ends a sentence). */
/** What the quote stage knows of one organisation of a text: its kinds ("company", "bank"), its mentions in text order, and running counts over them. */
interface OrganisationFacts {
  kinds: Set<string>;
  mentions: EntityMention[];
  name: string;
  /** For the first i + 1 mentions: how many are names that say it is no company ("… Agency"). */
  notCompanyBefore: number[];
  /** For the first i + 1 mentions: how many are written after "the". */
  theBefore: number[];
  /** How many mentions name a thing (a rig, a well, a storm). */
  things: number;
}

/** How many of `mentions` (in text order) end at or before `at`. */
function mentionsEndingBy(mentions: readonly EntityMention[], at: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function previousSentenceStart(text: string, at: number): number {
  const from = Math.max(0, at - 1200);
  const ends = [...text.slice(from, at).matchAll(/(?:[.!?]["”’]?[ \t]+|\s*\n)\s*/g)];
  return ends.length >= 2 ? from + ends[ends.length - 2]!.index! + ends[ends.length - 2]![0].length : from;
}

/** "a spokesman for", "the campaign of": a description of someone who speaks for the person after it. */
const SPEAKS_FOR_BEFORE = /\b(?:spokes(?:man|woman|person)|press secretary|campaign|office|team|camp|representatives?)\s+(?:for|of)\s+(?:the\s+)?$/i;

/** What may follow a mention to the end of the name it starts: nothing, or capitalised words joined by "for", "of", "to". */
const NAME_CONTINUES = /^(?:\s+(?:for|of|to|on|the|&|\p{Lu}[\p{L}'’.-]*))*\s*$/u;

/** Heads that speak for the name before them: "the US government", "Exxon's website", "Clinton's campaign" (not "Pagliano's lawyer"). */
const SPEAKS_FOR =
  'campaign|team|camp|office|administration|government|staff|ministry|embassy|cabinet|presidency|website|web site|statement|press release|release|spokesman|spokeswoman|spokesperson|' +
  'newspaper|paper|magazine|news agency|agency|network|broadcaster|company|firm|group|party';
const SPEAKS_FOR_TAIL = new RegExp(`^\\s+(?:${SPEAKS_FOR})$`);
const POSSESSOR_SPEAKS = new RegExp(`^(.*\\p{Lu}[\\p{L}.-]*)\\s?['’]s?\\s+(?:[\\p{Ll}-]+\\s+){0,2}(?:${SPEAKS_FOR})$`, 'u');
const NAME_SPEAKS = new RegExp(`^(.*\\p{Lu}[\\p{L}.-]*)\\s+(?:${SPEAKS_FOR})$`, 'u');

const INDEFINITE_ARTICLE = /^(?:a|an|another|one)\s/i;
const PLACE_OF_PLACE_BEFORE = /\p{Ll}\s+(?:in|of|from|at|near|outside)\s+(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*\s?,\s*(?:the\s+)?$/u;
/** "The school", "the agency", "the company": a definite description of one thing, a lower-case singular head. */
const DEFINITE_THING = /^(?:the|its|this|that)\s+(?:[\p{L}-]+\s+){0,2}\p{Ll}+(?<![^s]s)$/iu;

/**
 * Before a one-word name, what makes it a place, a medium or an organisation, not a person: "in
 * Jacmel", "via Skype", "followers on Twitter", "the charity Merlin", "state oil company Pemex".
 */
// (kept out of the method: tsx's esbuild turns a \p{…} literal into a `new RegExp` made on every call)
const WORD_BEFORE = /(\p{L}+)\.?(?:\s*,)?\s+$/u;
const THING_BEFORE =
  /(?:^|[^\p{L}])(?:in|into|via|across|throughout|near|using|on|charity|company|firm|group|organi[sz]ation|agency|network|website|site|service|application|app|city|town|village|port|state|province|region|(?:hurricane|storm|rig|well|field|vessel|ship)s?(?:\s*[-–—:])?)\s+$/iu;

/** After a one-word name, an apposition naming a thing or a thing it names: "Katrina, the hurricane which …", "Macondo well", "The Ushahidi map". */
const THING_AFTER =
  /^\s*,\s*(?:the|a|an)\s+(?:[\p{Ll}-]+\s+){0,2}(?:charity|company|firm|group|organi[sz]ation|agency|network|website|site|service|application|app|city|town|village|port|state|province|region|hurricane|storm|rig|well|field|vessel|ship)\b|^\s+(?:well|rig|map|website|site|field|platform|project|spill|hurricane|storm|vessel)\b/u;

/** People known by one name, named after what they do: "singer Rihanna". */
const PERFORMERS = new Set(['singer', 'actor', 'actress', 'star', 'rapper', 'musician', 'comedian', 'presenter', 'journalist', 'reporter', 'blogger', 'author', 'writer', 'artist', 'model']);

/** Nouns heading a description of one person (besides titles): "a BP engineer", "the fisherman". */
const PERSON_NOUNS = new Set(
  ('official source expert analyst executive lawyer doctor nurse scientist researcher economist worker resident witness ' +
    'engineer teacher student member employee activist campaigner farmer fisherman fisherwoman owner driver passenger ' +
    'victim survivor father mother son daughter wife husband brother sister friend neighbour neighbor man woman boy girl ' +
    'diplomat insider observer strategist consultant pilot soldier physician surgeon professor scholar official staffer ' +
    'operative volunteer organiser organizer protester critic supporter official businessman businesswoman')
    .split(' '),
);
const FEMALE_NOUNS = /(?:woman|wife|mother|daughter|sister|girl|queen|princess|dame|lady|chairwoman|spokeswoman|fisherwoman|businesswoman|mrs|ms|miss)$/;
const MALE_NOUNS = /(?:(?<!wo)man|husband|father|son|brother|boy|king|prince|lord|sir|chairman|spokesman|fisherman|businessman|mr)$/;

/**
 * Whether a source the resolver named nobody for introduces one person ("A Department of Health
 * spokesman", "a fisherman"), and the gender its head noun gives; undefined when it does not
 * (a plural, an organisation, a name).
 */
function unnamedPersonGender(raw: string): Gender | null | undefined {
  // (only an indefinite one introduces someone new: "the senator" may be the senator named before)
  if (!INDEFINITE_ARTICLE.test(raw)) return undefined;
  // the noun before its complement: "An official from the US Food and Drug Administration (…)"
  const head = lastWord(raw.split(/\s(?:from|of|at|for|in|with|on|to|who|which|that)\s|[,(]|\s-LRB-/)[0]!).toLowerCase().replace(/\.$/, '');
  if (!PERSON_NOUNS.has(head) && !PERSON_TITLES.has(head)) return undefined;
  return FEMALE_NOUNS.test(head) ? 'f' : MALE_NOUNS.test(head) ? 'm' : null;
}

/** Where the head phrase of a source starting at `at` ends. */
function headEndOf(raw: string, at: number): number {
  return at + raw.length - raw.trimStart().length + headPhrase(raw).length;
}

function lastWord(s: string): string {
  const words = s.trim().replace(/[.,;:!?)"”’']+$/, '').split(/\s+/);
  return words[words.length - 1] ?? '';
}

function isGeneric(raw: string): boolean {
  const s = raw.trim();
  const head = lastWord(s).toLowerCase();
  if (INDEFINITE.test(s) && !/\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+$/u.test(s)) return true;
  return GENERIC_HEADS.has(head) && !/^\p{Lu}/u.test(lastWord(s));
}

/**
 * The capitalised name in a source span, typos and punctuation cleaned ("Yuri. Ushakov" → "Yuri
 * Ushakov"), determiners dropped ("the Kremlin" → "Kremlin"); null when it is not a name.
 */
export function properName(raw: string): string | null {
  const words = raw
    .replace(DETERMINERS, '')
    .replace(TIME_TAIL, '')
    .replace(/[’']s\b/g, '')
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, ''))
    .filter(Boolean);
  // the last run of capitalised words
  let end = words.length;
  while (end > 0 && !NAME_WORD.test(words[end - 1]!)) end--;
  let start = end;
  while (start > 0 && NAME_WORD.test(words[start - 1]!)) start--;
  if (end === start) return null;
  if (end - start === 1 && CALENDAR.test(words[start]!)) return null;
  let run = words.slice(start, end);
  // titles before a name: "Foreign Minister Sergei Lavrov" → "Sergei Lavrov"
  let lastTitle = -1;
  run.forEach((w, i) => {
    if (PERSON_TITLES.has(w.replace(/\.$/, '').toLowerCase())) lastTitle = i;
  });
  if (lastTitle >= 0 && lastTitle < run.length - 1) run = run.slice(lastTitle + 1);
  const name = run
    .map((w) => (/^\p{Lu}\p{Ll}{2,}\.$/u.test(w) ? w.slice(0, -1) : w))
    .filter((w) => !['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Mr', 'Mrs', 'Ms', 'Dr'].includes(w))
    .join(' ');
  return name || null;
}
