import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatherEvidence, inferPublicationDate, inferPublicationDates } from '../../src/language/published.js';

const dir = new URL('../../examples/seeds/', import.meta.url);
const seeds = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ id: f.slice(0, 20), text: readFileSync(new URL(f, dir), 'utf8') }));
// The truth is used only to check the output, never as an input.
const truth = new Map(readFileSync(new URL('seeds.jsonl', dir), 'utf8').trim().split('\n').map((l) => {
  const d = JSON.parse(l) as { id: string; published: string };
  return [d.id, d.published.slice(0, 10)] as const;
}));
const dayDiff = (a: string, b: string): number => Math.abs(Date.parse(a) - Date.parse(b)) / 86400000;

describe('inferPublicationDate on the seeds as plain text', () => {
  it('seed 003: the scrape header is ignored and the date is within a day of the truth', () => {
    const p = inferPublicationDate(seeds[3]!.text);
    expect(p.from).toBe('inferred');
    expect(p.date).not.toBeNull();
    expect(p.date!.startsWith('2024')).toBe(false);
    expect(dayDiff(p.date!, truth.get(seeds[3]!.id)!)).toBeLessThanOrEqual(1);
    expect(p.range!.from <= truth.get(seeds[3]!.id)! && truth.get(seeds[3]!.id)! <= p.range!.to).toBe(true);
  });

  it('never a confident wrong date: every seed is right, in its range, or unknown', () => {
    for (const s of seeds) {
      const p = inferPublicationDate(s.text);
      const t = truth.get(s.id)!;
      if (p.date && p.confidence >= 0.5) expect(dayDiff(p.date, t)).toBeLessThanOrEqual(1);
      if (p.range) expect(p.range.from <= t && t <= p.range.to).toBe(true);
      if (p.yearUnknown) expect(p.date).toBeNull();
    }
  });

  it('texts with month and day but no year say so', () => {
    const p = inferPublicationDate(seeds[2]!.text); // "February 12", "April 20", no year
    expect(p.yearUnknown).toBe(true);
    expect(p.monthDayRange?.from).toBe('04-22');
  });

  it('an announced day with no past event bounds the date from above only (the text may be of the year before)', () => {
    const p = inferPublicationDate('Officials said the treaty will be signed on January 20. Critics said it was rushed.');
    expect(p.yearUnknown).toBe(true);
    expect(p.monthDayRange).toEqual({ from: null, to: '01-19' });
    // a past event and an announced day: the window runs over the new year, up to the day before
    const seed4 = inferPublicationDate(seeds[4]!.text); // "December 17" (past), "January 10" (future)
    expect(seed4.monthDayRange).toEqual({ from: '12-17', to: '01-09' });
  });

  it('text cues and datelines give origin "text"; "©" lines and top date lines never do', () => {
    expect(inferPublicationDate('By Jane Smith | April 16, 2021\n\nThe Kremlin said on Friday it welcomed talks.').date).toBe('2021-04-16');
    expect(inferPublicationDate('Published: 3 March 2022\nTalks resumed.').from).toBe('text');
    const header = inferPublicationDate('Friday, 29th March 2024\nTo example.com\nSearch\n\nThe ministry said talks would resume.\n© 2024 Example Media');
    expect(header.date).toBeNull();
    const caption = inferPublicationDate('File pictures created on March 17, 2021 show the two leaders.');
    expect(caption.from === 'text').toBe(false);
  });
});

describe('inferPublicationDates across the corpus', () => {
  it('dates seed 004 by the call another seed places late in 2021, with an honest range', () => {
    const all = inferPublicationDates(seeds.map((s) => ({ id: s.id, text: s.text })));
    const p = all.get(seeds[4]!.id)!;
    const t = truth.get(seeds[4]!.id)!;
    expect(p.yearUnknown).toBe(false);
    expect(p.range!.from <= t && t <= p.range!.to).toBe(true);
    for (const s of seeds) {
      const q = all.get(s.id)!;
      const tt = truth.get(s.id)!;
      if (q.range) expect(q.range.from <= tt && tt <= q.range.to).toBe(true);
      if (q.date && q.confidence >= 0.5) expect(dayDiff(q.date, tt)).toBeLessThanOrEqual(1);
    }
  });
});

