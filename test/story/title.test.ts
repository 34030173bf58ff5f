// Story titles on real text (Timeline17 pages with no headline, titled by the pipeline from their
// opening line): a caption, a byline, an author's note, a share bar or a line cut inside a
// parenthesis is no title (review 8: "Rahman Ali ( L ) and Khak Hussain , both deaf and mute
// villagers…", "Copy the URL and paste into your emails or Tweets…").
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { titleFromText } from '../../src/pipeline.js';
import { storyHeadline, type StoryArticle } from '../../src/story/index.js';
import { analyzeForTimeline, looksOneSentencePerLine } from '../../src/story/light.js';
import { SHARED_DATA, t17Articles } from '../helpers/paths.js';
import { t17Text } from '../helpers/t17.js';

const T17 = join(SHARED_DATA, 't17');

function page(folder: string, id: string): StoryArticle {
  const r = t17Articles(folder).find((a) => a.id === id);
  if (!r) throw new Error(`no article ${id} in ${folder}`);
  const published = r.published.slice(0, 10);
  // titled by its opening line, as a page whose given title is that line would be (the text as the
  // pipeline reads it, before the extract stage, which may drop such a line: the story stage must
  // not count on that)
  const { text } = t17Text(folder, id);
  return {
    id: `${folder}-${id}`,
    title: text.split('\n')[0]!.replace(/\s+/g, ' ').trim().replace(/\s*[.]$/, ''),
    text,
    published,
    source: folder.split('_')[1] ?? null,
    duplicateOf: null,
    analysis: analyzeForTimeline(text, { dct: published, lines: looksOneSentencePerLine(text) }),
  };
}

describe.skipIf(!existsSync(T17))('story titles skip captions, bylines and promotions', () => {
  const cases: Array<[string, string, RegExp]> = [
    // a photo caption: "( L )" beside a name
    ['H1N1_reuters', '951', /\(\s?L\s?\)/],
    // a share bar addressing the reader
    ['H1N1_bbc', '692', /^Copy the URL/],
    // an author's note and a correspondent's byline
    ['Finan_washingtonpost', '2113', /award-winning journalism career/],
    ['H1N1_reuters', '523', /is a Reuters senior correspondent/],
  ];
  for (const [folder, id, bad] of cases) {
    it(`${folder} ${id}`, () => {
      const a = page(folder, id);
      expect(a.title, 'the page is titled by that line').toMatch(bad);
      const { title } = storyHeadline([a], []);
      expect(title.length).toBeGreaterThan(10);
      expect(title).not.toMatch(bad);
      // a page with no title is not titled by such a line either
      expect(titleFromText(t17Text(folder, id).text)).not.toMatch(bad);
    });
  }

  it('takes no title cut inside a parenthesis (a stock ticker the tokeniser split)', () => {
    // the text itself is whole since session 10 ("(JPM.N)" rejoined), so the cut title is given
    const a = page('H1N1_reuters', '560');
    expect(a.title).toMatch(/J\.P\. Morgan Chase & Co \(JPM\.N\) and a group/);
    const cut = { ...a, title: 'NEW YORK | Mon Jun 15 , 2009 7:05 pm EDT NEW YORK ( Reuters ) - J.P. Morgan Chase & Co ( JPM' };
    const { title } = storyHeadline([cut], []);
    expect(title.length).toBeGreaterThan(10);
    expect(title).not.toMatch(/\(\s*JPM\s*$/);
  });

  it('takes no wire photo caption opening the page for its title (review 10 T2, review 9)', () => {
    // a slideshow's dated label on a caption: not even alone
    const labelled = page('bpoil_foxnews', '1314');
    expect(labelled.title, 'the page is titled by that line').toMatch(/^April 21 : The Deepwater Horizon oil rig burns/);
    const alone = storyHeadline([labelled], []).title;
    expect(alone.length).toBeGreaterThan(10);
    expect(alone).not.toMatch(/^April 21 :/);
    // a caption with no verb (the BP story's title in review 9) loses to a headline that has one
    const caption = page('bpoil_guardian', '1216');
    expect(caption.title, 'the page is titled by that line').toMatch(/^Oil in the water at the site of the Deepwater Horizon oil spill/);
    const headline = { ...page('bpoil_bbc', '183'), title: 'BP oil leak plug going as planned' };
    expect(storyHeadline([caption, headline], []).title).toBe('BP oil leak plug going as planned');
  });

  it('keeps a headline that reads as one', () => {
    const a = { ...page('H1N1_reuters', '951'), title: 'Deaf village in Kashmir learns to talk in signs' };
    expect(storyHeadline([a], []).title).toBe('Deaf village in Kashmir learns to talk in signs');
  });
});
