// Decoding for the NER model (model.ts): exactly the features of FeatureExtractor (features.ts) and
// the scores and decisions of `viterbi`, bit for bit, but computed on interned ids and flat typed
// arrays instead of feature strings and per-word objects.
//  - The model's tables come as the file lays them out (compiled.ts): a feature is found by its
//    value's id in one string table and its family's index, so nothing is built per feature at load.
//  - Each distinct token text is interned once: its window features (positions -2..2) are summed
//    into one slice of a Float32Array (both stages side by side), with its flags, shape id and the
//    id of its lower-case form. A token then costs one hash-table lookup.
//  - Lower-case forms have ids too: the model's value id when it has one, else a new id (their ids
//    key the word-pair features, the gazetteer trie and the per-document casing and
//    prediction-history counts), so no feature string is built.
//  - Weights of both stages sit in one row per feature (18 floats): one memory access per feature,
//    and both stages' emission scores are summed in one pass (the second stage adds its
//    prediction-history features after the first stage has been decoded, in the original order).
// Every score adds the same float values in the same order as before, so labels are identical;
// test/language/ner.test.ts compares them with the training-time path (features.ts + viterbi).
import {
  gazetteerMarks,
  hasLetter,
  hasLower,
  isLetterInitial,
  isUpperInitial,
  normalizeToken,
  shortShape,
  wordShape,
  type Gazetteer,
} from './features.js';
import { featureOf, hashRange, splitFeature, type CompiledModel } from './compiled.js';
import { fnv1a } from '../../text/hash.js';
import { WordTable } from '../../text/words.js';

const NL = 9;
const ROW = 18; // a weight row: the 9 stage-1 weights, then the 9 stage-2 weights
const WORD = 5 * ROW; // a word's window sums: positions -2..2 × both stages
const START = NL; // row of the transition table used before the first token

// Word flags (of the normalised token unless marked raw).
const CAPITALISED = 1;
const HAS_LOWER = 2;
const HAS_LETTER = 4;
const LETTER_INITIAL = 8;
const GAZ_START = 16; // starts with a capital letter or a digit: may start a gazetteer entry
const OPENER = 32; // - " ' ( (the `after-open` feature of the next word)
const DOC_SKIP = 64; // " ' ( - : keep the next word out of the document casing statistics
const HAS_SPACE = 128; // contains a space: its sentence's gazetteer matches use strings (never from the tokenizer)
const RAW_HISTORY = 256; // raw text: upper-case initial, or letters without lower case
const RAW_LETTER_INITIAL = 512;

const TYPE_NAMES = ['O', 'PER', 'LOC', 'ORG', 'MISC'];
const LEX = 8; // ints per lower-case form (see Tagger.lex)
const LENGTHS = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(String);
const FEATURE = -2; // a query of sumWindowFeatures that is a feature id itself (-1: none)
// The window positions in the order sumWindowFeatures lists their features.
const POSITION_ORDER = [2, 1, 3, 0, 4];

export class Tagger {
  private readonly lookup: (feature: string) => number;
  private readonly model: CompiledModel;
  private readonly rows: Float32Array;
  private readonly transitions1: Float32Array;
  private readonly transitions2: Float32Array | null;
  private readonly inside: boolean[]; // I- labels: not allowed first

  // Feature family indices (-1: the model has no such family), by window position -2..2 where
  // the family has one.
  private readonly familyIndex: Map<string, number>;
  private readonly famW: Int32Array;
  private readonly famL: Int32Array;
  private readonly famSS: Int32Array;
  private readonly famS3: Int32Array;
  private readonly famC: Int32Array[]; // [level][position]
  private readonly famSh: number;
  private readonly famP: Int32Array;
  private readonly famS: Int32Array;
  private readonly famHeadlineLower: number;
  private readonly famCNone: number;
  private readonly crIds: Int32Array; // `cr=` id by casing bucket (the last: unknown word)
  private readonly lenIds: Int32Array;
  private readonly tokenTypeIds: Int32Array[]; // `gzt=` ids by type list
  private readonly flagIds: { digit: number; hyph: number; period: number };
  private readonly constant: { bias: number; first: number; last: number; hl: number; afterOpen: number; pads: Int32Array };
  private readonly docIds: Int32Array; // [forms bits (1 T, 2 l, 3 Tl) * 2 + edge]
  private readonly historyIds: { maj: Int32Array; type: Int32Array; left: Int32Array; right: Int32Array };
  private readonly byShortShape: (Int32Array | undefined)[] = [];
  // A new word's features as queries: (value id, family index), or (FEATURE, feature id); the end
  // of each position's queries.
  private readonly queryValue = new Int32Array(256);
  private readonly queryFamily = new Int32Array(256);
  // The strings a new word looks up in the model's values, as ranges, and what was found.
  private readonly findText: string[] = new Array<string>(12).fill('');
  private readonly findFrom = new Int32Array(12);
  private readonly findTo = new Int32Array(12);
  private readonly findResult = new Int32Array(12);
  private readonly findHash = new Int32Array(12);
  private readonly foundEnd = new Int32Array(5);
  private readonly historyFeatures = new Int32Array(16); // one token's prediction-history features

  // Lower-case forms: ids below `staticLex` are the model's values (they survive cache resets),
  // the others are numbered on first sight.
  private readonly staticLex: number;
  private readonly lexIds = new Map<string, number>();
  private dynamicLex = 0; // forms numbered from staticLex on
  // Per lower-case form, LEX ints side by side (one cache line): document stamp of the casing bits,
  // casings in the document's ordinary sentences (1 T, 2 l), document stamp of the counts, counts of
  // the first pass's types (O PER LOC ORG MISC) over the document's occurrences.
  private lex: Int32Array;
  private lexHeadline: Int32Array; // `hl+l=` id + 2 (0: not looked up yet)
  private readonly pairSpan: number;
  private readonly pairsBefore: IntTable; // prev * pairSpan + cur → `bg-=` id
  private readonly pairsAfter: IntTable; // cur * pairSpan + next → `bg+=` id
  private readonly sentenceStart: number;
  private readonly sentenceEnd: number;

