// Feature extraction for the NER sequence model: the definition of the features, used by training.
// Features are strings mapped to ids by the model's feature table; the per-word part (word, shape,
// affixes, clusters, casing statistics) is cached per word form. Decoding (tagger.ts) computes the
// same features on interned ids without building these strings; test/language/ner.test.ts checks
// that both decode the same labels.

/** Word clusters and corpus casing statistics learned from unlabeled news text (see clusters.ts). */
export interface Lexicon {
  /** word form → cluster path at three granularities, e.g. ["c12", "c12.3", "c12.3.7"]. */
  clusters: Map<string, string[]>;
  /** lower-cased word → bucket of how often it is capitalised mid-sentence in news text ("0".."4"). */
  capRatio: Map<string, string>;
}

/** Entity strings from the training data: token sequence → set of types ("PER", "LOC"…). */
export interface Gazetteer {
  exact: Map<string, string[]>;
  lower: Map<string, string[]>;
  maxLength: number;
  /** Lower-cased prefixes of the entries (computed on first use). */
  prefixes?: Set<string>;
  /** Word → `gzt=TYPE` features: types of the multi-word entries containing it (computed on first use). */
  tokenTypes?: Map<string, string[]>;
}

export const LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC'] as const;

const CHAR_MAP: Record<string, string> = {
  '“': '"', '”': '"', '„': '"', '«': '"', '»': '"', '‘': "'", '’': "'", '‚': "'", '—': '-', '–': '-', '…': '...',
};

/** The token text as the CoNLL data would spell it (ASCII quotes and dashes). */
export function normalizeToken(text: string): string {
  if (text.length === 1) return CHAR_MAP[text] ?? text;
  return /[“”„«»‘’‚—–…]/.test(text) ? text.replace(/[“”„«»‘’‚—–…]/g, (c) => CHAR_MAP[c]!) : text;
}

export function wordShape(w: string): string {
  let s = '';
  // By code point (a surrogate pair is one character), with index loops: a string iterator costs a
  // call and a string per character until the code is optimised, and a batch run is mostly that.
  for (let i = 0; i < w.length; ) {
    const c = w.charCodeAt(i);
    // ASCII without the Unicode regexes (same classes: A-Z, a-z, 0-9, anything else as itself)
    if (c < 128) {
      s += c >= 65 && c <= 90 ? 'X' : c >= 97 && c <= 122 ? 'x' : c >= 48 && c <= 57 ? 'd' : w[i]!;
      i++;
    } else {
      const cp = w.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (/\p{Lu}/u.test(ch)) s += 'X';
      else if (/\p{Ll}/u.test(ch)) s += 'x';
      else if (/\p{N}/u.test(ch)) s += 'd';
      else s += ch;
      i += ch.length;
    }
    if (s.length > 12) break;
  }
  return s;
}

export function shortShape(shape: string): string {
  let s = '';
  let last = -1; // the last code unit of s
  for (let i = 0; i < shape.length; ) {
    const c = shape.charCodeAt(i);
    const d = i + 1 < shape.length ? shape.charCodeAt(i + 1) : 0;
    if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
      // a surrogate pair never equals the one code unit before it (as `s[s.length - 1] !== ch` compared)
      s += shape.slice(i, i + 2);
      last = d;
      i += 2;
    } else {
      if (c !== last) s += shape[i]!;
      last = c;
      i++;
    }
  }
  return s;
}

