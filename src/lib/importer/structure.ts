// Rejoins what page breaks and footnotes split: paragraphs continued after a gap, and pulls footnotes out of the flow.

import type { Block } from './model.ts';
import { CONTINUATION_WORDS, TERMINAL_PUNCTUATION } from './patterns.ts';

export type Footnote = Extract<Block, { kind: 'footnote' }>;

function lastText(block: Block): string | null {
  if (block.kind === 'paragraph') return block.parts[block.parts.length - 1];
  if (block.kind === 'list') {
    const item = block.items[block.items.length - 1];
    return item.parts[item.parts.length - 1];
  }
  return null;
}

/** True when `text` cannot be the end of a paragraph: the evidence is in its last word. */
function endsMidSentence(text: string): boolean {
  if (/\p{L}-$/u.test(text) || /[,—–-]$/u.test(text) || /['’]s$/u.test(text)) return true;
  const last = /(\p{L}{1,64})\W{0,8}$/u.exec(text);
  return last !== null && CONTINUATION_WORDS.has(last[1].toLowerCase()) && !/[.!?]\W{0,8}$/u.test(text);
}

/** Whether `next` continues the paragraph (or list item) that ends with `previous` after a gap. */
function continues(previous: string, nextStart: string, interrupted: boolean, intoList: boolean): boolean {
  if (/\p{L}-$/u.test(previous)) return true;
  if (TERMINAL_PUNCTUATION.test(previous)) return false;
  if (/^\p{Ll}/u.test(nextStart)) return true;
  if (intoList) return false;
  if (/^[[(,;)]/u.test(nextStart)) return true;
  return endsMidSentence(previous) || interrupted;
}

export interface Rejoined {
  blocks: Block[];
  footnotes: Footnote[];
}

/**
 * Walks the blocks in order: a footnote is taken out (and remembered), and a paragraph that
 * continues the previous paragraph or list item is appended to it. A short Title Case fragment
 * after an unfinished sentence is prose that only looked like a heading.
 */
export function rejoin(blocks: Block[]): Rejoined {
  const out: Block[] = [];
  const footnotes: Footnote[] = [];
  let interrupted = false;
  for (const block of blocks) {
    if (block.kind === 'footnote') {
      footnotes.push(block);
      interrupted = true;
      continue;
    }
    const previous = out[out.length - 1];
    const previousText = previous ? lastText(previous) : null;
    let candidate: Block = block;
    if (
      block.kind === 'heading' &&
      block.style === 'title' &&
      previousText !== null &&
      !TERMINAL_PUNCTUATION.test(previousText) &&
      endsMidSentence(previousText)
    ) {
      candidate = { kind: 'paragraph', parts: [block.source], line: block.line, gapBefore: block.gapBefore };
    }
    if (
      candidate.kind === 'paragraph' &&
      previous !== undefined &&
      previousText !== null &&
      continues(previousText, candidate.parts[0], interrupted, previous.kind === 'list')
    ) {
      if (previous.kind === 'paragraph') previous.parts.push(...candidate.parts);
      else if (previous.kind === 'list') previous.items[previous.items.length - 1].parts.push(...candidate.parts);
    } else {
      out.push(candidate);
    }
    interrupted = false;
  }
  return { blocks: out, footnotes };
}
