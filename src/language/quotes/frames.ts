// Cue frames that report no speech (review 5, item D4). The tagger learned PolNeAR's broad notion
// of attribution, where a verb of naming, planning or display can be a cue; with these
// complements nobody is reported as saying anything:
// - naming: "a toxin called methyl isocyanate leaked", "domes called cofferdams", "known as the
//   top kill", "What has been called the worst environmental crisis" (not "BP called the motion
//   “premature”", "called for an inquiry", "called on the president to …");
// - plans, expectations, seeming: "Obama plans to visit the area Sunday", "is expected to
//   address staff", "has chosen to make his nationwide address …", "seems to be …", "according
//   to plan" (not "said it plans to", "announced plans to", "seems to think …");
// - perception and display with a noun complement: "The video released by BP shows oil spewing
//   from a broken pipe", "found oil on the beach", "was found dead" (not "shows that …", "found
//   that …", "found the United States was in breach …": a clause is a claim).
import type { QToken } from './tokens.js';

export type NonSpeechFrame = 'naming' | 'intention' | 'display' | 'medium' | 'attribute';

interface Range {
  first: number;
  last: number;
}

const NAMING = new Set(['called', 'dubbed', 'nicknamed', 'named', 'titled', 'entitled', 'termed', 'so-called', 'renamed']);
/** "called for", "called on X to", "called out", "called off": demands and acts, not names. */
const NAMING_PARTICLE = new Set(['for', 'on', 'upon', 'out', 'off', 'back', 'up', 'in', 'into', 'over', 'it', 'this', 'that', 'him', 'her', 'them', 'me', 'us', 'you', 'himself', 'herself', 'themselves']);
const INTENTION = new Set([
  'plan', 'plans', 'planned', 'planning', 'intend', 'intends', 'intended', 'intending', 'aim', 'aims', 'aimed',
  'aiming', 'choose', 'chooses', 'chose', 'chosen', 'choosing', 'seem', 'seems', 'seemed', 'seeming', 'appear',
  'appears', 'appeared', 'expected', 'set', 'due', 'scheduled', 'slated', 'poised', 'likely', 'unlikely', 'bound',
  'tend', 'tends', 'tended', 'prepared', 'preparing', 'ready', 'going', 'about',
]);
/** Efforts before "to show": "is keen to show", "attempting to show", "an effort to show", "will seek to show". */
const EFFORT = new Set([
  ...['keen', 'eager', 'anxious', 'attempting', 'attempt', 'attempts', 'attempted', 'effort', 'efforts', 'seek', 'seeks'],
  ...['seeking', 'sought', 'try', 'trying', 'tries', 'tried', 'want', 'wants', 'wanted', 'hoping', 'hopes', 'need', 'needs'],
  ...['needed', 'aims', 'aim', 'aiming', 'designed', 'meant', 'intended', 'bid', 'chance', 'opportunity', 'way', 'plans', 'planned'],
]);
/** Of the INTENTION words, those that need a form of "be" before them ("is set to", "is due to", "is about to"). */
/** Intentions before "to" and a verb of speech: the statement is planned, not made. */
const PLANNED_SPEECH = new Set(['plan', 'plans', 'planned', 'planning', 'intend', 'intends', 'intended', 'intending', 'expected', 'set', 'due', 'scheduled', 'slated', 'poised', 'going', 'about', 'prepared', 'preparing', 'aims', 'aim', 'aiming']);
const INTENTION_AFTER_BE = new Set(['expected', 'set', 'due', 'scheduled', 'slated', 'poised', 'likely', 'unlikely', 'bound', 'prepared', 'ready', 'going', 'about']);
const DISPLAY = new Set(['show', 'shows', 'showed', 'shown', 'showing', 'find', 'finds', 'found', 'finding']);
/** Words of a cue that make it speech or a state of mind whatever else is in it ("said it plans to", "seems to think"). */
const SPEECH_OR_MIND = new Set([
  'said', 'say', 'says', 'saying', 'told', 'tell', 'tells', 'telling', 'announced', 'announce', 'announces',
  'announcing', 'stated', 'state', 'states', 'declared', 'declare', 'declares', 'added', 'wrote', 'writes', 'claimed',
  'claim', 'claims', 'argued', 'argue', 'argues', 'insisted', 'insist', 'insists', 'warned', 'warn', 'warns',
  'reported', 'report', 'reports', 'confirmed', 'confirm', 'confirms', 'denied', 'deny', 'denies', 'admitted',
  'suggested', 'suggest', 'suggests', 'indicated', 'indicate', 'indicates', 'signalled', 'signaled', 'revealed',
  'unveiled', 'disclosed', 'predicted', 'promised', 'vowed', 'pledged', 'threatened', 'proposed', 'urged',
  'think', 'thinks', 'thought', 'believe', 'believes', 'believed', 'feel', 'feels', 'felt', 'hope', 'hopes', 'hoped',
  'fear', 'fears', 'feared', 'want', 'wants', 'wanted', 'know', 'knows', 'knew', 'agree', 'agrees', 'agreed',
  'tweeted', 'wrote', 'explained', 'acknowledged', 'accused', 'blamed', 'criticized', 'criticised', 'testified',
  'hint', 'hints', 'hinted', 'signal', 'signals', 'acknowledge', 'acknowledges', 'concede', 'concedes', 'conceded',
  'admit', 'admits', 'blame', 'blames', 'accuse', 'accuses', 'criticize', 'criticizes', 'criticise', 'criticises',
  'reject', 'rejects', 'rejected', 'dispute', 'disputes', 'disputed', 'contradict', 'contradicts', 'contradicted',
  'question', 'questions', 'questioned', 'dismiss', 'dismisses', 'dismissed', 'endorse', 'endorses', 'endorsed',
  'confident', 'sure', 'convinced', 'certain', 'optimistic', 'pessimistic', 'skeptical', 'sceptical', 'worried',
  'concerned', 'determined', 'unaware', 'aware',
]);
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", "'re", 'am', 'get', 'gets', 'got', 'become', 'became', 'becomes', 'remain', 'remains', 'remained']);
const ADVERB = /^(?:also|now|still|once|often|widely|formally|formerly|informally|sometimes|originally|officially|popularly|commonly|generally|best|better|perhaps|already|reportedly|not|n't|never|then|first|later|soon|initially|locally|affectionately|aptly|appropriately|jokingly|\p{L}+ly)$/u;
/** Words that open a clause: a subject after them is the clause's ("…, but he called it …"). */
const CLAUSE_OPENERS = new Set([
  'and', 'but', 'or', 'nor', 'so', 'yet', 'that', 'which', 'who', 'whom', 'whose', 'when', 'while', 'whereas', 'as',
  'because', 'since', 'after', 'before', 'if', 'unless', 'though', 'although', 'where', 'once', 'until', 'then',
  'also', 'later', 'earlier', 'meanwhile', 'however', 'instead', 'now', 'today', 'yesterday',
]);
const PREPOSITIONS = new Set(['in', 'with', 'of', 'for', 'from', 'on', 'at', 'by', 'to', 'into', 'onto', 'as', 'like', 'about', 'under', 'over', 'through', 'via', 'using', 'inside', 'near', 'called']);
/** Nouns of people and bodies that do call things names ("a spokesman called it …", "an official called the plan …"). */
const SPEAKING_NOUNS =
  /^(?:spokes(?:man|woman|person|men|women|people)|officials?|lawmakers?|senators?|congressm[ae]n|representatives?|ministers?|presidents?|leaders?|experts?|analysts?|critics?|scientists?|residents?|witnesses?|activists?|lawyers?|attorneys?|executives?|engineers?|workers?|fishermen|owners?|members?|governors?|mayors?|judges?|editorials?|reports?|statements?|newspapers?|commentators?|observers?|investigators?|regulators?|groups?|companies|company|firms?|agency|agencies|administration|government|campaign|committee|commission|panel|lawsuit|suit|complaint|letter)$/;
/** What makes a content a clause (a claim), not a noun phrase: a subordinator first, or a finite auxiliary in it. */
const SUBORDINATOR = new Set(['that', 'whether', 'if', 'how', 'why', 'what', 'when', 'where', 'who', 'which']);
const FINITE = new Set([
  'is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'must',
  'did', 'does', 'do', "'s", "'re", "'ve", "'ll", "'d", 'shall', 'wo', 'ca',
]);
const PUNCT = /^[\p{P}]+$/u;
const CALENDAR = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|today|yesterday|tonight)\.?$/;
const RELATIVE_OPENERS = new Set(['who', 'whom', 'whose', 'which', 'one', 'where', 'when']);
const SUBJECT_PRONOUN = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you', 'there']);
/** Sources whose "shows"/"found" report a finding, a claim even with a noun complement ("The poll showed Clinton doing better"). */
const DATA_NOUNS =
  /^(?:polls?|polling|surveys?|stud(?:y|ies)|analys[ie]s|research|reports?|data|figures|statistics|numbers|averages?|results|records|documents|tests?|estimates?|models?|reviews?|audits?|investigations?|inquir(?:y|ies)|probes?|findings|evidence|memos?|e-?mails|filings|census|counts?|tall(?:y|ies)|calculations|measurements|samples|readings|projections|forecasts?|rankings?|ratings?|index|indicators?|accounts|books|scientists|researchers|experts|investigators|pollsters?)$/;
