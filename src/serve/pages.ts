// The web UI: every page rendered on the server as plain, linkable, escaped HTML. The client
// script only adds enhancements (interactive charts, live updates).
import { analysesEntities } from '../language/index.js';
import { html, safeExternalUrl, type Html, type HtmlValue } from './html.js';
import { renderAnnotatedText } from './annotate.js';
import { coverageChart } from './charts.js';
import { formatDate, formatSpan, periodOf, plural, publicationBound, weekday } from './format.js';
import { sourceLabel } from './model.js';
import { foldName } from '../search/tokens.js';
import { spreadOverDates } from '../story/claims.js';

export { spreadOverDates };
import type { ArticleDetail, ArticleHead, EntityDetail, QuoteView, SpeakerQuotes, StoryCard, StoryDetail, TimelineItem } from './model.js';
import type { EntityCount, DayCount } from '../store/sqlite/views.js';
import type { SearchResult, Highlighted } from '../search/index.js';
import type { Granularity } from '../types.js';
import type { Stats as StoreStats } from '../store/store.js';
import { asQuotation } from '../text/quotation.js';

export interface PageContext {
  asset: (path: string) => string;
  stats: () => StoreStats;
}

interface LayoutOptions {
  title: string;
  description?: string;
  body: Html;
  charts?: boolean;
  live?: 'refresh' | 'notify';
  query?: string;
  current?: 'stories' | 'entities' | 'search';
}

