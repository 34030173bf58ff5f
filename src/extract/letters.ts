// Letter classes at a low compile cost. V8 compiles a regular expression for each string width it
// meets (one-byte and two-byte), and in Unicode mode every \p{L} or \p{Lu} of a pattern becomes
// hundreds of code-point ranges plus surrogate pairs: the credit patterns (≈ 3,000 characters, ~40
// letter classes) took 0.2–0.5 s each to compile on the first two-byte paragraph — a fifth of
// `storyline extract`'s whole run on the AEB pages. So those patterns run on a *letter shape* of the
// text instead: every non-ASCII letter replaced by one stand-in character of its class (upper case,
// lower case, other letter), the same length, so match positions and lengths are those of the text,
// and the patterns use small classes ([A-Z\uE000] for \p{Lu}).
//
// Exact for every text without letters outside the Basic Multilingual Plane (an astral letter is
// two stand-ins: its class, then a trail unit that only the letter classes take); private-use
// characters of the text (never letters) become another private-use non-letter.

const UPPER = '\uE000';
const LOWER = '\uE001';
const OTHER = '\uE002';
const TRAIL = '\uE003';
const NOT_LETTER = '\uE004';

/** What \p{Lu}, \p{Ll} and \p{L} match in a shaped text, as class contents (no brackets). */
const CLASS_CONTENTS: Record<string, string> = {
  Lu: 'A-Z\\uE000',
  Ll: 'a-z\\uE001',
  L: 'A-Za-z\\uE000-\\uE003',
};

const IS_UPPER = /^\p{Lu}$/u;
const IS_LOWER = /^\p{Ll}$/u;
const IS_LETTER = /^\p{L}$/u;
const standInCache = new Map<number, string>();

function standIn(char: string, code: number): string {
  let s = standInCache.get(code);
  if (s === undefined) {
    s = IS_UPPER.test(char) ? UPPER : IS_LOWER.test(char) ? LOWER : IS_LETTER.test(char) ? OTHER : '';
    standInCache.set(code, s);
  }
  return s;
}

/** The text with each non-ASCII letter replaced by its class's stand-in (an ASCII text is returned as it is). */
export function letterShape(text: string): string {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) < 0x80) i++;
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      out += text[i];
    } else if (code >= 0xe000 && code <= 0xe004) {
      out += NOT_LETTER;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      const pair = text.slice(i, i + 2);
      const s = standIn(pair, pair.codePointAt(0)!);
      out += s ? s + TRAIL : pair;
      i++;
    } else {
      const char = text[i]!;
      out += standIn(char, code) || char;
    }
  }
  return out;
}

/**
 * A Unicode-mode pattern source rewritten for shaped text: \p{Lu}, \p{Ll} and \p{L} (alone or
 * inside a class) become the stand-in classes. Only for patterns without the `i` flag (under `i`,
 * \p{Lu} also matches lower-case letters).
 */
export function shapedPattern(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const prop = /^\\p\{(Lu|Ll|L)\}/.exec(source.slice(i, i + 7));
      if (prop) {
        const contents = CLASS_CONTENTS[prop[1]!]!;
        out += inClass ? contents : `[${contents}]`;
        i += prop[0].length - 1;
      } else {
        if (source[i + 1] === 'p' || source[i + 1] === 'P') throw new Error(`shapedPattern: unsupported property ${source.slice(i, i + 12)}`);
        out += c + (source[i + 1] ?? '');
        i++;
      }
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}

/** A pattern compiled for shaped text (with match indices, so that its groups can be read off the text). */
export function shapedRegExp(source: string, flags = 'u'): RegExp {
  return new RegExp(shapedPattern(source), flags.includes('d') ? flags : `${flags}d`);
}

/** `re.exec` of a shapedRegExp on the text's letter shape, the match and its groups read off the text itself. */
export function execShaped(re: RegExp, text: string): RegExpExecArray | null {
  const shaped = letterShape(text);
  const m = re.exec(shaped);
  if (!m || shaped === text) return m;
  const spans = m.indices!;
  for (let g = 0; g < m.length; g++) {
    const span = spans[g];
    m[g] = span ? text.slice(span[0], span[1]) : (undefined as unknown as string);
  }
  return m;
}
