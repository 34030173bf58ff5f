// Session 10: an article's opening printed outside Readability's container (standfirst, first paragraphs in a sibling
// box), the comment section a notice opens, captions opening scraped texts, and the furniture a fresh audit found.
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { htmldatePage } from '../helpers/htmldate.js';
import { t17Articles } from '../helpers/paths.js';

const page = (n: string) => extract({ html: htmldatePage(n) });
const t17 = (folder: string, id: string) => extract({ text: t17Articles(folder).find((r) => r.id === id)!.text! });

describe('the opening outside the article container (htmldate pages)', () => {
  it('puts back first paragraphs printed in a sibling box of the same article body (0430, a page builder)', () => {
    const a = page('0430');
    const paragraphs = a.text.split('\n\n');
    expect(paragraphs[0]).toMatch(/^Die Finanzierung eines Firmenwagens kann eine große Auswirkung/);
    expect(paragraphs[1]).toMatch(/^Viele Unternehmer favorisieren das Leasingmodell/);
    expect(paragraphs[2]).toMatch(/^Die Monatsraten sind beim Leasing/);
  });

  it('recovers articles lost to an <svg> left open (0485) and to a content box named "view-pagination" (0594)', () => {
    const interview = page('0485').text;
    expect(interview).toContain('Il y a d’abord le poids de la géographie. L’Europe est composée de pays insulaires');
    expect(interview.split(/\s+/).length).toBeGreaterThan(1500);
    const diet = page('0594').text;
    expect(diet).toContain('Dagegen gibt es Diäten wie Sand am Meer');
    expect(diet.split(/\s+/).length).toBeGreaterThan(1000);
  });

  it('keeps the standfirst apart from the body, like the title (0554 excerpt, 0771 teaser, 0376 header line)', () => {
    expect(page('0554').standfirst).toBe('Schwerpunkt der Einheit ist eine Lagen-Pyramide über insgesamt 1.000 Meter, dabei wird es auch etwas schneller.');
    const apple = page('0771');
    expect(apple.standfirst).toMatch(/^Apple arbeitet einem Bericht aus Südkorea zufolge an eigenen Akkus/);
    expect(apple.text).not.toContain('Apple arbeitet einem Bericht aus Südkorea');
    expect(page('0376').standfirst).toBe('Mark Helfrich über das gewaltige Potenzial der Technologie im Kampf gegen den Klimawandel');
  });

  it("takes no site tagline, related teaser or author box for the article's opening", () => {
    // the blog's tagline in the site header prints the home page's description (0002, 0114)
    expect(page('0002').standfirst ?? '').not.toMatch(/Weblog zu den Themen/);
    expect(page('0114').standfirst ?? '').not.toMatch(/Gedanken und Kommentare/);
    // "<a>Kicker</a> Headline" paragraphs of a related-topics box inside the article (0180)
    const dlf = page('0180');
    expect(dlf.text).not.toContain('Ethik-Kommission eingesetzt');
    expect(dlf.text.split('\n\n')[0]).toMatch(/^Es ist nur eine Frage der Zeit/);
  });
});

describe('furniture a fresh audit found (seeds 41 and 53)', () => {
  it('cuts bookmark and premium widgets, "Mehr zu diesem Thema", yes/no buttons', () => {
    const men = page('0633').text;
    expect(men).not.toMatch(/Story Saved|My Bookmarks|Try MEN Premium/);
    expect(men).toContain('A coroner is continuing to investigate');
    expect(page('0771').text).not.toMatch(/Mehr zu diesem Thema\s*$/);
    expect(page('0762').text).not.toContain('JaNein');
  });

  it('cuts a date filed under a section, source credits and a site\'s motto, and keeps "year – heading" lines', () => {
    expect(page('0694').text).not.toContain('Mittwoch, 01. November 2023 - Handel');
    expect(page('0283').text).not.toContain('24. April 2020 | Pressemitteilungen');
    const forests = page('0220').text;
    expect(forests).not.toMatch(/^Courtesy of Forests News|Header Image:/m);
    expect(page('0172').text).not.toContain('via Wikimedia Commons');
    expect(page('0708').text).not.toContain('KentNews.Online - Reporting on the latest');
    expect(page('0789').text).toContain('1967 – Der Sechstagekrieg');
  });
});

describe('review 10: comment sections and captions in scraped wire texts', () => {
  it("cuts a Reuters comment section from its notice to the end: the readers' posts are no reporting (reu 1230)", () => {
    const a = t17('bpoil_reuters', '1230');
    expect(a.text).toMatch(/shares of BP traded on the NYSE were off 54 cents at \$ 59\.55 \.$/);
    expect(a.text).not.toMatch(/subhrajit|sacrifice for sake of the planet|ultra-low latency/);
    const thread = a.removed.find((r) => r.reason === 'reader comments');
    expect(thread?.text).toMatch(/^We welcome comments that advance the story/);
  });

  it('cuts a caption opening the text and an agency\'s usage restrictions after its credit', () => {
    expect(t17('bpoil_foxnews', '1314').title).not.toMatch(/^April 21 :/);
    expect(t17('bpoil_foxnews', '1314').text).not.toContain('April 21 : The Deepwater Horizon oil rig burns');
    expect(t17('bpoil_foxnews', '1235').text).not.toContain('This image from video provided by BP');
    expect(t17('bpoil_reuters', '1485').text.split('\n\n')[0]).toMatch(/^A White House panel probing BP/);
    const restricted = t17('bpoil_foxnews', '1595').text;
    expect(restricted).not.toMatch(/ONLINE OUT|MANDATORY CREDIT|PRESS OUT/);
    expect(restricted).toContain('BP says the relief well rig and other vessels are returning');
  });

  it("keeps a chronology's first entry and a caption glued to the story's dateline and first sentence", () => {
    expect(t17('Finan_washingtonpost', '579').text).toMatch(/^Sept\. 7 : U\.S\. government seizes Fannie Mae and Freddie Mac \./);
    expect(t17('bpoil_foxnews', '979').text).toContain('As submersible robots made another risky');
    expect(t17('bpoil_washingtonpost', '2151').text).toContain("Republican criticism of President Obama 's response");
  });
});
