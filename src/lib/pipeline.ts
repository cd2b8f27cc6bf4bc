// The whole pipeline as one function: ingest → extract → resolve → index → check. Used by the Astro loader and the CLI alike.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bibliographyFiles, completeCorpus, readBibtexFile, readCorpus, readPapers, relativePath, type IngestOptions } from './ingest/corpus.ts';
import { readKnowledge } from './ingest/knowledge.ts';
import { extractPaper } from './extract/index.ts';
import { createResolver, resolveCitations } from './resolve/index.ts';
import { buildIndex } from './index/index.ts';
import { checkCorpus } from './check/index.ts';
import { createPool, type Pool, type WorkerSetup } from './parallel/pool.ts';
import { hashOf, type EntryCache } from './cache.ts';
import type { Knowledge } from './extract/index.ts';
import type { Bibliography, Corpus, CorpusIndex, Diagnostic, IndexCitation, IndexWork, PaperExtraction, ResolvedCitation, Result } from './types.ts';

export interface PipelineOptions extends IngestOptions {
  /** Instrument registry (YAML), relative to root. */
  instruments?: string;
  /** Recommendation themes, actors and cues (YAML), relative to root. */
  themes?: string;
  /** Called after each paper is extracted (progress on long work). */
  onProgress?: (done: number, total: number) => void;
  /** Called as each stage ends, with its wall time in milliseconds (the benchmark prints them). */
  onStage?: (stage: 'bibtex' | 'ingest' | 'extract' | 'resolve' | 'index' | 'check', ms: number) => void;
  /**
   * Called with the works and citations as soon as they are indexed, before the rest of the index and the checks (the
   * loader has the works' references formatted on the workers meanwhile, in the order the papers cite them).
   */
  onWorks?: (works: IndexWork[], citations: IndexCitation[]) => void;
  /**
   * Results kept between runs: extractions keyed by paper id and body (see `extractionKey`), parsed BibTeX files keyed
   * by path and bytes. Each `version` is a hash of the code that produces the results.
   */
  cache?: {
    store: EntryCache<PaperExtraction>;
    version: string;
    bibtex?: { store: EntryCache<Result<Bibliography | null>>; version: string };
  };
}

export interface ParallelOptions extends PipelineOptions {
  /** Worker threads: a number, or `auto` (every core, up to 8, only when the corpus has at least `minPapers` papers). */
  threads?: number | 'auto';
  /** Fewer papers than this stay on the calling thread (default 200). */
  minPapers?: number;
  /** The worker entry module; default: `parallel/worker.ts` beside this file. */
  workerFile?: URL | string;
  /** Told why work stayed on one thread when workers were wanted. */
  onNote?: (message: string) => void;
  /** A pool to use (the caller closes it); otherwise one is started for this run when worth it, and closed after. */
  pool?: Pool | null;
  /**
   * Called when every paper is extracted, before indexing and checking run on this thread: the pool's workers are free
   * from then on (the loader starts formatting the papers' references there).
   */
  onExtracted?: (corpus: Corpus) => void;
}

