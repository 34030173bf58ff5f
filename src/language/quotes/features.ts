// Token features for the attribution tagger (SOURCE / CUE / CONTENT spans).
import type { QToken } from './tokens.js';

/** Per-token quotation state: 0 outside, 1 inside, 2 an opening mark, 3 a closing mark. */
export function quoteStates(tokens: QToken[], text: string): Uint8Array {
  const state = new Uint8Array(tokens.length);
  let depth = 0;
  let german = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.text;
    const before = tokens[i]!.start > 0 ? text[tokens[i]!.start - 1]! : ' ';
    const after = tokens[i]!.end < text.length ? text[tokens[i]!.end]! : ' ';
    let kind: 'open' | 'close' | null = null;
    if (t === '„' || t === '«') kind = 'open';
    else if (t === '»' || t === '”') kind = 'close';
    else if (t === '“') kind = german ? 'close' : 'open';
    else if (t === '"') {
      const spaceBefore = /[\s(\[—–-]/.test(before) || tokens[i]!.start === 0;
      const spaceAfter = /[\s.,;:!?)\]]/.test(after);
      if (depth > 0 && !spaceBefore) kind = 'close';
      else if (depth > 0 && spaceAfter) kind = 'close';
      else kind = depth > 0 ? 'close' : 'open';
    }
    if (kind === 'open') {
      if (t === '„') german = true;
      depth++;
      state[i] = 2;
    } else if (kind === 'close') {
      if (depth > 0) depth--;
      if (depth === 0) german = false;
      state[i] = 3;
    } else state[i] = depth > 0 ? 1 : 0;
  }
  return state;
}

export function shape(word: string): string {
  let s = '';
  let last = '';
  for (const ch of word) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (c !== last) s += c;
    last = c;
    if (s.length > 5) break;
  }
  return s;
}

function bucket(d: number): string {
  return d <= 3 ? String(d) : d <= 6 ? '4-6' : d <= 10 ? '7-10' : d <= 20 ? '11-20' : '>20';
}

const PRONOUNS = new Set(['he', 'she', 'they', 'i', 'we', 'it', 'you']);

export interface CueLexicon {
  /** Share of a word's occurrences that lie in a gold cue, for words seen as cues in training. */
  get(word: string): number | undefined;
}

/**
 * Features of every token of one sequence (a paragraph, or a content span re-tagged for nested
 * attributions). `cueProb` marks cue candidates, whose positions drive the long-range features.
 */
export function sequenceFeatures(tokens: QToken[], text: string, lexicon: CueLexicon, nested: boolean): string[][] {
  const n = tokens.length;
  const q = quoteStates(tokens, text);
  const words = tokens.map((t) => t.lower);
  const cueP = words.map((w) => lexicon.get(w) ?? 0);
  const isCue = cueP.map((p, i) => p >= 0.15 && q[i] === 0);
  // sentence ids
  const sent = new Int32Array(n);
  let s = -1;
  for (let i = 0; i < n; i++) {
    if (tokens[i]!.sentStart || i === 0) s++;
    sent[i] = s;
  }
  // nearest cue candidate left/right within the sentence, and within the sequence
  const leftCue = new Int32Array(n).fill(-1);
  const rightCue = new Int32Array(n).fill(-1);
  let last = -1;
  for (let i = 0; i < n; i++) {
    leftCue[i] = last;
    if (isCue[i]) last = i;
  }
  last = -1;
  for (let i = n - 1; i >= 0; i--) {
    rightCue[i] = last;
    if (isCue[i]) last = i;
  }
  // commas and quote marks between a token and its cue matter for "…, he said" and "“…,” he said"
  const commaPrefix = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) commaPrefix[i + 1] = commaPrefix[i]! + (words[i] === ',' ? 1 : 0);
  const sentLen = new Map<number, number>();
  for (let i = 0; i < n; i++) sentLen.set(sent[i]!, (sentLen.get(sent[i]!) ?? 0) + 1);
  const sentFirst = new Int32Array(n);
  for (let i = 0; i < n; i++) sentFirst[i] = i > 0 && sent[i] === sent[i - 1] ? sentFirst[i - 1]! : i;

  const out: string[][] = [];
  const w = (k: number) => (k < 0 ? '<s>' : k >= n ? '</s>' : words[k]!);
  for (let i = 0; i < n; i++) {
    const word = words[i]!;
    const tok = tokens[i]!;
    const f: string[] = ['b'];
    if (nested) f.push('nest');
    f.push('w=' + word, 'sh=' + shape(tok.text), 'su=' + word.slice(-3), 'w-1=' + w(i - 1), 'w+1=' + w(i + 1));
    f.push('w-2=' + w(i - 2), 'w+2=' + w(i + 2), 'w-1w=' + w(i - 1) + '|' + word, 'ww+1=' + word + '|' + w(i + 1));
    f.push('sh-1=' + (i > 0 ? shape(tokens[i - 1]!.text) : '<s>') + '|sh+1=' + (i + 1 < n ? shape(tokens[i + 1]!.text) : '</s>'));
    const qs = q[i]!;
    f.push('q=' + qs);
    if (i > 0) f.push('q-1=' + q[i - 1]);
    if (i + 1 < n) f.push('q+1=' + q[i + 1]);
    if (PRONOUNS.has(word)) f.push('pron');
    const p = cueP[i]!;
    f.push('cp=' + (p >= 0.5 ? 'hi' : p >= 0.15 ? 'mid' : p > 0.02 ? 'lo' : 'no') + '|q=' + (qs === 1 ? 1 : 0));
    if (tok.sentStart) f.push('ss');
    if (i === 0) f.push('ps');
    const posInSent = i - sentFirst[i]!;
    f.push('pos=' + bucket(posInSent));
    const remaining = sentFirst[i]! + sentLen.get(sent[i]!)! - 1 - i;
    f.push('rem=' + bucket(remaining));
    const lc = leftCue[i]!;
    const rc = rightCue[i]!;
    if (lc >= 0) {
      const same = sent[lc] === sent[i] ? 'S' : 'P';
      const d = bucket(i - lc);
      const commas = commaPrefix[i]! - commaPrefix[lc + 1]!;
      f.push('lc=' + same + d, 'lcw=' + same + words[lc], 'lcq=' + same + qs + '|' + (commas > 0 ? 'c' : 'n'));
      f.push('lcn=' + same + w(lc + 1) + '|' + (i - lc <= 2 ? d : 'far'));
    } else f.push('lc=none|q' + qs);
    if (rc >= 0) {
      const same = sent[rc] === sent[i] ? 'S' : 'P';
      const d = bucket(rc - i);
      const commas = commaPrefix[rc]! - commaPrefix[i + 1]!;
      f.push('rc=' + same + d, 'rcw=' + same + words[rc], 'rcq=' + same + qs + '|' + (commas > 0 ? 'c' : 'n'));
      f.push('rcp=' + same + w(rc - 1) + '|' + (rc - i <= 2 ? d : 'far'));
    } else f.push('rc=none|q' + qs);
    if (lc >= 0 && rc >= 0) f.push('both=' + (sent[lc] === sent[i]) + (sent[rc] === sent[i]));
    out.push(f);
  }
  return out;
}
