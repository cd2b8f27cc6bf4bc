// The Astro boundary: content loaders that run the pipeline once, log its diagnostics, and store papers and the corpus index.
import type { Loader, LoaderContext } from 'astro/loaders';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { serialize } from 'node:v8';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPipelineParallel, startPool, type PipelineOutput } from './lib/pipeline.ts';
import { relativePath } from './lib/ingest/corpus.ts';
import type { Pool } from './lib/parallel/pool.ts';
import { fileCache, folderVersion, hashOf, mapCache, packagesVersion, writeAtomic } from './lib/cache.ts';
import { sortDiagnostics, summaryLine, countBySeverity } from './lib/diagnostics.ts';
import { renderPaper } from './lib/present/render.ts';
import { paperMarks } from './lib/present/marks.ts';
import { chooseStyle, formatEntry, stylePrintsId } from './lib/present/csl.ts';
import { paperToCsl } from './lib/present/paper-csl.ts';
import type { Bibliography, Corpus, CorpusIndex, CslItem, Diagnostic, IndexCitation, IndexWork, PaperExtraction, Result } from './lib/types.ts';
import type { ResolvedOptions } from './integration.ts';

export interface SiteData {
  output: PipelineOutput;
  diagnostics: Diagnostic[];
  style: string;
  summary: string;
  /** Formatted references (CSL HTML) of every work and every reviewed paper: formatted once per build, cached between builds. */
  references: Formatting;
}

export type Formatted = { works: Record<string, string>; papers: Record<string, string> };

/** CSL formatting under way on the worker pool: papers can be rendered as soon as the works they cite are formatted. */
export interface Formatting {
  /** Resolves once every item given is formatted (works are formatted in the order the papers first cite them). */
  ready(items: readonly CslItem[]): Promise<void>;
  /** An item's formatted HTML, once `ready` resolved for it. */
  html(item: CslItem): string | undefined;
  /** Every work and reviewed paper formatted, by id. */
  done: Promise<Formatted>;
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
  const beside = new URL('./lib/parallel/worker.ts', import.meta.url);
  if (beside.protocol === 'file:' && existsSync(fileURLToPath(beside))) return beside;
  return path.join(root, 'src/lib/parallel/worker.ts');
}

/** The loaders that share one pipeline run per content sync (papers and corpus). */
const sharingLoaders = 2;
let shared: { key: string; promise: Promise<SiteData>; taken: number } | null = null;

/**
 * Run the pipeline once per content sync for both collections, print diagnostics through Astro's logger, honour strict
 * mode. Once both loaders have taken the result it is let go: it holds every paper's text, extraction and BibTeX entry
 * (gigabytes at 5,000 papers), which would otherwise stay live through the page phase and slow every garbage collection
 * there; and the next sync (`astro dev` after an edit) runs the pipeline again instead of reusing a stale result.
 */
