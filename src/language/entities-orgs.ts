// Organisations within one text: one entity per organisation however the text writes it.
//
// News text names an organisation in several ways: in full with a country in front ("U.S. Centers
// for Disease Control and Prevention"), in British or American spelling ("Centres"), by its acronym
// ("CDC", defined in brackets or left to the reader's knowledge of the initials), or by the first
// word of a company's name ("Lehman" after "Lehman Brothers"). The tagger also calls many companies
// people ("Fannie Mae said its shares…"). These are the pure helpers the resolver uses for that.
import type { EntityMention, Sentence } from '../types.js';
import { firstStartingAt } from '../text/spans.js';

// Patterns with \p{…} tested in loops, made once: tsx (esbuild) turns such a literal into `new RegExp(…)`,
// built and compiled again each time the line runs.
const INITIALS = /^(\p{Lu}\.?){2,6}$/u;
const ONE_INITIAL = /^\p{Lu}\.$/u;
const TWO_LOWER = /\p{Ll}{2}/u;
const HAS_LOWER = /\p{Ll}/u;
const STARTS_UPPER = /^\p{Lu}/u;
const LOWER_WORD_AFTER = /^\s+(?:oil\s+)?(\p{Ll}+)/u;
const HEAD_BEFORE_OF = /(\p{Lu}(?:\p{Ll}+|\p{Lu}+))\s+(?:for|of|FOR|OF)\s+$/u;

/** Words that end a company's legal name and are left out of its key: "Citigroup Inc." is "Citigroup". */
const LEGAL_SUFFIXES = new Set('inc incorporated corp co ltd llc plc lp llp ag sa nv gmbh holdings'.split(' '));

/** Whether a name is written with a legal ending: "Transocean Ltd", "Citigroup Inc.", not "Ltd" alone. */
export function legalEnding(name: string): boolean {
  const last = name.trim().split(/\s+/);
  return last.length >= 2 && LEGAL_SUFFIXES.has(last[last.length - 1]!.toLowerCase().replace(/[.,]+$/, ''));
}

/** British spellings of words in organisation names, by their American form. */
const SPELLINGS: [RegExp, string][] = [
  [/isation(s?)$/, 'ization$1'],
  [/^cent(re|er)s?$/, 'center'],
  [/^defence$/, 'defense'],
  [/^programme(s?)$/, 'program$1'],
];

/**
 * The key of an organisation's name (already normalised by `normalizeName`): American spelling,
 * "Bros" as "Brothers", no legal suffix ("Lehman Brothers Holdings Inc" → "lehman brothers"), no
 * "and …" tail after two words or more.
 */
export function organizationKey(normalized: string): string {
  let key = organizationKeys.get(normalized);
  if (key === undefined) {
    if (organizationKeys.size >= 50_000) organizationKeys.clear();
    organizationKeys.set(normalized, (key = organizationKeyUncached(normalized)));
  }
  return key;
}
const organizationKeys = new Map<string, string>();

function organizationKeyUncached(normalized: string): string {
  const words = normalized.replace(/\s*&\s*co$/, '').split(' ');
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    if (w === 'bros') w = 'brothers';
    for (const [re, to] of SPELLINGS) w = w.replace(re, to);
    words[i] = w;
  }
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  // "Centers for Disease Control and Prevention" is keyed as "Centers for Disease Control": texts
  // give either; so is a pair the tagger glued ("Lehman Brothers and Royal Bank of Scotland").
  // Not "Food and Drug Administration" (one word before the "and"), nor "National Oceanic and
  // Atmospheric Administration": the head noun after the "and" is the name's own, none before it.
  const and = words.findIndex((w, i) => i >= 2 && (w === 'and' || w === '&'));
  if (and > 0 && ORGANIZATION_HEADS.has(words[words.length - 1]!) && !words.slice(0, and).some((w) => ORGANIZATION_HEADS.has(w))) return words.join(' ');
  // A government department named by its portfolios: "Department of Health and Human Services" (the
  // US one) is not the "Department of Health" (the UK's), nor "Ministry of Energy and Climate
  // Change" the "Ministry of Energy".
  if (and > 0 && PORTFOLIO_HEADS.test(words.slice(0, and).join(' '))) return words.join(' ');
  return (and > 0 ? words.slice(0, and) : words).join(' ');
}

