// Renders repaired blocks as Markdown: joined paragraphs, headings, nested lists, footnotes; escapes accidental syntax.

import type { Block, ListItem } from './model.ts';
import type { Footnote } from './structure.ts';
import { joinAll, type Vocabulary } from './hyphenation.ts';

function countStars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '*') n++;
  }
  return n;
}

/**
 * Keeps balanced emphasis and repairs what extraction unbalanced: `***Name**` (a marker star glued to bold)
 * loses its extra star; a lone star that can neither open nor close emphasis is escaped.
 */
export function repairEmphasis(text: string): string {
  let out = text;
  if (/^\*\*\*[^*]/u.test(out) && countStars(out) % 2 === 1) out = out.slice(1);
  if (countStars(out) % 2 === 1) out = out.replace(/(^|\s)\*(?=\s|$)/gu, '$1\\*');
  if (countStars(out) % 2 === 1) out = out.replace(/(^|[^*\\])\*(?!\*)/u, '$1\\*');
  return out;
}

/** Escapes what would make prose start a list, heading, quote or rule (`1996. The…`, `- 5 %`, `# 3`). */
export function escapeBlockStart(text: string): string {
  if (/^[-*_](?:\s*[-*_]){2,}$/u.test(text)) return `\\${text}`;
  return text
    .replace(/^(\d+)([.)])(?=\s|$)/u, '$1\\$2')
    .replace(/^([-+])(?=\s)/u, '\\$1')
    .replace(/^\*(?=\s)/u, '\\*')
    .replace(/^(#{1,6})(?=\s|$)/u, '\\$1')
    .replace(/^>/u, '\\>');
}

export function paragraphText(parts: string[], vocabulary: Vocabulary): string {
  return escapeBlockStart(repairEmphasis(joinAll(parts, vocabulary)));
}

function renderList(items: ListItem[], vocabulary: Vocabulary): string {
  // Each level is indented by its parent's indentation plus the width of the parent's marker,
  // so CommonMark nests the item inside its parent.
  const indentAt: string[] = [];
  const widthAt: number[] = [];
  return items
    .map((item) => {
      const level = Math.min(item.level, indentAt.length);
      const indent = level === 0 ? '' : indentAt[level - 1] + ' '.repeat(widthAt[level - 1]);
      const marker = item.ordered ? `${item.number ?? 1}.` : '-';
      indentAt.length = level;
      widthAt.length = level;
      indentAt.push(indent);
      widthAt.push(marker.length + 1);
      return `${indent}${marker} ${repairEmphasis(joinAll(item.parts, vocabulary))}`;
    })
    .join('\n');
}

export function renderHeading(text: string, level: number): string {
  return `${'#'.repeat(level)} ${text.replace(/^\*\*|\*\*$/gu, '').trim()}`;
}

export interface RenderedBody {
  markdown: string;
  paragraphs: number;
  headings: number;
  lists: number;
  listItems: number;
}

/** Markdown of the blocks, each separated by a blank line. */
export function renderBlocks(blocks: Block[], vocabulary: Vocabulary): RenderedBody {
  const chunks: string[] = [];
  let paragraphs = 0;
  let headings = 0;
  let lists = 0;
  let listItems = 0;
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      chunks.push(paragraphText(block.parts, vocabulary));
      paragraphs++;
    } else if (block.kind === 'heading') {
      chunks.push(renderHeading(block.text, block.level ?? 2));
      headings++;
    } else if (block.kind === 'list') {
      chunks.push(renderList(block.items, vocabulary));
      lists++;
      listItems += block.items.length;
    }
  }
  return { markdown: chunks.join('\n\n'), paragraphs, headings, lists, listItems };
}

/**
 * Puts each footnote's marker in the text as `[^n]` (its first occurrence attached to a word)
 * and appends the notes; a note whose marker is nowhere in the body stays a plain note at the end.
 */
export function placeFootnotes(markdown: string, footnotes: Footnote[], vocabulary: Vocabulary): string {
  let body = markdown;
  const notes: string[] = [];
  for (const note of footnotes) {
    const label = note.number || String(notes.length + 1);
    const at = findAttached(body, note.marker);
    if (at >= 0) body = `${body.slice(0, at)}[^${label}]${body.slice(at + note.marker.length)}`;
    notes.push(`[^${label}]: ${repairEmphasis(joinAll([note.text], vocabulary))}`);
  }
  return notes.length === 0 ? body : `${body}\n\n${notes.join('\n')}`;
}

function findAttached(text: string, marker: string): number {
  for (let i = text.indexOf(marker); i !== -1; i = text.indexOf(marker, i + 1)) {
    const before = i > 0 ? text[i - 1] : ' ';
    const after = text[i + marker.length] ?? ' ';
    if (!/\s/u.test(before) && !/[⁰¹²³⁴⁵⁶⁷⁸⁹]/u.test(before) && !/[⁰¹²³⁴⁵⁶⁷⁸⁹]/u.test(after)) return i;
  }
  return -1;
}
