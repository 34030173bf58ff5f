// Queries built to make a search slow (code review 11 F3): a word or prefix typed many times was
// matched, ranked and highlighted once per copy, and a query could hold as many words as 500
// characters allow. The same words are asked once; more than MAX_QUERY_PHRASES are refused by name.
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_PHRASES, matchPhrases, parseQuery, queryTooLong, snippet } from '../../src/search/highlight.js';
import { toMatchExpression } from '../../src/search/index.js';
import { searchQuery, storyListQuery } from '../../src/serve/schemas.js';
import { t17Text } from '../helpers/t17.js';

describe('search queries at their limits', () => {
  it('asks a word or phrase typed twice once, in any case or accents', () => {
    expect(parseQuery('flu Flu FLU "swine flu" “Swine Flu” vacc* Vacc* vacc -pig -Pig').map((p) => `${p.negated ? '-' : ''}${p.words.join(' ')}${p.prefix ? '*' : ''}`)).toEqual([
      'flu',
      'swine flu',
      'vacc*',
      'vacc',
      '-pig',
    ]);
    expect(toMatchExpression('Zürich zurich zürich')).toBe('"Zürich"');
  });

  it('highlights a prefix typed 100 times as it highlights it once, without a pass per copy (Guardian H1N1 519, 22 KB)', () => {
    const { text } = t17Text('H1N1_guardian', '519');
    const once = snippet(text, matchPhrases(parseQuery('th*')));
    const t0 = process.cpuUsage();
    const many = snippet(text, matchPhrases(parseQuery(Array(100).fill('th*').join(' '))));
    const cpu = process.cpuUsage(t0);
    expect(many).toEqual(once);
    expect(once.highlights.length).toBeGreaterThan(1);
    // every copy was matched at every token and scored in every window (7.6 s for a page of 20 hits)
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(200);
  });

  it(`refuses more than ${MAX_QUERY_PHRASES} words and phrases, naming the parameter, on the API, the pages and the command line`, () => {
    const words = 'swine flu vaccine outbreak mexico pandemic health officials cases deaths virus spread schools closed travel warning hospital patients antiviral tamiflu doses supply government minister emergency alert border airport screening masks symptoms fever cough children'.split(' ');
    expect(words.length).toBeGreaterThan(MAX_QUERY_PHRASES);
    const long = words.join(' ');
    expect(queryTooLong(long)).toMatch(/at most 32 words and "phrases", this one has \d+:/);
    expect(queryTooLong(words.slice(0, MAX_QUERY_PHRASES).join(' '))).toBeNull();
    // a phrase in quotation marks counts once, however long
    expect(queryTooLong(`"${long}" flu`)).toBeNull();
    const search = searchQuery.safeParse({ q: long });
    expect(search.success).toBe(false);
    expect(search.error?.issues[0]?.path).toEqual(['q']);
    expect(storyListQuery.safeParse({ q: long }).success).toBe(false);
    expect(searchQuery.safeParse({ q: Array(100).fill('a*').join(' ') }).success).toBe(true);
  });
});
