// Session 12: classes the TimeML guidelines settle, found on a fresh modern-news sample
// (bench/timex-sample.ts --seed 17) and in the brief's list of known open cases, each on the
// sentence it was found in (Timeline17, PolNeAR, TimeBank).
import { describe, expect, it } from 'vitest';
import { findTimexes } from '../../src/language/timex/index.js';

/** Every expression as "text → TYPE value [mod]". */
function all(text: string, dct: string | null): string[] {
  return findTimexes(text, { dct }).map((t) => `${t.text} → ${t.type} ${t.value}${t.mod ? ' ' + t.mod : ''}`);
}

describe('guideline fixes, session 12', () => {
  it('a century or a year before Christ is written with "BC" (TIDES/TIMEX3), the era kept in the span', () => {
    expect(all('I came across edicts etched into rock faces and stone pillars by the 3rd Century BC Indian Emperor Ashoka .', '2010-06-22'))
      .toEqual(['the 3rd Century BC → DATE BC02']);
    expect(all('an ethical system developed by an Indian emperor called Ashoka in the third century B.C. .', '2010-06-22'))
      .toEqual(['the third century B.C. → DATE BC02']);
    expect(all('Julius Caesar was killed in 44 BC, and Vesuvius buried Pompeii in AD 79.', '2010-06-22'))
      .toEqual(['44 BC → DATE BC0044', 'AD 79 → DATE 0079']);
    // an era in lower case, or undotted before a capitalised word, is another word
    expect(all('the 20th century ad campaign', '2010-06-22')).toEqual(['the 20th century → DATE 19']);
    expect(all('In 2010 BC Hydro raised its rates.', '2010-06-22')).toEqual(['2010 → DATE 2010']);
  });

  it('a part of the day named before an hour without a.m./p.m. says which half of the clock it is in', () => {
    expect(all("It was Saturday afternoon , about 5 o'clock . Bourbon House sits squarely on the corner .", '2010-06-23'))
      .toEqual(['Saturday afternoon → TIME 2010-06-19TAF', "about 5 o'clock → TIME 2010-06-19T17:00 APPROX"]);
    expect(all("This morning at 9 o'clock he left.", '2010-06-23')).toEqual(['This morning → TIME 2010-06-23TMO', "9 o'clock → TIME 2010-06-23T09:00"]);
  });

  it('"that day in April" is one expression, a day of that month', () => {
    expect(all('Patriot handed over millions of dollars of environmental obligations to a nonprofit company. Until that day in April, Mr. Clarke, 61, had never been in a coal mine.', '2016-10-02'))
      .toEqual(['that day in April → DATE 2016-04-XX']);
  });

  it('"that day" right after a month told as past is a day of that month', () => {
    expect(all('He was sworn in in March. That day, he said nothing about the budget.', '2016-10-02'))
      .toEqual(['March → DATE 2016-03', 'That day → DATE 2016-03-XX']);
    // a day the text has named is that day
    expect(all('Mr. Trump spoke in Florida on March 3. The same day, Mr. Rubio campaigned in Ohio.', '2016-10-02'))
      .toEqual(['March 3 → DATE 2016-03-03', 'The same day → DATE 2016-03-03']);
    // a month hoped for is not the day's: "that day" keeps no month
    expect(all('One attendee said the message was that "this is not going to be over in February or March as much as we would all like it to be."  The strategy outlined that day was notable.', '2016-01-24'))
      .toEqual(['February → DATE 2016-02', 'March → DATE 2016-03', 'that day → DATE XXXX-XX-XX']);
  });

  it('"of the Year" in a title is a name, not the year', () => {
    expect(all('Multimedia Storytelling of the Year : Larry Downing for Those Left Behind : The Legacy of Arlington s Section 60 .', '2009-03-24')).toEqual([]);
    expect(all('One reader even noted that Adolph Hitler was chosen as Time’s Person of the Year in 1938.', '2015-12-09')).toEqual(['1938 → DATE 1938']);
    expect(all('It was the worst storm of the year.', '2015-12-09')).toEqual(['the year → DATE 2015']);
  });

  it('a bare plural unit after "after/despite/following/reflects …" before "of <noun>" is a vague duration', () => {
    expect(all("Demisch , the aerospace analyst , called the strike a `` tragedy '' that reflects years of poor labor relations at Boeing .", '2008-10-18'))
      .toEqual(['years → DURATION PXY']);
    expect(all('The completion of the merger agreement follows months of twists and turns.', '1989-10-30')).toEqual(['months → DURATION PXM']);
    expect(all('After weeks of tense negotiations among the White House , Democrats and Republicans , lawmakers put limits on the plan .', '2009-06-19'))
      .toEqual(['weeks → DURATION PXW']);
    // an age, or "of" before a determiner, is not
    expect(all('after years of age', '2009-06-19')).toEqual([]);
    expect(all('after years of the war', '2009-06-19')).toEqual([]);
  });

  it('a possessive weekday after "during" or "leading up to" names an event that happened: it looks back', () => {
    // DCT Friday: Monday is 4 days back and 3 ahead; the nearer day would be the coming Monday
    expect(all('Donald Trump is raising questions about his microphone problems during Monday’s debate with Hillary Clinton.', '2016-09-30'))
      .toEqual(['Monday → DATE 2016-09-26']);
    expect(all("Carson has shown little signs of stemming his seething fury toward Ted Cruz's campaign, slamming the Texas senator for failing to act proactively in the minutes leading up to Monday's Iowa caucuses.", '2016-02-05'))
      .toContain('Monday → DATE 2016-02-01');
    // a scheduled event named in a clause with no simple past still takes the nearer day
    expect(all("Trump has complimented the moderator of Monday night's first debate, Lester Holt of NBC News, but with a distinct edge.", '2016-09-23'))
      .toEqual(['Monday night → TIME 2016-09-26TNI']);
  });

  it('"N plus <unit>" is at least that long; "the weeks ahead" keeps "ahead" in its span (TimeBank)', () => {
    expect(all('Can BP support these families for 15 plus years ?', '2010-07-08')).toEqual(['15 plus years → DURATION P15Y EQUAL_OR_MORE']);
    expect(all('the Obama administration on Thursday gave BP officials 24 hours to provide a detailed description of what they will do in the weeks ahead and how they will do it .', '2010-07-09'))
      .toEqual(['Thursday → DATE 2010-07-08', '24 hours → DURATION PT24H', 'the weeks ahead → DURATION PXW']);
  });

  it('abbreviated units ("hrs", "mins", "yrs") are units; a day or more of hours ago is an earlier day', () => {
    expect(all("My brother pulled from rubble of Hotel Montana 55 hrs after quake - still hope for others . ''", '2010-01-15'))
      .toEqual(['55 hrs → DURATION PT55H']);
    expect(all('he served 5 yrs in prison', '2010-06-21')).toEqual(['5 yrs → DURATION P5Y']);
    expect(all('The first reports came in 30 hrs ago.', '2010-06-21')).toEqual(['30 hrs ago → DATE 2010-06-20']);
    // a related-stories widget's stamp counts from the unknown time of the scrape, not from the DCT;
    // and the number before the dash ends a date ("9/11"), not a range of hours
    expect(all('Sky News Protesters Interrupt BP Speech - 4 hrs ago Mirror . Rig worker makes safety charge - 28 hrs ago The pun', '2010-06-21')).toEqual([]);
    expect(all('BP rocked yet again after Barack Obama compares Gulf oil disaster to 9/11 - 2 hrs ago Feedburner', '2010-06-13')).toEqual([]);
  });

  it('a weekday with a part of the day in the plural is a set ("Tuesday nights"), and so is a weekday sharing it', () => {
    expect(all('it said two new flights would leave Bombay on Monday and Tuesday nights from March 30, with the third departing on a Friday.', '1998-02-17'))
      .toContain('Tuesday nights → SET XXXX-WXX-2TNI');
    expect(all('it said two new flights would leave Bombay on Monday and Tuesday nights from March 30.', '1998-02-17'))
      .toEqual(['Monday → SET XXXX-WXX-1TNI', 'Tuesday nights → SET XXXX-WXX-2TNI', 'March 30 → DATE 1998-03-30']);
    expect(all("He was subsequently reassigned to the network's games on Monday nights.", '2016-04-21')).toEqual(['Monday nights → SET XXXX-WXX-1TNI']);
  });

  it('"the last day" is the final day, not the past 24 hours, unless a preposition of extent precedes it', () => {
    expect(all('BP said it was winding down its claims operation , and that today would be the last day it would consider claims from anyone suffering economic losses .', '2010-08-18'))
      .toEqual(['today → DATE 2010-08-18', 'the last day → DATE 2010-08-18']);
    expect(all('Ivanka Trump champions (some) working moms. On the last day of the Republican National Convention in July, Ivanka Trump spoke.', '2016-08-09'))
      .toEqual(['the last day → DATE XXXX-XX-XX', 'July → DATE 2016-07']);
    expect(all('The offer expires on the last day of February 2009.', '2009-01-10')).toEqual(['the last day of February 2009 → DATE 2009-02-28']);
    expect(all('Prices rose 2 percent in the last day.', '2009-01-10')).toEqual(['the last day → DURATION P1D']);
  });

  it('a clause-final "today" set against another time is the present age (PRESENT_REF), not the day', () => {
    expect(all('The prize approach made sense in a time when the pool of formal academics was tiny compared with today .', '2010-06-03'))
      .toEqual(['today → DATE PRESENT_REF']);
    expect(all("`` It was much more resilient 30 years ago than today . My fear is it is reaching a tipping point . ''", '2010-06-01'))
      .toEqual(['30 years ago → DATE 1980', 'today → DATE PRESENT_REF']);
    expect(all('early warning systems for the tsunamis that were as deadly back then as they are today ?', '2010-01-19')).toEqual(['today → DATE PRESENT_REF']);
    // a deadline or a time named against today is the day
    expect(all('He will arrive no later than today.', '2010-06-03')).toEqual(['today → DATE 2010-06-03']);
    expect(all('The vote could come as soon as today.', '2010-06-03')).toEqual(['today → DATE 2010-06-03']);
  });

  it('a modifier opening the sentence stays with its weekday ("Last Friday\'s announcement", "Earlier Sunday")', () => {
    expect(all("Last Friday's announcement was the first official word that the project was in trouble.", '1989-10-30'))
      .toEqual(['Last Friday → DATE 1989-10-27']);
    expect(all('Earlier Sunday, police and militant Protestants clashed.', '1998-03-23')).toEqual(['Earlier Sunday → DATE 1998-03-22 START']);
    // said on a Wednesday, "Last Wednesday" is the week before
    expect(all('Last Wednesday , after the earthquake , I decided to go to Haiti .', '2010-01-20')).toEqual(['Last Wednesday → DATE 2010-01-13']);
  });

  it('an approximate day keeps its quantifier ("around Nov. 1"), but "about" as a preposition does not count', () => {
    expect(all('The company will sell $137.5 million in preferred shares, to be completed around Nov. 1.', '1989-10-30'))
      .toEqual(['around Nov. 1 → DATE 1989-11-01 APPROX']);
    expect(all('But quick genetic analysis suggests the virus may have first infected someone around January 12 .', '2009-04-30'))
      .toEqual(['around January 12 → DATE 2009-01-12 APPROX']);
    expect(all('Councils are using interactive maps to display information about the 4 June elections', '2009-06-01'))
      .toEqual(['the 4 June → DATE 2009-06-04']);
  });
});
