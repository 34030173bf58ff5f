// A story's title and summary: the headline that best covers the story, and two sentences saying
// what it is about and where it stands.
import type { TimelineEntry } from '../types.js';
import { formatDate } from './dates.js';
import { isFurniture, isFurnitureHeadline } from './events.js';
import type { StoryArticle } from './model.js';
import { entryQuality, gluedLeadStart, looksLikeCaption, PLAYER_LINK } from './quality.js';
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

/** The article's text opens with the title: a line of the page made its title, not a headline it gave. */
function opensText(a: StoryArticle, title: string): boolean {
  const head = a.text.slice(0, title.length + 200).replace(/\s+/g, ' ').trimStart();
  return title.length > 0 && head.startsWith(title);
}

/** Removes a trailing " - Site" / " | Site" and surrounding whitespace. */
function cleanTitle(title: string): string {
  return title.replace(/\s+[|–—-]\s+[^|–—-]{2,40}$/u, '').replace(/\s+/g, ' ').trim();
}

// A byline or an author's note standing first ("- Maria Sheahan is a Reuters senior correspondent in
// Frankfurt", "In an award-winning journalism career spanning nearly three decades , Glenn Kessler…").
const BYLINE =
  /^\W*(?:by|written by|reporting by|compiled by)\s+\p{Lu}|^\W*\p{Lu}[\p{L}.'-]+(?:\s+\p{Lu}[\p{L}.'-]+){1,2}\s+(?:is|was)\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,3}(?:correspondent|reporter|columnist|editor|writer|journalist|blogger|contributor|commentator|analyst|author|producer)\b|\bjournalism career\b/u;