export function layout(ctx: PageContext, o: LayoutOptions): string {
  const stats = ctx.stats();
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${o.title} · Storyline</title>
${o.description ? html`<meta name="description" content="${o.description}">` : ''}
<link rel="stylesheet" href="${ctx.asset('/assets/app.css')}">
${o.charts ? html`<link rel="stylesheet" href="${ctx.asset('/assets/uplot.css')}"><script src="${ctx.asset('/assets/uplot.js')}" defer></script>` : ''}
<script src="${ctx.asset('/assets/app.js')}" defer></script>
</head>
<body data-live="${o.live ?? 'notify'}">
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="/" aria-label="Storyline home"><span class="brand-mark" aria-hidden="true"></span>Storyline</a>
    <nav aria-label="Main">
      <ul class="nav">
        <li><a href="/"${o.current === 'stories' ? html` aria-current="page"` : ''}>Stories</a></li>
        <li><a href="/entities"${o.current === 'entities' ? html` aria-current="page"` : ''}>Entities</a></li>
      </ul>
    </nav>
    <form class="search-box" role="search" action="/search" method="get">
      <label for="site-q" class="visually-hidden">Search articles</label>
      <input id="site-q" name="q" type="search" placeholder="Search articles…" value="${o.query ?? ''}" autocomplete="off">
      <button type="submit">Search</button>
    </form>
  </div>
</header>
<div id="live" class="live wrap" role="status" aria-live="polite" hidden></div>
<main id="main" class="wrap" tabindex="-1">
${o.body}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>${plural(stats.articles, 'article')} · ${plural(stats.stories, 'story', 'stories')}${stats.sources ? html` · ${plural(stats.sources, 'source')}` : ''} · ${plural(stats.quotes, 'quote')}
    · <a href="/api/openapi.json">API</a></p>
  </div>
</footer>
</body>
</html>`.value;
}

// ─── shared pieces ───────────────────────────────────────────────────────────────────────────────

function hue(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return h % 8;
}

export function sourceBadge(a: { sourceLabel: string; id: string; title?: string; published?: string | null }, anchor = '', count = 1): Html {
  const title = a.title ? `${a.title}${a.published ? ` — ${formatDate(a.published)}` : ''}` : a.sourceLabel;
  // The tooltip is for the mouse; a screen reader hears the article's title and date in the link itself.
  return html`<a class="badge c${hue(a.sourceLabel)}" href="/articles/${encodeURIComponent(a.id)}${anchor}" title="${count > 1 ? `${plural(count, 'article')}; the first: ${title}` : title}">${a.sourceLabel}${
    count > 1 ? html` <span class="chip-count">×${count}</span>` : ''
  }${a.title ? html`<span class="visually-hidden">: ${title}</span>` : ''}</a>`;
}

/** " · published 12 Jun 2009" when the article came out on another day than the statement's. */
function publishedIfOther(date: string | null, published: string | null | undefined): Html {
  if (!date || !published || published.slice(0, 10) === date.slice(0, 10)) return html``;
  return html` <span class="muted small">published ${timeEl(published)}</span>`;
}

function timeEl(date: string | null, granularity?: Granularity): Html {
  if (!date) return html`<span class="muted">undated</span>`;
  return html`<time datetime="${date.slice(0, granularity === 'year' ? 4 : granularity === 'month' ? 7 : 10)}">${formatDate(date, granularity)}</time>`;
}

const TYPE_NAMES: Record<string, string> = { person: 'People', organization: 'Organisations', place: 'Places', other: 'Other' };

function entityChip(e: { id: string; name: string; type: string }, count?: number, countLabel = 'articles'): Html {
  return html`<a class="chip ent-${e.type}" href="/entities/${encodeURIComponent(e.id)}">${e.name}${
    count !== undefined ? html` <span class="chip-count" aria-label="${count} ${countLabel}">${count}</span>` : ''
  }</a>`;
}

function entityGroups(entities: EntityCount[]): Html {
  const types = ['person', 'organization', 'place', 'other'];
  return html`<div class="entity-groups">${types.map((t) => {
    const list = entities.filter((e) => e.type === t);
    if (!list.length) return '';
    return html`<div class="entity-group"><h3>${TYPE_NAMES[t]}</h3><ul class="chips">${list.map((e) => html`<li>${entityChip(e, e.articles)}</li>`)}</ul></div>`;
  })}</div>`;
}

function highlighted(h: Highlighted): Html {
  const parts: HtmlValue[] = [];
  let at = 0;
  for (const [s, e] of h.highlights) {
    parts.push(h.text.slice(at, s), html`<mark>${h.text.slice(s, e)}</mark>`);
    at = e;
  }
  parts.push(h.text.slice(at));
  return html`${parts}`;
}

function pager(base: string, params: Record<string, string | undefined>, total: number, limit: number, offset: number, label: string): Html {
  if (total <= limit) return html``;
  const link = (o: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    if (o > 0) q.set('offset', String(o));
    const s = q.toString();
    return base + (s ? '?' + s : '');
  };
  const pageNo = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  return html`<nav class="pager" aria-label="${label}">
${offset > 0 ? html`<a href="${link(Math.max(0, offset - limit))}" rel="prev">← Newer</a>` : html`<span></span>`}
<span class="muted">Page ${pageNo} of ${pages}</span>
${offset + limit < total ? html`<a href="${link(offset + limit)}" rel="next">Older →</a>` : html`<span></span>`}
</nav>`;
}

// ─── home ────────────────────────────────────────────────────────────────────────────────────────

export interface HomeFilters {
  from?: string;
  to?: string;
  entity?: string;
  source?: string;
  q?: string;
  offset: number;
  limit: number;
}

export function homePage(
  ctx: PageContext,
  data: { stories: StoryCard[]; total: number; filters: HomeFilters; coverage: DayCount[]; sources: { source: string | null; articles: number }[] },
): string {
  const stats = ctx.stats();
  const f = data.filters;
  const filtered = !!(f.from || f.to || f.entity || f.source || f.q);
  const body = html`
<section class="hero" aria-labelledby="h-home">
  <div>
    <h1 id="h-home">Stories</h1>
    <p class="lede">${plural(stats.stories, 'story', 'stories')} built from ${plural(stats.articles, 'article')}${stats.sources ? html` by ${plural(stats.sources, 'source')}` : ''}${
      stats.firstPublished ? html`, ${formatSpan(stats.firstPublished, stats.lastPublished)}` : ''
    }. Newest activity first.</p>
  </div>
  ${coverageChart(data.coverage, { size: 'large', label: 'All coverage' })}
</section>
<details class="filters"${filtered ? html` open` : ''}>
  <summary>Filter stories</summary>
  <form method="get" action="/" class="filter-form">
    <label>Words <input name="q" type="search" value="${f.q ?? ''}"></label>
    <label>Entity <input name="entity" value="${f.entity ?? ''}" placeholder="e.g. a person"></label>
    <label>Source <select name="source"><option value="">Any</option>${data.sources
      .filter((s) => s.source)
      .slice(0, 200)
      .map((s) => html`<option value="${s.source}"${f.source && foldName(s.source!) === foldName(f.source) ? html` selected` : ''}>${s.source} (${s.articles})</option>`)}</select></label>
    <label>From <input name="from" type="date" value="${f.from ?? ''}"></label>
    <label>To <input name="to" type="date" value="${f.to ?? ''}"></label>
    <div class="filter-actions"><button type="submit">Apply</button>${filtered ? html` <a href="/">Clear</a>` : ''}</div>
  </form>
</details>
<section aria-labelledby="h-list" id="stories" data-live-region>
  <h2 id="h-list" class="visually-hidden">Story list</h2>
  ${filtered ? html`<p class="muted">${plural(data.total, 'story', 'stories')} match.</p>` : ''}
  ${data.stories.length
    ? html`<ol class="story-list">${data.stories.map((s) => storyCard(s))}</ol>`
    : html`<div class="empty"><p>${filtered ? 'No story matches these filters.' : 'No stories yet.'}</p>${
        filtered ? '' : html`<p>Add articles with <code>storyline ingest FILE --db ${''}PATH</code>; this page updates by itself.</p>`
      }</div>`}
  ${pager('/', { q: f.q, entity: f.entity, source: f.source, from: f.from, to: f.to }, data.total, f.limit, f.offset, 'Story pages')}
</section>`;
  return layout(ctx, { title: 'Stories', description: 'News stories with timelines, quotes by speaker and sources.', body, charts: true, live: 'refresh', current: 'stories' });
}

/** "3 sources"; "source unknown" when no article of the story names its source. */
function sourceCountText(count: number): string {
  return count ? plural(count, 'source') : 'source unknown';
}

function storyCard(s: StoryCard): Html {
  return html`<li class="card story-card${s.coverage.length > 1 ? '' : ' no-chart'}">
  <div class="card-main">
    <h3><a href="/stories/${encodeURIComponent(s.id)}">${s.title || 'Untitled story'}</a></h3>
    <p class="meta"><span>${formatSpan(s.firstSeen, s.lastSeen)}</span><span>${plural(s.articleCount, 'article')}</span><span>${sourceCountText(s.sourceCount)}</span></p>
    ${s.summary ? html`<p class="summary">${truncate(s.summary, 280)}</p>` : ''}
    ${s.topEntities.length ? html`<ul class="chips small" aria-label="Main entities">${s.topEntities.map((e) => html`<li>${entityChip(e)}</li>`)}</ul>` : ''}
  </div>
  ${s.coverage.length > 1 ? html`<div class="card-chart">${coverageChart(s.coverage, { size: 'small', label: `Coverage of ${s.title}` })}</div>` : ''}
</li>`;
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)) + '…';
}

// ─── story ───────────────────────────────────────────────────────────────────────────────────────

/** The finest zoom that keeps the timeline to a readable number of groups. */
export function chooseZoom(timeline: TimelineItem[]): Granularity {
  const dates = timeline.map((t) => t.date).filter(Boolean);
  if (new Set(dates.map((d) => d.slice(0, 10))).size <= 15) return 'day';
  if (new Set(dates.map((d) => d.slice(0, 7))).size <= 24) return 'month';
  return 'year';
}

export function storyPage(ctx: PageContext, s: StoryDetail, zoomParam: Granularity | undefined): string {
  const zoom = zoomParam ?? chooseZoom(s.timeline);
  const quoteCount = s.quoteCount;
  const body = html`
<article class="story" aria-labelledby="h-story">
<header class="story-head">
  <p class="eyebrow">Story · ${formatSpan(s.firstSeen, s.lastSeen)}</p>
  <h1 id="h-story">${s.title}</h1>
  <p class="meta"><span>${plural(s.articleCount, 'article')}</span><span>${sourceCountText(s.sourceCount)}</span><span>${plural(quoteCount, 'statement')}</span><span>updated ${formatDate(s.updatedAt.slice(0, 10))}</span></p>
  ${s.summary ? html`<p class="lede summary">${s.summary}</p>` : ''}
</header>
<nav class="toc" aria-label="On this page">
  <ul>
    <li><a href="#timeline">Timeline</a></li>
    <li><a href="#quotes">Who said what</a></li>
    ${s.claims.length || s.disagreements.length ? html`<li><a href="#claims">Claims</a></li>` : ''}
    <li><a href="#sources">Sources</a></li>
    <li><a href="#entities">Entities</a></li>
  </ul>
</nav>
${s.coverage.length > 1 ? html`<section aria-label="Coverage over time" class="coverage">${coverageChart(s.coverage, { size: 'large', label: 'Coverage of this story' })}</section>` : ''}
${timelineSection(s, zoom)}
${quotesSection(s.id, s.speakers, s.speakerCount)}
${claimsSection(s)}
${sourcesSection(s)}
<section id="entities" aria-labelledby="h-entities" class="section">
  <h2 id="h-entities">Entities</h2>
  ${s.entities.length ? entityGroups(s.entities) : html`<p class="muted">No named entities recognised.</p>`}
</section>
${historySection(s)}
</article>`;
  return layout(ctx, { title: s.title, description: s.summary.slice(0, 200), body, charts: s.coverage.length > 1 });
}

function timelineSection(s: StoryDetail, zoom: Granularity): Html {
  const zoomLink = (z: Granularity, label: string) =>
    html`<a href="/stories/${encodeURIComponent(s.id)}?zoom=${z}#timeline"${z === zoom ? html` aria-current="true"` : ''}>${label}</a>`;
  // In the story stage's order: a month entry stands where its happening can start.
  const entries = s.timeline;
  let content: Html;
  if (!entries.length) content = html`<p class="muted">No dated events found yet.</p>`;
  else if (zoom === 'day') content = html`<ol class="timeline">${entries.map((t) => timelineEntry(t))}</ol>`;
  else {
    const groups = new Map<string, TimelineItem[]>();
    for (const t of entries) {
      const key = periodOf(t.date, zoom);
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(t);
    }
    content = html`<ol class="timeline grouped">${[...groups].map(
      ([period, list]) => html`<li class="tl-group">
  <h3 class="tl-period"><time datetime="${period}">${formatDate(period, zoom)}</time> <span class="muted">${plural(list.length, 'entry', 'entries')}</span></h3>
  <ol class="timeline">${list.map((t) => timelineEntry(t))}</ol>
</li>`,
    )}</ol>`;
  }
  return html`<section id="timeline" aria-labelledby="h-timeline" class="section">
  <div class="section-head">
    <h2 id="h-timeline">Timeline</h2>
    <nav class="segmented" aria-label="Timeline zoom">${zoomLink('day', 'Days')}${zoomLink('month', 'Months')}${zoomLink('year', 'Years')}</nav>
  </div>
  ${content}
</section>`;
}

function timelineEntry(t: TimelineItem): Html {
  const wd = t.granularity === 'day' ? weekday(t.date) : null;
  const extra = t.sentences.filter((x) => x.text.trim() !== t.summary.trim());
  return html`<li class="tl-entry">
  <div class="tl-date">${t.until
    ? html`<time datetime="${t.date.slice(0, 10)}">${formatSpan(t.date, t.until)}</time>`
    : html`${wd ? html`<span class="weekday">${wd}</span> ` : ''}${timeEl(t.date, t.granularity)}`}</div>
  <div class="tl-body">
    <p>${t.expected ? html`<span class="tag" title="Every account of this date was written before it: a plan or a schedule, not a report that it happened">expected</span> ` : ''}${t.background ? html`<span class="tag" title="Dated well before the story's first article: context the articles recall, not news of the story">background</span> ` : ''}${t.summary}</p>
    ${t.articles.length ? reportedBy(t.articles) : ''}
    ${extra.length
      ? html`<details class="tl-more"><summary>${plural(extra.length, 'more account')}</summary><ul>${extra.map(
          (x) => html`<li><p>${x.text}</p><a class="small-link" href="/articles/${encodeURIComponent(x.articleId)}">Read in context</a></li>`,
        )}</ul></details>`
      : ''}
  </div>
</li>`;
}

/** An entry's or a list's articles by source: the source, how many, in order of first appearance. */
export function bySource<A extends { sourceLabel: string }>(articles: readonly A[]): { label: string; articles: A[] }[] {
  const groups = new Map<string, A[]>();
  for (const a of articles) {
    let list = groups.get(a.sourceLabel);
    if (!list) groups.set(a.sourceLabel, (list = []));
    list.push(a);
  }
  return [...groups].map(([label, list]) => ({ label, articles: list }));
}

/** The `id` of a source's column in "Sources side by side". */
function sourceAnchor(label: string): string {
  return `src-${label.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-')}`;
}

const LINKS_PER_SOURCE = 8;

/**
 * Who reported an entry: one badge per source with its count ("bbc ×12") linking to the source's
 * first article of the entry, sources in the order they first reported it (the articles come in
 * report order, see inReportOrder), and who was first; the others are listed below, by source.
 */
function reportedBy(articles: readonly ArticleHead[]): Html {
  const groups = bySource(articles);
  const first = articles[0]!;
  const badges = html`<ul class="badges" aria-label="Reported by, first report first">${groups.map(
    (g) => html`<li>${sourceBadge(g.articles[0]!, '', g.articles.length)}</li>`,
  )}</ul>${articles.length > 1 && first.published
    ? html`<p class="first-report muted">First reported by ${first.sourceLabel}, ${formatDate(first.published)}</p>`
    : ''}`;
  const rest = groups.filter((g) => g.articles.length > 1);
  if (!rest.length) return badges;
  return html`${badges}<details class="tl-more"><summary>${plural(articles.length, 'report')} by source</summary><ul>${rest.map((g) => {
    const shown = g.articles.slice(0, LINKS_PER_SOURCE);
    const hidden = g.articles.length - shown.length;
    return html`<li><span class="badge c${hue(g.label)}">${g.label}</span> ${shown.map(
      (a, i) => html`${i ? ' · ' : ''}<a href="/articles/${encodeURIComponent(a.id)}">${a.title ? truncate(a.title, 70) : a.id}</a>`,
    )}${hidden > 0 ? html` · <a href="#${sourceAnchor(g.label)}">${hidden} more from ${g.label}</a>` : ''}</li>`;
  })}</ul></details>`;
}

function quoteItem(q: QuoteView, showSpeaker = false): Html {
  const verb = q.kind === 'belief' ? 'believes' : q.direct ? 'said' : 'reported';
  return html`<li class="quote-item${q.direct ? ' direct' : ''}">
  <figure>
    ${q.direct ? html`<blockquote><p>${asQuotation(q.text)}</p></blockquote>` : html`<div class="paraphrase"><p>${q.text}</p></div>`}
    <figcaption>${showSpeaker && q.speaker ? html`<strong>${q.speaker}</strong> · ` : ''}<span class="muted">${verb}</span> · ${timeEl(q.date)} · ${sourceBadge(
      { id: q.articleId, sourceLabel: q.sourceLabel },
      `#q-${q.id}`,
    )}${publishedIfOther(q.date, q.published)} <a class="small-link" href="/articles/${encodeURIComponent(q.articleId)}#q-${q.id}">in context</a></figcaption>
  </figure>
