// How much of the corpus holds together: counts over the index, for the CLI and the report page.
import type { CorpusIndex } from '../types.ts';

export interface Coverage {
  citations: number;
  /** Citations whose every item resolved cleanly. */
  citationsResolved: number;
  /** Citations linked to at least one reference entry (mismatches included). */
  citationsLinked: number;
  /** Works (reference entries merged across files). */
  references: number;
  referencesCited: number;
  statistics: number;
  statisticsSourced: number;
  instrumentMentions: number;
  instrumentMentionsRegistered: number;
  recommendations: number;
}

export function coverage(index: CorpusIndex): Coverage {
  let mentions = 0;
  let registered = 0;
  for (const i of index.instruments) {
    mentions += i.mentions.length;
    if (i.registered) registered += i.mentions.length;
  }
  return {
    citations: index.citations.length,
    citationsResolved: index.citations.filter((c) => c.status === 'resolved').length,
    citationsLinked: index.citations.filter((c) => c.works.length > 0).length,
    references: index.works.length,
    referencesCited: index.works.filter((w) => w.citedBy.length > 0).length,
    statistics: index.statistics.length,
    statisticsSourced: index.statistics.filter((s) => s.source !== null).length,
    instrumentMentions: mentions,
    instrumentMentionsRegistered: registered,
    recommendations: index.recommendations.length,
  };
}