/** Garbled text (an encoding lost, "C cents # p nh cents # t : 14:03 GMT"): many one-letter tokens. */
function garbled(text: string): boolean {
  const tokens = text.split(/\s+/).filter(Boolean);
  const single = tokens.filter((t) => t.length === 1 && !/^[aAI&,.:;!?'"“”‘’-]$/.test(t)).length;
  return tokens.length >= 4 && single / tokens.length >= 0.25;
}

/** An opening parenthesis never closed: a line cut inside it ("J.P. Morgan Chase & Co ( JPM"). */
function unbalanced(text: string): boolean {
  const open = (text.match(/\(|-LRB-/g) ?? []).length;
  const close = (text.match(/\)|-RRB-/g) ?? []).length;
  return open > close;
}

// A promotion telling the reader what to do ("Copy the URL and paste into your emails or Tweets…").
const READER_PROMO =
  /^\W*(?:copy|click|share|send|e-?mail|sign up|subscribe|follow|join|download|watch|listen|read|find out|tell us|let us know|post|bookmark)\b[^.]*\b(?:you|your)\b|\b(?:your (?:e-?mails?|friends|inbox)|favou?rite sites)\b/i;

/**
 * Whether a title candidate can be a title at all: not a caption, a byline, a promotion, garbled or
 * cut text. (The extract stage makes a page's opening line its title when the page gives none:
 * "Rahman Ali ( L ) and Khak Hussain , both deaf and mute villagers …", a caption.)
 */
export function titleShape(title: string): boolean {
  return !(isFurnitureHeadline(title) || PLAYER_LINK.test(title) || CAPTION_MARK.test(title) || BYLINE.test(title) || READER_PROMO.test(title) || garbled(title) || unbalanced(title));
}
// (L), (R) beside a name, cut or not: a photo caption.
const CAPTION_MARK = /(?:\(|-LRB-)\s?(?:L|R|C|left|right|centre|center)\s?(?:\)|-RRB-)/;

// A chronology's date label ("Sept. 16 : The Federal Reserve…"): the summary gives the date itself.
const DATE_LABEL =
  /^\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)(?:\s*,\s*\d{4})?\s*(?::|--|[–—])\s+(?=\p{Lu})/iu;

// A bullet or a dash a list item opens with ("- Silence reigns in the sleepy village…").
const LEADING_MARK = /^[\s*•·–—-]+(?=\S)/u;

// What the number of articles reporting a title's day adds to it, up to so many articles.
const TITLE_SUPPORT = 0.2;
const MAX_TITLE_SUPPORT = 10;

// Below this a title candidate does not read as a title (as entryQuality's minQuality for entries).
const MIN_TITLE_QUALITY = 0.55;

// An article's head says what it is about: the story's centre from titles and leads.
const LEAD_CHARS = 1500;
const headTerms = perObject((a: StoryArticle) => contentTerms(`${a.title} ${a.text.slice(0, LEAD_CHARS)}`));

export function storyHeadline(articles: StoryArticle[], timeline: TimelineEntry[]): { title: string; summary: string } {
  const tfidf = new TfIdf();
  const docTerms = articles.map(headTerms);
  for (const t of docTerms) tfidf.add(t);
  const story = topTerms(centroid(docTerms.map((t) => tfidf.vector(t))), 40);

  // Title: the article headline (or, lacking one, a lead sentence) most central to the whole story,
  // the more so when its article reports one of the story's most reported days.
  const reportedWith = new Map<string, number>();
  for (const e of timeline) for (const id of e.articleIds) reportedWith.set(id, Math.max(reportedWith.get(id) ?? 0, e.articleIds.length));
  let best = { text: '', score: -1 };
  for (const a of articles) {
    const candidates = a.title ? [cleanTitle(a.title)] : [];
    const firstLine = a.text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
    if (!a.title && firstLine && wordCount(firstLine, 23) <= 22) candidates.push(firstLine);
    const opening = firstLine.replace(/\s+/g, ' ');
    for (const line of candidates) {
      if (!line) continue;
      // A headline the page gives is judged as a headline; a first line standing in for one (or
      // made the title by the pipeline or the extract stage: the text opens with it), as a sentence.
      // An opening line with its headline glued before the lead, whole or cut ("WHO declares swine
      // flu pandemic The Director General of the World Health Organization , Margaret Chan …"): the
      // headline, judged as a line of the page.
      const whole = line.endsWith('…') && opening.startsWith(line.slice(0, -1).trimEnd()) ? opening : line;
      const glued = gluedLeadStart(whole);
      const c = glued ? whole.slice(0, glued).trim() : line;
      const lineOnly = glued > 0 || line !== cleanTitle(a.title) || opensText(a, line);
      // A line under a date label is a slideshow's caption or a chronology's entry, no title ("April
      // 21 : The Deepwater Horizon oil rig burns in the Gulf of Mexico").
      // (A glued headline is short and unpunctuated as headlines are: only furniture patterns apply.)
      const furniture = glued ? isFurnitureHeadline(c) : isFurniture(c);
      if ((lineOnly && (furniture || looksLikeCaption(c) || DATE_LABEL.test(c))) || !titleShape(c)) continue;
      // A first line with no verb is more often a caption or a label than a headline ("Oil in the
      // water at the site of the Deepwater Horizon oil spill in the Gulf of Mexico").
      const verbless = lineOnly && !hasVerb(c);
      const question = /\?\s*$/.test(c);
      // (A line asking the reader, "BP 's oil spill : what has it cost you ?", heads a feature, not the story.)
      if (lineOnly && question && /\byou\b/i.test(c)) continue;
      // (a headline's shape first: a line cut short or carrying a site's name gains nothing)
      const shape = headlineShape(c);
      const support = shape < 1 ? 1 : 1 + TITLE_SUPPORT * Math.min(reportedWith.get(a.id) ?? 0, MAX_TITLE_SUPPORT);
      const score = cosine(tfidf.vector(contentTerms(c)), story) * shape * (verbless ? 0.6 : 1) * (question ? 0.7 : 1) * support;
      if (score > best.score) best = { text: c, score };
    }
  }

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
  // No headline reads as one (a caption, a byline, a promotion): the story's central entry says
  // what it is about, else its first entry that reads well alone.
  if (!best.text) {
    const fits = (e: TimelineEntry) => !isFurniture(e.summary) && titleShape(e.summary) && entryQuality(e.summary) >= MIN_TITLE_QUALITY;
    const fallback = (central && fits(central) ? central : timeline.find(fits)) ?? null;
    if (fallback) best = { text: fallback.summary.replace(DATE_LABEL, '').replace(LEADING_MARK, ''), score: 0 };
  }
  // ...else an article's first sentence that is no furniture ("Is a low energy house really
  // possible ?" under a video page's "Copy the URL and paste into your emails…").
  for (const a of best.text ? [] : articles) {
    const opening = a.analysis.sentences
      .slice(0, 6)
      .map((x) => a.text.slice(x.start, x.end).trim())
      .find((t) => !isFurniture(t) && !looksLikeCaption(t) && !DATE_LABEL.test(t) && titleShape(t) && entryQuality(t) >= 0.3);
    if (opening) {
      best = { text: opening.replace(LEADING_MARK, ''), score: 0 };
      break;
    }
  }
  const last = happened[happened.length - 1];
  const parts: string[] = [];
  const told = (e: TimelineEntry) => `${formatDate(e.date, e.granularity)}: ${e.summary.replace(DATE_LABEL, '')}`;
  if (central) parts.push(told(central));
  if (last && last !== central) parts.push(told(last));
  return { title: best.text, summary: parts.join(' ') };
}