// (after a country or a state: "U.S. Department of …", "state department of …")
const PORTFOLIO_HEADS = /(?:^|\s)(?:department|ministry|secretary|office) (?:of|for) /;

/** Whether a name is an acronym: "CDC", "AIG", "U.N." (two to six capitals, periods allowed). */
export function isAcronym(name: string): boolean {
  return INITIALS.test(name) && !ONE_INITIAL.test(name);
}

/**
 * The acronyms a long name may go by: the initials of its capitalised words, also without a
 * country in front ("US Food and Drug Administration" → FDA) or an "and …" tail ("Centers for
 * Disease Control and Prevention" → CDC; "Securities and Exchange Commission" → SEC by its initials).
 */
export function acronymsOf(name: string): string[] {
  const words = name.split(/\s+/);
  const out = new Set<string>();
  const initials = (ws: string[]) =>
    ws
      .flatMap((w) => w.split('-'))
      .filter((w) => STARTS_UPPER.test(w))
      .map((w) => w[0])
      .join('');
  const add = (ws: string[]) => {
    const a = initials(ws);
    if (a.length >= 2) out.add(a);
  };
  add(words);
  const and = words.findIndex((w, i) => i >= 2 && (w === 'and' || w === '&'));
  if (and > 0) add(words.slice(0, and));
  return [...out];
}

/** Whether the text defines `acronym` right after `end`: "… and Prevention (CDC)", "… -LRB- CDC -RRB-". */
export function acronymDefinedAt(text: string, end: number, acronym: string): boolean {
  const after = text.slice(end, end + acronym.length + 16);
  const m = /^\s*(?:\(|-LRB-)\s*([^\s()]+)\s*(?:\)|-RRB-)/.exec(after);
  return !!m && m[1]!.replace(/\./g, '') === acronym.replace(/\./g, '');
}

/** Head nouns of organisation names: "Disease Control" after "Centres for" is the whole "Centres for Disease Control". */
export const ORGANIZATION_HEADS = new Set(
  ('center centers centre centres institute institutes department ministry office bureau agency council commission committee ' +
    'organization organisation federation association society foundation fund bank board union league school college university ' +
    'academy court authority service services administration corporation company group alliance coalition network ' +
    'laboratory laboratories division unit directorate secretariat corps').split(' '),
);

/**
 * The start of an organisation name the tagger cut short on the left ("Centres for [Disease
 * Control]"): the offset of the head noun before "for"/"of", or null.
 */
export function truncatedOrganizationStart(text: string, start: number): number | null {
  const m = HEAD_BEFORE_OF.exec(text.slice(Math.max(0, start - 40), start));
  if (!m || !ORGANIZATION_HEADS.has(m[1]!.toLowerCase())) return null;
  return start - m[0].length;
}

