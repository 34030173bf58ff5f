import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findTimexes } from '../../src/language/timex/index.js';

const seed = (name: string): string => readFileSync(new URL(`../../examples/seeds/${name}`, import.meta.url), 'utf8');

/** The timex whose text is `span` (first match), as [type, value, mod]. */
function tx(text: string, dct: string | null, span: string): [string, string, string | undefined] | null {
  const t = findTimexes(text, { dct }).find((x) => x.text === span);
  return t ? [t.type, t.value, t.mod] : null;
}

describe('findTimexes on the seeds', () => {
  it('"late in 2021" is the end of 2021', () => {
    const text = seed('001_aa04ac5f397be0f2.txt');
    expect(tx(text, '2022-02-01', 'late in 2021')).toEqual(['DATE', '2021', 'END']);
  });

  it('"On December 7" resolves to the December before a New Year article (span excludes "On")', () => {
    const text = seed('004_0c206504672e1e96.txt');
    expect(tx(text, '2021-12-31', 'December 7')).toEqual(['DATE', '2021-12-07', undefined]);
    // announced meetings lie ahead, in the next year
    expect(tx(text, '2021-12-31', 'January 10')).toEqual(['DATE', '2022-01-10', undefined]);
  });

  it('times with their zones: "4:25 p.m. Washington time (12:25 a.m. Moscow time)"', () => {
    const text = seed('004_0c206504672e1e96.txt');
    expect(tx(text, '2021-12-30', '4:25 p.m. Washington time')).toEqual(['TIME', '2021-12-30T16:25', undefined]);
    expect(tx(text, '2021-12-30', '12:25 a.m. Moscow time')).toEqual(['TIME', '2021-12-30T00:25', undefined]);
    expect(tx(text, '2021-12-30', '50 minutes')).toEqual(['DURATION', 'PT50M', undefined]);
    expect(tx(text, '2021-12-30', 'two hours')).toEqual(['DURATION', 'PT2H', undefined]);
    expect(tx(text, '2021-12-30', 'the weekend')?.[1]).toMatch(/^2021-W5\d-WE$/);
  });

  it('"on February 12— two weeks before" gives the date and the duration', () => {
    const text = seed('002_af815def54e2eb59.txt');
    expect(tx(text, '2022-06-02', 'February 12')).toEqual(['DATE', '2022-02-12', undefined]);
    expect(tx(text, '2022-06-02', 'two weeks')).toEqual(['DURATION', 'P2W', undefined]);
  });

  it('a past-tense weekday is the one before the document date', () => {
    const text = seed('003_70335ce47c40be49.txt');
    // 16 April 2021 was a Friday: "on Tuesday suggested" → 13 April, "on Thursday said" → 15 April
    expect(tx(text, '2021-04-16', 'Tuesday')).toEqual(['DATE', '2021-04-13', undefined]);
    expect(tx(text, '2021-04-16', 'Thursday')).toEqual(['DATE', '2021-04-15', undefined]);
    expect(tx(text, '2021-04-16', 'April 15, 2021')).toEqual(['DATE', '2021-04-15', undefined]);
  });

  it('"Last month" and "on Tuesday" against the document date', () => {
    const text = 'Last month, the ministry said talks would resume. The president spoke on Tuesday.';
    expect(tx(text, '2022-03-16', 'Last month')).toEqual(['DATE', '2022-02', undefined]);
    expect(tx(text, '2022-03-16', 'Tuesday')).toEqual(['DATE', '2022-03-15', undefined]);
  });
});

describe('a publication date known only as a range', () => {
  const text = seed('004_0c206504672e1e96.txt');
  const inRange = findTimexes(text, { dct: null, dctRange: { from: '2021-12-17', to: '2022-01-09' } });
  const value = (span: string): string | undefined => inRange.find((t) => t.text === span)?.value;

  it('dates what every day of the range dates alike', () => {
    expect(value('December 7')).toBe('2021-12-07');
    expect(value('December 24')).toBe('2021-12-24');
    expect(value('January 10')).toBe('2022-01-10');
  });

  it('leaves what depends on the exact day as without a date', () => {
    expect(value('the weekend')).toBe('XXXX-WXX');
    expect(value('4:25 p.m. Washington time')).toBe('XXXX-XX-XXT16:25');
  });

  it('finds the same expressions as with a known date', () => {
    const known = findTimexes(text, { dct: '2021-12-30' });
    expect(inRange.map((t) => t.text)).toEqual(known.map((t) => t.text));
  });

  it('a range too wide to place a month-day leaves it yearless', () => {
    const wide = findTimexes(text, { dct: null, dctRange: { from: '2021-03-01', to: '2022-06-01' } });
    expect(wide.find((t) => t.text === 'December 7')?.value).toBe('XXXX-12-07');
  });
});

