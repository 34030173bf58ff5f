// The block classifier shared by the HTML and the plain-text paths: given the paragraphs of a page
// (with optional HTML hints), it decides which are article text and which are page furniture —
// menus, datelines, bylines, call-to-action lines, comment forms, captions, promo blocks, debris —
// and says why. General features only: no site's strings.
import type { RemovedBlock } from '../types.js';
import { commentThread } from './comments.js';
import { MAX_CAPTION_WORDS, isCaptionShaped, isContributorNote, splitCredits } from './credits.js';

// Patterns with \p{…} tested in loops, made once: tsx (esbuild) turns such a literal into `new RegExp(…)`,
// built and compiled again each time the line runs.
const STARTS_UPPER = /^\p{Lu}/u;

export interface Block {
  text: string;
  /** What the HTML says the block is, when it came from HTML. */
  tag?: 'p' | 'h' | 'li' | 'quote' | 'caption' | 'cell' | 'pre' | 'other';
  /** Share of the block's characters inside links (HTML only). */
  linkDensity?: number;
}

export interface ClassifyOptions {
  /** Normalised line → number of OTHER articles of the same source/corpus containing it. */
  repeatedLines?: ReadonlyMap<string, number>;
  /** Find a title among the head lines (plain text). */
  findTitle?: boolean;
  /** A title already known (used to drop its repetition in the body). */
  title?: string;
  /** The page's URL and canonical URL: a block that is only one of them is furniture. */
  pageUrls?: (string | null | undefined)[];
  /** HTML input: Readability already chose the region, so head/tail heuristics are gentler. */
  fromHtml?: boolean;
}

export interface Classified {
  title: string | null;
  kept: string[];
  removed: RemovedBlock[];
  /** Characters of the kept blocks that are prose (sentences of function words). */
  proseChars: number;
}

const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as into about over after before between under during without ' +
    'is are was were be been being has have had do does did will would shall should can could may might must ' +
    'i you he she it we they me him her us them my your his its our their this that these those there here ' +
    'who whom whose which what when where why how not no nor so than too very also just only then than both each ' +
    'said says say told according while since until because although though however more most such other any all ' +
    // a few other languages, so that prose in them scores as prose too
    'le la les un une des du de et est en que qui dans pour pas sur au aux ce il elle ne se sont par avec ' +
    'der die das und ist ein eine nicht mit von zu den dem im sich auch auf für es sie er wir ' +
    'el los las y es del por con para una su al lo como más pero sus ' +
    'o os um uma do da dos das e é não em no na com para por mais se ' +
    'il di che è e per non con una sono della nel alla ' +
    'и в не на что с по это как из а к но у от за о же'
  ).split(' '),
);

const NON_ASCII = /[^\x00-\x7f]/;

/** NFKC leaves ASCII as it is: most lines need no normalisation pass. */
function nfkc(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFKC') : text;
}

/** Whitespace other than a lone space, or two in a row: what collapseSpaces changes. */
const UNCOLLAPSED = /\s\s|[^\S ]/;

/** `text.replace(/\s+/g, ' ')`, without rebuilding the (usual) text that has only single spaces. */
export function collapseSpaces(text: string): string {
  return UNCOLLAPSED.test(text) ? text.replace(/\s+/g, ' ') : text;
}