function siteData(context: LoaderContext, options: ResolvedOptions): Promise<SiteData> {
  const root = fileURLToPath(context.config.root);
  const key = JSON.stringify([root, options]);
  if (shared?.key === key) {
    const { promise } = shared;
    if (++shared.taken >= sharingLoaders) shared = null;
    return promise;
  }
  const promise = (async () => {
    const started = performance.now();
    let lastLog = 0;
    const cache = cacheDir(context);
    const stylePath = path.resolve(root, options.style);
    const xml = options.style.endsWith('.csl') && existsSync(stylePath) ? readFileSync(stylePath, 'utf8') : null;
    const style = chooseStyle(options.style, xml);
    const parallel = {
      root,
      cache: cache
        ? {
            store: fileCache<PaperExtraction>(path.join(cache, 'extractions')),
            version: folderVersion(path.join(root, 'src/lib/extract')) + packagesVersion(root, ['satteri']),
            bibtex: {
              store: fileCache<Result<Bibliography | null>>(path.join(cache, 'bibtex')),
              version: folderVersion(path.join(root, 'src/lib/ingest')) + packagesVersion(root, ['@citation-js/core', '@citation-js/plugin-bibtex']),
            },
          }
        : undefined,
      workerFile: workerFile(root),
      onNote: (m: string) => context.logger.info(m),
      papers: options.papers,
      bibliography: options.bibliography,
      instruments: options.instruments,
      themes: options.themes,
      onProgress: (done: number, total: number) => {
        if (total >= 100 && (done === total || performance.now() - lastLog > 2000)) {
          lastLog = performance.now();
          context.logger.info(`extracted ${done}/${total} papers`);
        }
      },
    };
    // One pool of worker threads (when the corpus is large) for BibTeX, extraction and CSL formatting.
    const pool = startPool(parallel, xml ? { setting: options.style, xml } : undefined);
    const references = referenceFormatter(style.name, options.locale, cache, cslVersion(root), pool, (m) => context.logger.info(m));
    let result: Awaited<ReturnType<typeof runPipelineParallel>>;
    try {
      // The workers format the papers' own references once the papers are extracted, and the works as soon as they are
      // indexed (in the order the papers cite them), while this thread builds the rest of the index and checks.
      let papers: Corpus['papers'] = [];
      result = await runPipelineParallel({
        ...parallel,
        pool,
        onExtracted: (corpus) => {
          papers = corpus.papers;
          references.prefetch(papers.map((p) => paperToCsl(p.meta)));
        },
        onWorks: (works, citations) => references.prefetch(citeOrder(works, citations, papers)),
      });
    } catch (error) {
      await pool?.close();
      throw error;
    }
    const pipelineSeconds = (performance.now() - started) / 1000;
    // The works go on being formatted on the workers while the papers loader renders the papers that cite them;
    // the pool closes when that is done.
    const formatting = references.start(result.value);
    const done = formatting.done.finally(() => pool?.close());
    done.catch(() => undefined); // the loaders that wait for it see the failure
    const diagnostics = sortDiagnostics([...result.diagnostics, ...style.diagnostics]);
    const summary = summaryLine(result.value.corpus.papers.length, diagnostics);
    logDiagnostics(context, diagnostics);
    const idx = result.value.index;
    const counts = `${result.value.cached ? `${result.value.cached} extractions from the cache, ` : ''}${idx.works.length} works, ${idx.citations.length} citations, ${idx.instruments.length} instruments, ${idx.statistics.length} statistics, ${idx.recommendations.length} recommendations, ${idx.findings.length} findings`;
    done.then(
      () => {
        const seconds = (performance.now() - started) / 1000;
        context.logger.info(`${summary} | ${counts} in ${seconds.toFixed(1)} s (pipeline ${pipelineSeconds.toFixed(1)} s, references formatted ${Math.max(0, seconds - pipelineSeconds).toFixed(1)} s)`);
      },
      () => undefined,
    );
    const strict = /^(1|true|yes)$/i.test(process.env.CONCORDANCE_STRICT ?? '');
    if (strict && countBySeverity(diagnostics).error > 0) {
      throw new Error(`CONCORDANCE_STRICT is set and the corpus has errors (${summary})`);
    }
    return { output: result.value, diagnostics, style: style.name, summary, references: { ...formatting, done } };
  })();
  shared = { key, promise, taken: 1 };
  // A failed run is not kept for the next sync either.
  promise.catch(() => {
    if (shared?.promise === promise) shared = null;
  });
  return promise;
}

/**
 * Formats every work and paper once (CSL formatting is the slowest step of a build), reusing last build's results by
 * content. Each entry is formatted on its own, so its text never depends on which other entries were formatted with it;
 * a large batch goes to the worker pool. `prefetch` starts formatting entries known early (the reviewed papers, then
 * the works in the order the papers first cite them) while the calling thread goes on; `start` formats what is left;
 * batches are stored as they come back, so papers can be rendered meanwhile.
 */