describe('expression classes on real sentences', () => {
  const dct = '1989-10-30';
  it('days, months, years, weeks, quarters, halves, seasons, decades, centuries', () => {
    expect(tx('The rights expire Nov. 21, the company said.', dct, 'Nov. 21')?.[1]).toBe('1989-11-21');
    expect(tx('It acquired the line for $22 million in August 1988.', dct, 'August 1988')?.[1]).toBe('1988-08');
    expect(tx('In fiscal 1988, the company earned $17.3 million.', dct, 'fiscal 1988')?.[1]).toBe('1988');
    expect(tx('Merieux officials said last week that they are confident.', dct, 'last week')?.[1]).toBe('1989-W43');
    expect(tx('Net income rose 10% in the third quarter.', dct, 'the third quarter')?.[1]).toBe('1989-Q3');
    expect(tx('Profit fell in the first half of 1990.', dct, 'the first half of 1990')?.[1]).toBe('1990-H1');
    expect(tx('Sales were strong last fall.', '1999-04-10', 'last fall')?.[1]).toBe('1998-FA');
    expect(tx('Prices soared in the late 1970s.', dct, 'the late 1970s')).toEqual(['DATE', '197', 'END']);
    expect(tx('It was the worst crash of the 20th century.', dct, 'the 20th century')?.[1]).toBe('19');
    expect(tx('The trade gap narrowed in mid-1996.', dct, 'mid-1996')).toEqual(['DATE', '1996', 'MID']);
    expect(tx('The plan was announced earlier this month.', dct, 'earlier this month')).toEqual(['DATE', '1989-10', 'START']);
  });

  it('present, past and future references', () => {
    expect(tx('The company now holds 15% of the shares.', dct, 'now')?.[1]).toBe('PRESENT_REF');
    expect(tx('The firm recently cut its dividend.', dct, 'recently')?.[1]).toBe('PAST_REF');
    expect(tx('Rates will rise in the future.', dct, 'the future')?.[1]).toBe('FUTURE_REF');
  });

  it('durations with quantifiers and sets', () => {
    expect(tx('The talks lasted more than four hours.', dct, 'more than four hours')).toEqual(['DURATION', 'PT4H', 'MORE_THAN']);
    expect(tx('Stocks have plunged in the past three months.', dct, 'the past three months')?.[1]).toBe('P3M');
    expect(tx('He led the company for a decade.', dct, 'a decade')?.[1]).toBe('P10Y');
    expect(tx('They lived in the camps for 2 1/2 years.', dct, '2 1/2 years')?.[1]).toBe('P2Y6M');
    expect(tx('The committee meets every week.', dct, 'every week')).toEqual(['SET', 'P1W', undefined]);
    expect(tx('The third flight departs each Thursday from August 6.', dct, 'each Thursday')?.[1]).toBe('XXXX-WXX-4');
  });

  it('offsets from the document date and from the text\'s own dates', () => {
    expect(tx('The index fell, five years ago.', dct, 'five years ago')?.[1]).toBe('1984');
    const text = 'The ceasefire was signed on March 3, 1991. The day before, troops had withdrawn. A day later, talks began.';
    expect(tx(text, dct, 'The day before')).toEqual(['DATE', '1991-03-02', undefined]);
    // "a day later" is the interval, as TE3 marks it (TimeBank 3 of 3)
    expect(tx(text, dct, 'A day')).toEqual(['DURATION', 'P1D', undefined]);
  });

  it('tense decides the year of a bare month', () => {
    expect(tx('The shuttle will fly a mission in December.', '1998-03-04', 'December')?.[1]).toBe('1998-12');
    expect(tx('The helicopters crashed in July.', '1998-03-04', 'July')?.[1]).toBe('1997-07');
  });

  it('times of day with their day, and parts of days', () => {
    expect(tx('The vote is set for 10 p.m. Wednesday.', '1998-02-13', '10 p.m. Wednesday')?.[1]).toBe('1998-02-11T22:00');
    expect(tx('The offer expired at noon Thursday.', '1998-02-13', 'noon Thursday')?.[1]).toBe('1998-02-12T12:00');
    expect(tx('Officials met this morning.', '1998-02-06', 'this morning')).toEqual(['TIME', '1998-02-06TMO', undefined]);
    expect(tx('The attack began Saturday night.', '1991-02-25', 'Saturday night')?.[1]).toBe('1991-02-23TNI');
    expect(tx('The blast went off around 8:30 p.m. near the park.', '2016-09-17', 'around 8:30 p.m.')).toEqual(['TIME', '2016-09-17T20:30', 'APPROX']);
  });

  it('financial periods follow the quarter the report is about', () => {
    const text = 'Net income rose in the third quarter. A year earlier, the company earned $2 million. In the year-ago quarter, sales fell. For the year ended Sept. 30, it earned $9 million.';
    expect(tx(text, dct, 'A year earlier')?.[1]).toBe('1988-Q3');
    expect(tx(text, dct, 'the year-ago quarter')?.[1]).toBe('1988-Q3');
    expect(tx(text, dct, 'the year')).toEqual(['DURATION', 'P1Y', undefined]);
  });

  it('sets with frequencies and vague stretches', () => {
    expect(tx('The paper is printed twice a week.', dct, 'twice a week')?.[0]).toBe('SET');
    expect(tx('Fifty thousand CDs a year are sold with such lyrics.', dct, 'a year')?.[0]).toBe('SET');
    expect(tx('They will live without it for a while.', dct, 'a while')).toEqual(['DURATION', 'PXX', undefined]);
    expect(tx('Shipments resume within two to three weeks.', dct, 'two to three weeks')?.[1]).toBe('PXW');
  });

  it('does not mistake ages, fractions and verbs for time', () => {
    expect(findTimexes('Mr. Reupke, 52 years old, will succeed him. Iraq imports about three-quarters of its food. Troops may march on.', { dct })).toEqual([]);
  });
});

