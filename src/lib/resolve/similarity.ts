// String similarity measures: bounded edit distance for names, token overlap for titles.
import { fold } from './names.ts';

// Rows of the distance table, reused between calls (names are compared by the million).
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent transpositions),
 * or `max + 1` as soon as it is known to exceed `max`. Only the band |i − j| ≤ max is computed.
 */
export function editDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  const over = max + 1;
  if (Math.abs(n - m) > max) return over;
  if (a === b) return 0;
  if (rows[0].length <= m) rows = [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)];
  let [before, previous, current] = rows;
  for (let j = 0; j <= m; j++) previous[j] = j <= max ? j : over;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    current[lo - 1] = lo === 1 && i <= max ? i : over;
    let rowMin = current[lo - 1];
    for (let j = lo; j <= hi; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, before[j - 2] + 1);
      }
      current[j] = d > over ? over : d;
      if (d < rowMin) rowMin = d;
    }
    if (hi < m) current[hi + 1] = over;
    if (rowMin > max) return over;
    [before, previous, current] = [previous, current, before];
  }
  return previous[m] <= max ? previous[m] : over;
}

/** Edits allowed between two compact names: 2, or 20% of the longer for long names, but at most a third of the shorter. */
export function allowedEdits(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  const shorter = Math.min(a.length, b.length);
  return Math.min(Math.max(2, Math.floor(longer * 0.2)), Math.floor(shorter / 3));
}

/** Lower-case folded words of a title. */
export function titleWords(title: string | undefined): string[] {
  if (!title) return [];
  return fold(title).toLowerCase().replace(/['’]/g, '').split(/[^a-z0-9]+/).filter(Boolean);
}

/** Two titles are the same title: word-set Jaccard ≥ 0.6, or one is a prefix (of two words or more) of the other. */
export function similarTitles(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 2 && short.every((w, i) => long[i] === w)) return true;
  const setA = new Set(a);
  const setB = new Set(b);
  let shared = 0;
  for (const w of setA) if (setB.has(w)) shared++;
  return shared / (setA.size + setB.size - shared) >= 0.6;
}
