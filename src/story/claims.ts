// Claim evolution: what sources say about one subject, date by date, and where they disagree.
import type { ClaimEvolution, ClaimStatement, Disagreement, EntityMention, IsoDate, Sentence } from '../types.js';
import { extractEventMentions, isFurniture, sentenceMentions } from './events.js';
import type { DatedMention, StoryArticle } from './model.js';
import { contentTerms, isStopword, perObject, stem, words } from './text.js';

const REPORTING =
  /\b(?:said|says|say|told|tells|stated|states|noted|notes|stressed|added|announced|claimed|claims|insisted|warned|argued|confirmed|denied|declared|according to|pointed out|remarked)\b/i;
const NEGATION = /\b(?:no|not|never|none|nothing|neither|nor|without|absent|denied|denies|refused|refuses|rejected|cannot|can't|won't|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|hasn't|haven't)\b|n't\b/i;

// Verbs and function words that say a statement exists but not what it is about.
const NOT_SUBJECTS = new Set(
  ['said', 'say', 'says', 'told', 'tell', 'added', 'noted', 'stated', 'according', 'pointed', 'spokesman', 'spokesperson',
    'spokeswoman', 'secretary', 'president', 'press', 'minister', 'official', 'officials', 'reporters', 'reported', 'question',
    'statement', 'time', 'now', 'new', 'year', 'day', 'week', 'month', 'today', 'yesterday', 'tuesday', 'monday', 'wednesday',
    'thursday', 'friday', 'saturday', 'sunday', 'answering', 'conference', 'call', 'regular', 'daily', 'briefing', 'also',
    'however', 'necessary', 'virtually', 'two', 'first', 'last', 'one', 'would', 'could', 'will', 'can', 'us', 'united',
    'states', 'counterpart', 'meet', 'talk', 'talks', 'issue', 'issues', 'situation', 'side', 'sides', 'country', 'countries',
    'matter', 'point', 'topic', 'part', 'way', 'thing', 'things'].map(stem),
);
// Scale words and the most general nouns: counted things, but no subject of what is said (every
// article of a money or people story has them).
const GENERAL_TERMS = new Set(
  ['million', 'billion', 'trillion', 'thousand', 'thousands', 'millions', 'billions', 'hundreds', 'percent', 'money', 'people',
    'number', 'many', 'much', 'lot', 'lots'].map(stem),
);

// At most this many of a story's subjects are quantities; the others are what is said about something.
const MAX_QUANTITIES = 2;
// A word in more than this share of the story's articles with statements is its topic.
const TOPIC_SHARE = 0.5;
// …once the story is big enough for spread to mean anything: in five articles every subject is in most.
const TOPIC_MIN_ARTICLES = 10;
// Smoothing of the inverse document frequency: small stories rank subjects mostly by how often they come.
const IDF_SMOOTHING = 20;

interface Statement extends ClaimStatement {
  sentenceIndex: number;
  terms: Set<string>;
  /** Stems of what the statement takes a position on or gives the status of (see PREDICATE). */
  held: Map<string, string>;
  surface: Map<string, string>;
}

/**
 * The date of each sentence of an article for its statements: the day its own time expression gives,
 * else the article's news day (what its undated lead was dated by), else the publication date.
 */
const sentenceDates = perObject(datesOfSentences);

interface SentenceDates {
  /** The day a sentence's own time expression gives, else the news day. */
  dateOf: (index: number) => IsoDate | null;
  /** The day the sentence's own time expression gives, if any. */
  own: (index: number) => IsoDate | undefined;
  newsDay: IsoDate | null;
}

function datesOfSentences(article: StoryArticle): SentenceDates {
  const mentions = extractEventMentions(article);
  const byIndex = new Map<number, IsoDate>();
  let newsDay: IsoDate | null = article.published ? article.published.slice(0, 10) : null;
  for (const m of mentions) {
    if (m.basis === 'publication') newsDay = m.date;
    else if (m.granularity === 'day' && !m.future && !byIndex.has(m.sentenceIndex)) byIndex.set(m.sentenceIndex, m.date);
  }
  return { dateOf: (index) => byIndex.get(index) ?? newsDay, own: (index) => byIndex.get(index), newsDay };
}

const SPEAKER_NAME = '((?:[A-Z][\\p{Ll}]+\\s){0,3}[A-Z][\\p{Ll}]+)';
const NAME_BEFORE_VERB = new RegExp(`${SPEAKER_NAME}\\s+(?:said|says|told|noted|stated|added|warned|announced)\\b`, 'u');
const ACCORDING_TO_NAME = new RegExp(`[Aa]ccording to\\s+${SPEAKER_NAME}`, 'u');

/** Speaker from capitalised words right before or after the reporting verb, when NER gave none. */
function fallbackSpeaker(text: string): string | null {
  const before = NAME_BEFORE_VERB.exec(text);
  const according = ACCORDING_TO_NAME.exec(text);
  const name = before?.[1] ?? according?.[1] ?? null;
  if (!name || /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$|^(?:He|She|They|It|We|I|This|That)$/.test(name)) return null;
  return name;
}