/** Sources that display things: what they show is a sight, not a claim. */
const VISUAL_NOUNS =
  /^(?:videos?|footage|films?|images?|pictures?|photos?|photographs?|cameras?|webcams?|feeds?|clips?|screens?|maps?|satellite|documentar(?:y|ies)|ads?|adverts?|commercials?|broadcasts?|television|tv|graphics?|charts?|exhibits?|exhibitions?|museum|show|shows|programmes?|programs?|movie|scenes?|aerials?|flags?|banners?|signs?|placards?|logos?|t-shirts?|posters?|graphs?|interactive|frame|grab|diagrams?|animations?|simulations?)$/;

/** The first content token after the cue (or -1): where its complement starts. */
function complementStart(tokens: QToken[], cue: Range, parts: Range[]): number {
  let best = -1;
  for (const p of parts) if (p.first > cue.last && (best < 0 || p.first < best)) best = p.first;
  return best;
}

/** Whether the words from `from` (to the end of the content piece or 14 words) form a clause with a finite verb. */
export function isClause(tokens: QToken[], from: number, to: number): boolean {
  if (from < 0) return false;
  let i = from;
  while (i <= to && PUNCT.test(tokens[i]!.text)) i++;
  if (i > to) return false;
  if (SUBORDINATOR.has(tokens[i]!.lower)) return true;
  // "has shown it knows how": a subject pronoun and its verb
  // ("found it difficult", "found it full of oily globules": a pronoun object, no clause)
  if (SUBJECT_PRONOUN.has(tokens[i]!.lower) && i + 1 <= to && (FINITE.has(tokens[i + 1]!.lower) || /^\p{Ll}+(?:s|ed)$/u.test(tokens[i + 1]!.text))) return true;
  for (let k = i + 1; k <= Math.min(to, i + 14); k++) {
    const w = tokens[k]!.lower;
    // (a finite verb of a relative clause is not the complement's: "all the energy one would expect from …")
    if (w === ',' || w === ';' || RELATIVE_OPENERS.has(w)) break;
    if (FINITE.has(w) && tokens[k - 1]!.lower !== 'to') return true;
  }
  return false;
}

