// Review 11 #5 / #9 (story12): which day a sentence tells, and what counts as a day's news, on real
// Timeline17 text — a day inside an earlier clause ("until after Barack Obama … had visited the
// country on 16 April") is not the sentence's news; an authority's act (raised the alert, confirmed
// cases) is.
import { describe, expect, it } from 'vitest';
import { buildStory, extractEventMentions, type StoryArticle } from '../../src/story/index.js';
import { analyzeForTimeline, looksOneSentencePerLine } from '../../src/story/light.js';
import { officialAct } from '../../src/story/quality.js';
import { t17Text } from '../helpers/t17.js';

function article(folder: string, id: string): StoryArticle {
  const { text, dct } = t17Text(folder, id);
  const published = dct.slice(0, 10);
  return { id: `${folder}-${id}`, title: '', text, published, source: folder, duplicateOf: null, analysis: analyzeForTimeline(text, { dct: published, lines: looksOneSentencePerLine(text) }) };
}

describe('a day in an earlier clause', () => {
  it('dates the clause, not the sentence (Guardian, 12 May 2009: Castro on Obama\'s visit of 16 April)', () => {
    const castro = article('H1N1_guardian', '845');
    const mention = extractEventMentions(castro).find((m) => m.text.startsWith('Fidel Castro accused Mexico'));
    expect(mention?.date).toBe('2009-04-16');
    expect(mention?.earlierClause).toBe(true);
    // The article alone: its accusation is no entry of 16 April.
    const story = buildStory([castro]);
    expect(story.timeline.find((e) => e.date === '2009-04-16')?.summary ?? '').not.toMatch(/Fidel Castro accused/);
  });

  it('leaves a main clause\'s day alone when the earlier clause ended before it (Reuters, 3 May 2009)', () => {
    const mention = extractEventMentions(article('H1N1_reuters', '1043')).find((m) => m.text.startsWith('After days of alarm'));
    expect(mention?.date).toBe('2009-05-03');
    expect(mention?.earlierClause).toBeUndefined();
  });
});

describe('officialAct: what an authority did', () => {
  it('finds acts, named or passive (H1N1, Reuters and BBC)', () => {
    for (const s of [
      // the tagger may miss "The WHO": an acronym is an institution's name
      'The WHO raised its pandemic alert level for the swine flu virus to phase 4 , indicating a significantly increased risk of a pandemic , a global outbreak of a serious disease .',
      "Margaret Chan , the WHO 's director-general , on Wednesday night raised the world flu alert level from 4 to 5 and said : “It is really all of humanity that is under threat during a pandemic .”",
      'Two British people admitted to hospital in Scotland after returning from a holiday in Mexico have been confirmed as having the virus .',
    ]) {
      expect(officialAct(s, []), s).toBe(true);
    }
  });

  it('finds none in states, forecasts, markets and acts told as background', () => {
    for (const s of [
      'As the death toll from swine flu in Mexico rises to more than 100 people , governments around the world are on high alert for a possible flu pandemic .',
      'The WHO is likely to raise its pandemic alert level tomorrow if more cases are confirmed .',
      'Shares of Japanese medical mask makers rose on Thursday , a day after the first case of the H1N1 flu virus was confirmed in Tokyo , further fueling speculation of strong demand for masks .',
      'Shares in BP have closed down nearly 5 % in London amid uncertainty over the success of its latest attempts to stop the Gulf of Mexico oil leak .',
      'Although the new flu strain has so far killed people only in Mexico , there were more than 40 confirmed cases in the United States , including 20 at a New York City school .',
    ]) {
      expect(officialAct(s, []), s).toBe(false);
    }
  });

  it('takes an organisation or place the tagger found before the verb as the actor', () => {
    const s = "Hong Kong confirmed Asia 's first case of the new H1N1 flu virus in a Mexican traveler on Friday .";
    expect(officialAct(s, [])).toBe(false);
    expect(officialAct(s, ['Hong Kong'.length])).toBe(true);
  });
});
