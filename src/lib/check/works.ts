// One work listed in several bibliographies with different metadata: another year, another title.
import { normaliseDoi, sameWork, workIdentity } from '../resolve/index.ts';
import { entryYear, formatYear } from '../resolve/years.ts';
import type { BibEntry, Finding, IndexWork } from '../types.ts';
import { entryPlace, entryText, type CheckContext } from './context.ts';
import { finding } from './finding.ts';
import { tokens } from './text.ts';

/** The entries merged into a work: those with one of its keys that are the same work (by DOI, or author, year and title). */
function members(work: IndexWork, byKey: ReadonlyMap<string, BibEntry[]>): BibEntry[] {
  const doi = normaliseDoi(work.csl);
  const identity = workIdentity({ key: work.id, csl: work.csl, file: '', line: 0, raw: '' });
  return work.keys
    .flatMap((k) => byKey.get(k) ?? [])
    .filter((e) => (doi !== null && normaliseDoi(e.csl) === doi) || sameWork(workIdentity(e), identity));
}

export function checkWorks(ctx: CheckContext): Finding[] {
  const byKey = new Map<string, BibEntry[]>();
  for (const entries of ctx.entriesByFile.values()) for (const e of entries) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  const out: Finding[] = [];
  for (const work of ctx.input.index.works) {
    if (work.keys.length < 2) continue;
    const list = members(work, byKey);
    const first = list[0];
    if (!first) continue;
    const year = formatYear(entryYear(first.csl));
    const title = tokens(first.csl.title ?? '').join(' ');
    for (const other of list.slice(1)) {
      if (other.file === first.file) continue;
      const otherYear = formatYear(entryYear(other.csl));
      const otherTitle = tokens(other.csl.title ?? '').join(' ');
      const where = `${first.file}:${first.line}`;
      if (otherYear !== year) {
        out.push(
          finding(
            'work-metadata-conflict',
            'warning',
            entryPlace(ctx, other),
            entryText(other),
            `The same work is dated ${otherYear} here but ${year} in ${where} (\`${first.key}\`).`,
            'check the work’s date and use it in both lists',
          ),
        );
      }
      if (title && otherTitle && otherTitle !== title) {
        out.push(
          finding(
            'work-metadata-conflict',
            'warning',
            entryPlace(ctx, other),
            entryText(other),
            `The same work is titled “${other.csl.title}” here but “${first.csl.title}” in ${where} (\`${first.key}\`).`,
            'check the title against the work and use it in both lists',
          ),
        );
      }
    }
  }
  return out;
}
