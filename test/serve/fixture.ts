// A database for the server tests: the seeds through the real pipeline, plus one hostile article
// whose text is full of markup and script that must render as inert text.
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/index.js';
import { readSources } from '../../src/ingest/index.js';
import { ingestDocuments } from '../../src/pipeline.js';
import type { ParseResult, RawDoc } from '../../src/types.js';
import { SEEDS_DIR, tempDir } from '../helpers/paths.js';

export const HOSTILE_ID = 'hostile-markup-article';

export const HOSTILE_TEXT = [
  'Officials met in Geneva on Monday to discuss the pipeline dispute, the ministry said.',
  '<script>window.__storylinePwned = "script"; alert("script")</script> was pasted into this paragraph by a careless CMS.',
  'An image followed: <img src="x" onerror="window.__storylinePwned = \'img\'; alert(\'img\')"> and a styled block <style>body{display:none}</style>.',
  'Readers were told to <a href="javascript:window.__storylinePwned=\'link\'">click here</a> or visit javascript:alert(document.cookie) for more.',
  '"We will not be intimidated," the minister said on Tuesday. <iframe src="javascript:alert(1)"></iframe>',
].join('\n\n');

export async function buildFixtureStore(): Promise<{ store: Store; dbPath: string; hostileId: string }> {
  const dbPath = join(tempDir('storyline-serve-'), 'serve.db');
  const store = openStore(dbPath);
  const hostile: ParseResult<RawDoc> = {
    items: [
      {
        origin: 'test:hostile',
        id: HOSTILE_ID,
        title: 'Pipeline talks <script>window.__storylinePwned="title"</script> in Geneva',
        source: 'Example <b onmouseover="alert(1)">Wire</b>',
        text: HOSTILE_TEXT,
        published: '2023-05-08',
      },
    ],
    errors: [],
  };
  async function* sources() {
    yield* readSources([join(SEEDS_DIR, 'seeds.jsonl')]);
    yield hostile;
  }
  const report = await ingestDocuments(store, sources());
  if (report.failed) throw new Error(`fixture ingest failed: ${report.errors.map((e) => `${e.origin}: ${e.message}`).join('; ')}`);
  const hostileId = report.storedIds.find((id) => store.getArticle(id)?.text.includes('careless CMS')) ?? HOSTILE_ID;
  return { store, dbPath, hostileId };
}
