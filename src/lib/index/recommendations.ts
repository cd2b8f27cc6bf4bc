// Recommendation rows of the index, grouped across papers by primary theme and primary actor.
import type { IndexRecommendation, PaperExtraction, RecommendationMention } from '../types.ts';
import { byPaperPosition, type Locate } from './positions.ts';

/** `theme/actor` from the first theme and first actor, `general` for a missing one: `legal-reform/states`. */
export function recommendationGroup(mention: Pick<RecommendationMention, 'themes' | 'actors'>): string {
  return `${mention.themes[0] ?? 'general'}/${mention.actors[0] ?? 'general'}`;
}

export function buildRecommendations(extractions: readonly PaperExtraction[], locate: Locate): IndexRecommendation[] {
  const rows: IndexRecommendation[] = [];
  for (const extraction of extractions) {
    for (const r of extraction.recommendations) {
      const position = locate(r.paper, r.span.start);
      if (!position) continue;
      rows.push({
        paper: r.paper,
        text: r.text,
        actors: r.actors,
        themes: r.themes,
        group: recommendationGroup(r),
        line: position.line,
        column: position.column,
        sentence: r.sentence,
      });
    }
  }
  return rows.sort(byPaperPosition);
}
