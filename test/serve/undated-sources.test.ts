// Articles without a publication date: the story's Sources show what their texts allow, the same
// way in the CLI and on the web ("on or after 1 Sep 2021", "on or after 24 Feb, year unknown"),
// in order of publication as far as it is known.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { openStore, type Store } from '../../src/store/index.js';
import { groupSources, readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import { createApp } from '../../src/serve/index.js';
import { publicationBound } from '../../src/serve/format.js';
import { SEEDS_DIR, tempDir } from '../helpers/paths.js';

describe('publication bounds of undated articles', () => {
  it('reads as words', () => {
    const open = { notBefore: null, notAfter: null, yearUnknown: false, monthDayRange: null };
    expect(publicationBound({ ...open, notBefore: '2021-09-01' })).toBe('on or after 1 Sep 2021');
    expect(publicationBound({ ...open, notAfter: '2022-01-09' })).toBe('on or before 9 Jan 2022');
    expect(publicationBound({ ...open, yearUnknown: true, monthDayRange: { from: '02-24', to: null } })).toBe('on or after 24 Feb, year unknown');
    expect(publicationBound({ ...open, yearUnknown: true, monthDayRange: { from: '12-17', to: '01-09' } })).toBe('17 Dec – 9 Jan, year unknown');
    expect(publicationBound(open)).toBeNull();
  });

  describe('the seeds as plain text files', () => {
    let store: Store;
    let close: () => void;
    let html = '';
    beforeAll(async () => {
      store = openStore(join(tempDir('storyline-undated-'), 'undated.db'));
      const files = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).map((f) => join(SEEDS_DIR, f));
      // in one batch, as `storyline ingest` reads them
      const report = await ingestDocuments(store, groupSources(readSources(files), 100));
      expect(report.stored).toBe(5);
      const created = await createApp({ store });
      close = created.close;
      const story = store.listStories({ limit: 1 })[0]!;
      html = await (await created.app.request(`/stories/${story.id}`)).text();
    }, 120_000);
    afterAll(() => {
      close?.();
      store?.close();
    });

    it('show the bound each text gives, dated ones first, year-unknown ones last', () => {
      const { document } = parseHTML(html);
      const items = [...document.querySelectorAll('#sources li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
      expect(items).toHaveLength(5);
      expect(items[0]).toMatch(/^16 Apr 2021/);
      expect(items[1]).toMatch(/^on or after 1 Sep 2021/);
      expect(items[2]).toMatch(/^between 17 Dec 2021 and 9 Jan 2022/);
      expect(items.slice(3).every((t) => /^on or after \d+ \w{3}, year unknown/.test(t))).toBe(true);
      expect(items.some((t) => t.startsWith('undated'))).toBe(false);
    });
  });
});
