// Reads person names: reference-list authors (`Surname, I.`) and bylines (`Dr. Jane Q. Doe¹*`).

import type { CslName } from '../types.ts';
import { capitaliseName, type CaseMap } from './casing.ts';
import { HONORIFICS, INITIALS, SECTION_NAMES, SURNAME } from './patterns.ts';

const ET_AL = /[,\s]{0,4}\*?\bet\s+al\b\.?\*?[.,]{0,3}$/u;
const AND_SEPARATOR = /,?\s+(?:&|and)\s+/gu;

/** `Surname, I., Other, J. *et al.*` → people, or null when the text is not such a list. */
export function parsePeople(text: string): { names: CslName[]; etAl: boolean } | null {
  const etAl = ET_AL.test(text);
  const body = text.replace(ET_AL, '').replace(AND_SEPARATOR, ', ').trim().replace(/,$/u, '');
  const tokens = body.split(/,\s*/u).map((t) => t.trim());
  if (tokens.length < 2 || tokens.length % 2 === 1) return null;
  const names: CslName[] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    const family = tokens[i];
    const given = tokens[i + 1].replace(/\s+/gu, ' ');
    if (!SURNAME.test(family) || !INITIALS.test(given)) return null;
    names.push({ family, given });
  }
  return { names, etAl };
}

const MARKERS = /[⁰¹²³⁴⁵⁶⁷⁸⁹*†‡§#]+|(?<=\p{L})\d+(?:,\d+)*/gu;
const NAME_PARTICLES = new Set(['van', 'von', 'de', 'da', 'del', 'der', 'den', 'di', 'du', 'la', 'le', 'dos', 'das', 'bin', 'ibn', 'al']);
const NAME_TOKEN = /^(?:\p{Lu}\.(?:-?\p{Lu}\.)*|\p{Lu}[\p{L}\p{M}'’]*(?:-\p{Lu}[\p{L}\p{M}'’]*)*)$/u;

/** Superscript markers attached to a byline name (they link it to an affiliation footnote). */
export function nameMarkers(text: string): string[] {
  return [...text.matchAll(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu)].map((m) => m[0]);
}

/**
 * A byline name cleaned of markers and honorifics, or null when the text is not a person's name.
 * A word the document writes in lowercase mid-sentence (`Research`, `Article`) is not part of a name.
 */
export function bylineName(text: string, caseMap: CaseMap): string | null {
  let name = text.replace(MARKERS, '').replace(/\s+/gu, ' ').trim();
  for (let previous = ''; previous !== name; ) {
    previous = name;
    name = name.replace(HONORIFICS, '');
  }
  name = name.replace(/[,;.]$/u, '').trim();
  const tokens = name.split(' ').filter((t) => t !== '');
  if (tokens.length < 2 || tokens.length > 5) return null;
  if (SECTION_NAMES.has(name.toLowerCase())) return null;
  let words = 0;
  for (const token of tokens) {
    if (NAME_PARTICLES.has(token)) continue;
    if (!NAME_TOKEN.test(token)) return null;
    if (isCommonWord(token, caseMap)) return null;
    if (!/^\p{Lu}\.$/u.test(token)) words++;
  }
  if (words < 1) return null;
  return tokens.map((t) => (NAME_PARTICLES.has(t) ? t : capitaliseName(t))).join(' ');
}

/** True when the document writes `word` in lowercase mid-sentence more often than any other way. */
function isCommonWord(word: string, caseMap: CaseMap): boolean {
  const forms = caseMap.get(word.toLowerCase());
  if (!forms) return false;
  const lower = forms.get(word.toLowerCase()) ?? 0;
  let other = 0;
  for (const [form, count] of forms) if (form !== word.toLowerCase()) other += count;
  return lower > 0 && lower >= other;
}
