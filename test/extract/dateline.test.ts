// Datelines, bylines and date stamps that open a scraped article's first paragraph are cut off (the
// first sentence, a timeline entry or a quote must not begin "GENEVA | Tue Jun 30 , 2009 1:58 pm EDT
// GENEVA ( Reuters ) -"), a headline printed before them is the title, and a full date dates the
// article (review 4, item 7).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { splitDateline } from '../../src/extract/dateline.js';
import { t17Articles } from '../helpers/paths.js';

const t17 = t17Articles;
const seed = (name: string) => readFileSync(new URL(`../../examples/seeds/${name}`, import.meta.url), 'utf8');

/** What a dateline left at the start of a paragraph looks like. */
const DATELINE_LEFT = /^(?:[A-Z][A-Z .,'\\/]+(?:, [A-Z][a-z.]+)* \| |.{0,60}\( ?(?:Reuters|AP) ?\) ?-|[A-Z][a-z]+ [A-Z][a-z]+ \| \d|By [A-Z][^|]{0,60}\| )/;

describe('splitDateline', () => {
  it('reads times with am/pm glued to them and a time zone it does not list, and names the place', () => {
    expect(splitDateline('Published November 9, 2023 3:02am EST Updated November 9, 2023 3:18am EST Nikki Haley gave as good')).toMatchObject({
      prefix: 'Published November 9, 2023 3:02am EST Updated November 9, 2023 3:18am EST',
      date: '2023-11-09',
    });
    expect(splitDateline('November 20, 2019 - 11:28 AMT PanARMENIAN.Net - Verified video')?.body).toBe('PanARMENIAN.Net - Verified video');
    expect(splitDateline('ATLANTA Oct 21 ( Reuters Legal ) - U.S. environmental groups filed a suit')).toMatchObject({ place: 'ATLANTA', body: 'U.S. environmental groups filed a suit' });
    expect(splitDateline('WASHINGTON, May 3 (Reuters) - The Senate voted')).toMatchObject({ place: 'WASHINGTON', body: 'The Senate voted' });
    expect(splitDateline('By Michael D. Shear and Robert Barnes NEW YORK -- The financial crisis')?.body).toBe('The financial crisis');
  });

  it('never takes a shouted first word for a time zone (review 7, R6)', () => {
    expect(splitDateline('Tue Jun 30, 2009 1:58 pm EDT AT LEAST 11 workers died on the rig.')?.body).toBe('AT LEAST 11 workers died on the rig.');
    expect(splitDateline('Monday, May 3, 2010 IT WAS the worst spill in history, officials said.')?.body).toBe('IT WAS the worst spill in history, officials said.');
    expect(splitDateline('NEW YORK | Tue Jun 30, 2009 1:58 pm EDT OUT of work and out of luck, he said.')?.body).toBe('OUT of work and out of luck, he said.');
  });

  it('takes the wire forms apart: place and stamp, agency dateline, byline, blog stamp, dash dateline', () => {
    expect(splitDateline('GENEVA | Tue Jun 30 , 2009 1:58 pm EDT GENEVA ( Reuters ) - The first H1N1 vaccines are ready .')).toEqual({
      headline: null,
      lead: null,
      prefix: 'GENEVA | Tue Jun 30 , 2009 1:58 pm EDT GENEVA ( Reuters ) -',
      body: 'The first H1N1 vaccines are ready .',
      date: '2009-06-30',
      place: 'GENEVA',
    });
    expect(splitDateline('By Maggie Fox , Health and Science Editor WASHINGTON | Mon Mar 2 , 2009 4:23 pm EST WASHINGTON ( Reuters ) - Virtually all cases')?.body).toBe('Virtually all cases');
    expect(splitDateline('Susan Watts | 18:00 UK time , Saturday , 25 April 2009 Experts are clearly extremely concerned')).toMatchObject({ body: 'Experts are clearly extremely concerned', date: '2009-04-25' });
    expect(splitDateline('REYKJAVIK , Iceland , Oct. 9 -- The bad news just keeps coming')?.body).toBe('The bad news just keeps coming');
    expect(splitDateline('Tuesday , September 16 , 2008 ; 4:30 PM Just a day after filing for bankruptcy')).toMatchObject({ body: 'Just a day after filing for bankruptcy', date: '2008-09-16' });
    expect(splitDateline('2009 06 24 07:14 JST CHICAGO ( Reuters ) - The U.S. government is investing')?.body).toBe('The U.S. government is investing');
    expect(splitDateline("By Lisa Rein and Ed O'Keefe BP has reimbursed the federal government")?.body).toBe('BP has reimbursed the federal government');
    expect(splitDateline('By Mary Ann Smith The agency said on Monday')?.body).toBe('The agency said on Monday');
    // a day the month does not have is cut as a stamp but dates nothing (code review, session 6)
    expect(splitDateline('GENEVA | Tue Feb 31 , 2009 1:58 pm EDT GENEVA ( Reuters ) - The vaccines are ready .')).toMatchObject({ body: 'The vaccines are ready .', date: null });
  });

  it('returns a headline printed before the dateline apart, and drops a toolbar or credit', () => {
    expect(splitDateline('India confirms first case of H1N1 flu NEW DELHI | Sat May 16 , 2009 11:38 am EDT NEW DELHI ( Reuters ) - India confirmed')).toMatchObject({
      headline: 'India confirms first case of H1N1 flu',
      body: 'India confirmed',
    });
    expect(splitDateline('” This Story : Read + | Watch + | Talk + | REYKJAVIK , Iceland , Oct. 9 -- The bad news')).toMatchObject({ headline: null, body: 'The bad news' });
  });

  it('leaves sentences alone, even ones naming a place in capitals or starting with a date', () => {
    for (const s of [
      'The WHO said on Monday that GENEVA was ready .',
      'June 23 was the hottest day of the year , officials said .',
      'In 2009 , the H1N1 virus spread to 74 countries .',
      'Russia will fully maintain relations with the United States .',
      'By Tuesday Mr Obama had decided to go .',
      'By the end of the year , Obama said , the troops will be home .',
    ])
      expect(splitDateline(s), s).toBeNull();
  });
});

describe('datelines in Timeline17 texts', () => {
  it('no first paragraph of a Reuters, Fox News or Washington Post text still opens with a dateline', () => {
    let left = 0;
    let total = 0;
    for (const folder of ['H1N1_reuters', 'bpoil_reuters', 'bpoil_foxnews', 'bpoil_washingtonpost', 'H1N1_bbc']) {
      for (const r of t17(folder)) {
        const first = extract({ text: r.text! }).text.split('\n\n').slice(0, 2);
        total++;
        if (first.some((p) => DATELINE_LEFT.test(p))) left++;
      }
    }
    expect(total).toBeGreaterThan(1000);
    expect(left).toBeLessThanOrEqual(5);
  });

  it('dates an article by its dateline as its metadata does', () => {
    let dated = 0;
    let agree = 0;
    for (const r of t17('H1N1_reuters')) {
      const a = extract({ text: r.text! });
      if (!a.published) continue;
      dated++;
      if (a.published === r.published) agree++;
      expect(a.publishedFrom).toBe('text');
    }
    expect(dated).toBeGreaterThan(100);
    expect(agree / dated).toBeGreaterThanOrEqual(0.9);
  });

  it('leaves the seeds as they were: no dateline cut, no date read', () => {
    for (const name of ['000_579504aca85b9f81.txt', '001_aa04ac5f397be0f2.txt', '002_af815def54e2eb59.txt', '003_70335ce47c40be49.txt', '004_0c206504672e1e96.txt']) {
      const a = extract({ text: seed(name) });
      expect(a.published, name).toBeNull();
      expect(a.removed.filter((r) => r.reason === 'byline and dateline'), name).toEqual([]);
    }
  });
});