// A capitalised word after a space (the statement text is trimmed: not its first word).
const CAPITALISED = /[A-Z][\p{L}'’-]*/gu;

const statementsOf = perObject(findStatements);

// A position taken or a status changed, and what it is about: "opposed the bailout", "approved the
// $ 700 billion rescue plan", "raised its pandemic alert level", "lifted the ban". What such a verb
// governs is a claim's subject; a word only mentioned along the way ("global", "world",
// "federal", "system" in every statement of a crisis story) is not (review 8 F7). "Against" takes a
// side only after a verb of taking one ("voted against"): "effective against the virus", "weapons
// against influenza" take none (review 11).
const PREDICATE =
  /\b(?:support(?:s|ed|ing)?|back(?:s|ed|ing)|oppos(?:e|es|ed|ing)|(?:vot(?:e|es|ed|ing)|campaign(?:s|ed|ing)?|argu(?:e|es|ed|ing)|rul(?:e|es|ed|ing)|protest(?:s|ed|ing)?|lobb(?:y|ies|ied|ying)|(?:come|comes|came|coming) out|sid(?:e|es|ed|ing)|turn(?:s|ed|ing)?|decid(?:e|es|ed|ing)|is|are|was|were) against|reject(?:s|ed|ing)?|endors(?:e|es|ed|ing)|favou?r(?:s|ed|ing)?|urg(?:e|es|ed|ing)|call(?:s|ed|ing)? for|approv(?:e|es|ed|ing)|criticiz(?:e|es|ed|ing)|criticis(?:e|es|ed|ing)|welcom(?:e|es|ed|ing)|defend(?:s|ed|ing)?|refus(?:e|es|ed|ing) to (?:back|support|accept|approve)|rais(?:e|es|ed|ing)|lower(?:s|ed|ing)?|lift(?:s|ed|ing)?|impos(?:e|es|ed|ing)|declar(?:e|es|ed|ing)|clos(?:e|es|ed|ing)|reopen(?:s|ed|ing)?|suspend(?:s|ed|ing)?|resum(?:e|es|ed|ing)|extend(?:s|ed|ing)?|pass(?:es|ed|ing)?|sign(?:s|ed|ing)?|veto(?:es|ed|ing)?|ban(?:s|ned|ning)?|cancel(?:s|led|ed|ling|ing)?|postpon(?:e|es|ed|ing)|delay(?:s|ed|ing)?|recommend(?:s|ed|ing)?|confirm(?:s|ed|ing)?|den(?:y|ies|ied|ying)|stop(?:s|ped|ping)?|open (?:for|to))\s+/gi;
// What may stand between the verb and what it governs.
const NP_LEAD = /^(?:(?:the|a|an|its|their|his|her|our|this|that|these|those|any|all|some|new|further|more|two|three|four|five|six|seven|eight|nine|ten|several|many|\$|€|£|[\d.,]+|(?:hundreds|billions|millions) of|million|billion|trillion|bn|m)\s+)*/i;
const NOT_HEAD = new Set(['that', 'which', 'who', 'whether', 'with', 'from', 'into', 'over', 'about', 'after', 'before', 'since', 'until', 'because', 'while', 'when', 'than', 'for', 'and', 'but', 'the', 'was', 'were', 'had', 'has', 'have', 'been', 'being', 'would', 'could', 'will', 'should', 'not', 'also', 'yesterday', 'today', 'tomorrow', 'earlier', 'later', 'last', 'next', 'this', 'week', 'month', 'year',
  // what a person was confirmed to be: a state, no subject ("confirmed dead", "declared missing")
  'dead', 'alive', 'missing', 'safe', 'injured', 'wounded', 'ill', 'sick', 'positive', 'negative', 'infected']);

// A status said of a subject named before it: "contacts [between Biden and Putin] can resume",
// "new contacts between the Russian president and his American counterpart could be organized", "all
// contacts are virtually absent", "the ban was lifted".
const STATUS_AFTER =
  /\s(?:(?:can|could|will|would|may|might|must|should|is|are|was|were|has|have|had|be|been|not|now|virtually|almost|still|already|no longer)\s+)+(?:resum|restor|organi[sz]|suspend|cancel|stopp|halt|absent|open|closed|banned|lifted|approved|rejected|passed|signed|over\b|possible|impossible|needed|necessary|continu|ended|extended|postponed|delayed|in place|on hold)/gi;
const PREPOSITION = /^(?:between|among|with|of|from|in|on|at|for|to|by|against)$/;

/**
 * What the statement's stance or status verbs govern: the run of up to three lower-case words after
 * the verb (past articles, possessives and figures), its last word the head (English puts it last:
 * "rescue plan", "pandemic alert level"). Stem of the head → the run as written.
 */
function heldSubjects(text: string): Map<string, string> {
  const held = new Map<string, string>();
  PREDICATE.lastIndex = 0;
  for (let m = PREDICATE.exec(text); m; m = PREDICATE.exec(text)) {
    let rest = text.slice(m.index + m[0].length, m.index + m[0].length + 80);
    rest = rest.slice(NP_LEAD.exec(rest)![0].length);
    const run: string[] = [];
    for (const w of rest.split(/\s+/)) {
      if (run.length >= 3 || !/^[a-z][a-z-]{2,}$/.test(w) || NOT_HEAD.has(w) || isStopword(w) || /ly$/.test(w)) break;
      run.push(w);
    }
    // a participle or a verb ends nothing it governs ("confirmed spreading", "raised concerns")
    while (run.length && /(?:ing|ed)$/.test(run[run.length - 1]!)) run.pop();
    const head = run[run.length - 1];
    if (!head) continue;
    const st = stem(head);
    if (NOT_SUBJECTS.has(st) || GENERAL_TERMS.has(st)) continue;
    if (!held.has(st)) held.set(st, run.join(' '));
  }
  STATUS_AFTER.lastIndex = 0;
  for (let m = STATUS_AFTER.exec(text); m; m = STATUS_AFTER.exec(text)) {
    // the clause before the verb group, brackets dropped; the subject's head stands before its
    // first preposition ("contacts between the Russian president and…"), else last
    const clause = text.slice(Math.max(0, m.index - 120), m.index).replace(/\[[^\]]*\]|\([^)]*\)/g, ' ').split(/[,;:.!?“”"]/).pop()!;
    const ws = clause.trim().split(/\s+/).slice(-10);
    const p = ws.findIndex((w) => PREPOSITION.test(w));
    const head = p > 0 ? ws[p - 1] : p < 0 ? ws[ws.length - 1] : undefined;
    if (!head || !/^[a-z][a-z-]{2,}$/.test(head) || NOT_HEAD.has(head) || isStopword(head)) continue;
    const st = stem(head);
    if (NOT_SUBJECTS.has(st) || GENERAL_TERMS.has(st)) continue;
    if (!held.has(st)) held.set(st, head);
  }
  return held;
}

/** The sentence covering a text offset, or -1 (sentences are in text order: the last one starting at or before it). */
function sentenceIndexAt(sentences: readonly Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && offset < sentences[found]!.end ? found : -1;
}

function findStatements(article: StoryArticle): Statement[] {
  const out: Statement[] = [];
  const { sentences, quotes, mentions } = article.analysis;
  const seen = new Set<number>();
  const { dateOf } = sentenceDates(article);
  const add = (sentenceIndex: number, speaker: string | null, date: IsoDate | null | undefined) => {
    if (seen.has(sentenceIndex)) return;
    const s = sentences[sentenceIndex]!;
    const text = article.text.slice(s.start, s.end).trim();
    if (isFurniture(text)) return;
    const d = date ?? dateOf(sentenceIndex);
    if (!d) return;
    seen.add(sentenceIndex);
    const terms = new Set<string>();
    const surface = new Map<string, string>();
    const names = new Set(sentenceMentions(article, sentenceIndex).flatMap((m) => words(m.text)));
    // Capitalised inside the sentence: a name, not a subject.
    const capitalised = new Set<string>();
    for (const m of text.matchAll(CAPITALISED)) if (m.index > 0 && /\s/.test(text[m.index - 1]!)) for (const w of words(m[0])) capitalised.add(w);
    for (const w of words(text)) {
      if (isStopword(w) || w.length < 4 || /\d/.test(w) || names.has(w) || capitalised.has(w)) continue;
      const st = stem(w);
      if (NOT_SUBJECTS.has(st) || GENERAL_TERMS.has(st)) continue;
      terms.add(st);
      if (!surface.has(st)) surface.set(st, w);
    }
    out.push({
      sentenceIndex,
      date: d,
      articleId: article.id,
      source: article.source,
      speaker: speaker ?? fallbackSpeaker(text),
      text,
      terms,
      held: heldSubjects(text),
      surface,
    });
  };
  for (const q of quotes) {
    if (q.kind !== 'speech') continue;
    const i = sentenceIndexAt(sentences, q.content[0]);
    if (i >= 0) add(i, q.speaker, q.date);
  }
  sentences.forEach((s, i) => {
    if (REPORTING.test(article.text.slice(s.start, s.end))) add(i, null, undefined);
  });
  return out;
}

/**
 * Subjects that several sources speak about on different dates, each with its statements in date
 * order: how what is said about it changed ("contacts can resume" → "contacts are virtually absent").
 */
export function claimEvolution(articles: StoryArticle[], maxSubjects = 3): ClaimEvolution[] {
  const from = storyStart(articles);
  const out: ClaimEvolution[] = [];
  const quantityKeys = new Set<string>();
  for (const q of quantityEvolution(articles, from)) {
    if (out.length >= Math.min(MAX_QUANTITIES, maxSubjects)) break;
    // "barrels a day" with no process named mixes what leaks and what is collected: shown only alone
    const [key, place, process] = q.thing.split('#');
    if (!process && quantityKeys.has(`${key}#${place}`)) continue;
    // "number of cases" of no place and no kind mixes every count of the story
    if (!process && !place && !key!.includes('|')) continue;
    const claim = q.claim();
    if (!claim) continue;
    quantityKeys.add(`${key}#${place}`);
    out.push(claim);
  }
  const statements = articles.flatMap(statementsOf).filter((s) => !from || s.date >= from);
  const withStatements = new Set(statements.map((s) => s.articleId)).size;
  const byTerm = new Map<string, Statement[]>();
  // Articles in which a position is taken on a word, or its status is changed (heldSubjects): a
  // claim's subject is something that changes, not a word that only comes up along the way.
  const heldIn = new Map<string, Set<string>>();
  for (const s of statements) {
    for (const t of s.held.keys()) {
      let ids = heldIn.get(t);
      if (!ids) heldIn.set(t, (ids = new Set()));
      ids.add(s.articleId);
    }
  }
  for (const s of statements) {
    for (const t of s.held.keys()) {
      if ((heldIn.get(t)?.size ?? 0) < 2) continue;
      let list = byTerm.get(t);
      if (!list) byTerm.set(t, (list = []));
      list.push(s);
    }
  }
  // Headlines say what a story is about: a subject they name weighs more than one only quoted.
  const titlesWith = new Map<string, number>();
  for (const a of articles) for (const t of new Set(words(a.title).map(stem))) titlesWith.set(t, (titlesWith.get(t) ?? 0) + 1);
  // A word in most of the story's articles is its topic ("spill" in an oil spill), not a claim in it:
  // salience falls as a word spreads over the story (inverse document frequency within the story).
  // How far a word spreads over the story: the articles with a statement naming it at all (a word
  // most of them name is the story's topic: "swine flu" in a flu story).
  const spreadOf = (term: string, list: Statement[]): number => {
    const head = new RegExp(`\\b${list[0]!.held.get(term)!.split(' ').pop()!}\\b`, 'i');
    const ids = new Set<string>();
    for (const s of statements) if (!ids.has(s.articleId) && (s.terms.has(term) || head.test(s.text))) ids.add(s.articleId);
    return ids.size;
  };
  const topicSize = Math.max(TOPIC_MIN_ARTICLES, withStatements * TOPIC_SHARE);
  const subjects = [...byTerm]
    .filter(([, list]) => new Set(list.map((s) => s.articleId)).size >= 2 && new Set(list.map((s) => s.date)).size >= 2)
    .map(([term, list]) => {
      const nArticles = new Set(list.map((s) => s.articleId)).size;
      const inTitles = titlesWith.get(term) ?? 0;
      const idf = Math.log((withStatements + IDF_SMOOTHING) / nArticles);
      return { term, list, articles: nArticles, dates: new Set(list.map((s) => s.date)).size, salience: (nArticles + 2 * inTitles) * idf };
    })
    .filter((x) => x.articles >= 2 && x.dates >= 2)
    .sort((a, b) => b.salience - a.salience || b.dates - a.dates || b.list.length - a.list.length || a.term.localeCompare(b.term));
  const used = new Set<Statement>();
  for (const subject of subjects) {
    if (out.length >= maxSubjects) break;
    if (spreadOf(subject.term, subject.list) > topicSize) continue;
    // One statement per article and date: the first that names a speaker, else the first.
    const kept = new Map<string, Statement>();
    for (const s of subject.list) {
      if (used.has(s)) continue;
      const key = `${s.articleId}|${s.date}`;
      const prev = kept.get(key);
      if (!prev || (!prev.speaker && s.speaker)) kept.set(key, s);
    }
    const fresh = [...kept.values()];
    if (new Set(fresh.map((s) => s.articleId)).size < 2) continue;
    fresh.forEach((s) => used.add(s));
    const forms = new Map<string, number>();
    // The label: the word with the modifier most positions give it ("rescue plan"), else the word.
    for (const s of fresh) {
      const w = s.surface.get(subject.term) ?? s.held.get(subject.term)!.split(' ').pop()!;
      forms.set(w, (forms.get(w) ?? 0) + 1);
    }
    const word = [...forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? subject.term;
    const modified = new Map<string, number>();
    for (const s of fresh) {
      const run = s.held.get(subject.term)?.split(' ');
      if (run && run.length > 1) modified.set(run.slice(-2).join(' '), (modified.get(run.slice(-2).join(' ')) ?? 0) + 1);
    }
    const [form, n] = [...modified].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [word, 0];
    const label = n >= 2 ? form : word;
    out.push({
      subject: label,
      statements: fresh
        .sort((a, b) => a.date.localeCompare(b.date) || a.articleId.localeCompare(b.articleId))
        .map(({ date, articleId, source, speaker, text }) => ({ date, articleId, source, speaker, text })),
    });
  }
  return out;
}

const NUMBER_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, dozen: 12 };
// (a Set answers for any token faster than the object's own keys)
const IS_NUMBER_WORD = new Set(Object.keys(NUMBER_WORDS));
const SCALES: Record<string, number> = { hundred: 1e2, thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, trillion: 1e12, tn: 1e12 };
const CURRENCIES = new Set(['dollars', 'pounds', 'euros', 'yuan', 'yen', 'rupees']);
// Time units, months, ratios and the like: what a number measures, not a thing counted.
const NOT_COUNTED = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$|^(?:gmt|utc|est|edt|pst|bst|cet|local|am|pm|hours?|minutes?|seconds?|days?|weeks?|months?|years?|decades?|centuries|percent|per|cent|percentage|points?|times?|fold|o'clock|others|ones|ways|steps|stories|pages|words)$/;
// People counted in a disaster or a conflict: which count it is lies in the verb near them.
const PERSON_NOUNS = new Set(['people', 'persons', 'residents', 'workers', 'employees', 'civilians', 'children', 'men', 'women', 'victims', 'bodies', 'passengers', 'soldiers', 'troops', 'crew', 'staff', 'villagers', 'migrants', 'refugees', 'survivors', 'protesters', 'fishermen', 'inhabitants']);
const CASUALTY_WORDS: [RegExp, string][] = [
  [/^(?:kill|dead|die|died|dies|dying|death|deaths|fatalities|perished|lost|toll)/, 'killed'],
  [/^(?:injur|wound|hurt)/, 'injured'],
  [/^(?:missing|unaccounted)/, 'missing'],
  [/^(?:homeless|displaced|evacuat)/, 'displaced'],
  [/^(?:rescued|saved|alive)/, 'rescued'],
  [/^(?:arrest|detain)/, 'arrested'],
  [/^(?:affected)/, 'affected'],
];
// Quantities measured in a unit: which quantity it is lies in what follows (a rate, "of oil", "offshore").
const UNIT_NOUNS = new Set(['barrels', 'gallons', 'litres', 'liters', 'tons', 'tonnes', 'miles', 'kilometres', 'kilometers', 'km', 'feet', 'metres', 'meters', 'acres', 'hectares', 'square']);
const IRREGULAR_PLURALS = new Set(['people', 'men', 'women', 'children', 'dead', 'injured', 'wounded', 'missing', 'staff', 'crew', 'personnel', 'police', 'feet', 'cattle', 'fish', 'km']);
const LOWER_BOUND = /(?:more than|over|above|at least|upwards of|in excess of|exceeding)$/;
const UPPER_BOUND = /(?:up to|as many as|as much as|as high as|fewer than|less than|under|nearly|almost|close to|just under)$/;
const ROUGHLY = /(?:about|around|some|roughly|approximately|an estimated|estimated|approx)$/;
const DATE_WORDS = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$|^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:today|yesterday|tomorrow|week|month|year|day|morning|afternoon|evening|night|earlier|later|last|next)$/;

/** One count a sentence gives: what is counted (key and label) and the range of values it allows. */
export interface StatedCount {
  key: string;
  about: string;
  lo: number;
  hi: number;
}

// A death toll named before its figure, nothing counted after it.
const TOLL_BEFORE = /\b(?:death|casualty|confirmed|official|the) toll\b|\bnumbers? of (?:the )?(?:dead|deaths|fatalities|people (?:killed|dead)|those killed)\b|\bnumbers? (?:killed|dead)\b/;
const RUNNING_TOTAL = /\b(?:so far|to date|thus far|in all|in total)\b/i;
const TOKEN_RE = /\$?\d[\d,]*(?:\.\d+)?(?:-\d[\d,]*(?:\.\d+)?)?(?:bn|mn|m|k|tn)?\b|[a-z][a-z'.-]*[a-z]|[a-z]|\$|%|[,;:]/g;
const CAPITALISED_WORD = /(?<![\p{L}'’.-])[A-Z][A-Za-z'.-]*[A-Za-z]/gu;

function parseNumber(raw: string): number {
  return Number(raw.replace(/,/g, ''));
}

function isPlural(w: string): boolean {
  return IRREGULAR_PLURALS.has(w) || (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is|ous)$/.test(w));
}

/** A stated count with where it stands in its sentence: the words around it tell what it measures. */
interface CountInContext extends StatedCount {
  /** The stated figure(s), as a reader would write them: "5,000", "12,000–19,000", "$20 billion". */
  value: string;
  /** Words before the number (nearest last) and after the counted phrase, up to another number or a ';'. */
  before: string[];
  after: string[];
  /** The words before the number reach back to the start of the sentence. */
  fromStart: boolean;
  /** The stated figure (the middle of a range). */
  figure: number;
  /** Words between the number and what it counts: "101 suspected deaths". */
  between: string[];
  /** "110 new cases", "a further 44": an increment, not the level. */
  increment: boolean;
  /** The number as the (lower-cased, re-joined) sentence writes it: "45,000-50,000", "$20bn". */
  numeral: string;
}

/**
 * The counts a sentence states: "11 people killed", "5,000 barrels a day", "$20bn fund",
 * "between 100 and 150 people missing". A scale word (million, billion) belongs to the number, never
 * counted; people are counted as killed, injured, missing… (the verb beside them); a unit's quantity is
 * told apart by a rate or by the word after it; money by the thing it is for.
 */
export function statedCounts(sentence: string): StatedCount[] {
  // A running total ("since 20 April", "so far") grows from report to report: no single figure to dispute.
  if (RUNNING_TOTAL.test(sentence)) return [];
  return countsInContext(sentence).map(({ key, about, lo, hi }) => ({ key, about, lo, hi }));
}

function formatFigure(n: number, money: boolean): string {
  const scaled = n >= 1e9 ? `${+(n / 1e9).toFixed(2)} billion` : n >= 1e6 ? `${+(n / 1e6).toFixed(2)} million` : String(+n.toFixed(2)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (money ? '$' : '') + scaled;
}

const CONTEXT_WORDS = 10;
// Before a number, further back: "Last month , BP was estimating the leak to be just over 5,000".
const CONTEXT_WORDS_BEFORE = 20;

/** Tokenised text (Timeline17) writes "50 ,000" and "$ 2": join them again. */
function joinNumbers(text: string): string {
  if (text.includes(' ,') || text.includes('$ ') || text.includes(' - ')) return text.replace(/(\d) ,(\d{3})\b/g, '$1,$2').replace(/\$ (\d)/g, '$$$1').replace(/(\d) - (\d)/g, '$1-$2');
  return text;
}

function countsInContext(sentence: string): CountInContext[] {
  // Tokenised text (Timeline17) writes "50 ,000" and "$ 2": join them again.
  let text = sentence.toLowerCase();
  if (text.includes('(') || text.includes('-lrb-')) text = text.replace(/-lrb-[^\n]{0,300}?-rrb-|\([^()]*\)/g, ' ');
  text = joinNumbers(text);
  const tokens = text.match(TOKEN_RE) ?? [];
  const out: CountInContext[] = [];
  const seen = new Set<string>();
  // Another figure ends a count's context (a year does not: "the 1991 spill" tells what the count is of).
  const isNumberAt = (x: number) => {
    const t = tokens[x]!;
    const c0 = t.charCodeAt(0);
    return ((c0 <= 57 && c0 >= 48) || c0 === 36 || NUMBER_WORDS[t] !== undefined) && !YEAR.test(t);
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const c0 = tok.charCodeAt(0);
    const isDigits = (c0 >= 48 && c0 <= 57) || (c0 === 36 && tok.charCodeAt(1) >= 48 && tok.charCodeAt(1) <= 57);
    if (!isDigits && !IS_NUMBER_WORD.has(tok)) continue;
    let money = tok.startsWith('$') || tokens[i - 1] === '$';
    const body = tok.replace(/^\$/, '');
    let suffixScale = 1;
    const m = /^(.*?\d)(bn|mn|m|k|tn)$/.exec(body);
    let numeral = body;
    if (m) {
      numeral = m[1]!;
      suffixScale = SCALES[m[2]!]!;
    }
    let [lo, hi] = isDigits ? (numeral.includes('-') ? numeral.split('-').map(parseNumber) : [parseNumber(numeral), parseNumber(numeral)]) as [number, number] : [NUMBER_WORDS[tok]!, NUMBER_WORDS[tok]!];
    let j = i + 1;
    // "between 100 and 150", "100 to 150", "100 or 150"
    if (/^(?:and|to|or)$/.test(tokens[j] ?? '') && /^\$?\d/.test(tokens[j + 1] ?? '') && (tokens[j] !== 'and' || tokens[i - 1] === 'between')) {
      hi = parseNumber(tokens[j + 1]!.replace(/^\$/, ''));
      j += 2;
    }
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) continue;
    let scale = suffixScale;
    while (tokens[j] && tokens[j]! in SCALES) scale *= SCALES[tokens[j++]!]!;
    if (scale === 1 && !money && /^\d{4}$/.test(numeral) && lo >= 1900 && lo <= 2100) continue;
    if (tokens[j] === '%' || tokens[j] === 'percent' || (tokens[j] === 'per' && tokens[j + 1] === 'cent')) continue;
    const stated = [lo * scale, hi * scale].sort((a, b) => a - b) as [number, number];
    // A scaled figure is rounded to its last digit: "$32 billion" allows 32.2 billion.
    const decimals = /\.(\d+)/.exec(numeral)?.[1]?.length ?? 0;
    const slack = scale >= 1e6 ? 0.5 * 10 ** -decimals : 0;
    lo = (lo - slack) * scale;
    hi = (hi + slack) * scale;
    if (hi < lo) [lo, hi] = [hi, lo];
    const before = tokens.slice(Math.max(0, i - 3), i).filter((t) => t !== '$').join(' ');
    if (LOWER_BOUND.test(before)) hi = Infinity;
    else if (UPPER_BOUND.test(before)) lo = 0;
    else if (ROUGHLY.test(before)) [lo, hi] = [lo * 0.9, hi * 1.1];
    let currency = 'dollars';
    if (CURRENCIES.has(tokens[j] ?? '')) {
      money = true;
      currency = tokens[j++]!;
    }
    let count: { key: string; about: string } | null = null;
    let end = j;
    if (money) {
      // The thing the money is for: the next content word ("$20bn fund", "$2bn in damages").
      // "to $40bn from $32bn" tells a change, not a disagreement.
      if (/^(?:from|to)$/.test(tokens[j] ?? '') && /^\$/.test(tokens[j + 1] ?? '')) continue;
      let k = j;
      while (tokens[k] && /^(?:in|of|for|on|to|a|an|the|worth)$/.test(tokens[k]!)) k++;
      const thing = tokens[k];
      if (thing && k - j <= 2 && /^[a-z]/.test(thing) && !isStopword(thing) && !(thing in SCALES) && !NOT_COUNTED.test(thing)) {
        count = { key: `${currency}|${stem(thing)}`, about: `${currency}: ${thing}` };
        end = k + 1;
      }
    } else {
      const w1 = tokens[j] ?? '';
      const w2 = tokens[j + 1] ?? '';
      const skip = /^(?:more|other|additional|of|the|extra|new)$/.test(w1) || w1.endsWith('-');
      const noun = isPlural(w1) && !skip ? w1 : (skip || /^[a-z]+$/.test(w1)) && isPlural(w2) ? w2 : null;
      if (noun && !NOT_COUNTED.test(noun) && !(noun in SCALES) && !isStopword(noun) && !NOT_SUBJECTS.has(stem(noun))) {
        const nounAt = noun === w1 ? j : j + 1;
        end = nounAt + 1;
        if (PERSON_NOUNS.has(noun) || ['dead', 'injured', 'wounded', 'missing'].includes(noun)) {
          const near = [...tokens.slice(Math.max(0, i - 4), i), ...tokens.slice(nounAt, nounAt + 8)];
          const casualty = CASUALTY_WORDS.find(([re]) => near.some((t) => re.test(t)))?.[1];
          if (casualty) count = { key: `${casualty === 'killed' && ['dead', 'killed'].includes(noun) ? stem('people') : stem(noun)}|${casualty}`, about: `number of ${noun === 'dead' ? 'people' : noun} ${casualty}` };
        } else if (UNIT_NOUNS.has(noun)) {
          // a rate may come after what flows where: "200,000 gallons of oil into the Gulf every day"
          // (or further: "1,000 barrels of oil are still gushing from the site into the sea each day")
          const upTo = tokens.slice(nounAt + 1, nounAt + 15);
          const nextFigure = upTo.findIndex((t) => /^\$?\d/.test(t));
          const after = nextFigure >= 0 ? upTo.slice(0, nextFigure) : upTo;
          const rateAt = after.findIndex((t, x) => t === 'daily' || (/^(?:a|per|each|every)$/.test(t) && after[x + 1] === 'day'));
          const what = after.find((t) => !isStopword(t) && !/^\$?\d/.test(t) && t !== '$' && t !== '%');
          if (rateAt >= 0) {
            count = { key: `${noun}|day`, about: `${noun} a day` };
            end = nounAt + 1 + rateAt + (after[rateAt] === 'daily' ? 1 : 2);
          } else if (what && !DATE_WORDS.test(what)) count = { key: `${noun}|${stem(what)}`, about: `${noun} ${after.slice(0, after.indexOf(what) + 1).join(' ')}` };
        } else count = { key: stem(noun), about: `number of ${noun}` };
      }
      // "the death toll … has risen above 150,000", "the number of people killed could be as high as 200,000"
      if (!count && !noun && (!w1 || !/^[a-z]/.test(w1) || isStopword(w1)) && TOLL_BEFORE.test(tokens.slice(Math.max(0, i - 12), i).join(' '))) {
        count = { key: `${stem('people')}|killed`, about: 'number of people killed' };
      }
    }
    if (count && !seen.has(count.key)) {
      seen.add(count.key);
      let from = i;
      while (from > 0 && i - from < CONTEXT_WORDS_BEFORE && tokens[from - 1] !== ';' && !isNumberAt(from - 1)) from--;
      let to = end;
      while (to < tokens.length && to - end < CONTEXT_WORDS && tokens[to] !== ';' && !isNumberAt(to)) to++;
      out.push({
        ...count,
        lo,
        hi,
        figure: (stated[0] + stated[1]) / 2,
        value: stated[0] === stated[1] ? formatFigure(stated[0], money) : `${formatFigure(stated[0], money)}–${formatFigure(stated[1], false)}`,
        before: tokens.slice(from, i).reverse(),
        after: tokens.slice(end, to),
        fromStart: from === 0,
        between: tokens.slice(i + 1, Math.max(i + 1, end - 1)),
        increment: INCREMENT.test(tokens[j] ?? '') || /^(?:more|other)$/.test(tokens[j] ?? '') && tokens[j + 1] !== 'than' || INCREMENT.test(tokens[i - 1] ?? ''),
        numeral: tok,
      });
    }
  }
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / Math.max(1, a.size + b.size - shared);
}

const REPORTING_WINDOW_DAYS = 3;
// Statements of opposite polarity must otherwise say much the same thing (shared content words).
const POLARITY_OVERLAP = 0.4;

/** Reports published days apart give what was known then: a later figure updates, not contradicts. */
function reportedTogether(a: IsoDate | null | undefined, b: IsoDate | null | undefined): boolean {
  if (!a || !b) return true;
  return Math.abs(Date.parse(a.slice(0, 10)) - Date.parse(b.slice(0, 10))) <= REPORTING_WINDOW_DAYS * 86_400_000;
}

/** Content words two sentences share besides the date, the numbers and what they count. */
function sameHappening(a: string, b: string, countWords: Set<string>): boolean {
  return sameTerms(happeningTerms(a, countWords), happeningTerms(b, countWords));
}

function happeningTerms(text: string, countWords: Set<string>): Set<string> {
  return new Set(contentTerms(text).filter((w) => !/\d/.test(w) && !DATE_WORDS.test(w) && !countWords.has(w) && !(w in SCALES)));
}

function sameTerms(x: Set<string>, y: Set<string>): boolean {
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared >= 2 && shared / Math.max(1, Math.min(x.size, y.size)) >= 0.3;
}

/**
 * Sources that disagree about one date: statements on one subject and date from different sources,
 * one affirming and one denying; or figures of one measured thing (the same count, unit, rate,
 * place and process) that sources give on one day and that cannot both hold ("11 people" / "12
 * people"). Different quantities (leaking vs siphoned) and the same figure are no disagreement.
 * The figures are read from `articles` (the story's originals); without them only statements disagree.
 */
export function findDisagreements(claims: ClaimEvolution[], mentions: readonly DatedMention[] = [], articles?: readonly StoryArticle[]): Disagreement[] {
  const out: Disagreement[] = [];
  const published = new Map(mentions.map((m) => [m.articleId, m.published]));
  for (const claim of claims) {
    const byDate = new Map<IsoDate, ClaimStatement[]>();
    for (const s of claim.statements) {
      let list = byDate.get(s.date);
      if (!list) byDate.set(s.date, (list = []));
      list.push(s);
    }
    for (const [date, list] of byDate) {
      const sources = new Set(list.map((s) => s.source ?? s.articleId));
      if (sources.size < 2) continue;
      // Opposite polarity between statements that otherwise say much the same thing.
      const terms = list.map((s) => new Set(contentTerms(s.text)));
      const negated = list.map((s) => NEGATION.test(s.text));
      const pairs = new Set<number>();
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          if (negated[i] === negated[j] || (list[i]!.source ?? list[i]!.articleId) === (list[j]!.source ?? list[j]!.articleId)) continue;
          if (jaccard(terms[i]!, terms[j]!) < POLARITY_OVERLAP || !reportedTogether(published.get(list[i]!.articleId), published.get(list[j]!.articleId))) continue;
          pairs.add(i).add(j);
        }
      }
      if (pairs.size) out.push({ date, about: claim.subject, statements: [...pairs].sort((a, b) => a - b).map((i) => list[i]!) });
    }
  }
  out.push(...quantityDisagreements(articles ?? []));
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * At most `max` statements in date order, spread over the whole course: the first and last dates and
 * evenly spaced ones between, a statement with a named speaker preferred on each, then more sources.
 */
export function spreadOverDates<S extends { date: string; source: string | null; speaker: string | null; articleId: string }>(statements: readonly S[], max: number): S[] {
  const sorted = [...statements].sort((a, b) => a.date.localeCompare(b.date) || a.articleId.localeCompare(b.articleId));
  if (sorted.length <= max) return sorted;
  const byDate = new Map<string, S[]>();
  for (const x of sorted) {
    let list = byDate.get(x.date);
    if (!list) byDate.set(x.date, (list = []));
    list.push(x);
  }
  const dates = [...byDate.keys()];
  const picked = new Set<S>();
  const take = (date: string) => {
    const list = byDate.get(date)!;
    const used = new Set([...picked].filter((x) => x.date === date).map((x) => x.source ?? x.articleId));
    const fresh = list.filter((x) => !picked.has(x) && !used.has(x.source ?? x.articleId));
    const next = fresh.find((x) => x.speaker) ?? fresh[0];
    if (next) picked.add(next);
    return !!next;
  };
  const slots = Math.min(max, dates.length);
  for (let i = 0; i < slots; i++) take(dates[slots === 1 ? 0 : Math.round((i * (dates.length - 1)) / (slots - 1))]!);
  // Fewer dates than room: another source's statement on the same dates.
  for (let round = 0; picked.size < max && round < max; round++) {
    let added = false;
    for (const d of dates) if (picked.size < max && take(d)) added = true;
    if (!added) break;
  }
  return sorted.filter((x) => picked.has(x));
}

// ─── measured quantities over time ──────────────────────────────────────────────────────────────

// What a quantity measures besides its unit: the process the words around the number name. Different
// processes are different quantities ("5,000 barrels a day leaking" vs "1,000 barrels a day siphoned").
const PROCESSES: [RegExp, string][] = [
  [/^(?:leak|gush|spill|spew|flow|pour|releas|discharg|escap|emit|emission|belch|seep|billow|spurt|surg|outflow|erupt)/, 'released'],
  [/^(?:collect|captur|siphon|catch|caught|trap|contain|recover|funnel|suck|skim|remov|divert|intercept|clean|absorb)/, 'captured'],
  [/^(?:produc|output|export|import|consum|burn|refin|pump|ship|sold|sell|deliver|use[ds]?$)/, 'produced'],
  [/^(?:suspect|probabl|possibl|unconfirm|likely)/, 'suspected'],
];
const ANY_PROCESS = new RegExp(PROCESSES.map(([re]) => re.source.slice(1)).map((x) => `^${x}`).join('|'));
// An increment, not the level: "110 new cases", "a further 44 infections".
const INCREMENT = /^(?:new|further|additional|extra|another)$/;
// A figure that may come to be, not one measured: "could reach 100,000", "capacity of 80,000", "worst case".
const HYPOTHETICAL = new Set(['could', 'would', 'might', 'may', 'can', 'worst', 'worst-case', 'best-case', 'potential', 'potentially', 'capacity', 'able', 'plan', 'plans', 'planned', 'aim', 'aims', 'target', 'targets', 'hope', 'hopes', 'hoped', 'expect', 'expects', 'expected', 'envisaged', 'envisages', 'scenario', 'if', 'projected', 'projects', 'forecast', 'forecasts', 'predicted', 'predicts', 'goal', 'will', 'should', 'want', 'wants', 'designed', 'design', 'suppose', 'supposing', 'hypothetically', 'event']);
// A figure told as what was said before: "initially", "first estimated", "had put it at", "up from".
const HISTORIC = new Set(['initially', 'initial', 'original', 'originally', 'first', 'earlier', 'previously', 'previous', 'prior', 'once', 'began', 'beginning', 'had', 'then', 'formerly', 'last', 'ago', 'peak', 'until']);
const YEAR = /^(?:1[89]|20)\d\d$/;
const YEAR_IN_TEXT = /\b((?:1[89]|20)\d\d)\b(?![,.]?\d)/g;
// A figure set against the story's as the one that beat it: "Only the release of … was greater".
// (Not "the new figure … dwarfs the original estimate": that figure is the story's own.)
const COMPARISON = /^\W*only\b[^.;]*\b(?:was|were|is|are|has been|had been)\s+(?:greater|bigger|larger|worse|higher)\b/i;

/** One figure for a measured thing, stated in one sentence of one article. */
interface Measurement extends ClaimStatement {
  /** Count key, place and process: figures with the same thing can be compared. */
  thing: string;
  about: string;
  value: string;
  figure: number;
  lo: number;
  hi: number;
  /** A figure that may come to be, or what an earlier estimate was: not the current figure. */
  current: boolean;
  /** A running total ("so far", "since April"): it grows between reports, a later one differs. */
  total: boolean;
  /** The earliest year the sentence names (Infinity when none): before the story, another event's. */
  earliestYear: number;
  /** The organisations and places (entity keys) the sentence names: whose figure it is. */
  actors: string[];
  /** Stated as confirmed ("20 confirmed cases", "26 cases … had been confirmed"): a count of its own. */
  confirmed: boolean;
}

// A count stated as confirmed (tested, verified) is not one of what is suspected or estimated: "Mexico
// : 20 confirmed cases" and "about 2,000 cases … in Mexico" the same day are no dispute.
const CONFIRMED = /^(?:confirm|laboratory-confirm|lab-confirm|verified)/;
const CONFIRMED_BEFORE = 3;
const CONFIRMED_AFTER = 6;

const PLACE_AFTER = /^(?:in|across|throughout|within|inside)$/;
const NOT_PLACE = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$|^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:the|a|an|total|all)$/i;

