// Bytes → text: BOM, then the declared charset (HTTP header, <meta>), checked against the bytes,
// then detection when the declaration is missing or lies. Also tells binary files from text.
import iconv from 'iconv-lite';
import chardet from 'chardet';

export interface DecodeOptions {
  /** A charset declared outside the bytes: a bare label (`iso-8859-1`) or a whole Content-Type header. */
  declared?: string;
}

export interface Decoded {
  text: string;
  /** The encoding actually used, lower-case (`utf-8`, `windows-1252`, `gbk`, `utf-16le`…). */
  encoding: string;
}

const META_SCAN_BYTES = 4096;
const SAMPLE_BYTES = 64 * 1024;

/** WHATWG-style label normalisation onto names iconv-lite knows. Unknown labels → null. */
export function normalizeCharset(label: string | undefined | null): string | null {
  if (!label) return null;
  const m = /charset\s*=\s*["']?([^"';\s]+)/i.exec(label);
  let name = (m ? m[1]! : label).trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (name === '') return null;
  name = name.replace(/_/g, '-');
  const aliases: Record<string, string> = {
    utf8: 'utf-8',
    'unicode-1-1-utf-8': 'utf-8',
    'x-unicode20utf8': 'utf-8',
    unicode: 'utf-16le',
    'utf-16': 'utf-16le',
    ucs2: 'utf-16le',
    'ucs-2': 'utf-16le',
    // WHATWG: these labels all mean windows-1252 on the web.
    ascii: 'windows-1252',
    'us-ascii': 'windows-1252',
    'iso-8859-1': 'windows-1252',
    'iso8859-1': 'windows-1252',
    'iso-8859-1:1987': 'windows-1252',
    latin1: 'windows-1252',
    l1: 'windows-1252',
    cp1252: 'windows-1252',
    'x-cp1252': 'windows-1252',
    cp819: 'windows-1252',
    'iso-8859-9': 'windows-1254',
    latin5: 'windows-1254',
    'iso-8859-11': 'windows-874',
    'tis-620': 'windows-874',
    gb2312: 'gbk',
    'gb-2312': 'gbk',
    chinese: 'gbk',
    'csgb2312': 'gbk',
    'x-gbk': 'gbk',
    'iso-ir-58': 'gbk',
    'x-sjis': 'shift_jis',
    'shift-jis': 'shift_jis',
    sjis: 'shift_jis',
    'ms-kanji': 'shift_jis',
    'windows-31j': 'shift_jis',
    'ks-c-5601-1987': 'euc-kr',
    'ks-c-5601-1989': 'euc-kr',
    'ksc5601': 'euc-kr',
    'windows-949': 'euc-kr',
    'big5-hkscs': 'big5',
    'x-x-big5': 'big5',
    'x-mac-roman': 'macintosh',
    'mac': 'macintosh',
  };
  name = aliases[name] ?? name;
  if (/^(win|cp)-?125\d$/.test(name)) name = 'windows-' + name.replace(/\D/g, '');
  if (name === 'shift_jis' || name === 'euc-kr') return name;
  return iconv.encodingExists(name) ? name : null;
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without a BOM: ASCII-range text leaves a NUL in every other byte. */
function bomlessUtf16(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…; charset=…">` near the start. */
export function sniffMetaCharset(bytes: Uint8Array): string | null {
  const head = latin1(bytes.subarray(0, META_SCAN_BYTES));
  const direct = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  if (direct) return normalizeCharset(direct[1]);
  const xml = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return normalizeCharset(xml[1]);
  return null;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 8192)));
  }
  return s;
}

/** Whether the bytes are well-formed UTF-8, and whether any byte is outside ASCII. */
export function utf8Validity(bytes: Uint8Array, limit = bytes.length, options: { partialEnd?: boolean } = {}): { valid: boolean; ascii: boolean } {
  const partialEnd = options.partialEnd ?? true;
  let ascii = true;
  const n = Math.min(limit, bytes.length);
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    ascii = false;
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (min = 0x80);
    else if (b >= 0xe0 && b <= 0xef) (need = 2), (min = 0x800);
    else if (b >= 0xf0 && b <= 0xf4) (need = 3), (min = 0x10000);
    else return { valid: false, ascii };
    // A sequence cut by the sample limit or by a truncated download is not evidence against UTF-8;
    // in a string known to be whole (a run to repair) it is.
    if (i + need >= n) {
      if (partialEnd) break;
      return { valid: false, ascii };
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return { valid: false, ascii };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { valid: false, ascii };
    i += need + 1;
  }
  return { valid: true, ascii };
}

