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

const FEW_CLASS_TOKENS = 16;

/** linkedom's class value: the whitespace-separated tokens, each once, joined by single spaces. */
function normalizeClassValue(value: unknown): string {
  const text = String(value);
  if (!/\s/.test(text)) return text; // one token (or none): already normal
  // (a class list holds a few tokens: an array's includes is cheaper than a Set, in the same first-seen
  // order — up to a few; past them a Set, or a page's one class attribute of 40,000 tokens cost 6 s)
  const tokens: string[] = [];
  let seen: Set<string> | null = null;
  for (const token of text.split(/\s+/)) {
    if (token === '') continue;
    if (seen) {
      if (!seen.has(token)) seen.add(token), tokens.push(token);
    } else if (!tokens.includes(token)) {
      tokens.push(token);
      if (tokens.length === FEW_CLASS_TOKENS) seen = new Set(tokens);
    }
  }
  return tokens.join(' ');
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

/**
 * linkedom keeps a document as one linked list in document order: each element, its attributes, its content,
 * then the element's end marker (node type -1). These are the symbols of an element's next node and end marker.
 */
const LINKED_LIST: { next: symbol; end: symbol } | null = (() => {
  const probe = parseHTML('<html><body><p>x</p></body></html>').document.querySelector('p') as unknown as object;
  const symbols = Object.getOwnPropertySymbols(probe);
  const next = symbols.find((k) => k.description === 'next');
  const end = symbols.find((k) => k.description === 'end');
  return next && end ? { next, end } : null;
})();

/**
 * getElementsByTagName: linkedom compares each element's local name and, failing that, its upper-cased name, made
 * afresh for every element passed (`p`, `a`, `img` lists over whole pages, read by Readability and the pruning: ≈ 1 %
 * of extraction). An upper-cased name never equals a name holding a lower-case letter, so such a name is compared
 * with local names alone: the same elements, in the same order. Other names, and a linkedom whose internals are not
 * the expected ones (a probe), keep linkedom's method.
 */
function compareLowerCaseTagNamesOnce(): void {
  const probe = parseHTML('<html><body><div><p>a</p><svg><foreignObject><p>b</p></foreignObject></svg><A>c</A></div><P>d</P></body></html>').document;
  const div = probe.querySelector('div') as unknown as Record<symbol, unknown>;
  let proto: object | null = div;
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'getElementsByTagName')) proto = Object.getPrototypeOf(proto) as object | null;
  if (!LINKED_LIST || !proto) return;
  const { next, end } = LINKED_LIST;
  type Host = Record<symbol, unknown>;
  type Lister = (this: unknown, name: string) => Element[];
  const original = (proto as { getElementsByTagName: Lister }).getElementsByTagName;
  const ListClass = (original.call(div, 'p') as unknown as { constructor: new () => Element[] }).constructor;
  const LOWER_CASE_NAME = /^[a-z][a-z0-9]*$/;
  function getElementsByTagName(this: Host, name: string): Element[] {
    if (!LOWER_CASE_NAME.test(name)) return original.call(this, name);
    const elements = new ListClass();
    const stop = this[end];
    for (let node = this[next] as Host & Node; node !== stop; node = node[next] as Host & Node) {
      if (node.nodeType === 1 && (node as unknown as Element).localName === name) elements.push(node as unknown as Element);
    }
    return elements;
  }
  const same = (root: unknown, name: string) => {
    const a = original.call(root, name);
    const b = getElementsByTagName.call(root as Host, name);
    return a.length === b.length && a.every((x, i) => x === b[i]) && b instanceof ListClass;
  };
  if (['p', 'a', 'div', 'foreignobject', 'svg', 'b'].every((name) => same(probe, name) && same(div, name))) {
    Object.defineProperty(proto, 'getElementsByTagName', { value: getElementsByTagName, writable: true, configurable: true });
  }
}
compareLowerCaseTagNamesOnce();