/**
 * The place a count is of: "in Mexico", "across the US", "Mexico has confirmed 19 deaths" — one of the
 * article's places (its entities), by the name of that entity: counts of different places differ.
 */
function placeOf(count: CountInContext, names: () => ReadonlySet<string>, places: Map<string, string>): string | null {
  // a capitalised word that may begin one of the article's places
  const isName = (w: string | undefined): w is string => !!w && firstWords.has(w) && names().has(w) && !NOT_PLACE.test(w);
  const firstWords = placeWords(places);
  // the longest run of capitalised words from `at` that is one of the article's places
  const place = (from: string[], at: number, step: 1 | -1): string | null => {
    const parts: string[] = [];
    for (let x = at; x >= 0 && x < from.length && parts.length < 4 && isName(from[x]); x += step) parts.push(from[x]!);
    if (step === -1) parts.reverse();
    for (let n = parts.length; n > 0; n--) {
      const known = places.get((step === 1 ? parts.slice(0, n) : parts.slice(parts.length - n)).join(' ').replace(/\.$/, ''));
      if (known) return known;
    }
    return null;
  };
  for (let x = 0; x < count.after.length - 1; x++) {
    if (!PLACE_AFTER.test(count.after[x]!)) continue;
    const found = place(count.after, count.after[x + 1] === 'the' ? x + 2 : x + 1, 1);
    if (found) return found;
  }
  // before the number, nearest first: "… cases in Mexico , 150 deaths", "In the US , eight cases"
  for (let x = 0; x < count.before.length; x++) {
    if (!isName(count.before[x])) continue;
    let y = x;
    while (isName(count.before[y + 1])) y++;
    const prep = count.before[y + 1] === 'the' ? count.before[y + 2] : count.before[y + 1];
    if (PLACE_AFTER.test(prep ?? '')) {
      const found = place(count.before, y, -1);
      if (found) return found;
    }
    x = y;
  }
  // the sentence's subject when the count follows it closely: "Mexico has confirmed 19 fatalities"
  if (count.fromStart && count.before.length <= 6) return place([...count.before].reverse(), 0, 1);
  return null;
}