/** Nouns that, right after a name, make it a company: "Citigroup shares", "Fannie Mae stock". */
const COMPANY_NOUNS_AFTER = new Set('shares stock stocks shareholders stockholders bondholders securities subsidiary subsidiaries inc inc. corp corp. ltd ltd. llc plc'.split(' '));
const LEGAL_WORDS_AFTER = new Set('inc inc. corp corp. ltd ltd. llc plc'.split(' '));
/** What shares do: "X shares fell", "X stock closed at …". */
const MARKET_MOVES = new Set(
  'fell rose closed ended gained lost dropped jumped slid surged tumbled plunged climbed sank slumped soared rallied traded were are have had hit , . ; -- -'.split(' '),
);
/** Nouns that, after a name's possessive, make it a company: "Fannie Mae's shares", "Lehman's bankruptcy". */
const COMPANY_NOUNS_OWNED = new Set(
  'shares stock shareholders stockholders bondholders board subsidiary subsidiaries earnings profit profits revenue revenues losses bankruptcy headquarters ceo executives portfolio balance'.split(' '),
);
/** Last words that make a name a company's: "Lehman Brothers", "Goldman Sachs Group", "Citigroup Inc", "Mitsubishi Motors". */
const COMPANY_LAST_WORDS = new Set('inc inc. corp corp. co co. ltd ltd. llc plc group brothers bros bros. holdings bancorp partners securities associates industries corporation company motors airlines airways petroleum'.split(' '));
/** Last words of the American mortgage and student-loan agencies' nicknames ("Fannie Mae", "Farmer Mac"): weaker, "Bernie Mac" was a man. */
const AGENCY_NICKNAME_ENDINGS = new Set(['mae', 'mac']);
/** Common nouns for companies: "housing finance giants X", "X, the two mortgage-lending companies". */
const COMPANY_HEADS = new Set(
  ('company companies firm firms bank banks lender lenders insurer insurers giant giants carrier carriers automaker automakers ' +
    'retailer retailers maker makers conglomerate brokerage brokerages corporation corporations group conglomerates bankers ' +
    'enterprises enterprise business businesses institution institutions fund funds drugmaker drugmakers manufacturer ' +
    'manufacturers producer producers supplier suppliers airline airlines chain chains operator operators insurers startup').split(' '),
);

/**
 * How many of a mention's surroundings call it a company, and how many a person. Company: a legal or
 * group word ending the name; "shares of X", "X shares", "X's shareholders"; "X, which"; "X said
 * its"/"X and its" with no person named between. Person: a title ("Mr.", "Sen."), a role, "X, who",
 * "he"/"she" right after. Without `context`, only the name's own words count.
 */
export function companyEvidence(text: string, m: EntityMention, sentences: Sentence[], context = true): Evidence {
  let company = 0;
  let person = 0;
  let thing = 0;
  let place = 0;
  company += companyEnding(m.text);
  if (!context) return { company, person, thing, place };
  const tokens = sentences[m.sentence]?.tokens ?? [];
  const i = firstStartingAt(tokens, m.end);
  const next = (k: number) => tokens[i + k]?.text.toLowerCase() ?? '';
  let first = i - 1;
  while (first >= 0 && tokens[first]!.start >= m.start) first--;
  const prev = (k: number) => tokens[first - k]?.text.toLowerCase() ?? '';
  // "Citigroup shares fell", not "Ann Robinson shares some of the questions".
  if ((COMPANY_NOUNS_AFTER.has(next(0)) && (LEGAL_WORDS_AFTER.has(next(0)) || MARKET_MOVES.has(next(1)))) || (next(0) === 'chief' && next(1) === 'executive') || next(0) === 'ceo') company++;
  if ((next(0) === "'s" || next(0) === '’s') && COMPANY_NOUNS_OWNED.has(next(1))) company++;
  if (next(0) === ',' && next(1) === 'which') company++;
  if (next(0) === ',' && next(1) === 'who') person++;
  if (next(1) === 'its' || next(2) === 'itself' || next(1) === 'itself' || next(3) === 'itself') company++;
  if ((prev(0) === 'of' || prev(0) === 'in') && (prev(1) === 'shares' || prev(1) === 'stock' || prev(1) === 'stake')) company++;
  if (COMPANY_HEADS.has(prev(0)) || (prev(0) === 'the' && COMPANY_HEADS.has(next(0)))) company++;
  // An appositive: "X, the two mortgage-lending companies," ("X and Y, the …" counts for Y only).
  if (next(0) === ',' && (next(1) === 'the' || next(1) === 'a' || next(1) === 'an')) {
    for (let k = 2; k < 7; k++) {
      const w = next(k);
      // the appositive's head: "…, the two mortgage-lending companies," (not "…, a whistle-blower on bank fraud")
      if (COMPANY_HEADS.has(w) && /^([,.;:)]|-RRB-|that|which|whose|based|with|in)?$/i.test(next(k + 1))) {
        company++;
        break;
      }
      // "Deborah Hargreaves, the Guardian's head of business": the owner's noun is someone's job
      if (!w || /^[,.;:]$/.test(w) || /^('s|’s|on|of|for|to|by|from|with)$/.test(w)) break;
    }
  }
  if (m.role) person++;
  if (/^(mr|mrs|ms|dr|sen|rep|gov|gen|rev|sir)\.?$/.test(prev(0))) person++;
  for (let k = 0; k < 3; k++) {
    const w = next(k);
    if (w === 'he' || w === 'she' || w === 'his' || w === 'her') {
      person++;
      break;
    }
  }
  if (PRODUCT_HEADS.has(prev(0))) thing++;
  // "the Exxon Valdez spill", "the Piper Alpha disaster": a ship, rig or event's name, not a person's.
  if (EVENT_NOUNS_AFTER.has(next(0)) || (next(0) === 'oil' && EVENT_NOUNS_AFTER.has(next(1)))) thing++;
  // "the fact that he is Luo ,": a name after "he is" (not "if I were Obama ,"), closing the clause, says what someone is (a people, a faith), not who.
  if (/^(is|was|are)$/.test(prev(0)) && /^(he|she|they|i|we|you)$/.test(prev(1)) && /^([,.;:)]|-rrb-|and|but)?$/.test(next(0))) thing++;
  if ((prev(0) === 'on' || prev(0) === 'in' || prev(0) === 'at') && next(0) !== "'s" && next(0) !== '’s') place++;
  return { company, person, thing, place };
}

