// The importer's public surface: `importText` turns extracted plain text into a paper's Markdown and BibTeX.

import type { CslItem, Diagnostic, Result } from '../types.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Block, ImportReport, ParsedReference, ReferenceCounts } from './model.ts';
import { joinAll, type Vocabulary } from './hyphenation.ts';
import { buildCaseMap } from './casing.ts';
import { extractMetadata, type PaperMetadata } from './metadata.ts';
import { repair, renderPaper } from './repair.ts';
import { splitReferences } from './references.ts';
import { toSourceLines } from './lines.ts';
import { parseReference } from './reference-parse.ts';
import { assignKeys, toBibtex } from './bibtex.ts';
import { frontMatter, paperId } from './frontmatter.ts';

export { assignKeys, baseKey, fromBibtex, toBibtex } from './bibtex.ts';
export { parseReference, NOTE_PREFIX } from './reference-parse.ts';
export { splitReferences, findReferenceSection } from './references.ts';
export { normaliseDoi } from './doi.ts';
export { repairText } from './repair.ts';
export type { ImportReport, ReferenceCounts, ReferenceEntry } from './model.ts';
export type { PaperMetadata } from './metadata.ts';

/** A reference list (its lines, without the heading) as CSL-JSON items keyed for BibTeX. */
export function parseReferenceList(text: string): CslItem[] {
  const drafts = splitReferences(toSourceLines(text)).map((entry, i) => parseReference(entry, `ref${i + 1}`));
  const keys = assignKeys(drafts);
  return drafts.map((csl, i) => ({ ...csl, id: keys[i] }));
}

export interface ImportOptions {
  /** Path of the input file, as diagnostics should name it; its basename goes in front matter `source`. */
  source: string;
  /** Paper id; derived from the metadata when absent. */
  id?: string;
}

export interface Imported {
  id: string;
  /** The paper file: front matter and body. */
  markdown: string;
  /** The paper's bibliography, empty when no reference list was found. */
  bibtex: string;
  meta: PaperMetadata;
  /** The reference list as CSL-JSON, ids being the BibTeX keys. */
  references: CslItem[];
  report: ImportReport;
}

function paragraphTexts(blocks: Block[], vocabulary: Vocabulary): string[] {
  const texts: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph') texts.push(joinAll(b.parts, vocabulary));
    else if (b.kind === 'list') for (const item of b.items) texts.push(joinAll(item.parts, vocabulary));
  }
  return texts;
}

function countReferences(items: CslItem[]): ReferenceCounts {
  return {
    total: items.length,
    parsed: items.filter((i) => i.title !== undefined || i.author !== undefined || i.issued !== undefined).length,
    withAuthor: items.filter((i) => i.author !== undefined).length,
    withYear: items.filter((i) => i.issued !== undefined).length,
    withTitle: items.filter((i) => i.title !== undefined).length,
  };
}

function referenceDiagnostics(parsed: ParsedReference[], file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { entry, csl } of parsed) {
    const quoted = entry.text.length > 60 ? `${entry.text.slice(0, 57)}...` : entry.text;
    if (csl.title === undefined) {
      out.push(diagnostic('warning', 'reference-no-title', `no title could be read from reference "${quoted}"`, file, entry.line, 1));
    } else if (csl.author === undefined && csl.issued === undefined) {
      out.push(diagnostic('note', 'reference-no-author-year', `no author or year could be read from reference "${quoted}"`, file, entry.line, 1));
    }
  }
  return out;
}

export function importText(text: string, options: ImportOptions): Result<Imported> {
  const file = options.source;
  const repaired = repair(text);
  const { vocabulary } = repaired;
  const caseMap = buildCaseMap(paragraphTexts(repaired.body, vocabulary));
  const metadata = extractMetadata({
    layout: repaired.layout,
    front: repaired.front,
    body: repaired.body,
    footnotes: repaired.footnotes,
    lines: repaired.bodyLines,
    caseMap,
    textOf: (parts) => joinAll(parts, vocabulary),
    file,
  });
  const meta = metadata.value;

  const entries = splitReferences(repaired.referenceLines);
  const drafts = entries.map((entry, i) => parseReference(entry, `ref${i + 1}`));
  const keys = assignKeys(drafts);
  const references = drafts.map((csl, i) => ({ ...csl, id: keys[i] }));
  const parsed: ParsedReference[] = entries.map((entry, i) => ({ entry, csl: references[i] }));

  const rendered = renderPaper(repaired, entries);
  const id = options.id ?? paperId(meta, file);
  const hasBibliography = references.length > 0;
  const markdown = `${frontMatter({ id, meta, source: file, hasBibliography })}\n${rendered.markdown}\n`;
  const bibtex = hasBibliography ? toBibtex(references) : '';

  const report: ImportReport = {
    title: meta.title !== null,
    authors: meta.authors.length,
    paragraphs: rendered.paragraphs,
    headings: rendered.headings,
    lists: rendered.lists,
    listItems: rendered.listItems,
    footnotes: repaired.footnotes.length,
    references: countReferences(references),
  };
  return {
    value: { id, markdown, bibtex, meta, references, report },
    diagnostics: [...metadata.diagnostics, ...referenceDiagnostics(parsed, file)],
  };
}