function processOf(count: CountInContext): string | null {
  for (const w of count.between) {
    const p = ANY_PROCESS.test(w) && PROCESSES.find(([re]) => re.test(w));
    if (p) return p[1];
  }
  // nearest first, alternating sides
  for (let d = 0; d < CONTEXT_WORDS; d++) {
    for (const w of [count.before[d], count.after[d]]) {
      if (!w) continue;
      const p = ANY_PROCESS.test(w) && PROCESSES.find(([re]) => re.test(w));
      if (!p) continue;
      // "keeping up to 462,000 gallons a day from leaking": what is kept from flowing is captured
      if (p[1] === 'released' && count.after[count.after.indexOf(w) - 1] === 'from' && count.before.slice(0, 4).some((b) => KEPT_FROM.test(b))) return 'captured';
      return p[1];
    }
  }
  return null;
}

const KEPT_FROM = /^(?:keep|keeps|keeping|kept|stop|stops|stopping|stopped|prevent|prevents|preventing|prevented|block|blocks|blocking|blocked)$/;

const measurementsOf = perObject(findMeasurements);

/** The words of the article's places' written forms: only they can be part of a place. */
const placeWords = perObject((places: Map<string, string>) => new Set([...places.keys()].flatMap((k) => k.split(' '))));

/** Every written form of the article's places (lower-cased) → one name of the place (its entity). */
function placeNames(article: StoryArticle): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of article.analysis.mentions) {
    if (m.label !== 'LOC') continue;
    const form = m.text.toLowerCase().replace(/^the\s+/, '').replace(/\.$/, '');
    // the entity key names the place as linked across its forms: "place:united states"
    const name = m.entityKey ? m.entityKey.slice(m.entityKey.indexOf(':') + 1) : form;
    if (!out.has(form)) out.set(form, name.replace(/(^|\s)\p{Ll}/gu, (c) => c.toUpperCase()));
  }
  return out;
}

