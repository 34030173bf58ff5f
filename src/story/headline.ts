// A story's title and summary: the headline that best covers the story, and two sentences saying
// what it is about and where it stands.
import type { TimelineEntry } from '../types.js';
import { formatDate } from './dates.js';
import { isFurniture, isFurnitureHeadline } from './events.js';
import type { StoryArticle } from './model.js';
import { entryQuality } from './quality.js';
import { centroid, contentTerms, cosine, TfIdf, topTerms, perObject, wordCount } from './text.js';

function headlineShape(title: string): number {
  const n = wordCount(title);
  if (n < 4 || n > 22) return 0.3;
  if (/[|•]|\s[-–—]\s[A-Z][\w.]+$/.test(title)) return 0.6; // "… - Site Name"
  // Cut short ("… his US counterpart Joe Biden…"): a lede made into a title, not a headline.
  if (/(?:…|\.\.\.)$/.test(title.trim())) return 0.5;
  return 1;
}

/** A rough finite-verb test: auxiliaries, or words ending in -ed/-es/-s. */
function hasVerb(text: string): boolean {
  return /\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|\w{3,}(?:ed|es|s))\b/i.test(text);
}

/** Removes a trailing " - Site" / " | Site" and surrounding whitespace. */
function cleanTitle(title: string): string {
  return title.replace(/\s+[|–—-]\s+[^|–—-]{2,40}$/u, '').replace(/\s+/g, ' ').trim();
}

// A chronology's date label ("Sept. 16 : The Federal Reserve…"): the summary gives the date itself.
const DATE_LABEL =
  /^\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)(?:\s*,\s*\d{4})?\s*(?::|--|[–—])\s+(?=\p{Lu})/iu;

// An article's head says what it is about: the story's centre from titles and leads.
const LEAD_CHARS = 1500;
const headTerms = perObject((a: StoryArticle) => contentTerms(`${a.title} ${a.text.slice(0, LEAD_CHARS)}`));

export function storyHeadline(articles: StoryArticle[], timeline: TimelineEntry[]): { title: string; summary: string } {
  const tfidf = new TfIdf();
  const docTerms = articles.map(headTerms);
  for (const t of docTerms) tfidf.add(t);
  const story = topTerms(centroid(docTerms.map((t) => tfidf.vector(t))), 40);

  // Title: the article headline (or, lacking one, a lead sentence) most central to the whole story.
  let best = { text: '', score: -1 };
  for (const a of articles) {
    const candidates = a.title ? [cleanTitle(a.title)] : [];
    const firstLine = a.text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
    if (!a.title && firstLine && wordCount(firstLine, 23) <= 22) candidates.push(firstLine);
    for (const c of candidates) {
      // A headline the page gives is judged as a headline; a first line standing in for one, as a sentence.
      const lineOnly = c !== cleanTitle(a.title);
      if (!c || (lineOnly ? isFurniture(c) : isFurnitureHeadline(c))) continue;
      // A first line with no verb is more often a caption or a label than a headline.
      const verbless = lineOnly && !hasVerb(c);
      const question = /\?\s*$/.test(c);
      const score = cosine(tfidf.vector(contentTerms(c)), story) * headlineShape(c) * (verbless ? 0.6 : 1) * (question ? 0.7 : 1);
      if (score > best.score) best = { text: c, score };
    }
  }
  if (!best.text && timeline.length) best = { text: timeline[0]!.summary, score: 0 };

  // Summary: the timeline's most central sentence, then where the story stands at its last date.
  let central: TimelineEntry | null = null;
  let centralScore = -1;
  // What happened, not what was announced: an entry only written about ahead of its date is not
  // where the story stands ("8 November 2016: … their choice on Nov. 8" in a September story).
  const reported = timeline.filter((e) => !e.expected);
  const happened = reported.length ? reported : timeline; // a story only of announcements still gets a summary
  for (const e of happened) {
    if (isFurniture(e.summary)) continue;
    // (An entry reading badly alone reads no better at the head of the story.)
    const s =
      cosine(tfidf.vector(contentTerms(e.summary)), story) *
      (1 + 0.2 * Math.min(e.articleIds.length, 10)) *
      (hasVerb(e.summary) ? 1 : 0.6) *
      entryQuality(e.summary);
    if (s > centralScore) {
      centralScore = s;
      central = e;
    }
  }
  const last = happened[happened.length - 1];
  const parts: string[] = [];
  const told = (e: TimelineEntry) => `${formatDate(e.date, e.granularity)}: ${e.summary.replace(DATE_LABEL, '')}`;
  if (central) parts.push(told(central));
  if (last && last !== central) parts.push(told(last));
  return { title: best.text, summary: parts.join(' ') };
}
