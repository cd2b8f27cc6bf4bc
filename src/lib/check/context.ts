// The read-only view of the inputs that every family of checks shares, built once per run.
import { locator } from '../index/positions.ts';
import { ownBibliographyFile, resolveCitations } from '../resolve/index.ts';
import type {
  BibEntry,
  Corpus,
  CorpusIndex,
  Instrument,
  Paper,
  PaperExtraction,
  Position,
  ResolvedCitation,
} from '../types.ts';
import type { Place } from './finding.ts';

export interface CheckInput {
  corpus: Corpus;
  extractions: PaperExtraction[];
  index: CorpusIndex;
  /** The instrument registry. */
  instruments: Instrument[];
  /** The resolution stage's output; resolved again from corpus and extractions when absent. */
  resolved?: ResolvedCitation[];
}

export interface CheckContext {
  input: CheckInput;
  /** Papers by id, in id order. */
  papers: Map<string, Paper>;
  extractions: Map<string, PaperExtraction>;
  /** Resolved citations of each paper, in document order. */
  resolved: Map<string, ResolvedCitation[]>;
  /** The paper's own bibliography file when it exists, else null. */
  ownFile: Map<string, string | null>;
  entriesByFile: Map<string, BibEntry[]>;
  /** Papers whose own list is this file. */
  owners: Map<string, string[]>;
  registry: Map<string, Instrument>;
  /** File position of a body offset of a paper. */
  at(paper: string, offset: number): Position | null;
}

export function createContext(input: CheckInput): CheckContext {
  const papers = new Map([...input.corpus.papers].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1)).map((p) => [p.meta.id, p]));
  const files = new Set(input.corpus.bibliographies.map((b) => b.file));
  const entriesByFile = new Map(input.corpus.bibliographies.map((b) => [b.file, b.entries]));
  const ownFile = new Map<string, string | null>();
  const owners = new Map<string, string[]>();
  for (const paper of papers.values()) {
    const file = ownBibliographyFile(paper, files);
    ownFile.set(paper.meta.id, file);
    if (file) owners.set(file, [...(owners.get(file) ?? []), paper.meta.id]);
  }
  const resolvedList = input.resolved ?? resolveCitations(input.corpus, input.extractions).value;
  const resolved = new Map<string, ResolvedCitation[]>();
  for (const r of resolvedList) {
    const list = resolved.get(r.citation.paper);
    if (list) list.push(r);
    else resolved.set(r.citation.paper, [r]);
  }
  for (const list of resolved.values()) list.sort((a, b) => a.citation.span.start - b.citation.span.start);

  return {
    input,
    papers,
    extractions: new Map(input.extractions.map((e) => [e.paper, e])),
    resolved,
    ownFile,
    entriesByFile,
    owners,
    registry: new Map(input.instruments.map((i) => [i.id, i])),
    at: locator(input.corpus.papers),
  };
}

/** Where a body offset of a paper is, as a finding's place; null for an unknown paper. */
export function paperPlace(ctx: CheckContext, paper: string, offset: number, sentence?: string): Place | null {
  const position = ctx.at(paper, offset);
  const file = ctx.papers.get(paper)?.file;
  if (!position || !file) return null;
  return { paper, file, ...position, sentence };
}

/** The place of a paper as a whole (its front matter). */
export function paperHead(ctx: CheckContext, paper: string): Place | null {
  const file = ctx.papers.get(paper)?.file;
  return file ? { paper, file, line: 1, column: 1 } : null;
}

/** The place of a BibTeX entry, attributed to the one paper whose list it is (else to no paper). */
export function entryPlace(ctx: CheckContext, entry: BibEntry): Place {
  const owners = ctx.owners.get(entry.file) ?? [];
  return { paper: owners.length === 1 ? owners[0] : null, file: entry.file, line: entry.line, column: 1 };
}

/** Identity of an entry across copies. */
export function entryId(entry: BibEntry): string {
  return `${entry.file}\u0000${entry.line}\u0000${entry.key}`;
}

const PRINTED = /^\s*Reference as printed:\s*/i;

/** The reference as the paper printed it (kept by the importer in `note`), else the note, else ''. */
export function printedReference(entry: BibEntry): string {
  const note = typeof entry.csl.note === 'string' ? entry.csl.note : '';
  return note.replace(PRINTED, '').trim();
}

/** What a finding about an entry quotes: the printed reference, else the title, else the key. */
export function entryText(entry: BibEntry): string {
  return printedReference(entry) || entry.csl.title?.trim() || entry.key;
}

/** True when the paper has a reference list of its own with at least one entry. */
export function hasReferenceList(ctx: CheckContext, paper: string): boolean {
  const file = ctx.ownFile.get(paper) ?? null;
  return file !== null && (ctx.entriesByFile.get(file)?.length ?? 0) > 0;
}

/** The paragraph (text between blank lines) around a body offset. */
export function paragraphAt(body: string, offset: number): { start: number; end: number } {
  const before = body.lastIndexOf('\n\n', offset);
  const after = body.indexOf('\n\n', offset);
  return { start: before === -1 ? 0 : before + 2, end: after === -1 ? body.length : after };
}