export const isUpperInitial = (w: string) => {
  const c = w.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(w);
};
export const hasLower = (w: string) => {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
    if (c >= 128) return /\p{Ll}/u.test(w);
  }
  return false;
};
export const isLetterInitial = (w: string) => {
  const c = w.charCodeAt(0);
  return c < 128 ? (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : /^\p{L}/u.test(w);
};
const digitsNormalized = (w: string) => w.replace(/\d/g, '0');

interface CachedWord {
  info: WordInfo;
  /** Feature ids the word contributes at relative positions -2..2. */
  at: Int32Array[];
  /** Memoised ids of word-pair and shape-triple features, keyed by the neighbours' (existing) strings. */
  left: Map<string, number>;
  right: Map<string, number>;
  shapes: Map<string, Map<string, number>>;
}

export interface WordInfo {
  word: string;
  lower: string;
  capitalized: boolean;
  hasLower: boolean;
  shape: string;
  short: string;
  clusters: string[];
}

const PREFIX_FAMILY = [0, 1, 2, 3, 4].map((k) => `p${k}=`);
const SUFFIX_FAMILY = [0, 1, 2, 3, 4].map((k) => `s${k}=`);
const CLUSTER_FAMILY = [0, 1, 2, 3].map((k) => `c${k}=`);
const LENGTHS = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(String);
const WINDOW_FAMILIES = [-2, -1, 0, 1, 2].map((r) => ({
  w: `${r}:w=`,
  l: `${r}:l=`,
  ss: `${r}:ss=`,
  s3: `${r}:s3=`,
  c: [0, 1, 2, 3].map((k) => `${r}:c${k}=`),
}));

/** Builds feature strings; ids come from `lookup` (returns -1 for unknown features). */
export class FeatureExtractor {
  private readonly wordCache = new Map<string, CachedWord>();
  private readonly gazetteerIds = new Map<string, number>();
  private readonly docIds = new Map<string, number>();
  private constants: { bias: number; first: number; last: number; hl: number; afterOpen: number; pads: number[] } | undefined;
  constructor(
    private readonly lexicon: Lexicon,
    private readonly lookup: (feature: string) => number,
    private readonly cacheLimit = 200_000,
  ) {}

  info(word: string): WordInfo {
    const lower = word.toLowerCase();
    const shape = wordShape(word);
    return { word, lower, capitalized: isUpperInitial(word), hasLower: hasLower(word), shape, short: shortShape(shape), clusters: this.lexicon.clusters.get(word) ?? this.lexicon.clusters.get(lower) ?? [] };
  }

  /** Unary features a word contributes at relative position r (-2..2). */
  wordFeatures(word: string, r: number, info?: WordInfo): string[] {
    const f: string[] = [];
    this.wordFeatureParts(word, r, info ?? this.info(word), (family, value) => f.push(family + value));
    return f;
  }

  /**
   * The same features as (family, value) pairs, in the same order: the feature name is the two
   * joined. The families are constant strings, so ids can be found without building the names.
   */
  private wordFeatureParts(word: string, r: number, i: WordInfo, emit: (family: string, value: string) => void): void {
    if (r === 0) {
      emit('w=', digitsNormalized(word));
      emit('l=', digitsNormalized(i.lower));
      emit('sh=', i.shape);
      emit('ss=', i.short);
      const lw = i.lower;
      for (let k = 1; k <= 4 && k <= lw.length; k++) {
        emit(PREFIX_FAMILY[k]!, lw.slice(0, k));
        emit(SUFFIX_FAMILY[k]!, lw.slice(-k));
      }
      for (let k = 0; k < i.clusters.length; k++) emit(CLUSTER_FAMILY[k] ?? `c${k}=`, i.clusters[k]!);
      if (i.clusters.length === 0) emit('c=', 'none');
      emit('cr=', this.lexicon.capRatio.get(i.lower) ?? 'u');
      emit('len=', LENGTHS[Math.min(word.length, 8)]!);
      if (/\d/.test(word)) emit('digit', '');
      if (/-/.test(word)) emit('hyph', '');
      if (/\./.test(word)) emit('period', '');
    } else {
      const fam = WINDOW_FAMILIES[r + 2]!;
      if (r === -1 || r === 1) {
        emit(fam.w, digitsNormalized(word));
        emit(fam.l, digitsNormalized(i.lower));
        emit(fam.ss, i.short);
        for (let k = 1; k < i.clusters.length; k++) emit(fam.c[k] ?? `${r}:c${k}=`, i.clusters[k]!);
        emit(fam.s3, i.lower.slice(-3));
      } else {
        emit(fam.l, digitsNormalized(i.lower));
        emit(fam.ss, i.short);
        if (i.clusters.length > 2) emit(fam.c[2]!, i.clusters[2]!);
      }
    }
  }

  private cached(word: string): CachedWord {
    let c = this.wordCache.get(word);
    if (!c) {
      if (this.wordCache.size >= this.cacheLimit) this.wordCache.clear();
      const at: Int32Array[] = [];
      const info = this.info(word);
      for (let r = -2; r <= 2; r++) at.push(this.ids(this.wordFeatures(word, r, info)));
      c = { info, at, left: new Map(), right: new Map(), shapes: new Map() };
      this.wordCache.set(word, c);
    }
    return c;
  }

  private ids(features: string[]): Int32Array {
    const out: number[] = [];
    for (const f of features) {
      const id = this.lookup(f);
      if (id >= 0) out.push(id);
    }
    return Int32Array.from(out);
  }

  /**
   * Feature ids for each token of each sentence of one document. `gazetteer` marks entity strings;
   * document-level features look at the other occurrences of the same word in the document.
   */
  document(sentences: string[][], gazetteer: Gazetteer): Int32Array[][] {
    const words = sentences.map((s) => s.map(normalizeToken));
    const docForms = documentForms(words);
    const id = (f: string) => this.lookup(f);
    const constant = (this.constants ??= {
      bias: id('bias'), first: id('first'), last: id('last'), hl: id('hl'), afterOpen: id('after-open'),
      pads: [id('-2:pad'), id('-1:pad'), -1, id('1:pad'), id('2:pad')],
    });
    const out: Int32Array[][] = [];
    let buffer = new Int32Array(4096);
    let used = 0;
    const push = (v: number) => {
      if (v >= 0) buffer[used++] = v;
    };
    for (const sent of words) {
      const n = sent.length;
      const infos = sent.map((w) => this.cached(w));
      const gaz = gazetteerMarks(sent, gazetteer, this.gazetteerIds, id);
      const headline = isHeadline(sent);
      const bounds = new Int32Array(n + 1);
      used = 0;
      for (let t = 0; t < n; t++) {
        if (used + 512 > buffer.length) {
          const bigger = new Int32Array(buffer.length * 2);
          bigger.set(buffer);
          buffer = bigger;
        }
        bounds[t] = used;
        const cur = infos[t]!.info;
        const prev = t > 0 ? infos[t - 1]!.info : null;
        const next = t + 1 < n ? infos[t + 1]!.info : null;
        for (let r = -2; r <= 2; r++) {
          const k = t + r;
          if (k < 0 || k >= n) {
            push(constant.pads[r + 2]!);
            continue;
          }
          const at = infos[k]!.at[r + 2]!;
          for (let j = 0; j < at.length; j++) push(at[j]!);
        }
        push(constant.bias);
        if (t === 0) {
          push(constant.first);
          push(id('first+ss=' + cur.short));
        }
        if (t === n - 1) push(constant.last);
        const entry = infos[t]!;
        let v: number | undefined;
        {
          const pl = prev ? prev.lower : '<s>';
          v = entry.left.get(pl);
          if (v === undefined) entry.left.set(pl, (v = id('bg-=' + pl + '|' + cur.lower)));
          push(v);
        }
        {
          const nl = next ? next.lower : '</s>';
          v = entry.right.get(nl);
          if (v === undefined) entry.right.set(nl, (v = id('bg+=' + cur.lower + '|' + nl)));
          push(v);
        }
        const ps = prev ? prev.short : '<s>';
        const ns = next ? next.short : '</s>';
        let byPrev = entry.shapes.get(ps);
        if (!byPrev) entry.shapes.set(ps, (byPrev = new Map()));
        v = byPrev.get(ns);
        if (v === undefined) byPrev.set(ns, (v = id('ssw=' + ps + '|' + cur.short + '|' + ns)));
        push(v);
        if (headline) {
          push(constant.hl);
          push(id('hl+l=' + cur.lower));
        }
        if (t === 1 && prev && (prev.word === '-' || prev.word === '"' || prev.word === "'" || prev.word === '(')) push(constant.afterOpen);
        const g = gaz[t];
        if (g) for (const x of g) push(x);
        if (cur.capitalized || !cur.hasLower) {
          const forms = docForms.get(cur.lower);
          if (forms) {
            const key = t === 0 || headline ? forms + '|edge' : forms;
            let v = this.docIds.get(key);
            if (v === undefined) this.docIds.set(key, (v = id('doc=' + key)));
            push(v);
          }
        }
      }
      bounds[n] = used;
      // One allocation per sentence; tokens are views into it.
      const block = buffer.slice(0, used);
      const feats: Int32Array[] = new Array(n);
      for (let t = 0; t < n; t++) feats[t] = block.subarray(bounds[t]!, bounds[t + 1]!);
      out.push(feats);
    }
    return out;
  }
}

export function hasLetter(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
    if (c >= 128) return /\p{L}/u.test(w);
  }
  return false;
}