// A number a few words before a plural, a scale word or money: a sentence that may state a count
// (most sentences with digits only hold dates).
const MAY_COUNT = /\$\s?\d|\d(?:bn|mn|m|k)?\s+(?:[a-z-]+\s+)?(?:[a-z]+s|million|billion|thousand|hundred|dead|injured|wounded|missing|people|men|women|children|feet|staff|crew|police|personnel|km)\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen)\s+(?:[a-z-]+\s+)?[a-z]+s\b|\b(?:toll|numbers? (?:of|killed|dead))\b[^.;]{0,80}\d/gi;
const CHRONOLOGY_ENTRY = /^\W{0,3}(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*)(?:,? \d{4})?\s*[-–—:]/;

function findMeasurements(article: StoryArticle): Measurement[] {
  const out: Measurement[] = [];
  const { sentences } = article.analysis;
  const year = article.published ? Number(article.published.slice(0, 4)) : Infinity;
  let dates: SentenceDates | null = null;
  let places: Map<string, string> | null = null;
  let speakers: Map<number, string> | null = null;
  // One pass over the text finds the sentences that may state a count.
  const candidates: number[] = [];
  for (const m of article.text.matchAll(MAY_COUNT)) {
    const i = sentenceIndexAt(sentences, m.index);
    if (i >= 0 && candidates[candidates.length - 1] !== i) candidates.push(i);
  }
  for (const i of candidates) {
    const s = sentences[i]!;
    const text = article.text.slice(s.start, s.end).trim();
    const counts = countsInContext(text);
    if (!counts.length) continue;
    // A figure is what was known on the article's news day; a date in its sentence mostly tells when
    // something else happened ("the well that blew out on 20 April is leaking 5,000 barrels a day"),
    // unless the sentence is a dated entry of a chronology ("April 25 - the Coast Guard says …").
    dates ??= sentenceDates(article);
    const chronology = CHRONOLOGY_ENTRY.test(text);
    const date = chronology ? dates.dateOf(i) : dates.newsDay ?? dates.dateOf(i);
    if (!date) continue;
    // A sentence dated to another day than the news day tells what was so then ("on 26 April it was put at 1,000").
    const own = dates.own(i);
    const datedElsewhere = !chronology && own !== undefined && own !== date;
    const total = RUNNING_TOTAL.test(text);
    // "Only the intentional release of … eight million barrels … by Iraqi troops … was greater": a
    // figure set beside the story's for comparison is another happening's.
    const comparison = COMPARISON.test(text);
    let earliestYear = Infinity;
    for (const y of text.matchAll(YEAR_IN_TEXT)) earliestYear = Math.min(earliestYear, Number(y[1]));
    const actors = [...new Set(sentenceMentions(article, i).filter((m) => EVENT_ACTORS.has(m.label)).map(actorKey))];
    // Capitalised words of a sentence that names a place: "in Mexico". One place however written
    // ("US", "United States", "U.S."): the article's entity for it.
    const hasPlace = sentenceMentions(article, i).some((m) => m.label === 'LOC');
    let capitalised: Set<string> | null = null;
    const names = () => (capitalised ??= new Set([...text.matchAll(CAPITALISED_WORD)].map((m) => m[0].toLowerCase())));
    if (hasPlace) places ??= placeNames(article);
    if (!speakers) {
      speakers = new Map();
      for (const st of statementsOf(article)) if (st.speaker) speakers.set(st.sentenceIndex, st.speaker);
    }
    // A figure is the speaker's only when it lies in what they said: a quote beside a fact box
    // ("… more than 100 people have died . ‘The threat remains low,’ said X") leaves it unattributed.
    const quoted = article.analysis.quotes.filter((q) => q.kind === 'speech' && q.content[1] > s.start && q.content[0] < s.end);
    const speakerOf = (c: CountInContext): string | null => {
      if (!quoted.length) return speakers!.get(i) ?? null;
      // the figure as a whole number: "10" is not in "since 2010", nor "100" in "1,100"
      const figure = new RegExp(`(?<![\\d.,])${c.numeral.replace(/^\$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\d|[.,]\\d)`);
      const q = quoted.find((x) => figure.test(joinNumbers(article.text.slice(x.content[0], x.content[1]).toLowerCase())));
      return q ? q.speaker ?? speakers!.get(i) ?? null : null;
    };
    for (const c of counts) {
      const near = [...c.before, ...c.after];
      const process = c.increment ? 'new' : processOf(c);
      const place = hasPlace ? placeOf(c, names, places!) : null;
      const current =
        !datedElsewhere &&
        !comparison &&
        !near.some((w, x) => HYPOTHETICAL.has(w) || (w.length === 4 && YEAR.test(w) && Number(w) < year) || w === 'annually' || (w === 'year' && /^(?:a|each|every|per)$/.test(near[x - 1] ?? ''))) &&
        !c.before.some((w) => HISTORIC.has(w)) &&
        // "to contain up to 100,000 barrels a day", "let 's say 50,000": what it is for, or supposed
        !(c.before[0] === 'to' && c.before[1] === 'up' && c.before[3] === 'to') &&
        !(c.before.includes('say') && c.before.includes("'s") && c.before.includes('let')) &&
        c.before[0] !== 'from' &&
        c.before[1] !== 'from';
      out.push({
        date,
        articleId: article.id,
        source: article.source,
        speaker: speakerOf(c),
        text,
        thing: `${c.key}#${place?.toLowerCase() ?? ''}#${process ?? ''}`,
        about: `${c.about}${process ? ` (${process})` : ''}${place ? ` in ${place}` : ''}`,
        value: c.value,
        figure: c.figure,
        lo: c.lo,
        hi: c.hi,
        current,
        total: total || near.includes('since'),
        earliestYear,
        actors,
        confirmed: [...c.between, ...c.before.slice(0, CONFIRMED_BEFORE), ...c.after.slice(0, CONFIRMED_AFTER)].some((w) => CONFIRMED.test(w)),
      });
    }
  }
  return out;
}

