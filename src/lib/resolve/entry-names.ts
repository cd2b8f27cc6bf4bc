// The names an entry is cited by, in comparison form: persons, organisations, or the title when there is no author.
import type { BibEntry, CslName } from '../types.ts';
import { compactName, coreOrganisationName, initials, isAcronym, normaliseName } from './names.ts';
import { entryYear, type YearWithSuffix } from './years.ts';

/** One name of an entry, ready to compare with a cited name. */
export interface NameForm {
  /** The name as the entry writes it (family with particle, organisation, or title). */
  written: string;
  kind: 'person' | 'organisation' | 'title';
  /** Normalised forms that count as the same name (`van dijk`, `dijk`). */
  forms: string[];
  /** The forms without spaces, for edit distance. */
  compact: string[];
  /** Organisation name without generic trailing words (`International`, `Inc.`), compact; '' for persons. */
  core: string;
  /** Initials of the capitalised words (organisations and titles), '' otherwise. */
  initials: string;
  acronym: boolean;
}

/** What matching needs to know of an entry, computed once per entry. */
export interface EntryProfile {
  /** Authors (else editors) in order; a single title form when there are none. */
  names: NameForm[];
  /** Number of authors (editors); 0 when the entry is cited by its title. */
  count: number;
  year: YearWithSuffix;
}

const profiles = new WeakMap<BibEntry, EntryProfile>();

/** The entry's profile, memoised per entry object. */
export function entryProfile(entry: BibEntry): EntryProfile {
  let profile = profiles.get(entry);
  if (!profile) {
    const people = entry.csl.author?.length ? entry.csl.author : (entry.csl.editor ?? []);
    const names = people.map(nameForm).filter((n): n is NameForm => n !== null);
    const title = entry.csl.title?.trim();
    profile = {
      names: names.length > 0 ? names : title ? [groupForm(title, 'title')] : [],
      count: names.length,
      year: entryYear(entry.csl),
    };
    profiles.set(entry, profile);
  }
  return profile;
}

/** The display name of a CSL name: family with its particle, or the literal. */
export function displayName(name: CslName): string {
  if (name.family) return [name['non-dropping-particle'], name.family].filter(Boolean).join(' ');
  return (name.literal ?? name.given ?? '').trim();
}

function nameForm(name: CslName): NameForm | null {
  // A family name alone (BibTeX `{{Some Organisation}}` often arrives so) is compared like an organisation.
  if (!name.family || (!name.given && !name['non-dropping-particle'])) {
    const literal = (name.literal ?? name.family ?? name.given ?? '').trim();
    return literal ? groupForm(literal, 'organisation') : null;
  }
  const written = displayName(name);
  const forms = [...new Set([normaliseName(written), normaliseName(name.family)])];
  return {
    written,
    kind: 'person',
    forms,
    compact: [...new Set(forms.map((f) => f.replace(/ /g, '')))],
    core: '',
    initials: '',
    acronym: false,
  };
}

function groupForm(written: string, kind: 'organisation' | 'title'): NameForm {
  return {
    written,
    kind,
    forms: [normaliseName(written)],
    compact: [compactName(written)],
    core: coreOrganisationName(written),
    initials: initials(written),
    acronym: isAcronym(written),
  };
}
