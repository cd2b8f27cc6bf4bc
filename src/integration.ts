// The Astro integration: review settings as a virtual module, Pagefind indexing after the build.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { rmSync } from 'node:fs';
import { batchQueue, indexSite, indexStaged, stagedPagesMatch, type BatchQueue, type IndexResult, type StagedBatch } from './lib/search/pagefind.ts';
import { releaseAll } from './site/release.ts';
import { dropStale, moveAside, recordOutput, trustedOutput, type OldOutput } from './site/outdir.ts';
import { searchFirst } from './site/prerender.ts';
import path from 'node:path';

export interface ConcordanceOptions {
  /** Name of the review, shown on every page. */
  title: string;
  /** One paragraph saying what the review is, shown on the home page. */
  description?: string;
  papers?: string;
  bibliography?: string;
  /** Instrument registry file (YAML). */
  instruments?: string;
  /** Recommendation themes, actors and cues (YAML). */
  themes?: string;
  /** CSL style: `apa`, `vancouver`, `harvard1`, or the path of a `.csl` file in the repo. */
  style?: string;
  /** Locale for CSL formatting. */
  locale?: string;
}

export type ResolvedOptions = Required<ConcordanceOptions>;

export function resolveOptions(o: ConcordanceOptions): ResolvedOptions {
  return {
    title: o.title,
    description: o.description ?? '',
    papers: o.papers ?? 'papers',
    bibliography: o.bibliography ?? 'bibliography',
    instruments: o.instruments ?? 'src/data/instruments.yaml',
    themes: o.themes ?? 'src/data/themes.yaml',
    style: o.style ?? 'apa',
    locale: o.locale ?? 'en-US',
  };
}

const virtualId = 'virtual:concordance/config';

/**
 * Our routes whose pages search leaves out (their layout says `index={false}`): they are rendered last, and Pagefind
 * indexes the others meanwhile (`searchFirst`). Only an ordering: a route missing here, or listed wrongly, costs time
 * (the index is then built after the pages, as before), never a wrong index.
 */
const unsearchedRoutes = new Set(['/works/[id]', '/report/[paper]', '/recommendations/[group]/[...page]', '/search']);

/**
 * A full garbage collection now that also hands memory back (V8's `gc`, exposed for this call). The `last-resort`
 * flavour collects until nothing more is freed, shrinks the young generation and returns the emptied heap pages to the
 * system: after a 1,000-paper build it took the process from about 1.2 GB to 0.7 GB, where a plain collection freed
 * the heap but kept the pages (the build's peak then fell while Pagefind ran and varied from 1.8 to 2.6 GB).
 */
function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as (options: object) => void)({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  } catch {
    // Only memory, never correctness.
  }
}