/** Whether a finite verb ("has", "did", "will") is among the words from `from` to `to`. */
export function hasFiniteVerb(tokens: QToken[], from: number, to: number): boolean {
  for (let k = Math.max(0, from); k <= to; k++) if (FINITE.has(tokens[k]!.lower)) return true;
  return false;
}

/** The word before position `i` in its sentence, skipping adverbs ("is also known", "has been widely called"). */
function wordBefore(tokens: QToken[], i: number, sentenceOf: Int32Array): number {
  let k = i - 1;
  while (k >= 0 && sentenceOf[k] === sentenceOf[i] && ADVERB.test(tokens[k]!.lower) && !BE.has(tokens[k]!.lower)) k--;
  return k >= 0 && sentenceOf[k] === sentenceOf[i] ? k : -1;
}

function isPassive(tokens: QToken[], verb: number, sentenceOf: Int32Array): boolean {
  const k = wordBefore(tokens, verb, sentenceOf);
  return k >= 0 && BE.has(tokens[k]!.lower);
}

/**
 * "a toxin called X", "giant domes called cofferdams", "in a tanker called …", "The fund, called …":
 * the participle names what comes before it; the noun before is no subject of a verb of speech.
 */
function namesTheNounBefore(tokens: QToken[], verb: number, source: Range | null, sentenceOf: Int32Array): boolean {
  if (!source) return true;
  const before = verb - 1;
  // ("The fund, called an escrow account, was set up": not "Minyon Moore, a senior adviser …, called")
  if (before >= 0 && tokens[before]!.text === ',') return source.last === before - 1 && /^\p{Ll}/u.test(tokens[source.last]!.text) && !tokens.slice(source.first, source.last + 1).some((t) => t.text === ',') && !SPEAKING_NOUNS.test(tokens[source.last]!.lower);
  // the source must be the noun phrase right before the participle
  if (source.last !== before || source.last >= verb) return false;
  const head = tokens[source.last]!;
  if (!/^\p{Ll}/u.test(head.text) || SPEAKING_NOUNS.test(head.lower)) return false;
  if (source.first === source.last && /^(?:he|she|it|they|we|i|you|who|which|that)$/.test(head.lower)) return false;
  // "a toxin", "an escrow account": an indefinite noun phrase names a thing, not a speaker
  if (/^(?:a|an)$/.test(tokens[source.first]!.lower)) return true;
  // the noun phrase is an object or a complement: a preposition or a lower-case verb before it
  const k = source.first - 1;
  if (k < 0 || sentenceOf[k] !== sentenceOf[source.first]) return false;
  const w = tokens[k]!;
  if (PREPOSITIONS.has(w.lower)) return true;
  return /^\p{Ll}/u.test(w.text) && !CLAUSE_OPENERS.has(w.lower) && !BE.has(w.lower) && !PUNCT.test(w.text);
}