describe('TimeML conventions for general news', () => {
  it('"the past year" and "the last decade" are the calendar units before the document\'s, as TE3 writes them', () => {
    const text = 'Prices have risen 40 percent over the past year, after falling last year.';
    expect(tx(text, '1998-08-07', 'the past year')).toEqual(['DATE', '1997', undefined]);
    expect(tx(text, '1998-08-07', 'last year')).toEqual(['DATE', '1997', undefined]);
    expect(tx('Workers regained some of the earning power they lost to inflation in the last decade.', '1998-03-06', 'the last decade')?.[1]).toBe('198');
    // a shorter unit stays a stretch of time ending now
    expect(tx('He has been in Bethesda for the past week.', '2000-04-14', 'the past week')).toEqual(['DURATION', 'P1W', undefined]);
  });

  it('weekdays after "until" in a past-perfect clause look back; "as soon as" looks ahead', () => {
    // 7 May 1999 was a Friday
    expect(tx('Until Thursday, they had not called Kopp a suspect.', '1999-05-07', 'Thursday')?.[1]).toBe('1999-05-06');
    expect(tx('The talks will go on until Thursday.', '1999-05-07', 'Thursday')?.[1]).toBe('1999-05-13');
    // 3 April 2000 was a Monday
    expect(tx('The group might come to the U.S. as soon as Tuesday, according to unconfirmed reports.', '2000-04-03', 'Tuesday')?.[1]).toBe('2000-04-04');
  });

  it('Election Day is the Tuesday after the first Monday of November', () => {
    expect(tx('Abortion is going to be a major theme of our campaign from now to Election Day.', '1998-10-26', 'Election Day')).toEqual(['DATE', '1998-11-03', undefined]);
  });

  it('"daily"/"weekly" after a determiner say how often; a newspaper called a daily does not', () => {
    expect(tx('Clinton said in his weekly radio address that justice will be done.', '1998-08-08', 'weekly')).toEqual(['SET', 'P1W', undefined]);
    expect(tx('We are investigating hundreds of leads on a daily basis.', '1998-11-21', 'daily')).toEqual(['SET', 'P1D', undefined]);
    expect(tx('The Communist Party daily Granma compared him with revolutionary heroes.', '2000-01-28', 'daily')).toBeNull();
    expect(tx('Qantas plans daily flights between Sydney and Bombay.', '1998-02-16', 'daily')).toBeNull();
    expect(tx('Du Pont also raised its quarterly dividend to $1.20 a share.', '1989-10-30', 'quarterly')).toBeNull();
  });

  it('names and idioms that look like time: "Jan Kavan", "60 Minutes", "24 hours a day", an opening "Now,"', () => {
    expect(findTimexes('The foreign ministers Janos Martonyi of Hungary and Jan Kavan of the Czech Republic signed.', { dct: '1999-03-13' })).toEqual([]);
    expect(findTimexes("Gonzalez said on CBS's ``60 Minutes'' that the boy was abused.", { dct: '2000-04-17' }).map((t) => t.text)).toEqual([]);
    expect(findTimexes('Put guards outside every clinic, 24 hours a day, and let it be done.', { dct: '1998-10-25' })).toEqual([]);
    expect(tx('Now, he says, "it looks like the West just wanted a war."', '1991-02-25', 'Now')).toBeNull();
    expect(tx('Iraq now controls 20 percent of the world\'s oil reserves.', '1990-08-15', 'now')).toEqual(['DATE', 'PRESENT_REF', undefined]);
    expect(tx('Currently, transplant organs are rationed through a regional system.', '1998-03-31', 'Currently')).toBeNull();
    expect(tx('The company currently holds about 4.2 million shares.', '1989-10-30', 'currently')).toEqual(['DATE', 'PRESENT_REF', undefined]);
    // "recent" before a noun is left alone; "recent years" is kept
    expect(tx('IRA commanders are responsible for the recent bomb attacks.', '1998-03-22', 'recent')).toBeNull();
    expect(tx('The market has moved toward cheaper gear in recent years.', '1989-10-30', 'recent years')?.[1]).toBe('PAST_REF');
  });

  it('rates of money and growth are not sets; "every quarter" is P1Q', () => {
    expect(tx('The preferred stock would have a dividend rate of $1.76 a year.', '1989-10-30', 'a year')).toBeNull();
    expect(tx('Unisys said that should help it save $500 million a year in costs.', '1989-10-30', 'a year')).toBeNull();
    expect(tx('Investigators are doing hundreds of interviews a day.', '1998-11-21', 'a day')).toEqual(['SET', 'P1D', undefined]);
    expect(tx('Analysts expect revenue to increase by 20% annually.', '1989-10-30', 'annually')).toBeNull();
    expect(tx('Unisys must pay about $100 million in interest every quarter.', '1989-10-30', 'every quarter')).toEqual(['SET', 'P1Q', undefined]);
  });

  it('"two and a half years", "7:30 tonight", "2012\'s fourth quarter", "would last several weeks"', () => {
    expect(tx('She spent two and a half years in prison.', '2013-03-20', 'two and a half years')).toEqual(['DURATION', 'P2Y6M', undefined]);
    expect(tx('The game starts at 7:30 tonight.', '2013-03-20', '7:30 tonight')).toEqual(['TIME', '2013-03-20T19:30', undefined]);
    expect(tx("Profit rose in 2012's fourth quarter.", '2013-03-20', "2012's fourth quarter")).toEqual(['DATE', '2012-Q4', undefined]);
    expect(tx('Officials said the talks would last several weeks.', '2013-03-20', 'several weeks')).toEqual(['DURATION', 'PXW', undefined]);
  });

  it('"two thousand years" is a span of millennia, not the year 2000; "centuries" PXC', () => {
    expect(tx('Families have kept their glass-working secrets for more than two thousand years.', '1998-02-06', 'more than two thousand years')).toEqual(['DURATION', 'P2L', 'MORE_THAN']);
    expect(tx('Ukraine was ruled from Moscow for centuries.', '1998-02-06', 'centuries')?.[1]).toBe('PXC');
  });

  it('a possessive weekday names a past event even in a future clause', () => {
    // 15 January 2000 was a Saturday
    expect(tx("They would look for ways to get around Wednesday's ruling.", '2000-01-15', 'Wednesday')?.[1]).toBe('2000-01-12');
  });

  it('"last February" said in March is a year back; "last April" said in October is this year\'s', () => {
    expect(tx('Two military helicopters crashed last February.', '1998-03-01', 'last February')?.[1]).toBe('1997-02');
    expect(tx('The company was sold last April.', '1989-10-27', 'last April')?.[1]).toBe('1989-04');
    expect(tx('He was arrested last November.', '2000-01-13', 'last November')?.[1]).toBe('1999-11');
  });

  it('a forecast quarter does not become the reported one', () => {
    const text = 'Bethlehem posted a 54% drop in third-quarter profit. Analysts expect the trend to continue into the fourth quarter and through the first two quarters of 1990; some see losses through the third quarter of 1990. In the year-ago period, Bethlehem earned $101.4 million. In the latest quarter, shipments fell.';
    expect(tx(text, '1989-10-26', 'the year-ago period')?.[1]).toBe('1988-Q3');
    expect(tx(text, '1989-10-26', 'the latest quarter')?.[1]).toBe('1989-Q3');
    expect(tx('Results for the latest fiscal year were restated.', '1989-10-26', 'the latest fiscal year')?.[1]).toBe('1988');
  });

  it('"three days later", "a day earlier" are lengths (the signal word stays out); "a decade later" needs a time to count from', () => {
    const text = 'Prices fell on Oct. 12. Three days later, as of Friday\'s close, the index had recovered. A day earlier, trucks had crossed.';
    expect(tx(text, '1989-10-30', 'Three days')).toEqual(['DURATION', 'P3D', undefined]);
    expect(tx(text, '1989-10-30', 'A day')).toEqual(['DURATION', 'P1D', undefined]);
    expect(tx('A decade later, the city had recovered.', '2013-03-22', 'A decade later')).toEqual(['DURATION', 'P10Y', undefined]);
    expect(tx('The firm was founded in 1990. Five years later, it went public.', '2013-03-22', 'Five years later')?.[1]).toBe('1995');
  });

  it('"three consecutive weeks", "spent weeks", overnight in a past clause', () => {
    expect(tx('The U.S. dollar has fallen for three consecutive weeks.', '2013-03-22', 'three consecutive weeks')?.[1]).toBe('P3W');
    expect(tx('Searchers have spent weeks looking for wreckage.', '2013-03-22', 'weeks')?.[1]).toBe('PXW');
    expect(tx('The storm made landfall late Monday and weakened overnight.', '2013-03-22', 'overnight')?.[1]).toBe('2013-03-21TNI');
    expect(tx('The storm is expected to hit the coast overnight.', '2013-03-22', 'overnight')?.[1]).toBe('2013-03-22TNI');
  });

  it('"the first two quarters of 1990" is the first half of 1990', () => {
    expect(tx('Analysts expect the trend to continue through at least the first two quarters of 1990.', '1989-10-26', 'the first two quarters of 1990')).toEqual(['DATE', '1990-H1', undefined]);
  });

  it('"a year and a half ago", "two weeks ago" (the day, as TimeBank writes it), "on the 18th"', () => {
    expect(tx('He left the company a year and a half ago.', '2013-03-22', 'a year and a half ago')).toEqual(['DATE', '2011-09', undefined]);
    expect(tx('Sinn Fein was invited to rejoin two weeks ago.', '1998-03-22', 'two weeks ago')?.[1]).toBe('1998-03-08');
    expect(tx('The strike began on the 18th.', '2013-03-22', 'the 18th')?.[1]).toBe('2013-03-18');
    expect(tx('The law was passed in the 18th century.', '2013-03-22', 'the 18th century')?.[1]).toBe('17');
  });

  it('an adjectival quarter leaves its determiner out of the span', () => {
    const t = findTimexes('The company said its third-quarter earnings will probably be lower.', { dct: '1989-10-26' });
    expect(t.map((x) => [x.text, x.value])).toEqual([['third-quarter', '1989-Q3']]);
  });

  it('"the last half of the \'80s" is about the decade, not a half of the DCT\'s year', () => {
    const t = findTimexes("The trend has characterized the last half of the '80s.", { dct: '1989-10-26' });
    expect(t.map((x) => [x.text, x.value])).toEqual([["the '80s", '198']]);
  });

  it('"today\'s world", "the people of tomorrow" name the present age; "today\'s editions" the day', () => {
    expect(tx("Barriers apply only to fathers and not to mothers in today's world.", '1998-04-24', 'today')).toBeNull();
    expect(tx('If I were choosing the people of tomorrow, I would have chosen the same board.', '1989-11-03', 'tomorrow')).toBeNull();
    expect(tx("The offer, advertised in today's editions of the Journal, expires soon.", '1989-11-02', 'today')?.[1]).toBe('1989-11-02');
  });

  it('"as long as a month" is a duration', () => {
    expect(tx('The federal appeal could take as long as a month or two.', '2000-04-03', 'a month')).toEqual(['DURATION', 'P1M', undefined]);
  });

  it('"that night" is a part of the day the text is talking about', () => {
    const text = 'The rebels attacked the town on April 3. That night the army withdrew.';
    expect(tx(text, '1998-04-10', 'That night')).toEqual(['TIME', '1998-04-03TNI', undefined]);
  });

  it('a weekday right after a verb of saying dates the report, even before a future clause', () => {
    // 7 August 1998 was a Friday
    expect(tx('The president said Tuesday he will visit China next month.', '1998-08-07', 'Tuesday')?.[1]).toBe('1998-08-04');
    expect(tx('The minister told reporters Wednesday that prices will rise.', '1998-08-07', 'Wednesday')?.[1]).toBe('1998-08-05');
    expect(tx('He said the meeting will be held Monday.', '1998-08-07', 'Monday')?.[1]).toBe('1998-08-10');
  });

  it('quarters and comparison periods with "of this/last year" are one expression', () => {
    const text = 'Output in the first quarter of this year grew 7.2 percent over the same period of last year.';
    expect(tx(text, '1998-08-07', 'the first quarter of this year')?.[1]).toBe('1998-Q1');
    expect(tx(text, '1998-08-07', 'the same period of last year')?.[1]).toMatch(/^1997/);
  });

  it('one more unit, half units, adjectival durations without the article', () => {
    const dct = '1989-11-02';
    expect(tx('The loan may be extended by the group for an additional year.', dct, 'an additional year')?.[1]).toBe('P1Y');
    expect(tx('Half an hour later, police arrived.', dct, 'Half an hour later')?.[1]).toBe('PT30M');
    expect(tx('The two-day visit ended.', dct, 'two-day')?.[1]).toBe('P2D');
  });

  it('idioms and names are not time expressions', () => {
    const dct = '2016-10-01';
    expect(findTimexes('At the end of the day, voters decide.', { dct })).toEqual([]);
    expect(findTimexes('She won gold at the Summer Olympics.', { dct })).toEqual([]);
    expect(tx('By the end of the day, the polls had closed.', dct, 'the end of the day')?.[1]).toBe('2016-10-01');
  });
});

