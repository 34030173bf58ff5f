// Canonical entities within a document: mentions grouped into one identity each, roles kept apart.
//
// People: multi-word names are grouped by surname + first name (or initial); a one-word mention
// ("Putin") joins the full name it shortens when only one person in the document carries it, or the
// most recently mentioned of them otherwise. Places and organisations: an alias table for common
// variants ("U.S.", "USA" → United States), in-document acronyms ("Organization for … (OSCE)"), and
// a majority vote over the types the tagger gave the same name. Roles ("Kremlin spokesman", "US
// Secretary of State") come from the words before a name or an appositive after it, and are kept
// on the mention (`role`) and on the entity (`roles`), never in the name.
import type { DocEntity, EntityMention, EntityType, NerLabel, Sentence, Token } from '../types.js';

const TYPE_OF: Record<NerLabel, EntityType> = { PER: 'person', ORG: 'organization', LOC: 'place', MISC: 'other' };

/** Common variant spellings of countries and organisations → [canonical name, type]. */
const ALIASES: Record<string, [string, EntityType]> = {};
function alias(canonical: string, type: EntityType, ...variants: string[]): void {
  for (const v of [canonical, ...variants]) ALIASES[normalizeName(v)] = [canonical, type];
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
    .replace(/\p{M}/gu, '')
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
    'professor candidate nominee')
    .split(' '),
);
/** Words that may sit inside a role phrase: "Secretary of State", "Press Secretary of the President of Russia". */
const ROLE_INNER = new Set(
  ('of the for foreign defense defence state national security press deputy vice prime first acting former interim ' +
    'senior top chief general assistant special affairs interior finance economic economy trade justice homeland ' +
    'international public information health energy commerce treasury presidential federal executive military ' +
    "'s ’s - the").split(' '),
);
export const HONORIFICS = new Set('mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady mx mx. messrs messrs.'.split(' '));
const NOT_ROLE_START = new Set(
  ('on in at by with from to after before during as and but or while when said says told the a an his her their its our ' +
    'this that these those monday tuesday wednesday thursday friday saturday sunday earlier later meanwhile however also').split(' '),
);

function isCapitalized(t: string): boolean {
  return /^\p{Lu}/u.test(t);
}

