// Page-side access to the loaders' output: typed getters over the content collections.
import { getCollection, getEntry } from 'astro:content';
import type { Actor, Bibliography, CorpusIndex, Diagnostic, Instrument, PaperMeta, Theme } from '../lib/types.ts';

export interface CorpusEntry {
  index: CorpusIndex;
  diagnostics: Diagnostic[];
  style: string;
  summary: string;
  bibliographies: Bibliography[];
  /** Sentence texts by paper id and sentence id, for quoting. */
  sentences: Record<string, Record<string, string>>;
  registry: Instrument[];
  themes: Theme[];
  actors: Actor[];
}

export async function corpus(): Promise<CorpusEntry> {
  const entry = await getEntry('corpus', 'index');
  if (!entry) throw new Error('The corpus index is missing: the Concordance loader did not run');
  return entry.data as CorpusEntry;
}

export async function papers() {
  const list = await getCollection('papers');
  return list.sort((a, b) => sortKey(a.data.meta).localeCompare(sortKey(b.data.meta)) || a.id.localeCompare(b.id));
}

/** Bibliography order: first author, then year, then title. */
function sortKey(m: PaperMeta): string {
  return [(m.authors[0]?.name.split(/\s+/).pop() ?? '~'), m.year ?? 9999, m.title ?? ''].join('\u0000').toLowerCase();
}
