// The one place that wires the stages and the store:
// ingest → extract → language → link → story → store, in batches, in transactions.
import { hash, randomBytes } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import type { Analysis, DocEntity, EntityType, Extracted, InputError, IsoDate, ParseResult, RawDoc, TimelineEntry } from './types.js';
import type { PublishedEstimate, Store, StoredArticle, StoryRecord } from './store/store.js';
import { extract } from './extract/index.js';
import { normalizeLineForRepetition } from './extract/blocks.js';
import { normalizeLangTag } from './extract/language.js';
import { splitDateline } from './extract/dateline.js';
import { analyze } from './language/index.js';
import {
  SurnameGroup,
  corpusNameType,
  headPlaceName,
  firstNameAndSurname,
  keyType,
  nameOfKey,
  linkable,
  nameTexts,
  nonPersonTexts,
  notAPerson,
  mostlyAPerson,
  personSurname,
  preferredName,
  textNames,
  NAME_USE,
  type NameCounts,
} from './language/entities.js';
import { segment } from './language/segment.js';
import { inferPublicationDate, inferPublicationDates, yearlessEventNames, type CorpusArticle, type PublicationEstimate } from './language/published.js';
import { createLinker, type LinkDoc, type Linker, type LinkerOptions } from './link/index.js';
import { detached } from './link/text.js';
import { buildStory, titleShape, type StoryArticle } from './story/index.js';
import { metadataDate } from './ingest/dates.js';
import { ARTICLE_ID_PATTERN } from './ingest/ids.js';

/** Bump when extraction or analysis changes what is stored: `storyline reprocess` upgrades older rows. */
export const ANALYSIS_VERSION = 3;

export interface IngestProgress {
  done: number;
  stored: number;
  duplicates: number;
  failed: number;
  /** The item just handled. */
  origin: string;
}

export interface IngestOptions {
  /** Stop at the first failure (that item is rolled back; earlier ones are kept). */
  strict?: boolean;
  /** Items per transaction. */
  batchSize?: number;
  onProgress?: (p: IngestProgress) => void;
  /** How often stories touched by new articles are rebuilt during a long ingest (default 15 s). */
  rebuildEveryMs?: number;
  /** Called with each failure as it happens. */
  onError?: (e: InputError) => void;
  /** Clock, for tests. */
  now?: () => Date;
  /**
   * Stops the ingest between two batches once aborted (Ctrl-C): what was stored stays stored and
   * its stories are rebuilt; the rest is not read.
   */
  signal?: AbortSignal;
  /**
   * How far V8's heap may grow past its live size before a full collection, in percent (default
   * 50; null leaves V8 its own choice, up to 300% when collections look cheap). See heapGrowth.
   */
  heapGrowthPercent?: number | null;
}

export interface IngestReport {
  stored: number;
  duplicates: number;
  failed: number;
  errors: InputError[];
  /** Each duplicate with the stored article it duplicates. */
  duplicateOf: { origin: string; existingId: string }[];
  /**
   * Of the `stored` articles, those the linker found to repeat a stored article (a near-duplicate: the
   * same story told with small differences). They are kept, marked as duplicates of that article,
   * and left out of story timelines; `duplicates` counts only what was not stored at all.
   */
  nearDuplicates: number;
  nearDuplicateOf: { origin: string; id: string; duplicateOf: string }[];
  storedIds: string[];
  storyIds: string[];
  stoppedEarly: boolean;
  /** Stopped by `signal` (Ctrl-C) before every input was read: `stored` counts what was committed. */
  interrupted?: boolean;
  /** Stored articles analysed by an older version (see ANALYSIS_VERSION): `storyline reprocess` updates them. */
  staleAnalyses?: number;
  /** Stored articles a duplicate gave the publication date they lacked (re-analysed, stories rebuilt). */
  dated?: string[];
  /** Stored articles dated by month and day only that a related article of this run gave their year. */
  redated?: string[];
}

// ─── identity ────────────────────────────────────────────────────────────────────────────────────

// One-shot hashing: no Hash object per call (a line hash is taken for every line of every article).
const sha1 = (s: string) => hash('sha1', s, 'hex');

/** Content normalised for exact-duplicate detection: case, whitespace and punctuation variants folded. */
export function normalizeForHash(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  // (each fold only when its characters occur: the test reads, the replace copies the whole text)
  if (/[‘’ʼ`]/.test(s)) s = s.replace(/[‘’ʼ`]/g, "'");
  if (/[“”«»„]/.test(s)) s = s.replace(/[“”«»„]/g, '"');
  if (/[‐‑‒–—―]/.test(s)) s = s.replace(/[‐‑‒–—―]/g, '-');
  return s.replace(/\s+/g, ' ').trim();
}

export function contentHashOf(title: string, text: string): string {
  return sha1(normalizeForHash(text || title));
}

/** URL normalised for identity: no fragment, no tracking parameters, lower-case host. */
export function canonicalUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    u.hostname = u.hostname.toLowerCase();
    for (const key of [...u.searchParams.keys()]) if (/^(utm_|fbclid|gclid|mc_|ref$|cmpid)/i.test(key)) u.searchParams.delete(key);
    return u.toString();
  } catch {
    return url.trim();
  }
}

/** The article ID: the one given at ingest, else a short stable ID from the URL, else from the content. */
export function articleIdFor(raw: RawDoc, contentHash: string): string {
  if (raw.id !== undefined) {
    if (!ARTICLE_ID_PATTERN.test(raw.id)) throw new Error(`field "id": "${raw.id.slice(0, 40)}" is not a usable ID (letters, digits, . _ : - only, at most 128 characters)`);
    return raw.id;
  }
  if (raw.url) return 'u' + sha1(canonicalUrl(raw.url)).slice(0, 15);
  return 'c' + contentHash.slice(0, 15);
}

export { metadataDate };

// ─── repeated lines (boilerplate evidence across articles) ─────────────────────────────────────

// Boilerplate is a property of a site, so lines are counted per source (all unnamed sources together).
function candidateLines(raw: RawDoc): string[] {
  const source = raw.text ?? '';
  return [...new Set(source.split(/\n+/).map(normalizeLineForRepetition).filter((l) => l.length >= 3 && l.length <= 300))];
}

function lineHash(source: string | undefined, key: string): string {
  return sha1(`${source ?? ''}\u0000${key}`).slice(0, 16);
}

// ─── one document ───────────────────────────────────────────────────────────────────────────────

/** A document after extraction, before analysis: enough to recognise duplicates cheaply. */
export interface StagedDocument {
  raw: RawDoc;
  extracted: Extracted;
  id: string;
  url: string | null;
  contentHash: string;
  /** Normalised lines of the raw text (boilerplate evidence for later articles of the source). */
  lines: string[];
}

interface Prepared {
  article: StoredArticle;
  analysis: Analysis;
  lineHashes: string[];
}

/** Extracts one raw document and gives it its identity. Throws an error naming the problem. */
export function stageDocument(raw: RawDoc, repeatedLines: ReadonlyMap<string, number>): StagedDocument {
  metadataDate(raw.published);
  const extracted = extract({ html: raw.html, text: raw.text, url: raw.url, title: raw.title }, { repeatedLines });
  // A one-paragraph text is all article: what the cleaner took for its headline is its body.
  if (!extracted.text.trim() && extracted.title.split(/\s+/).length >= 12) {
    extracted.text = extracted.title;
    extracted.title = titleFromText(extracted.title);
  }
  if (!extracted.text.trim()) throw new Error('no article text found after removing the page furniture');
  if (!extracted.title.trim()) extracted.title = titleFromText(extracted.text);
  const contentHash = contentHashOf(extracted.title, extracted.text);
  return { raw, extracted, id: articleIdFor(raw, contentHash), url: raw.url ? canonicalUrl(raw.url) : null, contentHash, lines: candidateLines(raw) };
}

/** The publication date: metadata, else what the extractor read in the page, else inferred from the text. */
export function choosePublication(staged: StagedDocument, corpusEstimate?: PublicationEstimate): PublicationEstimate {
  const fromMeta = metadataDate(staged.raw.published);
  if (fromMeta) return { date: fromMeta, from: 'metadata', confidence: 1, range: null };
  const { extracted } = staged;
  if (extracted.published) {
    return { date: extracted.published, from: extracted.publishedFrom ?? 'metadata', confidence: extracted.publishedFrom === 'text' ? 0.8 : 0.95, range: null };
  }
  return corpusEstimate ?? inferPublicationDate(inferenceText(staged));
}

/**
 * Publication-date inference reads the scraped text as it came: a caption the cleaner removes can
 * still bound the date (never give it), and the inference itself knows scrape headers.
 */
function inferenceText(staged: StagedDocument): string {
  return staged.raw.text ?? staged.extracted.text;
}

/** Analyses a staged document into an article ready to store. Pure apart from the clock. */
export function completeDocument(staged: StagedDocument, publication: PublicationEstimate, seq: number, now: Date): Prepared {
  const { raw, extracted } = staged;
  const language = raw.language ?? extracted.language;
  const analysis = analyze(extracted.text, { dct: publication.date, dctRange: publication.date ? null : publication.range, language: normalizeLangTag(language) ?? language });
  const article: StoredArticle = {
    id: staged.id,
    url: staged.url,
    path: raw.path ?? null,
    source: raw.source ?? extracted.site ?? hostOf(raw.url) ?? null,
    title: extracted.title,
    text: extracted.text,
    raw: raw.html ?? raw.text ?? '',
    rawKind: raw.html !== undefined ? 'html' : 'text',
    metaTitle: raw.title ?? null,
    metaPublished: raw.published ?? null,
    published: publication.date,
    publishedFrom: publication.date || publication.notBefore || publication.yearUnknown ? publication.from : null,
    publishedRange: publication.range ?? null,
    publishedConfidence: publication.date ? publication.confidence : null,
    publishedEstimate: publication.date && publication.from === 'metadata' ? null : estimateOf(publication),
    modified: extracted.modified,
    authors: extracted.authors,
    language,
    site: extracted.site,
    canonicalUrl: extracted.canonicalUrl,
    description: extracted.description,
    image: extracted.image,
    standfirst: extracted.standfirst ?? null,
    contentHash: staged.contentHash,
    duplicateOf: null,
    removed: extracted.removed,
    ingestedAt: now.toISOString(),
    seq,
    storyId: null,
    eventId: null,
  };
  return { article, analysis, lineHashes: staged.lines.map((l) => lineHash(raw.source, l)) };
}

function estimateOf(p: PublicationEstimate): PublishedEstimate | null {
  if (!p.notBefore && !p.notAfter && !p.yearUnknown && !p.evidence?.length) return null;
  return {
    notBefore: p.notBefore ?? null,
    notAfter: p.notAfter ?? null,
    yearUnknown: p.yearUnknown ?? false,
    monthDayRange: p.monthDayRange ?? null,
    evidence: p.evidence ?? [],
  };
}

/**
 * Extracts and analyses one raw document into an article ready to store. `isKnown` is asked right
 * after extraction, so a duplicate costs no analysis: it returns the ID of the stored article this
 * one repeats, and prepareDocument then returns that ID instead.
 */
export function prepareDocument(
  raw: RawDoc,
  repeatedLines: ReadonlyMap<string, number>,
  seq: number,
  now: Date,
  isKnown: (contentHash: string, url: string | null, id: string) => string | null = () => null,
): Prepared | { existingId: string } {
  const staged = stageDocument(raw, repeatedLines);
  const existingId = isKnown(staged.contentHash, staged.url, staged.id);
  if (existingId) return { existingId };
  return completeDocument(staged, choosePublication(staged), seq, now);
}