/**
 * Whether the source of "shows"/"found" with a noun complement shows a sight ("The video released
 * by BP", "It", "they", none) rather than reports a finding ("The Reuters/Ipsos poll", "a USA TODAY
 * analysis of …", "RealClearPolitics").
 */
function showsASight(tokens: QToken[], source: Range | null, from: number, to: number): boolean {
  if (!source) return true;
  const words = tokens.slice(source.first, source.last + 1);
  if (words.some((t) => VISUAL_NOUNS.test(t.lower))) return true;
  if (words.some((t) => DATA_NOUNS.test(t.lower))) return false;
  if (from >= 0 && FINDING_START.has(tokens[from]!.lower)) return false;
  // a name reports figures ("RealClearPolitics showing her ahead 3 points"); "Obama showed his
  // frustration", "Coast Guard officials found tar balls", "they found a way" are sights and finds
  const named = words.some((t) => /^\p{Lu}/u.test(t.text) && !/^(?:The|A|An|It|They|He|She|We|I)$/.test(t.text));
  const figures = from >= 0 && tokens.slice(from, to + 1).some((t) => /\d|%/.test(t.text) || FIGURE_WORDS.has(t.lower));
  return !(named && figures);
}
const FIGURE_WORDS = new Set(['percent', 'per', 'cent', 'lead', 'leading', 'ahead', 'behind', 'trailing', 'points', 'majority', 'half', 'third', 'quarter']);
/** A finding's first word: "found no violations", "showed little sign of …", "found evidence of …". */
const FINDING_START = new Set(['no', 'nothing', 'little', 'few', 'evidence', 'signs', 'sign', 'traces', 'proof']);

/** Before a participle used as an adjective: a figure or an article ("403 confirmed", "a confirmed"). */
const ATTRIBUTIVE_BEFORE = /^(?:[\d,.]+|a|an|the|A|An|The)$/;

