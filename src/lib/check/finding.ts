// Building findings and putting them in their one deterministic order.
import { cmp } from '../diagnostics.ts';
import type { Finding, Severity } from '../types.ts';

/** Where a finding points: a paper position (with its sentence) or a BibTeX entry. */
export interface Place {
  paper: string | null;
  file: string;
  line: number;
  column: number;
  sentence?: string;
}

export function finding(
  kind: string,
  severity: Severity,
  place: Place,
  text: string,
  message: string,
  suggestion?: string | null,
): Finding {
  const out: Finding = { kind, severity, paper: place.paper, text, message, line: place.line, column: place.column, file: place.file };
  if (place.sentence) out.sentence = place.sentence;
  if (suggestion) out.suggestion = suggestion;
  return out;
}

const rank: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

/** Paper (corpus-wide findings last), file, line, column, kind, then severity, message and text so ties never depend on input order. */
export function sortFindings(list: readonly Finding[]): Finding[] {
  const paper = (f: Finding) => f.paper ?? '\uffff';
  return [...list].sort(
    (a, b) =>
      cmp(paper(a), paper(b)) ||
      cmp(a.file ?? '', b.file ?? '') ||
      a.line - b.line ||
      a.column - b.column ||
      cmp(a.kind, b.kind) ||
      rank[a.severity] - rank[b.severity] ||
      cmp(a.message, b.message) ||
      cmp(a.text, b.text),
  );
}

export function countFindings(list: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const f of list) counts[f.severity]++;
  return counts;
}

/** `1 error`, `2 warnings`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