/** Every feature string `predictionHistory` can produce (so training can register them). */
export const HISTORY_FEATURES: string[] = (() => {
  const out: string[] = [];
  for (const maj of ['O', 'PER', 'LOC', 'ORG', 'MISC']) for (const edge of ['', '|edge']) out.push(`ph=${maj}${edge}`);
  for (const ty of ['PER', 'LOC', 'ORG', 'MISC']) for (const edge of ['', '|edge']) out.push(`ph+${ty}${edge}`);
  for (const ty of ['PER', 'LOC', 'ORG', 'MISC']) out.push(`ph@-1=${ty}`, `ph@+1=${ty}`);
  return out;
})();

/**
 * Second-stage features: how a first pass labelled the other occurrences of the same word in the
 * document ("Ushakov" tagged PER elsewhere makes a PER reading likelier here, notably in headlines
 * and at sentence starts). Returns, per sentence and token, ids of the features that apply.
 */
export function predictionHistory(sentences: string[][], firstPass: ArrayLike<number>[], lookup: (f: string) => number): number[][][] {
  const words = sentences.map((s) => s.map((w) => normalizeToken(w).toLowerCase()));
  // counts[word] = [O, PER, LOC, ORG, MISC]
  const counts = new Map<string, number[]>();
  const typeOf = (label: number) => (label === 0 ? 0 : ((label + 1) >> 1));
  words.forEach((s, si) =>
    s.forEach((w, t) => {
      if (!isLetterInitial(sentences[si]![t]!)) return;
      let c = counts.get(w);
      if (!c) counts.set(w, (c = [0, 0, 0, 0, 0]));
      c[typeOf(firstPass[si]![t]!)]!++;
    }),
  );
  const names = ['O', 'PER', 'LOC', 'ORG', 'MISC'];
  // ids of `ph=NAME[|edge]` at [k * 2 + edge] and `ph+NAME[|edge]` likewise, looked up once.
  const majIds = new Int32Array(10);
  const typeIds = new Int32Array(10);
  for (let k = 0; k < 5; k++) {
    for (let e = 0; e < 2; e++) {
      majIds[k * 2 + e] = lookup(`ph=${names[k]}${e ? '|edge' : ''}`);
      typeIds[k * 2 + e] = lookup(`ph+${names[k]}${e ? '|edge' : ''}`);
    }
  }
  const leftIds = names.map((n) => lookup(`ph@-1=${n}`));
  const rightIds = names.map((n) => lookup(`ph@+1=${n}`));
  return sentences.map((sent, si) => {
    const headline = isHeadline(sent);
    // Majority entity type of each token's other occurrences (0 when none or O).
    const majority = new Int8Array(sent.length);
    const own = sent.map((word, t) => {
      const ids = tokenHistory(word, t);
      return ids;
    });
    // Neighbours' history: "Ushakov" known as PER makes the word before it likelier part of the name.
    for (let t = 0; t < sent.length; t++) {
      if (t > 0 && majority[t - 1]! > 0 && leftIds[majority[t - 1]!]! >= 0) own[t]!.push(leftIds[majority[t - 1]!]!);
      if (t + 1 < sent.length && majority[t + 1]! > 0 && rightIds[majority[t + 1]!]! >= 0) own[t]!.push(rightIds[majority[t + 1]!]!);
    }
    return own;

    function tokenHistory(word: string, t: number): number[] {
      if (!(isUpperInitial(word) || (!hasLower(word) && hasLetter(word)))) return [];
      const c = counts.get(words[si]![t]!);
      if (!c) return [];
      const own = typeOf(firstPass[si]![t]!);
      const others = c.map((n, k) => (k === own ? n - 1 : n));
      const total = others.reduce((a, b) => a + b, 0);
      if (total === 0) return [];
      const edge = t === 0 || headline ? 1 : 0;
      let maj = 0;
      for (let k = 1; k < 5; k++) if (others[k]! > others[maj]!) maj = k;
      majority[t] = maj;
      const ids: number[] = [];
      if (majIds[maj * 2 + edge]! >= 0) ids.push(majIds[maj * 2 + edge]!);
      for (let k = 1; k < 5; k++) if (others[k]! > 0 && typeIds[k * 2 + edge]! >= 0) ids.push(typeIds[k * 2 + edge]!);
      return ids;
    }
  });
}

