// Words of time: regex sources for the recogniser and the lookups that turn words into numbers.

export const MONTH_SRC =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|' +
  'Jan\\.?|Feb\\.?|Mar(?:\\.|(?=\\s*\\d))|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept\\.?|Sep\\.?|Oct\\.?|Nov\\.?|Dec\\.?)(?![a-z])';

export const WEEKDAY_SRC =
  '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\\.|Tue\\.|Tues\\.|Wed\\.|Thu\\.|Thur\\.|Thurs\\.|Fri\\.|Sat\\.|Sun\\.)';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** Month number of a month word, or null; month names must be capitalised ("may" is a verb). */
export function monthNumber(word: string): number | null {
  const c = word.charCodeAt(0);
  if (!(c >= 65 && c <= 90)) return null;
  return MONTHS[word.slice(0, 3).toLowerCase()] ?? null;
}

const WEEKDAYS: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
export function weekdayNumber(word: string): number | null {
  return WEEKDAYS[word.slice(0, 3).toLowerCase()] ?? null;
}

const SMALL: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90, a: 1, an: 1, single: 1, dozen: 12, hundred: 100,
};

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15,
  sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20,
  'twenty-first': 21, 'twenty first': 21,
};

export const UNITS_WORDS = 'one|two|three|four|five|six|seven|eight|nine';
const TEENS = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';

/** A cardinal in words or digits, or a vague quantity ("several", "a few"). */
export const NUM_SRC =
  `(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+(?:\\.\\d+)?(?:\\s+1/2)?|(?:${TENS})(?:[- ](?:${UNITS_WORDS}))?|${TEENS}|(?:one|a) and a half|${UNITS_WORDS}|` +
  `(?:a|one|${UNITS_WORDS}) (?:hundred|thousand)|a dozen|a couple of|a couple|couple of|couple|a few|few|several|many|some|an|a)`;

export const ORDINAL_SRC =
  '(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|' +
  'fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ]first|\\d{1,2}(?:st|nd|rd|th))';

export const UNIT_SRC =
  '(?:seconds?|minutes?|mins|hours?|hrs|days?|weeks?|weekends?|fortnights?|months?|quarters?|years?|yrs|decades?|centuries|century)';

/** Number for a NUM_SRC match: a number, or 'X' for a vague quantity. */
export function parseNumber(s: string): number | 'X' {
  const t = s.toLowerCase().trim();
  if (/^\d{1,3}(?:,\d{3})+$/.test(t)) return +t.replace(/,/g, '');
  if (/^\d/.test(t)) {
    const half = t.endsWith('1/2') ? 0.5 : 0;
    return parseFloat(t) + half;
  }
  if (/and a half$/.test(t)) return (SMALL[t.split(' ')[0]!] ?? 1) + 0.5;
  if (/^(a |)couple/.test(t) || t === 'couple of') return 2;
  const big = /^(a|one|two|three|four|five|six|seven|eight|nine) (hundred|thousand)$/.exec(t);
  if (big) return (big[1] === 'a' ? 1 : SMALL[big[1]!]!) * (big[2] === 'hundred' ? 100 : 1000);
  if (t === 'a dozen') return 12;
  if (/^(a few|few|several|many|some)$/.test(t)) return 'X';
  const parts = t.split(/[- ]/);
  let n = 0;
  for (const p of parts) {
    const v = SMALL[p];
    if (v === undefined) return 'X';
    n += v;
  }
  return n;
}

export function parseOrdinal(s: string): number | null {
  const t = s.toLowerCase();
  const d = /^(\d+)/.exec(t);
  if (d) return +d[1]!;
  return ORDINALS[t] ?? null;
}

/** "nineteen ninety-four" → 1994; "two thousand (and) one" → 2001; null otherwise. */
export function parseSpokenYear(s: string): number | null {
  const t = s.toLowerCase().replace(/^the year\s+/, '');
  let m = /^(nineteen|eighteen|twenty)\s+(?:hundred(?:\s+and)?\s+)?(.+)$/.exec(t);
  if (m) {
    const hi = SMALL[m[1]!]!;
    const lo = parseNumber(m[2]!);
    if (lo === 'X' || lo >= 100) return null;
    return hi * 100 + lo;
  }
  m = /^two thousand(?:\s+(?:and\s+)?(.+))?$/.exec(t);
  if (m) {
    if (!m[1]) return 2000;
    const lo = parseNumber(m[1]);
    return lo === 'X' ? null : 2000 + lo;
  }
  return null;
}

