// Types private to the importer: lines, blocks and the import report. Imports nothing.
import type { CslItem } from '../types.ts';

/** One line of the source text, cleaned of extraction debris, with its 1-based line number. */
export interface SourceLine {
  text: string;
  line: number;
  /** Leading spaces before cleaning: list nesting is read from it. */
  indent: number;
}

export type HeadingStyle = 'caps' | 'bold' | 'numbered' | 'title';

export interface ListItem {
  /** Item text, lines joined. */
  text: string;
  level: number;
  ordered: boolean;
  number: number | null;
  line: number;
  /** Wrapped lines of the item, joined later with the hyphenation rules. */
  parts: string[];
}

/** A block of the document: what a run of lines between blank lines turned out to be. */
export type Block =
  | { kind: 'paragraph'; parts: string[]; line: number; gapBefore: number }
  | {
      kind: 'heading';
      /** Heading text without bold markers. */
      text: string;
      /** The line as printed, for when the heading turns out to be prose (a byline, a title). */
      source: string;
      style: HeadingStyle;
      depth: number;
      line: number;
      gapBefore: number;
      level?: number;
    }
  | { kind: 'list'; items: ListItem[]; line: number; gapBefore: number }
  | { kind: 'footnote'; marker: string; number: string; text: string; line: number; gapBefore: number };

/** A reference-list entry as split from the text, before parsing. */
export interface ReferenceEntry {
  /** The entry as printed (marker removed, debris cleaned), Markdown kept. */
  text: string;
  line: number;
  ordered: boolean;
}

/** A parsed reference: its CSL-JSON item and where it was printed. */
export interface ParsedReference {
  entry: ReferenceEntry;
  csl: CslItem;
}

export interface ReferenceCounts {
  total: number;
  parsed: number;
  withAuthor: number;
  withYear: number;
  withTitle: number;
}

/** What one import found, printed per file by the CLI. */
export interface ImportReport {
  title: boolean;
  authors: number;
  paragraphs: number;
  headings: number;
  lists: number;
  listItems: number;
  footnotes: number;
  references: ReferenceCounts;
}
