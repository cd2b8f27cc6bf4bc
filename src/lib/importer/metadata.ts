// Finds what the text states about the paper itself: title, authors and affiliations, year, DOI, keywords, abstract.

import type { Diagnostic, Result } from '../types.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Block, SourceLine } from './model.ts';
import type { Footnote } from './structure.ts';
import { isMostlyUppercase, isSectionName, sectionName } from './headings.ts';
import { recaseTitle, type CaseMap } from './casing.ts';
import { bylineName, nameMarkers } from './names.ts';
import { normaliseDoi, unwrap } from './doi.ts';
import {
  ABSTRACT_INLINE,
  AFFILIATION_WORDS,
  AUTHOR_LABEL,
  COPYRIGHT_YEAR,
  DOI_LINE,
  KEYWORDS_LINE,
  PUBLISHED_DATE,
  TERMINAL_PUNCTUATION,
} from './patterns.ts';

/** Where the title and the byline block (authors, affiliations, dates) sit among the first blocks. */
export interface FrontLayout {
  /** The title as printed (bold markers removed), or null when the top is not clearly a title. */
  title: string | null;
  /** How many leading blocks the title takes (0 or 1). */
  titleBlocks: number;
  /** Index of the first block of the body proper; blocks between the title and it are the byline block. */
  bodyStart: number;
}

/** How far down the byline block may reach before the body must have started. */
const MAX_FRONT_BLOCKS = 12;

function blockText(block: Block): string {
  if (block.kind === 'heading') return block.source;
  if (block.kind === 'paragraph') return block.parts.join(' ');
  return '';
}

/** The title when the first block is clearly one: bold, all caps (up to three lines) or a lone Title Case line. */
function titleOf(block: Block | undefined, caseMap: CaseMap): string | null {
  if (!block) return null;
  if (block.kind === 'heading') {
    if (isSectionName(block.text) || block.style === 'numbered') return null;
    // A lone Title Case line that reads as a person's name (`Ana PEREIRA²`) is a byline, not a title.
    if (block.style === 'title' && (/[⁰¹²³⁴⁵⁶⁷⁸⁹*†]/u.test(block.text) || bylineName(block.text, caseMap) !== null)) return null;
    return block.text;
  }
  if (block.kind !== 'paragraph' || block.parts.length > 3) return null;
  const joined = block.parts.join(' ');
  const bold = /^\*\*([^*].*[^*])\*\*$/u.exec(joined);
  const text = bold ? bold[1] : joined;
  if (text.includes('**') || TERMINAL_PUNCTUATION.test(text) || /[,]$/u.test(text)) return null;
  if (isSectionName(text)) return null;
  return bold || isMostlyUppercase(text) ? text : null;
}

function startsBody(block: Block): boolean {
  if (block.kind === 'heading') return block.style === 'numbered' || isSectionName(block.text);
  if (block.kind === 'paragraph') {
    const first = block.parts[0].replace(/^\*+/u, '');
    return ABSTRACT_INLINE.test(first) || KEYWORDS_LINE.test(first);
  }
  return false;
}

export function locateFront(blocks: Block[], caseMap: CaseMap): FrontLayout {
  const title = titleOf(blocks[0], caseMap);
  const titleBlocks = title === null ? 0 : 1;
  for (let i = titleBlocks; i < blocks.length && i <= titleBlocks + MAX_FRONT_BLOCKS; i++) {
    if (startsBody(blocks[i])) return { title, titleBlocks, bodyStart: i };
  }
  return { title, titleBlocks, bodyStart: titleBlocks };
}

/** Byline blocks are printed lines, not headings: a bold name must not become `## Name`. */
export function frontAsParagraphs(blocks: Block[]): Block[] {
  return blocks.map((b) =>
    b.kind === 'heading' ? { kind: 'paragraph', parts: [b.source], line: b.line, gapBefore: b.gapBefore } : b,
  );
}

export interface AuthorMeta {
  name: string;
  affiliation?: string;
}

export interface PaperMetadata {
  title: string | null;
  authors: AuthorMeta[];
  year: number | null;
  doi: string | null;
  keywords: string[];
  abstract: string | null;
}

export interface MetadataInput {
  layout: FrontLayout;
  /** The byline blocks, between the title and the body. */
  front: Block[];
  /** The body blocks after rejoining (headings levelled, footnotes removed). */
  body: Block[];
  footnotes: Footnote[];
  /** Every source line before the reference list (for dates and the DOI line, with positions). */
  lines: SourceLine[];
  caseMap: CaseMap;
  /** Joins a paragraph's parts the way the body does. */
  textOf: (parts: string[]) => string;
  file: string;
}

const EMAIL = /[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}/gu;

function cleanAffiliation(text: string): string {
  return text
    .replace(/\*/gu, '')
    .replace(EMAIL, '')
    .replace(/[\s,;.]{1,8}$/u, '')
    .replace(/\s{2,}/gu, ' ')
    .trim();
}