/**
 * querySelectorAll / querySelector of a plain list of tag names ("img,embed,object,iframe", "h1"): linkedom parses and
 * compiles the selector on every call (css-what, css-select), and Readability asks ≈ 80 such lists per page. In an HTML
 * document the compiled selector is true exactly for an element whose lower-cased local name is one of the lower-cased
 * names; the walk is linkedom's own (document order, <template> contents skipped). Any other selector, a document that
 * is not HTML, and a linkedom whose internals are not the expected ones (a probe) keep linkedom's methods.
 */
function queryTagListsByWalking(): void {
  const probe = parseHTML(
    '<html><body><div><P>a</P><svg><foreignObject><p>b</p></foreignObject><circle/></svg><template><p>c</p><i>d</i></template>' +
      '<i>e</i><h2>f</h2><ul><li>g</li></ul></div><p>h</p></body></html>',
  ).document;
  const div = probe.querySelector('div') as unknown as Record<symbol, unknown>;
  let proto: object | null = div;
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'querySelectorAll')) proto = Object.getPrototypeOf(proto) as object | null;
  const mimeKey = Object.getOwnPropertySymbols(probe).find((k) => k.description === 'mime');
  if (!LINKED_LIST || !proto || !mimeKey || !Object.prototype.hasOwnProperty.call(proto, 'querySelector')) return;
  const { next, end } = LINKED_LIST;
  type Host = Record<symbol, unknown> & { ownerDocument: Record<symbol, { ignoreCase?: boolean } | undefined> | null };
  type Query = (this: unknown, selectors: string) => unknown;
  const originalAll = (proto as { querySelectorAll: Query }).querySelectorAll;
  const originalOne = (proto as { querySelector: Query }).querySelector;
  const ListClass = (originalAll.call(div, 'p') as { constructor: new () => Element[] }).constructor;
  const TAG_LIST = /^\s*[A-Za-z][A-Za-z0-9]*(?:\s*,\s*[A-Za-z][A-Za-z0-9]*)*\s*$/;
  const namesOf = new Map<string, readonly string[] | null>();
  const tagNames = (selectors: unknown): readonly string[] | null => {
    if (typeof selectors !== 'string') return null;
    let names = namesOf.get(selectors);
    if (names === undefined) {
      names = TAG_LIST.test(selectors) ? [...new Set(selectors.split(',').map((name) => name.trim().toLowerCase()))] : null;
      if (namesOf.size < 1000) namesOf.set(selectors, names);
    }
    return names;
  };
  const isHtml = (host: Host): boolean => host.ownerDocument?.[mimeKey]?.ignoreCase === true;
  const nameMatches = (localName: string, names: readonly string[]): boolean => {
    if (names.includes(localName)) return true;
    const lower = localName.toLowerCase();
    return lower !== localName && names.includes(lower);
  };
  function querySelectorAll(this: Host, selectors: string): unknown {
    const names = tagNames(selectors);
    if (!names || !isHtml(this)) return originalAll.call(this, selectors);
    const elements = new ListClass();
    const stop = this[end];
    for (let node = this[next] as Host & Element; node !== stop; ) {
      if (node.nodeType === 1) {
        const localName = node.localName;
        if (nameMatches(localName, names)) elements.push(node);
        node = (localName === 'template' ? node[end] : node[next]) as Host & Element;
      } else node = node[next] as Host & Element;
    }
    return elements;
  }
  function querySelector(this: Host, selectors: string): unknown {
    const names = tagNames(selectors);
    if (!names || !isHtml(this)) return originalOne.call(this, selectors);
    const stop = this[end];
    for (let node = this[next] as Host & Element; node !== stop; ) {
      if (node.nodeType === 1) {
        const localName = node.localName;
        if (nameMatches(localName, names)) return node;
        node = (localName === 'template' ? node[end] : node[next]) as Host & Element;
      } else node = node[next] as Host & Element;
    }
    return null;
  }
  // (checked through the public methods, the document's included: linkedom's Document calls the method replaced here)
  const selectorsToCheck = ['p', 'P', 'i,p', 'foreignobject', 'foreignObject', 'circle', 'template', 'h1,h2,h3', ' li , UL ', 'svg,p,i'];
  const roots = [probe, div, probe.body] as unknown as { querySelectorAll: Query; querySelector: Query }[];
  const answers = () => roots.flatMap((root) => selectorsToCheck.flatMap((s) => [root.querySelector(s), ...(root.querySelectorAll(s) as Element[])]));
  const lists = () => roots.every((root) => root.querySelectorAll('p') instanceof ListClass);
  const before = answers();
  Object.defineProperty(proto, 'querySelectorAll', { value: querySelectorAll, writable: true, configurable: true });
  Object.defineProperty(proto, 'querySelector', { value: querySelector, writable: true, configurable: true });
  const after = answers();
  if (!(lists() && before.length === after.length && before.every((x, i) => x === after[i]))) {
    Object.defineProperty(proto, 'querySelectorAll', { value: originalAll, writable: true, configurable: true });
    Object.defineProperty(proto, 'querySelector', { value: originalOne, writable: true, configurable: true });
  }
}
queryTagListsByWalking();

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

