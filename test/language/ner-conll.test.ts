import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConllTagger } from '../../src/cli/commands/ner.js';
import { tagSentences } from '../../src/language/ner/index.js';

const CONLL_DEV = new URL('../../../shared/data/conll2003/eng.testa', import.meta.url);

/** What `storyline ner` writes for the input given in these chunks. */
function run(chunks: string[]): string {
  let out = '';
  const conll = new ConllTagger((text) => (out += text), tagSentences);
  for (const chunk of chunks) {
    conll.write(chunk);
    conll.tagReady();
  }
  conll.end();
  return out;
}

describe('storyline ner --format conll: reading lines from chunks', () => {
  // The first dev documents (the file starts without a -DOCSTART- line), blank lines, markers.
  const dev = readFileSync(CONLL_DEV, 'utf8');
  const head = dev.slice(0, dev.indexOf('\n', dev.indexOf('-DOCSTART-', dev.indexOf('-DOCSTART-') + 1) + 300) + 1);
  const lines = head.split('\n');
  const tagged = run([head]).split('\n');

  it('passes every line through with its tag, whatever the line ends', () => {
    expect(tagged.filter((l) => l.startsWith('-DOCSTART-')).length).toBe(2);
    expect(tagged.length).toBe(lines.length);
    for (let i = 0; i < lines.length - 1; i++) {
      const line = lines[i]!;
      if (line === '' || line.startsWith('-DOCSTART-')) expect(tagged[i]).toBe(line);
      else expect(tagged[i]).toMatch(new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (O|[BI]-(PER|LOC|ORG|MISC))$`));
    }
    const whole = run([head]);
    for (const end of ['\r\n', '\r']) expect(run([head.replace(/\n/g, end)])).toBe(whole);
  });

  it('gives the same output when a line, or a \\r\\n, is split between chunks', () => {
    const whole = run([head]);
    for (const end of ['\n', '\r\n', '\r']) {
      const text = head.replace(/\n/g, end);
      // every split point of the first 400 characters (the first -DOCSTART-, blank lines, line ends)
      for (let at = 0; at <= 400; at++) expect(run([text.slice(0, at), text.slice(at)])).toBe(whole);
      // many small chunks, and a chunk boundary right after every \r
      const small: string[] = [];
      for (let i = 0; i < text.length; i += 7) small.push(text.slice(i, i + 7));
      expect(run(small)).toBe(whole);
      expect(run(text.split(/(?<=\r)/))).toBe(whole);
    }
  });

  it('counts a last line without a line end, and keeps a lone \\r as a line end', () => {
    expect(run(['EU NNP\r', '\nrejects VBZ'])).toBe(run(['EU NNP\nrejects VBZ\n']));
    expect(run(['EU NNP\r', 'rejects VBZ\r'])).toBe(run(['EU NNP\nrejects VBZ\n']));
    expect(run(['EU', ' NNP\r\r\nrejects VBZ'])).toBe(run(['EU NNP\n\nrejects VBZ\n']));
  });
});
