// Page order for an early search index: the searchable pages are rendered before the others and copied aside as they
// come, so Pagefind can index them while Astro renders the thousands of pages search leaves out.
import type { AstroPrerenderer } from 'astro';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BODY } from '../lib/search/pagefind.ts';

type PathWithRoute = Awaited<ReturnType<AstroPrerenderer['getStaticPaths']>>[number];
type RenderResult = Awaited<ReturnType<AstroPrerenderer['render']>>;

export interface SearchFirstOptions {
  /** Route patterns (`/works/[id]`) whose pages search leaves out (`index={false}` on their layout). */
  unsearched: ReadonlySet<string>;
  /** Folder that receives a copy of each searchable page, at its path in the output folder. */
  stage: string;
  /** The site's base path (`config.base`), which request URLs start with. */
  base: string;
  /**
   * Called once, when every page and endpoint before the unsearched pages is rendered and its searchable pages are
   * copied: with those pages' paths (relative, `/`-separated, sorted). Not called if any of them was not rendered
   * (a rebuild keeps unchanged pages without rendering them) or could not be copied.
   */
  onStaged: (pages: string[]) => void;
}

/**
 * Wrap Astro's prerenderer (`setPrerenderer` in `astro:build:start`): endpoints first (the corpus downloads, whose
 * memory is then freed before Pagefind starts), then the searchable pages, then the unsearched ones; each searchable
 * page is copied into `stage` as it renders. Astro renders the paths in the order given, a few at a time, and writes
 * what `render` returns; the pages themselves are unchanged. Only for the `directory` build format (a page's file is
 * its path plus `index.html`).
 */
export function searchFirst(base: AstroPrerenderer, options: SearchFirstOptions): AstroPrerenderer {
  const isEarly = (route: { route: string }): boolean => !options.unsearched.has(route.route);
  let pending = 0;
  let failed = false;
  const staged: string[] = [];
  const settle = (): void => {
    if (--pending === 0 && !failed) options.onStaged(staged.sort());
  };

  return {
    name: `${base.name}+search-first`,
    setup: base.setup && (() => base.setup!()),
    teardown: base.teardown && (() => base.teardown!()),
    collectStaticImages: base.collectStaticImages && (() => base.collectStaticImages!()),
    async getStaticPaths() {
      const paths = await base.getStaticPaths();
      const rank = (p: PathWithRoute): number => (p.route.type === 'endpoint' ? 0 : isEarly(p.route) ? 1 : 2);
      // A stable sort: within each group, Astro's own order.
      const ordered = paths.map((p, i) => [rank(p), i, p] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , p]) => p);
      pending = ordered.filter((p) => rank(p) < 2).length;
      return ordered;
    },
    async render(request, renderOptions) {
      const { routeData } = renderOptions;
      const result = await base.render(request, renderOptions);
      if (routeData.type !== 'endpoint' && !isEarly(routeData)) return result;
      try {
        return routeData.type === 'page' ? await stage(request, result) : result;
      } finally {
        settle();
      }
    },
  };

  /**
   * Copy a searchable page into the stage; the response is read, so a fresh one with the same bytes goes back, also
   * when the copy fails (the early index is then given up, the page is not).
   */
  async function stage(request: Request, result: RenderResult): Promise<RenderResult> {
    const response = result instanceof Response ? result : result.response;
    if (response.status !== 200 || !response.body || !(response.headers.get('content-type') ?? '').startsWith('text/html')) return result;
    const bytes = Buffer.from(await response.arrayBuffer());
    const fresh = new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
    const out = result instanceof Response ? fresh : { ...result, response: fresh };
    if (!bytes.includes(BODY, 0, 'latin1')) return out;
    const file = pageFile(new URL(request.url).pathname, options.base);
    try {
      if (!file) throw new Error('outside the base');
      const target = path.join(options.stage, ...file.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, bytes);
      staged.push(file);
    } catch {
      failed = true;
    }
    return out;
  }
}

/**
 * The output file of a page in the `directory` format (`/base/papers/x/` → `papers/x/index.html`), or null for a URL
 * outside the base or one that would leave the folder.
 */
export function pageFile(pathname: string, base: string): string | null {
  let p: string;
  try {
    p = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const prefix = base.endsWith('/') ? base : base + '/';
  if (!(p + '/').startsWith(prefix)) return null;
  const rel = p.slice(prefix.length).replace(/\/$/, '');
  if (rel.split('/').some((s) => s === '..' || s === '.') || rel.includes('\\') || rel.startsWith('/')) return null;
  return rel ? `${rel}/index.html` : 'index.html';
}
