// Numeric command-line options, parsed one way everywhere: a value that is not a whole number in
// range is a usage error naming the option ("--limit must be a whole number from 1 up, not "abc""),
// never a NaN that reaches SQL or an empty result.

export interface WholeNumberRange {
  min?: number;
  max?: number;
  /** What the number counts, for the message: "a whole number of bytes, such as 10000000". */
  unit?: string;
  example?: number;
}

/** A commander option parser for a whole number in [min, max]. */
export function wholeNumber(flag: string, range: WholeNumberRange = {}): (value: string) => number {
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = range;
  return (value: string) => {
    const text = value.trim();
    const n = /^[+]?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      const what = range.unit ? `a whole number of ${range.unit}` : 'a whole number';
      const bounds = max === Number.MAX_SAFE_INTEGER ? `, ${min} or more` : ` from ${min} to ${max}`;
      const example = range.example !== undefined ? ` (such as ${range.example})` : '';
      throw new Error(`${flag} must be ${what}${bounds}${example}, not "${value}"`);
    }
    return n;
  };
}

/** --limit: how many to show, 1 or more. */
export const limitOption = wholeNumber('--limit', { min: 1 });
/** --offset: how many to skip, 0 or more. */
export const offsetOption = wholeNumber('--offset', { min: 0 });

/**
 * The footer of a listing that shows part of what matches: "showing 1–1000 of 5,123 quotes;
 * --limit N / --offset 1000 for more". Null when everything is shown. Printed on stderr, so that
 * piped and --json output stay pure data.
 */
export function pageNote(shown: number, offset: number, total: number, noun: string): string | null {
  if (offset === 0 && shown >= total) return null;
  if (shown === 0) return `nothing after the first ${offset.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${noun}`;
  const last = offset + shown;
  const more = last < total ? `; --offset ${last} for the next, or a larger --limit` : '';
  return `showing ${(offset + 1).toLocaleString('en-US')}–${last.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${noun}${more}`;
}

export function printPageNote(shown: number, offset: number, total: number, noun: string): void {
  const note = pageNote(shown, offset, total, noun);
  if (note) process.stderr.write(note + '\n');
}
