import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isReaderComment, READER_COMMENT } from '../../src/text/furniture.js';
import { looksLikeCaption } from '../../src/story/quality.js';

const t17Lines = (folder: string) =>
  readFileSync(new URL(`../../../shared/data/t17/${folder}/articles.jsonl`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .flatMap((line) => (JSON.parse(line) as { text: string }).text.split('\n'));

describe('reader comments', () => {
  it('are recognised by their header or moderation notice', () => {
    expect(isReaderComment('At 11:45 pm on 13 Jan 2010 , SheffTim wrote : I agree')).toBe(true);
    expect(isReaderComment('… 1:39 PM | Report abuse Not Buying It wrote : nonsense')).toBe(true);
    expect(isReaderComment('This comment was removed by a moderator.')).toBe(true);
    expect(isReaderComment('rose 2.50 percent on Monday, the analyst Jane Doe wrote: "…"')).toBe(false);
    expect(isReaderComment('The president said on Monday that talks would resume.')).toBe(false);
  });

  it('give the same answer as the whole pattern on every line of real news pages', () => {
    const lines = [...t17Lines('H1N1_bbc'), ...t17Lines('bpoil_guardian')];
    expect(lines.length).toBeGreaterThan(20_000);
    let comments = 0;
    for (const line of lines) {
      const expected = READER_COMMENT.test(line);
      if (expected) comments++;
      expect(isReaderComment(line)).toBe(expected);
    }
    expect(comments).toBeGreaterThan(0);
  });
});

describe('photo captions dated at their end', () => {
  it('end with the picture’s day, and a day the sentence is about is no caption', () => {
    expect(looksLikeCaption('Oil floats around a rig at the site of the Deepwater Horizon oil spill in the Gulf of Mexico May 31')).toBe(true);
    expect(looksLikeCaption('An oil sheen is seen on the water near the coast , May 27 , 2010 .')).toBe(true);
    expect(looksLikeCaption('Workers clean a beach in Grand Isle , Louisiana June 3rd. ')).toBe(true);
    expect(looksLikeCaption('The well is expected to be capped on May 31')).toBe(false);
    expect(looksLikeCaption('Workers clean a beach in Grand Isle , Louisiana on June 3rd.')).toBe(false);
    expect(looksLikeCaption('BP said the cap would be in place by the end of June .')).toBe(false);
  });
});
