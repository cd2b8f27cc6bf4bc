// Resolution stage: every cited item of every paper → a bibliography entry, with status, mismatches and a suggestion.
import type {
  BibEntry,
  CitationMention,
  CitedItem,
  Corpus,
  Diagnostic,
  Paper,
  PaperExtraction,
  ResolvedCitation,
  ResolvedItem,
  Result,
  Instrument,
} from '../types.ts';
import { instrumentNames, resolveByInstrument } from './instrument-route.ts';
import { diagnostic } from '../diagnostics.ts';
import { choose, type Candidate, type Outcome } from './choose.ts';
import { suggestEntry } from './describe.ts';
import { createLookup, ownBibliographyFile, type BibliographyLookup } from './lookup.ts';
import { defaultMatch, firstNameAlternatives, type MatchContext, type MatchStrategy } from './match.ts';
import { normaliseName, splitCitedNames } from './names.ts';

export interface ResolveOptions {
  /** How an author–year item is compared with an entry; `defaultMatch` when absent. */
  match?: MatchStrategy;
  /** The instrument registry: lets `(Short Name, 2000)` resolve to the entry titled with the instrument's official name. */
  instruments?: readonly Instrument[];
}

/** Abbreviations a paper introduces (`Full Name [ABBR]`): normalised abbreviation → full name. First introduction wins. */
export function introducedAbbreviations(citations: readonly CitationMention[]): Map<string, string> {
  const abbreviations = new Map<string, string>();
  for (const citation of citations) {
    for (const item of citation.items) {
      if (!item.introduces) continue;
      const full = splitCitedNames(item.authors, item.etAl).names[0];
      const key = normaliseName(item.introduces);
      if (full && key && !abbreviations.has(key)) abbreviations.set(key, full);
    }
  }
  return abbreviations;
}

function unresolved(item: CitedItem, suggestion: string | null = null): ResolvedItem {
  return { item, status: 'unresolved', entry: null, candidates: [], mismatches: [], suggestion, scope: null };
}

function fromOutcome(item: CitedItem, outcome: Outcome, scope: 'own' | 'corpus'): ResolvedItem {
  const suggestion = outcome.status === 'mismatch' && outcome.entry ? suggestEntry(outcome.entry) : null;
  return { item, ...outcome, suggestion, scope };
}

/** Pandoc `@key`: exact (case-sensitive) key, own file first. An unknown key is unresolved, never guessed. */
function resolveKey(item: CitedItem, key: string, lookup: BibliographyLookup, ownFile: string | null): ResolvedItem {
  const entry = lookup.byKey(key, ownFile);
  if (entry) {
    return { item, status: 'resolved', entry, candidates: [], mismatches: [], suggestion: null, scope: entry.file === ownFile ? 'own' : 'corpus' };
  }
  const near = lookup.byKeyIgnoringCase(key);
  return unresolved(item, near ? `did you mean @${near.key}?` : null);
}

/** Citations of all papers resolved against the bibliographies of the corpus. One result per mention, one item per cited item. */
export function resolveCitations(
  corpus: Corpus,
  extractions: readonly PaperExtraction[],
  options: ResolveOptions = {},
): Result<ResolvedCitation[]> {
  const resolver = createResolver(corpus, options);
  const value: ResolvedCitation[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const extraction of extractions) {
    const r = resolver.resolvePaper(extraction);
    // One at a time: a paper may hold more citations than a spread call takes arguments.
    for (const v of r.value) value.push(v);
    for (const d of r.diagnostics) diagnostics.push(d);
  }
  return { value, diagnostics };
}

/**
 * Resolution one paper at a time, in any order (the pipeline resolves each paper as its extraction comes back from the
 * workers): a paper's result does not depend on which papers were resolved before it.
 */
export function createResolver(corpus: Corpus, options: ResolveOptions = {}): { resolvePaper(extraction: PaperExtraction): Result<ResolvedCitation[]> } {
  const match = options.match ?? defaultMatch;
  const lookup = createLookup(corpus);
  const files = new Set(corpus.bibliographies.map((b) => b.file));
  const papers = new Map<string, Paper>(corpus.papers.map((p) => [p.meta.id, p]));
  // The corpus-wide search is the costly one and repeats across papers: remember it per question.
  const corpusAnswers = new Map<string, Outcome | null>();
  const instruments = instrumentNames(options.instruments ?? []);

  const resolvePaper = (extraction: PaperExtraction): Result<ResolvedCitation[]> => {
    const diagnostics: Diagnostic[] = [];
    const paper = papers.get(extraction.paper);
    let ownFile: string | null = null;
    if (!paper) {
      diagnostics.push(diagnostic('warning', 'resolve-unknown-paper', `extraction for unknown paper "${extraction.paper}"`, extraction.paper));
    } else {
      ownFile = ownBibliographyFile(paper, files);
      if (paper.meta.bibliography !== null && ownFile === null) {
        diagnostics.push(diagnostic('warning', 'bibliography-missing', `bibliography "${paper.meta.bibliography}" not found`, paper.file));
      }
    }
    const ownEntries = lookup.entriesOf(ownFile);
    const context: MatchContext = { abbreviations: introducedAbbreviations(extraction.citations) };

    const matchAll = (item: CitedItem, entries: Iterable<BibEntry>): Candidate[] => {
      const found: Candidate[] = [];
      for (const entry of entries) {
        const m = match(item, entry, context);
        if (m) found.push({ entry, match: m });
      }
      return found;
    };

    const resolveItem = (item: CitedItem): ResolvedItem => {
      if (item.key !== null) return resolveKey(item, item.key, lookup, ownFile);
      const own = choose(item, matchAll(item, ownEntries));
      if (own) return fromOutcome(item, own, 'own');
      const ownInstrument = resolveByInstrument(item, instruments, ownEntries);
      if (ownInstrument) return fromOutcome(item, ownInstrument, 'own');
      // Only clean name–year matches count outside the own list (another paper's entry is no evidence of this
      // paper's misspelling or wrong year), so entries sharing a name key are all the candidates there are.
      // Own entries were not acceptable above and cannot be here, so the answer does not depend on the paper.
      const alternatives = firstNameAlternatives(item, context);
      const question = JSON.stringify([item.authors, item.etAl, item.year, alternatives]);
      let answer = corpusAnswers.get(question);
      if (answer === undefined) {
        const clean = matchAll(item, lookup.candidates(alternatives)).filter((c) => c.match.mismatches.every((m) => m.kind === 'author-count'));
        answer = choose(item, clean);
        corpusAnswers.set(question, answer);
      }
      return answer ? fromOutcome(item, answer, 'corpus') : unresolved(item);
    };

    return { value: extraction.citations.map((citation) => ({ citation, items: citation.items.map(resolveItem) })), diagnostics };
  };
  return { resolvePaper };
}