  // Gazetteer trie over lower-case forms: child = trie.get(node * trieSpan + lex).
  private readonly trie: IntTable;
  private readonly trieSpan: number;
  private readonly trieTypes: (string[] | undefined)[] = [];
  private readonly gazetteerMaxLength: number;
  private readonly gazIds = new Map<string, Int32Array>(); // type → [U B I L exact, U B I L lower case, gzm]

  // Short shapes: ids, and memos of the features that combine them.
  private readonly shapeIds = new Map<string, number>();
  private shapeStr: string[] = [];
  private firstShape = new Int32Array(256); // `first+ss=` id + 2
  private readonly shapeTriples = new IntTable(-2);

  // Words (distinct token texts).
  private readonly wordIds: WordTable;
  private wordCount = 0;
  private wordHashes = new Int32Array(4096);
  // Capacity for 16k words up front (the pages are only committed when written).
  private wordLex = new Int32Array(16384);
  private wordShapeId = new Int32Array(16384);
  private wordFlags = new Int32Array(16384);
  private wordSums = new Float32Array(16384 * WORD);
  private wordGazetteer: (Int32Array | null)[] = [];
  private wordNorm: string[] = [];

  private stamp = 0;
  private emit1 = new Float64Array(256 * NL);
  // Room for a document of 4096 tokens and 16k lower-case forms that are not values of the model
  // before these arrays grow: replacing an array throws away the optimised code that read the old
  // one (V8 takes a field never written since the constructor as a constant), and it is compiled again.
  private emit2 = new Float64Array(4096 * NL);
  private labels = new Int32Array(4096);
  private extras = new Int32Array(4096);
  private bounds = new Int32Array(257);
  private prevScore = new Float64Array(NL);
  private curScore = new Float64Array(NL);
  private back = new Int32Array(256 * NL);

  /**
   * `gazetteer`: the model's gazetteer as features.ts uses it, for the rare sentence whose tokens
   * contain spaces (built on first use).
   */
  constructor(
    model: CompiledModel,
    private readonly gazetteer: () => Gazetteer,
    private readonly wordLimit = 200_000,
  ) {
    this.wordIds = new WordTable(16, 16384); // (grows with the words; a table sized for the limit would spread them over 4 MB)
    const labels = model.labels;
    if (labels.join() !== 'O,B-PER,I-PER,B-LOC,I-LOC,B-ORG,I-ORG,B-MISC,I-MISC') throw new Error('the tagger assumes the labels O, then B-X and I-X for PER, LOC, ORG, MISC');
    this.model = model;
    this.familyIndex = new Map(model.families.map((f, i) => [f, i]));
    const family = (name: string) => this.familyIndex.get(name) ?? -1;
    this.lookup = (f) => {
      const [fam, value] = splitFeature(f);
      const i = this.familyIndex.get(fam);
      return i === undefined ? -1 : featureOf(model, model.values.find(value), i);
    };
    const id = this.lookup;
    this.inside = labels.map((l) => l.startsWith('I-'));
    this.rows = model.rows;
    this.transitions1 = model.transitions1;
    this.transitions2 = model.transitions2;

    const R = [-2, -1, 0, 1, 2];
    const byPosition = (name: string) => Int32Array.from(R, (r) => family(r === 0 ? name : `${r}:${name}`));
    this.famW = byPosition('w=');
    this.famL = byPosition('l=');
    this.famSS = byPosition('ss=');
    this.famS3 = byPosition('s3=');
    this.famC = [0, 1, 2, 3].map((k) => byPosition(`c${k}=`));
    this.famSh = family('sh=');
    this.famP = Int32Array.from([0, 1, 2, 3, 4], (k) => family(`p${k}=`));
    this.famS = Int32Array.from([0, 1, 2, 3, 4], (k) => family(`s${k}=`));
    this.famHeadlineLower = family('hl+l=');
    this.famCNone = id('c=none');
    this.crIds = Int32Array.from([...model.capRatioBuckets, 'u'], (b) => id('cr=' + b));
    this.lenIds = Int32Array.from(LENGTHS, (n) => id('len=' + n));
    this.tokenTypeIds = model.typeLists.map((types) => Int32Array.from([...types].sort(), (t) => id(`gzt=${t}`)));
    this.flagIds = { digit: id('digit'), hyph: id('hyph'), period: id('period') };
    this.constant = {
      bias: id('bias'), first: id('first'), last: id('last'), hl: id('hl'), afterOpen: id('after-open'),
      pads: Int32Array.from([id('-2:pad'), id('-1:pad'), -1, id('1:pad'), id('2:pad')]),
    };
    this.docIds = new Int32Array(8).fill(-1);
    for (const [bits, forms] of [[1, 'T'], [2, 'l'], [3, 'Tl']] as const) {
      this.docIds[bits * 2] = id('doc=' + forms);
      this.docIds[bits * 2 + 1] = id('doc=' + forms + '|edge');
    }
    const maj = new Int32Array(10);
    const type = new Int32Array(10);
    for (let k = 0; k < 5; k++) {
      for (let e = 0; e < 2; e++) {
        maj[k * 2 + e] = id(`ph=${TYPE_NAMES[k]}${e ? '|edge' : ''}`);
        type[k * 2 + e] = id(`ph+${TYPE_NAMES[k]}${e ? '|edge' : ''}`);
      }
    }
    this.historyIds = {
      maj, type,
      left: Int32Array.from(TYPE_NAMES, (n) => id(`ph@-1=${n}`)),
      right: Int32Array.from(TYPE_NAMES, (n) => id(`ph@+1=${n}`)),
    };

    // Lower-case forms that are values of the model keep their value ids.
    const V = model.values.size;
    this.staticLex = V;
    this.lex = new Int32Array((V + 16384) * LEX);
    this.lexHeadline = new Int32Array(V + 16384);
    // Word pairs: every split of a `bg-=a|b` / `bg+=a|b` name at a '|' (the string the extractor
    // would build from that split is the name itself, so the pair maps to the same id).
    this.pairSpan = V;
    const pairs = model.pairs;
    let before = 0;
    for (let i = 0; i < pairs.length; i += 4) if (pairs[i] === 0) before++;
    this.pairsBefore = new IntTable(-1, before);
    this.pairsAfter = new IntTable(-1, pairs.length / 4 - before);
    for (let i = 0; i < pairs.length; i += 4) (pairs[i] === 0 ? this.pairsBefore : this.pairsAfter).set(pairs[i + 1]! * V + pairs[i + 2]!, pairs[i + 3]!);
    this.sentenceStart = model.values.find('<s>');
    this.sentenceEnd = model.values.find('</s>');

    // Gazetteer trie over the lower-case entries' words (an entry's words never contain spaces).
    this.gazetteerMaxLength = model.gazetteerMaxLength;
    this.trieSpan = V;
    const entries = model.gazetteerLower;
    let nodes = 1;
    this.trie = new IntTable(-1, entries.length);
    for (let i = 0; i < entries.length; ) {
      const len = entries[i++]!;
      let node = 0;
      for (let k = 0; k < len; k++) {
        const key = node * V + entries[i++]!;
        let child = this.trie.get(key);
        if (child < 0) this.trie.set(key, (child = nodes++));
        node = child;
      }
      this.trieTypes[node] = model.typeLists[entries[i++]!];
    }

    this.internShape('<s>');
    this.internShape('</s>');
  }
  /** Label indices for the sentences of one document (each an array of token texts). */
  decodeDocument(sentences: string[][]): Int32Array[] {
    let total = 0;
    for (const s of sentences) total += s.length;
    if (this.wordCount + total > this.wordLimit) this.reset();
    const ids = new Int32Array(total);
    const longest = this.wordIdsOf(sentences, total, ids);
    this.reserve(total, longest);
    const stamp = ++this.stamp;
    this.documentForms(sentences, ids, stamp);

    const twoStages = this.transitions2 !== null;
    const out: Int32Array[] = [];
    let offset = 0;
    for (const s of sentences) {
      const n = s.length;
      this.touchSentence(ids, offset, n);
      this.sentenceFeatures(s, ids, offset, n);
      this.touchExtras(n);
      this.emissions(ids, offset, n);
      const labels = this.decode(this.emit1, 0, n, this.transitions1, this.labels, offset);
      if (!twoStages) out.push(labels.slice(offset, offset + n));
      offset += n;
    }
    if (!twoStages) return out;

    this.historyCounts(ids, stamp);
    // One array for the document's labels; each sentence gets a view of it.
    const labels = new Int32Array(total);
    offset = 0;
    for (const s of sentences) {
      const n = s.length;
      this.addHistory(ids, offset, n);
      this.decode(this.emit2, offset, n, this.transitions2!, labels, offset);
      out.push(labels.subarray(offset, offset + n));
      offset += n;
    }
    return out;
  }

