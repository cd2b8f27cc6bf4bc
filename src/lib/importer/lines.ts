// Splits extracted text into lines and removes extraction debris from each (stray `~`, `=`, doubled spaces).

import type { SourceLine } from './model.ts';

/** Characters that PDF extraction leaves in place of spaces or nothing at all. */
const INVISIBLE = /[\u00ad\u200b\u200c\u200d\u2060\ufeff]/gu;
const ODD_SPACES = /[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]/gu;
/** A `~` standing alone between words is a mis-read glyph, never prose. */
const LONE_TILDE = /(^|\s)~(?=\s|$)/gu;
/** A lone `=` between two words is a mis-read glyph; `a = b` between single letters, digits or symbols is kept. */
const LONE_EQUALS = /(\p{L}\p{L}[.,;:]?) = (?=\p{L}\p{L})/gu;
const SPACE_RUN = / {2,}/gu;

export function cleanLine(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(ODD_SPACES, ' ')
    .replace(LONE_TILDE, '$1')
    .replace(LONE_EQUALS, '$1 ')
    .replace(SPACE_RUN, ' ')
    .trim();
}

function indentOf(raw: string): number {
  let n = 0;
  for (const ch of raw) {
    if (ch === ' ' || ch === '\u00a0') n += 1;
    else if (ch === '\t') n += 4;
    else break;
  }
  return n;
}

/** Every line of `text`, cleaned; blank lines come back with empty text so gaps can be measured. */
export function toSourceLines(text: string): SourceLine[] {
  return text
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .map((raw, i) => ({ text: cleanLine(raw), line: i + 1, indent: indentOf(raw) }));
}
