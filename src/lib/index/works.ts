// Works: the bibliography entries cited or listed by the papers, merged across files into one work each.
import type { BibEntry, Corpus, CslItem, IndexWork, ResolvedCitation } from '../types.ts';
import { cmp } from '../diagnostics.ts';
import { ownBibliographyFile } from '../resolve/lookup.ts';
import { sameWork, workIdentity, type WorkIdentity } from '../resolve/same-work.ts';
import { assignWorkIds, workSlug } from './work-id.ts';

export interface WorkTable {
  /** Sorted by id. */
  works: IndexWork[];
  /** The work an entry belongs to, or null when the entry is neither cited nor listed by a paper. */
  workOf(entry: BibEntry): string | null;
}

/** Identity of an entry object across stages (the same entry may be a copy). */
function entryId(entry: BibEntry): string {
  return `${entry.file}\u0000${entry.line}\u0000${entry.key}`;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function filled(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
}

function fieldCount(csl: CslItem): number {
  return Object.values(csl).filter(filled).length;
}

/** The richest entry's CSL item, completed with fields only the others have (in entry order). */
function mergeCsl(members: readonly BibEntry[]): CslItem {
  let base = members[0];
  for (const m of members) if (fieldCount(m.csl) > fieldCount(base.csl)) base = m;
  const merged: CslItem = { ...base.csl };
  for (const m of members) {
    for (const [field, value] of Object.entries(m.csl)) if (!filled(merged[field]) && filled(value)) merged[field] = value;
  }
  return merged;
}

/** Union–find over entry positions. */
function unionFind(size: number): { find(i: number): number; union(a: number, b: number): void } {
  const parent = Array.from({ length: size }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  return {
    find,
    union(a, b) {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    },
  };
}

/**
 * Groups entries into works: same DOI, or same first author and year with similar titles. Entries are
 * compared only within their DOI or author–year bucket, and there only with one representative per work.
 */
function groupEntries(entries: readonly BibEntry[]): number[][] {
  const identities: WorkIdentity[] = entries.map(workIdentity);
  const sets = unionFind(entries.length);
  const byDoi = new Map<string, number>();
  const buckets = new Map<string, number[]>();
  identities.forEach((identity, i) => {
    if (identity.doi) {
      const first = byDoi.get(identity.doi);
      if (first === undefined) byDoi.set(identity.doi, i);
      else sets.union(first, i);
    }
    const bucket = `${identity.author}\u0000${identity.year}`;
    const list = buckets.get(bucket);
    if (list) list.push(i);
    else buckets.set(bucket, [i]);
  });
  for (const members of buckets.values()) {
    const representatives: number[] = [];
    const byTitle = new Map<string, number>();
    for (const i of members) {
      const title = identities[i].title.join(' ');
      const same = byTitle.get(title) ?? representatives.find((r) => sameWork(identities[r], identities[i]));
      if (same !== undefined && (!identities[i].doi || !identities[same].doi || identities[i].doi === identities[same].doi)) {
        sets.union(same, i);
      } else {
        representatives.push(i);
      }
      if (title && !byTitle.has(title)) byTitle.set(title, i);
    }
  }
  const groups = new Map<number, number[]>();
  entries.forEach((_, i) => {
    const root = sets.find(i);
    const list = groups.get(root);
    if (list) list.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()];
}

/** The works of the corpus: entries cited by a paper (`citedBy`) and entries of papers' own lists (`listedBy`). */
export function buildWorks(corpus: Corpus, resolved: readonly ResolvedCitation[]): WorkTable {
  const files = new Set(corpus.bibliographies.map((b) => b.file));
  const byFile = new Map(corpus.bibliographies.map((b) => [b.file, b.entries]));
  const chosen = new Map<string, BibEntry>();
  const listedBy = new Map<string, Set<string>>();
  const citedBy = new Map<string, Set<string>>();

  for (const paper of corpus.papers) {
    const own = ownBibliographyFile(paper, files);
    for (const entry of own ? (byFile.get(own) ?? []) : []) {
      chosen.set(entryId(entry), entry);
      addTo(listedBy, entryId(entry), paper.meta.id);
    }
  }
  for (const { citation, items } of resolved) {
    for (const { entry } of items) {
      if (!entry) continue;
      chosen.set(entryId(entry), chosen.get(entryId(entry)) ?? entry);
      addTo(citedBy, entryId(entry), citation.paper);
    }
  }

  const entries = [...chosen.values()].sort((a, b) => cmp(a.file, b.file) || a.line - b.line || cmp(a.key, b.key));
  const groups = groupEntries(entries).map((members) => members.map((i) => entries[i]));
  const drafts = groups.map((members) => {
    const csl = mergeCsl(members);
    const ids = members.map(entryId);
    const union = (map: Map<string, Set<string>>) => [...new Set(ids.flatMap((id) => [...(map.get(id) ?? [])]))].sort(cmp);
    const keys = [...new Set(members.map((m) => m.key))].sort(cmp);
    return {
      members,
      csl,
      keys,
      citedBy: union(citedBy),
      listedBy: union(listedBy),
      slug: workSlug(csl),
      content: JSON.stringify([csl.DOI ?? '', csl.title ?? '', keys, members[0].file]),
    };
  });
  const ids = assignWorkIds(drafts);

  const workOfEntry = new Map<string, string>();
  const works: IndexWork[] = drafts.map((draft, i) => {
    for (const m of draft.members) workOfEntry.set(entryId(m), ids[i]);
    return { id: ids[i], csl: { ...draft.csl, id: ids[i] }, citedBy: draft.citedBy, keys: draft.keys, listedBy: draft.listedBy };
  });
  works.sort((a, b) => cmp(a.id, b.id));
  return { works, workOf: (entry) => workOfEntry.get(entryId(entry)) ?? null };
}
