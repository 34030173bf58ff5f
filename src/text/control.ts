// Control characters are no text: an ESC in a scraped title could retitle or clear the terminal of
// whoever reads it, and reach exports. C0 controls other than tab and line breaks, DEL and C1 go.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** The text without control characters; with `breakLines`, vertical tab and form feed become line breaks. */
export function withoutControlChars(s: string, breakLines = false): string {
  if (!CONTROL_CHARS.test(s)) return s;
  return s.replace(CONTROL_CHARS_ALL, (c) => (breakLines && (c === '\u000b' || c === '\u000c') ? '\n' : ''));
}
