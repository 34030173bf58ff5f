// The HTML parser for extraction: linkedom, loaded from its single-file bundle (`linkedom/worker`),
// with its per-node event bookkeeping switched off.
//
// The bundle is the same linkedom release as the package's ESM tree built into one file, so loading
// it costs one module instead of ~130: ≈ 40 ms instead of ≈ 160 ms of start-up per `storyline extract`.
//
// Event bookkeeping: linkedom's EventTarget constructor puts every node it creates — elements, text
// nodes and attributes, ≈ 2,500 per news page — into a module-wide WeakMap of listener maps. That
// was ~11 % of extraction CPU, and the weak table doubled the young-generation GC time. Extraction
// documents never carry listeners, so the bundle's Node class gets an empty super class instead;
// adding a listener to one of these nodes throws rather than being lost. Only this bundle's classes
// change: code importing `linkedom` itself gets the unmodified ones.
//
// Class attributes: linkedom keeps each element's class list as a DOMTokenList (a Set) and builds
// it for every class attribute while parsing (≈ 400 per page), then re-joins it into a string on
// every getAttribute('class') or className read. Here the list is built only when something asks
// for `classList`: until then the setter writes the same normalised value (tokens de-duplicated,
// single spaces) straight into the attribute, and the getter reads it back. A self-check on a
// probe document keeps linkedom's own accessors if its internals are not the expected ones.
//
// Re-parenting a class defeats V8's "omit default constructors" fast path for `super()` calls
// (measured: +15 % instructions for the whole run instead of -8 %), so that optimisation is turned
// off for code compiled from here on. It only concerns chains of classes with default constructors:
// the rest of the process is unaffected, as with pipeline.ts's own V8 flag.
import { setFlagsFromString } from 'node:v8';
import { Node as NodeFacade, parseHTML } from 'linkedom/worker';

class ListenerFreeTarget {}

function disableEventBookkeeping(): void {
  const nodeClass = (NodeFacade as unknown as { prototype: { constructor: { prototype: object } } }).prototype.constructor;
  if (Object.getPrototypeOf(nodeClass) === ListenerFreeTarget) return;
  setFlagsFromString('--no-omit-default-ctors');
  Object.setPrototypeOf(nodeClass, ListenerFreeTarget);
  const refuse = (): never => {
    throw new Error('extraction documents take no event listeners (src/extract/html/dom.ts)');
  };
  for (const name of ['addEventListener', 'removeEventListener']) {
    Object.defineProperty(nodeClass.prototype, name, { value: refuse, writable: true, configurable: true });
  }
}
disableEventBookkeeping();

/** linkedom's class value: the whitespace-separated tokens, each once, joined by single spaces. */
function normalizeClassValue(value: unknown): string {
  const text = String(value);
  if (!/\s/.test(text)) return text; // one token (or none): already normal
  return [...new Set(text.split(/\s+/).filter(Boolean))].join(' ');
}

function buildClassListsLazily(): void {
  const probe = parseHTML('<html><body><p class=" b  a b">x</p></body></html>').document.querySelector('p') as unknown as Element & Record<symbol, unknown>;
  const listKey = Object.getOwnPropertySymbols(probe).find((k) => k.description === 'classList');
  let proto: object | null = probe;
  let descriptor: PropertyDescriptor | undefined;
  while (proto && !(descriptor = Object.getOwnPropertyDescriptor(proto, 'className'))) proto = Object.getPrototypeOf(proto) as object | null;
  if (!listKey || !proto || !descriptor?.get || !descriptor.set) return;
  const { get: originalGet, set: originalSet } = descriptor;
  type Host = Element & Record<symbol, unknown>;
  Object.defineProperty(proto, 'className', {
    configurable: true,
    enumerable: descriptor.enumerable,
    get(this: Host): string {
      if (this[listKey]) return originalGet.call(this) as string;
      return this.getAttributeNode('class')?.value ?? '';
    },
    set(this: Host, value: unknown): void {
      const attribute = this[listKey] ? null : this.getAttributeNode('class');
      if (attribute) attribute.value = normalizeClassValue(value);
      else originalSet.call(this, value);
    },
  });
  const check = parseHTML('<html><body><p class=" b  a b">x</p><i></i></body></html>').document;
  const p = check.querySelector('p')!;
  const i = check.querySelector('i')!;
  const ok =
    p.getAttribute('class') === 'b a' &&
    p.className === 'b a' &&
    (i.setAttribute('class', 'c  c d'), i.getAttribute('class') === 'c d') &&
    (i.classList.add('e'), i.className === 'c d e' && i.getAttribute('class') === 'c d e') &&
    (p.classList.remove('b'), p.getAttribute('class') === 'a');
  if (!ok) Object.defineProperty(proto, 'className', descriptor);
}
buildClassListsLazily();

/** Parses a page into a DOM document; a bare fragment is wrapped in html/body first. */
export function parseDocument(html: string): Document {
  // linkedom needs a root element; bare fragments get one.
  const source = /<html[\s>]/i.test(html.slice(0, 5000)) ? html : `<!DOCTYPE html><html><body>${html}</body></html>`;
  const document = parseHTML(source).document as unknown as Document;
  flattenDeepNesting(document);
  return document;
}

/**
 * How deep elements may nest. The 981 benchmark pages nest at most 50 deep; Readability scores every node against each
 * of its ancestors, and recursive walks (ours, linkedom's) use the stack, so a hostile page of 3,000
 * nested <div>s (34 KB) took 146 s and 10,000 overflowed the stack (code review, session 10).
 */
export const MAX_NESTING = 80;

/** The blocks whose text stays one paragraph when a too-deep subtree is flattened. */
const BLOCK_TAGS = new Set(['P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TD', 'TH', 'DD', 'DT', 'FIGCAPTION']);

/**
 * Replaces every element nested deeper than MAX_NESTING by paragraphs of its text: one per block
 * element inside it that holds text of its own, in document order. Walks without recursion.
 */
function flattenDeepNesting(document: Document): void {
  const root = document.documentElement;
  if (!root) return;
  const tooDeep: Element[] = [];
  const stack: [Element, number][] = [[root, 0]];
  while (stack.length) {
    const [element, depth] = stack.pop()!;
    for (const child of Array.from(element.children)) {
      if (depth + 1 >= MAX_NESTING) tooDeep.push(child);
      else stack.push([child, depth + 1]);
    }
  }
  for (const element of tooDeep) {
    const paragraphs: string[] = [];
    let current = '';
    const flush = () => {
      const text = current.replace(/\s+/g, ' ').trim();
      if (text) paragraphs.push(text);
      current = '';
    };
    // iterative pre-order walk over the subtree's nodes; a block element starts and ends a paragraph
    const nodes: (Node | 'end')[] = [element];
    while (nodes.length) {
      const node = nodes.pop()!;
      if (node === 'end') {
        flush();
        continue;
      }
      if (node.nodeType === 3) current += node.textContent ?? '';
      else if (node.nodeType === 1) {
        const block = BLOCK_TAGS.has((node as Element).tagName);
        if (block) {
          flush();
          nodes.push('end');
        }
        const children = node.childNodes;
        for (let i = children.length - 1; i >= 0; i--) nodes.push(children[i]!);
      }
    }
    flush();
    const replacement = document.createElement('div');
    for (const text of paragraphs) {
      const p = document.createElement('p');
      p.textContent = text;
      replacement.appendChild(p);
    }
    element.replaceWith(replacement);
  }
}
