// End-of-article promos that reached stored AEB texts (second review, item 11).
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { t17Articles } from '../helpers/paths.js';

describe('end-of-article promos', () => {
  it('are removed from scraped text', () => {
    const raw = [
      'Scientists mapped the surface of Saturn\'s moon Titan for the first time, using radar data gathered over thirteen years.',
      'The map shows lakes of liquid methane near the poles and dunes of organic sand near the equator, the team reported.',
      'You may also like...',
      'Like this story? Share it with a friend!',
      'Originally published on Live Science.',
    ].join('\n');
    const x = extract({ text: raw });
    expect(x.text).toMatch(/dunes of organic sand/);
    expect(x.text).not.toMatch(/You may also like|Like this story|Originally published/);
  });
});

describe('programme promos before the text (review 5 item 9)', () => {
  const t17 = (folder: string, id: string) => t17Articles(folder).find((r) => r.id === id)!.text!;

  it('cuts a BBC programme\'s headline and running order glued before four unrelated stories', () => {
    const openings: [string, string, string][] = [
      ['bpoil_bbc', '760', 'Oceanographer at the UK'],
      ['bpoil_bbc', '1343', 'Jon Stewart travels out into the Gulf of Mexico'],
      ['haiti_bbc', '1454', 'HAITI CRIPPLED BY DEVASTATING EARTHQUAKE Haiti was hit'],
      ['haiti_bbc', '1137', 'Aid is finally beginning to reach more remote parts of the country .'],
    ];
    for (const [folder, id, opening] of openings) {
      const x = extract({ text: t17(folder, id) });
      expect(x.text.startsWith(opening), `${folder} ${id}`).toBe(true);
      expect(x.text).not.toMatch(/French fight in Mali|horsemeat/);
      expect(x.removed.find((r) => r.reason === 'programme promo')!.text).toBe(
        'French fight in Mali town French troops fight militias in Mali streets ; Iraq bombs target Kurds ; horsemeat recipes',
      );
    }
  });

  it('leaves lists between semicolons in article text alone', () => {
    for (const [folder, id] of [['Finan_washingtonpost', '1107'], ['H1N1_bbc', '113'], ['bpoil_foxnews', '1774'], ['bpoil_guardian', '1062']] as const) {
      expect(extract({ text: t17(folder, id) }).removed.filter((r) => r.reason === 'programme promo'), `${folder} ${id}`).toEqual([]);
    }
    // a first line that opens with a semicolon list of prose: function words in its items
    const lede = 'Football matches went ahead without spectators ; theaters , shops and museums were closed ; staff were inside locked schools scrubbing classrooms with disinfectant ; and health workers patrolled buses .';
    expect(extract({ text: `${lede}\nThe city said the measures would stay in place for a week , officials said .` }).text.startsWith('Football matches')).toBe(true);
  });
});
