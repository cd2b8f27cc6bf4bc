// Picking the outcome for one item among its acceptable entries: best match, year letters, ties.
import type { BibEntry, CitationMismatch, CitationStatus, CitedItem } from '../types.ts';
import { cmp } from '../diagnostics.ts';
import { entryProfile } from './entry-names.ts';
import type { Match } from './match.ts';
import { sameWork, workIdentity } from './same-work.ts';
import { titleWords } from './similarity.ts';
import { parseCitedYear } from './years.ts';

export interface Candidate {
  entry: BibEntry;
  match: Match;
}

export interface Outcome {
  status: Exclude<CitationStatus, 'unresolved'>;
  entry: BibEntry | null;
  candidates: BibEntry[];
  mismatches: CitationMismatch[];
}

function byPlace(a: Candidate, b: Candidate): number {
  return cmp(a.entry.file, b.entry.file) || a.entry.line - b.entry.line || cmp(a.entry.key, b.entry.key);
}

/** Candidates grouped by work (the same work listed in several files is one), each group's first entry by place first. */
function groupByWork(candidates: readonly Candidate[]): Candidate[][] {
  const groups: { identity: ReturnType<typeof workIdentity>; members: Candidate[] }[] = [];
  for (const candidate of [...candidates].sort(byPlace)) {
    const identity = workIdentity(candidate.entry);
    const group = groups.find((g) => sameWork(g.identity, identity));
    if (group) group.members.push(candidate);
    else groups.push({ identity, members: [candidate] });
  }
  return groups.map((g) => g.members);
}

function outcomeOf(candidate: Candidate): Outcome {
  const { mismatches } = candidate.match;
  return { status: mismatches.length > 0 ? 'mismatch' : 'resolved', entry: candidate.entry, candidates: [], mismatches };
}

/**
 * `2019a`/`2019b`: among the entries by the same author(s) dated that year with no letter of their own,
 * ordered by title, the first/second. Null when the letter does not decide.
 */
function byYearLetter(item: CitedItem, candidates: readonly Candidate[]): Candidate | null {
  const cited = parseCitedYear(item.year);
  if (!cited?.suffix || cited.year === null) return null;
  if (candidates.some((c) => entryProfile(c.entry).year.suffix === cited.suffix)) return null;
  const sameAuthorAndYear = candidates.filter((c) => {
    const year = entryProfile(c.entry).year;
    return year.year === cited.year && year.suffix === null && c.match.mismatches.every((m) => m.kind === 'author-count');
  });
  const works = groupByWork(sameAuthorAndYear)
    .map((members) => members[0])
    .sort((a, b) => cmp(titleWords(a.entry.csl.title).join(' '), titleWords(b.entry.csl.title).join(' ')) || byPlace(a, b));
  return works[cited.suffix.charCodeAt(0) - 97] ?? null;
}

/** The outcome among acceptable candidates, or null when there are none. */
export function choose(item: CitedItem, candidates: readonly Candidate[]): Outcome | null {
  if (candidates.length === 0) return null;
  const lettered = byYearLetter(item, candidates);
  if (lettered) return outcomeOf(lettered);
  const best = Math.min(...candidates.map((c) => c.match.penalty));
  const tied = candidates.filter((c) => c.match.penalty - best < 1e-9);
  const works = groupByWork(tied);
  if (works.length === 1) return outcomeOf(works[0][0]);
  return { status: 'ambiguous', entry: null, candidates: works.map((members) => members[0].entry), mismatches: [] };
}
