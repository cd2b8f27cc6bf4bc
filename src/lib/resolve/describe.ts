// Words for resolution results: how to cite an entry, what a mismatch is.
import type { BibEntry, CitationMismatch } from '../types.ts';
import { entryProfile } from './entry-names.ts';
import { formatYear } from './years.ts';

/** How the entry should be cited: `Smith (2019)`, `Smith & Jones (2019)`, `Smith et al. (2019)`, or its title. */
export function citeLabel(entry: BibEntry): string {
  const { names, count, year } = entryProfile(entry);
  let who: string;
  if (count === 0) {
    const words = (names[0]?.written ?? entry.key).split(/\s+/);
    who = words.length > 8 ? `${words.slice(0, 8).join(' ')}…` : words.join(' ');
  } else if (count === 1) who = names[0].written;
  else if (count === 2) who = `${names[0].written} & ${names[1].written}`;
  else who = `${names[0].written} et al.`;
  return `${who} (${formatYear(year)})`;
}

/** A fix for a mismatched citation, pointing at the entry. */
export function suggestEntry(entry: BibEntry): string {
  return `did you mean ${citeLabel(entry)}?`;
}

/** One short line for a mismatch. */
export function describeMismatch(mismatch: CitationMismatch): string {
  switch (mismatch.kind) {
    case 'spelling':
      return `spelling: cited ${mismatch.cited}, bibliography has ${mismatch.entry}`;
    case 'year':
      return `year: cited ${mismatch.cited}, bibliography has ${mismatch.entry}`;
    case 'author-count':
      return mismatch.etAl
        ? `author count: et al. for an entry of ${mismatch.entry} author${mismatch.entry === 1 ? '' : 's'}`
        : `author count: ${mismatch.cited} name${mismatch.cited === 1 ? '' : 's'} cited, entry has ${mismatch.entry}`;
  }
}