// A background date lies this long before the story's first article: history, not a statement of it.
const BACKGROUND_DAYS = 90;

function storyStart(articles: readonly StoryArticle[]): IsoDate | null {
  let first: string | null = null;
  for (const a of articles) if (a.published && (!first || a.published < first)) first = a.published;
  return first ? new Date(Date.parse(first.slice(0, 10)) - BACKGROUND_DAYS * 86_400_000).toISOString().slice(0, 10) : null;
}

// Whose happening a figure is: the organisations and places its sentence names (a person named is
// mostly who tells it: "Mayor John Smith said").
const EVENT_ACTORS = new Set(['ORG', 'LOC']);
const actorKey = (m: EntityMention) => m.entityKey ?? `${m.label.toLowerCase()}:${m.text.toLowerCase()}`;

// An actor named in at least this share of the story's articles is one of its own (BP, the Gulf of Mexico).
const OWN_ACTOR_SHARE = 0.1;

/**
 * Whether a figure is of the story's own happening: its sentence names no year before the story's
 * first, and, when it names actors, at least one the story often names ("It took Pemex , Mexico 's
 * state-owned oil company , more than nine months to stop the leak , during which time almost 3.3
 * million barrels of oil had gushed into the sea" is the 1979 Ixtoc spill's, not BP's total).
 */
