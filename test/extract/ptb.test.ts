// Tokenised news text (Timeline17 is distributed so) reads as written: -LRB- … -RRB- are brackets
// and `` … '' quotation marks, so that entities, quotes and titles see no "LRB" (second review item 6).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../../src/extract/index.js';
import { untokenisePtb } from '../../src/extract/text/index.js';
import { SHARED_DATA } from '../helpers/paths.js';

describe('Penn Treebank tokens in scraped text', () => {
  it('become brackets and curly quotation marks', () => {
    expect(untokenisePtb("WASHINGTON -LRB- Reuters -RRB- - Obama said `` we will make BP pay '' .")).toBe('WASHINGTON ( Reuters ) - Obama said “we will make BP pay” .');
    expect(untokenisePtb("It's the company's well -- not ours.")).toBe("It's the company's well -- not ours.");
  });

  it("rejoin what the tokeniser's sentence splitter broke: instrument codes, decimals and thousands after a range", () => {
    const rows = readFileSync(join(SHARED_DATA, 't17/bpoil_reuters/articles.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
    const fitch = untokenisePtb(rows.find((t) => t.includes('Fitch Ratings downgraded BP -LRB- BP . \nL -RRB-'))!);
    expect(fitch).toContain('Fitch Ratings downgraded BP (BP.L) , reversing its view');
    expect(untokenisePtb('the Minerals Management Service -LRB- MMS . \ngov -RRB- The head')).toBe('the Minerals Management Service (MMS.gov) The head');
    const litres = untokenisePtb(rows.find((t) => t.includes('840,000 gallons\\/3 .18 million'))!);
    expect(litres).toContain('( 840,000 gallons/3.18 million liters )');
    expect(untokenisePtb('up to 50,000-60 ,000 barrels -LRB- 1.5-2 .5 million gallons -RRB-')).toBe('up to 50,000-60,000 barrels ( 1.5-2.5 million gallons )');
    // a list stays a list, and a sentence end stays one
    expect(untokenisePtb('seeds 3 , 4 and 1 ,5 -LRB- x -RRB- in 2009 .\nThe next')).toBe('seeds 3 , 4 and 1 ,5 ( x ) in 2009 .\nThe next');
  });

  it('leave no LRB/RRB token in a Timeline17 article, and its quotes open and close', () => {
    const line = readFileSync(join(SHARED_DATA, 't17/bpoil_reuters/articles.jsonl'), 'utf8').split('\n').find((l) => l.includes('-LRB-') && l.includes('``'))!;
    const text = extract({ text: (JSON.parse(line) as { text: string }).text }).text;
    expect(text).not.toMatch(/-[LR]RB-|``/);
    expect((text.match(/“/g) ?? []).length).toBeGreaterThan(0);
  });
});