/** Nouns for organisations that stand right before one's name: "the environmental group Greenpeace", "the charity Oxfam". */
const ORGANIZATION_TYPE_BEFORE = new Set(
  'group groups company firm charity charities organisation organization organisations organizations agency network website site campaigners lobby watchdog union party'.split(' '),
);
/** People of an organisation named right after it: "Greenpeace campaigners", "a Greenpeace spokesman". */
const MEMBERS_AFTER = new Set('spokesman spokeswoman spokesperson campaigner campaigners protesters protester activists'.split(' '));

/** The first token starting at or after `at` (binary search: comment threads make sentences of thousands of tokens). */
/**
 * Whether a name the tagger calls a place reads as an organisation here ("the campaign group
 * Greenpeace", "Greenpeace campaigners"), and whether it stands where places do ("in Haiti").
 */
export function placeNameUse(text: string, m: EntityMention, sentences: Sentence[]): { organization: boolean; place: boolean; notCompany: boolean } {
  const tokens = sentences[m.sentence]?.tokens ?? [];
  const i = firstStartingAt(tokens, m.end);
  let first = i - 1;
  while (first >= 0 && tokens[first]!.start >= m.start) first--;
  const prev = tokens[first]?.text.toLowerCase() ?? '';
  const next = tokens[i]?.text.toLowerCase() ?? '';
  return {
    organization: ORGANIZATION_TYPE_BEFORE.has(prev) || MEMBERS_AFTER.has(next),
    place: /^(in|into|near|across|off|from|outside|inside|around|throughout)$/.test(prev),
    // (an organisation that is no company: "company" and "firm" are also what texts call a product's maker, "pharmaceutical company Tamiflu")
    notCompany: (ORGANIZATION_TYPE_BEFORE.has(prev) && prev !== 'company' && prev !== 'firm') || MEMBERS_AFTER.has(next),
  };
}

/** What a name's last word says of a company: 2 for "… Brothers", "… Inc.", 1 for "… Mae", 0 otherwise or for one word. */
export function companyEnding(name: string): number {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return 0;
  const last = words[words.length - 1]!.toLowerCase();
  return COMPANY_LAST_WORDS.has(last) ? 2 : AGENCY_NICKNAME_ENDINGS.has(last) ? 1 : 0;
}

export interface Evidence {
  company: number;
  person: number;
  /** "the antiviral drug Tamiflu": a product, not a person. */
  thing: number;
  /** "on Capitol Hill", "in X": where things happen. */
  place: number;
}

