// The Astro boundary: content loaders that run the pipeline once, log its diagnostics, and store papers and the corpus index.
import type { Loader, LoaderContext } from 'astro/loaders';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPipeline, type PipelineOutput } from './lib/pipeline.ts';
import { sortDiagnostics, summaryLine, countBySeverity } from './lib/diagnostics.ts';
import { renderPaper } from './lib/present/render.ts';
import { paperMarks } from './lib/present/marks.ts';
import { chooseStyle, formatEntry } from './lib/present/csl.ts';
import type { Diagnostic } from './lib/types.ts';
import type { ResolvedOptions } from './integration.ts';

export interface SiteData {
  output: PipelineOutput;
  diagnostics: Diagnostic[];
  style: string;
  summary: string;
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
    const result = runPipeline({
      root,
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
    const summary = summaryLine(result.value.corpus.papers.length, diagnostics);
    logDiagnostics(context, diagnostics);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const idx = result.value.index;
    context.logger.info(
      `${summary} | ${idx.works.length} works, ${idx.citations.length} citations, ${idx.instruments.length} instruments, ${idx.statistics.length} statistics, ${idx.recommendations.length} recommendations, ${idx.findings.length} findings in ${seconds} s`,
    );
    const strict = /^(1|true|yes)$/i.test(process.env.CONCORDANCE_STRICT ?? '');
    if (strict && countBySeverity(diagnostics).error > 0) {
      throw new Error(`CONCORDANCE_STRICT is set and the corpus has errors (${summary})`);
    }
    return { output: result.value, diagnostics, style: style.name, summary };
  })();
  shared = { key, promise };
  return promise;
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
      const previews = new Map(index.works.map((w) => [w.id, plainText(formatEntry(w.csl, data.style, options.locale))]));
      const keep = new Set<string>();
      for (const paper of corpus.papers) {
        const id = paper.meta.id;
        keep.add(id);
        const extraction = byPaper.get(id);
        const rendered = renderPaper(paper.body, extraction?.sentences ?? [], extraction ? paperMarks(paper, extraction, index, base, previews) : []);
        const parsed = await context.parseData({
          id,
          data: { meta: paper.meta, file: paper.file, bodyLineOffset: paper.bodyLineOffset, hash: paper.hash, headings: rendered.headings },
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

/** Formatted CSL HTML as plain text (for previews). */
function plainText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&#38;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/\s+/g, ' ').trim();
}
