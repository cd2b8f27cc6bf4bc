// The Astro boundary: content loaders that run the pipeline once, log its diagnostics, and store papers and the corpus index.
import type { Loader, LoaderContext } from 'astro/loaders';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPipelineParallel, type PipelineOutput } from './lib/pipeline.ts';
import { fileCache, folderVersion, hashOf, mapCache } from './lib/cache.ts';
import { sortDiagnostics, summaryLine, countBySeverity } from './lib/diagnostics.ts';
import { renderPaper } from './lib/present/render.ts';
import { paperMarks } from './lib/present/marks.ts';
import { chooseStyle, formatEntries } from './lib/present/csl.ts';
import { paperToCsl } from './lib/present/paper-csl.ts';
import type { CorpusIndex, CslItem, Diagnostic, PaperExtraction } from './lib/types.ts';
import type { ResolvedOptions } from './integration.ts';

export interface SiteData {
  output: PipelineOutput;
  diagnostics: Diagnostic[];
  style: string;
  summary: string;
  /** Formatted references (CSL HTML) of every work and every reviewed paper, by id: formatted once per build, cached between builds. */
  formatted: { works: Record<string, string>; papers: Record<string, string> };
}

/** Where the caches between builds live (Astro's cacheDir), or null when `CONCORDANCE_CACHE=off`. */
function cacheDir(context: LoaderContext): string | null {
  if (/^(0|off|false|no)$/i.test(process.env.CONCORDANCE_CACHE ?? '')) return null;
  return path.join(fileURLToPath(context.config.cacheDir), 'concordance');
}

/**
 * The extraction worker's file. After Vite bundles this module `import.meta.url` may point into a chunk,
 * so the source file is looked up from the project root as well; without it extraction stays on one thread.
 */
function workerFile(root: string): string | URL {
  const beside = new URL('./lib/parallel/extract-worker.ts', import.meta.url);
  if (beside.protocol === 'file:' && existsSync(fileURLToPath(beside))) return beside;
  return path.join(root, 'src/lib/parallel/extract-worker.ts');
}

let shared: { key: string; promise: Promise<SiteData> } | null = null;

/** Run the pipeline once per build for both collections, print diagnostics through Astro's logger, honour strict mode. */
function siteData(context: LoaderContext, options: ResolvedOptions): Promise<SiteData> {
  const root = fileURLToPath(context.config.root);
  const key = JSON.stringify([root, options]);
  if (shared?.key === key) return shared.promise;
  const promise = (async () => {
    const started = performance.now();
    let lastLog = 0;
    const cache = cacheDir(context);
    const result = await runPipelineParallel({
      root,
      cache: cache ? { store: fileCache<PaperExtraction>(path.join(cache, 'extractions')), version: folderVersion(path.join(root, 'src/lib/extract')) } : undefined,
      workerFile: workerFile(root),
      onNote: (m) => context.logger.info(m),
      papers: options.papers,
      bibliography: options.bibliography,
      instruments: options.instruments,
      themes: options.themes,
      onProgress: (done, total) => {
        if (total >= 100 && (done === total || performance.now() - lastLog > 2000)) {
          lastLog = performance.now();
          context.logger.info(`extracted ${done}/${total} papers`);
        }
      },
    });
    const stylePath = path.resolve(root, options.style);
    const xml = options.style.endsWith('.csl') && existsSync(stylePath) ? readFileSync(stylePath, 'utf8') : null;
    const style = chooseStyle(options.style, xml);
    const diagnostics = sortDiagnostics([...result.diagnostics, ...style.diagnostics]);
    const formatted = formatAll(result.value, style.name, options.locale, cache);
    const summary = summaryLine(result.value.corpus.papers.length, diagnostics);
    logDiagnostics(context, diagnostics);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const idx = result.value.index;
    context.logger.info(
      `${summary} | ${result.value.cached ? `${result.value.cached} extractions from the cache, ` : ''}${idx.works.length} works, ${idx.citations.length} citations, ${idx.instruments.length} instruments, ${idx.statistics.length} statistics, ${idx.recommendations.length} recommendations, ${idx.findings.length} findings in ${seconds} s`,
    );
    const strict = /^(1|true|yes)$/i.test(process.env.CONCORDANCE_STRICT ?? '');
    if (strict && countBySeverity(diagnostics).error > 0) {
      throw new Error(`CONCORDANCE_STRICT is set and the corpus has errors (${summary})`);
    }
    return { output: result.value, diagnostics, style: style.name, summary, formatted };
  })();
  shared = { key, promise };
  return promise;
}

