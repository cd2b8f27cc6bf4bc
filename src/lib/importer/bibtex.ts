// Gives parsed references stable citation keys and writes them as BibTeX through citation-js.

import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { CslItem } from '../types.ts';
import { STOP_WORDS } from './patterns.ts';

/** Lowercase ASCII letters and digits only: `Núñez` → `nunez`, `U.S.` → `us`. */
export function asciiFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/ß/gu, 'ss')
    .replace(/[æ]/gu, 'ae')
    .replace(/[œ]/gu, 'oe')
    .replace(/[ø]/gu, 'o')
    .replace(/[ł]/gu, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]/gu, '');
}

function significantWords(text: string): string[] {
  return text
    .split(/[\s/–—-]+/u)
    .map(asciiFold)
    .filter((w) => w !== '' && !STOP_WORDS.has(w));
}

/** `okafor2016mangroves`: first author's surname (or organisation's first word), year or `nd`, first title word. */
export function baseKey(item: CslItem): string {
  const first = item.author?.[0];
  const titleWords = significantWords(item.title ?? '');
  let lead = '';
  if (first?.family) lead = asciiFold(first.family);
  else if (first?.literal) lead = significantWords(first.literal)[0] ?? '';
  let tail = titleWords[0] ?? '';
  if (lead === '') {
    // No author: the title leads, and its next word follows the year.
    lead = titleWords[0] ?? 'ref';
    tail = titleWords[1] ?? '';
  }
  const year = item.issued?.['date-parts']?.[0]?.[0];
  return `${lead}${year === undefined ? 'nd' : String(year)}${tail}`;
}

/** Keys for the items in order; every member of a colliding group gets `a`, `b`, … in order. */
export function assignKeys(items: CslItem[]): string[] {
  const bases = items.map(baseKey);
  const counts = new Map<string, number>();
  for (const b of bases) counts.set(b, (counts.get(b) ?? 0) + 1);
  const used = new Map<string, number>();
  return bases.map((b) => {
    if ((counts.get(b) ?? 0) < 2) return b;
    const n = used.get(b) ?? 0;
    used.set(b, n + 1);
    return b + suffix(n);
  });
}

function suffix(n: number): string {
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

/** BibTeX for the items, keyed by their ids. */
export function toBibtex(items: CslItem[]): string {
  if (items.length === 0) return '';
  const keyed = items.map((item) => ({ ...item, 'citation-key': item.id }));
  return `${new Cite(keyed).format('bibtex').toString().trim()}\n`;
}

/** The CSL items citation-js reads back from BibTeX (used to check a round trip). */
export function fromBibtex(bibtex: string): CslItem[] {
  return (new Cite(bibtex).data as CslItem[]).map((item) => {
    const { _graph: _ignored, ...rest } = item as CslItem & { _graph?: unknown };
    return rest as CslItem;
  });
}
