// An entry's year against the year its own text or the instrument registry gives the work: an event of 1998 dated (2005).
import { displayName } from '../resolve/entry-names.ts';
import { entryYear } from '../resolve/years.ts';
import type { BibEntry, Finding, Instrument } from '../types.ts';
import { entryPlace, entryText, printedReference, type CheckContext } from './context.ts';
import { finding } from './finding.ts';
import { bodyForm, type RegistryNames } from './registry-names.ts';
import { around, normalise, withoutAddresses, yearsIn } from './text.ts';

/** Works with a date of their own (an event, a declaration, a report), whose title may state it. */
const DATED_KIND = /\b(?:congress|conference|summit|declaration|convention|protocol|charter|treaty|covenant|report|agenda|assembly|meeting|forum|resolution|plan of action|action plan)\b/i;

/**
 * The registered instrument the entry is (not merely mentions): an entry with no personal author whose title opens
 * with the name, or whose author or title is the adopting body of the one instrument its text names.
 */
function instrumentOf(entry: BibEntry, names: RegistryNames): Instrument | null {
  const title = entry.csl.title ?? '';
  // A person's book titled after an instrument is a commentary on it, not the instrument.
  if ((entry.csl.author ?? []).some((a) => a.family && a.given)) return null;
  const opening = names.opensWith(title);
  if (opening) return opening;
  const who = new Set([title, ...(entry.csl.author ?? []).map(displayName)].map((s) => normalise(s).replace(/^the /, '')).filter(Boolean));
  const named = names.named(`${title} ${printedReference(entry)}`).map((n) => n.instrument);
  const byBody = [...new Set(named)].filter((i) => i.body && who.has(bodyForm(i)));
  return byBody.length === 1 ? byBody[0] : null;
}

export function checkReferenceYears(ctx: CheckContext, names: RegistryNames): Finding[] {
  const out: Finding[] = [];
  for (const entries of ctx.entriesByFile.values()) {
    for (const entry of entries) {
      const year = entryYear(entry.csl).year;
      if (year === null) continue;
      const instrument = instrumentOf(entry, names);
      if (instrument?.year !== undefined && instrument.year !== year) {
        out.push(
          finding(
            'reference-year-conflict',
            'warning',
            entryPlace(ctx, entry),
            entryText(entry),
            `Entry \`${entry.key}\` is dated ${year}, but it is ${instrument.name}, which dates from ${instrument.year}.`,
            `check the year: the instrument registry gives ${instrument.year}`,
          ),
        );
        continue;
      }
      // Conservative: a dated kind of work whose own text states exactly one other year, at least two years away.
      const own = withoutAddresses(`${entry.csl.title ?? ''} ${printedReference(entry)}`);
      const authors = (entry.csl.author ?? []).map(displayName).join(' ');
      if (!DATED_KIND.test(`${authors} ${own}`)) continue;
      const others = yearsIn(own).filter((y) => y.year !== year);
      const distinct = new Set(others.map((y) => y.year));
      if (distinct.size !== 1 || Math.abs(others[0].year - year) < 2) continue;
      out.push(
        finding(
          'reference-year-conflict',
          'warning',
          entryPlace(ctx, entry),
          entryText(entry),
          `Entry \`${entry.key}\` is dated ${year}, but its own text says ${others[0].year} (“${around(own, others[0].index)}”).`,
          `check which year the work carries: ${year} or ${others[0].year}`,
        ),
      );
    }
  }
  return out;
}
