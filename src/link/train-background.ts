// Builds src/link/background-df.json: document frequencies of content terms in a general news
// collection, used as the prior of the online IDF so that the first articles of a stream are
// already weighed sensibly ("Putin" rare, "president" common). Run: npx tsx src/link/train-background.ts
// Data (measurement/training only, not redistributed): CoNLL-2003 eng.train (Reuters, 1996, 946
// documents) and PolNeAR train (US political news, 2016, primary annotations).
import { readFileSync, writeFileSync } from 'node:fs';
import { contentTerms } from './text.js';

const data = new URL('../../../shared/data/', import.meta.url);
const docs: string[] = [];

let current: string[] = [];
for (const line of readFileSync(new URL('conll2003/eng.train', data), 'utf8').split('\n')) {
  if (line.startsWith('-DOCSTART-')) {
    if (current.length) docs.push(current.join(' '));
    current = [];
  } else if (line.trim()) current.push(line.split(' ')[0]!);
}
if (current.length) docs.push(current.join(' '));

const seen = new Set<string>();
for (const line of readFileSync(new URL('polnear/train.jsonl', data), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line) as { id: string; primary?: boolean; title?: string; text: string };
  if (!r.primary || seen.has(r.id)) continue;
  seen.add(r.id);
  docs.push(`${r.title ?? ''}\n${r.text}`);
}

const df = new Map<string, number>();
for (const d of docs) for (const t of new Set(contentTerms(d))) df.set(t, (df.get(t) ?? 0) + 1);
const MIN_DF = 3;
const kept = Object.fromEntries([...df.entries()].filter(([, n]) => n >= MIN_DF).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
writeFileSync(new URL('./background-df.json', import.meta.url), JSON.stringify({ docs: docs.length, minDf: MIN_DF, df: kept }) + '\n');
console.log(`${docs.length} documents, ${Object.keys(kept).length} terms with df >= ${MIN_DF}`);
