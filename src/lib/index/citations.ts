// Citation rows of the index: one per in-text citation, with the works it links and per-item detail.
import type { CitationStatus, IndexCitation, IndexCitationItem, ResolvedCitation, ResolvedItem } from '../types.ts';
import { describeMismatch } from '../resolve/describe.ts';
import type { WorkTable } from './works.ts';
import { byPaperPosition, type Locate } from './positions.ts';

const SEVERITY: Record<CitationStatus, number> = { resolved: 0, mismatch: 1, ambiguous: 2, unresolved: 3 };

/** The worst status of a citation's items (a citation without items is unresolved). */
export function worstStatus(statuses: readonly CitationStatus[]): CitationStatus {
  if (statuses.length === 0) return 'unresolved';
  return statuses.reduce((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst));
}

/** Key of a source span in a paper, to find the works a statistic's source citation links. */
export function spanKey(paper: string, start: number, end: number): string {
  return `${paper}\u0000${start}\u0000${end}`;
}

function itemWorks(resolved: ResolvedItem, workOf: WorkTable['workOf']): string[] {
  const entries = resolved.entry ? [resolved.entry] : resolved.candidates;
  return [...new Set(entries.map(workOf).filter((id): id is string => id !== null))];
}

function itemRow(resolved: ResolvedItem, works: string[]): IndexCitationItem {
  const { item } = resolved;
  const row: IndexCitationItem = {
    text: item.text,
    ...(item.key !== null ? { key: item.key } : {}),
    authors: item.authors,
    year: item.year,
    works,
    status: resolved.status,
    mismatch: resolved.mismatches.length > 0 ? resolved.mismatches.map(describeMismatch).join('; ') : null,
  };
  if (resolved.suggestion) row.suggestion = resolved.suggestion;
  return row;
}

export interface CitationRows {
  citations: IndexCitation[];
  /** Span key (of a citation or one of its items) → linked work ids. */
  worksBySpan: Map<string, string[]>;
  /** Paper ids of citations whose paper is not in the corpus (left out). */
  unknownPapers: Set<string>;
}

export function buildCitations(resolved: readonly ResolvedCitation[], workOf: WorkTable['workOf'], locate: Locate): CitationRows {
  const citations: IndexCitation[] = [];
  const worksBySpan = new Map<string, string[]>();
  const unknownPapers = new Set<string>();
  for (const { citation, items } of resolved) {
    const position = locate(citation.paper, citation.span.start);
    if (!position) {
      unknownPapers.add(citation.paper);
      continue;
    }
    const rows = items.map((r) => itemRow(r, itemWorks(r, workOf)));
    const linked = [...new Set(rows.filter((r) => r.status === 'resolved' || r.status === 'mismatch').flatMap((r) => r.works))];
    const mismatches = rows.map((r) => r.mismatch).filter((m): m is string => m !== null);
    worksBySpan.set(spanKey(citation.paper, citation.span.start, citation.span.end), linked);
    items.forEach(({ item }, i) => {
      const key = spanKey(citation.paper, item.span.start, item.span.end);
      if (!worksBySpan.has(key) && (rows[i].status === 'resolved' || rows[i].status === 'mismatch')) worksBySpan.set(key, rows[i].works);
    });
    citations.push({
      paper: citation.paper,
      text: citation.text,
      works: linked,
      status: worstStatus(rows.map((r) => r.status)),
      mismatch: mismatches.length > 0 ? mismatches.join('; ') : null,
      locator: items.find((r) => r.item.locator !== null)?.item.locator ?? null,
      narrative: citation.narrative,
      line: position.line,
      column: position.column,
      sentence: citation.sentence,
      items: rows,
    });
  }
  citations.sort(byPaperPosition);
  return { citations, worksBySpan, unknownPapers };
}
