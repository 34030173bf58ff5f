// Session 9: classes found by reading a fixed-seed sample of modern news (bench/timex-sample.ts:
// PolNeAR dev and Timeline17 sentences), each on the sentence it was found in.
import { describe, expect, it } from 'vitest';
import { findTimexes } from '../../src/language/timex/index.js';

/** Every expression as "text → TYPE value [mod]". */
function all(text: string, dct: string | null): string[] {
  return findTimexes(text, { dct }).map((t) => `${t.text} → ${t.type} ${t.value}${t.mod ? ' ' + t.mod : ''}`);
}

describe('modern news sample, session 9', () => {
  it('a day or month with "of last year" / "this year" is one date in that year', () => {
    expect(all('“Who would have believed that when we started this journey on June 16th of last year we — and I say we, because we are a team — would have received almost 14 million votes?”', '2016-10-02'))
      .toEqual(['June 16th of last year → DATE 2015-06-16']);
    expect(all('He left the party on March 3 last year.', '2016-10-02')).toEqual(['March 3 last year → DATE 2015-03-03']);
    expect(all('The talks began in March of last year.', '2016-10-02')).toEqual(['March of last year → DATE 2015-03']);
    // a full date keeps its own year; the year word after it stays apart
    expect(all('It was Friday, April 16, 2021 last year.', '2022-10-02')).toEqual(['Friday, April 16, 2021 → DATE 2021-04-16', 'last year → DATE 2021']);
  });

  it('a clock time takes the date after it in tokenised stamps ("16:10 UK time , Wednesday , 8 July 2009")', () => {
    const text = 'More on vaccines - 16:10 UK time , Wednesday , 8 July 2009 Policy shift expected - 08:55 UK time , Thursday , 2 July 2009 First related death - 23:39 UK time , Sunday , 14 June 2009 Explaining flu';
    expect(findTimexes(text, { dct: '2009-05-26' }).map((t) => t.value)).toEqual(['2009-07-08T16:10', '2009-07-02T08:55', '2009-06-14T23:39']);
    expect(all('Page last updated at 07:39 GMT , Wednesday , 27 January 2010 Mika , James Morrison', '2010-01-27'))
      .toEqual(['07:39 GMT , Wednesday , 27 January 2010 → TIME 2010-01-27T07:39']);
    // untokenised forms are as before
    expect(all('Police said the shop was robbed at 10 p.m. Wednesday, police said.', '2009-05-22')).toEqual(['10 p.m. Wednesday → TIME 2009-05-20T22:00']);
  });

  it('"overnight loans", "the overnight rate" are kinds of loans, not a night', () => {
    expect(all('Yesterday , the annualized rate for those overnight loans spiked by more than four percentage points , to 6.9 percent , its highest level ever .', '2008-10-01'))
      .toEqual(['Yesterday → DATE 2008-09-30']);
    expect(all('The overnight interbank lending rate rose again.', '2008-10-01')).toEqual([]);
    // a night it still is: "depressed initially by overnight losses in New York"
    expect(all('London shares were depressed initially by overnight losses in New York.', '1989-10-27')).toEqual(['overnight → TIME 1989-10-26TNI']);
  });

  it('"the past half-century", "a half-decade", "the past half year" are durations', () => {
    expect(all('even as he described his battle to contain the greatest financial crisis of the past half-century .', '2009-05-28'))
      .toEqual(['the past half-century → DURATION P50Y']);
    expect(all('Prices have doubled over the past half year.', '2009-05-28')).toEqual(['the past half year → DURATION P6M']);
    expect(all('It was the first such deal in a half-decade.', '2009-05-28')).toEqual(['a half-decade → DURATION P5Y']);
  });

  it('"the next couple days" (no "of"), "in years to <verb>", "every single day"', () => {
    expect(all('And I think that may be important in the numbers in the next couple days,” he said.', '2016-10-05')).toEqual(['the next couple days → DURATION P2D']);
    expect(all('Is the first presidential candidate in years to not release her tax returns.', '2016-09-29')).toEqual(['years → DURATION PXY']);
    expect(all('It will stay that way in years to come.', '2016-09-29')).toEqual([]);
    expect(all('"I think what she has got to do is contrast, get away from all of this personality stuff, which media focuses on every single day.', '2016-09-16'))
      .toEqual(['every single day → SET P1D']);
  });

  it('a dotted clock time after "at" before "tonight" / "this evening" is a time; elsewhere a number', () => {
    expect(all("Mark Wallace will be speaking on ` Christianity in an Ecological Age ' at 6.30 tonight in the University of Ulster 's Magee campus .", '2009-05-31'))
      .toEqual(['6.30 tonight → TIME 2009-05-31T18:30']);
    expect(all('The shares fell 6.30 today.', '2009-05-31')).toEqual(['today → DATE 2009-05-31']);
  });
});

