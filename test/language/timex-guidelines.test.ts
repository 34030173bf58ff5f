// Session 11: classes the TimeML guidelines settle, found on aquaint-A and a fresh modern-news sample
// (bench/timex-sample.ts --seed 14), each on the sentence it was found in (aquaint-A, Timeline17).
import { describe, expect, it } from 'vitest';
import { findTimexes } from '../../src/language/timex/index.js';

/** Every expression as "text → TYPE value [mod]". */
function all(text: string, dct: string | null): string[] {
  return findTimexes(text, { dct }).map((t) => `${t.text} → ${t.type} ${t.value}${t.mod ? ' ' + t.mod : ''}`);
}

describe('guideline fixes, session 11', () => {
  it('one unit before "-long" is a duration of that unit ("day-long", "week-long", "hourlong")', () => {
    expect(all("Elian's Miami family emerged from their third day-long meeting with federal officials, but said nothing.", '2000-04-03'))
      .toEqual(['day-long → DURATION P1D']);
    expect(all('City-state Singapore has ordered eight people who have just returned from Mexico into a week-long home quarantine .', '2009-05-05'))
      .toEqual(['week-long → DURATION P1W']);
    expect(all('Senate leaders hope to complete work on the bill before Congress goes on a weeklong break next week .', '2010-05-25'))
      .toEqual(['weeklong → DURATION P1W', 'next week → DATE 2010-W22']);
    expect(all('The minute-long quake was felt all over the island and reached 7.0 on the Richter scale .', '2010-01-13'))
      .toEqual(['minute-long → DURATION PT1M']);
    // a number before it is still one duration
    expect(all('a two-week-long strike', '2010-01-13')).toEqual(['two-week-long → DURATION P2W']);
  });

  it('"Easter week" and "Holy Week" are the week that ends on Easter Sunday', () => {
    expect(all('Earlier Sunday, protesters prayed for divine help as Easter week began, waving palm fronds and posters.', '2000-04-17'))
      // (session 12: a capitalised "Earlier" stays in the span, as "earlier Sunday" always did and as TimeBank writes it)
      .toEqual(['Earlier Sunday → DATE 2000-04-16 START', 'Easter week → DATE 2000-W16']);
    expect(all('Pilgrims crowded Jerusalem during Holy Week in 1998.', '2000-04-17')).toEqual(['Holy Week in 1998 → DATE 1998-W15']);
  });

  it('"The March accession" is a month; "The March on Washington" and "the march" are not', () => {
    expect(all('The March accession will enable the three countries to take part in the NATO Washington summit on April 24 and 25.', '1999-02-10'))
      .toEqual(['March → DATE 1999-03', 'April 24 → DATE 1999-04-24', '25 → DATE 1999-04-25']);
    expect(all('Paulson began in similar vein , declaring his belief in markets while presiding over the March bailout of Bear Stearns .', '2008-09-16'))
      .toEqual(['March → DATE 2008-03']);
    expect(all('The March on Washington drew thousands, and the march of the veterans went on.', '2008-09-16')).toEqual([]);
    expect(all('Ministers in the May government met.', '2017-09-16')).toEqual([]);
  });

  it('a deadline extended or granted "until" a time lies ahead even in a past clause', () => {
    expect(all('The talks went on through two days of negotiations, and INS extended its deadline until 9 a.m. EST Tuesday.', '2000-04-03'))
      .toEqual(['two days → DURATION P2D', '9 a.m. EST Tuesday → TIME 2000-04-04T09:00']);
    // a past clause without a deadline still ends in the past; the past perfect too
    expect(all('Protesters kept going until 2 a.m. Friday.', '2000-04-03')).toEqual(['2 a.m. Friday → TIME 2000-03-31T02:00']);
    expect(all('They had given him until Friday to leave.', '2000-04-03')).toEqual(['Friday → DATE 2000-03-31']);
  });

  it('"by the autumn", "by the weekend" look ahead unless the clause before "by" is in the simple past', () => {
    expect(all('The U.S. government said it hoped to have a vaccine ready for the new flu strain by the autumn .', '2009-05-03'))
      .toEqual(['the autumn → DATE 2009-FA']);
    expect(all('Tropical Storm Bonnie , which blossomed over the Bahamas and was to enter the Gulf of Mexico by the weekend , could delay the push .', '2010-07-21'))
      .toEqual(['the weekend → DATE 2010-W29-WE']);
    expect(all('The number of cases soared to 498 by the weekend , followed on Sunday by the first death of someone with swine flu outside the Americas .', '2009-06-17'))
      .toEqual(['the weekend → DATE 2009-W24-WE', 'Sunday → DATE 2009-06-14']);
    // "by" + a noun after the season is an agent: "hit by the winter freeze" stays as before
    expect(all('Its retail arm was hit by the winter freeze in the UK .', '2010-08-23')).toEqual(['the winter → DATE 2009-WI']);
    // a forecast told in the past ("a 30 percent chance of strengthening … by Friday") still looks ahead
    expect(all('The National Oceanic and Atmospheric Administration gave it a 30 percent chance of strengthening into a tropical cyclone by Friday .', '2010-06-24'))
      .toEqual(['Friday → DATE 2010-06-25']);
  });

  it('a bare clock time told in the past is on the day the sentence before set', () => {
    const text = 'By 1 a.m. , on April 20 , the cement job was completed . `` We have completed the job and it went well , \'\' Chaisson wrote to Gagliano in an e-mail at 5:44 a.m. Confidence was up .';
    expect(all(text, '2010-09-09')).toEqual(['1 a.m. , on April 20 → TIME 2010-04-20T01:00', '5:44 a.m. → TIME 2010-04-20T05:44']);
    // not the start of a stretch up to now ("since 20 April"), not a day the text looks ahead to, not a
    // market report's "by 1336 GMT", not an event named by its time ("the midday briefing")
    expect(all('BP has now lost # 44bn of its value since 20 April , when the Deepwater Horizon oil rig exploded . By 2.30 pm the shares had staged a partial recovery .', '2010-06-01'))
      .toEqual(['now → DATE PRESENT_REF', '20 April → DATE 2010-04-20', '2.30 pm → TIME 2010-06-01T14:30']);
    expect(all('The agency said it would complete new inspections within seven days to prevent a repeat of the April 20 blast . Obama aides stressed at the midday briefing that BP would bear the cost .', '2010-04-30'))
      .toEqual(['seven days → DURATION P7D', 'April 20 → DATE 2010-04-20', 'midday → TIME 2010-04-30T12:00']);
    expect(all('Two U.S. Senators said on Wednesday BP should cut its dividend . The stock was up 2.6 percent at 440.8 pence by 1336 GMT , back in line with European peers .', '2010-06-03'))
      .toEqual(['Wednesday → DATE 2010-06-02', '1336 GMT → TIME 2010-06-03T13:36']);
  });

  it('a day after "since" is no day the text is on: "the previous day" counts from the report', () => {
    expect(all('BP has now lost # 44bn of its value since 20 April , when the Deepwater Horizon oil rig exploded . Speculators rushed to buy protection against a potential default of BP credit , sending its price to $ 170,000 , a $ 68,000 jump from the previous day , according to Markit .', '2010-06-01'))
      .toEqual(['now → DATE PRESENT_REF', '20 April → DATE 2010-04-20', 'the previous day → DATE 2010-05-31']);
    // a year after "since" still is: "… since 2005 . That year Hurricane Katrina ravaged the region"
    expect(all('Forecasters predict it may be the most intense season since 2005 . That year Hurricane Katrina ravaged the region .', '2010-06-01'))
      .toEqual(['2005 → DATE 2005', 'That year → DATE 2005']);
  });

  it('a clock time with "the next morning" / "that night" is one time on that day', () => {
    expect(all('The leak seems to have begun late July 25 when something broke in a 30-inch pipeline . The leak was n\'t noticed until 11:45 the next morning .', '2010-08-06'))
      .toEqual(['July 25 → DATE 2010-07-25', '11:45 the next morning → TIME 2010-07-26T11:45']);
    expect(all('NHS Direct said : `` We started receiving calls about swine flu at around 3.30 pm on Sunday . By 11.30 pm that night we had had 88 swine flu calls .', '2009-04-28'))
      .toEqual(['around 3.30 pm on Sunday → TIME 2009-04-26T15:30 APPROX', '11.30 pm that night → TIME 2009-04-26T23:30']);
  });

  it('"was to <verb>" is a plan (the nearer day); the second participle of a passive has no tense (seed 15)', () => {
    expect(all('BP \'s board was to meet on Monday to discuss deferring its second-quarter dividend .', '2010-06-13'))
      .toEqual(['Monday → DATE 2010-06-14', 'second-quarter → DATE 2010-Q2']);
    expect(all('The cap will be tested and monitored to see if it can withstand pressure from oil and gas starting Tuesday morning for six to 48 hours .', '2010-07-12'))
      .toEqual(['Tuesday morning → TIME 2010-07-13TMO', 'six to 48 hours → DURATION PTXH']);
    // a past passive stays past
    expect(all('The suspects were arrested and charged on Tuesday .', '2010-07-12')).toEqual(['Tuesday → DATE 2010-07-06']);
  });

  it('a possessive weekday naming a scheduled event in a clause with no simple past is the nearer one (seeds 14, 16)', () => {
    expect(all('The Hollywood Foreign Press Association , organisers of Sunday \'s Golden Globe awards in Los Angeles , have pledged $ 100,000 to Jean \'s Yele Haiti Earthquake Fund .', '2010-01-15'))
      .toEqual(['Sunday → DATE 2010-01-17']);
    expect(all("Trump has complimented the moderator of Monday night's first debate, Lester Holt of NBC News, but with a distinct edge.", '2016-09-23'))
      .toEqual(['Monday night → TIME 2016-09-26TNI']);
    expect(all("Trump will probably use Monday's encounter to make some kind of news, Kall said.", '2016-09-23')).toEqual(['Monday → DATE 2016-09-26']);
    // a report in the past, or the outcome of the event, still looks back
    expect(all('“The impact of Monday’s debate is still small,” wrote Cameron Easley for Morning Consult.', '2016-09-30')).toEqual(['Monday → DATE 2016-09-26']);
    expect(all("Ways to get around Wednesday's ruling are being studied.", '2016-09-23')).toEqual(['Wednesday → DATE 2016-09-21']);
  });

  it('a year inside a company name is no year ("MOEX Offshore 2007 LLC")', () => {
    expect(all('BP will likely try to recoup some of these costs from its Macondo partners , Anadarko Petroleum Corp and MOEX Offshore 2007 LLC .', '2010-11-19')).toEqual([]);
    expect(all('In 2007 Inc. magazine named it the fastest-growing company.', '2010-11-19')).toEqual(['2007 → DATE 2007']);
  });

  it('"N years later" that would fall after the document date in a clause not about the future is a length', () => {
    expect(all('He then presided over the Constitutional Convention, which wrote and adopted the form of government under which we still live today, more than 200 years later.', '2016-07-28'))
      .toEqual(['today → DATE 2016-07-28', 'more than 200 years later → DURATION P200Y MORE_THAN']);
    // counted from a year the text gives, and not after the document's year, it stays a date
    expect(all('In Alaska , the killing did not stop in 1989 . Twenty-one years later , buried oil is still contaminating wildlife .', '2010-05-01'))
      .toEqual(['1989 → DATE 1989', 'Twenty-one years later → DATE 2010']);
  });

  it('a weekday with its part of day sets the day the text is on ("Thursday morning … In the afternoon")', () => {
    expect(all('President Obama delivered an education reform speech Thursday morning at the National Urban League \'s 100th Anniversary Convention . Later in the morning , the president met with his national security team . In the afternoon , he signed the Tribal Law and Order Act .', '2010-08-04'))
      .toEqual(['Thursday morning → TIME 2010-07-29TMO', 'the morning → TIME 2010-07-29TMO', 'the afternoon → TIME 2010-07-29TAF']);
  });

  it('a four-digit time in a schedule ("daily … at 0910 local time") is on no one day', () => {
    expect(all('Broadcasting on FM radio daily in Haitian Creole at 0910 local time -LRB- 1410 GMT -RRB- , for 20 minutes', '2010-01-29'))
      .toEqual(['daily → SET P1D', '0910 local time → TIME XXXX-XX-XXT09:10', '1410 GMT → TIME XXXX-XX-XXT14:10', '20 minutes → DURATION PT20M']);
  });
});