function ownFigures(articles: readonly StoryArticle[]): (m: Measurement) => boolean {
  let firstYear = Infinity;
  const articlesOf = new Map<string, number>();
  for (const a of articles) {
    if (a.published) firstYear = Math.min(firstYear, Number(a.published.slice(0, 4)));
    const keys = new Set<string>();
    for (const m of a.analysis.mentions) if (EVENT_ACTORS.has(m.label)) keys.add(actorKey(m));
    for (const k of keys) articlesOf.set(k, (articlesOf.get(k) ?? 0) + 1);
  }
  const minArticles = Math.max(2, OWN_ACTOR_SHARE * articles.length);
  return (m) => m.earliestYear >= firstYear && (!m.actors.length || m.actors.some((k) => (articlesOf.get(k) ?? 0) >= minArticles));
}

// A quantity's figures shown in a subject: beyond this many, the first ones and the last ones.
const MAX_FIGURES_SHOWN = 9;
// Share of a vague count's steps between anchors that must go the way its course goes.
const VAGUE_MONOTONE_SHARE = 0.75;

/**
 * Quantities tracked over time: figures of one measured thing (unit, rate, place and process) that
 * several sources state, each figure at the first date it was stated, in date order — "barrels a day
 * (released): 5,000 → 12,000–19,000 → 35,000–60,000". A figure only one article gives is left out:
 * a stray number (a worst case, a misreading) is not the story's claim.
 */
