// Extraction quality: compare the pipeline's output for a paper with hand-made gold annotations (precision, recall, resolution).
import type { CorpusIndex, PaperExtraction, Sentence } from '../types.ts';

export interface GoldItem {
  authors?: string[];
  year?: string | null;
  locator?: string | null;
  /** "<first author or organisation as in the reference list> <year>", or null when the list has no entry. */
  reference: string | null;
  status?: string;
}

export interface GoldFile {
  paper: string;
  citations: { text: string; context: string; narrative?: boolean; items: GoldItem[] }[];
  instruments: { text: string; instrument: string; articles: string[]; context: string }[];
  statistics: { text: string; value: number; unit?: string; context: string; source?: string | null }[];
  recommendations: { context: string; actors?: string[]; themes?: string[] }[];
}

export interface Score {
  gold: number;
  found: number;
  matched: number;
  precision: number;
  recall: number;
}

export interface PaperScore {
  paper: string;
  citations: Score;
  /** Items of matched citations whose resolution agrees with the gold (right entry, or rightly none). */
  resolution: { items: number; correct: number; rate: number };
  instruments: Score;
  statistics: Score;
  recommendations: Score;
  /** Gold items the pipeline missed and found items the gold lacks, for debugging. */
  misses: string[];
}

export const norm = (s: string): string =>
  s.normalize('NFC').replace(/[*_]/g, '').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').trim();

const fold = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

function score(gold: number, found: number, matched: number): Score {
  return { gold, found, matched, precision: found === 0 ? (gold === 0 ? 1 : 0) : matched / found, recall: gold === 0 ? 1 : matched / gold };
}

/** The sentence whose text contains the gold context (or, failing that, its first 25 characters). */
function locate(sentences: { s: Sentence; text: string }[], context: string): string | null {
  const c = norm(context);
  const hit = sentences.find((x) => x.text.includes(c)) ?? sentences.find((x) => x.text.includes(c.slice(0, 25)));
  return hit ? hit.s.id : null;
}

/** One-to-one greedy matching of gold items to found items that satisfy `same`. */
function match<G, F>(gold: G[], found: F[], same: (g: G, f: F) => boolean): [G, F][] {
  const used = new Set<number>();
  const pairs: [G, F][] = [];
  for (const g of gold) {
    const i = found.findIndex((f, k) => !used.has(k) && same(g, f));
    if (i >= 0) {
      used.add(i);
      pairs.push([g, found[i]]);
    }
  }
  return pairs;
}

