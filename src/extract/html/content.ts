// Main text of an HTML page: boilerplate pruned by markup cues, Readability to find the article
// container, then a block-aware walk (one block per paragraph, heading, list item) for the classifier.
import { Readability } from '@mozilla/readability';
import type { Block } from '../blocks.js';

// Class/id words of page furniture. Matched against the parts of each class token and the id
// (split on - and _), so "share-bar" and "post_comments" match while "shared-content" does not.
const FURNITURE_WORDS = new Set([
  'share', 'sharing', 'sharebar', 'shares', 'social', 'socials', 'sociallinks', 'related', 'relatedposts', 'newsletter', 'newsletters',
  'subscribe', 'subscription', 'signup', 'comment', 'comments', 'commentlist', 'disqus', 'caption', 'captions', 'figcaption', 'credit',
  'credits', 'breadcrumb', 'breadcrumbs', 'tags', 'tagged', 'taglist', 'promo', 'promos', 'advert', 'adverts', 'advertisement', 'ad', 'ads',
  'adslot', 'adunit', 'sponsored', 'sponsor', 'outbrain', 'taboola', 'recirc', 'recirculation', 'recommended', 'recommendations', 'popup',
  'modal', 'cookie', 'cookies', 'gdpr', 'consent', 'toolbar', 'widget', 'widgets', 'sidebar', 'rail', 'author-bio', 'authorbio',
  'bio', 'byline', 'dateline', 'timestamp', 'pagination', 'pager', 'nav', 'navbar', 'navigation', 'menu', 'masthead', 'footer', 'print',
  'skip', 'hidden', 'visually', 'sronly', 'screenreader', 'offscreen', 'trending', 'mostread', 'popular', 'readmore', 'morestories', 'teaser',
  'teasers', 'newsletterbox', 'inline', 'embed', 'video', 'player', 'gallery', 'slideshow', 'carousel', 'lightbox', 'meta', 'postmeta',
  'entrymeta', 'article-meta', 'tooltip', 'overlay', 'entry-utility', 'postmetadata', 'commentform', 'respond',
]);
/** Class/id names that hold these anywhere ("cookiebanner", "cmp-consent-box") are furniture too. */
const FURNITURE_INFIXES = /cookie|consent|gdpr|commentform|comment-form/;
// Parts that only mean furniture together with another cue; alone they are too common in content wrappers.
const WEAK_WORDS = new Set(['inline', 'embed', 'video', 'meta', 'print', 'hidden', 'visually', 'rail', 'bio', 'widget', 'widgets', 'player']);
const STRONG_CONTENT = /(?:^|[-_ ])(?:article|story|entry|post|content|body|main|text)(?:[-_ ]?(?:body|content|text|main))?(?:$|[-_ ])/i;

const DROP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'FORM', 'BUTTON', 'SELECT', 'INPUT', 'TEXTAREA', 'NAV', 'FIGCAPTION',
  'CANVAS', 'VIDEO', 'AUDIO', 'OBJECT', 'EMBED', 'LINK', 'META', 'DIALOG', 'MENU',
]);

/** DROP_TAGS as element local names (lower case): linkedom's tagName upper-cases on every read. */
const DROP_LOCAL_NAMES = new Set([...DROP_TAGS].map((t) => t.toLowerCase()));
const NO_WORDS: ReadonlySet<string> = new Set();

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL',
  'BR', 'CAPTION', 'DETAILS', 'SUMMARY', 'CENTER',
]);

/** The furniture words of an element's "class id" string (see FURNITURE_WORDS). */
function furnitureWords(classAndId: string): string[] {
  const found: string[] = [];
  const names = classAndId.toLowerCase();
  if (names.trim() === '') return found;
  for (const token of names.split(/\s+/)) {
    if (token === '') continue;
    if (FURNITURE_WORDS.has(token)) found.push(token);
    for (const part of token.split(/[-_]+/)) if (part !== token && FURNITURE_WORDS.has(part)) found.push(part);
    if (FURNITURE_INFIXES.test(token)) found.push('consent');
  }
  return found;
}

/**
 * `el.querySelectorAll('p').length`, by linkedom's plain tag scan: the selector engine compiles its
 * selector on every call. The tag scan also enters <template> contents, which the selector skips,
 * so elements holding a template keep the selector.
 */
function countParagraphs(el: Element): number {
  return el.getElementsByTagName('template').length === 0 ? el.getElementsByTagName('p').length : el.querySelectorAll('p').length;
}

