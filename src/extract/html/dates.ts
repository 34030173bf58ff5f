// Publication and modification dates of a page, htmldate-style: structured metadata first (JSON-LD,
// meta tags, <time>, microdata), then date-bearing markup (class/id with date words), the URL,
// and finally date expressions in the visible text. The ORIGINAL publication date is wanted, so
// "published/created" evidence outranks "modified/updated", and among text dates the oldest
// plausible one near the top of the page wins. Every date is bounded: not before 1995, not after
// the reference date (today by default).
import { articleObjects, typesOf } from './metadata.js';

export interface DateFinding {
  published: string | null;
  modified: string | null;
  /** Where the publication date came from, for --explain. */
  evidence: string | null;
}

export interface DateOptions {
  url?: string;
  /** Latest acceptable date (ISO); defaults to today. */
  latest?: string;
}

const MIN_YEAR = 1995;

const MONTH_NAMES: Record<string, number> = {};
(
  [
    ['january jan janvier janv januar jänner jän enero ene janeiro gennaio gen januari januar styczeń stycznia январь января', 1],
    ['february feb février févr fevrier februar feber febrero febr fevereiro fev febbraio februari luty lutego февраль февраля', 2],
    ['march mar mars märz maerz marz mär marzo março marco maart marts marca marzec март марта', 3],
    ['april apr avril abril abr aprile kwiecień kwietnia апрель апреля', 4],
    ['may mai mayo maio maggio mei maj maja май мая', 5],
    ['june jun juin juni junio junho giugno czerwiec czerwca июнь июня', 6],
    ['july jul juillet juli julio julho luglio lipiec lipca июль июля', 7],
    ['august aug août aout agosto ago augusti sierpień sierpnia август августа', 8],
    ['september sep sept septembre septiembre setembro set settembre wrzesień września сентябрь сентября', 9],
    ['october oct octobre oktober okt octubre outubro out ottobre ott październik października октябрь октября', 10],
    ['november nov novembre noviembre novembro listopad listopada ноябрь ноября', 11],
    ['december dec décembre decembre dezember dez diciembre dic dezembro dicembre grudzień grudnia декабрь декабря', 12],
  ] as const
).forEach(([names, n]) => names.split(' ').forEach((name) => (MONTH_NAMES[name] = n)));
const MONTH_RE = Object.keys(MONTH_NAMES)
  .sort((a, b) => b.length - a.length)
  .join('|');

