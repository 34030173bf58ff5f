// The HTML parser for extraction: linkedom, loaded from its single-file bundle (`linkedom/worker`).
// It is the same linkedom release as the package's ESM tree built into one file, so loading it costs
// one module instead of ~130: ≈ 40 ms instead of ≈ 160 ms of start-up, paid by every `storyline extract`.
import { parseHTML } from 'linkedom/worker';

/** Parses a page into a DOM document; a bare fragment is wrapped in html/body first. */
export function parseDocument(html: string): Document {
  // linkedom needs a root element; bare fragments get one.
  const source = /<html[\s>]/i.test(html.slice(0, 5000)) ? html : `<!DOCTYPE html><html><body>${html}</body></html>`;
  return parseHTML(source).document as unknown as Document;
}