/** Normalises a line for counting its repetition across articles: case, quotes, digits, spacing. */
export function normalizeLineForRepetition(line: string): string {
  if (!NON_ASCII.test(line)) return asciiKey(line, true);
  return nfkc(line)
    .toLowerCase()
    .replace(/[“”«»„‟"″]/g, '"')
    .replace(/[‘’‚‛'′`]/g, "'")
    .replace(/\d+/g, '0')
    .replace(/[^\p{L}\p{N}'"]+/gu, ' ')
    .trim();
}

/** Normalised key for collapsing duplicate paragraphs (quotes and punctuation ignored). */
export function duplicateKey(text: string): string {
  if (!NON_ASCII.test(text)) return asciiKey(text, false);
  return nfkc(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * normalizeLineForRepetition (`repetition`) or duplicateKey of an ASCII text, in one pass: letters
 * lower-cased, digits kept (or each run of them written 0, and quote marks ' " ` kept as ' "),
 * every run of other characters one space, none at the ends.
 */
function asciiKey(text: string, repetition: boolean): string {
  let out = '';
  let pendingSpace = false;
  let runStart = -1; // start of the current run of characters copied as they are
  // (the run is flushed inline, not by a closure: this runs for every line of every page)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    const digit = c >= 48 && c <= 57;
    const backtick = repetition && c === 96; // a quote mark: written '
    const kept = upper || digit || backtick || (c >= 97 && c <= 122) || (repetition && (c === 39 || c === 34));
    if (!kept) {
      if (runStart >= 0) out += text.slice(runStart, i);
      runStart = -1;
      if (out.length > 0) pendingSpace = true;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    if (upper || backtick || (repetition && digit)) {
      if (runStart >= 0) out += text.slice(runStart, i);
      runStart = -1;
      if (upper) out += String.fromCharCode(c + 32);
      else if (backtick) out += "'";
      else {
        out += '0';
        while (i + 1 < text.length && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57) i++;
      }
    } else if (runStart < 0) runStart = i;
  }
  if (runStart >= 0) out += text.slice(runStart);
  return out;
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

export interface TextFeatures {
  words: number;
  chars: number;
  stopwordShare: number;
  capitalisedShare: number;
  /** Ends like a sentence: . ! ? … or a closing quote after one. */
  endsSentence: boolean;
  sentenceMarks: number;
}

export function textFeatures(text: string): TextFeatures {
  return NON_ASCII.test(text) ? textFeaturesByPatterns(text) : asciiTextFeatures(text);
}

/** textFeatures by its definition: the word pattern, a stopword lookup per word, the CJK count. */
export function textFeaturesByPatterns(text: string): TextFeatures {
  const words = text.match(WORD_RE) ?? [];
  let stop = 0;
  let caps = 0;
  for (const w of words) {
    const lower = w.toLowerCase();
    if (STOPWORDS.has(lower)) stop++;
    if (STARTS_UPPER.test(w)) caps++;
  }
  // Chinese and Japanese write without spaces: count two characters as a word.
  const cjk = (text.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g) ?? []).length;
  const wordCount = cjk > 0 ? Math.max(words.length, Math.round(cjk / 2) + words.length) : words.length;
  return sentenceFeatures(text, wordCount, words.length, stop, caps);
}

const LONGEST_STOPWORD = Math.max(...[...STOPWORDS].map((w) => w.length));

/**
 * textFeatures of an ASCII text in one scan: the word pattern's matches are runs starting with a
 * letter or digit and going on over letters, digits and ' . - (no CJK in ASCII); only words short
 * enough to be a stopword are cut out and looked up.
 */
function asciiTextFeatures(text: string): TextFeatures {
  let words = 0;
  let stop = 0;
  let caps = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    if (!(upper || (c >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
      i++;
      continue;
    }
    let j = i + 1;
    for (; j < n; j++) {
      const d = text.charCodeAt(j);
      if (!((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 39 || d === 46 || d === 45)) break;
    }
    words++;
    if (upper) caps++;
    if (j - i <= LONGEST_STOPWORD && STOPWORDS.has(text.slice(i, j).toLowerCase())) stop++;
    i = j;
  }
  return sentenceFeatures(text, words, words, stop, caps);
}

function sentenceFeatures(text: string, wordCount: number, matched: number, stop: number, caps: number): TextFeatures {
  const n = matched || 1;
  return {
    words: wordCount,
    chars: text.length,
    stopwordShare: stop / n,
    capitalisedShare: caps / n,
    // (sentence ends of other scripts too: Devanagari danda, Arabic question mark and full stop, Armenian, Ethiopic, Myanmar)
    endsSentence: /[.!?…。！？」』।॥؟۔։።။]["'”’»)\]]*\s*$/.test(text) || /[.!?]\s*["'”’»]\s*$/.test(text) || /[:;]\s*$/.test(text),
    sentenceMarks: (text.match(/[.!?。！？।؟۔։።။](?=\s|["'”’»)]|$)/g) ?? []).length,
  };
}

/** Prose: what article paragraphs look like (sentences made of function words). */
export function isProse(f: TextFeatures): boolean {
  if (f.words >= 12 && f.stopwordShare >= 0.18 && (f.endsSentence || f.sentenceMarks >= 2)) return true;
  if (f.words >= 6 && f.endsSentence && f.stopwordShare >= 0.15) return true;
  // Languages without the stopwords above (CJK, Korean…): long text ending like a sentence.
  if (f.chars >= 80 && f.endsSentence && f.capitalisedShare < 0.5) return true;
  return false;
}

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|' +
  'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|januar|februar|märz|juni|juli|oktober|dezember|' +
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|' +
  'gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre';
const WEEKDAYS =
  'mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|' +
  'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|' +
  'segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|sábado|domingo|lunes|martes|miércoles|jueves|viernes';
const MONTH_WORD_RE = new RegExp(`\\b(?:${MONTHS})\\b`, 'i');
const DATE_WORD_RE = new RegExp(
  `\\b(?:${MONTHS}|${WEEKDAYS}|am|pm|a\\.m\\.|p\\.m\\.|gmt|utc|[ecmp][sd]t|bst|cet|cest|ist|updated?|published|posted|last|modified|on|at|de|às|um|uhr|le|à|h|st|nd|rd|th|hours?|minutes?|mins?|days?|ago|today|yesterday|veröffentlicht|aktualisiert|erstellt|zuletzt|geändert|publié|mis à jour|publicado|actualizado|atualizado|pubblicato|aggiornato|il|el|em|überarbeitet|artikel|beitrag|autor|article|story|by|von|par|por|ultimo|aggiornamento|stand|des|artikels|beitrags)\\b\\.?`,
  'giu',
);

/** A line that is only a date, a time, or "Published …/Updated …" with a date. */
export function isDateLine(text: string): boolean {
  if (text.length > 90) return false;
  const hasDigitDate =
    /\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\bago\b/i.test(text) ||
    (/\d/.test(text) && MONTH_WORD_RE.test(text));
  if (hasDigitDate) {
    const rest = text
      .toLowerCase()
      .replace(DATE_WORD_RE, ' ')
      .replace(/\d+(?:st|nd|rd|th|er|º)?/g, ' ')
      .replace(/[\s,.:;|/\\()\-–—·•]+/g, '');
    if (rest.length <= 2) return true;
  }
  return /^(?:updated|published|posted|modified)\s*:?$/i.test(text.trim());
}

/** A date and the section it was filed in: "Mittwoch, 01. November 2023 - Handel", "24. April 2020 | Pressemitteilungen". */
function isDateSectionLine(text: string): boolean {
  if (!/\s[|–—-]\s/.test(text)) return false;
  const parts = text.split(/\s+[|–—-]\s+/);
  if (parts.length !== 2) return false;
  const [a, b] = parts as [string, string];
  const section = (s: string) => /^\p{Lu}[\p{L}&.-]*(?:\s+\p{Lu}[\p{L}&.-]*)?$/u.test(s.trim());
  // (a day's date, not a bare year: "1967 – Der Sechstagekrieg" is a heading)
  const dated = (s: string) => isDateLine(s) && ((s.match(/\d+/g) ?? []).length >= 2 || (/\d/.test(s) && MONTH_WORD_RE.test(s)));
  return (dated(a) && section(b)) || (dated(b) && section(a));
}

/** A blog engine's meta line: "Veröffentlicht: 05.01.2020 | Abgelegt unter: Fotografie | Tags: …". */
const BLOG_META_LINE_RE =
  /^(?:[^|]{0,60}\|\s*){0,2}(?:veröffentlicht|abgelegt unter|kategorie(?:n)?|tags|schlagwörter|posted|filed under|categor(?:y|ies)|publié|catégories?|publicado|categorías?)\s*:[^|]{1,120}\|\s*(?:abgelegt unter|kategorie(?:n)?|tags|schlagwörter|filed under|categor(?:y|ies)|catégories?|étiquettes|categorías?|etiquetas|autor|author|von|by)\s*:/iu;

/** A credit standing alone under a picture: "Agencies", "Reuters", "Getty Images", "ET Online|". */
const CREDIT_ONLY_RE = /^(?:agencies|agency|reuters|afp|ap|dpa|epa|getty images|getty|istock(?:photo)?|shutterstock|pti|ians|ani|xinhua|[A-Z]{2,6} online)\s*\|?$/i;

/** A live blog's post header, its time glued to the author or a label: "21:22Frances Watkins", "18:28KEY EVENT". */
const LIVE_POST_STAMP_RE = /^\d{1,2}:\d\d(?:\s*[ap]\.?m\.?)?(?=[A-ZÀ-ÖØ-ÞĀ-ſ])[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ'’. -]{2,40}$/u;
/** A notice that the story is still being written, closing it. */
const DEVELOPING_RE = /^(?:this (?:is a )?(?:developing|breaking)(?: news)? story|(?:this )?story (?:is )?developing|check back (?:later |soon )?for (?:more |the latest )?updates|diese meldung wird (?:laufend )?aktualisiert|cet article (?:sera|est) (?:mis à jour|actualisé))/iu;

/** Where the piece first ran, closing it: "Dieser Beitrag ist am 1. Juni 2017 in der Wochenzeitung „der Freitag“ erschienen." */
const ORIGIN_NOTE_RE =
  /^(?:(?:dieser|der) (?:beitrag|artikel|text|kommentar|essay) (?:ist|erschien|wurde) (?:zuerst |ursprünglich |erstmals )?(?:am [^,;]{1,30}? )?(?:in|bei|auf|im) [^;]{1,80}? (?:erschienen|veröffentlicht)|(?:this|the) (?:article|story|post|piece|essay|column|interview) (?:was )?(?:first|originally) (?:appeared|ran|published) (?:in|on|at|by)\b|(?:cet|l'|cette) (?:article|tribune|chronique) a (?:d'abord |initialement )?été publiée? (?:dans|sur|par))/i;

/** A pointer to another piece closing the page: "Lesen Sie – als Hintergrund – auch den Beitrag „…“", "Read also our …". */
const READ_ALSO_TAIL_RE = /^(?:lesen sie|lies|read|see|voir|lisez|leggi|lee|leia)\b[^.!?]{0,120}\b(?:auch|also|aussi|également|anche|también|também)\b[^.!?]{0,40}\b(?:beitrag|artikel|text|article|story|piece|post|articolo|artículo|artigo|interview|analyse|analysis)/i;

/** A paywall's prompt opening its offer box. */
const PAYWALL_RE =
  /^(?:pour lire la suite|(?:et )?accéder (?:gratuitement )?à (?:\d+ )?articles|créez votre compte|(?:ou si )?vous avez déjà un compte|déjà abonnée?|bereits abonnent(?:\/in|in)?\b|sie sind bereits abonnent|jetzt (?:diesen artikel |weiter)?(?:lesen|weiterlesen|freischalten)|gleich können sie weiterlesen|(?:you(?:'re| are) )?already (?:a )?(?:subscriber|member)|(?:subscribe|sign in|log in|register) to (?:continue|keep) reading|to continue reading\b|continue reading with (?:a|your) subscription|this (?:article|story|content) is (?:only )?(?:for|available to|reserved for|exclusive to) (?:subscribers|members)|para seguir leyendo|per continuare a leggere)/iu;

/** A press release's place and date on a line of their own: "Hamburg, 2. November 2021", "Berlin, 28.10.2021, 058/21". */
const PLACE_DATE_LINE_RE =
  /^[A-ZÀ-ÖØ-ÞĀ-ſ][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ.\- /]{1,40},\s*(?:(?:den|le|el|il)\s+)?(?:\d{1,2}\.?\s*[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]{3,}\.?\s+(?:19|20)\d\d|\d{1,2}\.\d{1,2}\.(?:19|20)?\d\d|[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]{3,}\.?\s+\d{1,2},?\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)(?:\s*,\s*[\d/.-]+)?\s*$/u;

/** Headings over related links, in the languages of the stopword list. */
const RELATED_HEADING_RE =
  /^(?:verwandte (?:artikel|beiträge|themen|nachrichten)|ähnliche (?:artikel|beiträge|themen)|mehr zum thema|mehr zu(?:m| den) themen?|mehr zu diesem thema|weitere (?:artikel|beiträge|meldungen|nachrichten|themen)|das könnte (?:sie|dich) (?:auch )?interessieren|diese (?:artikel|beiträge) könnten (?:sie|dich) (?:auch )?interessieren|auch interessant|lesen sie auch|lesen sie mehr|lies auch|articles? (?:similaires|connexes|liés|recommandés)|à lire (?:aussi|également)|lire aussi|sur le même sujet|dans la même rubrique|artículos relacionados|noticias relacionadas|te puede interesar|lee también|artigos relacionados|notícias relacionadas|leia também|veja também|articoli correlati|notizie correlate|leggi anche|похожие (?:статьи|материалы|новости)|читайте также)\s*[:.…]*$/iu;

/**
 * Where a person stands in a picture: "( L )", "(2nd R)", "(L-R)", "(left)", "(centre)" — captions only. "(R)" alone is
 * also a party or a trademark ("Gov. Bobby Jindal (R)", "MSD (R) Test"): it counts beside another mark only.
 */
const POSITION_MARK_RE = /\(\s*(?:(?:\d(?:st|nd|rd|th)\s+(?:from\s+)?)[LR]|[LC]|L\s*-\s*R|R\s*-\s*L|left|right|cent(?:er|re)|(?:from\s+)?(?:left|right)\s+to\s+(?:right|left)|(?:2nd|second|third|3rd)\s+(?:from\s+)?(?:left|right))\s*\)/u;
/** …and what else a caption has: the picture's date, or a picture word. */
const CAPTION_CONTEXT_RE =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}\b|\b(?:photo|picture|image|file|pose|poses|posing|pictured)\b/iu;

/** Words of a line leading into related links: "Lire aussi sur site.fr", "Mehr zum Thema", "See also", "Leggi anche". */
const RELATED_LEAD_RE =
  /(?:^|\s)(?:also|see|more|related|read|further|aussi|également|lire|voir|auch|mehr|weitere|lesen|siehe|anche|leggi|altri|también|más|lee|mais|leia|veja|также|читайте)(?=\s|$|[:.…])/iu;

/**
 * Always furniture when short, even as a whole sentence: messages about the site itself (cookies,
 * consent to embedded players, the blog engine's post footer, comment-form labels, licences).
 */
const SITE_NOTICES: { re: RegExp; reason: string; hint?: RegExp }[] = [
  { re: /^(?:this (?:entry|post) was (?:posted|filed) (?:in|on|under|by)\b|bookmark the permalink|both comments and trackbacks are|(?:comments and )?trackbacks are (?:currently )?closed|you can follow any responses to this entry|you can leave a response|dieser (?:eintrag|beitrag|artikel) wurde (?:am |in |unter |von )|lesezeichen (?:für|auf) den permalink|cette entrée a été publiée|cet article a été publié dans|esta entrada fue publicada|questa voce è stata pubblicata)/iu, reason: 'blog post footer' },
  { re: /^\|?\s*(?:abgelegt unter|gespeichert unter|eingeordnet unter|veröffentlicht unter|kategorisiert unter|categori[sz]ed (?:in|under)|filed in|classé dans|archivado en|archiviato in)\b/iu, reason: 'blog post footer' },
  { re: /^(?:(?:dieser|der) (?:artikel|beitrag) hat \d+ kommentare?|this (?:article|post|story) has \d+ comments?|du musst eingeloggt sein|sie müssen (?:eingeloggt|angemeldet) sein|you must be (?:logged in|signed in) to)/iu, reason: 'comment section' },
  { re: /^(?:name|e-?mail|e-?mail-adresse|website|webseite|homepage|url|uri|kommentar|comment|nom|nombre|nome|courriel|site web|sitio web)\s*\*?\s*\((?:required|optional|will not be published|not published|never published|hidden|your (?:blog|web ?site|homepage)|erforderlich|pflicht(?:feld|angabe)?|optional|wird nicht veröffentlicht|adresse wird niemals veröffentlicht|obligatoire|requis|obligatorio|obbligatorio)/iu, reason: 'comment form' },
  { re: /(?:ihre e-?mail-adresse wird nicht veröffentlicht|erforderliche felder sind mit|gib hier deinen kommentar ein|trage deine daten unten ein|du kommentierst mit deinem|benachrichtige mich über|informiere mich über neue beiträge|notify me of (?:follow-up comments|new posts)|votre adresse (?:e-?mail|de messagerie|courriel) ne sera pas publiée|les champs obligatoires sont indiqués|tu dirección de correo electrónico no será publicada|los campos obligatorios están marcados|il tuo indirizzo email non sarà pubblicato|o seu endereço de e-mail não será publicado)/iu, reason: 'comment form', hint: /mail|felder|kommentar|deine daten|mich|notify|champs|campos|indirizzo|endere/i },
  // a comment section's own notices: "Views expressed in the comments do not represent those of …", "This discussion is now closed."
  {
    re: /^(?:(?:the )?(?:views|opinions) expressed (?:in (?:the|these|reader) comments|by (?:readers|commenters|users))\b|we welcome comments\b|(?:this|the) (?:discussion|debate|thread|comment thread|comments? section) (?:is|has been|are|have been) (?:now )?closed\b|the [\p{L}.]+ may edit your comments|your comments may be (?:published|edited)|(?:[\w.-]+ is )?not responsible for (?:any )?content posted by\b|(?:please )?get involved and leave a comment|(?:the editors?|we) reserves? the right to (?:edit|shorten|delete|remove) (?:comments|letters|submissions)|(?:die redaktion|wir) behält sich vor,? (?:leser(?:meinungen|briefe|kommentare|zuschriften)|kommentare|zuschriften|beiträge) (?:zu kürzen|zu löschen|nicht zu veröffentlichen))/iu,
    reason: 'comment section',
  },
  // bookmark and premium widgets: "You can find this story in My Bookmarks.", "Try MEN Premium for FREE by clicking here…"
  { re: /^(?:you can find (?:this|the) (?:story|article) in (?:your |my )?bookmarks|find your bookmarks in\b|try (?:[\p{Lu}][\p{L}.&'’-]*\s+){1,3}(?:premium|plus|\+)\s+(?:for free|free)\b)/iu, reason: 'page notice' },
  // players and wire copy speaking about themselves
  { re: /^(?:this (?:copy|story|article) may not be in its final form|(?:sorry\s*,?\s*)?this (?:media|video|content|clip|programme|program) is not available in your (?:territory|country|region)|can ?not play media\b)/iu, reason: 'page notice' },
  // a programme's or clip's page speaking about itself: "PLEASE NOTE : We are unable to offer transcripts…", "Today is broadcast live and the running order is subject to change", "This BBC News clip is published as part of … and was first broadcast on 10 March 2010", "Please note this clip is only available in Flash"
  { re: /^(?:(?:please note\s*:?\s*)?we are (?:unable|not able) to (?:offer|provide|supply) transcripts\b|[^.!?]{0,40}\bis broadcast live and the running order is subject to change|this [\p{L} ]{0,30}(?:clip|video|programme|program|audio) (?:is|was) published as part of\b[^.!?]{0,80}\b(?:first )?broadcast\b|(?:please note\s*:?\s*)?this (?:clip|video|programme|program|audio) is only available (?:in|as|with) )/iu, reason: 'page notice' },
  { re: /^(?:kommentar (?:verfassen|schreiben|hinterlassen)|antwort abbrechen|schreibe einen kommentar|hinterlasse einen kommentar|laisser un commentaire|laisser une réponse|deja un comentario|deja una respuesta|lascia un commento|deixe um comentário|оставить комментарий)(?![\p{L}\p{N}])/iu, reason: 'comment section' },
  {
    re: /(?:(?:passwort|kennwort|password) (?:muss|must)|bitte (?:trage|gib) (?:eine|deine|ihre) e-?mail|kein [\p{L}-]+konto vorhanden|bitte wähle (?:deine|einen) (?:anzeigename|benutzername)|bitte (?:stimme|akzeptiere) (?:unserer|die|den) datenschutz|(?:forgot|reset) (?:your )?password|passwort vergessen|mot de passe oublié)/iu,
    reason: 'login form',
    hint: /passw|kennwort|konto|datenschutz|e-?mail|anzeigename|mot de passe/i,
  },
  { re: /(?:this (?:site|blog|website|work|page|text|article|post)|(?:dieser|dieses) (?:text|artikel|beitrag)|(?:content|contents|text|posts?) (?:on|of) this (?:site|blog|website)|(?:inhalte|texte|beiträge) (?:dieser|dieses|auf dieser) (?:website|webseite|seite|blogs?)|(?:dieser|diese|dieses) (?:website|webseite|seite|werk|blog)|(?:contenu|textes?) de ce (?:site|blog)|ce (?:site|blog|travail)|(?:este|esta) (?:sitio|blog|obra)|questo (?:sito|blog))\b[^.]{0,80}\b(?:licen[cs]ed|lizenziert|steh(?:t|en) unter|unter der lizenz|under (?:the|a) licen[cs]e|cc[- ]by|sous (?:la )?licence|bajo (?:una |la )?licencia|licenza|creative commons)(?![\p{L}])/iu, reason: 'copyright or legal line', hint: /licen|lizenz|creative/i },
];

/** Cookie banners and consent boxes: the site speaking to the reader about cookies or data sent to a third party. */
/** Cheap test first: every cookie or consent notice names cookies or the third party. */
const CONSENT_HINT_RE = /cookie|youtube|google|facebook|twitter|instagram|vimeo|spotify|soundcloud|drittanbieter|third.part|tiers/i;
const COOKIE_RE = /\bcookies?\b|cookie-(?:richtlinie|einstellungen|hinweis|policy|settings)/i;
/** What a banner asks or states: agree, accept, consent, go on browsing; or "this site uses cookies". */
const CONSENT_CUE_RE =
  /\b(?:agree|accept|consent|continu(?:e|ing) (?:to|your|browsing|using)|by (?:using|browsing|clicking|continuing)|(?:this|our) (?:web ?)?site uses|we use cookies|zustimm\w*|stimmst|stimmen sie|akzeptier\w*|einverstanden|einwillig\w*|(?:wir )?verwenden cookies|(?:diese|unsere) (?:web)?seite verwendet|nutzt cookies|accepte[rz]?|consentement|nous utilisons (?:des )?cookies|ce site utilise|acept(?:a|as|ar|o)|consentimiento|utilizamos cookies|accett(?:a|i|o)|consenso|utilizziamo (?:i )?cookie|aceit(?:a|ar|o)|consentimento|utilizamos cookies|соглас\w*|использует cookie)(?![\p{L}])/iu;
const READER_ADDRESS_RE = /\b(?:you|your|our|we|sie|ihre[mnrs]?|du|dein(?:e[mnrs]?)?|unsere?[mnrs]?|wir|vous|votre|vos|nous|nos|notre|usted|nuestr[oa]s?|utilizamos|usamos|noi|nostr[oi]|voi|você|nosso|nossa|мы|вы|наш)\b/iu;
const THIRD_PARTY_DATA_RE =
  /\b(?:youtube|google|facebook|twitter|instagram|vimeo|spotify|soundcloud|drittanbieter|third[- ]part(?:y|ies)|tiers)\b[^.]{0,120}\b(?:daten|informationen|data|information|données|datos|dati|dados)\b[^.]{0,80}\b(?:übertragen|übermittelt|gesendet|weitergegeben|transferred|sent|shared|transmitted|transmises|envoyées|transferidos|enviados|trasferiti|inviati)|\b(?:daten|informationen|data|information|données)\b[^.]{0,80}\b(?:an|to|à)\b[^.]{0,60}\b(?:youtube|google|facebook|twitter|instagram|vimeo|spotify|soundcloud|drittanbieter|third[- ]part(?:y|ies))\b[^.]{0,60}\b(?:übertragen|übermittelt|gesendet|weitergegeben|transferred|sent|shared|transmitted)/iu;

/** What a long sentence must name to be a notice other than the blog footer (SITE_NOTICES[0]): cookies, a licence, a third party. */
const LONG_NOTICE_HINT_RE = /cookie|licen|lizenz|creative|youtube|google|facebook|twitter|instagram|vimeo|drittanbieter|third.part/i;

/** Words every unanchored notice (comment-form phrases, licences, cookies, third parties) contains: one test for all. */
const NOTICE_WORDS_RE =
  /mail|passw|kennwort|konto|datenschutz|anzeigename|mot de passe|felder|kommentar|deine daten|mich|notify|champs|campos|licen|lizenz|creative|cookie|youtube|google|facebook|twitter|instagram|vimeo|spotify|soundcloud|drittanbieter|third.part|tiers/i;

export function siteNoticeReason(text: string, f: TextFeatures): string | null {
  if (f.words > 80) return null;
  const named = NOTICE_WORDS_RE.test(text);
  for (const { re, reason, hint } of SITE_NOTICES) if ((!hint || (named && hint.test(text))) && re.test(text)) return reason;
  if (!named || !CONSENT_HINT_RE.test(text) || !READER_ADDRESS_RE.test(text)) return null;
  if (COOKIE_RE.test(text) && CONSENT_CUE_RE.test(text)) return 'cookie or consent notice';
  if (THIRD_PARTY_DATA_RE.test(text)) return 'cookie or consent notice';
  return null;
}

/** PHP's error output printed into the page ("Warning: … in /path/file.php on line 12"). */
const SERVER_MESSAGE_RE =
  /(?:PHP )?\b(?:Warning|Notice|Deprecated|Strict Standards|(?:Catchable |Recoverable )?Fatal error|Parse error)\s*:\s+[^\n]{1,600}?\bin \/?[^\s]+ on line \d+/g;

/** Apache's server-side include error printed where an include failed: "[an error occurred while processing this directive]". */
const SSI_ERROR_RE = /[[(]\s*an error occurred while processing this directive\s*[\])]/gi;

/** Cuts server error messages out of a line, keeping the text around them. */
export function cutServerMessages(text: string): { text: string; messages: string[] } {
  const ssi = text.includes('processing this directive');
  if (!ssi && !text.includes(' on line ')) return { text, messages: [] };
  const messages: string[] = [];
  let out = text.replace(SERVER_MESSAGE_RE, (m) => (messages.push(m.trim()), ' '));
  if (ssi) out = out.replace(SSI_ERROR_RE, (m) => (messages.push(m.trim()), ' '));
  return messages.length ? { text: out.replace(/[ \t]{2,}/g, ' ').trim(), messages } : { text, messages };
}

/** A "Read more →" link glued to the end of a teaser. */
/** The marks a glued "read more" link ends with (text is trimmed). */
const READ_MORE_LAST_CHARS = '→»›>…]';
const TRAILING_READ_MORE_RE =
  /\s*(?:\[\s*)?(?:read more|continue reading|weiterlesen|mehr lesen|lire la suite|leer más|seguir leyendo|leia mais|continua a leggere|leggi tutto|читать далее)\s*(?:→|»|›|>|\.\.\.|…|\])\s*$/iu;

/** A picture credit: a short label, then "© Agency / Photographer" (no year: that is a copyright line). */
const PICTURE_CREDIT_RE = /^[^©]{2,160}\s©\s*(?!\s*(?:19|20)\d\d)\p{L}[^©()]{1,80}(?<!:)$/u;

// Call-to-action and page-furniture cues. Each is matched at the start of a short block, or as the
// whole block, never inside long prose.
const FURNITURE: { re: RegExp; reason: string }[] = [
  { re: /^(?:also read|read also|read more|see also|related(?: articles?| stories| posts| news| coverage| content)?|more from|more on this|recommended(?: for you| stories)?|you (?:may|might) (?:also )?(?:like|be interested)|read next|up next|what to read next|trending(?: now)?|most (?:read|popular|viewed)|top stories|editor'?s picks|don'?t miss|further reading|latest (?:news|stories|videos))\b\s*(?:[|:»›>\-–—]|\.{2,}\s*$|…\s*$|$)/i, reason: 'related-link line' },
  { re: /^(?:like this (?:story|article|post)\?|originally published (?:on|in|at|by)\b|(?:this|the) (?:article|story|post|piece|essay|column|interview|text) (?:was )?(?:first|originally) (?:appeared|ran|published)\b|cet article a (?:d'abord|initialement) été publié|share (?:it|this) with a friend|sie finden diesen artikel im internet|dieser (?:artikel|beitrag) (?:ist|wurde) (?:ursprünglich|zuerst) (?:am .{1,30}? )?(?:erschienen|veröffentlicht)|den rest des (?:artikels|beitrags)|(?:hier )?zum vollständigen (?:artikel|beitrag))/i, reason: 'end-of-article promo' },
  { re: /^(?:also read|read more|read also|see also|related|more|watch|listen|click here|read the full story|read the rest)\s*[|:»›>\-–—]/i, reason: 'related-link line' },
  { re: /^(?:(?:zum vergrößern|zur vergrößerung) (?:bitte )?(?:an)?klicken|click (?:to|for) (?:enlarge|larger)|cliquez pour agrandir|haga clic para ampliar)/iu, reason: 'call to action' },
  { re: /^(?:read on|continue reading|read the full|click here|tap here|see more|view more|load more|show more|weiterlesen|mehr lesen|lire la suite|leer más|seguir leyendo|leia mais|continua a leggere|leggi tutto|читать далее)(?![\p{L}\p{N}])/iu, reason: 'call to action' },
  { re: RELATED_HEADING_RE, reason: 'related-link heading' },
  { re: /^(?:categories|category|kategorien|kategorie|catégories|categorías|categorie|archives?|archiv|archivos|archivio|meta|tags|schlagwörter|schlagworte|stichwörter|blogroll|links|recent (?:posts|comments)|neueste (?:beiträge|kommentare)|letzte (?:beiträge|kommentare)|search|suche|suchen|recherche|buscar|cerca|autor|author|auteur|lizenz|licen[cs]e|licence|impressum)\s*:?$/iu, reason: 'sidebar heading' },
  { re: /^(?:no (?:search )?results(?: found)?|nothing found|keine (?:such)?ergebnisse(?: gefunden)?|aucun résultat(?: trouvé)?|sin resultados|no se encontraron resultados|nessun risultato|nenhum resultado(?: encontrado)?|ничего не найдено)\s*[.!]?$/iu, reason: 'search box' },
  { re: /^(?:leave a (?:reply|comment)|post a comment|add a comment|be the first to comment|join the (?:conversation|discussion)|(?:show|view|hide|load|read|see) (?:all )?comments?|comments? (?:are|is) (?:closed|disabled)|no comments(?: yet)?|\d+\s+comments?|comments?\s*\(\d+\)|comments?)\b/i, reason: 'comment section' },
  { re: /^(?:\d+\s+(?:kommentare?|commentaires?|comentarios?|commenti|comentários?)|(?:keine|noch keine) kommentare|aucun commentaire|sin comentarios|nessun commento|um (?:einen |selbst )?kommentare? (?:zu )?(?:hinterlassen|schreiben|verfassen)|kommentare (?:von lesern|der leser)|comments? (?:are|do) not (?:necessarily )?(?:represent|reflect))(?![\p{L}\p{N}])/iu, reason: 'comment section' },
  { re: /^(?:(?:jetzt )?(?:anmelden|einloggen|abonnieren|registrieren) und weiterlesen|(?:subscribe|log in|sign in) to (?:continue|read)|erhalte updates|abonniere jetzt|votre abonnement n.autorise pas|read more (?:on|in|at|from|about)\b|textquelle\s*:)/iu, reason: 'call to action' },
  { re: /(?:your email address will not be published|required fields are marked|you must be logged in to post a comment|this site uses akismet|save my name, email)/i, reason: 'comment form' },
  { re: /^(?:subscribe|sign up|sign in|log ?in|register|newsletter|get (?:the|our) (?:latest|newsletter|app)|download (?:the|our) app|follow us|join (?:us|our)|want more stories|like us on|share (?:this|on|via)|click to share|tweet this|email this|print this|get alerts)\b/i, reason: 'subscription or sharing prompt' },
  { re: /^(?:(?:%d|\d+|one|ein(?:em)?) (?:bloggern? (?:gefällt|gefallen) das|bloggers? likes? this|blogueurs? aiment? cette page|blogueros? les gusta esto)|(?:gefällt mir|like this|j'aime|me gusta|mi piace)\s*:|(?:gefällt mir |like )?(?:wird geladen|loading)\s*(?:\.\.\.|…))/iu, reason: 'subscription or sharing prompt' },
  { re: /^(?:möchten sie (?:den|diesen|das) (?:artikel|beitrag|video) teilen|(?:diesen )?(?:artikel|beitrag|seite) teilen|teilen sie (?:dies|diesen (?:artikel|beitrag))|jetzt teilen|teilen(?: auf| mit| per)?|partager(?: cet article| sur| par)?|partagez(?: cet article)?|compartir(?: en| este artículo)?|compartilhe|compartilhar|condividi(?: su| questo articolo)?|поделиться)(?![\p{L}\p{N}])/iu, reason: 'subscription or sharing prompt' },
  { re: /\b(?:subscribe to|sign up for|sign up to|newsletter|unsubscribe|inbox)\b/i, reason: 'subscription prompt' },
  { re: /^(?:über (?:den autor|den author|die autorin|die autoren|uns)|zum autor|zur autorin|à propos de l'auteure?|sobre (?:el|la|o|a) autora?|sull'autore|l'autore|об авторе)\s*:?$/iu, reason: 'author box heading' },
  { re: /^(?:war (?:der|dieser) (?:artikel|beitrag|text) (?:hilfreich|nützlich|interessant)|wie (?:hilfreich|nützlich) (?:war|fanden sie)|was this (?:article|post|page|story) (?:helpful|useful)|did you (?:find|like) this (?:article|post)|rate this (?:article|post|story)|bewerten sie (?:diesen|den) (?:artikel|beitrag)|cet article vous a-t-il été utile|¿?te ha resultado útil|¿?(?:le|te) ha sido útil|questo articolo ti è stato utile|diskutieren sie mit(?: dem autor)?)/iu, reason: 'rating or feedback prompt' },
  { re: /^\(?\d+\s+(?:stimmen|votes?|bewertungen|ratings?|avis|votos|voti)\b[^()]{0,40}\)?$/iu, reason: 'rating or feedback prompt' },
  // "Fandest du den Artikel hilfreich?", "Gefällt dir dieser Beitrag?", "Thanks for your vote!"
  { re: /^(?:(?:fandest du|fanden sie|findest du|finden sie) (?:den|diesen|dieses|das|die) (?:artikel|beitrag|text|seite|information(?:en)?) (?:hilfreich|nützlich|gut|interessant)|(?:gefällt|gefiel) (?:dir|ihnen) (?:der|dieser|dieses|das|die) (?:artikel|beitrag|text|seite)|hat (?:dir|ihnen) (?:der|dieser|dieses|das) (?:artikel|beitrag|text) gefallen|(?:vielen )?dank für (?:deine|ihre) (?:stimme|bewertung|rückmeldung|feedback)|thanks?(?: you)? for (?:your )?(?:vote|rating|feedback)|did you (?:enjoy|find this helpful)|(?:how )?(?:useful|helpful) was this (?:article|post|page)|did this (?:article|post|page) help|merci pour votre (?:vote|avis)|gracias por (?:tu|su) (?:voto|opinión)|grazie per il (?:tuo )?(?:voto|feedback))(?![A-Za-zÀ-ÖØ-öø-ÿĀ-ſ0-9])/iu, reason: 'rating or feedback prompt' },
  { re: /^(?:inhaltsverzeichnis|inhalt|inhalte|inhaltsübersicht|table of contents|contents|in this (?:article|post|guide)|on this page|sommaire|table des matières|índice|indice|contenido|contenuti|sumário|содержание|оглавление)\s*:?$/iu, reason: 'table of contents' },
  { re: /^(?:\(?(?:rate me|rate this|beitrag bewerten|artikel bewerten)\b|rating:\s*[\d.,]+\s*\/\s*\d|wie (?:sehr|gut) hat (?:ihnen|dir) (?:der|die|das) [\p{L}-]+ gefallen|hier können sie (?:den|diesen) (?:artikel|beitrag) bewerten)/iu, reason: 'rating or feedback prompt' },
  { re: /^(?:ca\.?\s*)?\d{1,2}\s*min\.?$/iu, reason: 'reading time' },
  { re: /^(?:(?:reading time|read time|lesezeit|lesedauer|temps de lecture|tiempo de lectura|tempo di lettura|tempo de leitura)\s*:?\s*(?:ca\.?\s*|~\s*)?\d+|\d+\s*(?:min(?:ute)?s?|minuten)\.?\s+(?:read|lesezeit|lesedauer|de lecture|de lectura|di lettura)\s*$)/iu, reason: 'reading time' },
  { re: /^\d+\s*[-–]\s*\d+\s+(?:of|von|de|di|из)\s+\d+(?:\s+\p{L}+)?\.?$/iu, reason: 'pagination' },
  { re: /^(?:loading|laden|lädt|wird geladen|chargement|cargando|caricamento|загрузка)\s*(?:\.{2,3}|…)?$/iu, reason: 'page notice' },
  // Bookmark widgets ("Story Saved"), a paywall's preview notice, a broadcaster's video/info-box markers ("Ende des
  // Videobeitrags"), "Yes No" vote buttons.
  { re: /^(?:story saved|article saved|saved to (?:your )?(?:bookmarks|reading list)|remove from (?:your )?bookmarks|this is a preview of (?:subscription )?content|log in to check access|(?:ende des|ende der) (?:video|audio)?(?:beitrags?|weiteren informationen|informationen|audiobeitrags|videobeitrags)|(?:video|audio)beitrag$|ja\s*nein$|yes\s*no$|oui\s*non$)/iu, reason: 'page notice' },
  // Where the press release's pictures are: "Fotos zum Download finden Sie hier: https://…", "Photos for download: …"
  { re: /^(?:(?:presse|porträt|portrait)?(?:fotos?|bilder|photos?|images?|pictures?)\b[^.!?]{0,60}\b(?:zum download|zum herunterladen|for download|to download|à télécharger|para descargar)\b)/iu, reason: 'call to action' },
  { re: /^(?:if you (?:are )?(?:using|use|on) pinterest|pin (?:it|this|me) (?:for later|on pinterest)|simak (?:juga )?video\b)/iu, reason: 'subscription or sharing prompt' },
  { re: /^(?:most (?:read|popular|viewed|shared) (?:in|on|from) [A-Za-zÀ-ÖØ-öø-ÿĀ-ſ0-9'’ &-]{2,30}|read more [A-Za-zÀ-ÖØ-öø-ÿĀ-ſ0-9'’ -]{2,40}|watch more (?:of )?(?:our )?videos\b[^.]{0,40})$/iu, reason: 'related-link line' },
  { re: /^(?:(?:article )?pages?|seiten?|pagina|página|страницы?)\s*:?\s*\d+(?:(?:\s+|\s*[|,]\s*)\d+)+(?:\s*(?:next|weiter|suivante|»|›))?$/iu, reason: 'pagination' },
  { re: /^(?:lizenz|license|licence|licencia|licença|licenza)\s*:\s*\S[^.]{0,60}$/iu, reason: 'copyright or legal line' },
  { re: /^(?:about (?:the )?authors?|authors?|tags?|topics?|filed under|categories|category|posted in|share|sharing|print|email)\b\s*(?:[:|]|$|\s+(?:tags?|authors?|topics?|subscribe|share)\b)/i, reason: 'author box or tag list' },
  { re: /^(?:advertisement|advertising|advert|sponsored(?: content)?|promoted|ad|ads|publicidade|anzeige|werbung|publicité|pubblicità|реклама)\s*$/i, reason: 'advertisement label' },
  { re: /^(?:more|other|related|recommended|latest|top|popular|trending|further|similar)\b[\p{L}\p{N}' ]{0,40}\b(?:stories|articles|news|posts|reads|reading|videos?|coverage|links|headlines|recipes|products|guides|content|topics)\s*:?$/iu, reason: 'related-link heading' },
  { re: /^(?:skip to (?:main )?content|skip navigation|menu|search|home|close|back to top|toggle navigation|main menu|next|previous|prev|next article|previous article|image|caption|enlarge this image|hide caption|toggle caption)\s*$/i, reason: 'navigation' },
  { re: /(?:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados|все права защищены|©[^.©]{0,60}\b(?:19|20)\d\d\s*$|©\s*\d{4}|copyright\s*©?\s*\d{4}|this (?:document|material|article) (?:is subject to copyright|may not be (?:published|reproduced))|terms of (?:use|service)|privacy policy|cookie policy)/i, reason: 'copyright or legal line' },
];

/** A pitch to the reader: second-person address with a subscription or follow cue. */
const READER_PITCH_RE = /\b(?:you|your|our|us|sie|ihr|ihre[nms]?|du|dein(?:e[nms]?)?|unser(?:e[nms]?)?|uns|vous|votre|nos|notre)\b/i;
const PITCH_CUE_RE = /\b(?:inbox|newsletters?|subscribe|subscription|sign up|follow (?:us|\p{Lu}[\p{L}.]*) on|listen (?:to|back)|download (?:the|our) app|get (?:the|our) app|delivered (?:daily|weekly|weekday)|click here|abonnier(?:en|e|t)|abonnez-vous|inscrivez-vous)(?![\p{L}])/iu;

const TAIL_CTA_RE =
  /(?:\b(?:follow (?:us|him|her|them|me)\b[^.]{0,40}\b(?:on|at|@)|(?:e-?mail|contact|reach) (?:him|her|them|us|the author)\b|may be reached at|click here|sign up|subscribe|newsletter|delivered (?:to your inbox|through your letterbox)|join our|for as little as|get access to|have a (?:news )?tip\b|this post may contain affiliate|affiliate links?|disclosure)|(?<![\w.+-])[\w.+-]{1,64}@[\w-]+\.[\w.]+|(?:^|\s)@\w{3,})/i;

/**
 * A disclosure of paid links: affiliate/partner links or a commission on purchases, and the site speaking of itself or to
 * the reader ("This post may contain affiliate links…", "…sind Affiliate-Links. Kommt darüber ein Einkauf zustande, erhalten
 * wir eine Provision", "We may receive compensation when you click on links…").
 */
const AFFILIATE_RE =
  /\b(?:affiliate|partner|werbe|provisions)[- ]?links?\b|\baffiliate(?:-| )?(?:programs?|partners?|marketing)?\b[^.]{0,80}\b(?:commission|provision|compensation|vergütung)|\b(?:receive|earn|get|erhalten|bekommen|erhält)(?:\s+[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]+){0,3}?\s+(?:(?:(?:a|an|eine[nr]?|some)\s+)?(?:(?:small|kleine|geringe)\s+)?(?:affiliate\s+)?(?:commission|compensation)|(?:a|an|eine[nr]?)\s+(?:(?:kleine|geringe)\s+)?provision)\b/iu;
/** Cheap test first: every disclosure names one of these. */
const AFFILIATE_HINT_RE = /ffiliat|artner|ommission|ompensation|rovision|erbelink/i;
const AFFILIATE_PARTY_RE = /\b(?:we|us|our|i|my|you|wir|uns|unser\w*|ihr|du|sie|nous|vous|nosotros|noi)\b/iu;

/** A pitch for money or members closing a page: donations, "support us", "become a supporter", "help us". */
const SUPPORT_PITCH_RE =
  /\b(?:donate (?:now|today|here|to us|to our)|make a (?:donation|gift|contribution)|(?:powered|funded|financed|supported) (?:[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]+ )?(?:by|through) (?:donations|readers|our readers|members)|(?:über|durch) (?:eine |ihre |deine |jede )?spenden?|spenden sie|jetzt spenden|spendenkonto|(?:support|unterstütz[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]*|förder[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]*|soutenez|soutenir|apoya|sostieni)\s+(?:us|uns|unsere?[mnrs]?\s+[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]+|our\s+[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]+|nous|notre\s+[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]+)|(?:als|as an?)\s+(?:supporter|unterstützer[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ]*|fördermitglied|patron)|become a (?:member|supporter|patron|subscriber)|help us|hilf uns|helfen sie uns|aidez-nous|ayúdanos|aiutaci)(?![A-Za-zÀ-ÖØ-öø-ÿĀ-ſ0-9])/iu;

/** The site's name and motto closing a page: "KentNews.Online - Reporting on the latest and most interesting news from around Kent!". */
const SITE_TAGLINE_RE = /^[A-Za-z0-9][\w-]*\.(?:com|online|net|org|news|info|de|at|ch|co\.uk|fr|it|es)\s+[-–—|:]\s+\S/iu;

/** An author's short biography closing a page: "Jane Doe is a freelance writer…", "Peter Grimm ist Journalist, Autor…". */
const AUTHOR_BIO_RE = /^(?:(?:Dr|Prof)\.?\s+)?[A-ZÀ-ÖØ-ÞĀ-ſ][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ'’.-]+(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſ][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ'’.-]+){1,3}\s+(?:is|was|ist|war|est|es|è|é)\s+((?:[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ-]+\s+){0,5}[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ-]+)/u;
const PROFESSION_RE =
  /(?:^|\s)(?:journalist(?:in)?|autor(?:in)?|author|writer|reporter(?:in)?|correspondent|korrespondent(?:in)?|redakteur(?:in)?|editor|columnist|kolumnist(?:in)?|journaliste|rédact(?:eur|rice)|chroniqueu(?:r|se)|periodista|giornalista|jornalista|blogger(?:in)?|contributor)(?![\p{L}])/iu;

function isAuthorBio(text: string): boolean {
  const m = AUTHOR_BIO_RE.exec(text);
  return !!m && PROFESSION_RE.test(m[1]!);
}

const TRAILING_CREDIT_RE =
  /\((?:(?:(?:AP|AFP|EPA|Reuters|Getty|Bloomberg|PA|Xinhua|Anadolu)\s+)?(?:photos?|pictures?|images?|photograph|credit|file)\b[^()]{0,120}|(?:foto|fotos|bild|bilder|symbolbild|symbolfoto|archivbild|archivfoto|titelbild|crédit photo|photo)\s*:[^()]{1,120}|(?:Getty(?: Images)?|EPA|Imago|picture alliance|Shutterstock|iStock|Adobe ?Stock)\s*\/\s*[^()]{1,60})\)\s*$/i;
const LEADING_CREDIT_RE = /^\((?:image|photo|picture|credit|foto|bild)s?(?: credit)?\s*:[^()]{1,120}\)\s*/i;

/**
 * Credits glued to a long paragraph (a caption merged into the text by the scraper): cut them off
 * and keep the paragraph. Short blocks that end in a credit are whole captions (captionReason).
 */
export function cutCredits(text: string): { text: string; credits: string[] } {
  if (text.length < 700) return { text, credits: [] };
  const credits: string[] = [];
  let out = text.replace(LEADING_CREDIT_RE, (m) => (credits.push(m.trim()), ''));
  out = out.replace(TRAILING_CREDIT_RE, (m) => (credits.push(m.trim()), ''));
  return { text: out.trim(), credits };
}

/** A photo caption or credit. */
export function captionReason(text: string): string | null {
  const t = text.trim();
  // "Courtesy of Forests News", "Albrecht Dürer, Melencolia I: Gemeinfrei, via Wikimedia Commons"
  if (t.length < 60 && /^(?:courtesy(?: of)?|mit freundlicher genehmigung(?: von)?|avec l'aimable autorisation de)\s+\S/i.test(t) && !/[.!?]\s*$/.test(t)) return 'photo credit';
  if (t.length < 200 && (t.includes('Commons') || t.includes('commons')) && /\bwikimedia commons\s*\.?$/i.test(t)) return 'photo credit';
  if (/^\((?:[A-Z][A-Z ]{1,20})\)\s/.test(t) && /\b(?:pictures?|photos?|images?|shows?|file)\b/i.test(t)) return 'photo caption';
  if (/^(?:photo|photos|photograph|picture|image|credit|source|foto|fotos|bild|bilder|abb\.?|abbildung|titelbild|beitragsbild|headerbild|header image|featured image|top image|lead image|hero image|bildquelle|fotoquelle|bildnachweis|fotonachweis|buchcover|image source|(?:weitere )?bildautor(?:en)?|video|file photo|pictured)\s*(?:credit|source)?\s*(?:[–-]\s*(?:oben|unten|mitte|links|rechts|top|bottom|left|right|above|below)\s*)?[:|]/i.test(t) && t.length < 200)
    return 'photo credit';
  if (/^\((?:photo|photos|picture|image|(?:graph|chart|map|graphic)s? credit|credit|foto|fotos|bild|bilder|abb\.?|quelle|source|crédit|crédito|fonte)s?(?: credit)?\s*:[^()]{1,160}\)$/i.test(t)) return 'photo credit';
  if (t.length < 700 && (TRAILING_CREDIT_RE.test(t) || /\((?:photos?|pictures?) by [^()]{0,160}\)\s*$/i.test(t))) return 'photo caption';
  if (t.length < 400 && /(?:credit|photo|image|picture|photograph)\s*:\s*[^.]{2,80}$/i.test(t)) return 'photo caption';
  if (t.length < 120 && /^©\s*(?!\s*(?:19|20)\d\d)\S[^.!?©]{0,100}$/u.test(t)) return 'photo credit';
  if (t.length < 300 && t.includes('©') && PICTURE_CREDIT_RE.test(t) && !/[.!?]["'”’»]?\s*$/.test(t)) return 'photo credit';
  if (t.length < 400 && /(?:\/\s*(?:AFP|Reuters|AP|EPA|Getty Images|Shutterstock|iStock|Alamy)(?:\s+via\s+[\w ]+)?\)?\s*$|Getty Images\s*$)/.test(t)) return 'photo credit';
  if (t.length < 600 && /^in this\b[^!?;]{0,80}?\b(?:photo|photograph|picture|image|frame grab|screenshot)s?\b/i.test(t)) return 'photo caption';
  if (t.length < 400 && /\bin this\b[^!?;]{0,40}?\b(?:(?:file|handout|undated)\s+)+(?:photo|photograph|picture|image)s?\s*\.?\s*$/i.test(t)) return 'photo caption';
  if (t.length < 600 && /^this\b[^.!?;,]{0,60}?\b(?:file )?(?:photo|photograph|picture|image)s?\s+(?:shows|provided|released|taken|made available|obtained)\b/i.test(t)) return 'photo caption';
  if (/^this (?:combination of|composite|handout|file) (?:file )?(?:pictures?|photos?|images?|photograph)/i.test(t)) return 'photo caption';
  return null;
}

const DEBRIS_RES: RegExp[] = [
  // An image tag whose start was cut: `….jpg” alt=”…” />`
  /\S*\.(?:jpe?g|png|gif|webp|svg|avif)(?:\?\S*)?["”″']?\s*(?:(?:alt|title|width|height|class|srcset|data-[\w-]+)\s*=\s*["”“″'][^"”“″']*["”“″']\s*)*\/?>/gi,
  /<\/?(?:a|abbr|b|br|div|span|p|img|i|em|strong|font|u|s|h[1-6]|ul|ol|li|dl|dt|dd|table|tr|td|th|tbody|thead|iframe|script|style|figure|figcaption|source|picture|video|meta|link|input|button|label|section|article|header|footer|nav|small|sup|sub|blockquote|hr|center|noscript|svg|path|wbr)(?:\s+[\w:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s*\/?>/g,
  /\s[\w-]+=["”“″][^"”“″]{0,200}["”“″]\s*\/>/g,
  /&(?:nbsp|amp|quot|#\d+);/g,
];

/** Cuts HTML debris out of a text line, keeping the prose around it. */
export function cutDebris(text: string): { text: string; debris: string[] } {
  const debris: string[] = [];
  if (!/[<>&=]/.test(text)) return { text, debris };
  let out = text;
  for (const re of DEBRIS_RES) {
    out = out.replace(re, (m) => {
      if (m.startsWith('&')) return m === '&nbsp;' ? ' ' : m === '&amp;' ? '&' : m === '&quot;' ? '"' : ' ';
      debris.push(m.trim());
      return m.startsWith('<br') ? ' ' : ' ';
    });
  }
  out = out.replace(/[ \t]{2,}/g, ' ').trim();
  return { text: out, debris };
}

/** Words no headline or running-order item is made of: articles, pronouns, auxiliaries, conjunctions (English). */
const NON_HEADLINE_WORDS = new Set(
  'the a an and or but is are was were be been being has have had will would can could should do does did i you he she it we they me him her us them my your his its our their this that these those which who what there'.split(' '),
);

/** "Iraq bombs target Kurds": a short item of a programme's running order (no sentence mark, no function word of prose). */
function isRunningOrderItem(segment: string, maxWords: number, minWords = 2): boolean {
  const words = segment.trim().split(/\s+/);
  if (words.length < minWords || words.length > maxWords || /[.!?:"“”]/.test(segment)) return false;
  return words.every((w) => !NON_HEADLINE_WORDS.has(w.toLowerCase()));
}

/**
 * An audio or video programme's promo printed before the text on the same line (BBC World Service pages:
 * "French fight in Mali town French troops fight militias in Mali streets ; Iraq bombs target Kurds ;
 * horsemeat recipes Oceanographer at the UK 's National…"): a headline and a running order of short items
 * between semicolons. The promo is the same on every page of the programme, so it glued unrelated stories
 * together and titled them. Returns the promo's length, or 0. Prose lists between semicolons have function
 * words in their items, or come after the page's first line.
 */
export function runningOrderPromoLength(text: string): number {
  if (!text.includes(' ; ') && !text.includes('; ')) return 0;
  const parts = text.split(/\s*;\s+/);
  if (parts.length < 3) return 0;
  // the headline with the first item, then the middle items
  if (!isRunningOrderItem(parts[0]!, 16)) return 0;
  for (const item of parts.slice(1, -1)) if (!isRunningOrderItem(item, 8)) return 0;
  // the last item runs into the text: it ends before the first capitalised word after a lower-case one, within 4 words
  const last = parts.at(-1)!;
  const words = last.split(/\s+/);
  for (let k = 1; k <= 4 && k < words.length; k++) {
    if (!STARTS_UPPER.test(words[k]!) || !/^\p{Ll}/u.test(words[k - 1]!)) continue;
    const item = words.slice(0, k).join(' ');
    const rest = words.slice(k).join(' ');
    if (/\d/.test(item) || !isRunningOrderItem(item, 4, 1)) return 0;
    if (!isProse(textFeatures(rest))) return 0;
    return text.length - last.length + last.indexOf(rest);
  }
  return 0;
}

function furnitureReason(text: string, f: TextFeatures): string | null {
  const prose = isProse(f);
  // Long real sentences may mention "newsletter" or start with "Related": only short or non-prose blocks go.
  // A call to action followed by a run of headlines (few sentence ends, many capitals) is a promo block.
  const headlineRun = f.capitalisedShare > 0.35 || f.words / (f.sentenceMarks + 1) > 30;
  const longProse = f.words > 25 && prose && !headlineRun;
  // (a long sentence is a notice only if it names cookies, a licence or a third party: one cheap test first)
  const notice = !longProse || LONG_NOTICE_HINT_RE.test(text) || SITE_NOTICES[0]!.re.test(text) ? siteNoticeReason(text, f) : null;
  if (notice) return notice;
  // (long prose that is no headline run: no cue below can remove it, wherever it matches)
  if (longProse) return null;
  for (const { re, reason } of FURNITURE) {
    const m = re.exec(text);
    if (!m) continue;
    const atStart = m.index === 0;
    if (atStart && (f.words <= 12 || !prose || headlineRun)) return reason;
    if (!atStart && f.words <= 25 && (!prose || reason === 'comment form' || reason === 'copyright or legal line')) return reason;
  }
  return null;
}

/** "Blog » News » Headline": two or more short parts and » or › separators (« guillemets » are quotes). */
const BREADCRUMB_RE = /^(?:[^«‹»›|.!?]{1,40}\s[»›]\s){2,}[^«‹»›|]{1,120}$/u;
/** A rating widget's summary: "6.0 out of 6 based on 1 rating". */
const STAR_RATING_RE = /\b\d(?:[.,]\d+)? out of \d+ based on \d+ (?:ratings?|votes?|reviews?)\b/i;

/** A calendar widget's row: seven weekday initials, or seven consecutive day numbers. */
function isCalendarRow(text: string): boolean {
  const cells = text.trim().split(/\s+/);
  if (cells.length !== 7) return false;
  if (cells.every((c) => /^(?:[mdfstw]|mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun|lu|ma|me|je|ve|sa|di)$/i.test(c))) return true;
  const days = cells.map(Number);
  return days.every((d, i) => Number.isInteger(d) && d >= 1 && d <= 31 && (i === 0 || d === days[i - 1]! + 1));
}

const TOOLBAR_WORD_RE =
  /\b(?:drucken|teilen|print|share|e-?mail|pdf|feedback|merken|kommentieren|tweet|facebook|twitter|whatsapp|linkedin|xing|pinterest|speichern|save|imprimer|partager|download|imprimir|compartir|stampa|condividi)\b/gi;

/** A row of article tools ("Download PDF Drucken Teilen Feedback"): three or more of their names. */
function isToolbar(text: string): boolean {
  const found = new Set<string>();
  for (const m of text.matchAll(TOOLBAR_WORD_RE)) found.add(m[0].toLowerCase());
  return found.size >= 3;
}

/** URL-ish or domain-only lines ("To guardian.ng", "www.site.com", an e-mail, a bare link). */
function isLinkLine(text: string, f: TextFeatures): boolean {
  if (f.words > 6) return false;
  return /(?:https?:\/\/|www\.|\b[\w-]+\.(?:com|org|net|ng|uk|de|fr|ru|in|co|io|info|news|tv)\b|@[\w-]+\.|^@\w+$)/i.test(text);
}

const BYLINE_OPENER_RE = /^(?:by|from|written by|words by|reporting by|von|par|por|di)\s+/i;

function isBylineLine(text: string, f: TextFeatures): boolean {
  // (a byline's stamp may end in "a.m.": "By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.")
  if (f.words > 16 || (f.endsSentence && !/\b[ap]\.m\.$/i.test(text.trim()))) return false;
  const t = text.trim().replace(/^\|\s*/, '');
  // (the name must be capitalised: under the i flag \p{Lu} matches any letter, "from pathlib import Path" was a byline)
  const opener = BYLINE_OPENER_RE.exec(t);
  return (
    (opener !== null && /^(?:\p{Lu}|[\w-]+\.(?:com|org|net|de|at|ch|fr|it|es|co\.uk|info)$|(?:on|am|le|el|il)\s+[^.]{0,20}\d)/u.test(t.slice(opener[0].length))) ||
    // a byline whose name is a link of its own block ("By" alone), a column's byline, a credits line ("Words: X Photos: Y")
    /^(?:by|von|par|por|di|door|av)$/iu.test(t) ||
    /^(?:eine?\s+|a\s+|an\s+|une?\s+|una\s+)?(?:kolumne|kommentar|glosse|analyse|essay|column|commentary|chronique|tribune|columna|rubrica)\s+(?:von|by|de|di)\s+\p{Lu}/iu.test(t) ||
    /^(?:words|photos?|fotos?|bilder|images?|pictures?|illustrations?)\s*:\s*\p{Lu}[^.!?]*$/iu.test(t) ||
    /^(?:written by|words by|reporting by|text|von|autor|author|par|por)\s*:\s*\p{Lu}/iu.test(t) ||
    /^(?:text (?:und (?:fotos?|bilder) )?von|illustrations? von|übersetzt von|übersetzung:|translated by|traduit par|traducido por|tradotto da|submitted by|posted by|gespeichert von|eingestellt von|verfasst von|geschrieben von|erstellt von|publié par|écrit par|publicado por|escrito por|pubblicato da|scritto da)\s*:?\s+\S/iu.test(t)
  );
}

/** Headline-like: a few words, mostly capitalised or sentence case, not ending in a period. */
function isHeadlineLike(text: string, f: TextFeatures): boolean {
  if (f.words < 3 || f.words > 30 || text.length > 220) return false;
  if (/[.:;,]\s*$/.test(text) && !/\.\.\.$|…$/.test(text)) return false;
  return true;
}

/** Words of a page's labels and credit lines, not of a two-word headline ("Live updates", "Photo gallery", "Reuters staff"). */
const LABEL_WORDS = new Set(
  ('live breaking latest news update updates updated photo photos picture pictures gallery slideshow video videos watch listen audio podcast ' +
    'share sponsored advertisement promoted related more most read top stories story featured trending popular special exclusive ' +
    'opinion analysis editorial comment comments explainer factbox highlights recap newsletter subscribe follow ' +
    'staff reporter reporters correspondent writer editor editors press wire wires agency agencies ' +
    'новости видео фото фотогалерея фоторепортаж трансляция онлайн').split(' '),
);

/**
 * A two-word line standing alone right above the first paragraph is the text's headline in any script ("Скважина
 * закрыта", "أغلق البئر", "Oil capped"), unless it has the shape of a byline or a label: both words capitalised (a
 * name or an agency: "Jane Doe", "Associated Press", "Иван Петров"), a label or credit word ("Live updates",
 * "Photo gallery", "Reuters staff"), or a function word ("Share this").
 */
function isTwoWordHeadline(text: string): boolean {
  const words = text.split(/\s+/);
  if (!/\p{L}/u.test(text) || /[.:;,|]\s*$/.test(text)) return false;
  if (words.every((w) => /^[^\p{L}]*[\p{Lu}\p{Lt}]/u.test(w))) return false;
  return words.every((w) => {
    const bare = w.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    return !LABEL_WORDS.has(bare) && !NON_HEADLINE_WORDS.has(bare);
  });
}

interface CaptionCandidate {
  text: string;
  f: { words: number };
  keep: boolean;
  reason?: string;
  block: Block;
  ledByCredit?: boolean;
  endsWithCredit?: boolean;
}

/** How many paragraphs before a picture's credit its caption may span. */
const CAPTION_REACH = 3;

/**
 * A picture's caption sits next to its credit: the text a credit opens when it dates or describes
 * the picture the way captions do, and the short run of paragraphs right before a credit when the
 * first of them does ("Singer Jimmy Buffett makes a surprise appearance …, Friday Nov. 1, 2002." /
 * two more caption sentences / "( AP Photo/… ) Singer Jimmy Buffett is just another…").
 */
function dropCaptionsByCredits<T extends CaptionCandidate>(items: T[], drop: (it: T, reason: string) => void): void {
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (!it.ledByCredit && !(it.endsWithCredit && it.reason === 'photo caption')) continue;
    if (it.keep && it.f.words <= MAX_CAPTION_WORDS && isCaptionShaped(it.text)) drop(it, 'photo caption');
    let words = 0;
    let start = -1;
    for (let k = i - 1; k >= 0 && k >= i - CAPTION_REACH; k--) {
      const prev = items[k]!;
      if (!prev.keep || prev.block.tag === 'h') break;
      words += prev.f.words;
      if (words > MAX_CAPTION_WORDS) break;
      if (isCaptionShaped(prev.text)) start = k;
    }
    for (let k = start; k >= 0 && k < i; k++) drop(items[k]!, 'photo caption');
  }
}

/** A wire story's closing note in brackets: "( Reporting by Maggie Fox ; Editing by Will Dunham )", "(Additional reporting by …)". */
const REPORTING_NOTE_RE = /\(\s*(?:additional |further |compiled and )?(?:reporting|writing|editing|compiled|produced|research|written) by\b[^()]{1,250}\)\s*\.?/giu;

/**
 * Cuts wire notes on who reported and edited out of the blocks: the text before a note and the text after
 * it (a scraper glues the page's next line to it) become blocks of their own.
 */
function splitAtReportingNotes(blocks: Block[], removed: RemovedBlock[]): Block[] {
  let out: Block[] | null = null;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const text = block.text;
    if (!text.includes('(') || !/ by\b/i.test(text) || !(REPORTING_NOTE_RE.lastIndex = 0, REPORTING_NOTE_RE.test(text))) {
      out?.push(block);
      continue;
    }
    out ??= blocks.slice(0, i);
    let last = 0;
    REPORTING_NOTE_RE.lastIndex = 0;
    for (let m; (m = REPORTING_NOTE_RE.exec(text)); ) {
      const before = text.slice(last, m.index).trim();
      if (before) out.push({ ...block, text: before });
      removed.push({ text: m[0].trim(), reason: 'contributor note' });
      last = m.index + m[0].length;
    }
    const after = text.slice(last).trim();
    if (after) out.push({ ...block, text: after });
  }
  return out ?? blocks;
}

const READER_COMMENTS = 'reader comments';
/** How much of a reader-comment thread its removed block shows. */
const THREAD_SHOWN_CHARS = 4000;

/**
 * Classifies blocks into article text and removed furniture, collapsing duplicates, and (for
 * plain text) finding the title among the head lines.
 */
export function classifyBlocks(blocks: Block[], options: ClassifyOptions = {}): Classified {
  const removed: RemovedBlock[] = [];
  type Item = { text: string; f: TextFeatures; prose: boolean; block: Block; keep: boolean; reason?: string; ledByCredit?: boolean; endsWithCredit?: boolean };
  const items: Item[] = [];
  for (const block of splitAtReportingNotes(blocks, removed)) {
    const server = cutServerMessages(collapseSpaces(block.text).trim());
    for (const m of server.messages) removed.push({ text: m, reason: 'server error message' });
    const cut = cutDebris(server.text);
    for (const d of cut.debris) removed.push({ text: d, reason: 'HTML debris' });
    const uncredited = cutCredits(cut.text);
    for (const c of uncredited.credits) removed.push({ text: c, reason: 'photo credit' });
    const pictured = splitCredits(uncredited.text);
    for (const c of pictured.credits) removed.push({ text: c, reason: 'photo credit' });
    if (pictured.caption) removed.push({ text: pictured.caption, reason: 'photo caption' });
    let text = pictured.text;
    const promo = items.length === 0 ? runningOrderPromoLength(text) : 0;
    if (promo > 0) {
      removed.push({ text: text.slice(0, promo).trim(), reason: 'programme promo' });
      text = text.slice(promo).trim();
    }
    const last = text.charAt(text.length - 1);
    const readMore = READ_MORE_LAST_CHARS.includes(last) || text.endsWith('...') ? TRAILING_READ_MORE_RE.exec(text) : null;
    if (readMore && readMore.index > 0) {
      removed.push({ text: readMore[0].trim(), reason: 'call to action' });
      text = text.slice(0, readMore.index).trim();
    }
    if (text === '') continue;
    const f = textFeatures(text);
    items.push({ text, f, prose: isProse(f), block, keep: true, ledByCredit: pictured.ledByCredit, endsWithCredit: pictured.endsWithCredit });
  }

  const drop = (it: Item, reason: string) => {
    it.keep = false;
    it.reason = reason;
  };

  for (const it of items) {
    const { text, f, block } = it;
    let why: string | null;
    if (block.tag === 'caption' || it.endsWithCredit) drop(it, 'photo caption');
    else if ((why = captionReason(text))) drop(it, why);
    else if (f.words <= MAX_CAPTION_WORDS && text.includes('(') && POSITION_MARK_RE.test(text) && CAPTION_CONTEXT_RE.test(text)) drop(it, 'photo caption');
    else if ((why = furnitureReason(text, f))) drop(it, why);
    else if (isDateLine(text) || (f.words <= 8 && (PLACE_DATE_LINE_RE.test(text) || isDateSectionLine(text)))) drop(it, 'dateline');
    else if (f.words <= 5 && LIVE_POST_STAMP_RE.test(text)) drop(it, 'live-blog post stamp');
    else if (f.words <= 3 && CREDIT_ONLY_RE.test(text)) drop(it, 'photo credit');
    else if (f.words <= 40 && text.includes('|') && text.includes(':') && BLOG_META_LINE_RE.test(text)) drop(it, 'blog post footer');
    else if (isBylineLine(text, f)) drop(it, 'byline');
    else if (!options.fromHtml && isLinkLine(text, f)) drop(it, 'link or site name');
    else if (/^(?:(?:image|photo|picture|slide|foto|bild)\s+\d+\s+(?:of|von|de|di|\/)\s+\d+|\d+\s*(?:\/|of|von)\s*\d+\s+(?:photos?|pictures?|images?|fotos?|bilder|slides?))$/i.test(text)) drop(it, 'gallery navigation');
    else if (/^https?:\/\/\S+$/.test(text) && options.pageUrls?.some((u) => u && text.replace(/\/$/, '') === u.replace(/\/$/, ''))) drop(it, "the page's own URL");
    else if (f.words <= 25 && PITCH_CUE_RE.test(text) && READER_PITCH_RE.test(text) && !/["“”«»]/.test(text)) drop(it, 'subscription or follow pitch');
    else if ((block.linkDensity ?? 0) > 0.6 && f.words < 40 && !(it.prose && (block.linkDensity ?? 0) < 0.8)) drop(it, 'link list');
    else if (/^[\W\d_]*$/u.test(text) && text.length < 20 && !/\p{L}/u.test(text)) drop(it, 'symbols or numbers only');
    else if (f.words <= 12 && !it.prose && isToolbar(text)) drop(it, 'toolbar');
    else if (f.words >= 7 && f.words <= 8 && isCalendarRow(text)) drop(it, 'calendar');
    else if (f.words <= 30 && (text.includes('»') || text.includes('›')) && BREADCRUMB_RE.test(text)) drop(it, 'breadcrumb');
    else if (f.words <= 30 && text.includes(' based on ') && STAR_RATING_RE.test(text)) drop(it, 'rating or feedback prompt');
    else if (f.words <= 70 && AFFILIATE_HINT_RE.test(text) && AFFILIATE_RE.test(text) && AFFILIATE_PARTY_RE.test(text)) drop(it, 'affiliate disclosure');
    else {
      const repeat = options.repeatedLines?.size ? (options.repeatedLines.get(normalizeLineForRepetition(text)) ?? 0) : 0;
      // Boilerplate repeats across a source's articles; so do wire stories, so long prose needs more evidence.
      if (repeat >= 2 && (!it.prose || f.words < 25 || repeat >= 5)) drop(it, `repeated in ${repeat} other articles of the source`);
    }
    // Promo blocks: many capitalised words, few sentence ends, a call-to-action opening word.
    if (it.keep && !it.prose && f.words >= 20 && f.capitalisedShare > 0.5 && f.sentenceMarks <= f.words / 15 && !block.tag) drop(it, 'promo or link block');
  }

  dropCaptionsByCredits(items, drop);

  // A reader-comment thread runs from where it begins to the end of the page: one removed block.
  const threadStart = commentThread(items.map((it) => ({ text: it.text, prose: it.prose, words: it.f.words })));
  if (threadStart?.offset) {
    // the thread begins inside a line (the post's footer printed after its last words): the line is cut in two
    const it = items[threadStart.block]!;
    const head = it.text.slice(0, threadStart.offset).trim();
    const f = textFeatures(head);
    items.splice(threadStart.block, 1, { ...it, text: head, f, prose: isProse(f) }, { ...it, text: it.text.slice(threadStart.offset).trim() });
    threadStart.block++;
  }
  for (let i = threadStart?.block ?? items.length; i < items.length; i++) drop(items[i]!, READER_COMMENTS);

  // An "About the author" heading takes the short biography right after it.
  for (let i = 0; i + 1 < items.length; i++) {
    if (items[i]!.reason !== 'author box heading') continue;
    const bio = items[i + 1]!;
    if (bio.keep && bio.block.tag !== 'h' && bio.f.words <= 100) drop(bio, 'author box');
  }

  // A related-links heading takes the list after it along: link items and short headlines up to the next prose.
  for (let i = 0; i < items.length; i++) {
    if (items[i]!.reason !== 'related-link heading') continue;
    for (let j = i + 1; j < items.length && j <= i + 15; j++) {
      const it = items[j]!;
      if (it.prose && it.block.tag !== 'li') break;
      if (it.keep && (it.block.tag === 'li' || it.f.words <= 14)) drop(it, 'related links');
    }
  }

  // Title (plain text): the first headline-like line among the head lines before the first prose paragraph.
  let title: string | null = null;
  const firstProse = items.findIndex((it) => it.keep && it.prose);
  if (options.findTitle) {
    const headEnd = firstProse < 0 ? Math.min(items.length, 3) : firstProse;
    const keptHead = items.slice(0, headEnd).filter((it) => it.keep);
    for (let i = 0; i < headEnd; i++) {
      const it = items[i]!;
      if (!it.keep) continue;
      // A two-word line that is the text's only head line, right above its first paragraph, is its headline in any
      // script: menus and section names come in runs or are cut above; bylines and labels have their own shape.
      const onlyHeadLine = firstProse >= 0 && keptHead.length === 1 && i === firstProse - 1 && it.f.words === 2 && isTwoWordHeadline(it.text);
      if (isHeadlineLike(it.text, it.f) || onlyHeadLine) {
        title = it.text;
        drop(it, 'title');
        break;
      }
    }
    // A first line that is a full sentence but set apart like a headline is not a title; plain text
    // with no headline simply has none.
  }

  // Head furniture: short non-prose lines before the first prose paragraph (menus, section names).
  if (firstProse > 0) {
    for (let i = 0; i < firstProse; i++) {
      const it = items[i]!;
      if (!it.keep) continue;
      const short = it.f.words <= (options.fromHtml ? 3 : 4) && !it.f.endsSentence;
      if (short) drop(it, 'page header or menu');
    }
  }
  // Tail furniture: short non-prose lines after the last prose paragraph.
  let lastProse = -1;
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!.keep && items[i]!.prose) (lastProse = i), (i = -1);
  if (lastProse >= 0) {
    for (let i = lastProse + 1; i < items.length; i++) {
      const it = items[i]!;
      const limit = options.fromHtml ? 3 : 6;
      const listItem = it.block.tag === 'li' || /^\s*(?:\d{1,3}[.)]|[-•*·])\s/.test(it.text);
      // (a quoted sentence closing the story — “It gets old . / It really does .” — is text, not a footer)
      const quotedSentence = /[“”"«»]/.test(it.text) && /[.!?]["”’»]?\s*$/.test(it.text);
      // (a table's rows after the last paragraph are the article's table: specifications, results, a schedule)
      const tableRow = it.block.tag === 'cell' && /\d/.test(it.text);
      if (it.keep && !it.prose && it.f.words <= limit && !listItem && it.block.tag !== 'h' && !quotedSentence && !tableRow) drop(it, 'page footer');
    }
  }

  // Notes crediting contributors ("Staff writer X contributed to this report.", "Weber reported from Houston."),
  // found after the tail pass: the short sentences above them stay article text.
  for (const it of items) if (it.keep && it.f.words <= 70 && isContributorNote(it.text)) drop(it, 'contributor note');

  // Trailing notes: author contact lines, follow-us and subscription pitches, after the last plain paragraph.
  for (let i = items.length - 1, seenBody = 0; i >= 0 && seenBody < 1; i--) {
    const it = items[i]!;
    if (!it.keep) continue;
    if (it.f.words <= 80 && TAIL_CTA_RE.test(it.text)) drop(it, 'author note or call to action');
    else if (it.f.words <= 80 && SUPPORT_PITCH_RE.test(it.text)) drop(it, 'support or donation pitch');
    else if (it.f.words <= 30 && DEVELOPING_RE.test(it.text)) drop(it, 'page notice');
    else if (it.f.words <= 40 && ORIGIN_NOTE_RE.test(it.text)) drop(it, 'end-of-article promo');
    else if (it.f.words <= 40 && READ_ALSO_TAIL_RE.test(it.text)) drop(it, 'related-link line');
    else if (it.f.words <= 60 && isAuthorBio(it.text)) drop(it, 'author note or call to action');
    else if (it.f.words <= 20 && SITE_TAGLINE_RE.test(it.text)) drop(it, 'site tagline');
    else seenBody++;
  }

  // A paywall's offer box: from its prompt ("Pour lire la suite", "Bereits Abonnent?", "Subscribe to continue reading") to
  // the end of the page, when no long paragraph follows it (the text the paywall hides is not on the page).
  const firstProseIndex = items.findIndex((it) => it.keep && it.prose);
  if (firstProseIndex >= 0) {
    const wall = items.findIndex((it, i) => i > firstProseIndex && it.f.words <= 12 && PAYWALL_RE.test(it.text));
    if (wall > 0 && !items.slice(wall + 1).some((it) => it.keep && it.prose && it.f.words > 40)) {
      for (let i = wall; i < items.length; i++) if (items[i]!.keep) drop(items[i]!, 'paywall offer');
    }
  }

  // A table of contents: a run of three or more short lines each repeating a heading printed further down.
  const shortKeys = items.map((it) => (it.f.words <= 14 ? duplicateKey(it.text) : ''));
  const lastHeading = new Map<string, number>(); // key → index of its last occurrence as a heading
  for (let i = 0; i < items.length; i++) if (items[i]!.block.tag === 'h' && shortKeys[i]) lastHeading.set(shortKeys[i]!, i);
  if (lastHeading.size >= 3) {
    for (let i = 0; i < items.length; ) {
      let j = i;
      while (j < items.length && items[j]!.keep && shortKeys[j] && (lastHeading.get(shortKeys[j]!) ?? -1) > j) j++;
      if (j - i >= 3) for (let k = i; k < j; k++) drop(items[k]!, 'table of contents');
      i = Math.max(j, i + 1);
    }
  }

  // A short line leading into links that were removed ("Mehr zu X:", "LIRE AUSSI SUR SITE", "Der Ratgeber im Überblick:")
  // leads into nothing.
  // (two or more removed links follow; a numbered or listed line is an item of its own list, not a lead-in)
  const removedLink = (it: Item | undefined) => !!it && !it.keep && (it.reason === 'link list' || it.reason === 'table of contents' || it.reason === 'related links');
  for (let i = 0; i + 2 < items.length; i++) {
    const it = items[i]!;
    if (!it.keep || it.f.words > 14 || it.block.tag === 'li' || /^\s*(?:\d{1,3}[.)]|[-•*·])\s/.test(it.text)) continue;
    if (!removedLink(items[i + 1]) || !removedLink(items[i + 2])) continue;
    if (/:\s*$/.test(it.text) || RELATED_LEAD_RE.test(it.text)) drop(it, 'related-link heading');
  }

  // A heading whose section lost everything (a sidebar widget's title over its removed links, "Related"
  // over nothing) heads no text. A heading right above another heading is a stack (title, subtitle): kept.
  if (options.fromHtml) {
    let keptAfter = false; // any kept block after i
    let sectionKept = false; // a kept block between i and the next heading
    let sectionSize = 0;
    for (let i = items.length - 1; i >= 0; i--) {
      const it = items[i]!;
      if (it.block.tag !== 'h') {
        sectionSize++;
        if (it.keep) (sectionKept = true), (keptAfter = true);
        continue;
      }
      const shortHeading = it.f.words <= 12 && !it.prose;
      if (it.keep && shortHeading && !sectionKept && (sectionSize > 0 || !keptAfter)) drop(it, 'heading without text');
      if (it.keep) keptAfter = true;
      sectionKept = false;
      sectionSize = 0;
    }
  }

  // A slideshow's captions are its text: when the page keeps next to no prose (< 40 words) and three or more prose
  // captions (80+ words) were cut, the captions come back.
  if (options.fromHtml) {
    let keptProseWords = 0;
    for (const it of items) if (it.keep && it.prose) keptProseWords += it.f.words;
    if (keptProseWords < 40) {
      const captions = items.filter((it) => !it.keep && it.reason === 'photo caption' && it.prose && it.f.words >= 8);
      if (captions.length >= 3 && captions.reduce((n, it) => n + it.f.words, 0) >= 80) for (const it of captions) (it.keep = true), (it.reason = undefined);
    }
  }

  // Duplicates: a paragraph printed twice (lede repeated after a photo), or the title again.
  const seen = new Set<string>();
  const titleKey = duplicateKey(title ?? options.title ?? '');
  for (const it of items) {
    if (!it.keep) continue;
    const key = duplicateKey(it.text);
    if (key.length < 2) continue;
    if (key === titleKey && !options.fromHtml) drop(it, 'title repeated');
    // Structured pages (recipes, menus) repeat short lines on purpose; a repeated long paragraph is a glitch.
    else if (seen.has(key) && it.f.words >= (options.fromHtml ? 20 : 10)) drop(it, 'duplicate paragraph');
    else seen.add(key);
  }

  const kept: string[] = [];
  let proseChars = 0;
  let threadLinesLeft = 0;
  for (const it of items) {
    if (it.keep) {
      kept.push(it.text);
      if (it.prose) proseChars += it.text.length;
    }
    else if (it.reason === READER_COMMENTS && removed.at(-1)?.reason === READER_COMMENTS) {
      // One removed block for the thread, its opening shown: a 170-post thread would weigh more than the article.
      if (removed.at(-1)!.text.length < THREAD_SHOWN_CHARS) removed.at(-1)!.text += '\n' + it.text;
      else threadLinesLeft++;
    } else if (it.reason !== 'title') removed.push({ text: it.text, reason: it.reason ?? 'removed' });
  }
  if (threadLinesLeft) removed.at(-1)!.text += `\n… and ${threadLinesLeft} more lines of comments`;
  return { title, kept, removed, proseChars };
}