export const SPOKEN_YEAR_SRC =
  `(?:(?:nineteen|eighteen)\\s+(?:(?:${TENS})(?:[- ](?:${UNITS_WORDS}))?|${TEENS}|hundred)|two thousand(?:\\s+and\\s+(?:${UNITS_WORDS}|${TEENS}))?)`;

export type UnitKey = 'S' | 'MIN' | 'H' | 'D' | 'W' | 'WE' | 'M' | 'Q' | 'Y' | 'DE' | 'CE';

export function unitKey(word: string): UnitKey {
  const w = word.toLowerCase();
  if (w.startsWith('sec')) return 'S';
  if (w.startsWith('min')) return 'MIN';
  if (w.startsWith('hour') || w === 'hrs') return 'H';
  if (w === 'yrs') return 'Y';
  if (w.startsWith('weekend')) return 'WE';
  if (w.startsWith('fortnight')) return 'W';
  if (w.startsWith('day')) return 'D';
  if (w.startsWith('week')) return 'W';
  if (w.startsWith('month')) return 'M';
  if (w.startsWith('quarter')) return 'Q';
  if (w.startsWith('decade')) return 'DE';
  if (w.startsWith('centur')) return 'CE';
  return 'Y';
}

/** ISO-8601 duration for n units (n may be 'X'). */
export function durationValue(n: number | 'X', unit: UnitKey, fortnight = false): string {
  if (n === 'X') {
    switch (unit) {
      case 'S': return 'PTXS';
      case 'MIN': return 'PTXM';
      case 'H': return 'PTXH';
      case 'Q': return 'PXM';
      case 'DE': return 'PXDE';
      case 'CE': return 'PXC'; // TimeBank's unit letter for centuries
      default: return `PX${unit}`;
    }
  }
  if (fortnight) n *= 2;
  const whole = Number.isInteger(n);
  switch (unit) {
    case 'S': return `PT${n}S`;
    case 'MIN': return whole ? `PT${n}M` : `PT${Math.floor(n)}M30S`;
    case 'H': return whole ? `PT${n}H` : `PT${Math.round(n * 60)}M`;
    case 'D': return whole ? `P${n}D` : `PT${Math.round(n * 24)}H`;
    case 'W': return whole ? `P${n}W` : `P${Math.round(n * 7)}D`;
    case 'WE': return `P${n * 2}D`;
    case 'M': return whole ? `P${n}M` : `P${Math.round(n * 30)}D`;
    case 'Q': return `P${Math.round(n * 3)}M`;
    case 'Y':
      if (whole && n >= 1000 && n % 1000 === 0) return `P${n / 1000}L`; // millennia, as TimeBank writes them
      return whole ? `P${n}Y` : `P${Math.floor(n)}Y${Math.round((n % 1) * 12)}M`;
    case 'DE': return `P${Math.round(n * 10)}Y`;
    case 'CE': return `P${Math.round(n * 100)}Y`;
  }
}

/** TIMEX3 mod for a quantifier word in front of an expression. */
export function modOf(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  if (/^(about|around|approximately|roughly|some|or so|nearly|almost|close to|an estimated)$/.test(w))
    return /^(nearly|almost|close to)$/.test(w) ? 'APPROX' : 'APPROX';
  if (/^(more than|over|upwards of|longer than)$/.test(w)) return 'MORE_THAN';
  if (/^(less than|under|fewer than|shorter than)$/.test(w)) return 'LESS_THAN';
  if (/^(at least|no less than|a minimum of)$/.test(w)) return 'EQUAL_OR_MORE';
  if (/^(at most|up to|no more than|a maximum of)$/.test(w)) return 'EQUAL_OR_LESS';
  if (/^(early|the beginning of|the start of|earlier|beginning|early in|earlier in)$/.test(w)) return 'START';
  if (/^(mid|the middle of|middle)$/.test(w)) return 'MID';
  if (/^(late|the end of|end|later|the close of|late in|later in)$/.test(w)) return 'END';
  return undefined;
}

export const QUANT_SRC =
  '(?:about|around|approximately|roughly|nearly|almost|close to|more than|over|upwards of|less than|under|fewer than|at least|no less than|at most|up to|no more than|some|just over|just under|only)';
