import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { normalizeLineForRepetition } from '../../src/extract/blocks.js';

const seed = (name: string) => readFileSync(new URL(`../../examples/seeds/${name}`, import.meta.url), 'utf8');
const SEEDS = ['000_579504aca85b9f81.txt', '001_aa04ac5f397be0f2.txt', '002_af815def54e2eb59.txt', '003_70335ce47c40be49.txt', '004_0c206504672e1e96.txt'];
const results = Object.fromEntries(SEEDS.map((s) => [s.slice(0, 3), extract({ text: seed(s) })]));

describe('scraped text → article, on the seeds', () => {
  it('removes every cruft line', () => {
    const all = Object.values(results).map((r) => r.text).join('\n');
    for (const cruft of [
      'Also Read |',
      'Be the first to comment',
      'Leave a Reply',
      'Your email address will not be published',
      'Read on RBC Pro',
      'Authors Tags Subscribe',
      'About Author',
      'Comments are closed',
      '0 Comments',
      'Friday, 29th March 2024',
      'To guardian.ng',
      '(COMBO) This combination of file pictures',
      '(Photos by Eric BARADAT',
      '.jpg”',
      'alt=”',
      '/>',
    ]) {
      expect(all, cruft).not.toContain(cruft);
    }
    expect(results['003']!.text.split('\n\n')).not.toContain('Search');
  });

  it('keeps every article sentence, including the one before HTML debris', () => {
    const expectations: Record<string, string[]> = {
      '000': [
        'Kremlin spokesperson Dmitry Peskov said in his regular conference call',
        'Biden and Putin have not spoken to each other since the invasion began.',
        'Moscow maintains that its goals remain unchanged and it finds the talks with Ukraine aren’t making expected progress.',
      ],
      '001': ['US Department of State Spokesman Ned Price said at his daily press briefing on Tuesday.', 'the so-called treaties that the Russian Federation published.'],
      '002': [
        'The last time Putin and Biden spoke was two weeks before the outbreak of hostilities in Ukraine',
        'Relations between the two countries are now at a “low point”, he pointed out.',
        'John Sullivan left Moscow on April 22nd.',
      ],
      '003': ['“The addiction for sanctions remains unacceptable,” Peskov said Friday.', 'not looking to kick off a cycle of escalation and conflict'],
      '004': ['Unprecedented sanctions', 'Biden vowed not to deploy weapons in Ukraine', 'gave a exhaustive answer the possibility of further sanctions against Russia.'],
    };
    for (const [id, sentences] of Object.entries(expectations)) {
      for (const s of sentences) expect(results[id]!.text, `${id}: ${s}`).toContain(s);
    }
    // Nothing but cruft was dropped: every removed block has a reason, and no prose paragraph of the
    // article is among them except the duplicated lede.
    const removedProse = results['003']!.removed.filter((r) => r.reason === 'duplicate paragraph');
    expect(removedProse).toHaveLength(1);
  });

  it('collapses the lede printed twice and finds headline titles, not menu or date lines', () => {
    const lede = 'The Kremlin on Friday said it was';
    expect(results['003']!.text.split(lede).length - 1).toBe(1);
    expect(results['003']!.title).toBe('Kremlin says ‘good’ that Biden, like Putin, wants dialogue');
    expect(results['001']!.title).toBe('The US Open for New Contacts Between Biden and Putin');
    expect(results['004']!.title).toBe('Russia will fully maintain relations with the United States');
    expect(results['000']!.title).toBe('');
    expect(results['003']!.text.startsWith(lede)).toBe(true);
  });

  it('explains every removal in words', () => {
    const reasons = new Set(Object.values(results).flatMap((r) => r.removed.map((x) => x.reason)));
    for (const r of ['related-link line', 'comment section', 'comment form', 'photo caption', 'HTML debris', 'duplicate paragraph', 'dateline']) {
      expect(reasons.has(r), r).toBe(true);
    }
  });
});

describe('the classifier is general', () => {
  it('handles furniture the seeds do not contain', () => {
    const r = extract({
      text: [
        'Home',
        'Menu',
        'Tuesday, 4 June 2019 | 10:32 GMT',
        'Floods force thousands from homes in northern Italy',
        'By Maria Rossi',
        'Heavy rain swelled rivers across the Po valley on Monday, and officials said more than 4,000 people had been moved to shelters.',
        'Rescue teams worked through the night, the regional civil protection agency said in a statement.',
        'RELATED: Storm warnings issued for the Alps',
        'Residents of Parma shovelled mud from their shops as the water receded on Tuesday morning.',
        'Rescuers search a flooded street in Parma on Monday. (Photo by Luca Bruno / AP)',
        'Sign up for our daily newsletter',
        'Share this article',
        '12 Comments',
      ].join('\n'),
    });
    expect(r.title).toBe('Floods force thousands from homes in northern Italy');
    expect(r.text.split('\n\n')).toEqual([
      'Heavy rain swelled rivers across the Po valley on Monday, and officials said more than 4,000 people had been moved to shelters.',
      'Rescue teams worked through the night, the regional civil protection agency said in a statement.',
      'Residents of Parma shovelled mud from their shops as the water receded on Tuesday morning.',
    ]);
  });

  it('removes lines repeated across other articles of the source, keeps the rest', () => {
    const footer = 'Our journalism depends on readers like you';
    const repeatedLines = new Map([[normalizeLineForRepetition(footer), 12]]);
    const text = 'Prices rose by 3 percent in May, the statistics office said on Friday, the fastest pace this year.\n' + footer;
    const r = extract({ text }, { repeatedLines });
    expect(r.text).toBe('Prices rose by 3 percent in May, the statistics office said on Friday, the fastest pace this year.');
    expect(r.removed[0]!.reason).toMatch(/repeated in 12 other articles/);
  });

  it('normalises lines for repetition counting', () => {
    expect(normalizeLineForRepetition('  “Subscribe” to The Daily — 2024 edition! ')).toBe(normalizeLineForRepetition('"subscribe" to the daily 1999 EDITION'));
  });
});

describe('control characters', () => {
  it('never reach the article: an escape sequence in a scraped seed is dropped, the text kept', () => {
    const hostile = seed('002_af815def54e2eb59.txt').replace('virtually absent', 'virtually\u001b]0;pwned\u0007 absent').replace(/\n/, '\u001b[2J\n');
    const r = extract({ text: hostile, title: 'Evil \u001b[31mred\u001b[0m title' });
    expect(r.text + r.title).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    expect(r.text).toContain('are virtually]0;pwned absent');
    expect(r.title).toBe('Evil [31mred[0m title');
    const html = extract({ html: '<html><head><title>Bell\u0007 title</title></head><body><article><h1>Bell\u0007 title</h1><p>' + 'The minister said the plan would work. '.repeat(20) + '\u001b[2J</p></article></body></html>' });
    expect(html.text + html.title).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
  });
});