// "By Maggie Fox, Health Editor" on a line of its own; "GRAND ISLE, La. -- ", "WASHINGTON (Reuters) - ".
const BYLINE_LINE = /^\s*By\s+[A-Z][^\n]{0,80}\n/;
const DATELINE = /^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][A-Za-z.]{1,12})?\s*(?:\((?:Reuters|AP|AFP|UPI|Bloomberg)\)|-LRB-\s*\w+\s*-RRB-)?\s*(?:--|—|–|-)\s+(?=[A-Z])/;

/**
 * For articles without a headline: the first sentence (abbreviations such as "U.S." or "La." do
 * not end it), without a byline or dateline before it, cut at a clause boundary within 150 characters.
 */
export function titleFromText(text: string, skipped = 0): string {
  const unsigned = text.trim().replace(BYLINE_LINE, '');
  // "GENEVA | Tue Jun 30, 2009 1:58 pm EDT GENEVA (Reuters) -", "Susan Watts | 18:00 UK time, …", a headline before them
  const firstBreak = unsigned.indexOf('\n');
  const opening = splitDateline(firstBreak < 0 ? unsigned : unsigned.slice(0, firstBreak));
  if (opening?.headline) return shortTitle(opening.headline);
  const rest = firstBreak < 0 ? '' : unsigned.slice(firstBreak);
  const body = (opening ? (opening.body + rest).trim() : unsigned.replace(DATELINE, '')) || unsigned;
  // the first sentence lies in the opening: segmenting the whole article would cost as much as its analysis
  const sentence = segment(body.slice(0, 1000))[0];
  const first = (sentence ? body.slice(sentence.start, sentence.end) : (/^.+?[.!?](?=\s|$)/s.exec(body)?.[0] ?? body)).replace(/\s+/g, ' ').trim();
  // A caption, byline, author's note or share prompt standing alone on the first line: the title
  // comes from the text after it (a line cut inside a parenthesis goes on in the next one: kept).
  const line = (firstBreak < 0 ? unsigned : unsigned.slice(0, firstBreak)).replace(/\s+/g, ' ').trim();
  const cutInParentheses = (first.match(/\(|-LRB-/g)?.length ?? 0) > (first.match(/\)|-RRB-/g)?.length ?? 0);
  if (skipped < 3 && firstBreak > 0 && line === first && !cutInParentheses && !titleShape(first) && rest.trim()) return titleFromText(rest, skipped + 1);
  return shortTitle(first);
}

