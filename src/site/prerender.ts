// Page order for an early search index: the searchable pages are rendered before the others and copied aside as they
// come, so Pagefind can index them while Astro renders the thousands of pages search leaves out.
import type { AstroPrerenderer } from 'astro';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BODY } from '../lib/search/pagefind.ts';

type RenderResult = Awaited<ReturnType<AstroPrerenderer['render']>>;
type RouteLike = { route: string; type: string; params: string[] };

export interface SearchFirstOptions {
  /** Route patterns (`/works/[id]`) whose pages search leaves out (`index={false}` on their layout). */
  unsearched: ReadonlySet<string>;
  /** Folder that receives a copy of each searchable page of batch k in its subfolder `k`, at its path in the output folder. */
  stage: string;
  /** The site's base path (`config.base`), which request URLs start with. */
  base: string;
  /** Into how many batches, at most, the searchable pages are cut (default 10). */
  batches?: number;
  /**
   * Called once, with the batches: for each, the output files (relative, `/`-separated) of the pages it holds, in
   * render order. Only the pages among them that opt in to search are staged; `indexSite` cuts the output the same way.
   */
  onPlan?: (plan: string[][]) => void;
  /**
   * Called for each batch in turn, once all its pages (for the first batch, also the endpoints rendered before it) and
   * all earlier batches are rendered and copied: with the batch's number, its folder, and the paths of its searchable
   * pages (relative, `/`-separated, sorted). Stops being called once a page cannot be copied; a batch with a page that
   * is not rendered (a rebuild keeps unchanged pages without rendering them) is never called, nor any after it.
   */
  onStaged: (batch: number, folder: string, pages: string[]) => void;
}

/**
 * Wrap Astro's prerenderer (`setPrerenderer` in `astro:build:start`). The order: endpoints without parameters first
 * (the corpus downloads, whose memory is then freed before Pagefind starts), then the searchable pages, then the
 * unsearched pages and the endpoints with parameters (the per-paper exports). The searchable pages are cut into
 * batches in that order, and each is copied into `stage/k` as it renders, so Pagefind can index one batch while Astro
 * renders the next. Astro renders the paths in the order given, a few at a time, and writes what `render` returns;
 * the pages themselves are unchanged. Only for the `directory` build format (a page's file is its path plus
 * `index.html`).
 */
export function searchFirst(base: AstroPrerenderer, options: SearchFirstOptions): AstroPrerenderer {
  const late = (route: RouteLike): boolean => (route.type === 'endpoint' ? route.params.length > 0 : options.unsearched.has(route.route));
  const rank = (route: RouteLike): number => (late(route) ? 2 : route.type === 'endpoint' ? 0 : 1);
  /** Per batch: renders still to come, and the searchable pages copied. */
  let batches: { pending: number; staged: string[] }[] = [];
  /** Batch of each early path (endpoints count for the first). */
  const batchOf = new Map<string, number>();
  let next = 0;
  let failed = false;
  const settle = (batch: number): void => {
    batches[batch]!.pending--;
    while (!failed && next < batches.length && batches[next]!.pending === 0) {
      const k = next++;
      options.onStaged(k, folderOf(k), batches[k]!.staged.sort());
    }
  };
  const folderOf = (k: number): string => path.join(options.stage, String(k));
  /** A rendered path's key: its route and its path below the base, without slashes at either end. */
  const key = (route: RouteLike, rel: string): string => `${route.route}\u0000${rel}`;

  return {
    name: `${base.name}+search-first`,
    setup: base.setup && (() => base.setup!()),
    teardown: base.teardown && (() => base.teardown!()),
    collectStaticImages: base.collectStaticImages && (() => base.collectStaticImages!()),
    async getStaticPaths() {
      const paths = await base.getStaticPaths();
      // A stable sort: within each group, Astro's own order.
      const ordered = paths.map((p, i) => [rank(p.route), i, p] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , p]) => p);
      const early = ordered.filter((p) => rank(p.route) === 1).length;
      const size = Math.max(1, Math.ceil(early / Math.max(1, options.batches ?? 10)));
      const count = Math.max(1, Math.ceil(early / size));
      batches = Array.from({ length: count }, () => ({ pending: 0, staged: [] }));
      const plan: string[][] = batches.map(() => []);
      batchOf.clear();
      next = 0;
      failed = false;
      let seen = 0;
      for (const p of ordered) {
        const r = rank(p.route);
        if (r === 2) continue;
        const k = r === 0 ? 0 : Math.floor(seen++ / size);
        const rel = trimSlashes(p.pathname);
        batchOf.set(key(p.route, rel), k);
        batches[k]!.pending++;
        if (r === 1) plan[k]!.push(rel ? `${rel}/index.html` : 'index.html');
      }
      options.onPlan?.(plan);
      return ordered;
    },
    async render(request, renderOptions) {
      const { routeData } = renderOptions;
      const result = await base.render(request, renderOptions);
      const rel = sitePath(new URL(request.url).pathname, options.base);
      const batch = rel === null ? undefined : batchOf.get(key(routeData, rel));
      if (batch === undefined) return result;
      try {
        return routeData.type === 'page' ? await stage(request, result, batch) : result;
      } finally {
        settle(batch);
      }
    },
  };

  /**
   * Copy a searchable page into the stage; the response is read, so a fresh one with the same bytes goes back, also
   * when the copy fails (the early index is then given up, the page is not).
   */
  async function stage(request: Request, result: RenderResult, batch: number): Promise<RenderResult> {
    const response = result instanceof Response ? result : result.response;
    if (response.status !== 200 || !response.body || !(response.headers.get('content-type') ?? '').startsWith('text/html')) return result;
    const bytes = Buffer.from(await response.arrayBuffer());
    const fresh = new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
    const out = result instanceof Response ? fresh : { ...result, response: fresh };
    if (!bytes.includes(BODY, 0, 'latin1')) return out;
    const file = pageFile(new URL(request.url).pathname, options.base);
    try {
      if (!file) throw new Error('outside the base');
      const target = path.join(folderOf(batch), ...file.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, bytes);
      batches[batch]!.staged.push(file);
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
  const rel = sitePath(pathname, base);
  return rel === null ? null : rel ? `${rel}/index.html` : 'index.html';
}

/** A URL's path below the base, decoded, without slashes at either end (`/base/papers/x/` → `papers/x`), or null (see `pageFile`). */
function sitePath(pathname: string, base: string): string | null {
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
  return rel;
}

const trimSlashes = (p: string): string => p.replace(/^\/+|\/+$/g, '');
