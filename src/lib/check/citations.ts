// Citations against the paper's own reference list: cited works with no entry, entries never cited, papers with no list.
import { citeLabel } from '../resolve/index.ts';
import { splitCitedNames } from '../resolve/names.ts';
import { entryYear } from '../resolve/years.ts';
import type { BibEntry, Finding, ResolvedItem } from '../types.ts';
import {
  entryId,
  entryPlace,
  entryText,
  hasReferenceList,
  paperHead,
  paperPlace,
  printedReference,
  type CheckContext,
} from './context.ts';
import { finding, plural } from './finding.ts';
import type { RegistryNames } from './registry-names.ts';
import { contentWords, yearsIn } from './text.ts';

/** True when the item found its entry where the paper keeps its references (a pandoc key may live in any file). */
export function inOwnList(r: ResolvedItem): boolean {
  return r.status !== 'unresolved' && (r.item.key !== null || r.scope === 'own');
}

interface Unlinked {
  r: ResolvedItem;
  line: number;
  finding: Finding;
}

/** Words naming a cited item or an entry, for guessing which uncited entry an unresolved citation meant. */
function itemWords(r: ResolvedItem): Set<string> {
  return new Set(contentWords(splitCitedNames(r.item.authors, r.item.etAl).names.join(' ')));
}

