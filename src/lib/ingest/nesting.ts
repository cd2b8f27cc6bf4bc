// Caps how many blockquotes and list items one line opens, so a hostile line cannot make Markdown parsing superlinear.
import { diagnostic } from '../diagnostics.ts';
import type { Diagnostic, Result } from '../types.ts';

/** Container markers (`>`, `-`, `+`, `*`, `1.`) one line may open; real papers use a handful. */
export const maxLineNesting = 100;

/**
 * Markers past the limit become spaces, so the text keeps its length and every offset stays valid;
 * what they held is then read as plain text. `lineOffset`: file lines before `markdown`.
 */
export function capNesting(markdown: string, file: string, lineOffset = 0, limit = maxLineNesting): Result<string> {
  const out: string[] = [];
  let copied = 0;
  let cappedLines = 0;
  let first: { line: number; column: number; depth: number } | null = null;
  for (let start = 0, line = 1; start <= markdown.length; line++) {
    const nl = markdown.indexOf('\n', start);
    const end = nl === -1 ? markdown.length : nl;
    let depth = 0;
    let column = 0;
    for (let i = start; i < end; ) {
      const c = markdown.charCodeAt(i);
      if (c === 32 || c === 9) {
        i++;
        continue;
      }
      const width = markerWidth(markdown, i, end);
      if (width === 0) break;
      if (++depth > limit) {
        if (column === 0) column = i - start + 1;
        out.push(markdown.slice(copied, i), ' '.repeat(width));
        copied = i + width;
      }
      i += width;
    }
    if (column > 0) {
      cappedLines++;
      first ??= { line: line + lineOffset, column, depth };
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  if (!first) return { value: markdown, diagnostics: [] };
  out.push(markdown.slice(copied));
  const more = cappedLines > 1 ? ` (and ${cappedLines - 1} more line${cappedLines === 2 ? '' : 's'})` : '';
  const diagnostics: Diagnostic[] = [
    diagnostic('warning', 'paper-nesting', `Line nests ${first.depth} blockquotes or list items, over the limit of ${limit}; the deeper ones are read as text${more}`, file, first.line, first.column),
  ];
  return { value: out.join(''), diagnostics };
}

/** Length of the blockquote or list marker at `i` (with its following space for list markers), or 0. */
function markerWidth(s: string, i: number, end: number): number {
  const c = s[i];
  const spaced = (j: number) => j === end || s[j] === ' ' || s[j] === '\t';
  if (c === '>') return 1;
  if ((c === '-' || c === '+' || c === '*') && spaced(i + 1)) return 1;
  let j = i;
  while (j < end && j - i < 9 && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
  if (j > i && (s[j] === '.' || s[j] === ')') && spaced(j + 1)) return j + 1 - i;
  return 0;
}
