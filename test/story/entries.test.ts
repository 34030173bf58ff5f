// Timeline entries that read well alone and tell each happening once, on real text (Timeline17 and
// the seeds): sentence quality (quality.ts) and same-happening scores across days (sameness.ts).
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildStory, DEFAULT_SELECTION, extractEventMentions, type DatedMention } from '../../src/story/index.js';
import { entryQuality } from '../../src/story/quality.js';
import { EventSameness, lemma, statedNumbers } from '../../src/story/sameness.js';
import { contentTerms, cosine, TfIdf } from '../../src/story/text.js';
import { SHARED_DATA } from '../helpers/paths.js';
import { t17StoryArticles } from '../helpers/t17.js';

const T17 = join(SHARED_DATA, 't17');

const topic = t17StoryArticles;

describe('entryQuality: a sentence that can stand alone as an entry', () => {
  it('keeps self-contained reports', () => {
    // Seeds and Timeline17 leads: a subject named, a verb of the event.
    for (const s of [
      'The Kremlin on Friday said it was "good" that US President Joe Biden was seeking dialogue with his Russian counterpart Vladimir Putin after Biden called for de-escalation.',
      'John Sullivan left Moscow on April 22nd.',
      'There are virtually no contacts between the Kremlin and the administration of US President Joe Biden, RIA Novosti reported.',
      'Turkey identified its first case of H1N1 swine flu , the Health Ministry said on Saturday .',
      'First death of swine flu patient in UK For the first time in Britain , a patient suffering from swine flu has died .',
      'Sept. 16 : The Federal Reserve Bank of New York is authorized to lend up to $ 85 billion to the big insurance company American International Group .',
    ]) {
      expect(entryQuality(s), s).toBeGreaterThanOrEqual(0.99);
    }
  });

  it('turns down what reads badly out of its article (the Washington Post on the financial crisis)', () => {
    for (const s of [
      // a pronoun standing for what the sentence before said
      'That comes after closing down 504 points yesterday -- the biggest point drop in seven years .',
      // a speech's first person with no speaker
      'I thank the treasury secretary , Hank Paulson , Federal Reserve Chairman Ben Bernanke and SEC Chairman Chris Cox for joining me today .',
      // the page talking about itself
      'This article quoted World Bank President Robert B. Zoellick as saying the world financial system may have reached a “tipping point .”',
      // a bullet list
      '\\* 4,379 people infected with H1N1 flu in 29 countries \\* Big increase in confirmed cases in United States \\* First death reported in Costa Rica',
      // a question
      'Is the Fed running out of ammunition ?',
      // the reader addressed, from a blog
      "That 's a long while to wait until you get jabs .",
      // a blog's first person
      "I 've just come back to Beijing following a few days in the UK .",
      // a price left from the page before the lead, a definition, the writer's attitude, the page
      // presenting itself, a transcript's label (review 8 F7: the Washington Post's crisis story)
      '$ 23.95 In a recent column assessing the growing literature on the causes of the financial crisis , David Brooks noted that two broad schools of thought have formed .',
      'Libor , or the London interbank offered rate , is the rate that banks worldwide charge each other for short-term loans .',
      'Sadly , Leeson did not have much to say about the current financial crisis .',
      'Here is a day-by-day look at the impact of the crisis on Wall Street and the steps legislators and government officials are taking to avert a meltdown in the global financial markets .',
      "Text of President George W. Bush 's remarks delivered Friday at the White House on financial assistance to troubled auto makers : For years , America 's automakers have faced serious challenges .",
      // a photo caption with no caption mark: named people seen doing something, in the present
      'Sens. John McCain and Barack Obama greet each other before holding their first debate , at the University of Mississippi in Oxford .',
    ]) {
      expect(entryQuality(s), s).toBeLessThan(DEFAULT_SELECTION.minQuality);
    }
  });

  it('turns down wire photo captions and a byline run into the lead (review 10 T2; BBC and Fox News on the BP spill)', () => {
    for (const s of [
      'An oil sheen is seen on the water at the site of the Deepwater Horizon oil spill in the Gulf of Mexico off the coast of Louisiana , May 27 2010 .',
      'June 23 , 2010 : This image from video provided by BP shows oil gushing from the broken wellhead at the site of the Deepwater Horizon oil well in the Gulf of Mexico .',
      'May 28 : President Obama picks up a “tar ball” during a tour of areas impacted by the Gulf Coast oil spill in Port Fourchon , La.',
      'The Deepwater Horizon sank following an explosion and fire By Michael Hirst and David Walker Stopping a potentially devastating slick from a damaged oil well in the Gulf of Mexico is only part of the headache currently facing BP .',
      // a media player's "Help" link glued to the lead
      "Help Amid the criticism of BP 's handling of the oil spill and allegations that cost-cutting caused the accident , the attempt to contain the leak continues .",
    ]) {
      expect(entryQuality(s), s).toBeLessThan(DEFAULT_SELECTION.minQuality);
    }
    // a caption run into the lead with no stop reads worse than the lead alone
    const lead = 'The administrator of a $ 20bn ( # 12.5 bn ) fund to compensate victims of the BP oil spill has said there is “no doubt” that fraudulent claims are an issue .';
    expect(entryQuality(`Kenneth Feinberg oversaw compensation for victims of the 11 September , 2001 attacks ${lead}`)).toBeLessThan(entryQuality(lead));
    // a chronology's dated line and a sentence saying how something is seen stay
    expect(entryQuality('Sept. 16 : The Federal Reserve Bank of New York is authorized to lend up to $ 85 billion to the big insurance company American International Group .')).toBe(1);
    expect(entryQuality("The spill is seen as the worst environmental disaster in America 's history .")).toBe(1);
  });

  it('lets a connective or an all-caps opening cost something without ruling the sentence out', () => {
    const connective = entryQuality('Even more alarmingly , the government of Iceland is presiding over a massive default by all the country \'s major banks .');
    expect(connective).toBeLessThan(1);
    expect(connective).toBeGreaterThanOrEqual(DEFAULT_SELECTION.minQuality);
    expect(entryQuality('FACING AN economic crisis , a banking crisis , a housing crisis and an auto industry crisis , President Obama used the opportunity of his address .')).toBeLessThan(1);
  });

  it('ranks below a plain report a heading, a role standing for a name, a quote whose speaker is "he"', () => {
    const plain = entryQuality('Turkey identified its first case of H1N1 swine flu , the Health Ministry said on Saturday .');
    for (const s of [
      'Financial Rescues Show That Faith in Free Market Is Shaken Self-reliance .',
      'Ben Bernanke , Fed Chairman and Newly Minted Radical Federal Reserve Chairman Ben Bernanke works the room at the National Press Club .',
      'The child is a pupil at one of the five schools that have already been closed due to the outbreak .',
      'The proposed commission would be one of the administration \'s most significant steps yet to overhaul the financial regulatory system .',
      '“I \'ve actually been chairman for three years ,” he said when his turn came at the microphone , “so those statistics are not quite as good as you made them out to be .”',
      'If a resistant strain of H1N1 swine flu starts circulating it would be a concern .',
      // what ought to be, in the writer's voice
      'Further legislation to deal with the economic crisis should not wait until the new president takes office .',
    ]) {
      expect(entryQuality(s), s).toBeLessThan(plain);
    }
    // A heading run into a sentence that goes on keeps that sentence's worth; so does a wire dateline.
    expect(entryQuality('In Speech to Congress , Obama Outlines His Plans for Economic Recovery President Obama offered a grim portrait of America \'s plight in an address to a joint session of Congress last night .')).toBe(1);
    expect(entryQuality('MEXICO CITY -LRB- Reuters -RRB- - A strain of flu never seen before has killed up to 60 people in Mexico , health officials said on Friday .')).toBe(1);
    // "should" said by someone, or inside a question reported, is no opinion of the writer's
    expect(entryQuality('Countries should be ready for more serious H1N1 flu infections and more deaths from the newly discovered virus , World Health Organization chief Margaret Chan said on Friday .')).toBe(1);
    expect(entryQuality("Another Day , a Weaker Dollar The financial crisis has intensified the debate over whether the dollar should remain the world 's dominant currency .")).toBe(1);
    // a figure that is the news is no price tag
    expect(entryQuality("A bipartisan rebellion in the House killed a $ 700 billion rescue plan for the nation 's financial system yesterday .")).toBe(1);
  });
});

