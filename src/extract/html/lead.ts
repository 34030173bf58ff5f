// The opening of an article that sits outside the container Readability picks: a standfirst (dek, teaser,
// excerpt, chapô, Vorspann) printed in the page header beside the headline, and first paragraphs in a sibling
// box of the same article body (page builders put each paragraph group in its own row). Both are read from the
// intact page, before furniture pruning moves or removes anything, and put back in front of the extracted text
// when they stand right before its first paragraph.
import type { RemovedBlock } from '../../types.js';
import { classifyBlocks, isProse, textFeatures } from '../blocks.js';

/** A paragraph of the page as it was before pruning, in document order. */
interface PageParagraph {
  text: string;
  key: string;
  /** The article element or article-body box holding it (null: none). */
  scope: Element | null;
  /** Marked by its class (or its box's) as the standfirst. */
  marked: boolean;
  /** Prints the page's own meta description. */
  printsDescription: boolean;
  linked: boolean;
  element: Element;
  /** The standfirst-marked element holding it (itself, or a box like div.teaser-text), and that box's parents. */
  box: Element | null;
  boxParents: [Element | null, Element | null];
  /** Inside what furniture pruning removed (set by markPruned). */
  pruned: boolean;
}

export interface PageLead {
  paragraphs: PageParagraph[];
}

const KEY_PREFIX = 40;

export function textKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

// Class/id parts that name a standfirst. Matched against the parts of each token (split on - and _) and, for the
// compound ones, anywhere in a token ("articleLead", "text-subline", "u-text-teaser", "post-excerpt").
const STANDFIRST_PARTS = new Set([
  'dek', 'deck', 'standfirst', 'lede', 'lead', 'leadtext', 'intro', 'introtext', 'teaser', 'teasertext', 'subline', 'strapline',
  'subtitle', 'subheadline', 'subhead', 'summary', 'excerpt', 'abstract', 'chapo', 'chapeau', 'sapo', 'entradilla', 'bajada',
  'sommario', 'vorspann', 'anriss', 'description', 'surtitre',
]);
const STANDFIRST_COMPOUND = /standfirst|strapline|subline|subheadline|(?:article|story|post|entry|text|header)(?:lead|intro|teaser|summary|excerpt|description)|(?:lead|intro|teaser)text/;
// The article element or the box of its body: what makes two paragraphs parts of one text.
const SCOPE_CLASS = /^(?:(?:entry|post|article|story|news|single)[-_]?(?:content|body|text)|(?:article|story)body)$/;
const LEAD_TAGS = new Set(['p', 'h2', 'h3', 'h4', 'li', 'div', 'span']);
// Containers whose paragraphs are never an article's opening.
const SKIP_TAGS = new Set(['nav', 'footer', 'aside', 'form', 'figure', 'figcaption', 'a', 'button', 'select', 'script', 'style', 'noscript', 'template', 'svg']);
// The site's header (its name and tagline, which the home page's description repeats), author boxes and calls to
// action: class/id tokens, or their parts, that pruning does not take for furniture.
const SKIP_NAMES =
  /^(?:site-?header|masthead|branding|site-?branding|site-?title|site-?description|blog-?description|tagline|slogan|logo|cta|top-?bar)$|(?:^|[-_])(?:branding|masthead|tagline|slogan|cta|emergency)(?:$|[-_])|(?:^|[-_])author[-_]?(?:box|bio|info|card|profile|details|description)|about[-_]?(?:the[-_]?)?author/;
// Outside any article element, a box named "header" (or role=banner) is the site's header.
const SITE_HEADER_NAMES = /^header$/;

function standfirstClass(classAndId: string): boolean {
  const names = classAndId.toLowerCase();
  for (const token of names.split(/\s+/)) {
    if (token === '') continue;
    if (STANDFIRST_COMPOUND.test(token)) return true;
    for (const part of token.split(/[-_]+/)) if (STANDFIRST_PARTS.has(part)) return true;
  }
  return false;
}

function skipByName(el: Element, inArticle: boolean): boolean {
  if (!inArticle && el.getAttribute('role') === 'banner' && el.getElementsByTagName('p').length <= 3) return true;
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase();
  if (names.length <= 1) return false;
  for (const token of names.split(/\s+/)) {
    if (token === '') continue;
    if (SKIP_NAMES.test(token)) return true;
    // (a page wrapper named "header" holds the article's paragraphs: only a box of a few is the site's header)
    if (!inArticle && SITE_HEADER_NAMES.test(token) && el.getElementsByTagName('p').length <= 3) return true;
  }
  return false;
}

