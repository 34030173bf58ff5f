// The NER model file (`models/ner.model`): the tables the decoder (tagger.ts) reads, laid out as it
// reads them, so loading is one file read and a few typed-array views: no JSON of the feature
// table, no Map per feature family, no per-entry objects.
//
// Layout (little-endian): "STYNER02", u32 header length, the header (JSON: labels, scale, feature
// families, type lists, transitions, section table, meta), then the sections, each 8-byte aligned.
//  - Every string the decoder looks up (feature values, words of the clusters, casing ratios and
//    gazetteer, word-pair words) is a *value*: one string table (UTF-8 in the file, one JS string in
//    memory) and a hash table over it built at load (≈ 80k strings, a few ms).
//  - Features are numbered value by value (a value's features are one contiguous id range, each
//    with its family): a feature is found from its value's id and its family's index, and the
//    features of one new word come in a few contiguous runs of weight rows.
//  - Weights: one row per feature of 18 int16 (stage 1, then stage 2), times `scale`.
// The lower-case form of a known value is the value's id: the decoder's per-form tables (casing in
// the document, prediction history, word pairs, gazetteer trie) are indexed by it directly.
import { readFileSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { LABELS, type Gazetteer, type Lexicon } from './features.js';

const MAGIC = 'STYNER02';
export const FORMAT = 'storyline-ner-2';
const NL = 9;
const ROW = 18;

/** A fixed set of strings, each with an id (0, 1, …), found by open addressing on an FNV-1a hash. */
export class ValueTable {
  private readonly slots: Int32Array; // [hash, id + 1]
  private readonly mask: number;
  readonly size: number;

  /** Value v is text.slice(starts[v], starts[v + 1]); `hashes`: their hashes, if known. */
  constructor(
    private readonly text: string,
    private readonly starts: Int32Array,
    hashes?: Int32Array,
  ) {
    this.size = starts.length - 1;
    let capacity = 1024;
    while (capacity < this.size * 2) capacity *= 2;
    this.slots = new Int32Array(2 * capacity);
    this.mask = capacity - 1;
    for (let v = 0; v < this.size; v++) {
      const h = hashes ? hashes[v]! : hashRange(text, starts[v]!, starts[v + 1]!);
      let i = (h ^ (h >>> 15)) & this.mask;
      while (this.slots[2 * i + 1] !== 0) i = (i + 1) & this.mask;
      this.slots[2 * i] = h;
      this.slots[2 * i + 1] = v + 1;
    }
  }

  /** The id of s.slice(from, to), or -1. */
  find(s: string, from = 0, to = s.length): number {
    return this.findHashed(s, from, to, hashRange(s, from, to));
  }

  /**
   * Reads the table where the lookup of hash `h` starts, and the first characters of the value
   * there (to bring them into cache ahead of `findHashed`: in a loop of independent loads, the
   * misses of several lookups overlap).
   */
  touch(h: number): number {
    const v = this.slots[2 * ((h ^ (h >>> 15)) & this.mask) + 1]! - 1;
    return v < 0 ? 0 : this.starts[v]!;
  }

  /** `find` with the hash of s.slice(from, to) (hashRange) already computed. */
  findHashed(s: string, from: number, to: number, h: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const len = to - from;
    for (let i = (h ^ (h >>> 15)) & mask; ; i = (i + 1) & mask) {
      const v = slots[2 * i + 1]! - 1;
      if (v < 0) return -1;
      if (slots[2 * i] !== h) continue;
      const a = this.starts[v]!;
      if (this.starts[v + 1]! - a !== len) continue;
      let k = 0;
      while (k < len && this.text.charCodeAt(a + k) === s.charCodeAt(from + k)) k++;
      if (k === len) return v;
    }
  }

  get(v: number): string {
    return this.text.slice(this.starts[v]!, this.starts[v + 1]!);
  }
}

export function hashRange(s: string, from: number, to: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** What the model file holds, as the decoder uses it (feature ids in the file's order). */
export interface CompiledModel {
  labels: string[];
  /** Feature families: a feature's name up to and including its first '=' (the whole name if none). */
  families: string[];
  featureFamily: Uint8Array; // feature → family index
  /** features × 18 weights: stage 1's 9, then stage 2's 9 (zeros for a one-stage model). */
  rows: Float32Array;
  transitions1: Float32Array;
  transitions2: Float32Array | null;
  values: ValueTable;
  valueFeatures: Int32Array; // value v's features: valueFeatures[v] .. valueFeatures[v + 1] - 1
  valueCluster: Int32Array; // -1, or the offset in clusterPaths of [levels, path value ids…]
  clusterPaths: Int32Array;
  valueCapRatio: Uint8Array; // 255, or an index into capRatioBuckets
  capRatioBuckets: string[];
  valueTokenTypes: Int8Array; // -1, or the type list of multi-word gazetteer entries the word is in
  valueGazetteer: Int8Array; // -1, or the type list of the gazetteer entry spelled exactly so
  typeLists: string[][];
  /** Value ids of the gazetteer entries, in their original order. */
  gazetteerOrder: Int32Array;
  /** Lower-case gazetteer entries: [words, word value ids…, type list] one after another. */
  gazetteerLower: Int32Array;
  gazetteerMaxLength: number;
  /** Word pairs of the `bg-=` (side 0) and `bg+=` (side 1) features: [side, a, b, feature]… */
  pairs: Int32Array;
  meta: Record<string, unknown>;
}

/** The feature id of family `family` (an index, -1 for none) with value `v` (-1 for none), or -1. */
export function featureOf(m: CompiledModel, v: number, family: number): number {
  if (v < 0 || family < 0) return -1;
  const fam = m.featureFamily;
  for (let f = m.valueFeatures[v]!, end = m.valueFeatures[v + 1]!; f < end; f++) if (fam[f] === family) return f;
  return -1;
}

/** Splits a feature name into its family and value. */
export function splitFeature(name: string): [family: string, value: string] {
  const eq = name.indexOf('=');
  return eq < 0 ? [name, ''] : [name.slice(0, eq + 1), name.slice(eq + 1)];
}

// --- writing --------------------------------------------------------------------------------------

/** Quantised weights and the model's other contents, features in any order. */
export interface ModelSource {
  names: string[];
  scale: number;
  weights1: Int16Array; // names × 9
  weights2: Int16Array | null;
  transitions1: Float32Array;
  transitions2: Float32Array | null;
  gazetteer: Map<string, string[]>; // exact entries
  lexicon: Lexicon;
  meta: Record<string, unknown>;
}

/** Lays the model out as the decoder reads it and writes it; returns its size in bytes. */
export function writeCompiled(path: string, src: ModelSource): number {
  const values: string[] = [];
  const valueIds = new Map<string, number>();
  const addValue = (s: string) => {
    let v = valueIds.get(s);
    if (v === undefined) {
      valueIds.set(s, (v = values.length));
      values.push(s);
    }
    return v;
  };
  const families: string[] = [];
  const familyIds = new Map<string, number>();
  // Features grouped by value, values grouped by their lower case (w=Obama next to l=obama), in the
  // order they are first met.
  const groups = new Map<string, Map<string, number[]>>();
  src.names.forEach((name, old) => {
    const [family, value] = splitFeature(name);
    if (!familyIds.has(family)) {
      familyIds.set(family, families.length);
      families.push(family);
    }
    const lower = value.toLowerCase();
    let group = groups.get(lower);
    if (!group) groups.set(lower, (group = new Map()));
    const ids = group.get(value);
    if (ids) ids.push(old);
    else group.set(value, [old]);
  });
  if (families.length > 255) throw new Error('too many feature families for the model format');
  const F = src.names.length;
  const order: number[] = []; // new id → old id
  const featureValueStart: number[] = [];
  for (const group of groups.values()) {
    for (const [value, ids] of group) {
      addValue(value);
      featureValueStart.push(order.length);
      order.push(...ids);
    }
  }
  const featureFamily = new Uint8Array(F);
  const rows = new Int16Array(F * ROW);
  order.forEach((old, f) => {
    featureFamily[f] = familyIds.get(splitFeature(src.names[old]!)[0])!;
    for (let y = 0; y < NL; y++) {
      rows[f * ROW + y] = src.weights1[old * NL + y]!;
      if (src.weights2) rows[f * ROW + NL + y] = src.weights2[old * NL + y]!;
    }
  });
  const featureValues = values.length; // values with features: 0 .. featureValues - 1

  const typeLists: string[][] = [];
  const typeListIds = new Map<string, number>();
  const typeList = (types: string[]) => {
    const key = types.join(',');
    let id = typeListIds.get(key);
    if (id === undefined) {
      typeListIds.set(key, (id = typeLists.length));
      typeLists.push([...types]);
    }
    return id;
  };
  const perValue = new Map<string, Map<number, number>>(); // property → value → number
  const set = (property: string, v: number, x: number) => {
    let m = perValue.get(property);
    if (!m) perValue.set(property, (m = new Map()));
    m.set(v, x);
  };

  // Gazetteer: exact entries, the lower-case entries (as the Gazetteer type builds them), and the
  // token-level types of capitalised words of multi-word entries.
  const gazetteerOrder: number[] = [];
  const lower = new Map<string, string[]>();
  let maxLength = 1;
  const tokenSets = new Map<string, Set<string>>();
  for (const [key, types] of src.gazetteer) {
    const v = addValue(key);
    gazetteerOrder.push(v);
    set('gazetteer', v, typeList(types));
    const lk = key.toLowerCase();
    const prev = lower.get(lk);
    lower.set(lk, prev ? [...new Set([...prev, ...types])].sort() : types);
    const parts = key.split(' ');
    maxLength = Math.max(maxLength, parts.length);
    if (parts.length < 2) continue;
    for (const p of parts) {
      if (!/^\p{Lu}/u.test(p)) continue;
      let s = tokenSets.get(p);
      if (!s) tokenSets.set(p, (s = new Set()));
      for (const t of types) s.add(t);
    }
  }
  for (const [word, types] of tokenSets) set('tokenTypes', addValue(word), typeList([...types].sort()));
  const gazetteerLower: number[] = [];
  for (const [key, types] of lower) {
    const parts = key.split(' ');
    gazetteerLower.push(parts.length, ...parts.map(addValue), typeList(types));
  }
  // Word pairs: every split of a `bg-=a|b` / `bg+=a|b` name at a '|', in the feature table's order.
  const newId = new Int32Array(F);
  order.forEach((old, f) => (newId[old] = f));
  const pairs: number[] = [];
  src.names.forEach((name, old) => {
    const before = name.startsWith('bg-=');
    if (!before && !name.startsWith('bg+=')) return;
    const rest = name.slice(4);
    for (let i = rest.indexOf('|'); i >= 0; i = rest.indexOf('|', i + 1)) {
      pairs.push(before ? 0 : 1, addValue(rest.slice(0, i)), addValue(rest.slice(i + 1)), newId[old]!);
    }
  });
  addValue('<s>');
  addValue('</s>');
  // Lexicon.
  const clusterPaths: number[] = [];
  for (const [word, paths] of src.lexicon.clusters) {
    set('cluster', addValue(word), clusterPaths.length);
    clusterPaths.push(paths.length, ...paths.map(addValue));
  }
  const capRatioBuckets: string[] = [];
  for (const [word, bucket] of src.lexicon.capRatio) {
    let b = capRatioBuckets.indexOf(bucket);
    if (b < 0) b = capRatioBuckets.push(bucket) - 1;
    set('capRatio', addValue(word), b);
  }
  if (capRatioBuckets.length > 250 || typeLists.length > 127) throw new Error('too many casing buckets or type lists for the model format');

  const V = values.length;
  const column = <T extends Int32Array | Uint8Array | Int8Array>(a: T, property: string, missing: number): T => {
    a.fill(missing);
    for (const [v, x] of perValue.get(property) ?? []) a[v] = x;
    return a;
  };
  const valueFeatures = new Int32Array(V + 1).fill(F);
  featureValueStart.forEach((start, v) => (valueFeatures[v] = start));
  const text = values.join('');
  const starts = new Int32Array(V + 1);
  for (let v = 0, at = 0; v < V; v++) starts[v + 1] = at += values[v]!.length;
  const utf8 = Buffer.from(text, 'utf8');
  const textEncoding = utf8.toString('utf8') === text ? 'utf8' : 'utf16le';

  const sections: [string, Uint8Array | Int8Array | Int16Array | Int32Array][] = [
    ['rows', rows],
    ['featureFamily', featureFamily],
    ['text', textEncoding === 'utf8' ? utf8 : Buffer.from(text, 'utf16le')],
    ['starts', starts],
    ['hashes', Int32Array.from(values, (x) => hashRange(x, 0, x.length))],
    ['valueFeatures', valueFeatures],
    ['valueCluster', column(new Int32Array(V), 'cluster', -1)],
    ['clusterPaths', Int32Array.from(clusterPaths)],
    ['valueCapRatio', column(new Uint8Array(V), 'capRatio', 255)],
    ['valueTokenTypes', column(new Int8Array(V), 'tokenTypes', -1)],
    ['valueGazetteer', column(new Int8Array(V), 'gazetteer', -1)],
    ['gazetteerOrder', Int32Array.from(gazetteerOrder)],
    ['gazetteerLower', Int32Array.from(gazetteerLower)],
    ['pairs', Int32Array.from(pairs)],
  ];
  const table: Record<string, [offset: number, length: number]> = {};
  let at = 0;
  for (const [name, a] of sections) {
    table[name] = [at, a.length];
    at += Math.ceil(a.byteLength / 8) * 8;
  }
  const header = Buffer.from(
    JSON.stringify({
      format: FORMAT,
      labels: LABELS,
      scale: src.scale,
      families,
      typeLists,
      capRatioBuckets,
      gazetteerMaxLength: maxLength,
      transitions1: Array.from(src.transitions1),
      transitions2: src.transitions2 ? Array.from(src.transitions2) : null,
      textEncoding,
      featureValues,
      sections: table,
      meta: src.meta,
    }),
  );
  const headerLength = Math.ceil((12 + header.length) / 8) * 8;
  const out = Buffer.alloc(headerLength + at);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(header.length, 8);
  header.copy(out, 12);
  for (const [name, a] of sections) Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, headerLength + table[name]![0]);
  writeFileSync(path, out);
  return out.length;
}

// --- reading --------------------------------------------------------------------------------------

interface Header {
  format: string;
  labels: string[];
  scale: number;
  families: string[];
  typeLists: string[][];
  capRatioBuckets: string[];
  gazetteerMaxLength: number;
  transitions1: number[];
  transitions2: number[] | null;
  textEncoding: 'utf8' | 'utf16le';
  sections: Record<string, [offset: number, length: number]>;
  meta: Record<string, unknown>;
}

export function readCompiled(path: string | URL): CompiledModel {
  if (endianness() !== 'LE') throw new Error('the NER model file is little-endian');
  let file = readFileSync(path);
  if (file[0] === 0x1f && file[1] === 0x8b) file = gunzipSync(file);
  if (file.toString('latin1', 0, 8) !== MAGIC) throw new Error(`${String(path)}: not a Storyline NER model (format 2)`);
  const headerLength = file.readUInt32LE(8);
  const header = JSON.parse(file.toString('utf8', 12, 12 + headerLength)) as Header;
  if (header.format !== FORMAT) throw new Error(`${String(path)}: unknown NER model format ${header.format}`);
  if (header.labels.join() !== LABELS.join()) throw new Error(`${String(path)}: the model's labels are not ${LABELS.join()}`);
  if (file.byteOffset % 8 !== 0) file = Buffer.from(file); // typed-array views need aligned offsets
  const base = file.byteOffset + Math.ceil((12 + headerLength) / 8) * 8;
  const view = <T>(name: string, Type: new (b: ArrayBufferLike, offset: number, length: number) => T): T => {
    const [offset, length] = header.sections[name]!;
    return new Type(file.buffer, base + offset, length);
  };
  const q = view('rows', Int16Array);
  const rows = new Float32Array(q.length);
  const scale = header.scale;
  for (let i = 0; i < q.length; i++) rows[i] = q[i]! * scale;
  const [textOffset, textLength] = header.sections['text']!;
  const text = file.toString(header.textEncoding, base - file.byteOffset + textOffset, base - file.byteOffset + textOffset + textLength);
  return {
    labels: header.labels,
    families: header.families,
    featureFamily: view('featureFamily', Uint8Array),
    rows,
    transitions1: Float32Array.from(header.transitions1),
    transitions2: header.transitions2 ? Float32Array.from(header.transitions2) : null,
    values: new ValueTable(text, view('starts', Int32Array), view('hashes', Int32Array)),
    valueFeatures: view('valueFeatures', Int32Array),
    valueCluster: view('valueCluster', Int32Array),
    clusterPaths: view('clusterPaths', Int32Array),
    valueCapRatio: view('valueCapRatio', Uint8Array),
    capRatioBuckets: header.capRatioBuckets,
    valueTokenTypes: view('valueTokenTypes', Int8Array),
    valueGazetteer: view('valueGazetteer', Int8Array),
    typeLists: header.typeLists,
    gazetteerOrder: view('gazetteerOrder', Int32Array),
    gazetteerLower: view('gazetteerLower', Int32Array),
    gazetteerMaxLength: header.gazetteerMaxLength,
    pairs: view('pairs', Int32Array),
    meta: header.meta,
  };
}

// --- the training-time view -------------------------------------------------------------------------

/** Feature names → ids (in the file's order), as the training-time feature extractor uses them. */
export function featureNames(m: CompiledModel): Map<string, number> {
  const names = new Map<string, number>();
  const V = m.valueFeatures.length - 1;
  for (let v = 0; v < V; v++) {
    const value = m.values.get(v);
    for (let f = m.valueFeatures[v]!; f < m.valueFeatures[v + 1]!; f++) names.set(m.families[m.featureFamily[f]!]! + value, f);
  }
  return names;
}

/** Stage 1 (0) or stage 2 (1) weights, features × 9. */
export function stageWeights(m: CompiledModel, stage: 0 | 1): Float32Array {
  const F = m.featureFamily.length;
  const w = new Float32Array(F * NL);
  for (let f = 0; f < F; f++) for (let y = 0; y < NL; y++) w[f * NL + y] = m.rows[f * ROW + stage * NL + y]!;
  return w;
}

/** The gazetteer as the training-time code builds it (features.ts buildGazetteer). */
export function gazetteerOf(m: CompiledModel): Gazetteer {
  const exact = new Map<string, string[]>();
  for (const v of m.gazetteerOrder) exact.set(m.values.get(v), m.typeLists[m.valueGazetteer[v]!]!);
  const lower = new Map<string, string[]>();
  for (const [k, types] of exact) {
    const lk = k.toLowerCase();
    const prev = lower.get(lk);
    lower.set(lk, prev ? [...new Set([...prev, ...types])].sort() : types);
  }
  return { exact, lower, maxLength: m.gazetteerMaxLength };
}

export function lexiconOf(m: CompiledModel): Lexicon {
  const clusters = new Map<string, string[]>();
  const capRatio = new Map<string, string>();
  const V = m.valueFeatures.length - 1;
  for (let v = 0; v < V; v++) {
    const c = m.valueCluster[v]!;
    if (c >= 0) clusters.set(m.values.get(v), Array.from(m.clusterPaths.subarray(c + 1, c + 1 + m.clusterPaths[c]!), (p) => m.values.get(p)));
    const r = m.valueCapRatio[v]!;
    if (r !== 255) capRatio.set(m.values.get(v), m.capRatioBuckets[r]!);
  }
  return { clusters, capRatio };
}
