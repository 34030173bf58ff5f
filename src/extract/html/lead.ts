// The opening of an article that sits outside the container Readability picks: a standfirst (dek, teaser,
// excerpt, chapô, Vorspann) printed in the page header beside the headline, and first paragraphs in a sibling
// box of the same article body (page builders put each paragraph group in its own row). Both are read from the
// intact page, before furniture pruning moves or removes anything, and put back in front of the extracted text
// when they stand right before its first paragraph.
import type { RemovedBlock } from '../../types.js';
import { classifyBlocks, isProse, textFeatures } from '../blocks.js';

/** A paragraph of the page as it was before pruning, in document order (its text is read when first needed). */
interface PageParagraph {
  element: Element;
  /** A <p>; otherwise a heading, list item or box that is a standfirst candidate only (by its class or the description). */
  isP: boolean;
  /** The article element or article-body box holding it (null: none). */
  scope: Element | null;
  /** Marked by its class (or its box's) as the standfirst. */
  marked: boolean;
  linked: boolean;
  /** The standfirst-marked element holding it (itself, or a box like div.teaser-text), and that box's parent. */
  box: Element | null;
  boxParent: Element | null;
  text?: string;
  key?: string;
}

export interface PageLead {
  paragraphs: PageParagraph[];
  description: string | null;
  /** The roots of what furniture pruning removed (set by markPruned). */
  prunedRoots: ReadonlySet<Element>;
}

function textOf(p: PageParagraph): string {
  return (p.text ??= (p.element.textContent ?? '').replace(/\s+/g, ' ').trim());
}

