// A headline or a picture's caption run into the lead with no stop, as scraped pages give their
// opening (Timeline17's BBC pages: "WHO declares swine flu pandemic The Director General of the
// World Health Organization…"): the story view shows the lead alone, and a story may take the
// headline for its title (review 11 #1, #2).
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildStory, storyHeadline, type StoryArticle } from '../../src/story/index.js';
import { entryText, gluedLeadStart } from '../../src/story/quality.js';
import { SHARED_DATA } from '../helpers/paths.js';
import { t17StoryArticles, t17Text } from '../helpers/t17.js';

const T17 = join(SHARED_DATA, 't17');

const openingLine = (folder: string, id: string) => t17Text(folder, id).text.split('\n')[0]!.trim();
const leadOf = (line: string) => line.slice(gluedLeadStart(line));

describe.skipIf(!existsSync(T17))('a headline or caption glued before the lead', () => {
  it('finds where the lead starts on scraped openings (BBC, H1N1, BP, Haiti)', () => {
    expect(leadOf(openingLine('H1N1_bbc', '324'))).toMatch(/^The Director General of the World Health Organization , Margaret Chan , has formally declared/);
    expect(leadOf(openingLine('H1N1_bbc', '352'))).toMatch(/^Two more people in London have been diagnosed/);
    // a reporter's video caption before the lead: "… reports from Mexico A 23-month-old Mexican child"
    expect(leadOf(openingLine('H1N1_bbc', '649'))).toMatch(/^A 23-month-old Mexican child has died of swine flu in Texas/);
    expect(leadOf(openingLine('bpoil_bbc', '1350'))).toMatch(/^The oil spill off the coast of America is now the worst in US history/);
    expect(leadOf(openingLine('haiti_bbc', '1512'))).toMatch(/^An 11-year-old girl has been pulled from the rubble/);
    // a headline, then a caption, then the lead
    expect(entryText({ text: openingLine('H1N1_bbc', '1176') })).toMatch(/^An extra 141 cases of swine flu have been confirmed in England/);
  });

  it('leaves sentences whole where a capital article or letter belongs to the phrase', () => {
    for (const s of [
      'Werely told The Guardian he based his estimate on techniques which track the speed of the oil .',
      'On Monday , the McCain campaign attacked The Times for its account of those payments to Mr Davis .',
      'It is a contagious respiratory disease of pigs caused by type A influenza viruses that regularly cause outbreaks .',
      'The number of confirmed cases of the new Influenza A ( H1N1 ) flu has risen to 10,243 and the death toll has edged up to 80 .',
      // the lead after it too short to be one, or the head holding a stop
      'Swine flu cases close UK school Another nine .',
      'Mexico City , the capital , closed its schools The city has 20 million people and its hospitals are full .',
    ]) {
      expect(gluedLeadStart(s), s).toBe(0);
    }
  });

  it('shows the lead alone in the H1N1 story and takes a glued headline as a title', () => {
    // titled by their opening lines, cut, as the pipeline titles pages that give none
    const titled = (a: StoryArticle): StoryArticle => {
      const line = a.text.split('\n')[0]!.replace(/\s+/g, ' ').trim();
      return { ...a, title: line.length > 100 ? `${line.slice(0, 100).trim()} …` : line };
    };
    const story = buildStory(t17StoryArticles('H1N1_bbc', 'H1N1_guardian', 'H1N1_reuters').map(titled));
    // the headline of the most reported day (the pandemic declared, 11 June), not one day's lede
    // ("U.S. health officials confirmed a total of 91 human cases … on Tuesday")
    expect(story.title).toBe('WHO declares swine flu pandemic');
    const texts = story.timeline.flatMap((e) => e.sentences.map((s) => s.text));
    expect(texts.length).toBeGreaterThan(20);
    for (const t of texts) expect(gluedLeadStart(t), t).toBe(0);
    // the pandemic declared (11 June): the BBC's lead, without its headline
    const declared = story.timeline.find((e) => e.date === '2009-06-11');
    expect(declared?.summary).not.toMatch(/^WHO declares swine flu pandemic The/);

    const text = t17Text('H1N1_bbc', '324').text;
    const page: StoryArticle = {
      ...t17StoryArticles('H1N1_bbc').find((a) => a.id === 'H1N1_bbc-324')!,
      // titled by its opening line, cut, as the pipeline titles a page that gives none
      title: `${text.split('\n')[0]!.slice(0, 100).trim()} …`,
    };
    expect(storyHeadline([page], []).title).toBe('WHO declares swine flu pandemic');
  });
});