  /**
   * The word ids of a document's tokens, in `ids`; returns the length of its longest sentence. (Apart from
   * decodeDocument: these loops make a method hot during the first documents, and optimised then, decodeDocument
   * took in the once-per-document methods before they had any type feedback, and was thrown away and compiled again.)
   */
  private wordIdsOf(sentences: string[][], total: number, ids: Int32Array): number {
    // token texts hashed and their table slots read first, in a loop of independent loads
    if (this.wordHashes.length < total) this.wordHashes = new Int32Array(total * 2);
    const hashes = this.wordHashes;
    let at = 0;
    for (const s of sentences) for (const w of s) hashes[at++] = fnv1a(w);
    this.wordIds.touch(hashes, total);
    at = 0;
    let longest = 0;
    for (const s of sentences) {
      for (const w of s) {
        ids[at] = this.word(w, hashes[at]!);
        at++;
      }
      longest = Math.max(longest, s.length);
    }
    return longest;
  }

  // --- reading ahead ------------------------------------------------------------------------------
  // A rare word's window sums and a word pair's table slot are cache misses. Read first in loops of
  // independent loads, the misses of a whole sentence overlap instead of stalling one after another.

  /** Keeps the reading-ahead loops from being optimised away. */
  // (A Float64Array, not a number field: a field that goes from small integers to doubles changes
  // the object's hidden class, which throws away the optimised code of every method.)
  readonly touched = new Float64Array(1);

  /** Reads the window sums of a sentence's words and the table slots of its word pairs and shape triples. */
  private touchSentence(ids: Int32Array, offset: number, n: number): void {
    const sums = this.wordSums;
    const wordLex = this.wordLex;
    const wordShapeId = this.wordShapeId;
    const span = this.pairSpan;
    let t = 0;
    for (let i = 0; i < n; i++) {
      const b = ids[offset + i]! * WORD;
      t += sums[b]! + sums[b + 16]! + sums[b + 32]! + sums[b + 48]! + sums[b + 64]! + sums[b + 80]! + sums[b + WORD - 1]!;
    }
    let k = 0;
    for (let i = 0; i < n; i++) {
      const id = ids[offset + i]!;
      const lex = wordLex[id]!;
      const shape = wordShapeId[id]!;
      const prev = i > 0 ? ids[offset + i - 1]! : -1;
      const next = i + 1 < n ? ids[offset + i + 1]! : -1;
      if (lex < span) {
        const prevLex = prev >= 0 ? wordLex[prev]! : this.sentenceStart;
        const nextLex = next >= 0 ? wordLex[next]! : this.sentenceEnd;
        if (prevLex < span) k ^= this.pairsBefore.touch(prevLex * span + lex);
        if (nextLex < span) k ^= this.pairsAfter.touch(lex * span + nextLex);
      }
      const prevShape = prev >= 0 ? wordShapeId[prev]! : 0;
      const nextShape = next >= 0 ? wordShapeId[next]! : 1;
      if (prevShape < 1024 && shape < 1024 && nextShape < 1024) k ^= this.shapeTriples.touch((prevShape * 1024 + shape) * 1024 + nextShape);
    }
    this.touched[0] = t + k;
  }

  /** Reads the weight rows of the sentence's other features (sentenceFeatures' `extras`). */
  private touchExtras(n: number): void {
    const rows = this.rows;
    const extras = this.extras;
    let t = 0;
    for (let j = 0, end = this.bounds[n]!; j < end; j++) {
      const b = extras[j]! * ROW;
      t += rows[b]! + rows[b + ROW - 1]!;
    }
    this.touched[0]! += t;
  }

  // --- words ------------------------------------------------------------------------------------