/** Base features plus second-stage features, per token. */
export function withHistory(feats: Int32Array[][], history: number[][][]): Int32Array[][] {
  return feats.map((sent, si) =>
    sent.map((f, t) => {
      const h = history[si]![t]!;
      if (h.length === 0) return f;
      const out = new Int32Array(f.length + h.length);
      out.set(f);
      out.set(h, f.length);
      return out;
    }),
  );
}

/** A sentence written in capitals (CoNLL headlines) or Title Case (web headlines). */
function isHeadline(sent: string[]): boolean {
  let letters = 0;
  let upperOnly = 0;
  for (const w of sent) {
    if (!hasLetter(w)) continue;
    letters++;
    if (!hasLower(w)) upperOnly++;
  }
  return letters >= 2 && upperOnly === letters;
}

/**
 * For each lower-cased word, the casings it takes inside ordinary sentences of the document
 * (not first in the sentence, not in headlines): "T" capitalised, "l" lower case.
 */
function documentForms(words: string[][]): Map<string, string> {
  const seen = new Map<string, number>();
  for (const sent of words) {
    if (isHeadline(sent)) continue;
    for (let t = 1; t < sent.length; t++) {
      const w = sent[t]!;
      if (!isLetterInitial(w)) continue;
      const before = sent[t - 1]!;
      if (before === '"' || before === "'" || before === '(' || before === '-' || before === ':') continue;
      const lower = w.toLowerCase();
      const bit = isUpperInitial(w) ? 1 : 2;
      seen.set(lower, (seen.get(lower) ?? 0) | bit);
    }
  }
  const out = new Map<string, string>();
  for (const [k, v] of seen) out.set(k, v === 1 ? 'T' : v === 2 ? 'l' : 'Tl');
  return out;
}

