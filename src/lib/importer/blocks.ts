// Cuts cleaned lines into blocks (paragraphs, headings, lists, footnotes) at blank lines and list markers.

import type { Block, ListItem, SourceLine } from './model.ts';
import { headingShape, isMostlyUppercase } from './headings.ts';
import { BULLET_ITEM, FOOTNOTE_LINE, NUMBERED_ITEM, SUPERSCRIPT_DIGITS, TERMINAL_PUNCTUATION } from './patterns.ts';

const ATTACHED_SUPERSCRIPT = /[^\s⁰¹²³⁴⁵⁶⁷⁸⁹]([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/gu;

interface Marker {
  ordered: boolean;
  number: number | null;
  text: string;
}

function superscriptValue(marker: string): string {
  return [...marker].map((ch) => SUPERSCRIPT_DIGITS[ch] ?? '').join('');
}

function endsClause(text: string): boolean {
  return TERMINAL_PUNCTUATION.test(text);
}

/** The list marker of a line, if it is a list item where it stands. */
function listMarker(text: string, list: ListItem[] | null, firstInGroup: boolean, afterList: boolean): Marker | null {
  const bullet = BULLET_ITEM.exec(text);
  if (bullet) return { ordered: false, number: null, text: bullet[1] };
  const numbered = NUMBERED_ITEM.exec(text);
  if (!numbered) return null;
  const n = Number(numbered[1]);
  // A number continues a list, starts one at 1, or resumes the list of the previous block after a page gap.
  const continues = list !== null && list.some((item) => item.ordered && item.number === n - 1);
  if (n === 1 || continues || (firstInGroup && afterList)) return { ordered: true, number: n, text: numbered[2] };
  return null;
}

/** Nesting level of an item from its indentation relative to the items before it. */
function levelFor(indent: number, stack: number[]): number {
  while (stack.length > 0 && indent < stack[stack.length - 1]) stack.pop();
  if (stack.length === 0 || indent > stack[stack.length - 1]) stack.push(indent);
  return stack.length - 1;
}

function splitGroup(group: SourceLine[], gapBefore: number, previous: Block | undefined): Block[] {
  const out: Block[] = [];
  let paragraph: Extract<Block, { kind: 'paragraph' }> | null = null;
  let list: Extract<Block, { kind: 'list' }> | null = null;
  let indents: number[] = [];
  let gap = gapBefore;
  const take = (): number => {
    const g = gap;
    gap = 0;
    return g;
  };
  group.forEach((source, i) => {
    const { text } = source;
    const prev = i > 0 ? group[i - 1].text : null;
    const next = i + 1 < group.length ? group[i + 1].text : null;
    // An all-caps or bold heading printed with no blank line around it (two-column PDFs do this).
    // The line after it must be prose: two capitalised lines in a row are a wrapped title, not a heading and text.
    if (
      group.length > 1 &&
      (prev === null || endsClause(prev)) &&
      (next === null || (/^\P{Ll}/u.test(next) && !isMostlyUppercase(next)))
    ) {
      const shape = headingShape(text);
      if (shape && (shape.style === 'caps' || shape.style === 'bold')) {
        out.push({ kind: 'heading', ...shape, source: text, line: source.line, gapBefore: take() });
        paragraph = null;
        list = null;
        return;
      }
    }
    const canStartList = paragraph === null || endsClause(paragraph.parts[paragraph.parts.length - 1]);
    const marker = canStartList || list
      ? listMarker(text, list ? list.items : null, i === 0, previous?.kind === 'list')
      : null;
    if (marker) {
      if (!list) {
        list = { kind: 'list', items: [], line: source.line, gapBefore: take() };
        indents = [];
        out.push(list);
        paragraph = null;
      }
      list.items.push({
        text: marker.text,
        parts: [marker.text],
        level: levelFor(source.indent, indents),
        ordered: marker.ordered,
        number: marker.number,
        line: source.line,
      });
      return;
    }
    if (list) {
      const last = list.items[list.items.length - 1];
      const lastPart = last.parts[last.parts.length - 1];
      // A wrapped item goes on until a line ends the clause; after that, unmarked text is a new paragraph.
      if (!endsClause(lastPart) || /^\p{Ll}/u.test(text)) {
        last.parts.push(text);
        return;
      }
      list = null;
    }
    if (!paragraph) {
      paragraph = { kind: 'paragraph', parts: [], line: source.line, gapBefore: take() };
      out.push(paragraph);
    }
    paragraph.parts.push(text);
  });
  return out;
}

/**
 * Segments the lines into blocks. A group that is one line may be a heading or a footnote;
 * a footnote is recognised only when its superscript marker was printed earlier, attached to a word.
 */
export function segment(lines: SourceLine[]): Block[] {
  const blocks: Block[] = [];
  const seenMarkers = new Set<string>();
  let group: SourceLine[] = [];
  let gap = 0;
  const flush = (): void => {
    if (group.length === 0) return;
    const first = group[0].text;
    const footnote = FOOTNOTE_LINE.exec(first);
    const shape = group.length === 1 ? headingShape(first) : null;
    if (footnote && seenMarkers.has(footnote[1])) {
      const rest = group.slice(1).map((l) => l.text);
      blocks.push({
        kind: 'footnote',
        marker: footnote[1],
        number: superscriptValue(footnote[1]),
        text: [footnote[2], ...rest].join(' '),
        line: group[0].line,
        gapBefore: gap,
      });
    } else if (shape) {
      blocks.push({ kind: 'heading', ...shape, source: first, line: group[0].line, gapBefore: gap });
    } else {
      blocks.push(...splitGroup(group, gap, blocks[blocks.length - 1]));
    }
    for (const l of group) for (const m of l.text.matchAll(ATTACHED_SUPERSCRIPT)) seenMarkers.add(m[1]);
    group = [];
    gap = 0;
  };
  for (const line of lines) {
    if (line.text === '') {
      flush();
      gap++;
    } else {
      group.push(line);
    }
  }
  flush();
  return blocks;
}