  /** The id of a lower-case form that is not a value of the model. */
  private intern(lower: string): number {
    let id = this.lexIds.get(lower);
    if (id === undefined) {
      id = this.staticLex + this.dynamicLex++;
      this.lexIds.set(lower, id);
      if (id >= this.lexHeadline.length) {
        const size = this.lexHeadline.length * 2;
        this.lex = grow(this.lex, size * LEX);
        this.lexHeadline = grow(this.lexHeadline, size);
      }
      this.lex.fill(0, id * LEX, id * LEX + LEX);
      this.lexHeadline[id] = 0;
    }
    return id;
  }

  private internShape(shape: string): number {
    let id = this.shapeIds.get(shape);
    if (id === undefined) {
      id = this.shapeStr.length;
      this.shapeIds.set(shape, id);
      this.shapeStr.push(shape);
      if (id >= this.firstShape.length) this.firstShape = grow(this.firstShape, this.firstShape.length * 2);
    }
    return id;
  }

  private reset(): void {
    this.wordIds.clear();
    this.wordCount = 0;
    this.wordGazetteer = [];
    this.wordNorm = [];
    this.lexIds.clear();
    this.dynamicLex = 0;
    this.shapeTriples.clear();
  }

  /** The id of a token text, its features summed on first sight. */
  private word(raw: string, hash: number): number {
    const known = this.wordIds.get(raw, hash);
    if (known >= 0) return known;
    const id = this.wordCount++;
    if (id >= this.wordLex.length) {
      const size = this.wordLex.length * 2;
      this.wordLex = grow(this.wordLex, size);
      this.wordShapeId = grow(this.wordShapeId, size);
      this.wordFlags = grow(this.wordFlags, size);
      this.wordSums = grow(this.wordSums, size * WORD);
    }
    this.wordIds.add(raw, hash, id);
    const word = normalizeToken(raw);
    const lower = word.toLowerCase();
    const shape = wordShape(word);
    const short = shortShape(shape);
    this.wordNorm[id] = word;
    const values = this.model.values;
    const asWord = values.find(word);
    const asLower = lower === word ? asWord : values.find(lower);
    this.wordLex[id] = asLower >= 0 ? asLower : this.intern(lower);
    this.wordShapeId[id] = this.internShape(short);
    let flags = 0;
    const c = word.charCodeAt(0);
    if (isUpperInitial(word)) flags |= CAPITALISED;
    if (hasLower(word)) flags |= HAS_LOWER;
    if (hasLetter(word)) flags |= HAS_LETTER;
    if (isLetterInitial(word)) flags |= LETTER_INITIAL;
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c > 127 && /^[\p{Lu}\p{N}]/u.test(word))) flags |= GAZ_START;
    if (word === '-' || word === '"' || word === "'" || word === '(') flags |= OPENER;
    if (word === '"' || word === "'" || word === '(' || word === '-' || word === ':') flags |= DOC_SKIP;
    if (word.includes(' ')) flags |= HAS_SPACE;
    if (isUpperInitial(raw) || (!hasLower(raw) && hasLetter(raw))) flags |= RAW_HISTORY;
    if (isLetterInitial(raw)) flags |= RAW_LETTER_INITIAL;
    this.wordFlags[id] = flags;
    this.sumWindowFeatures(id, word, lower, shape, short, asWord, asLower);
    return id;
  }

  /**
   * The weight sums (both stages) of the features the word contributes at positions -2..2, in the
   * order of FeatureExtractor.wordFeatures, accumulated in float32 as the decoder always did.
   * `asWord`, `asLower`: the value ids of the word and its lower case (-1: not a value).
   * The features are listed first as (value, family) queries and resolved in one loop: a function
   * with one call site of `featureOf` and `find` per kind of query is a small one to optimise (with
   * ~40 call sites, each inlined, it took V8 longer to compile than to run on a CoNLL file).
   */
  private sumWindowFeatures(id: number, word: string, lower: string, shape: string, short: string, asWord: number, asLower: number): void {
    const m = this.model;
    const values = m.values;
    const digits = /\d/.test(word);
    const len = lower.length;
    const maxK = len < 4 ? len : 4;
    // The strings looked up, as ranges, found in one loop (one call site of `find`): 0, 1: word and
    // lower case with their digits written 0 (as `w=` and `l=` values are; clusters, casing and
    // gazetteer are not), 2: shape, 3: the last three letters, 4–7: prefixes 1–4, 8–11: suffixes 1–4.
    const ft = this.findText;
    const start = this.findFrom;
    const to = this.findTo;
    const found = this.findResult;
    for (let i = 0; i < 12; i++) to[i] = -1;
    if (digits) {
      ft[0] = word.replace(/\d/g, '0');
      ft[1] = lower.replace(/\d/g, '0');
      start[0] = start[1] = 0;
      to[0] = ft[0].length;
      to[1] = ft[1].length;
    }
    ft[2] = shape; start[2] = 0; to[2] = shape.length;
    ft[3] = lower; start[3] = len > 3 ? len - 3 : 0; to[3] = len;
    for (let k = 1; k <= maxK; k++) {
      ft[3 + k] = lower; start[3 + k] = 0; to[3 + k] = k;
      if (k !== 3) { ft[7 + k] = lower; start[7 + k] = len - k; to[7 + k] = len; }
    }
    // hashed and their table slots read first (the lookups' cache misses overlap), then found
    const hashes = this.findHash;
    let touched = 0;
    for (let i = 0; i < 12; i++) {
      if (to[i]! < 0) continue;
      hashes[i] = hashRange(ft[i]!, start[i]!, to[i]!);
      touched += values.touch(hashes[i]!);
    }
    for (let i = 0; i < 12; i++) found[i] = to[i]! < 0 ? -1 : values.findHashed(ft[i]!, start[i]!, to[i]!, hashes[i]!);
    const byWord = digits ? found[0]! : asWord;
    const byLower = digits ? found[1]! : asLower;
    const suffix3 = found[3]!;
    let cluster = asWord >= 0 ? m.valueCluster[asWord]! : -1;
    if (cluster < 0 && asLower >= 0) cluster = m.valueCluster[asLower]!;
    const levels = cluster >= 0 ? m.clusterPaths[cluster]! : 0;
    const tokenTypes = asWord >= 0 ? m.valueTokenTypes[asWord]! : -1;
    this.wordGazetteer[id] = tokenTypes >= 0 ? this.tokenTypeIds[tokenTypes]! : null;
    const byShort = this.shortIds(this.wordShapeId[id]!, short);
    const famW = this.famW;
    const famL = this.famL;
    const famC = this.famC;
    const qv = this.queryValue;
    const qf = this.queryFamily;
    const end = this.foundEnd;
    let q = 0;
    // position 0 (index 2)
    qv[q] = byWord; qf[q++] = famW[2]!;
    qv[q] = byLower; qf[q++] = famL[2]!;
    qv[q] = found[2]!; qf[q++] = this.famSh;
    qv[q] = FEATURE; qf[q++] = byShort[2]!;
    for (let k = 1; k <= maxK; k++) {
      qv[q] = found[3 + k]!; qf[q++] = this.famP[k]!;
      if (k === 3) { qv[q] = suffix3; qf[q++] = this.famS3[2]!; }
      else { qv[q] = found[7 + k]!; qf[q++] = this.famS[k]!; }
    }
    for (let k = 0; k < levels; k++) { qv[q] = m.clusterPaths[cluster + 1 + k]!; qf[q++] = famC[k]![2]!; }
    if (levels === 0) { qv[q] = FEATURE; qf[q++] = this.famCNone; }
    const bucket = asLower >= 0 ? m.valueCapRatio[asLower]! : 255;
    qv[q] = FEATURE; qf[q++] = this.crIds[bucket === 255 ? this.crIds.length - 1 : bucket]!;
    qv[q] = FEATURE; qf[q++] = this.lenIds[Math.min(word.length, 8)]!;
    if (digits) { qv[q] = FEATURE; qf[q++] = this.flagIds.digit; }
    if (word.includes('-')) { qv[q] = FEATURE; qf[q++] = this.flagIds.hyph; }
    if (word.includes('.')) { qv[q] = FEATURE; qf[q++] = this.flagIds.period; }
    end[2] = q;
    // positions -1 and +1 (indexes 1 and 3)
    for (let p = 1; p <= 3; p += 2) {
      qv[q] = byWord; qf[q++] = famW[p]!;
      qv[q] = byLower; qf[q++] = famL[p]!;
      qv[q] = FEATURE; qf[q++] = byShort[p]!;
      for (let k = 1; k < levels; k++) { qv[q] = m.clusterPaths[cluster + 1 + k]!; qf[q++] = famC[k]![p]!; }
      qv[q] = suffix3; qf[q++] = this.famS3[p]!;
      end[p] = q;
    }
    // positions -2 and +2 (indexes 0 and 4)
    for (let p = 0; p <= 4; p += 4) {
      qv[q] = byLower; qf[q++] = famL[p]!;
      qv[q] = FEATURE; qf[q++] = byShort[p]!;
      if (levels > 2) { qv[q] = m.clusterPaths[cluster + 3]!; qf[q++] = famC[2]![p]!; }
      end[p] = q;
    }
    // The features, then their weight rows read once ahead (cache misses for a rare word: in a loop
    // of independent loads they overlap instead of stalling the sums one after another).
    const rows = this.rows;
    for (let j = 0; j < q; j++) {
      const f = qv[j] === FEATURE ? qf[j]! : featureOf(m, qv[j]!, qf[j]!);
      qf[j] = f;
      if (f >= 0) touched += rows[f * ROW]! + rows[f * ROW + ROW - 1]!;
    }
    this.touched[0] = touched;
    // Summed in the Float32Array itself: rounded to float32 after each addition, as the decoder always did.
    const sums = this.wordSums;
    let from = 0;
    for (let k = 0; k < 5; k++) {
      const p = POSITION_ORDER[k]!;
      const base = id * WORD + p * ROW;
      sums.fill(0, base, base + ROW);
      for (let j = from; j < end[p]!; j++) {
        const f = qf[j]!;
        if (f < 0) continue;
        const b = f * ROW;
        for (let y = 0; y < ROW; y++) sums[base + y] += rows[b + y]!;
      }
      from = end[p]!;
    }
  }

  /** `ss=` ids of a short shape at positions -2..2. */
  private shortIds(shapeId: number, short: string): Int32Array {
    let ids = this.byShortShape[shapeId];
    if (!ids) {
      const v = this.model.values.find(short);
      this.byShortShape[shapeId] = ids = Int32Array.from(this.famSS, (fam) => featureOf(this.model, v, fam));
    }
    return ids;
  }

  private reserve(total: number, longest: number): void {
    if (this.emit2.length < total * NL) this.emit2 = new Float64Array(total * NL * 2);
    if (this.labels.length < total) this.labels = new Int32Array(total * 2);
    if (this.emit1.length < longest * NL) {
      this.emit1 = new Float64Array(longest * NL * 2);
      this.back = new Int32Array(longest * NL * 2);
    }
    if (this.bounds.length < longest + 1) this.bounds = new Int32Array(longest * 2 + 1);
    if (this.extras.length < longest * 8 + 512) this.extras = new Int32Array(longest * 16 + 512);
  }

  // --- document-level statistics ----------------------------------------------------------------

  /** A sentence written in capitals (CoNLL headlines) or Title Case (web headlines). */
  private isHeadline(ids: Int32Array, offset: number, n: number): boolean {
    let letters = 0;
    let upperOnly = 0;
    for (let t = 0; t < n; t++) {
      const flags = this.wordFlags[ids[offset + t]!]!;
      if (!(flags & HAS_LETTER)) continue;
      letters++;
      if (!(flags & HAS_LOWER)) upperOnly++;
    }
    return letters >= 2 && upperOnly === letters;
  }

  /** How each lower-case form is written in the document's ordinary sentences (bit 1 T, 2 l). */
  private documentForms(sentences: string[][], ids: Int32Array, stamp: number): void {
    let offset = 0;
    for (const s of sentences) {
      const n = s.length;
      if (!this.isHeadline(ids, offset, n)) {
        for (let t = 1; t < n; t++) {
          const id = ids[offset + t]!;
          const flags = this.wordFlags[id]!;
          if (!(flags & LETTER_INITIAL)) continue;
          if (this.wordFlags[ids[offset + t - 1]!]! & DOC_SKIP) continue;
          const x = this.wordLex[id]! * LEX;
          if (this.lex[x] !== stamp) {
            this.lex[x] = stamp;
            this.lex[x + 1] = 0;
          }
          this.lex[x + 1]! |= flags & CAPITALISED ? 1 : 2;
        }
      }
      offset += n;
    }
  }

  // --- per-sentence features and scores ---------------------------------------------------------

  /** The token features that are not window features, per token in `extras` (bounds per token). */
  private sentenceFeatures(s: string[], ids: Int32Array, offset: number, n: number): void {
    const gaz = this.gazetteerMarks(s, ids, offset, n);
    const headline = this.isHeadline(ids, offset, n);
    const { bias, first, last, hl, afterOpen, pads } = this.constant;
    const wordLex = this.wordLex;
    const wordFlags = this.wordFlags;
    const wordShapeId = this.wordShapeId;
    const stamp = this.stamp;
    let extras = this.extras;
    let used = 0;
    for (let t = 0; t < n; t++) {
      if (used + 512 > extras.length) extras = this.extras = grow(extras, extras.length * 2);
      this.bounds[t] = used;
      const id = ids[offset + t]!;
      const flags = wordFlags[id]!;
      const lex = wordLex[id]!;
      const shape = wordShapeId[id]!;
      let v: number;
      if (t < 2) {
        if (pads[0]! >= 0) extras[used++] = pads[0]!;
        if (t < 1 && pads[1]! >= 0) extras[used++] = pads[1]!;
      }
      if (t + 2 >= n) {
        if (t + 1 >= n && pads[3]! >= 0) extras[used++] = pads[3]!;
        if (pads[4]! >= 0) extras[used++] = pads[4]!;
      }
      if (bias >= 0) extras[used++] = bias;
      if (t === 0) {
        if (first >= 0) extras[used++] = first;
        v = this.firstShape[shape]! - 2;
        if (v === -2) this.firstShape[shape] = (v = this.lookup('first+ss=' + this.shapeStr[shape]!)) + 2;
        if (v >= 0) extras[used++] = v;
      }
      if (t === n - 1 && last >= 0) extras[used++] = last;
      const prevLex = t > 0 ? wordLex[ids[offset + t - 1]!]! : this.sentenceStart;
      const nextLex = t + 1 < n ? wordLex[ids[offset + t + 1]!]! : this.sentenceEnd;
      const span = this.pairSpan;
      if (lex < span) {
        if (prevLex < span) {
          v = this.pairsBefore.get(prevLex * span + lex);
          if (v >= 0) extras[used++] = v;
        }
        if (nextLex < span) {
          v = this.pairsAfter.get(lex * span + nextLex);
          if (v >= 0) extras[used++] = v;
        }
      }
      v = this.shapeTriple(t > 0 ? wordShapeId[ids[offset + t - 1]!]! : 0, shape, t + 1 < n ? wordShapeId[ids[offset + t + 1]!]! : 1);
      if (v >= 0) extras[used++] = v;
      if (headline) {
        if (hl >= 0) extras[used++] = hl;
        v = this.lexHeadline[lex]! - 2;
        if (v === -2) this.lexHeadline[lex] = (v = featureOf(this.model, lex < this.staticLex ? lex : -1, this.famHeadlineLower)) + 2;
        if (v >= 0) extras[used++] = v;
      }
      if (t === 1 && afterOpen >= 0 && wordFlags[ids[offset]!]! & OPENER) extras[used++] = afterOpen;
      const g = gaz?.[t];
      if (g) for (let j = 0; j < g.length; j++) if (g[j]! >= 0) extras[used++] = g[j]!;
      if (flags & CAPITALISED || !(flags & HAS_LOWER)) {
        const x = lex * LEX;
        if (this.lex[x] === stamp && this.lex[x + 1]) {
          v = this.docIds[this.lex[x + 1]! * 2 + (t === 0 || headline ? 1 : 0)]!;
          if (v >= 0) extras[used++] = v;
        }
      }
    }
    this.bounds[n] = used;
  }

  private shapeTriple(prev: number, cur: number, next: number): number {
    if (prev >= 1024 || cur >= 1024 || next >= 1024) return this.lookup(`ssw=${this.shapeStr[prev]}|${this.shapeStr[cur]}|${this.shapeStr[next]}`);
    const key = (prev * 1024 + cur) * 1024 + next;
    let v = this.shapeTriples.get(key);
    if (v === -2) this.shapeTriples.set(key, (v = this.lookup(`ssw=${this.shapeStr[prev]}|${this.shapeStr[cur]}|${this.shapeStr[next]}`)));
    return v;
  }

  /**
   * Gazetteer features per token, in the extractor's order: the word's multi-word-entry types, then
   * every entry starting at each earlier-or-same token, shortest first, with its type and position.
   */
  private gazetteerMarks(s: string[], ids: Int32Array, offset: number, n: number): (number[] | null)[] | null {
    let spaced = false;
    for (let t = 0; t < n; t++) if (this.wordFlags[ids[offset + t]!]! & HAS_SPACE) spaced = true;
    if (spaced) return gazetteerMarks(s.map(normalizeToken), this.gazetteer(), new Map(), this.lookup);
    let marks: (number[] | null)[] | null = null;
    for (let t = 0; t < n; t++) {
      const g = this.wordGazetteer[ids[offset + t]!];
      if (!g) continue;
      marks ??= new Array<number[] | null>(n).fill(null);
      const arr = (marks[t] ??= []);
      for (let j = 0; j < g.length; j++) arr.push(g[j]!);
    }
    const span = this.trieSpan;
    for (let i = 0; i < n; i++) {
      if (!(this.wordFlags[ids[offset + i]!]! & GAZ_START)) continue;
      let node = 0;
      for (let len = 1; len <= this.gazetteerMaxLength && i + len <= n; len++) {
        const lex = this.wordLex[ids[offset + i + len - 1]!]!;
        const child = lex < span ? this.trie.get(node * span + lex) : -1;
        if (child < 0) break;
        node = child;
        const lowerTypes = this.trieTypes[node];
        if (!lowerTypes) continue;
        let key = this.wordNorm[ids[offset + i]!]!;
        for (let k = 1; k < len; k++) key += ' ' + this.wordNorm[ids[offset + i + k]!]!;
        const exact = this.model.values.find(key);
        const exactList = exact >= 0 ? this.model.valueGazetteer[exact]! : -1;
        const exactTypes = exactList >= 0 ? this.model.typeLists[exactList] : undefined;
        const types = exactTypes ?? lowerTypes;
        const lc = exactTypes ? 0 : 4;
        marks ??= new Array<number[] | null>(n).fill(null);
        for (let k = i; k < i + len; k++) {
          const pos = len === 1 ? 0 : k === i ? 1 : k === i + len - 1 ? 3 : 2;
          const arr = (marks[k] ??= []);
          for (const ty of types) {
            const g = this.gazetteerIds(ty);
            arr.push(g[pos + lc]!);
            if (len > 1) arr.push(g[8]!);
          }
        }
      }
    }
    return marks;
  }

  private gazetteerIds(type: string): Int32Array {
    let g = this.gazIds.get(type);
    if (!g) {
      const ids = ['U', 'B', 'I', 'L'].map((pos) => this.lookup(`gz=${type}:${pos}`));
      const lower = ['U', 'B', 'I', 'L'].map((pos) => this.lookup(`gz=${type}:${pos}:lc`));
      this.gazIds.set(type, (g = Int32Array.from([...ids, ...lower, this.lookup(`gzm=${type}`)])));
    }
    return g;
  }

  /**
   * Both stages' emission scores: window sums (positions -2..2), then the other features, each
   * label summed in the original order (identical doubles). Stage 1 → emit1, stage 2 → emit2.
   */
  private emissions(ids: Int32Array, offset: number, n: number): void {
    const sums = this.wordSums;
    const rows = this.rows;
    const extras = this.extras;
    const bounds = this.bounds;
    const emit1 = this.emit1;
    const emit2 = this.emit2;
    for (let t = 0; t < n; t++) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0;
      let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0, b8 = 0;
      const lo = t >= 2 ? -2 : -t;
      const hi = t + 2 < n ? 2 : n - 1 - t;
      for (let r = lo; r <= hi; r++) {
        const b = ids[offset + t + r]! * WORD + (r + 2) * ROW;
        a0 += sums[b]!; a1 += sums[b + 1]!; a2 += sums[b + 2]!; a3 += sums[b + 3]!; a4 += sums[b + 4]!;
        a5 += sums[b + 5]!; a6 += sums[b + 6]!; a7 += sums[b + 7]!; a8 += sums[b + 8]!;
        b0 += sums[b + 9]!; b1 += sums[b + 10]!; b2 += sums[b + 11]!; b3 += sums[b + 12]!; b4 += sums[b + 13]!;
        b5 += sums[b + 14]!; b6 += sums[b + 15]!; b7 += sums[b + 16]!; b8 += sums[b + 17]!;
      }
      const end = bounds[t + 1]!;
      for (let j = bounds[t]!; j < end; j++) {
        const b = extras[j]! * ROW;
        a0 += rows[b]!; a1 += rows[b + 1]!; a2 += rows[b + 2]!;
        a3 += rows[b + 3]!; a4 += rows[b + 4]!; a5 += rows[b + 5]!;
        a6 += rows[b + 6]!; a7 += rows[b + 7]!; a8 += rows[b + 8]!;
        b0 += rows[b + 9]!; b1 += rows[b + 10]!; b2 += rows[b + 11]!;
        b3 += rows[b + 12]!; b4 += rows[b + 13]!; b5 += rows[b + 14]!;
        b6 += rows[b + 15]!; b7 += rows[b + 16]!; b8 += rows[b + 17]!;
      }
      let e = t * NL;
      emit1[e] = a0; emit1[e + 1] = a1; emit1[e + 2] = a2; emit1[e + 3] = a3; emit1[e + 4] = a4;
      emit1[e + 5] = a5; emit1[e + 6] = a6; emit1[e + 7] = a7; emit1[e + 8] = a8;
      e = (offset + t) * NL;
      emit2[e] = b0; emit2[e + 1] = b1; emit2[e + 2] = b2; emit2[e + 3] = b3; emit2[e + 4] = b4;
      emit2[e + 5] = b5; emit2[e + 6] = b6; emit2[e + 7] = b7; emit2[e + 8] = b8;
    }
  }

  // --- second stage -----------------------------------------------------------------------------

  /** How the first pass labelled the document's letter-initial tokens, per lower-case form. */
  private historyCounts(ids: Int32Array, stamp: number): void {
    const total = ids.length;
    for (let i = 0; i < total; i++) {
      const id = ids[i]!;
      if (!(this.wordFlags[id]! & RAW_LETTER_INITIAL)) continue;
      const x = this.wordLex[id]! * LEX;
      const lex = this.lex;
      if (lex[x + 2] !== stamp) {
        lex[x + 2] = stamp;
        lex[x + 3] = 0;
        lex[x + 4] = 0;
        lex[x + 5] = 0;
        lex[x + 6] = 0;
        lex[x + 7] = 0;
      }
      const y = this.labels[i]!;
      lex[x + 3 + (y === 0 ? 0 : (y + 1) >> 1)]!++;
    }
  }

  /** Adds the prediction-history features of `predictionHistory` to the stage-2 scores. */
  private addHistory(ids: Int32Array, offset: number, n: number): void {
    const { maj: majIds, type: typeIds, left, right } = this.historyIds;
    const headline = this.isHeadline(ids, offset, n);
    const majority = this.back; // scratch: majority type per token
    const own = this.extras; // scratch: own features per token, bounds in `bounds`
    const counts = this.lex;
    let used = 0;
    for (let t = 0; t < n; t++) {
      this.bounds[t] = used;
      majority[t] = 0;
      const id = ids[offset + t]!;
      if (!(this.wordFlags[id]! & RAW_HISTORY)) continue;
      const x = this.wordLex[id]! * LEX;
      if (counts[x + 2] !== this.stamp) continue;
      const c = x + 3;
      const y = this.labels[offset + t]!;
      const self = y === 0 ? 0 : (y + 1) >> 1;
      const o0 = counts[c]! - (self === 0 ? 1 : 0);
      const o1 = counts[c + 1]! - (self === 1 ? 1 : 0);
      const o2 = counts[c + 2]! - (self === 2 ? 1 : 0);
      const o3 = counts[c + 3]! - (self === 3 ? 1 : 0);
      const o4 = counts[c + 4]! - (self === 4 ? 1 : 0);
      if (o0 + o1 + o2 + o3 + o4 === 0) continue;
      const edge = t === 0 || headline ? 1 : 0;
      let maj = 0;
      let best = o0;
      if (o1 > best) { maj = 1; best = o1; }
      if (o2 > best) { maj = 2; best = o2; }
      if (o3 > best) { maj = 3; best = o3; }
      if (o4 > best) { maj = 4; best = o4; }
      majority[t] = maj;
      if (majIds[maj * 2 + edge]! >= 0) own[used++] = majIds[maj * 2 + edge]!;
      if (o1 > 0 && typeIds[2 + edge]! >= 0) own[used++] = typeIds[2 + edge]!;
      if (o2 > 0 && typeIds[4 + edge]! >= 0) own[used++] = typeIds[4 + edge]!;
      if (o3 > 0 && typeIds[6 + edge]! >= 0) own[used++] = typeIds[6 + edge]!;
      if (o4 > 0 && typeIds[8 + edge]! >= 0) own[used++] = typeIds[8 + edge]!;
    }
    this.bounds[n] = used;
    const rows = this.rows;
    const emit2 = this.emit2;
    const features = this.historyFeatures;
    for (let t = 0; t < n; t++) {
      // The token's own features, then its neighbours' (in this order).
      let k = 0;
      for (let j = this.bounds[t]!; j < this.bounds[t + 1]!; j++) features[k++] = own[j]!;
      if (t > 0 && majority[t - 1]! > 0 && left[majority[t - 1]!]! >= 0) features[k++] = left[majority[t - 1]!]!;
      if (t + 1 < n && majority[t + 1]! > 0 && right[majority[t + 1]!]! >= 0) features[k++] = right[majority[t + 1]!]!;
      const e = (offset + t) * NL;
      for (let j = 0; j < k; j++) {
        const b = features[j]! * ROW + NL;
        for (let y = 0; y < NL; y++) emit2[e + y]! += rows[b + y]!;
      }
    }
  }

  // --- Viterbi ----------------------------------------------------------------------------------

  /**
   * Best IOB2-valid labels of emit[from .. from + n) into out[at ..]: the Viterbi of `decode` in
   * model.ts (previous labels tried in ascending order, first best kept), with the IOB2 rule
   * written out: O and B-X may follow any label, I-X only B-X or I-X.
   */
  private decode(emit: Float64Array, from: number, n: number, tr: Float32Array, out: Int32Array, at: number): Int32Array {
    if (n === 0) return out;
    const back = this.back;
    let prev = this.prevScore;
    let cur = this.curScore;
    const e0 = from * NL;
    for (let y = 0; y < NL; y++) prev[y] = this.inside[y] ? -Infinity : emit[e0 + y]! + tr[START * NL + y]!;
    for (let t = 1; t < n; t++) {
      const bt = t * NL;
      const et = e0 + bt;
      for (let y = 0; y < NL; y += y === 0 ? 1 : 2) {
        let best = -Infinity;
        let arg = 0;
        for (let p = 0; p < NL; p++) {
          const s = prev[p]! + tr[p * NL + y]!;
          if (s > best) {
            best = s;
            arg = p;
          }
        }
        cur[y] = best + emit[et + y]!;
        back[bt + y] = arg;
      }
      for (let y = 2; y < NL; y += 2) {
        let best = -Infinity;
        let arg = 0;
        const s1 = prev[y - 1]! + tr[(y - 1) * NL + y]!;
        if (s1 > best) {
          best = s1;
          arg = y - 1;
        }
        const s2 = prev[y]! + tr[y * NL + y]!;
        if (s2 > best) {
          best = s2;
          arg = y;
        }
        cur[y] = best + emit[et + y]!;
        back[bt + y] = arg;
      }
      const swap = prev;
      prev = cur;
      cur = swap;
    }
    let best = -Infinity;
    let arg = 0;
    for (let y = 0; y < NL; y++) {
      if (prev[y]! > best) {
        best = prev[y]!;
        arg = y;
      }
    }
    for (let t = n - 1; t >= 0; t--) {
      out[at + t] = arg;
      arg = back[t * NL + arg]!;
    }
    return out;
  }
}

