// Splits text blocks into sentences, aware of abbreviations, initials, decimals and citation parentheses.
import type { Sentence, Span } from '../types.ts';
import { blockSpan, type Block } from './blocks.ts';

/** A sentence and where it sits in its block's text. */
export interface BlockSentence {
  sentence: Sentence;
  block: number;
  start: number;
  end: number;
}

// Tokens that end with a period without ending a sentence (lowercase, final period dropped).
const abbreviations = new Set([
  'al', 'e.g', 'i.e', 'cf', 'viz', 'vs', 'v', 'ed', 'eds', 'op', 'cit', 'ibid', 'approx', 'ca', 'c',
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'dept', 'gen', 'gov', 'hon',
  'rev', 'est', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'n.d',
  'u.s', 'u.k', 'u.n', 'e.u', 'n.b', 'a.m', 'p.m',
]);

// Abbreviations that stand before a number (`p. 33`, `art. 3`, `No. 29`); before a word they may end a sentence.
const numberAbbreviations = new Set([
  'p', 'pp', 'para', 'paras', 'art', 'arts', 'no', 'nos', 'nr', 'vol', 'vols', 'ch', 'chap', 'sec', 'fig', 'figs',
  'n', 'fn', 'pt', 'r', 's', 'ss',
]);

const opensSentence = /[\p{Lu}\p{N}"“‘'([*_¿¡]/u;
const closers = new Set(['"', '”', '’', "'", ')', ']', '*', '_']);

/** Sentences of all blocks, numbered `s-1`, `s-2`, … in document order. */
export function splitSentences(blocks: Block[]): BlockSentence[] {
  const out: BlockSentence[] = [];
  blocks.forEach((block, index) => {
    // A heading, and an entry of the reference list, is one sentence whatever its periods.
    const whole = block.kind === 'heading' || block.references;
    const ranges = whole ? [trim(block.text, 0, block.text.length)] : splitText(block.text);
    for (const range of ranges) {
      if (!range) continue;
      const [start, end] = range;
      out.push({
        sentence: {
          id: `s-${out.length + 1}`,
          text: collapse(block.text.slice(start, end)),
          span: blockSpan(block, start, end),
          section: block.section,
          block: block.kind,
        },
        block: index,
        start,
        end,
      });
    }
  });
  return out;
}

/** Text ranges [start, end) of the sentences in a text. */
export function splitText(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const pairs = shortParentheses(text);
  let next = 0; // first pair not yet opened
  let start = 0;
  let shield = -1; // inside a short parenthesis until this index
  // Only `.`, `!`, `?` and `…` can end a sentence: the regex engine finds them faster than a loop over every character.
  const ends = /[.!?\u2026]/g;
  for (let m = ends.exec(text); m; m = ends.exec(text)) {
    const i = m.index;
    for (; next < pairs.length && pairs[next] <= i; next += 2) if (pairs[next + 1] > shield) shield = pairs[next + 1];
    if (i < shield) continue;
    let j = i + 1;
    while (j < text.length && (text[j] === '.' || closers.has(text[j]))) j++;
    if (j < text.length && !isSpace(text.charCodeAt(j))) continue;
    let k = j;
    while (k < text.length && isSpace(text.charCodeAt(k))) k++;
    if (k < text.length && !opensSentence.test(text[k])) continue;
    if (text.charCodeAt(i) === 46 && k < text.length && isAbbreviation(text, i, isDigit(text.charCodeAt(k)))) continue;
    const range = trim(text, start, j);
    if (range) out.push(range);
    start = k;
    ends.lastIndex = k;
  }
  const last = trim(text, start, text.length);
  if (last) out.push(last);
  return out;
}

// The parentheses of a text as [open, close] index pairs in order of their opening bracket, flat; close is -1 for one
// never closed or longer than 300 characters, which shields nothing. A period in `(… et al., 2019, p. 3)` is no boundary.
function shortParentheses(text: string): number[] {
  const pairs: number[] = [];
  const open: number[] = []; // where in `pairs` the brackets still open are
  const brackets = /[()]/g;
  for (let m = brackets.exec(text); m; m = brackets.exec(text)) {
    const i = m.index;
    if (text.charCodeAt(i) === 40) {
      open.push(pairs.length);
      pairs.push(i, -1);
    } else if (open.length) {
      const at = open.pop() as number;
      if (i - pairs[at] < 300) pairs[at + 1] = i;
    }
  }
  return pairs;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAbbreviation(text: string, dot: number, beforeNumber: boolean): boolean {
  let s = dot;
  // Abbreviations are short: a longer word before the period ends the search (and the sentence).
  while (s > 0 && dot - s <= 8 && !/[\s(\[“"]/.test(text[s - 1])) s--;
  if (dot - s > 8) return false;
  const token = text.slice(s, dot);
  if (!token) return false;
  // Initials (`S. K.`) and single letters.
  if (/^\p{Lu}$/u.test(token)) return true;
  const lower = token.toLowerCase();
  if (abbreviations.has(lower)) return true;
  if (beforeNumber && numberAbbreviations.has(lower)) return true;
  // Dotted forms such as `U.S.`, `e.g.`, `i.e.`.
  return /^(?:\p{L}\.)+\p{L}$/u.test(token);
}

function trim(text: string, start: number, end: number): [number, number] | null {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end > start ? [start, end] : null;
}

const untidySpace = /[\t\n\r\u00a0]| {2}/;

/** Whitespace runs (line breaks of a wrapped paragraph) as single spaces. */
export function collapse(text: string): string {
  // Most sentences need no change: look (with the regex engine, faster than a loop here) before building a new string.
  const clean = text.length > 0 && !isSpace(text.charCodeAt(0)) && !isSpace(text.charCodeAt(text.length - 1)) && !untidySpace.test(text);
  return clean ? text : text.replace(/\s+/g, ' ').trim();
}

/** Where a text range of a block is: its body span and the id of the sentence holding its start. */
export type Locate = (block: number, start: number, end: number) => { span: Span; sentence: string };

export function locator(blocks: Block[], sentences: BlockSentence[]): Locate {
  // Sentences of each block as a contiguous run [first, end) of `sentences`.
  const first = new Int32Array(blocks.length + 1).fill(-1);
  const stop = new Int32Array(blocks.length + 1);
  sentences.forEach((s, i) => {
    if (first[s.block] < 0) first[s.block] = i;
    stop[s.block] = i + 1;
  });
  return (block, start, end) => {
    let lo = first[block];
    let id = '';
    if (lo >= 0) {
      // Last sentence of the block starting at or before `start` (binary search), else its first one.
      let hi = stop[block] - 1;
      id = sentences[lo].sentence.id;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (sentences[mid].start <= start) {
          id = sentences[mid].sentence.id;
          lo = mid + 1;
        } else hi = mid - 1;
      }
    }
    return { span: blockSpan(blocks[block], start, end), sentence: id };
  };
}
