// Citations that found their entry but disagree with it: spelling, year, number of authors, `et al.`, equal candidates.
import { citeLabel } from '../resolve/index.ts';
import { entryProfile } from '../resolve/entry-names.ts';
import { splitCitedNames } from '../resolve/names.ts';
import type { BibEntry, CitationMismatch, Finding, ResolvedItem } from '../types.ts';
import { inOwnList } from './citations.ts';
import { paperPlace, printedReference, type CheckContext } from './context.ts';
import { finding, plural, type Place } from './finding.ts';
import { yearsIn } from './text.ts';

/** A year the entry's own title or printed reference states (so an undated entry is incomplete, not contradicted). */
function statesYear(entry: BibEntry, year: string): boolean {
  const y = Number(/^\d{4}/.exec(year)?.[0]);
  return yearsIn(`${entry.csl.title ?? ''} ${printedReference(entry)}`).some((found) => found.year === y);
}

function mismatchFinding(m: CitationMismatch, r: ResolvedItem, place: Place): Finding | null {
  const entry = r.entry as BibEntry;
  switch (m.kind) {
    case 'spelling':
      return finding('author-spelling', 'warning', place, r.item.text, `Cited as “${m.cited}”, but the reference list spells the name “${m.entry}”.`, r.suggestion);
    case 'year':
      if (m.entry === 'n.d.' && statesYear(entry, m.cited)) return null;
      return finding(
        'year-mismatch',
        'error',
        place,
        r.item.text,
        m.entry === 'n.d.' ? `Cited with the year ${m.cited}, but the reference entry has no year.` : `Cited with the year ${m.cited}, but the reference entry is dated ${m.entry}.`,
        r.suggestion,
      );
    case 'author-count':
      if (m.etAl) {
        return finding(
          'et-al-misuse',
          'warning',
          place,
          r.item.text,
          `“et al.” is used for a work of ${plural(m.entry, 'author')}; APA 7 names ${m.entry === 1 ? 'the author' : 'both authors'} every time.`,
          `write ${citeLabel(entry)}`,
        );
      }
      return finding(
        'author-count',
        'warning',
        place,
        r.item.text,
        `The citation names ${plural(m.cited, 'author')}, but the reference entry lists ${m.entry}.`,
        `write ${citeLabel(entry)}`,
      );
  }
}

/** APA 7: a work of three or more authors is cited by its first author and `et al.`, from the first citation on. */
function apaEtAl(r: ResolvedItem, place: Place): Finding | null {
  if (!r.entry || r.mismatches.some((m) => m.kind === 'author-count')) return null;
  const { names } = splitCitedNames(r.item.authors, r.item.etAl);
  const profile = entryProfile(r.entry);
  if (names.length < 2 || profile.count < 3) return null;
  return finding(
    'et-al-misuse',
    'note',
    place,
    r.item.text,
    `The citation lists ${names.length} names for a work of ${profile.count} or more authors; APA 7 cites it by the first author and “et al.”.`,
    `write ${citeLabel(r.entry)}`,
  );
}

export function checkMismatches(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const [paper, resolved] of ctx.resolved) {
    for (const { citation, items } of resolved) {
      for (const r of items) {
        if (!inOwnList(r)) continue;
        const place = paperPlace(ctx, paper, r.item.span.start, citation.sentence);
        if (!place) continue;
        if (r.status === 'ambiguous') {
          out.push(
            finding(
              'citation-ambiguous',
              'warning',
              place,
              r.item.text,
              `Several reference entries match this citation equally well: ${r.candidates.map(citeLabel).join(', ')}.`,
              'tell them apart with year letters (2019a, 2019b) in both the list and the text',
            ),
          );
          continue;
        }
        for (const m of r.mismatches) {
          const f = mismatchFinding(m, r, place);
          if (f) out.push(f);
        }
        const apa = apaEtAl(r, place);
        if (apa) out.push(apa);
      }
    }
  }
  return out;
}
