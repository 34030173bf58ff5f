// Tense of the clause around a temporal expression: enough to decide whether a bare "July" or
// "Friday" points back from the document date or forward from it.

export type Tense = 'past' | 'present' | 'future';

const FUTURE = /^(will|'ll|shall|won't|wo|going|plans?|planned|planning|scheduled|expects?|expected|intends?|due|upcoming|next|would|to)$/i;
const PAST = /^(was|were|had|did|said|told|came|went|took|made|gave|got|met|left|began|saw|held|won|lost|fell|rose|sold|bought|paid|struck|spoke|wrote|ran|set|put|found|brought|thought|became|ago|announced|reported|last|earlier|signed|killed|arrested|wasn't|weren't|didn't|hadn't)$/i;
const PRESENT = /^(is|are|am|isn't|aren't|has|have|says|continues?|remains?)$/i;
const WORD = /[A-Za-z']+/g;

/**
 * Tense near character `at` of `sentence`: the nearest verb-like marker wins, looking left first
 * (the verb governing an adverbial usually precedes it in English news prose), then right.
 */
export function tenseAt(sentence: string, at: number): Tense {
  let best: { dist: number; tense: Tense } | null = null;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(sentence))) {
    const w = m[0];
    let t: Tense | null = null;
    if (FUTURE.test(w)) {
      // "to" only marks the future in "to be"/"to take" after a plan word; on its own it is weak.
      if (w.toLowerCase() === 'to' || w.toLowerCase() === 'would') continue;
      t = 'future';
    } else if (PAST.test(w)) t = 'past';
    else if (w.length > 4 && /ed$/i.test(w) && !/(need|feed|seed|speed|proceed|exceed|succeed|based|called|red|bed)$/i.test(w)) t = 'past';
    else if (PRESENT.test(w)) t = 'present';
    if (!t) continue;
    const pos = m.index;
    let dist = Math.abs(pos - at);
    if (pos > at) dist *= 1.5; // prefer markers to the left
    if (t === 'present') dist *= 1.3; // weak evidence
    if (!best || dist < best.dist) best = { dist, tense: t };
  }
  return best?.tense ?? 'past';
}
