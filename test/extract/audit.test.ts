// Session 9: what reading three fixed-seed samples of htmldate article pages (bench/extract-audit.ts, seeds 9, 23
// and 37) found on sites the project had not tuned on — lost article text and kept cruft — tested on those pages,
// on Timeline17 texts and on short inputs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { classifyBlocks } from '../../src/extract/blocks.js';
import { htmldatePage } from '../helpers/htmldate.js';

const page = (n: string) => extract({ html: htmldatePage(n) });
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const kept = (lines: string[]) => classifyBlocks(lines.map((text) => ({ text, tag: 'p' as const })), { fromHtml: true });

describe('article text that was lost', () => {
  it('keeps the article of a page column named after its sidebar (Readability dropped it as unlikely)', () => {
    const r = page('0430');
    expect(words(r.text)).toBeGreaterThan(500);
    expect(r.text).toContain('Beim Kilometerleasing wird eine Obergrenze an gefahrenen Kilometern festgelegt.');
    expect(r.text).not.toContain('FinCompare wurde als geprüftes Vergleichsportal');
  });

  it('takes a letter over its signatories when Readability crowned the list for its commas', () => {
    const r = page('0254');
    expect(r.text).toContain('Our cultural institutions are facing a moment of trial.');
    expect(r.text).toContain('The free exchange of information and ideas, the lifeblood of a liberal society');
  });

  it("keeps paragraphs a site marks with a 'paywall' class: they are on the page, they are the article", () => {
    expect(page('0631').text).toContain('Speaking to reporters in the South Korean capital of Seoul');
    expect(page('0622').text).toContain('Emmanuel Macron ne parvient pas à remonter la pente');
  });

  it('keeps the article a blog prints in <noscript> for readers without scripts', () => {
    const r = page('0253');
    expect(r.text).toContain('Turning on Enhanced Safe Browsing will substantially increase protection');
    expect(words(r.text)).toBeGreaterThan(300);
  });

  it('keeps code and subheads that open with "from"/"von" and a lower-case word (they were taken for bylines)', () => {
    expect(page('0600').text).toContain("from pathlib import Path from os import chdir parent = Path('..') chdir(parent)");
    expect(page('0457').text).toContain('Von dieser Testpflicht gibt es allerdings Ausnahmen');
    expect(page('0747').text).not.toContain('Written by on November 7, 2023');
  });

  it("keeps a slideshow's captions when they are the page's only text, without their credits", () => {
    const r = page('0410');
    expect(r.text).toContain('In a departure from their flagships, the iPhone SE gets a fingerprint sensor');
    expect(r.text).not.toMatch(/^(?:Agencies|ET Online\|)$/m);
    expect(r.text).not.toContain('Image credit');
  });

  it("keeps a table's rows after the last paragraph (a league table)", () => {
    expect(page('0788').text).toContain('Leverkusen (28 Pkt)');
  });
});