function keyOf(p: PageParagraph): string {
  return (p.key ??= textKey(textOf(p)));
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

/** Cheap test first: every standfirst name holds one of these. */
const STANDFIRST_HINT = /de[kc]|standfirst|led|lead|intro|teaser|sub|strap|summar|excerpt|abstract|chap|sapo|entradilla|bajada|sommario|vorspann|anriss|descr|surtitre/;

function standfirstClass(names: string): boolean {
  if (!STANDFIRST_HINT.test(names)) return false;
  for (const token of names.split(/\s+/)) {
    if (token === '') continue;
    if (STANDFIRST_COMPOUND.test(token)) return true;
    for (const part of token.split(/[-_]+/)) if (STANDFIRST_PARTS.has(part)) return true;
  }
  return false;
}

/** Cheap test first: every name skipByName acts on holds one of these. */
const SKIP_HINT = /header|masthead|brand|site|blog|tagline|slogan|logo|cta|top|emergency|author/;

function skipByName(el: Element, names: string, inArticle: boolean): boolean {
  if (!inArticle && el.getAttribute('role') === 'banner' && el.getElementsByTagName('p').length <= 3) return true;
  if (!SKIP_HINT.test(names)) return false;
  for (const token of names.split(/\s+/)) {
    if (token === '') continue;
    if (SKIP_NAMES.test(token)) return true;
    // (a page wrapper named "header" holds the article's paragraphs: only a box of a few is the site's header)
    if (!inArticle && SITE_HEADER_NAMES.test(token) && el.getElementsByTagName('p').length <= 3) return true;
  }
  return false;
}

/** Cheap test first: every article-body class holds one of these. */
const SCOPE_HINT = /content|body|text/i;

function isScope(el: Element, cls: string | null): boolean {
  if (el.localName === 'article' || el.getAttribute('itemprop') === 'articleBody') return true;
  if (cls && SCOPE_HINT.test(cls)) for (const token of cls.toLowerCase().split(/\s+/)) if (SCOPE_CLASS.test(token)) return true;
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
 * Reads the page's paragraphs (p elements, and the standfirst candidates: marked elements, headings and list items)
 * with their article scope, in document order, from the intact DOM. Texts are read later, for the few looked at.
 */
export function readPageLead(document: Document, description: string | null): PageLead {
  const paragraphs: PageParagraph[] = [];
  const lead: PageLead = { paragraphs, description, prunedRoots: new Set() };
  const body = document.body;
  if (!body) return lead;
  const walk = (el: Element, scope: Element | null, linked: boolean, box: Element | null): void => {
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      const tag = child.localName;
      if (SKIP_TAGS.has(tag)) {
        if (tag === 'a') walk(child, scope, true, box);
        continue;
      }
      const cls = child.getAttribute('class');
      const id = child.getAttribute('id');
      const names = cls || id ? `${cls ?? ''} ${id ?? ''}`.toLowerCase() : '';
      if (names && skipByName(child, names, scope !== null)) continue;
      const isP = tag === 'p';
      const ownMark = names !== '' && LEAD_TAGS.has(tag) && standfirstClass(names);
      if (isP || ((tag === 'li' || tag === 'h2' || tag === 'h3' || tag === 'h4') && description) || (ownMark && !hasBlockChild(child))) {
        const holder = ownMark ? child : box;
        paragraphs.push({ element: child, isP, scope, marked: ownMark || box !== null, linked, box: holder, boxParent: holder?.parentElement ?? null });
        if (isP || ownMark) continue;
      }
      walk(child, isScope(child, cls) ? child : scope, linked, box ?? (ownMark ? child : null));
    }
  };
  walk(body, isScope(body, body.getAttribute('class')) ? body : null, false, null);
  return lead;
}

/** Keeps what furniture pruning removed (run right after it, before Readability moves anything). */
export function markPruned(lead: PageLead, removedRoots: ReadonlySet<Element>): void {
  lead.prunedRoots = removedRoots;
}

/**
 * Whether pruning removed the paragraph: the root it hangs from now is one of the removed boxes — except a standfirst
 * box removed for its own name ("teaser"), or inside a box removed one level up (after Readability, a paragraph of the
 * article hangs from Readability's container, which is no removed box).
 */
function isPruned(p: PageParagraph, prunedRoots: ReadonlySet<Element>): boolean {
  if (prunedRoots.size === 0) return false;
  let root: Element = p.element;
  for (let up = root.parentElement; up; up = up.parentElement) root = up;
  if (!prunedRoots.has(root)) return false;
  return !(p.box !== null && (root === p.box || root === p.boxParent));
}

/** The element prints the page's meta description (a standfirst whatever its class). */
function printsDescription(p: PageParagraph, descriptionKey: string, descriptionLength: number): boolean {
  if (descriptionKey.length < 30) return false;
  const key = keyOf(p);
  return key.startsWith(descriptionKey) && key.length < 1.6 * descriptionLength + 40;
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

/** The text's opening among the page's first paragraphs (an opening further down is not looked for: it costs every page). */
const ANCHOR_REACH = 60;

function findAnchor(paragraphs: PageParagraph[], prefix: string): number {
  for (let i = 0, seen = 0; i < paragraphs.length && seen < ANCHOR_REACH; i++) {
    const p = paragraphs[i]!;
    if (!p.isP) continue;
    seen++;
    if (keyOf(p).startsWith(prefix)) return i;
  }
  return -1;
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
  const { paragraphs, prunedRoots } = lead;
  if (!paragraphs.length || !kept.length) return none;
  let anchor = -1;
  // (the text's first paragraph as the page prints it: the first of its first three blocks found among the page's paragraphs)
  for (const block of kept.slice(0, 3)) {
    const k = textKey(block);
    if (k.length < 60) continue;
    const prefix = k.slice(0, KEY_PREFIX);
    anchor = findAnchor(paragraphs, prefix);
    if (anchor >= 0) break;
  }
  if (anchor <= 0) return none;
  // (what the walk back meets is the text's opening, if anything of the text: its first blocks; the keys are made
  // when first needed, as most pages stop before some of them)
  let keptKey: string | undefined;
  let removedKey: string | undefined;
  let titleKey: string | undefined;
  let descriptionPrefix: string | undefined;
  const descriptionKey = lead.description ? textKey(lead.description) : '';
  const scope = paragraphs[anchor]!.scope;
  const body: string[] = [];
  let standfirst: string | null = null;
  for (let j = anchor - 1, looked = 0; j >= 0 && looked < LOOK_BACK && body.length < MAX_RESTORED; j--) {
    const p = paragraphs[j]!;
    const isStandfirst = p.marked || printsDescription(p, (descriptionPrefix ??= descriptionKey.slice(0, KEY_PREFIX)), descriptionKey.length);
    // (headings and list items count only as standfirsts)
    if (!p.isP && !isStandfirst) continue;
    const text = textOf(p);
    if (text.length < 30) continue;
    looked++;
    const key = keyOf(p);
    const prefix = key.slice(0, KEY_PREFIX);
    if ((keptKey ??= textKey(kept.slice(0, 12).join(' '))).includes(prefix)) continue;
    if ((removedKey ??= textKey(removed.map((r) => r.text).join(' '))).includes(prefix) || p.linked || isPruned(p, prunedRoots) || linkShare(p.element, text.length) > 0.5) continue;
    titleKey ??= textKey(title);
    if (titleKey.length >= 12 && (titleKey.includes(key) || key.includes(titleKey))) continue;
    const sameScope = scope !== null && p.scope === scope;
    if (!sameScope && !isStandfirst) {
      // a substantial paragraph of another box between them: what stands before it is not this article's opening
      if (textFeatures(text).words >= 10) break;
      continue;
    }
    if (!leadLike(text) || opensWithLink(p.element, textFeatures(text).words)) continue;
    if (isStandfirst) {
      standfirst = text;
      break;
    }
    body.unshift(text);
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