export interface YMD {
  y: number;
  m: number;
  d: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const ymdToIso = (v: YMD) => `${v.y}-${pad(v.m)}-${pad(v.d)}`;

function valid(y: number, m: number, d: number, latest: string): YMD | null {
  if (y < 100) y += y < 50 ? 2000 : 1900;
  if (y < MIN_YEAR || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  const iso = ymdToIso({ y, m, d });
  if (iso > latest) return null;
  return { y, m, d };
}

const TEXT_DATE_RES: { re: RegExp; order: 'ymd' | 'dmy' | 'mdy' | 'dMy' | 'Mdy' | 'yMd' }[] = [
  { re: /(?<!\d)((?:19|20)\d\d)-(\d\d?)-(\d\d?)(?!\d)/g, order: 'ymd' },
  { re: /(?<!\d)((?:19|20)\d\d)\/(\d\d?)\/(\d\d?)(?!\d)/g, order: 'ymd' },
  { re: /(?<![\d.])((?:19|20)\d\d)\.(\d\d?)\.(\d\d?)(?![\d.])/g, order: 'ymd' },
  { re: /(?<!\d)((?:19|20)\d\d)年(\d\d?)月(\d\d?)日/g, order: 'ymd' },
  { re: /(?<![\d.])(\d\d?)\.\s?(\d\d?)\.\s?((?:19|20)\d\d|\d\d)(?![\d.]\d)/g, order: 'dmy' },
  { re: /(?<![\d/])(\d\d?)\/(\d\d?)\/((?:19|20)\d\d|\d\d)(?![\d/])/g, order: 'mdy' },
  { re: /(?<![\d-])(\d\d?)-(\d\d?)-((?:19|20)\d\d)(?!\d)/g, order: 'dmy' },
  { re: new RegExp(`(?<!\\d)(\\d\\d?)(?:st|nd|rd|th|er|º|\\.)?\\s*(?:de\\s+|of\\s+)?(${MONTH_RE})\\.?,?\\s*(?:de\\s+)?((?:19|20)\\d\\d)(?!\\d)`, 'giu'), order: 'dMy' },
  { re: new RegExp(`(?<![\\p{L}])(${MONTH_RE})\\.?\\s+(\\d\\d?)(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d\\d)(?!\\d)`, 'giu'), order: 'Mdy' },
  { re: new RegExp(`(?<!\\d)((?:19|20)\\d\\d)\\s+(${MONTH_RE})\\.?\\s+(\\d\\d?)(?!\\d)`, 'giu'), order: 'yMd' },
];

/** All dates written in a text, with their positions. US/EU ambiguity of a/b/yyyy resolved by validity. */
export function findDatesInText(s: string, latest: string): { date: YMD; index: number }[] {
  const out: { date: YMD; index: number }[] = [];
  for (const { re, order } of TEXT_DATE_RES) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const a = m[1]!;
      const b = m[2]!;
      const c = m[3]!;
      let v: YMD | null = null;
      switch (order) {
        case 'ymd':
          v = valid(+a, +b, +c, latest);
          break;
        case 'dmy':
          if (c.length === 2 && !/\.\s?\d\d?\.\s?\d\d$/.test(m[0])) break;
          v = valid(+c, +b, +a, latest);
          break;
        case 'mdy':
          v = valid(+c, +a, +b, latest) ?? valid(+c, +b, +a, latest);
          break;
        case 'dMy':
          v = valid(+c, MONTH_NAMES[b.toLowerCase()] ?? 0, +a, latest);
          break;
        case 'Mdy':
          v = valid(+c, MONTH_NAMES[a.toLowerCase()] ?? 0, +b, latest);
          break;
        case 'yMd':
          v = valid(+a, MONTH_NAMES[b.toLowerCase()] ?? 0, +c, latest);
          break;
      }
      if (v) out.push({ date: v, index: m.index });
    }
  }
  out.sort((x, y) => x.index - y.index);
  return out;
}

/** Parses one metadata value: ISO date/time, a timestamp, or a written date. */
export function parseDateValue(raw: string | null | undefined, latest: string): YMD | null {
  if (!raw) return null;
  const s = raw.trim();
  if (s === '') return null;
  const iso = /^((?:19|20)\d\d)-?(\d\d)-?(\d\d)(?:$|[T\s_]|[+-]\d|Z)/.exec(s);
  if (iso) return valid(+iso[1]!, +iso[2]!, +iso[3]!, latest);
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    const ms = s.length === 13 ? +s : +s * 1000;
    const d = new Date(ms);
    return valid(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), latest);
  }
  const found = findDatesInText(s, latest);
  return found[0]?.date ?? null;
}

// Meta tag names (lower-case) by kind, in order of trust.
const META_PUBLISHED = [
  'article:published_time', 'article:published', 'og:published_time', 'og:article:published_time', 'datepublished', 'published_time',
  'published-date', 'publish-date', 'publishdate', 'publish_date', 'pubdate', 'pub_date', 'publication_date', 'publicationdate',
  'sailthru.date', 'parsely-pub-date', 'dc.date.issued', 'dcterms.issued', 'dc.date.created', 'dcterms.created', 'dc.date', 'dcterms.date',
  'citation_publication_date', 'citation_date', 'prism.publicationdate', 'article.published', 'date_published', 'originalpublicationdate',
  'rnews:datepublished', 'date', 'created', 'dc.created', 'creation_date', 'datecreated', 'article_date_original', 'cxenseparse:recs:publishtime',
  'ga_date', 'bt:pubdate', 'og:pubdate', 'pubdate_iso', 'displaydate', 'firstpublishedtime', 'page_date', 'content_create_date',
  'last-modified-date-original', 'dateline', 'gwa_pubdate', 'article:post_date', 'itemprop:datepublished', 'timestamp', 'release_date',
];
const WEAK_META = new Set(['date', 'dc.date', 'dcterms.date', 'created', 'dc.created', 'timestamp', 'dateline', 'page_date']);
const META_MODIFIED = [
  'article:modified_time', 'og:updated_time', 'article:modified', 'datemodified', 'modified_time', 'dc.date.modified', 'dcterms.modified',
  'last-modified', 'lastmod', 'lastmodified', 'updated_time', 'revised', 'date_modified', 'og:modified_time', 'modified',
];

