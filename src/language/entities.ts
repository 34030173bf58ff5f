// Canonical entities within a document: mentions grouped into one identity each, roles kept apart.
//
// People: multi-word names are grouped by surname + first name (or initial); a one-word mention
// ("Putin") joins the full name it shortens when only one person in the document carries it, or the
// most recently mentioned of them otherwise. Places and organisations: an alias table for common
// variants ("U.S.", "USA" → United States), in-document acronyms ("Organization for … (OSCE)"), and
// a majority vote over the types the tagger gave the same name. Roles ("Kremlin spokesman", "US
// Secretary of State") come from the words before a name or an appositive after it, and are kept
// on the mention (`role`) and on the entity (`roles`), never in the name.
import { createRequire } from 'node:module';
import { firstStartingAt } from '../text/spans.js';
import type { DocEntity, EntityMention, EntityType, NerLabel, Sentence, Token } from '../types.js';
import { ORGANIZATION_HEADS, PLACE_OF_HEADS, acronymsOf, companyEnding, companyEvidence, eventOrVesselUse, isAcronym, placeNameUse, shipOrEventName, joinConnectedNames, legalEnding, organizationKey, shouting, titleCase, truncatedOrganizationStart } from './entities-orgs.js';

// Patterns with \p{…} tested in loops, made once: tsx (esbuild) turns such a literal into `new RegExp(…)`,
// built and compiled again each time the line runs.
const STARTS_UPPER = /^\p{Lu}/u;
const TITLE_CASE_WORD = /^\p{Lu}\p{Ll}+$/u;
const HEAD_OF_NAME = /^(\p{Lu}\p{Ll}+) (?:of|for|on|de) \p{Lu}/u;
const ACRONYM_BEFORE_NAME = /^(\p{Lu}{2,5})\s+(?=\p{Lu}\p{Ll})/u;
const LOWER_CASE_WORD = /^\p{Ll}+$/u;
const CAPITALISED_WORD = /^\p{Lu}\p{Ll}[\p{L}'’-]*$/u;
const CAPITALISED_WORD_BEFORE = /(?:^|[^\p{L}\p{N}'’.-])(\p{Lu}[\p{L}-]*) $/u;
const CAPITALISED_WORD_AFTER = /^ (\p{Lu}[\p{L}-]*)(?![\p{L}\p{N}'’-])/u;
const TWO_NAMES_GLUED = /^(\S+\s+\S+.*?)\s+(?:and|&)\s+((?:\p{Lu}\S*\s+)*\p{Lu}\S*\s+(?:of\s+)?\p{Lu}\S*)$/u;
const MARKS = /\p{M}/gu;

const TYPE_OF: Record<NerLabel, EntityType> = { PER: 'person', ORG: 'organization', LOC: 'place', MISC: 'other' };

/** Common variant spellings of countries and organisations → [canonical name, type]. */
const ALIASES: Record<string, [string, EntityType]> = {};
function alias(canonical: string, type: EntityType, ...variants: string[]): void {
  for (const v of [canonical, ...variants]) ALIASES[normalizeName(v)] = [canonical, type];
}

/** The last word of a normalised surname: "al-Assad" → "assad", so "Mr. Assad" finds "Bashar al-Assad". */
function surnameKey(surname: string): string {
  const n = normalizeName(surname);
  return n.slice(n.lastIndexOf(' ') + 1);
}

/** Lower case, no diacritics, no periods or apostrophes, single spaces. */
export function normalizeName(name: string): string {
  let out = normalizedNames.get(name);
  if (out === undefined) {
    if (normalizedNames.size >= 50_000) normalizedNames.clear();
    normalizedNames.set(name, (out = normalizeUncached(name)));
  }
  return out;
}
// Names recur across mentions and articles; Unicode normalisation and four regexes cost ~1 µs.
const normalizedNames = new Map<string, string>();

function normalizeUncached(name: string): string {
  return name
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/[.'’`]/g, '')
    .replace(/[\s\-‐–—]+/g, ' ')
    .trim();
}

alias('United States', 'place', 'US', 'U.S.', 'U.S', 'USA', 'U.S.A.', 'United States of America', 'America', 'the United States', 'the US', 'the U.S.');
alias('United Kingdom', 'place', 'UK', 'U.K.', 'Britain', 'Great Britain', 'the United Kingdom', 'the UK');
alias('Russia', 'place', 'Russian Federation', 'the Russian Federation');
alias('Soviet Union', 'place', 'USSR', 'U.S.S.R.', 'the Soviet Union');
alias('China', 'place', "People's Republic of China", 'PRC');
alias('North Korea', 'place', 'DPRK', "Democratic People's Republic of Korea");
alias('South Korea', 'place', 'Republic of Korea', 'ROK');
alias('United Arab Emirates', 'place', 'UAE', 'U.A.E.');
alias('Czech Republic', 'place', 'Czechia');
alias('Netherlands', 'place', 'the Netherlands', 'Holland');
alias('Ukraine', 'place', 'the Ukraine');
alias('United Nations', 'organization', 'UN', 'U.N.', 'the UN', 'the U.N.', 'the United Nations');
alias('European Union', 'organization', 'EU', 'E.U.', 'the EU', 'the European Union');
alias('NATO', 'organization', 'Nato', 'North Atlantic Treaty Organization', 'North Atlantic Treaty Organisation', 'the North Atlantic Alliance');
alias('OSCE', 'organization', 'Organization for Security and Co-operation in Europe', 'Organization for Security and Cooperation in Europe', 'Organisation for Security and Co-operation in Europe');
alias('State Department', 'organization', 'US State Department', 'U.S. State Department', 'Department of State', 'US Department of State', 'U.S. Department of State');
alias('White House', 'organization', 'the White House');
alias('Kremlin', 'organization', 'the Kremlin');
alias('Pentagon', 'organization', 'the Pentagon');
alias('Downing Street', 'organization', '10 Downing Street', 'No. 10', 'Number 10');
alias('Elysee', 'organization', 'Elysée', 'Elysee Palace', 'Élysée Palace');
alias('World Health Organization', 'organization', 'WHO', 'World Health Organisation');
alias('International Monetary Fund', 'organization', 'IMF');
alias('Federal Bureau of Investigation', 'organization', 'FBI');
alias('Central Intelligence Agency', 'organization', 'CIA');
alias('Federal Reserve', 'organization', 'Fed', 'the Fed', 'US Federal Reserve', 'U.S. Federal Reserve');

/**
 * Seats of government that news text uses for the institution ("the Kremlin said"): CoNLL tags them
 * as places; Storyline treats them as organisations.
 */
const INSTITUTIONS = new Set(['kremlin', 'white house', 'pentagon', 'downing street', 'elysee', 'elysee palace', 'state department', 'quai dorsay', 'zhongnanhai', 'blue house']);

/** The label a mention should carry in an article: seats of government act as organisations. */
export function relabelInstitution(text: string, label: NerLabel): NerLabel {
  return label === 'LOC' && INSTITUTIONS.has(normalizeName(text.replace(/^the\s+/i, ''))) ? 'ORG' : label;
}

/** Head words of roles: a name preceded by one of these has a role. */
export const ROLE_HEADS = new Set(
  ('president vice-president premier minister secretary spokesman spokeswoman spokesperson spokespeople aide adviser advisor ' +
    'ambassador envoy chancellor senator sen. congressman congresswoman representative rep. governor gov. mayor general gen. ' +
    'chief head director leader chairman chairwoman chair ceo founder co-founder king queen prince princess emperor pope ' +
    'judge justice attorney prosecutor commander colonel col. lieutenant lt. captain capt. sergeant sgt. admiral adm. ' +
    'officer official diplomat negotiator counselor counsellor speaker lawmaker deputy treasurer economist analyst ' +
    'correspondent reporter editor coach manager executive strategist commissioner ombudsman sheikh emir prosecutor-general ' +
    'undersecretary under-secretary press-secretary dictator ruler monarch patriarch archbishop bishop cardinal rabbi imam ' +
    'professor candidate nominee ' +
    // British and wire style writes title abbreviations without a period: "Adm Thad Allen", "Gen David Petraeus".
    'adm gen sen gov rep col lt capt sgt cmdr cdr maj cpl pte pvt supt insp det rev rev. cmdr. maj. cpl. supt. insp. det.')
    .split(' '),
);
/** Words that may sit inside a role phrase: "Secretary of State", "Press Secretary of the President of Russia". */
const ROLE_INNER = new Set(
  ('of the for foreign defense defence state national security press deputy vice prime first acting former interim ' +
    'senior top chief general assistant special affairs interior finance economic economy trade justice homeland ' +
    'international public information health energy commerce treasury presidential federal executive military ' +
    'campaign party republican democratic democrat labour labor conservative liberal majority minority ranking senate house ' +
    'white managing associate medical science education transport transportation agriculture environment home communications ' +
    "policy legal chief-of-staff director-general secretary-general 's ’s - the " +
    // a journalist's beat: "BBC business editor", "economics correspondent"
    'business economics political politics science technology sports arts diplomatic world industry markets media').split(' '),
);
export const HONORIFICS = new Set('mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady mx mx. messrs messrs.'.split(' '));
const NOT_ROLE_START = new Set(
  ('on in at by with from to after before during as and but or while when said says told the a an his her their its our ' +
    'this that these those monday tuesday wednesday thursday friday saturday sunday earlier later meanwhile however also').split(' '),
);

function isCapitalized(t: string): boolean {
  return STARTS_UPPER.test(t);
}

/**
 * The role words right before a mention ("US Secretary of State"), or null. Capitalised words join
 * the role ("Nigerian Oil Minister", "Airbus Commercial Director"), but three or more that are no
 * role words, names, acronyms or organisation nouns (two from the text's start) make a headline
 * glued to the text ("Obama Says Economic Crisis Comes First President Obama"): no role. A word opening the sentence right before
 * the role word is left out ("Advertisement Senator Obama"); so is a title before the name ("WHO
 * chief Dr Margaret Chan" → "WHO chief").
 */
function roleBefore(tokens: Token[], first: number, text: string, mentionStarts: Set<number>, personAt: (offset: number) => boolean, nameAt: (offset: number) => boolean, opening = false): string | null {
  let last = first - 1;
  while (last >= 0 && last >= first - 2 && HONORIFICS.has(tokens[last]!.text.toLowerCase()) && tokens[last]!.text !== 'Lord') last--;
  let k = last;
  let head = -1;
  let unknown = 0;
  const known = (w: string, at: number) =>
    ROLE_INNER.has(w.toLowerCase()) || nameAt(at) || (/^\p{Lu}{2,5}$/u.test(w) && !BRACKET_TOKENS.has(w)) || (isCapitalized(w) && !!ALIASES[normalizeName(w)]) || (isCapitalized(w) && ORGANIZATION_HEADS.has(w.toLowerCase()));
  while (k >= 0 && last - k <= 7) {
    const w = tokens[k]!.text;
    if (personAt(tokens[k]!.start)) break;
    if ((w === "'s" || w === '’s') && head >= 0 && k > 0 && personAt(tokens[k - 1]!.start)) {
      // "Putin's aide": the owner is part of the role.
      k--;
      while (k > 0 && personAt(tokens[k - 1]!.start) && tokens[k - 1]!.end >= tokens[k]!.start - 1) k--;
      k--;
      break;
    }
    const lw = w.toLowerCase();
    if (BRACKET_TOKENS.has(w)) break;
    if (ROLE_HEADS.has(lw)) {
      if (head < 0) head = k;
    } else if (known(w, tokens[k]!.start) || (!isCapitalized(w) && mentionStarts.has(tokens[k]!.start))) {
      // part of the role
    } else if (isCapitalized(w) && !NOT_ROLE_START.has(lw)) {
      unknown++;
    } else break;
    k--;
  }
  if (head < 0 || unknown >= 3) return null;
  // "Robert Peston BBC business editor Tony Hayward said": a byline glued to the text; the role,
  // opening with an acronym right after a full name, is that name's.
  if (k >= 0 && personAt(tokens[k]!.start) && /^\p{Lu}{2,5}$/u.test(tokens[k + 1]?.text ?? '') && !ROLE_HEADS.has(tokens[k + 1]!.text.toLowerCase()) && k > 0 && personAt(tokens[k - 1]!.start) && tokens[k - 1]!.end + 1 >= tokens[k]!.start) return null;
  // A run from the start of the text's first sentence (a headline running into the body): two are enough.
  if (unknown === 2 && opening && k < capitalisedRunLength(tokens, personAt)) return null;
  let start = k + 1;
  // "Impacts of President Obama": what stands before "of" right before the role word is no part of the role.
  if (head > start && tokens[head - 1]!.text.toLowerCase() === 'of') start = head;
  // "top spill response official - Coast Guard commander Admiral Thad Allen": a dash between words ends the role before it.
  for (let i = last - 1; i > start; i--) {
    if (/^(-|--|–|—)$/.test(tokens[i]!.text) && text[tokens[i]!.start - 1] === ' ') {
      start = i + 1;
      break;
    }
  }
  // Trim function words at the left edge ("of", "the", "'s" without an owner).
  while (start <= last && (NOT_ROLE_START.has(tokens[start]!.text.toLowerCase()) || /^(of|for|and|-|'s|’s)$/i.test(tokens[start]!.text))) start++;
  // "Advertisement Senator": a sentence's first word, no role word or name, right before the role word.
  if (start === 0 && start < last && ROLE_HEADS.has(tokens[1]!.text.toLowerCase()) && !ROLE_HEADS.has(tokens[0]!.text.toLowerCase()) && !known(tokens[0]!.text, tokens[0]!.start)) start++;
  if (start > last) return null;
  // "the captain of the Deepwater Horizon", "a spokesman for Transocean": the name is what the role is of, not who holds it.
  if (/^(of|for|the|a|an|at|to|with|from|by|on|in|and)$/i.test(tokens[last]!.text)) return null;
  const role = text.slice(tokens[start]!.start, tokens[last]!.end).trim();
  return role || null;
}
/**
 * How many tokens from a sentence's start are capitalised or inside a person's name, worked out
 * once per sentence (roleBefore asks for every person the sentence names: a long shouted first
 * sentence made that quadratic).
 */
const capitalisedRuns = new WeakMap<Token[], number>();
function capitalisedRunLength(tokens: Token[], personAt: (offset: number) => boolean): number {
  let n = capitalisedRuns.get(tokens);
  if (n === undefined) {
    n = 0;
    while (n < tokens.length && (personAt(tokens[n]!.start) || isCapitalized(tokens[n]!.text))) n++;
    capitalisedRuns.set(tokens, n);
  }
  return n;
}

/** Whether an offset falls inside one of `spans` (sorted by start): a binary search over the furthest end so far. */
function spanCover(spans: { start: number; end: number }[]): (offset: number) => boolean {
  const reachEnd: number[] = [];
  for (const m of spans) reachEnd.push(Math.max(m.end, reachEnd[reachEnd.length - 1] ?? -Infinity));
  return (offset: number) => {
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid]!.start <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && offset < reachEnd[lo - 1]!;
  };
}
/** Penn Treebank bracket tokens ("-LRB-" splits into "-", "LRB", "-"). */
const BRACKET_TOKENS = new Set(['LRB', 'RRB', 'LSB', 'RSB', 'LCB', 'RCB']);

/** An appositive role after a mention: "Dmitry Peskov, the Kremlin spokesman, said". */
function roleAfter(tokens: Token[], last: number, text: string, personAt: (offset: number) => boolean): string | null {
  if (tokens[last + 1]?.text !== ',') return null;
  let k = last + 2;
  if (/^(the|a|an)$/i.test(tokens[k]?.text ?? '')) k++;
  const start = k;
  let head = -1;
  while (k < tokens.length && k - start < 8) {
    if (personAt(tokens[k]!.start)) return null;
    const lw = tokens[k]!.text.toLowerCase();
    if (ROLE_HEADS.has(lw)) head = k;
    else if (!(ROLE_INNER.has(lw) || isCapitalized(tokens[k]!.text))) break;
    k++;
  }
  if (head < 0) return null;
  // The appositive must close here: a comma, the end of the sentence or a speech verb.
  const end = tokens[k]?.text;
  if (end !== undefined && !/^[,.;:]$/.test(end) && !/^(said|says|told|added|warned)$/i.test(end)) return null;
  return text.slice(tokens[start]!.start, tokens[k - 1]!.end);
}

interface PersonName {
  first: string | null;
  last: string;
  full: string;
  tokens: string[];
  /** "Jr.", "Sr.", "II": father and son are two people. */
  suffix: string | null;
}

function personName(surface: string): PersonName | null {
  const tokens = surface
    .split(/\s+/)
    .filter((t) => t && !HONORIFICS.has(t.toLowerCase()))
    .map((t) => t.replace(/[.,]+$/, (m) => (t.length <= 2 || /^(\p{Lu}\.)+$/u.test(t) ? m.replace(/,/g, '') : '')));
  // A trailing generational suffix is no surname, but it is part of the name.
  const isSuffix = (t: string, i: number) => i > 0 && /^(jr\.?|sr\.?|ii|iii|iv)$/i.test(t);
  const core = tokens.filter((t, i) => !isSuffix(t, i));
  if (core.length === 0) return null;
  const last = core[core.length - 1]!;
  const found = tokens.find(isSuffix);
  const suffix = found ? found.replace(/^(jr|sr)$/i, '$1.') : null;
  const full = suffix && core.length > 1 ? `${core.join(' ')} ${suffix}` : core.join(' ');
  return { first: core.length > 1 ? core[0]! : null, last, full, tokens: core, suffix };
}

/**
 * Whether two full names of one surname and first name may be one person: their middle names or
 * initials agree where both give them ("George W. Bush" is not "George H.W. Bush") and so do their
 * generational suffixes ("Jr." is not "Sr.").
 */
function compatibleNames(a: PersonName, b: PersonName): boolean {
  const middle = (n: PersonName) =>
    n.tokens.slice(1, -1).flatMap((t) => {
      const m = normalizeName(t);
      return /^[b-df-hj-np-tv-z]{2,3}$/.test(m) || /^(\p{Lu}\.?){2,3}$/u.test(t) ? [...m] : [m];
    });
  const ma = middle(a);
  const mb = middle(b);
  if (ma.length > 0 && mb.length > 0 && !(ma.length === mb.length && ma.every((x, i) => sameOrInitial(x, mb[i]!)))) return false;
  const sa = a.suffix ? normalizeName(a.suffix) : null;
  const sb = b.suffix ? normalizeName(b.suffix) : null;
  return !(sa && sb && sa !== sb);
}

function sameFirst(a: string, b: string): boolean {
  const na = normalizeName(a);
  const nb = normalizeName(b);
  if (na === nb) return true;
  // "J." vs "Joe", "Vladimir" vs "Vladimir V."
  if (na.length === 1 || nb.length === 1) return na[0] === nb[0];
  return false;
}

interface Group {
  type: EntityType;
  name: string;
  mentions: EntityMention[];
  person?: PersonName;
  lastSeen: number;
  /** The name part of the entity key when it is not the normalised name: an organisation's acronym or spelling-neutral name. */
  keyName?: string;
}

export interface ResolveOptions {
  /** Surface forms → [canonical, type] to use in addition to the built-in alias table. */
  aliases?: Record<string, [string, EntityType]>;
}

/** Groups mentions into document entities; sets `entityKey` and `role` on the mentions. */
export function resolveEntities(text: string, sentences: Sentence[], mentions: EntityMention[], options: ResolveOptions = {}): DocEntity[] {
  const aliasMemo = new Map<string, [string, EntityType] | undefined>();
  const aliasOf = (surface: string): [string, EntityType] | undefined => {
    if (aliasMemo.has(surface)) return aliasMemo.get(surface);
    const n = normalizeName(surface.replace(/^the\s+/i, ''));
    const found = options.aliases?.[n] ?? ALIASES[n];
    aliasMemo.set(surface, found);
    return found;
  };
  trimLeadingFurniture(text, mentions);
  trimGluedWords(text, sentences, mentions);
  splitAcronymBeforePerson(mentions);
  for (const m of mentions) {
    if (m.label !== 'PER') continue;
    // "Ken Griffey Jr.": the tagger leaves the generation out of the name; father and son are two people.
    const generation = /^,?\s+(?:(?:Jr|Sr)\b\.?|(?:II|III|IV)\b)/.exec(text.slice(m.end, m.end + 6));
    if (generation && !mentions.some((o) => o !== m && o.start >= m.end && o.start < m.end + generation[0].length)) {
      m.end += generation[0].length;
      m.text = text.slice(m.start, m.end);
    }
  }
  completeCutNames(text, mentions);
  completeAtOrganizationHead(text, mentions);
  joinCutOrganizations(text, mentions);
  joinConnectedNames(text, mentions);
  placesNamedAfterPeople(text, mentions);
  namedStormsAndDeities(text, mentions);
  diseasesAndDrugs(text, mentions);
  joinCutPersonNames(text, mentions);
  const mentionStarts = new Set<number>();
  for (const m of mentions) mentionStarts.add(m.start);
  const sorted = [...mentions].sort((a, b) => a.start - b.start);

  // Roles.
  const personAt = spanCover(sorted.filter((m) => m.label === 'PER'));
  const nameAt = spanCover(sorted.filter((m) => m.label !== 'PER'));
  for (const m of sorted) {
    if (m.label !== 'PER') continue;
    const s = sentences[m.sentence];
    if (!s) continue;
    const first = firstTokenFrom(s.tokens, m.start);
    let last = first;
    while (last + 1 < s.tokens.length && s.tokens[last + 1]!.end <= m.end) last++;
    if (first < 0) continue;
    const role = roleBefore(s.tokens, first, text, mentionStarts, personAt, nameAt, m.sentence === 0) ?? roleAfter(s.tokens, last, text, personAt);
    if (role) m.role = role;
  }

  peopleTypedOtherwise(text, sentences, sorted, mentionStarts, personAt, nameAt, aliasOf);

  // "Hunter Biden" tagged as a place when another Biden is a person: a first name + known surname is a person.
  // Not "Wisconsin Trump rally": a first word the text names as a place on its own.
  const knownSurnames = new Set(sorted.filter((m) => m.label === 'PER').map((m) => normalizeName(m.text).split(' ').pop()!));
  const otherWords = new Set(sorted.filter((m) => m.label === 'LOC' && !multiWord(m.text)).map((m) => m.text));
  for (const m of sorted) {
    if (m.label === 'PER') continue;
    const parts = m.text.trim().split(/\s+/);
    if (parts.length >= 2 && parts.length <= 3 && parts.every((p) => TITLE_CASE_WORD.test(p)) && knownSurnames.has(normalizeName(parts[parts.length - 1]!)) && !aliasOf(m.text) && !otherWords.has(parts[0]!)) {
      m.label = 'PER';
    }
  }

  // one-word mentions of a thing's name the tagger called a person ("the Horizon" of the Deepwater Horizon rig)
  const thingWordMentions = new Set<EntityMention>();
  relabelCompanies(text, sentences, sorted, (t) => !!aliasOf(t), thingWordMentions);

  // People: full names first, so one-word mentions anywhere in the text can find them.
  const people: Group[] = [];
  // normalised surname and first name of each person group (a group's name changes only to one with the same surname)
  const lastKeys = new Map<Group, string>();
  const firstKeys = new Map<Group, string | null>();
  const lastKey = (g: Group) => {
    let k = lastKeys.get(g);
    if (k === undefined) lastKeys.set(g, (k = surnameKey(g.person!.last)));
    return k;
  };
  const singles: { m: EntityMention; name: PersonName; order: number }[] = [];
  // "Iain and Dawn Askham", "Bill and Hillary Clinton": a first name alone before "and" and a full
  // name shares its surname.
  // (not "Mr. Obama and Hillary Clinton": no title before it, and no surname of the text's full names)
  const perStarts = new Map<number, EntityMention>();
  const fullNameEnds = new Set<string>();
  for (const m of sorted) {
    if (m.label !== 'PER') continue;
    perStarts.set(m.start, m);
    if (multiWord(m.text)) fullNameEnds.add(m.text.slice(m.text.lastIndexOf(' ') + 1));
  }
  const coordinatedName = (m: EntityMention): PersonName | null => {
    if (multiWord(m.text) || m.role || fullNameEnds.has(m.text) || firstNameGender(m.text) === null || honorificGender(text, m) !== null) return null;
    const and = /^\s+(?:and|&)\s+/.exec(text.slice(m.end, m.end + 8));
    const next = and && perStarts.get(m.end + and[0].length);
    if (!next) return null;
    const words = next.text.split(/\s+/);
    if (words.length < 2 || words.length > 3 || firstNameGender(words[0]!) === null) return null;
    return personName(`${m.text} ${words[words.length - 1]}`);
  };
  sorted.forEach((m, order) => {
    if (m.label !== 'PER') return;
    const name = coordinatedName(m) ?? personName(m.text);
    if (!name) return;
    if (name.first === null) {
      singles.push({ m, name, order });
      return;
    }
    const last = surnameKey(name.last);
    const match = people.find((g) => lastKey(g) === last && g.person!.first !== null && sameFirst(g.person!.first, name.first!) && compatibleNames(g.person!, name));
    if (match) {
      match.mentions.push(m);
      const longer = name.tokens.length > match.person!.tokens.length || (name.tokens.length === match.person!.tokens.length && name.suffix && !match.person!.suffix);
      if (longer && !/^\p{Lu}\.?$/u.test(name.first!)) {
        match.person = name;
        match.name = name.full;
      }
      match.lastSeen = order;
    } else people.push({ type: 'person', name: name.full, mentions: [m], person: name, lastSeen: order });
  });

  // "the Gulf" in a text that names the "Gulf of Mexico" (and no other gulf): the "X of Y" name it
  // begins, the one most of the text's such names are (a glued "Gulf of Mexico photograph" once is no other gulf).
  let shortOf: Map<string, string | null> | null = null;
  const shortOfName = (name: string): string | undefined => {
    if (multiWord(name)) return undefined;
    if (!shortOf) {
      const uses = new Map<string, Map<string, number>>();
      for (const m of sorted) {
        if (m.label === 'PER') continue;
        const of = HEAD_OF_NAME.exec(m.text);
        if (!of) continue;
        const byName = uses.get(of[1]!) ?? new Map<string, number>();
        byName.set(m.text, (byName.get(m.text) ?? 0) + 1);
        uses.set(of[1]!, byName);
      }
      shortOf = new Map();
      for (const [head, byName] of uses) {
        const total = [...byName.values()].reduce((a, b) => a + b, 0);
        const [top, n] = [...byName].sort((a, b) => b[1] - a[1])[0]!;
        shortOf.set(head, 3 * n >= 2 * total ? top : null);
      }
      // "Persian Gulf" also named: "Gulf" alone is no one name.
      if (shortOf.size > 0) {
        for (const m of sorted) {
          if (!multiWord(m.text) || m.label === 'PER') continue;
          const last = m.text.split(/\s+/).pop()!;
          if (shortOf.has(last) && !m.text.startsWith(last + ' ')) shortOf.set(last, null);
        }
      }
    }
    return shortOf.get(name) ?? undefined;
  };

  // Everything else, plus one-word person mentions that match no full name.
  const others = new Map<string, Group>();
  const groupFor = (key: string, name: string, type: EntityType) => {
    let g = others.get(key);
    if (!g) others.set(key, (g = { type, name, mentions: [], lastSeen: 0 }));
    return g;
  };
  const firstKey = (g: Group) => {
    let k = firstKeys.get(g);
    if (k === undefined) firstKeys.set(g, (k = g.person!.first === null ? null : normalizeName(g.person!.first)));
    return k;
  };
  const byLast = (word: string) => {
    const key = surnameKey(word);
    return people.filter((g) => lastKey(g) === key);
  };
  const byFirst = (word: string) => {
    const key = normalizeName(word);
    return people.filter((g) => g.person!.first !== null && firstKey(g) === key);
  };
  const personByFullName = new Map<string, Group>();
  for (const g of people) for (const m of g.mentions) personByFullName.set(normalizeName(m.text), g);
  // What the text says about each full-name person, before one-word mentions join them.
  const fullMentions = new Map<Group, EntityMention[]>();
  for (const g of people) fullMentions.set(g, [...g.mentions]);
  const profiles = new Map<Group, PersonProfile>();
  const profileOf = (g: Group): PersonProfile => {
    let p = profiles.get(g);
    if (!p) profiles.set(g, (p = personProfile(g.person!, fullMentions.get(g)!, text, sentences)));
    return p;
  };
  // The gender the text gives each bare surname: titles ("Mrs. Clinton") and "…, she said" over all its uses.
  let surnameGenders: Map<string, Gender | null> | null = null;
  const surnameGender = (surname: string): Gender | null => {
    if (!surnameGenders) {
      const votes = new Map<string, { male: number; female: number }>();
      for (const o of sorted) {
        if (o.label !== 'PER') continue;
        const name = personName(o.text);
        if (!name || name.first !== null) continue;
        const g = honorificGender(text, o) ?? pronounGender(o, sentences, sorted);
        if (!g) continue;
        const key = surnameKey(name.last);
        const v = votes.get(key) ?? { male: 0, female: 0 };
        v[g]++;
        votes.set(key, v);
      }
      surnameGenders = new Map();
      for (const [key, v] of votes) {
        const total = v.male + v.female;
        surnameGenders.set(key, total >= 2 && v.male >= 3 * v.female ? 'male' : total >= 2 && v.female >= 3 * v.male ? 'female' : null);
      }
    }
    return surnameGenders.get(surname) ?? null;
  };
  const pickPerson = (candidates: Group[], m: EntityMention, word: string): Group | null => {
    if (candidates.length === 0) return null;
    const cue = honorificGender(text, m);
    if (candidates.length === 1) {
      // "Mr. Obama", or "Obama" in a text that calls him "Mr. Obama", is not the only Obama named in full, Michelle.
      const gender = cue ?? surnameGender(surnameKey(word));
      const profile = profileOf(candidates[0]!);
      return gender && profile.genderSure && profile.gender === opposite(gender) ? null : candidates[0]!;
    }
    return pickNamesake(candidates, m, cue, {
      profileOf,
      fullMentions: (g) => fullMentions.get(g)!,
      allMentions: (g) => g.mentions,
      surnameGender: () => surnameGender(surnameKey(word)),
      sentences,
      mentions: sorted,
    });
  };

  const personCues = new Map<string, boolean>();
  const personCued = (word: string): boolean => {
    const k = normalizeName(word);
    let cued = personCues.get(k);
    if (cued === undefined) {
      let company = 0;
      let person = 0;
      for (const o of sorted) {
        if (o.text !== word) continue;
        const e = companyEvidence(text, o, sentences);
        company += e.company;
        person += e.person;
      }
      personCues.set(k, (cued = person > company));
    }
    return cued;
  };
  // A one-word name the tagger calls a person at least as often as anything else is a person.
  const labelVotes = new Map<string, number>();
  for (const m of sorted) {
    if (multiWord(m.text)) continue;
    const k = normalizeName(m.text);
    labelVotes.set(k, (labelVotes.get(k) ?? 0) + (m.label === 'PER' ? 1 : -1));
  }
  const majorityOther = new Map<string, Map<NerLabel, number>>();
  for (const m of sorted) {
    if (m.label === 'PER' || multiWord(m.text)) continue;
    const k = normalizeName(m.text);
    const votes = majorityOther.get(k) ?? new Map<NerLabel, number>();
    votes.set(m.label, (votes.get(m.label) ?? 0) + 1);
    majorityOther.set(k, votes);
  }
  for (const m of sorted) {
    if (multiWord(m.text) || aliasOf(m.text)) continue;
    const k = normalizeName(m.text);
    if ((labelVotes.get(k) ?? -1) >= 0) m.label = 'PER';
    else if (m.label === 'PER') m.label = mostVoted(majorityOther.get(k)!);
  }

  for (const m of sorted) {
    if (m.label === 'PER') {
      const name = personName(m.text);
      if (!name || name.first !== null) continue;
      const g = pickPerson(byLast(name.last), m, name.last) ?? pickPerson(byFirst(name.last), m, name.last);
      if (g) g.mentions.push(m);
      else groupFor('person:' + normalizeName(name.last), name.last, 'person').mentions.push(m);
      continue;
    }
    // A one-word non-person mention that is the surname of a person named in the text is that
    // person, unless the tagger keeps calling the word something else ("Twitter" seven times an
    // organisation, once glued into "Wilayat Twitter").
    // So is one the text treats as a person more than as a company wherever it stands alone
    // ("Raines replied", "Raines's own account, he …"), however often the tagger calls it an organisation.
    if (!multiWord(m.text) && isCapitalized(m.text) && !aliasOf(m.text)) {
      const g = byLast(m.text);
      const cued = g.length > 0 && personCued(m.text);
      const person = g.length === 1 && (cued || -(labelVotes.get(normalizeName(m.text)) ?? 0) <= fullMentions.get(g[0]!)!.length) ? g[0]! : cued ? pickPerson(g, m, m.text) : null;
      if (person) {
        m.label = 'PER';
        person.mentions.push(m);
        continue;
      }
    }
    if (BRACKET_TOKENS.has(m.text)) continue;
    // A full name the text gives a person, tagged otherwise once ("President George W. Bush" as an organisation).
    if (multiWord(m.text)) {
      const person = personByFullName.get(normalizeName(m.text));
      if (person) {
        m.label = 'PER';
        person.mentions.push(m);
        continue;
      }
    }
    const known = aliasOf(m.text);
    let name = known ? known[0] : m.text.replace(/^the\s+/i, '').replace(/['’]s$/, '');
    if (!known) name = shortOfName(name) ?? name;
    if (!known && m.label === 'ORG') name = withoutPlacePrefix(name, aliasOf);
    // Group by name across types first; the type is decided by vote below.
    // ("Alabama AG", a place for the tagger, is the state's attorney general, not a company "Alabama AG")
    const key = known ? normalizeName(name) : m.label === 'LOC' && / AG$/.test(name) ? normalizeName(name) : organizationKey(normalizeName(name));
    const g = groupFor(key, name, known ? known[1] : TYPE_OF[m.label]);
    g.keyName ??= key;
    g.mentions.push(m);
  }

  // Words the text uses as places: a one-word "organisation" among them is no short company name.
  const placeWords = new Set(sorted.filter((m) => m.label === 'LOC').map((m) => normalizeName(m.text)));
  for (const g of others.values()) if (g.type === 'place') placeWords.add(normalizeName(g.name));
  mergeOrganizationVariants(text, others, aliasOf, placeWords);
  if (thingWordMentions.size > 0) joinThingWords(others, thingWordMentions);

  // Type by vote (alias-table entries keep theirs).
  for (const g of others.values()) {
    if (aliasOf(g.name) || g.type === 'person') continue;
    const votes = new Map<EntityType, number>();
    for (const m of g.mentions) votes.set(TYPE_OF[m.label], (votes.get(TYPE_OF[m.label]) ?? 0) + 1);
    g.type = mostVoted(votes);
  }

  const entities: DocEntity[] = [];
  for (const g of [...people, ...others.values()]) {
    if (g.mentions.length === 0) continue;
    g.mentions.sort((a, b) => a.start - b.start);
    g.name = displayName(g);
    const key = `${g.type}:${g.type === 'person' || !g.keyName ? normalizeName(g.name) : g.keyName}`;
    const aliases = [...new Set(g.mentions.map((m) => m.text))].filter((a) => a !== g.name);
    // A person's roles only: an organisation or place has none, whatever role a mention retyped from a person carried.
    const roles = g.type === 'person' ? [...new Set(g.mentions.map((m) => m.role).filter((r): r is string => !!r))] : [];
    for (const m of g.mentions) m.entityKey = key;
    entities.push({ key, name: g.name, type: g.type, aliases, roles, mentions: g.mentions });
  }
  // Same key from two groups (e.g. a one-word person group and a later full name) → merge.
  const merged = new Map<string, DocEntity>();
  for (const e of entities) {
    const prev = merged.get(e.key);
    if (!prev) merged.set(e.key, e);
    else {
      prev.mentions.push(...e.mentions);
      prev.mentions.sort((a, b) => a.start - b.start);
      prev.aliases = [...new Set([...prev.aliases, ...e.aliases])].filter((a) => a !== prev.name);
      prev.roles = [...new Set([...prev.roles, ...e.roles])];
    }
  }
  return [...merged.values()].sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
}

type AliasLookup = (surface: string) => [string, EntityType] | undefined;

/** Last words of place and organisation names, never of a person's: "Kent County", "Morgan City", "Jefferson Parish". */
const NOT_SURNAMES = new Set('city town village beach sea ocean coast state states republic kingdom isle mountains mountain valley hill hills park square street road avenue station airport port marina hospital church cathedral times post news herald tribune journal daily'.split(' '));

/** First words of place names that the first-name list also holds ("North Pole", "San Diego", "Royal London Hospitals"). */
const PLACE_NAME_OPENERS = new Set('north south east west northern southern eastern western central new old san santa saint st royal general grand great little upper lower fort port mount lake cape'.split(' '));

/**
 * "Kent Wells, senior vice president in BP's exploration", "BP executive Kent Wells said": a name of
 * two or three words opening with a first name, which the tagger calls a place, organisation or
 * thing (Kent and Wells are places), is the person the text says it is when its mentions have more
 * person cues (a role before it, an appositive role after it, "X, who", he/she right after) than
 * company, place or product cues. The cue must be the text's: a first name alone says nothing
 * ("North Sea", "Morgan Stanley", "Virginia Beach").
 */
function peopleTypedOtherwise(text: string, sentences: Sentence[], sorted: EntityMention[], mentionStarts: Set<number>, personAt: (offset: number) => boolean, nameAt: (offset: number) => boolean, known: AliasLookup): void {
  let votes: Map<string, { person: number; other: number; mentions: EntityMention[] }> | null = null;
  for (const m of sorted) {
    if (m.label === 'PER') continue;
    const words = m.text.split(' ');
    if (words.length < 2 || words.length > 3 || !words.every((w) => CAPITALISED_WORD.test(w))) continue;
    const last = words[words.length - 1]!.toLowerCase();
    if (firstNameGender(words[0]!) === null || PLACE_NAME_OPENERS.has(words[0]!.toLowerCase()) || NOT_SURNAMES.has(last) || FEATURE_WORDS.has(last) || ORGANIZATION_HEADS.has(last) || PLACE_OF_HEADS.has(last) || companyEnding(m.text) > 0 || known(m.text)) continue;
    const s = sentences[m.sentence];
    if (!s) continue;
    const first = firstTokenFrom(s.tokens, m.start);
    if (first < 0) continue;
    let lastToken = first;
    while (lastToken + 1 < s.tokens.length && s.tokens[lastToken + 1]!.end <= m.end) lastToken++;
    const role = roleBefore(s.tokens, first, text, mentionStarts, personAt, nameAt, m.sentence === 0) ?? appositiveRole(s.tokens, lastToken, personAt);
    const e = companyEvidence(text, m, sentences);
    votes ??= new Map();
    const k = normalizeName(m.text);
    const v = votes.get(k) ?? { person: 0, other: 0, mentions: [] };
    // (he/she after it or "X, who" say little of a name the tagger thought no person's: "told the
    // Houston Chronicle that he", "Merrill Lynch, who wants more details")
    // A place does not speak: "said Kent Wells.", "Kent Wells said" (an organisation does: "Morgan Stanley said").
    const speaks = m.label === 'LOC' && ((/^(said|says)$/.test(s.tokens[first - 1]?.text ?? '') && /^[.,;]$/.test(s.tokens[lastToken + 1]?.text ?? '.')) || /^(said|says)$/.test(s.tokens[lastToken + 1]?.text ?? ''));
    v.person += role || speaks ? 1 : 0;
    v.other += e.company + e.place + e.thing;
    v.mentions.push(m);
    votes.set(k, v);
  }
  if (!votes) return;
  for (const v of votes.values()) {
    if (v.person <= v.other) continue;
    for (const m of v.mentions) m.label = 'PER';
  }
}

/**
 * A role after a comma that need not close there: "Kent Wells, senior vice president in BP's
 * exploration", "Kent Wells, BP's senior vice president of exploration". Not a role that is the
 * subject of a speech verb: "in the North Sea, a spokesman said".
 */
function appositiveRole(tokens: Token[], last: number, personAt: (offset: number) => boolean): boolean {
  if (tokens[last + 1]?.text !== ',') return false;
  let k = last + 2;
  if (/^(the|a|an)$/i.test(tokens[k]?.text ?? '')) k++;
  const start = k;
  while (k < tokens.length && k - start < 7) {
    if (personAt(tokens[k]!.start)) return false;
    const lw = tokens[k]!.text.toLowerCase();
    if (ROLE_HEADS.has(lw)) {
      while (ROLE_HEADS.has(tokens[k + 1]?.text.toLowerCase() ?? '')) k++;
      // the title of a name after it ("…, Interior Minister Paul Antoine Bien-Aime", "…, Queen Mary College")
      const after = tokens[k + 1];
      if (after && (isCapitalized(after.text) || personAt(after.start))) return false;
      return !/^(said|says|say|told|added|warned|stated|explained|insisted|confirmed)$/i.test(after?.text ?? '');
    }
    // ("BP 's" of tokenised text is "'" and "s")
    if (!(ROLE_INNER.has(lw) || isCapitalized(tokens[k]!.text) || lw === "'" || (lw === 's' && tokens[k - 1]!.text === "'"))) return false;
    k++;
  }
  return false;
}

/** Last words of names that belong to a person's office or politics, not a company: "Bush Administration", "Clinton Foundation". */
const POLITICAL_NAME_ENDS = new Set('administration campaign camp government foundation library center centre institute doctrine presidency era team family cabinet'.split(' '));

/**
 * Companies the tagger calls people ("Fannie Mae said its shares fell"): a name whose mentions the
 * text treats as a company's more often than as a person's (see `companyEvidence`), or a name of
 * several words tagged an organisation more often than a person with nothing personal said of it,
 * becomes an organisation, and so do its first word's mentions on their own ("Fannie") when no
 * person is named with that word.
 */
function relabelCompanies(text: string, sentences: Sentence[], sorted: EntityMention[], known: (text: string) => boolean, thingWordMentions: Set<EntityMention>): void {
  // (vessel: a ship's prefix or a vessel or disaster noun after it, "USS Carl Vinson", "the Torrey Canyon supertanker")
  const tally = new Map<string, { company: number; person: number; thing: number; place: number; org: number; per: number; loc: number; vessel: number; orgCue: number; placed: boolean }>();
  const keys = new Map<EntityMention, string>();
  const keyOf = (m: EntityMention) => {
    let k = keys.get(m);
    if (k === undefined) keys.set(m, (k = organizationKey(normalizeName(m.text.replace(/^the\s+/i, '').replace(/['’]s$/, '')))));
    return k;
  };
  for (const m of sorted) {
    if (m.label === 'MISC') continue;
    const k = keyOf(m);
    let t = tally.get(k);
    if (!t) tally.set(k, (t = { company: 0, person: 0, thing: 0, place: 0, org: 0, per: 0, loc: 0, vessel: 0, orgCue: 0, placed: false }));
    if (m.label === 'PER') t.per++;
    else if (m.label === 'LOC') t.loc++;
    else t.org++;
  }
  // "General Motors" cut after its first word, a title: a one-word name every mention of which has
  // the same one-word "title" right before it is said nothing personal by that title.
  const gluedTitles = new Map<string, string | null>();
  for (const m of sorted) {
    if (m.label !== 'PER') continue;
    const k = keyOf(m);
    const glued = m.role && !k.includes(' ') && !/\s/.test(m.role) && text.slice(m.start - m.role.length - 1, m.start) === m.role + ' ' ? m.role : null;
    const seen = gluedTitles.get(k);
    gluedTitles.set(k, seen === undefined || seen === glued ? glued : null);
  }
  // What the text says of each name that was tagged a person or a place somewhere.
  let loneNames: Set<string> | null = null;
  for (const m of sorted) {
    if (m.label === 'MISC') continue;
    const t = tally.get(keyOf(m))!;
    if (t.per + t.loc === 0) continue;
    // A place's context says little ("Hong Kong shares fell"): only its own words count ("… Brothers"),
    // and the words of an organisation's type or members ("the campaign group Greenpeace", "Greenpeace
    // campaigners") for a name the text never writes where places stand ("in Haiti").
    const e = companyEvidence(text, m, sentences, m.label !== 'LOC');
    if (m.label === 'LOC') {
      const use = placeNameUse(text, m, sentences);
      if (use.place) t.placed = true;
      if (use.organization) t.orgCue++;
    }
    t.company += e.company;
    t.person += e.person - (m.label === 'PER' && gluedTitles.get(keyOf(m)) ? 1 : 0);
    t.thing += e.thing;
    t.place += e.place;
    if (m.label === 'PER' && shipOrEventName(text, m)) {
      t.vessel++;
      if (SHIP_BEFORE.test(text.slice(Math.max(0, m.start - 8), m.start))) t.thing++;
    }
    // "aboard the Deepwater Horizon": "the" right before a name of several words is no person's
    // ("the Rev Jesse Jackson", "the late John Smith" have a word between), unless the text names
    // someone by its last word alone ("the Dick Cheney school … Cheney said").
    if (m.label === 'PER' && /^the\s+$/i.test(text.slice(Math.max(0, m.start - 4), m.start)) && multiWord(m.text)) {
      loneNames ??= new Set(sorted.filter((o) => o.label === 'PER' && !multiWord(o.text)).map((o) => normalizeName(o.text)));
      if (!loneNames.has(normalizeName(m.text.slice(m.text.lastIndexOf(' ') + 1)))) t.thing++;
    }
  }
  for (const t of tally.values()) if (t.orgCue > 0 && !t.placed) t.company += t.orgCue;
  // Named in a list with organisations and no person: "Bear Stearns, Fannie Mae, Freddie Mac and now Lehman Brothers".
  for (let i = 0; i < sorted.length; i++) {
    const m = sorted[i]!;
    // A name of one word only beside a company of several ("Bank of America and Citigroup"; not
    // "Bernanke and Treasury Secretary Paulson", "Rush or Hannity").
    if (m.label !== 'PER') continue;
    const single = !multiWord(m.text);
    const neighbours = [sorted[i - 1], sorted[i + 1]].filter((o): o is EntityMention => !!o && o.sentence === m.sentence);
    // A comma lists only after an organisation: "Maggie Fox, Health and Science Editor" is an appositive.
    const listed = neighbours.filter((o) =>
      o.start < m.start ? /^\s*(,|and|&|or|, and|, or)\s*(now|also)?\s*$/.test(text.slice(o.end, m.start)) : /^\s*(and|&|or|, and|, or)\s*(now|also)?\s*$/.test(text.slice(m.end, o.start)),
    );
    if (listed.some((o) => o.label === 'ORG' && (!single || (multiWord(o.text) && !ROLE_HEADS.has(text.slice(o.end).match(/^\s*(\S+)/)?.[1]?.toLowerCase() ?? '')))) && !listed.some((o) => o.label === 'PER' && !tally.get(keyOf(o))?.company)) tally.get(keyOf(m))!.company++;
  }
  // A first name opening a name speaks for a person ("Bill Ayers", listed after "Acorn"), once per name.
  // (not a ship's: "USS Carl Vinson")
  for (const [k, t] of tally) if (t.per > 0 && t.vessel === 0 && k.includes(' ') && companyEnding(k) === 0 && firstNameGender(k.slice(0, k.indexOf(' '))) !== null) t.person++;
  // "Goldman" where the text names "Goldman Sachs": the first word of a company's name, with nothing personal said of it.
  const orgFirstWords = new Set<string>();
  for (const m of sorted) {
    if (m.label !== 'ORG' || !multiWord(m.text)) continue;
    const words = m.text.replace(/^the\s+/i, '').split(/\s+/);
    if (words.length >= 2 && words.every((w) => /^[\p{Lu}&]/u.test(w)) && !POLITICAL_NAME_ENDS.has(words[words.length - 1]!.toLowerCase())) orgFirstWords.add(normalizeName(words[0]!));
  }
  // "General" is also the adjective opening company names (General Motors, General Electric, General
  // Mills): a name the text only ever writes after it, with nothing else personal said, is the company.
  const surnames = new Set<string>();
  for (const m of sorted) if (m.label === 'PER' && multiWord(m.text) && companyEnding(m.text) === 0) surnames.add(normalizeName(m.text).split(' ').pop()!);
  const generalCompany = (k: string, t: { person: number; company: number }) => gluedTitles.get(k) === 'General' && t.person === 0 && !surnames.has(k);
  const candidates = [...tally].filter(
    ([k, t]) =>
      generalCompany(k, t) ||
      (t.per + t.loc > 0 &&
      ((t.company > t.person && (t.company >= 2 || t.per + t.loc <= 2)) ||
        (k.includes(' ') && t.org > t.per && t.org > t.loc && t.person === 0) ||
        (!k.includes(' ') && t.person <= t.company && orgFirstWords.has(k)))),
  );
  // "the antiviral drug Tamiflu", "on Capitol Hill": only a name tagged a person each time, with
  // nothing personal said of it, and not opening with a first name ("on John McCain" stays his).
  const notPeople = new Map<string, NerLabel>();
  for (const [k, t] of tally) {
    // (a first name opening it says "person" unless the text names a ship or disaster by it: "the Torrey Canyon supertanker")
    if (t.per === 0 || t.org + t.loc > 0 || t.person > 0 || t.company > 0 || (firstNameGender(k.split(' ')[0]!) !== null && t.vessel === 0)) continue;
    if (t.thing > 0) notPeople.set(k, 'MISC');
    else if (t.place > 0 && k.includes(' ')) notPeople.set(k, 'LOC');
  }
  // "the Horizon" of a text about "the Deepwater Horizon rig": the last word of a thing's name (not
  // opening with a first name: "Rod Blagojevich" tagged a thing; not the first word: "Exxon" of the
  // "Exxon Valdez" is the company), tagged a person alone with nothing personal said of it.
  const thingWords = new Set<string>();
  const addThing = (k: string) => {
    if (k.includes(' ') && firstNameGender(k.slice(0, k.indexOf(' '))) === null) thingWords.add(k.slice(k.lastIndexOf(' ') + 1));
  };
  for (const [k, label] of notPeople) if (label === 'MISC') addThing(k);
  for (const m of sorted) if (m.label === 'MISC' && multiWord(m.text)) addThing(keyOf(m));
  if (thingWords.size > 0) {
    const fullNameWords = new Set<string>();
    for (const m of sorted) if (m.label === 'PER' && multiWord(m.text) && !notPeople.has(keyOf(m))) for (const w of normalizeName(m.text).split(' ')) fullNameWords.add(w);
    for (const w of thingWords) {
      const t = tally.get(w);
      if (!t || t.per === 0 || t.person > 0 || t.company > 0 || fullNameWords.has(w) || firstNameGender(w) !== null) continue;
      notPeople.set(w, 'MISC');
    }
  }
  if (notPeople.size > 0) {
    for (const m of sorted) {
      if (m.label !== 'PER' || known(m.text) || !notPeople.has(keyOf(m))) continue;
      m.label = notPeople.get(keyOf(m))!;
      if (thingWords.has(keyOf(m))) thingWordMentions.add(m);
    }
  }
  if (candidates.length === 0) return;
  // The words of people's full names: "Clinton" is Hillary Clinton's however "the Clinton campaign" reads.
  const personWords = new Set<string>();
  const candidateKeys = new Set(candidates.map(([k]) => k));
  for (const m of sorted) if (m.label === 'PER' && multiWord(m.text) && !candidateKeys.has(keyOf(m))) for (const w of normalizeName(m.text).split(' ')) personWords.add(w);
  const companies = new Set(candidates.map(([k]) => k).filter((k) => k.includes(' ') || !personWords.has(k)));
  const firstWords = new Set([...companies].filter((k) => k.includes(' ')).map((k) => k.slice(0, k.indexOf(' '))));
  for (const m of sorted) {
    if ((m.label !== 'PER' && m.label !== 'LOC') || known(m.text)) continue;
    const k = keyOf(m);
    if (!companies.has(k) && (k.includes(' ') || !firstWords.has(k) || personWords.has(k))) continue;
    m.label = 'ORG';
    // the title's word is the name's: "General Motors"
    const title = gluedTitles.get(k);
    if (title && m.role === title) {
      m.start -= title.length + 1;
      m.text = text.slice(m.start, m.end);
      delete m.role;
    }
  }
}

const SHIP_BEFORE = /(?:^|[^\p{L}])(?:USS|USNS|USCGC|HMS|HMCS|RMS|RFA|MV|RV)\s+$/u;

/** Last words of geographic names: "Prince William Sound", "Prince Edward Island", "King George Sound". */
const FEATURE_WORDS = new Set('sound bay peninsula strait straits channel canyon creek harbor harbour parish county island islands river lake'.split(' '));

/**
 * "Prince [William Sound]": a place named after a person, a title word before it, which the tagger
 * calls a person: the place, title included (no title word makes a person's name end in "Sound").
 */
function placesNamedAfterPeople(text: string, mentions: EntityMention[]): void {
  for (const m of mentions) {
    if (m.label !== 'PER' || !FEATURE_WORDS.has(m.text.slice(m.text.lastIndexOf(' ') + 1).toLowerCase()) || !/\s/.test(m.text)) continue;
    const title = /(?:^|[^\p{L}])((?:Prince|Princess|King|Queen|Saint|St\.?|Port|Cape|Lake|Mount|Fort)\s+)$/u.exec(text.slice(Math.max(0, m.start - 12), m.start));
    if (!title) continue;
    m.start -= title[1]!.length;
    m.text = text.slice(m.start, m.end);
    m.label = 'LOC';
  }
}

/**
 * "[Carl-Henric] [Svanberg]": a one-word person name, used once, right before one word the text
 * calls a person on its own elsewhere ("Svanberg said"), or a first name right before one word the
 * tagger gave another name's type (not a nationality's), is one name.
 */
function joinCutPersonNames(text: string, mentions: EntityMention[]): void {
  let people: Map<string, number> | null = null;
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const absorbed = new Set<EntityMention>();
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    if (a.label !== 'PER' || b.start !== a.end + 1 || text[a.end] !== ' ' || /\s/.test(a.text) || /\s/.test(b.text) || !/^\p{Lu}\p{Ll}/u.test(b.text)) continue;
    if (!people) {
      people = new Map();
      for (const m of mentions) if (m.label === 'PER') people.set(m.text, (people.get(m.text) ?? 0) + 1);
    }
    // (not two people side by side, "Obama Biden": the first word is a name of its own nowhere else)
    if (people.get(a.text)! > 1 || !(people.has(b.text) || (b.label !== 'MISC' && firstNameGender(a.text.split('-')[0]!) !== null))) continue;
    a.end = b.end;
    a.text = text.slice(a.start, a.end);
    absorbed.add(b);
    i++;
  }
  if (absorbed.size === 0) return;
  for (let i = mentions.length - 1; i >= 0; i--) if (absorbed.has(mentions[i]!)) mentions.splice(i, 1);
}

/**
 * "[Horizon] worker" beside "the Deepwater Horizon rig" elsewhere: a name the tagger cut, one
 * capitalised word left out before or after it, is the name the text gives whole elsewhere (its
 * type too): "Deepwater Horizon". Not a person's name (other rules join those), nor a function word
 * ("The Valdez").
 */
function completeCutNames(text: string, mentions: EntityMention[]): void {
  let whole: Map<string, NerLabel> | null = null;
  const taken = new Set<number>();
  for (const m of mentions) {
    if (!STARTS_UPPER.test(m.text)) continue;
    const before = CAPITALISED_WORD_BEFORE.exec(text.slice(Math.max(0, m.start - 30), m.start));
    const after = CAPITALISED_WORD_AFTER.exec(text.slice(m.end, m.end + 30));
    if (!before && !after) continue;
    if (!whole) {
      whole = new Map();
      for (const o of mentions) if (multiWord(o.text) && o.label !== 'PER') whole.set(o.text, o.label);
      for (const o of mentions) for (let at = o.start; at < o.end; at++) taken.add(at);
    }
    const word = (w: string | undefined) => !!w && !SENTENCE_WORDS.has(w.toLowerCase()) && !NOT_ROLE_START.has(w.toLowerCase()) && w.toLowerCase() !== 'all';
    const left = before && word(before[1]) ? `${before[1]} ${m.text}` : null;
    const right = after && word(after[1]) ? `${m.text} ${after[1]}` : null;
    if (left && whole.has(left) && !taken.has(m.start - 2)) {
      m.label = whole.get(left)!;
      m.start -= before![1]!.length + 1;
      m.text = left;
    } else if (right && whole.has(right) && !taken.has(m.end + 1)) {
      m.label = whole.get(right)!;
      m.end += after![1]!.length + 1;
      m.text = right;
    }
  }
}

/** An organisation's head word capitalised after a name: "[Imperial] College London". */
const HEAD_AFTER = /^ (\p{Lu}\p{Ll}+)(?: (\p{Lu}\p{Ll}+)(?![\p{L}\p{N}'’-]))?/u;
/** Heads that follow a nationality or a country as often as they end a name: "an American Company", "the Soviet Union". */
const GENERIC_HEADS = new Set(['group', 'union', 'company', 'corporation', 'services', 'service', 'office', 'division', 'unit']);

/**
 * A name the tagger cut before its organisation's head: "Dr Christopher Fraser from [Imperial]
 * College London" (a place for the tagger) is "Imperial College London", an organisation. The head
 * (college, university, institute, hospital…) is capitalised right after the mention and in no
 * mention itself; one more capitalised word that is no role and opens no sentence joins it (a place
 * ending the name: "London").
 */
function completeAtOrganizationHead(text: string, mentions: EntityMention[]): void {
  let taken: Set<number> | null = null;
  for (const m of mentions) {
    if (m.label === 'PER') continue;
    const after = HEAD_AFTER.exec(text.slice(m.end, m.end + 40));
    if (!after || !ORGANIZATION_HEADS.has(after[1]!.toLowerCase()) || GENERIC_HEADS.has(after[1]!.toLowerCase())) continue;
    if (!taken) {
      taken = new Set<number>();
      for (const o of mentions) taken.add(o.start);
    }
    if (taken.has(m.end + 1)) continue;
    const next = after[2];
    const more = next && !taken.has(m.end + 2 + after[1]!.length) && !ROLE_HEADS.has(next.toLowerCase()) && !SENTENCE_WORDS.has(next.toLowerCase()) && !NOT_ROLE_START.has(next.toLowerCase());
    m.end += 1 + after[1]!.length + (more ? 1 + next!.length : 0);
    m.text = text.slice(m.start, m.end);
    m.label = 'ORG';
  }
}

/** Names of God and of nations or nature personified, in news text (language, not data): the tagger calls them people. */
const DEITIES = new Set(['god', 'allah', 'jehovah', 'yahweh', 'almighty', 'holy spirit', 'holy ghost', 'lord god', 'god almighty', 'uncle sam', 'john bull', 'mother nature', 'lady liberty']);
/** The words that name a storm: "Hurricane Katrina", "Tropical Storm Alex", "tropical storm Alex". */
const STORM_WORDS = '(?:[Hh]urricane|[Tt]yphoon|[Cc]yclone|[Tt]ropical [Ss]torm|Storm|[Tt]ropical [Dd]epression)';
const STORM_BEFORE = new RegExp(`(?:^|[^\\p{L}])${STORM_WORDS}\\s+$`, 'u');
const STORM_PREFIX = new RegExp(`^${STORM_WORDS}\\s+(?=\\p{Lu})`, 'u');

/**
 * No people: a deity ("God", a person for the tagger in news of every kind), a personification
 * ("Uncle Sam") and a named storm ("Tropical Storm Alex", "Hurricane [Alex]", then "Alex" alone)
 * are things. A storm's name (one word) is kept without the storm words, so that "Hurricane
 * Katrina" and "Katrina" are one.
 */
function namedStormsAndDeities(text: string, mentions: EntityMention[]): void {
  let storms: Set<string> | null = null;
  for (const m of mentions) {
    if (DEITIES.has(normalizeName(m.text.replace(/^the\s+/i, '')))) {
      m.label = 'MISC';
      continue;
    }
    // (a storm's name is one word: not "Hurricane Katrina Relief Fund")
    const prefix = STORM_PREFIX.exec(m.text);
    if (prefix && !/\s/.test(m.text.slice(prefix[0].length))) {
      m.start += prefix[0].length;
      m.text = text.slice(m.start, m.end);
    } else if (prefix || /\s/.test(m.text) || !STORM_BEFORE.test(text.slice(Math.max(0, m.start - 28), m.start))) continue;
    m.label = 'MISC';
    (storms ??= new Set()).add(m.text);
  }
  if (storms) for (const m of mentions) if (storms.has(m.text)) m.label = 'MISC';
}

/** Words that make a name a disease's when it ends with one: "Swine Flu", "Spanish Flu", "SARS" (language, not data). */
const DISEASE_WORDS = new Set(
  ('flu influenza fever virus syndrome disease pox plague sars mers aids hiv ebola malaria cholera measles mumps polio ' +
    'tuberculosis pneumonia hepatitis smallpox dengue typhoid zika h1n1 h5n1 h7n9').split(' '),
);
/** After a name: it is a disease's or a drug's ("the SARS outbreak", "Relenza tablets"). */
const DISEASE_OR_DRUG_AFTER = /^\s*(?:-RRB-\s*|\)\s*)?(?:virus|viruses|outbreaks?|epidemics?|infections?|strains?|symptoms|tablets|pills)\b/i;
/** After a name: a product's maker ("Relenza , made by GlaxoSmithKline"), a drug's generic name. */
const PRODUCT_AFTER = /^\s*,?\s*(?:(?:made|manufactured|marketed|produced) by|known generically)\b/i;
/** A drug's generic name just before a brand in brackets: "zanamivir ( Relenza )" (the stems of international nonproprietary names). */
const GENERIC_NAME_BEFORE = /\b\p{Ll}{3,}(?:vir|mab|cillin|mycin|pril|sartan|olol|statin|azole|prazole|tinib)\s*(?:\(|-LRB-)\s*$/u;
/** Words of an institution's or a project's name, never a disease's: "Centers for Disease Control and Prevention". */
const NOT_A_DISEASE_WORDS = new Set('control prevention study test research programme program project information week day conference summit fund'.split(' '));
/** Before a name: "cases of", "died from", "infected with", "the antiviral drugs", "doses of the". */
const DISEASE_OR_DRUG_BEFORE =
  /\b(?:cases of|outbreaks? of|epidemic of|died (?:of|from)|dies (?:of|from)|infected with|suffering from|strain of|treated with|doses of|stockpiles? of|supplies of|antivirals?|(?:antiviral|flu|influenza|inhaled|generic|rival|alternative|experimental|two|both)\s+drugs?)\s*(?:,\s*)?(?:the\s+)?$/i;
/**
 * After a name those words do not make a thing's: a maker's possessive, or a noun the name modifies as a maker, a place
 * or a party ("stockpiles of Roche 's Tamiflu", "doses of Baxter vaccine", "infected with Mexico strain", "cases of Mexico
 * City residents", "suffering from Democratic control", "died from the Exxon Valdez spill").
 */
const MAKER_OR_PLACE_AFTER =
  /^\s*(?:['’]\s?s\b|(?:vaccines?|strains?|residents|citizens|officials|authorities|control|shares|stock|plants?|factor(?:y|ies)|facilit(?:y|ies)|workers|staff|employees|government|spill|disaster|rig|well|campaign|supporters|party)\b)/i;
/** Between two names of one list: "Tamiflu and Relenza", "bird flu , SARS". */
const LISTED_WITH = /^\s*(?:,|and|or|&|,\s*and)\s*$/;

/**
 * Diseases and drugs are things, not organisations or places: the tagger calls "SARS" and "Relenza"
 * organisations, "Swine Flu" an organisation or a person. A name is a disease's by its words (a
 * disease word last, and no word of an organisation's or project's name: not "World Influenza Centre",
 * "Centers for Disease Control and Prevention"), or a disease's or drug's by the words around one of its mentions ("the SARS
 * outbreak", "cases of Swine Flu", "the antiviral drugs Tamiflu", "doses of the Relenza", "Relenza ,
 * made by GlaxoSmithKline", "zanamivir ( Relenza )"), or by being listed with one, no person nor
 * place ("Tamiflu and Relenza"); then every mention of that name in the text is a thing.
 */
function diseasesAndDrugs(text: string, mentions: EntityMention[]): void {
  const things = new Set<string>();
  const nameOf = (m: EntityMention) => normalizeName(m.text.replace(/^the\s+/i, ''));
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  for (const m of sorted) {
    const words = nameOf(m).split(' ');
    if (words.some((w) => ORGANIZATION_HEADS.has(w) || NOT_A_DISEASE_WORDS.has(w))) continue;
    // (the disease word last: "Swine Flu", "Spanish Flu", "SARS"; no place or person is one by the
    // words after it: "the Mexico outbreak")
    const byWords = DISEASE_WORDS.has(words[words.length - 1]!);
    const after = text.slice(m.end, m.end + 24);
    const before = text.slice(Math.max(0, m.start - 30), m.start);
    const byContext = (m.label !== 'LOC' && m.label !== 'PER' && DISEASE_OR_DRUG_AFTER.test(after)) || PRODUCT_AFTER.test(after)
      || ((DISEASE_OR_DRUG_BEFORE.test(before) || GENERIC_NAME_BEFORE.test(before)) && !MAKER_OR_PLACE_AFTER.test(after));
    if (byWords || byContext) things.add(nameOf(m));
  }
  if (!things.size) return;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a.label === 'LOC' || b.label === 'LOC' || a.label === 'PER' || b.label === 'PER' || !LISTED_WITH.test(text.slice(a.end, b.start))) continue;
    if (things.has(nameOf(a))) things.add(nameOf(b));
    else if (things.has(nameOf(b))) things.add(nameOf(a));
  }
  for (const m of mentions) if (things.has(nameOf(m))) m.label = 'MISC';
}

/**
 * Organisation names the tagger cut in two or short on the left: "[US Centers] for [Disease
 * Control]", "Acting Centres for [Disease Control]" become one mention from the head noun ("US
 * Centers for Disease Control"); the left part leaves `mentions`.
 */
function joinCutOrganizations(text: string, mentions: EntityMention[]): void {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const absorbed = new Set<EntityMention>();
  for (let i = 0; i < sorted.length; i++) {
    const m = sorted[i]!;
    if (m.label !== 'ORG') continue;
    const start = truncatedOrganizationStart(text, m.start);
    if (start === null) continue;
    const prev = sorted[i - 1];
    if (prev && !absorbed.has(prev) && prev.end > start) {
      // The left part must be a name that ends with the head noun, not a person.
      if (prev.label === 'PER' || prev.end > m.start || prev.start > start) continue;
      m.start = prev.start;
      m.sentence = prev.sentence;
      absorbed.add(prev);
    } else m.start = start;
    m.text = text.slice(m.start, m.end);
  }
  if (absorbed.size === 0) return;
  for (let i = mentions.length - 1; i >= 0; i--) if (absorbed.has(mentions[i]!)) mentions.splice(i, 1);
}

/**
 * "U.S. Centers for Disease Control" → "Centers for Disease Control": a country of the alias table
 * in front of an organisation's name. Not any place: "Louisiana State University", "Korea Centres
 * for Disease Control" are names of their own.
 */
function withoutPlacePrefix(name: string, aliasOf: AliasLookup): string {
  const words = name.split(/\s+/);
  for (let n = Math.min(2, words.length - 2); n >= 1; n--) {
    const prefix = words.slice(0, n).join(' ');
    const rest = words.slice(n);
    if (!STARTS_UPPER.test(rest[0]!) || rest.filter((w) => STARTS_UPPER.test(w)).length < 2) continue;
    const alias = aliasOf(prefix);
    if (alias && (alias[1] === 'place' || isAcronym(prefix))) return rest.join(' ');
  }
  return name;
}

/** The organisations among a text's non-person groups: a group a tagger called an organisation at least once. */
function organizational(g: Group): boolean {
  return g.type !== 'person' && g.mentions.some((m) => m.label === 'ORG');
}

/**
 * One group per organisation: an acronym joins the long names it stands for (defined in brackets
 * after one of them, or their initials: "CDC" and "Centers for Disease Control and Prevention"),
 * and the entity's key is the acronym, so that texts giving only the acronym meet it; a long name
 * joins a longer one it begins with an "and …" tail; a one-word name the text never writes in
 * lower case joins the one company name it begins ("Lehman" → "Lehman Brothers").
 */
function mergeOrganizationVariants(text: string, others: Map<string, Group>, aliasOf: AliasLookup, placeWords: Set<string>): void {
  const merge = (into: Group, from: Group, fromKey: string) => {
    if (into === from) return;
    into.mentions.push(...from.mentions);
    others.delete(fromKey);
  };
  // Long names are worked out once; a merge only removes groups (`others.has` tells which are left).
  const allLong = [...others].filter(([, g]) => g.type !== 'person' && /\s/.test(g.name.trim()) && !isAcronym(g.name) && !aliasOf(g.name));
  const longNames = () => allLong.filter(([k]) => others.has(k));
  const size = (g: Group) => g.mentions.length;
  const better = (a: Group, b: Group) => (size(b) > size(a) || (size(b) === size(a) && b.name.length > a.name.length) ? b : a);

  // A long name and the same with an "and …" tail: "Centers for Disease Control (and Prevention)".
  const byName = new Map<string, [string, Group]>();
  for (const entry of longNames()) if (organizational(entry[1])) byName.set(normalizeName(entry[1].name), entry);
  for (const [nb, [keyB, b]] of byName) {
    for (const tail of nb.matchAll(/ (and|&) /g)) {
      const entry = byName.get(nb.slice(0, tail.index));
      if (!entry || entry[0] === keyB || !others.has(entry[0]) || !others.has(keyB) || nb.slice(0, tail.index).split(' ').length < 3) continue;
      const [keyA, a] = entry;
      const target = better(a, b);
      if (target === a) merge(a, b, keyB);
      else merge(b, a, keyA);
    }
  }

  const acronyms = [...others].filter(([, g]) => g.type !== 'person' && isAcronym(g.name) && !aliasOf(g.name));
  if (acronyms.length > 0) {
    // What each long name may be abbreviated to: defined in brackets after it, or its initials.
    const abbreviations = new Map<Group, { defined: Set<string>; initials: Set<string> }>();
    for (const [, g] of longNames()) {
      const defined = new Set<string>();
      const initials = new Set<string>();
      for (const m of g.mentions) {
        // "… Control (CDC)", also past a tail the tagger left out: "… CONTROL & PREVENTION -LRB- CDC -RRB-"
        const d = /^\s*(?:(?:and|&)\s+\p{Lu}\S*\s*)?(?:\(|-LRB-)\s*([^\s()]{2,12})\s*(?:\)|-RRB-)/iu.exec(text.slice(m.end, m.end + 40));
        // (a letter of it one of the name's initials: "Standard Alaska (BP)" names the owner, not an
        // acronym; "[Red Crescent Societies] (IFRC)", cut by the tagger, is one)
        if (d && m.text.split(/[\s-]+/).some((w) => !!w[0] && d[1]!.includes(w[0]))) defined.add(d[1]!.replace(/\./g, ''));
      }
      if (organizational(g)) for (const sf of new Set([g.name, ...g.mentions.map((m) => m.text)])) for (const a of [...acronymsOf(withoutLeadingThe(sf)), ...acronymsOf(stripFirstWord(sf))]) initials.add(a);
      abbreviations.set(g, { defined, initials });
    }
    const standsFor = new Map<string, { initials: [string, Group][]; defined: [string, Group][] }>();
    for (const entry of longNames()) {
      const ab = abbreviations.get(entry[1])!;
      for (const [letters, kind] of [...[...ab.initials].map((l) => [l, 'initials'] as const), ...[...ab.defined].map((l) => [l, 'defined'] as const)]) {
        let s = standsFor.get(letters);
        if (!s) standsFor.set(letters, (s = { initials: [], defined: [] }));
        s[kind].push(entry);
      }
    }
    for (const [keyA, acr] of acronyms) {
      if (!others.has(keyA)) continue;
      const letters = acr.name.replace(/\./g, '');
      const found = standsFor.get(letters);
      if (!found) continue;
      const candidates = found.initials.filter(([k]) => others.has(k));
      const defined = found.defined.filter(([k]) => others.has(k));
      // Initials alone are too weak for two letters, or when two organisations have them ("Fannie Mae", "Freddie Mac").
      const stands = defined.length > 0 ? defined : letters.length >= 3 && candidates.length === 1 ? candidates : [];
      if (stands.length === 0) continue;
      let target = stands[0]![1];
      for (const [, g] of stands) target = better(target, g);
      for (const [k, g] of stands) merge(target, g, k);
      merge(target, acr, keyA);
    }
  }

  // "Lehman" after "Lehman Brothers": a one-word organisation name that begins exactly one longer one.
  const byFirstWord = new Map<string, [string, Group][]>();
  for (const entry of allLong) {
    const n = normalizeName(entry[1].name);
    const first = n.slice(0, n.indexOf(' '));
    const list = byFirstWord.get(first);
    if (list) list.push(entry);
    else byFirstWord.set(first, [entry]);
  }
  // Not a place ("Louisiana" tagged an organisation, then "Louisiana National Guard"), nor a name that
  // lends itself to a paper, a unit or an office ("Washington Post", "Senate Committee", "Obama Administration").
  for (const [key, g] of [...others]) {
    if (/\s/.test(g.name.trim()) || !byFirstWord.has(normalizeName(g.name)) || !g.mentions.every((m) => m.label === 'ORG') || isAcronym(g.name) || aliasOf(g.name)) continue;
    if (placeWords.has(normalizeName(g.name)) || writtenInLowerCase(text, g.name)) continue;
    // (nor a ship, rig or disaster named after the company: "Exxon" is not "the Exxon Valdez spill";
    // "the Ixtoc spill" is "the Ixtoc I spill"; a name the text always writes after "the" and the
    // short one never is a ship's: "Amoco", "the Amoco Cadiz"; nor is a chamber its caucus or
    // committee: "Senate" is not "Senate Republicans", "Senate Energy", but it is "House of Representatives")
    const afterThe = (m: EntityMention) => /(?:^|[^\p{L}])the\s+$/iu.test(text.slice(Math.max(0, m.start - 5), m.start));
    const ownName = (o: Group) => {
      const later = normalizeName(o.name).split(' ').slice(1);
      return (
        !PUBLICATION_WORDS.has(later[later.length - 1]!) &&
        !later.some((w) => ORGANIZATION_HEADS.has(w) || POLITICAL_NAME_ENDS.has(w)) &&
        !(o.mentions.some((m) => eventOrVesselUse(text, m)) && !g.mentions.some((m) => eventOrVesselUse(text, m))) &&
        !(later[0] !== 'of' && o.mentions.every((m) => afterThe(m)) && !g.mentions.some((m) => afterThe(m))) &&
        (!INSTITUTION_NOUNS.has(normalizeName(g.name)) || later[0] === 'of')
      );
    };
    // The company is named in full before the text shortens it ("Lehman Brothers … Lehman"): most
    // uses of the short name come after the first of the full one.
    const shortensIt = (o: Group) => {
      const fullAt = Math.min(...o.mentions.map((m) => m.start));
      return 2 * g.mentions.filter((m) => m.start > fullAt).length >= g.mentions.length;
    };
    const longer = [
      ...new Set(
        byFirstWord
          .get(normalizeName(g.name))!
          .filter(([k, o]) => others.has(k) && organizational(o) && ownName(o) && shortensIt(o))
          .map(([, o]) => o),
      ),
    ];
    // One company, or one whose name begins all the others ("Fannie Mae", "Fannie Mae Foundation").
    const shortest = longer.reduce<Group | null>((a, b) => (!a || normalizeName(b.name).length < normalizeName(a.name).length ? b : a), null);
    if (shortest && longer.every((o) => normalizeName(o.name).startsWith(normalizeName(shortest.name)))) merge(shortest, g, key);
  }
}

/**
 * "the Horizon" where the text names the "Deepwater Horizon" rig: a one-word name the tagger called
 * a person, retyped a thing as the last word of the thing's name (`relabelCompanies`), joins the one
 * thing of several words the text names ending with it.
 */
function joinThingWords(others: Map<string, Group>, thingWordMentions: Set<EntityMention>): void {
  const things = new Map<string, Group[]>();
  const single: [string, Group][] = [];
  for (const [key, g] of others) {
    if (!g.mentions.every((m) => m.label === 'MISC')) continue;
    const words = normalizeName(g.name).split(' ');
    if (words.length === 1) {
      if (g.mentions.every((m) => thingWordMentions.has(m))) single.push([key, g]);
      continue;
    }
    const last = words[words.length - 1]!;
    things.set(last, [...(things.get(last) ?? []), g]);
  }
  for (const [key, g] of single) {
    const into = things.get(normalizeName(g.name));
    if (!into || into.length !== 1) continue;
    into[0]!.mentions.push(...g.mentions);
    others.delete(key);
  }
}

/** One-word names of institutions: the institution itself, never the short form of a longer name but its "X of Y" ("House of Representatives"). */
const INSTITUTION_NOUNS = new Set([...ORGANIZATION_HEADS, ...'senate house congress parliament assembly legislature cabinet government army navy police treasury'.split(' ')]);

/** Whether the text also writes a word in lower case ("lehman" no, "motors" yes): then it is no name of its own. */
function writtenInLowerCase(text: string, word: string): boolean {
  const lower = word.toLowerCase();
  if (!/^[\p{Ll}'’-]+$/u.test(lower)) return false;
  // asked once per word and text: each answer walks every occurrence of the word in the text
  if (lowerCaseAnswers.text !== text) lowerCaseAnswers = { text, words: new Map() };
  const known = lowerCaseAnswers.words.get(lower);
  if (known !== undefined) return known;
  let found = false;
  for (let at = text.indexOf(lower); at >= 0 && !found; at = text.indexOf(lower, at + 1)) {
    if (!/[\p{L}\p{N}]/u.test(text[at - 1] ?? ' ') && !/[\p{L}\p{N}]/u.test(text[at + lower.length] ?? ' ')) found = true;
  }
  lowerCaseAnswers.words.set(lower, found);
  return found;
}
let lowerCaseAnswers: { text: string; words: Map<string, boolean> } = { text: '', words: new Map() };

function withoutLeadingThe(name: string): string {
  return name.replace(/^the\s+/i, '');
}

/** "US Food and Drug Administration" → "Food and Drug Administration": a prefix the initials may leave out. */
function stripFirstWord(name: string): string {
  return name.replace(/^\S+\s+/, '');
}

/** A group's display name: the name as the text writes it in mixed case ("SARAH PALIN" → "Sarah Palin"). */
function displayName(g: Group): string {
  // "Lehman Brothers and Royal Bank of Scotland" glued by the tagger: the first of them (its key).
  const pair = TWO_NAMES_GLUED.exec(g.name);
  // Not a name whose key keeps its "and" ("National Oceanic and Atmospheric Administration").
  if (pair && g.type !== 'person' && !/ (?:and|&) /.test(g.keyName ?? '')) return displayName({ ...g, name: pair[1]! });
  // One word in capitals is an acronym ("ECDC", "NATO") unless it names a person ("CHENEY").
  if (!shouting(g.name) || (g.type !== 'person' && !/\s/.test(g.name.trim()))) return g.name;
  const key = normalizeName(g.name);
  const written = g.mentions.find((m) => normalizeName(m.text) === key && !shouting(m.text));
  return written ? written.text.replace(/^the\s+/i, '') : titleCase(g.name, g.type !== 'person');
}

/** Words that open sentences and are also listed as first names ("Said", "Even"): never a name's first word there. */
const SENTENCE_WORDS = new Set(
  ('said says even like but and so as then also still now only both after before while when if unlike with without asked told added ' +
    'meanwhile however though although yet instead indeed perhaps thus since because until once just here there ' +
    'interestingly notably separately later earlier today').split(' '),
);

/** Last words of newspaper names: "the Washington Post Trump said" glues "Post" to Trump. */
const PUBLICATION_WORDS = new Set('post times journal news tribune herald globe gazette daily star examiner observer chronicle telegraph guardian mail express register inquirer'.split(' '));

/** Surname particles: "De Blasio", "Van Hollen", "Al Sharpton"-like first words are no glued words. */
const PARTICLES = new Set('de del della der den van von la le da di du al el bin ibn ben st mac mc'.split(' '));

/**
 * Cuts words the tagger glued to the front of a person's name: a sentence-opening word the text
 * also writes in lower case ("Said Ellis:", "Interestingly Blocher", "Like Corker"), the tail of a
 * name that ends right before ("the Washington Post Trump said" → "Trump"), or a place the text
 * names on its own ("New Hampshire Sanders"). Only when what is left is a person the text names
 * elsewhere and the word is nowhere else capitalised inside a sentence on its own ("Vice President
 * Dick Cheney" keeps "Dick Cheney" whole); first names ("Will Hurd") and particles ("De Blasio")
 * stay. Sentence words that are never names ("Said", "Even", "Both") need no more than opening.
 */
function trimGluedWords(text: string, sentences: Sentence[], mentions: EntityMention[]): void {
  let lowerWords: Set<string> | null = null;
  let otherEnds: Map<number, string> | null = null;
  let otherNames: Set<string> | null = null;
  let personWords: Map<string, number> | null = null;
  let freeCapitals: Map<string, number> | null = null;
  const others = () => mentions.filter((o) => o.label !== 'PER');
  // Capitalised words inside sentences, not opening a clause and not part of or right after a
  // non-person name: the words the text itself treats as names.
  const freeCapital = (word: string): boolean => {
    if (!freeCapitals) {
      freeCapitals = new Map();
      const covered = others().sort((a, b) => a.start - b.start);
      // binary search over the (sorted) non-person spans: a scan per token was quadratic on long pages
      const inOther = (start: number): boolean => {
        let lo = 0;
        let hi = covered.length - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const o = covered[mid]!;
          if (start < o.start) hi = mid - 1;
          else if (start >= o.end) lo = mid + 1;
          else return true;
        }
        return false;
      };
      const afterOther = new Set(covered.map((o) => o.end));
      for (const s of sentences) {
        s.tokens.forEach((t, i) => {
          if (i === 0 || !TITLE_CASE_WORD.test(t.text)) return;
          const prev = s.tokens[i - 1]!;
          if (/^["“”'‘’:—–(-]+$/.test(prev.text) || afterOther.has(prev.end) || inOther(t.start)) return;
          freeCapitals!.set(t.text, (freeCapitals!.get(t.text) ?? 0) + 1);
        });
      }
    }
    return (freeCapitals.get(word) ?? 0) > 0;
  };
  // The words of person names, counted over every person mention: a trimmed name must keep one named elsewhere.
  const personElsewhere = (word: string): boolean => {
    if (!personWords) {
      personWords = new Map();
      for (const o of mentions) if (o.label === 'PER') for (const w of o.text.split(/\s+/)) personWords.set(w, (personWords.get(w) ?? 0) + 1);
    }
    return (personWords.get(word) ?? 0) > 1;
  };
  for (const m of mentions) {
    if (m.label !== 'PER' || !/\s/.test(m.text)) continue;
    if (!otherEnds || !otherNames) {
      otherEnds = new Map(others().map((o) => [o.end, o.text]));
      otherNames = new Set(others().map((o) => o.text));
    }
    for (;;) {
      const parts = [...m.text.matchAll(/\S+/g)];
      if (parts.length < 2) break;
      const word = parts[0]![0];
      const lw = word.toLowerCase();
      if (!TITLE_CASE_WORD.test(word) || HONORIFICS.has(lw) || PARTICLES.has(lw) || !STARTS_UPPER.test(parts[1]![0])) break;
      const sentenceWord = SENTENCE_WORDS.has(lw);
      if (!sentenceWord && (firstNameGender(word) !== null || !personElsewhere(parts[parts.length - 1]![0]) || freeCapital(word))) break;
      // "Wisconsin Trump rally", "New Hampshire Sanders": a place the text names on its own, then a surname.
      const names = otherNames;
      const place = sentenceWord ? -1 : parts.slice(0, -1).findLastIndex((_, i) => names.has(m.text.slice(0, parts[i]!.index! + parts[i]![0].length)));
      if (place >= 0) {
        const cut = parts[place + 1]!.index!;
        m.start += cut;
        m.text = m.text.slice(cut);
        continue;
      }
      // "the Washington Post Trump": a name ends right before, and the text names it with this word elsewhere ("Washington Post").
      const before = otherEnds.get(m.start - 1);
      const glued = !sentenceWord && before !== undefined && /\s/.test(text[m.start - 1] ?? '') && (otherNames.has(`${before} ${word}`) || PUBLICATION_WORDS.has(lw));
      let opening = false;
      if (!glued) {
        const tokens = sentences[m.sentence]?.tokens ?? [];
        const i = tokenIndexAt(tokens, m.start);
        opening = i === 0 || (i > 0 && /^["“”'‘’:—–-]+$/.test(tokens[i - 1]!.text));
        if (opening && !sentenceWord) {
          lowerWords ??= new Set(sentences.flatMap((s) => s.tokens.map((t) => t.text)).filter((t) => LOWER_CASE_WORD.test(t)));
          opening = lowerWords.has(lw);
        }
      }
      if (!glued && !opening) break;
      const cut = parts[1]!.index!;
      m.start += cut;
      m.text = m.text.slice(cut);
    }
  }
}

/** Time zones and wire credits that datelines and photo captions leave before a name ("UTC The Obama", "AP BP said"). */
const TIME_ZONES = new Set('UTC GMT BST EDT EST CDT CST PDT PST MDT MST CET CEST'.split(' '));
const WIRE_CREDITS = new Set(['AP', 'AFP']);
/** Function words the tagger glues after a credit: "AP In", "AP The". */
const GLUED_FUNCTION_WORDS = new Set('A An The In On At By For From Of To And But As'.split(' '));

/**
 * Leftovers the tagger takes into a name: an article ("An Obama administration official said", "The
 * Obama" a person), a time zone ("UTC The Obama"; alone it is no name either), a wire credit before a name the text gives alone
 * elsewhere ("AP BP said" where the text names BP) or before a function word ("AP In": the credit alone).
 */
function trimLeadingFurniture(text: string, mentions: EntityMention[]): void {
  let alone: Set<string> | null = null;
  let people: Set<string> | null = null;
  const personNames = () => (people ??= new Set(mentions.filter((o) => o.label === 'PER').flatMap((o) => [o.text, o.text.slice(o.text.lastIndexOf(' ') + 1)])));
  const dropped = new Set<EntityMention>();
  for (const m of mentions) {
    if (TIME_ZONES.has(m.text)) {
      dropped.add(m);
      continue;
    }
    for (;;) {
      const head = /^(\S+) (?=\S)/.exec(m.text);
      if (!head) break;
      const word = head[1]!;
      const rest = m.text.slice(head[0].length);
      const capitalRest = STARTS_UPPER.test(rest);
      let cut = false;
      if (TIME_ZONES.has(word) && capitalRest) cut = true;
      else if ((word === 'A' || word === 'An' || (word === 'The' && (m.label === 'PER' || personNames().has(rest)))) && /^\p{Lu}\p{Ll}/u.test(rest)) cut = true;
      else if (WIRE_CREDITS.has(word) && capitalRest) {
        if (GLUED_FUNCTION_WORDS.has(rest)) {
          m.end = m.start + word.length;
          m.text = word;
          break;
        }
        alone ??= new Set(mentions.map((o) => o.text));
        cut = alone.has(rest);
      }
      if (!cut) break;
      m.start += head[0].length;
      m.text = rest;
      // ("BST The", "BST Oil": what is left is no name, a function word or a word the text writes in lower case)
      if (!/\s/.test(rest) && (GLUED_FUNCTION_WORDS.has(rest) || SENTENCE_WORDS.has(rest.toLowerCase()) || NOT_ROLE_START.has(rest.toLowerCase()) || writtenInLowerCase(text, rest))) {
        dropped.add(m);
        break;
      }
    }
  }
  if (dropped.size === 0) return;
  for (let i = mentions.length - 1; i >= 0; i--) if (dropped.has(mentions[i]!)) mentions.splice(i, 1);
}

/**
 * An organisation's acronym run into the person named next ("In an interview on NBC Obama says …"): the
 * tagger reads one organisation "NBC Obama". When the words after the acronym are a person the text
 * names on its own and the run occurs once, the mention is that person.
 */
function splitAcronymBeforePerson(mentions: EntityMention[]): void {
  let persons: Set<string> | null = null;
  for (const m of mentions) {
    if (m.label === 'PER') continue;
    const head = ACRONYM_BEFORE_NAME.exec(m.text);
    if (!head) continue;
    persons ??= new Set(mentions.filter((o) => o.label === 'PER').flatMap((o) => [o.text, o.text.split(/\s+/).pop()!]));
    const rest = m.text.slice(head[0].length);
    if (!persons.has(rest) || mentions.some((o) => o !== m && o.text === m.text)) continue;
    m.start += head[0].length;
    m.text = rest;
    m.label = 'PER';
  }
}

// ─── namesakes: "Bill Clinton … his wife Hillary Clinton … 'Clinton said'" ──────────────────────

type Gender = 'male' | 'female';

/** Kinship nouns that introduce a relative of the text's main person ("his wife, Heidi Cruz"), with the gender they imply. */
const RELATIONS: Record<string, Gender | null> = {};
for (const w of 'wife widow daughter mother sister niece aunt granddaughter grandmother stepdaughter stepmother daughter-in-law mother-in-law sister-in-law fiancee fiancée girlfriend ex-wife'.split(' ')) RELATIONS[w] = 'female';
for (const w of 'husband widower son father brother nephew uncle grandson grandfather stepson stepfather son-in-law father-in-law brother-in-law fiance fiancé boyfriend ex-husband'.split(' ')) RELATIONS[w] = 'male';
for (const w of 'spouse child cousin sibling parent relative twin in-law stepchild grandchild'.split(' ')) RELATIONS[w] = null;
/** Nouns that give a name its gender without making the person a relative: "the first lady, Michelle Obama". */
const GENDERED_TITLES: Record<string, Gender> = {};
for (const w of 'lady congresswoman chairwoman spokeswoman businesswoman councilwoman actress queen princess duchess countess empress sister nun'.split(' ')) GENDERED_TITLES[w] = 'female';
for (const w of 'congressman businessman councilman king prince duke emperor'.split(' ')) GENDERED_TITLES[w] = 'male';
/** Words that may stand between a kinship noun and the name: "his late wife", "her younger brother, …". */
const KIN_MODIFIERS = new Set('late former older younger elder eldest oldest youngest estranged first second third only adult then ex twin'.split(' '));

function opposite(g: Gender): Gender {
  return g === 'male' ? 'female' : 'male';
}

let firstNameGenders: Map<string, string> | null = null;
/** The usual gender of an English first name (the gender-detection-from-name list, 32,000 names), or null. */
function firstNameGender(first: string): Gender | null {
  if (first.replace(/\./g, '').length <= 1) return null;
  if (!firstNameGenders) firstNameGenders = createRequire(import.meta.url)('gender-detection-from-name/names/en') as Map<string, string>;
  const g = firstNameGenders.get(normalizeName(first));
  return g === 'male' || g === 'female' ? g : null;
}

/** The gender a title before or at the start of a mention gives it: "Mr. Clinton", "Mrs. Clinton". */
function honorificGender(text: string, m: EntityMention): Gender | null {
  const before = /\b(Mr|Mrs|Ms|Miss|Mister|Messrs)\.?\s*$/.exec(text.slice(Math.max(0, m.start - 8), m.start));
  const title = (/^(Mr|Mrs|Ms|Miss|Mister)\b/.exec(m.text) ?? before)?.[1];
  if (!title) return null;
  return title === 'Mr' || title === 'Mister' || title === 'Messrs' ? 'male' : 'female';
}

interface PersonProfile {
  gender: Gender | null;
  /** The gender comes from the text (kinship, a title), not from the first-name list alone ("Lindsey", "Blair" are men too). */
  genderSure: boolean;
  /** Introduced as someone's relative ("his wife, Heidi Cruz"; "Jane Sanders, his wife"). */
  relative: boolean;
}

function tokenIndexAt(tokens: Token[], start: number): number {
  const i = firstTokenFrom(tokens, start);
  return i >= 0 && tokens[i]!.start === start ? i : -1;
}

interface Kinship {
  noun: string;
  /** "his wife, Heidi Cruz", "Jane Sanders, his wife": a relative of the text's main person. Not so "Liz Cheney, the daughter of …". */
  relative: boolean;
}

/** The kinship noun introducing a full-name mention, before it ("his wife, X") or in an appositive after it ("X, his wife"). */
function kinshipOf(m: EntityMention, sentences: Sentence[]): Kinship | null {
  const tokens = sentences[m.sentence]?.tokens;
  if (!tokens) return null;
  const first = tokenIndexAt(tokens, m.start);
  if (first < 0) return null;
  let k = first - 1;
  if (tokens[k]?.text === ',') k--;
  while (k >= 0 && KIN_MODIFIERS.has(tokens[k]!.text.toLowerCase())) k--;
  const before = tokens[k]?.text.toLowerCase();
  if (before !== undefined && before in RELATIONS) return { noun: before, relative: true };
  if (before !== undefined && before in GENDERED_TITLES) return { noun: before, relative: false };
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1]!.end <= m.end) last++;
  if (tokens[last + 1]?.text !== ',') return null;
  // ", his wife", ", the senator's wife", ", wife of …"
  for (let j = last + 2; j < Math.min(tokens.length, last + 7); j++) {
    const w = tokens[j]!.text.toLowerCase();
    if (w in RELATIONS) return { noun: w, relative: tokens[j + 1]?.text.toLowerCase() !== 'of' };
    const possessor = /^(his|her|their|the|a|'s|’s)$/.test(w) || KIN_MODIFIERS.has(w) || isCapitalized(tokens[j]!.text);
    if (!possessor) break;
  }
  return null;
}

function personProfile(name: PersonName, mentions: EntityMention[], text: string, sentences: Sentence[]): PersonProfile {
  let gender: Gender | null = null;
  let relative = false;
  for (const m of mentions) {
    const kin = kinshipOf(m, sentences);
    if (kin !== null) {
      relative ||= kin.relative;
      gender ??= RELATIONS[kin.noun] ?? GENDERED_TITLES[kin.noun] ?? null;
    }
    gender ??= honorificGender(text, m);
  }
  const genderSure = gender !== null;
  gender ??= name.first ? firstNameGender(name.first) : null;
  return { gender, genderSure, relative };
}

/**
 * The gender of a subject pronoun ("he", "she") soon after a mention in its sentence, before any
 * other person is named: "Clinton says she respects…". Possessives and objects ("his vote",
 * "without naming him") are left out: they usually point at someone else.
 */
function pronounGender(m: EntityMention, sentences: Sentence[], mentions: EntityMention[]): Gender | null {
  const tokens = sentences[m.sentence]?.tokens;
  if (!tokens) return null;
  let i = firstTokenFrom(tokens, m.end);
  if (i < 0) return null;
  // `mentions` are in text order: the first at or after the mention's end, then on to a person.
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.start < m.end) lo = mid + 1;
    else hi = mid;
  }
  while (lo < mentions.length && mentions[lo]!.label !== 'PER') lo++;
  const nextPerson = mentions[lo]?.start ?? Infinity;
  for (let n = 0; i < tokens.length && n < 12 && tokens[i]!.start < nextPerson; i++, n++) {
    const w = tokens[i]!.text.toLowerCase();
    if (/^["“”'‘’`]+$/.test(w)) return null; // a quotation speaks of someone else
    if (w === 'he' || w === 'himself') return 'male';
    if (w === 'she' || w === 'herself') return 'female';
  }
  return null;
}

/**
 * Whether a mention reads as the subject of its clause: it opens the sentence or a clause (after
 * a comma, perhaps behind a title: ", former president Bill Clinton said") and a verb-like word
 * follows ("Bill Clinton spoke"; not "Bill Clinton and …", "…, who", "a photo of Heidi Cruz contrasted").
 */
function subjectLike(m: EntityMention, sentences: Sentence[]): boolean {
  const tokens = sentences[m.sentence]?.tokens;
  if (!tokens) return false;
  const next = tokens[firstTokenFrom(tokens, m.end)];
  if (!next || next.start - m.end > 1 || !LOWER_CASE_WORD.test(next.text) || NOT_A_VERB.has(next.text)) return false;
  let k = tokenIndexAt(tokens, m.start) - 1;
  while (k >= 0 && (isCapitalized(tokens[k]!.text) || ROLE_HEADS.has(tokens[k]!.text.toLowerCase()) || ROLE_INNER.has(tokens[k]!.text.toLowerCase()))) k--;
  return k < 0 || /^[,;:"“”'‘’—–-]+$/.test(tokens[k]!.text);
}
const NOT_A_VERB = new Set('and or of who whom whose which that in on at for to from with by as than but nor the a an'.split(' '));

interface NamesakeContext<G> {
  profileOf: (g: G) => PersonProfile;
  fullMentions: (g: G) => EntityMention[];
  /** Every mention given to the person so far (full names and the one-word mentions resolved before this one). */
  allMentions: (g: G) => EntityMention[];
  /** The gender the text gives the bare surname over all its uses (titles, "…, she said"), when it is clear. */
  surnameGender: () => Gender | null;
  sentences: Sentence[];
  mentions: EntityMention[];
}

/**
 * Which of several people sharing a surname a one-word mention names, or null when the text does
 * not say. News writing gives the bare surname to the article's main person and first names or
 * kinship ("his wife, Hillary Clinton") to the others. So: a title's gender ("Mrs. Clinton"); a
 * subject pronoun right after ("Clinton says she…"); a person named in full as the subject of this
 * or the previous sentence ("Bill Clinton spoke with voters. … Clinton said"), unless introduced
 * there as a relative; then the main person: of the gender the text gives the bare surname, not
 * introduced as a relative, named first.
 */
function pickNamesake<G>(candidates: G[], m: EntityMention, titleGender: Gender | null, ctx: NamesakeContext<G>): G | null {
  let pool = candidates;
  const ofGender = (gender: Gender | null, strict: boolean): G[] => {
    if (!gender) return pool;
    const same = pool.filter((g) => ctx.profileOf(g).gender === gender);
    if (same.length > 0) return same;
    const unknown = pool.filter((g) => ctx.profileOf(g).gender === null);
    return unknown.length > 0 || strict ? unknown : pool;
  };
  pool = titleGender ? ofGender(titleGender, true) : ofGender(pronounGender(m, ctx.sentences, ctx.mentions), false);
  if (pool.length <= 1) return pool[0] ?? null;

  let nearest: G | null = null;
  let nearestAt = -1;
  for (const g of pool) {
    for (const o of ctx.fullMentions(g)) {
      if (o.start < m.start && o.sentence >= m.sentence - 1 && o.start > nearestAt && subjectLike(o, ctx.sentences) && !kinshipOf(o, ctx.sentences)?.relative) {
        nearest = g;
        nearestAt = o.start;
      }
    }
  }
  if (nearest) return nearest;

  const everyone = pool;
  pool = ofGender(ctx.surnameGender(), false);
  const principals = pool.filter((g) => !ctx.profileOf(g).relative);
  if (principals.length > 0) pool = principals;
  const firstAt = (g: G) => ctx.fullMentions(g)[0]?.start ?? Infinity;
  const main = pool.reduce((a, b) => (firstAt(b) < firstAt(a) ? b : a));
  // A long text that has moved on to another part ("The Latest" blogs, profiles): the main person
  // unnamed for several sentences, another just named in full → that one.
  const lastSentence = (g: G) => Math.max(-1, ...ctx.allMentions(g).filter((o) => o.start < m.start).map((o) => o.sentence));
  if (m.sentence - lastSentence(main) > RECENT_SENTENCES) {
    const recent = everyone.filter((g) => g !== main && !ctx.profileOf(g).relative && m.sentence - lastSentence(g) <= 3);
    if (recent.length === 1) return recent[0]!;
  }
  return main;
}
/** How many sentences the main person may go unnamed before a namesake named just before takes a bare surname. */
const RECENT_SENTENCES = 8;

const initialsMemo = new Map<string, string>();
/** The key with the most votes; the first counted among equals (as a stable sort would give). */
function mostVoted<K>(votes: Map<K, number>): K {
  let best: K | undefined;
  let bestCount = -Infinity;
  for (const [k, c] of votes) {
    if (c > bestCount) {
      best = k;
      bestCount = c;
    }
  }
  return best!;
}

/** Index of the first token starting at or after `offset` (-1 if none); tokens are in text order. */
function firstTokenFrom(tokens: Token[], offset: number): number {
  const i = firstStartingAt(tokens, offset);
  return i < tokens.length ? i : -1;
}

/** Whether a mention's text has white space inside (not at its edges). */
function multiWord(text: string): boolean {
  return /\s/.test(text.trim());
}

function initials(name: string): string {
  let out = initialsMemo.get(name);
  if (out === undefined) {
    if (initialsMemo.size >= 50_000) initialsMemo.clear();
    initialsMemo.set(name, (out = initialsUncached(name)));
  }
  return out;
}

function initialsUncached(name: string): string {
  return name
    .split(/[\s\-]+/)
    .filter((w) => isCapitalized(w))
    .map((w) => w[0])
    .join('');
}

// ─── one person across documents ──────────────────────────────────────────────────────────────

/** Common English short forms of first names: each group is one name. */
const NICKNAME_GROUPS = [
  'william bill billy will willie', 'robert bob bobby rob robbie bert', 'richard dick rick ricky rich', 'james jim jimmy jamie',
  'john jack johnny', 'joseph joe joey', 'thomas tom tommy', 'charles charlie chuck chas', 'edward ed eddie ted ned',
  'theodore ted teddy theo', 'leonard len lenny leo', 'michael mike mikey', 'christopher chris', 'christine christy',
  'daniel dan danny', 'david dave davey', 'donald don donnie', 'douglas doug', 'elizabeth liz beth betsy betty eliza lizzie',
  'margaret maggie meg peggy marge', 'katherine kathy kate katie', 'catherine cathy kate katie', 'kathleen kathy kate',
  'patricia patty tricia', 'patrick pat', 'rebecca becky', 'susan sue susie', 'deborah debbie deb', 'jennifer jen jenny',
  'jessica jess jessie', 'alexander alex al', 'albert al bert', 'alfred al alf', 'anthony tony', 'andrew andy drew',
  'benjamin ben benny', 'frederick fred freddie freddy', 'gerald gerry jerry', 'gregory greg', 'henry hank harry',
  'harold harry hal', 'jeffrey jeff', 'jonathan jon', 'kenneth ken kenny', 'lawrence larry', 'matthew matt', 'nicholas nick',
  'peter pete', 'philip phil', 'raymond ray', 'ronald ron ronnie', 'samuel sam sammy', 'stephen steve', 'steven steve',
  'timothy tim timmy', 'walter walt', 'zachary zach', 'nathaniel nate nat', 'nathan nate', 'gordon gordie', 'mitchell mitch',
  'vincent vince', 'victoria vicky tori', 'abigail abby', 'barbara barb babs', 'cynthia cindy', 'dorothy dot dottie',
  'eleanor ellie nora', 'frances fran frannie', 'pamela pam', 'sandra sandy', 'alexandra lexi', 'valerie val',
  'terrence terry', 'theresa tess', 'randolph randy', 'randall randy', 'rodney rod', 'roger rog', 'russell russ',
  'stanley stan', 'bernard bernie', 'edwin ed', 'eugene gene', 'jacob jake', 'joshua josh', 'mitt willard',
].map((g) => g.split(' '));
const NICKNAMES = new Map<string, Set<number>>();
NICKNAME_GROUPS.forEach((g, i) => {
  for (const n of g) {
    let set = NICKNAMES.get(n);
    if (!set) NICKNAMES.set(n, (set = new Set()));
    set.add(i);
  }
});

/** Whether two normalised first names are short and long forms of one name ("len" / "leonard", "bill" / "william"). */
function nicknameOf(a: string, b: string): boolean {
  const ga = NICKNAMES.get(a);
  const gb = NICKNAMES.get(b);
  if (!ga || !gb) return false;
  for (const g of ga) if (gb.has(g)) return true;
  return false;
}

interface KeyName {
  first: string;
  middle: string[];
  last: string;
  /** "jr", "sr", "ii": father and son are two people. */
  suffix: string | null;
}

// Parsed full names, kept across calls: linking a surname's keys reads each of them many times.
const KEY_NAMES = new Map<string, KeyName | null>();

function keyName(key: string): KeyName | null {
  let name = KEY_NAMES.get(key);
  if (name !== undefined) return name;
  if (KEY_NAMES.size >= 100_000) KEY_NAMES.clear();
  name = parseKeyName(key);
  KEY_NAMES.set(key, name);
  return name;
}

function parseKeyName(key: string): KeyName | null {
  const all = key.slice(key.indexOf(':') + 1).split(' ');
  const parts = all.filter((p, i) => !(i >= 2 && /^(jr|sr|ii|iii|iv)$/.test(p)));
  if (parts.length < 2) return null;
  const suffix = all.find((p, i) => i >= 2 && /^(jr|sr|ii|iii|iv)$/.test(p)) ?? null;
  // "George H.W. Bush" normalises to "george hw bush": glued initials are initials.
  const middle = parts.slice(1, -1).flatMap((m) => (/^[b-df-hj-np-tv-z]{2,3}$/.test(m) ? [...m] : [m]));
  return { first: parts[0]!, middle, last: parts[parts.length - 1]!, suffix };
}

/** A name and an initial, or two equal names: "j" / "john", "john" / "john". */
function sameOrInitial(a: string, b: string): boolean {
  return a === b || (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));
}

/**
 * How two full names of one surname relate: the same person's name with or without middle names
 * or initials ("Donald J. Trump" / "Donald Trump", "Leonard E. Burman" / "Leonard Burman"), the
 * same with a short form of the first name ("Len Burman"), or not known to be one person
 * ("George W. Bush" / "George H. W. Bush": both give middle names and they differ).
 */
function fullNameMatch(a: KeyName, b: KeyName): 'same' | 'nickname' | null {
  if (a.last !== b.last) return null;
  if (a.suffix && b.suffix && a.suffix !== b.suffix) return null;
  const middles = a.middle.length === 0 || b.middle.length === 0 || (a.middle.length === b.middle.length && a.middle.every((m, i) => sameOrInitial(m, b.middle[i]!)));
  if (!middles) return null;
  if (a.first === b.first) return 'same';
  return nicknameOf(a.first, b.first) ? 'nickname' : null;
}

/**
 * The corpus key of a person key from one article, given the person keys the corpus already knows
 * with the same last word (`known`: full names, linked or not, and maybe the bare surname) and how
 * many articles name each (`weight`). See `SurnameGroup`.
 */
export function linkPersonKey(key: string, known: Iterable<string>, weight: (key: string) => number): string {
  if (!key.startsWith('person:')) return key;
  return new SurnameGroup([...known, key], weight).target(key);
}

/**
 * The person keys of one surname and how many articles name each; decides which of them are one
 * person, and under which key:
 * - A full name is the known name it differs from only by middle names or initials, the most used
 *   of them, when they agree with one another (so "George Bush" stays apart while both "George
 *   W. Bush" and "George H. W. Bush" are known); a short first name ("Len", "Bill") links when its
 *   long forms ("William Clinton", "William J. Clinton") all come to one person (or the reverse).
 *   A key links only to one used at least as often (ties: the first in sort order), so every
 *   variant of a name ends on one key.
 * - A one-word key ("person:putin") is the person whose surname it is, when only one is known or
 *   one accounts for three quarters of their articles, and that person is named in full in at
 *   least two articles, or in as many as give the bare surname when these are fewer (one article
 *   naming "Michelle Obama" does not make two that say "Obama" hers).
 * Otherwise a key is its own. Each link is worked out once, so a whole surname costs about as much
 * as its keys (keys are bucketed by first name).
 */
/** How many articles must name a person in full before as many that give only the surname count as theirs (fewer: one each). */
const MIN_FULL_NAME_ARTICLES = 2;

export class SurnameGroup {
  private readonly byFirst = new Map<string, string[]>();
  private readonly fullKeys: string[] = [];
  private readonly steps = new Map<string, string>();
  private readonly variantSteps = new Map<string, string>();
  private readonly targets = new Map<string, string>();

  constructor(
    keys: Iterable<string>,
    private readonly weight: (key: string) => number,
  ) {
    for (const k of new Set(keys)) {
      const name = k.startsWith('person:') ? keyName(k) : null;
      if (!name) continue;
      this.fullKeys.push(k);
      let bucket = this.byFirst.get(name.first);
      if (!bucket) this.byFirst.set(name.first, (bucket = []));
      bucket.push(k);
    }
  }

  /** Where a key ends after following its links (no cycles: each link goes to a key used at least as often, ties by sort order). */
  target(key: string): string {
    let t = this.targets.get(key);
    if (t !== undefined) return t;
    t = key;
    for (let hops = 0; hops < 4; hops++) {
      const next = this.step(t);
      if (next === t) break;
      t = next;
    }
    this.targets.set(key, t);
    return t;
  }

  private step(key: string): string {
    let s = this.steps.get(key);
    if (s === undefined) this.steps.set(key, (s = this.computeStep(key)));
    return s;
  }

  private computeStep(key: string): string {
    if (!key.startsWith('person:')) return key;
    const name = keyName(key);
    if (!name) return this.surnameStep(key);
    const variant = this.variantStep(key);
    if (variant !== key || !this.consistentVariants(key, name)) return variant;
    // Short and long first names: each candidate counts as the person its own variants come to.
    const people = new Set<string>();
    for (const group of NICKNAMES.get(name.first) ?? []) {
      for (const first of NICKNAME_GROUPS[group]!) {
        if (first === name.first) continue;
        for (const k of this.byFirst.get(first) ?? []) if (fullNameMatch(name, keyName(k)!) === 'nickname') people.add(this.variantTarget(k));
      }
    }
    return people.size === 1 ? this.preferredKey(key, name, [...people]) : key;
  }

  private sameVariants(key: string, name: KeyName): string[] {
    return (this.byFirst.get(name.first) ?? []).filter((k) => k !== key && fullNameMatch(name, keyName(k)!) === 'same');
  }

  // Every variant must be a variant of every other: "george bush" with "george w bush" and "george h w bush" is not.
  private readonly consistent = new Map<string, boolean>();
  private consistentVariants(key: string, name: KeyName): boolean {
    let ok = this.consistent.get(key);
    if (ok !== undefined) return ok;
    const same = this.sameVariants(key, name).map((k) => keyName(k)!);
    ok = same.every((a, i) => same.every((b, j) => j <= i || fullNameMatch(a, b) !== null));
    this.consistent.set(key, ok);
    return ok;
  }

  private variantStep(key: string): string {
    let s = this.variantSteps.get(key);
    if (s !== undefined) return s;
    const name = keyName(key)!;
    s = this.consistentVariants(key, name) ? this.preferredKey(key, name, this.sameVariants(key, name)) : key;
    this.variantSteps.set(key, s);
    return s;
  }

  private variantTarget(key: string): string {
    let t = key;
    for (let hops = 0; hops < 4; hops++) {
      const next = this.variantStep(t);
      if (next === t) break;
      t = next;
    }
    return t;
  }

  /** The most used of `candidates` when it is used at least as often as `key` and links no one else to it; else `key`. */
  private preferredKey(key: string, name: KeyName, candidates: string[]): string {
    const own = this.weight(key);
    let best: { k: string; w: number } | null = null;
    for (const k of candidates) {
      const w = this.weight(k);
      if (!best || w > best.w || (w === best.w && k < best.k)) best = { k, w };
    }
    if (!best || !(best.w > own || (best.w === own && best.k < key))) return key;
    // "John Smith" is no link between "John A. Smith" and "John B. Smith".
    const target = keyName(best.k)!;
    for (const k of this.byFirst.get(target.first) ?? []) {
      const other = keyName(k)!;
      if (k !== best.k && fullNameMatch(target, other) === 'same' && fullNameMatch(name, other) === null) return key;
    }
    return best.k;
  }

  private surnameStep(key: string): string {
    // Variants of one full name count as one person ("Donald Trump" and "Donald J. Trump").
    const people = new Map<string, number>();
    for (const k of this.fullKeys) {
      const target = this.target(k);
      people.set(target, (people.get(target) ?? 0) + Math.max(1, this.weight(k)));
    }
    if (people.size === 0) return key;
    const ranked = [...people].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const total = ranked.reduce((s, [, w]) => s + w, 0);
    const [top, articles] = ranked[0]!;
    // One article naming "Michelle Obama" is no reason to call two that say "Obama" hers.
    const evidence = Math.min(this.weight(key), MIN_FULL_NAME_ARTICLES);
    return (ranked.length === 1 || articles / total >= 0.75) && articles >= evidence ? top : key;
  }
}

/** One text's entities, with its sentences when the cues that make a name a person's are to be read too (see `personCued`). */
export type LinkedText = DocEntity[] | { entities: DocEntity[]; sentences: Sentence[] };

function entitiesOf(doc: LinkedText): DocEntity[] {
  return Array.isArray(doc) ? doc : doc.entities;
}

/**
 * Links entity keys across documents: local key → global key for every key seen. Person keys of
 * one surname are linked together as `SurnameGroup` decides, counting documents; other keys, and
 * names the corpus says are no person's, as `linkOrganizations` decides.
 */
export function linkAcrossDocuments(docs: LinkedText[]): Map<string, string> {
  const out = linkOrganizations(docs);
  const docCount = new Map<string, number>();
  const bySurname = new Map<string, Set<string>>();
  for (const doc of docs) {
    for (const e of entitiesOf(doc)) {
      if (!out.has(e.key)) out.set(e.key, e.key);
      // Persons only, not a company the tagger called one in a few texts ("person:fannie mae").
      if (e.type !== 'person' || !e.key.startsWith('person:') || !out.get(e.key)!.startsWith('person:')) continue;
      docCount.set(e.key, (docCount.get(e.key) ?? 0) + 1);
      const surname = personSurname(e.key);
      let keys = bySurname.get(surname);
      if (!keys) bySurname.set(surname, (keys = new Set()));
      keys.add(e.key);
    }
  }
  const weight = (k: string) => docCount.get(k) ?? 0;
  for (const keys of bySurname.values()) {
    const group = new SurnameGroup(keys, weight);
    for (const key of keys) out.set(key, group.target(key));
  }
  // A name retyped as a person ("other:bush" → "person:bush") follows that person.
  for (const [key, target] of out) if (!key.startsWith('person:') && target.startsWith('person:')) out.set(key, out.get(target) ?? target);
  return out;
}

/**
 * The keys an organisation's other names have in a text that gives only them: "organization:cdc"
 * for the CDC entity of a text that defined the acronym, "organization:lehman" for Lehman Brothers
 * where the text also wrote "Lehman". Texts that write both tell that these keys are one
 * organisation everywhere (see `linkOrganizations`; a store can keep these links per key).
 */
export function organizationAliasKeys(e: DocEntity): string[] {
  // (a thing only by an acronym it defines: "Severe Acute Respiratory Syndrome ( SARS )")
  if (e.type !== 'organization' && e.type !== 'other') return [];
  const keys = new Set<string>();
  for (const alias of e.aliases) {
    const bare = alias.replace(/^the\s+/i, '').replace(/['’]s$/, '');
    if (e.type === 'other' && !isAcronym(bare)) continue;
    const n = normalizeName(bare);
    const key = `organization:${isAcronym(bare) ? n : organizationKey(n)}`;
    if (key !== e.key) keys.add(key);
  }
  return [...keys];
}

/** The name of a key without its type: "organization:cdc" → "cdc". */
export function nameOfKey(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

/** The type of a key: "organization:cdc" → "organization". */
export function keyType(key: string): EntityType {
  return key.slice(0, key.indexOf(':')) as EntityType;
}

/**
 * Whether a text says its person entity is a person: a role or title ("Mr.", "Sen."), a first name
 * opening the name, "X, who", he/she/his/her right after it. A company the tagger calls a person
 * ("Citigroup", "Roche") has none of these.
 */
export function personCued(e: DocEntity, sentences?: Sentence[]): boolean {
  if (e.roles.length > 0) return true;
  const name = nameOfKey(e.key);
  const space = name.indexOf(' ');
  if (space > 0 && firstNameGender(name.slice(0, space)) !== null) return true;
  if (!sentences) return false;
  for (const m of e.mentions) if (companyEvidence('', m, sentences).person > 0) return true;
  return false;
}

/** A full person name whose first word is a first name: "person:john roche" (not "person:general motors"). */
export function firstNameAndSurname(key: string): boolean {
  const name = nameOfKey(key);
  const space = name.indexOf(' ');
  return space > 0 && firstNameGender(name.slice(0, space)) !== null;
}

/**
 * The uses one text makes of a name (its key without the type): one bit per type, one for a person
 * with no cue, one for a non-person the text writes with a legal ending ("Transocean Ltd"), one for
 * a non-person only in a person's term ("the Nixon administration").
 */
export const NAME_USE = { organization: 1, place: 2, other: 4, person: 8, uncuedPerson: 16, company: 32, personsTerm: 64 } as const;

/** Words after a one-word name that make it a person's term, not a thing of its own: "the Nixon administration". */
const PERSONS_TERMS = new Set('administration administrations presidency era doctrine campaign cabinet years'.split(' '));

/**
 * Whether a text types a name otherwise only in a person's term ("the Nixon administration", "the
 * Bush years"): the tagger's label there is no evidence that the name is no person's.
 */
function personsTermUse(e: DocEntity, sentences: Sentence[]): boolean {
  if (e.mentions.length === 0 || multiWord(e.name)) return false;
  for (const m of e.mentions) {
    const tokens = sentences[m.sentence]?.tokens;
    const next = tokens ? firstTokenFrom(tokens, m.end) : -1;
    if (next < 0 || !PERSONS_TERMS.has(tokens![next]!.text.toLowerCase())) return false;
  }
  return true;
}

/** What one text adds to the corpus vote on names' types and to the links between organisations' names. */
export interface TextNames {
  /** name → `NAME_USE` bits: how this text types it. */
  uses: Map<string, number>;
  /** [organisation's name, another name the text gave it], each pair once. */
  links: Array<[string, string]>;
  /**
   * [place noun, the "X of Y" name it begins] for the text's names of that shape ("gulf", "gulf of
   * mexico"), and [place noun, ""] for a name it ends ("persian gulf"): the corpus vote on what the
   * noun alone names (see `headPlaceName`). Each pair once.
   */
  heads: Array<[string, string]>;
}

export function textNames(doc: LinkedText): TextNames {
  const sentences = Array.isArray(doc) ? undefined : doc.sentences;
  const uses = new Map<string, number>();
  const links: Array<[string, string]> = [];
  const heads: Array<[string, string]> = [];
  const seen = new Set<string>();
  const seenHeads = new Set<string>();
  for (const e of entitiesOf(doc)) {
    const name = nameOfKey(e.key);
    let bits = NAME_USE[keyType(e.key)] ?? 0;
    if (e.type === 'person' && bits === NAME_USE.person && !personCued(e, sentences)) bits |= NAME_USE.uncuedPerson;
    if (e.type !== 'person' && !e.key.startsWith('person:')) {
      // (a legal ending, or the text says what organisation it is: "the campaign group Greenpeace", "Greenpeace campaigners")
      if (legalEnding(e.name) || e.aliases.some(legalEnding)) bits |= NAME_USE.company;
      else if (sentences && e.type === 'organization' && e.mentions.some((m) => placeNameUse('', m, sentences).notCompany)) bits |= NAME_USE.company;
      else if (sentences && personsTermUse(e, sentences)) bits |= NAME_USE.personsTerm;
    }
    uses.set(name, (uses.get(name) ?? 0) | bits);
    const space = e.key.startsWith('person:') ? -1 : name.indexOf(' ');
    if (space > 0) {
      // "gulf of mexico" begins with the noun, "persian gulf" ends with it
      const of = name.startsWith(' of ', space);
      const head = of ? name.slice(0, space) : name.slice(name.lastIndexOf(' ') + 1);
      const whole = of ? name : '';
      if (PLACE_OF_HEADS.has(head) && !seenHeads.has(`${head}\t${whole}`)) {
        seenHeads.add(`${head}\t${whole}`);
        heads.push([head, whole]);
      }
    }
    for (const alias of organizationAliasKeys(e)) {
      const other = nameOfKey(alias);
      const pair = `${name}\t${other}`;
      if (other === name || seen.has(pair)) continue;
      seen.add(pair);
      links.push([name, other]);
    }
  }
  return { uses, links, heads };
}

/** How many texts use a name each way, across the corpus. */
export interface NameCounts {
  organization: number;
  place: number;
  other: number;
  /** texts with a person entity of this name (key "person:<name>") */
  person: number;
  /** of those, texts that say nothing that makes it a person's (see `personCued`) */
  uncuedPerson: number;
  /** for a one-word name: texts naming a person with a first name and this surname ("Fabrice Roche" for "Roche") */
  fullNames: number;
  /** texts writing it with a legal ending ("Transocean Ltd"): a company, whatever the tagger's type */
  company: number;
  /** texts typing it a non-person only in a person's term ("the Nixon administration") */
  personsTerm: number;
}

/** Texts that type the name a non-person. */
export function nonPersonTexts(c: NameCounts): number {
  return c.organization + c.place + c.other;
}

/**
 * Whether the corpus says a name the tagger calls a person is none: more texts type it an
 * organisation, place or thing than give any person evidence for it (a cue in its own text, or a
 * first name with it as surname elsewhere), at least two, and at least half as many as type it a
 * person (one text's tagging is no corpus: "Nixon", a thing in one text). "Citigroup"
 * and "Roche", typed people in texts that say nothing personal of them and companies elsewhere; not
 * "Clinton", whatever "the Clinton campaign" makes of it. Texts typing it otherwise only in a
 * person's term ("the Nixon administration") count for neither side. Where no text gives any person
 * evidence at all, the person texts are the tagger's word against the tagger's word: three texts
 * typing it otherwise are enough ("Medecins Sans Frontieres", a person with no cue in fifteen texts,
 * an organisation in four; "YouTube"; not "Bono", a place in two).
 */
export function notAPerson(c: NameCounts): boolean {
  const others = nonPersonTexts(c) - c.personsTerm;
  if (c.person === 0 || others < 2) return false;
  const evidence = Math.max(0, c.person - c.uncuedPerson) + c.fullNames;
  return (others > evidence && 2 * others >= c.person) || (evidence === 0 && others >= 3);
}

/**
 * Whether the corpus says a name some texts type otherwise is a person's: texts with a person cue
 * for it (`personCued`) are more than twice those typing it anything else, and at least two.
 * "Obama" of "the Obama administration" (a thing for the tagger in 46 texts, a place in 30, a person
 * with a cue in 188) is the person; not "Deepwater Horizon" (a person with a cue in 6 texts, the rig
 * in 320).
 */
export function mostlyAPerson(c: NameCounts): boolean {
  const cued = c.person - c.uncuedPerson;
  return cued >= 2 && cued > 2 * nonPersonTexts(c);
}

/**
 * The type of a name the corpus types a non-person at least once. A name that is an agent in some
 * texts (an organisation, a thing, or a person for the tagger) is a place only where texts calling it
 * a place are at least as many ("Citigroup" tagged a place in five texts is the company of eight);
 * of organisation and thing, the more used (a tie: organisation).
 */
export function corpusNameType(c: NameCounts): 'organization' | 'place' | 'other' | null {
  if (nonPersonTexts(c) === 0) return null;
  // Texts that say it is an organisation (a legal ending, "the campaign group Greenpeace"), two or more and a quarter of those typing it a place: no place.
  const said = c.company >= 2 && 4 * c.company >= c.place;
  if (!said && (c.place >= c.organization + c.other + c.person || (c.organization === 0 && c.other === 0))) return 'place';
  return c.other > c.organization && c.company === 0 ? 'other' : 'organization';
}

/**
 * The "X of Y" place a place noun alone names across the corpus ("Gulf" → "gulf of mexico"), where
 * texts never write the whole beside it: the noun is a place in the corpus, and one such name is
 * at least two-thirds of the texts' "X of Y" names built on it, in two texts or more, in at least
 * three times as many texts as names ending with the noun ("Persian Gulf", also "US Gulf", "Mexican
 * Gulf": which gulf such a name is, only knowledge says), and a place itself. `votes`: name (or ""
 * for one ending with the noun) → texts; the best name ties by sort order.
 */
export function headPlaceName(c: NameCounts, votes: Iterable<[string, number]>, countsOf: (name: string) => NameCounts | undefined): string | null {
  if (corpusNameType(c) !== 'place') return null;
  let total = 0;
  let ending = 0;
  let best: string | null = null;
  let bestTexts = 0;
  for (const [name, n] of votes) {
    if (!name) {
      ending += n;
      continue;
    }
    total += n;
    if (n > bestTexts || (n === bestTexts && best !== null && name < best)) [best, bestTexts] = [name, n];
  }
  if (best === null || bestTexts < 2 || 3 * bestTexts < 2 * total || bestTexts < 3 * ending) return null;
  const whole = countsOf(best);
  return whole && corpusNameType(whole) === 'place' && !mostlyAPerson(whole) ? best : null;
}

/**
 * Organisations (and other non-person names) across documents: local key → global key.
 * - One name, several types ("place:citigroup" in five texts, "organization:citigroup" in three and
 *   "person:citigroup" in five that say nothing personal of it): the corpus type (`corpusNameType`);
 *   a person key only where `notAPerson` says so.
 * - The names a text gave one organisation link their keys everywhere: a text that wrote "Centers
 *   for Disease Control and Prevention (CDC)" makes "CDC" alone elsewhere the same organisation,
 *   and one that wrote "Lehman Brothers … Lehman" does so for "Lehman" (when that name is a
 *   non-person somewhere).
 * Each group of linked names goes to its name used in the most texts (ties: by key).
 * - A name the corpus says is mostly a person's (`mostlyAPerson`) goes to its person key wherever
 *   a text types it otherwise ("other:obama" of "the Obama administration" → "person:obama").
 */
export function linkOrganizations(docs: LinkedText[]): Map<string, string> {
  const counts = new Map<string, NameCounts>();
  const countsOf = (name: string) => {
    let c = counts.get(name);
    if (!c) counts.set(name, (c = { organization: 0, place: 0, other: 0, person: 0, uncuedPerson: 0, fullNames: 0, company: 0, personsTerm: 0 }));
    return c;
  };
  const keys = new Set<string>();
  const links: Array<[string, string]> = [];
  const heads = new Map<string, Map<string, number>>();
  for (const doc of docs) {
    const names = textNames(doc);
    for (const [name, bits] of names.uses) {
      const c = countsOf(name);
      if (bits & NAME_USE.organization) c.organization++;
      if (bits & NAME_USE.place) c.place++;
      if (bits & NAME_USE.other) c.other++;
      if (bits & NAME_USE.person) c.person++;
      if (bits & NAME_USE.uncuedPerson) c.uncuedPerson++;
      if (bits & NAME_USE.company) c.company++;
      if (bits & NAME_USE.personsTerm) c.personsTerm++;
    }
    links.push(...names.links);
    for (const [head, name] of names.heads) {
      let votes = heads.get(head);
      if (!votes) heads.set(head, (votes = new Map()));
      votes.set(name, (votes.get(name) ?? 0) + 1);
    }
    for (const e of entitiesOf(doc)) keys.add(e.key);
  }
  // Person evidence for a one-word name: texts that give a person a first name and it as surname.
  for (const doc of docs) {
    const surnames = new Set<string>();
    for (const e of entitiesOf(doc)) if (e.key.startsWith('person:') && firstNameAndSurname(e.key)) surnames.add(personSurname(e.key));
    for (const s of surnames) {
      const c = counts.get(s);
      if (c) c.fullNames++;
    }
  }
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  for (const [a, b] of links) {
    if (!linkable(countsOf(a)) || !linkable(countsOf(b))) continue;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  }
  const corpusKey = (name: string) => `${corpusNameType(counts.get(name)!)}:${name}`;
  const best = new Map<string, string>();
  for (const [name, c] of counts) {
    if (nonPersonTexts(c) === 0) continue;
    const root = find(name);
    const cur = best.get(root);
    if (!cur || preferredName(name, cur, (n) => counts.get(n)!, corpusKey)) best.set(root, name);
  }
  const out = new Map<string, string>();
  for (const key of keys) {
    const name = nameOfKey(key);
    const c = counts.get(name)!;
    if (nonPersonTexts(c) === 0 || (key.startsWith('person:') && !notAPerson(c))) continue;
    // (a person's name typed otherwise follows the person: see linkAcrossDocuments)
    if (mostlyAPerson(c)) out.set(key, 'person:' + name);
    else {
      const whole = heads.has(name) ? headPlaceName(c, heads.get(name)!, (n) => counts.get(n)) : null;
      out.set(key, whole ? 'place:' + whole : corpusKey(best.get(find(name))!));
    }
  }
  return out;
}

/**
 * Whether a text's link to or from this name counts: the name of an organisation or thing in the
 * corpus, not a place ("Torbay" is the town, whatever a text that called the Torbay Care Trust
 * "Torbay" says) nor a person's.
 */
export function linkable(c: NameCounts): boolean {
  const type = corpusNameType(c);
  return type !== null && type !== 'place' && !mostlyAPerson(c);
}

/** Texts that use a name, whatever its type there: the weight of a name within its group of linked names. */
export function nameTexts(c: NameCounts): number {
  return nonPersonTexts(c) + c.person;
}

/** Whether `name` is a better key for a group of linked names than `than`: used in more texts, ties by key. */
export function preferredName(name: string, than: string, counts: (name: string) => NameCounts, corpusKey: (name: string) => string): boolean {
  const a = nameTexts(counts(name));
  const b = nameTexts(counts(than));
  return a > b || (a === b && corpusKey(name) < corpusKey(than));
}

/** The last word of a person key: "person:barack obama" → "obama", "person:obama" → "obama". */
export function personSurname(key: string): string {
  const words = key.slice(key.indexOf(':') + 1).split(' ');
  // "person:martin luther king jr" → "king"
  while (words.length > 2 && /^(jr|sr|ii|iii|iv)$/.test(words[words.length - 1]!)) words.pop();
  return words[words.length - 1]!;
}

/** The canonical type of an NER label. */
export function entityType(label: NerLabel): EntityType {
  return TYPE_OF[label];
}