// Where or how something was said: "the CDC said in its weekly report on death and disease", "said
// in a statement", "told reporters at a briefing". After such a preposition the words name the
// medium; what was said is elsewhere (the clause before, another attribution).
const MEDIUM_PREPOSITIONS = new Set(['in', 'on', 'at', 'during', 'via', 'through']);
const MEDIUM_NOUNS =
  /^(?:reports?|statements?|letters?|interviews?|briefings?|speech(?:es)?|address|conference|call|news|e-?mails?|memos?|notes?|releases?|bulletins?|updates?|postings?|posts?|blogs?|websites?|site|broadcast|programme|program|show|testimony|hearing|filing|documents?|papers?|study|journal|editorial|column|article|tweets?|messages?|advisory|alert|guidance|summary|assessment)$/;
const DETERMINERS = new Set(['a', 'an', 'the', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'this', 'that', 'these', 'those']);

/**
 * The speech verb at `verb` is followed, inside the cue or right after it, by a preposition and a
 * noun phrase naming a medium (a report, a statement), and that phrase is the whole content.
 */
function saidWhere(tokens: QToken[], verb: number, cue: Range, parts: Range[]): boolean {
  let k = verb + 1;
  if (k > cue.last + 1 || !MEDIUM_PREPOSITIONS.has(tokens[k]?.lower ?? '')) return false;
  k++;
  while (k < tokens.length && DETERMINERS.has(tokens[k]!.lower)) k++;
  // the content is that noun phrase: it starts there and holds no clause
  const start = complementStart(tokens, cue, parts);
  if (start < 0 || start > k || start < verb) return false;
  const end = parts.reduce((e, p) => Math.max(e, p.last), -1);
  if (isClause(tokens, start, end)) return false;
  for (let n = k; n <= Math.min(end, k + 3); n++) if (MEDIUM_NOUNS.test(tokens[n]!.lower)) return true;
  return false;
}

/**
 * The frame of a cue that reports no speech, or null: naming, a plan or expectation with an
 * infinitive, or perception and display of a thing (see the module comment).
 */
