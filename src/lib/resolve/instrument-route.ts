// Citations of legal instruments by a short name (`Trafficking Protocol UN, 2000`): the registry links the short name to the entry's official title.
import type { BibEntry, CitedItem, Instrument } from '../types.ts';
import { entryYear } from './years.ts';
import type { Outcome } from './choose.ts';

const fold = (s: string): string =>
  ` ${s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;

export interface InstrumentNames {
  /** Every name of the instrument (name, short names, aliases), folded and space-padded. */
  cited: string[];
  /** The names long enough (3+ words) to recognise the instrument inside an entry's title or printed reference. */
  titled: string[];
}

/** Folded name forms of every registry instrument, computed once per resolution run. */
export function instrumentNames(instruments: readonly Instrument[]): InstrumentNames[] {
  return instruments.map((i) => {
    const all = [i.name, ...(i.short ?? []), ...(i.aliases ?? [])].map(fold).filter((f) => f.trim().length >= 3);
    return { cited: all, titled: all.filter((f) => f.trim().split(' ').length >= 3) };
  });
}

/**
 * An item whose "author" names a registered instrument resolves to the entry whose title (or printed reference)
 * names that instrument: one candidate gives the work, with a year mismatch when the years differ; several, none.
 */
export function resolveByInstrument(item: CitedItem, names: readonly InstrumentNames[], entries: Iterable<BibEntry>): Outcome | null {
  if (item.authors.length === 0) return null;
  const cited = fold(item.authors.join(' '));
  const instrument = names.find((n) => n.cited.some((form) => cited.includes(form)));
  if (!instrument || instrument.titled.length === 0) return null;
  const found: BibEntry[] = [];
  for (const entry of entries) {
    const printed = fold(`${entry.csl.title ?? ''} ${typeof entry.csl.note === 'string' ? entry.csl.note : ''}`);
    if (instrument.titled.some((form) => printed.includes(form))) found.push(entry);
  }
  if (found.length !== 1) return null;
  const entry = found[0];
  const year = entryYear(entry.csl).year;
  const citedYear = item.year ? Number(/\d{4}/.exec(item.year)?.[0]) : null;
  if (citedYear && year && citedYear !== year) {
    return { status: 'mismatch', entry, candidates: [], mismatches: [{ kind: 'year', cited: String(item.year), entry: String(year) }] };
  }
  return { status: 'resolved', entry, candidates: [], mismatches: [] };
}