</li>`;
}

const SHOWN_QUOTES = 5;
const MAX_QUOTES_PER_SPEAKER = 30;
const MAX_SPEAKER_CARDS = 24;

function speakerName(g: SpeakerQuotes): Html {
  return g.entityId ? html`<a href="/entities/${encodeURIComponent(g.entityId)}">${g.speaker}</a>` : html`${g.speaker}`;
}

function quotesSection(storyId: string, speakers: SpeakerQuotes[], speakerCount: number): Html {
  const cards = speakers.slice(0, MAX_SPEAKER_CARDS);
  const rest = speakers.slice(MAX_SPEAKER_CARDS);
  const named = (list: SpeakerQuotes[]) => list.filter((g) => g.key !== 'unattributed').length;
  // Each card shows the speaker's latest statements; a link opens the story with all of one speaker's.
  const allLink = (g: SpeakerQuotes) => html`<a href="/stories/${encodeURIComponent(storyId)}?speaker=${encodeURIComponent(g.key)}#quotes">all ${g.quoteCount} statements by ${g.speaker}</a>`;
  return html`<section id="quotes" aria-labelledby="h-quotes" class="section">
  <h2 id="h-quotes">Who said what</h2>
  ${cards.length
    ? html`<div class="speakers">${cards.map((g, i) => {
        const id = `sp-${i}`;
        const expanded = g.quotes.length > MAX_QUOTES_PER_SPEAKER;
        const more = g.quotes.slice(SHOWN_QUOTES, expanded ? undefined : MAX_QUOTES_PER_SPEAKER);
        const hidden = g.quoteCount - SHOWN_QUOTES - more.length;
        return html`<section class="speaker card" aria-labelledby="${id}">
  <header class="speaker-head">
    <h3 id="${id}">${speakerName(g)}</h3>
    ${g.roles.length ? html`<p class="role">${g.roles.slice(0, 2).join(' · ')}</p>` : ''}
    <p class="muted count">${plural(g.quoteCount, 'statement')}${hidden > 0 ? html` · the latest ${SHOWN_QUOTES + more.length} shown` : ''}</p>
  </header>
  <ol class="quotes">${g.quotes.slice(0, SHOWN_QUOTES).map((q) => quoteItem(q))}</ol>
  ${more.length
    ? html`<details${expanded ? html` open` : ''}><summary>${plural(more.length, 'more statement')}</summary><ol class="quotes">${more.map((q) => quoteItem(q))}</ol></details>`
    : ''}
  ${hidden > 0 ? html`<p class="muted small">${hidden} earlier: ${allLink(g)}.</p>` : ''}
</section>`;
      })}</div>
  ${rest.length
    ? html`<details class="more-speakers"><summary>${plural(speakerCount - named(cards), 'more speaker')}</summary><ul class="chips">${rest.map(
        (g) => html`<li><a class="chip" href="/stories/${encodeURIComponent(storyId)}?speaker=${encodeURIComponent(g.key)}#quotes">${g.speaker} <span class="chip-count">${g.quoteCount}</span></a></li>`,
      )}</ul>${speakerCount > named(speakers) ? html`<p class="muted small">and ${plural(speakerCount - named(speakers), 'other speaker')} quoted less often.</p>` : ''}</details>`
    : ''}`
    : html`<p class="muted">No quotes found in this story's articles.</p>`}