function referenceFormatter(style: string, locale: string, cache: string | null, version: string, pool: Pool | null, note: (m: string) => void) {
  const stored = mapCache(cache ? cslCacheFile(cache, style, locale, version) : null);
  // Keyed by content without the id when the style cannot print it: a work whose id changes between builds (ids are
  // made from author, year and title, and a new namesake changes them) keeps its formatting.
  const withoutId = !stylePrintsId(style);
  const keys = new WeakMap<CslItem, string>();
  const keyOf = (csl: CslItem): string => {
    let k = keys.get(csl);
    if (k === undefined) keys.set(csl, (k = hashOf(JSON.stringify(withoutId ? { ...csl, id: '' } : csl)).slice(0, 32)));
    return k;
  };
  // Keys handed to the pool and not back yet.
  const pending = new Set<string>();
  const missing = (items: CslItem[]): Array<[string, CslItem]> => {
    const out = new Map<string, CslItem>();
    for (const csl of items) {
      const k = keyOf(csl);
      if (stored.get(k) === undefined && !pending.has(k)) out.set(k, csl);
    }
    return [...out];
  };
  // Papers waiting for the works they cite.
  const waiting: Array<{ keys: string[]; resolve: () => void; reject: (e: unknown) => void }> = [];
  const wake = (): void => {
    for (let i = waiting.length - 1; i >= 0; i--) {
      const w = waiting[i];
      w.keys = w.keys.filter((k) => stored.get(k) === undefined);
      if (w.keys.length === 0) waiting.splice(i, 1)[0].resolve();
    }
  };
  /**
   * Format on the pool (every batch queued at once: the calling thread stays busy), storing each batch as it comes back;
   * false when the workers failed (what they did not do is formatted on this thread at the end).
   */
  const onPool = async (todo: Array<[string, CslItem]>): Promise<boolean> => {
    for (const [k] of todo) pending.add(k);
    try {
      await pool!.run(
        'format',
        todo.map(([, item]) => ({ item, style, lang: locale })),
        (_, start, html) => {
          html.forEach((h, i) => stored.set(todo[start + i][0], h));
          wake();
        },
        { queue: true },
      );
      return true;
    } catch (error) {
      note(`formatting workers failed (${(error as Error).message}); formatting on one thread`);
      return false;
    } finally {
      for (const [k] of todo) pending.delete(k);
    }
  };
  let early: Promise<unknown> = Promise.resolve();
  return {
    /** Start formatting entries known early (the reviewed papers, then the works) while this thread goes on. */
    prefetch(items: CslItem[]): void {
      const todo = missing(items);
      if (!pool?.open || todo.length < 64) return;
      early = Promise.all([early, onPool(todo)]);
    },
    start(output: PipelineOutput): Formatting {
      const works = output.index.works.map((w) => w.csl);
      const papers = output.corpus.papers.map((p) => paperToCsl(p.meta));
      const done = (async (): Promise<Formatted> => {
        await early;
        const todo = missing([...citeOrder(output.index.works, output.index.citations, output.corpus.papers), ...papers]);
        if (pool?.open && todo.length >= 64) await onPool(todo);
        // Here: a small corpus, or what the workers did not do (they failed).
        for (const [k, item] of missing([...works, ...papers])) stored.set(k, formatEntry(item, style, locale));
        stored.save();
        wake();
        const byId = (items: CslItem[]) => Object.fromEntries(items.map((csl) => [csl.id, stored.get(keyOf(csl)) ?? '']));
        return { works: byId(works), papers: byId(papers) };
      })();
      done.catch((error) => waiting.splice(0).forEach((w) => w.reject(error)));
      return {
        ready(items) {
          const keys = items.map(keyOf).filter((k) => stored.get(k) === undefined);
          return keys.length ? new Promise((resolve, reject) => waiting.push({ keys, resolve, reject })) : Promise.resolve();
        },
        html: (item) => stored.get(keyOf(item)),
        done,
      };
    },
  };
}