/** Nouns a ship's, rig's or disaster's name stands before: "the Exxon Valdez spill", "the Exxon Valdez tanker". */
const EVENT_NOUNS_AFTER = new Set(
  'spill spills disaster disasters tanker tankers supertanker accident incident catastrophe tragedy explosion blowout rig platform vessel sinking wreck carrier warship destroyer frigate cutter freighter'.split(' '),
);

/** Prefixes of ships' names: "USS Carl Vinson", "HMS Ocean". */
const SHIP_PREFIX = /(?:^|[^\p{L}])(?:USS|USNS|USCGC|HMS|HMCS|RMS|RFA|MV|RV)\s+$/u;

/** Whether a mention is a ship's name by its prefix or by the vessel or event noun after it ("USS Carl Vinson", "the Torrey Canyon supertanker"). */
export function shipOrEventName(text: string, m: { start: number; end: number }): boolean {
  return SHIP_PREFIX.test(text.slice(Math.max(0, m.start - 8), m.start)) || eventOrVesselUse(text, m);
}

/** Whether a mention names a ship, rig or event by the noun after it: "[Exxon Valdez] spill", "[Exxon Valdez] oil tanker". */
export function eventOrVesselUse(text: string, m: { end: number }): boolean {
  const after = LOWER_WORD_AFTER.exec(text.slice(m.end, m.end + 30));
  return !!after && EVENT_NOUNS_AFTER.has(after[1]!);
}

/** Common nouns for products, standing right before their name: "the drug Tamiflu", "the vaccine Pandemrix". */
const PRODUCT_HEADS = new Set('drug drugs vaccine vaccines medicine medicines medication medications antiviral antivirals pill pills brand product products device treatment'.split(' '));

/** Whether an ALL-CAPS name should be shown in title case: "SARAH PALIN" → "Sarah Palin"; not "CDC", "AIG FP". */
export function shouting(name: string): boolean {
  const long = name.split(/\s+/).map((w) => w.replace(/[^\p{L}]/gu, '')).filter((w) => w.length >= 4);
  return long.length > 0 && long.every((w) => !HAS_LOWER.test(w)) && !TWO_LOWER.test(name.replace(/\b(of|for|and|the|de|la|du|von|van)\b/g, ''));
}

