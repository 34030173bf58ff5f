// Reader-comment threads printed under an article are cut from where they begin to the end of the
// page and listed as one removed block; quotes then cannot come from them (review 4, item 4).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { t17Articles } from '../helpers/paths.js';

const t17 = t17Articles;
const byId = (folder: string, id: string) => t17(folder).find((r) => r.id === id)!;
const seed = (name: string) => readFileSync(new URL(`../../examples/seeds/${name}`, import.meta.url), 'utf8');

const COMMENT_MARKS = /Report abuse|Report as abusive|Posted by : /;

describe('reader-comment threads', () => {
  it('cuts a Washington Post thread of 170 posts and keeps the whole column above it', () => {
    const raw = byId('Finan_washingtonpost', '2113').text!;
    const a = extract({ text: raw });
    expect(a.text).not.toMatch(COMMENT_MARKS);
    const threads = a.removed.filter((r) => r.reason === 'reader comments');
    expect(threads).toHaveLength(1);
    // one block, its opening shown and the rest counted: the thread weighs more than the column
    expect(threads[0]!.text.length).toBeLessThan(5000);
    expect(Number(/… and (\d+) more lines of comments$/.exec(threads[0]!.text)![1])).toBeGreaterThan(5000);
    // the column's own last paragraph and its quotes stay
    expect(a.text).toContain('certainly not in the way depicted in the McCain video release');
    expect(a.text).toContain('I am not an advisor to Barack Obama');
    expect(a.text.length).toBeLessThan(raw.length / 50);
  });

  it('starts the thread at the post footer ("By NAME | DATE; TIME ET") when one stands before the first signature', () => {
    const a = extract({ text: byId('Finan_washingtonpost', '42').text! });
    const thread = a.removed.find((r) => r.reason === 'reader comments')!;
    expect(thread.text.startsWith('By Web Politics Editor |')).toBe(true);
    // the article's end stays; the note on who contributed is listed as removed
    expect(a.text).toContain('achieve some kind');
    expect(a.removed.some((r) => r.reason === 'contributor note' && r.text.endsWith('contributed to this report .'))).toBe(true);
  });

  it('starts the thread at a post footer however far above the first signature, or at a comment-policy notice', () => {
    // 200 posts whose signatures the scraper lost stand between the footer and the first "Posted by :"
    const far = extract({ text: byId('Finan_washingtonpost', '1504').text! });
    expect(far.removed.find((r) => r.reason === 'reader comments')!.text.startsWith('By Chris Cillizza | September 24')).toBe(true);
    expect(far.text.endsWith('A presidential debate with only one presidential candidate ?')).toBe(true);
    expect(far.text).not.toContain('OOOH Please');
    const notice = extract({ text: byId('Finan_washingtonpost', '386').text! });
    expect(notice.removed.find((r) => r.reason === 'reader comments')!.text.startsWith('Please email us to report offensive comments')).toBe(true);
    expect(notice.text).not.toContain('Bush Legacy Deficit');
    expect(notice.text).toContain('we will restore our economy to the path of growth');
  });

  it('leaves no comment signature in any Timeline17 text, and cuts only pages that have one or a reader post glued to a picture credit', () => {
    const unsigned: string[] = [];
    let noticed = 0;
    for (const folder of ['Finan_washingtonpost', 'bpoil_washingtonpost', 'bpoil_reuters', 'H1N1_reuters', 'H1N1_guardian']) {
      for (const r of t17(folder)) {
        const a = extract({ text: r.text! });
        expect(a.text, `${folder} ${r.id}`).not.toMatch(/\| Report abuse|\| Report as abusive/);
        const thread = a.removed.find((x) => x.reason === 'reader comments');
        if (thread) {
          if (/^(?:We welcome comments|Views expressed in the comments)/.test(thread.text)) {
            // the section's notice to commenters opens it (review 10: the posts after it stayed in 178 Reuters texts)
            noticed++;
          } else if (!/Posted by|Report abuse|Report as abusive/.test(r.text!)) {
            // a thread whose signatures were all lost begins with the post's picture credit, the first reader post glued to it
            expect(thread.text, `${folder} ${r.id}`).toMatch(/^REUTERS\/\p{Lu}\S* \p{Lu}\S* /u);
            unsigned.push(`${folder}/${r.id}`);
          }
          expect(a.text.split(/\s+/).length, `${folder} ${r.id} keeps its article`).toBeGreaterThanOrEqual(40);
        }
      }
    }
    expect(unsigned.sort()).toEqual(['H1N1_reuters/385', 'H1N1_reuters/522', 'bpoil_reuters/1047', 'bpoil_reuters/1695', 'bpoil_reuters/741']);
    expect(noticed).toBeGreaterThan(150);
  });

  it('keeps a blog post whose own byline reads "Posted by NAME on DATE"', () => {
    const r = t17('Finan_washingtonpost').find((x) => /Posted by [A-Z][a-z]+ [A-Z][a-z]+ on [A-Z][a-z]+ \d/.test(x.text!) && !/Report abuse/.test(x.text!));
    expect(r).toBeDefined();
    const a = extract({ text: r!.text! });
    expect(a.removed.some((x) => x.reason === 'reader comments')).toBe(false);
  });

  it('cuts a blog engine\'s thread: "NAME / sagt: / DATE / text / Antworten", under its "N Ergänzungen" heading', () => {
    const article = [
      'Die Abmahnindustrie hat ein neues Geschäftsfeld entdeckt: Fotos, die unter einer Creative-Commons-Lizenz stehen und deren Lizenzhinweis nicht ganz korrekt ist.',
      'Wer ein solches Foto verwendet, bekommt Post vom Anwalt, und die Forderungen sind oft höher als der Wert des Bildes. Das ist legal, aber nicht im Sinne der Lizenz.',
    ];
    const thread = [
      '91 Ergänzungen',
      'blah blubb',
      'sagt:',
      '23. Juni 2016 um 17:21 Uhr',
      'selber blöd, wer bis dato noch nicht geschnallt hat, dass Creative Commons vermutlich von Abmahnanwälten erfunden wurde.',
      'Antworten',
      'Rafael',
      'sagt:',
      '23. Juni 2016 um 18:47 Uhr',
      'Aber Herr S., sie müssen doch jetzt nicht hier trollen, nur weil ihr komisches Geschäftsmodell ins Tageslicht gezerrt wurde.',
      'Antworten',
    ];
    const a = extract({ text: [...article, ...thread].join('\n') });
    expect(a.text).toBe(article.join('\n\n'));
    expect(a.removed.find((r) => r.reason === 'reader comments')!.text.split('\n')).toEqual(thread);
  });

  it('cuts the same form in English without a heading: from the first author line, "NAME / says: / DATE at TIME / … / Reply"', () => {
    const article = [
      'Ermine frosting is a cooked flour buttercream: milk and flour are whisked over heat into a thick pudding, cooled completely, and beaten into soft butter and sugar.',
      'It is less sweet than American buttercream and pipes well, but it softens quickly in a warm room, so keep the finished cake cool until you serve it.',
    ];
    const thread = [
      'Kristine',
      'says:',
      'October 22, 2020 at 5:17 pm',
      'Finally, found this frosting without the powdered sugar in it. Question, can I refrigerate it for an hour before piping?',
      'Reply',
      'Bebs',
      'says:',
      'October 27, 2020 at 1:18 am',
      'Ermine icing normally can hold its shape in warmer climates than buttercream but I would still not put it in direct heat.',
      'Reply',
    ];
    const a = extract({ text: [...article, ...thread].join('\n') });
    expect(a.text).toBe(article.join('\n\n'));
    expect(a.removed.find((r) => r.reason === 'reader comments')!.text.split('\n')).toEqual(thread);
  });

  it('starts a thread at the post\'s picture credit when the first reader post is glued to it (Reuters blogs whose first signatures are lost)', () => {
    const cases: [string, string, string][] = [
      ['347', 'Should the federal government be ordered to take over operations from BP ?', 'REUTERS/Larry Downing The BP executives'],
      ['1032', 'The late Texan columnist Molly Ivins wrote', 'REUTERS/Larry Downing Come on Americans'],
      ['1171', '“We may lose our pelicans as a result of Exxon', 'Photo credit : Reuters/Sean Gardner'],
    ];
    for (const [id, articleEnd, threadHead] of cases) {
      const a = extract({ text: byId('bpoil_reuters', id).text! });
      expect(a.text, id).toContain(articleEnd);
      const thread = a.removed.find((r) => r.reason === 'reader comments')!;
      expect(thread.text.startsWith(threadHead), id).toBe(true);
      expect(a.text, id).not.toMatch(/Larry Downing|Sean Gardner|Report as abusive/);
    }
    // the readers' lines that stood above the first signature are gone with it
    expect(extract({ text: byId('bpoil_reuters', '347').text! }).text).not.toContain('Obama is the best president EVER');
  });

  it('starts a thread at a post footer printed at the end of a line, and keeps the line\'s text before it', () => {
    const a = extract({ text: byId('bpoil_washingtonpost', '521').text! });
    expect(a.text).toContain('Independents 76 61 14 22 16 5');
    expect(a.text).not.toMatch(/By Jon Cohen|Where are the most important questions|Million Man\/Woman Oil Spill/);
    expect(a.removed.find((r) => r.reason === 'reader comments')!.text).toMatch(/^By Jon Cohen \| June 7 , 2010 ; 12:00 PM ET/);
  });

  it('leaves a credit that opens a new post on a blog page (a date stamp follows it) to the article', () => {
    // a credit glued to a dated post is no reader's line, and no signature confirms a thread: the page stays whole
    const a = extract({ text: byId('H1N1_reuters', '487').text! });
    expect(a.removed.filter((r) => r.reason === 'reader comments')).toEqual([]);
    expect(a.text).toContain('Nevermind that the World Health Organization has ruled out any risk');
    // nor is a credit glued to the page's own text without a labelled caption before it, or with a caption's label after it
    for (const [folder, id, kept] of [
      ['H1N1_reuters', '1016', 'Below is a selection of the best from Your View readers'],
      ['bpoil_reuters', '1003', 'Bottom : The damaged blowout preventer'],
    ]) {
      const x = extract({ text: byId(folder!, id!).text! });
      expect(x.removed.filter((r) => r.reason === 'reader comments'), id).toEqual([]);
      expect(x.text, id).toContain(kept);
    }
  });

  it('finds no thread in the seeds', () => {
    for (const name of ['000_579504aca85b9f81.txt', '001_aa04ac5f397be0f2.txt', '002_af815def54e2eb59.txt', '003_70335ce47c40be49.txt', '004_0c206504672e1e96.txt']) {
      expect(extract({ text: seed(name) }).removed.filter((r) => r.reason === 'reader comments'), name).toEqual([]);
    }
  });
});
