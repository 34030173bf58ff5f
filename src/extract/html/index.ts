// HTML → article. One linkedom parse: metadata and dates are read first, then page furniture is
// pruned, Readability picks the article container, and the block classifier cleans its blocks.
// When Readability finds nothing (or too little), the densest text block of a fresh parse is used.
import type { Extracted } from '../../types.js';
import { classifyBlocks, type Block } from '../blocks.js';
import { cutOpeningDateline } from '../dateline.js';
import { detectLanguage } from '../language.js';
import { densestContainer, elementToBlocks, pruneFurniture, readabilityContainer } from './content.js';
import { findDates } from './dates.js';
import { parseDocument } from './dom.js';
import { markPruned, readPageLead, restoreLead } from './lead.js';
import { cleanTitle, readMetadata } from './metadata.js';

export interface HtmlOptions {
  url?: string;
  title?: string;
  repeatedLines?: ReadonlyMap<string, number>;
  /** Latest acceptable publication date (ISO), default today. */
  latestDate?: string;
}

const MIN_ARTICLE_CHARS = 250;

/**
 * Drops what no step reads before parsing — scripts (except JSON-LD), styles, comments, inline SVG —
 * so the DOM is smaller and every later traversal cheaper.
 */
export function stripInert(html: string): string {
  let out = cutElements(html, /<script\b/gi, /<\/script\s*>/gi, (element, openTag) => (/ld\+json|json\+ld/i.test(openTag) ? element : ''));
  out = cutElements(out, /<style\b/gi, /<\/style\s*>/gi, () => '');
  out = cutElements(out, /<!--/g, /-->/g, () => '', false);
  // (an <svg> left open — "<svg …><use …/></div>" — runs to the next icon's </svg>: browsers close it at the </div>, so only
  // its opening tag goes when HTML blocks stand before the </svg> matched; htmldate 0485 lost its whole interview)
  out = cutElements(out, /<svg\b/gi, /<\/svg\s*>/gi, (element, openTag) => (UNCLOSED_SVG_RE.test(element) ? element.slice(openTag.length) : ''));
  // (the message holds "</b>:": a page without it is not scanned by the long pattern)
  return out.includes('</b>:') ? out.replace(SERVER_MESSAGE_HTML_RE, ' ') : out;
}

/**
 * Each element from an opener to the first closer after it, replaced by what `replace` returns (given
 * the element and its opening tag). An opener with no closer after it ends the search, since no later
 * one has one either: one pass over the page (a regex scanning from every unclosed opener to the
 * page's end was quadratic — 20,000 "<!--x" took 1.9 s, code review 10). `tagged`: the opener is a
 * tag's start, whose '>' ends it (not so "<!--").
 */
function cutElements(html: string, opener: RegExp, closer: RegExp, replace: (element: string, openTag: string) => string, tagged = true): string {
  let out = '';
  let from = 0;
  opener.lastIndex = 0;
  for (let open = opener.exec(html); open; open = opener.exec(html)) {
    const openEnd = tagged ? html.indexOf('>', open.index) + 1 : open.index + open[0].length;
    if (openEnd === 0) break;
    closer.lastIndex = openEnd;
    const close = closer.exec(html);
    if (!close) break;
    const end = close.index + close[0].length;
    out += html.slice(from, open.index) + replace(html.slice(open.index, end), html.slice(open.index, openEnd));
    from = end;
    opener.lastIndex = end;
  }
  return from === 0 ? html : out + html.slice(from);
}

/** HTML that an <svg> never holds: its match ran past where the element was closed. */
const UNCLOSED_SVG_RE = /<\/(?:div|p|section|article|li|ul|ol|dd|dl|span|a|h[1-6]|header|main|table|td|tr)\s*>/i;

/** PHP's error output as it prints it: `<br /><b>Warning</b>: … in <b>/path/x.php</b> on line <b>12</b><br />`. */
const SERVER_MESSAGE_HTML_RE =
  /(?:<br\s*\/?>\s*)?<b>(?:PHP )?(?:Warning|Notice|Deprecated|Strict Standards|(?:Catchable |Recoverable )?Fatal error|Parse error)<\/b>:(?:[^<]|<\/?b>){1,1200}?\bon line\s*<b>\d+<\/b>(?:\s*<br\s*\/?>)?/g;

function keptLength(kept: string[]): number {
  let n = 0;
  for (const k of kept) n += k.length;
  return n;
}

