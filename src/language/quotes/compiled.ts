// The decoding fast path of the attribution tagger: the model compiled for lookups, and the
// features of features.ts (baseFeaturesFlat, stackedFeaturesFlat: the definition the model was
// trained on) scored without hashing most of them.
//
// - Weights stay the model file's int16 values and are summed as integers, so the order in which
//   features are added cannot change a score; each stage's sum is divided by its scale once.
// - Features of one word (its word, shape, suffix, cue rate, pronoun flag; the word as a
//   neighbour at ±1 / ±2; first-pass role with the word) are summed once per word type and
//   cached: a token then adds five cached vectors instead of probing ~10 hashed features.
// - Features over small value sets (quotation states, distance buckets, same-sentence flags,
//   first-pass roles) are read from dense tables filled at compile time from the same hashes.
// - The remaining features (word bigrams, the word next to the nearest cue) are probed in one
//   open-addressing table whose 32-byte slots hold the key and the weights of every stage, so a
//   probe touches one cache line.
// The test (test/language/quotes.test.ts) checks the tags equal the reference path's.
import { BOS, EOS, PRONOUNS, bucket, f1, f2, f3, hashString, quoteStates, shape } from './features.js';
import { NT, decodeEmissions, roleOf, type FeatureTable, type Model } from './tagger.js';
import type { QToken } from './tokens.js';
import { WordTable } from '../../text/words.js';

/** Word-cache vectors per word type: as the token itself (outside / inside a quotation), as a neighbour, and with a first-pass role. */
// (the vectors every token reads first, so a word's entry is touched in as few cache lines as possible)
const CENTER_OUT = 0;
const PREV = 1;
const NEXT = 2;
const PREV2 = 3;
const NEXT2 = 4;
const ROLE_WORD = 5; // 4 vectors, one per first-pass role (role O is the common one)
const CENTER_IN = 9;
const WORD_VECTORS = 10;

/** log2 of the entries of the cache of recently probed features (CompiledModel.hot): 8 MB. */
const HOT_BITS = 18;

/** Word types kept in the cache before it is cleared (a clear costs re-probing the words of the next texts). */
const WORD_CACHE_LIMIT = 40_000;

/**
 * Dense table over small integer values: value tuple → the summed weights of the features those
 * values give (`hashes` lists them; features of several templates share one table when they
 * depend on the same small values, so a token adds one vector for all of them).
 */
function denseTable(compiled: CompiledModel, dims: number[], hashes: (v: number[]) => number[]): number {
  const size = dims.reduce((a, b) => a * b, 1);
  const base = compiled.allocDense(size);
  const v = new Array<number>(dims.length).fill(0);
  for (let idx = 0; idx < size; idx++) {
    let r = idx;
    for (let d = dims.length - 1; d >= 0; d--) {
      v[d] = r % dims[d]!;
      r = Math.floor(r / dims[d]!);
    }
    for (const h of hashes(v)) compiled.addRow(h, compiled.dense, base + idx * compiled.R);
  }
  return base;
}

export class CompiledModel {
  /** Number of stages and weights per row (NT per stage). */
  readonly S: number;
  readonly R: number;
  private readonly scales: Float64Array;
  private readonly transitions: Float64Array[];
  private readonly lexicon: Map<string, number>;

  // packed feature table: slot = [key int32][S × NT int16 weights], padded to whole int32s
  private readonly slotInts: number;
  private readonly mask: number;
  private readonly keys: Int32Array;
  private readonly w16: Int16Array;
  /**
   * One bit per 2048 hash values, set for the model's keys: most features absent from the model
   * (about 60% of word bigrams) are rejected here, in 256 KB, before the 16 MB table is read.
   */
  private readonly present = new Uint32Array(1 << 16);

  dense = new Int32Array(0);
  private denseUsed = 0;

  // dense tables (offsets into `dense`); see the constructor for what each one sums
  private readonly quoteTable: number;
  private readonly positionTable: number;
  readonly leftCueTable: number;
  readonly rightCueTable: number;
  private readonly betweenTable: number;
  private readonly colonTable: number;
  private readonly nestedTable: number;
  private readonly roleTable: number;
  private readonly roleNeighbourTable: number;
  private readonly roleLeftTable: number;
  private readonly roleRightTable: number;
  /** f1(5 | 6 | 7 | 8, BOS / EOS): the neighbour vectors past the ends of a sequence. */
  private readonly edge: number;

  // word cache: token text → entry; per entry its hashes, cue rate and WORD_VECTORS vectors
  private readonly words = new WordTable();
  private wordCap = 0;
  private wordWh = new Uint32Array(0);
  private wordSh = new Uint32Array(0);
  private wordSu = new Uint32Array(0);
  private wordCueP = new Float64Array(0);
  /** Per entry: bit 0 the vector inside a quotation is filled, bit 1 + r the one with role r. */
  private wordFilled = new Uint8Array(0);
  /** Dense tables, then WORD_VECTORS vectors per cached word (from wordBase). */
  private wordVec = new Int32Array(0);
  private wordBase = 0;

  get pool(): Int32Array {
    return this.wordVec;
  }

