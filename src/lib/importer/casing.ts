// Learns how the document writes each word mid-sentence, to recase an all-caps title or name without guessing.

import { isMostlyUppercase } from './headings.ts';

const TOKEN = /[\p{L}\p{M}\d]+(?:['’-][\p{L}\p{M}\d]+)*/gu;
const ROMAN = /^(?:II|III|IV|VI|VII|VIII|IX|XI|XII)$/u;

/** For each lowercased word, how often each spelling occurs away from a sentence start. */
export type CaseMap = Map<string, Map<string, number>>;

export function buildCaseMap(texts: string[]): CaseMap {
  const map: CaseMap = new Map();
  for (const text of texts) {
    let end = 0;
    let sentenceStart = true;
    for (const m of text.matchAll(TOKEN)) {
      const between = text.slice(end, m.index);
      if (/[.!?:]/u.test(between)) sentenceStart = true;
      end = m.index + m[0].length;
      if (!sentenceStart) {
        const key = m[0].toLowerCase();
        const forms = map.get(key) ?? new Map<string, number>();
        forms.set(m[0], (forms.get(m[0]) ?? 0) + 1);
        map.set(key, forms);
      }
      sentenceStart = false;
    }
  }
  return map;
}

/** The spelling the document uses most for `word` mid-sentence; lowercase wins ties; null when never seen. */
export function usualForm(word: string, map: CaseMap): string | null {
  const forms = map.get(word.toLowerCase());
  if (!forms) return null;
  let best: string | null = null;
  let bestCount = 0;
  for (const [form, count] of [...forms].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const better = count > bestCount || (count === bestCount && best !== null && form === form.toLowerCase());
    if (better) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Sentence-cases an all-caps title using the document's own spelling of each word
 * (`UNCRC` stays, `CHILD` becomes `child`); any other title is returned as printed.
 */
export function recaseTitle(title: string, map: CaseMap): string {
  if (!isMostlyUppercase(title)) return title;
  const recased = title.replace(TOKEN, (word) => {
    if (/\d/u.test(word) || ROMAN.test(word)) return word;
    return usualForm(word, map) ?? word.toLowerCase();
  });
  return recased.replace(/\p{L}/u, (ch) => ch.toUpperCase());
}

/** `PEREIRA` → `Pereira`, `SMITH-JONES` → `Smith-Jones`; mixed-case words are left alone. */
export function capitaliseName(word: string): string {
  if (word.length < 2 || word !== word.toUpperCase() || /\./u.test(word)) return word;
  return word.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}
