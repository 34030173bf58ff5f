// Review 9: a "he"/"she" speaker is a person, never the rig, storm, website or charity the NER took
// for one; and no content ends or starts inside a number or at an abbreviation's full stop. On the
// Timeline17 BP oil spill and Haiti articles the review read, as the pipeline reads them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { untokenisePtb } from '../../src/extract/text/index.js';
import { analyze } from '../../src/language/index.js';
import type { Quote } from '../../src/types.js';
import { t17Text } from '../helpers/t17.js';
import { SHARED_DATA } from '../helpers/paths.js';

const slice = (text: string, s: [number, number] | null) => (s ? text.slice(s[0], s[1]) : '');
const quotesOf = (text: string, dct: string | null = null): Quote[] => analyze(text, { dct }).quotes;
const speakersOf = (text: string, quotes: Quote[], words: string) => quotes.filter((q) => slice(text, q.content).includes(words)).map((q) => q.speaker);
const contentOf = (text: string, quotes: Quote[], words: string) => quotes.map((q) => slice(text, q.content)).filter((c) => c.includes(words));

describe('"he"/"she" speak for a person only', () => {
  it('Chris Huhne\'s words after a pull-quote box and "the Deepwater Horizon project" are his (BBC 210)', () => {
    const { text, dct } = t17Text('bpoil_bbc', '210');
    const quotes = quotesOf(text, dct);
    for (const words of ['stark reminder of the environmental dangers', 'British officials had been discussing this', 'hugely regrettable', 'strong public commitment']) {
      expect(speakersOf(text, quotes, words)).toEqual(['Chris Huhne']);
    }
    expect(quotes.some((q) => q.speaker === 'Deepwater Horizon')).toBe(false);
  });

  it('"… more than a month after the sinking of the Deepwater Horizon oil rig. “I am recommending …,” she told …" is Lisa Jackson (Guardian 71)', () => {
    const { text, dct } = t17Text('bpoil_guardian', '71');
    const quotes = quotesOf(text, dct);
    expect(speakersOf(text, quotes, 'I am recommending as strongly as we can')).toEqual(['Lisa Jackson']);
    expect(speakersOf(text, quotes, 'she thought BP would be able to cut')).toEqual(['Lisa Jackson']);
  });

  it('"Via Skype, the BBC spoke to Ansel Herz … He told the BBC": the journalist, not Skype (BBC Haiti 665)', () => {
    const { text, dct } = t17Text('haiti_bbc', '665');
    const quotes = quotesOf(text, dct);
    expect(speakersOf(text, quotes, 'devastation everywhere')).toEqual(['Ansel Herz']);
    expect(speakersOf(text, quotes, 'People are coming together')).toEqual(['Ansel Herz']);
  });

  it('hurricanes, a map, a town and a charity are nobody\'s "he" (BBC 1734, 1865; Haiti 177, 745)', () => {
    const katrina = t17Text('bpoil_bbc', '1734');
    expect(speakersOf(katrina.text, quotesOf(katrina.text, katrina.dct), 'This is worse than Katrina')).not.toContain('Katrina');
    // "three major hurricanes - Gustav, Ike and Katrina. “My house was underwater …,” he says"
    const barisich = t17Text('bpoil_bbc', '1865');
    const b = quotesOf(barisich.text, barisich.dct);
    expect(speakersOf(barisich.text, b, 'My house was underwater')).not.toContain('Katrina');
    expect(speakersOf(barisich.text, b, 'My house was underwater')).not.toContain('Gustav');
    // "Mr Robin's wife, Lisa, says …": a first name alone after "wife" is a woman's
    expect(speakersOf(barisich.text, b, 'The stress level is so high')).toEqual(['Lisa']);
    const jacmel = t17Text('haiti_bbc', '177');
    expect(speakersOf(jacmel.text, quotesOf(jacmel.text, jacmel.dct), 'Internet access is getting sporadic')).toEqual(['Joel Dresse']);
    const merlin = t17Text('haiti_bbc', '745');
    expect(speakersOf(merlin.text, quotesOf(merlin.text, merlin.dct), 'worked during other disasters')).toEqual(['Tony Redmond']);
  });

  it('one-word names of people still take their pronouns ("Mika, who has already laid his vocals down, said …"; "Hayward said")', () => {
    const mika = t17Text('haiti_bbc', '439');
    expect(speakersOf(mika.text, quotesOf(mika.text, mika.dct), 'I have a good line')).toEqual(['Mika']);
    const hayward = t17Text('bpoil_guardian', '89');
    expect([...new Set(speakersOf(hayward.text, quotesOf(hayward.text, hayward.dct), 'absolutely gutted'))]).toEqual(['Hayward']);
  });
});

describe('contents end at whole numbers', () => {
  it('keeps the number whole and the phrase it heads ("funnel the equivalent of 1,000 barrels a day …", BBC 872)', () => {
    const { text, dct } = t17Text('bpoil_bbc', '872');
    expect(contentOf(text, quotesOf(text, dct), 'funnel the equivalent of')).toEqual([
      'it was managing to funnel the equivalent of 1,000 barrels a day of oil from the blown well to a tanker ship with the use of a mile-long tube',
    ]);
  });

  it('"The pressure within the well is currently 6,700 pounds per square inch (psi) and steadily rising, said Mr Wells" (BBC 1214)', () => {
    const { text, dct } = t17Text('bpoil_bbc', '1214');
    expect(contentOf(text, quotesOf(text, dct), 'The pressure within the well')).toEqual(['The pressure within the well is currently 6,700 pounds per square inch ( psi ) and steadily rising']);
  });

  it('"between 6,500 and 7,800 square miles" (Guardian 904) and "the St. Andrews beach" (Guardian 1578)', () => {
    const zone = t17Text('bpoil_guardian', '904');
    expect(contentOf(zone.text, quotesOf(zone.text, zone.dct), 'between 6,500 and')[0]).toMatch(/between 6,500 and 7,800 square miles/);
    const beach = t17Text('bpoil_guardian', '1578');
    expect(contentOf(beach.text, quotesOf(beach.text, beach.dct), 'tar balls')[0]).toMatch(/at the St\. Andrews beach and at the Lake Mars pier/);
  });

  it('no content of the BBC BP oil spill articles ends or starts inside a number, or ends at an abbreviation\'s full stop', () => {
    const lines = readFileSync(join(SHARED_DATA, 't17', 'bpoil_bbc', 'articles.jsonl'), 'utf8').split('\n').filter(Boolean);
    let contents = 0;
    const cut: string[] = [];
    for (const line of lines) {
      const r = JSON.parse(line) as { text: string; published: string };
      const text = untokenisePtb(r.text);
      for (const q of quotesOf(text, r.published)) {
        contents++;
        const [s, e] = q.content;
        if (/^\d[,.]\d/.test(text.slice(e - 1, e + 2)) || /^\d[,.]\d/.test(text.slice(s - 2, s + 1))) cut.push(text.slice(Math.max(s, e - 40), e + 10));
        if (/\b(?:Oct|Nov|Dec|Jan|Feb|Aug|Sept?|St|Dr|Mr|Mrs|Ms|Gen|Sen|Rep|Gov)$/.test(text.slice(s, e)) && text.slice(e, e + 2) === '. ') cut.push(text.slice(Math.max(s, e - 40), e + 10));
      }
    }
    expect(contents).toBeGreaterThan(2000);
    expect(cut).toEqual([]);
  });
});
