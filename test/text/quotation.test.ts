import { describe, expect, it } from 'vitest';
import { asQuotation } from '../../src/text/quotation.js';

describe('a direct quote as printed', () => {
  it('is put in quotation marks once, and a report with a quoted phrase keeps its own (the seeds)', () => {
    expect(asQuotation('The addiction for sanctions remains unacceptable')).toBe('“The addiction for sanctions remains unacceptable”');
    expect(asQuotation('“President Putin has spoken about the appropriateness of building relations”')).toBe('“President Putin has spoken about the appropriateness of building relations”');
    const mixed = 'the United States is “not looking to kick off a cycle of escalation and conflict”';
    expect(asQuotation(mixed)).toBe(mixed);
  });
});
