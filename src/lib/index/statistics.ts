// Statistic rows of the index, each with the works its source citation links.
import type { IndexStatistic, PaperExtraction } from '../types.ts';
import { spanKey } from './citations.ts';
import { byPaperPosition, type Locate } from './positions.ts';

export function buildStatistics(
  extractions: readonly PaperExtraction[],
  worksBySpan: ReadonlyMap<string, string[]>,
  locate: Locate,
): IndexStatistic[] {
  const rows: IndexStatistic[] = [];
  for (const extraction of extractions) {
    for (const s of extraction.statistics) {
      const position = locate(s.paper, s.span.start);
      if (!position) continue;
      rows.push({
        paper: s.paper,
        text: s.text,
        value: s.value,
        valueMax: s.valueMax,
        kind: s.kind,
        unit: s.unit,
        qualifier: s.qualifier,
        about: s.about,
        source: s.source
          ? { text: s.source.text, works: worksBySpan.get(spanKey(s.paper, s.source.span.start, s.source.span.end)) ?? [] }
          : null,
        line: position.line,
        column: position.column,
        sentence: s.sentence,
      });
    }
  }
  return rows.sort(byPaperPosition);
}