/** Characters of `kept` that `other` keeps too. */
function sharedLength(kept: string[], other: string[]): number {
  const others = new Set(other);
  let n = 0;
  for (const k of kept) if (others.has(k)) n += k.length;
  return n;
}

function blocksLength(blocks: Block[]): number {
  let n = 0;
  for (const b of blocks) n += b.text.length;
  return n;
}

export function extractFromHtml(html: string, options: HtmlOptions = {}): Extracted {
  const inert = stripInert(html);
  const document = parseDocument(inert);
  const meta = readMetadata(document, options.url);
  const dates = findDates(document, meta.jsonLd, meta.metas, { url: options.url, latest: options.latestDate }, html);
  // The first <h1> is the title only when neither the caller nor the metadata gives one; read before pruning.
  const h1 = options.title?.trim() || meta.title ? null : (document.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim() ?? null);

  // The page's paragraphs as printed, before pruning: the article's standfirst and first paragraphs when
  // they stand outside the container Readability picks.
  const lead = readPageLead(document, meta.description);
  markPruned(lead, pruneFurniture(document));
  const container = readabilityContainer(document);
  const title = options.title?.trim() || meta.title || (h1 ? cleanTitle(h1, meta.site, null) : '') || '';
  const titleKey = title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const classify = (found: Block[]) => {
    // The headline repeated at the top of the body is not body text.
    if (found.length && titleKey && found[0]!.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '') === titleKey) found = found.slice(1);
    return classifyBlocks(found, { repeatedLines: options.repeatedLines, fromHtml: true, title, pageUrls: [options.url, meta.canonicalUrl] });
  };
  const blocks = container ? elementToBlocks(container) : [];
  let result = classify(blocks);
  const prose = result.proseChars;
  // Readability can crown a list that scores by its commas (a letter's signatories in a table cell) over the
  // paragraphs beside it: when under a quarter of what it gives is prose, a text block with twice the prose wins.
  const mostlyNotProse = prose < 0.25 * keptLength(result.kept);
  if (blocksLength(blocks) < MIN_ARTICLE_CHARS || mostlyNotProse) {
    const fresh = parseDocument(inert);
    pruneFurniture(fresh, false);
    const dense = densestContainer(fresh);
    const alt = dense ? elementToBlocks(dense) : [];
    // A short post is still the article: the densest block (often a sidebar) replaces it only when
    // it keeps clearly more text once both are cleaned.
    if (blocksLength(blocks) < MIN_ARTICLE_CHARS) {
      if (blocksLength(alt) > blocksLength(blocks)) {
        const altResult = classify(alt);
        if (keptLength(altResult.kept) > 1.5 * keptLength(result.kept)) result = altResult;
      }
    } else if (alt.length) {
      // (the block must hold what Readability found: the page's article around the list, not a comment thread beside it)
      const altResult = classify(alt);
      if (altResult.proseChars > 2 * prose + 200 && sharedLength(result.kept, altResult.kept) > 0.5 * keptLength(result.kept)) result = altResult;
    }
  }
  // A wire dateline opening the text ("HAYWARD, Calif. (AP) —", "LONDON, May 3 (Reuters) -") is metadata, not the first sentence.
  const opening = cutOpeningDateline(result.kept);
  if (opening.prefix) result.removed.unshift({ text: opening.prefix, reason: /^by\s/i.test(opening.prefix) ? 'byline and dateline' : 'dateline' });
  if (opening.headline && title) result.removed.unshift({ text: opening.headline, reason: 'title repeated' });
  const restored = restoreLead(lead, result.kept, result.removed, title);
  const text = (restored.paragraphs.length ? [...restored.paragraphs, ...opening.paragraphs] : opening.paragraphs).join('\n\n');
  const published = dates.published ?? opening.date;
  return {
    title: title || opening.headline || '',
    text,
    removed: result.removed,
    published,
    publishedFrom: dates.published ? 'metadata' : published ? 'text' : null,
    modified: dates.modified,
    authors: meta.authors,
    language: detectLanguage(text || title, meta.lang),
    site: meta.site,
    canonicalUrl: meta.canonicalUrl,
    description: meta.description,
    image: meta.image,
    dateline: opening.prefix ? { text: opening.prefix, place: opening.place, date: opening.date } : null,
    standfirst: restored.standfirst,
  };
}
