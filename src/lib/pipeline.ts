// The whole pipeline as one function: ingest → extract → resolve → index → check. Used by the Astro loader and the CLI alike.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readCorpus, type IngestOptions } from './ingest/corpus.ts';
import { readKnowledge } from './ingest/knowledge.ts';
import { extractPaper } from './extract/index.ts';
import { resolveCitations } from './resolve/index.ts';
import { buildIndex } from './index/index.ts';
import { checkCorpus } from './check/index.ts';
import { extractInWorkers } from './parallel/extract-pool.ts';
import { hashOf, type EntryCache } from './cache.ts';
import type { Knowledge } from './extract/index.ts';
import type { Corpus, CorpusIndex, Diagnostic, PaperExtraction, Result } from './types.ts';

export interface PipelineOptions extends IngestOptions {
  /** Instrument registry (YAML), relative to root. */
  instruments?: string;
  /** Recommendation themes, actors and cues (YAML), relative to root. */
  themes?: string;
  /** Called after each paper is extracted (progress on long work). */
  onProgress?: (done: number, total: number) => void;
  /** Extractions kept between runs, keyed by paper id and body (see `extractionKey`). */
  cache?: { store: EntryCache<PaperExtraction>; version: string };
}

export interface ParallelOptions extends PipelineOptions {
  /** Worker threads for extraction: a number, or `auto` (every core, only when at least `minPapers` papers need extracting). */
  threads?: number | 'auto';
  /** Fewer papers than this to extract stay on the calling thread (default 200). */
  minPapers?: number;
  /** The worker entry module; default: `parallel/extract-worker.ts` beside this file. */
  workerFile?: URL | string;
  /** Told why extraction stayed on one thread when workers were wanted. */
  onNote?: (message: string) => void;
}

export interface PipelineOutput {
  corpus: Corpus;
  knowledge: Knowledge;
  extractions: PaperExtraction[];
  index: CorpusIndex;
  /** How many extractions came from the cache. */
  cached: number;
}

export const defaultKnowledgeFiles = { instruments: 'src/data/instruments.yaml', themes: 'src/data/themes.yaml' };

interface Prepared {
  corpus: Corpus;
  knowledge: Knowledge;
  diagnostics: Diagnostic[];
  files: { instruments: string; themes: string };
  /** Extractions found in the cache (by paper index), and the keys of the others. */
  found: Array<PaperExtraction | undefined>;
  keys: string[];
}

function prepare(options: PipelineOptions): Prepared {
  const diagnostics: Diagnostic[] = [];
  const ingest = readCorpus(options);
  diagnostics.push(...ingest.diagnostics);
  const files = { instruments: options.instruments ?? defaultKnowledgeFiles.instruments, themes: options.themes ?? defaultKnowledgeFiles.themes };
  const knowledge = readKnowledge({ root: options.root, ...files });
  diagnostics.push(...knowledge.diagnostics);
  const corpus = ingest.value;
  const keys = options.cache ? corpus.papers.map((p) => extractionKey(options.cache!.version, knowledge.value, p.meta.id, p.body)) : [];
  const found = options.cache ? keys.map((k) => options.cache!.store.get(k)) : corpus.papers.map(() => undefined);
  return { corpus, knowledge: knowledge.value, diagnostics, files, found, keys };
}

/** Cache key of one paper's extraction: code version, knowledge (registry, themes), paper id and body. */
function extractionKey(version: string, knowledge: Knowledge, paper: string, body: string): string {
  return hashOf(version, knowledgeDigest(knowledge), paper, body);
}

const digests = new WeakMap<Knowledge, string>();
function knowledgeDigest(k: Knowledge): string {
  let d = digests.get(k);
  if (!d) {
    // The data the matchers are compiled from; the compiling code is covered by the cache version.
    d = hashOf(JSON.stringify({ instruments: k.instruments, referenceWords: k.referenceWords, themes: k.themes, actors: k.actors, cues: k.cues, heads: [...k.heads] }));
    digests.set(k, d);
  }
  return d;
}

