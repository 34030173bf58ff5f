// Scraped text → article: paragraphs, a title, and the page furniture removed (with reasons).
import type { Extracted } from '../../types.js';
import { classifyBlocks, type Block } from '../blocks.js';
import { detectLanguage } from '../language.js';
import { splitDateline } from '../dateline.js';

export interface TextOptions {
  title?: string;
  repeatedLines?: ReadonlyMap<string, number>;
}

/** What the blank collapsing below changes: a tab, a no-break space or two spaces (a line with neither is left as it is). */
const UNCOLLAPSED_BLANKS = /[\u00a0\t]|  /;

// Penn Treebank tokens in text that went through a tokeniser (news corpora such as Timeline17):
// brackets as -LRB- … -RRB-, quotation marks as `` … ''.
const PTB_BRACKETS: Record<string, string> = { '-LRB-': '(', '-RRB-': ')', '-LSB-': '[', '-RSB-': ']', '-LCB-': '{', '-RCB-': '}' };

/** Undoes Penn Treebank bracket and quote tokens; text without them is returned as it is. */
export function untokenisePtb(raw: string): string {
  let out = raw.includes('-R') || raw.includes('-L') ? raw.replace(/-[LR][RSC]B-/g, (t) => PTB_BRACKETS[t] ?? t) : raw;
  // `` opens and '' closes a quotation only where the tokeniser wrote both
  if (out.includes('``')) out = out.replace(/``\s?/g, '“').replace(/\s?''/g, '”');
  return out;
}

/** Splits scraped text into blocks: one per non-empty line (scrapers put one paragraph a line). */
export function textToBlocks(raw: string): Block[] {
  return untokenisePtb(raw)
    .replace(/\r\n?/g, '\n')
    .replace(/<br\s*\/?>/gi, ' ')
    .split(/\n/)
    .map((line) => (UNCOLLAPSED_BLANKS.test(line) ? line.replace(/[\u00a0\t ]+/g, ' ') : line).trim())
    .filter((line) => line.length > 0)
    .map((text) => ({ text }));
}

export function extractFromText(raw: string, options: TextOptions = {}): Extracted {
  const given = options.title?.trim() || undefined;
  const result = classifyBlocks(textToBlocks(raw), {
    repeatedLines: options.repeatedLines,
    findTitle: true,
    title: given,
  });
  const opening = cutOpeningDateline(result.kept);
  if (opening.prefix) result.removed.unshift({ text: opening.prefix, reason: /^by\s/i.test(opening.prefix) ? 'byline and dateline' : 'dateline' });
  if (opening.headline && (given ?? result.title)) result.removed.unshift({ text: opening.headline, reason: 'title repeated' });
  const text = opening.paragraphs.join('\n\n');
  // A title given by metadata wins; otherwise the headline found among the head lines, or printed before the dateline.
  const title = given ?? result.title ?? opening.headline ?? '';
  return {
    title,
    text,
    removed: result.removed,
    published: opening.date,
    publishedFrom: opening.date ? 'text' : null,
    modified: null,
    authors: [],
    language: detectLanguage(text, null),
    site: null,
    canonicalUrl: null,
    description: null,
    image: null,
  };
}

/** How many opening paragraphs may hold the dateline (a photo caption or a headline can come first). */
const DATELINE_REACH = 3;

/**
 * The dateline, byline and date stamp that open the article's first paragraphs ("GENEVA | Tue Jun
 * 30, 2009 1:58 pm EDT GENEVA (Reuters) - The first…"): cut off, with the date they give in full
 * and a headline printed before them.
 */
export function cutOpeningDateline(paragraphs: string[]): { paragraphs: string[]; prefix: string | null; headline: string | null; date: string | null } {
  for (let i = 0; i < Math.min(paragraphs.length, DATELINE_REACH); i++) {
    const split = splitDateline(paragraphs[i]!);
    if (!split) continue;
    const replaced = [split.lead, split.body].filter((p): p is string => !!p && p.trim() !== '');
    return { paragraphs: [...paragraphs.slice(0, i), ...replaced, ...paragraphs.slice(i + 1)], prefix: split.prefix || null, headline: split.headline, date: split.date };
  }
  return { paragraphs, prefix: null, headline: null, date: null };
}
