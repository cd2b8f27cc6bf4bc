// Statistics quoted from the same source about the same thing: grouped, and flagged when their values differ.
import type { Finding, IndexStatistic } from '../types.ts';
import { cmp } from '../diagnostics.ts';
import type { CheckContext } from './context.ts';
import { finding } from './finding.ts';
import { contentWords, normalise, stem } from './text.ts';

/** What makes two statistics the same figure: the source (its works, else its text), what is measured, the unit. */
export function statisticKey(s: IndexStatistic): string | null {
  if (!s.source) return null;
  const source = s.source.works.length > 0 ? [...s.source.works].sort(cmp).join('+') : `text:${normalise(s.source.text.replace(/,?\s*(?:pp?|art|para)\.?\s*[\d\-–]+/gi, ''))}`;
  const about = contentWords(s.about).map(stem).join(' ');
  if (!about) return null;
  return `${source}\u0000${about}\u0000${normalise(s.unit)}`;
}

function slug(text: string, words: number): string {
  return normalise(text).split(' ').filter(Boolean).slice(0, words).join('-');
}

/** Group ids for statistics sharing a key with at least one other, by position in `statistics`. Ids are readable and stable. */
export function statisticGroups(statistics: readonly IndexStatistic[]): Map<number, string> {
  const byKey = new Map<string, number[]>();
  statistics.forEach((s, i) => {
    const key = statisticKey(s);
    if (key === null) return;
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  const groups = new Map<number, string>();
  const taken = new Map<string, number>();
  for (const key of [...byKey.keys()].sort(cmp)) {
    const members = byKey.get(key) as number[];
    if (members.length < 2) continue;
    const [source, about] = key.split('\u0000');
    const base = `${slug(source.replace(/^text:/, ''), 4)}--${slug(about, 4)}` || 'statistic';
    const n = (taken.get(base) ?? 0) + 1;
    taken.set(base, n);
    const id = n === 1 ? base : `${base}-${n}`;
    for (const i of members) groups.set(i, id);
  }
  return groups;
}

function sameValue(a: IndexStatistic, b: IndexStatistic): boolean {
  return a.value === b.value && (a.valueMax ?? null) === (b.valueMax ?? null);
}

export function checkStatistics(ctx: CheckContext, groups: ReadonlyMap<number, string>): Finding[] {
  const statistics = ctx.input.index.statistics;
  const byGroup = new Map<string, IndexStatistic[]>();
  for (const [i, id] of groups) byGroup.set(id, [...(byGroup.get(id) ?? []), statistics[i]]);
  const out: Finding[] = [];
  for (const members of byGroup.values()) {
    const first = members[0];
    for (const s of members.slice(1)) {
      if (sameValue(s, first)) continue;
      const file = ctx.papers.get(s.paper)?.file;
      if (!file || !s.source) continue;
      out.push(
        finding(
          'statistic-conflict',
          'warning',
          { paper: s.paper, file, line: s.line, column: s.column, sentence: s.sentence },
          s.text,
          `${s.source.text} is quoted for “${s.about}” as ${s.text} here, but as ${first.text} in ${first.paper} (line ${first.line}).`,
          'check the figure against the source and quote it the same way',
        ),
      );
    }
  }
  return out;
}
