// Whether two bibliography entries describe the same work: same DOI, or same first author, year and title.
import type { BibEntry, CslItem } from '../types.ts';
import { entryProfile } from './entry-names.ts';
import { similarTitles, titleWords } from './similarity.ts';
import { formatYear } from './years.ts';

/** What identifies a work across bibliographies. */
export interface WorkIdentity {
  doi: string | null;
  /** Compact first author ('' when the entry has none); with `year`, the bucket for title comparison. */
  author: string;
  year: string;
  title: string[];
}

/** `10.…` in lower case from a DOI field or a doi.org URL, or null. */
export function normaliseDoi(csl: CslItem): string | null {
  for (const value of [csl.DOI, csl.URL]) {
    if (typeof value !== 'string') continue;
    const m = /10\.\d{4,9}\/[^\s"<>]+/i.exec(value);
    if (m) return m[0].replace(/[.,;:)\]]+$/, '').toLowerCase();
  }
  return null;
}

export function workIdentity(entry: BibEntry): WorkIdentity {
  const profile = entryProfile(entry);
  return {
    doi: normaliseDoi(entry.csl),
    author: profile.count > 0 ? profile.names[0].compact[0] : '',
    year: formatYear(profile.year),
    title: titleWords(entry.csl.title),
  };
}

/** Same DOI; or, when either lacks one, same first author and year and similar titles. */
export function sameWork(a: WorkIdentity, b: WorkIdentity): boolean {
  if (a.doi && b.doi) return a.doi === b.doi;
  return a.author === b.author && a.year === b.year && similarTitles(a.title, b.title);
}
