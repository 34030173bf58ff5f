// Timeline17 articles in the shapes tests need: a text as the pipeline reads it, and articles of a
// story with the light analysis the timeline builds on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { untokenisePtb } from '../../src/extract/text/index.js';
import type { StoryArticle } from '../../src/story/index.js';
import { analyzeForTimeline, looksOneSentencePerLine } from '../../src/story/light.js';
import { SHARED_DATA, t17Articles } from './paths.js';

/** A Timeline17 article's text as the pipeline reads it (PTB quotation marks made typographic). */
export function t17Text(folder: string, id: string): { text: string; dct: string } {
  const line = readFileSync(join(SHARED_DATA, 't17', folder, 'articles.jsonl'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`{"id": "${id}"`));
  if (!line) throw new Error(`no article ${id} in ${folder}`);
  const r = JSON.parse(line) as { text: string; published: string };
  return { text: untokenisePtb(r.text), dct: r.published };
}

/** The articles of Timeline17 folders as a story's articles (ids prefixed by folder, source = outlet). */
export function t17StoryArticles(...folders: string[]): StoryArticle[] {
  return folders.flatMap((folder) =>
    t17Articles(folder).map((a) => {
      const published = a.published.slice(0, 10);
      return {
        id: `${folder}-${a.id}`,
        title: '',
        text: a.text!,
        published,
        source: folder.split('_')[1] ?? null,
        duplicateOf: null,
        analysis: analyzeForTimeline(a.text!, { dct: published, lines: looksOneSentencePerLine(a.text!) }),
      };
    }),
  );
}
