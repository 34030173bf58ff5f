// Scraped text → article: paragraphs, a title, and the page furniture removed (with reasons).
import type { Extracted } from '../../types.js';
import { classifyBlocks, type Block } from '../blocks.js';
import { detectLanguage } from '../language.js';
import { cutOpeningDateline, splitDateline } from '../dateline.js';
import { MAX_CAPTION_WORDS, isOpeningCaption, opensWithCredit } from '../credits.js';
import { cutPrintNote, cutSignOff, cutTrailingCredit, innerCreditStart, isAgedLinkList, splitAtInnerStamp, splitPullQuote } from '../leftovers.js';
import type { RemovedBlock } from '../../types.js';

export interface TextOptions {
  title?: string;
  repeatedLines?: ReadonlyMap<string, number>;
}

/** What the blank collapsing below changes: a tab, a no-break space or two spaces (a line with neither is left as it is). */
const UNCOLLAPSED_BLANKS = /[\u00a0\t]|  /;

// Penn Treebank tokens in text that went through a tokeniser (news corpora such as Timeline17):
// brackets as -LRB- … -RRB-, quotation marks as `` … '', slashes and asterisks escaped as \/ and \*.
const PTB_BRACKETS: Record<string, string> = { '-LRB-': '(', '-RRB-': ')', '-LSB-': '[', '-RSB-': ']', '-LCB-': '{', '-RCB-': '}' };

