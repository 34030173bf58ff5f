// Renders an article's clean text as HTML paragraphs with its annotations as properly nested
// elements: quotes outermost, then entity links, then time expressions. Overlaps within one kind
// are resolved by keeping the longer span; crossings between kinds are split, never mis-nested.
// All text is escaped.
import { escapeHtml, Html } from './html.js';
import type { EntityAnnotation, QuoteAnnotation, TimexAnnotation } from './model.js';

interface Layered {
  rank: number;
  start: number;
  end: number;
  open: (first: boolean) => string;
  close: string;
}

const ISO = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const TYPE_LABEL: Record<string, string> = { person: 'Person', organization: 'Organisation', place: 'Place', other: 'Entity' };

function dropOverlaps<T extends { start: number; end: number }>(spans: T[], length: number): T[] {
  const valid = spans
    .map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: T[] = [];
  for (const s of valid) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  return kept.sort((a, b) => a.start - b.start);
}

export function renderAnnotatedText(
  text: string,
  annotations: { entities: EntityAnnotation[]; quotes: QuoteAnnotation[]; timexes: TimexAnnotation[] },
): Html {
  const layers: Layered[] = [];
  for (const q of dropOverlaps(annotations.quotes, text.length)) {
    const who = q.speaker ? `${q.kind === 'belief' ? 'Belief of' : q.direct ? 'Quote by' : 'Reported speech of'} ${q.speaker}` : 'Unattributed quote';
    layers.push({
      rank: 0,
      start: q.start,
      end: q.end,
      open: (first) => `<span class="quote${q.direct ? ' quote-direct' : ''}"${first ? ` id="q-${q.id}"` : ''} title="${escapeHtml(who)}">`,
      close: '</span>',
    });
  }
  for (const e of dropOverlaps(annotations.entities, text.length)) {
    const label = `${TYPE_LABEL[e.type] ?? 'Entity'}: ${e.name}${e.role ? ` (${e.role})` : ''}`;
    layers.push({
      rank: 1,
      start: e.start,
      end: e.end,
      open: () => `<a class="ent ent-${escapeHtml(e.type)}" href="/entities/${encodeURIComponent(e.entityId)}" title="${escapeHtml(label)}">`,
      close: '</a>',
    });
  }
  for (const t of dropOverlaps(annotations.timexes, text.length)) {
    const title = `${t.type} ${t.value}${t.mod ? ' ' + t.mod : ''}`;
    const isDate = ISO.test(t.value);
    layers.push({
      rank: 2,
      start: t.start,
      end: t.end,
      open: () => (isDate ? `<time class="tx" datetime="${escapeHtml(t.value)}" title="${escapeHtml(title)}">` : `<span class="tx" title="${escapeHtml(title)}">`),
      close: isDate ? '</time>' : '</span>',
    });
  }

  const paragraphs: [number, number][] = [];
  const breaks = /\n[ \t]*\n\s*/g;
  let last = 0;
  for (const m of text.matchAll(breaks)) {
    paragraphs.push([last, m.index]);
    last = m.index + m[0].length;
  }
  paragraphs.push([last, text.length]);

  const opened = new Set<Layered>();
  let out = '';
  for (const [pStart, pEnd] of paragraphs) {
    if (pEnd <= pStart) continue;
    const inside = layers.filter((l) => l.start < pEnd && l.end > pStart);
    const points = new Set<number>([pStart, pEnd]);
    for (const l of inside) {
      points.add(Math.max(pStart, l.start));
      points.add(Math.min(pEnd, l.end));
    }
    const sorted = [...points].sort((a, b) => a - b);
    out += '<p>';
    let stack: Layered[] = [];
    for (let i = 0; i + 1 < sorted.length; i++) {
      const a = sorted[i]!;
      const b = sorted[i + 1]!;
      const active = inside.filter((l) => l.start <= a && l.end >= b).sort((x, y) => x.rank - y.rank || x.start - y.start);
      let common = 0;
      while (common < stack.length && common < active.length && stack[common] === active[common]) common++;
      for (let j = stack.length - 1; j >= common; j--) out += stack[j]!.close;
      for (let j = common; j < active.length; j++) {
        const l = active[j]!;
        out += l.open(!opened.has(l));
        opened.add(l);
      }
      stack = active;
      out += escapeHtml(text.slice(a, b)).replace(/\n/g, '<br>');
    }
    for (let j = stack.length - 1; j >= 0; j--) out += stack[j]!.close;
    out += '</p>\n';
  }
  return new Html(out);
}
