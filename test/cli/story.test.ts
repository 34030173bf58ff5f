// `storyline story ID` as a reader sees it, on the seeds: "Who said what" groups a speaker's
// statements under one entity and shows the latest of them, pointing to the command listing all.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { groupSources, readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { truncate, truncateToFigure } from '../../src/cli/output.js';
import { CLI, ROOT, SEEDS_DIR, tempDir } from '../helpers/paths.js';

describe('storyline story: who said what', () => {
  it('lists each speaker once with their latest statements, the last ones of the story included (review 4 item 3)', async () => {
    const db = join(tempDir(), 'story.db');
    const store = openStore(db);
    const report = await ingestDocuments(store, readSources([join(SEEDS_DIR, 'seeds.jsonl')]));
    store.close();
    expect(report.storyIds).toHaveLength(1);
    const r = spawnSync(process.execPath, [...CLI, 'story', report.storyIds[0]!, '--db', db], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const who = r.stdout.slice(r.stdout.indexOf('Who said what'), r.stdout.indexOf('\nSources'));
    const speakers = who.split('\n').filter((l) => /^ {2}\S/.test(l));
    // Peskov is quoted under his full name only, however the articles name him
    expect(speakers.filter((l) => /Peskov/.test(l))).toHaveLength(1);
    const peskov = who.slice(who.indexOf('  Dmitry Peskov'));
    expect(peskov).toMatch(/^ {2}Dmitry Peskov {2}\(latest 6 of \d+ statements · all quotes: storyline quotes --story s\w+ --speaker "Dmitry Peskov"\)/);
    // the June 2022 statement, the story's last, is there
    expect(peskov.split('\n').slice(1, 7).join('\n')).toContain('2022-06-02  “all contacts are virtually absent”');
    // each timeline entry names its sources first report first, with the day of the first report
    const reader = openStore(db);
    const published = new Map(reader.articleIds().map((id) => reader.getArticle(id)!).map((a) => [a.source ?? `“${truncate(a.title, 32)}”`, a.published?.slice(0, 10) ?? '9999']));
    reader.close();
    const reports = r.stdout.split('\n').filter((l) => l.includes('↳ '));
    expect(reports.length).toBeGreaterThan(0);
    for (const line of reports) {
      const body = line.split('↳ ')[1]!;
      // one report: cited by source and article id (review 8 F5)
      const single = /^(.+) \[([^\]]+)\](?:, published (\S+))?$/.exec(body);
      if (single && !body.includes('  (first ')) {
        expect(published.get(single[1]!), line).toBeTruthy();
        continue;
      }
      const [list, first] = body.split('  (first ');
      const days = list!.split(/(?<=”), (?=“)/).map((s) => published.get(s.trim()));
      expect(days.every(Boolean), line).toBe(true);
      expect(days).toEqual([...days].sort());
      // the first report: its day and its article id
      expect(first, line).toMatch(new RegExp(`^${days[0]} \\[[^\\]]+\\]\\)$`));
    }
  }, 60_000);
});

describe('storyline story: sources of bare .txt seeds', () => {
  it('list an undated article with the bounds its text gives, not as "undated" (review 8 F6)', async () => {
    const db = join(tempDir(), 'story-txt.db');
    const store = openStore(db);
    const files = ['000_579504aca85b9f81', '001_aa04ac5f397be0f2', '002_af815def54e2eb59', '003_70335ce47c40be49', '004_0c206504672e1e96'].map((f) => join(SEEDS_DIR, `${f}.txt`));
    // grouped into batches as `storyline ingest` does: one story
    const report = await ingestDocuments(store, groupSources(readSources(files), 100));
    store.close();
    expect(report.storyIds).toHaveLength(1);
    const r = spawnSync(process.execPath, [...CLI, 'story', report.storyIds[0]!, '--db', db], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const sources = r.stdout.slice(r.stdout.indexOf('\nSources'));
    expect(sources).toContain('2021-12-17…2022-01-09');
    expect(sources).toContain('≥ 2021-09-01');
    expect(sources).not.toContain('undated');
  }, 60_000);
});

describe('storyline story: a measured quantity\'s rows show their figure (review 11)', () => {
  it('cuts a long statement before its first figure, not a year, a date or a name', () => {
    // T17 H1N1 Reuters 1003 and BBC 133: the death toll far into the sentence
    const reuters = 'The virus , which carries swine , avian and human DNA and the designation H1N1 , has already killed up to 103 people in Mexico , infected 20 in the United States and six in Canada .';
    expect(truncate(reuters, 80)).not.toMatch(/103/);
    const shown = truncateToFigure(reuters, 80);
    expect(shown).toMatch(/^….*killed up to 103 people in Mexico/);
    expect(shown.length).toBeLessThanOrEqual(80);
    const bbc = 'Swine flu is a respiratory disease thought to spread through coughing and sneezing Symptoms mimic those of normal flu - but in Mexico more than 100 people have died';
    expect(truncateToFigure(bbc, 80)).toMatch(/more than 100 people have died/);
    // a figure within the width: as truncate; a year or a date is no figure
    expect(truncateToFigure('WHO said about 60 people in Mexico have died from the disease .', 80)).toBe('WHO said about 60 people in Mexico have died from the disease .');
    const dated = 'On April 27 , 2009 , health officials in the country that first reported the new strain said that 149 people were suspected to have died .';
    expect(truncateToFigure(dated, 60)).toMatch(/149 people/);
  });
});
