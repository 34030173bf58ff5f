// Searches over things sorted by where they start in a text (tokens, mentions, quotes).

/** The index of the first item starting at or after `offset` (items sorted by start); `items.length` when none does. */
export function firstStartingAt(items: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
