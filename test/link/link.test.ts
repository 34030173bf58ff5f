import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/extract/language.js';
import { analyzeForLinking } from '../../src/link/analysis.js';
import { contentTerms, contentTermsOfWords, shingleSet, shingleSetOfWords, words } from '../../src/link/text.js';
import { contentHashOfWords } from '../../src/link/dedup.js';
import {
  collapseRepeatedParagraphs,
  contentHash,
  createLinker,
  MemoryKeyValueStore,
  type LinkDoc,
  type LinkResult,
} from '../../src/link/index.js';

interface Seed {
  id: string;
  published: string;
  text: string;
}
const seeds: Seed[] = readFileSync(new URL('../../examples/seeds/seeds.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Seed)
  .sort((a, b) => (a.published < b.published ? -1 : a.published > b.published ? 1 : 0));

const docOf = (s: Seed, id = s.id, text = s.text): LinkDoc => ({
  id,
  published: s.published,
  title: '',
  text,
  source: null,
  analysis: analyzeForLinking(text),
});
const docs = seeds.map((s) => docOf(s));
const emptyAnalysis = { sentences: [], mentions: [], entities: [], timexes: [], quotes: [] };
const lede003 = seeds.find((s) => s.id.startsWith('003'))!;

describe('story clustering', () => {
  it('puts the five seed articles, in publication order, in one story', () => {
    const linker = createLinker();
    const results = docs.map((d) => linker.add(d));
    const stories = new Set(results.map((r) => linker.resolveStory(r.storyId)));
    expect(stories.size).toBe(1);
    // Assigned on arrival: every article after the first joined the first one's story.
    expect(new Set(results.map((r) => r.storyId)).size).toBe(1);
    expect(results.every((r) => r.duplicateOf === null)).toBe(true);
  });

  it('gives deterministic ids: two runs over the same articles agree', () => {
    const a = createLinker();
    const b = createLinker();
    expect(docs.map((d) => a.add(d))).toEqual(docs.map((d) => b.add(d)));
  });

  it('continues the same stories from persisted state, and a rerun changes nothing', () => {
    const oneRun = createLinker(new MemoryKeyValueStore());
    const expected = docs.map((d) => oneRun.add(d));

    const store = new MemoryKeyValueStore();
    const first = createLinker(store);
    const got: LinkResult[] = docs.slice(0, 2).map((d) => first.add(d));
    first.flush();
    const second = createLinker(store); // a later `storyline ingest` run
    got.push(...docs.slice(2).map((d) => second.add(d)));
    second.flush();
    expect(got).toEqual(expected);

    const snapshot = new Map(store.map);
    const third = createLinker(store);
    const again = docs.map((d) => third.add(d));
    third.flush();
    expect(again.map((r) => r.storyId)).toEqual(expected.map((r) => second.resolveStory(r.storyId)));
    expect(again.every((r) => r.known)).toBe(true);
    for (const [k, v] of snapshot) if (!k.startsWith('link/meta')) expect(store.map.get(k)).toBe(v);
  });

  it('keeps unrelated articles apart', () => {
    const linker = createLinker();
    const seed = linker.add(docs[0]!);
    const t17 = readFileSync(new URL('../../../shared/data/t17/haiti_bbc/articles.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(0, 3)
      .map((l) => JSON.parse(l) as Seed);
    for (const a of t17) {
      const r = linker.add({ ...docOf({ ...a, published: seeds[0]!.published }), id: `haiti-${a.id}` });
      expect(r.storyId).not.toBe(seed.storyId);
    }
  });

  it("keeps unrelated articles in other languages apart: their function words are not topic terms", () => {
    // The non-English pages of the extraction benchmark: 21 unrelated posts in 8 languages, linked
    // as if published the same day. English stop words alone made 4 false stories of them (3
    // Portuguese posts shared "que", "para", "muito"; 4 Russian ones, 2 German, 2 Indonesian).
    const gold = JSON.parse(readFileSync(new URL('../../../shared/data/aeb/ground-truth.json', import.meta.url), 'utf8')) as Record<string, { articleBody: string }>;
    const foreign = Object.entries(gold)
      .map(([id, g]) => ({ id, text: g.articleBody, language: detectLanguage(g.articleBody, null) }))
      .filter((a) => a.language !== 'en');
    expect(foreign.length).toBeGreaterThanOrEqual(15);
    const linker = createLinker();
    const stories = foreign.map((a) => linker.resolveStory(linker.add({ ...docOf({ id: a.id, published: '2019-11-19', text: a.text }), language: a.language }).storyId));
    expect(new Set(stories).size).toBe(foreign.length);
    expect(contentTerms('Uma palinha das brincadeiras musicais do grupo Serelepe, que para nós é muito especial', Infinity, 'pt')).toEqual(['palinha', 'brincadeira', 'musicais', 'serelepe', 'especial']);
  });
});

describe('persisted state on a real stream', () => {
  it('gives the same assignments in one run as in three runs over the same store', () => {
    const dir = new URL('../../../shared/data/t17/', import.meta.url);
    const stream: LinkDoc[] = ['H1N1_reuters', 'Finan_washingtonpost']
      .flatMap((folder) =>
        readFileSync(new URL(`${folder}/articles.jsonl`, dir), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Seed)
          .map((a) => ({ id: `${folder}/${a.id}`, published: a.published, title: '', text: a.text, source: null, analysis: emptyAnalysis })),
      )
      .filter((d) => d.published! < '2008-10-10' || (d.published! >= '2009-04-24' && d.published! < '2009-04-30'))
      .sort((a, b) => (a.published! < b.published! ? -1 : a.published! > b.published! ? 1 : 0));
    expect(stream.length).toBeGreaterThan(50);
    const single = createLinker(new MemoryKeyValueStore());
    const expected = stream.map((d) => single.add(d));
    expect(new Set(expected.map((r) => r.storyId)).size).toBeLessThan(stream.length / 2);

    const store = new MemoryKeyValueStore();
    const got: LinkResult[] = [];
    const cuts = [0, Math.floor(stream.length / 3), Math.floor((2 * stream.length) / 3), stream.length];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const linker = createLinker(store);
      for (const d of stream.slice(cuts[i], cuts[i + 1])) got.push(linker.add(d));
      linker.flush();
    }
    expect(got).toEqual(expected);
  });
});

describe('duplicates', () => {
  it('finds an exact copy that differs only in spacing, case and quote marks', () => {
    expect(contentHash('The Kremlin said it was "good".')).toBe(contentHash('the  Kremlin said it was “good”'));
    const linker = createLinker();
    const first = linker.add(docs[0]!);
    const copy = linker.add(docOf(seeds[0]!, 'copy', seeds[0]!.text.replace(/"/g, '“').toUpperCase()));
    expect(copy.duplicateOf).toBe(docs[0]!.id);
    expect(copy.duplicateKind).toBe('exact');
    expect(copy.storyId).toBe(first.storyId);
    expect(copy.eventId).toBe(first.eventId);
  });

  it('finds a lightly edited copy of a real article (near duplicate) and no false match', () => {
    const linker = createLinker();
    expect(docs[0]!.id).toBe(lede003.id); // the oldest seed
    linker.add(docs[0]!);
    const edited = lede003.text
      .replace('Friday, 29th March 2024\nTo guardian.ng\nSearch\n\n', '')
      .replace(/Kremlin spokesman/g, 'Kremlin spokesperson')
      .replace('much firmer line', 'far tougher line')
      .replace(/\n\n0 Comments\s*$/, '\n\nRead more: world news');
    const r = linker.add(docOf(lede003, 'edited-copy', edited));
    expect(r.duplicateOf).toBe(lede003.id);
    expect(r.duplicateKind).toBe('near');
    // The other seeds tell the same story in other words: not duplicates.
    for (const d of docs.slice(1)) expect(linker.add(d).duplicateOf).toBeNull();
  });

  it('collapses a lede the scrape repeated (seed 003)', () => {
    const { text, removed } = collapseRepeatedParagraphs(lede003.text);
    expect(removed).toHaveLength(1);
    expect(removed[0]!.text).toMatch(/^The Kremlin on Friday said it was “good”/);
    expect(text.match(/The Kremlin on Friday said/g)).toHaveLength(1);
    expect(text.length).toBe(lede003.text.length - (removed[0]!.end - removed[0]!.start) - 2);
    expect(collapseRepeatedParagraphs('Short.\n\nShort.').removed).toHaveLength(0);
  });
});

describe('words read once', () => {
  // T17 pages (real scraped text: repeated ledes, Greek, curly apostrophes) and the seeds
  const t17 = new URL('../../../shared/data/t17/', import.meta.url);
  const pages = ['haiti_bbc', 'Finan_washingtonpost', 'H1N1_guardian']
    .flatMap((topic) => readFileSync(new URL(`${topic}/articles.jsonl`, t17), 'utf8').trim().split('\n').slice(0, 40))
    .map((l) => (JSON.parse(l) as { text: string }).text);
  const texts = [...seeds.map((s) => s.text), lede003.text + '\n\n' + lede003.text, ...pages];
  it('collapsing gives the words of its text, and hash, shingles and content terms from words are those from the text', () => {
    for (const text of texts) {
      const collapsed = collapseRepeatedParagraphs(text);
      expect(collapsed.words).toEqual(words(collapsed.text));
      const title = text.slice(0, 60);
      expect([...words(title), ...collapsed.words]).toEqual(words(`${title}\n\n${collapsed.text}`));
      expect(contentHashOfWords(words(text))).toBe(contentHash(text));
      expect(shingleSetOfWords(words(text))).toEqual(shingleSet(text));
      expect(contentTermsOfWords(words(text), 1200, 'en')).toEqual(contentTerms(text, 1200, 'en'));
      expect(contentTermsOfWords(words(text), 50, 'pt')).toEqual(contentTerms(text, 50, 'pt'));
    }
    expect(collapseRepeatedParagraphs(lede003.text + '\n\n' + lede003.text).removed.length).toBeGreaterThan(0);
  });
});