describe('holidays, ranges, clock times with parts of days, anaphoric days', () => {
  it('holidays resolve to their date in the year the tense points to', () => {
    const dct = '1998-12-10';
    expect(tx('Shoppers crowded stores before Christmas.', dct, 'Christmas')?.[1]).toBe('1998-12-25');
    expect(tx('The truce ends on New Year\'s Day.', dct, "New Year's Day")?.[1]).toBe('1999-01-01');
    expect(tx('The strike began on Labor Day.', dct, 'Labor Day')?.[1]).toBe('1998-09-07');
    expect(tx('Since Easter the party has fallen.', dct, 'Easter')?.[1]).toBe('1998-04-12');
    expect(tx('Sales were weak at Thanksgiving 1997.', dct, 'Thanksgiving 1997')?.[1]).toBe('1997-11-27');
    expect(findTimexes('Christmas trees sold well.', { dct })).toEqual([]);
    // a year after "in"/"of", and a day off the holiday (Timeline17 Finan sentences)
    expect(tx('On the day before Thanksgiving in 1991 , the U.S. Senate voted to vastly expand the emergency powers of the Federal Reserve .', '2009-05-30', 'the day before Thanksgiving in 1991')?.[1]).toBe('1991-11-27');
    expect(tx('During a speech on Labor Day of 1936 , Roosevelt addresses the dust bowl drought .', '2008-10-16', 'Labor Day of 1936')?.[1]).toBe('1936-09-07');
    expect(tx('The day after Labor Day , Gordon returned to the office after two weeks off .', '2008-12-13', 'The day after Labor Day')?.[1]).toBe('2008-09-02');
    expect(tx('On Easter Sunday of 1916 rebels rose in Dublin.', '2009-05-30', 'Easter Sunday of 1916')?.[1]).toBe('1916-04-23');
    // a named event of another year is not this year's holiday
    expect(findTimexes('Aid poured in as it did after the Boxing Day tsunami.', { dct: '2010-01-20' })).toEqual([]);
    expect(findTimexes('The Good Friday Agreement held.', { dct })).toEqual([]);
  });

  it('a day naming a past disaster is not put after the publication date, and takes a year the text gives it', () => {
    expect(tx('Feinberg handled the fund for victims of the Sept. 11 terrorist attacks .', '2010-06-16', 'Sept. 11')?.[1]).toBe('2001-09-11');
    // the text's own full date of that day gives the year
    expect(tx('The July 7 bombings killed 52 . Since July 7 , 2005 , Londoners have changed .', '2008-07-01', 'July 7')?.[1]).toBe('2005-07-07');
    expect(tx('The Oct. 4 massacre shocked the city .', '2010-06-16', 'Oct. 4')?.[1]).toBe('2009-10-04');
    // a long text of such names reads its full dates once (review 8 code F1: it rescanned the text per name)
    const many = 'Officials recalled the March 11 attacks and said more would follow on March 11, 2004 in Madrid. '.repeat(3000);
    const found = findTimexes(many, { dct: '2010-06-01' });
    expect(found.filter((t) => t.text === 'March 11').every((t) => t.value === '2004-03-11')).toBe(true);
    expect(found).toHaveLength(6000);
    // another event of that day with its year (a reader's link) does not date the attacks (T17 Finan)
    expect(tx('McCain consulted Kissinger after the Sept. 11 attacks . See this New York Times article from September 11 , 2003 .', '2008-09-24', 'Sept. 11')?.[1]).toBe('2001-09-11');
    expect(tx('McCain went on to compare the crisis with the attacks of Sept. 11 .', '2008-09-24', 'Sept. 11')?.[1]).toBe('2001-09-11');
    expect(tx('Police said the June 12 shooting was random.', '2010-06-16', 'June 12')?.[1]).toBe('2010-06-12');
  });

  it('dates in tokenised text keep their year ("May 3 , 2008", as in Timeline17)', () => {
    expect(tx('Cyclone Nargis hit Myanmar on May 3 , 2008 , killing thousands .', '2010-01-20', 'May 3 , 2008')?.[1]).toBe('2008-05-03');
    expect(tx('The 11 Oct , 1918 quake struck Puerto Rico .', '2010-01-20', 'The 11 Oct , 1918')?.[1]).toBe('1918-10-11');
    expect(tx('On Monday , Jan. 18 , aid arrived .', '2010-01-20', 'Monday , Jan. 18')?.[1]).toBe('2010-01-18');
  });

  it('"the day before" needs a day to count from: after a month it names no day', () => {
    const text = 'The troops arrived in March 2004. They said the same the day before.';
    expect(tx(text, '2010-01-20', 'the day before')?.[1]).toBe('XXXX-XX-XX');
    expect(tx('The troops arrived on March 3, 2004. They had packed the day before.', '2010-01-20', 'the day before')?.[1]).toBe('2004-03-02');
  });

  it('both ends of year spans and day ranges', () => {
    const dct = '1998-08-07';
    const years = findTimexes('Output doubled during the plan period (1996-2000).', { dct }).map((t) => [t.text, t.value]);
    expect(years).toEqual([['1996', '1996'], ['2000', '2000']]);
    expect(tx('He will visit China from Aug. 10 to 15.', dct, '15')?.[1]).toBe('1998-08-15');
    expect(findTimexes('Sales on Aug. 10 rose 10 to 15 percent.', { dct }).map((t) => t.text)).toEqual(['Aug. 10']);
  });

  it('clock times take the half of the day and the day the sentence names', () => {
    const dct = '1998-08-07';
    expect(tx('He arrived at 3:30 this afternoon.', dct, '3:30 this afternoon')?.[1]).toBe('1998-08-07T15:30');
    expect(tx('On Aug. 3, 1998, at 10:30 a.m., bombs exploded.', dct, '10:30 a.m.')?.[1]).toBe('1998-08-03T10:30');
  });

  it('the nth day of an operation, trading days, plural weekdays, this moment, one day', () => {
    expect(tx('In Saudi Arabia, today is the eighth day of Desert Shield.', '1990-08-15', 'the eighth day')?.[1]).toBe('1990-08-15');
    expect(tx('Eight trading days after Oct. 12, the index fell.', '1989-10-30', 'Eight trading days')?.[1]).toBe('P8D');
    expect(tx('The shop closes Mondays.', '1998-08-07', 'Mondays')).toEqual(['SET', 'XXXX-WXX-1', undefined]);
    expect(tx('He would not travel at this crucial moment.', '1990-08-15', 'this crucial moment')?.[1]).toBe('PRESENT_REF');
    expect(tx('Islam will one day be the second largest religion.', '1998-03-03', 'one day')?.[1]).toBe('FUTURE_REF');
  });

  it('tense: past plans, deadlines, possessive weekdays, adjectival participles', () => {
    // 30 October 1989 was a Monday
    expect(tx('It had been due to expire Friday evening.', '1989-10-30', 'Friday evening')?.[1]).toBe('1989-10-27TEV');
    expect(tx('The members had filed compliance reports by Wednesday.', '1989-10-30', 'Wednesday')?.[1]).toBe('1989-10-25');
    expect(tx('The offer will expire by Friday.', '1989-10-30', 'Friday')?.[1]).toBe('1989-11-03');
    expect(tx('The notes carry a premium over Thursday\'s closing price.', '1989-10-30', 'Thursday')?.[1]).toBe('1989-10-26');
    expect(tx('It would be paid on a still unspecified date in January.', '1989-10-26', 'January')?.[1]).toBe('1990-01');
  });
});