function entryWords(entry: BibEntry): Set<string> {
  const printed = printedReference(entry);
  // The printed reference up to its date names the author (or the body) even when the BibTeX lost it.
  const head = printed.split(/\(\s*(?:1[5-9]\d\d|20\d\d|n\.\s?d\.)/)[0] ?? '';
  const names = (entry.csl.author ?? []).map((n) => n.literal ?? n.family ?? '').join(' ');
  return new Set(contentWords(`${names} ${entry.csl.title ?? ''} ${head}`));
}

/** The years an item may mean: the year cited, else years written inside the cited name (`Strategy 2020-2025`). */
function itemYears(r: ResolvedItem): number[] {
  const year = r.item.year ? /^\d{4}/.exec(r.item.year) : null;
  if (year) return [Number(year[0])];
  return yearsIn(r.item.authors.join(' ')).map((y) => y.year);
}

/** Pairs each unresolved item with the uncited entry it most likely meant: same year, most shared words, no tie. */
function likelyPairs(unlinked: readonly Unlinked[], uncited: readonly BibEntry[]): Map<Unlinked, BibEntry> {
  const byYear = new Map<number, BibEntry[]>();
  for (const entry of uncited) {
    const year = entryYear(entry.csl).year;
    if (year !== null) byYear.set(year, [...(byYear.get(year) ?? []), entry]);
  }
  const pairs = new Map<Unlinked, BibEntry>();
  for (const u of unlinked) {
    const words = itemWords(u.r);
    let best: BibEntry | null = null;
    let bestScore = 0;
    let tied = false;
    for (const year of itemYears(u.r)) {
      for (const entry of byYear.get(year) ?? []) {
        let score = 0;
        for (const w of entryWords(entry)) if (words.has(w)) score++;
        if (score > bestScore) {
          best = entry;
          bestScore = score;
          tied = false;
        } else if (score === bestScore && score > 0 && entry !== best) tied = true;
      }
    }
    if (best && !tied) pairs.set(u, best);
  }
  return pairs;
}

export function checkCitations(ctx: CheckContext, names: RegistryNames): Finding[] {
  const out: Finding[] = [];
  for (const paper of ctx.papers.keys()) {
    const resolved = ctx.resolved.get(paper) ?? [];
    const withList = hasReferenceList(ctx, paper);
    const own = ctx.ownFile.get(paper) ?? null;
    const cited = new Set<string>();
    const unlinked: Unlinked[] = [];
    for (const { citation, items } of resolved) {
      for (const r of items) {
        if (inOwnList(r)) {
          for (const e of r.entry ? [r.entry] : r.candidates) cited.add(entryId(e));
          continue;
        }
        const place = paperPlace(ctx, paper, r.item.span.start, citation.sentence);
        if (!place) continue;
        const elsewhere = r.entry ?? r.candidates[0] ?? null;
        let suggestion = r.suggestion && r.item.key !== null ? r.suggestion : null;
        if (!suggestion && elsewhere) {
          suggestion = `${elsewhere.file} lists ${citeLabel(elsewhere)}; ${withList ? "add it to this paper's reference list" : 'give the paper a reference list'}`;
        }
        const f = finding(
          'citation-unresolved',
          withList ? 'error' : 'warning',
          place,
          r.item.text,
          withList
            ? `No entry of the paper's reference list (${own}) matches this citation.`
            : 'The paper has no reference list, so no entry backs this citation.',
          suggestion,
        );
        out.push(f);
        unlinked.push({ r, line: place.line, finding: f });
      }
    }
    const head = paperHead(ctx, paper);
    if (!withList && unlinked.length > 0 && head) {
      out.push(
        finding(
          'reference-list-missing',
          'note',
          head,
          '',
          `The paper makes ${plural(unlinked.length, 'citation')} but has no reference list, so none of them can be checked.`,
          `add bibliography/${paper}.bib or name the paper's list with \`bibliography:\` in its front matter`,
        ),
      );
    }
    if (withList && own) out.push(...uncitedEntries(ctx, names, paper, own, cited, unlinked));
  }
  return out;
}

/** Entries of the paper's own list that no citation reaches, each with the unresolved citation that probably meant it. */
function uncitedEntries(ctx: CheckContext, names: RegistryNames, paper: string, own: string, cited: Set<string>, unlinked: Unlinked[]): Finding[] {
  const uncited = (ctx.entriesByFile.get(own) ?? []).filter((e) => !cited.has(entryId(e)));
  const meantBy = new Map<BibEntry, Unlinked>();
  for (const [u, entry] of likelyPairs(unlinked, uncited)) {
    if (!meantBy.has(entry)) meantBy.set(entry, u);
    if (!u.finding.suggestion) u.finding.suggestion = `perhaps the entry printed as “${entryText(entry)}” (${entry.file}:${entry.line})`;
  }
  // A list shared by several papers: an entry is uncited only when none of them cites it; reported once, from the first.
  const sharers = ctx.owners.get(own) ?? [];
  if (sharers.length > 1 && sharers[0] !== paper) return [];
  const citedByAny = sharers.length > 1 ? sharerCitations(ctx, sharers) : cited;
  const mentioned = instrumentLines(ctx, paper);
  const out: Finding[] = [];
  for (const entry of uncited) {
    if (citedByAny.has(entryId(entry))) continue;
    const u = meantBy.get(entry);
    const instrument = names.opensWith(entry.csl.title ?? '') ?? names.opensWith(printedReference(entry));
    const namedAt = instrument ? mentioned.get(instrument.id) : undefined;
    out.push(
      finding(
        'reference-uncited',
        'warning',
        entryPlace(ctx, entry),
        entryText(entry),
        namedAt !== undefined
          ? `This entry is never cited, though the text names the instrument on line ${namedAt}.`
          : "This entry of the paper's reference list is never cited in the text.",
        u ? `perhaps cited as “${u.r.item.text}” on line ${u.line}, which matches no entry` : 'cite it where the text relies on it, or remove it from the list',
      ),
    );
  }
  return out;
}

/** First line on which a paper mentions each registered instrument. */
function instrumentLines(ctx: CheckContext, paper: string): Map<string, number> {
  const lines = new Map<string, number>();
  for (const m of ctx.extractions.get(paper)?.instruments ?? []) {
    if (!m.registered || lines.has(m.instrument)) continue;
    const at = ctx.at(paper, m.span.start);
    if (at) lines.set(m.instrument, at.line);
  }
  return lines;
}

function sharerCitations(ctx: CheckContext, papers: readonly string[]): Set<string> {
  const cited = new Set<string>();
  for (const paper of papers) {
    for (const { items } of ctx.resolved.get(paper) ?? []) {
      for (const r of items) if (inOwnList(r)) for (const e of r.entry ? [r.entry] : r.candidates) cited.add(entryId(e));
    }
  }
  return cited;
}