describe('cruft that was kept', () => {
  it("cuts a paywall's offer box from its prompt to the end", () => {
    const fr = page('0203');
    expect(fr.text).not.toMatch(/Pour lire la suite|créez votre compte/);
    expect(fr.text).toContain('Pour réaliser ce programme');
    const de = page('0675');
    expect(de.text).toContain('Gesine aus Tübingen läuft die Zeit davon.');
    expect(de.text).not.toMatch(/Bereits Abonnent|Jetzt diesen Artikel lesen|kündbar/);
  });

  it('cuts affiliate-link disclosures in English and German, wherever they stand', () => {
    expect(page('0563').text).not.toMatch(/affiliate links/i);
    expect(page('0595').text).not.toMatch(/Affiliate-Links/);
    expect(page('0779').text).not.toMatch(/Partner-Links/);
    // an article sentence on a bill's provisions stays
    expect(kept(['“You might well find that you get provision write-backs,” he said, hinting the bill could be lower.']).kept).toHaveLength(1);
  });

  it('cuts feedback prompts, support pitches and author bios closing a page', () => {
    expect(page('0779').text).not.toMatch(/Gefällt dir dieser Beitrag|Vielen Dank für deine Stimme/);
    expect(page('0320').text).not.toContain('Fandest du den Artikel hilfreich?');
    expect(page('0221').text).not.toMatch(/Help us unlock|powered primarily through donations/);
    expect(page('0669').text).not.toMatch(/Supporter|Words: Rudolf Fischer/);
    expect(page('0792').text).not.toContain('Peter Grimm ist Journalist');
    // a news sentence about donations is text
    const news = kept(['The family set up an appeal.', 'So far, the GoFundMe page has raised over £49,000 in donations.']);
    expect(news.kept).toHaveLength(2);
  });

  it('cuts tables of contents and the lead-ins of removed related links', () => {
    for (const n of ['0674', '0656', '0511']) expect(page(n).text).not.toMatch(/^(?:Inhaltsverzeichnis|Inhalt)$/m);
    const robo = page('0595').text.split('\n\n');
    expect(robo.filter((p) => p === 'Was ist ein Robo-Advisor?')).toHaveLength(1);
    expect(page('0028').text).not.toContain('Mehr zu Konny Reimann und seiner Familie:');
  });

  it('cuts bylines, credits, captions and datelines other sites print as text', () => {
    expect(page('0516').text.split('\n\n')).not.toContain('By');
    expect(page('0760').text).not.toContain('Eine Kolumne von Nils Pickert');
    expect(page('0400').text).not.toContain('(Symbolbild:');
    expect(page('0225').text).not.toMatch(/Getty\/Kevork|This post originally appeared on Grist/);
    expect(page('0475').text).not.toMatch(/^Hamburg, 2\. November 2021$/m);
    expect(page('0222').text).not.toContain('Additional reporting by Steve Gorman');
    expect(page('0583').text).not.toMatch(/in der Wochenzeitung „der Freitag“ erschienen|Lesen Sie – als Hintergrundinformation/);
    expect(page('0583').text).toContain('Verhütung ist immer besser als die Pille danach.');
    // an agency's sign-off after a paragraph is no picture credit: the paragraph stays
    expect(page('0331').text).toContain('Später kündigte der Manager dann doch sein Erscheinen an.');
  });

  it('cuts live-blog post stamps, loading placeholders, pagination and comment-policy notices', () => {
    expect(page('0234').text).not.toMatch(/^\d\d:\d\d(?:Frances|Gavin)/m);
    expect(page('0234').text).toContain('Thanks for following our live blog throughout the day.');
    expect(page('0641').text).not.toContain('Article Pages: 1 2');
    expect(page('0625').text).not.toMatch(/Most read in Celebrity|read more linda nolan/);
    expect(page('0696').text).not.toContain('Die Redaktion behält sich vor');
  });

  it("drops a '› site' or domain part from titles", () => {
    expect(page('0064').title).toBe('Laufen im Winter: Von „bäh!“ zu „yeah!“ in 12 Monaten.');
    expect(page('0422').title).toBe('Lockdown: Gottesdienste bleiben unter strengen Auflagen möglich');
    expect(page('0524').title).toBe('Bielersee-Winterhechte');
  });
});

describe('scraped text (Timeline17)', () => {
  const t17 = (folder: string, id: string) => {
    const line = readFileSync(new URL(`../../../shared/data/t17/${folder}/articles.jsonl`, import.meta.url), 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`{"id": "${id}",`))!;
    return extract({ text: (JSON.parse(line) as { text: string }).text });
  };

  it('cuts a photo caption that places people in the picture ("( L )", "( L-R )"), keeps "(R)" for a party', () => {
    const r = t17('H1N1_reuters', '951');
    expect(r.text).not.toContain('Rahman Ali ( L ) and Khak Hussain');
    expect(r.text).toContain('Each of the 47 families in this village');
    expect(kept(['Louisiana Gov. Bobby Jindal (R) complained about the need for his residents to file new paperwork, said a dealer on Friday, May 7.']).kept).toHaveLength(1);
  });
});
