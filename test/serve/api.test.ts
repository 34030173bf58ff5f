// The HTTP API and the server-rendered pages through hono's app.request(): no sockets, no browser.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import type { Hono } from 'hono';
import type { Store } from '../../src/store/index.js';
import { createApp, CONTENT_SECURITY_POLICY } from '../../src/serve/index.js';
import { parseHTML } from 'linkedom';
import { buildFixtureStore } from './fixture.js';

interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
  nextOffset: number | null;
}
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('storyline serve: API', () => {
  let store: Store;
  let app: Hono;
  let close: () => void;
  let hostileId: string;
  let peskovId: string;
  let storyId: string;

  const get = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init);
    return { res, body: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as Json) : await res.text() };
  };

  beforeAll(async () => {
    const fixture = await buildFixtureStore();
    store = fixture.store;
    hostileId = fixture.hostileId;
    const created = await createApp({ store, token: 'sekret-token' });
    app = created.app;
    close = created.close;
    const { body } = await get('/api/entities?q=peskov');
    const peskov = (body as Page<Json>).items.find((e) => e.type === 'person');
    expect(peskov, 'Dmitry Peskov is a recognised person').toBeTruthy();
    peskovId = peskov!.id;
    const entity = (await get(`/api/entities/${peskovId}`)).body as Json;
    expect(entity.stories.length).toBeGreaterThan(0);
    expect(entity.quotes.length, 'Peskov is quoted').toBeGreaterThan(0);
    const article = (await get(`/api/articles/${entity.quotes[0].articleId}`)).body as Json;
    storyId = article.story.id;
  });
  afterAll(() => {
    close?.();
    store?.close();
  });

  it('lists stories by recent activity, paginated, with top entities and coverage', async () => {
    const { res, body } = await get('/api/stories?limit=2');
    expect(res.status).toBe(200);
    const page = body as Page<Json>;
    expect(page.limit).toBe(2);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.total).toBeGreaterThanOrEqual(page.items.length);
    if (page.total > 2) expect(page.nextOffset).toBe(2);
    for (const s of page.items) {
      expect(typeof s.title).toBe('string');
      expect(s.articleCount).toBeGreaterThan(0);
      expect(Array.isArray(s.topEntities)).toBe(true);
    }
    const all = (await get('/api/stories?limit=100')).body as Page<Json>;
    const last = all.items.map((s) => s.lastSeen ?? '');
    expect(last).toEqual([...last].sort().reverse());
  });

  it('filters stories by entity, source, date range and words', async () => {
    const byEntity = (await get(`/api/stories?entity=${peskovId}`)).body as Page<Json>;
    expect(byEntity.items.map((s) => s.id)).toContain(storyId);
    const byName = (await get('/api/stories?entity=Dmitry%20Peskov')).body as Page<Json>;
    expect(byName.items.map((s) => s.id)).toContain(storyId);
    const byWords = (await get('/api/stories?q=Kremlin')).body as Page<Json>;
    expect(byWords.items.map((s) => s.id)).toContain(storyId);
    const before = (await get('/api/stories?to=2000-01-01')).body as Page<Json>;
    expect(before.total).toBe(0);
    const bySource = (await get(`/api/stories?source=${encodeURIComponent('Example <b onmouseover="alert(1)">Wire</b>')}`)).body as Page<Json>;
    expect(bySource.total).toBe(1);
    const noSuchEntity = (await get('/api/stories?entity=Nobody%20Atall')).body as Page<Json>;
    expect(noSuchEntity.total).toBe(0);
  });

  it('returns a story with dated timeline, events, quotes by speaker, sources and entities', async () => {
    const { res, body } = await get(`/api/stories/${storyId}`);
    expect(res.status).toBe(200);
    const s = body as Json;
    expect(s.timeline.length).toBeGreaterThan(0);
    for (const t of s.timeline) {
      expect(t.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(t.articles.length).toBeGreaterThan(0);
      expect(t.articles[0].sourceLabel.length).toBeGreaterThan(0);
    }
    // one sentence dating two consecutive days is one entry spanning them, not the sentence twice
    s.timeline.forEach((t: Json, i: number) => {
      if (i > 0) expect(t.summary).not.toBe(s.timeline[i - 1].summary);
    });
    expect(s.timeline.find((t: Json) => t.until)).toMatchObject({ date: '2022-01-12', until: '2022-01-13' });
    const peskov = s.speakers.find((g: Json) => g.entityId === peskovId);
    expect(peskov.speaker).toBe('Dmitry Peskov');
    expect(peskov.quotes.length).toBeGreaterThan(0);
    for (const q of peskov.quotes) expect(q.text.length).toBeGreaterThan(3);
    const all = ((await get(`/api/entities/${peskovId}`)).body as Json).quotes;
    expect(all.some((q: Json) => /contact/i.test(q.text)), 'Peskov speaks of contacts in the seeds').toBe(true);
    const dates = peskov.quotes.map((q: Json) => q.date ?? '');
    expect(dates).toEqual([...dates].sort());
    expect(s.sources.length).toBeGreaterThan(0);
    expect(s.entities.map((e: Json) => e.name)).toEqual(expect.arrayContaining(['Dmitry Peskov', 'Vladimir Putin', 'Joe Biden']));
    expect(Array.isArray(s.events)).toBe(true);
    expect(Array.isArray(s.claims)).toBe(true);
  });

  it('caps each speaker to its latest statements and opens all of one speaker on request', async () => {
    const full = (await get(`/api/stories/${storyId}?quotes=1000`)).body as Json;
    const capped = (await get(`/api/stories/${storyId}?quotes=1`)).body as Json;
    for (const g of capped.speakers) {
      expect(g.quotes.length).toBe(1);
      const all = full.speakers.find((x: Json) => x.key === g.key);
      expect(g.quoteCount).toBe(all.quotes.length);
      // the latest statement of the speaker
      expect(g.quotes[0].id).toBe(all.quotes[all.quotes.length - 1].id);
    }
    const busiest = full.speakers.reduce((a: Json, b: Json) => (b.quoteCount > a.quoteCount ? b : a));
    const opened = (await get(`/api/stories/${storyId}?quotes=1&speaker=${encodeURIComponent(busiest.key)}`)).body as Json;
    expect(opened.speakers.find((x: Json) => x.key === busiest.key).quotes.length).toBe(busiest.quoteCount);
    const page = (await get(`/stories/${storyId}?speaker=${encodeURIComponent(busiest.key)}`)).body as string;
    expect(page).toContain(busiest.speaker);
    expect((await get(`/api/stories/${storyId}?quotes=0`)).res.status).toBe(400);
  });

  it('opens one speaker by name or alias, in any case; an unknown speaker is a 400 naming the parameter (review 8 F12)', async () => {
    const full = (await get(`/api/stories/${storyId}?quotes=1000`)).body as Json;
    const peskov = full.speakers.find((g: Json) => g.entityId === peskovId);
    for (const name of ['Dmitry Peskov', 'dmitry peskov', 'PESKOV']) {
      const { res, body } = await get(`/api/stories/${storyId}?quotes=1&speakers=1&speaker=${encodeURIComponent(name)}`);
      expect(res.status, name).toBe(200);
      const first = (body as Json).speakers[0];
      expect(first.key, name).toBe(peskov.key);
      expect(first.quotes.length, name).toBe(peskov.quoteCount);
    }
    const { res, body } = await get(`/api/stories/${storyId}?speaker=Nobody%20Atall`);
    expect(res.status).toBe(400);
    expect((body as Json).error.code).toBe('invalid_parameter');
    expect((body as Json).error.message).toMatch(/^speaker: no speaker of story s\w+ is named "Nobody Atall"/);
  });

  it('lists stories with the figures saved with the story', async () => {
    const list = (await get('/api/stories?limit=100')).body as Page<Json>;
    const card = list.items.find((s) => s.id === storyId)!;
    const story = (await get(`/api/stories/${storyId}`)).body as Json;
    expect(card.topEntities.map((e: Json) => e.id)).toEqual(story.entities.slice(0, 5).map((e: Json) => e.id));
    expect(card.coverage.reduce((n: number, d: Json) => n + d.count, 0)).toBe(story.articles.filter((a: Json) => a.published).length);
  });

  it('returns an article with annotations as offsets into its clean text', async () => {
    const story = (await get(`/api/stories/${storyId}`)).body as Json;
    const peskovQuote = story.speakers.find((g: Json) => g.entityId === peskovId).quotes[0];
    const { res, body } = await get(`/api/articles/${peskovQuote.articleId}`);
    expect(res.status).toBe(200);
    const a = body as Json;
    expect(a.text.length).toBeGreaterThan(200);
    expect(a.published).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(a.annotations.entities.length).toBeGreaterThan(0);
    for (const e of a.annotations.entities) expect(a.text.slice(e.start, e.end)).toBe(e.text);
    for (const t of a.annotations.timexes) expect(a.text.slice(t.start, t.end)).toBe(t.text);
    const q = a.annotations.quotes.find((x: Json) => x.id === peskovQuote.id);
    expect(a.text.slice(q.start, q.end)).toBe(peskovQuote.text);
    expect(Array.isArray(a.removed)).toBe(true);
    expect(a).not.toHaveProperty('raw');
  });

  it('searches with BM25, highlighted snippets and facets', async () => {
    const { res, body } = await get('/api/search?q=peskov');
    expect(res.status).toBe(200);
    const r = body as Json;
    expect(r.total).toBeGreaterThan(0);
    for (const hit of r.items) {
      const marked = hit.snippet.highlights.map(([s, e]: [number, number]) => hit.snippet.text.slice(s, e).toLowerCase());
      const titleMarked = hit.title.highlights.map(([s, e]: [number, number]) => hit.title.text.slice(s, e).toLowerCase());
      expect([...marked, ...titleMarked].some((m: string) => m.startsWith('peskov'))).toBe(true);
    }
    const scores = r.items.map((h: Json) => h.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => a - b));
    expect(r.facets.entities.map((f: Json) => f.label)).toContain('Dmitry Peskov');
    expect(r.facets.months.length).toBeGreaterThan(0);
    expect(r.facets.sources.length).toBeGreaterThan(0);
    const month = r.facets.months[0].value;
    const filtered = (await get(`/api/search?q=peskov&from=${month}&to=${month}`)).body as Json;
    expect(filtered.total).toBe(r.facets.months[0].count);
    const sourceTotal = r.facets.sources.reduce((n: number, f: Json) => n + f.count, 0);
    expect(sourceTotal, 'facets count every match').toBe(r.total);
    const paged = (await get('/api/search?q=peskov&limit=1&offset=1')).body as Json;
    if (r.total > 1) expect(paged.items[0].id).toBe(r.items[1].id);
    const phrase = (await get('/api/search?q=%22Dmitry%20Peskov%22')).body as Json;
    expect(phrase.total).toBeGreaterThan(0);
  });

  it('never fails on FTS5 syntax typed by a user', async () => {
    for (const q of ['"unbalanced', 'AND OR NOT', '(((', 'peskov*', 'NEAR(a b', '-', 'col:umn']) {
      const { res } = await get(`/api/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
  });

  it('answers errors as {error: {code, message}} with an actionable message', async () => {
    const missing = await get('/api/stories/nope');
    expect(missing.res.status).toBe(404);
    expect((missing.body as Json).error.code).toBe('not_found');
    expect((missing.body as Json).error.message).toMatch(/\/api\/stories/);
    const bad = await get('/api/stories?limit=5000');
    expect(bad.res.status).toBe(400);
    expect((bad.body as Json).error).toMatchObject({ code: 'invalid_parameter' });
    expect((bad.body as Json).error.message).toMatch(/limit/);
    // a misspelt filter is refused, not silently ignored (review 5, item 7)
    const misspelt = await get('/api/stories?sorce=bbc');
    expect(misspelt.res.status).toBe(400);
    expect((misspelt.body as Json).error.message).toMatch(/unknown query parameter "sorce".*source/);
    const badDate = await get('/api/stories?from=March');
    expect((badDate.body as Json).error.message).toMatch(/YYYY-MM-DD/);
    const empty = await get('/api/search?q=');
    expect(empty.res.status).toBe(400);
    const noRoute = await get('/api/nothing-here');
    expect(noRoute.res.status).toBe(404);
    expect((noRoute.body as Json).error.code).toBe('not_found');
  });

  it('sends ETags and answers 304 when nothing changed', async () => {
    const first = await app.request('/api/stories');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    const again = await app.request('/api/stories', { headers: { 'If-None-Match': tag! } });
    expect(again.status).toBe(304);
    const page = await app.request(`/stories/${storyId}`);
    const again2 = await app.request(`/stories/${storyId}`, { headers: { 'If-None-Match': page.headers.get('etag')! } });
    expect(again2.status).toBe(304);
  });

  it('describes itself in OpenAPI', async () => {
    const doc = (await get('/api/openapi.json')).body as Json;
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/stories', '/api/stories/{id}', '/api/articles/{id}', '/api/entities/{id}', '/api/search', '/api/ingest', '/api/export']) expect(doc.paths).toHaveProperty([p]);
    // (the answers the server gives past its bounds: 64 event streams, four waiting ingests)
    expect(Object.keys(doc.paths['/api/events'].get.responses)).toEqual(['200', '503']);
    expect(doc.paths['/api/ingest'].post.responses).toHaveProperty(['503']);
    const limit = doc.paths['/api/search'].get.parameters.find((p: Json) => p.name === 'limit');
    expect(limit.schema.maximum).toBe(100);
  });

  it('exports the database as JSON', async () => {
    const { res, body } = await get('/api/export?format=json');
    expect(res.status).toBe(200);
    expect((body as Json).stories.length).toBeGreaterThan(0);
    expect((await get('/api/export?format=xml')).res.status).toBe(400);
  });

  it('protects ingest with the token and streams progress as server-sent events', async () => {
    const noToken = await get('/api/ingest', { method: 'POST', body: '{}' });
    expect(noToken.res.status).toBe(401);
    const wrong = await get('/api/ingest', { method: 'POST', body: '{}', headers: { Authorization: 'Bearer nope' } });
    expect(wrong.res.status).toBe(401);
    const auth = { Authorization: 'Bearer sekret-token', 'Content-Type': 'application/json' };
    const invalid = await get('/api/ingest', { method: 'POST', body: JSON.stringify({ documents: [{ title: 'no text' }] }), headers: auth });
    expect(invalid.res.status).toBe(400);
    expect((invalid.body as Json).error.message).toMatch(/text, html or url/);

    const events = await app.request('/api/events');
    expect(events.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = events.body!.getReader();
    const received: string[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        received.push(decoder.decode(value));
        if (received.join('').includes('event: ingest-finished')) break;
      }
    })();
    const doc = {
      id: 'posted-over-http',
      source: 'Test Desk',
      published: '2024-02-01',
      text: 'The harbour authority in Valletta announced on Thursday that the new ferry terminal will open in April.\n\n"It is ready," the harbour master Joseph Camilleri said.',
    };
    const posted = await get('/api/ingest', { method: 'POST', body: JSON.stringify({ documents: [doc] }), headers: auth });
    expect(posted.res.status).toBe(201);
    expect((posted.body as Json).stored).toBe(1);
    await Promise.race([reading, new Promise((r) => setTimeout(r, 5000))]);
    await reader.cancel();
    const stream = received.join('');
    expect(stream).toContain('event: hello');
    expect(stream).toContain('event: ingest-started');
    expect(stream).toContain('event: ingest-finished');
    const found = (await get('/api/search?q=Valletta')).body as Json;
    expect(found.total).toBe(1);
  });

  it('turns ingest off when no token is configured', async () => {
    const { app: closed, close: closeIt } = await createApp({ store });
    const res = await closed.request('/api/ingest', { method: 'POST', body: '{}', headers: { Authorization: 'Bearer x' } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as Json).error.message).toMatch(/--token/);
    closeIt();
  });

  it('renders every page on the server with security headers', async () => {
    for (const path of ['/', `/stories/${storyId}`, `/entities/${peskovId}`, '/entities', '/search?q=kremlin', `/articles/${hostileId}`]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const text = await res.text();
      expect(text).toMatch(/^<!doctype html>/);
      const { document } = parseHTML(text);
      for (const script of document.querySelectorAll('script')) {
        expect(script.getAttribute('src'), 'no inline script').toMatch(/^\/assets\//);
        expect(script.textContent).toBe('');
      }
      for (const el of document.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames()) expect(attr, `${path}: no inline event handler`).not.toMatch(/^on/i);
        for (const attr of ['href', 'src', 'action']) expect(el.getAttribute(attr) ?? '').not.toMatch(/^\s*javascript:/i);
      }
    }
    const story = await (await app.request(`/stories/${storyId}`)).text();
    expect(story).toContain('Dmitry Peskov');
    expect(story).toMatch(/class="badge c\d"/);
    const notFound = await app.request('/stories/does-not-exist');
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).toContain('no story with this address');
  });

  it('renders hostile article text as escaped, inert text', async () => {
    const page = await (await app.request(`/articles/${hostileId}`)).text();
    expect(page).toContain('&lt;script&gt;window.__storylinePwned');
    expect(page).toContain('&lt;img src=&quot;x&quot; onerror=');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<iframe');
    expect(page).not.toMatch(/href="javascript:/i);
    expect(page).toContain('Pipeline talks &lt;script&gt;');
    expect(page).not.toContain('<b onmouseover');
  });
});
