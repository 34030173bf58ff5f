// Terminal output helpers: plain tables, truncation, progress (a bar on a terminal, log lines otherwise).
import cliProgress from 'cli-progress';
import { withoutControlChars } from '../text/control.js';

/** The text without terminal control characters (ESC, BEL, C1 controls…): article text is hostile. */
export function printable(s: string): string {
  return withoutControlChars(s);
}

export function truncate(s: string, width: number): string {
  const flat = printable(s).replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : flat.slice(0, Math.max(0, width - 1)) + '…';
}

// A figure in running text: not a year, not a day of a month, not part of a name ("H1N1").
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const FIGURE = new RegExp(`(?<![\\p{L}\\p{N}.,/-])(?<!${MONTH}[a-z]*\\.?\\s)(?!(?:1[89]|20)\\d\\d(?!\\d))\\d[\\d,]*(?:\\.\\d+)?(?![\\p{L}\\p{N}])(?!\\s+${MONTH})`, 'u');

/**
 * Like `truncate`, but a statement of a figure shows its first figure: when it lies past the width,
 * the text is cut before it too ("… has already killed up to 103 people in Mexico , infected…").
 */
export function truncateToFigure(s: string, width: number): string {
  const flat = printable(s).replace(/\s+/g, ' ').trim();
  const m = FIGURE.exec(flat);
  if (!m || m.index + m[0].length <= width - 1) return truncate(flat, width);
  // start a third of the width before the figure, at a word
  let start = Math.max(0, m.index - Math.floor(width / 3));
  const space = flat.indexOf(' ', start);
  if (space >= 0 && space < m.index) start = space + 1;
  return truncate(`…${flat.slice(start)}`, width);
}

/** A left-aligned text table with a header row. */
export function table(header: string[], rows: string[][]): string {
  rows = rows.map((r) => r.map(printable));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function wrap(text: string, width = 96, indent = ''): string {
  const words = printable(text).replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

export interface Progress {
  tick(label: string, counts: { stored: number; duplicates: number; failed: number }): void;
  stop(): void;
}

/** A progress display: a bar with items/s and ETA on a terminal; a log line every N items otherwise. */
export function createProgress(options: { total?: number; quiet?: boolean; unit?: string }): Progress {
  const unit = options.unit ?? 'items';
  if (options.quiet) return { tick() {}, stop() {} };
  const started = Date.now();
  let done = 0;
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: options.total
          ? ` {bar} {percentage}% | {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted} | stored {stored} dup {duplicates} failed {failed}`
          : ` {value} ${unit} | {rate}/s | stored {stored} dup {duplicates} failed {failed}`,
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(options.total ?? 0, 0, { rate: '0', stored: 0, duplicates: 0, failed: 0 });
    return {
      tick(_label, counts) {
        done++;
        if (!options.total || done > options.total) bar.setTotal(done); // a total counted beforehand is an estimate
        const rate = (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1);
        bar.update(done, { rate, ...counts });
      },
      stop: () => bar.stop(),
    };
  }
  // the first line after two seconds: a short ingest prints only its summary
  let lastLog = started;
  return {
    tick(label, counts) {
      done++;
      const now = Date.now();
      if (now - lastLog > 2000 || (options.total && done === options.total)) {
        lastLog = now;
        const rate = (done / Math.max(0.001, (now - started) / 1000)).toFixed(1);
        process.stderr.write(
          `${done}${options.total ? `/${options.total}` : ''} ${unit} (${rate}/s) stored ${counts.stored} duplicates ${counts.duplicates} failed ${counts.failed} — ${label}\n`,
        );
      }
    },
    stop() {},
  };
}