function firstDateFromLd(objs: Record<string, unknown>[], keys: string[], latest: string): { date: YMD; key: string } | null {
  for (const key of keys) {
    const found: YMD[] = [];
    for (const o of objs) {
      const v = o[key];
      const d = typeof v === 'string' || typeof v === 'number' ? parseDateValue(String(v), latest) : null;
      if (d) found.push(d);
    }
    // Several article objects (the page's own first, then related items): the first is the page's.
    if (found.length) return { date: found[0]!, key };
  }
  return null;
}

const DATE_CLASS_RE =
  /(?:^|[\s_-])(?:date|datum|fecha|data|time|posted|published|publish|pubdate|post-date|entry-date|entry-meta|post-meta|postmeta|meta|byline|dateline|timestamp|article-date|article-info|info|created|submitted|footer|author|field--name-post-date|veroeffentlicht|datetime)(?:$|[\s_-])/i;
const DATE_CLASS_LOOSE_RE = /(?:(?<!up)date|datum|publish|posted|postmeta|entrymeta|metadata|byline)/i;
const MODIFIED_WORDS = /\b(?:updated?|modified|aktualisiert|actualizado|actualisé|mis à jour|atualizado|geändert|last edit|revised|stand)\b/i;
const PUBLISHED_WORDS = /\b(?:published|posted|veröffentlicht|erschienen|publié|publicado|pubblicato|created|erstellt|datum|date|fecha|data)\b\s*(?:on|am|le|el|:)?\s*:?\s*$/i;