describe('round six: modern news audit (PolNeAR, Timeline17, seeds)', () => {
  it('a year before a two-letter zone-like word is a year, not a clock time ("a 2019 CT scan")', () => {
    expect(tx('A 2019 CT scan showed a small tumour, doctors said.', '2020-03-12', '2019')).toEqual(['DATE', '2019', undefined]);
    expect(tx('The 1945 MT Everest expedition was famous.', '2020-03-12', '1945')).toEqual(['DATE', '1945', undefined]);
    expect(findTimexes('Physicists counted 1200 Z bosons.', { dct: '2020-03-12' }).some((t) => t.type === 'TIME')).toBe(false);
  });
  it('"until" ending a past clause looks back ("kept going until nearly 2 a.m. Friday")', () => {
    // Charlotte protests, reported on Monday 26 September 2016 (third review)
    expect(tx('Protesters kept going until nearly 2 a.m. Friday in defiance of the curfew.', '2016-09-26', 'nearly 2 a.m. Friday')).toEqual(['TIME', '2016-09-23T02:00', 'APPROX']);
    expect(tx('The rally lasted until 11 p.m. Saturday.', '2016-09-26', '11 p.m. Saturday')).toEqual(['TIME', '2016-09-24T23:00', undefined]);
    expect(tx('The curfew will remain in place until Friday.', '2016-09-26', 'Friday')).toEqual(['DATE', '2016-09-30', undefined]);
  });
  it('a plan in the progressive looks ahead ("were planning to … on Monday" does not make "on Saturday" past)', () => {
    const text = 'Protesters planned a large demonstration on Saturday and were planning to drive around the airport on Monday.';
    expect(tx(text, '2000-01-07', 'Saturday')?.[1]).toBe('2000-01-08');
    expect(tx(text, '2000-01-07', 'Monday')?.[1]).toBe('2000-01-10');
    expect(tx('The ministers were meeting on Monday, officials said.', '2000-01-07', 'Monday')?.[1]).toBe('2000-01-03');
  });
  it('"standing by to fly … on Saturday" looks ahead; a passive participle after a comma ("…, crewed by") has no tense', () => {
    // Timeline17 haiti_bbc and bpoil_foxnews sentences
    expect(tx('British Airways said it had a Boeing 747 standing by to fly to Haiti with supplies on Saturday , crewed by volunteer BA pilots and cabin crew .', '2010-01-15', 'Saturday')?.[1]).toBe('2010-01-16');
    expect(tx('Public health officials and scientists will take up the topic at a two-day meeting beginning Tuesday in New Orleans , organized by the Institute of Medicine .', '2010-06-21', 'Tuesday')?.[1]).toBe('2010-06-22');
    // an appositive comma before a finite verb keeps the past
    expect(tx('Ian MacDonald , a Florida State University physical oceanographer , testified Monday that the plan was flawed .', '2010-09-28', 'Monday')?.[1]).toBe('2010-09-27');
  });
  it('a clock time followed by its date takes that date ("At 1:17 pm on 18 May 2009")', () => {
    // BBC comment stamps (Timeline17, tokenised) and "at 3am on 5 May"
    expect(tx('At 1:17 pm on 18 May 2009 , XunFang wrote : There', '2009-05-18', '1:17 pm on 18 May 2009')).toEqual(['TIME', '2009-05-18T13:17', undefined]);
    expect(tx('At 12:19 26th Apr 2009 , barriesingleton wrote :', '2009-04-25', '12:19 26th Apr 2009')).toEqual(['TIME', '2009-04-26T12:19', undefined]);
    expect(tx('He was set to fly to Houston to join the effort at 3am on 5 May .', '2010-05-21', '3am on 5 May')).toEqual(['TIME', '2010-05-05T03:00', undefined]);
  });

  it('four-digit and dotted clock times with a zone are times, not years ("1930 CDT on 1 June")', () => {
    const text = 'This was completed at 1930 CDT on 1 June -LRB- 0030 GMT 2 June -RRB- .';
    expect(tx(text, '2010-06-04', '1930 CDT on 1 June')).toEqual(['TIME', '2010-06-01T19:30', undefined]);
    expect(tx(text, '2010-06-04', '0030 GMT 2 June')).toEqual(['TIME', '2010-06-02T00:30', undefined]);
    expect(findTimexes(text, { dct: '2010-06-04' }).some((t) => t.value === '1930')).toBe(false);
    expect(tx('The flow of oil was shut off at 1425 local time (1925 GMT) on Thursday.', '2010-07-16', '1925 GMT')?.[0]).toBe('TIME');
    expect(tx('report Wednesday 23 June 2010 17.00 BST BP chief', '2010-06-23', '17.00 BST')).toEqual(['TIME', '2010-06-23T17:00', undefined]);
    // a day after the time's aside dates both times ("1653 local time (2153 GMT) on Tuesday")
    const quake = 'The first tremor had hit at 1653 local time -LRB- 2153 GMT -RRB- on Tuesday , the US Geological Survey said .';
    expect(tx(quake, '2010-01-14', '1653 local time')).toEqual(['TIME', '2010-01-12T16:53', undefined]);
    expect(tx(quake, '2010-01-14', '2153 GMT')).toEqual(['TIME', '2010-01-12T21:53', undefined]);
    expect(tx('The speech is at 3 p.m. (noon PT) on Friday.', '2010-01-14', 'noon PT')).toEqual(['TIME', '2010-01-15T12:00', undefined]);
    expect(findTimexes('The Dow fell 17.35 points.', { dct: '2010-06-23' })).toEqual([]);
  });

  it('"Sunday 31 May" and an undotted "Mar 2 , 2009" are whole dates', () => {
    expect(tx('had been due to re-open on Sunday 31 May , but will now remain closed', '2009-05-28', 'Sunday 31 May')).toEqual(['DATE', '2009-05-31', undefined]);
    expect(tx('WASHINGTON | Mon Mar 2 , 2009 4:23 pm EST WASHINGTON', '2009-03-02', 'Mon Mar 2 , 2009')).toEqual(['DATE', '2009-03-02', undefined]);
    expect(tx('It was signed on Mar 2 , 2009 .', '2009-03-05', 'Mar 2 , 2009')).toEqual(['DATE', '2009-03-02', undefined]);
  });

  it('web stamps: "Thu Apr 22 , 2010 7:30 pm EDT", "10:32 AM ET, Thu March 12, 2020", ISO date-times', () => {
    // the Reuters dateline line of Timeline17's bpoil_reuters articles
    expect(tx('HOUSTON | Thu Apr 22 , 2010 7:30 pm EDT HOUSTON -LRB- Reuters -RRB- -', '2010-04-22', 'Thu Apr 22 , 2010')).toEqual(['DATE', '2010-04-22', undefined]);
    expect(tx('Updated 10:32 AM ET, Thu March 12, 2020', '2020-03-12', '10:32 AM ET, Thu March 12, 2020')).toEqual(['TIME', '2020-03-12T10:32', undefined]);
    expect(tx('author="@MissDBunker" datetime="2015-12-02T19:24:05Z">Scanner', '2015-12-03', '2015-12-02T19:24:05Z')).toEqual(['TIME', '2015-12-02T19:24', undefined]);
    // a scraped live blog glues words together (PolNeAR huff-post)
    const blog = 'Ani Vrabel 5ptsmoderatorFeaturedFebruary 6, 2016 11:19PMDonald Trump And Marco Rubio Miss The Mark';
    expect(tx(blog, '2016-02-07', 'February 6, 2016')).toEqual(['DATE', '2016-02-06', undefined]);
    expect(tx(blog, '2016-02-07', '11:19PM')).toEqual(['TIME', '2016-02-06T23:19', undefined]);
    expect(findTimexes('5 Amazon warehouses closed', { dct: '2016-02-07' })).toEqual([]);
    // an undotted abbreviation alone is no weekday ("the Sun", "Wed")
    expect(findTimexes('We met the Sun reporter.', { dct: '2020-03-12' })).toEqual([]);
  });

  it('a tokenised possessive weekday names a past event ("Tuesday \'s devastating earthquake")', () => {
    const text = 'This image shows the extent of damage in Haiti caused by Tuesday \'s devastating earthquake .';
    expect(tx(text, '2010-01-15', 'Tuesday')?.[1]).toBe('2010-01-12');
  });

  it('"died" is a past verb ("Sameerah Ahmad died … on Friday evening")', () => {
    const text = 'Sameerah Ahmad died at Birmingham Children \'s Hospital on Friday evening after contracting the virus .';
    expect(tx(text, '2009-06-30', 'Friday evening')).toEqual(['TIME', '2009-06-26TEV', undefined]);
  });

  it('a clock time with a dated weekday keeps the whole date ("18.17 BST on Thursday 6 May 2010")', () => {
    const text = 'A version appeared on p34 of the Main section of the Guardian on 18.17 BST on Thursday 6 May 2010 Our selection';
    expect(tx(text, '2010-06-13', '18.17 BST on Thursday 6 May 2010')).toEqual(['TIME', '2010-05-06T18:17', undefined]);
  });

  it('tense: a fronted adverbial dates the report, "until" and "by" in a past clause look back, "ahead of" forward', () => {
    // PolNeAR sentences; DCTs are the articles' dates
    expect(tx('During his immigration speech on Wednesday in Arizona, Mr. Trump said his border plan would use the wall.', '2016-09-03', 'Wednesday')?.[1]).toBe('2016-08-31');
    expect(tx('On Tuesday, the company said it would not be able to file its annual report.', '2016-03-17', 'Tuesday')?.[1]).toBe('2016-03-15');
    expect(tx("Until Monday's announcement, both companies' stocks were trading at relatively low prices.", '2016-06-17', 'Monday')?.[1]).toBe('2016-06-13');
    expect(tx('By Monday morning, the grim, if now familiar, global ritual had begun.', '2016-06-15', 'Monday morning')?.[1]).toBe('2016-06-13TMO');
    expect(tx("He flew to Maine to hold a rally ahead of the state's contest on Saturday.", '2016-03-04', 'Saturday')?.[1]).toBe('2016-03-05');
    // "ahead of" in a past clause: the nearer one (a Brussels meeting two days back; Iowa's vote tomorrow)
    expect(tx("Ahead of Friday's meeting, France and Germany unveiled a proposal for increased cooperation.", '2016-09-18', 'Friday')?.[1]).toBe('2016-09-16');
    expect(tx("Friday's announcement suggested an effort to hurt Clinton ahead of Monday's voting in Iowa.", '2016-01-31', 'Monday')?.[1]).toBe('2016-02-01');
    expect(tx('His campaign sued the DNC in federal court on Friday.', '2015-12-20', 'Friday')?.[1]).toBe('2015-12-18');
    expect(tx("Mr. Trump revamped his plans for an important Monday appearance.", '2015-11-17', 'Monday')?.[1]).toBe('2015-11-16');
    expect(tx('Cruz won the straw poll, the results of which will be announced on Saturday afternoon.', '2016-03-04', 'Saturday afternoon')?.[1]).toBe('2016-03-05TAF');
    expect(tx('he is optimistic that he will do well in Tuesday’s New Hampshire primary.', '2016-02-08', 'Tuesday')?.[1]).toBe('2016-02-09');
    expect(tx("He declined to comment on Tuesday's ruling.", '2016-03-04', 'Tuesday')?.[1]).toBe('2016-03-01');
    // a possessive weekday after "to <verb>" is still ahead
    expect(tx("Hayward , who is expected to attend Wednesday 's White House meeting , will testify", '2010-06-13', 'Wednesday')?.[1]).toBe('2010-06-16');
  });

  it('a temporal clause in the simple present tells the future ("… will get a pension when he leaves in October , the BBC has learned")', () => {
    // T17 BBC, 26 July 2010: the report verb after the comma had made it last October
    expect(tx('BP chief executive Tony Hayward will get an immediate annual pension worth about # 600,000 when he leaves in October , the BBC has learned .', '2010-07-26', 'October')?.[1]).toBe('2010-10');
    // T17 Guardian, Sunday 30 January 2011
    expect(tx('They are forecasting that BP will report a $ 5bn profit in the final quarter of last year when it unveils annual results on Tuesday , with analysts expecting a similar figure .', '2011-01-30', 'Tuesday')?.[1]).toBe('2011-02-01');
    // the past stays past
    expect(tx('Hayward was in charge when he left in October , the BBC has learned .', '2010-07-26', 'October')?.[1]).toBe('2009-10');
  });

  it('programme and band names are not times ("CBS This Morning", "NBC \'s Today program", "Larry King Now")', () => {
    const dct = '2016-09-26';
    expect(tx('Clinton campaign manager Robby Mook told CBS This Morning on Monday that', dct, 'This Morning')).toBeNull();
    expect(tx('Doug Suttles told NBC \'s Today program .', dct, 'Today')).toBeNull();
    // after "the" or a station name too (T17 BBC: 13 of them, all dated before)
    expect(tx('One of his items asked amateur choirs to send the sound of their song to the Today program .', dct, 'Today')).toBeNull();
    expect(tx("Prof Ferguson told the BBC Radio 4 Today program : `` This virus", dct, 'Today')).toBeNull();
    expect(tx('The vote is Today .', dct, 'Today')?.[1]).toBe(dct);
    expect(tx('The network licenses ``Politicking\'\' and ``Larry King Now\'\' -- which', dct, 'Now')).toBeNull();
    expect(tx('taping an appearance on The Tonight Show Starring Jimmy Fallon', dct, 'Tonight')).toBeNull();
    expect(tx('paid for by the Liberty Now PAC.', dct, 'Now')).toBeNull();
    // but shouting and title-case headlines keep them
    expect(tx('We NEED THAT MECHANISM NOW AND CONGRESS SHOULD ACT', dct, 'NOW')?.[1]).toBe('PRESENT_REF');
    expect(tx('Donald Trump Is Now Being Held Up As The Face Of Racism.', dct, 'Now')?.[1]).toBe('PRESENT_REF');
    // the words themselves still count
    expect(tx('Today, the Senate votes. Now he is here.', dct, 'Today')?.[1]).toBe(dct);
    expect(tx('Today, the Senate votes. Now he is here.', dct, 'Now')?.[1]).toBe('PRESENT_REF');
  });

  it('"current" as a noun is no time ("the loop current", "this current of self-destruction")', () => {
    const dct = '2010-05-17';
    expect(tx('She said the government was monitoring the loop current very closely', dct, 'current')).toBeNull();
    expect(tx('reveals just how swift this current of self-destruction is flowing', dct, 'current')).toBeNull();
    expect(tx('"The current sanctions-only approach is simply not working."', dct, 'current')?.[1]).toBe('PRESENT_REF');
  });

  it('decades written with an apostrophe ("the 1980’s", "the 90’s") but not possessive years', () => {
    expect(tx('After the collapse of the real estate market of the 1980’s, Mr. Trump', '2016-10-04', 'the 1980’s')?.[1]).toBe('198');
    expect(tx('there are still four years to go in the 90’s, business', '2016-10-04', 'the 90’s')?.[1]).toBe('199');
    expect(tx('the period before 1972’s landmark Roe v. Wade decision', '2016-10-04', '1972')?.[1]).toBe('1972');
  });

  it('"this fall in prices" is a drop, "last fall in an interview" the season', () => {
    expect(tx("''After this fall in prices in energy resources, all the indicators slipped,''", '2015-11-20', 'this fall')).toBeNull();
    expect(tx('He said last fall in an interview that he would run.', '2015-11-20', 'last fall')?.[1]).toBe('2014-FA');
  });

  it('"one day" in a clause of hope or waiting is some day, not a length', () => {
    expect(tx('“He was strong, and I hope I can be like that one day and just show love to my daughter', '2016-06-05', 'one day')).toEqual(['DATE', 'FUTURE_REF', undefined]);
    expect(tx('until one day everything sinks into the global-warmed , elevated ocean .', '2010-06-14', 'one day')).toEqual(['DATE', 'FUTURE_REF', undefined]);
    expect(tx('Topolanek \'s critique came one day after his government was toppled', '2009-03-26', 'one day')).toEqual(['DURATION', 'P1D', undefined]);
    expect(tx('With just one day until the primary here, the danger was clear.', '2016-02-08', 'one day')).toEqual(['DURATION', 'P1D', undefined]);
  });

  it('fractions and adjectives that look like units ("a quarter of the total cost", "a minute chance")', () => {
    expect(findTimexes('$500 a month to hit the four-year number, $25,000, that equals a quarter of the total cost.', { dct: '2016-09-24' }).map((t) => t.text)).toEqual(['four-year']);
    expect(tx('The models continued to show only a minute chance that the firm would pay', '2008-12-31', 'a minute')).toBeNull();
    expect(tx('Howes had been killed within a week of his capture', '1998-02-19', 'a week')?.[1]).toBe('P1W');
    expect(tx('BP was managing to funnel the equivalent of 1,000 barrels a day of oil to a tanker', '2010-05-17', 'a day')?.[1]).toBe('P1D');
  });
});

