// Pages of the htmldate benchmark set (`../shared/data/htmldate/input.jsonl.gz`), by number ("0430").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SHARED_DATA } from './paths.js';

let pages: Map<string, string> | null = null;

/** The HTML of page `htmldate-<n>`. */
export function htmldatePage(n: string): string {
  pages ??= new Map(
    gunzipSync(readFileSync(join(SHARED_DATA, 'htmldate/input.jsonl.gz')))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; html: string })
      .map((p) => [p.id, p.html]),
  );
  const html = pages.get(`htmldate-${n}`);
  if (html === undefined) throw new Error(`no page htmldate-${n} in the htmldate set`);
  return html;
}
