// Per-build views over the corpus index: maps by paper and by work, computed once and shared by every page (pages never filter the whole index).
import { createHash } from 'node:crypto';
import { corpus, papers, type CorpusEntry } from './data.ts';
import { registerRelease } from './release.ts';
import { paperLabel } from '../lib/present/labels.ts';
import type { IndexCitation, IndexInstrument, IndexInstrumentMention, IndexStatistic, IndexWork } from '../lib/types.ts';

export interface PaperCounts {
  citations: number;
  instruments: number;
  statistics: number;
  recommendations: number;
}

/** What every statistics page shows above its slice of the table, computed once. */
export interface StatisticsOverview {
  /** Groups quoted by more than one paper or with different values, conflicts first, at most 200 (page 1 shows them). */
  shared: Array<[string, IndexStatistic[]]>;
  /** Groups whose values differ. */
  conflicting: Set<string>;
  /** Statistics that give a source. */
  sourced: number;
}

export interface Views {
  titles: Map<string, string>;
  worksById: Map<string, IndexWork>;
  /** Works in the order of their formatted reference. */
  worksSorted: IndexWork[];
  labels: Map<string, string>;
  citationsByPaper: Map<string, IndexCitation[]>;
  citationsByWork: Map<string, IndexCitation[]>;
  /** Citations naming each work, a citation counted once per time it names the work (the works list shows it). */
  timesCited: Map<string, number>;
  /** Per paper: the instruments it names, with its mentions of each. */
  instrumentsByPaper: Map<string, Array<{ i: IndexInstrument; mentions: IndexInstrumentMention[] }>>;
  counts: Map<string, PaperCounts>;
  themesByPaper: Map<string, string[]>;
  findingsByPaper: Map<string, CorpusEntry['index']['findings']>;
  /** Formatted references (HTML) by work id and by paper id. */
  formattedWork: (id: string) => string;
  formattedPaper: (id: string) => string;
  /**
   * Incremental builds: a key over everything a paper's or a work's page shows, so Astro re-renders the page only
   * when that changed (the code it depends on is tracked by Astro itself).
   */
  paperPageKey: (id: string, digest: string | undefined) => string;
  workPageKey: (id: string) => string;
  reportPageKey: (id: string, title: string) => string;
  /** Computed on first use (only the statistics pages need it). */
  statisticsOverview: () => StatisticsOverview;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

async function build(): Promise<Views> {
  const entry = await corpus();
  const list = await papers();
  const { index } = entry;
  const titles = new Map(list.map((p) => [p.id, p.data.meta.title ?? `Untitled (${p.id})`]));
  const labels = new Map(list.map((p) => [p.id, paperLabel(p.data.meta)]));
  const citationsByPaper = new Map<string, IndexCitation[]>();
  const citationsByWork = new Map<string, IndexCitation[]>();
  const timesCited = new Map<string, number>();
  for (const c of index.citations) {
    push(citationsByPaper, c.paper, c);
    for (const w of new Set(c.works)) push(citationsByWork, w, c);
    for (const w of c.works) timesCited.set(w, (timesCited.get(w) ?? 0) + 1);
  }
  const instrumentsByPaper = new Map<string, Array<{ i: IndexInstrument; mentions: IndexInstrumentMention[] }>>();
  for (const i of index.instruments) {
    const byPaper = new Map<string, IndexInstrumentMention[]>();
    for (const m of i.mentions) push(byPaper, m.paper, m);
    for (const [paper, mentions] of byPaper) push(instrumentsByPaper, paper, { i, mentions });
  }
  const counts = new Map<string, PaperCounts>();
  const count = (paper: string) => {
    let c = counts.get(paper);
    if (!c) counts.set(paper, (c = { citations: 0, instruments: 0, statistics: 0, recommendations: 0 }));
    return c;
  };
  for (const c of index.citations) count(c.paper).citations++;
  for (const [paper, list] of instrumentsByPaper) count(paper).instruments = list.reduce((n, x) => n + x.mentions.length, 0);
  for (const s of index.statistics) count(s.paper).statistics++;
  const themeSets = new Map<string, Set<string>>();
  for (const r of index.recommendations) {
    count(r.paper).recommendations++;
    let set = themeSets.get(r.paper);
    if (!set) themeSets.set(r.paper, (set = new Set()));
    for (const t of r.themes) set.add(t);
  }
  const findingsByPaper = new Map<string, CorpusEntry['index']['findings']>();
  for (const f of index.findings) push(findingsByPaper, f.paper ?? '', f);
  const formatted = entry.formatted ?? { works: {}, papers: {} };
  let overview: StatisticsOverview | null = null;
  const workById = new Map(index.works.map((w) => [w.id, w]));
  const worksSorted = [...index.works].sort((a, b) => (formatted.works[a.id] ?? '').localeCompare(formatted.works[b.id] ?? ''));
  return {
    titles,
    worksById: workById,
    worksSorted,
    labels,
    citationsByPaper,
    citationsByWork,
    timesCited,
    instrumentsByPaper,
    counts,
    themesByPaper: new Map([...themeSets].map(([p, s]) => [p, [...s]])),
    findingsByPaper,
    formattedWork: (id) => formatted.works[id] ?? '',
    formattedPaper: (id) => formatted.papers[id] ?? '',
    paperPageKey: (id, digest) => {
      const cites = citationsByPaper.get(id) ?? [];
      const works = [...new Set(cites.flatMap((c) => c.works))].sort().map((w) => workById.get(w)?.csl ?? null);
      const instruments = (instrumentsByPaper.get(id) ?? []).map(({ i, mentions }) => [i.id, i.name, mentions.length, mentions.flatMap((m) => m.articles)]);
      const fixed: unknown[] = [digest, formatted.papers[id], works, instruments, counts.get(id), themeSets.get(id) ? [...themeSets.get(id)!] : [], (findingsByPaper.get(id) ?? []).length, entry.style, entry.registry.map((r) => [r.id, r.short?.[0] ?? null]), entry.themes.map((t) => [t.id, t.label])];
      return key(fixed.concat(cites.map((c) => [c.works, c.status])));
    },
    reportPageKey: (id, title) => key([title as unknown].concat(findingsByPaper.get(id) ?? [])),
    statisticsOverview: () => (overview ??= statisticsOverview(index.statistics)),
    workPageKey: (id) => {
      const work = workById.get(id);
      const cites = citationsByWork.get(id) ?? [];
      const papersNamed = [...new Set([...(work?.citedBy ?? []), ...cites.map((c) => c.paper)])].sort().map((p) => titles.get(p));
      // Each quoted sentence once (a sentence can hold thousands of citations), hashed piece by piece.
      const quoted = [...new Set(cites.map((c) => `${c.paper}#${c.sentence}`))].map((k) => {
        const [paper, sentence] = k.split('#');
        return entry.sentences[paper]?.[sentence] ?? '';
      });
      return key([work, formatted.works[id], papersNamed as unknown].concat(cites, quoted));
    },
  };
}

function statisticsOverview(stats: readonly IndexStatistic[]): StatisticsOverview {
  const groups = new Map<string, IndexStatistic[]>();
  for (const s of stats) if (s.group) push(groups, s.group, s);
  const valueOf = (s: IndexStatistic) => `${s.value}${s.unit}`;
  const all = [...groups].filter(([, list]) => new Set(list.map((s) => s.paper)).size > 1 || new Set(list.map(valueOf)).size > 1);
  const conflicting = new Set(all.filter(([, list]) => new Set(list.map(valueOf)).size > 1).map(([g]) => g));
  // Conflicts first; capped so page 1 stays small on a large corpus.
  const shared = all.sort((a, b) => Number(conflicting.has(b[0])) - Number(conflicting.has(a[0]))).slice(0, 200);
  return { shared, conflicting, sourced: stats.filter((s) => s.source).length };
}

/** A hash over the parts, fed one at a time so no single huge string is built (pages' cache keys). */
export function key(parts: readonly unknown[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(JSON.stringify(part) ?? 'undefined').update('\u0000');
  return hash.digest('hex').slice(0, 32);
}

let memo: Promise<Views> | null = null;
registerRelease(() => (memo = null));

/** The views, built once per build (rebuilt on every call in dev, where the content can change under the server). */
export function views(): Promise<Views> {
  if (import.meta.env.DEV) return build();
  return (memo ??= build());
}
