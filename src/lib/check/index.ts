// The consistency check stage: every family of checks over the corpus and its index, in a fixed order, findings sorted.
import type { Finding, IndexStatistic, Result } from '../types.ts';
import { checkAbbreviations } from './abbreviations.ts';
import { checkCitations } from './citations.ts';
import { createContext, type CheckInput } from './context.ts';
import { sortFindings } from './finding.ts';
import { checkInstrumentConflicts } from './instrument-conflicts.ts';
import { checkInstruments } from './instruments.ts';
import { checkLinks } from './links.ts';
import { checkMismatches } from './mismatches.ts';
import { checkReferenceYears } from './reference-years.ts';
import { checkReferences } from './references.ts';
import { registryNames } from './registry-names.ts';
import { checkStatistics, statisticGroups } from './statistics.ts';
import { checkWorks } from './works.ts';

export { coverage, type Coverage } from './coverage.ts';
export { countFindings, sortFindings } from './finding.ts';
export { statisticGroups, statisticKey } from './statistics.ts';
export { malformedDois } from './links.ts';
export type { CheckInput } from './context.ts';

export interface CheckOptions {
  /** The registry file named in suggestions (`add it to …`). */
  registryFile?: string;
}

export interface CheckOutput {
  findings: Finding[];
  /** The index's statistics, each with its `group` set when it shares source and subject with another. */
  statistics: IndexStatistic[];
}

export function checkCorpus(input: CheckInput, options: CheckOptions = {}): Result<CheckOutput> {
  const ctx = createContext(input);
  const names = registryNames(input.instruments);
  const groups = statisticGroups(input.index.statistics);
  const conflicts = checkInstrumentConflicts(ctx, names);
  const findings = [
    ...checkCitations(ctx, names),
    ...checkMismatches(ctx),
    ...checkAbbreviations(ctx),
    ...checkReferences(ctx),
    ...checkLinks(ctx),
    ...checkReferenceYears(ctx, names),
    ...checkWorks(ctx),
    ...checkStatistics(ctx, groups),
    ...conflicts.findings,
    ...checkInstruments(ctx, conflicts.explained, options.registryFile ?? 'src/data/instruments.yaml'),
  ];
  const statistics = input.index.statistics.map((s, i) => {
    const group = groups.get(i);
    return group ? { ...s, group } : s;
  });
  return { value: { findings: sortFindings(findings), statistics }, diagnostics: [] };
}
