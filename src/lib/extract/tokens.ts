// Word tokens of a text, folded for dictionary matching: case, diacritics and possessive `'s` do not count.

/** A word of a text: its folded form, as written, and where it is. */
export interface Token {
  norm: string;
  raw: string;
  start: number;
  end: number;
}

const wordChar = /[\p{L}\p{N}\p{M}]/u;
const marks = /\p{M}/gu;
const ascii = /^[\x00-\x7f]*$/;

/** Lowercase without diacritics (`Łódź Ştefan` → `łodz stefan`). */
export function fold(text: string): string {
  if (ascii.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(marks, '').toLowerCase();
}

/** Tokens of a text; the `s` of a possessive (`Convention’s`) is dropped. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWord(text, i)) {
      i++;
      continue;
    }
    const start = i;
    let upper = false;
    let plain = true;
    // ASCII words are common: classify their characters inline and fold only what has capitals.
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) i++;
        else if (c >= 65 && c <= 90) {
          upper = true;
          i++;
        } else break;
      } else if (wordChar.test(text[i])) {
        plain = false;
        i++;
      } else break;
    }
    const raw = text.slice(start, i);
    if ((raw === 's' || raw === 'S') && start > 0 && isApostrophe(text[start - 1]) && out.length && out[out.length - 1].end === start - 1) continue;
    out.push({ norm: plain ? (upper ? raw.toLowerCase() : raw) : fold(raw), raw, start, end: i });
  }
  return out;
}

function isWord(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return wordChar.test(text[i]);
}

function isApostrophe(c: string): boolean {
  return c === "'" || c === '’' || c === '‘' || c === 'ʼ';
}

/**
 * What separates two tokens: `space` (whitespace, hyphen, slash), `paren` (a bracket among spaces),
 * `possessive` (`’s`), `punct` (a comma, period or quote, still inside one long name) or `break` (anything else).
 */
export type Gap = 'space' | 'paren' | 'possessive' | 'punct' | 'break';

const gapRank: Record<Gap, number> = { space: 0, paren: 1, possessive: 2, punct: 3, break: 4 };

export function gapBetween(text: string, from: number, to: number): Gap {
  let kind: Gap = 'space';
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '-' || c === '‐' || c === '/') continue;
    if (++count > 3) return 'break';
    let g: Gap;
    if (isApostrophe(c) && (text[i + 1] === 's' || text[i + 1] === 'S')) {
      i++;
      g = 'possessive';
    } else if (c === '(' || c === ')' || c === '[' || c === ']') g = kind === 'paren' ? 'punct' : 'paren';
    else if (c === ',' || c === '.' || c === '&' || c === '"' || c === '“' || c === '”' || isApostrophe(c)) g = 'punct';
    else return 'break';
    if (gapRank[g] > gapRank[kind]) kind = g;
  }
  return kind;
}