</section>`;
}

const STATEMENTS_PER_CLAIM = 12;


function claimsSection(s: StoryDetail): Html {
  if (!s.claims.length && !s.disagreements.length) return html``;
  const heads = new Map(s.articles.map((a) => [a.id, a]));
  const statement = (st: { date: string; articleId: string; source: string | null; speaker: string | null; text: string }) => {
    const head = heads.get(st.articleId);
    return html`<li><div class="tl-date">${timeEl(st.date)}</div><div><p>${st.speaker ? html`<strong>${st.speaker}:</strong> ` : ''}${st.text}</p>${sourceBadge({
      id: st.articleId,
      sourceLabel: head?.sourceLabel ?? st.source ?? 'source',
      title: head?.title,
      published: head?.published,
    })}${publishedIfOther(st.date, head?.published ?? null)}</div></li>`;
  };
  return html`<section id="claims" aria-labelledby="h-claims" class="section">
  <h2 id="h-claims">How the claims evolved</h2>
  ${s.claims.map((c) => {
    const shown = spreadOverDates(c.statements, STATEMENTS_PER_CLAIM);
    const dates = new Set(c.statements.map((x) => x.date)).size;
    return html`<div class="claim card"><h3>${c.subject}</h3>${
      shown.length < c.statements.length
        ? html`<p class="muted small">${plural(shown.length, 'statement')} of ${c.statements.length.toLocaleString('en-US')}, spread over the ${plural(dates, 'date')} they were made on.</p>`
        : ''
    }<ol class="statements">${shown.map(statement)}</ol></div>`;
  })}
  ${s.disagreements.length
    ? html`<h3 class="sub">Where sources disagree</h3>${s.disagreements.map(
        (d) => html`<div class="claim card disagreement"><h4>${timeEl(d.date)} · ${d.about}</h4><ol class="statements">${d.statements.map(statement)}</ol></div>`,
      )}`
    : ''}
