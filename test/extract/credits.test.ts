// Picture credits, the captions beside them, contributor notes (session 7, item 3) and wire
// datelines cut from HTML text with their place and date kept as metadata (item 1), on real pages.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { splitCredits } from '../../src/extract/credits.js';
import { parseFeed } from '../../src/ingest/formats.js';
import { t17Articles } from '../helpers/paths.js';

const byId = (folder: string, id: string) => t17Articles(folder).find((r) => r.id === id)!.text!;
const reasons = (removed: { text: string; reason: string }[], reason: string) => removed.filter((r) => r.reason === reason).map((r) => r.text);

describe('picture credits and captions (Timeline17 scraped texts)', () => {
  it('cuts a credit that opens the lede and keeps the lede', () => {
    const a = extract({ text: byId('Finan_washingtonpost', '995') });
    expect(reasons(a.removed, 'photo credit')).toContain('( Getty Images )');
    expect(a.text).toContain('The crisis that has seized Wall Street over the last few days caught the campaigns');
    expect(a.text).not.toContain('Getty Images');
  });

  it('removes a gallery of wire captions between credits, and keeps the story after them', () => {
    const a = extract({ text: byId('Finan_washingtonpost', '738') });
    expect(a.text).not.toMatch(/AP Photo|Dharapak - AP|makes a statement in the Rose Garden of the White House after meeting/);
    expect(reasons(a.removed, 'photo caption').length).toBeGreaterThanOrEqual(8);
    expect(a.text).toContain('Officials from 20 major countries yesterday endorsed a coordinated approach');
  });

  it('takes the caption printed before a bare "( AP )" credit off the top, so it is no title or first sentence', () => {
    const a = extract({ text: byId('bpoil_foxnews', '258') });
    expect(reasons(a.removed, 'photo caption')[0]).toMatch(/^White House Press Secretary Robert Gibbs briefs reporters/);
    expect(a.text.startsWith('Despite BP ')).toBe(true);
    const chu = extract({ text: byId('bpoil_foxnews', '500') });
    expect(reasons(chu.removed, 'photo caption')).toContain('Secretary of Energy Steven Chu ( AP ) .');
  });

  it('cuts unbracketed credit lines and the agency slug after a credit', () => {
    const g = extract({ text: byId('H1N1_guardian', '1194') });
    expect(g.text).not.toContain('Miguel Tovar/AP');
    expect(g.text).toContain('Health officials across the world scrambled to contain the outbreak');
    const fox = extract({ text: byId('bpoil_foxnews', '1332') });
    expect(fox.text.startsWith('Executives from the three companies involved')).toBe(true);
  });

  it('cuts credit lines naming picture libraries, keeping the sentence after them, and "in this … file photo" captions', () => {
    const g = extract({ text: byId('bpoil_guardian', '668') });
    expect(reasons(g.removed, 'photo credit')).toContain('Photograph : Hans Deryk/REUTERS');
    expect(g.text).toContain("BP 's latest plan to stop oil leaking from its subsea well is called a “top kill” .");
    const r = extract({ text: byId('bpoil_reuters', '437') });
    expect(reasons(r.removed, 'photo caption')).toContain(
      'A sea turtle covered in oil from the Deepwater Horizon oil spill swims off Grand Terre Island , Louisiana in this June 8 , 2010 file photo .',
    );
  });

  it('reads the credit shapes and leaves brackets that are text alone', () => {
    expect(splitCredits('( AP Photo/Evan Vucci ) ( Evan Vucci - AP ) President Bush pauses.').credits).toEqual(['( AP Photo/Evan Vucci ) ( Evan Vucci - AP )']);
    expect(splitCredits('( By Marcos Issa -- Bloomberg News ) Last week , leaders said so .').text).toBe('Last week , leaders said so .');
    expect(splitCredits('( Oliver Munday for The Washington Post ) The festive mood .').ledByCredit).toBe(true);
    expect(splitCredits('Secretary of Energy Steven Chu ( AP ) .').endsWithCredit).toBe(true);
    // an acronym, an aside, a dateline's agency: no credit
    expect(splitCredits('Tony Hayward can keep the business on track while Bob Dudley ( ex-boss of TNK-BP ) is an American citizen .').credits).toEqual([]);
    expect(splitCredits('WASHINGTON ( AP ) -- Obama said .').credits).toEqual([]);
    expect(splitCredits('Environmental Protection Agency ( EPA ) Administrator Lisa Jackson spoke .').credits).toEqual([]);
    expect(splitCredits('the news came from the Associated Press ( AP ) .').endsWithCredit).toBe(false);
  });

  it('takes linear time on long hyphen and slash runs inside brackets (no exponential backtracking)', () => {
    const t0 = performance.now();
    for (const s of [`x ( AP ${'Aa-'.repeat(40)}x ) y`, `( AP ${'Aa-'.repeat(40)}x ) y`, `x ( AP ${'Aa/'.repeat(400)}x ) y`, `x ( AP ${'Aa Bb - '.repeat(100)}x ) y`]) splitCredits(s);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('takes linear time on spaced dashes and spaced slashes in credits (review 7, R1 and R2)', () => {
    const body = 'The company said on Monday that it would cut jobs across the region this year.\n\n';
    const t0 = performance.now();
    extract({ text: body + '( ' + Array(40).fill('Ab').join(' — ') + ' x )\n\n' + body });
    extract({ text: body + 'Photo : ' + 'a/ '.repeat(60) + 'x\n\n' + body });
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('lists "contributed to this report" and "X reported from Y" notes as removed, and keeps the sentences above them', () => {
    const a = extract({ text: byId('bpoil_foxnews', '1332') });
    expect(reasons(a.removed, 'contributor note')).toContain('The Associated Press contributed to this report .');
    const wp = extract({ text: byId('Finan_washingtonpost', '754') });
    expect(wp.text).toContain("The results beat analysts ' expectations .");
    expect(wp.text).not.toContain('contributed to this report');
  });

  it('cuts a wire story\'s reporting note and the comment section\'s notices, and keeps the quote that ends the story', () => {
    const a = extract({ text: byId('bpoil_reuters', '1581') });
    expect(reasons(a.removed, 'contributor note')).toContain('( Editing by Jim Impoco and Claudia Parsons )');
    // (the notices open the comment section: cut with what follows them, review 10)
    const removedText = a.removed.map((r) => r.text).join('\n');
    expect(removedText).toContain('Views expressed in the comments do not represent those of Reuters .');
    expect(removedText).toContain('We welcome comments that advance the story through relevant opinion , anecdotes , links and data .');
    expect(a.text).not.toContain('We welcome comments');
    // short quoted sentences after the last long paragraph are the story's end, not a page footer
    expect(a.text).toContain('“It gets old .\n\nIt really does .”');
  });

  it('cuts no paragraph without a credit beside it on the plain-text seeds', () => {
    for (const name of ['000_579504aca85b9f81.txt', '001_aa04ac5f397be0f2.txt', '002_af815def54e2eb59.txt', '003_70335ce47c40be49.txt', '004_0c206504672e1e96.txt']) {
      const a = extract({ text: readFileSync(new URL(`../../examples/seeds/${name}`, import.meta.url), 'utf8') });
      expect(reasons(a.removed, 'photo caption').filter((c) => !/photo|image|picture|credit|getty|reuters|afp|\bap\b/i.test(c))).toEqual([]);
    }
  });
});

describe('wire datelines in HTML', () => {
  const aeb = gunzipSync(readFileSync(new URL('../../../shared/data/aeb/input.jsonl.gz', import.meta.url)))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; html: string; url?: string });
  const page = (prefix: string) => aeb.find((p) => p.id.startsWith(prefix))!;

  it('cuts "CITY, State (AP) —" off the first paragraph and keeps the place as metadata', () => {
    const p = page('c467d507');
    const a = extract({ html: p.html, url: p.url });
    expect(a.text.startsWith('Michigan health authorities are reporting a 6th fatality')).toBe(true);
    expect(a.dateline).toEqual({ text: 'ST. JOSEPH, Mich. (AP) —', place: 'ST. JOSEPH, Mich.', date: null });
    expect(a.removed.some((r) => r.reason === 'dateline')).toBe(true);
  });

  it('cuts the dateline of a feed item\'s HTML body too', () => {
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Bank holds rates</title><link>https://example.com/a</link><description><![CDATA[<p>LONDON, May 3 (Reuters) - The Bank of England held interest rates on Thursday, saying the economy had slowed more than it expected.</p><p>Governor Mark Carney said the slowdown was likely to prove temporary, and that rates would still need to rise.</p>]]></description></item></channel></rss>`;
    const item = parseFeed(feed, 'feed.xml').items[0]!;
    const a = extract({ html: item.html, url: item.url, title: item.title });
    expect(a.text.startsWith('The Bank of England held interest rates on Thursday')).toBe(true);
    expect(a.dateline).toEqual({ text: 'LONDON, May 3 (Reuters) -', place: 'LONDON', date: null });
  });

  it('cuts "CITY (Reuters) -" and leaves text without a dateline as it was', () => {
    const p = page('57d46c9d');
    const a = extract({ html: p.html, url: p.url });
    expect(a.text.startsWith('Oil prices fell sharply on Tuesday')).toBe(true);
    expect(a.dateline?.place).toBe('NEW YORK');
    const plain = page('04a6711c');
    expect(extract({ html: plain.html, url: plain.url }).dateline).toBeNull();
  });
});
