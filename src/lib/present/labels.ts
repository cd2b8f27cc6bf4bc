// Short human labels: `Smith & Jones (2019)`, `Smith et al. (2019)`, an organisation, or the title.
import type { CslItem, CslName, Instrument, PaperMeta } from '../types.ts';
import { yearOf } from './csl.ts';

export function nameOf(n: CslName): string {
  return n.literal ?? [n['non-dropping-particle'], n.family].filter(Boolean).join(' ') ?? '';
}

export function authorLabel(item: CslItem): string {
  const names = (item.author ?? item.editor ?? []).map(nameOf).filter(Boolean);
  if (names.length === 0) return '';
  if (names.length === 1) return names[0];
  if (names.length === 2) return `${names[0]} & ${names[1]}`;
  return `${names[0]} et al.`;
}

export function workLabel(item: CslItem): string {
  const who = authorLabel(item);
  const year = yearOf(item) ?? 'n.d.';
  if (who) return `${who} (${year})`;
  const title = String(item.title ?? item.id);
  return `${title.length > 60 ? title.slice(0, 57) + '…' : title} (${year})`;
}

/** A reviewed paper in a few words: `Smith (2025)`, or the start of its title when no author is known. */
export function paperLabel(meta: PaperMeta): string {
  const year = meta.year ?? 'n.d.';
  const surname = (name: string) => name.trim().split(/\s+/).pop() ?? name;
  const authors = meta.authors.map((a) => (a.organisation ? a.name : surname(a.name)));
  if (authors.length === 1) return `${authors[0]} (${year})`;
  if (authors.length === 2) return `${authors[0]} & ${authors[1]} (${year})`;
  if (authors.length > 2) return `${authors[0]} et al. (${year})`;
  const title = meta.title ?? meta.id;
  return `${title.length > 48 ? title.slice(0, 45).replace(/\s+\S*$/, '') + '…' : title} (${year})`;
}

/** The name readers know an instrument by: its first short name, else its official name. */
export function instrumentLabel(id: string, name: string, registry: readonly Instrument[]): string {
  return registry.find((r) => r.id === id)?.short?.[0] ?? name;
}

/**
 * A heading for a group of instruments of one kind (registry data, so any English noun): capitalised and plural, by
 * the regular English rules (`strategy` → `Strategies`, `action plan` → `Action plans`, `code of practice` → `Codes of
 * practice`); a kind already ending in `s` is taken as plural (`guidelines`).
 */
export function kindHeading(kind: string): string {
  const k = kind.trim();
  const of = /^(.+?)( of .+)$/i.exec(k);
  const plural = of ? pluralNoun(of[1]) + of[2] : pluralNoun(k);
  return plural.charAt(0).toUpperCase() + plural.slice(1);
}

function pluralNoun(noun: string): string {
  if (/s$/i.test(noun)) return noun;
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  return /(?:x|z|ch|sh)$/i.test(noun) ? `${noun}es` : `${noun}s`;
}
