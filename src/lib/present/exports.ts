// Download responses in the formats reference managers and spreadsheets read.
import type { CslItem } from '../types.ts';
import { toBibtex, toCslJson, toRis } from './csl.ts';

const types: Record<string, string> = {
  bib: 'application/x-bibtex; charset=utf-8',
  ris: 'application/x-research-info-systems; charset=utf-8',
  json: 'application/vnd.citationstyles.csl+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export function exportAs(format: 'bib' | 'ris' | 'json', items: CslItem[]): Response {
  const body = format === 'bib' ? toBibtex(items) : format === 'ris' ? toRis(items) : toCslJson(items);
  return new Response(body, { headers: { 'Content-Type': types[format] } });
}

/** RFC 4180 CSV with a header row; every field quoted when needed. A leading `=`/`+`/`-`/`@` is neutralised so spreadsheets do not run it. */
export function csv(header: string[], rows: (string | number | boolean | null)[][]): Response {
  const cell = (v: string | number | boolean | null) => {
    let s = v === null ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  return new Response(text, { headers: { 'Content-Type': types.csv } });
}
