// Reading years: as cited (`2019a`, `n.d.`) and as issued in a CSL item.
import type { CslItem } from '../types.ts';

/** A year with its optional disambiguating letter; `year` null means no date (`n.d.`). */
export interface YearWithSuffix {
  year: number | null;
  suffix: string | null;
}

/** A cited year, or null when the item gives none. `n.d.`/`nd`/`s.d.` mean "no date". */
export function parseCitedYear(written: string | null): YearWithSuffix | null {
  if (written === null) return null;
  const text = written.trim().toLowerCase();
  if (/^(n\.?\s?d\.?|s\.?\s?d\.?|no date|undated)$/.test(text)) return { year: null, suffix: null };
  const m = /^(\d{4})\s*([a-z])?\b/.exec(text);
  return m ? { year: Number(m[1]), suffix: m[2] ?? null } : null;
}

/** The year of an entry (first date part, else a four-digit year in the literal/raw date), with a letter if written there. */
export function entryYear(csl: CslItem): YearWithSuffix {
  const first = csl.issued?.['date-parts']?.[0]?.[0];
  const text = first !== undefined && first !== null && String(first).trim() !== ''
    ? String(first)
    : (csl.issued?.literal ?? csl.issued?.raw ?? '');
  const m = /(\d{4})([a-z])?(?![0-9])/.exec(text);
  return m ? { year: Number(m[1]), suffix: m[2] ?? null } : { year: null, suffix: null };
}

export function formatYear(y: YearWithSuffix): string {
  return y.year === null ? 'n.d.' : `${y.year}${y.suffix ?? ''}`;
}