function isScope(el: Element): boolean {
  if (el.localName === 'article' || el.getAttribute('itemprop') === 'articleBody') return true;
  const cls = el.getAttribute('class');
  if (cls) for (const token of cls.toLowerCase().split(/\s+/)) if (SCOPE_CLASS.test(token)) return true;
  return false;
}

function hasBlockChild(el: Element): boolean {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    const t = c.localName;
    if (t === 'p' || t === 'div' || t === 'ul' || t === 'ol' || t === 'table' || t === 'section' || t === 'h2' || t === 'h3') return true;
  }
  return false;
}

/**
 * Reads the page's paragraphs (p elements, and the standfirst-marked elements) with their article scope, in
 * document order, from the intact DOM. `description` is the page's meta description: an element printing it
 * is a standfirst candidate whatever its class.
 */
export function readPageLead(document: Document, description: string | null): PageLead {
  const paragraphs: PageParagraph[] = [];
  const body = document.body;
  if (!body) return { paragraphs };
  const descriptionKey = description ? textKey(description).slice(0, KEY_PREFIX) : '';
  const walk = (el: Element, scope: Element | null, linked: boolean, box: Element | null): void => {
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      const tag = child.localName;
      if (SKIP_TAGS.has(tag)) {
        if (tag === 'a') walk(child, scope, true, box);
        continue;
      }
      if (skipByName(child, scope !== null)) continue;
      const isP = tag === 'p';
      if (isP || LEAD_TAGS.has(tag)) {
        const names = `${child.getAttribute('class') ?? ''} ${child.getAttribute('id') ?? ''}`;
        const ownMark = names.length > 1 && standfirstClass(names);
        const marked = ownMark || box !== null;
        if (isP || (tag !== 'div' && tag !== 'span') || (ownMark && !hasBlockChild(child))) {
          const text = (child.textContent ?? '').replace(/\s+/g, ' ').trim();
          if (text.length >= 30) {
            const key = textKey(text);
            const printsDescription = descriptionKey.length >= 30 && key.startsWith(descriptionKey) && key.length < 1.6 * textKey(description!).length + 40;
            if (isP || marked || printsDescription) {
              const holder = ownMark ? child : box;
              const boxParent = holder?.parentElement ?? null;
              paragraphs.push({
                text, key, scope, marked, printsDescription, linked, element: child,
                box: holder, boxParents: [boxParent, boxParent?.parentElement ?? null], pruned: false,
              });
              continue;
            }
          }
          if (isP) continue;
        }
      }
      const names = LEAD_TAGS.has(tag) ? `${child.getAttribute('class') ?? ''} ${child.getAttribute('id') ?? ''}` : '';
      const boxHere = box ?? (names.length > 1 && standfirstClass(names) ? child : null);
      walk(child, isScope(child) ? child : scope, linked, boxHere);
    }
  };
  walk(body, isScope(body) ? body : null, false, null);
  return { paragraphs };
}

/**
 * Marks the paragraphs that furniture pruning removed (run right after it, before Readability moves anything):
 * they are no article's opening — except a standfirst removed for its own class ("teaser") from a kept parent.
 */
export function markPruned(lead: PageLead): void {
  for (const p of lead.paragraphs) {
    if (p.element.isConnected) continue;
    let root: Element = p.element;
    for (let up = root.parentElement; up; up = up.parentElement) root = up;
    // (a standfirst box pruned for its own name, or inside a pruned wrapper one level up, stays a standfirst)
    const [boxParent, boxGrand] = p.boxParents;
    const ownName = p.box !== null && ((root === p.box && boxParent?.isConnected) || (root === boxParent && boxGrand?.isConnected));
    p.pruned = !ownName;
  }
}

const MAX_RESTORED = 8;
const LOOK_BACK = 14;

/** A teaser of another page: its kicker or headline is a link that opens the paragraph ("<a>Kicker</a> Headline"). */
function opensWithLink(el: Element, words: number): boolean {
  if (words >= 25) return false;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3) {
      if ((n.nodeValue ?? '').trim() !== '') return false;
      continue;
    }
    return n.nodeType === 1 && (n as Element).localName === 'a';
  }
  return false;
}