</section>`;
}

const HISTORY_WORDS: Record<StoryDetail['history'][number]['kind'], string> = {
  'merged-into': 'Merged into',
  absorbed: 'Took in',
  'split-from': 'Split off from',
  'split-off': 'Gave up part of its coverage to',
};

function historySection(s: StoryDetail): Html {
  if (!s.history.length) return html``;
  return html`<section id="history" aria-labelledby="h-history" class="section">
  <h2 id="h-history">History</h2>
  <p class="muted">Stories merge when new articles show two threads are one, and split when one thread turns out to be two.</p>
  <ol class="side-list">${s.history.map(
    (h) => html`<li>${timeEl(h.at.slice(0, 10))} ${HISTORY_WORDS[h.kind]} <a href="/stories/${encodeURIComponent(h.otherId)}">${h.otherTitle || h.otherId}</a></li>`,
  )}</ol>
</section>`;
}

const ARTICLES_PER_COLUMN = 25;

function columnItem(a: StoryDetail['sources'][number]['articles'][number]): Html {
  // an undated article shows the range its text allows ("between 17 Dec 2021 and 9 Jan 2022")
  const bound = !a.published && !a.publishedRange ? publicationBound(a.publishedEstimate) : null;
  const when = !a.published && a.publishedRange
    ? html`<span class="muted" title="publication date inferred from the text">between ${timeEl(a.publishedRange.from)} and ${timeEl(a.publishedRange.to)}</span>`
    : bound
      ? html`<span class="muted" title="publication date inferred from the text">${bound}</span>`
      : timeEl(a.published);
  return html`<li>${when}${a.publishedFrom === 'inferred' ? html` <abbr class="muted" title="date inferred from the text">≈</abbr>` : ''}
    <a href="/articles/${encodeURIComponent(a.id)}">${a.title}</a>${a.duplicateOf ? html` <span class="tag">duplicate</span>` : ''}</li>`;
}

function sourcesSection(s: StoryDetail): Html {
  return html`<section id="sources" aria-labelledby="h-sources" class="section">
  <h2 id="h-sources">Sources side by side</h2>
  <p class="muted">Which outlet reported what, and when.</p>
  <div class="sources-grid">${s.sources.map(
    (col) => html`<section class="source-col card" id="${sourceAnchor(col.sourceLabel)}" aria-label="${col.sourceLabel}">
  <h3><span class="badge c${hue(col.sourceLabel)}">${col.sourceLabel}</span> <span class="muted">${plural(col.articles.length, 'article')}</span></h3>
  <ol>${col.articles.slice(0, ARTICLES_PER_COLUMN).map(columnItem)}</ol>${
    col.articles.length > ARTICLES_PER_COLUMN
      ? html`<details class="tl-more"><summary>${plural(col.articles.length - ARTICLES_PER_COLUMN, 'more article')}</summary><ol>${col.articles.slice(ARTICLES_PER_COLUMN).map(columnItem)}</ol></details>`
      : ''
  }
</section>`,
  )}</div>