/** Gazetteer features per token: the longest entry covering it, with its type and position. */
export function gazetteerMarks(sent: string[], gazetteer: Gazetteer, memo: Map<string, number>, lookup: (f: string) => number): (number[] | null)[] {
  const marks: (number[] | null)[] = new Array(sent.length).fill(null);
  const idOf = (f: string) => {
    let v = memo.get(f);
    if (v === undefined) memo.set(f, (v = lookup(f)));
    return v;
  };
  const prefixes = gazetteer.prefixes ?? (gazetteer.prefixes = lowerPrefixes(gazetteer));
  const tokenTypes = gazetteer.tokenTypes ?? (gazetteer.tokenTypes = entryTokenTypes(gazetteer));
  // Token-level membership: the word occurs inside multi-word entries of these types.
  for (let i = 0; i < sent.length; i++) {
    const types = tokenTypes.get(sent[i]!);
    if (!types) continue;
    const arr = (marks[i] ??= []);
    for (const ty of types) arr.push(idOf(ty));
  }
  for (let i = 0; i < sent.length; i++) {
    const w = sent[i]!;
    const c = w.charCodeAt(0);
    // Entries start with a capital letter or a digit.
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c > 127 && /^[\p{Lu}\p{N}]/u.test(w)))) continue;
    let key = '';
    let lowerKey = '';
    for (let len = 1; len <= gazetteer.maxLength && i + len <= sent.length; len++) {
      const next = sent[i + len - 1]!;
      key = len === 1 ? next : key + ' ' + next;
      lowerKey = len === 1 ? next.toLowerCase() : lowerKey + ' ' + next.toLowerCase();
      if (!prefixes.has(lowerKey)) break;
      const exactTypes = gazetteer.exact.get(key);
      const types = exactTypes ?? gazetteer.lower.get(lowerKey);
      if (!types) continue;
      const suffix = exactTypes ? '' : ':lc';
      for (let k = i; k < i + len; k++) {
        const pos = len === 1 ? 'U' : k === i ? 'B' : k === i + len - 1 ? 'L' : 'I';
        const arr = (marks[k] ??= []);
        for (const ty of types) {
          arr.push(idOf(`gz=${ty}:${pos}${suffix}`));
          if (len > 1) arr.push(idOf(`gzm=${ty}`));
        }
      }
    }
  }
  return marks;
}