  constructor(model: Model) {
    const stages = model.stages;
    this.S = stages.length;
    this.R = NT * this.S;
    this.hot = new Int32Array((1 << HOT_BITS) * Math.ceil((2 + this.R) / 2));
    this.hot16 = new Int16Array(this.hot.buffer);
    this.lexicon = model.lexicon;
    const quantized = stages.map((c) => c.quantized());
    this.scales = Float64Array.from(quantized.map((q) => q.scale));
    this.transitions = stages.map((c) => Float64Array.from(c.transitions));

    const all = distinctKeys(stages.map((c) => c.table));
    let cap = 1;
    while (cap < all.length * 2) cap <<= 1;
    this.mask = cap - 1;
    this.slotInts = Math.ceil((2 + this.R) / 2);
    this.keys = new Int32Array(cap * this.slotInts);
    this.w16 = new Int16Array(this.keys.buffer);
    for (const key of all) this.present[key >>> 16]! |= 1 << ((key >>> 11) & 31);
    stages.forEach((c, k) => {
      const q = quantized[k]!.weights;
      c.table.forEach((key, row) => {
        const o = this.slotOf(key) * this.slotInts * 2 + 2 + k * NT;
        for (let y = 0; y < NT; y++) this.w16[o + y] = q[row * NT + y]!;
      });
    });

    const none: number[] = [];
    const d = (dims: number[], hashes: (v: number[]) => number[]) => denseTable(this, dims, hashes);
    // [nested][quote state of i-1 (9: none)][of i][of i+1]
    this.quoteTable = d([2, 10, 4, 10], ([nest, prev, qs, next]) => [f1(1, nest!), f1(13, qs!), f1(14, prev!), f1(15, next!)]);
    // [distance to sentence start (bucket)][to its end][sentence start][paragraph start]
    this.positionTable = d([8, 8, 2, 2], ([a, b, ss, first]) => [f1(20, a!), f1(21, b!), ...(ss ? [f1(18, 1)] : none), ...(first ? [f1(19, 1)] : none)]);
    // [no cue on that side, or 1 + same sentence][distance bucket][quote state][commas between]
    this.leftCueTable = d([3, 8, 4, 2], ([c, dist, qs, commas]) => (c === 0 ? [f1(27, qs!)] : [f2(22, c! - 1, dist!), f3(24, c! - 1, qs!, commas!)]));
    this.rightCueTable = d([3, 8, 4, 2], ([c, dist, qs, commas]) => (c === 0 ? [f1(33, qs!)] : [f2(28, c! - 1, dist!), f3(30, c! - 1, qs!, commas!)]));
    // [left cue state][right cue state][cue-rate bucket of i-1 (9: none)][of i+1]
    this.betweenTable = d([3, 3, 10, 10], ([l, r, a, b]) => [f2(36, a!, b!), ...(l! > 0 && r! > 0 ? [f2(34, l! - 1, r! - 1)] : none)]);
    // [no colon in the sentence before, or 1 + distance bucket][quote state][after "cue … that"]
    this.colonTable = d([9, 4, 2], ([c, qs, that]) => [...(c! > 0 ? [f2(37, c! - 1, qs!)] : none), ...(that ? [f1(38, qs!)] : none)]);
    this.nestedTable = d([4, 4], ([a, b]) => [f2(50, a!, b!)]);
    // stacked: [role of i][of i-2 (9: none)][of i+2]; [of i-1][of i+1]; [no cue, or 1 + same sentence][bucket][quote state]
    this.roleTable = d([4, 10, 10], ([p, a, b]) => [f1(40, p!), f3(49, p!, a!, b!)]);
    this.roleNeighbourTable = d([10, 10], ([a, b]) => [f2(42, a!, b!)]);
    this.roleLeftTable = d([3, 8, 4], ([c, dist, qs]) => (c === 0 ? [f1(45, qs!)] : [f3(43, c! - 1, dist!, qs!)]));
    this.roleRightTable = d([3, 8, 4], ([c, dist, qs]) => (c === 0 ? [f1(48, qs!)] : [f3(46, c! - 1, dist!, qs!)]));
    this.edge = d([4], ([v]) => [v === 0 ? f1(5, BOS) : v === 1 ? f1(6, EOS) : v === 2 ? f1(7, BOS) : f1(8, EOS)]);
    // the word cache follows the dense tables in one array, so a token's vectors come from one place
    this.wordBase = this.denseUsed;
    this.wordVec = this.dense.slice(0, this.denseUsed);
  }