export function nonSpeechFrame(tokens: QToken[], sentenceOf: Int32Array, cue: Range, source: Range | null, parts: Range[], quotation: boolean): NonSpeechFrame | null {
  // "wrote a book called The Squeeze", "has to submit a document called …": what follows names the thing
  for (let v = cue.first + 2; v <= cue.last; v++) {
    if (!NAMING.has(tokens[v]!.lower)) continue;
    for (let k = v - 2; k >= Math.max(cue.first, v - 3); k--) if (/^(?:a|an)$/.test(tokens[k]!.lower)) return 'naming';
  }
  for (let i = cue.first; i <= cue.last; i++) {
    if (!SPEECH_OR_MIND.has(tokens[i]!.lower)) continue;
    // "is expected to announce", "is planning to announce", "is set to tell": a statement still to come
    if (i >= cue.first + 2 && tokens[i - 1]!.lower === 'to' && PLANNED_SPEECH.has(tokens[i - 2]!.lower) && (tokens[i - 2]!.lower !== 'expected' || isPassive(tokens, i - 2, sentenceOf))) return 'intention';
    if (!quotation && saidWhere(tokens, i, cue, parts)) return 'medium';
    // "The United States has 403 confirmed cases", "a confirmed case of swine flu", "the reported
    // measures": a participle describing the noun after it, no verb of speech
    if (!quotation && i === cue.last && i > cue.first && ATTRIBUTIVE_BEFORE.test(tokens[i - 1]!.text) && !isClause(tokens, complementStart(tokens, cue, parts), parts.reduce((e, p) => Math.max(e, p.last), -1))) return 'attribute';
    return null;
  }
  const after = cue.last + 1 < tokens.length ? tokens[cue.last + 1]! : null;
  // "according to plan", "as planned", "known as …", "also known as"
  for (let i = cue.first; i <= cue.last; i++) {
    const w = tokens[i]!.lower;
    if (w === 'according' && tokens[i + 1]?.lower === 'to' && /^(?:plan|plans|schedule|script)$/.test(tokens[i + 2]?.lower ?? '')) return 'intention';
    if (w === 'known' && (tokens[i + 1]?.lower === 'as' || (i === cue.last && after?.lower === 'as'))) return 'naming';
  }
  const start = complementStart(tokens, cue, parts);
  const contentEnd = parts.reduce((e, p) => Math.max(e, p.last), -1);
  for (let v = cue.last; v >= cue.first; v--) {
    const w = tokens[v]!.lower;
    if (NAMING.has(w)) {
      // ("called Friday for …": the day is no name)
      let n = v + 1;
      while (n < tokens.length && CALENDAR.test(tokens[n]!.text)) n++;
      const next = n <= cue.last || n === cue.last + 1 ? (tokens[n] ?? null) : after;
      if (w === 'so-called' || (v > 0 && tokens[v - 1]!.lower === 'so')) return 'naming';
      // "named for the Exxon Valdez", "was named compensation czar": names and posts, said by nobody
      if (w === 'named' && (next?.lower === 'for' || next?.lower === 'after' || isPassive(tokens, v, sentenceOf))) return 'naming';
      if (next && NAMING_PARTICLE.has(next.lower)) return null;
      // "has been called a charlatan by fellow physicians": the agent is who said it
      const by = tokens.slice(cue.last + 1, contentEnd + 3).some((t) => t.lower === 'by');
      if (isPassive(tokens, v, sentenceOf)) return by ? null : 'naming';
      // a quotation after the name: "called the motion “premature”" has an object and what it was called
      // "wrote a book called …", "has to submit a document called …": the noun before it in the cue is named
      for (let k = v - 1; k >= Math.max(cue.first, v - 3); k--) if (/^(?:a|an)$/.test(tokens[k]!.lower)) return 'naming';
      // "called Ship Island Excursions", "called Indonesian President …": a name, or a phone call
      if (n <= cue.last && /^\p{Lu}/u.test(tokens[n]!.text)) return 'naming';
      return namesTheNounBefore(tokens, v, source, sentenceOf) ? 'naming' : null;
    }
    // "as expected", "better than expected": a comparison, nobody's words
    if (w === 'expected' && v > 0 && /^(?:as|than)$/.test(tokens[v - 1]!.lower)) return 'intention';
    // "he had expected to be in the United States", "BP expects to …": a plan ("expected costs to rise" is a belief)
    if (/^(?:expect|expects|expecting)$/.test(w) || (w === 'expected' && !isPassive(tokens, v, sentenceOf))) {
      const next = v === cue.last ? after : tokens[v + 1]!;
      if (next?.lower === 'to' || (next === after && start >= 0 && tokens[start]!.lower === 'to' && start === cue.last + 1)) return 'intention';
    }
    if (INTENTION.has(w)) {
      // ("Eric Holder outlines plans: “As investigations continue, we will not hesitate …”": a quotation is said)
      if (quotation) return null;
      if (INTENTION_AFTER_BE.has(w) && !isPassive(tokens, v, sentenceOf) && w !== 'expected') continue;
      // "expected" with a subject before it and no "be" is a belief ("BP expected costs to rise")
      // ("A second vessel expected to arrive within days": a thing expected, by nobody named)
      const thing = source !== null && source.last === v - 1 && /^\p{Ll}/u.test(tokens[source.last]!.text) && !SPEAKING_NOUNS.test(tokens[source.last]!.lower) && !SUBJECT_PRONOUN.has(tokens[source.last]!.lower);
      if (w === 'expected' && source && !isPassive(tokens, v, sentenceOf) && !thing) return null;
      const next = v === cue.last ? after : tokens[v + 1]!;
      const infinitive = next?.lower === 'to' || (start >= 0 && tokens[start]!.lower === 'to') || (start >= 0 && tokens[start - 1]?.lower === 'to');
      // "seems to think …", "appears to suggest …": a state of mind or speech after all
      const toAt = next?.lower === 'to' ? v + 2 : start >= 0 && tokens[start]!.lower === 'to' ? start + 1 : start;
      // (but "is expected to announce", "plans to say": a statement still to come)
      const seeming = /^(?:seem|seems|seemed|appear|appears|appeared)$/.test(w);
      if (seeming && infinitive && toAt >= 0 && toAt < tokens.length && SPEECH_OR_MIND.has(tokens[toAt]!.lower)) return null;
      if (infinitive) return 'intention';
      // "seems rather prevalent", "seem like someone playing to the home media", "it seems BP knew …": an impression
      // (an impersonal "it appeared that …" keeps its clause, with nobody named)
      const that = start >= 0 && tokens[start]!.lower === 'that';
      // ("Hayward appears to blame Transocean: “I think it's inappropriate …”": a quotation is said)
      if (/^(?:seem|seems|seemed|appear|appears|appeared)$/.test(w)) return that || quotation ? null : 'intention';
      // "also plans an Oval Office address", "are planning for a worst case" (not the noun: "Clinton's plan would cap …")
      const finiteAfter = start >= 0 && FINITE.has(tokens[start]!.lower);
      if (/^(?:plans|planned|planning|intends?|intended)$/.test(w) && !that && !finiteAfter) return 'intention';
      return null;
    }
    if (DISPLAY.has(w)) {
      const that = start >= 0 && tokens[start]!.lower === 'that';
      if (isPassive(tokens, v, sentenceOf)) return that ? null : 'display';
      // "is keen to show he is on top of the situation", "attempting to show that …": an effort, not a claim
      if (v >= 2 && tokens[v - 1]!.lower === 'to' && EFFORT.has(tokens[v - 2]!.lower)) return 'display';
      // "The video frame grab shows …", "a flag showing the company's logo": a sight unless it shows that …
      const visual = tokens.slice(cue.first, v).some((t) => VISUAL_NOUNS.test(t.lower)) || (source !== null && tokens.slice(source.first, source.last + 1).some((t) => VISUAL_NOUNS.test(t.lower)));
      if (visual) return that ? null : 'display';
      if (isClause(tokens, start, contentEnd)) return null;
      return showsASight(tokens, source, start, contentEnd) ? 'display' : null;
    }
  }
  return null;
}

