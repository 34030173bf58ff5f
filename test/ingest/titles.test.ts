// A title made from the text of an article that has none: its first sentence, not cut at "U.S."
// or "La.", without the byline or dateline before it (second review, item 8).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { titleFromText } from '../../src/pipeline.js';
import { extract } from '../../src/extract/index.js';
import { t17Articles } from '../helpers/paths.js';

const t17 = t17Articles;
/** The title an article without one gets at ingest: the extractor's, else one made from the clean text. */
const ingestTitle = (text: string) => {
  const a = extract({ text });
  return a.title || titleFromText(a.text);
};
/** A title that is a dateline, a byline or a time stamp (review 4 item 7: 123 of 697 Timeline17 titles were). */
const DATELINE_TITLE = /\( ?(?:Reuters|AP|AFP) ?\)|^\W*By [A-Z]|\||\bUK time\b|\b\d{1,2}:\d\d ?(?:[ap]m|[AP]M|[A-Z]{3})\b|^[A-Z][A-Z .,']{2,} --|^\W*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]* ?,? ?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/;

describe('titleFromText', () => {
  it('does not end the first sentence at an abbreviation', () => {
    expect(titleFromText("With BP's know-how and U.S. help, engineers capped the leaking well on Thursday after weeks of failed attempts.\nMore text follows.")).toBe(
      "With BP's know-how and U.S. help, engineers capped the leaking well on Thursday after weeks of failed attempts",
    );
  });

  it('leaves out a dateline and a byline line', () => {
    expect(titleFromText('GRAND ISLE, La. -- Oil washed ashore on the barrier island on Tuesday, officials said.\nMore text.')).toBe('Oil washed ashore on the barrier island on Tuesday, officials said');
    expect(titleFromText('By Maggie Fox, Health Editor\nWASHINGTON (Reuters) - Flu cases rose sharply on Monday, health officials said.')).toBe('Flu cases rose sharply on Monday, health officials said');
  });

  it('passes over a caption, a share prompt or an author note standing first (review 8 F9)', () => {
    expect(titleFromText('Rahman Ali ( L ) and Khak Hussain , both deaf and mute villagers , sit outside their home .\nThe floods have displaced millions of people across the province , officials said .')).toBe(
      'The floods have displaced millions of people across the province , officials said',
    );
    expect(titleFromText('Copy the URL and paste into your emails or Tweets to share this story .\nBP shares fell 5 percent on Monday after the company said the cap had failed .')).toBe(
      'BP shares fell 5 percent on Monday after the company said the cap had failed',
    );
  });

  it('keeps a plain first sentence, and cuts a long one at a clause boundary', () => {
    expect(titleFromText('Russia will fully maintain relations with the United States. Later text.')).toBe('Russia will fully maintain relations with the United States');
    const long = titleFromText(`${'The committee, which met for the third time this month, '.repeat(4)}agreed.`);
    expect(long.length).toBeLessThanOrEqual(151);
    expect(long.endsWith('…')).toBe(true);
  });

  it('leaves out the wire forms: place and stamp, agency dateline, byline with a dateline, a blog byline and stamp', () => {
    expect(titleFromText('GENEVA | Tue Jun 30, 2009 1:58 pm EDT GENEVA (Reuters) - The first H1N1 vaccines will be ready in September, the WHO said.\nMore.')).toBe(
      'The first H1N1 vaccines will be ready in September, the WHO said',
    );
    expect(titleFromText('By Maggie Fox, Health and Science Editor WASHINGTON | Mon Mar 2, 2009 4:23 pm EST WASHINGTON (Reuters) - Flu cases rose sharply.')).toBe('Flu cases rose sharply');
    expect(titleFromText('Susan Watts | 18:00 UK time, Saturday, 25 April 2009 Experts are clearly extremely concerned about the new virus.')).toBe(
      'Experts are clearly extremely concerned about the new virus',
    );
    expect(titleFromText('GENEVA ( Reuters ) - The World Health Organization recommended on Friday that rotavirus vaccines be included.')).toBe(
      'The World Health Organization recommended on Friday that rotavirus vaccines be included',
    );
  });

  it('takes the headline a page printed before its dateline', () => {
    expect(titleFromText('India confirms first case of H1N1 flu NEW DELHI | Sat May 16, 2009 11:38 am EDT NEW DELHI (Reuters) - India confirmed its first case.')).toBe(
      'India confirms first case of H1N1 flu',
    );
  });

  it('gives Timeline17 articles titles that are not datelines or bylines', () => {
    let bad = 0;
    let total = 0;
    for (const folder of ['H1N1_reuters', 'H1N1_bbc', 'bpoil_reuters', 'Finan_washingtonpost']) {
      for (const r of t17(folder)) {
        total++;
        const title = ingestTitle(r.text!);
        if (DATELINE_TITLE.test(title)) bad++;
      }
    }
    expect(total).toBeGreaterThan(900);
    expect(bad).toBeLessThanOrEqual(total * 0.01);
  });

  it('gives the seeds the titles they had', () => {
    const seed = (name: string) => readFileSync(new URL(`../../examples/seeds/${name}`, import.meta.url), 'utf8');
    expect(ingestTitle(seed('001_aa04ac5f397be0f2.txt'))).toBe('The US Open for New Contacts Between Biden and Putin');
    expect(ingestTitle(seed('004_0c206504672e1e96.txt'))).toBe('Russia will fully maintain relations with the United States');
  });
});
