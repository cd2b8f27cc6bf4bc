// The default strategy for matching one cited author–year item against one bibliography entry.
import type { BibEntry, CitationMismatch, CitedItem } from '../types.ts';
import { entryProfile, type NameForm } from './entry-names.ts';
import { coreOrganisationName, initials, isAcronym, normaliseName, splitCitedNames } from './names.ts';
import { allowedEdits, editDistance } from './similarity.ts';
import { formatYear, parseCitedYear, type YearWithSuffix } from './years.ts';

/** What a strategy may know about the citing paper. */
export interface MatchContext {
  /** Abbreviations introduced in the paper (`[ABC]` after a full name): normalised abbreviation → full name as written. */
  abbreviations: ReadonlyMap<string, string>;
}

/** An acceptable entry for an item: `penalty` 0 is a clean match, higher is worse; `mismatches` say why. */
export interface Match {
  penalty: number;
  mismatches: CitationMismatch[];
}

/** Compares a cited item with an entry; null when the entry is not a candidate at all. */
export type MatchStrategy = (item: CitedItem, entry: BibEntry, context: MatchContext) => Match | null;

export interface AuthorYearSettings {
  /** Largest difference in years still reported as a year mismatch rather than another work. */
  maxYearGap: number;
}

/** Penalties order the kinds of match: alias < author count < spelling < year < unknown co-author. */
const PENALTY = { alias: 0.1, authorCount: 1, spelling: 2, year: 3, undated: 3.5, otherName: 4 } as const;

/** A cited name prepared once for comparison with many entries. */
export interface CitedName {
  written: string;
  norm: string;
  compact: string;
  core: string;
  initials: string;
  acronym: boolean;
}

export function citedName(written: string): CitedName {
  const norm = normaliseName(written);
  return {
    written,
    norm,
    compact: norm.replace(/ /g, ''),
    core: coreOrganisationName(written),
    initials: initials(written),
    acronym: isAcronym(written),
  };
}

/** The ways an item's first name may be written: as cited, the full name behind an abbreviation, the abbreviation it introduces. */
export function firstNameAlternatives(item: CitedItem, context: MatchContext): string[] {
  const { names } = splitCitedNames(item.authors, item.etAl);
  if (names.length === 0) return [];
  const alternatives = [names[0]];
  const expanded = context.abbreviations.get(normaliseName(names[0]));
  if (expanded) alternatives.push(expanded);
  if (item.introduces) alternatives.push(item.introduces);
  return alternatives;
}

interface NameComparison {
  penalty: number;
  spelling: boolean;
}

/**
 * Compares a cited name with an entry name. Equal after normalisation: a match. For organisations and
 * titles also: the entry starting with the cited name, an acronym of its capitalised words. Otherwise a
 * spelling difference when the compact forms (or organisation cores) are within a few edits.
 */
function compareName(cited: CitedName, form: NameForm): NameComparison | null {
  if (!cited.norm) return null;
  if (form.forms.includes(cited.norm)) return { penalty: 0, spelling: false };
  if (form.kind !== 'person') {
    if (form.forms[0].startsWith(`${cited.norm} `)) return { penalty: PENALTY.alias, spelling: false };
    if (cited.acronym && form.initials === cited.compact) return { penalty: PENALTY.alias, spelling: false };
    if (form.acronym && cited.initials === form.compact[0]) return { penalty: PENALTY.alias, spelling: false };
  }
  let best = Infinity;
  const consider = (a: string, b: string) => {
    if (!a || !b) return;
    const allowed = allowedEdits(a, b);
    const d = editDistance(a, b, allowed);
    if (d <= allowed && d < best) best = d;
  };
  for (const c of form.compact) consider(cited.compact, c);
  if (form.core) consider(cited.core, form.core);
  return best === Infinity ? null : { penalty: PENALTY.spelling + 0.1 * best, spelling: true };
}

/** The cited side of a comparison, computed once per item and paper. */
interface PreparedItem {
  names: CitedName[];
  etAl: boolean;
  firsts: CitedName[];
  year: YearWithSuffix | null;
}

function prepare(item: CitedItem, context: MatchContext): PreparedItem {
  const { names, etAl } = splitCitedNames(item.authors, item.etAl);
  return {
    names: names.map(citedName),
    etAl,
    firsts: firstNameAlternatives(item, context).map(citedName),
    year: parseCitedYear(item.year),
  };
}

/** The default author–year strategy; `maxYearGap` bounds a year mismatch. */
export function authorYearMatch(settings: AuthorYearSettings = { maxYearGap: 3 }): MatchStrategy {
  // The resolver compares one item with many entries in a row: prepare the item once.
  let last: { item: CitedItem; context: MatchContext; prepared: PreparedItem } | null = null;
  return (item, entry, context) => {
    if (last?.item !== item || last.context !== context) last = { item, context, prepared: prepare(item, context) };
    const { names, etAl, firsts, year: cited } = last.prepared;
    const profile = entryProfile(entry);
    if (names.length === 0 || profile.names.length === 0) return null;
    const mismatches: CitationMismatch[] = [];
    let penalty = 0;

    let first: { written: string; comparison: NameComparison } | null = null;
    for (const alternative of firsts) {
      const comparison = compareName(alternative, profile.names[0]);
      if (comparison && (!first || comparison.penalty < first.comparison.penalty)) first = { written: alternative.written, comparison };
    }
    if (!first) return null;
    penalty += first.comparison.penalty;
    if (first.comparison.spelling) mismatches.push({ kind: 'spelling', cited: first.written, entry: profile.names[0].written });

    for (let i = 1; i < Math.min(names.length, profile.count); i++) {
      const comparison = compareName(names[i], profile.names[i]);
      penalty += comparison ? comparison.penalty : PENALTY.otherName;
      if (!comparison || comparison.spelling) mismatches.push({ kind: 'spelling', cited: names[i].written, entry: profile.names[i].written });
    }

    if (cited) {
      const year = profile.year;
      let yearPenalty = 0;
      if (cited.year === null || year.year === null) {
        if (cited.year !== year.year) yearPenalty = PENALTY.undated;
      } else {
        const gap = Math.abs(cited.year - year.year);
        if (gap > settings.maxYearGap) return null;
        if (gap > 0) yearPenalty = PENALTY.year + 0.1 * gap;
        else if (cited.suffix && year.suffix && cited.suffix !== year.suffix) yearPenalty = PENALTY.year;
      }
      if (yearPenalty > 0) {
        // A different name AND a different year is another work.
        if (mismatches.length > 0) return null;
        penalty += yearPenalty;
        mismatches.push({ kind: 'year', cited: item.year ?? '', entry: formatYear(year) });
      }
    }

    if (profile.count > 0) {
      const n = names.length;
      const m = profile.count;
      const wrong = etAl ? m <= 2 : n !== m && !(n >= 3 && m >= 3);
      if (wrong) {
        penalty += PENALTY.authorCount;
        mismatches.push({ kind: 'author-count', cited: n, entry: m, etAl });
      }
    }
    return { penalty, mismatches };
  };
}

/** The strategy used when none is given. */
export const defaultMatch: MatchStrategy = authorYearMatch();
