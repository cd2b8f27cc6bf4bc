// Stable, readable work ids (`surname-2015-firstword`) derived from a work's own content.
import type { CslItem } from '../types.ts';
import { displayName } from '../resolve/entry-names.ts';
import { fold } from '../resolve/names.ts';
import { titleWords } from '../resolve/similarity.ts';
import { entryYear, formatYear } from '../resolve/years.ts';
import { cmp } from '../diagnostics.ts';

const ARTICLES = new Set(['the', 'a', 'an']);

function slugWords(text: string, max: number): string {
  return fold(text).toLowerCase().replace(/['’.]/g, '').split(/[^a-z0-9]+/).filter(Boolean).slice(0, max).join('-');
}

/** `branza-2015-tratat`: first author (at most three words), year (`nd` when none), first title word that is not an article. */
export function workSlug(csl: CslItem): string {
  const first = csl.author?.[0] ?? csl.editor?.[0];
  const who = (first && slugWords(displayName(first), 3)) || 'anon';
  const year = formatYear(entryYear(csl)).replace('n.d.', 'nd');
  const word = titleWords(csl.title).find((w) => !ARTICLES.has(w)) ?? 'untitled';
  return `${who}-${year}-${word}`;
}

/**
 * Ids for works given their slugs and a content key each: a slug shared by several works goes, in
 * content-key order, to the first as is, then `-2`, `-3`… Adding an unrelated work changes no id.
 */
export function assignWorkIds(works: readonly { slug: string; content: string }[]): string[] {
  const bySlug = new Map<string, number[]>();
  works.forEach((w, i) => {
    const members = bySlug.get(w.slug);
    if (members) members.push(i);
    else bySlug.set(w.slug, [i]);
  });
  const taken = new Set(bySlug.keys());
  const ids = new Array<string>(works.length);
  for (const [slug, members] of bySlug) {
    members.sort((a, b) => cmp(works[a].content, works[b].content) || a - b);
    ids[members[0]] = slug;
    let n = 2;
    for (const i of members.slice(1)) {
      while (taken.has(`${slug}-${n}`)) n++;
      ids[i] = `${slug}-${n}`;
      taken.add(ids[i]);
      n++;
    }
  }
  return ids;
}
