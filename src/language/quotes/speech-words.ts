// Words of saying, writing, showing and thinking: what makes a cue report speech (isStatement in
// index.ts; decode.ts, before a content is run over an attribution the tagger found inside it).

/**
 * Verbs, adjectives and nouns of saying, writing, showing and thinking (as lemmas): what reported
 * speech needs in its cue to be listed as a statement (session 10). The tagger follows PolNeAR's broad
 * notion of attribution and also tags acts, attempts and states ("BP sought [to reassure investors]",
 * "Feinberg oversaw [compensation for …]", "is attempting [a top kill]", "has faced criticism for
 * [his handling]", "BP's attempts [to control …]"): of the 5,423 statements in a store of the T17 BP
 * articles, the 311 whose cue has none of these words were all but a handful such acts. A quotation
 * needs no such cue (the quotation marks say it was said).
 */
const SPEECH_LEMMAS = new Set(
  (
    'say tell add state claim argue insist warn announce confirm deny admit acknowledge explain note write report suggest predict ' +
    'estimate describe declare reveal stress point accuse promise pledge vow urge ask answer reply respond repeat reiterate comment ' +
    'remark mention observe quip joke criticise criticize condemn praise hail blame dismiss reject question challenge complain protest ' +
    'concede assert maintain contend allege cite quote call demand threaten caution advise recommend propose conclude find show ' +
    'indicate imply reckon calculate forecast project tweet post blog testify brief inform assure reassure lament boast brag concur ' +
    'counter rebut retort snap fume rage shout scream yell whisper mutter plead beg appeal vent voice express emphasise emphasize ' +
    'underline highlight outline detail list characterise characterize label dub brand portray depict liken compare signal hint ' +
    'speculate wonder muse sigh exclaim cry proclaim pronounce confess apologise apologize thank congratulate welcome applaud blast ' +
    'slam attack lash rap chide scold fault mock ridicule deride denounce decry deplore regret notify remind guarantee swear certify ' +
    'read sum email e-mail text telephone phone interrupt clear accord according ' +
    'believe think hope fear expect want wish feel know worry doubt suspect understand assume agree disagree accept recall ' +
    'remember realise realize learn convince reaffirm affirm dispute contradict downplay disclose request assail rule ' +
    'convinced confident aware sure certain adamant keen eager concerned worried hopeful optimistic pessimistic unaware sceptical skeptical ' +
    'statement announcement comment remark warning assurance allegation testimony letter memo report interview speech address ' +
    'message word view opinion assessment estimate prediction forecast argument claim admission'
  ).split(' '),
);
const IRREGULAR_LEMMAS: Record<string, string> = {
  said: 'say', says: 'say', told: 'tell', wrote: 'write', written: 'write', thought: 'think', felt: 'feel', knew: 'know', known: 'know',
  understood: 'understand', found: 'find', shown: 'show', swore: 'swear', sworn: 'swear', spoke: 'speak', spoken: 'speak',
};
const INFLECTIONS: [string, string][] = [['ies', 'y'], ['ied', 'y'], ['es', ''], ['s', ''], ['ed', ''], ['ed', 'e'], ['d', ''], ['ing', ''], ['ing', 'e']];

/** Whether a word is one of these lemmas, or an inflection of one ("admitted", "regretting", "said"). */
export function isSpeechWord(word: string): boolean {
  const w = word.toLowerCase();
  if (SPEECH_LEMMAS.has(w) || SPEECH_LEMMAS.has(IRREGULAR_LEMMAS[w] ?? '')) return true;
  for (const [suffix, stem] of INFLECTIONS) {
    if (w.length - suffix.length < 3 || !w.endsWith(suffix)) continue;
    const base = w.slice(0, -suffix.length);
    if (SPEECH_LEMMAS.has(base + stem)) return true;
    // a doubled consonant: "admitted", "regretting"
    if ((suffix === 'ed' || suffix === 'ing') && base.length > 3 && base[base.length - 1] === base[base.length - 2] && SPEECH_LEMMAS.has(base.slice(0, -1))) return true;
  }
  return false;
}
