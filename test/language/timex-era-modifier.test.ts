// Review 12 of 81a32cd (years of an era): "BC" after a year is also British Columbia, used as a
// modifier in Canadian news — "the 2017 BC election" was read as the year 2017 before Christ
// (BC2017), "the 2021 BC wildfires" as BC2021; "1200 AD clients" as the year 1200. An undotted era
// before a lower-case word it modifies is no era; before a function word it stays one.
import { describe, expect, it } from 'vitest';
import { findTimexes } from '../../src/language/timex/index.js';

const all = (text: string) => findTimexes(text, { dct: '2021-08-01' }).map((t) => `${t.text} → ${t.value}`);

describe('an undotted era before a word it would modify', () => {
  it('is a name or an abbreviation, and the year is a year', () => {
    expect(all('Results of the 2017 BC election were delayed by a week.')).toEqual(['2017 → 2017']);
    expect(all('The 2021 BC wildfires destroyed the town of Lytton.')).toEqual(['2021 → 2021']);
    expect(all('The agency has 1200 AD clients.')).toEqual([]);
  });

  it('is an era before a function word, a comma or the end', () => {
    expect(all('The city was founded in 753 BC, when Romulus ruled.')).toEqual(['753 BC → BC0753']);
    expect(all('By 2000 BC the Minoans had built palaces.')).toEqual(['2000 BC → BC2000']);
    expect(all('It was used from 3000 BC to 1000 BC by farmers.')).toEqual(['3000 BC → BC3000', '1000 BC → BC1000']);
    expect(all('Vesuvius erupted in AD 79 and buried Pompeii.')).toEqual(['AD 79 → 0079']);
    expect(all('Pottery from 1200 BCE was found.')).toEqual(['1200 BCE → BC1200']);
  });
});