</section>`;
}

// ─── article ─────────────────────────────────────────────────────────────────────────────────────

const ORIGIN_TEXT: Record<string, string> = { metadata: 'from the metadata', text: 'stated in the text', inferred: 'inferred from the text' };

export function articlePage(ctx: PageContext, a: ArticleDetail): string {
  const url = safeExternalUrl(a.url);
  const { entities, quotes, timexes } = a.annotations;
  const uniqueEntities = new Map<string, { id: string; name: string; type: string; n: number }>();
  for (const e of entities) {
    const u = uniqueEntities.get(e.entityId) ?? { id: e.entityId, name: e.name, type: e.type, n: 0 };
    u.n++;
    uniqueEntities.set(e.entityId, u);
  }
  const body = html`
<article class="article" aria-labelledby="h-article">
<header class="article-head">
  ${a.story ? html`<p class="eyebrow"><a href="/stories/${encodeURIComponent(a.story.id)}">← Story: ${a.story.title}</a></p>` : ''}
  <h1 id="h-article">${a.title || 'Untitled article'}</h1>
  ${a.standfirst ? html`<p class="standfirst">${a.standfirst}</p>` : ''}
  <dl class="facts">
    <div><dt>Source</dt><dd><span class="badge c${hue(a.sourceLabel)}">${a.sourceLabel}</span></dd></div>
    <div><dt>Published</dt><dd>${timeEl(a.published)}${a.publishedFrom ? html` <span class="muted">(${ORIGIN_TEXT[a.publishedFrom] ?? a.publishedFrom}${
      a.publishedConfidence !== null && a.publishedFrom !== 'metadata' ? html`, confidence ${Math.round(a.publishedConfidence * 100)}%` : ''
    })</span>` : ''}${a.publishedRange ? html` <span class="muted">between ${formatDate(a.publishedRange.from)} and ${formatDate(a.publishedRange.to)}</span>` : ''}</dd></div>
    ${a.authors.length ? html`<div><dt>By</dt><dd>${a.authors.join(', ')}</dd></div>` : ''}
    <div><dt>From</dt><dd>${url ? html`<a href="${url}" rel="noopener noreferrer nofollow" class="ext">${a.url}</a>` : a.url ? html`<span class="mono">${a.url}</span>` : a.path ? html`<span class="mono">${a.path}</span>` : html`<span class="muted">no URL or file recorded</span>`}</dd></div>
    <div><dt>Article id</dt><dd class="mono">${a.id}</dd></div>
  </dl>
  ${a.duplicateOf ? html`<p class="notice">This article repeats <a href="/articles/${encodeURIComponent(a.duplicateOf)}">an article already stored</a>.</p>` : ''}