const FINDING_VERBS = /^(?:show|shows|showed|shown|showing|find|finds|found|reveal|reveals|revealed|suggest|suggests|suggested|indicate|indicates|indicated|demonstrate|demonstrates|demonstrated)$/;
/** Documents and sights, not people: what they show is nobody's quote. */
const DOCUMENT_NOUNS =
  /^(?:polls?|polling|surveys?|stud(?:y|ies)|analys[ie]s|research|reports?|data|figures|statistics|numbers|averages?|results|records|documents|tests?|estimates?|models?|reviews?|audits?|findings|evidence|memos?|e-?mails|filings|census|tall(?:y|ies)|calculations|measurements|samples|readings|projections|forecasts?|papers|transcripts?|logs?|charts?|graphs?|maps?)$/;

/**
 * "The video released by BP shows that …", "a new study by Southern Methodist University shows that
 * …", "A Gallup survey showed that …": a document or a sight shows or finds; the claim is nobody's
 * quote, whoever made or released it.
 */
export function isDocumentFinding(tokens: QToken[], cue: Range, source: Range | null): boolean {
  if (!source) return false;
  let finding = false;
  for (let i = cue.first; i <= cue.last; i++) if (FINDING_VERBS.test(tokens[i]!.lower)) finding = true;
  if (!finding) return false;
  // the head of the source: its words up to "by", "of", "from", a participle or a comma
  let end = source.last;
  for (let i = source.first + 1; i <= source.last; i++) {
    if (/^(?:by|of|from|for|in|on|at|,|which|that|who)$/.test(tokens[i]!.lower) || /^\p{Ll}+ed$/u.test(tokens[i]!.text)) {
      end = i - 1;
      break;
    }
  }
  const head = tokens[end]!.lower;
  return DOCUMENT_NOUNS.test(head) || VISUAL_NOUNS.test(head);
}