/** Capitalised words of multi-word entries → the entry types they occur in. */
function entryTokenTypes(gazetteer: Gazetteer): Map<string, string[]> {
  const sets = new Map<string, Set<string>>();
  for (const [key, types] of gazetteer.exact) {
    const parts = key.split(' ');
    if (parts.length < 2) continue;
    for (const p of parts) {
      if (!/^\p{Lu}/u.test(p)) continue;
      let set = sets.get(p);
      if (!set) sets.set(p, (set = new Set()));
      for (const t of types) set.add(t);
    }
  }
  return new Map([...sets].map(([k, v]) => [k, [...v].sort().map((t) => `gzt=${t}`)]));
}

/** Every lower-cased token prefix of a gazetteer entry ("new", "new york"), to stop matching early. */
function lowerPrefixes(gazetteer: Gazetteer): Set<string> {
  const set = new Set<string>();
  for (const key of gazetteer.lower.keys()) {
    const parts = key.split(' ');
    for (let k = 1; k <= parts.length; k++) set.add(parts.slice(0, k).join(' '));
  }
  return set;
}

export function buildGazetteer(entities: Iterable<[tokens: string[], type: string]>, minCount = 1): Gazetteer {
  const counts = new Map<string, Map<string, number>>();
  let maxLength = 1;
  for (const [tokens, type] of entities) {
    if (tokens.length > 6) continue;
    const key = tokens.map(normalizeToken).join(' ');
    let m = counts.get(key);
    if (!m) counts.set(key, (m = new Map()));
    m.set(type, (m.get(type) ?? 0) + 1);
  }
  const exact = new Map<string, string[]>();
  const lower = new Map<string, string[]>();
  for (const [key, m] of counts) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    if (total < minCount) continue;
    // Keep the types that account for a fair share of the string's uses.
    const types = [...m.entries()].filter(([, c]) => c / total >= 0.25).map(([t]) => t).sort();
    exact.set(key, types);
    const lk = key.toLowerCase();
    const prev = lower.get(lk);
    lower.set(lk, prev ? [...new Set([...prev, ...types])].sort() : types);
    maxLength = Math.max(maxLength, key.split(' ').length);
  }
  return { exact, lower, maxLength };
}