/** Share of an element's text inside links (a teaser's headline is a link). */
function linkShare(el: Element, textLength: number): number {
  let n = 0;
  for (const a of Array.from(el.getElementsByTagName('a'))) n += (a.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  return n / Math.max(1, textLength);
}

function leadLike(text: string): boolean {
  // (a line opening with a dash is a quote's attribution: "— David McKinley on Sunday, October 13th, 2019 in …")
  if (/^[—–-]\s/.test(text)) return false;
  const f = textFeatures(text);
  if (f.words < 8 || f.words > 160) return false;
  return isProse(f) || (f.stopwordShare >= 0.15 && f.capitalisedShare < 0.6);
}

export interface RestoredLead {
  /** The article's standfirst (dek, teaser, chapô) printed outside the text: kept apart from the body, like the title. */
  standfirst: string | null;
  /** First paragraphs of the article body that the text lacks, to put before it. */
  paragraphs: string[];
}

/**
 * Walking back from the page paragraph that opens the extracted text (`kept`, the text's blocks): the paragraphs of
 * the same article scope that the text has neither kept nor removed (its first paragraphs, in a sibling box), and the
 * standfirst standing right before them — each cleaned by the block classifier like any other block.
 */
export function restoreLead(lead: PageLead, kept: string[], removed: RemovedBlock[], title: string): RestoredLead {
  const none: RestoredLead = { standfirst: null, paragraphs: [] };
  const { paragraphs } = lead;
  if (!paragraphs.length || !kept.length) return none;
  const keptKey = textKey(kept.join(' '));
  let anchor = -1;
  // (the text's first paragraph as the page prints it: the first of its first three blocks found among the page's paragraphs)
  for (const block of kept.slice(0, 3)) {
    const k = textKey(block);
    if (k.length < 60) continue;
    const prefix = k.slice(0, KEY_PREFIX);
    anchor = paragraphs.findIndex((p) => p.key.startsWith(prefix));
    if (anchor >= 0) break;
  }
  if (anchor <= 0) return none;
  const removedKey = textKey(removed.map((r) => r.text).join(' '));
  const titleKey = textKey(title);
  const scope = paragraphs[anchor]!.scope;
  const body: string[] = [];
  let standfirst: string | null = null;
  for (let j = anchor - 1; j >= 0 && j >= anchor - LOOK_BACK && body.length < MAX_RESTORED; j--) {
    const p = paragraphs[j]!;
    const prefix = p.key.slice(0, KEY_PREFIX);
    if (keptKey.includes(prefix)) continue;
    if (p.pruned || removedKey.includes(prefix) || p.linked || linkShare(p.element, p.text.length) > 0.5) continue;
    if (titleKey.length >= 12 && (titleKey.includes(p.key) || p.key.includes(titleKey))) continue;
    const sameScope = scope !== null && p.scope === scope;
    // (a paragraph of the body box printing the description is the body's own first paragraph)
    const isStandfirst = p.marked || p.printsDescription;
    if (!sameScope && !isStandfirst) {
      // a substantial paragraph of another box between them: what stands before it is not this article's opening
      if (textFeatures(p.text).words >= 10) break;
      continue;
    }
    if (!leadLike(p.text) || opensWithLink(p.element, textFeatures(p.text).words)) continue;
    if (isStandfirst) {
      standfirst = p.text;
      break;
    }
    body.unshift(p.text);
  }
  if (!standfirst && !body.length) return none;
  // The classifier judges them as the head of the article (bylines, datelines, pitches go), with the text's
  // first blocks after them so that they are judged as an opening, not as a page of their own.
  const found = standfirst ? [standfirst, ...body] : body;
  const following = kept.slice(0, 2);
  const followingKeys = following.map((k) => textKey(k).slice(0, KEY_PREFIX));
  const cleaned = classifyBlocks([...found, ...following].map((text) => ({ text, tag: 'p' as const })), { fromHtml: true, title });
  const keptFound = cleaned.kept.filter((text) => !followingKeys.some((k) => textKey(text).startsWith(k)));
  const standfirstKey = standfirst ? textKey(standfirst).slice(0, KEY_PREFIX) : null;
  const cleanStandfirst = standfirstKey ? (keptFound.find((t) => textKey(t).startsWith(standfirstKey)) ?? null) : null;
  return { standfirst: cleanStandfirst, paragraphs: keptFound.filter((t) => t !== cleanStandfirst) };
}