describe('tense, session 9', () => {
  it('"By <time>, <passive past>" looks back; "By <time>, … was expected to" still ahead', () => {
    expect(all("The problem was not in the cement but in BP 's design of the well . By 1 a.m. , on April 20 , the cement job was completed .", '2010-09-09'))
      .toEqual(['1 a.m. , on April 20 → TIME 2010-04-20T01:00']);
    expect(all('By April 20, the deal was expected to close.', '2010-09-09')).toEqual(['April 20 → DATE 2011-04-20']);
  });
});

describe('second sample (seed 10), session 9', () => {
  it('"By 9 a.m. Sunday, <simple past>" looks back', () => {
    expect(all('By 9 a.m. Sunday, the Rev. Al Sharpton began taking calls from black listeners to his "Keepin\' It Real" radio program.', '2016-09-19'))
      .toEqual(['9 a.m. Sunday → TIME 2016-09-18T09:00']);
    expect(all('By Sunday, he will be gone.', '2016-09-19')).toEqual(['Sunday → DATE 2016-09-25']);
  });

  it('a possessive weekday naming an event that is invited to or the subject of "will" looks ahead', () => {
    expect(all('Pence said Donald Trump’s tweet to invite Gennifer Flowers to Monday night’s debate was only “to mock” Hillary Clinton for inviting Trump critic Mark Cuban.', '2016-09-25'))
      .toEqual(['Monday night → TIME 2016-09-26TNI']);
    expect(all("And while Monday's debate in New York will be Trump's first against a single opponent, Clinton went up against Bernie Sanders five times.", '2016-09-23'))
      .toEqual(["Monday → DATE 2016-09-26"]);
    // the results of a past event
    expect(all("The results of Tuesday's five Democratic presidential primaries will almost certainly force Sen. Bernie Sanders to rethink.", '2016-04-28'))
      .toEqual(['Tuesday → DATE 2016-04-26']);
  });

  it('"the following morning", "the previous night" count from the day the text is on', () => {
    expect(all('Cruz spoke at the convention on July 20. At a tense breakfast with the Texas delegation the following morning, Cruz said he would not back Trump.', '2016-09-26'))
      .toEqual(['July 20 → DATE 2016-07-20', 'the following morning → TIME 2016-07-21TMO']);
    expect(all('He left the next morning.', '2016-09-26')).toEqual(['the next morning → TIME XXXX-XX-XXTMO']);
  });
});

describe('second sample (seed 10), more classes', () => {
  it('a number with thousands separators is one number ("800,000 years")', () => {
    expect(all('ice-core records , which now trace Earth history back about 800,000 years .', '2011-01-06'))
      .toEqual(['now → DATE PRESENT_REF', 'about 800,000 years → DURATION P800L APPROX']);
    // before year 1 there is no calendar year to write
    expect(all('Over 2,500 years ago the Buddha taught that human beings should seek balance.', '2008-06-06')).toEqual(['Over 2,500 years ago → DATE PAST_REF MORE_THAN']);
  });

  it('"happen overnight" means suddenly; "fell overnight" is a night', () => {
    expect(all("there 's been a lot of mistrust built up over the years , so it 's not going to happen overnight '' and that", '2009-02-10'))
      .toEqual(['the years → DURATION PXY']);
    expect(all('Stocks fell overnight.', '2009-02-10')).toEqual(['overnight → TIME 2009-02-09TNI']);
  });

  it('"It happened the next year" is the year after the text\'s; "over the next year" a length', () => {
    expect(all('The spill happened in 1989. The law was repealed the next year.', '2010-06-06')).toEqual(['1989 → DATE 1989', 'the next year → DATE 1990']);
    expect(all('The plant will be closed over the next year.', '2010-06-06')).toEqual(['the next year → DURATION P1Y']);
    expect(all('“The next decade of action is critical,” he said.', '2016-06-06')).toEqual(['The next decade → DURATION P10Y']);
    // "the next day or two" after a plan word stays on the DCT's side
    expect(all('On Wednesday aid arrived. Mr Holmes said the UN expected to resolve problems with fuel in the next day or two .', '2010-01-18')).toContain('the next day → DATE 2010-01-19');
  });

  it('a programme named after a tokenised opening quote ("ABC \'s `` This Week") is no week', () => {
    expect(all("White House Chief of Staff Rahm Emanuel told ABC 's `` This Week . ''", '2010-06-20')).toEqual([]);
  });
});