/**
 * The formatting cache's file: by style, locale and the version of the code that formats (our CSL module and the
 * citation-js and citeproc releases), so a change there is not answered from an older build's results. Files of other
 * versions of the same style and locale are removed.
 */
function cslCacheFile(cache: string, style: string, locale: string, version: string): string {
  const base = `csl-${style.replace(/[^\w-]+/g, '_')}-${locale.replace(/[^\w-]+/g, '_')}`;
  const name = `${base}-${version}.json`;
  const same = new RegExp(`^${base}(-[0-9a-f]{12})?\\.json$`);
  try {
    for (const f of readdirSync(cache)) if (same.test(f) && f !== name) rmSync(path.join(cache, f), { force: true });
  } catch {
    // no cache folder yet
  }
  return path.join(cache, name);
}

function cslVersion(root: string): string {
  let code: string | Buffer = 'missing';
  try {
    code = readFileSync(path.join(root, 'src/lib/present/csl.ts'));
  } catch {
    // not a source checkout: the packages still count
  }
  // The last part names how `referenceFormatter` keys entries, so a change of scheme starts a new file.
  return hashOf(code, packagesVersion(root, ['@citation-js/core', '@citation-js/plugin-csl', 'citeproc']), 'keyed without ids').slice(0, 12);
}

/** The works' CSL items in the order the papers first cite them (corpus order), then those no citation names. */
function citeOrder(works: IndexWork[], citations: IndexCitation[], papers: Corpus['papers']): CslItem[] {
  const byId = new Map(works.map((w) => [w.id, w.csl]));
  const order = new Set<string>();
  const byPaper = groupBy(citations, (c) => c.paper);
  for (const paper of papers) for (const c of byPaper.get(paper.meta.id) ?? []) for (const w of c.works) if (byId.has(w)) order.add(w);
  for (const id of byId.keys()) order.add(id);
  return [...order].map((id) => byId.get(id)!);
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

/**
 * In `astro dev`, load again when a paper, a BibTeX file, a knowledge file or the CSL style changes (both loaders
 * watch, so both reload and share the new pipeline run). Registered once per loader; no watcher in a build.
 */
function watchedLoader(name: string, options: ResolvedOptions, load: (context: LoaderContext) => Promise<void>): Loader {
  let watching = false;
  const run = async (context: LoaderContext): Promise<void> => {
    if (context.watcher && !watching) {
      watching = true;
      watchInputs(context, context.watcher, options, run);
    }
    await load(context);
  };
  return { name, load: run };
}

function watchInputs(context: LoaderContext, watcher: NonNullable<LoaderContext['watcher']>, options: ResolvedOptions, load: (context: LoaderContext) => Promise<void>): void {
  const root = fileURLToPath(context.config.root);
  const dirs = [options.papers, options.bibliography].map((d) => path.resolve(root, d));
  const files = [options.instruments, options.themes, ...(options.style.endsWith('.csl') ? [options.style] : [])].map((f) => path.resolve(root, f));
  for (const p of [...dirs, ...files]) watcher.add(p);
  const ours = (changed: string) => files.includes(changed) || dirs.some((d) => changed.startsWith(d + path.sep));
  let timer: ReturnType<typeof setTimeout> | null = null;
  const onChange = (changed: string) => {
    if (!ours(path.resolve(changed))) return;
    // An editor's save can be several events: reload once they settle.
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      load(context).then(
        () => context.logger.info(`Reloaded after a change to ${relativePath(root, path.resolve(changed))}`),
        (error: Error) => context.logger.error(`Reload failed: ${error.message}`),
      );
    }, 150);
  };
  for (const event of ['change', 'add', 'unlink'] as const) watcher.on(event, onChange);
}