/**
 * A hash table from non-negative integer keys (below 2^53) to integer values: open
 * addressing in one Float64Array of [key, value] slots, so a lookup usually reads one cache line
 * (a Map of numbers chases two or three pointers). `get` returns `missing` for absent keys.
 */
class IntTable {
  private slots: Float64Array;
  private mask: number;
  private size = 0;
  /** `expected`: how many keys it will hold (the table doubles when half full). */
  constructor(private readonly missing = -1, expected = 512) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Float64Array(2 * capacity).fill(-1);
    this.mask = capacity - 1;
  }

  get(key: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let i = hashInt(key) & mask;
    for (;;) {
      const k = slots[2 * i]!;
      if (k === key) return slots[2 * i + 1]!;
      if (k === -1) return this.missing;
      i = (i + 1) & mask;
    }
  }

  /** Reads the slot where a lookup of `key` starts (to bring it into cache ahead of `get`). */
  touch(key: number): number {
    return this.slots[2 * (hashInt(key) & this.mask)]!;
  }

  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    const slots = this.slots;
    let i = hashInt(key) & this.mask;
    while (slots[2 * i] !== -1 && slots[2 * i] !== key) i = (i + 1) & this.mask;
    if (slots[2 * i] === -1) this.size++;
    slots[2 * i] = key;
    slots[2 * i + 1] = value;
  }

  clear(): void {
    this.slots.fill(-1);
    this.size = 0;
  }

  private rehash(capacity: number): void {
    const old = this.slots;
    this.slots = new Float64Array(2 * capacity).fill(-1);
    this.mask = capacity - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== -1) this.set(old[i]!, old[i + 1]!);
  }
}

function hashInt(key: number): number {
  let h = (key >>> 0) ^ Math.imul((key / 4294967296) | 0, 0x27d4eb2d);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

function grow<T extends Int32Array | Uint8Array | Float32Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
