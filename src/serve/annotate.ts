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

/**
 * The spans kept when overlaps are resolved longest first (then leftmost), in text order. The spans
 * kept never overlap, so a candidate overlaps one of them exactly when a kept span starts inside
 * it or the last kept span starting before it runs into it: counted in a Fenwick tree over the
 * candidates' starts, not by comparing every candidate with every span kept.
 */
function dropOverlaps<T extends { start: number; end: number }>(spans: T[], length: number): T[] {
  const valid = spans
    .map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const starts = [...new Set(valid.map((s) => s.start))].sort((a, b) => a - b);
  const tree = new Int32Array(starts.length + 1);
  const endAt = new Map<number, number>();
  const firstFrom = (x: number) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** How many kept spans start at starts[0 .. i). */
  const keptBefore = (i: number) => {
    let n = 0;
    for (; i > 0; i -= i & -i) n += tree[i]!;
    return n;
  };
  /** The index in starts of the n-th kept start (1-based). */
  const nthKept = (n: number) => {
    let at = 0;
    for (let step = 1 << Math.floor(Math.log2(starts.length || 1)); step > 0; step >>= 1) {
      if (at + step <= starts.length && tree[at + step]! < n) {
        at += step;
        n -= tree[at]!;
      }
    }
    return at;
  };
  const kept: T[] = [];
  for (const s of valid) {
    const from = firstFrom(s.start);
    const before = keptBefore(from);
    if (keptBefore(firstFrom(s.end)) > before) continue;
    if (before > 0 && endAt.get(starts[nthKept(before)]!)! > s.start) continue;
    kept.push(s);
    endAt.set(s.start, s.end);
    for (let i = from + 1; i <= starts.length; i += i & -i) tree[i]!++;
  }
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

  // The layers of one rank never overlap, so each rank's list is in text order by start and by end,
  // and at most one layer of each rank covers a piece of text: paragraphs and the pieces between
  // annotation edges are walked with one cursor per rank, not by filtering every layer for each.
  const ranks: Layered[][] = [[], [], []];
  for (const l of layers) ranks[l.rank]!.push(l);
  const firstOf = ranks.map(() => 0);
  const opened = new Set<Layered>();
  let out = '';
  for (const [pStart, pEnd] of paragraphs) {
    if (pEnd <= pStart) continue;
    const points = new Set<number>([pStart, pEnd]);
    for (const [r, list] of ranks.entries()) {
      while (firstOf[r]! < list.length && list[firstOf[r]!]!.end <= pStart) firstOf[r]!++;
      for (let k = firstOf[r]!; k < list.length && list[k]!.start < pEnd; k++) {
        points.add(Math.max(pStart, list[k]!.start));
        points.add(Math.min(pEnd, list[k]!.end));
      }
    }
    const sorted = [...points].sort((a, b) => a - b);
    const cursor = [...firstOf];
    out += '<p>';
    let stack: Layered[] = [];
    for (let i = 0; i + 1 < sorted.length; i++) {
      const a = sorted[i]!;
      const b = sorted[i + 1]!;
      const active: Layered[] = [];
      for (const [r, list] of ranks.entries()) {
        while (cursor[r]! < list.length && list[cursor[r]!]!.end <= a) cursor[r]!++;
        const l = list[cursor[r]!];
        if (l && l.start <= a && l.end >= b) active.push(l);
      }
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
