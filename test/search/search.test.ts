// Search highlights are computed in TypeScript from the stored text: they must be exactly what
// SQLite's FTS5 would return. Checked against FTS5 itself on the seed articles and Timeline17 articles.
import { describe, expect, it, beforeAll } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SEEDS_DIR, SHARED_DATA, hasSharedData } from '../helpers/paths.js';
import { TokenizedText, tokenize, stem } from '../../src/search/tokens.js';
import { highlightAll, matchPhrases, parseQuery, snippet, type Highlighted } from '../../src/search/highlight.js';
import { toMatchExpression } from '../../src/search/index.js';

const MULTILINGUAL =
  'Café naïve résumé in Zürich, São Paulo and Ærø; ŁÓDŹ Straße İstanbul. Привет, мир: Москва заявила. 北京 2022年 “quoted” don’t U.S.-led e-mail 3.5% ' +
  'caresses ponies ties feed agreed plastered bled motoring hopping tanned falling hissing filing happy sky relational conditional ' +
  'digitizer vietnamization operator feudalism decisiveness hopefulness formaliti sensitiviti triplicate electrical adjustable ' +
  'replacement adjustment dependent adoption homologous communism effective bowdlerize probate controll roll generalizations';

function corpus(): { title: string; text: string }[] {
  const docs = readFileSync(join(SEEDS_DIR, 'seeds.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const text = (JSON.parse(l) as { text: string }).text;
      return { title: text.split('\n')[0]!, text };
    });
  docs.push({ title: 'Multilingual sample', text: MULTILINGUAL });
  const t17 = join(SHARED_DATA, 't17');
  if (hasSharedData && existsSync(t17)) {
    for (const folder of readdirSync(t17).sort()) {
      const file = join(t17, folder, 'articles.jsonl');
      if (!existsSync(file)) continue;
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      for (let i = 0; i < lines.length && i < 200; i += 20) {
        const text = (JSON.parse(lines[i]!) as { text: string }).text;
        docs.push({ title: text.slice(0, 120), text });
      }
    }
  }
  return docs;
}

describe('search highlights match FTS5', () => {
  let db: Database.Database;
  let docs: { title: string; text: string }[];

  beforeAll(() => {
    docs = corpus();
    db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='porter unicode61 remove_diacritics 2');
             CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
    const insert = db.prepare('INSERT INTO t (rowid, title, text) VALUES (?, ?, ?)');
    docs.forEach((d, i) => insert.run(i + 1, d.title, d.text));
  });

  it('tokenizes and stems every word as the index does (unicode61, diacritics folded, porter)', () => {
    expect(docs.length).toBeGreaterThan(6);
    const rows = db.prepare("SELECT doc, offset, term FROM v WHERE col = 'text' ORDER BY doc, offset").raw().all() as [number, number, string][];
    const indexed = new Map<number, string[]>();
    for (const [doc, offset, term] of rows) (indexed.get(doc) ?? indexed.set(doc, []).get(doc)!)[offset] = term;
    let tokens = 0;
    docs.forEach((d, i) => {
      const mine = tokenize(d.text).map((t) => t.term);
      expect(mine, `document ${i}`).toEqual(indexed.get(i + 1) ?? []);
      tokens += mine.length;
    });
    expect(tokens).toBeGreaterThan(1000);
    // Matching skips tokens by their first letters without stemming them: never one that could match.
    const skipped: string[] = [];
    for (const d of docs) {
      const t = new TokenizedText(d.text);
      for (let i = 0; i < t.length; i++) {
        const term = t.term(i);
        for (let k = 1; k <= term.length; k++) if (!t.mayStartLike(i, term.slice(0, k))) skipped.push(`${d.text.slice(t.starts[i], t.ends[i])} → ${term}`);
      }
    }
    expect(skipped).toEqual([]);
    expect(stem('generalizations')).toBe('gener');
    expect(stem('ponies')).toBe('poni');
  });

  it('highlights titles and picks the same snippet window as highlight() and snippet()', () => {
    const queries = ['Putin', 'Biden Putin', '"Dmitry Peskov"', 'sanction*', 'contacts -Ukraine', 'U.S. officials', 'flu vaccine', 'oil spill', '"oil spill" BP', 'Zürich', 'москва', 'said'];
    const fts = db.prepare(
      "SELECT rowid, highlight(t, 0, char(2), char(3)) AS title, snippet(t, 1, char(2), char(3), '…', 28) AS snip FROM t WHERE t MATCH ? ORDER BY rowid",
    );
    let compared = 0;
    for (const q of queries) {
      const match = toMatchExpression(q)!;
      const phrases = matchPhrases(parseQuery(q));
      for (const row of fts.all(match) as { rowid: number; title: string; snip: string }[]) {
        const doc = docs[row.rowid - 1]!;
        expect(highlightAll(doc.title, phrases), `${q}: title of ${row.rowid}`).toEqual(unmark(row.title));
        expect(snippet(doc.text, phrases), `${q}: snippet of ${row.rowid}`).toEqual(unmark(row.snip));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('reads queries as before: words ANDed, phrases, prefixes, exclusions, no FTS5 syntax', () => {
    expect(toMatchExpression('peskov contacts')).toBe('"peskov" AND "contacts"');
    expect(toMatchExpression('"Dmitry Peskov" sanction* -Ukraine')).toBe('"Dmitry Peskov" AND "sanction"* NOT "Ukraine"');
    expect(toMatchExpression('U.S. AND NEAR(a b')).toBe('"U S" AND "AND" AND "NEAR" AND "a" AND "b"');
    expect(toMatchExpression('-only -negatives')).toBeNull();
    // Typographic quotation marks, as word processors, phones and other languages type them, make phrases too.
    for (const typed of ['“Dmitry Peskov” sanction*', '„Dmitry Peskov“ sanction*', '«Dmitry Peskov» sanction*', '« Dmitry Peskov » sanction*', '»Dmitry Peskov« sanction*', '「Dmitry Peskov」 sanction*'])
      expect(toMatchExpression(typed), typed).toBe('"Dmitry Peskov" AND "sanction"*');
    expect(toMatchExpression('Peskov -“all contacts”')).toBe('"Peskov" NOT "all contacts"');
    expect(toMatchExpression('Peskov’s “no contact')).toBe('"Peskov s" AND "no" AND "contact"');
    expect(matchPhrases(parseQuery('"Dmitry Peskov" -Ukraine Putin*'))).toEqual([
      { terms: ['dmitri', 'peskov'], prefix: false },
      { terms: ['putin'], prefix: true },
    ]);
  });
});

function unmark(marked: string): Highlighted {
  let text = '';
  const highlights: [number, number][] = [];
  let open = -1;
  for (const ch of marked) {
    if (ch === '\u0002') open = text.length;
    else if (ch === '\u0003') {
      highlights.push([open, text.length]);
      open = -1;
    } else text += ch;
  }
  return { text, highlights };
}
