// Coverage-over-time charts rendered on the server as SVG (readable without scripts); the client
// script upgrades charts marked `data-chart` to interactive uPlot charts (hover, drag to zoom).
import { html, type Html } from './html.js';
import type { DayCount } from '../store/sqlite/views.js';
import { formatDate } from './format.js';

export interface Bucket {
  /** First day of the bucket. */
  date: string;
  count: number;
}

const DAY = 86_400_000;

/** Buckets daily counts by day, week or month so a chart has at most ~maxBars bars. */
export function bucketCoverage(days: DayCount[], maxBars = 60): { unit: 'day' | 'week' | 'month'; buckets: Bucket[] } {
  const valid = days.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.date));
  if (!valid.length) return { unit: 'day', buckets: [] };
  const first = Date.parse(valid[0]!.date);
  const last = Date.parse(valid[valid.length - 1]!.date);
  const span = Math.round((last - first) / DAY) + 1;
  const unit = span <= maxBars ? 'day' : span <= maxBars * 7 ? 'week' : 'month';
  const keyOf = (iso: string): string => {
    if (unit === 'day') return iso;
    if (unit === 'month') return iso.slice(0, 7) + '-01';
    const t = Date.parse(iso);
    const dow = (new Date(t).getUTCDay() + 6) % 7;
    return new Date(t - dow * DAY).toISOString().slice(0, 10);
  };
  const counts = new Map<string, number>();
  for (const d of valid) counts.set(keyOf(d.date), (counts.get(keyOf(d.date)) ?? 0) + d.count);
  // Fill gaps so the time axis is honest.
  const buckets: Bucket[] = [];
  let cursor = keyOf(valid[0]!.date);
  const end = keyOf(valid[valid.length - 1]!.date);
  for (let guard = 0; cursor <= end && guard < 5000; guard++) {
    buckets.push({ date: cursor, count: counts.get(cursor) ?? 0 });
    const t = Date.parse(cursor);
    if (unit === 'day') cursor = new Date(t + DAY).toISOString().slice(0, 10);
    else if (unit === 'week') cursor = new Date(t + 7 * DAY).toISOString().slice(0, 10);
    else {
      const d = new Date(t);
      cursor = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
    }
  }
  return { unit, buckets };
}

/** A bar chart of articles over time. `size` small = sparkline for cards. */
export function coverageChart(days: DayCount[], options: { size: 'small' | 'large'; label: string }): Html {
  const { unit, buckets } = bucketCoverage(days, options.size === 'small' ? 40 : 90);
  if (!buckets.length) return html`<p class="muted chart-empty">No dated articles yet.</p>`;
  const width = options.size === 'small' ? 160 : 720;
  const height = options.size === 'small' ? 32 : 140;
  const pad = options.size === 'small' ? 1 : 4;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const barW = (width - pad * 2) / buckets.length;
  const total = buckets.reduce((s, b) => s + b.count, 0);
  const busiest = formatDate(
    buckets.reduce((a, b) => (b.count > a.count ? b : a)).date,
    unit === 'month' ? 'month' : 'day',
  );
  const desc = `${options.label}: ${total} articles from ${formatDate(buckets[0]!.date)} to ${formatDate(buckets[buckets.length - 1]!.date)}, per ${unit}; busiest ${unit} ${busiest}.`;
  const bars = buckets.map((b, i) => {
    const h = b.count === 0 ? 0 : Math.max(2, ((height - pad * 2) * b.count) / max);
    return html`<rect x="${(pad + i * barW + barW * 0.12).toFixed(1)}" y="${(height - pad - h).toFixed(1)}" width="${Math.max(1, barW * 0.76).toFixed(1)}" height="${h.toFixed(1)}"><title>${formatDate(b.date)}: ${b.count}</title></rect>`;
  });
  const data = JSON.stringify({ unit, x: buckets.map((b) => Date.parse(b.date) / 1000), y: buckets.map((b) => b.count) });
  return html`<figure class="chart chart-${options.size}"${options.size === 'large' ? html` data-chart="${data}"` : ''}>
${options.size === 'large'
  ? // The caption says what the chart shows, in words: the drawn bars (and the interactive chart
    // that replaces them) are hidden from screen readers, which read the caption.
    html`<svg viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" aria-hidden="true" class="bars">${bars}</svg>
<figcaption class="muted">Articles per ${unit}, ${formatDate(buckets[0]!.date)} – ${formatDate(buckets[buckets.length - 1]!.date)}<span class="chart-summary">: ${total} in all, the most ${unit === 'day' ? 'on' : `in the ${unit} of`} ${busiest}.</span></figcaption>`
  : html`<svg viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img" aria-label="${desc}" class="bars">${bars}</svg>`}
</figure>`;
}
