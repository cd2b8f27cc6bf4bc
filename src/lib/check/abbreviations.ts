// Abbreviations cited as authors (`ABC, 2020`) before the paper introduces them (`Agency for Better Care [ABC]`).
import { displayName } from '../resolve/entry-names.ts';
import { isAcronym, normaliseName, splitCitedNames } from '../resolve/names.ts';
import type { Finding } from '../types.ts';
import { paperPlace, type CheckContext } from './context.ts';
import { finding } from './finding.ts';
import type { Place } from './finding.ts';

/** Words skipped when reading an abbreviation off a name's initials. */
const SKIP = new Set(['of', 'on', 'for', 'and', 'the', 'against', 'in', 'to', 'at', 'de', 'des', 'du', 'la', 'le', 'et', 'y', '&']);

/** `(ABBR)` or `[ABBR]` in prose; the words before it are read separately. */
const BRACKETED = /[\[(]([\p{Lu}][\p{Lu}\p{N}&.\-]{1,15})[\])]/gu;

/** Normalised letters of an abbreviation: `U.N.` → `un`. */
function letters(abbreviation: string): string {
  return normaliseName(abbreviation).replace(/ /g, '');
}

/** True when the abbreviation is the initials of the last words of the name before it. */
function spellsOut(name: string, abbreviation: string): boolean {
  const target = letters(abbreviation);
  const words = name.trim().split(/\s+/).filter((w) => !SKIP.has(w.toLowerCase()));
  if (words.length < target.length) return false;
  return normaliseName(words.slice(words.length - target.length).map((w) => w[0]).join('')) === target;
}

/** Offsets where the paper's prose introduces abbreviations. */
function proseIntroductions(body: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const m of body.matchAll(BRACKETED)) {
    const key = letters(m[1]);
    if (found.has(key) || !isAcronym(m[1])) continue;
    const before = body.slice(Math.max(0, m.index - 200), m.index);
    if (spellsOut(before.replace(/[^\p{L}\p{N}'’.\-&]+/gu, ' '), m[1])) found.set(key, m.index);
  }
  return found;
}

/** Abbreviations the reference list itself uses as (the first word of) an author name: `WHO`, `ABC International`. */
function listedAbbreviations(ctx: CheckContext, paper: string): Set<string> {
  const file = ctx.ownFile.get(paper);
  const out = new Set<string>();
  for (const entry of file ? (ctx.entriesByFile.get(file) ?? []) : []) {
    for (const name of entry.csl.author ?? []) {
      const written = displayName(name);
      const first = written.split(/\s+/)[0] ?? '';
      if (isAcronym(written)) out.add(letters(written));
      if (isAcronym(first)) out.add(letters(first));
    }
  }
  return out;
}

interface Use {
  place: Place;
  text: string;
  offset: number;
  abbreviation: string;
  /** The entry's author the citation resolved to, when it is spelt out there. */
  fullName: string | null;
}

export function checkAbbreviations(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const [paper, resolved] of ctx.resolved) {
    const body = ctx.papers.get(paper)?.body;
    if (body === undefined) continue;
    const introduced = proseIntroductions(body);
    const fullNames = new Map<string, string>();
    const firstUse = new Map<string, Use>();
    for (const { citation, items } of resolved) {
      for (const r of items) {
        const name = splitCitedNames(r.item.authors, r.item.etAl).names[0];
        if (r.item.introduces) {
          const key = letters(r.item.introduces);
          const at = r.item.span.start;
          if ((introduced.get(key) ?? Infinity) > at) introduced.set(key, at);
          if (name && !fullNames.has(key)) fullNames.set(key, name);
          continue;
        }
        if (!name || !isAcronym(name)) continue;
        const key = letters(name);
        if (firstUse.has(key)) continue;
        const place = paperPlace(ctx, paper, r.item.span.start, citation.sentence);
        if (!place) continue;
        const author = r.entry?.csl.author?.[0];
        // A surname set in capitals (`SMITH, 2019`, as some styles print it) is a person, not an abbreviation.
        if (author?.family && author.given) continue;
        const written = author ? displayName(author) : '';
        // The list itself names the author by an abbreviation (`ABC International` cited as `ABCD`): a spelling matter, not an introduction.
        if (r.scope === 'own' && (isAcronym(written) || isAcronym(written.split(/\s+/)[0] ?? ''))) continue;
        firstUse.set(key, { place, text: r.item.text, offset: r.item.span.start, abbreviation: name, fullName: written && !isAcronym(written) ? written : null });
      }
    }
    const listed = listedAbbreviations(ctx, paper);
    for (const [key, use] of firstUse) {
      if (listed.has(key)) continue;
      const at = introduced.get(key);
      if (at !== undefined && at <= use.offset) continue;
      const later = at !== undefined ? ctx.at(paper, at) : null;
      const full = fullNames.get(key) ?? use.fullName;
      out.push(
        finding(
          'abbreviation-before-introduction',
          'warning',
          use.place,
          use.text,
          later
            ? `The abbreviation ${use.abbreviation} is used before the paper introduces it on line ${later.line}.`
            : `The abbreviation ${use.abbreviation} is used but the paper never introduces it with its full name.`,
          full ? `write “${full} [${use.abbreviation}]” at its first use` : `spell out ${use.abbreviation} at its first use, followed by [${use.abbreviation}]`,
        ),
      );
    }
  }
  return out;
}
