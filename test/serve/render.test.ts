// The pieces every page relies on: escaping, safe URLs, annotated text nesting, search syntax.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { html, safeExternalUrl, unsafeRaw } from '../../src/serve/html.js';
import { renderAnnotatedText } from '../../src/serve/annotate.js';
import { toMatchExpression } from '../../src/search/index.js';
import { bySource, chooseZoom, spreadOverDates, storyPage } from '../../src/serve/pages.js';
import { createModel, type StoryDetail } from '../../src/serve/model.js';
import { openStore } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { bucketCoverage } from '../../src/serve/charts.js';
import { SEEDS_DIR, SHARED_DATA, hasSharedData, tempDir } from '../helpers/paths.js';

describe('html template', () => {
  it('escapes every interpolation unless it is template markup', () => {
    const evil = `<img src=x onerror="alert('x')">&"'\``;
    const out = html`<p title="${evil}">${evil}${html`<b>${evil}</b>`}${[evil, 1, null, undefined, false]}</p>`.value;
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;&quot;&#39;&#96;');
    expect(out).toContain('<b>&lt;img');
    expect(out.match(/<b>/g)).toHaveLength(1);
    expect(html`${unsafeRaw('<br>')}`.value).toBe('<br>');
  });

  it('links only to http(s) URLs', () => {
    expect(safeExternalUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>', 'vbscript:x', 'not a url', '', null]) expect(safeExternalUrl(bad)).toBeNull();
  });
});

describe('annotated text', () => {
  const text = readFileSync(join(SEEDS_DIR, '000_579504aca85b9f81.txt'), 'utf8');

  it('nests quotes, entities and time expressions properly even when they cross', () => {
    const name = text.indexOf('Dmitry Peskov');
    const quoteStart = text.indexOf('If necessary');
    const quoteEnd = text.indexOf('can resume') + 'can resume'.length;
    const biden = text.indexOf('Biden', quoteStart);
    const out = renderAnnotatedText(text, {
      quotes: [{ id: 7, start: quoteStart, end: quoteEnd, speaker: 'Dmitry Peskov', speakerEntityId: 'e1', direct: true, kind: 'speech', cue: null, speakerSpan: null }],
      entities: [
        { start: name, end: name + 13, text: 'Dmitry Peskov', entityId: 'e1', name: 'Dmitry Peskov', type: 'person', role: null },
        { start: biden, end: biden + 5, text: 'Biden', entityId: 'e2', name: 'Joe Biden', type: 'person', role: null },
        // crosses the end of the quote: must be split, not mis-nested
        { start: quoteEnd - 6, end: quoteEnd + 3, text: text.slice(quoteEnd - 6, quoteEnd + 3), entityId: 'e3', name: 'X', type: 'other', role: null },
      ],
      timexes: [{ start: 0, end: 5, text: text.slice(0, 5), type: 'DATE', value: '2022-03-16', mod: null }],
    }).value;
    const { document } = parseHTML(`<div id="root">${out}</div>`);
    const root = document.getElementById('root')!;
    expect(root.textContent!.replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
    expect(out.match(/<br>/g)?.length ?? 0).toBe((text.trim().match(/\n/g) ?? []).length);
    const quote = document.getElementById('q-7')!;
    expect(quote.classList.contains('quote')).toBe(true);
    expect(quote.querySelector('a[href="/entities/e2"]')!.textContent).toBe('Biden');
    expect(document.querySelectorAll('[id="q-7"]')).toHaveLength(1);
    expect(document.querySelector('a[href="/entities/e1"]')!.textContent).toBe('Dmitry Peskov');
    expect(document.querySelector('time[datetime="2022-03-16"]')).toBeTruthy();
    // re-serialising the parsed tree gives the same markup: nothing was mis-nested
    expect(root.innerHTML.replace(/<br>/g, '')).toBe(out.replace(/<br>/g, ''));
  });

  it('escapes markup in the text', () => {
    const out = renderAnnotatedText('a <script>x()</script>\n\n<img onerror=y>', { quotes: [], entities: [], timexes: [] }).value;
    expect(out).toBe('<p>a &lt;script&gt;x()&lt;/script&gt;</p>\n<p>&lt;img onerror=y&gt;</p>\n');
  });
});

describe('search syntax', () => {
  it('turns what people type into a safe FTS5 expression', () => {
    expect(toMatchExpression('Peskov contacts')).toBe('"Peskov" AND "contacts"');
    expect(toMatchExpression('"Dmitry Peskov" -Biden')).toBe('"Dmitry Peskov" NOT "Biden"');
    expect(toMatchExpression('sanction*')).toBe('"sanction"*');
    expect(toMatchExpression('U.S. officials')).toBe('"U S" AND "officials"');
    expect(toMatchExpression('AND OR (')).toBe('"AND" AND "OR"');
    expect(toMatchExpression('"" - ( )')).toBeNull();
  });
});

describe('timeline zoom and coverage', () => {
  const entry = (date: string) => ({ date, granularity: 'day' as const, summary: '', sentences: [], articles: [] });
  it('picks the finest readable zoom', () => {
    expect(chooseZoom(['2022-03-15', '2022-03-16'].map(entry))).toBe('day');
    expect(chooseZoom(Array.from({ length: 30 }, (_, i) => entry(`2010-0${1 + (i % 9)}-${String(1 + i).padStart(2, '0')}`)))).toBe('month');
    expect(chooseZoom(Array.from({ length: 40 }, (_, i) => entry(`${1980 + i}-01-01`)))).toBe('year');
  });
  it('buckets coverage by day, week or month and fills gaps', () => {
    const days = bucketCoverage([{ date: '2022-03-01', count: 2 }, { date: '2022-03-04', count: 1 }]);
    expect(days.unit).toBe('day');
    expect(days.buckets.map((b) => b.count)).toEqual([2, 0, 0, 1]);
    const months = bucketCoverage([{ date: '2020-01-05', count: 1 }, { date: '2022-12-30', count: 3 }], 60);
    expect(months.unit).toBe('month');
    expect(months.buckets[0]).toEqual({ date: '2020-01-01', count: 1 });
    expect(months.buckets.at(-1)).toEqual({ date: '2022-12-01', count: 3 });
    expect(months.buckets).toHaveLength(36);
  });
});

describe.skipIf(!hasSharedData)('story page of a big story (Timeline17 BP oil spill)', () => {
  // Two outlets' coverage of the first weeks: many articles per timeline entry from one source.
  let page: Document;
  let detail: StoryDetail;
  beforeAll(async () => {
    const dir = tempDir('storyline-render-');
    const input = join(dir, 'bpoil.jsonl');
    const lines = ['bpoil_bbc', 'bpoil_reuters'].flatMap((folder) =>
      readFileSync(join(SHARED_DATA, 't17', folder, 'articles.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; published: string; text: string })
        .filter((a) => a.published >= '2010-04-20' && a.published <= '2010-05-10')
        .slice(0, 30)
        .map((a) => JSON.stringify({ ...a, id: `${folder}-${a.id}`, source: folder.split('_')[1] })),
    );
    writeFileSync(input, lines.join('\n') + '\n');
    const store = openStore(join(dir, 'bp.db'));
    await ingestDocuments(store, readSources([input]));
    const model = createModel(store);
    const biggest = store.listStories({ limit: 100 }).sort((a, b) => b.articleCount - a.articleCount)[0]!;
    detail = model.story(biggest.id)!;
    page = parseHTML(storyPage({ asset: (p) => p, stats: () => store.stats() }, detail, 'day')).document;
    store.close();
  }, 90_000);

  it('shows one badge per source with its count, and every article of an entry once', () => {
    const entries = [...page.querySelectorAll('.tl-entry')];
    expect(entries).toHaveLength(detail.timeline.length);
    let grouped = 0;
    entries.forEach((entry, i) => {
      const item = detail.timeline[i]!;
      const badges = [...entry.querySelectorAll('.badges .badge')];
      const labels = badges.map((b) => b.firstChild!.textContent!.trim());
      expect(new Set(labels).size).toBe(labels.length);
      expect(labels.sort()).toEqual([...new Set(item.articles.map((a) => a.sourceLabel))].sort());
      const counted = badges.reduce((n, b) => n + Number(b.querySelector('.chip-count')?.textContent!.replace('×', '') ?? 1), 0);
      expect(counted).toBe(item.articles.length);
      if (counted > labels.length) grouped++;
      // the badge links the source's first article; the details list names them all (up to a cap)
      const linked = new Set([...entry.querySelectorAll('a[href^="/articles/"]')].map((a) => decodeURIComponent(a.getAttribute('href')!.slice('/articles/'.length))));
      for (const g of bySource(item.articles)) for (const a of g.articles.slice(0, 8)) expect(linked.has(a.id)).toBe(true);
    });
    expect(grouped).toBeGreaterThan(0);
    // each source's column lists its first 25 articles, the rest fold out; all are there, once
    for (const col of detail.sources) {
      const el = page.querySelector(`.source-col[aria-label="${col.sourceLabel}"]`)!;
      expect(el.querySelectorAll(':scope > ol > li').length).toBe(Math.min(25, col.articles.length));
      expect(el.querySelectorAll('li a[href^="/articles/"]').length).toBe(col.articles.length);
    }
  });

  it('orders an entry\'s sources by who reported it first, and names the first report', () => {
    const entries = [...page.querySelectorAll('.tl-entry')];
    let checked = 0;
    entries.forEach((entry, i) => {
      const item = detail.timeline[i]!;
      const dated = item.articles.filter((a) => a.published);
      if (dated.length < 2) return;
      const published = item.articles.map((a) => a.published ?? '9999');
      expect(published).toEqual([...published].sort());
      const labels = [...entry.querySelectorAll('.badges .badge')].map((b) => b.firstChild!.textContent!.trim());
      expect(labels).toEqual([...new Set(item.articles.map((a) => a.sourceLabel))]);
      expect(entry.querySelector('.first-report')!.textContent).toContain(`First reported by ${item.articles[0]!.sourceLabel}`);
      checked++;
    });
    expect(checked).toBeGreaterThan(0);
  });

  it('spreads a claim over its dates instead of listing every statement', () => {
    for (const card of page.querySelectorAll('#claims .claim:not(.disagreement)')) expect(card.querySelectorAll('.statements > li').length).toBeLessThanOrEqual(12);
    // Claims now list a quantity's figures at their first dates, so a claim of this 150-article sample
    // may hold 12 or fewer: the story's dated timeline sentences then stand for a long one.
    const many = detail.claims.find((c) => c.statements.length > 12) ?? {
      statements: detail.timeline.flatMap((t) => t.sentences.map((x) => ({ ...x, date: t.date, speaker: null, source: t.articles.find((a) => a.id === x.articleId)?.source ?? null }))),
    };
    expect(many.statements.length).toBeGreaterThan(12);
    {
      const shown = spreadOverDates(many.statements, 12);
      expect(shown).toHaveLength(12);
      const dates = many.statements.map((s) => s.date).sort();
      expect(shown[0]!.date).toBe(dates[0]);
      expect(shown.at(-1)!.date).toBe(dates.at(-1));
    }
  });
});