  private slotOf(key: number): number {
    const k = key | 0;
    let i = (key ^ (key >>> 16)) & this.mask;
    for (;;) {
      const o = i * this.slotInts;
      if (this.keys[o] === k) return i;
      if (this.keys[o] === 0) {
        this.keys[o] = k;
        return i;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** Adds the weights (every stage) of feature `key` to `acc[at .. at + R)`. Model keys are never 0. */
  addRow(key: number, acc: Int32Array, at: number): void {
    if ((this.present[key >>> 16]! & (1 << ((key >>> 11) & 31))) === 0) return;
    const keys = this.keys;
    const k = key | 0;
    let i = (key ^ (key >>> 16)) & this.mask;
    for (;;) {
      const o = i * this.slotInts;
      const found = keys[o]!;
      if (found === k) {
        addRow16(acc, at, this.w16, o * 2 + 2, this.R);
        return;
      }
      if (found === 0) return;
      i = (i + 1) & this.mask;
    }
  }

  /** Adds stage `stage`'s weights of feature `key` to `acc[at .. at + NT)`. */
  private addStageRow(key: number, stage: number, acc: Int32Array, at: number): void {
    if ((this.present[key >>> 16]! & (1 << ((key >>> 11) & 31))) === 0) return;
    const keys = this.keys;
    const k = key | 0;
    let i = (key ^ (key >>> 16)) & this.mask;
    for (;;) {
      const o = i * this.slotInts;
      const found = keys[o]!;
      if (found === k) {
        const w = this.w16;
        const b = o * 2 + 2 + stage * NT;
        for (let y = 0; y < NT; y++) acc[at + y] += w[b + y]!;
        return;
      }
      if (found === 0) return;
      i = (i + 1) & this.mask;
    }
  }

  /** Buffers reused from call to call (tag is synchronous): allocating them per paragraph cost more than filling them. */
  private readonly scratch = new Scratch();
  private readonly cueSides = new CueSides(this);
  private readonly sideWeights = new Int32Array(4 * NT);
  private probeKeys = new Int32Array(0);
  private probeAt = new Int32Array(0);

  /**
   * Adds the weights of probeKeys[0 .. count) at probeAt. Features the presence bits rule out (most
   * word bigrams of a new text) are dropped first, from the small bit table, without touching the
   * cache of probed features; the others' cache entries, then their table slots, are first only
   * read, in loops of independent loads, so the CPU fetches many cache lines at once instead of
   * waiting for each miss in turn; the last loops then find them in cache.
   */
  private resolveProbes(count: number, acc: Int32Array): void {
    const R = this.R;
    const keys = this.keys;
    const probeKeys = this.probeKeys;
    const probeAt = this.probeAt;
    const slotInts = this.slotInts;
    const mask = this.mask;
    const present = this.present;
    const hot = this.hot;
    const hot16 = this.hot16;
    const live = this.scratch.ints(20, count);
    const entry = this.scratch.ints(21, count);
    let alive = 0;
    let touched = 0;
    for (let m = 0; m < count; m++) {
      const key = probeKeys[m]!;
      if ((present[key >>> 16]! & (1 << ((key >>> 11) & 31))) === 0) continue;
      const o = (Math.imul(key, 0x9e3779b1) >>> (32 - HOT_BITS)) * slotInts;
      entry[alive] = o;
      live[alive++] = m;
      touched ^= hot[o]!;
    }
    let misses = 0;
    for (let j = 0; j < alive; j++) {
      const m = live[j]!;
      const key = probeKeys[m]!;
      const o = entry[j]!;
      if (hot[o] === key) {
        addRow16(acc, probeAt[m]!, hot16, o * 2 + 2, R);
        continue;
      }
      live[misses++] = m;
      touched ^= keys[((key ^ (key >>> 16)) & mask) * slotInts]!;
    }
    this.touched ^= touched;
    for (let j = 0; j < misses; j++) {
      const m = live[j]!;
      addRow16(acc, probeAt[m]!, hot16, this.cacheRow(probeKeys[m]!), R);
    }
  }

  /** addRow through the cache of recently probed features (for features that recur across texts). */
  addRowCached(key: number, acc: Int32Array, at: number): void {
    if ((this.present[key >>> 16]! & (1 << ((key >>> 11) & 31))) === 0) return;
    const o = (Math.imul(key, 0x9e3779b1) >>> (32 - HOT_BITS)) * this.slotInts;
    addRow16(acc, at, this.hot16, this.hot[o] === key ? o * 2 + 2 : this.cacheRow(key), this.R);
  }

  /** Puts feature `key` in its cache entry (its weights, or zeros when the model lacks it); returns the offset of the weights in hot16. */
  private cacheRow(key: number): number {
    const o = (Math.imul(key, 0x9e3779b1) >>> (32 - HOT_BITS)) * this.slotInts;
    const b = o * 2 + 2;
    const hot16 = this.hot16;
    this.hot[o] = key;
    const slot = this.weightsOf(key);
    const w = this.w16;
    for (let y = 0; y < this.R; y++) hot16[b + y] = slot < 0 ? 0 : w[slot + y]!;
    return b;
  }

  /** Offset in w16 of feature `key`'s weights (every stage), or -1 when the model lacks it. */
  private weightsOf(key: number): number {
    if ((this.present[key >>> 16]! & (1 << ((key >>> 11) & 31))) === 0) return -1;
    const keys = this.keys;
    const k = key | 0;
    for (let i = (key ^ (key >>> 16)) & this.mask; ; i = (i + 1) & this.mask) {
      const o = i * this.slotInts;
      const found = keys[o]!;
      if (found === k) return o * 2 + 2;
      if (found === 0) return -1;
    }
  }

  /**
   * The weights of recently probed bigram, shape-pair and cue features ("of the", "Xx Xx",
   * "said"), direct-mapped by key, key and weights in one 32-byte entry (as the table's slots):
   * one read per lookup, no probing, and features the model lacks are cached too (as zeros).
   * Key 0 with zero weights is the correct entry for key 0, which the model never holds.
   */
  private readonly hot: Int32Array;
  private readonly hot16: Int16Array;

  /** Keeps the touching loop from being optimised away. */
  touched = 0;

  allocDense(vectors: number): number {
    const need = this.denseUsed + vectors * this.R;
    if (need > this.dense.length) {
      const bigger = new Int32Array(Math.max(need, this.dense.length * 2));
      bigger.set(this.dense);
      this.dense = bigger;
    }
    const base = this.denseUsed;
    this.denseUsed = need;
    return base;
  }

  /**
   * Cache entry of a token text, computed on first sight. The vectors inside a quotation and with
   * a first-pass role are filled when first needed (wordInside, wordWithRole): most words never
   * occur inside a quotation, and most tokens have role O.
   */
  private wordEntry(tok: QToken, hash: number): number {
    const known = this.words.get(tok.text, hash);
    if (known >= 0) return known;
    const e = this.words.size;
    if (e === this.wordCap) this.growWords();
    const w = tok.lower;
    const wh = hashString(w);
    const sh = hashString(shape(tok.text));
    const su = hashString(w.length > 3 ? w.slice(-3) : w);
    const p = this.lexicon.get(w) ?? 0;
    this.wordWh[e] = wh;
    this.wordSh[e] = sh;
    this.wordSu[e] = su;
    this.wordCueP[e] = p;
    this.wordFilled[e] = 0;
    const R = this.R;
    const base = this.wordBase + e * WORD_VECTORS * R;
    this.wordVec.fill(0, base, base + WORD_VECTORS * R);
    // the features are looked up with the other new words' (resolveNewWords), not one by one
    const out = base + CENTER_OUT * R;
    const inside = base + CENTER_IN * R;
    for (const at of [out, inside]) {
      this.newWordFeature(f1(2, wh), at);
      this.newWordFeature(f1(3, sh), at);
      this.newWordFeature(f1(4, su), at);
      if (PRONOUNS.has(w)) this.newWordFeature(f1(16, 1), at);
    }
    this.newWordFeature(f1(5, wh), base + PREV * R);
    this.newWordFeature(f1(6, wh), base + NEXT * R);
    this.newWordFeature(f1(7, wh), base + PREV2 * R);
    this.newWordFeature(f1(8, wh), base + NEXT2 * R);
    // inside a quotation: the same word features, with the quotation flag of templates 17 and 35 (wordInside)
    this.newWordFeature(f2(17, lexBucket(p), 0), out);
    this.newWordFeature(f2(35, wh, 0), out);
    this.words.add(tok.text, hash, e);
    return e;
  }

  private newKeys = new Int32Array(1024);
  private newAt = new Int32Array(1024);
  private newCount = 0;

  private newWordFeature(key: number, at: number): void {
    if (this.newCount === this.newKeys.length) {
      const keys = new Int32Array(this.newKeys.length * 2);
      keys.set(this.newKeys);
      this.newKeys = keys;
      const at2 = new Int32Array(this.newAt.length * 2);
      at2.set(this.newAt);
      this.newAt = at2;
    }
    this.newKeys[this.newCount] = key;
    this.newAt[this.newCount++] = at;
  }

  /** Adds the pending features of new words to their vectors: slots read ahead, then summed. */
  private resolveNewWords(): void {
    const count = this.newCount;
    if (count === 0) return;
    const keys = this.keys;
    const newKeys = this.newKeys;
    const present = this.present;
    let touched = 0;
    for (let m = 0; m < count; m++) touched ^= present[newKeys[m]! >>> 16]!;
    for (let m = 0; m < count; m++) {
      const key = newKeys[m]!;
      if (present[key >>> 16]! & (1 << ((key >>> 11) & 31))) touched ^= keys[((key ^ (key >>> 16)) & this.mask) * this.slotInts]!;
    }
    this.touched ^= touched;
    const vec = this.wordVec;
    for (let m = 0; m < count; m++) this.addRow(newKeys[m]!, vec, this.newAt[m]!);
    this.newCount = 0;
  }

  /** Pool offset of entry e's vector inside a quotation. */
  private wordInside(e: number): number {
    const at = this.wordBase + (e * WORD_VECTORS + CENTER_IN) * this.R;
    if ((this.wordFilled[e]! & 1) === 0) {
      this.wordFilled[e]! |= 1;
      this.addRow(f2(17, lexBucket(this.wordCueP[e]!), 1), this.wordVec, at);
      this.addRow(f2(35, this.wordWh[e]!, 1), this.wordVec, at);
    }
    return at;
  }

  /** Pool offset of entry e's vector with first-pass role `role`. */
  private wordWithRole(e: number, role: number): number {
    const at = this.wordBase + (e * WORD_VECTORS + ROLE_WORD + role) * this.R;
    const bit = 2 << role;
    if ((this.wordFilled[e]! & bit) === 0) {
      this.wordFilled[e]! |= bit;
      this.addRow(f2(41, role, this.wordWh[e]!), this.wordVec, at);
    }
    return at;
  }

  private growWords(): void {
    const cap = Math.max(8192, this.wordCap * 2);
    const grow = <T extends Uint32Array | Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T, per = 1): T => {
      const next = make(cap * per);
      next.set(old);
      return next;
    };
    this.wordWh = grow(this.wordWh, (n) => new Uint32Array(n));
    this.wordSh = grow(this.wordSh, (n) => new Uint32Array(n));
    this.wordSu = grow(this.wordSu, (n) => new Uint32Array(n));
    this.wordCueP = grow(this.wordCueP, (n) => new Float64Array(n));
    this.wordFilled = grow(this.wordFilled, (n) => new Uint8Array(n));
    const pool = new Int32Array(this.wordBase + cap * WORD_VECTORS * this.R);
    pool.set(this.wordVec);
    this.wordVec = pool;
    this.wordCap = cap;
  }

  /**
   * Tag indices of one sequence through the first `stages` stages: the same tags as the reference
   * path (features.ts sequenceFeatures scored by each Chain) with the model file's weights.
   */
  tag(tokens: QToken[], text: string, nested: boolean, stages = this.S): Uint8Array {
    const n = tokens.length;
    const out = new Uint8Array(n);
    if (n === 0) return out;
    if (this.words.size + n > WORD_CACHE_LIMIT) this.words.clear();
    const R = this.R;
    const q = quoteStates(tokens, text);
    const scratch = this.scratch;
    const ent = scratch.ints(0, n);
    const wh = scratch.uints(0, n);
    const lexB = scratch.bytes(0, n); // cue-rate bucket
    const isCue = scratch.bytes(1, n);
    // token texts hashed and their table slots read first, in a loop of independent loads
    const hashes = scratch.ints(1, n);
    for (let i = 0; i < n; i++) hashes[i] = hashString(tokens[i]!.text);
    this.words.touch(hashes, n);
    for (let i = 0; i < n; i++) {
      const e = this.wordEntry(tokens[i]!, hashes[i]!);
      ent[i] = e;
      wh[i] = this.wordWh[e]!;
      const p = this.wordCueP[e]!;
      lexB[i] = p >= 0.5 ? 3 : p >= 0.15 ? 2 : p > 0.02 ? 1 : 0;
      isCue[i] = p >= 0.15 && q[i] === 0 ? 1 : 0;
    }
    this.resolveNewWords();
    const { sent, sentFirst, sentLast, leftCue, rightCue, commaPrefix, lastColon, thatAfterLeftCue } = sequenceContext(tokens, isCue, scratch);
    const pool = this.wordVec;
    const WR = WORD_VECTORS * R;
    const wordBase = this.wordBase;

    // per token, the pool vectors to add (PER_TOKEN at most) and the two cue-side vectors
    const offs = scratch.ints(2, n * PER_TOKEN);
    const counts = scratch.bytes(2, n);
    const sides = scratch.ints(3, n * 2);
    const cues = this.cueSides;
    cues.reset(n);
    // hashed features (word bigrams and shape pairs) are probed after the loop, all at once
    if (this.probeKeys.length < n * 5) {
      this.probeKeys = new Int32Array(n * 10);
      this.probeAt = new Int32Array(n * 10);
    }
    const probeKeys = this.probeKeys;
    const probeAt = this.probeAt;
    let pending = 0;
    const nest = nested ? 1 : 0;
    for (let i = 0; i < n; i++) {
      const at = i * R;
      const qs = q[i]!;
      let k = i * PER_TOKEN;
      // (a word's vector v is at wordBase + entry × WR + v × R)
      offs[k++] = qs === 1 ? this.wordInside(ent[i]!) : wordBase + ent[i]! * WR + CENTER_OUT * R;
      offs[k++] = i > 0 ? wordBase + ent[i - 1]! * WR + PREV * R : this.edge;
      offs[k++] = i + 1 < n ? wordBase + ent[i + 1]! * WR + NEXT * R : this.edge + R;
      offs[k++] = i > 1 ? wordBase + ent[i - 2]! * WR + PREV2 * R : this.edge + 2 * R;
      offs[k++] = i + 2 < n ? wordBase + ent[i + 2]! * WR + NEXT2 * R : this.edge + 3 * R;
      const qPrev = i > 0 ? q[i - 1]! : 9;
      const qNext = i + 1 < n ? q[i + 1]! : 9;
      offs[k++] = this.quoteTable + (((nest * 10 + qPrev) * 4 + qs) * 10 + qNext) * R;
      const position = (bucket(i - sentFirst[i]!) * 8 + bucket(sentLast[i]! - i)) * 4 + (tokens[i]!.sentStart ? 2 : 0) + (i === 0 ? 1 : 0);
      offs[k++] = this.positionTable + position * R;
      const lc = leftCue[i]!;
      const rc = rightCue[i]!;
      let lState = 0;
      let rState = 0;
      if (lc >= 0) {
        const same = sent[lc] === sent[i] ? 1 : 0;
        lState = 1 + same;
        sides[2 * i] = cues.left(lc, same, bucket(i - lc), qs, commaPrefix[i]! - commaPrefix[lc + 1]! > 0 ? 1 : 0, wh);
      } else sides[2 * i] = cues.left(-1, 0, 0, qs, 0, wh);
      if (rc >= 0) {
        const same = sent[rc] === sent[i] ? 1 : 0;
        rState = 1 + same;
        sides[2 * i + 1] = cues.right(rc, same, bucket(rc - i), qs, commaPrefix[rc]! - commaPrefix[i + 1]! > 0 ? 1 : 0, wh);
      } else sides[2 * i + 1] = cues.right(-1, 0, 0, qs, 0, wh);
      const lbPrev = i > 0 ? lexB[i - 1]! : 9;
      const lbNext = i + 1 < n ? lexB[i + 1]! : 9;
      offs[k++] = this.betweenTable + ((lState * 3 + rState) * 100 + lbPrev * 10 + lbNext) * R;
      const colon = lastColon[i]!;
      const colonState = colon >= 0 && sent[colon] === sent[i] ? 1 + bucket(i - colon) : 0;
      if (colonState > 0 || thatAfterLeftCue[i]) offs[k++] = this.colonTable + ((colonState * 4 + qs) * 2 + thatAfterLeftCue[i]!) * R;
      if (nested) {
        offs[k++] = this.nestedTable + (lexB[i]! * 4 + qs) * R;
        probeKeys[pending] = f2(51, wh[i]!, bucket(i));
        probeAt[pending++] = at;
      }
      counts[i] = k - i * PER_TOKEN;
      const wPrev = i > 0 ? wh[i - 1]! : BOS;
      const wNext = i + 1 < n ? wh[i + 1]! : EOS;
      probeKeys[pending] = f2(9, wPrev, wh[i]!);
      probeAt[pending++] = at;
      probeKeys[pending] = f2(10, wh[i]!, wNext);
      probeAt[pending++] = at;
      probeKeys[pending] = f2(11, i > 0 ? this.wordSh[ent[i - 1]!]! : BOS, i + 1 < n ? this.wordSh[ent[i + 1]!]! : EOS);
      probeAt[pending++] = at;
      probeKeys[pending] = f2(12, wPrev, wNext);
      probeAt[pending++] = at;
    }
    const acc = scratch.ints(4, n * R);
    acc.fill(0, 0, n * R);
    const cuePool = cues.pool;
    // the vectors' first cache lines read ahead in one loop of independent loads (as the probes)
    let touched = 0;
    for (let i = 0; i < n; i++) {
      const from = i * PER_TOKEN;
      for (let j = from, end = from + counts[i]!; j < end; j++) touched ^= pool[offs[j]!]!;
    }
    this.touched ^= touched;
    for (let i = 0; i < n; i++) {
      const at = i * R;
      const from = i * PER_TOKEN;
      sumVectors(pool, offs, from, from + counts[i]!, acc, at, R);
      sumVectors(cuePool, sides, 2 * i, 2 * i + 2, acc, at, R);
    }
    this.resolveProbes(pending, acc);

    const emit = scratch.floats(0, n * NT);
    const prior = scratch.bytes(3, n);
    for (let k = 0; k < stages; k++) {
      if (k > 0) {
        for (let i = 0; i < n; i++) prior[i] = roleOf(out[i]!);
        this.addStacked(n, prior, k, q, ent, wh, sent, acc);
      }
      const scale = this.scales[k]!;
      for (let i = 0; i < n; i++) {
        const from = i * R + k * NT;
        const e = i * NT;
        emit[e] = acc[from]! / scale;
        emit[e + 1] = acc[from + 1]! / scale;
        emit[e + 2] = acc[from + 2]! / scale;
        emit[e + 3] = acc[from + 3]! / scale;
        emit[e + 4] = acc[from + 4]! / scale;
        emit[e + 5] = acc[from + 5]! / scale;
        emit[e + 6] = acc[from + 6]! / scale;
      }
      if (NT === 7) decodeBio(emit, n, this.transitions[k]!, out);
      else decodeEmissions(emit, n, Float32Array.from(this.transitions[k]!), out);
    }
    return out;
  }

  /** Stage `k`'s features of the previous stage's roles (as in stackedFeaturesFlat), added to its part of `acc`. */
  private addStacked(n: number, prior: Uint8Array, k: number, q: Uint8Array, ent: Int32Array, wh: Uint32Array, sent: Int32Array, acc: Int32Array): void {
    const R = this.R;
    const pLeft = this.scratch.ints(5, n);
    const pRight = this.scratch.ints(6, n);
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
    const pool = this.wordVec;
    const part = k * NT;
    const offs = this.scratch.ints(7, n * 5);
    // f2(44 | 47, same sentence, word of the nearest first-pass cue): one probe per cue and flag
    const sideWeights = this.sideWeights; // [left same=0, left same=1, right same=0, right same=1]
    this.sideOf.fill(-1);
    for (let i = 0; i < n; i++) {
      const at = i * R + part;
      const qs = q[i]!;
      const p = prior[i]!;
      const o = i * 5;
      offs[o] = this.wordWithRole(ent[i]!, p) + part;
      offs[o + 1] = this.roleTable + ((p * 10 + (i > 1 ? prior[i - 2]! : 9)) * 10 + (i + 2 < n ? prior[i + 2]! : 9)) * R + part;
      offs[o + 2] = this.roleNeighbourTable + ((i > 0 ? prior[i - 1]! : 9) * 10 + (i + 1 < n ? prior[i + 1]! : 9)) * R + part;
      const pl = pLeft[i]!;
      const pr = pRight[i]!;
      if (pl >= 0) {
        const same = sent[pl] === sent[i] ? 1 : 0;
        offs[o + 3] = this.roleLeftTable + (((1 + same) * 8 + bucket(i - pl)) * 4 + qs) * R + part;
        const w = this.side(same, pl, 44, same, k, wh);
        for (let y = 0; y < NT; y++) acc[at + y] += sideWeights[w + y]!;
      } else offs[o + 3] = this.roleLeftTable + qs * R + part;
      if (pr >= 0) {
        const same = sent[pr] === sent[i] ? 1 : 0;
        offs[o + 4] = this.roleRightTable + (((1 + same) * 8 + bucket(pr - i)) * 4 + qs) * R + part;
        const w = this.side(2 + same, pr, 47, same, k, wh);
        for (let y = 0; y < NT; y++) acc[at + y] += sideWeights[w + y]!;
      } else offs[o + 4] = this.roleRightTable + qs * R + part;
    }
    for (let i = 0; i < n; i++) sumVectors(pool, offs, i * 5, i * 5 + 5, acc, i * R + part, NT);
  }

  /** The cue each slot of sideWeights holds the weights of (addStacked). */
  private readonly sideOf = new Int32Array(4);

  /** Offset in sideWeights of f2(template, same, word of `cue`) for stage k, probed once per cue and slot. */
  private side(slot: number, cue: number, template: number, same: number, k: number, wh: Uint32Array): number {
    if (this.sideOf[slot] !== cue) {
      this.sideOf[slot] = cue;
      this.sideWeights.fill(0, slot * NT, slot * NT + NT);
      this.addStageRow(f2(template, same, wh[cue]!), k, this.sideWeights, slot * NT);
    }
    return slot * NT;
  }
}

let backBuf = new Uint8Array(1024 * 7);

/**
 * decodeEmissions (tagger.ts) for the 7 BIO tags, unrolled: O and B-X may follow any tag, I-X only
 * B-X or I-X. Candidates are compared in the same order with the same arithmetic, so ties and
 * rounding resolve as there.
 */
function decodeBio(emit: Float64Array, n: number, t: Float64Array, out: Uint8Array): void {
  if (n === 0) return;
  if (backBuf.length < n * 7) backBuf = new Uint8Array(n * 14);
  const back = backBuf;
  const START = 49;
  let s0 = t[START]! + emit[0]!;
  let s1 = t[START + 1]! + emit[1]!;
  let s2 = -Infinity;
  let s3 = t[START + 3]! + emit[3]!;
  let s4 = -Infinity;
  let s5 = t[START + 5]! + emit[5]!;
  let s6 = -Infinity;
  for (let i = 1; i < n; i++) {
    const e = i * 7;
    let n0 = 0, n1 = 0, n3 = 0, n5 = 0;
    for (let c = 0; c < 6; c = c === 0 ? 1 : c + 2) {
      let best = -Infinity;
      let arg = 0;
      let v = s0 + t[c]!;
      if (v > best) { best = v; arg = 0; }
      v = s1 + t[7 + c]!;
      if (v > best) { best = v; arg = 1; }
      v = s2 + t[14 + c]!;
      if (v > best) { best = v; arg = 2; }
      v = s3 + t[21 + c]!;
      if (v > best) { best = v; arg = 3; }
      v = s4 + t[28 + c]!;
      if (v > best) { best = v; arg = 4; }
      v = s5 + t[35 + c]!;
      if (v > best) { best = v; arg = 5; }
      v = s6 + t[42 + c]!;
      if (v > best) { best = v; arg = 6; }
      const score = best + emit[e + c]!;
      if (c === 0) n0 = score;
      else if (c === 1) n1 = score;
      else if (c === 3) n3 = score;
      else n5 = score;
      back[e + c] = arg;
    }
    let best = -Infinity;
    let arg = 0;
    let v = s1 + t[7 + 2]!;
    if (v > best) { best = v; arg = 1; }
    v = s2 + t[14 + 2]!;
    if (v > best) { best = v; arg = 2; }
    const n2 = best + emit[e + 2]!;
    back[e + 2] = arg;
    best = -Infinity;
    arg = 0;
    v = s3 + t[21 + 4]!;
    if (v > best) { best = v; arg = 3; }
    v = s4 + t[28 + 4]!;
    if (v > best) { best = v; arg = 4; }
    const n4 = best + emit[e + 4]!;
    back[e + 4] = arg;
    best = -Infinity;
    arg = 0;
    v = s5 + t[35 + 6]!;
    if (v > best) { best = v; arg = 5; }
    v = s6 + t[42 + 6]!;
    if (v > best) { best = v; arg = 6; }
    const n6 = best + emit[e + 6]!;
    back[e + 6] = arg;
    s0 = n0; s1 = n1; s2 = n2; s3 = n3; s4 = n4; s5 = n5; s6 = n6;
  }
  let best = -Infinity;
  let arg = 0;
  const last = [s0, s1, s2, s3, s4, s5, s6];
  for (let c = 0; c < 7; c++) {
    if (last[c]! > best) {
      best = last[c]!;
      arg = c;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * 7 + arg]!;
  }
}

/** Typed arrays kept between calls, by slot; contents are left over from the last use. */
class Scratch {
  private readonly i32: Int32Array[] = [];
  private readonly u32: Uint32Array[] = [];
  private readonly u8: Uint8Array[] = [];
  private readonly f64: Float64Array[] = [];

  ints(slot: number, size: number): Int32Array {
    const a = this.i32[slot];
    return a && a.length >= size ? a : (this.i32[slot] = new Int32Array(Math.max(64, size * 2)));
  }

  uints(slot: number, size: number): Uint32Array {
    const a = this.u32[slot];
    return a && a.length >= size ? a : (this.u32[slot] = new Uint32Array(Math.max(64, size * 2)));
  }

  bytes(slot: number, size: number): Uint8Array {
    const a = this.u8[slot];
    return a && a.length >= size ? a : (this.u8[slot] = new Uint8Array(Math.max(64, size * 2)));
  }

  floats(slot: number, size: number): Float64Array {
    const a = this.f64[slot];
    return a && a.length >= size ? a : (this.f64[slot] = new Float64Array(Math.max(64, size * 2)));
  }
}

/** acc[at .. at + width) += w[from .. from + width) (unrolled for the two-stage width). */
function addRow16(acc: Int32Array, at: number, w: Int16Array, from: number, width: number): void {
  if (width === 14) {
    acc[at] += w[from]!; acc[at + 1] += w[from + 1]!; acc[at + 2] += w[from + 2]!; acc[at + 3] += w[from + 3]!;
    acc[at + 4] += w[from + 4]!; acc[at + 5] += w[from + 5]!; acc[at + 6] += w[from + 6]!; acc[at + 7] += w[from + 7]!;
    acc[at + 8] += w[from + 8]!; acc[at + 9] += w[from + 9]!; acc[at + 10] += w[from + 10]!; acc[at + 11] += w[from + 11]!;
    acc[at + 12] += w[from + 12]!; acc[at + 13] += w[from + 13]!;
  } else for (let y = 0; y < width; y++) acc[at + y] += w[from + y]!;
}

/** Cue-rate bucket of features 17, 36 and 50. */
function lexBucket(p: number): number {
  return p >= 0.5 ? 3 : p >= 0.15 ? 2 : p > 0.02 ? 1 : 0;
}

/** Most pool vectors a token adds in the first pass (word ×5, quote, position, between, colon, nested). */
const PER_TOKEN = 10;

/**
 * acc[at .. at + width) += the sum of pool[o .. o + width) for o in offs[from .. to): summed in
 * locals (width 7 or 14, the one- and two-stage models) so acc is written once.
 */
function sumVectors(pool: Int32Array, offs: Int32Array, from: number, to: number, acc: Int32Array, at: number, width: number): void {
  if (width === 14) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0, a9 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0;
    for (let j = from; j < to; j++) {
      const o = offs[j]!;
      a0 += pool[o]!; a1 += pool[o + 1]!; a2 += pool[o + 2]!; a3 += pool[o + 3]!; a4 += pool[o + 4]!; a5 += pool[o + 5]!; a6 += pool[o + 6]!;
      a7 += pool[o + 7]!; a8 += pool[o + 8]!; a9 += pool[o + 9]!; a10 += pool[o + 10]!; a11 += pool[o + 11]!; a12 += pool[o + 12]!; a13 += pool[o + 13]!;
    }
    acc[at] += a0; acc[at + 1] += a1; acc[at + 2] += a2; acc[at + 3] += a3; acc[at + 4] += a4; acc[at + 5] += a5; acc[at + 6] += a6;
    acc[at + 7] += a7; acc[at + 8] += a8; acc[at + 9] += a9; acc[at + 10] += a10; acc[at + 11] += a11; acc[at + 12] += a12; acc[at + 13] += a13;
  } else if (width === 7) {
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0;
    for (let j = from; j < to; j++) {
      const o = offs[j]!;
      a0 += pool[o]!; a1 += pool[o + 1]!; a2 += pool[o + 2]!; a3 += pool[o + 3]!; a4 += pool[o + 4]!; a5 += pool[o + 5]!; a6 += pool[o + 6]!;
    }
    acc[at] += a0; acc[at + 1] += a1; acc[at + 2] += a2; acc[at + 3] += a3; acc[at + 4] += a4; acc[at + 5] += a5; acc[at + 6] += a6;
  } else {
    for (let j = from; j < to; j++) {
      const o = offs[j]!;
      for (let y = 0; y < width; y++) acc[at + y] += pool[o + y]!;
    }
  }
}

/**
 * The features of a token's nearest cue on each side (as baseFeaturesFlat: distance, same
 * sentence, commas between, quotation state, the cue's word and the word next to it; or the
 * no-cue feature), summed once per distinct value set. Tokens move away from a left cue and
 * towards a right one, so each side keeps the sums for its current cue only.
 */
class CueSides {
  pool: Int32Array;
  private used = 0;
  /** Per side: (same, distance, quote state, commas) → pool offset of the token vector. */
  private readonly memo = [new Int32Array(2 * 8 * 4 * 2), new Int32Array(2 * 8 * 4 * 2)];
  /** Per side: (same, distance) → pool offset of the cue's hashed features (its word, its neighbour). */
  private readonly cueMemo = [new Int32Array(2 * 8), new Int32Array(2 * 8)];
  private readonly cue = [-2, -2];
  /** Tokens in the sequence. */
  private n = 0;