function isHiddenByStyle(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return style !== null && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** A comment or reply form: its action, id or class says comment, or it holds little text besides its fields. */
function isCommentForm(form: Element): boolean {
  const names = `${form.getAttribute('action') ?? ''} ${form.getAttribute('id') ?? ''} ${form.getAttribute('class') ?? ''}`;
  if (/comment|reply|respond|kommentar/i.test(names)) return true;
  return (form.textContent ?? '').replace(/\s+/g, ' ').length < 400;
}

/** Paragraph text of an element: the characters of its <p> descendants. */
function paragraphChars(el: Element): number {
  let n = 0;
  for (const p of Array.from(el.getElementsByTagName('p'))) n += (p.textContent ?? '').length;
  return n;
}

const pageParagraphChars = new WeakMap<Element, number>();
/** Furniture words that themes also give to the box of the article itself ("view-pagination", "post-content use-lightbox"). */
const WRAPPER_NAMED = new Set(['pagination', 'pager', 'lightbox', 'gallery', 'slideshow', 'carousel', 'embed', 'inline', 'video', 'player', 'sidebar', 'rail']);
/** Names Readability takes for unlikely article candidates (a subset of its REGEXPS.unlikelyCandidates). */
const READABILITY_UNLIKELY_RE = /pagination|pager|sidebar|related|supplemental|extra|menu|footer|header|social|banner|comment|popup/i;

/**
 * A box named only for what themes also call the article's own box (pagination, lightbox, gallery…) that holds most of the
 * page's paragraph text is the article's wrapper ("view-pagination" around a Drupal article: htmldate 0594).
 */
function holdsMostParagraphText(el: Element, words: ReadonlySet<string>, body: Element): boolean {
  // (only names that themes also give to a page's content box: a footer or modal holding long teasers is furniture)
  for (const w of words) if (!WRAPPER_NAMED.has(w)) return false;
  if (countParagraphs(el) < 5) return false;
  let page = pageParagraphChars.get(body);
  if (page === undefined) pageParagraphChars.set(body, (page = paragraphChars(body)));
  return paragraphChars(el) > 0.5 * page;
}

/**
 * Removes page furniture the markup names: non-content tags, hidden elements, and elements whose
 * class or id says share bar, related links, comments, captions, newsletter box… — unless the
 * element holds a large share of the page's text (then it is a wrapper, not furniture).
 * Returns the removed elements (the roots of the removed subtrees).
 */
export function pruneFurniture(document: Document, byClass = true): Set<Element> {
  const removedRoots = new Set<Element>();
  const body = document.body ?? document.documentElement;
  if (!body) return removedRoots;
  const dropped: Element[] = [];
  const dropTags = (el: Element): void => {
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      const tag = child.localName;
      // Whole-page <form> wrappers (ASP.NET) hold the article: only small forms are furniture.
      const pageForm = tag === 'form' && countParagraphs(child) >= 3 && !isCommentForm(child);
      // A <noscript> holding paragraphs is the article of a page that renders it by script (blog engines).
      const articleFallback = tag === 'noscript' && countParagraphs(child) >= 3 && (child.textContent ?? '').length > 500;
      if ((DROP_LOCAL_NAMES.has(tag) && !pageForm && !articleFallback) || isHiddenByStyle(child)) dropped.push(child);
      else {
        if (articleFallback) unwrapped.push(child);
        dropTags(child);
      }
    }
  };
  const unwrapped: Element[] = [];
  dropTags(body);
  for (const el of dropped) {
    el.remove();
    removedRoots.add(el);
  }
  // (Readability removes every <noscript>: the article's one is replaced by its content)
  for (const el of unwrapped) el.replaceWith(...Array.from(el.childNodes));
  if (!byClass) return removedRoots;

  const total = (body.textContent ?? '').replace(/\s+/g, ' ').length || 1;
  const toRemove: Element[] = [];
  const wrappers: Element[] = [];
  const unlikelyNamed: Element[] = [];
  const walk = (el: Element): void => {
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      const tag = child.localName;
      const cls = `${child.getAttribute('class') ?? ''} ${child.getAttribute('id') ?? ''}`;
      const words = cls === ' ' ? NO_WORDS : new Set(furnitureWords(cls));
      const furniture =
        (tag === 'aside' && !STRONG_CONTENT.test(cls)) || (words.size > 0 && ([...words].some((w) => !WEAK_WORDS.has(w)) || words.size > 1));
      if (furniture) {
        const len = (child.textContent ?? '').replace(/\s+/g, ' ').length;
        const byShare = len > total * 0.3;
        const byContent = !byShare && (tag === 'article' || tag === 'main' || STRONG_CONTENT.test(cls)) && len > 600 && countParagraphs(child) >= 3;
        const mostText = !byContent && len > total * 0.2 && holdsMostParagraphText(child, words, body);
        const wrapper = byShare || byContent || mostText;
        if (!wrapper) {
          toRemove.push(child);
          continue;
        }
        wrappers.push(child);
        // (Readability drops a box whose name says pagination, sidebar, related…: the article's wrapper loses those names)
        if (mostText) unlikelyNamed.push(child);
      }
      walk(child);
    }
  };
  walk(body);
  for (const el of toRemove) {
    el.remove();
    removedRoots.add(el);
  }
  for (const el of unlikelyNamed) {
    for (const attr of ['class', 'id']) {
      const value = el.getAttribute(attr);
      if (value && READABILITY_UNLIKELY_RE.test(value)) el.setAttribute(attr, value.split(/\s+/).filter((token) => !READABILITY_UNLIKELY_RE.test(token)).join(' '));
    }
  }
  // A page column named after its sidebar ("sidebar-wrapper" around the article, "has-sidebar") loses that name when it
  // holds the headline: Readability would drop it as an unlikely candidate, article and all.
  const headline = wrappers.length ? (body.getElementsByTagName('h1')[0] ?? null) : null;
  for (const el of wrappers) {
    if (!headline || !el.contains(headline)) continue;
    for (const attr of ['class', 'id']) {
      const value = el.getAttribute(attr);
      if (value && /sidebar/i.test(value)) el.setAttribute(attr, value.split(/\s+/).filter((token) => !/sidebar/i.test(token)).join(' '));
    }
  }
  return removedRoots;
}