/** A title of at most 150 characters: cut at a clause boundary, else a word boundary. */
function shortTitle(sentence: string): string {
  // a list item's dash or bullet is no part of the title ("- Silence reigns in the sleepy village…")
  const first = sentence.replace(/^[-–—•*]+\s+(?=\S)/u, '');
  if (first.length <= 150) return first.replace(/\s*[.]$/, '');
  const cut = first.slice(0, 150);
  const boundary = Math.max(cut.lastIndexOf(', '), cut.lastIndexOf(' — '), cut.lastIndexOf('; '));
  return (boundary > 50 ? cut.slice(0, boundary) : cut.slice(0, cut.lastIndexOf(' '))) + '…';
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** Where the people the corpus names are kept: `PERSONS + surname + ' ' + key` → articles, stored-as key and name. */
const PERSONS = 'entities/persons/';
/** `PERSON_VERSIONS + surname` → a token written with every change of the surname's records. */
const PERSON_VERSIONS = 'entities/persons-version/';

interface PersonRecord {
  /** Articles whose analysis has this person key (null: not yet counted, for stores older than the records). */
  articles: number | null;
  /** The corpus entity its mentions are stored under (null: none yet). */
  storedAs: string | null;
  /** The name it is shown by: the spelling most articles write ("Ban Ki-moon", not the first article's "Ban Ki-Moon"). */
  name: string;
  /** Articles per spelling of the key (absent in records written before session 10). */
  spellings?: Record<string, number>;
}

/** The spelling most articles write (ties: the one shown now, then sort order); undefined when none is counted. */
function mostWrittenSpelling(rec: PersonRecord): string | undefined {
  let best: string | undefined;
  for (const [written, n] of Object.entries(rec.spellings ?? {})) {
    const top = best === undefined ? -1 : rec.spellings![best]!;
    if (n > top || (n === top && (written === rec.name || (best !== rec.name && written < best!)))) best = written;
  }
  return best;
}

/**
 * Every person key articles have used (full names, linked or not, and bare surnames), by surname,
 * with how many articles use it and the corpus entity it is stored under — kept in the store, so
 * that each run links as one batch over the whole archive would ("George W. Bush" linked to "George
 * Bush" still tells "George H. W. Bush" apart) and an article costs the same however large the
 * archive grows. Whenever a surname's counts change its people are worked out again, and a key
 * whose person changed moves with its articles ("Obama" alone goes to Barack Obama once he is the
 * surname's clear majority, even if "Michelle Obama" came first). The corpus key is the one a batch
 * links the names to (the most used variant), so the entities do not depend on the order articles
 * came in; a person whose key changes is renamed whole in the store (no article stored again).
 */
class SurnameIndex {
  private legacy: Map<string, { key: string; name: string }[]> | null = null;
  private readonly groups = new Map<string, Map<string, PersonRecord>>();
  /** Person keys whose shown name the last `count` changed: their entities are renamed. */
  readonly renamed = new Set<string>();
  // A rolled-back item or batch takes its record changes back: a surname whose token in the store
  // is not the one this run last wrote is read again.
  private readonly versions = new Map<string, string>();
  private readonly run = `${process.pid}.${Date.now().toString(36)}.`;
  private writes = 0;
  private recounting = false;
  constructor(private readonly store: Store) {}

  /** Starts counting again from nothing (see `NameIndex.recount`): an older archive's counts are guesses. */
  recount(): void {
    for (const prefix of [PERSONS, PERSON_VERSIONS]) for (const key of this.store.kv.keys(prefix)) this.store.kv.delete(key);
    this.groups.clear();
    this.versions.clear();
    this.legacy = new Map();
    this.recounting = true;
  }

  /** Every article counted again: its previous analysis counts from now on. */
  recounted(): void {
    this.recounting = false;
  }

  private checkVersion(surname: string): void {
    if (this.groups.has(surname) && this.store.kv.get(PERSON_VERSIONS + surname) !== this.versions.get(surname)) this.groups.delete(surname);
  }

  private bumpVersion(surname: string): void {
    const version = this.run + ++this.writes;
    this.store.kv.put(PERSON_VERSIONS + surname, version);
    this.versions.set(surname, version);
  }

  private group(surname: string): Map<string, PersonRecord> {
    let group = this.groups.get(surname);
    if (group) return group;
    group = new Map();
    const prefix = PERSONS + surname + ' ';
    for (const kvKey of this.store.kv.keys(prefix)) {
      const [articles, storedAs, name, spellings] = (this.store.kv.get(kvKey) ?? '').split('\t');
      const rec: PersonRecord = { articles: Number(articles) || 0, storedAs: storedAs || null, name: name ?? '' };
      if (spellings) rec.spellings = JSON.parse(spellings) as Record<string, number>;
      group.set(kvKey.slice(prefix.length), rec);
    }
    // Stores written before these records: each person entity stands for its own key.
    if (!this.legacy) {
      this.legacy = new Map();
      for (const e of this.store.personEntities()) {
        if (!e.key.startsWith('person:')) continue;
        const s = personSurname(e.key);
        let list = this.legacy.get(s);
        if (!list) this.legacy.set(s, (list = []));
        list.push({ key: detached(e.key), name: detached(e.name) });
      }
    }
    for (const e of this.legacy.get(surname) ?? []) if (!group.has(e.key)) group.set(e.key, { articles: null, storedAs: e.key, name: e.name });
    this.groups.set(surname, group);
    this.versions.set(surname, this.store.kv.get(PERSON_VERSIONS + surname) ?? '');
    return group;
  }

  private record(key: string): PersonRecord | undefined {
    return this.group(personSurname(key)).get(key);
  }

  private articles(rec: PersonRecord, key: string): number {
    return (rec.articles ??= rec.storedAs === key ? this.store.entityArticleCount(key) : 0);
  }

  private save(surname: string, key: string, rec: PersonRecord): void {
    const spellings = rec.spellings && Object.keys(rec.spellings).length ? `\t${JSON.stringify(rec.spellings)}` : '';
    this.store.kv.put(PERSONS + surname + ' ' + key, `${rec.articles ?? 0}\t${rec.storedAs ?? ''}\t${rec.name}${spellings}`);
  }

  /** The display name of a person key the index knows. */
  nameOf(key: string): string | undefined {
    return key.startsWith('person:') ? this.record(key)?.name || undefined : undefined;
  }

  /** Whether `key` is the only person key stored under the entity `corpusKey` (so that entity can be renamed whole). */
  onlyKeyUnder(corpusKey: string, key: string): boolean {
    if (!corpusKey.startsWith('person:')) return false;
    for (const [k, rec] of this.group(personSurname(corpusKey))) if (rec.storedAs === corpusKey && k !== key) return false;
    return this.record(key)?.storedAs === corpusKey;
  }

  /** Articles whose analysis has this person key. */
  personArticles(key: string): number {
    const rec = this.record(key);
    return rec ? this.articles(rec, key) : 0;
  }

  /** Articles naming a person with a first name and this surname ("John Roche" for "roche"): person evidence for the one word. */
  fullNameArticles(surname: string): number {
    let n = 0;
    for (const [key, rec] of this.group(surname)) if (firstNameAndSurname(key)) n += this.articles(rec, key);
    return n;
  }

  /** The corpus key an article's entity is stored under (after `count` saw the article). */
  corpusKeyFor(e: DocEntity): string {
    if (e.type !== 'person' || !e.key.startsWith('person:')) return e.key;
    return this.record(e.key)?.storedAs ?? e.key;
  }

  /**
   * Counts an article's person keys (`before`: its previous analysis, whose keys it no longer
   * counts for), then works out again who each person of the surnames it touched is; returns the
   * keys whose earlier articles must move to another entity.
   */
  count(before: Analysis | null, after: Analysis): EntityMove[] {
    this.renamed.clear();
    const delta = new Map<string, { n: number; name: string; spellings: Map<string, number> }>();
    for (const [analysis, n] of [[this.recounting ? null : before, -1], [after, 1]] as const) {
      if (!analysis) continue;
      for (const e of analysis.entities) {
        if (e.type !== 'person' || !e.key.startsWith('person:')) continue;
        let d = delta.get(e.key);
        if (!d) delta.set(e.key, (d = { n, name: e.name, spellings: new Map() }));
        else if (d.n !== n) d.n += n;
        d.spellings.set(e.name, (d.spellings.get(e.name) ?? 0) + n);
      }
    }
    for (const key of delta.keys()) this.checkVersion(personSurname(key));
    const surnames = new Set<string>();
    for (const [articleKey, { n, name, spellings }] of delta) {
      const spelt = [...spellings].filter(([, v]) => v !== 0);
      if (n === 0 && spelt.length === 0) continue;
      const key = detached(articleKey);
      const surname = personSurname(key);
      const group = this.group(surname);
      let rec = group.get(key);
      if (!rec) group.set(key, (rec = { articles: 0, storedAs: null, name: detached(name) }));
      const counted = this.articles(rec, key);
      rec.articles = Math.max(0, counted + n);
      if (!rec.name) rec.name = detached(name);
      if (spelt.length) {
        // (a record from before spellings were counted: its articles all wrote the name it shows)
        const counts = (rec.spellings ??= rec.name && counted > 0 ? { [rec.name]: counted } : {});
        for (const [written, v] of spelt) {
          const c = (counts[written] ?? 0) + v;
          if (c > 0) counts[detached(written)] = c;
          else delete counts[written];
        }
        const shown = mostWrittenSpelling(rec);
        if (shown && shown !== rec.name) {
          rec.name = shown;
          this.renamed.add(key);
        }
      }
      this.save(surname, key, rec);
      if (n !== 0) surnames.add(surname);
    }
    const moves = [...surnames].flatMap((s) => this.settle(s));
    for (const s of surnames) this.bumpVersion(s);
    return moves;
  }

  /**
   * Who each person key of a surname is now, stored under the key a batch over the archive links it
   * to (`SurnameGroup`), whatever order the articles came in; a person whose key changes is renamed
   * whole when all of its names go.
   */
  private settle(surname: string): EntityMove[] {
    const group = this.group(surname);
    const used = [...group].filter(([key, rec]) => this.articles(rec, key) > 0);
    const weights = new Map(used.map(([key, rec]) => [key, rec.articles ?? 0]));
    const people = new SurnameGroup(weights.keys(), (k) => weights.get(k) ?? 0);
    const members = new Map<string, string[]>();
    for (const [key] of used) {
      const person = people.target(key);
      const list = members.get(person);
      if (list) list.push(key);
      else members.set(person, [key]);
    }
    const moves: EntityMove[] = [];
    for (const [person, keys] of members) {
      for (const k of keys) {
        const rec = group.get(k)!;
        if (rec.storedAs === person) continue;
        if (rec.storedAs) moves.push({ key: k, from: rec.storedAs, to: person });
        rec.storedAs = person;
        this.save(surname, k, rec);
      }
    }
    // An entity no name of the surname is stored under any more, all of whose names go to one person.
    const inUse = new Set(used.map(([, rec]) => rec.storedAs));
    const targets = new Map<string, Set<string | undefined>>();
    for (const m of moves) targets.set(m.from, (targets.get(m.from) ?? new Set()).add(m.to));
    for (const m of moves) if (targets.get(m.from)!.size === 1 && !inUse.has(m.from)) m.whole = true;
    return moves;
  }
}

/** Where the names of organisations, places and things are kept: `NAMES + name` → a `NameRecord` (JSON). */
const NAMES = 'entities/names/';
/** A token written with every change of the name records (a rolled-back item takes its changes back). */
const NAMES_VERSION = 'entities/names-version';
/** Set on a store all of whose articles the name records count (new stores; stores reprocessed since). */
const NAMES_COMPLETE = 'entities/names-complete';

type NonPersonType = 'organization' | 'place' | 'other';
const NON_PERSON_TYPES: NonPersonType[] = ['organization', 'place', 'other'];

interface NameRecord {
  /** Articles typing the name an organisation, a place, a thing, a person (key "person:<name>"). */
  organization: number;
  place: number;
  other: number;
  person: number;
  /** Of the person articles, those that say nothing personal of it. */
  uncuedPerson: number;
  /** The corpus entity each type's key is stored under, where it is not the key itself (for "person", the person's entity). */
  storedAs: Partial<Record<EntityType, string>>;
  /** How the articles typing it a non-person write it ("Centers for Disease Control and Prevention") → articles: the most used is its display name. */
  names: Record<string, number>;
  /** Other names linked to this one (an organisation's acronym, its short name) → articles that link them. */
  links: Record<string, number>;
  /** Of the articles typing it a non-person, those writing it with a legal ending ("Transocean Ltd"; records of before: none). */
  company?: number;
  /** Of the articles typing it a non-person, those doing so only in a person's term ("the Nixon administration"). */
  personsTerm?: number;
  /** For a place noun ("gulf"): the "X of Y" names it begins ("gulf of mexico"; "" for names it ends, "persian gulf") → articles. */
  heads?: Record<string, number>;
}

/** A key whose articles are stored under `from` and now belong under another key (`to`, where known). */
interface EntityMove {
  key: string;
  from: string;
  to?: string;
  /** Every article of `from` goes to `to`: the entity can be renamed whole. */
  whole?: boolean;
}

/** What one article adds to a name's record (negative: what its previous analysis took away). */
interface NameDelta {
  organization: number;
  place: number;
  other: number;
  person: number;
  uncuedPerson: number;
  company: number;
  personsTerm: number;
  links: Map<string, number>;
  names: Map<string, number>;
  heads: Map<string, number>;
}

/** The way most articles write a name (ties: the first in sort order), whatever order they came in. */
function displayName(rec: NameRecord): string | undefined {
  let best: string | undefined;
  for (const [written, n] of Object.entries(rec.names)) if (best === undefined || n > rec.names[best]! || (n === rec.names[best]! && written < best)) best = written;
  return best;
}

/**
 * The names of organisations, places and things across the archive (and people's names some texts
 * type otherwise), with how many articles type each name each way and the names linked to it, kept
 * in the store so that each run links as `linkOrganizations` would over the whole archive: "CDC"
 * alone in one article is the "Centers for Disease Control and Prevention (CDC)" of another, in
 * either order; "Citigroup" typed a person by a text that says nothing personal of it is the company
 * other texts name. Whenever a name's counts or links change, its group of linked names is worked
 * out again, and keys whose corpus entity changed move with their articles: the group's key is the
 * one a batch would give it, so that the entities do not depend on the order articles came in.
 * Names get a record when an article types them other than a person, or a person with no cue; the
 * records count people's names from then on.
 */
class NameIndex {
  private readonly records = new Map<string, NameRecord | null>();
  /** Names whose display name the last `count` changed: their entities are shown by the new one. */
  readonly renamed = new Set<string>();
  private version: string | undefined;
  private readonly run = `${process.pid}.${Date.now().toString(36)}.`;
  private writes = 0;
  private complete: boolean;
  private recounting = false;
  constructor(
    private readonly store: Store,
    private readonly people: SurnameIndex,
  ) {
    this.complete = store.kv.get(NAMES_COMPLETE) === '1';
    if (!this.complete && store.countArticles() === 0) this.markComplete();
    this.version = store.kv.get(NAMES_VERSION);
  }

  /** Every stored article is counted (after a reprocess of an archive older than the records). */
  markComplete(): void {
    this.store.kv.put(NAMES_COMPLETE, '1');
    this.complete = true;
    this.recounting = false;
    this.people.recounted();
  }

  /** Whether the records count every stored article (else names are read from the entities of older stores as they come). */
  get counted(): boolean {
    return this.complete;
  }

  /**
   * Starts counting again from nothing, for a reprocess of an archive whose older articles the
   * records never counted (their links especially): each article then counts only its new
   * analysis, and every article is stored under its own keys until its groups say otherwise.
   */
  recount(): void {
    this.people.recount();
    for (const key of this.store.kv.keys(NAMES)) this.store.kv.delete(key);
    this.records.clear();
    this.complete = true;
    this.recounting = true;
  }

  private record(name: string): NameRecord | null {
    let rec = this.records.get(name);
    if (rec !== undefined) return rec;
    const raw = this.store.kv.get(NAMES + name);
    rec = raw ? (JSON.parse(raw) as NameRecord) : null;
    this.records.set(name, rec);
    return rec;
  }

  /** A new record; its person count comes from the surname index, which has counted the article being stored already. */
  private created(name: string): NameRecord {
    const rec: NameRecord = { organization: 0, place: 0, other: 0, person: this.people.personArticles('person:' + name), uncuedPerson: 0, storedAs: {}, names: {}, links: {} };
    // Stores written before these records: each name's entity stands for its own key.
    if (!this.complete) {
      for (const t of NON_PERSON_TYPES) {
        const e = this.store.getEntity(`${t}:${name}`);
        if (!e) continue;
        rec[t] = this.store.entityArticleCount(e.key);
        rec.names[detached(e.name)] = (rec.names[e.name] ?? 0) + rec[t];
      }
    }
    this.records.set(name, rec);
    return rec;
  }

  private save(name: string, rec: NameRecord): void {
    this.store.kv.put(NAMES + name, JSON.stringify(rec));
  }

  private counts(name: string, rec: NameRecord): NameCounts {
    return {
      organization: rec.organization,
      place: rec.place,
      other: rec.other,
      person: rec.person,
      uncuedPerson: Math.min(rec.person, rec.uncuedPerson),
      fullNames: rec.person > 0 && !name.includes(' ') ? this.people.fullNameArticles(name) : 0,
      company: rec.company ?? 0,
      personsTerm: rec.personsTerm ?? 0,
    };
  }

  private countsOf(name: string): NameCounts | undefined {
    const rec = this.record(name);
    return rec ? this.counts(name, rec) : undefined;
  }

  nameOf(key: string): string | undefined {
    const rec = this.record(nameOfKey(key));
    return rec ? displayName(rec) : undefined;
  }

  /** The corpus key an article's entity is stored under (after `count` saw the article). */
  corpusKeyFor(e: DocEntity): string {
    const stored = this.record(nameOfKey(e.key))?.storedAs[keyType(e.key)];
    return stored ? this.entityOf(stored) : e.key.startsWith('person:') ? this.people.corpusKeyFor(e) : e.key;
  }

  /** The corpus entity a stored-as key stands for: a person key ("other:obama" stored as "person:obama") is where the surname index has that person. */
  private entityOf(key: string): string {
    return key.startsWith('person:') ? this.people.corpusKeyFor({ key, type: 'person' } as DocEntity) : key;
  }

  /**
   * Counts an article's names (`before`: its previous analysis, whose names it no longer counts
   * for), then works out again the groups of the names it touched (and of the surnames it gives a
   * first name); returns the keys whose earlier articles must move to another entity. Runs after
   * the surname index counted the article.
   */
  count(before: Analysis | null, after: Analysis): EntityMove[] {
    this.renamed.clear();
    // (a bounded cache: cleared only here, where no record in it is being changed)
    if (this.store.kv.get(NAMES_VERSION) !== this.version || this.records.size > 200_000) this.records.clear();
    const deltas = new Map<string, NameDelta>();
    const deltaOf = (name: string) => {
      let d = deltas.get(name);
      if (!d) deltas.set(name, (d = { organization: 0, place: 0, other: 0, person: 0, uncuedPerson: 0, company: 0, personsTerm: 0, links: new Map(), names: new Map(), heads: new Map() }));
      return d;
    };
    const surnames = new Set<string>();
    for (const [analysis, n] of [[before, -1], [after, 1]] as const) {
      // (counting afresh, an article's previous analysis was never counted)
      if (!analysis || (this.recounting && n < 0)) continue;
      const names = textNames(analysis);
      for (const [name, bits] of names.uses) {
        const d = deltaOf(name);
        if (bits & NAME_USE.organization) d.organization += n;
        if (bits & NAME_USE.place) d.place += n;
        if (bits & NAME_USE.other) d.other += n;
        if (bits & NAME_USE.person) d.person += n;
        if (bits & NAME_USE.uncuedPerson) d.uncuedPerson += n;
        if (bits & NAME_USE.company) d.company += n;
        if (bits & NAME_USE.personsTerm) d.personsTerm += n;
      }
      for (const [head, name] of names.heads) {
        const heads = deltaOf(head).heads;
        heads.set(name, (heads.get(name) ?? 0) + n);
      }
      for (const [a, b] of names.links) {
        for (const [x, y] of [[a, b], [b, a]]) {
          const links = deltaOf(x).links;
          links.set(y, (links.get(y) ?? 0) + n);
        }
      }
      for (const e of analysis.entities) {
        if (e.key.startsWith('person:')) {
          if (firstNameAndSurname(e.key)) surnames.add(personSurname(e.key));
        } else {
          const names = deltaOf(nameOfKey(e.key)).names;
          names.set(e.name, (names.get(e.name) ?? 0) + n);
        }
      }
    }
    const dirty = new Set<string>();
    const touched: string[] = [];
    for (const [name, d] of deltas) {
      const linksChanged = [...d.links.values()].some((v) => v !== 0);
      const headsChanged = [...d.heads.values()].some((v) => v !== 0);
      let rec = this.record(name);
      if (!rec) {
        // A name used only as a person's with a cue needs no record (the surname index has it).
        if (!(d.organization > 0 || d.place > 0 || d.other > 0 || d.uncuedPerson > 0 || linksChanged || headsChanged)) continue;
        rec = this.created(name);
      } else rec.person = Math.max(0, rec.person + d.person);
      const changed = d.organization || d.place || d.other || d.person || d.uncuedPerson || d.company || d.personsTerm || linksChanged || headsChanged;
      for (const t of NON_PERSON_TYPES) rec[t] = Math.max(0, rec[t] + d[t]);
      rec.uncuedPerson = Math.max(0, rec.uncuedPerson + d.uncuedPerson);
      for (const field of ['company', 'personsTerm'] as const) {
        if (!d[field]) continue;
        const v = Math.max(0, (rec[field] ?? 0) + d[field]);
        if (v > 0) rec[field] = v;
        else delete rec[field];
      }
      if (headsChanged) {
        const heads = (rec.heads ??= {});
        for (const [whole, n] of d.heads) {
          const v = (heads[whole] ?? 0) + n;
          if (v > 0) heads[whole] = v;
          else delete heads[whole];
        }
        if (Object.keys(heads).length === 0) delete rec.heads;
      }
      for (const [other, n] of d.links) {
        const v = (rec.links[other] ?? 0) + n;
        if (v > 0) rec.links[other] = v;
        else delete rec.links[other];
      }
      if (changed) dirty.add(name);
      if ([...d.names.values()].some((v) => v !== 0)) {
        const shown = displayName(rec);
        for (const [written, n] of d.names) {
          const v = (rec.names[written] ?? 0) + n;
          if (v > 0) rec.names[written] = v;
          else delete rec.names[written];
        }
        if (shown !== undefined && displayName(rec) !== shown) this.renamed.add(name);
        dirty.add(name);
      }
      touched.push(name);
    }
    // A full name makes its surname a person's: the one word's group is worked out again.
    for (const s of surnames) if (!deltas.has(s) && this.record(s)?.person) touched.push(s);
    const moves: EntityMove[] = [];
    const settled = new Set<string>();
    const inUse = new Set<string>();
    for (const name of touched) if (!settled.has(name)) moves.push(...this.settle(name, settled, dirty, inUse));
    for (const name of dirty) this.save(name, this.record(name)!);
    // An entity no key is stored under any more, all of whose keys go to one other: renamed whole
    // (every key that could be stored under it belongs to a group worked out here).
    const targets = new Map<string, Set<string | undefined>>();
    for (const m of moves) {
      let set = targets.get(m.from);
      if (!set) targets.set(m.from, (set = new Set()));
      set.add(m.to);
    }
    // (a person's entity only when its one key is the one going: "person:citigroup" to the company)
    for (const m of moves) {
      const to = targets.get(m.from)!;
      if (m.to && to.size === 1 && !inUse.has(m.from) && (!m.from.startsWith('person:') || this.people.onlyKeyUnder(m.from, m.key))) m.whole = true;
    }
    this.version = this.run + ++this.writes;
    this.store.kv.put(NAMES_VERSION, this.version);
    return moves;
  }

  /** The group of names linked to `start` (names of organisations or things, linked by an article). */
  private group(start: string): string[] {
    const used = (name: string) => {
      const rec = this.record(name);
      return !!rec && linkable(this.counts(name, rec));
    };
    if (!used(start)) return [start];
    const members = [start];
    const seen = new Set(members);
    for (let i = 0; i < members.length; i++) {
      for (const other of Object.keys(this.record(members[i]!)!.links)) {
        if (seen.has(other) || !used(other)) continue;
        seen.add(other);
        members.push(other);
      }
    }
    return members;
  }

  /**
   * Works out again the corpus keys of the groups of names around `start` (all names linked to it
   * by any article, so that a group a name left is worked out too); returns the keys whose articles
   * move, and adds the corpus keys articles stay or go under to `inUse`.
   */
  private settle(start: string, settled: Set<string>, dirty: Set<string>, inUse: Set<string>): EntityMove[] {
    const only = this.record(start)!;
    // Most names: one type, no link, never a person's, no company ending nor "X of Y" names begun, stored under their own key.
    if (Object.keys(only.links).length === 0 && only.person === 0 && Object.keys(only.storedAs).length === 0 && !only.company && !only.heads) {
      const types = NON_PERSON_TYPES.filter((t) => only[t] > 0);
      if (types.length <= 1) {
        settled.add(start);
        for (const t of types) inUse.add(`${t}:${start}`);
        return [];
      }
    }
    const region = [start];
    const seen = new Set(region);
    for (let i = 0; i < region.length; i++) {
      for (const other of Object.keys(this.record(region[i]!)?.links ?? {})) {
        if (seen.has(other)) continue;
        seen.add(other);
        region.push(other);
      }
    }
    const moves: EntityMove[] = [];
    for (const name of region) if (!settled.has(name) && this.record(name)) moves.push(...this.settleGroup(this.group(name), settled, dirty, inUse));
    return moves;
  }

  private settleGroup(members: string[], settled: Set<string>, dirty: Set<string>, inUse: Set<string>): EntityMove[] {
    for (const m of members) settled.add(m);
    const records = new Map(members.map((m) => [m, this.record(m)!] as const));
    const counts = new Map(members.map((m) => [m, this.counts(m, records.get(m)!)] as const));
    const named = members.filter((m) => nonPersonTexts(counts.get(m)!) > 0);
    // The name used in the most articles, with the type the group's counts give it: what a batch
    // over the archive decides, whatever order the articles came in.
    let key: string | null = null;
    if (named.length > 0) {
      const corpusKey = (m: string) => `${corpusNameType(counts.get(m)!)}:${m}`;
      let target = named[0]!;
      for (const m of named) if (preferredName(m, target, (n) => counts.get(n)!, corpusKey)) target = m;
      key = corpusKey(target);
      // A place noun alone that names one "X of Y" place across the archive ("Gulf"): that place (a place is linked to no other name).
      const heads = members.length === 1 ? records.get(target)!.heads : undefined;
      const whole = heads ? headPlaceName(counts.get(target)!, Object.entries(heads), (n) => this.countsOf(n)) : null;
      if (whole) key = 'place:' + whole;
    }
    const moves: EntityMove[] = [];
    // A key of a name outside the group ("place:gulf of mexico", the head place "Gulf" went to or
    // leaves) has articles of names not worked out here: it is in use, never renamed whole.
    const outside = (k: string | undefined) => !!k && !k.startsWith('person:') && !records.has(nameOfKey(k));
    for (const m of members) {
      const rec = records.get(m)!;
      const c = counts.get(m)!;
      for (const stored of Object.values(rec.storedAs)) if (outside(stored)) inUse.add(stored!);
      // A person's name typed otherwise in some texts goes to the person (see `linkOrganizations`).
      const person = mostlyAPerson(c);
      for (const t of NON_PERSON_TYPES) {
        const own = `${t}:${m}`;
        const want = person && c[t] > 0 ? 'person:' + m : key && c[t] > 0 && key !== own ? key : undefined;
        if (c[t] > 0) inUse.add(this.entityOf(want ?? own));
        if (want === rec.storedAs[t]) continue;
        // (a type with no article left has none to move)
        if (c[t] > 0) moves.push({ key: own, from: this.entityOf(rec.storedAs[t] ?? own), to: this.entityOf(want ?? own) });
        if (want) rec.storedAs[t] = want;
        else delete rec.storedAs[t];
        dirty.add(m);
      }
      const personKey = 'person:' + m;
      const want = key && notAPerson(c) ? key : undefined;
      const now = rec.storedAs.person;
      if (want) inUse.add(want);
      if (want !== now) {
        moves.push({ key: personKey, from: now ?? this.people.corpusKeyFor({ key: personKey, type: 'person' } as DocEntity), to: want });
        if (want) rec.storedAs.person = want;
        else delete rec.storedAs.person;
        dirty.add(m);
      }
    }
    return moves;
  }
}

/** The people and the other names of the archive: the corpus entity each article's entity is stored under. */
class EntityIndex {
  readonly people: SurnameIndex;
  readonly names: NameIndex;
  constructor(store: Store) {
    this.people = new SurnameIndex(store);
    this.names = new NameIndex(store, this.people);
  }

  count(before: Analysis | null, after: Analysis): EntityMove[] {
    return [...this.people.count(before, after), ...this.names.count(before, after)];
  }

  corpusKeyFor(e: DocEntity): string {
    return this.names.corpusKeyFor(e);
  }

  nameOf(key: string): string | undefined {
    return key.startsWith('person:') ? this.people.nameOf(key) : this.names.nameOf(key);
  }
}

/** Writes an article's analysis with its entities linked to corpus entities. */
function storeAnalysis(store: Store, index: EntityIndex, articleId: string, analysis: Analysis, relinking = false): void {
  // A re-stored article (its entities moved to another corpus entity) is counted already.
  const moves = relinking ? [] : index.count(store.getAnalysis(articleId)?.analysis ?? null, analysis);
  const ids = new Map<string, string>();
  for (const e of analysis.entities) {
    const key = index.corpusKeyFor(e);
    const id = key === e.key && key.startsWith('person:') ? store.upsertEntity(corpusEntity(e)) : store.upsertEntity({ ...corpusEntity(e), key, name: index.nameOf(key) ?? e.name, type: keyType(key) });
    ids.set(e.key, id);
  }
  store.saveAnalysis(articleId, analysis, ANALYSIS_VERSION, ids);
  // Articles stored earlier follow their entities ("Obama" alone, stored before "Barack Obama" arrived; "CDC" before the
  // name it stands for): ingest order must not matter.
  const movedFrom = new Map<string, Set<string>>();
  const renamed = new Map<string, string>();
  for (const m of moves) {
    if (m.whole) {
      renamed.set(m.from, m.to!);
      continue;
    }
    let keys = movedFrom.get(m.from);
    if (!keys) movedFrom.set(m.from, (keys = new Set()));
    keys.add(m.key);
    // A person moving takes the name's other types stored under it ("other:obama" of "the Obama administration").
    if (m.key.startsWith('person:')) for (const t of ['organization', 'place', 'other']) keys.add(`${t}:${nameOfKey(m.key)}`);
  }
  for (const [from, to] of renamed) store.moveEntity(from, { key: to, name: index.nameOf(to) ?? store.getEntity(from)?.name ?? nameOfKey(to), type: keyType(to) });
  // People most articles now spell otherwise ("Ban Ki-moon", not the first article's "Ban Ki-Moon").
  if (!relinking) for (const key of index.people.renamed) store.renameEntity(key, index.nameOf(key) ?? nameOfKey(key));
  // Names most articles now write otherwise ("Centers for Disease Control and Prevention", not the "Centres …" of the first).
  // (a name no article writes any more has no display name: its entity keeps the one it has)
  if (!relinking) {
    for (const name of index.names.renamed) {
      for (const t of ['organization', 'place', 'other'] as const) {
        const shown = index.nameOf(`${t}:${name}`);
        if (shown) store.renameEntity(`${t}:${name}`, shown);
      }
    }
  }
  for (const [from, keys] of movedFrom) {
    for (const id of store.getEntity(from)?.articleIds ?? []) {
      if (id === articleId) continue;
      const stored = store.getAnalysis(id);
      if (stored?.version === ANALYSIS_VERSION && stored.analysis.entities.some((e) => keys.has(e.key))) storeAnalysis(store, index, id, stored.analysis, true);
    }
    store.dropEntityIfUnused(from);
  }
}

function corpusEntity(e: DocEntity) {
  return { key: e.key, name: e.name, type: e.type, aliases: [...new Set([e.name, ...e.aliases])], roles: e.roles };
}

// ─── stories ────────────────────────────────────────────────────────────────────────────────────

/**
 * A story build reads at most this many of a story's originals (an even sample across its span when
 * it has more): its memory, some 60 KB an article, stays bounded however big a story grows.
 */
export const STORY_BUILD_MAX_ARTICLES = 2_000;

/** Recomputes the title, summary, timeline and claims of the given stories from their articles. */
export function rebuildStories(store: Store, storyIds: Iterable<string>, now: Date = new Date(), onBuilt?: () => void): void {
  for (const storyId of new Set(storyIds)) {
    onBuilt?.();
    const records = store.storyArticles(storyId, { maxOriginals: STORY_BUILD_MAX_ARTICLES });
    if (records.length === 0) continue;
    const articleIds = records.map((a) => a.id);
    const articles: StoryArticle[] = [];
    for (const { content, ...a } of records) if (content) articles.push({ ...a, ...content });
    const view = buildStory(articles);
    // an undated article counts with the range its text allows ("2021-12-17 – 2022-01-09")
    const dates = records.flatMap((a) => (a.published ? [a.published] : a.publishedRange ? [a.publishedRange.from, a.publishedRange.to] : [])).filter((d) => /^\d{4}-\d\d-\d\d/.test(d)).sort();
    const record: StoryRecord = {
      id: storyId,
      title: view.title || records.find((r) => titleShape(r.title))?.title || records[0]?.title || storyId,
      summary: view.summary,
      articleIds,
      firstSeen: dates[0] ?? null,
      lastSeen: dates[dates.length - 1] ?? null,
      mergedInto: null,
      timeline: view.timeline,
      claims: view.claims,
      disagreements: view.disagreements,
      events: view.timeline.map((t: TimelineEntry, i) => ({ id: `${storyId}:${t.date}:${i}`, date: t.date, granularity: t.granularity, summary: t.summary, articleIds: t.articleIds })),
      updatedAt: now.toISOString(),
    };
    store.saveStory(record);
  }
}

const DIRTY = 'stories/dirty/';

/**
 * Records, inside the caller's transaction, that these stories need rebuilding, with how many
 * articles each received since its last build.
 */
export function markStoriesDirty(store: Store, storyIds: Iterable<string> | Map<string, number>): void {
  const added = storyIds instanceof Map ? storyIds : new Map([...storyIds].map((id) => [id, 1]));
  for (const [id, n] of added) store.kv.put(DIRTY + id, String((Number(store.kv.get(DIRTY + id)) || 0) + n));
}

export interface RebuildPolicy {
  /** Rebuild only stories that grew by at least this share of their built size (default 0: all). */
  minGrowth?: number;
  /** ...or whose last build in this process is older than this (default: no limit). */
  maxAgeMs?: number;
  /** When each story was last built, kept by the caller across calls. */
  builtAt?: Map<string, number>;
  /** Called inside each story's transaction (the writer claim's beat). */
  afterEach?: () => void;
}

/**
 * Rebuilds the stories marked dirty, each in its own transaction (a kill leaves the rest marked).
 * A policy lets a long ingest skip, for now, big stories that have barely grown: a story's build
 * costs time in proportion to its size, so rebuilding on growth keeps the cost per article flat.
 */
export function rebuildDirtyStories(store: Store, now: Date = new Date(), policy: RebuildPolicy = {}): number {
  const keys = store.kv.keys(DIRTY);
  let rebuilt = 0;
  for (const key of keys) {
    const id = key.slice(DIRTY.length);
    if (policy.minGrowth) {
      const added = Number(store.kv.get(key)) || 1;
      const size = store.storyArticleIds(id).length;
      const builtAt = policy.builtAt?.get(id);
      const fresh = builtAt !== undefined && policy.maxAgeMs !== undefined && Date.now() - builtAt < policy.maxAgeMs;
      if (added < policy.minGrowth * Math.max(1, size - added) && (fresh || policy.maxAgeMs === undefined)) continue;
    }
    store.transaction(() => {
      rebuildStories(store, [id], now);
      store.kv.delete(key);
      policy.afterEach?.();
    });
    policy.builtAt?.set(id, Date.now());
    rebuilt++;
  }
  return rebuilt;
}

// ─── batches ────────────────────────────────────────────────────────────────────────────────────

/**
 * The day an article undated but for an inferred range or lower bound is linked on: the middle of
 * the range, else its first possible day. Only for clustering (stories age by it); the article
 * itself stays undated, with its estimate.
 */
function linkingDate(p: PublicationEstimate): IsoDate | null {
  if (p.date) return p.date;
  const from = p.range?.from ?? null;
  const to = p.range?.to ?? null;
  if (from && to) {
    const mid = (Date.parse(from) + Date.parse(to)) / 2;
    return Number.isFinite(mid) ? new Date(mid).toISOString().slice(0, 10) : from;
  }
  return from ?? p.notBefore ?? null;
}

/**
 * A batch is linked in the order of its articles' dates as far as they are known (metadata, text or
 * inference), the undated last: an undated article takes the latest day seen, so an undated one
 * linked first would stand on no day at all and its story would age out before the dated ones came.
 */
function inLinkingOrder(staged: StagedDocument[], estimates: Map<string, PublicationEstimate>): { doc: StagedDocument; publication: PublicationEstimate | null }[] {
  return staged
    .map((doc, i) => {
      let publication: PublicationEstimate | null = null;
      try {
        publication = choosePublication(doc, estimates.get(doc.id));
      } catch {
        // a bad date is that item's error, reported when it is stored
      }
      return { doc, publication, i, key: (publication && linkingDate(publication)) ?? '9999' };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
}

/** Orders items as they would have arrived: by publication date, undated last, stable otherwise. */
function arrivalOrder(items: RawDoc[]): RawDoc[] {
  const key = (r: RawDoc) => {
    try {
      return metadataDate(r.published) ?? '9999';
    } catch {
      return '9999';
    }
  };
  return items.map((r, i) => ({ r, i, k: key(r) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i)).map((x) => x.r);
}

/**
 * Bounds V8's heap growth for the rest of the process. An ingest allocates fast (texts, analyses,
 * story builds) and keeps little: V8 then lets the heap grow to up to four times its live size
 * between full collections, so that resident memory is set by garbage, not by what is kept. At
 * 1.5 times, collections come more often but mark only the live heap (~150 MB): a few percent of CPU
 * for a resident size that no longer swings with the collector's pacing.
 */
export function heapGrowth(percent: number): void {
  setFlagsFromString(`--heap-growing-percent=${Math.max(1, Math.round(percent))}`);
}

/**
 * Stored articles a late one may repeat (its copies have left the linker's window): a full-text
 * search on its title's words, or its opening's, among the articles of its weeks.
 */
function olderCandidatesFrom(store: Store): LinkerOptions['olderCandidates'] {
  return (from: IsoDate, to: IsoDate, doc: LinkDoc) => {
    const words = (doc.title || doc.text.slice(0, 400)).match(/\p{L}{4,}/gu) ?? [];
    return store.articlesLike(words, from, to, 10);
  };
}

/** How many related dated articles are read to date an undated one, and at most per batch. */
const CONTEXT_ARTICLES = 20;
const CONTEXT_PER_BATCH = 300;
/** How many month-day-only articles (newest first) are looked at again after an ingest. */
const REDATE_LIMIT = 200;

/** The raw input a stored article was made from, as the ingest first saw it. */
function rawDocOf(old: StoredArticle): RawDoc {
  return {
    origin: old.path ?? old.url ?? old.id,
    id: old.id,
    url: old.url ?? undefined,
    path: old.path ?? undefined,
    source: old.source ?? undefined,
    title: old.metaTitle ?? undefined,
    published: old.metaPublished ?? undefined,
    ...(old.rawKind === 'html' ? { html: old.raw } : { text: old.raw }),
  };
}

/** Extracts a stored article again; line statistics count the others that carry a line, not itself. */
function restage(store: Store, old: StoredArticle): StagedDocument {
  const raw = rawDocOf(old);
  const lines = candidateLines(raw);
  const counts = store.lineCounts(lines.map((l) => lineHash(raw.source, l)));
  const repeated = new Map(lines.map((l) => [l, (counts.get(lineHash(raw.source, l)) ?? 1) - 1] as [string, number]).filter(([, n]) => n > 0));
  return stageDocument(raw, repeated);
}

/** An article failed after the linker or the entity index took it in: its batch is stored again without it. */
class RedoBatch extends Error {
  constructor(
    readonly doc: StagedDocument,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Ingests raw documents from parsed sources into the store. Each batch is one transaction and each
 * item a savepoint inside it: a failure rolls back only that item, a crash loses only the open
 * batch, and nothing is ever half-written.
 */
export async function ingestDocuments(
  store: Store,
  sources: AsyncIterable<ParseResult<RawDoc>> | Iterable<ParseResult<RawDoc>>,
  options: IngestOptions = {},
): Promise<IngestReport> {
  const claim = claimWriter(store, 'ingest');
  // (renewed each batch, and while the run waits for its input: a slow feed, a fetch)
  const beating = setInterval(() => {
    try {
      claim.beat();
    } catch {
      // (the next batch's own beat stops the run if its claim was taken over)
    }
  }, 60_000).unref();
  try {
    return await ingestClaimed(store, sources, options, claim.beat);
  } catch (e) {
    throw databaseFailure(e) ? cannotWrite(store, e as Error, 'ingest') : e;
  } finally {
    clearInterval(beating);
    claim();
  }
}

/**
 * A failure of the database file itself (a full disk, an I/O error, a read-only or damaged file):
 * no article is to blame, and every other would fail the same way.
 */
function databaseFailure(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(?:FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|NOMEM)/.test(code);
}

function cannotWrite(store: Store, e: Error, what: string): Error {
  const damaged = /^SQLITE_(?:CORRUPT|NOTADB)/.test(String((e as NodeJS.ErrnoException).code));
  const advice = damaged
    ? 'the file is damaged: restore it from a copy (or ingest again into a new database)'
    : 'check that its disk has free space and that the file and its folder are writable';
  const error = new Error(`cannot write to the database ${store.path} (SQLite: ${e.message}): ${advice}, then run the ${what} again; what earlier batches stored is kept`) as NodeJS.ErrnoException;
  error.code = (e as NodeJS.ErrnoException).code;
  return error;
}

/**
 * An ingest stops when this many articles of one batch fail the same way after the linker took
 * them in: each such failure costs a redo of the batch (a reload of the link state, growing with the
 * store), and a failure shared by articles is not theirs but the database's or this version's.
 */
const SAME_FAILURE_STOPS = 3;

function repeatedFailure(times: number, message: string, first: StagedDocument): Error {
  const error = new Error(
    `ingest stopped: ${times} articles of one batch failed the same way as they were stored (${message}; the first: ${first.raw.origin}): a fault of the database (a trigger, a constraint) or of this version, not of the articles — fix it, then run the ingest again; what earlier batches stored is kept`,
  ) as NodeJS.ErrnoException;
  error.code = 'EREPEATEDFAILURE';
  return error;
}

/** The kv key naming the process that ingests into or reprocesses a database. */
const WRITER_KEY = 'writer/process';

/**
 * A claim its holder has not renewed for this long is stale whatever process it names: its run is
 * gone (a crash on another machine or in a container, a pid now another process's). Holders renew
 * every few seconds while they run, so this only needs to outlast a pause of the machine.
 */
export const STALE_CLAIM_MS = 10 * 60_000;
/** How often a holder writes its beat (it checks the claim is still its own every batch). */
const BEAT_EVERY_MS = 5_000;
/** The tokens of the runs of this process holding a claim: a caller may nest them. */
const heldTokens = new Set<string>();

interface WriterClaimRecord {
  pid: number;
  host: string;
  what: string;
  since: string;
  /** When the holder last renewed it (claims of older versions have none: they never expire). */
  beat?: string;
  /** Random, one per run: "this process holds it" means one of its runs does, not that a pid matches. */
  token?: string;
  /** The holder's pid namespace where the system names one (Linux: `pid:[4026531836]`): containers sharing a hostname do not share pids. */
  pidSpace?: string;
}

let pidSpaceRead: { value: string | undefined } | null = null;
/** This process's pid namespace, when the system names one. */
function pidSpace(): string | undefined {
  if (!pidSpaceRead) {
    try {
      pidSpaceRead = { value: readlinkSync('/proc/self/ns/pid') };
    } catch {
      pidSpaceRead = { value: undefined };
    }
  }
  return pidSpaceRead.value;
}

/**
 * Whether the claim's pid can be asked about here: the same host and the same pid namespace (two containers on the
 * host's network share its hostname, not their pids; a claim that names no namespace is taken as this one's).
 */
function pidVisibleHere(claim: WriterClaimRecord): boolean {
  return claim.host === hostname() && (claim.pidSpace === undefined || pidSpace() === undefined || claim.pidSpace === pidSpace());
}

/** The release of a writer claim, with `beat` to renew it (and to stop if another run has taken it over). */
export type WriterClaim = (() => void) & { beat: () => void };

/**
 * One process at a time ingests into or reprocesses a database: each run links against the state it
 * loaded from the store, and two at once overwrite each other's (code review 11 F10). The claim
 * names the process and carries a beat its holder renews while it runs; one whose process is gone (a
 * kill on this host) or whose beat is older than STALE_CLAIM_MS is taken over. Returns the release.
 */
export function claimWriter(store: Store, what: string): WriterClaim {
  const space = pidSpace();
  const me: WriterClaimRecord = { pid: process.pid, host: hostname(), what, since: new Date().toISOString(), token: randomBytes(12).toString('hex'), ...(space ? { pidSpace: space } : {}) };
  /** Whether a run of this process holds the claim already; throws when another live run holds it. */
  const heldHere = (): boolean => {
    // (a claim that cannot be read names no process to wait for: it is taken over)
    const other = readClaim(store.kv.get(WRITER_KEY));
    if (!other) return false;
    // (the server runs its ingests one after the other, a caller may nest them)
    if (other.token !== undefined && heldTokens.has(other.token)) return true;
    if (other.beat !== undefined && Date.now() - Date.parse(other.beat) > STALE_CLAIM_MS) return false;
    // (this pid, but none of this process's runs: a holder that had the pid before, now dead)
    if (pidVisibleHere(other) && (other.pid === process.pid || !processAlive(other.pid))) return false;
    throw writerBusy(store, other);
  };
  // Read first, taking no lock: a run in the middle of a batch holds the write lock for seconds,
  // and waiting for it would end in SQLite's 'database is locked' rather than the claim's name.
  if (heldHere()) return Object.assign(() => undefined, { beat: () => undefined });
  let mine = false;
  try {
    // (immediate: two runs started at once both read no claim, and the second to write was refused
    // by SQLite, 'database is locked', instead of being told who holds it)
    store.transaction(() => {
      if (heldHere()) return;
      me.beat = new Date().toISOString();
      store.kv.put(WRITER_KEY, JSON.stringify(me));
      mine = true;
    }, { immediate: true });
  } catch (e) {
    // the write lock held past the busy timeout: by the run named in the claim (writing, so alive,
    // whatever its beat said) or by one that claimed the database meanwhile
    if (/^SQLITE_BUSY/.test(String((e as { code?: unknown }).code))) {
      const other = readClaim(store.kv.get(WRITER_KEY));
      if (other) throw writerBusy(store, other);
    }
    throw e;
  }
  if (mine) heldTokens.add(me.token!);
  let lastBeat = Date.now();
  /** Set once another run is seen holding the claim: every later beat stops its batch too (the 60 s timer's beat, whose error is dropped, may be the one that sees it). */
  let lost: Error | null = null;
  const beat = () => {
    if (lost) throw lost;
    if (!mine) return;
    store.transaction(() => {
      const held = readClaim(store.kv.get(WRITER_KEY));
      if (held && held.token !== me.token) {
        mine = false;
        heldTokens.delete(me.token!);
        const error = new Error(
          `this ${what} stopped: another ${held.what} (process ${held.pid} on ${held.host}) took the database over at ${utc(held.since)} UTC (this run had been silent for over ${STALE_CLAIM_MS / 60_000} minutes — was it suspended? — or its claim was removed); what earlier batches stored is kept: run it again to store the rest`,
        ) as NodeJS.ErrnoException;
        error.code = 'EWRITERLOST';
        lost = error;
        throw error;
      }
      if (held && Date.now() - lastBeat < BEAT_EVERY_MS) return;
      // (a claim removed by hand while this run went on is written back: no other run holds it)
      me.beat = new Date().toISOString();
      store.kv.put(WRITER_KEY, JSON.stringify(me));
      lastBeat = Date.now();
    });
  };
  const release = () => {
    if (!mine) return;
    mine = false;
    heldTokens.delete(me.token!);
    try {
      store.transaction(() => {
        if (readClaim(store.kv.get(WRITER_KEY))?.token === me.token) store.kv.delete(WRITER_KEY);
      });
    } catch {
      // (a full disk refuses this too: the claim stays, and the next run takes over from a process that is gone)
    }
  };
  return Object.assign(release, { beat });
}

function writerBusy(store: Store, other: WriterClaimRecord): NodeJS.ErrnoException {
  const silent = other.beat === undefined ? null : Math.max(0, Date.now() - Date.parse(other.beat));
  const seen = silent === null || pidVisibleHere(other) ? '' : `, last seen ${silent < 60_000 ? `${Math.round(silent / 1000)} s` : `${Math.round(silent / 60_000)} minute${Math.round(silent / 60_000) === 1 ? '' : 's'}`} ago`;
  // a process on another machine (or container) cannot be asked whether it still runs
  const remove = `sqlite3 "${store.path}" "DELETE FROM kv WHERE key = '${WRITER_KEY}'"`;
  const expires = other.beat === undefined ? null : utc(new Date(Math.ceil((Date.parse(other.beat) + STALE_CLAIM_MS) / 60_000) * 60_000).toISOString()).slice(11, 16);
  const elsewhere =
    pidVisibleHere(other)
      ? ''
      : expires
        ? ` (if it stopped without finishing — its machine or container is gone — a run started after ${expires} UTC takes its claim over; or remove it now: ${remove})`
        : ` (if it stopped without finishing — its machine or container is gone — remove its claim: ${remove})`;
  const busy = new Error(
    `another ${other.what} is writing to this database (process ${other.pid} on ${other.host}, since ${utc(other.since)} UTC${seen}): wait for it to finish, then run this again${elsewhere}`,
  ) as NodeJS.ErrnoException;
  busy.code = 'EWRITERBUSY';
  return busy;
}

const utc = (iso: string) => iso.slice(0, 19).replace('T', ' ');

function readClaim(held: string | undefined): WriterClaimRecord | null {
  if (held === undefined) return null;
  try {
    const claim = JSON.parse(held) as Record<string, unknown>;
    const { pid, host, what, since, beat, token, pidSpace } = claim;
    if (typeof pid !== 'number' || typeof host !== 'string' || typeof what !== 'string' || typeof since !== 'string') return null;
    return {
      pid,
      host,
      what,
      since,
      ...(typeof beat === 'string' && Number.isFinite(Date.parse(beat)) ? { beat } : {}),
      ...(typeof token === 'string' ? { token } : {}),
      ...(typeof pidSpace === 'string' ? { pidSpace } : {}),
    };
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function ingestClaimed(
  store: Store,
  sources: AsyncIterable<ParseResult<RawDoc>> | Iterable<ParseResult<RawDoc>>,
  options: IngestOptions,
  beat: () => void,
): Promise<IngestReport> {
  if (options.heapGrowthPercent !== null) heapGrowth(options.heapGrowthPercent ?? 50);
  const report: IngestReport = { stored: 0, duplicates: 0, failed: 0, errors: [], duplicateOf: [], nearDuplicates: 0, nearDuplicateOf: [], storedIds: [], storyIds: [], stoppedEarly: false };
  const reportedStories = new Set<string>();
  const batchSize = options.batchSize ?? 100;
  const now = options.now ?? (() => new Date());
  let linker = createLinker(store.kv, { olderCandidates: olderCandidatesFrom(store) });
  let entityIndex = new EntityIndex(store);
  const touchedStories = new Map<string, number>();
  let done = 0;
  let seq = store.countArticles();

  const fail = (origin: string, message: string) => {
    const e = { origin, message };
    report.failed++;
    report.errors.push(e);
    options.onError?.(e);
  };

  const progress = (origin: string) =>
    options.onProgress?.({ done, stored: report.stored, duplicates: report.duplicates, failed: report.failed, origin });

  /**
   * An ID is one article's: a stored article with this ID is this one again when it has the same
   * content or raw input (a duplicate), else the new one is refused, naming both.
   */
  const storedUnderSameId = (doc: StagedDocument): string | null => {
    if (!store.hasArticle(doc.id)) return null;
    const stored = store.getArticle(doc.id)!;
    if (stored.contentHash === doc.contentHash || stored.raw === (doc.raw.html ?? doc.raw.text ?? '')) return doc.id;
    const from = stored.url ?? stored.path;
    const what = [from ? `from ${from}` : 'no URL or file recorded', stored.source ? `source ${stored.source}` : null, `stored ${stored.ingestedAt.slice(0, 16).replace('T', ' ')}`].filter(Boolean);
    throw new Error(idTakenMessage(doc.id, `the stored article ${quotedTitle(stored.title)} (${what.join(', ')})`));
  };
  const quotedTitle = (title: string) => `"${title.length > 80 ? title.slice(0, title.lastIndexOf(' ', 80) > 40 ? title.lastIndexOf(' ', 80) : 80) + '…' : title}"`;
  const idTakenMessage = (id: string, other: string) =>
    `id "${id}" is already used by ${other}, with different content: give each article a unique "id" (for files that number their ids each from 1: \`storyline ingest --id-prefix NAME-\` per file), or leave "id" out to have one made from its URL or content`;

  /** Phase 1: extract and identify every item; duplicates (of the store or of this batch) stop here. */
  const stageBatch = (batch: RawDoc[]): { staged: StagedDocument[]; upgrades: Array<{ id: string; doc: StagedDocument }>; keepGoing: boolean } => {
    const staged: StagedDocument[] = [];
    const upgrades: Array<{ id: string; doc: StagedDocument }> = [];
    const inBatch = new Map<string, string>();
    const batchById = new Map<string, StagedDocument>();
    const batchLines = new Map<string, number>();
    for (const raw of batch) {
      try {
        const lines = candidateLines(raw);
        const hashes = lines.map((l) => lineHash(raw.source, l));
        const counts = store.lineCounts(hashes);
        const repeatedLines = new Map<string, number>();
        lines.forEach((l, i) => {
          const n = (counts.get(hashes[i]!) ?? 0) + (batchLines.get(hashes[i]!) ?? 0);
          if (n) repeatedLines.set(l, n);
        });
        const doc = stageDocument(raw, repeatedLines);
        const existing =
          store.findExisting(doc.contentHash, doc.url) ??
          inBatch.get(`h:${doc.contentHash}`) ??
          (doc.url ? inBatch.get(`u:${doc.url}`) : undefined) ??
          storedUnderSameId(doc) ??
          null;
        const earlier = batchById.get(doc.id);
        if (!existing && earlier) throw new Error(idTakenMessage(doc.id, `${quotedTitle(earlier.extracted.title)} at ${earlier.raw.origin}`));
        if (existing) {
          // The same article again, now with the publication date its stored copy had to guess
          // (a folder of .txt files, then the feed they came from): the date is taken over.
          if (metadataDate(raw.published) && !upgrades.some((u) => u.id === existing)) {
            const stored = store.getArticle(existing);
            if (stored && stored.publishedFrom !== 'metadata') upgrades.push({ id: existing, doc });
          }
          done++;
          report.duplicates++;
          report.duplicateOf.push({ origin: raw.origin, existingId: existing });
          progress(raw.origin);
          continue;
        }
        for (const key of [`h:${doc.contentHash}`, ...(doc.url ? [`u:${doc.url}`] : [])]) inBatch.set(key, doc.id);
        batchById.set(doc.id, doc);
        for (const h of hashes) batchLines.set(h, (batchLines.get(h) ?? 0) + 1);
        staged.push(doc);
      } catch (e) {
        done++;
        fail(raw.origin, (e as Error).message);
        progress(raw.origin);
        if (options.strict) return { staged, upgrades, keepGoing: false };
      }
    }
    return { staged, upgrades, keepGoing: true };
  };

  /** Re-analyses a stored article with the publication date a duplicate brought; its story is rebuilt. */
  const upgradeOne = (id: string, doc: StagedDocument) => {
    const old = store.getArticle(id)!;
    const { article, analysis } = completeDocument({ ...doc, id: old.id, contentHash: old.contentHash }, choosePublication(doc), old.seq, now());
    store.updateArticle({
      ...article,
      url: old.url ?? article.url,
      path: old.path ?? article.path,
      ingestedAt: old.ingestedAt,
      duplicateOf: old.duplicateOf,
    });
    storeAnalysis(store, entityIndex, old.id, analysis);
    if (old.storyId) touchedStories.set(old.storyId, (touchedStories.get(old.storyId) ?? 0) + 1_000_000);
    (report.dated ??= []).push(id);
  };

  /** Undated articles are dated together: one article's dated event can date another's. */
  const corpusEstimates = (staged: StagedDocument[]): Map<string, PublicationEstimate> => {
    const undated = staged.filter((d) => !d.raw.published && !d.extracted.published);
    if (undated.length === 0) return new Map();
    // Stored articles that name the same people as an undated one's month-day events may hold its year.
    // Only for texts that give no year themselves, and a bounded number per batch: each context
    // article costs a time-expression pass.
    const context = new Map<string, CorpusArticle>();
    for (const d of undated) {
      if (context.size >= CONTEXT_PER_BATCH) break;
      const text = inferenceText(d);
      if (!inferPublicationDate(text).yearUnknown) continue;
      const names = yearlessEventNames(text);
      if (names.length >= 2) for (const a of store.datedArticlesMentioning(names, CONTEXT_ARTICLES, -1, true)) context.set(a.id, a);
    }
    return inferPublicationDates(
      staged.map((d) => ({ id: d.id, text: inferenceText(d), published: d.raw.published ? metadataDate(d.raw.published) : d.extracted.published })),
      { context: [...context.values()] },
    );
  };

  /**
   * Stored articles still dated only by month and day are looked at again when this run stored a
   * related dated article: its dates may give them their year. Each one that gains it is analysed
   * again with its new date and its story rebuilt.
   */
  const redateYearless = (sinceSeq: number) => {
    for (const id of store.yearlessArticleIds(REDATE_LIMIT)) {
      const old = store.getArticle(id);
      if (!old) continue;
      const text = old.rawKind === 'text' ? old.raw : old.text;
      const names = yearlessEventNames(text);
      // (a related article stored by this run other than the article itself: it names its own names)
      if (names.length < 2 || store.datedArticlesMentioning(names, 2, sinceSeq, true).every((a) => a.id === id)) continue;
      const context = store.datedArticlesMentioning(names, CONTEXT_ARTICLES, -1, true).filter((a) => a.id !== id);
      const estimate = inferPublicationDates([{ id, text }], { context }).get(id);
      if (!estimate || estimate.yearUnknown) continue;
      try {
        store.transaction(() => {
          const doc = restage(store, old);
          const { article, analysis } = completeDocument({ ...doc, id: old.id, contentHash: old.contentHash }, estimate, old.seq, now());
          store.updateArticle({ ...article, url: old.url, path: old.path, ingestedAt: old.ingestedAt, duplicateOf: old.duplicateOf });
          storeAnalysis(store, entityIndex, old.id, analysis);
          if (old.storyId) markStoriesDirty(store, new Map([[old.storyId, 1_000_000]]));
          (report.redated ??= []).push(id);
        });
      } catch (e) {
        fail(old.path ?? old.url ?? id, (e as Error).message);
      }
    }
  };

  /**
   * Phase 2, in one transaction: analyse, link and store each item, each in its own savepoint. An
   * item that fails after the linker or the entity index took it in (their state is in memory, out
   * of the savepoint's reach) rolls back the whole batch, which is stored again without it from the
   * state of the store: no link to an article that was never stored (a later copy of its content
   * was refused as a duplicate of it), no count of its names.
   */
  const processBatch = (batch: RawDoc[]): boolean => {
    const { staged, upgrades, keepGoing: stagedAll } = stageBatch(batch);
    const estimates = corpusEstimates(staged);
    const refused = new Map<StagedDocument, string>();
    /** Redos per failure message: the same failure for several articles is not theirs. */
    const redosFor = new Map<string, number>();
    for (;;) {
      const before = { done, seq, stored: report.stored, storedIds: report.storedIds.length, storyIds: report.storyIds.length, nearDuplicates: report.nearDuplicates, nearDuplicateOf: report.nearDuplicateOf.length };
      const reported = new Set(reportedStories);
      try {
        return storeBatch(staged, upgrades, estimates, refused) && stagedAll;
      } catch (e) {
        if (!(e instanceof RedoBatch)) throw e;
        const times = (redosFor.get(e.message) ?? 0) + 1;
        redosFor.set(e.message, times);
        if (times >= SAME_FAILURE_STOPS) throw repeatedFailure(times, e.message, [...refused].find(([, m]) => m === e.message)?.[0] ?? e.doc);
        refused.set(e.doc, e.message);
        ({ done, seq } = before);
        Object.assign(report, { stored: before.stored, nearDuplicates: before.nearDuplicates });
        report.storedIds.length = before.storedIds;
        report.storyIds.length = before.storyIds;
        report.nearDuplicateOf.length = before.nearDuplicateOf;
        reportedStories.clear();
        for (const id of reported) reportedStories.add(id);
        touchedStories.clear();
        linker = createLinker(store.kv, { olderCandidates: olderCandidatesFrom(store) });
        entityIndex = new EntityIndex(store);
      }
    }
  };

  const storeBatch = (staged: StagedDocument[], upgrades: Array<{ id: string; doc: StagedDocument }>, estimates: ReturnType<typeof corpusEstimates>, refused: Map<StagedDocument, string>): boolean => {
    let keepGoing = true;
    // (reported once the batch is stored: a batch stored again reports nothing twice)
    const failures: [string, string][] = [];
    store.transaction(() => {
      for (const { doc, publication } of inLinkingOrder(staged, estimates)) {
        done++;
        const refusal = refused.get(doc);
        if (refusal !== undefined) failures.push([doc.raw.origin, refusal]);
        else {
          let taken = false;
          try {
            store.transaction(() => storeOne(doc, publication ?? choosePublication(doc, estimates.get(doc.id)), () => (taken = true)));
          } catch (e) {
            // (a full disk or a damaged file fails every article: the ingest stops, the batch is not redone for each)
            if (databaseFailure(e)) throw e;
            if (taken) throw new RedoBatch(doc, (e as Error).message);
            failures.push([doc.raw.origin, (e as Error).message]);
          }
        }
        if (failures.length && options.strict) keepGoing = false;
        progress(doc.raw.origin);
        if (!keepGoing) break;
      }
      for (const { id, doc } of keepGoing ? upgrades : []) {
        try {
          store.transaction(() => upgradeOne(id, doc));
        } catch (e) {
          failures.push([doc.raw.origin, (e as Error).message]);
          if (options.strict) keepGoing = false;
        }
      }
      linker.flush();
      markStoriesDirty(store, touchedStories);
      touchedStories.clear();
      // (last, holding the write lock: a run that took the claim over meanwhile is seen, and this batch undone)
      beat();
    });
    for (const [origin, message] of failures) fail(origin, message);
    return keepGoing;
  };

  // Stories are rebuilt from all their articles, so rebuilding after every batch would make the
  // cost per article grow with the story: while an ingest runs they are rebuilt every few seconds
  // (never more than about a twentieth of its time), each once it has grown by half or its last
  // build is five minutes old; at the end, all of them.
  let lastRebuild = Date.now();
  let lastRebuildTook = 0;
  const rebuildEvery = options.rebuildEveryMs ?? 15_000;
  const builtAt = new Map<string, number>();
  const maybeRebuild = (force: boolean) => {
    if (!force && Date.now() - lastRebuild < Math.max(rebuildEvery, 19 * lastRebuildTook)) return;
    const started = Date.now();
    rebuildDirtyStories(store, now(), force ? { afterEach: beat } : { minGrowth: 0.5, maxAgeMs: 5 * 60_000, builtAt, afterEach: beat });
    lastRebuild = Date.now();
    lastRebuildTook = lastRebuild - started;
  };
  // A run that was killed may have left stories to rebuild.
  maybeRebuild(true);

  /** `taken()` is called before the linker and the entity index take the article in. */
  const storeOne = (doc: StagedDocument, publication: PublicationEstimate, taken: () => void) => {
    const { article, analysis, lineHashes } = completeDocument(doc, publication, seq + 1, now());
    taken();
    const link = linker.add({ id: article.id, published: article.published ?? linkingDate(publication), title: article.title, text: article.text, source: article.source, analysis, language: article.language });
    article.duplicateOf = link.duplicateOf;
    store.insertArticle(article);
    seq++;
    storeAnalysis(store, entityIndex, article.id, analysis);
    store.addLines(lineHashes);
    for (const m of link.merges) {
      store.recordStoryMerge(m.from, m.into);
      touchedStories.set(m.into, (touchedStories.get(m.into) ?? 0) + 1);
    }
    for (const sp of link.splits) {
      store.recordStorySplit(sp.from, sp.into, sp.eventIds);
      // Both stories changed shape: rebuilt at the next pass whatever their growth.
      for (const id of [sp.from, sp.into]) touchedStories.set(id, (touchedStories.get(id) ?? 0) + 1_000_000);
    }
    store.assignStory(article.id, link.storyId, link.eventId, { title: article.title, published: article.published });
    touchedStories.set(link.storyId, (touchedStories.get(link.storyId) ?? 0) + 1);
    report.stored++;
    report.storedIds.push(article.id);
    if (link.duplicateOf) {
      report.nearDuplicates++;
      report.nearDuplicateOf.push({ origin: doc.raw.origin, id: article.id, duplicateOf: link.duplicateOf });
    }
    if (!reportedStories.has(link.storyId)) {
      reportedStories.add(link.storyId);
      report.storyIds.push(link.storyId);
    }
  };

  const seqAtStart = seq;
  reading: for await (const source of sources) {
    if (options.signal?.aborted) break;
    // A bad line or input counts as an item done, so that a progress total of input lines is reached.
    for (const e of source.errors) {
      done++;
      fail(e.origin, e.message);
      progress(e.origin);
    }
    if (options.strict && report.failed > 0) {
      report.stoppedEarly = true;
      break;
    }
    const items = arrivalOrder(source.items);
    for (let i = 0; i < items.length; i += batchSize) {
      if (!processBatch(items.slice(i, i + batchSize))) {
        report.stoppedEarly = true;
        maybeRebuild(true);
        return report;
      }
      maybeRebuild(false);
      await new Promise((r) => setImmediate(r));
      if (options.signal?.aborted) break reading;
    }
  }
  // (an interrupted run still lets what it stored date earlier articles: the next run starts past them)
  if (report.stored > 0) redateYearless(seqAtStart);
  if (options.signal?.aborted) report.interrupted = true;
  maybeRebuild(true);
  const stale = store.countStaleAnalyses(ANALYSIS_VERSION);
  if (stale) report.staleAnalyses = stale;
  return report;
}

export interface ReprocessProgress {
  /**
   * 'analyse': pass 1, re-extracting and re-analysing; 'link': pass 2, re-linking into stories;
   * 'stories': building each story again (timeline, claims, summary).
   */
  phase: 'analyse' | 'link' | 'stories';
  /** Articles to reprocess. */
  articles: number;
  analysed: number;
  linked: number;
  failed: number;
  /** Stories to build in the last pass, and how many have been started. */
  stories: number;
  built: number;
}

/** Builds a fresh linker over every stored article again (after an upgrade or a reset). */
export interface ReprocessOptions {
  /** `done` of `total` steps (each article in each pass, then each story), with what the steps did. */
  onProgress?: (done: number, total: number, progress: ReprocessProgress) => void;
  batchSize?: number;
  now?: () => Date;
}

export interface ReprocessResult {
  articles: number;
  stories: number;
  errors: InputError[];
  /** Story IDs of before the reprocess that name a story again after it. */
  keptStoryIds: number;
  /** Story IDs of before that now lead to the story holding most of their articles (recorded as merged into it). */
  redirectedStoryIds: { from: string; into: string }[];
}

/**
 * Re-runs extraction, analysis, linking and stories over every stored article from its raw input,
 * keeping article IDs. Runs in batches, each a transaction. Story IDs are made by the linker from
 * the article that starts a story, so a story whose first article changed gets a new ID: every
 * earlier story ID (merged-away ones too) is then recorded as merged into the story that now holds
 * most of its articles, so that links to it keep working.
 */
export function reprocessAll(store: Store, options: ReprocessOptions = {}): ReprocessResult {
  const claim = claimWriter(store, 'reprocess');
  try {
    return reprocessClaimed(store, options, claim.beat);
  } catch (e) {
    throw databaseFailure(e) ? cannotWrite(store, e as Error, 'reprocess') : e;
  } finally {
    claim();
  }
}

function reprocessClaimed(store: Store, options: ReprocessOptions, beat: () => void): ReprocessResult {
  const now = options.now ?? (() => new Date());
  const ids = store.articleIds();
  const errors: InputError[] = [];
  const reprocessed: { id: string; published: IsoDate | null; seq: number }[] = [];
  const entityIndex = new EntityIndex(store);
  // An archive older than the name records is counted afresh (links of its articles included).
  if (!entityIndex.names.counted) store.transaction(() => entityIndex.names.recount());
  const batchSize = options.batchSize ?? 100;
  const oldStoryOf = new Map<string, string>();
  const state: ReprocessProgress = { phase: 'analyse', articles: ids.length, analysed: 0, linked: 0, failed: 0, stories: 0, built: 0 };
  let done = 0;
  const step = () => options.onProgress?.(++done, ids.length * 2 + state.stories, { ...state });
  // Pass 1: re-extract and re-analyse each article in place, a batch per transaction; undated
  // articles of a batch are dated together, as at ingest.
  for (let i = 0; i < ids.length; i += batchSize) {
    store.transaction(() => {
      const staged: { old: StoredArticle; doc: StagedDocument }[] = [];
      for (const id of ids.slice(i, i + batchSize)) {
        const old = store.getArticle(id)!;
        if (old.storyId) oldStoryOf.set(old.id, old.storyId);
        try {
          staged.push({ old, doc: restage(store, old) });
        } catch (e) {
          errors.push({ origin: old.path ?? old.url ?? id, message: (e as Error).message });
          state.failed++;
          step();
        }
      }
      const undated = staged.some(({ doc }) => !doc.raw.published && !doc.extracted.published);
      const estimates = undated
        ? inferPublicationDates(staged.map(({ doc }) => ({ id: doc.id, text: inferenceText(doc), published: doc.raw.published ? metadataDate(doc.raw.published) : doc.extracted.published })))
        : new Map<string, PublicationEstimate>();
      for (const { old, doc } of staged) {
        try {
          store.transaction(() => {
            const { article, analysis } = completeDocument({ ...doc, id: old.id, contentHash: old.contentHash }, choosePublication(doc, estimates.get(doc.id)), old.seq, now());
            store.updateArticle({ ...article, ingestedAt: old.ingestedAt, duplicateOf: null });
            storeAnalysis(store, entityIndex, old.id, analysis);
            reprocessed.push({ id: old.id, published: article.published, seq: old.seq });
          });
          state.analysed++;
        } catch (e) {
          errors.push({ origin: doc.raw.origin, message: (e as Error).message });
          state.failed++;
        }
        step();
      }
      beat();
    });
  }
  // Every article counted again: the name records of an archive older than them are complete now.
  if (errors.length === 0) entityIndex.names.markComplete();
  // Pass 2: link again in arrival order, from a clean story state.
  state.phase = 'link';
  reprocessed.sort((a, b) => ((a.published ?? '9999') < (b.published ?? '9999') ? -1 : (a.published ?? '9999') > (b.published ?? '9999') ? 1 : a.seq - b.seq));
  const result: ReprocessResult = { articles: reprocessed.length, stories: 0, errors, keptStoryIds: 0, redirectedStoryIds: [] };
  store.transaction(() => {
    const absorbed = absorbedStoryIds(store, new Set(oldStoryOf.values()));
    store.clearStories();
    const linker: Linker = createLinker(store.kv, { olderCandidates: olderCandidatesFrom(store) });
    const touched = new Set<string>();
    for (const { id } of reprocessed) {
      const a = store.getArticle(id)!;
      const analysis = store.getAnalysis(id)!.analysis;
      const link = linker.add({ id: a.id, published: a.published, title: a.title, text: a.text, source: a.source, analysis, language: a.language });
      if (link.duplicateOf) store.updateArticle({ ...a, duplicateOf: link.duplicateOf });
      for (const m of link.merges) {
        store.recordStoryMerge(m.from, m.into);
        touched.add(m.into);
      }
      for (const sp of link.splits) {
        store.recordStorySplit(sp.from, sp.into, sp.eventIds);
        touched.add(sp.from).add(sp.into);
      }
      store.assignStory(a.id, link.storyId, link.eventId, { title: a.title, published: a.published });
      touched.add(link.storyId);
      state.linked++;
      step();
      // (inside one transaction: seen by others when it commits; meanwhile its write lock says the run is alive)
      beat();
    }
    linker.flush();
    state.phase = 'stories';
    state.stories = touched.size;
    rebuildStories(store, touched, now(), () => {
      state.built++;
      step();
      beat();
    });
    store.pruneEmptyStories();
    store.pruneUnusedEntities(); // name variants the new analyses link to another entity
    const newStoryOf = new Map<string, string>();
    for (const storyId of touched) for (const articleId of store.storyArticleIds(storyId)) newStoryOf.set(articleId, storyId);
    const live = new Set(newStoryOf.values());
    result.stories = live.size;
    const redirects = storyRedirects(oldStoryOf, newStoryOf);
    result.keptStoryIds = [...new Set(oldStoryOf.values())].filter((id) => live.has(id)).length;
    for (const [from, into] of redirects) {
      store.recordStoryMerge(from, into);
      result.redirectedStoryIds.push({ from, into });
    }
    // Stories merged away before the reprocess lead where the story that took them in leads now.
    for (const [from, into] of absorbed) {
      if (live.has(from) || redirects.has(from)) continue;
      let survivor = into;
      for (let hops = 0; absorbed.has(survivor) && hops < 100; hops++) survivor = absorbed.get(survivor)!;
      const target = live.has(survivor) ? survivor : redirects.get(survivor);
      if (!target || target === from) continue;
      store.recordStoryMerge(from, target);
      result.redirectedStoryIds.push({ from, into: target });
    }
  });
  return result;
}

/**
 * Old story IDs that are no longer stories, each with the new story that holds most of its articles
 * (on a tie, the one its articles make up the larger share of, then the first by ID).
 */
export function storyRedirects(oldStoryOf: ReadonlyMap<string, string>, newStoryOf: ReadonlyMap<string, string>): Map<string, string> {
  const live = new Set(newStoryOf.values());
  const newSize = new Map<string, number>();
  for (const s of newStoryOf.values()) newSize.set(s, (newSize.get(s) ?? 0) + 1);
  const overlap = new Map<string, Map<string, number>>();
  for (const [articleId, oldId] of oldStoryOf) {
    const newId = newStoryOf.get(articleId);
    if (!newId || live.has(oldId)) continue;
    let counts = overlap.get(oldId);
    if (!counts) overlap.set(oldId, (counts = new Map()));
    counts.set(newId, (counts.get(newId) ?? 0) + 1);
  }
  const redirects = new Map<string, string>();
  for (const [oldId, counts] of overlap) {
    const best = [...counts].sort((a, b) => b[1] - a[1] || b[1] / newSize.get(b[0])! - a[1] / newSize.get(a[0])! || (a[0] < b[0] ? -1 : 1))[0]!;
    redirects.set(oldId, best[0]);
  }
  return redirects;
}

/** Every story merged (directly or through others) into one of these, with the story it was merged into. */
function absorbedStoryIds(store: Store, liveIds: Set<string>): Map<string, string> {
  const into = new Map<string, string>();
  const queue = [...liveIds];
  while (queue.length) {
    const id = queue.pop()!;
    for (const h of store.storyHistory(id)) {
      if (h.kind !== 'absorbed' || into.has(h.otherId) || liveIds.has(h.otherId)) continue;
      into.set(h.otherId, id);
      queue.push(h.otherId);
    }
  }
  return into;
}
