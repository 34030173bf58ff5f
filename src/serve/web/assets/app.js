// Storyline client enhancements. Every page works without this script; it adds interactive
// coverage charts (uPlot: hover for values, drag to zoom, double-click to reset) and live
// updates while an ingest runs (server-sent events from /api/events).
(function () {
  'use strict';

  function cssVar(name, fallback) {
    var v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return v || fallback;
  }

  function enhanceCharts() {
    if (typeof window.uPlot !== 'function') return;
    var figures = document.querySelectorAll('figure[data-chart]');
    Array.prototype.forEach.call(figures, function (figure) {
      var data;
      try {
        data = JSON.parse(figure.getAttribute('data-chart'));
      } catch (e) {
        return;
      }
      if (!data || !data.x || data.x.length < 2) return;
      var holder = document.createElement('div');
      holder.className = 'chart-live';
      holder.setAttribute('aria-hidden', 'true');
      figure.insertBefore(holder, figure.firstChild);
      var accent = cssVar('--accent', '#1f4fd1');
      var muted = cssVar('--muted', '#666');
      var grid = cssVar('--border', '#ddd');
      var unit = data.unit || 'day';
      var width = function () { return Math.max(200, figure.clientWidth - 28); };
      var fmt = function (ts) {
        var d = new Date(ts * 1000);
        var opts = unit === 'month' ? { year: 'numeric', month: 'short', timeZone: 'UTC' } : { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
        return d.toLocaleDateString(undefined, opts) + (unit === 'week' ? ' (week)' : '');
      };
      var axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
      var plot = new window.uPlot(
        {
          width: width(),
          height: 140,
          tzDate: function (ts) { return window.uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
          cursor: { drag: { x: true, y: false } },
          legend: { show: true, live: true },
          scales: { y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
          axes: [axis, Object.assign({}, axis, { size: 36, values: function (u, vals) { return vals.map(function (v) { return Number.isInteger(v) ? v : ''; }); } })],
          series: [
            { label: unit === 'month' ? 'Month' : unit === 'week' ? 'Week of' : 'Day', value: function (u, v) { return v == null ? '–' : fmt(v); } },
            { label: 'Articles', stroke: accent, fill: accent + '55', width: 1, paths: window.uPlot.paths.bars({ size: [0.8, 40] }), points: { show: false } },
          ],
        },
        [data.x, data.y],
        holder,
      );
      figure.classList.add('enhanced');
      var caption = figure.querySelector('figcaption');
      if (caption && !caption.dataset.hint) {
        caption.dataset.hint = '1';
        // a pointer-only hint: not read out (the caption's words describe the chart)
        var hint = document.createElement('span');
        hint.setAttribute('aria-hidden', 'true');
        hint.textContent = ' · drag to zoom, double-click to reset';
        caption.appendChild(hint);
      }
      var resize = function () { plot.setSize({ width: width(), height: 140 }); };
      window.addEventListener('resize', resize);
    });
  }

  var live = document.getElementById('live');

  function show(message, withReload) {
    if (!live) return;
    live.textContent = '';
    var span = document.createElement('span');
    span.textContent = message;
    live.appendChild(span);
    if (withReload) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Show the latest';
      button.addEventListener('click', function () { window.location.reload(); });
      live.appendChild(button);
    }
    live.hidden = false;
  }

  var refreshing = false;
  function refreshRegion() {
    var region = document.querySelector('[data-live-region]');
    if (!region || refreshing) return false;
    refreshing = true;
    fetch(window.location.href, { headers: { Accept: 'text/html' }, cache: 'no-store' })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(new Error(String(r.status))); })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, 'text/html');
        var fresh = doc.querySelector('[data-live-region]');
        if (fresh) region.replaceChildren.apply(region, Array.prototype.map.call(fresh.childNodes, function (n) { return document.importNode(n, true); }));
        show('Stories updated with new articles.', false);
      })
      .catch(function () { show('New articles arrived.', true); })
      .then(function () { refreshing = false; });
    return true;
  }

  function listen() {
    if (typeof window.EventSource !== 'function' || !live) return;
    var source = new EventSource('/api/events');
    var mode = document.body.getAttribute('data-live');
    var changed = function () {
      if (mode === 'refresh' && refreshRegion()) return;
      show('New articles arrived while you were reading.', true);
    };
    source.addEventListener('ingest-started', function (e) {
      var d = JSON.parse(e.data);
      show('Ingesting ' + d.documents + ' document' + (d.documents === 1 ? '' : 's') + '…', false);
    });
    source.addEventListener('ingest-progress', function (e) {
      var d = JSON.parse(e.data);
      show('Ingesting: ' + d.done + ' of ' + d.total + '…', false);
    });
    source.addEventListener('ingest-finished', changed);
    source.addEventListener('changed', changed);
    // A server that keeps as many streams as it will answers 503: the browser gives up on it; try again later.
    source.addEventListener('error', function () {
      if (source.readyState === 2) setTimeout(listen, 60000 + Math.floor(Math.random() * 30000));
    });
    window.addEventListener('pagehide', function () { source.close(); });
  }

  function start() {
    enhanceCharts();
    listen();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