</header>
<div class="article-layout">
  <div class="article-text">
    <fieldset class="legend">
      <legend>Highlight</legend>
      <label><input type="checkbox" id="show-ent" checked> <span class="key ent-person">Entities</span> (${entities.length})</label>
      <label><input type="checkbox" id="show-quote" checked> <span class="key quote">Quotes</span> (${quotes.length})</label>
      <label><input type="checkbox" id="show-tx" checked> <span class="key tx">Dates and times</span> (${timexes.length})</label>
    </fieldset>
    <div class="prose annotated">${renderAnnotatedText(a.text, a.annotations)}</div>
    ${a.removed.length
      ? html`<details class="removed"><summary>Removed by the cleaner (${plural(a.removed.length, 'block')})</summary>
  <ol>${a.removed.map((r) => html`<li><p class="muted reason">${r.reason}</p><pre>${r.text}</pre></li>`)}</ol></details>`
      : html`<p class="muted small">The cleaner removed nothing from this article.</p>`}
  </div>
  <aside class="article-side" aria-label="In this article">
    ${quotes.length
      ? html`<section><h2>Quotes</h2><ol class="side-list">${quotes.map(
          (q) => html`<li><a href="#q-${q.id}">${q.speaker ?? 'Unattributed'}</a> <span class="muted">${q.kind === 'belief' ? 'believes' : q.direct ? 'said' : 'reported'}: “${truncate(
            a.text.slice(q.start, q.end).replace(/^["“”]+|["“”]+$/g, ''),
            90,
          )}”</span></li>`,
        )}</ol></section>`
      : ''}
    ${uniqueEntities.size
      ? html`<section><h2>Entities</h2><ul class="chips small">${[...uniqueEntities.values()].sort((x, y) => y.n - x.n).map((e) => html`<li>${entityChip(e, e.n, 'mentions')}</li>`)}</ul></section>`
      : analysesEntities(a.language)
        ? ''
        : html`<section><h2>Entities</h2><p class="muted">Names and quotes are recognised in English text only; this article is in another language (${a.language}).</p></section>`}
    ${timexes.length
      ? html`<section><h2>Time expressions</h2><ul class="side-list">${timexes.slice(0, 40).map((t) => html`<li>“${t.text}” <span class="muted mono">${t.value}</span></li>`)}</ul></section>`
      : ''}
  </aside>
</div>
</article>`;
  return layout(ctx, { title: a.title || 'Article', body });
}

// ─── entity ──────────────────────────────────────────────────────────────────────────────────────

const TYPE_SINGULAR: Record<string, string> = { person: 'Person', organization: 'Organisation', place: 'Place', other: 'Entity' };

export function entityPage(ctx: PageContext, e: EntityDetail): string {
  const body = html`
<article class="entity" aria-labelledby="h-entity">
<header class="story-head">
  <p class="eyebrow"><span class="chip ent-${e.type}">${TYPE_SINGULAR[e.type] ?? 'Entity'}</span></p>
  <h1 id="h-entity">${e.name}</h1>
  ${e.roles.length ? html`<p class="lede">${e.roles.slice(0, 4).join(' · ')}</p>` : ''}
  <p class="meta"><span>${plural(e.mentions, 'mention')}</span><span>${plural(e.articleCount, 'article')}</span><span>${plural(e.stories.length, 'story', 'stories')}</span><span>${plural(e.quotes.length, 'quote')}</span></p>
  ${e.aliases.filter((x) => x !== e.name).length ? html`<p class="muted">Also called: ${e.aliases.filter((x) => x !== e.name).join(', ')}</p>` : ''}
</header>
${e.quotes.length
  ? html`<section class="section" aria-labelledby="h-said"><h2 id="h-said">What ${e.name} said</h2><ol class="quotes card">${e.quotes.map((q) => quoteItem(q))}</ol></section>`
  : ''}
<section class="section" aria-labelledby="h-stories"><h2 id="h-stories">Stories</h2>
  ${e.stories.length
    ? html`<ul class="plain-list">${e.stories.map(
        (s) => html`<li><a href="/stories/${encodeURIComponent(s.id)}">${s.title || 'Untitled story'}</a> <span class="muted">${formatSpan(s.firstSeen, s.lastSeen)} · ${plural(s.articleCount, 'article')} · ${plural(s.mentions, 'mention')}</span></li>`,
      )}</ul>`
    : html`<p class="muted">Not part of any story yet.</p>`}
</section>
${e.cooccurring.length
  ? html`<section class="section" aria-labelledby="h-co"><h2 id="h-co">Often named together with</h2><ul class="chips">${e.cooccurring.map((c) => html`<li>${entityChip(c, c.articles, 'shared articles')}</li>`)}</ul></section>`
  : ''}
<section class="section" aria-labelledby="h-articles"><h2 id="h-articles">Articles</h2>
  <ul class="plain-list">${e.articles.map((a) => html`<li>${timeEl(a.published)} ${sourceBadge(a)} <a href="/articles/${encodeURIComponent(a.id)}">${a.title}</a></li>`)}</ul>