/**
 * Readability's choice of the article container (it mutates the document).
 *
 * Some of its steps do work whose result we never read, or build text to test it for emptiness;
 * they are narrowed, with the same decisions (same container, same text, same links): class
 * attributes are kept (`keepClasses`: we read no attribute of the result); relative URLs are not
 * resolved, only `javascript:` links unwrapped as Readability does; the visibility test builds
 * linkedom's style object only for elements with a style attribute; the byline test reads an
 * element's text only once its attributes or class say byline (Readability reads it first, for
 * every element, the <body> included); the emptiness test stops at the first non-blank text.
 */
export function readabilityContainer(document: Document): Element | null {
  const reader = new Readability(document, {
    charThreshold: 300,
    serializer: (el: Node) => el,
    keepClasses: true,
    disableJSONLD: true,
  } as unknown as ConstructorParameters<typeof Readability>[1]);
  const internals = reader as unknown as ReadabilityInternals;
  internals._isProbablyVisible = isProbablyVisible;
  internals._fixRelativeUris = (content: Element) => unwrapJavascriptLinks(document, content);
  internals._isValidByline = isValidByline;
  internals._isElementWithoutContent = isElementWithoutContent;
  // parse() serialises the article it found for a log line (debugging off or not: "Grabbed: " + content.innerHTML)
  // and reads its whole text for a length: strings nothing here reads, ≈ 2 % of extraction. The content answers ''
  // to both while parse() ends, and reads as any element after.
  const grab = internals._grabArticle;
  const postProcess = internals._postProcessContent;
  let content: Element | null = null;
  internals._grabArticle = function (this: ReadabilityInternals, page: Element | null) {
    content = grab.call(this, page);
    if (content) Object.defineProperty(content, 'innerHTML', { configurable: true, get: () => '' });
    return content;
  };
  internals._postProcessContent = function (this: ReadabilityInternals, article: Element) {
    postProcess.call(this, article);
    Object.defineProperty(article, 'textContent', { configurable: true, get: () => '' });
  };
  try {
    const parsed = reader.parse() as unknown as { content: Element | null } | null;
    return parsed?.content ?? null;
  } finally {
    // (the last property added goes first: the element takes back its former shape)
    if (content) {
      delete (content as { textContent?: string | null }).textContent;
      delete (content as { innerHTML?: string }).innerHTML;
    }
  }
}

interface ReadabilityInternals {
  _grabArticle(page: Element | null): Element | null;
  _postProcessContent(article: Element): void;
  REGEXPS: { byline: RegExp };
  _isProbablyVisible(node: Element): boolean;
  _fixRelativeUris(content: Element): void;
  _isValidByline(this: ReadabilityInternals, node: Element, matchString: string): boolean;
  _isElementWithoutContent(node: Element): boolean;
}

/** Readability 0.6's `_isValidByline`, reading the text last. */
function isValidByline(this: ReadabilityInternals, node: Element, matchString: string): boolean {
  const rel = node.getAttribute('rel');
  const itemprop = node.getAttribute('itemprop');
  if (!(rel === 'author' || (itemprop && itemprop.includes('author')) || this.REGEXPS.byline.test(matchString))) return false;
  const bylineLength = (node.textContent ?? '').trim().length;
  return bylineLength > 0 && bylineLength < 100;
}

/** Whether any text or CDATA node under `node` is not blank: `node.textContent.trim() !== ''` without building the text. */
function hasNonBlankText(node: Node): boolean {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    const type = c.nodeType;
    if (type === 3 || type === 4) {
      if ((c as CharacterData).data.trim() !== '') return true;
    } else if (type === 1 && hasNonBlankText(c)) return true;
  }
  return false;
}

