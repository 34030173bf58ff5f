// Review 8, the first hour and the fact-checker's views (F2, F5, F8): a listing never stops short
// silently, numeric options are checked, batch tools on a terminal say what they wait for, a
// mistyped command gets a short hint, and every statement in `story` and the Markdown export is
// cited by its article.
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { openStore } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { buildExport, renderExport } from '../../src/export.js';
import { hintWhenStdinIsTerminal } from '../../src/cli/batch.js';
import { pageNote, wholeNumber } from '../../src/cli/numbers.js';
import { CLI, ROOT, SEEDS_DIR, tempDir } from '../helpers/paths.js';
import { asQuotation } from '../../src/text/quotation.js';

const run = (args: string[], input = '') => {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, encoding: 'utf8', input, env: { ...process.env, STORYLINE_TOKEN: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

interface QuoteJson {
  id: number;
  articleId: string;
  date: string | null;
  published: string | null;
}

describe('CLI listings, options and citations (review 8)', () => {
  const db = join(tempDir(), 'seeds.db');
  let storyId: string;
  let articleIds: Set<string>;

  beforeAll(async () => {
    const store = openStore(db);
    const report = await ingestDocuments(store, readSources([join(SEEDS_DIR, 'seeds.jsonl')]));
    storyId = report.storyIds[0]!;
    articleIds = new Set(store.articleIds());
    store.close();
  });

  it('quotes --story says how many it shows of how many, on stderr, and pages with --offset (F2)', () => {
    const all = run(['quotes', '--story', storyId, '--db', db, '--json']);
    expect(all.status).toBe(0);
    const quotes = JSON.parse(all.stdout) as QuoteJson[];
    expect(quotes.length).toBeGreaterThan(4);
    expect(all.stderr).toBe(''); // everything shown: nothing to say

    const first = run(['quotes', '--story', storyId, '--db', db, '--json', '--limit', '2']);
    expect((JSON.parse(first.stdout) as QuoteJson[]).map((q) => q.id)).toEqual(quotes.slice(0, 2).map((q) => q.id));
    expect(first.stderr).toBe(`showing 1–2 of ${quotes.length} quotes, oldest first; --offset 2 for the next, or a larger --limit\n`);

    const second = run(['quotes', '--story', storyId, '--db', db, '--limit', '2', '--offset', '2']);
    expect(second.status).toBe(0);
    expect(second.stderr).toBe(`showing 3–4 of ${quotes.length} quotes, oldest first; --offset 4 for the next, or a larger --limit\n`);
    // the text listing cites each statement by outlet and article id, with the publication date when it differs
    const heads = second.stdout.split('\n').filter((l) => / — .+ \[[^\]]+\]$/.test(l));
    expect(heads).toHaveLength(2);
    for (const [i, line] of heads.entries()) {
      const q = quotes[2 + i]!;
      expect(line.endsWith(`[${q.articleId}]`)).toBe(true);
      if (q.date && q.published && q.date !== q.published) expect(line.startsWith(`${q.date} (published ${q.published})`)).toBe(true);
    }
  }, 60_000);

  it('refuses a numeric option that is not a whole number in range, naming the option (F2, F8)', () => {
    const cases: [string[], string][] = [
      [['quotes', '--db', db, '--story', 'x', '--limit', 'abc'], '--limit must be a whole number, 1 or more, not "abc"'],
      [['entities', '--db', db, '--offset', '-1'], '--offset must be a whole number, 0 or more, not "-1"'],
      [['tls', '--dates', 'x'], '--dates must be a whole number, 1 or more, not "x"'],
      [['tls', '--start', '2009-13-01'], '--start must be a day as YYYY-MM-DD, not "2009-13-01"'],
      [['serve', '--port', '70000'], '--port must be a whole number from 0 to 65535, not "70000"'],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toBe(`storyline: ${message}\n`);
      expect(r.stdout).toBe('');
    }
    expect(() => wholeNumber('--batch-size', { min: 1 })('1.5')).toThrow('--batch-size must be a whole number, 1 or more, not "1.5"');
    expect(wholeNumber('--limit', { min: 1 })('20')).toBe(20);
    expect(pageNote(20, 0, 20, 'stories')).toBeNull();
    expect(pageNote(20, 0, 1234, 'quotes')).toBe('showing 1–20 of 1,234 quotes; --offset 20 for the next, or a larger --limit');
  }, 60_000);

  it('a mistyped command gets its hint and a pointer to --help, not the whole help (F8)', () => {
    const r = run(['storis']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("error: unknown command 'storis'\n(Did you mean stories?)\n(storyline --help lists the commands)\n");
    const option = run(['quotes', '--limt', '3']);
    expect(option.stderr).toBe("error: unknown option '--limt'\n(Did you mean --limit?)\n(storyline quotes --help lists its options)\n");
  }, 30_000);

  it('a batch tool on a terminal says on stderr what it reads; piped, it says nothing (F8)', () => {
    const lines: string[] = [];
    const err = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    hintWhenStdinIsTerminal('timex', 'JSON Lines {id,dct,text}', '', { isTTY: true }, err);
    hintWhenStdinIsTerminal('timex', 'JSON Lines {id,dct,text}', '', { isTTY: false }, err);
    expect(lines).toEqual(['storyline timex: reading JSON Lines {id,dct,text} from stdin (Ctrl-D to end); pipe a file (storyline timex < FILE) or see storyline timex --help\n']);

    // a real terminal: a pseudo-terminal as stdin, then Ctrl-D
    const pty = [
      'import os, subprocess, sys, time',
      'm, s = os.openpty()',
      'p = subprocess.Popen(sys.argv[1:], stdin=s, stdout=subprocess.PIPE, stderr=subprocess.PIPE)',
      'os.close(s)',
      'time.sleep(4)',
      'os.write(m, b"\\x04")',
      'out, err = p.communicate(timeout=60)',
      'sys.stdout.write(repr((p.returncode, out.decode(), err.decode())))',
    ].join('\n');
    const r = spawnSync('python3', ['-c', pty, process.execPath, ...CLI, 'quotes'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('storyline quotes: reading JSON Lines {id,text} from stdin (Ctrl-D to end)');
    expect(r.stdout).toContain('for stored quotes use --speaker NAME or --story ID');
    expect(r.stdout).toMatch(/^\(0, '', /); // stdout of the tool: nothing

    const piped = run(['quotes'], '{"id":"a","text":"\\"We are ready,\\" the minister said."}\n');
    expect(piped.stderr).toBe('');
    expect(JSON.parse(piped.stdout).id).toBe('a');
  }, 60_000);

  it("README's example output is what `npm start` prints (F8)", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- example-output -->\n```\n([\s\S]*?)```\n<!-- \/example-output -->/.exec(readme)![1]!;
    const shown = block.split('\n').filter((l) => l.trim() !== '…');
    const r = run(['demo', '--no-serve', '--db', join(tempDir(), 'demo.db')]);
    expect(r.status).toBe(0);
    const printed = r.stdout.split('\n');
    // the README shows parts of the output ("…" marks a cut), each line as printed and in order
    let at = 0;
    for (const line of shown) {
      const found = printed.indexOf(line, at);
      expect(found, `README line not printed (in this order): ${JSON.stringify(line)}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  }, 60_000);

  it('story and the Markdown export cite every statement by its article; quotation marks only on verbatim words (F5)', () => {
    const shown = run(['story', storyId, '--db', db]);
    expect(shown.status).toBe(0);
    const section = (text: string, from: string, to: string) => text.slice(text.indexOf(from), text.indexOf(to, text.indexOf(from)));
    const cited = (line: string) => [...line.matchAll(/\(([^()\s]+?)(?: \[([^\]]+)\])?(?:, published \d{4}-\d{2}-\d{2})?\)$/g)].map((m) => m[2] ?? m[1]!);
    for (const part of [section(shown.stdout, 'How the claims evolved', '\nWho said what'), section(shown.stdout, 'Who said what', '\nSources')]) {
      const statements = part.split('\n').filter((l) => /^ {4}\d{4}/.test(l));
      expect(statements.length).toBeGreaterThan(2);
      for (const line of statements) {
        const [id] = cited(line);
        expect(articleIds.has(id!), line).toBe(true);
      }
    }

    const store = openStore(db);
    const doc = buildExport(store, { storyId });
    store.close();
    // json: additive keys to cite a quote and a claim statement
    expect(doc.quotes.every((q) => 'published' in q && 'outlet' in q)).toBe(true);
    expect(doc.quotes.some((q) => q.published !== null)).toBe(true);
    expect(doc.stories[0]!.claims.flatMap((c) => c.statements).every((st) => 'published' in st)).toBe(true);

    const md = renderExport(doc, 'md');
    const bullets = (from: string, to: string) => section(md, from, to).split('\n').filter((l) => l.startsWith('- '));
    const timeline = bullets('### Timeline', '\n### ');
    const claims = bullets('### How the claims evolved', '\n### ');
    const quotes = bullets('### Who said what', '\n### Sources\n');
    for (const line of [...timeline, ...claims, ...quotes]) {
      const ids = [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      expect(ids.length, line).toBeGreaterThan(0);
      for (const id of ids) expect(articleIds.has(id), line).toBe(true);
    }
    // a statement published later than it was made says both dates
    const late = doc.quotes.find((q) => q.speaker && q.date && q.published && q.date !== q.published)!;
    expect(quotes.some((l) => l.startsWith(`- ${late.date}:`) && l.includes(`\`${late.articleId}\``) && l.includes(`published ${late.published}`))).toBe(true);
    // quotation marks around direct quotes only
    for (const q of doc.quotes.filter((x) => x.speaker)) {
      const line = quotes.find((l) => l.includes(q.text));
      if (!line) continue;
      // (a report carrying its own quoted phrase is printed as it is: src/text/quotation.ts)
      if (q.direct) expect(line.includes(asQuotation(q.text)), line).toBe(true);
      else expect(line.includes(`“${q.text}”`), line).toBe(false);
    }
    const narrated = claims.filter((l) => !/: “/.test(l));
    expect(narrated.length).toBeGreaterThan(0);
  }, 60_000);
});