export function scorePaper(gold: GoldFile, extraction: PaperExtraction, index: CorpusIndex): PaperScore {
  const sentences = extraction.sentences.map((s) => ({ s, text: norm(s.text) }));
  const misses: string[] = [];
  const where = new Map<string, string | null>();
  const at = (context: string) => {
    if (!where.has(context)) where.set(context, locate(sentences, context));
    return where.get(context)!;
  };

  // Citations: same sentence, same text (whitespace-normalised).
  const cites = extraction.citations;
  const citePairs = match(gold.citations, cites, (g, f) => at(g.context) === f.sentence && norm(g.text) === norm(f.text));
  for (const g of gold.citations) if (!citePairs.some(([x]) => x === g)) misses.push(`citation missed: ${g.text}`);
  for (const f of cites) if (!citePairs.some(([, x]) => x === f)) misses.push(`citation extra: ${f.text}`);

  // Resolution: the index row of each matched citation, item by item.
  const rows = index.citations.filter((c) => c.paper === extraction.paper);
  const works = new Map(index.works.map((w) => [w.id, w]));
  let items = 0;
  let correct = 0;
  for (const [g, f] of citePairs) {
    const row = rows.find((r) => r.sentence === f.sentence && r.text === f.text);
    g.items.forEach((gi, k) => {
      items++;
      const itemWorks = row?.items?.[k]?.works ?? (g.items.length === 1 ? (row?.works ?? []) : []);
      const status = row?.items?.[k]?.status ?? row?.status;
      const ok = gi.reference === null ? itemWorks.length === 0 : itemWorks.length > 0 && status !== 'ambiguous' && sameReference(gi.reference, works.get(itemWorks[0])?.csl);
      if (ok) correct++;
      else misses.push(`resolution wrong: ${g.text} → expected ${gi.reference ?? 'none'}, got ${itemWorks.join(',') || 'none'}`);
    });
  }

  // Instruments: same sentence, same instrument (any unregistered one for gold `unregistered`), same articles.
  const inst = extraction.instruments;
  const instPairs = match(gold.instruments, inst, (g, f) =>
    at(g.context) === f.sentence &&
    (g.instrument === 'unregistered' ? !f.registered : g.instrument === f.instrument) &&
    sameSet(g.articles, f.articles),
  );
  for (const g of gold.instruments) if (!instPairs.some(([x]) => x === g)) misses.push(`instrument missed: ${g.text} [${g.instrument}] ${g.articles.join(',')}`);
  for (const f of inst) if (!instPairs.some(([, x]) => x === f)) misses.push(`instrument extra: ${f.text} [${f.instrument}] ${f.articles.join(',')}`);

  // Statistics: same sentence, same value.
  const stats = extraction.statistics;
  const statPairs = match(gold.statistics, stats, (g, f) => at(g.context) === f.sentence && g.value === f.value);
  for (const g of gold.statistics) if (!statPairs.some(([x]) => x === g)) misses.push(`statistic missed: ${g.text}`);
  for (const f of stats) if (!statPairs.some(([, x]) => x === f)) misses.push(`statistic extra: ${f.text}`);

  // Recommendations: the recommending sentence or list item.
  const recs = extraction.recommendations;
  const recPairs = match(gold.recommendations, recs, (g, f) => at(g.context) === f.sentence || norm(f.text).includes(norm(g.context)));
  for (const g of gold.recommendations) if (!recPairs.some(([x]) => x === g)) misses.push(`recommendation missed: ${g.context}`);
  for (const f of recs) if (!recPairs.some(([, x]) => x === f)) misses.push(`recommendation extra: ${f.text.slice(0, 80)}`);

  return {
    paper: gold.paper,
    citations: score(gold.citations.length, cites.length, citePairs.length),
    resolution: { items, correct, rate: items === 0 ? 1 : correct / items },
    instruments: score(gold.instruments.length, inst.length, instPairs.length),
    statistics: score(gold.statistics.length, stats.length, statPairs.length),
    recommendations: score(gold.recommendations.length, recs.length, recPairs.length),
    misses,
  };
}

function sameSet(a: string[], b: string[]): boolean {
  const x = [...new Set(a)].sort().join(',');
  const y = [...new Set(b)].sort().join(',');
  return x === y;
}

/** Does a work match "<first author or organisation> <year>"? Names compared folded; the year must agree. */
function sameReference(reference: string, csl: { author?: { family?: string; literal?: string }[]; title?: string; note?: string; issued?: { 'date-parts'?: (number | string)[][] } } | undefined): boolean {
  if (!csl) return false;
  const m = /^(.*?)\s+(\d{4}[a-z]?|n\.d\.)$/.exec(reference.trim());
  const who = fold(m ? m[1] : reference);
  const year = m ? m[2] : null;
  const first = csl.author?.[0];
  // An entry with no author is cited by its title (APA), so the gold names it by its title.
  const name = fold(first?.literal ?? first?.family ?? csl.title ?? '');
  const y = csl.issued?.['date-parts']?.[0]?.[0];
  const nameOk = name !== '' && (name === who || name.startsWith(who) || who.startsWith(name));
  const printed = `${csl.title ?? ''} ${csl.note ?? ''}`;
  const yearOk = year === null || (y !== undefined ? year.startsWith(String(y)) : year === 'n.d.' || printed.includes(year));
  return nameOk && yearOk;
}

/** Micro-averaged totals over papers. */
export function totals(scores: PaperScore[]): Omit<PaperScore, 'paper' | 'misses'> {
  const sum = (k: 'citations' | 'instruments' | 'statistics' | 'recommendations') => {
    const g = scores.reduce((n, s) => n + s[k].gold, 0);
    const f = scores.reduce((n, s) => n + s[k].found, 0);
    const m = scores.reduce((n, s) => n + s[k].matched, 0);
    return score(g, f, m);
  };
  const items = scores.reduce((n, s) => n + s.resolution.items, 0);
  const correct = scores.reduce((n, s) => n + s.resolution.correct, 0);
  return {
    citations: sum('citations'),
    resolution: { items, correct, rate: items === 0 ? 1 : correct / items },
    instruments: sum('instruments'),
    statistics: sum('statistics'),
    recommendations: sum('recommendations'),
  };
}