/** Readability 0.6's `_isElementWithoutContent`, the text test stopping early. */
function isElementWithoutContent(node: Element): boolean {
  if (node.nodeType !== 1 || hasNonBlankText(node)) return false;
  const children = node.children.length;
  return !children || children == node.getElementsByTagName('br').length + node.getElementsByTagName('hr').length;
}

/** Readability 0.6's `_isProbablyVisible`, without a style object for elements that have no style attribute. */
function isProbablyVisible(node: Element): boolean {
  if (node.hasAttribute('style')) {
    const style = (node as HTMLElement).style as CSSStyleDeclaration | undefined;
    if (style && (style.display == 'none' || style.visibility == 'hidden')) return false;
  }
  if (node.hasAttribute('hidden')) return false;
  if (!node.hasAttribute('aria-hidden') || node.getAttribute('aria-hidden') != 'true') return true;
  const cls = node.className as string | undefined;
  return Boolean(cls && cls.includes && cls.includes('fallback-image'));
}

/** The part of Readability's `_fixRelativeUris` that changes text: `javascript:` links lose their link. */
function unwrapJavascriptLinks(document: Document, content: Element): void {
  for (const link of Array.from(content.getElementsByTagName('a'))) {
    const href = link.getAttribute('href');
    if (!href || !href.startsWith('javascript:')) continue;
    if (link.childNodes.length === 1 && link.childNodes[0]!.nodeType === 3) {
      link.parentNode!.replaceChild(document.createTextNode(link.textContent ?? ''), link);
    } else {
      const container = document.createElement('span');
      while (link.firstChild) container.appendChild(link.firstChild);
      link.parentNode!.replaceChild(container, link);
    }
  }
}

/** Walks an element into blocks: paragraphs, headings, list items, quotes; inline text joined. */
export function elementToBlocks(root: Element): Block[] {
  const blocks: Block[] = [];
  let buf = '';
  let linkChars = 0;
  let tag: Block['tag'] = undefined;
  const flush = () => {
    const text = buf.replace(/\s+/g, ' ').trim();
    if (text) {
      const len = text.length;
      blocks.push({ text, tag, linkDensity: Math.min(1, linkChars / len) });
    }
    buf = '';
    linkChars = 0;
  };
  const tagOf = (name: string, current: Block['tag']): Block['tag'] => {
    if (/^H[1-6]$/.test(name)) return 'h';
    if (name === 'LI' || name === 'DT' || name === 'DD') return 'li';
    if (name === 'BLOCKQUOTE') return 'quote';
    if (name === 'FIGCAPTION' || name === 'CAPTION') return 'caption';
    if (name === 'PRE') return 'pre';
    if (name === 'P') return current === 'quote' || current === 'li' || current === 'caption' || current === 'cell' ? current : 'p';
    if (name === 'TD' || name === 'TH' || name === 'TR') return current ?? 'cell';
    return current;
  };
  const visit = (node: Node, inLink: boolean): void => {
    if (node.nodeType === 3) {
      const t = node.nodeValue ?? '';
      buf += t;
      if (inLink) linkChars += t.replace(/\s+/g, ' ').trim().length;
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const name = el.tagName;
    if (DROP_TAGS.has(name) && name !== 'FIGCAPTION' && name !== 'FORM') return;
    if (name === 'IMG' || name === 'PICTURE') return;
    const isBlock = BLOCK_TAGS.has(name);
    if (name === 'TD' || name === 'TH') buf += ' ';
    if (isBlock) {
      flush();
      if (name === 'BR' || name === 'HR') return;
      const outer = tag;
      tag = tagOf(name, tag);
      for (let c = el.firstChild; c; c = c.nextSibling) visit(c, inLink);
      flush();
      tag = outer;
      return;
    }
    const link = inLink || name === 'A';
    for (let c = el.firstChild; c; c = c.nextSibling) visit(c, link);
  };
  visit(root, false);
  flush();
  return blocks;
}

/**
 * Fallback when Readability finds nothing: the element whose direct paragraph children carry the
 * most text (the densest text block), or the body.
 */
export function densestContainer(document: Document): Element | null {
  const body = document.body;
  if (!body) return null;
  const score = new Map<Element, number>();
  for (const p of Array.from(body.querySelectorAll('p, pre, blockquote, li'))) {
    const parent = p.parentElement;
    if (!parent) continue;
    const len = (p.textContent ?? '').replace(/\s+/g, ' ').trim().length;
    if (len < 40) continue;
    score.set(parent, (score.get(parent) ?? 0) + len);
    const grand = parent.parentElement;
    if (grand) score.set(grand, (score.get(grand) ?? 0) + len * 0.5);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, s] of score) if (s > bestScore) (best = el), (bestScore = s);
  return best ?? body;
}
