// Finding bibliography entries fast: a paper's own file, keys across files, and corpus candidates by name.
import type { BibEntry, Bibliography, Corpus, Paper } from '../types.ts';
import { cmp } from '../diagnostics.ts';
import { entryProfile } from './entry-names.ts';
import { compactName, coreOrganisationName, initials, isAcronym, normaliseName } from './names.ts';

export interface BibliographyLookup {
  /** Entries of one file, in file order (empty for an unknown file). */
  entriesOf(file: string | null): readonly BibEntry[];
  /** The entry with this exact (case-sensitive) key: in the own file first, then in other files by file name. */
  byKey(key: string, ownFile: string | null): BibEntry | null;
  /** An entry whose key equals this one ignoring case, for a suggestion. */
  byKeyIgnoringCase(key: string): BibEntry | null;
  /** Entries of all files whose first author (or title) shares a name key with one of `names`: same name, acronym or prefix. */
  candidates(names: readonly string[]): BibEntry[];
}

/** The paper's own bibliography file: its declared one when present, else `bibliography/<id>.bib` when present. */
export function ownBibliographyFile(paper: Paper, files: ReadonlySet<string>): string | null {
  const declared = paper.meta.bibliography?.replace(/^\.\//, '') ?? null;
  if (declared !== null) return files.has(declared) ? declared : null;
  const conventional = `bibliography/${paper.meta.id}.bib`;
  return files.has(conventional) ? conventional : null;
}

/** Keys under which an entry can be found by the name of its first author (or title). */
function entryNameKeys(entry: BibEntry): string[] {
  const first = entryProfile(entry).names[0];
  if (!first) return [];
  const keys = [...first.forms, ...first.compact];
  if (first.kind !== 'person') {
    keys.push(first.core, first.initials);
    const words = first.forms[0].split(' ');
    for (let i = 1; i < Math.min(words.length, 9); i++) keys.push(words.slice(0, i).join(' '));
  }
  return keys.filter(Boolean);
}

/** Keys under which a cited name looks for entries; mirrors `entryNameKeys`. */
function citedNameKeys(name: string): string[] {
  const keys = [normaliseName(name), compactName(name), coreOrganisationName(name), initials(name)];
  if (isAcronym(name)) keys.push(compactName(name));
  return keys.filter(Boolean);
}

function push<K>(map: Map<K, BibEntry[]>, key: K, entry: BibEntry): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== entry) list.push(entry);
  } else map.set(key, [entry]);
}

export function createLookup(corpus: Corpus): BibliographyLookup {
  const files: Bibliography[] = [...corpus.bibliographies].sort((a, b) => cmp(a.file, b.file));
  const byFile = new Map<string, readonly BibEntry[]>();
  const keyed = new Map<string, BibEntry[]>();
  const keyedLower = new Map<string, BibEntry[]>();
  const byName = new Map<string, BibEntry[]>();
  for (const bibliography of files) {
    byFile.set(bibliography.file, bibliography.entries);
    for (const entry of bibliography.entries) {
      push(keyed, entry.key, entry);
      push(keyedLower, entry.key.toLowerCase(), entry);
      for (const key of entryNameKeys(entry)) push(byName, key, entry);
    }
  }
  return {
    entriesOf: (file) => (file === null ? [] : (byFile.get(file) ?? [])),
    byKey(key, ownFile) {
      const found = keyed.get(key) ?? [];
      return found.find((e) => e.file === ownFile) ?? found[0] ?? null;
    },
    byKeyIgnoringCase: (key) => keyedLower.get(key.toLowerCase())?.[0] ?? null,
    candidates(names) {
      const pool = new Set<BibEntry>();
      for (const name of names) for (const key of citedNameKeys(name)) for (const e of byName.get(key) ?? []) pool.add(e);
      return [...pool];
    },
  };
}
