// Leftovers glued into scraped lines (review 9): stamps, credits, print notes, server errors, player
// notices, link lists, sign-offs and pull-quote boxes, on Timeline17's scraped BBC and Guardian text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { splitPullQuote, cutSignOff, splitAtInnerStamp } from '../../src/extract/leftovers.js';

const cache = new Map<string, Map<string, string>>();
function t17(folder: string, id: string): string {
  let texts = cache.get(folder);
  if (!texts) {
    texts = new Map();
    for (const line of readFileSync(new URL(`../../../shared/data/t17/${folder}/articles.jsonl`, import.meta.url), 'utf8').split('\n')) {
      if (!line) continue;
      const a = JSON.parse(line) as { id: string; text: string };
      texts.set(String(a.id), a.text);
    }
    cache.set(folder, texts);
  }
  return texts.get(id)!;
}
const reasons = (e: ReturnType<typeof extract>, reason: string) => e.removed.filter((r) => r.reason === reason).map((r) => r.text);

describe('leftovers glued into scraped text', () => {
  it('splits a head line at the publication stamp: headline, stamp cut, caption before the credit cut', () => {
    const e = extract({ text: t17('bpoil_guardian', '1341') });
    expect(e.title).toMatch(/^BP oil spill : death and devastation/);
    expect(e.title).not.toMatch(/BST|Oil floats/);
    expect(e.published).toBe('2010-05-31');
    expect(e.text.startsWith('The White House says the BP oil spill')).toBe(true);
    expect(e.text).not.toMatch(/23\.14 BST|Photograph :|A version appeared/);
    expect(reasons(e, 'photo caption')).toContain('Oil floats around a rig at the site of the Deepwater Horizon oil spill in the Gulf of Mexico .');
    expect(reasons(e, 'print edition note')[0]).toMatch(/^A version appeared on p14 of the Main section/);
  });

  it('cuts a credit inside a line and one whose source is not a picture agency', () => {
    const hayward = extract({ text: t17('bpoil_guardian', '1071') });
    expect(hayward.text.startsWith('It was , for Tony Hayward')).toBe(true);
    expect(reasons(hayward, 'photo credit')).toContain('Photograph : Reuters');
    const fund = extract({ text: t17('bpoil_guardian', '1777') });
    expect(fund.text).toMatch(/^(?:[^\n]*\n\n)?BP will pay \$ 20bn/);
    expect(reasons(fund, 'photo credit')).toContain('Photograph : Pete Souza/White House');
  });

  it('reads stamps only where a page prints them', () => {
    expect(splitAtInnerStamp('Gulf spill raises fears Monday 31 May 2010 23.14 BST Oil floats .')?.date).toBe('2010-05-31');
    // a sentence with a date and a time is not a stamp line
    expect(splitAtInnerStamp('It was announced on 31 May 2010 at 23.14 BST that')).toBeNull();
  });

  it('cuts an SSI error, player notices and a programme page speaking about itself', () => {
    const jacket = extract({ text: t17('haiti_bbc', '206') });
    expect(jacket.text).not.toMatch(/directive/);
    expect(reasons(jacket, 'server error message')).toEqual(['( an error occurred while processing this directive )']);
    const quake = extract({ text: t17('haiti_bbc', '1155') });
    expect(quake.text).not.toMatch(/territory/);
    const today = extract({ text: t17('haiti_bbc', '1477') });
    expect(today.text.startsWith('Hundreds of people are feared dead')).toBe(true);
    const clip = extract({ text: t17('haiti_bbc', '423') });
    expect(clip.text).not.toMatch(/first broadcast|only available in Flash/);
  });

  it('drops an aggregator link list whose outlets glued to headlines ("Reuters UK Obama")', () => {
    const e = extract({ text: t17('bpoil_bbc', '520') });
    expect(e.text).not.toMatch(/Reuters UK|hrs? ago/);
    expect(reasons(e, 'related-link list').length).toBeGreaterThan(0);
  });

  it('cuts a correspondent sign-off and a pull-quote attribution, keeping the text after them', () => {
    const e = extract({ text: t17('bpoil_bbc', '492') });
    expect(e.text).toMatch(/(?:^|\n)Barack Obama called the oil spill America 's environmental 9\/11/);
    expect(reasons(e, 'byline')).toContain('Andy Gallacher BBC News , Miami');
    expect(cutSignOff('Gary Duffy , BBC News , Sao Paulo Given Brazil \'s central role').signOff).toBe('Gary Duffy , BBC News , Sao Paulo');
    const obama = extract({ text: t17('bpoil_bbc', '70') });
    expect(obama.text).not.toMatch(/End Quote/);
    expect(obama.text).toMatch(/(?:^|\n)And he said it demonstrated the need/);
    const salazar = splitPullQuote('the oil and gas industry ” End Quote Ken Salazar Interior secretary BP engineers have the equipment');
    expect(salazar).toEqual({ quote: 'the oil and gas industry ”', attribution: 'End Quote Ken Salazar Interior secretary', rest: 'BP engineers have the equipment' });
  });
});
