// Token features for the attribution tagger (SOURCE / CUE / CONTENT spans).
// Features are 32-bit hashes of (template, values) computed without building strings: each
// token's word hash is computed once and mixed with small integers, which keeps the tagger fast.
import type { QToken } from './tokens.js';
import { fnv1a, mix32 } from '../../text/hash.js';

/** Quotation states of the token arrays seen last (tagging, attribution and the quote rules each need them). */
const quoteStateCache = new WeakMap<QToken[], { text: string; states: Uint8Array }>();

/**
 * Per-token quotation state: 0 outside, 1 inside, 2 an opening mark, 3 a closing mark.
 * The array is shared between callers for the same tokens: do not modify it.
 */
export function quoteStates(tokens: QToken[], text: string): Uint8Array {
  const known = quoteStateCache.get(tokens);
  if (known && known.text === text) return known.states;
  const states = computeQuoteStates(tokens, text);
  quoteStateCache.set(tokens, { text, states });
  return states;
}

function computeQuoteStates(tokens: QToken[], text: string): Uint8Array {
  const state = new Uint8Array(tokens.length);
  let depth = 0;
  let german = false;
  // a “ typed where a closing mark belongs: inside a quotation with no closing mark after it
  const closeAfter = new Uint8Array(tokens.length + 1);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!.text;
    closeAfter[i] = closeAfter[i + 1]! || t === '”' || t === '»' || t === '"' ? 1 : 0;
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.text;
    const before = tokens[i]!.start > 0 ? text[tokens[i]!.start - 1]! : ' ';
    if (t === "'" && tokens[i + 1]?.text === "'" && tokens[i + 1]!.start === tokens[i]!.end) {
      // ''…'': two apostrophes for a quotation mark, opening and closing alike (NYT archive text):
      // both tokens get the state of one mark, as a " would
      const after = tokens[i + 1]!.end < text.length ? text[tokens[i + 1]!.end]! : ' ';
      const opens = depth === 0 && (/[\s(\[—–-]/.test(before) || tokens[i]!.start === 0) && !/[\s.,;:!?)\]]/.test(after);
      if (opens) depth++;
      else if (depth > 0) depth--;
      else continue;
      state[i] = state[i + 1] = opens ? 2 : 3;
      i++;
      continue;
    }
    const after = tokens[i]!.end < text.length ? text[tokens[i]!.end]! : ' ';
    let kind: 'open' | 'close' | null = null;
    if (t === '„' || t === '«') kind = 'open';
    else if (t === '»' || t === '”') kind = 'close';
    else if (t === '“') kind = german || (depth > 0 && !closeAfter[i + 1]) ? 'close' : 'open';
    else if (t === '"') {
      const spaceBefore = /[\s(\[—–-]/.test(before) || tokens[i]!.start === 0;
      const spaceAfter = /[\s.,;:!?)\]]/.test(after);
      if (depth > 0 && (!spaceBefore || spaceAfter)) kind = 'close';
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

/** Word shape: runs of upper-case (X), lower-case (x), digits (d) and other characters as themselves, at most 6. */
export function shape(word: string): string {
  let s = '';
  let last = '';
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    let c: string;
    if (code < 128) {
      c = code >= 65 && code <= 90 ? 'X' : code >= 97 && code <= 122 ? 'x' : code >= 48 && code <= 57 ? 'd' : word[i]!;
    } else {
      const ch = String.fromCodePoint(word.codePointAt(i)!);
      if (ch.length === 2) i++;
      c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    }
    if (c !== last) s += c;
    last = c;
    if (s.length > 5) break;
  }
  return s;
}

/** FNV-1a hash of a string (kept under this name for the trained model's feature ids). */
export const hashString = fnv1a;

function mix(h: number, v: number): number {
  let k = Math.imul(v | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}


// The seed mixed with each template number, computed once (the hashes are unchanged).
const TEMPLATE = new Int32Array(64);
for (let t = 0; t < 64; t++) TEMPLATE[t] = mix(0x9747b28c, t);
export const f1 = (t: number, a: number) => mix32(mix(TEMPLATE[t]!, a));
export const f2 = (t: number, a: number, b: number) => mix32(mix(mix(TEMPLATE[t]!, a), b));
export const f3 = (t: number, a: number, b: number, c: number) => mix32(mix(mix(mix(TEMPLATE[t]!, a), b), c));

/**
 * Feature hashes of a whole sequence in one buffer: token i's hashes are
 * hashes[offsets[i] .. offsets[i + 1]). Avoids an array per token on the decoding path.
 */
export interface FlatFeatures {
  hashes: Uint32Array;
  offsets: Int32Array;
}

/** Growable flat feature writer (one per call; the buffer is sized for the worst case up front). */
class FlatWriter {
  hashes: Uint32Array;
  readonly offsets: Int32Array;
  used = 0;
  constructor(n: number, perToken: number) {
    this.hashes = new Uint32Array(Math.max(16, n * perToken));
    this.offsets = new Int32Array(n + 1);
  }
  push(h: number): void {
    if (this.used === this.hashes.length) {
      const bigger = new Uint32Array(this.hashes.length * 2);
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    this.hashes[this.used++] = h;
  }
  done(): FlatFeatures {
    return { hashes: this.hashes.subarray(0, this.used), offsets: this.offsets };
  }
}

function unflatten(flat: FlatFeatures): Uint32Array[] {
  const out: Uint32Array[] = [];
  for (let i = 0; i + 1 < flat.offsets.length; i++) out.push(flat.hashes.slice(flat.offsets[i]!, flat.offsets[i + 1]!));
  return out;
}

export function bucket(d: number): number {
  return d <= 3 ? d : d <= 6 ? 4 : d <= 10 ? 5 : d <= 20 ? 6 : 7;
}

export const PRONOUNS = new Set(['he', 'she', 'they', 'i', 'we', 'it', 'you']);
export const BOS = hashString('<s>');
export const EOS = hashString('</s>');

const wordHashCache = new Map<string, number>();
export function wordHash(s: string): number {
  let h = wordHashCache.get(s);
  if (h === undefined) {
    h = hashString(s);
    if (wordHashCache.size > 200000) wordHashCache.clear();
    wordHashCache.set(s, h);
  }
  return h;
}

interface WordInfo {
  wh: number;
  sh: number;
  su: number;
  cueP: number;
}
/** Per-lexicon cache of a token text's hashes and cue rate. */
const wordInfoCache = new WeakMap<Map<string, number>, Map<string, WordInfo>>();

/** First-pass tags given to the second pass (stacking): 0 O, 1 source, 2 cue, 3 content. */
export type Roles = Uint8Array;

/**
 * Feature hashes of every token of one sequence (a paragraph, or a content span re-tagged for
 * nested attributions). Words the cue lexicon rates likely cues drive long-range features
 * (direction, distance, same sentence, commas between). `prior` holds first-pass roles.
 */
export function sequenceFeatures(
  tokens: QToken[],
  text: string,
  lexicon: Map<string, number>,
  nested: boolean,
  prior: Roles | null = null,
): Uint32Array[] {
  const base = baseFeatures(tokens, text, lexicon, nested);
  if (!prior) return base.features;
  const extra = stackedFeatures(base.context, prior);
  return base.features.map((f, i) => {
    const all = new Uint32Array(f.length + extra[i]!.length);
    all.set(f);
    all.set(extra[i]!, f.length);
    return all;
  });
}

/** What the stacked features need from the base pass. */
export interface FeatureContext {
  n: number;
  q: Uint8Array;
  wh: Uint32Array;
  sent: Int32Array;
}

/** Features that do not depend on a previous stage. */
export function baseFeatures(
  tokens: QToken[],
  text: string,
  lexicon: Map<string, number>,
  nested: boolean,
): { features: Uint32Array[]; context: FeatureContext } {
  const { flat, context } = baseFeaturesFlat(tokens, text, lexicon, nested);
  return { features: unflatten(flat), context };
}

/** baseFeatures in one flat buffer (the decoding path). */
export function baseFeaturesFlat(
  tokens: QToken[],
  text: string,
  lexicon: Map<string, number>,
  nested: boolean,
): { flat: FlatFeatures; context: FeatureContext } {
  const n = tokens.length;
  const q = quoteStates(tokens, text);
  const wh = new Uint32Array(n);
  const sh = new Uint32Array(n);
  const su = new Uint32Array(n);
  const cueP = new Float32Array(n);
  const isCue = new Uint8Array(n);
  let cache = wordInfoCache.get(lexicon);
  if (!cache) {
    cache = new Map();
    wordInfoCache.set(lexicon, cache);
  }
  for (let i = 0; i < n; i++) {
    const tok = tokens[i]!;
    let info = cache.get(tok.text);
    if (!info) {
      const w = tok.lower;
      info = { wh: wordHash(w), sh: wordHash(shape(tok.text)), su: wordHash(w.length > 3 ? w.slice(-3) : w), cueP: lexicon.get(w) ?? 0 };
      if (cache.size > 200000) cache.clear();
      cache.set(tok.text, info);
    }
    wh[i] = info.wh;
    sh[i] = info.sh;
    su[i] = info.su;
    cueP[i] = info.cueP;
    isCue[i] = info.cueP >= 0.15 && q[i] === 0 ? 1 : 0;
  }
  const sent = new Int32Array(n);
  const sentFirst = new Int32Array(n);
  let s = -1;
  for (let i = 0; i < n; i++) {
    if (tokens[i]!.sentStart || i === 0) s++;
    sent[i] = s;
    sentFirst[i] = i > 0 && sent[i] === sent[i - 1] ? sentFirst[i - 1]! : i;
  }
  const sentLast = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) sentLast[i] = i < n - 1 && sent[i] === sent[i + 1] ? sentLast[i + 1]! : i;
  const leftCue = new Int32Array(n);
  const rightCue = new Int32Array(n);
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
  const commaPrefix = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) commaPrefix[i + 1] = commaPrefix[i]! + (tokens[i]!.text === ',' ? 1 : 0);
  const lexBucket = (k: number) => {
    if (k < 0 || k >= n) return 9;
    const p = cueP[k]!;
    return p >= 0.5 ? 3 : p >= 0.15 ? 2 : p > 0.02 ? 1 : 0;
  };
  const lastColon = new Int32Array(n);
  const thatAfterLeftCue = new Uint8Array(n);
  {
    let c = -1;
    let that = 0;
    for (let i = 0; i < n; i++) {
      lastColon[i] = c;
      thatAfterLeftCue[i] = that;
      const t = tokens[i]!.text;
      if (t === ':' || t === '—' || t === '–') c = i;
      if (isCue[i]) that = 0;
      else if (tokens[i]!.lower === 'that' && i > 0 && leftCue[i] >= 0 && i - leftCue[i]! <= 4) that = 1;
      if (tokens[i]!.sentStart) that = 0;
    }
  }
  const W = (k: number) => (k < 0 ? BOS : k >= n ? EOS : wh[k]!);
  const S = (k: number) => (k < 0 ? BOS : k >= n ? EOS : sh[k]!);
  const f = new FlatWriter(n, 48);
  const offsets = f.offsets;
  for (let i = 0; i < n; i++) {
    offsets[i] = f.used;
    const qs = q[i]!;
    const inQ = qs === 1 ? 1 : 0;
    f.push(f1(1, nested ? 1 : 0));
    f.push(f1(2, W(i)));
    f.push(f1(3, S(i)));
    f.push(f1(4, su[i]!));
    f.push(f1(5, W(i - 1)));
    f.push(f1(6, W(i + 1)));
    f.push(f1(7, W(i - 2)));
    f.push(f1(8, W(i + 2)));
    f.push(f2(9, W(i - 1), W(i)));
    f.push(f2(10, W(i), W(i + 1)));
    f.push(f2(11, S(i - 1), S(i + 1)));
    f.push(f2(12, W(i - 1), W(i + 1)));
    f.push(f1(13, qs));
    f.push(f1(14, i > 0 ? q[i - 1]! : 9));
    f.push(f1(15, i + 1 < n ? q[i + 1]! : 9));
    if (PRONOUNS.has(tokens[i]!.lower)) f.push(f1(16, 1));
    const p = cueP[i]!;
    f.push(f2(17, p >= 0.5 ? 3 : p >= 0.15 ? 2 : p > 0.02 ? 1 : 0, inQ));
    if (tokens[i]!.sentStart) f.push(f1(18, 1));
    if (i === 0) f.push(f1(19, 1));
    f.push(f1(20, bucket(i - sentFirst[i]!)));
    f.push(f1(21, bucket(sentLast[i]! - i)));
    const lc = leftCue[i]!;
    const rc = rightCue[i]!;
    if (lc >= 0) {
      const same = sent[lc] === sent[i] ? 1 : 0;
      const d = bucket(i - lc);
      const commas = commaPrefix[i]! - commaPrefix[lc + 1]! > 0 ? 1 : 0;
      f.push(f2(22, same, d));
      f.push(f2(23, same, wh[lc]!));
      f.push(f3(24, same, qs, commas));
      f.push(f3(25, same, W(lc + 1), i - lc <= 2 ? d : 99));
      f.push(f3(26, same, wh[lc]!, d));
    } else f.push(f1(27, qs));
    if (rc >= 0) {
      const same = sent[rc] === sent[i] ? 1 : 0;
      const d = bucket(rc - i);
      const commas = commaPrefix[rc]! - commaPrefix[i + 1]! > 0 ? 1 : 0;
      f.push(f2(28, same, d));
      f.push(f2(29, same, wh[rc]!));
      f.push(f3(30, same, qs, commas));
      f.push(f3(31, same, W(rc - 1), rc - i <= 2 ? d : 99));
      f.push(f3(32, same, wh[rc]!, d));
    } else f.push(f1(33, qs));
    if (lc >= 0 && rc >= 0) f.push(f2(34, sent[lc] === sent[i] ? 1 : 0, sent[rc] === sent[i] ? 1 : 0));
    f.push(f2(35, W(i), inQ));
    f.push(f2(36, lexBucket(i - 1), lexBucket(i + 1)));
    const colon = lastColon[i]!;
    if (colon >= 0 && sent[colon] === sent[i]) f.push(f2(37, bucket(i - colon), qs));
    if (thatAfterLeftCue[i]) f.push(f1(38, qs));
    if (nested) {
      f.push(f2(50, lexBucket(i), qs));
      f.push(f2(51, W(i), bucket(i)));
    }
  }
  offsets[n] = f.used;
  return { flat: f.done(), context: { n, q, wh, sent } };
}

/** Features from the roles a previous stage predicted (stacking). */
export function stackedFeatures(ctx: FeatureContext, prior: Roles): Uint32Array[] {
  return unflatten(stackedFeaturesFlat(ctx, prior));
}

/** stackedFeatures in one flat buffer (the decoding path). */
export function stackedFeaturesFlat(ctx: FeatureContext, prior: Roles): FlatFeatures {
  const { n, q, wh, sent } = ctx;
  const pLeft = new Int32Array(n).fill(-1);
  const pRight = new Int32Array(n).fill(-1);
  let l = -1;
  for (let i = 0; i < n; i++) {
    pLeft[i] = l;
    if (prior[i] === 2) l = i;
  }
  let r = -1;
  for (let i = n - 1; i >= 0; i--) {
    pRight[i] = r;
    if (prior[i] === 2) r = i;
  }
  const W = (k: number) => (k < 0 ? BOS : k >= n ? EOS : wh[k]!);
  const f = new FlatWriter(n, 8);
  const offsets = f.offsets;
  for (let i = 0; i < n; i++) {
    offsets[i] = f.used;
    const qs = q[i]!;
    f.push(f1(40, prior[i]!));
    f.push(f2(41, prior[i]!, W(i)));
    f.push(f2(42, i > 0 ? prior[i - 1]! : 9, i + 1 < n ? prior[i + 1]! : 9));
    f.push(f3(49, prior[i]!, i > 1 ? prior[i - 2]! : 9, i + 2 < n ? prior[i + 2]! : 9));
    const pl = pLeft[i]!;
    const pr = pRight[i]!;
    if (pl >= 0) {
      f.push(f3(43, sent[pl] === sent[i] ? 1 : 0, bucket(i - pl), qs));
      f.push(f2(44, sent[pl] === sent[i] ? 1 : 0, wh[pl]!));
    } else f.push(f1(45, qs));
    if (pr >= 0) {
      f.push(f3(46, sent[pr] === sent[i] ? 1 : 0, bucket(pr - i), qs));
      f.push(f2(47, sent[pr] === sent[i] ? 1 : 0, wh[pr]!));
    } else f.push(f1(48, qs));
  }
  offsets[n] = f.used;
  return f.done();
}
