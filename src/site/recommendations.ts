// Recommendation groups for the pages: by theme (a parent theme includes its children), by actor, and those with no theme.
import type { Actor, IndexRecommendation, Theme } from '../lib/types.ts';

export interface RecGroup {
  /** URL segment: the theme id, `actor-<id>`, or `unthemed`. */
  id: string;
  label: string;
  list: IndexRecommendation[];
}

export function recommendationGroups(recs: readonly IndexRecommendation[], themes: readonly Theme[], actors: readonly Actor[]): RecGroup[] {
  const parents = new Map(themes.map((t) => [t.id, t.parent ?? null]));
  const groups: RecGroup[] = themes.map((t) => ({
    id: t.id,
    label: t.label,
    list: recs.filter((r) => r.themes.includes(t.id) || r.themes.some((x) => parents.get(x) === t.id)),
  }));
  for (const a of actors) groups.push({ id: `actor-${a.id}`, label: a.label, list: recs.filter((r) => r.actors.includes(a.id)) });
  groups.push({ id: 'unthemed', label: 'No theme recognised', list: recs.filter((r) => r.themes.length === 0) });
  return groups.filter((g) => g.list.length > 0);
}

export function paperCount(list: readonly IndexRecommendation[]): number {
  return new Set(list.map((r) => r.paper)).size;
}

export function say(list: readonly IndexRecommendation[]): string {
  const n = paperCount(list);
  return `${n} paper${n === 1 ? '' : 's'}, ${list.length} recommendation${list.length === 1 ? '' : 's'}`;
}