</section>
</article>`;
  return layout(ctx, { title: e.name, body, current: 'entities' });
}

export function entitiesPage(ctx: PageContext, data: { items: EntityCount[]; total: number; q?: string; type?: string; limit: number; offset: number }): string {
  const types = ['person', 'organization', 'place', 'other'];
  const body = html`
<header class="story-head"><h1>Entities</h1><p class="lede">People, organisations and places named in the articles, most mentioned first.</p></header>
<form class="filter-form inline" method="get" action="/entities">
  <label>Name <input name="q" type="search" value="${data.q ?? ''}"></label>
  <label>Type <select name="type"><option value="">Any</option>${types.map((t) => html`<option value="${t}"${t === data.type ? html` selected` : ''}>${TYPE_SINGULAR[t]}</option>`)}</select></label>
  <div class="filter-actions"><button type="submit">Show</button></div>
</form>
${data.items.length
  ? html`<ul class="chips entity-index">${data.items.map((e) => html`<li>${entityChip(e, e.articles)}</li>`)}</ul>`
  : html`<p class="empty">No entity matches.</p>`}
${pager('/entities', { q: data.q, type: data.type }, data.total, data.limit, data.offset, 'Entity pages')}`;
  return layout(ctx, { title: 'Entities', body, current: 'entities' });
}

// ─── search ──────────────────────────────────────────────────────────────────────────────────────

export interface SearchPageParams {
  q: string;
  source?: string;
  entity?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export function searchPage(ctx: PageContext, p: SearchPageParams, result: SearchResult | null, error?: string): string {
  const base = { q: p.q, source: p.source, entity: p.entity, from: p.from, to: p.to };
  const withParam = (extra: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...base, ...extra })) if (v) q.set(k, v);
    return '/search?' + q.toString();
  };
  const active = Object.entries({ source: p.source, entity: p.entity, from: p.from, to: p.to }).filter(([, v]) => v);
  const body = html`
<header class="story-head"><h1>Search</h1></header>
<form class="search-big" role="search" method="get" action="/search">
  <label for="q-big" class="visually-hidden">Search words</label>
  <input id="q-big" name="q" type="search" value="${p.q}" placeholder='Words, "a phrase", prefix*, -exclude' autofocus>
  ${active.map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
  <button type="submit">Search</button>
</form>
${active.length ? html`<p class="active-filters">Filtered by ${active.map(([k, v]) => html`<span class="chip">${k}: ${v} <a href="${withParam({ [k]: undefined })}" aria-label="Remove filter ${k}">×</a></span> `)}</p>` : ''}
${error ? html`<p class="notice" role="alert">${error}</p>` : ''}
${result
  ? html`<div class="search-layout">
  <div>
    <p class="muted" role="status">${plural(result.total, 'article')} found${result.total > p.limit ? html`, best first` : ''}.</p>
    <ol class="hits">${result.hits.map(
      (h) => html`<li class="hit">
  <h2><a href="/articles/${encodeURIComponent(h.id)}">${highlighted(h.title)}</a></h2>
  <p class="meta">${sourceBadge({ id: h.id, sourceLabel: sourceLabel({ source: h.source, url: h.url, id: h.id }) })} ${timeEl(h.published)}${h.storyId ? html` · <a href="/stories/${encodeURIComponent(h.storyId)}">Story: ${h.storyTitle || 'untitled'}</a>` : ''}</p>
  <p class="snippet">${highlighted(h.snippet)}</p>
</li>`,
    )}</ol>
    ${pager('/search', base, result.total, p.limit, p.offset, 'Result pages')}
  </div>
  <aside class="facets" aria-label="Refine">
    ${result.facetsFrom < result.total ? html`<p class="muted small">Counts cover the best ${result.facetsFrom.toLocaleString('en-US')} matches.</p>` : ''}
    ${facetList('Sources', result.facets.sources.filter((f) => f.value), (v) => withParam({ source: v, offset: undefined }))}
    ${facetList('Entities', result.facets.entities, (v) => withParam({ entity: v, offset: undefined }))}
    ${facetList('Months', result.facets.months, (v) => withParam({ from: v, to: v, offset: undefined }), (l) => formatDate(l, 'month'))}
  </aside>
</div>`
  : ''}`;
  return layout(ctx, { title: p.q ? `Search: ${p.q}` : 'Search', body, query: p.q, current: 'search' });
}

function facetList(title: string, facets: { value: string; label: string; count: number }[], href: (v: string) => string, label = (l: string) => l): Html {
  if (!facets.length) return html``;
  return html`<section><h2>${title}</h2><ul class="facet-list">${facets.map((f) => html`<li><a href="${href(f.value)}">${label(f.label)}</a> <span class="muted">${f.count}</span></li>`)}</ul></section>`;
}

// ─── errors ──────────────────────────────────────────────────────────────────────────────────────

export function errorPage(ctx: PageContext, status: number, title: string, message: string): string {
  const body = html`<section class="empty error-page"><h1>${title}</h1><p>${message}</p><p><a href="/">Back to all stories</a> · <a href="/search">Search</a></p></section>`;
  return layout(ctx, { title: `${status} ${title}`, body });
}

export type { ArticleHead };