const SINGLE_BYTE_LATIN = new Set([
  'windows-1250',
  'windows-1252',
  'windows-1254',
  'windows-1257',
  'iso-8859-2',
  'iso-8859-3',
  'iso-8859-4',
  'iso-8859-9',
  'iso-8859-10',
  'iso-8859-13',
  'iso-8859-15',
  'iso-8859-16',
]);

// Alphabets of Latin-script languages; a right decoding puts all non-ASCII letters in one of them.
const ALPHABETS = [
  'éèêëàâîïôûùüçœæÿÉÈÊÀÇÔ', // French
  'äöüßÄÖÜéà', // German
  'áéíóúñüÁÉÍÓÚÑ', // Spanish
  'áâãàçéêíóôõúÁÂÃÀÇÉÊÍÓÔÕÚ', // Portuguese
  'àèéìíòóùÀÈÉÌÒÙ', // Italian
  'åäöæøéÅÄÖÆØÉ', // Nordic
  'ąćęłńóśźżĄĆĘŁŃÓŚŹŻ', // Polish
  'áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ', // Czech
  'áäčďéíĺľňóôŕšťúýžÁÄČĎÉÍĹĽŇÓÔŔŠŤÚÝŽ', // Slovak
  'áéíóöőúüűÁÉÍÓÖŐÚÜŰ', // Hungarian
  'ăâîșțşţĂÂÎȘȚŞŢ', // Romanian
  'çğıöşüÇĞİÖŞÜ', // Turkish
  'čćđšžČĆĐŠŽ', // Croatian, Serbian, Slovenian, Bosnian
  'āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ', // Latvian
  'ąčęėįšųūžĄČĘĖĮŠŲŪŽ', // Lithuanian
  'äöõšžüÄÖÕŠŽÜ', // Estonian
  'áðéíóúýþæöÁÐÉÍÓÚÝÞÆÖ', // Icelandic
].map((a) => new Set(a));
const NEUTRAL_NON_ASCII = new Set('“”‘’„‚–—…«»€£¥©®™°·•×§¶ ­¢´¨ªº¹²³¼½¾±÷');

/** How plausible a Latin-script decoding is: share of non-ASCII letters the best single alphabet explains. */
function latinPlausibility(text: string): number {
  const counts = new Map<string, number>();
  let total = 0;
  let bad = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) continue;
    if (code < 0xa0 || ch === '\ufffd') {
      bad++;
      continue;
    }
    if (/\p{L}/u.test(ch)) {
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
      total++;
    } else if (!NEUTRAL_NON_ASCII.has(ch)) bad += 0.5;
  }
  if (total === 0) return bad > 0 ? -bad : 0;
  let best = 0;
  for (const alphabet of ALPHABETS) {
    let covered = 0;
    for (const [ch, n] of counts) if (alphabet.has(ch)) covered += n;
    best = Math.max(best, covered);
  }
  return (best - bad) / (total + bad);
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(bytes instanceof Buffer ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, {
    stripBOM: true,
  });
}

function replacementShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  return bad / text.length;
}

/** Picks an encoding for bytes that are not valid UTF-8 and carry no trustworthy declaration. */
function detectLegacy(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const matches = chardet.analyse(sample);
  const candidates: string[] = [];
  for (const m of matches) {
    const name = normalizeCharset(m.name);
    if (name && !name.startsWith('utf') && !candidates.includes(name)) candidates.push(name);
  }
  const top = candidates[0];
  if (!top) return 'windows-1252';
  // chardet's byte-frequency models confuse the Latin code pages; decide those by which decoding
  // gives letters of one real alphabet, with windows-1252 (the web's legacy default) winning ties.
  if (SINGLE_BYTE_LATIN.has(top)) {
    const latin = candidates.filter((c) => SINGLE_BYTE_LATIN.has(c));
    if (!latin.includes('windows-1252')) latin.push('windows-1252');
    let best = 'windows-1252';
    let bestScore = -Infinity;
    for (const c of latin) {
      const score = latinPlausibility(decodeWith(sample, c)) + (c === 'windows-1252' ? 0.01 : 0);
      if (score > bestScore) (best = c), (bestScore = score);
    }
    return best;
  }
  return top;
}

