// Words and years in free text, as the checks compare them: folded, lower case, stop words out.
import { fold } from '../resolve/index.ts';

const STOP = new Set([
  'the', 'a', 'an', 'of', 'on', 'for', 'and', 'in', 'to', 'at', 'by', 'from', 'with', 'into', 'its', 'their', 'as', 'or',
  'this', 'that', 'these', 'those', 'be', 'is', 'are', 'was', 'were', 'all', 'any', 'per', 'about', 'against',
]);

/** Folded, lower case, punctuation as spaces, single-spaced. */
export function normalise(text: string): string {
  return fold(text).toLowerCase().replace(/['’]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

export function tokens(text: string): string[] {
  const n = normalise(text);
  return n ? n.split(' ') : [];
}

/** Tokens that carry meaning: no stop words, no bare numbers, no one- or two-letter words. */
export function contentWords(text: string): string[] {
  return tokens(text).filter((w) => w.length >= 3 && !STOP.has(w) && !/^\d+$/.test(w));
}

/** Light stemming for comparing what a statistic is about: `victims` and `victim` are one word. */
export function stem(word: string): string {
  return word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** URLs, DOIs and Markdown link targets removed (their digits are not years of the text). */
export function withoutAddresses(text: string): string {
  return text
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<[^>\s]*>/g, ' ')
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')
    .replace(/\b10\.\d{4,9}\/\S+/g, ' ');
}

export interface YearAt {
  year: number;
  index: number;
}

/**
 * Four-digit years (1500–2099) standing alone as numbers: not inside longer digit runs and not part of
 * a document number (`2015/12/EU`, `2019/2044(INI)`), but they may touch letters (`Declaration1998.pdf`).
 */
export function yearsIn(text: string): YearAt[] {
  const out: YearAt[] = [];
  for (const m of text.matchAll(/(?<![\d/])(1[5-9]\d\d|20\d\d)(?![\d/])/g)) out.push({ year: Number(m[1]), index: m.index });
  return out;
}

/** The words of `text` around an index, for quoting. */
export function around(text: string, index: number, width = 40): string {
  const start = Math.max(0, text.lastIndexOf(' ', Math.max(0, index - width)) + 1);
  let end = text.indexOf(' ', Math.min(text.length, index + width));
  if (end === -1) end = text.length;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