/** Format every work and paper once (CSL formatting is the slowest step of a build), reusing last build's results by content. */
function formatAll(output: PipelineOutput, style: string, locale: string, cache: string | null): SiteData['formatted'] {
  const stored = mapCache(cache ? path.join(cache, `csl-${style.replace(/[^\w-]+/g, '_')}-${locale}.json`) : null);
  const keyOf = (csl: CslItem) => hashOf(JSON.stringify(csl)).slice(0, 32);
  // What the cache lacks is formatted in one batch per kind (ids are unique within works and within papers).
  const format = (items: CslItem[]): Record<string, string> => {
    const missing = new Map(items.filter((csl) => stored.get(keyOf(csl)) === undefined).map((csl) => [csl.id, csl]));
    for (const [id, html] of formatEntries([...missing.values()], style, locale)) stored.set(keyOf(missing.get(id)!), html);
    return Object.fromEntries(items.map((csl) => [csl.id, stored.get(keyOf(csl)) ?? '']));
  };
  const works = format(output.index.works.map((w) => w.csl));
  const papers = format(output.corpus.papers.map((p) => paperToCsl(p.meta)));
  stored.save();
  return { works, papers };
}

function logDiagnostics(context: LoaderContext, diagnostics: Diagnostic[]): void {
  let current = '';
  for (const d of diagnostics) {
    if (d.file !== current) {
      current = d.file;
      context.logger.info(current);
    }
    const line = `  ${d.line}:${d.column} ${d.severity} ${d.message} [${d.code}]`;
    if (d.severity === 'error') context.logger.error(line);
    else if (d.severity === 'warning') context.logger.warn(line);
    else context.logger.info(line);
  }
}

/** One entry per reviewed paper: its metadata and its annotated, sanitised HTML. */
export function papersLoader(options: ResolvedOptions): Loader {
  return {
    name: 'concordance-papers',
    load: async (context) => {
      const data = await siteData(context, options);
      const { corpus, extractions, index } = data.output;
      const base = context.config.base;
      const byPaper = new Map(extractions.map((e) => [e.paper, e]));
      const previews = new Map(index.works.map((w) => [w.id, plainText(data.formatted.works[w.id] ?? '')]));
      const citationsByPaper = groupBy(index.citations, (c) => c.paper);
      const keep = new Set<string>();
      for (const paper of corpus.papers) {
        const id = paper.meta.id;
        keep.add(id);
        const extraction = byPaper.get(id);
        const citations = citationsByPaper.get(id) ?? [];
        // What the stored entry is made of: the file, its marks' inputs (its index rows and the previews they show) and the base.
        // Unchanged inputs mean an unchanged entry, so it is neither re-rendered nor re-validated.
        const cited = [...new Set(citations.flatMap((c) => c.works))].map((w) => previews.get(w) ?? '');
        const inputs = context.generateDigest(JSON.stringify([renderVersion(fileURLToPath(context.config.root)), base, paper.hash, paper.file, paper.bodyLineOffset, paper.meta, citations, cited, extraction ?? null]));
        const existing = context.store.get(id);
        if (existing && (existing.data as { inputs?: string }).inputs === inputs) continue;
        const paperIndex: CorpusIndex = { ...index, citations };
        const rendered = renderPaper(paper.body, extraction?.sentences ?? [], extraction ? paperMarks(paper, extraction, paperIndex, base, previews) : []);
        const parsed = await context.parseData({
          id,
          data: { meta: paper.meta, file: paper.file, bodyLineOffset: paper.bodyLineOffset, hash: paper.hash, headings: rendered.headings, inputs },
        });
        // The digest covers what is stored, so a change in the renderer or in the index shows even when the file did not change.
        const digest = context.generateDigest(rendered.html + JSON.stringify(parsed));
        context.store.set({ id, data: parsed, digest, rendered: { html: rendered.html, metadata: { headings: rendered.headings as never } } });
      }
      for (const id of context.store.keys()) if (!keep.has(id)) context.store.delete(id);
    },
  };
}

/** A single entry `index`: the corpus index (the data behind corpus.json), plus the build's diagnostics and style. */
export function corpusLoader(options: ResolvedOptions): Loader {
  return {
    name: 'concordance-corpus',
    load: async (context) => {
      const data = await siteData(context, options);
      context.store.clear();
      context.store.set({
        id: 'index',
        data: {
          index: data.output.index,
          diagnostics: data.diagnostics,
          style: data.style,
          summary: data.summary,
          bibliographies: data.output.corpus.bibliographies,
          formatted: data.formatted,
          // Presentation data the pages quote from: sentence texts, and the registry and taxonomy labels.
          sentences: Object.fromEntries(data.output.extractions.map((e) => [e.paper, Object.fromEntries(e.sentences.map((x) => [x.id, x.text]))])),
          registry: data.output.knowledge.instruments,
          themes: data.output.knowledge.themes,
          actors: data.output.knowledge.actors,
        },
      });
    },
  };
}

/** Code that shapes a stored paper entry; a change of any of these files re-renders every paper. */
const renderVersions = new Map<string, string>();
function renderVersion(root: string): string {
  if (!renderVersions.has(root)) renderVersions.set(root, folderVersion(path.join(root, 'src/lib/present')));
  return renderVersions.get(root)!;
}

function groupBy<T>(list: T[], key: (x: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const l = map.get(k);
    if (l) l.push(x);
    else map.set(k, [x]);
  }
  return map;
}

/** Formatted CSL HTML as plain text (for previews). */
function plainText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&#38;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/\s+/g, ' ').trim();
}