  constructor(private readonly model: CompiledModel) {
    this.pool = new Int32Array(64 * NT * 2);
  }

  /** Forgets the sums of the previous sequence. */
  reset(n: number): void {
    this.n = n;
    this.used = 0;
    this.cue[0] = -2;
    this.cue[1] = -2;
  }

  left(cue: number, same: number, d: number, qs: number, commas: number, wh: Uint32Array): number {
    return this.side(0, cue, same, d, qs, commas, wh);
  }

  right(cue: number, same: number, d: number, qs: number, commas: number, wh: Uint32Array): number {
    return this.side(1, cue, same, d, qs, commas, wh);
  }

  private vector(): number {
    const R = this.model.R;
    const v = this.used++ * R;
    if (v + R > this.pool.length) {
      const bigger = new Int32Array(Math.max(this.pool.length * 2, v + R));
      bigger.set(this.pool);
      this.pool = bigger;
    }
    this.pool.fill(0, v, v + R);
    return v;
  }

  private side(s: number, cue: number, same: number, d: number, qs: number, commas: number, wh: Uint32Array): number {
    const memo = this.memo[s]!;
    const cueMemo = this.cueMemo[s]!;
    if (this.cue[s] !== cue) {
      memo.fill(-1);
      cueMemo.fill(-1);
      this.cue[s] = cue;
    }
    const key = ((same * 8 + d) * 4 + qs) * 2 + commas;
    const known = memo[key]!;
    if (known >= 0) return known;
    const m = this.model;
    const R = m.R;
    const left = s === 0;
    let probed = -1;
    if (cue >= 0) {
      probed = cueMemo[same * 8 + d]!;
      if (probed < 0) {
        probed = this.vector();
        const n = this.n;
        const neighbour = left ? (cue + 1 < n ? wh[cue + 1]! : EOS) : cue > 0 ? wh[cue - 1]! : BOS;
        m.addRowCached(f2(left ? 23 : 29, same, wh[cue]!), this.pool, probed);
        m.addRowCached(f3(left ? 25 : 31, same, neighbour, d <= 2 ? d : 99), this.pool, probed);
        m.addRowCached(f3(left ? 26 : 32, same, wh[cue]!, d), this.pool, probed);
        cueMemo[same * 8 + d] = probed;
      }
    }
    const v = this.vector();
    const pool = this.pool;
    const dense = m.pool;
    const table = left ? m.leftCueTable : m.rightCueTable;
    const from = table + ((((cue < 0 ? 0 : 1 + same) * 8 + d) * 4 + qs) * 2 + commas) * R;
    for (let y = 0; y < R; y++) pool[v + y] = dense[from + y]! + (probed >= 0 ? pool[probed + y]! : 0);
    memo[key] = v;
    return v;
  }
}

/** Sentence, cue, comma and colon context of a sequence (as baseFeaturesFlat computes it). */
function sequenceContext(tokens: QToken[], isCue: Uint8Array, scratch: Scratch) {
  const n = tokens.length;
  const sent = scratch.ints(10, n);
  const sentFirst = scratch.ints(11, n);
  let s = -1;
  for (let i = 0; i < n; i++) {
    if (tokens[i]!.sentStart || i === 0) s++;
    sent[i] = s;
    sentFirst[i] = i > 0 && sent[i] === sent[i - 1] ? sentFirst[i - 1]! : i;
  }
  const sentLast = scratch.ints(12, n);
  for (let i = n - 1; i >= 0; i--) sentLast[i] = i < n - 1 && sent[i] === sent[i + 1] ? sentLast[i + 1]! : i;
  const leftCue = scratch.ints(13, n);
  const rightCue = scratch.ints(14, n);
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
  const commaPrefix = scratch.ints(15, n + 1);
  commaPrefix[0] = 0;
  for (let i = 0; i < n; i++) commaPrefix[i + 1] = commaPrefix[i]! + (tokens[i]!.text === ',' ? 1 : 0);
  const lastColon = scratch.ints(16, n);
  const thatAfterLeftCue = scratch.bytes(10, n);
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
  return { sent, sentFirst, sentLast, leftCue, rightCue, commaPrefix, lastColon, thatAfterLeftCue };
}

/**
 * The distinct keys of the stages' feature tables, in first-seen order. Counted in a typed-array
 * set: a Set<number> of uint32 hashes boxes the half above 2^31 and took most of the model's load.
 * (0 marks an empty slot of the set, so a key 0 is tracked apart.)
 */
function distinctKeys(tables: FeatureTable[]): Uint32Array {
  let total = 0;
  for (const t of tables) total += t.size;
  let cap = 1;
  while (cap < total * 2) cap <<= 1;
  const mask = cap - 1;
  const seen = new Int32Array(cap);
  const out = new Uint32Array(total);
  let n = 0;
  let zero = false;
  for (const t of tables) {
    t.forEach((key) => {
      const k = key | 0;
      if (k === 0) {
        if (!zero) out[n++] = 0;
        zero = true;
        return;
      }
      let i = (key ^ (key >>> 16)) & mask;
      while (seen[i] !== 0 && seen[i] !== k) i = (i + 1) & mask;
      if (seen[i] === 0) {
        seen[i] = k;
        out[n++] = key;
      }
    });
  }
  return out.subarray(0, n);
}

const compiledModels = new WeakMap<Model, CompiledModel>();

/** The model compiled for decoding (built once per model, about 0.2 s). */
export function compiled(model: Model): CompiledModel {
  let c = compiledModels.get(model);
  if (!c) {
    c = new CompiledModel(model);
    compiledModels.set(model, c);
  }
  return c;
}