describe('TimeBank smoke check', () => {
  it('finds most gold expressions in the first TimeBank documents', () => {
    const lines = readFileSync(new URL('../../../shared/data/te3/timebank.jsonl', import.meta.url), 'utf8').trim().split('\n').slice(0, 40);
    let gold = 0, hit = 0;
    for (const line of lines) {
      const doc = JSON.parse(line) as { dct: string; text: string; timexes: { start: number; end: number }[] };
      const found = findTimexes(doc.text, { dct: doc.dct.slice(0, 10) });
      for (const g of doc.timexes) {
        gold++;
        if (found.some((f) => f.start < g.end && g.start < f.end)) hit++;
      }
    }
    expect(hit / gold).toBeGreaterThan(0.85);
  });
});

describe('hostile text is read in linear time (code review, session 6)', () => {
  it('long runs of spaces or capitals find nothing and do not stall the date rules', () => {
    expect(findTimexes('Intro sentence here. ' + ' '.repeat(60_000) + 'x', { dct: '2009-06-30' })).toEqual([]);
    expect(findTimexes('A'.repeat(60_000) + ' |', { dct: '2009-06-30' })).toEqual([]);
    // the glued-month start and the day-range end still work
    expect(findTimexes('The talks endedSeptember 5 after a week.', { dct: '2009-09-30' }).map((t) => t.value)).toContain('2009-09-05');
    expect(findTimexes('The summit ran from June 3-5, 2009.', { dct: '2009-05-30' }).map((t) => t.value)).toContain('2009-06-05');
  }, 5_000);

  it('a date or a period followed by a long run of spaces (code review, session 9)', () => {
    const spaces = ' '.repeat(40_000);
    expect(findTimexes(`The report came. March 5${spaces}x`, { dct: '2010-03-09' }).map((t) => t.value)).toEqual(['2010-03-05']);
    expect(findTimexes(`Sales fell from the same period${spaces}of 2014.`, { dct: '2015-03-09' }).some((t) => t.text.startsWith('the same period'))).toBe(true);
    // the year word and "in YYYY" still read as before
    expect(findTimexes('It was on June 16th of last year.', { dct: '2016-09-09' }).map((t) => t.value)).toEqual(['2015-06-16']);
    expect(findTimexes('Profit rose from the same period in 2014.', { dct: '2015-03-09' }).map((t) => t.text)).toContain('the same period');
  }, 5_000);
});