/** The role words right before a mention ("US Secretary of State"), or null. */
function roleBefore(tokens: Token[], first: number, text: string, mentionStarts: Set<number>, personAt: (offset: number) => boolean): string | null {
  let k = first - 1;
  let head = -1;
  while (k >= 0 && first - k <= 8) {
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
    if (ROLE_HEADS.has(lw)) {
      if (head < 0) head = k;
    } else if (!(ROLE_INNER.has(lw) || (isCapitalized(w) && !NOT_ROLE_START.has(lw)) || mentionStarts.has(tokens[k]!.start))) break;
    k--;
  }
  if (head < 0) return null;
  let start = k + 1;
  // Trim function words at the left edge ("of", "the", "'s" without an owner).
  while (start < first && (NOT_ROLE_START.has(tokens[start]!.text.toLowerCase()) || /^(of|for|and|-|'s|’s)$/i.test(tokens[start]!.text))) start++;
  if (start >= first) return null;
  const role = text.slice(tokens[start]!.start, tokens[first - 1]!.end).trim();
  return role || null;
}

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
}

function personName(surface: string): PersonName | null {
  const tokens = surface
    .split(/\s+/)
    .filter((t) => t && !HONORIFICS.has(t.toLowerCase()))
    .map((t) => t.replace(/[.,]+$/, (m) => (t.length <= 2 ? m : '')));
  // Drop a trailing generational suffix from the surname slot.
  const core = tokens.filter((t, i) => !(i > 0 && /^(jr\.?|sr\.?|ii|iii|iv)$/i.test(t)));
  if (core.length === 0) return null;
  const last = core[core.length - 1]!;
  return { first: core.length > 1 ? core[0]! : null, last, full: core.join(' '), tokens: core };
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
  const mentionStarts = new Set<number>();
  for (const m of mentions) mentionStarts.add(m.start);
  const sorted = [...mentions].sort((a, b) => a.start - b.start);

  // Roles.
  const personSpans = sorted.filter((m) => m.label === 'PER');
  // Is `offset` inside a person span? The spans are sorted by start; reachEnd[i] is the furthest
  // end among spans 0..i, so the spans starting at or before `offset` cover it iff it is below that.
  const reachEnd: number[] = [];
  for (const m of personSpans) reachEnd.push(Math.max(m.end, reachEnd[reachEnd.length - 1] ?? -Infinity));
  const personAt = (offset: number) => {
    let lo = 0;
    let hi = personSpans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (personSpans[mid]!.start <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && offset < reachEnd[lo - 1]!;
  };
  for (const m of sorted) {
    if (m.label !== 'PER') continue;
    const s = sentences[m.sentence];
    if (!s) continue;
    const first = firstTokenFrom(s.tokens, m.start);
    let last = first;
    while (last + 1 < s.tokens.length && s.tokens[last + 1]!.end <= m.end) last++;
    if (first < 0) continue;
    const role = roleBefore(s.tokens, first, text, mentionStarts, personAt) ?? roleAfter(s.tokens, last, text, personAt);
    if (role) m.role = role;
  }

  // "Hunter Biden" tagged as a place when another Biden is a person: a first name + known surname is a person.
  const knownSurnames = new Set(sorted.filter((m) => m.label === 'PER').map((m) => normalizeName(m.text).split(' ').pop()!));
  for (const m of sorted) {
    if (m.label === 'PER') continue;
    const parts = m.text.trim().split(/\s+/);
    if (parts.length >= 2 && parts.length <= 3 && parts.every((p) => /^\p{Lu}\p{Ll}+$/u.test(p)) && knownSurnames.has(normalizeName(parts[parts.length - 1]!)) && !aliasOf(m.text)) {
      m.label = 'PER';
    }
  }

  // People: full names first, so one-word mentions anywhere in the text can find them.
  const people: Group[] = [];
  // normalised surname and first name of each person group (a group's name changes only to one with the same surname)
  const lastKeys = new Map<Group, string>();
  const firstKeys = new Map<Group, string | null>();
  const lastKey = (g: Group) => {
    let k = lastKeys.get(g);
    if (k === undefined) lastKeys.set(g, (k = normalizeName(g.person!.last)));
    return k;
  };
  const singles: { m: EntityMention; name: PersonName; order: number }[] = [];
  sorted.forEach((m, order) => {
    if (m.label !== 'PER') return;
    const name = personName(m.text);
    if (!name) return;
    if (name.first === null) {
      singles.push({ m, name, order });
      return;
    }
    const last = normalizeName(name.last);
    const match = people.find((g) => lastKey(g) === last && g.person!.first !== null && sameFirst(g.person!.first, name.first!));
    if (match) {
      match.mentions.push(m);
      if (name.tokens.length > match.person!.tokens.length && !/^\p{Lu}\.?$/u.test(name.first!)) {
        match.person = name;
        match.name = name.full;
      }
      match.lastSeen = order;
    } else people.push({ type: 'person', name: name.full, mentions: [m], person: name, lastSeen: order });
  });

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
    const key = normalizeName(word);
    return people.filter((g) => lastKey(g) === key);
  };
  const byFirst = (word: string) => {
    const key = normalizeName(word);
    return people.filter((g) => g.person!.first !== null && firstKey(g) === key);
  };
  const lastMention = (g: Group, before: number) => {
    let best = -1;
    for (const m of g.mentions) if (m.start < before) best = Math.max(best, m.start);
    return best;
  };
  const pickPerson = (candidates: Group[], at: number): Group | null => {
    if (candidates.length === 1) return candidates[0]!;
    if (candidates.length === 0) return null;
    // Several people share the name: the one mentioned most recently before this mention.
    let best: Group | null = null;
    let bestAt = -1;
    for (const g of candidates) {
      const p = lastMention(g, at);
      if (p > bestAt) {
        bestAt = p;
        best = g;
      }
    }
    return best;
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
      const g = pickPerson(byLast(name.last), m.start) ?? pickPerson(byFirst(name.last), m.start);
      if (g) g.mentions.push(m);
      else groupFor('person:' + normalizeName(name.last), name.last, 'person').mentions.push(m);
      continue;
    }
    // A one-word non-person mention that is the surname of a person named in the text is that person.
    if (!multiWord(m.text) && isCapitalized(m.text) && !aliasOf(m.text)) {
      const g = byLast(m.text);
      if (g.length === 1) {
        m.label = 'PER';
        g[0]!.mentions.push(m);
        continue;
      }
    }
    const known = aliasOf(m.text);
    const name = known ? known[0] : m.text.replace(/^the\s+/i, '').replace(/['’]s$/, '');
    // Group by name across types first; the type is decided by vote below.
    groupFor(normalizeName(name), name, known ? known[1] : TYPE_OF[m.label]).mentions.push(m);
  }

  // Acronyms defined in the text: "Organization for Security and Co-operation in Europe (OSCE)".
  for (const [key, g] of [...others]) {
    if (!/^\p{Lu}{2,6}$/u.test(g.name) || aliasOf(g.name)) continue;
    let target: Group | undefined;
    for (const o of others.values()) {
      if (o !== g && o.type !== 'person' && initials(o.name) === g.name) {
        target = o;
        break;
      }
    }
    if (target) {
      target.mentions.push(...g.mentions);
      others.delete(key);
    }
  }

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
    const key = `${g.type}:${normalizeName(g.name)}`;
    const aliases = [...new Set(g.mentions.map((m) => m.text))].filter((a) => a !== g.name);
    const roles = [...new Set(g.mentions.map((m) => m.role).filter((r): r is string => !!r))];
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
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < tokens.length ? lo : -1;
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

/**
 * Links entity keys across documents. Every key maps to itself, except a person known in some
 * document only by one name ("person:putin"): it maps to the full-name key of the corpus whose
 * surname (or, failing that, first name) it is, when exactly one such full name exists, or when one
 * of them accounts for at least three quarters of the documents that use any of them.
 * Returns local key → global key for every key seen.
 */
export function linkAcrossDocuments(entitiesPerDoc: DocEntity[][]): Map<string, string> {
  const out = new Map<string, string>();
  const fullBySurname = new Map<string, Map<string, number>>();
  for (const doc of entitiesPerDoc) {
    for (const e of doc) {
      out.set(e.key, e.key);
      if (e.type !== 'person') continue;
      const parts = normalizeName(e.name).split(' ');
      if (parts.length < 2) continue;
      const surname = parts[parts.length - 1]!;
      let m = fullBySurname.get(surname);
      if (!m) fullBySurname.set(surname, (m = new Map()));
      m.set(e.key, (m.get(e.key) ?? 0) + 1);
    }
  }
  for (const key of out.keys()) {
    if (!key.startsWith('person:')) continue;
    const name = key.slice('person:'.length);
    if (name.includes(' ')) continue;
    const candidates = fullBySurname.get(name);
    if (!candidates) continue;
    const ranked = [...candidates.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const total = ranked.reduce((s, [, c]) => s + c, 0);
    if (ranked.length === 1 || ranked[0]![1] / total >= 0.75) out.set(key, ranked[0]![0]);
  }
  return out;
}

/** The canonical type of an NER label. */
export function entityType(label: NerLabel): EntityType {
  return TYPE_OF[label];
}
