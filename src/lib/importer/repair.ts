// Text repair: from extracted text to the paper's Markdown body (paragraphs rejoined, headings, lists, footnotes).

import type { Block, ReferenceEntry, SourceLine } from './model.ts';
import { toSourceLines } from './lines.ts';
import { buildVocabulary, joinAll, type Vocabulary } from './hyphenation.ts';
import { buildCaseMap } from './casing.ts';
import { segment } from './blocks.ts';
import { rejoin, type Footnote } from './structure.ts';
import { assignLevels } from './headings.ts';
import { frontAsParagraphs, locateFront, type FrontLayout } from './metadata.ts';
import { placeFootnotes, renderBlocks, renderHeading } from './markdown.ts';
import { findReferenceSection, splitReferences, type ReferenceSection } from './references.ts';

/** The document's structure after repair, before rendering: what metadata and references are read from. */
export interface Repaired {
  vocabulary: Vocabulary;
  /** Lines before the reference list. */
  bodyLines: SourceLine[];
  section: ReferenceSection;
  referenceLines: SourceLine[];
  layout: FrontLayout;
  /** The byline block between the title and the body, as plain paragraphs. */
  front: Block[];
  body: Block[];
  /** Blocks after the reference list (appendices). */
  after: Block[];
  footnotes: Footnote[];
}

function isFootnote(b: Block): b is Footnote {
  return b.kind === 'footnote';
}

export function repair(text: string): Repaired {
  const lines = toSourceLines(text);
  const vocabulary = buildVocabulary(lines);
  const section = findReferenceSection(lines);
  const hasReferences = section.start >= 0;
  const bodyLines = hasReferences ? lines.slice(0, section.start) : lines;
  const referenceLines = hasReferences ? lines.slice(section.start + 1, section.end) : [];
  const blocks = segment(bodyLines);
  // How the document writes words mid-sentence tells a byline (`Jane Doe`) from a Title Case title.
  const caseMap = buildCaseMap(blocks.flatMap((b) => (b.kind === 'paragraph' ? [joinAll(b.parts, vocabulary)] : [])));
  const layout = locateFront(blocks, caseMap);
  const frontBlocks = frontAsParagraphs(blocks.slice(layout.titleBlocks, layout.bodyStart));
  const main = rejoin(blocks.slice(layout.bodyStart));
  const after = rejoin(hasReferences ? segment(lines.slice(section.end)) : []);
  assignLevels(main.blocks);
  assignLevels(after.blocks);
  return {
    vocabulary,
    bodyLines,
    section,
    referenceLines,
    layout,
    front: frontBlocks.filter((b) => !isFootnote(b)),
    body: main.blocks,
    after: after.blocks,
    footnotes: [...frontBlocks.filter(isFootnote), ...main.footnotes, ...after.footnotes],
  };
}

export interface RenderedPaper {
  markdown: string;
  paragraphs: number;
  headings: number;
  lists: number;
  listItems: number;
}

/** The Markdown body: byline, body, the reference list as a list under its heading, appendices, footnotes. */
export function renderPaper(repaired: Repaired, entries: ReferenceEntry[]): RenderedPaper {
  const { vocabulary, section } = repaired;
  const main = renderBlocks([...repaired.front, ...repaired.body], vocabulary);
  const after = renderBlocks(repaired.after, vocabulary);
  const chunks = [main.markdown];
  if (section.heading !== null) {
    // Readers expect to see the list as printed; numbered lists are renumbered after URL-only lines were merged.
    const ordered = entries.length > 0 && entries.every((e) => e.ordered);
    const items = entries.map((e, i) => `${ordered ? `${i + 1}.` : '-'} ${e.text}`).join('\n');
    chunks.push([renderHeading(section.heading, 2), items].filter((c) => c !== '').join('\n\n'));
  }
  chunks.push(after.markdown);
  const markdown = placeFootnotes(chunks.filter((c) => c !== '').join('\n\n'), repaired.footnotes, vocabulary);
  return {
    markdown,
    paragraphs: main.paragraphs + after.paragraphs,
    headings: main.headings + after.headings + (section.heading !== null ? 1 : 0),
    lists: main.lists + after.lists,
    listItems: main.listItems + after.listItems,
  };
}

/** The repaired Markdown body of `text`, title left out (it belongs in front matter). */
export function repairText(text: string): string {
  const repaired = repair(text);
  return renderPaper(repaired, splitReferences(repaired.referenceLines)).markdown;
}
