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

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, dozen: 12, hundred: 100 };

const NOT_COUNTED = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$|^(?:gmt|utc|est|edt|pst|bst|cet|local|am|pm|a\.m|p\.m|hours?|minutes?|seconds?|days?|weeks?|months?|years?|percent|per|cent|times?|o'clock)$/i;

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / Math.max(1, a.size + b.size - shared);
}

/** (number, the noun it counts) pairs: "11 people", "12 employees", "two hours". */
function counts(text: string): Map<string, { n: number; word: string }> {
  const out = new Map<string, { n: number; word: string }>();
  const re = /\b(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen)\s+(?:(?:more|other|of|the|[a-z]+-)\s+)?([a-z]{3,})\b/gi;
  for (const m of text.matchAll(re)) {
    const raw = m[1]!.toLowerCase();
    const n = NUMBER_WORDS[raw] ?? Number(raw.replace(/,/g, ''));
    if (!Number.isFinite(n) || (n >= 1900 && n <= 2100)) continue;
    const noun = stem(m[2]!.toLowerCase());
    if (isStopword(m[2]!.toLowerCase()) || NOT_SUBJECTS.has(noun) || NOT_COUNTED.test(m[2]!)) continue;
    if (!out.has(noun)) out.set(noun, { n, word: m[2]!.toLowerCase() });
  }
  return out;
}

/**
 * Sources that disagree about one date: statements on one subject and date from different sources,
 * one affirming and one denying; or dated mentions of one day from different sources that give
 * different counts of the same thing ("11 people" / "12 people").
 */
export function findDisagreements(claims: ClaimEvolution[], mentions: readonly DatedMention[] = []): Disagreement[] {
  const out: Disagreement[] = [];
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
          if (jaccard(terms[i]!, terms[j]!) < 0.25) continue;
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
    const byNoun = new Map<string, { n: number; m: DatedMention; word: string }[]>();
    for (const m of list) {
      for (const [noun, { n, word }] of counts(m.text)) {
        let l = byNoun.get(noun);
        if (!l) byNoun.set(noun, (l = []));
        l.push({ n, m, word });
      }
    }
    for (const l0 of byNoun.values()) {
      // Only counts given by sentences about the same happening.
      const l = l0.filter((x) => l0.some((y) => y.m.articleId !== x.m.articleId && y.n !== x.n && jaccard(new Set(contentTerms(x.m.text)), new Set(contentTerms(y.m.text))) >= 0.2));
      const sources = new Set(l.map((x) => x.m.source ?? x.m.articleId));
      const values = new Set(l.map((x) => x.n));
      if (sources.size < 2 || values.size < 2) continue;
      // Different counts from one source are a story developing, not a disagreement: need two sources apart.
      const perSource = new Map<string, Set<number>>();
      for (const x of l) {
        const k = x.m.source ?? x.m.articleId;
        if (!perSource.has(k)) perSource.set(k, new Set());
        perSource.get(k)!.add(x.n);
      }
      const sets = [...perSource.values()];
      const disjoint = sets.some((a, i) => sets.some((b, j) => j > i && [...a].every((v) => !b.has(v))));
      if (!disjoint) continue;
      out.push({
        date,
        about: `number of ${l[0]!.word}`,
        statements: l.map((x) => ({ date, articleId: x.m.articleId, source: x.m.source, speaker: null, text: x.m.text })),
      });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