/**
 * One entry per reviewed paper: its metadata, and where its annotated, sanitised HTML is.
 * The HTML lives in a file named by the digest of what it is rendered from (beside Astro's cache), not in the entry,
 * for the reason given at `corpusLoader`: at 1,000 papers it is about 50 MB that Vite would otherwise compile as one
 * string literal.
 */
export function papersLoader(options: ResolvedOptions): Loader {
  return watchedLoader('concordance-papers', options, async (context) => {
    const data = await siteData(context, options);
    const { corpus, extractions, index, extractionKeys } = data.output;
    const base = context.config.base;
    const htmlDir = path.join(fileURLToPath(context.config.cacheDir), 'concordance', 'html');
    mkdirSync(htmlDir, { recursive: true });
    const byPaper = new Map(extractions.map((e) => [e.paper, e]));
    const works = new Map(index.works.map((w) => [w.id, w]));
    const previews = new Map<string, string>();
    const citationsByPaper = groupBy(index.citations, (c) => c.paper);
    const keep = new Set<string>();
    const files = new Set<string>();
    for (const paper of corpus.papers) {
      const id = paper.meta.id;
      keep.add(id);
      const extraction = byPaper.get(id);
      const citations = citationsByPaper.get(id) ?? [];
      // What the stored entry is made of: the file, its marks' inputs (its index rows and the previews they show) and the base.
      // Unchanged inputs (and the HTML file still there) mean an unchanged entry, so it is neither re-rendered nor re-validated.
      // Each paper waits only for the works it cites (formatted in citing order while the papers render).
      const citedWorks = [...new Set(citations.flatMap((c) => c.works))];
      await data.references.ready(citedWorks.flatMap((w) => (works.has(w) ? [works.get(w)!.csl] : [])));
      for (const w of citedWorks) if (!previews.has(w)) previews.set(w, plainText((works.has(w) && data.references.html(works.get(w)!.csl)) || ''));
      const cited = citedWorks.map((w) => previews.get(w) ?? '');
      // The extraction stands in by its cache key when there is one: serialising and hashing every extraction (about
      // 100 MB at 1,000 papers) took seconds of a build.
      const extracted = extraction ? (extractionKeys.get(id) ?? extraction) : null;
      const inputs = context.generateDigest(JSON.stringify([renderVersion(fileURLToPath(context.config.root)), base, paper.hash, paper.file, paper.bodyLineOffset, paper.meta, citations, cited, extracted]));
      const existing = context.store.get(id)?.data as { inputs?: string; html?: string } | undefined;
      if (existing?.inputs === inputs && existing.html && existsSync(existing.html)) {
        files.add(existing.html);
        continue;
      }
      const paperIndex: CorpusIndex = { ...index, citations };
      // Rendered here, one paper at a time: on worker threads it measured slower (cloning marks and results costs more than it saves).
      const out = renderPaper(paper.body, extraction?.sentences ?? [], extraction ? paperMarks(paper, extraction, paperIndex, base, previews) : []);
      // Named by its inputs, which determine it (hashing the HTML itself cost about 1 s at 1,000 papers).
      const html = path.join(htmlDir, `${inputs}.html`);
      if (!existsSync(html)) writeAtomic(html, out.html);
      files.add(html);
      const parsed = await context.parseData({
        id,
        data: { meta: paper.meta, file: paper.file, bodyLineOffset: paper.bodyLineOffset, hash: paper.hash, headings: out.headings, inputs, html },
      });
      // The digest covers what is stored, so a change in the renderer or in the index shows even when the file did not change.
      const digest = context.generateDigest(html + JSON.stringify(parsed));
      context.store.set({ id, data: parsed, digest });
    }
    for (const id of context.store.keys()) if (!keep.has(id)) context.store.delete(id);
    pruneFiles(htmlDir, files);
  });
}

/**
 * Remove files of `dir` no entry points at. Files touched in the last hour stay: another build sharing this cache
 * (a dev server beside a build) may be using them.
 */