function quantityEvolution(articles: readonly StoryArticle[], from: IsoDate | null): { claim: () => ClaimEvolution | null; score: number; thing: string }[] {
  const byThing = new Map<string, Measurement[]>();
  const own = ownFigures(articles);
  for (const a of articles) {
    for (const m of measurementsOf(a)) {
      if (!m.current || (from && m.date < from) || !own(m)) continue;
      let list = byThing.get(m.thing);
      if (!list) byThing.set(m.thing, (list = []));
      list.push(m);
    }
  }
  const out: { claim: () => ClaimEvolution | null; score: number; thing: string }[] = [];
  // A story from one outlet (a single feed, a topic folder) has its articles as its reporters.
  const oneOutlet = new Set(articles.map((a) => a.source ?? a.id)).size < 2;
  for (const [thing, list] of byThing) {
    if (new Set(list.map((m) => (oneOutlet ? m.articleId : m.source ?? m.articleId))).size < 2) continue;
    // A figure two sources state (two articles, when the story has few sources) is an anchor of the course.
    const manySources = new Set(list.map((m) => m.source)).size >= 3;
    const byValue = new Map<string, Measurement[]>();
    for (const m of list) {
      let l = byValue.get(m.value);
      if (!l) byValue.set(m.value, (l = []));
      l.push(m);
    }
    let anchors: Measurement[] = [];
    const others: Measurement[] = [];
    const stating = new Map<Measurement, Measurement[]>();
    for (const l of byValue.values()) {
      const first = l.reduce((a, b) => (b.date < a.date ? b : a));
      stating.set(first, l);
      (new Set(l.map((m) => (manySources ? m.source : m.articleId))).size >= 2 ? anchors : others).push(first);
    }
    if (anchors.length < 2) continue;
    const inOrder = (a: Measurement, b: Measurement) => a.date.localeCompare(b.date) || a.figure - b.figure;
    anchors.sort(inOrder);
    // A count of no place and no process mixes the story's own with other counts ("14 UN staff",
    // "5,000 in the last quake"): its course is the best-supported chain of anchors moving one way.
    const vague = thing.endsWith('##');
    if (vague && anchors.length >= 4) anchors = steadiestCourse(anchors, (m) => stating.get(m)!.length);
    // A figure only one article gives is kept where it lies on the course between the anchors around it
    // (a running total rising from 91 to 403 passes 160); a stray one (a worst case, a misreading) is not.
    const rising = anchors[anchors.length - 1]!.figure >= anchors[0]!.figure;
    const onCourse = (m: Measurement): boolean => {
      const next = anchors.findIndex((a) => inOrder(a, m) > 0);
      const before = next === -1 ? anchors[anchors.length - 1]! : next > 0 ? anchors[next - 1] : undefined;
      const after = next === -1 ? undefined : anchors[next];
      // a count of no place and no process is taken only between two anchors of its course
      if (vague && (!before || !after)) return false;
      const lo = Math.min(before?.figure ?? (rising ? 0 : Infinity), after?.figure ?? (rising ? Infinity : 0));
      const hi = Math.max(before?.figure ?? (rising ? 0 : Infinity), after?.figure ?? (rising ? Infinity : 0));
      return m.figure >= lo && m.figure <= hi;
    };
    const between = others.filter(onCourse);
    // A count of no place and no process ("people killed") may mix the story's own with history's
    // ("the 1918 flu killed 50 million"): taken only when its anchors mostly move one way.
    if (vague) {
      let along = 0;
      for (let x = 1; x < anchors.length; x++) if (anchors[x]!.figure >= anchors[x - 1]!.figure === rising) along++;
      if (along < (anchors.length - 1) * VAGUE_MONOTONE_SHARE) continue;
    }
    const sources = new Set([...anchors, ...between].map((m) => (oneOutlet ? m.articleId : m.source ?? m.articleId))).size;
    out.push({
      score: (anchors.length + between.length / 2) * Math.min(sources, 3) * (vague ? 0.5 : 1),
      thing,
      // Built only for the subjects shown: each figure by its first statement, one naming a speaker
      // if any that day; page furniture (a caption, a "more on this story" line) is told apart here.
      claim: () => {
        const firsts = [...anchors, ...between].sort(inOrder).flatMap((f) => {
          const onFirstDay = stating.get(f)!.filter((m) => m.date === f.date && !isFurniture(m.text)).sort((a, b) => a.articleId.localeCompare(b.articleId));
          const shown = onFirstDay.find((m) => m.speaker) ?? onFirstDay[0];
          return shown ? [shown] : [];
        });
        if (firsts.length < 2) return null;
        // The subject lists the figures sources agree were stated (the anchors); the statements show all.
        const anchorValues = new Set(anchors.map((m) => m.value));
        const figures = firsts.filter((m) => anchorValues.has(m.value)).map((m) => m.value);
        const shown = figures.length <= MAX_FIGURES_SHOWN ? figures : [...figures.slice(0, 2), '…', ...figures.slice(-(MAX_FIGURES_SHOWN - 3))];
        return {
          subject: `${list[0]!.about}: ${shown.join(' → ')}`,
          statements: firsts.map(({ date, articleId, source, speaker, text }) => ({ date, articleId, source, speaker, text })),
        };
      },
    });
  }
  return out.sort((a, b) => b.score - a.score || a.thing.localeCompare(b.thing));
}

// Consecutive figures of one course differ at most this many times over: "14" then "45,000" are two counts.
const MAX_COURSE_STEP = 50;
// The chain must hold this share of the anchors' statements, else the count stays as it is.
const COURSE_SUPPORT = 0.5;

/**
 * The anchors (in date order) on the chain moving one way, up or down, with the most statements
 * behind it, each step within MAX_COURSE_STEP times the one before; the anchors as they are when no
 * chain of three holds enough of their statements.
 */
function steadiestCourse(anchors: Measurement[], support: (m: Measurement) => number): Measurement[] {
  const total = anchors.reduce((n, m) => n + support(m), 0);
  let best: Measurement[] = anchors;
  let bestWeight = 0;
  for (const rising of [true, false]) {
    const weight: number[] = [];
    const prev: number[] = [];
    anchors.forEach((m, i) => {
      weight[i] = support(m);
      prev[i] = -1;
      for (let j = 0; j < i; j++) {
        const a = anchors[j]!.figure, b = m.figure;
        const fits = rising ? b >= a && b <= a * MAX_COURSE_STEP : b <= a && a <= b * MAX_COURSE_STEP;
        if (fits && weight[j]! + support(m) > weight[i]!) {
          weight[i] = weight[j]! + support(m);
          prev[i] = j;
        }
      }
    });
    let end = 0;
    for (let i = 1; i < anchors.length; i++) if (weight[i]! > weight[end]!) end = i;
    if (weight[end]! <= bestWeight) continue;
    const chain: Measurement[] = [];
    for (let i = end; i >= 0; i = prev[i]!) chain.push(anchors[i]!);
    bestWeight = weight[end]!;
    best = chain.reverse();
  }
  return best.length >= 3 && bestWeight >= total * COURSE_SUPPORT ? best : anchors;
}

// A story's figures in dispute shown at most: the days most sources take part in.
const MAX_QUANTITY_DISAGREEMENTS = 10;
// Reports of one measured thing on one day set against each other at most (pairs: its square).
const MAX_REPORTS_COMPARED = 200;

function quantityDisagreements(articles: readonly StoryArticle[]): Disagreement[] {
  const from = storyStart(articles);
  const byThingAndDay = new Map<string, Measurement[]>();
  const own = ownFigures(articles);
  for (const a of articles) {
    for (const m of measurementsOf(a)) {
      // A figure of no named process, place or casualty is too vague to set against another.
      if (!m.current || m.total || (from && m.date < from) || m.thing.endsWith('##') || !own(m)) continue;
      const k = `${m.thing}@${m.date}`;
      let list = byThingAndDay.get(k);
      if (!list) byThingAndDay.set(k, (list = []));
      list.push(m);
    }
  }
  const found: { d: Disagreement; sources: number }[] = [];
  for (const all of byThingAndDay.values()) {
    if (all.length < 2) continue;
    // One report per source and figure (wire copies repeat both), and a bounded number of them: a
    // day of a big story can hold hundreds, and every pair is compared.
    const seenFigure = new Set<string>();
    const list = all.filter((m) => {
      const k = `${m.source ?? m.articleId}\u0000${m.value}`;
      return !seenFigure.has(k) && !!seenFigure.add(k);
    }).slice(0, MAX_REPORTS_COMPARED);
    if (list.length < 2) continue;
    const countWords = new Set(list[0]!.thing.split('#')[0]!.split('|').map(stem));
    const terms = list.map((m) => happeningTerms(m.text, countWords));
    const involved = new Set<Measurement>();
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const x = list[i]!;
        const y = list[j]!;
        if ((x.source ?? x.articleId) === (y.source ?? y.articleId)) continue;
        if (x.hi >= y.lo && y.hi >= x.lo) continue;
        if (x.confirmed !== y.confirmed || !sameTerms(terms[i]!, terms[j]!)) continue;
        involved.add(x).add(y);
      }
    }
    if (!involved.size) continue;
    const texts = new Set<string>();
    const shown = [...involved].filter((m) => !isFurniture(m.text));
    if (new Set(shown.map((m) => m.source ?? m.articleId)).size < 2) continue;
    const statements = shown
      .sort((a, b) => a.lo - b.lo || a.articleId.localeCompare(b.articleId))
      .filter((m) => !texts.has(m.text) && texts.add(m.text))
      .map(({ date, articleId, source, speaker, text }) => ({ date, articleId, source, speaker, text }));
    const first = list[0]!;
    found.push({ d: { date: first.date, about: first.about, statements }, sources: new Set(statements.map((s) => s.source ?? s.articleId)).size });
  }
  return found
    .sort((a, b) => b.sources - a.sources || b.d.statements.length - a.d.statements.length || a.d.date.localeCompare(b.d.date))
    .slice(0, MAX_QUANTITY_DISAGREEMENTS)
    .map((x) => x.d);
}
