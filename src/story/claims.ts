// Claim evolution: what sources say about one subject, date by date, and where they disagree.
import type { ClaimEvolution, ClaimStatement, Disagreement, IsoDate } from '../types.js';
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

interface Statement extends ClaimStatement {
  terms: Set<string>;
  surface: Map<string, string>;
  negated: boolean;
}

/**
 * The date of each sentence of an article for its statements: the day its own time expression gives,
 * else the article's news day (what its undated lead was dated by), else the publication date.
 */
function sentenceDates(article: StoryArticle): (index: number) => IsoDate | null {
  const mentions = extractEventMentions(article);
  const byIndex = new Map<number, IsoDate>();
  let newsDay: IsoDate | null = article.published ? article.published.slice(0, 10) : null;
  for (const m of mentions) {
    if (m.basis === 'publication') newsDay = m.date;
    else if (m.granularity === 'day' && !m.future && !byIndex.has(m.sentenceIndex)) byIndex.set(m.sentenceIndex, m.date);
  }
  return (index) => byIndex.get(index) ?? newsDay;
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

function findStatements(article: StoryArticle): Statement[] {
  const out: Statement[] = [];
  const { sentences, quotes, mentions } = article.analysis;
  const seen = new Set<number>();
  const dateOf = sentenceDates(article);
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
      if (NOT_SUBJECTS.has(st)) continue;
      terms.add(st);
      if (!surface.has(st)) surface.set(st, w);
    }
    out.push({
      date: d,
      articleId: article.id,
      source: article.source,
      speaker: speaker ?? fallbackSpeaker(text),
      text,
      terms,
      surface,
      negated: NEGATION.test(text),
    });
  };
  const sentenceAt = (offset: number): number => {
    // Sentences are in text order: the last one starting at or before the offset, if it covers it.
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
  };
  for (const q of quotes) {
    if (q.kind !== 'speech') continue;
    const i = sentenceAt(q.content[0]);
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
  const statements = articles.flatMap(statementsOf);
  const byTerm = new Map<string, Statement[]>();
  for (const s of statements) {
    for (const t of s.terms) {
      let list = byTerm.get(t);
      if (!list) byTerm.set(t, (list = []));
      list.push(s);
    }
  }
  // Headlines say what a story is about: a subject they name weighs more than one only quoted.
  const titlesWith = new Map<string, number>();
  for (const a of articles) for (const t of new Set(words(a.title).map(stem))) titlesWith.set(t, (titlesWith.get(t) ?? 0) + 1);
  const subjects = [...byTerm]
    .map(([term, list]) => {
      const nArticles = new Set(list.map((s) => s.articleId)).size;
      const inTitles = titlesWith.get(term) ?? 0;
      return { term, list, articles: nArticles, dates: new Set(list.map((s) => s.date)).size, salience: nArticles + 2 * inTitles };
    })
    .filter((x) => x.articles >= 2 && x.dates >= 2)
    .sort((a, b) => b.salience - a.salience || b.dates - a.dates || b.list.length - a.list.length || a.term.localeCompare(b.term));
  const out: ClaimEvolution[] = [];
  const used = new Set<Statement>();
  for (const subject of subjects) {
    if (out.length >= maxSubjects) break;
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
    for (const s of fresh) forms.set(s.surface.get(subject.term)!, (forms.get(s.surface.get(subject.term)!) ?? 0) + 1);
    const label = [...forms].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? subject.term;
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
const LOWER_BOUND = /(?:more than|over|at least|upwards of|in excess of|exceeding)$/;
const UPPER_BOUND = /(?:up to|as many as|as much as|fewer than|less than|under|nearly|almost|close to|just under)$/;
const ROUGHLY = /(?:about|around|some|roughly|approximately|an estimated|estimated|approx)$/;
const DATE_WORDS = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$|^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:today|yesterday|tomorrow|week|month|year|day|morning|afternoon|evening|night|earlier|later|last|next)$/;

/** One count a sentence gives: what is counted (key and label) and the range of values it allows. */
export interface StatedCount {
  key: string;
  about: string;
  lo: number;
  hi: number;
}

const RUNNING_TOTAL = /\b(?:so far|to date|thus far|in all|in total)\b/i;
const TOKEN_RE = /\$?\d[\d,]*(?:\.\d+)?(?:-\d[\d,]*(?:\.\d+)?)?(?:bn|mn|m|k|tn)?\b|[a-z][a-z'-]*|\$|%|[,;:]/g;

function parseNumber(raw: string): number {
  return Number(raw.replace(/,/g, ''));
}

function isPlural(w: string): boolean {
  return IRREGULAR_PLURALS.has(w) || (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is|ous)$/.test(w));
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
  // Tokenised text (Timeline17) writes "50 ,000" and "$ 2": join them again.
  const text = sentence
    .toLowerCase()
    .replace(/-lrb-.*?-rrb-|\([^()]*\)/g, ' ')
    .replace(/(\d) ,(\d{3})\b/g, '$1,$2').replace(/\$ (\d)/g, '$$$1').replace(/(\d) - (\d)/g, '$1-$2');
  const tokens = text.match(TOKEN_RE) ?? [];
  const out: StatedCount[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const isDigits = /^\$?\d/.test(tok);
    if (!isDigits && !(tok in NUMBER_WORDS)) continue;
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
    if (money) {
      // The thing the money is for: the next content word ("$20bn fund", "$2bn in damages").
      // "to $40bn from $32bn" tells a change, not a disagreement.
      if (/^(?:from|to)$/.test(tokens[j] ?? '') && /^\$/.test(tokens[j + 1] ?? '')) continue;
      let k = j;
      while (tokens[k] && /^(?:in|of|for|on|to|a|an|the|worth)$/.test(tokens[k]!)) k++;
      const thing = tokens[k];
      if (thing && k - j <= 2 && /^[a-z]/.test(thing) && !isStopword(thing) && !(thing in SCALES) && !NOT_COUNTED.test(thing)) count = { key: `${currency}|${stem(thing)}`, about: `${currency}: ${thing}` };
    } else {
      const w1 = tokens[j] ?? '';
      const w2 = tokens[j + 1] ?? '';
      const skip = /^(?:more|other|additional|of|the|extra|new)$/.test(w1) || w1.endsWith('-');
      const noun = isPlural(w1) && !skip ? w1 : (skip || /^[a-z]+$/.test(w1)) && isPlural(w2) ? w2 : null;
      if (noun && !NOT_COUNTED.test(noun) && !(noun in SCALES) && !isStopword(noun) && !NOT_SUBJECTS.has(stem(noun))) {
        const nounAt = noun === w1 ? j : j + 1;
        if (PERSON_NOUNS.has(noun) || ['dead', 'injured', 'wounded', 'missing'].includes(noun)) {
          const near = [...tokens.slice(Math.max(0, i - 4), i), ...tokens.slice(nounAt, nounAt + 8)];
          const casualty = CASUALTY_WORDS.find(([re]) => near.some((t) => re.test(t)))?.[1];
          if (casualty) count = { key: `${casualty === 'killed' && ['dead', 'killed'].includes(noun) ? stem('people') : stem(noun)}|${casualty}`, about: casualty === 'killed' ? `number of ${noun === 'dead' ? 'people' : noun}` : `number of ${noun} ${casualty}` };
        } else if (UNIT_NOUNS.has(noun)) {
          const after = tokens.slice(nounAt + 1, nounAt + 6);
          const rate = after.some((t, x) => t === 'daily' || (/^(?:a|per|each|every)$/.test(t) && after[x + 1] === 'day'));
          const what = after.find((t) => !isStopword(t) && !/^\$?\d/.test(t) && t !== '$' && t !== '%');
          if (rate) count = { key: `${noun}|day`, about: `${noun} a day` };
          else if (what && !DATE_WORDS.test(what)) count = { key: `${noun}|${stem(what)}`, about: `${noun} ${after.slice(0, after.indexOf(what) + 1).join(' ')}` };
        } else count = { key: stem(noun), about: `number of ${noun}` };
      }
    }
    if (count && !seen.has(count.key)) {
      seen.add(count.key);
      out.push({ ...count, lo, hi });
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
  const terms = (t: string) => new Set(contentTerms(t).filter((w) => !/\d/.test(w) && !DATE_WORDS.test(w) && !countWords.has(w) && !(w in SCALES)));
  const x = terms(a);
  const y = terms(b);
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared >= 2 && shared / Math.max(1, Math.min(x.size, y.size)) >= 0.3;
}

/**
 * Sources that disagree about one date: statements on one subject and date from different sources,
 * one affirming and one denying; or dated mentions of one day from different sources that give
 * different counts of the same thing ("11 people" / "12 people").
 */
export function findDisagreements(claims: ClaimEvolution[], mentions: readonly DatedMention[] = []): Disagreement[] {
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
  const byDay = new Map<IsoDate, DatedMention[]>();
  for (const m of mentions) {
    if (m.granularity !== 'day' || m.future) continue;
    let list = byDay.get(m.date);
    if (!list) byDay.set(m.date, (list = []));
    list.push(m);
  }
  for (const [date, list] of byDay) {
    const byKey = new Map<string, { count: StatedCount; m: DatedMention }[]>();
    for (const m of list) {
      for (const count of statedCounts(m.text)) {
        let l = byKey.get(count.key);
        if (!l) byKey.set(count.key, (l = []));
        l.push({ count, m });
      }
    }
    for (const [key, l] of byKey) {
      const countWords = new Set(key.split('|').map(stem));
      // Two sources apart, giving counts that cannot both hold, in sentences about one happening.
      const involved = new Set<number>();
      for (let i = 0; i < l.length; i++) {
        for (let j = i + 1; j < l.length; j++) {
          const x = l[i]!;
          const y = l[j]!;
          if ((x.m.source ?? x.m.articleId) === (y.m.source ?? y.m.articleId) || !reportedTogether(x.m.published, y.m.published)) continue;
          if (x.count.hi >= y.count.lo && y.count.hi >= x.count.lo) continue;
          if (!sameHappening(x.m.text, y.m.text, countWords)) continue;
          involved.add(i).add(j);
        }
      }
      if (!involved.size) continue;
      const texts = new Set<string>();
      const chosen = [...involved].sort((a, b) => a - b).map((i) => l[i]!).filter((x) => !texts.has(x.m.articleId + x.m.text) && texts.add(x.m.articleId + x.m.text));
      out.push({
        date,
        about: chosen[0]!.count.about,
        statements: chosen.map((x) => ({ date, articleId: x.m.articleId, source: x.m.source, speaker: null, text: x.m.text })),
      });
    }
  }
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
