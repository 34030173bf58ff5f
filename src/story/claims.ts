// Claim evolution: what sources say about one subject, date by date, and where they disagree.
import type { ClaimEvolution, ClaimStatement, Disagreement, IsoDate } from '../types.js';
import { calendarDateOf } from './dates.js';
import { isFurniture } from './events.js';
import type { StoryArticle } from './model.js';
import { isStopword, stem, words } from './text.js';

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

function sentenceDate(article: StoryArticle, start: number, end: number): IsoDate | null {
  for (const x of article.analysis.timexes) {
    if (x.start < start || x.end > end) continue;
    const c = calendarDateOf(x);
    if (c && c.granularity === 'day') return c.date;
  }
  return article.published ? article.published.slice(0, 10) : null;
}

/** Speaker from capitalised words right before or after the reporting verb, when NER gave none. */
function fallbackSpeaker(text: string): string | null {
  const NAME = '((?:[A-Z][\\p{Ll}]+\\s){0,3}[A-Z][\\p{Ll}]+)';
  const before = new RegExp(`${NAME}\\s+(?:said|says|told|noted|stated|added|warned|announced)\\b`, 'u').exec(text);
  const according = new RegExp(`[Aa]ccording to\\s+${NAME}`, 'u').exec(text);
  const name = before?.[1] ?? according?.[1] ?? null;
  if (!name || /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$|^(?:He|She|They|It|We|I|This|That)$/.test(name)) return null;
  return name;
}

function statementsOf(article: StoryArticle): Statement[] {
  const out: Statement[] = [];
  const { sentences, quotes, mentions } = article.analysis;
  const seen = new Set<number>();
  const add = (sentenceIndex: number, speaker: string | null, date: IsoDate | null | undefined) => {
    if (seen.has(sentenceIndex)) return;
    const s = sentences[sentenceIndex]!;
    const text = article.text.slice(s.start, s.end).trim();
    if (isFurniture(text)) return;
    const d = date ?? sentenceDate(article, s.start, s.end);
    if (!d) return;
    seen.add(sentenceIndex);
    const terms = new Set<string>();
    const surface = new Map<string, string>();
    const names = new Set(mentions.filter((m) => m.sentence === sentenceIndex).flatMap((m) => words(m.text)));
    // Capitalised inside the sentence: a name, not a subject.
    const capitalised = new Set([...text.matchAll(/(?<=\S\s+)[A-Z][\p{L}'’-]*/gu)].flatMap((m) => words(m[0])));
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
  const sentenceAt = (offset: number) => sentences.findIndex((s) => s.start <= offset && offset < s.end);
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
  const titleTerms = articles.map((a) => new Set(words(a.title).map(stem)));
  const subjects = [...byTerm]
    .map(([term, list]) => {
      const nArticles = new Set(list.map((s) => s.articleId)).size;
      const inTitles = titleTerms.filter((t) => t.has(term)).length;
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
    const label = fresh.map((s) => s.surface.get(subject.term)!).sort((a, b) => b.length - a.length)[0] ?? subject.term;
    out.push({
      subject: label,
      statements: fresh
        .sort((a, b) => a.date.localeCompare(b.date) || a.articleId.localeCompare(b.articleId))
        .map(({ date, articleId, source, speaker, text }) => ({ date, articleId, source, speaker, text })),
    });
  }
  return out;
}

/** Statements on one subject and date from different sources, one affirming and one denying. */
export function findDisagreements(claims: ClaimEvolution[]): Disagreement[] {
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
      const polarities = new Set(list.map((s) => NEGATION.test(s.text)));
      if (polarities.size > 1) out.push({ date, about: claim.subject, statements: list });
    }
  }
  return out;
}
