// End-of-article promos that reached stored AEB texts (second review, item 11).
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';

describe('end-of-article promos', () => {
  it('are removed from scraped text', () => {
    const raw = [
      'Scientists mapped the surface of Saturn\'s moon Titan for the first time, using radar data gathered over thirteen years.',
      'The map shows lakes of liquid methane near the poles and dunes of organic sand near the equator, the team reported.',
      'You may also like...',
      'Like this story? Share it with a friend!',
      'Originally published on Live Science.',
    ].join('\n');
    const x = extract({ text: raw });
    expect(x.text).toMatch(/dunes of organic sand/);
    expect(x.text).not.toMatch(/You may also like|Like this story|Originally published/);
  });
});
