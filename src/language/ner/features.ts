// Feature extraction for the NER sequence model. Shared by training and inference so that both see
// exactly the same features. Features are strings mapped to ids by the model's feature table; the
// per-word part (word, shape, affixes, clusters, casing statistics) is cached per word form.

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
  for (const ch of w) {
    if (/\p{Lu}/u.test(ch)) s += 'X';
    else if (/\p{Ll}/u.test(ch)) s += 'x';
    else if (/\p{N}/u.test(ch)) s += 'd';
    else s += ch;
    if (s.length > 12) break;
  }
  return s;
}

export function shortShape(shape: string): string {
  let s = '';
  for (const ch of shape) if (s[s.length - 1] !== ch) s += ch;
  return s;
}

const isUpperInitial = (w: string) => /^\p{Lu}/u.test(w);
const hasLower = (w: string) => /\p{Ll}/u.test(w);
const digitsNormalized = (w: string) => w.replace(/\d/g, '0');

export interface WordInfo {
  word: string;
  lower: string;
  shape: string;
  short: string;
  clusters: string[];
}

/** Builds feature strings; ids come from `lookup` (returns -1 for unknown features). */
export class FeatureExtractor {
  private readonly wordCache = new Map<string, { info: WordInfo; at: Int32Array[] }>();
  constructor(
    private readonly lexicon: Lexicon,
    private readonly lookup: (feature: string) => number,
    private readonly cacheLimit = 200_000,
  ) {}

  info(word: string): WordInfo {
    const lower = word.toLowerCase();
    const shape = wordShape(word);
    return { word, lower, shape, short: shortShape(shape), clusters: this.lexicon.clusters.get(word) ?? this.lexicon.clusters.get(lower) ?? [] };
  }

  /** Unary features a word contributes at relative position r (-2..2). */
  wordFeatures(word: string, r: number): string[] {
    const i = this.info(word);
    const p = `${r}:`;
    const f: string[] = [];
    if (r === 0) {
      const dn = digitsNormalized(word);
      f.push('w=' + dn, 'l=' + digitsNormalized(i.lower), 'sh=' + i.shape, 'ss=' + i.short);
      const lw = i.lower;
      for (let k = 1; k <= 4 && k <= lw.length; k++) f.push(`p${k}=` + lw.slice(0, k), `s${k}=` + lw.slice(-k));
      for (let k = 0; k < i.clusters.length; k++) f.push(`c${k}=` + i.clusters[k]);
      if (i.clusters.length === 0) f.push('c=none');
      f.push('cr=' + (this.lexicon.capRatio.get(i.lower) ?? 'u'));
      f.push('len=' + Math.min(word.length, 8));
      if (/\d/.test(word)) f.push('digit');
      if (/-/.test(word)) f.push('hyph');
      if (/\./.test(word)) f.push('period');
    } else if (r === -1 || r === 1) {
      f.push(p + 'w=' + digitsNormalized(word), p + 'l=' + digitsNormalized(i.lower), p + 'ss=' + i.short);
      for (let k = 1; k < i.clusters.length; k++) f.push(p + `c${k}=` + i.clusters[k]);
      f.push(p + 's3=' + i.lower.slice(-3));
    } else {
      f.push(p + 'l=' + digitsNormalized(i.lower), p + 'ss=' + i.short);
      if (i.clusters.length > 2) f.push(p + 'c2=' + i.clusters[2]);
    }
    return f;
  }

  private cached(word: string): { info: WordInfo; at: Int32Array[] } {
    let c = this.wordCache.get(word);
    if (!c) {
      if (this.wordCache.size >= this.cacheLimit) this.wordCache.clear();
      const at: Int32Array[] = [];
      for (let r = -2; r <= 2; r++) at.push(this.ids(this.wordFeatures(word, r)));
      c = { info: this.info(word), at };
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
    const out: Int32Array[][] = [];
    const extra: string[] = [];
    for (const sent of words) {
      const n = sent.length;
      const infos = sent.map((w) => this.cached(w));
      const gaz = gazetteerMarks(sent, gazetteer);
      const headline = isHeadline(sent);
      const feats: Int32Array[] = [];
      for (let t = 0; t < n; t++) {
        extra.length = 0;
        const cur = infos[t]!.info;
        const prev = t > 0 ? infos[t - 1]!.info : null;
        const next = t + 1 < n ? infos[t + 1]!.info : null;
        extra.push('bias');
        if (t === 0) extra.push('first', 'first+ss=' + cur.short);
        if (t === n - 1) extra.push('last');
        if (t > 0 && prev === null) extra.push('nop');
        extra.push('bg-=' + (prev ? prev.lower : '<s>') + '|' + cur.lower);
        extra.push('bg+=' + cur.lower + '|' + (next ? next.lower : '</s>'));
        extra.push('ssw=' + (prev ? prev.short : '<s>') + '|' + cur.short + '|' + (next ? next.short : '</s>'));
        if (headline) extra.push('hl', 'hl+l=' + cur.lower);
        if (t === 1 && prev && /^[-"'(]$/.test(prev.word)) extra.push('after-open');
        const g = gaz[t];
        if (g) for (const x of g) extra.push(x);
        if (isUpperInitial(cur.word) || !hasLower(cur.word)) {
          const forms = docForms.get(cur.lower);
          if (forms) extra.push('doc=' + forms + (t === 0 || headline ? '|edge' : ''));
        }
        const ids: number[] = [];
        for (let r = -2; r <= 2; r++) {
          const k = t + r;
          if (k < 0 || k >= n) {
            const id = this.lookup(`${r}:pad`);
            if (id >= 0) ids.push(id);
            continue;
          }
          for (const id of infos[k]!.at[r + 2]!) ids.push(id);
        }
        for (const f of extra) {
          const id = this.lookup(f);
          if (id >= 0) ids.push(id);
        }
        feats.push(Int32Array.from(ids));
      }
      out.push(feats);
    }
    return out;
  }
}

/** A sentence written in capitals (CoNLL headlines) or Title Case (web headlines). */
function isHeadline(sent: string[]): boolean {
  let letters = 0;
  let upperOnly = 0;
  for (const w of sent) {
    if (!/\p{L}/u.test(w)) continue;
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
      if (!/^\p{L}/u.test(w)) continue;
      if (/^["'(\-:]$/.test(sent[t - 1]!)) continue;
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
function gazetteerMarks(sent: string[], gazetteer: Gazetteer): (string[] | null)[] {
  const marks: (string[] | null)[] = new Array(sent.length).fill(null);
  for (let i = 0; i < sent.length; i++) {
    const w = sent[i]!;
    if (!/^[\p{Lu}\p{N}]/u.test(w)) continue;
    let key = '';
    for (let len = 1; len <= gazetteer.maxLength && i + len <= sent.length; len++) {
      key = len === 1 ? sent[i]! : key + ' ' + sent[i + len - 1]!;
      const types = gazetteer.exact.get(key) ?? gazetteer.lower.get(key.toLowerCase());
      if (!types) continue;
      const exact = gazetteer.exact.has(key);
      for (let k = i; k < i + len; k++) {
        const pos = len === 1 ? 'U' : k === i ? 'B' : k === i + len - 1 ? 'L' : 'I';
        const arr = (marks[k] ??= []);
        for (const ty of types) {
          arr.push(`gz=${ty}:${pos}${exact ? '' : ':lc'}`);
          if (len > 1) arr.push(`gzm=${ty}`);
        }
      }
    }
  }
  return marks;
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