/**
 * The symbol of a node's next node in linkedom's list (LINKED_LIST). Walking that list counts nesting without
 * making a child list per element (`children` builds one): ≈ 3× cheaper on news pages, which nearly all nest far
 * less deep than MAX_NESTING. Null when the list is not what a probe expects: every page is then walked as before.
 */
const nextNodeKey: symbol | null = (() => {
  const probe = parseHTML('<html><body><div><p>a<b>b</b></p></div><i></i></body></html>').document.documentElement as unknown as Record<symbol, unknown>;
  const key = LINKED_LIST?.next;
  if (!key) return null;
  const root = probe as unknown as Element;
  const depths: number[] = [];
  let depth = 0;
  let steps = 0;
  for (let node = probe as Record<symbol, unknown> | null; node && steps < 100; node = (node[key] as Record<symbol, unknown> | null) ?? null, steps++) {
    const type = (node as unknown as Node).nodeType;
    if (type === 1) depths.push(++depth);
    else if (type === -1 && --depth === 0) break;
  }
  // html 1, head 2, body 2, div 3, p 4, b 5, i 3 — and the walk ended at the root's end marker
  return depth === 0 && depths.join() === '1,2,2,3,4,5,3' && root.querySelectorAll('*').length === 7 ? key : null;
})();

/**
 * Whether an element below `root` sits more than `limit` levels under it. An over-estimate would
 * only cost the full walk; it never under-estimates: every element is in the list between its
 * parent and the parent's end marker.
 */
function nestsDeeperThan(root: Element, limit: number): boolean {
  const next = nextNodeKey;
  if (!next) return true;
  let depth = 0;
  for (let node = root as unknown as Record<symbol, unknown> | null; node; node = (node[next] as Record<symbol, unknown> | null) ?? null) {
    const type = (node as unknown as Node).nodeType;
    if (type === 1) {
      if (++depth > limit + 1) return true;
    } else if (type === -1 && --depth === 0) return false;
  }
  return true;
}

/** The blocks whose text stays one paragraph when a too-deep subtree is flattened. */
const BLOCK_TAGS = new Set(['P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TD', 'TH', 'DD', 'DT', 'FIGCAPTION']);

/**
 * Replaces every element nested deeper than MAX_NESTING by paragraphs of its text: one per block
 * element inside it that holds text of its own, in document order. Walks without recursion.
 */
function flattenDeepNesting(document: Document): void {
  const root = document.documentElement;
  if (!root) return;
  if (!nestsDeeperThan(root, MAX_NESTING - 1)) return;
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