function elementClassId(el: Element): string {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''} ${el.getAttribute('itemprop') ?? ''}`;
}

export function findDates(
  document: Document,
  jsonLd: Record<string, unknown>[],
  metas: Map<string, string[]>,
  options: DateOptions = {},
  rawHtml?: string,
): DateFinding {
  const latest = options.latest ?? new Date().toISOString().slice(0, 10);
  let published: YMD | null = null;
  let evidence: string | null = null;
  let modified: YMD | null = null;

  // 1. JSON-LD of the article.
  const arts = articleObjects(jsonLd);
  const ldPub = firstDateFromLd(arts, ['datePublished', 'dateCreated', 'uploadDate', 'startDate'], latest);
  const ldMod = firstDateFromLd(arts, ['dateModified'], latest);
  if (ldPub) (published = ldPub.date), (evidence = `JSON-LD ${ldPub.key}`);
  if (ldMod) modified = ldMod.date;

  // 2. Meta tags.
  const metaDate = (names: string[]): { date: YMD; key: string } | null => {
    for (const name of names) {
      for (const v of metas.get(name) ?? []) {
        const d = parseDateValue(v, latest);
        if (d) return { date: d, key: name };
      }
    }
    return null;
  };
  const metaPub = metaDate(META_PUBLISHED.filter((n) => !WEAK_META.has(n)));
  // Generic names ("date", "dc.date") are often the last change: page markup outranks them.
  const weakMetaPub = metaDate([...WEAK_META]);
  if (metaPub) {
    // JSON-LD, when present, is the more specific description of the article.
    if (!published) (published = metaPub.date), (evidence = `meta ${metaPub.key}`);
  }
  if (!modified) modified = metaDate(META_MODIFIED)?.date ?? null;

  // The page shows one date to its readers. When the structured "published" date is nowhere on the
  // page but the structured "modified" one is, the page presents the latter as its date.
  if (published && modified && ymdToIso(published) !== ymdToIso(modified) && document.body) {
    const shown = new Set(findDatesInText(visibleText(document.body, 30000), latest).map((f) => ymdToIso(f.date)));
    if (!shown.has(ymdToIso(published)) && shown.has(ymdToIso(modified))) {
      published = modified;
      evidence = `${evidence} → the date the page shows (its modified date)`;
    }
  }

  // 3. Microdata and <time>.
  if (!published) {
    for (const el of Array.from(document.querySelectorAll('[itemprop="datePublished"], [itemprop="dateCreated"], [property="datePublished"]'))) {
      const d = parseDateValue(el.getAttribute('content') ?? el.getAttribute('datetime') ?? el.textContent, latest);
      if (d) {
        published = d;
        evidence = 'microdata datePublished';
        break;
      }
    }
  }
  if (!modified) {
    const el = document.querySelector('[itemprop="dateModified"]');
    if (el) modified = parseDateValue(el.getAttribute('content') ?? el.getAttribute('datetime') ?? el.textContent, latest);
  }
  if (!published) {
    const times = Array.from(document.querySelectorAll('time')).slice(0, 30);
    let best: { d: YMD; score: number } | null = null;
    for (const [i, t] of times.entries()) {
      if (t.closest('blockquote, [class*="comment"], [id*="comment"], [class*="related"], aside')) continue;
      const d = parseDateValue(t.getAttribute('datetime') ?? t.getAttribute('content') ?? t.textContent, latest);
      if (!d) continue;
      const cls = `${elementClassId(t)} ${elementClassId(t.parentElement ?? t)}`;
      let score = 10 - Math.min(i, 9);
      if (t.hasAttribute('pubdate') || /publish|entry-date|post-date|posted|created/i.test(cls)) score += 20;
      if (/updat|modif/i.test(cls)) score -= 15;
      if (!best || score > best.score) best = { d, score };
    }
    if (best) (published = best.d), (evidence = '<time> element');
  }

  // 4. Markup whose class/id says date, in document order; "updated" labels skipped.
  if (!published) {
    const candidates = Array.from(document.querySelectorAll('[class], [id]'));
    let count = 0;
    for (const el of candidates) {
      if (count > 400) break;
      const ci = elementClassId(el);
      if (!DATE_CLASS_RE.test(ci) && !DATE_CLASS_LOOSE_RE.test(ci)) continue;
      if (/comment|related|sidebar|footer-widget|widget|copyright/i.test(ci)) continue;
      count++;
      const txt = visibleText(el, 400).trim().slice(0, 400);
      if (txt.length === 0) continue;
      const found = findDatesInText(txt, latest);
      if (!found.length) continue;
      const pick = found.find((f) => !MODIFIED_WORDS.test(txt.slice(Math.max(0, f.index - 25), f.index))) ?? null;
      if (pick) {
        published = pick.date;
        evidence = `date in page markup (${ci.trim().slice(0, 40)})`;
        break;
      }
    }
  }

  if (!published) {
    for (const el of Array.from(document.querySelectorAll('abbr[title], [data-utime], [data-timestamp], [data-published], [data-date]')).slice(0, 20)) {
      const unix = el.getAttribute('data-utime') ?? el.getAttribute('data-timestamp');
      const d =
        (unix ? parseDateValue(unix, latest) : null) ??
        parseDateValue(el.getAttribute('data-published') ?? el.getAttribute('data-date') ?? el.getAttribute('title'), latest);
      if (d) {
        published = d;
        evidence = 'date attribute';
        break;
      }
    }
  }

  if (!published && weakMetaPub) (published = weakMetaPub.date), (evidence = `meta ${weakMetaPub.key}`);

  // 5. The URL (given, canonical or og:url).
  if (!published) {
    const urls = [options.url, document.querySelector('link[rel="canonical"]')?.getAttribute('href'), metas.get('og:url')?.[0]];
    for (const u of urls) {
      const d = urlDate(u ?? null, latest);
      if (d) {
        published = d;
        evidence = 'date in URL';
        break;
      }
    }
  }

  // Any other meta tag naming a date (site-specific names), then dates in the title/description.
  if (!published) {
    for (const [key, values] of metas) {
      if (!/(?:date|time|publish|created|issued|uploaded)/.test(key) || /(?:modif|updat|expir|revis|valid|end|start|event|birth)/.test(key)) continue;
      const d = values.map((v) => (/^(?:19|20)\d\d-?\d\d-?\d\d/.test(v.trim()) ? parseDateValue(v, latest) : null)).find(Boolean);
      if (d) {
        published = d;
        evidence = `meta ${key}`;
        break;
      }
    }
  }
  if (!published) {
    const tagged = [metas.get('description')?.[0], metas.get('og:description')?.[0], document.querySelector('title')?.textContent];
    for (const t of tagged) {
      const found = t ? findDatesInText(t, latest) : [];
      if (found.length) {
        published = found[0]!.date;
        evidence = 'date in title or description';
        break;
      }
    }
  }
  if (!published) {
    for (const u of [metas.get('og:image')?.[0], metas.get('twitter:image')?.[0]]) {
      const d = urlDate(u ?? null, latest);
      if (d) {
        published = d;
        evidence = 'date in image URL';
        break;
      }
    }
  }

  // Publication dates in the page's embedded JSON state (frameworks' hydration data).
  if (!published && rawHtml) {
    const m = /"(?:datePublished|publishedAt|published_at|publishedDate|publishDate|publish_date|pubDate|firstPublished(?:At|Date)?|createdAt|created_at|dateCreated)"\s*:\s*"((?:19|20)\d\d-\d\d-\d\d[^"]*)"/.exec(rawHtml);
    const d = m ? parseDateValue(m[1], latest) : null;
    if (d) {
      published = d;
      evidence = 'embedded JSON';
    }
  }

  // 6. Dates written in the visible text: labelled ones first, else the oldest among the first found.
  if (!published) {
    const body = document.body;
    const txt = body ? visibleText(body) : '';
    const found = findDatesInText(txt.slice(0, 60000), latest);
    const labelled = found.find((f) => PUBLISHED_WORDS.test(txt.slice(Math.max(0, f.index - 30), f.index)) && !MODIFIED_WORDS.test(txt.slice(Math.max(0, f.index - 30), f.index)));
    const copyright = /(?:©|copyright)\s*(?:\d{4}\s*[-–]\s*)?((?:19|20)\d\d)/i.exec(txt);
    // Unlabelled: the first date on the page that is not an "updated" stamp (the header comes first).
    const pick = labelled ?? found.find((f) => !MODIFIED_WORDS.test(txt.slice(Math.max(0, f.index - 30), f.index))) ?? null;
    if (pick && (labelled || !(copyright && pick.date.y > +copyright[1]! + 1))) {
      published = pick.date;
      evidence = labelled ? 'labelled date in text' : 'date in text';
    }
  }

  if (published && modified && ymdToIso(modified) < ymdToIso(published)) modified = null;
  return { published: published ? ymdToIso(published) : null, modified: modified ? ymdToIso(modified) : null, evidence };
}

const INVISIBLE = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'SELECT', 'OPTION']);

/** The text of an element with a space between elements (so "Datum:</span>26. Januar" reads apart). */
export function visibleText(root: Element, limit = 80000): string {
  const parts: string[] = [];
  let size = 0;
  const walk = (node: Node): void => {
    for (let c = node.firstChild; c && size < limit; c = c.nextSibling) {
      if (c.nodeType === 3) {
        const v = c.nodeValue ?? '';
        if (v.trim()) (parts.push(v), (size += v.length));
      } else if (c.nodeType === 1 && !INVISIBLE.has((c as Element).tagName)) {
        walk(c);
        parts.push(' ');
      }
    }
  };
  walk(root);
  return parts.join(' ').replace(/\s+/g, ' ');
}

export function urlDate(url: string | null, latest: string): YMD | null {
  if (!url) return null;
  const m =
    /[/_-]((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(url) ??
    /[/_-]((?:19|20)\d\d)\/(\d\d?)\/(\d\d?)\//.exec(url);
  if (!m) return null;
  return valid(+m[1]!, +m[2]!, +m[3]!, latest);
}

export { typesOf };