function store(options: PipelineOptions, p: Prepared, i: number, e: PaperExtraction): void {
  if (options.cache && !p.found[i]) options.cache.store.set(p.keys[i], e);
}

/** Single-threaded: every paper extracted on the calling thread (or read from the cache). */
export function runPipeline(options: PipelineOptions): Result<PipelineOutput> {
  const p = prepare(options);
  const extractions = p.corpus.papers.map((paper, i) => {
    const e = p.found[i] ?? extractPaper({ paper: paper.meta.id, body: paper.body }, p.knowledge);
    store(options, p, i, e);
    options.onProgress?.(i + 1, p.corpus.papers.length);
    return e;
  });
  return finish(options, p, extractions);
}

/** As `runPipeline`, with extraction spread over worker threads when there is enough to extract; the result is the same. */
export async function runPipelineParallel(options: ParallelOptions): Promise<Result<PipelineOutput>> {
  const p = prepare(options);
  const total = p.corpus.papers.length;
  const todo = p.corpus.papers.map((_, i) => i).filter((i) => !p.found[i]);
  const threads = options.threads === undefined || options.threads === 'auto' ? Math.min(availableParallelism(), 8) : options.threads;
  const workerFile = options.workerFile ?? new URL('./parallel/extract-worker.ts', import.meta.url);
  const workerExists = typeof workerFile === 'string' ? existsSync(workerFile) : workerFile.protocol === 'file:' && existsSync(fileURLToPath(workerFile));
  let extracted: PaperExtraction[] | null = null;
  let done = total - todo.length;
  if (done > 0) options.onProgress?.(done, total);
  if (threads > 1 && todo.length >= (options.minPapers ?? 200)) {
    if (!workerExists) options.onNote?.(`extraction worker not found at ${String(workerFile)}; extracting on one thread`);
    else {
      try {
        extracted = await extractInWorkers(
          todo.map((i) => ({ paper: p.corpus.papers[i].meta.id, body: p.corpus.papers[i].body })),
          { root: options.root, ...p.files, threads, workerFile, onDone: (n) => options.onProgress?.((done += n), total) },
        );
      } catch (error) {
        options.onNote?.(`extraction workers failed (${(error as Error).message}); extracting on one thread`);
        extracted = null;
        done = total - todo.length;
      }
    }
  }
  const extractions = p.found.slice() as PaperExtraction[];
  todo.forEach((i, k) => {
    const paper = p.corpus.papers[i];
    extractions[i] = extracted ? extracted[k] : extractPaper({ paper: paper.meta.id, body: paper.body }, p.knowledge);
    store(options, p, i, extractions[i]);
    if (!extracted) options.onProgress?.(++done, total);
  });
  return finish(options, p, extractions);
}

function finish(options: PipelineOptions, p: Prepared, extractions: PaperExtraction[]): Result<PipelineOutput> {
  const { corpus, knowledge, diagnostics } = p;
  const resolved = resolveCitations(corpus, extractions, { instruments: knowledge.instruments });
  diagnostics.push(...resolved.diagnostics);
  const index = buildIndex({
    corpus,
    extractions,
    resolved: resolved.value,
    instruments: knowledge.instruments,
    themes: knowledge.themes,
    actors: knowledge.actors,
  });
  diagnostics.push(...index.diagnostics);
  const checked = checkCorpus(
    { corpus, extractions, index: index.value, instruments: knowledge.instruments, resolved: resolved.value },
    { registryFile: p.files.instruments },
  );
  diagnostics.push(...checked.diagnostics);
  const checkedIndex = { ...index.value, statistics: checked.value.statistics, findings: checked.value.findings };
  const cached = p.found.filter(Boolean).length;
  return { value: { corpus, knowledge, extractions, index: checkedIndex, cached }, diagnostics };
}
