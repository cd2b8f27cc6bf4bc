// Index stage: corpus, extractions and resolved citations → one CorpusIndex (the corpus.json model), sorted for byte-identical output.
import type {
  Actor,
  Corpus,
  CorpusIndex,
  Diagnostic,
  IndexCitation,
  IndexPaper,
  IndexWork,
  Instrument,
  PaperExtraction,
  ResolvedCitation,
  Result,
  Theme,
} from '../types.ts';
import { cmp, diagnostic } from '../diagnostics.ts';
import { buildCitations } from './citations.ts';
import { buildInstruments } from './instruments.ts';
import { locator } from './positions.ts';
import { buildRecommendations } from './recommendations.ts';
import { buildStatistics } from './statistics.ts';
import { buildWorks } from './works.ts';

export interface IndexInput {
  corpus: Corpus;
  extractions: PaperExtraction[];
  resolved: ResolvedCitation[];
  /** The instrument registry. */
  instruments: Instrument[];
  themes: Theme[];
  actors: Actor[];
  /** Told the works and citations as soon as they are known, before the rest of the index is built. */
  onWorks?: (works: IndexWork[], citations: IndexCitation[]) => void;
}

export function buildIndex(input: IndexInput): Result<CorpusIndex> {
  const { corpus, extractions, resolved } = input;
  const diagnostics: Diagnostic[] = [];
  const locate = locator(corpus.papers);

  const known = new Set(corpus.papers.map((p) => p.meta.id));
  const unknown = new Set(extractions.map((e) => e.paper).filter((id) => !known.has(id)));

  const papers: IndexPaper[] = corpus.papers
    .map((p) => ({
      id: p.meta.id,
      title: p.meta.title,
      authors: p.meta.authors.map((a) => a.name),
      year: p.meta.year,
      file: p.file,
      source: p.meta.source,
      supplied: [...p.meta.supplied].sort(cmp),
    }))
    .sort((a, b) => cmp(a.id, b.id));

  const { works, workOf } = buildWorks(corpus, resolved);
  const { citations, worksBySpan, unknownPapers } = buildCitations(resolved, workOf, locate);
  input.onWorks?.(works, citations);
  for (const id of unknownPapers) unknown.add(id);
  const instruments = buildInstruments(extractions, input.instruments, locate);
  diagnostics.push(...instruments.diagnostics);

  for (const id of [...unknown].sort(cmp)) {
    diagnostics.push(diagnostic('warning', 'index-unknown-paper', `mentions of unknown paper "${id}" left out of the index`, id));
  }

  return {
    value: {
      papers,
      works,
      citations,
      instruments: instruments.instruments,
      statistics: buildStatistics(extractions, worksBySpan, locate),
      recommendations: buildRecommendations(extractions, locate),
      findings: [],
      themes: input.themes.map((t) => ({ id: t.id, label: t.label, parent: t.parent ?? null })).sort((a, b) => cmp(a.id, b.id)),
      actors: input.actors.map((a) => ({ id: a.id, label: a.label })).sort((a, b) => cmp(a.id, b.id)),
    },
    diagnostics,
  };
}
