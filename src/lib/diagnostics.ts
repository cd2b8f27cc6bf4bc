// Building, merging, sorting and formatting diagnostics; the only place that knows their shape.
import type { Diagnostic, Result, Severity } from './types.ts';

export function diagnostic(
  severity: Severity,
  code: string,
  message: string,
  file: string,
  line = 1,
  column = 1,
): Diagnostic {
  return { severity, code, message: oneLine(message), file, line, column };
}

/**
 * Messages quote user input (ids, paths, keys): keep them on one line and make control and
 * bidirectional-override characters visible, so a message prints as what it is.
 */
function oneLine(message: string): string {
  return message
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function ok<T>(value: T, diagnostics: Diagnostic[] = []): Result<T> {
  return { value, diagnostics };
}

/** 1-based line and column of a 0-based offset in `text`. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}

/** Precomputed line starts for many offset → position look-ups in one text. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

/** Deterministic order: by file, line, column, severity, code, message. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      severityRank[a.severity] - severityRank[b.severity] ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

export function countBySeverity(list: Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const d of list) counts[d.severity]++;
  return counts;
}

/** `file:line:column severity message [code]`, one per line, grouped by file. */
export function formatDiagnostics(list: Diagnostic[]): string {
  return sortDiagnostics(list)
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message} [${d.code}]`)
    .join('\n');
}

/** GitHub Actions workflow commands, one per diagnostic. */
export function formatGithub(list: Diagnostic[]): string {
  const level: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };
  return sortDiagnostics(list)
    .map((d) => `::${level[d.severity]} file=${d.file},line=${d.line},col=${d.column},title=${d.code}::${escapeGithub(d.message)}`)
    .join('\n');
}

function escapeGithub(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Codes that mean a paper or a BibTeX entry was left out. */
const skippedPaper = new Set(['paper-empty', 'paper-too-large', 'paper-binary', 'paper-skipped', 'paper-unreadable', 'paper-folder-ambiguous']);
const skippedEntry = new Set(['bibtex-unclosed', 'bibtex-key', 'bibtex-duplicate-key', 'bibtex-parse']);

/** The build's one-line summary, e.g. `4 papers, 0 skipped; 1 BibTeX entry skipped; 0 errors, 2 warnings`. */
export function summaryLine(papers: number, list: Diagnostic[]): string {
  const skipped = list.filter((d) => skippedPaper.has(d.code)).length;
  const entries = list.filter((d) => skippedEntry.has(d.code)).length;
  const c = countBySeverity(list);
  const parts = [`${papers} paper${papers === 1 ? '' : 's'}, ${skipped} skipped`];
  if (entries) parts.push(`${entries} BibTeX entr${entries === 1 ? 'y' : 'ies'} skipped`);
  parts.push(`${c.error} error${c.error === 1 ? '' : 's'}, ${c.warning} warning${c.warning === 1 ? '' : 's'}`);
  return parts.join('; ');
}