export interface PipelineOutput {
  corpus: Corpus;
  knowledge: Knowledge;
  extractions: PaperExtraction[];
  index: CorpusIndex;
  /** How many extractions came from the cache. */
  cached: number;
  /**
   * Paper id → the key its extraction is cached under (code version, knowledge, id, body): equal keys mean equal
   * extractions, so a consumer can tell that an extraction changed without serialising it. Empty without a cache.
   */
  extractionKeys: Map<string, string>;
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

function prepare(options: PipelineOptions, ingest: Result<Corpus> = readCorpus(options)): Prepared {
  const diagnostics: Diagnostic[] = [...ingest.diagnostics];
  const files = knowledgeFiles(options);
  const knowledge = readKnowledge({ root: options.root, ...files });
  diagnostics.push(...knowledge.diagnostics);
  const corpus = ingest.value;
  const keys = options.cache ? corpus.papers.map((p) => extractionKey(options.cache!.version, knowledge.value, p.meta.id, p.body)) : [];
  const found = options.cache ? keys.map((k) => options.cache!.store.get(k)) : corpus.papers.map(() => undefined);
  return { corpus, knowledge: knowledge.value, diagnostics, files, found, keys };
}

/** Wall time of each stage, reported through `onStage`. */
function stageClock(options: PipelineOptions): (stage: Parameters<NonNullable<PipelineOptions['onStage']>>[0]) => void {
  let last = performance.now();
  return (stage) => {
    const now = performance.now();
    options.onStage?.(stage, now - last);
    last = now;
  };
}

function knowledgeFiles(options: PipelineOptions): { instruments: string; themes: string } {
  return { instruments: options.instruments ?? defaultKnowledgeFiles.instruments, themes: options.themes ?? defaultKnowledgeFiles.themes };
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

/**
 * Start a worker pool when the corpus is large enough to pay for it (at least `minPapers` entries in the papers folder)
 * and there is more than one core; null otherwise, or when the workers cannot start (told through `onNote`).
 */
export function startPool(options: ParallelOptions, style?: WorkerSetup['style']): Pool | null {
  const threads = options.threads === undefined || options.threads === 'auto' ? Math.min(availableParallelism(), 8) : options.threads;
  if (threads < 2) return null;
  const papersDir = path.resolve(options.root, options.papers ?? 'papers');
  let entries = 0;
  try {
    entries = readdirSync(papersDir).length;
  } catch {
    return null;
  }
  if (entries < (options.minPapers ?? 200)) return null;
  const workerFile = options.workerFile ?? new URL('./parallel/worker.ts', import.meta.url);
  const workerExists = typeof workerFile === 'string' ? existsSync(workerFile) : workerFile.protocol === 'file:' && existsSync(fileURLToPath(workerFile));
  if (!workerExists) {
    options.onNote?.(`worker file not found at ${String(workerFile)}; working on one thread`);
    return null;
  }
  const pool = createPool(workerFile, { root: options.root, ...knowledgeFiles(options), style }, threads);
  // Without extractions to reuse (no cache, or an empty one: a first build) every paper goes to the workers, so they
  // start now and load their modules while this thread reads the papers. Otherwise they start with the first task: a
  // rebuild whose extractions and references are all cached needs none.
  if (!options.cache || options.cache.store.empty?.()) pool.warm();
  return pool;
}

/**
 * As `runPipeline`, with extraction spread over worker threads when the corpus is large; the result is the same. The
 * papers are read first and their extraction queued on the workers; meanwhile this thread parses the BibTeX files and
 * resolves each paper as soon as it and the papers before it are extracted.
 */
export async function runPipelineParallel(options: ParallelOptions): Promise<Result<PipelineOutput>> {
  const own = options.pool === undefined ? startPool(options) : null;
  const pool = options.pool ?? own;
  const lap = stageClock(options);
  try {
    // Ids and bodies are final here (`completeCorpus` only adds BibTeX), so extraction can be keyed and queued now.
    const papers = readPapers(options);
    const p = prepare(options, { value: { papers: papers.value, bibliographies: [] }, diagnostics: [] });
    const total = p.corpus.papers.length;
    const todo = p.corpus.papers.map((_, i) => i).filter((i) => !p.found[i]);
    let done = total - todo.length;
    if (done > 0) options.onProgress?.(done, total);
    const extractions = p.found.slice();

    // Papers are resolved in order (as `resolveCitations` does), each once it and those before it are extracted.
    let resolver: ReturnType<typeof createResolver> | null = null;
    let settled = false;
    const resolved: Array<Result<ResolvedCitation[]>> = [];
    const resolveReady = (): void => {
      if (!resolver) return;
      for (let i = resolved.length; i < total && extractions[i]; i++) resolved.push(resolver.resolvePaper(extractions[i]!));
    };

    const extracting =
      pool && todo.length >= Math.min(options.minPapers ?? 200, 32)
        ? pool.run(
            'extract',
            todo.map((i) => ({ paper: p.corpus.papers[i].meta.id, body: p.corpus.papers[i].body })),
            (n, start, results) => {
              // A batch that comes back after the workers failed and this thread took over is not needed.
              if (settled) return;
              results.forEach((e, k) => {
                extractions[todo[start + k]] = e;
                store(options, p, todo[start + k], e);
              });
              options.onProgress?.((done += n), total);
              resolveReady();
            },
          )
        : null;
    // Handled below; without a handler now, a failure while this thread waits for the BibTeX would count as unhandled.
    extracting?.catch(() => undefined);

    // The BibTeX files are parsed here while the workers extract (see readBibtexFiles).
    lap('ingest');
    const bibtex = await readBibtexFiles(options);
    lap('bibtex');
    const ingest = completeCorpus(papers, { ...options, bibtex });
    p.corpus = ingest.value;
    p.diagnostics = [...ingest.diagnostics, ...p.diagnostics];
    resolver = createResolver(p.corpus, { instruments: p.knowledge.instruments });
    resolveReady();

    if (extracting) {
      try {
        await extracting;
      } catch (error) {
        options.onNote?.(`extraction workers failed (${(error as Error).message}); extracting on one thread`);
      }
    }
    settled = true;
    for (const i of todo) {
      if (extractions[i]) continue;
      const paper = p.corpus.papers[i];
      extractions[i] = extractPaper({ paper: paper.meta.id, body: paper.body }, p.knowledge);
      store(options, p, i, extractions[i]);
      options.onProgress?.(++done, total);
    }
    lap('extract');
    options.onExtracted?.(p.corpus);
    resolveReady();
    const all = extractions as PaperExtraction[];
    return finish(options, p, all, lap, { value: resolved.flatMap((r) => r.value), diagnostics: resolved.flatMap((r) => r.diagnostics) });
  } finally {
    await own?.close();
  }
}

/**
 * The bibliography folder's BibTeX files, from the cache (by path and bytes) or parsed here, while the workers extract
 * the papers: parsing remembers each distinct entry text, and a review's files repeat the same entries (at 1,000
 * papers, 27,440 entries but 6,745 distinct texts), which workers would each parse again. Between files this thread
 * lets the workers' messages through, so each gets its next batch. Files papers name outside that folder are left to
 * ingest.
 */
async function readBibtexFiles(options: ParallelOptions): Promise<Map<string, Result<Bibliography | null>>> {
  const out = new Map<string, Result<Bibliography | null>>();
  const cache = options.cache?.bibtex;
  let yielded = performance.now();
  for (const abs of bibliographyFiles(options)) {
    if (performance.now() - yielded > 10) {
      await new Promise((resolve) => setImmediate(resolve));
      yielded = performance.now();
    }
    const file = relativePath(options.root, abs);
    let key: string | null = null;
    if (cache) {
      try {
        key = hashOf(cache.version, file, readFileSync(abs));
      } catch {
        key = null; // unreadable: reported when read
      }
      const hit = key ? cache.store.get(key) : undefined;
      if (hit) {
        out.set(abs, hit);
        continue;
      }
    }
    const r = readBibtexFile(abs, file);
    out.set(abs, r);
    if (cache && key && r.value) cache.store.set(key, r);
  }
  return out;
}

function finish(
  options: PipelineOptions,
  p: Prepared,
  extractions: PaperExtraction[],
  lap = stageClock(options),
  resolved = resolveCitations(p.corpus, extractions, { instruments: p.knowledge.instruments }),
): Result<PipelineOutput> {
  const { corpus, knowledge, diagnostics } = p;
  lap('resolve');
  diagnostics.push(...resolved.diagnostics);
  const index = buildIndex({
    corpus,
    extractions,
    resolved: resolved.value,
    instruments: knowledge.instruments,
    themes: knowledge.themes,
    actors: knowledge.actors,
    onWorks: options.onWorks,
  });
  diagnostics.push(...index.diagnostics);
  lap('index');
  const checked = checkCorpus(
    { corpus, extractions, index: index.value, instruments: knowledge.instruments, resolved: resolved.value },
    { registryFile: p.files.instruments },
  );
  diagnostics.push(...checked.diagnostics);
  lap('check');
  const checkedIndex = { ...index.value, statistics: checked.value.statistics, findings: checked.value.findings };
  const cached = p.found.filter(Boolean).length;
  const extractionKeys = new Map(p.keys.map((k, i) => [corpus.papers[i]!.meta.id, k]));
  return { value: { corpus, knowledge, extractions, index: checkedIndex, cached, extractionKeys }, diagnostics };
}
