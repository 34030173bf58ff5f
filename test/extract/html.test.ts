import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { cleanAuthors, cleanTitle } from '../../src/extract/html/metadata.js';

const data = (p: string) => new URL(`../../../shared/data/${p}`, import.meta.url);
const readJsonl = (p: string) =>
  gunzipSync(readFileSync(data(p)))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; html: string; url?: string });

/** The AEB metric for one page: F1 of 4-token shingle multisets. */
function shingleF1(gold: string, pred: string): number {
  const shingles = (s: string) => {
    const t = s.match(/[\p{L}\p{N}_]+/gu) ?? [];
    const m = new Map<string, number>();
    for (let i = 0; i + 4 <= Math.max(t.length, 4); i++) {
      const k = t.slice(i, i + 4).join(' ');
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const g = shingles(gold);
  const p = shingles(pred);
  let tp = 0;
  let np = 0;
  let ng = 0;
  for (const [k, n] of p) (tp += Math.min(n, g.get(k) ?? 0)), (np += n);
  for (const n of g.values()) ng += n;
  return tp === 0 ? 0 : (2 * tp) / (np + ng);
}

describe('HTML → article on real pages (AEB sample)', () => {
  const pages = readJsonl('aeb/input.jsonl.gz').filter((_, i) => i % 6 === 0);
  const gold = JSON.parse(readFileSync(data('aeb/ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
  const results = pages.map((p) => ({ p, r: extract({ html: p.html, url: p.url }) }));

  it('extracts the article body (mean page F1 ≥ 0.93 on every sixth page)', () => {
    const f1s = results.map(({ p, r }) => shingleF1(gold[p.id]!.articleBody, r.text));
    const mean = f1s.reduce((a, b) => a + b, 0) / f1s.length;
    expect(mean).toBeGreaterThan(0.93);
  });

  it('keeps paragraph structure and finds titles that are not the site name', () => {
    for (const { r } of results) {
      if (r.text.length > 1500) expect(r.text).toContain('\n\n');
      expect(r.title.length).toBeGreaterThan(0);
      if (r.site) expect(r.title.toLowerCase()).not.toBe(r.site.toLowerCase());
      expect(r.language).toMatch(/^[a-z]{2}$|^und$/);
    }
  });
});

describe('publication dates (htmldate sample, HTML only)', () => {
  it('finds the gold date on at least 84% of every twentieth page (accuracy, not F1)', () => {
    const gold = JSON.parse(readFileSync(data('htmldate/gold.json'), 'utf8')) as Record<string, string>;
    const pages = readJsonl('htmldate/input.jsonl.gz').filter((_, i) => i % 20 === 0);
    let right = 0;
    for (const p of pages) if (extract({ html: p.html }).published === gold[p.id]) right++;
    expect(right / pages.length).toBeGreaterThan(0.84);
  });
});

describe('metadata readers', () => {
  it('reads JSON-LD, meta tags and dates; keeps the original date, not the update', () => {
    const html = `<!doctype html><html lang="en-GB"><head>
      <title>Council approves new tram line | The Northern Echo</title>
      <meta property="og:site_name" content="The Northern Echo">
      <meta property="article:modified_time" content="2021-03-09T08:00:00Z">
      <link rel="canonical" href="https://example.org/news/2021/03/08/tram">
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Council approves new tram line",
        "datePublished":"2021-03-08T17:45:00+00:00","dateModified":"2021-03-09T08:00:00Z",
        "author":[{"@type":"Person","name":"Jane Hollis"},{"@type":"Organization","name":"Echo Newsroom"}]}</script>
      </head><body><article><h1>Council approves new tram line</h1>
      <p>The city council on Monday approved a new tram line linking the station with the hospital, after two years of consultation with residents.</p>
      <figure><img src="a.jpg"><figcaption>The planned route. Photo: City Council</figcaption></figure>
      <p>Construction is due to start next spring and take three years, the council's transport committee said in a statement after the vote.</p>
      <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
      <p>Opponents said the cost, estimated at 240 million pounds, was too high for a city of its size, and vowed to keep campaigning.</p>
      </article></body></html>`;
    const r = extract({ html });
    expect(r.title).toBe('Council approves new tram line');
    expect(r.published).toBe('2021-03-08');
    expect(r.modified).toBe('2021-03-09');
    expect(r.authors).toEqual(['Jane Hollis']);
    expect(r.site).toBe('The Northern Echo');
    expect(r.canonicalUrl).toBe('https://example.org/news/2021/03/08/tram');
    expect(r.language).toBe('en');
    expect(r.text).not.toContain('Photo: City Council');
    expect(r.text).not.toContain('Share on Facebook');
    expect(r.text.split('\n\n')).toHaveLength(3);
  });

  it('strips site suffixes from titles and keeps only people as authors', () => {
    expect(cleanTitle('Floods in Italy - BBC News', 'BBC News', 'www.bbc.co.uk')).toBe('Floods in Italy');
    expect(cleanTitle('Le Monde.fr | La réforme des retraites adoptée', 'Le Monde.fr', 'lemonde.fr')).toBe('La réforme des retraites adoptée');
    expect(cleanTitle('Q&A: What the vote means', null, null)).toBe('Q&A: What the vote means');
    expect(cleanAuthors(['By Paul Takahashi and Robert Burns, AP National Security Writer'])).toEqual(['Paul Takahashi', 'Robert Burns']);
    expect(cleanAuthors(['Reuters Staff', 'https://facebook.com/someone', 'admin'])).toEqual([]);
  });
});
