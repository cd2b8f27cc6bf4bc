// Reference entries on their own: missing year, title or container, and the same work listed twice in one file.
import { normaliseDoi } from '../resolve/index.ts';
import { entryProfile } from '../resolve/entry-names.ts';
import { entryYear } from '../resolve/years.ts';
import type { BibEntry, Finding } from '../types.ts';
import { entryId, entryPlace, entryText, printedReference, type CheckContext } from './context.ts';
import { finding } from './finding.ts';
import { tokens, withoutAddresses, yearsIn } from './text.ts';

/** CSL types that are part of something else and name it in `container-title`. */
const NEEDS_CONTAINER: Record<string, string> = {
  'article-journal': 'journal',
  chapter: 'book',
  'paper-conference': 'proceedings',
};

const UNDATED = /^\s*(?:n\.?\s?d\.?|s\.?\s?d\.?|no date|undated)\s*$/i;

function explicitlyUndated(entry: BibEntry): boolean {
  const issued = entry.csl.issued;
  return UNDATED.test(String(issued?.literal ?? issued?.raw ?? '')) || /\byear\s*=\s*[{"]\s*n\.?\s?d\.?\s*[}"]/i.test(entry.raw);
}

/** Years the papers cite each entry with, by entry id. */
type CitedYears = Map<string, Set<number>>;

function citedYears(ctx: CheckContext): CitedYears {
  const years: CitedYears = new Map();
  for (const resolved of ctx.resolved.values()) {
    for (const { items } of resolved) {
      for (const r of items) {
        const year = r.item.year ? /^\d{4}/.exec(r.item.year) : null;
        if (!r.entry || !year) continue;
        const id = entryId(r.entry);
        years.set(id, new Set([...(years.get(id) ?? []), Number(year[0])]));
      }
    }
  }
  return years;
}

function yearSuggestion(entry: BibEntry, cited: ReadonlySet<number> | undefined): string {
  const stated = new Set(yearsIn(withoutAddresses(`${entry.csl.title ?? ''} ${printedReference(entry)}`)).map((y) => y.year));
  const both = [...(cited ?? [])].filter((y) => stated.has(y));
  if (both.length === 1) return `the text cites it as ${both[0]} and the entry's own text says ${both[0]}: add year = {${both[0]}}`;
  if (stated.size === 1) return `the entry's own text says ${[...stated][0]}: add year = {${[...stated][0]}} if that is its date`;
  return 'add its year, or write year = {n.d.} when it has none';
}

function missingFields(ctx: CheckContext, entry: BibEntry, cited: CitedYears): Finding[] {
  const out: Finding[] = [];
  const place = entryPlace(ctx, entry);
  const text = entryText(entry);
  if (entryYear(entry.csl).year === null && !explicitlyUndated(entry)) {
    out.push(finding('reference-missing-field', 'warning', place, text, `Reference entry \`${entry.key}\` has no year.`, yearSuggestion(entry, cited.get(entryId(entry)))));
  }
  if (!entry.csl.title?.trim()) {
    out.push(finding('reference-missing-field', 'warning', place, text, `Reference entry \`${entry.key}\` has no title.`, 'add title = {…}'));
  }
  const container = NEEDS_CONTAINER[entry.csl.type];
  if (container && !String(entry.csl['container-title'] ?? '').trim()) {
    out.push(
      finding('reference-missing-field', 'warning', place, text, `Reference entry \`${entry.key}\` (${entry.csl.type}) does not name its ${container}.`, `add the ${container} title`),
    );
  }
  return out;
}

/** Same DOI, or same first author, year and title words: one key per rule. */
function duplicateKeys(entry: BibEntry): string[] {
  const keys: string[] = [];
  const doi = normaliseDoi(entry.csl);
  if (doi) keys.push(`doi:${doi}`);
  const title = tokens(entry.csl.title ?? '').join(' ');
  if (title) {
    const profile = entryProfile(entry);
    const author = profile.count > 0 ? profile.names[0].compact[0] : '';
    const year = entryYear(entry.csl);
    keys.push(`aty:${author}\u0000${year.year ?? 'nd'}${year.suffix ?? ''}\u0000${title}`);
  }
  return keys;
}

export function checkReferences(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const cited = citedYears(ctx);
  for (const [file, entries] of ctx.entriesByFile) {
    const seen = new Map<string, BibEntry>();
    for (const entry of entries) {
      out.push(...missingFields(ctx, entry, cited));
      let first: BibEntry | undefined;
      let rule = '';
      for (const key of duplicateKeys(entry)) {
        const earlier = seen.get(key);
        if (earlier && !first) {
          first = earlier;
          rule = key.startsWith('doi:') ? 'the same DOI' : 'the same first author, year and title';
        }
        if (!earlier) seen.set(key, entry);
      }
      if (first) {
        out.push(
          finding(
            'reference-duplicate',
            'warning',
            entryPlace(ctx, entry),
            entryText(entry),
            `Entry \`${entry.key}\` has ${rule} as \`${first.key}\` (${file}:${first.line}).`,
            'keep one of the two entries and cite it by one key',
          ),
        );
      }
    }
  }
  return out;
}
