// Token text → small integer id, for the per-word caches of the taggers (NER, quotes).

/**
 * Token text → entry id (entries numbered 0, 1, 2, … in the order they are added): open
 * addressing on the text's FNV-1a hash (text/hash.ts fnv1a, as an int32), the texts kept as UTF-16
 * code units in one array. A Map<string> probe reads a bucket, an entry and the stored string, one
 * after another, each a cache miss for a rare word; here the slots of a whole sequence of tokens
 * are read first (touch), in a loop of independent loads, then the characters they point to.
 */
export class WordTable {
  private slots: Int32Array; // [hash, entry + 1]
  private mask: number;
  private chars = new Uint16Array(1 << 18);
  private charsUsed = 0;
  private start: Int32Array;
  private length: Int32Array;
  size = 0;
  /** Keeps the touching loops from being optimised away. */
  touched = 0;

  /**
   * A table of 2^bits slots (it doubles when it is half full), with room for `entries` entries
   * before its arrays grow (a growth replaces arrays that optimised code has taken as constants:
   * that code is thrown away and compiled again).
   */
  constructor(bits = 17, entries = 1024) {
    this.slots = new Int32Array(2 << bits);
    this.mask = (1 << bits) - 1;
    this.start = new Int32Array(entries);
    this.length = new Int32Array(entries);
  }

  /** Reads the slots of hashes[0 .. n), then the first character of the entries there. */
  touch(hashes: Int32Array, n: number): void {
    const slots = this.slots;
    let t = 0;
    for (let i = 0; i < n; i++) t ^= slots[2 * (hashes[i]! & this.mask) + 1]!;
    // then the characters of the entries found there (compared next)
    for (let i = 0; i < n; i++) {
      const e = slots[2 * (hashes[i]! & this.mask) + 1]! - 1;
      if (e >= 0) t ^= this.chars[this.start[e]!]!;
    }
    this.touched = t;
  }

  /** The entry of `text` (whose hash is `hash`), or -1. */
  get(text: string, hash: number): number {
    const slots = this.slots;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const e = slots[2 * i + 1]! - 1;
      if (e < 0) return -1;
      if (slots[2 * i] === hash && this.equals(e, text)) return e;
    }
  }

  private equals(e: number, text: string): boolean {
    if (this.length[e] !== text.length) return false;
    const chars = this.chars;
    const from = this.start[e]!;
    for (let k = 0; k < text.length; k++) if (chars[from + k] !== text.charCodeAt(k)) return false;
    return true;
  }

  /** Adds `text` as entry `e` (= size: entries are numbered in order). */
  add(text: string, hash: number, e: number): void {
    if (e >= this.start.length) {
      const start = new Int32Array(this.start.length * 2);
      start.set(this.start);
      this.start = start;
      const length = new Int32Array(this.length.length * 2);
      length.set(this.length);
      this.length = length;
    }
    if (this.charsUsed + text.length > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + text.length));
      chars.set(this.chars);
      this.chars = chars;
    }
    this.start[e] = this.charsUsed;
    this.length[e] = text.length;
    for (let k = 0; k < text.length; k++) this.chars[this.charsUsed++] = text.charCodeAt(k);
    if ((this.size + 1) * 2 > this.mask + 1) this.rehash();
    this.place(hash, e + 1);
    this.size++;
  }

  private place(hash: number, value: number): void {
    let i = hash & this.mask;
    while (this.slots[2 * i + 1] !== 0) i = (i + 1) & this.mask;
    this.slots[2 * i] = hash;
    this.slots[2 * i + 1] = value;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.place(old[i]!, old[i + 1]!);
  }

  clear(): void {
    this.slots.fill(0);
    this.charsUsed = 0;
    this.size = 0;
  }
}