/** Undoes Penn Treebank bracket and quote tokens; text without them is returned as it is. */
export function untokenisePtb(raw: string): string {
  let out = raw;
  if (raw.includes('-R') || raw.includes('-L')) {
    out = raw
      .replace(/-[LR][RSC]B-/g, (t) => PTB_BRACKETS[t] ?? t)
      // what the tokeniser's sentence splitter broke: a Reuters instrument code at its period
      // ("( BP . \nL )" is "(BP.L)", "( MMS . \ngov )" "(MMS.gov)"), a decimal or thousands group after
      // a range ("1.5-2 .5", "50,000-60 ,000")
      .replace(/\( ?([A-Z][A-Za-z]{0,6}) \. ?\n([A-Z]{1,2}|[a-z]{2,4}) ?\)/g, '($1.$2)')
      .replace(/(\d) ([.,])(\d)/g, (all, a: string, mark: string, b: string, at: number, text: string) =>
        mark === ',' && /^\d{3}(?!\d)/.test(text.slice(at + all.length - 1)) ? `${a},${b}` : mark === '.' ? `${a}.${b}` : all,
      );
  }
  // the tokeniser's escaped slash and asterisk: "and\/or", "AP Photo\/Gerald Herbert", "\* bullet"
  if (out.includes('\\')) out = out.replace(/\\([/*])/g, '$1');
  // `` opens and '' closes a quotation only where the tokeniser wrote both
  if (out.includes('``')) out = out.replace(/``\s?/g, '“').replace(/\s?''/g, '”');
  return out;
}

/** Splits scraped text into blocks: one per non-empty line (scrapers put one paragraph a line). */
export function textToBlocks(raw: string): Block[] {
  return untokenisePtb(raw)
    .replace(/\r\n?/g, '\n')
    .replace(/<br\s*\/?>/gi, ' ')
    .split(/\n/)
    .map((line) => (UNCOLLAPSED_BLANKS.test(line) ? line.replace(/[\u00a0\t ]+/g, ' ') : line).trim())
    .filter((line) => line.length > 0)
    .map((text) => ({ text }));
}

/** How many lines at the top may hold the headline, standfirst, stamp and caption glued together. */
const HEAD_LINES = 3;

/**
 * Splits the leftovers a scraper glued into one line (leftovers.ts): a publication stamp in a head line,
 * a picture credit after a caption, the print edition note. Returns the blocks, what was cut, and the stamp's date.
 */
export function splitGluedLeftovers(blocks: Block[]): { blocks: Block[]; removed: RemovedBlock[]; date: string | null } {
  const out: Block[] = [];
  const removed: RemovedBlock[] = [];
  let date: string | null = null;
  let afterStamp = '';
  blocks.forEach((block, i) => {
    let lines = [block.text];
    const alone = i >= HEAD_LINES || date !== null ? splitAtInnerStamp(block.text) : null;
    // a stamp standing alone further down (a footer's "Friday 17 September 2010 10.00 BST guardian .")
    if (alone && !alone.head && alone.rest.split(/\s+/).length <= 3) {
      removed.push({ text: block.text, reason: 'date stamp' });
      return;
    }
    if (i < HEAD_LINES && date === null) {
      const stamp = splitAtInnerStamp(block.text);
      if (stamp) {
        removed.push({ text: stamp.stamp, reason: 'dateline' });
        date = stamp.date;
        afterStamp = stamp.rest;
        lines = stamp.head ? [stamp.head, stamp.rest] : [stamp.rest];
      }
    }
    if (isAgedLinkList(block.text)) {
      removed.push({ text: block.text, reason: 'related-link list' });
      return;
    }
    lines = lines.flatMap((line) => {
      const signed = cutSignOff(line);
      if (signed.signOff) removed.push({ text: signed.signOff, reason: 'byline' });
      const pull = splitPullQuote(signed.text);
      if (!pull) return [signed.text];
      removed.push({ text: pull.attribution, reason: 'pull quote attribution' });
      return [pull.quote, pull.rest].filter((part) => part.length > 0);
    });
    lines = lines.flatMap((line) => {
      const at = innerCreditStart(line, opensWithCredit);
      return at > 0 ? [line.slice(0, at).trim(), line.slice(at)] : [line];
    });
    for (const line of lines) {
      const cut = cutPrintNote(line);
      if (cut.note) removed.push({ text: cut.note, reason: 'print edition note' });
      const credited = cutTrailingCredit(cut.text);
      if (credited.credit) {
        removed.push({ text: credited.credit, reason: 'photo credit' });
        // a short line that a credit closes is the picture's caption
        if (credited.text.split(/\s+/).length <= MAX_CAPTION_WORDS) {
          if (credited.text) removed.push({ text: credited.text, reason: 'photo caption' });
          continue;
        }
      }
      if (credited.text) out.push({ ...block, text: credited.text });
    }
  });
  // what stands between the stamp and a picture's credit is the picture's caption, however it is worded
  const rest = afterStamp ? out.findIndex((b) => b.text === afterStamp) : -1;
  const next = rest >= 0 ? out[rest + 1] : undefined;
  if (next && opensWithCredit(next.text) && afterStamp.split(/\s+/).length <= MAX_CAPTION_WORDS) {
    removed.push({ text: afterStamp, reason: 'photo caption' });
    out.splice(rest, 1);
  }
  return { blocks: out, removed, date };
}

export function extractFromText(raw: string, options: TextOptions = {}): Extracted {
  const given = options.title?.trim() || undefined;
  const blocks = textToBlocks(raw);
  // A picture's caption printed as the text's first line, over the headline or the dateline.
  const caption = blocks.length >= 2 && isOpeningCaption(blocks[0]!.text, blocks[1]!.text, () => splitDateline(blocks[1]!.text) !== null) ? blocks.shift()! : null;
  const glued = splitGluedLeftovers(blocks);
  if (caption) glued.removed.unshift({ text: caption.text, reason: 'photo caption' });
  const result = classifyBlocks(glued.blocks, {
    repeatedLines: options.repeatedLines,
    findTitle: true,
    title: given,
  });
  // A head line taken for the headline may be a dateline or stamp standing alone ("LONDON | Tue Jun 9, 2009 9:52 am EDT LONDON (Reuters Life!)").
  const titleSplit = result.title ? splitDateline(result.title) : null;
  if (titleSplit) {
    result.removed.unshift({ text: titleSplit.prefix, reason: 'dateline' });
    result.title = titleSplit.headline ?? (titleSplit.body.split(/\s+/).length >= 3 ? titleSplit.body : null);
  }
  result.removed.unshift(...glued.removed);
  const opening = cutOpeningDateline(result.kept);
  if (opening.prefix) result.removed.unshift({ text: opening.prefix, reason: /^by\s/i.test(opening.prefix) ? 'byline and dateline' : 'dateline' });
  if (opening.headline && (given ?? result.title)) result.removed.unshift({ text: opening.headline, reason: 'title repeated' });
  const text = opening.paragraphs.join('\n\n');
  // A title given by metadata wins; otherwise the headline found among the head lines, or printed before the dateline.
  const title = given ?? result.title ?? opening.headline ?? '';
  return {
    title,
    text,
    removed: result.removed,
    published: opening.date ?? titleSplit?.date ?? glued.date ?? null,
    publishedFrom: opening.date ?? titleSplit?.date ?? glued.date ? 'text' : null,
    modified: null,
    authors: [],
    language: detectLanguage(text, null),
    site: null,
    canonicalUrl: null,
    description: null,
    image: null,
    dateline: opening.prefix ? { text: opening.prefix, place: opening.place, date: opening.date } : null,
  };
}

