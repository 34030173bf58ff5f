// Page furniture and navigation titles on real pages of the htmldate set (review 3, items 9 and 10):
// server error messages, cookie and consent boxes, blog-engine footers, related-article headings,
// sidebar headings, comment forms, share prompts, "read more" links, picture credits; and <h1>
// menus or a domain-only DC.title taken for the title.
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { classifyBlocks } from '../../src/extract/blocks.js';
import { htmldatePage } from '../helpers/htmldate.js';

const page = (n: string) => extract({ html: htmldatePage(n) });
const paragraphs = (text: string) => text.split('\n\n');

describe('page furniture on real pages', () => {
  it('cuts PHP warnings printed into a page, which also made a German blog look English', () => {
    for (const n of ['0076', '0089', '0060']) {
      const r = page(n);
      expect(r.text).not.toMatch(/Strict Standards|Deprecated:|Warning:|on line \d+/);
      expect(r.language).toBe('de');
    }
    expect(page('0076').text).toContain('Bei dem nächsten trnd-Projekt');
    expect(page('0089').text).toContain('Eine der größten Städte ganz Spaniens ist Malaga');
    // The same messages inside scraped text are cut out of their line, the rest kept.
    const { kept, removed } = classifyBlocks([
      { text: 'Warning: Creating default object from empty value in /www/htdocs/wp-includes/classes.php on line 407 The council met on Monday to approve the budget, the mayor said.' },
    ]);
    expect(kept).toEqual(['The council met on Monday to approve the budget, the mayor said.']);
    expect(removed[0]!.reason).toBe('server error message');
  });

  it('drops cookie banners and consent boxes for embedded players, in English and German', () => {
    expect(page('0035').text).not.toMatch(/cookies/i);
    expect(page('0035').text).toContain('Alternative dispute resolution (ADR)');
    expect(page('0116').text).not.toMatch(/Wir verwenden Cookies/);
    const bayern = page('0007').text;
    expect(bayern).not.toMatch(/Betreiber von YouTube|Aktivierung erforderlich|Datenübertragung/);
    expect(bayern).toContain('Israels Staatspräsident Rivlin zu Besuch in Bayern');
    // A privacy policy's own sentences about cookies are its text, not a banner.
    expect(page('0257').text).toMatch(/third-party vendor, uses cookies/);
    // An article that mentions cookies in passing keeps the sentence.
    expect(page('0232').text).toContain('baking them into cookies anytime soon');
  });

  it('drops blog-engine footers, comment forms and sidebar widgets', () => {
    expect(page('0094').text).not.toMatch(/This entry was posted|Bookmark the permalink|trackbacks/);
    expect(page('0094').text).toContain('Natürlich ist auch der neue Michael Preetz nicht fehlerlos.');
    const seelenradio = page('0093').text;
    expect(seelenradio).not.toMatch(/Say your words|E-mail \(required|your blog or website/);
    expect(seelenradio).toContain('Vor ein paar Tagen hat es auch Leo geschafft');
    const sidebar = paragraphs(page('0092').text);
    for (const heading of ['Kategorien', 'Autor', 'Meta', 'Archiv', 'Lizenz']) expect(sidebar).not.toContain(heading);
    expect(page('0092').text).not.toMatch(/Creative Commons-Lizenz lizenziert/);
    // The post is three short lines: still the article, not the sidebar's longer widget text.
    expect(page('0092').text).toContain('„Ich weiß ich bin betrunken und sollte das vielleicht nicht sagen…“');
    expect(page('0092').text).not.toContain('Ami-Actionfilms');
    // An article about Creative Commons licences keeps its sentences about them.
    expect(page('0143').text).toContain('Creative Commons Lizenzen unterstützen eine Kultur des Teilens');
  });

  it('drops related-article headings, share prompts and "read more" links in German', () => {
    expect(paragraphs(page('0076').text)).not.toContain('Verwandte Artikel');
    expect(paragraphs(page('0022').text)).not.toContain('Mehr zum Thema');
    expect(page('0083').text).not.toMatch(/^Mehr zum Thema/m);
    expect(page('0141').text).not.toContain('Möchten Sie den Artikel teilen?');
    expect(page('0141').text).not.toMatch(/War der Artikel nützlich\?|Stimmen:/);
    expect(page('0022').text).not.toMatch(/Über den Autor|Diskutieren Sie mit/);
    const partei = page('0001').text;
    expect(partei).not.toContain('Weiterlesen');
    expect(partei).toContain('Kommen dürfen alle');
  });

  it('drops blog metadata lines: filed-under, submitted-by, pagination, ratings, breadcrumbs', () => {
    expect(page('0004').text).not.toContain('Abgelegt unter');
    expect(page('0017').text).not.toContain('Gespeichert von rasos');
    expect(page('0031').text).not.toContain('1 - 5 of 218 results');
    expect(page('0066').text).not.toMatch(/Rating: \d|Wie sehr hat Ihnen/);
    expect(page('0187').text).not.toContain('Blog » News » open3');
    expect(page('0073').text).not.toContain('Titelbild: Fachy Marín');
    expect(page('0209').text).not.toMatch(/Alle Rechte vorbehalten|© Frankfurter Allgemeine/);
    expect(page('0241').text).not.toMatch(/Pubblicato il:|Ultimo aggiornamento:/);
    expect(page('0258').text).not.toContain('Du musst Eingeloggt sein');
    expect(page('0273').text).not.toContain('veröffentlicht unter der Lizenz CC-BY');
    expect(page('0415').text).not.toContain('Download PDF Drucken Teilen Feedback');
    expect(paragraphs(page('0463').text)).not.toContain('3 Kommentare');
    expect(page('0588').text).not.toMatch(/Das Passwort muss|Bitte trage eine E-Mail-Adresse ein/);
    expect(paragraphs(page('0654').text).filter((p) => p.startsWith('©'))).toEqual([]);
    // French guillemets are quotation marks, not breadcrumb separators.
    expect(page('0216').text).toContain('Retour sur les revues de rang « 1 » ou « 1* »');
  });

  it('drops picture credits ("Label © Agency / Photographer") and an empty search box', () => {
    const austria = page('0013').text;
    expect(austria).not.toMatch(/©/);
    expect(austria).not.toContain('Keine Suchergebnisse gefunden!');
    expect(austria).toContain('Dort verbinden die jungen Winzer jahrhundertealte Tradition mit scharfem Innovationsgeist.');
    const olympia = page('0550');
    expect(olympia.removed.filter((r) => r.reason === 'photo credit').length).toBeGreaterThanOrEqual(5);
  });
});

describe('titles: a menu heading or a domain is not the title', () => {
  it('skips hidden, menu and navigation <h1>s for the one the <title> repeats', () => {
    expect(page('0114').title).toBe('Was ist der Unterschied zwischen privaten und staatlichen Geheimdiensten?');
    expect(page('0267').title).toBe('Axios Future');
    expect(page('0279').title).toBe('Rede von Bundespräsident Johannes Rau beim Föderalismuskonvent der deutschen Landesparlamente');
    expect(page('0278').title).toMatch(/^BeginnersGuide\/Download/);
    expect(page('0007').title).not.toMatch(/Navigation|Menue/);
  });

  it('skips an <h1> that is the site name (the logo) and blog-engine section words', () => {
    expect(page('0106').title).toBe('Podcasts in Plex einbinden'); // <h1>Disfunctions.de</h1>; "Disfunctions.de » Blog Archiv » …"
    expect(page('0093').title).toBe('Nummer zwei: Leo');
  });

  it('takes the <title> over a DC.title that is only the domain', () => {
    expect(page('0020').title).toMatch(/^The GNU General Public License v3\.0/);
  });
});

describe('language of furniture-heavy pages', () => {
  it('keeps the declared language when the text is addresses and a few link labels', () => {
    expect(page('0070').language).toBe('de'); // "via netzpolitik.org https://netzpolitik.org" ×15 (tinyld: eo)
    expect(page('0142').language).toBe('de'); // opening hours and a shop's name first (tinyld: pt)
  });
});
