// Page metadata read from the unmodified DOM: JSON-LD, Open Graph, meta tags, microdata, markup.
export interface PageMeta {
  title: string | null;
  authors: string[];
  site: string | null;
  canonicalUrl: string | null;
  description: string | null;
  image: string | null;
  lang: string | null;
  /** JSON-LD objects of the page (flattened @graph), for the date finder. */
  jsonLd: Record<string, unknown>[];
  /** meta name/property (lower-case) → content values. */
  metas: Map<string, string[]>;
}

function text(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = decodeEntities(s).replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos|nbsp|#39);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos' || k === '#39') return "'";
    if (k === 'nbsp') return ' ';
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
  });
}

/** Parses every JSON-LD script, tolerating the common breakages (trailing commas, raw newlines). */
export function readJsonLd(document: Document, scripts: Iterable<Element> = Array.from(document.getElementsByTagName('script'))): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const push = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(push);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      out.push(o);
      if (o['@graph']) push(o['@graph']);
      if (o.mainEntity && typeof o.mainEntity === 'object') push(o.mainEntity);
    }
  };
  for (const s of scripts) {
    const type = s.getAttribute('type')?.toLowerCase();
    if (type !== 'application/ld+json' && type !== 'application/json+ld') continue;
    const raw = (s.textContent ?? '').trim();
    if (!raw) continue;
    try {
      push(JSON.parse(raw));
    } catch {
      try {
        push(JSON.parse(raw.replace(/[\n\r\t]+/g, ' ').replace(/,\s*([}\]])/g, '$1').replace(/^<!\[CDATA\[|\]\]>$/g, '')));
      } catch {
        /* unreadable JSON-LD: the other sources still apply */
      }
    }
  }
  return out;
}

function readMetas(metaElements: Iterable<Element>): Map<string, string[]> {
  const metas = new Map<string, string[]>();
  for (const m of metaElements) {
    const key = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? m.getAttribute('http-equiv') ?? '').toLowerCase().trim();
    const content = m.getAttribute('content');
    if (!key || content === null) continue;
    const list = metas.get(key);
    if (list) list.push(content);
    else metas.set(key, [content]);
  }
  return metas;
}

const first = (metas: Map<string, string[]>, ...keys: string[]): string | null => {
  for (const k of keys) {
    const v = metas.get(k)?.find((x) => x.trim() !== '');
    if (v) return text(v);
  }
  return null;
};

const ARTICLE_TYPES = /^(?:NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|LiveBlogPosting|Report|ScholarlyArticle|TechArticle|WebPage|Blog|SocialMediaPosting|VideoObject|PressRelease|Review|Recipe|Event|AskPublicNewsArticle|SatiricalArticle)$/i;

export function typesOf(o: Record<string, unknown>): string[] {
  const t = o['@type'];
  return Array.isArray(t) ? t.map(String) : t ? [String(t)] : [];
}

/** JSON-LD objects describing the article (not the site, the organisation or a breadcrumb). */
export function articleObjects(jsonLd: Record<string, unknown>[]): Record<string, unknown>[] {
  const arts = jsonLd.filter((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t) && !/^WebPage$/i.test(t)));
  const pages = jsonLd.filter((o) => typesOf(o).some((t) => /^WebPage$/i.test(t)));
  return [...arts, ...pages];
}

const NOT_A_PERSON = /\b(?:news|staff|desk|team|editor(?:ial)?s?|agency|agencies|press|media|reuters|associated|afp|ap|dpa|ians|pti|bloomberg|online|redaktion|rédaction|redacción|redação|correspondent|admin|administrator|webmaster|guest|contributor|reporter|wire|service|services|group|inc|ltd|llc|gmbh|corp|company|newsroom|bureau|magazine|times|post|daily|journal|tribune|herald|gazette|network|tv|radio|channel|com|org|net|sport|sports|report|desk)\b|\.(?:com|org|net|co)\b|@|https?:|\d/i;