/** "SARAH PALIN" → "Sarah Palin", "HONG KONG" → "Hong Kong"; short all-capital words that may be acronyms stay. */
export function titleCase(name: string, keepShort: boolean): string {
  return name.replace(/\p{L}[\p{L}'’]*/gu, (w, at: number) =>
    at > 0 && /^(of|for|and|the|in|on|at|to|an?|by|de|la|du)$/i.test(w) ? w.toLowerCase() : keepShort && w.length <= 3 ? w : w[0] + w.slice(1).toLowerCase(),
  );
}

/** The nouns of place names built with "of": "Gulf of Mexico", "Bay of Biscay", "Isle of Man". */
export const PLACE_OF_HEADS = new Set('gulf bay sea straits strait isle isles island islands cape lake mount sound port republic kingdom city county district province state states commonwealth principality emirate'.split(' '));

/**
 * Whether two names the tagger gave apart, with only `connector` between them, make one name of a
 * known shape: a place or organisation noun before "of" ("Gulf of Mexico", "University of Texas",
 * "Bank of America", "Department of Energy"), an organisation noun before "for"/"on" ("Commission on
 * Oil Spill"), or one ending the whole after "and" with none before it ("National Oceanic and
 * Atmospheric Administration"; not "Britain and France", "Halliburton and Transocean").
 */
export function knownNameShape(left: string, connector: string, right: string): boolean {
  const leftWords = left.toLowerCase().replace(/^the\s+/, '').split(/\s+/);
  const rightWords = right.toLowerCase().split(/\s+/);
  const leftHead = leftWords[leftWords.length - 1]!;
  switch (connector) {
    case 'of':
      // ("BP Gulf" of Mexico: a company's unit, not the gulf)
      return (PLACE_OF_HEADS.has(leftHead) && leftWords.length === 1) || ORGANIZATION_HEADS.has(leftHead) || (rightWords.length === 1 && rightWords[0] === 'america' && leftWords.length <= 3);
    case 'for':
    case 'on':
      return ORGANIZATION_HEADS.has(leftHead);
    case 'and':
      // (not "Coast Guard and Bureau", "Sierra Club and The Wilderness Society")
      return rightWords.length >= 2 && rightWords[0] !== 'the' && ORGANIZATION_HEADS.has(rightWords[rightWords.length - 1]!) && !leftWords.some((w) => ORGANIZATION_HEADS.has(w));
    default:
      return false;
  }
}

/**
 * Names the tagger cut at a lower-case "of"/"and"/"for"/"on"/"de": "[Gulf] of [Mexico]", "[National
 * Oceanic] and [Atmospheric Administration]" become one mention when the whole has a known shape
 * (`knownNameShape`) or the tagger gives the whole as one name elsewhere in the text. People are
 * never joined ("Duke of [Edinburgh]" is left to the tagger). The right part leaves `mentions`;
 * returns the joined mentions.
 */
export function joinConnectedNames(text: string, mentions: EntityMention[]): EntityMention[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  let whole: Set<string> | null = null;
  const absorbed = new Set<EntityMention>();
  const joined: EntityMention[] = [];
  const standsAlone = (a: EntityMention) =>
    sorted.some((o) => o !== a && (o.text === a.text || (/\s/.test(o.text) && a.text.endsWith(' ' + o.text))) && !/^\s+and\s/.test(text.slice(o.end, o.end + 6)));
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    // "[Hope] For [Haiti]", "[Doctors] Without [Borders]": a connector written in title case inside a
    // sentence joins one title-cased name, whatever the tagger typed its parts (a person too): an
    // organisation when a part is one, else a thing (a campaign, an event).
    if (!absorbed.has(a) && a.sentence === b.sentence && b.start - a.end <= 9 && /^ (?:For|Without|Against|Of) $/.test(text.slice(a.end, b.start)) && STARTS_UPPER.test(b.text) && !/[.!?:]\s*$/.test(text.slice(Math.max(0, a.start - 3), a.start))) {
      a.label = a.label === 'ORG' || b.label === 'ORG' ? 'ORG' : 'MISC';
      a.end = b.end;
      a.text = text.slice(a.start, a.end);
      absorbed.add(b);
      joined.push(a);
      sorted[i + 1] = a;
      continue;
    }
    if (a.label === 'PER' || b.label === 'PER' || absorbed.has(a) || b.start - a.end > 6 || a.sentence !== b.sentence) continue;
    const gap = /^\s+(of|and|for|on|de)\s+$/.exec(text.slice(a.end, b.start));
    if (!gap || !STARTS_UPPER.test(a.text) || !STARTS_UPPER.test(b.text)) continue;
    whole ??= new Set(mentions.map((m) => m.text));
    // A left part the text names on its own elsewhere is a name of its own ("Coast Guard and Environmental Protection Agency").
    let ok = knownNameShape(a.text, gap[1]!, b.text) && !(gap[1] === 'and' && standsAlone(a));
    if (!ok) ok = whole.has(text.slice(a.start, b.end));
    if (!ok) continue;
    // An organisation noun ("University", "Department") makes an organisation; otherwise the left part's type ("Gulf" a place).
    const head = a.text.toLowerCase().split(/\s+/).pop()!;
    const tail = b.text.toLowerCase().split(/\s+/).pop()!;
    if (a.label !== 'ORG' && (ORGANIZATION_HEADS.has(head) || (gap[1] === 'and' && ORGANIZATION_HEADS.has(tail)))) a.label = 'ORG';
    a.end = b.end;
    a.text = text.slice(a.start, a.end);
    absorbed.add(b);
    joined.push(a);
    // "Department of Energy and Climate Change": the joined name may take the next part too.
    sorted[i + 1] = a;
  }
  if (absorbed.size > 0) for (let i = mentions.length - 1; i >= 0; i--) if (absorbed.has(mentions[i]!)) mentions.splice(i, 1);
  return joined;
}
