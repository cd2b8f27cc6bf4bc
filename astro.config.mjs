// @ts-check
import { defineConfig } from 'astro/config';
import concordance from './src/integration.ts';

// The review's own settings live here; `npm run build -- --base /review/` serves it under a sub-path.
export default defineConfig({
  base: process.env.CONCORDANCE_BASE ?? '/',
  trailingSlash: 'always',
  // Pages in flight at once: while one page's files are written the next renders (at 1,000 papers the page phase took
  // 44-57 s with one, 26-32 s with four, 24-25 s with eight, in alternating cold builds).
  build: { format: 'directory', concurrency: 8 },
  // Separate caches let several builds run at once (the tests build fixture corpora in parallel).
  cacheDir: process.env.CONCORDANCE_CACHE_DIR || undefined,
  // Paper and work pages return a cacheKey over what they show; unchanged ones are copied from the last build.
  experimental: { incrementalBuild: true },
  integrations: [
    concordance({
      title: 'Child Trafficking and Commercial Sexual Exploitation of Children: a Literature Review',
      description:
        'Four papers on child trafficking and the commercial sexual exploitation of children, read side by side: what they cite, which legal instruments they invoke, which figures they quote and what they recommend, with a consistency report on their citations.',
      style: 'apa',
      // Build another corpus with the same site (tests build their fixture corpora this way).
      papers: process.env.CONCORDANCE_PAPERS || undefined,
      bibliography: process.env.CONCORDANCE_BIBLIOGRAPHY || undefined,
    }),
  ],
});