/** A plausible person's name: 2–5 name-like words, no organisation words. */
export function looksLikePersonName(name: string): boolean {
  const n = name.trim();
  if (n.length < 4 || n.length > 50) return false;
  if (NOT_A_PERSON.test(n)) return false;
  const words = n.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  return words.every((w) => /^(?:\p{Lu}[\p{L}'’.-]*|de|da|van|von|der|den|del|di|le|la|bin|al|dos|du|y)$/u.test(w));
}

/** Splits "A and B", "A, B & C", strips "By" and roles, keeps only people. */
export function cleanAuthors(raw: string[]): string[] {
  const out: string[] = [];
  for (const r of raw) {
    let s = decodeEntities(r).replace(/\s+/g, ' ').trim();
    s = s.replace(/^(?:by|von|par|por|di|de|door|av|af)\s+/i, '').replace(/\s*[|(\-–—]\s*.*$/, '').trim();
    for (let part of s.split(/\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|;)\s*/i)) {
      part = part.replace(/^(?:by)\s+/i, '').trim();
      if (looksLikePersonName(part) && !out.some((o) => o.toLowerCase() === part.toLowerCase())) out.push(part);
    }
  }
  return out.slice(0, 6);
}

function jsonLdAuthors(objs: Record<string, unknown>[]): string[] {
  const names: string[] = [];
  for (const o of objs) {
    const a = o.author ?? o.creator;
    const list = Array.isArray(a) ? a : a ? [a] : [];
    for (const x of list) {
      if (typeof x === 'string') names.push(x);
      else if (x && typeof x === 'object') {
        const p = x as Record<string, unknown>;
        const types = typesOf(p);
        if (types.some((t) => /organi[sz]ation|corporation|NewsMediaOrganization/i.test(t))) continue;
        if (typeof p.name === 'string') names.push(p.name);
      }
    }
    if (names.length) break;
  }
  return names;
}

function siteFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

const TITLE_SEPARATORS = /\s+(?:[|•·–—:»«›‹]|-{1,2}|\/|::)\s+/;

/** Strips " | Site" / "Site - " decorations from a title, knowing the site name if any. */
export function cleanTitle(raw: string, site: string | null, host: string | null): string {
  let t = raw.replace(/\s+/g, ' ').trim();
  const parts = t.split(TITLE_SEPARATORS);
  if (parts.length < 2) return t;
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const siteKeys = [site, host, host?.split('.').slice(-2, -1)[0]].filter(Boolean).map((s) => norm(s!));
  const isSite = (p: string) => {
    const k = norm(p);
    return k.length > 0 && siteKeys.some((s) => s.length > 2 && (k === s || k.includes(s) || s.includes(k)));
  };
  // Drop site-name parts at either end; otherwise drop a short last part when the first part is long.
  // Site-name parts, and the section words blog engines put beside the headline ("Blog Archiv").
  const isSection = (p: string) => /^(?:blog ?archiv(?:e)?|archiv(?:e|es)?|blog|news|home|startseite|aktuelles|neuigkeiten|actualités|noticias|notizie)$/i.test(p.trim());
  let kept = parts.slice();
  // A part that is a domain ("evang.at", "petri-heil.ch") is the site's name: it and the tagline after it go.
  const domainAt = parts.findIndex((p, i) => i > 0 && /^[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ\d-]+(?:\.[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ\d-]+)*\.[a-z]{2,6}$/i.test(p.trim()));
  if (domainAt > 0) kept = parts.slice(0, domainAt);
  while (kept.length > 1 && (isSite(kept[kept.length - 1]!) || isSection(kept[kept.length - 1]!))) kept.pop();
  while (kept.length > 1 && (isSite(kept[0]!) || isSection(kept[0]!))) kept.shift();
  if (kept.length === parts.length && parts.length >= 2) {
    const last = parts[parts.length - 1]!;
    const head = parts.slice(0, -1).join(' | ');
    if (last.split(/\s+/).length <= 4 && head.length >= 3 * last.length && head.split(/\s+/).length >= 4) kept = parts.slice(0, -1);
  }
  if (kept.length === parts.length) return t;
  // Rejoin with the original separators by slicing the raw title.
  const start = t.indexOf(kept[0]!);
  const lastPart = kept[kept.length - 1]!;
  const end = t.indexOf(lastPart, start) + lastPart.length;
  t = t.slice(start, end).trim();
  return t;
}

/** An <h1> that is no headline by its markup: hidden, a menu toggle, the site's name, a widget's title. */
const NON_HEADLINE_H1 =
  /(?:^|[\s_-])(?:unsichtbar|hidden|invisible|sr-only|screen-reader(?:-text)?|visually-hidden|visuallyhidden|element-invisible|offscreen|navskip|skip|menu|toggle|site-title|site-name|sitename|logo|brand|widget-title|widgettitle|sidebar)(?:$|[\s_-])/i;
/** Headings that name a part of the page, not its content. */
const NAVIGATION_HEADING =
  /^(?:menu|menü|menue|navigation|nav|sections?|page|seite|home|startseite|search|suche|suchen|inhalt|content|contents|main content|hauptinhalt|skip to content|service|footer|header|banner|user|login|sidebar|mobile suche)$/i;

export function isNavigationHeading(heading: string): boolean {
  const t = heading.replace(/\s+/g, ' ').trim();
  if (t.split(' ').length > 5) return false;
  return NAVIGATION_HEADING.test(t) || /(?:^|[\s-])(?:navigation|metanavigation|menu|menü|menue|hauptmenü|servicemenü)(?:$|[\s-])/i.test(t);
}

function isHeadlineH1(el: Element): boolean {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (NON_HEADLINE_H1.test(names) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return false;
  if (el.closest('nav, header nav, [role="navigation"]')) return false;
  const t = text(el.textContent);
  return t !== null && t.length <= 300 && !isNavigationHeading(t);
}

const normWords = (s: string): string[] => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);

/**
 * The page's title, cleaned of the site's name: the first metadata title that is not a domain; else
 * the <h1> that the <title> repeats (an <h1> the <title> does not mention is a section or teaser
 * heading); else the <title>, unless it is only a word, a navigation word or the site's name — then
 * the first headline-like <h1>.
 */
export function pickTitle(metaTitles: (string | null)[], h1s: Element[], documentTitle: string | null, site: string | null, host: string | null): string | null {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const hostKeys = [host, host?.split('.').slice(-2, -1)[0]].filter((k): k is string => Boolean(k)).map(norm);
  const isDomain = (t: string) => /^(?:https?:\/\/)?(?:www\.)?[\w-]+(?:\.[\w-]+)+\/?$/i.test(t) || hostKeys.includes(norm(t));
  for (const t of metaTitles) if (t && !isDomain(t)) return cleanTitle(t, site, host);
  // (an <h1> that is the site's name or a domain is the logo's)
  const siteKey = site ? norm(site) : null;
  const headlines = h1s
    .filter(isHeadlineH1)
    .map((el) => text(el.textContent)!)
    .filter((h) => !isDomain(h) && norm(h) !== siteKey);
  if (documentTitle) {
    const titleWords = new Set(normWords(documentTitle));
    // Most of the heading's words in the <title>; among those, the one sharing the most words.
    let best: string | null = null;
    let bestShared = 0;
    for (const h of headlines) {
      const words = normWords(h);
      const shared = words.filter((w) => titleWords.has(w)).length;
      if (shared > words.length / 2 && shared > bestShared) (best = h), (bestShared = shared);
    }
    const cleaned = cleanTitle(documentTitle, site, host);
    // (a heading that is only a small part of the title is a section's: "News" in "Site - News » Headline")
    if (best && (bestShared >= 4 || bestShared * 3 >= normWords(cleaned).length)) return cleanTitle(best, site, host);
    const weak = (t: string) => normWords(t).length <= 1 || isNavigationHeading(t) || isDomain(t) || (site !== null && norm(t) === norm(site));
    if (!weak(cleaned)) return cleaned;
    if (!weak(documentTitle) || headlines.length === 0) return documentTitle.replace(/\s+/g, ' ').trim();
  }
  return headlines[0] ? cleanTitle(headlines[0], site, host) : null;
}

const AUTHOR_NAME_CLASS = /(?:^|\s)(?:author-name|byline__name)(?:$|\s)/;
const BYLINE_BOX_CLASS = /(?:^|\s)(?:byline|author)(?:$|\s)/;

/**
 * The first `limit` elements, in document order, that the selector
 * `[itemprop="author"] [itemprop="name"], [rel="author"], .author-name, .byline__name, .byline a, .author a`
 * matches — with linkedom's selector semantics (rel compared without case, class as whitespace-separated
 * tokens, <template> contents skipped) — in one walk that stops at `limit`: the selector engine compiles
 * the selector and tests every element of the page.
 */
export function bylineElements(document: Document, limit: number): Element[] {
  const found: Element[] = [];
  const walk = (parent: ParentNode, inAuthorItem: boolean, inBylineBox: boolean): boolean => {
    for (let el = parent.firstElementChild; el; el = el.nextElementSibling) {
      const itemprop = el.getAttribute('itemprop');
      const cls = el.getAttribute('class');
      const rel = el.getAttribute('rel');
      const matches =
        (inAuthorItem && itemprop === 'name') ||
        (rel !== null && rel.length === 6 && rel.toLowerCase() === 'author') ||
        (cls !== null && AUTHOR_NAME_CLASS.test(cls)) ||
        (inBylineBox && el.localName === 'a');
      if (matches && found.push(el) >= limit) return true;
      if (el.localName === 'template') continue;
      if (walk(el, inAuthorItem || itemprop === 'author', inBylineBox || (cls !== null && BYLINE_BOX_CLASS.test(cls)))) return true;
    }
    return false;
  };
  walk(document, false, false);
  return found;
}

/** The elements metadata comes from, gathered in one walk of the page. */
interface SourceElements {
  /** All <meta> and <script> elements, in document order (as getElementsByTagName finds them). */
  metas: Element[];
  scripts: Element[];
  /** The first <link rel=canonical>, <title> and <h1> (as querySelector finds them: rel without case, <template> contents skipped). */
  canonicalLink: Element | null;
  title: Element | null;
  h1: Element | null;
  /** Every <h1> outside templates, in document order (at most MAX_H1S). */
  h1s: Element[];
}

const MAX_H1S = 40;

export function sourceElements(document: Document): SourceElements {
  const found: SourceElements = { metas: [], scripts: [], canonicalLink: null, title: null, h1: null, h1s: [] };
  const walk = (parent: ParentNode, inTemplate: boolean): void => {
    for (let el = parent.firstElementChild; el; el = el.nextElementSibling) {
      const name = el.localName;
      if (name === 'meta') found.metas.push(el);
      else if (name === 'script') found.scripts.push(el);
      else if (!inTemplate) {
        if (name === 'link' && !found.canonicalLink) {
          const rel = el.getAttribute('rel');
          if (rel !== null && rel.length === 9 && rel.toLowerCase() === 'canonical') found.canonicalLink = el;
        } else if (name === 'title') found.title ??= el;
        else if (name === 'h1') {
          found.h1 ??= el;
          if (found.h1s.length < MAX_H1S) found.h1s.push(el);
        }
      }
      if (el.firstElementChild) walk(el, inTemplate || name === 'template');
    }
  };
  walk(document, false);
  return found;
}

export function readMetadata(document: Document, url?: string): PageMeta {
  const elements = sourceElements(document);
  const metas = readMetas(elements.metas);
  const jsonLd = readJsonLd(document, elements.scripts);
  const arts = articleObjects(jsonLd);
  const ld = (key: string): string | null => {
    for (const o of arts) {
      const v = o[key];
      if (typeof v === 'string' && v.trim()) return text(v);
    }
    return null;
  };
  const canonicalUrl =
    text(elements.canonicalLink?.getAttribute('href')) ?? first(metas, 'og:url') ?? ld('url') ?? url ?? null;
  const host = siteFromUrl(canonicalUrl && /^https?:/.test(canonicalUrl) ? canonicalUrl : url);
  let site = first(metas, 'og:site_name', 'application-name', 'publisher', 'twitter:site');
  if (!site) {
    for (const o of jsonLd) {
      const p = o.publisher as Record<string, unknown> | undefined;
      if (p && typeof p === 'object' && typeof p.name === 'string') {
        site = text(p.name);
        break;
      }
    }
  }
  if (site?.startsWith('@')) site = site.slice(1);
  site = site ?? host;

  const title = pickTitle(
    [ld('headline'), ...['og:title', 'twitter:title', 'dc.title', 'title', 'sailthru.title'].map((k) => first(metas, k))],
    elements.h1s,
    text(elements.title?.textContent),
    site,
    host,
  );

  const authorCandidates: (string[] | (() => string[]))[] = [
    jsonLdAuthors(arts),
    metas.get('author') ?? [],
    metas.get('article:author')?.filter((a) => !/^https?:/.test(a)) ?? [],
    metas.get('dc.creator') ?? [],
    metas.get('byl') ?? [],
    metas.get('sailthru.author') ?? [],
    metas.get('parsely-author') ?? [],
    () => bylineElements(document, 4).map((e) => e.textContent ?? ''),
  ];
  let authors: string[] = [];
  for (const c of authorCandidates) {
    authors = cleanAuthors(typeof c === 'function' ? c() : c);
    if (authors.length) break;
  }

  let image = first(metas, 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src');
  if (!image) {
    for (const o of arts) {
      const im = o.image as unknown;
      const u = typeof im === 'string' ? im : Array.isArray(im) ? im[0] : (im as Record<string, unknown> | undefined)?.url;
      if (typeof u === 'string') {
        image = u;
        break;
      }
    }
  }
  return {
    title,
    authors,
    site,
    canonicalUrl,
    description: first(metas, 'og:description', 'description', 'twitter:description', 'dc.description') ?? ld('description'),
    image,
    lang: document.documentElement?.getAttribute('lang') ?? first(metas, 'og:locale', 'content-language', 'language', 'dc.language'),
    jsonLd,
    metas,
  };
}