function pruneFiles(dir: string, used: Set<string>): void {
  const hourAgo = Date.now() - 3600_000;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (used.has(file)) continue;
    try {
      if (statSync(file).mtimeMs < hourAgo) rmSync(file, { force: true });
    } catch {
      // gone already
    }
  }
}

/**
 * A single entry `index` that points at the corpus data (the data behind corpus.json, the build's diagnostics and style,
 * sentence texts and labels), written beside Astro's cache as one V8-serialised file.
 *
 * Why not in the entry itself: Astro hands the data store to Vite as one JavaScript string literal, and V8's cost to
 * compile such a module grows faster than its size (measured here: 0.2 s for 20 MB, 7.7 s for 80 MB, 30 s for 157 MB).
 * At 1,000 papers the corpus data alone is about 90 MB, so it travels as a file; the entry keeps its path and digest,
 * which is what the content layer needs to see a change.
 */
export function corpusLoader(options: ResolvedOptions): Loader {
  return watchedLoader('concordance-corpus', options, async (context) => {
    const data = await siteData(context, options);
    const referenced = referencedSentences(data.output.index);
    const payload = {
      index: data.output.index,
      diagnostics: data.diagnostics,
      style: data.style,
      summary: data.summary,
      formatted: await data.references.done,
      // Presentation data the pages quote from: the texts of the sentences an index row points at, and the registry and taxonomy labels.
      sentences: Object.fromEntries(
        data.output.extractions.map((e) => [e.paper, Object.fromEntries(e.sentences.filter((x) => referenced.has(e.paper + '#' + x.id)).map((x) => [x.id, x.text]))]),
      ),
      registry: data.output.knowledge.instruments,
      themes: data.output.knowledge.themes,
      actors: data.output.knowledge.actors,
    };
    const { file, digest } = writeCorpusData(path.join(fileURLToPath(context.config.cacheDir), 'concordance', 'corpus'), payload);
    context.store.clear();
    context.store.set({ id: 'index', data: { file, digest }, digest });
  });
}

/** Every `paper#sentence` an index row quotes or links to. */
function referencedSentences(index: CorpusIndex): Set<string> {
  const out = new Set<string>();
  const add = (paper: string | undefined, sentence: string | undefined | null) => {
    if (paper && sentence) out.add(paper + '#' + sentence);
  };
  for (const c of index.citations) add(c.paper, c.sentence);
  for (const i of index.instruments) for (const m of i.mentions) add(m.paper, m.sentence);
  for (const s of index.statistics) add(s.paper, s.sentence);
  for (const r of index.recommendations) add(r.paper, r.sentence);
  for (const f of index.findings) add(f.paper ?? undefined, f.sentence ?? undefined);
  return out;
}

/** Serialise once, name the file by its content, write it atomically; keep the three newest files (builds may run side by side). */
function writeCorpusData(dir: string, payload: unknown): { file: string; digest: string } {
  const bytes = serialize(payload);
  const digest = hashOf(bytes).slice(0, 32);
  const file = path.join(dir, `${digest}.bin`);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(file)) writeAtomic(file, bytes);
  utimesSync(file, new Date(), new Date());
  const others = readdirSync(dir)
    .filter((n) => n.endsWith('.bin') && n !== `${digest}.bin`)
    .map((n) => ({ n, t: statSync(path.join(dir, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { n } of others.slice(2)) rmSync(path.join(dir, n), { force: true });
  return { file, digest };
}

/** Code that shapes a stored paper entry (ours and the libraries it renders with); a change re-renders every paper. */
const renderVersions = new Map<string, string>();
function renderVersion(root: string): string {
  if (!renderVersions.has(root)) renderVersions.set(root, folderVersion(path.join(root, 'src/lib/present')) + packagesVersion(root, ['satteri', 'hast-util-sanitize', 'hast-util-to-html', 'property-information', 'html-void-elements']));
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