describe('EventSameness: the same happening in other words', () => {
  it('brings nouns of action to their verbs', () => {
    expect(lemma('declaration')).toBe(lemma('declared'));
    expect(lemma('announcement')).toBe(lemma('announced'));
    expect(lemma('death')).toBe(lemma('died'));
    expect(lemma('vaccination')).toBe(lemma('vaccine'));
  });

  it('reads counts but not years or days of the month', () => {
    expect(statedNumbers('A new flu that has killed up to 68 people in Mexico , the WHO warned on 25 April 2009 .')).toEqual(['68']);
    expect(statedNumbers('Another nine UK cases of swine flu have been confirmed taking the total to 27 .')).toEqual(['9', '27']);
  });

  describe.skipIf(!existsSync(T17))('on H1N1 reports (BBC, Guardian, Reuters)', () => {
    const articles = topic('H1N1_bbc', 'H1N1_guardian', 'H1N1_reuters');
    const mentions = articles.flatMap((a) => extractEventMentions(a));
    const tfidf = new TfIdf();
    for (const m of mentions) tfidf.add(contentTerms(m.text));
    const same = new EventSameness(tfidf, mentions);
    const find = (start: string): DatedMention => {
      const m = mentions.find((x) => x.text.includes(start));
      if (!m) throw new Error(`no mention "${start}"`);
      return m;
    };
    const vector = (m: DatedMention) => tfidf.vector(contentTerms(m.text));

    it('recognises a rewording that shares few words', () => {
      const a = find('First death of swine flu patient in UK');
      const b = find("Although it 's not been officially confirmed , it 's understood that the first person with H1N1 swine flu to die");
      expect(cosine(vector(a), vector(b))).toBeLessThan(DEFAULT_SELECTION.neighbourRedundancy);
      expect(same.score(a, b)).toBeGreaterThanOrEqual(DEFAULT_SELECTION.sameEvent);
    });

    it('tells a new toll and an awaited declaration from the report itself', () => {
      // "killed up to 60" on Friday, "up to 68" on Saturday: the count moved, a new report
      // (Reuters' lines in Timeline17 open with a "MEXICO CITY | Fri Apr 24 …" header, which makes them
      // furniture: the sentences are taken as the extract stage leaves them.)
      const sentence = (text: string): DatedMention => ({ ...mentions[0]!, text, actorKeys: [] });
      const friday = sentence('A strain of flu never seen before has killed up to 60 people in Mexico and also appeared in the United States , where eight people were infected but recovered , health officials said on Friday .');
      const saturday = sentence('A new flu that has killed up to 68 people in Mexico could start a global epidemic , the World Health Organization warned on Saturday , as tests showed the strain might be spreading in the United States .');
      const thursday = sentence('A dangerous strain of flu never seen before has killed up to 60 people in Mexico and spread into the United States , where several people were reported ill .');
      expect(same.score(friday, thursday)).toBeGreaterThanOrEqual(DEFAULT_SELECTION.sameEvent);
      expect(same.score(friday, saturday)).toBeLessThan(DEFAULT_SELECTION.sameEvent);
      const expected = find('Many countries already have swine flu precautions in place UN health officials are expected to declare');
      const declared = find('WHO declares swine flu pandemic');
      expect(same.score(expected, declared)).toBeLessThan(DEFAULT_SELECTION.sameEvent);
    });

    it('tells each happening once in the story view, in sentences that read well alone', () => {
      const timeline = buildStory(articles, {}, { timelineOnly: true }).timeline.filter((e) => e.granularity === 'day');
      const within = (from: string, to: string, re: RegExp) => timeline.filter((e) => e.date >= from && e.date <= to && re.test(e.summary));
      // The first UK death: once, on the 14th (reported again on the 15th in other words).
      expect(within('2009-06-13', '2009-06-16', /\bfirst\b[^.]*\b(death|die[sd]?)\b/i).map((e) => e.date)).toEqual(['2009-06-14']);
      // The pandemic declared: on the 11th only; the 10th may say it is expected.
      const declared = within('2009-06-08', '2009-06-13', /\bdeclare[sd]?\b[^.]*pandemic/i).filter((e) => !/expected to declare/.test(e.summary));
      expect(declared.map((e) => e.date)).toEqual(['2009-06-11']);
      // Before: "Could you please review your estimated mortality rate…", "I 've been investigating…",
      // "A bolt from the blue Once in a blue moon…", "First , health officials have been charting…".
      for (const e of timeline) expect(entryQuality(e.summary), e.summary).toBeGreaterThanOrEqual(DEFAULT_SELECTION.minQuality);
      expect(timeline.some((e) => /^(?:Could you please|I 've been investigating|A bolt from the blue)/.test(e.summary))).toBe(false);
    });

    it('dates no happening by a day that only bounds a period or a measurement', () => {
      // "since May 14" bounds a period; in "Since the virus was first identified two weeks ago , the
      // WHO pushed its alert level…" the date is where a state began, not the sentence's news.
      expect(find('There have been no confirmed swine flu cases since May 14').periodEnd).toBe(true);
      expect(find('Since the new swine flu virus was first identified two weeks ago').periodEnd).toBe(true);
      expect(find('Turkey identified its first case of H1N1 swine flu').periodEnd).toBeUndefined();
      const timeline = buildStory(articles, {}, { timelineOnly: true }).timeline;
      expect(timeline.some((e) => /^Since the new swine flu virus|^There have been no confirmed swine flu cases since/.test(e.summary))).toBe(false);
      // An article's undated lead tells one news day: the BBC's "WHO declares swine flu pandemic"
      // stands on the 11th, so its next sentence "In a statement , the WHO says it decided to raise
      // the pandemic alert level…" does not stand on the 10th (review 8 F11).
      expect(timeline.some((e) => /^In a statement , the WHO says it decided to raise/.test(e.summary))).toBe(false);
      // ...nor does a lead a week later that only says it again ("The new strain of swine flu is
      // officially a pandemic now , according to the World Health Organization", 18 June)
      const pandemic = timeline.filter((e) => e.date > '2009-06-11' && /\b(?:is|now) (?:officially )?a (?:global )?pandemic\b|declared (?:a|the) (?:global )?pandemic/i.test(e.summary));
      expect(pandemic.map((e) => `${e.date} ${e.summary}`)).toEqual([]);
    });

    it('keeps the benchmark protocol as it was (each date on its own)', () => {
      const story = buildStory(articles, { dates: 20, start: '2009-04-01', end: '2009-06-30', reuseSentences: true }, { timelineOnly: true });
      expect(story.timeline).toHaveLength(20);
    });
  });
});

describe.skipIf(!existsSync(T17))('entries of a long story read well alone (Washington Post, financial crisis)', () => {
  const finan = topic('Finan_washingtonpost');
  const timeline = buildStory(finan, {}, { timelineOnly: true }).timeline;

  it('gives no entry a sentence that reads badly out of its article', () => {
    expect(timeline.length).toBeGreaterThanOrEqual(25);
    for (const e of timeline) for (const s of e.sentences) expect(entryQuality(s.text), s.text).toBeGreaterThanOrEqual(DEFAULT_SELECTION.minQuality);
    expect(timeline.some((e) => /^I thank the treasury secretary|^This article quoted|^That comes after/.test(e.summary))).toBe(false);
  });

  it('takes no measurement date for a happening, nor a yearless "Sept. 11" for 2008', () => {
    const mentions = finan.flatMap((a) => extractEventMentions(a));
    const asOf = mentions.find((m) => m.text.startsWith('For the top three recipients , the regulatory relief accounted for 42.6 percent'));
    expect(asOf?.date).toBe('2008-12-31');
    expect(asOf?.periodEnd).toBe(true);
    expect(timeline.some((e) => e.date === '2008-12-31' && /as of Dec\. 31/.test(e.summary))).toBe(false);
    // "the attacks of Sept. 11" (resolved to 2008 by the time-expression stage) is the day its
    // articles write "Sept. 11 , 2001": no 11 September 2008 entry, one 2001 background entry
    expect(timeline.some((e) => e.date === '2008-09-11')).toBe(false);
    expect(timeline.some((e) => e.date === '2001-09-11')).toBe(true);
  });
});
