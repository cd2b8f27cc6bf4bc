// Normalises a DOI as printed (`doi:`, `https://doi.org/…`, `<…>`) to its `10.xxxx/…` form.

import { DOI_CORE } from './patterns.ts';

/** Strips angle brackets, emphasis and sentence punctuation around a printed value. */
export function unwrap(value: string): string {
  return value
    .trim()
    .replace(/^[*<\s]+/u, '')
    .replace(/[*>\s]{1,8}$/u, '')
    .replace(/[.,;]{1,4}$/u, '');
}

/** The DOI in `printed` as `10.xxxx/suffix`, or null when it has no `10.` prefix (so it cannot be normalised). */
export function normaliseDoi(printed: string): string | null {
  const m = DOI_CORE.exec(unwrap(printed));
  if (!m) return null;
  return m[1].replace(/[.,;)\]]+$/u, '');
}