describe('third sample (seed 11), session 9', () => {
  it('a plan told in the simple past ("was expected to … on Friday") takes the nearer day; "had been due to" stays behind', () => {
    expect(all('At the same briefing , a coastguard official said the oil slick was expected to wash ashore on the Gulf Coast on Friday .', '2010-04-29'))
      .toEqual(['Friday → DATE 2010-04-30']);
    expect(all('The contract had been due to expire Friday.', '2010-04-29')).toEqual(['Friday → DATE 2010-04-23']);
  });

  it('tokenised decades ("the late 1970 \'s") and "a brighter tomorrow"', () => {
    expect(all("Interest rates were at the 10-15 % level in the late 1970 's , much higher than now .", '2008-10-15'))
      .toEqual(["the late 1970 's → DATE 197 END", 'now → DATE PRESENT_REF']);
    expect(all('“We are reminded of the millions of refugees who are unsure of their future, but still hoping for a brighter tomorrow,” Obama said.', '2016-09-12'))
      .toEqual(['tomorrow → DATE FUTURE_REF']);
    expect(all('They have a meeting tomorrow.', '2016-09-12')).toEqual(['tomorrow → DATE 2016-09-13']);
  });

  it('"planned to <verb> … on Friday" (simple past) takes the nearer weekday', () => {
    expect(all('President Barack Obama , seeking to contain political fallout from the disaster , planned to visit the Louisiana Gulf coast again on Friday to view what has eclipsed the 1989 Exxon Valdez disaster as the worst oil spill in U.S. history .', '2010-06-03'))
      .toEqual(['Friday → DATE 2010-06-04', '1989 → DATE 1989']);
    expect(all('He also planned to discuss the complaints with BP officials Wednesday .', '2010-06-10')).toEqual(['Wednesday → DATE 2010-06-09']);
  });

  it('a clock time in a schedule ("weekdays from 6:00 a.m. to 9:00 a.m.", "at 5:30 every morning") is on no one day', () => {
    expect(all('Breitbart News Daily airs on SiriusXM Patriot 125 weekdays from 6:00 a.m. to 9:00 a.m. Eastern.', '2016-09-15'))
      .toEqual(['6:00 a.m. → TIME XXXX-XX-XXT06:00', '9:00 a.m. → TIME XXXX-XX-XXT09:00']);
    expect(all('He shows up at work at 5:30 every morning to watch the sun rise over the Gulf .', '2008-09-25'))
      .toEqual(['5:30 → TIME XXXX-XX-XXT05:30', 'every morning → SET XXXX-XX-XXTMO']);
    // a comment stamp after a "|" is not part of the schedule before it
    expect(all('people are finding out every day Posted by : Mike | September 24 , 2008 8:46 PM | Report abuse', '2008-09-25'))
      .toContain('8:46 PM → TIME 2008-09-24T20:46');
  });

  it('"three months later than promised" is a length; "the final quarter in 2010" that year\'s quarter', () => {
    expect(all('Advisers said he is considering a plan to withdraw all U.S. combat troops from Iraq as soon as August 2010 , three months later than promised during the campaign .', '2009-02-25'))
      .toEqual(['August 2010 → DATE 2010-08', 'three months → DURATION P3M']);
    expect(all('Analysts expect BP to report $ 5bn profits for the final quarter in 2010 , on Tuesday .', '2011-01-30'))
      .toEqual(['the final quarter in 2010 → DATE 2010-Q4', 'Tuesday → DATE 2011-02-01']);
    expect(all('Revenue rose 3.5 percent compared to the same period in 2014.', '2015-11-20')).toContain('2014 → DATE 2014');
  });

  it('"the next year and a half" is one and a half years', () => {
    expect(all('White House officials predict the measure will create 3.5 million jobs over the next year and a half , easing the effects of the worst economic downturn in a generation .', '2009-02-14'))
      .toEqual(['the next year and a half → DURATION P1Y6M']);
    expect(all('Trump blamed Clinton directly for the past decade and a half of foreign policies.', '2016-09-10')).toEqual(['the past decade and a half → DURATION P15Y']);
  });
});

describe('relative clauses, session 9 (review 9)', () => {
  it('a relative clause set off by dashes or commas has its own tense', () => {
    // the main clause's "accepted" does not put the plan in the past (bpoil_bbc, 27 July 2010)
    expect(all("But chief executive Tony Hayward - who is to leave the top job in October - accepted that the firm could not move on with him at the helm .", '2010-07-27'))
      .toEqual(['October → DATE 2010-10']);
    // and a past relative clause inside a future sentence stays past (bpoil_foxnews, Thursday 15 July 2010)
    expect(all("Allen said it 's not clear yet whether the cap , which was mounted on the well Monday , will ultimately be used to shut in the oil .", '2010-07-15'))
      .toEqual(['Monday → DATE 2010-07-12']);
  });
});
