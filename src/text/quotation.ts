/**
 * A direct quote as readers write it: in quotation marks, unless its words already carry their own
 * ("the United States is “not looking to kick off a cycle”" is a report with a quoted phrase:
 * wrapping it again would print “the United States is “not looking …””).
 */
export function asQuotation(text: string): string {
  const bare = text.replace(/^["“”'‘’«»„`]+|["“”'‘’«»„`]+$/g, '');
  return /["“”«»„]|``|''/.test(bare) ? text : `“${bare}”`;
}