/**
 * Repairs text that was UTF-8, decoded as windows-1252 and re-encoded as UTF-8 (`CafÃ©`, `â€™`).
 * Only applied when the repair turns mojibake sequences into valid UTF-8 throughout.
 */
export function repairMojibake(text: string): string {
  const telltales = text.match(/[ÃÂâÅÄ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/g);
  if (!telltales || telltales.length < 2) return text;
  // Re-encode runs of windows-1252-representable characters and decode them as UTF-8.
  return text.replace(/[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2,}/g, (run) => {
    const bytes = iconv.encode(run, 'windows-1252');
    const check = utf8Validity(bytes, bytes.length, { partialEnd: false });
    if (!check.valid || check.ascii) return run;
    return bytes.toString('utf8');
  });
}

/**
 * Decodes bytes to text. Order: BOM; declared charset (`options.declared`, then `<meta>`), kept
 * only if the bytes agree with it; otherwise valid UTF-8; otherwise detection (chardet, with the
 * Latin code pages decided by alphabet plausibility).
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const bom = bomEncoding(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding };
  const utf16 = bomlessUtf16(bytes);
  if (utf16) return { text: decodeWith(bytes, utf16), encoding: utf16 };

  const declared = normalizeCharset(options.declared) ?? sniffMetaCharset(bytes);
  const utf8 = utf8Validity(bytes);
  let encoding: string;
  if (declared === 'utf-16le' || declared === 'utf-16be') {
    // A <meta> saying UTF-16 in bytes we could read as ASCII is wrong by definition.
    encoding = utf8.valid ? 'utf-8' : detectLegacy(bytes);
  } else if (declared === 'utf-8' || declared === null) {
    encoding = utf8.valid ? 'utf-8' : detectLegacy(bytes);
  } else if (utf8.valid && !utf8.ascii) {
    // Declared a legacy charset, but the non-ASCII bytes form valid UTF-8: the declaration lies.
    encoding = 'utf-8';
  } else {
    encoding = declared;
    if (!utf8.ascii && !SINGLE_BYTE_LATIN.has(declared) && replacementShare(decodeWith(bytes.subarray(0, SAMPLE_BYTES), declared)) > 0.001) {
      encoding = detectLegacy(bytes);
    } else if (SINGLE_BYTE_LATIN.has(declared) && !utf8.ascii) {
      // A wrong Latin code page still decodes without errors; compare its letters with the detector's pick.
      const detected = detectLegacy(bytes);
      if (detected !== declared && !SINGLE_BYTE_LATIN.has(detected)) encoding = detected;
      else if (detected !== declared) {
        const sample = bytes.subarray(0, SAMPLE_BYTES);
        if (latinPlausibility(decodeWith(sample, detected)) > latinPlausibility(decodeWith(sample, declared)) + 0.2) encoding = detected;
      }
    }
  }
  let text = decodeWith(bytes, encoding);
  if (encoding === 'utf-8') text = repairMojibake(text);
  return { text, encoding };
}

const BINARY_MAGIC: number[][] = [
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x50, 0x4b, 0x03, 0x04], // ZIP, DOCX, EPUB
  [0x1f, 0x8b], // gzip
  [0x42, 0x5a, 0x68], // bzip2
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xd0, 0xcf, 0x11, 0xe0], // OLE (old .doc/.xls)
  [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], // SQLite
  [0x28, 0xb5, 0x2f, 0xfd], // zstd
  [0xfd, 0x37, 0x7a, 0x58, 0x5a], // xz
];

/**
 * True for bytes that are not text: a known binary signature, NUL bytes (outside UTF-16), or a
 * high density of control characters other than tab, newline, carriage return, form feed, escape.
 */
export function isBinary(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  if (bomEncoding(bytes)) return false;
  for (const magic of BINARY_MAGIC) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return true;
  }
  if (bomlessUtf16(bytes)) return false;
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b && b !== 0x0b) control++;
  }
  return control / n > 0.02;
}
