// The whole pipeline as one function: ingest → extract → resolve → index → check. Used by the Astro loader and the CLI alike.
import { readCorpus, type IngestOptions } from './ingest/corpus.ts';
import { readKnowledge } from './ingest/knowledge.ts';
import { extractPaper } from './extract/index.ts';
import { resolveCitations } from './resolve/index.ts';
import { buildIndex } from './index/index.ts';
import { checkCorpus } from './check/index.ts';
import type { Knowledge } from './extract/index.ts';
import type { Corpus, CorpusIndex, Diagnostic, PaperExtraction, Result } from './types.ts';

export interface PipelineOptions extends IngestOptions {
  /** Instrument registry (YAML), relative to root. */
  instruments?: string;
  /** Recommendation themes, actors and cues (YAML), relative to root. */
  themes?: string;
  /** Called after each paper is extracted (progress on long work). */
  onProgress?: (done: number, total: number) => void;
}

export interface PipelineOutput {
  corpus: Corpus;
  knowledge: Knowledge;
  extractions: PaperExtraction[];
  index: CorpusIndex;
}

export const defaultKnowledgeFiles = { instruments: 'src/data/instruments.yaml', themes: 'src/data/themes.yaml' };

export function runPipeline(options: PipelineOptions): Result<PipelineOutput> {
  const diagnostics: Diagnostic[] = [];
  const ingest = readCorpus(options);
  diagnostics.push(...ingest.diagnostics);
  const knowledge = readKnowledge({
    root: options.root,
    instruments: options.instruments ?? defaultKnowledgeFiles.instruments,
    themes: options.themes ?? defaultKnowledgeFiles.themes,
  });
  diagnostics.push(...knowledge.diagnostics);
  const corpus = ingest.value;
  const extractions: PaperExtraction[] = [];
  corpus.papers.forEach((paper, i) => {
    extractions.push(extractPaper({ paper: paper.meta.id, body: paper.body }, knowledge.value));
    options.onProgress?.(i + 1, corpus.papers.length);
  });
  const resolved = resolveCitations(corpus, extractions, { instruments: knowledge.value.instruments });
  diagnostics.push(...resolved.diagnostics);
  const index = buildIndex({
    corpus,
    extractions,
    resolved: resolved.value,
    instruments: knowledge.value.instruments,
    themes: knowledge.value.themes,
    actors: knowledge.value.actors,
  });
  diagnostics.push(...index.diagnostics);
  const checked = checkCorpus(
    { corpus, extractions, index: index.value, instruments: knowledge.value.instruments, resolved: resolved.value },
    { registryFile: options.instruments ?? defaultKnowledgeFiles.instruments },
  );
  diagnostics.push(...checked.diagnostics);
  const checkedIndex = { ...index.value, statistics: checked.value.statistics, findings: checked.value.findings };
  return { value: { corpus, knowledge: knowledge.value, extractions, index: checkedIndex }, diagnostics };
}