describe('inferPublicationDates with dated articles around an undated one', () => {
  // seeds.jsonl is the same five articles as a feed with publication dates: here four of them keep
  // theirs and one arrives as plain text.
  const feed = new Map(readFileSync(new URL('seeds.jsonl', dir), 'utf8').trim().split('\n').map((l) => {
    const d = JSON.parse(l) as { id: string; published: string };
    return [d.id, d.published.slice(0, 10)] as const;
  }));
  it('seed 004 alone undated gets a range that holds its date; no seed gets a wrong year', () => {
    for (const s of seeds) {
      const all = inferPublicationDates(seeds.map((x) => ({ id: x.id, text: x.text, published: x.id === s.id ? null : feed.get(x.id)! })));
      const p = all.get(s.id)!;
      const t = truth.get(s.id)!;
      if (p.range) expect(p.range.from <= t && t <= p.range.to).toBe(true);
      if (p.notBefore) expect(p.notBefore <= t).toBe(true);
      if (s.id.startsWith('004')) expect(p.range).not.toBeNull();
    }
  });

  const polnear = new Map(readFileSync(new URL('../../../shared/data/polnear/train.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => {
    const d = JSON.parse(l) as { id: string; text: string; date: string };
    return [d.id, d] as const;
  }));
  it('a day named the same way in dated articles lends its year ("Dec. 2" → the San Bernardino shooting of 2015)', () => {
    const undated = polnear.get('wash-post_2015-12-20_democratic-candidates-pivot-shar')!;
    expect(inferPublicationDate(undated.text).yearUnknown).toBe(true);
    const context = ['huff-post_2015-12-02_democrats-call-for-action-while-', 'nyt_2015-12-14_visa-screening-missed-attacker-s']
      .map((id) => polnear.get(id)!)
      .map((d) => ({ id: d.id, text: d.text, published: d.date.slice(0, 10) }));
    const p = inferPublicationDates([{ id: undated.id, text: undated.text }], { context }).get(undated.id)!;
    expect(p.yearUnknown).toBe(false);
    expect(p.notBefore).toBe('2015-12-02');
    expect(p.notBefore! <= undated.date.slice(0, 10)).toBe(true);
    expect(p.evidence?.join(' ')).toMatch(/year from related article/);
  });

  it('a day that only labels or anticipates an event bounds nothing', () => {
    const bound = (s: string): string | null => {
      const lower = gatherEvidence(s).evidence.mdLower;
      return lower.length ? `${String(lower[0]!.m).padStart(2, '0')}-${String(lower[0]!.d).padStart(2, '0')}` : null;
    };
    expect(bound('Clinton avoided all mention of Bernie Sanders, even as both campaigned in California ahead of the state’s June 7 primary.')).toBeNull();
    expect(bound('Then comes the delegate-packed April 19 New York primary, where Sanders and his aides believed he could win.')).toBeNull();
    expect(bound('"I\'ll be voting on March 1," Welch said, according to Vermont Edition.')).toBeNull();
    expect(bound('Clinton proposed they debate on ABC\'s "Good Morning America" on April 15, but Sanders rejected that, too.')).toBeNull();
    expect(bound('He voluntarily went to police headquarters and signed paperwork ordering him to appear in court May 4.')).toBeNull();
    expect(bound('The Democratic convention on Labor Day drew crowds.')).toBeNull();
    // a day reported as past still is one
    expect(bound('Biden and Putin held a video call on December 7 about the troops on the border.')).toBe('12-07');
    expect(bound('She resigned from Breitbart on March 14 after the news organization raised questions.')).toBe('03-14');
  });
});

describe('inferPublicationDate on PolNeAR news texts (dated by the corpus, used only to check)', () => {
  it('gives no confident wrong date, no range that misses the truth, and rarely a wrong lower bound', () => {
    const lines = readFileSync(new URL('../../../shared/data/polnear/dev.jsonl', import.meta.url), 'utf8').trim().split('\n');
    let bounded = 0, wrongBound = 0;
    for (const line of lines) {
      const d = JSON.parse(line) as { text: string; date: string };
      const truth = String(d.date).slice(0, 10);
      const p = inferPublicationDate(d.text);
      if (p.date && p.confidence >= 0.5) expect(dayDiff(p.date, truth)).toBeLessThanOrEqual(1);
      if (p.range) expect(p.range.from <= truth && truth <= p.range.to).toBe(true);
      if (p.notBefore) {
        bounded++;
        if (p.notBefore > truth) wrongBound++;
      }
    }
    expect(bounded).toBeGreaterThan(20);
    expect(wrongBound / bounded).toBeLessThan(0.05);
  });
});