export default function concordance(options: ConcordanceOptions): AstroIntegration {
  const resolved = resolveOptions(options);
  let outDir: string | null = null;
  let scratch: string | null = null;
  /** Astro's record of its incremental build (`experimental.incrementalBuild`). */
  let manifest: string | null = null;
  let old: OldOutput | null = null;
  let base = '/';
  let directoryFormat = false;
  /** Where searchable pages are copied as they render (see `searchFirst`). */
  let stage: string | null = null;
  /** How `searchFirst` cut the searchable pages into batches (the output is indexed in the same batches). */
  let plan: string[][] | null = null;
  /** The batches copied so far, and Pagefind's index of them under way. */
  let early: { batches: StagedBatch[]; queue: BatchQueue; started: number; result: Promise<IndexResult> } | null = null;
  return {
    name: 'concordance',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        updateConfig({
          vite: {
            // A build empties the output folder itself, faster (see `astro:build:start`).
            ...(command === 'build' ? { build: { emptyOutDir: false } } : {}),
            plugins: [
              {
                name: 'concordance-config',
                resolveId: (id: string) => (id === virtualId ? '\0' + virtualId : undefined),
                load: (id: string) => (id === '\0' + virtualId ? `export default ${JSON.stringify(resolved)};` : undefined),
              },
            ],
          },
        });
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        scratch = path.join(fileURLToPath(config.cacheDir), 'concordance');
        manifest = path.join(fileURLToPath(config.cacheDir), 'incremental-build.json');
        base = config.base;
        directoryFormat = config.build.format === 'directory';
      },
      'astro:build:start': ({ setPrerenderer, logger }) => {
        // What Astro would delete before writing pages is moved aside and deleted while the build runs, but for the
        // pages the last finished build wrote, which Astro keeps where they are when unchanged.
        if (outDir && scratch && manifest) old = moveAside(outDir, scratch, trustedOutput(outDir, scratch, manifest));
        early = null;
        plan = null;
        if (!outDir || !scratch || !directoryFormat) return;
        // The page phase keeps one core busy: Pagefind indexes the searchable pages on the other, batch by batch as
        // they render, at a lower priority, while Astro renders the rest (at 1,000 papers, 1,109 searchable pages of 8,108).
        const folder = path.join(scratch, 'search-stage');
        stage = folder;
        rmSync(folder, { recursive: true, force: true });
        const site = outDir;
        setPrerenderer((prerenderer) =>
          searchFirst(prerenderer, {
            unsearched: unsearchedRoutes,
            stage: folder,
            base,
            onPlan: (batches) => {
              plan = batches;
            },
            onStaged: (batch, batchFolder, pages) => {
              if (batch === 0) {
                logger.info(`Indexing the searchable pages for search in ${plan?.length ?? 1} batches as they render`);
                // The endpoints' data (the corpus downloads) is garbage by now: hand it back before Pagefind starts.
                collectGarbage();
                // The previous fragments go to this index; should it be given up, the output is indexed afresh.
                const fragments = old?.fragments;
                if (old) old.fragments = null;
                const queue = batchQueue();
                const result = indexStaged(queue, site, { previousFragments: fragments, lowPriority: true }).catch((e: unknown) => ({ pages: 0, errors: [String(e)], reused: 0 }));
                early = { batches: [], queue, started: performance.now(), result };
              }
              if (!early) return;
              const staged = { folder: batchFolder, pages };
              early.batches.push(staged);
              early.queue.push(staged);
              if (batch === (plan?.length ?? 1) - 1) early.queue.end();
            },
          }),
        );
      },
      'astro:build:done': async ({ dir, assets, logger }) => {
        const out = fileURLToPath(dir);
        const written = new Set<string>();
        for (const urls of assets.values()) for (const url of urls) written.add(path.relative(out, fileURLToPath(url)).split(path.sep).join('/'));
        if (old) dropStale(out, old.kept, written);
        // Every page is written: drop the corpus the pages read and collect it, so the build and Pagefind's process
        // do not hold it at once (at 1,000 papers that is the build's peak memory).
        releaseAll();
        collectGarbage();
        const started = performance.now();
        const seconds = (ms: number): string => (ms / 1000).toFixed(1);
        let result: IndexResult | null = null;
        let when = '';
        if (early && stage) {
          const { batches, queue, started: began, result: pending } = early;
          early = null;
          // A batch that was never staged (a rebuild keeps unchanged pages without rendering them) gives the index up.
          queue.abandon();
          const staged = await pending;
          // Used only if it is exactly the output's index: the same searchable pages, byte for byte.
          if (!staged.errors.length && out === outDir && stagedPagesMatch(out, batches)) {
            result = staged;
            when = ` in ${seconds(performance.now() - began)} s, while the other pages rendered (${seconds(performance.now() - started)} s after them)`;
          } else {
            const why = staged.errors.length ? `failed (${staged.errors.join('; ')})` : 'does not match the pages written';
            logger.info(`The search index built while the pages rendered ${why}: indexing the output again`);
            rmSync(path.join(out, 'pagefind'), { recursive: true, force: true });
          }
        }
        if (stage) rmSync(stage, { recursive: true, force: true });
        if (!result) {
          result = await indexSite(out, { previousFragments: old?.fragments, batches: plan ?? undefined, stage: stage ?? undefined });
          when = ` in ${seconds(performance.now() - started)} s`;
        }
        await old?.remove();
        old = null;
        logger.info(`Pagefind indexed ${result.pages} pages${when}${result.reused ? ` (${result.reused} unchanged pages' fragments reused)` : ''}`);
        for (const e of result.errors) logger.error(e);
        if (result.errors.length) throw new Error('Pagefind indexing failed');
        if (scratch && manifest) recordOutput(out, scratch, manifest, written);
      },
    },
  };
}
