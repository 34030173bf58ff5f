// One run-on "sentence" holding thousands of dates (a list, a scraped page with no stops; review 11
// code F-1): the tense of each expression was looked for across the whole sentence, so the work grew
// with the square of its length — 92 KB of "… by the weekend and …" took 28 s of CPU.
import { describe, expect, it } from 'vitest';
import { findTimexes } from '../../src/language/timex/index.js';

const cpuMs = (f: () => unknown): number => {
  const t0 = process.cpuUsage();
  f();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000;
};

describe('tense in a run-on sentence', () => {
  it('reads thousands of dates in one sentence in time linear in them', () => {
    const units = [
      'the number of swine flu cases in the region soared to 498 by the weekend and ',
      "BP's board was to meet on Monday and ",
      'the form of government under which we still live today, more than 200 years later and ',
      'By 11.30 pm that night after 3.30 pm on Sunday and ',
    ];
    for (const unit of units) {
      const text = 'On Monday ' + unit.repeat(1500) + 'it ended.';
      let found = 0;
      const ms = cpuMs(() => (found = findTimexes(text, { dct: '2010-06-10' }).length));
      expect(found).toBeGreaterThan(1500);
      // 10–21 s of CPU before (the whole sentence read for each expression); 0.3–0.7 s now
      expect(ms).toBeLessThan(4000);
    }
  }, 60_000);

  it('still dates an expression by the verb of its clause inside a long sentence', () => {
    const clause = 'the number of swine flu cases in Mexico soared to 498 by the weekend';
    const alone = findTimexes(`${clause}.`, { dct: '2009-05-04' }).map((t) => t.value);
    const padding = 'officials in the capital and in the provinces reported new cases, '.repeat(60);
    const long = findTimexes(`${padding}${clause}, ${padding}and schools stayed closed.`, { dct: '2009-05-04' }).map((t) => t.value);
    expect(alone).toEqual(['2009-W18-WE']);
    expect(long).toEqual(alone);
  });
});
