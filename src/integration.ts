// The Astro integration: review settings as a virtual module, Pagefind indexing after the build.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { indexSite } from './lib/search/pagefind.ts';
import { releaseAll } from './site/release.ts';
import { dropStale, moveAside, recordOutput, trustedOutput, type OldOutput } from './site/outdir.ts';
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
      },
      'astro:build:start': () => {
        // What Astro would delete before writing pages is moved aside and deleted while the build runs, but for the
        // pages the last finished build wrote, which Astro keeps where they are when unchanged.
        if (outDir && scratch && manifest) old = moveAside(outDir, scratch, trustedOutput(outDir, scratch, manifest));
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
        const result = await indexSite(out, { previousFragments: old?.fragments });
        await old?.remove();
        old = null;
        logger.info(
          `Pagefind indexed ${result.pages} pages in ${((performance.now() - started) / 1000).toFixed(1)} s${result.reused ? ` (${result.reused} unchanged pages' fragments reused)` : ''}`,
        );
        for (const e of result.errors) logger.error(e);
        if (result.errors.length) throw new Error('Pagefind indexing failed');
        if (scratch && manifest) recordOutput(out, scratch, manifest, written);
      },
    },
  };
}
