// Markdown → text blocks: one plain-text string per paragraph, heading, list item, table cell, with a map back to body offsets.
import { markdownToMdast } from 'satteri';
import type { Sentence, Span } from '../types.ts';

/** A run of plain text as a reader sees it, with the way back to the Markdown source. */
export interface Block {
  kind: Sentence['block'];
  /** Plain text: inline markers removed, inline code kept. */
  text: string;
  /** `text` with inline code, raw URLs and autolinks blanked to spaces (same length), for the finders. */
  scan: string;
  /** Body offset of each text index; one extra entry for the end. */
  offsets: Int32Array;
  /** Heading path above the block, innermost last. */
  section: string[];
  /** Inside a References/Bibliography section: sentences only, no mentions. */
  references: boolean;
  /** Heading depth (1–6) for headings, else 0. */
  depth: number;
  /** Id of the list holding this block, or null. */
  list: number | null;
  /** Index of the block right before the list (the sentence that introduces it), or null. */
  listIntro: number | null;
}

interface MdNode {
  type: string;
  value?: string;
  url?: string;
  depth?: number;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

// Headings that open a reference list; numbering and a trailing colon are ignored.
const referenceHeadings = new Set([
  'references',
  'reference list',
  'list of references',
  'bibliography',
  'selected bibliography',
  'works cited',
  'literature',
  'literature cited',
  'cited literature',
  'sources',
  'notes and references',
]);

// Raw URLs inside text would feed numbers and `@` to the finders.
const urlPattern = /\b(?:https?:\/\/|www\.|doi\.org\/)[^\s<>()[\]]+/g;

/** Parse a paper's Markdown body into text blocks in document order. */
export function parseMarkdown(body: string): Block[] {
  const tree = markdownToMdast(body, { features: { frontmatter: false } }) as unknown as MdNode;
  const walker = new Walker(body);
  walker.container(tree.children ?? [], 'paragraph', null, null);
  return walker.blocks;
}

/** Body span of the text range [start, end) of a block. */
export function blockSpan(block: Block, start: number, end: number): Span {
  if (end <= start) return { start: block.offsets[start], end: block.offsets[start] };
  return { start: block.offsets[start], end: block.offsets[end - 1] + 1 };
}

/** Whether a heading's text names a reference list. */
export function isReferenceHeading(text: string): boolean {
  const bare = text
    .trim()
    .replace(/^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+/, '')
    .replace(/[:.]$/, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
  return referenceHeadings.has(bare);
}

class Walker {
  readonly body: string;
  readonly blocks: Block[] = [];
  // Heading stack: depth and text of each open heading.
  headings: Array<{ depth: number; text: string }> = [];
  // Depth of the open References section (7 for a paragraph acting as its heading), or 0.
  referencesDepth = 0;
  lists = 0;
  // One offset store for all blocks of the paper; each block keeps a view of its part.
  offsets: OffsetStore;

  constructor(body: string) {
    this.body = body;
    this.offsets = { array: new Int32Array(body.length + 64), used: 0 };
  }

  container(children: MdNode[], kind: Sentence['block'], list: number | null, listIntro: number | null): void {
    for (const node of children) {
      switch (node.type) {
        case 'heading':
          this.heading(node);
          break;
        case 'paragraph':
          this.paragraph(node, kind, list, listIntro);
          break;
        case 'list': {
          const id = ++this.lists;
          const intro = this.blocks.length > 0 ? this.blocks.length - 1 : null;
          for (const item of node.children ?? []) this.container(item.children ?? [], 'listItem', id, intro);
          break;
        }
        case 'blockquote':
          this.container(node.children ?? [], 'blockquote', list, listIntro);
          break;
        case 'footnoteDefinition':
          this.container(node.children ?? [], 'footnote', null, null);
          break;
        case 'table':
          for (const row of node.children ?? []) {
            for (const cell of row.children ?? []) this.emit(cell, 'tableCell', list, listIntro);
          }
          break;
        case 'code':
        case 'html':
        case 'definition':
        case 'thematicBreak':
        case 'yaml':
        case 'toml':
        case 'math':
          break;
        default:
          if (node.children) this.container(node.children, kind, list, listIntro);
      }
    }
  }

  heading(node: MdNode): void {
    const depth = node.depth ?? 1;
    if (this.referencesDepth && depth <= this.referencesDepth) this.referencesDepth = 0;
    while (this.headings.length && this.headings[this.headings.length - 1].depth >= depth) this.headings.pop();
    const block = this.emit(node, 'heading', null, null);
    if (!block) return;
    block.depth = depth;
    block.references = false;
    const text = block.text.replace(/\s+/g, ' ').trim();
    if (isReferenceHeading(text)) this.referencesDepth = depth;
    this.headings.push({ depth, text });
  }

  paragraph(node: MdNode, kind: Sentence['block'], list: number | null, listIntro: number | null): void {
    const block = this.emit(node, kind, list, listIntro);
    // Imported papers often carry "REFERENCES" as a bare paragraph: it opens the section until the next heading.
    if (block && kind === 'paragraph' && !this.referencesDepth && block.text.length < 40 && isReferenceHeading(block.text)) {
      this.referencesDepth = 7;
      block.references = true;
    }
  }

  emit(node: MdNode, kind: Sentence['block'], list: number | null, listIntro: number | null): Block | null {
    const end = node.position?.end.offset ?? this.body.length;
    const builder = new TextBuilder(this.body, this.offsets);
    builder.inline(node.children ?? [], false);
    const { text, scan, offsets } = builder.finish(end);
    this.offsets = builder.store;
    if (!text.trim()) return null;
    const block: Block = {
      kind,
      text,
      scan: maskUrls(scan),
      offsets,
      section: this.headings.map((h) => h.text),
      references: this.referencesDepth > 0,
      depth: 0,
      list,
      listIntro,
    };
    this.blocks.push(block);
    return block;
  }
}

const hasUrl = /:\/\/|www\.|doi\.org\//;

function maskUrls(scan: string): string {
  if (!hasUrl.test(scan)) return scan;
  return scan.replace(urlPattern, (m) => ' '.repeat(m.length));
}

/** Offsets of all blocks, written one block after another. */
interface OffsetStore {
  array: Int32Array;
  used: number;
}

// Builds a block's text and offset map from inline nodes.
class TextBuilder {
  readonly body: string;
  // Pieces joined once at the end: a flat string, which later character-by-character passes read fast.
  readonly texts: string[] = [];
  readonly scans: string[] = [];
  store: OffsetStore;
  first: number;
  length = 0;

  constructor(body: string, store: OffsetStore) {
    this.body = body;
    this.store = store;
    this.first = store.used;
  }

  finish(end: number): { text: string; scan: string; offsets: Int32Array } {
    const text = this.texts.length === 1 ? this.texts[0] : this.texts.join('');
    const scan = this.scans.length === 1 ? this.scans[0] : this.scans.join('');
    this.push(this.length ? this.store.array[this.first + this.length - 1] + 1 : end);
    this.store.used = this.first + this.length;
    return { text, scan, offsets: this.store.array.subarray(this.first, this.first + this.length) };
  }

  push(offset: number): void {
    if (this.first + this.length === this.store.array.length) this.grow(1);
    this.store.array[this.first + this.length++] = offset;
  }

  // Text longer than its source (expanded tabs) needs room; earlier blocks keep their views of the old array.
  grow(needed: number): void {
    const array = new Int32Array(this.store.array.length * 2 + needed + 64);
    array.set(this.store.array.subarray(this.first, this.first + this.length));
    this.store = { array, used: 0 };
    this.first = 0;
  }

  inline(nodes: MdNode[], masked: boolean): void {
    for (const node of nodes) {
      const start = node.position?.start.offset ?? 0;
      const end = node.position?.end.offset ?? start;
      switch (node.type) {
        case 'text':
          this.append(node.value ?? '', start, end, masked);
          break;
        case 'inlineCode':
          this.append(node.value ?? '', start, end, true);
          break;
        case 'break':
          this.append('\n', start, start + 1, masked);
          break;
        case 'link': {
          // An autolink's text is its URL: readable, but not prose to search.
          const child = node.children?.length === 1 ? node.children[0] : null;
          const isUrl = child?.type === 'text' && (child.value === node.url || /^(?:https?:|www\.|mailto:)/.test(child.value ?? ''));
          this.inline(node.children ?? [], masked || isUrl);
          break;
        }
        case 'linkReference':
          // Only a reference definition makes `[@key]` a link; keep its brackets so it still reads as a citation.
          this.append('[', start, start + 1, masked);
          this.inline(node.children ?? [], masked);
          if (this.body[end - 1] === ']') this.append(']', end - 1, end, masked);
          break;
        case 'html':
        case 'image':
        case 'imageReference':
        case 'footnoteReference':
        case 'inlineMath':
          break;
        default:
          if (node.children) this.inline(node.children, masked);
      }
    }
  }

  // Aligns a node's value with its source slice: escapes, entities and container prefixes (`> `, indentation) differ.
  append(value: string, from: number, to: number, masked: boolean): void {
    const body = this.body;
    this.texts.push(value);
    this.scans.push(masked ? ' '.repeat(value.length) : value);
    if (to - from === value.length && body.startsWith(value, from)) {
      // The common case, a text node equal to its source: offsets run straight.
      if (this.first + this.length + value.length >= this.store.array.length) this.grow(value.length);
      const array = this.store.array;
      const at = this.first + this.length;
      for (let i = 0; i < value.length; i++) array[at + i] = from + i;
      this.length += value.length;
      return;
    }
    let j = from;
    const last = Math.max(from, to - 1);
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (body.charCodeAt(j) !== c) {
        const limit = Math.min(to, j + 16);
        for (let k = j + 1; k < limit; k++) {
          if (body.charCodeAt(k) === c) {
            j = k;
            break;
          }
        }
      }
      this.push(Math.min(j, last));
      j++;
    }
  }
}