function authorsOf(front: Block[], footnotes: Footnote[], caseMap: CaseMap): AuthorMeta[] {
  const authors: AuthorMeta[] = [];
  const seen = new Set<string>();
  let last: AuthorMeta | null = null;
  for (const block of front) {
    if (block.kind !== 'paragraph' || block.parts.length > 3) continue;
    const text = block.parts.join(' ').replace(/\*/gu, '').trim();
    if (DOI_LINE.test(text) || KEYWORDS_LINE.test(text) || /\d{4}/u.test(text)) continue;
    if (AFFILIATION_WORDS.test(text)) {
      if (last && last.affiliation === undefined) last.affiliation = cleanAffiliation(text);
      continue;
    }
    const unlabelled = text.replace(AUTHOR_LABEL, '');
    for (const piece of unlabelled.split(/\s*(?:,|;|\band\b|&)\s*/u)) {
      const name = bylineName(piece, caseMap);
      if (name === null) continue;
      const key = name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const author: AuthorMeta = { name };
      const note = footnotes.find((f) => nameMarkers(piece).includes(f.marker));
      if (note) author.affiliation = cleanAffiliation(note.text);
      authors.push(author);
      last = author;
    }
  }
  return authors;
}

function yearOf(lines: SourceLine[]): number | null {
  for (const { text } of lines) {
    const published = PUBLISHED_DATE.exec(text);
    if (published) return Number(published[2]);
  }
  for (const { text } of lines) {
    const copyright = COPYRIGHT_YEAR.exec(text);
    if (copyright) return Number(copyright[1]);
  }
  return null;
}

function doiOf(lines: SourceLine[], file: string): { doi: string | null; diagnostics: Diagnostic[] } {
  for (const { text, line } of lines) {
    const m = DOI_LINE.exec(text);
    if (!m) continue;
    const printed = unwrap(m[1]);
    if (printed === '') continue;
    const doi = normaliseDoi(printed);
    if (doi !== null) return { doi, diagnostics: [] };
    const column = Math.max(1, text.indexOf(printed) + 1);
    return {
      doi: printed,
      diagnostics: [
        diagnostic(
          'warning',
          'doi-not-normalised',
          `DOI "${printed}" has no "10." prefix and cannot be normalised; kept as printed`,
          file,
          line,
          column,
        ),
      ],
    };
  }
  return { doi: null, diagnostics: [] };
}

function keywordsOf(blocks: Block[], textOf: (parts: string[]) => string): string[] {
  for (const block of blocks) {
    if (block.kind !== 'paragraph') continue;
    const m = KEYWORDS_LINE.exec(textOf(block.parts));
    if (!m) continue;
    return m[1]
      .replace(/\*/gu, '')
      .split(/[;,]/u)
      .map((k) => k.trim().replace(/\.$/u, '').trim())
      .filter((k) => k !== '');
  }
  return [];
}

function stripWrappingEmphasis(text: string): string {
  const m = /^(\*{1,2})([^*].*[^*])\1$/u.exec(text.trim());
  return m ? m[2].trim() : text.trim();
}

/** Text under an `Abstract` heading up to the next heading or keywords line, or an inline `Abstract:` paragraph. */
function abstractOf(blocks: Block[], textOf: (parts: string[]) => string): string | null {
  const at = blocks.findIndex((b) => b.kind === 'heading' && sectionName(b.text) === 'abstract');
  if (at >= 0) {
    const paragraphs: string[] = [];
    for (const block of blocks.slice(at + 1)) {
      if (block.kind !== 'paragraph') break;
      const text = textOf(block.parts);
      if (KEYWORDS_LINE.test(text)) break;
      paragraphs.push(stripWrappingEmphasis(text));
    }
    if (paragraphs.length > 0) return paragraphs.join('\n\n');
  }
  for (const block of blocks) {
    if (block.kind !== 'paragraph') continue;
    const m = ABSTRACT_INLINE.exec(textOf(block.parts));
    if (m) return stripWrappingEmphasis(m[1]);
  }
  return null;
}

export function extractMetadata(input: MetadataInput): Result<PaperMetadata> {
  const { layout, front, body, footnotes, lines, caseMap, textOf, file } = input;
  const title = layout.title === null ? null : recaseTitle(layout.title.replace(/\s+/gu, ' ').trim(), caseMap);
  const { doi, diagnostics } = doiOf(lines, file);
  const all = [...front, ...body];
  const value: PaperMetadata = {
    title,
    authors: authorsOf(front, footnotes, caseMap),
    year: yearOf(lines),
    doi,
    keywords: keywordsOf(all, textOf),
    abstract: abstractOf(all, textOf),
  };
  if (title === null) {
    diagnostics.push(diagnostic('note', 'title-not-found', 'no title found at the top of the text; supply one in front matter', file, 1, 1));
  }
  return { value, diagnostics };
}
