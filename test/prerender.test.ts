// The prerenderer wrapper that renders searchable pages first and copies them aside for an early search index.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AstroPrerenderer } from 'astro';
import { afterEach, describe, expect, it } from 'vitest';
import { pageFile, searchFirst } from '../src/site/prerender.ts';

type Path = Awaited<ReturnType<AstroPrerenderer['getStaticPaths']>>[number];
type Route = Path['route'];

const route = (pattern: string, type: 'page' | 'endpoint' = 'page'): Route => ({ route: pattern, type }) as unknown as Route;
const papers = route('/papers/[id]');
const works = route('/works/[id]');
const home = route('/');
const cite = route('/papers/[id]/cite.bib', 'endpoint');

const html = (body: string, searchable = true): string =>
  `<!doctype html><html><body><main${searchable ? ' data-pagefind-body' : ' data-pagefind-ignore="all"'}>${body}</main></body></html>`;

/** A prerenderer over fixed pages: `pages` maps a pathname to its body; every render is recorded. */
function fake(paths: Path[], pages: Record<string, string>, { metadata = false } = {}) {
  const rendered: string[] = [];
  const base: AstroPrerenderer = {
    name: 'fake',
    getStaticPaths: async () => paths,
    render: async (request) => {
      const pathname = new URL(request.url).pathname;
      rendered.push(pathname);
      const body = pages[pathname] ?? '';
      const type = pathname.endsWith('.bib') ? 'application/x-bibtex' : 'text/html';
      const response = new Response(body, { status: 200, headers: { 'content-type': type, 'x-test': pathname } });
      return metadata ? { response, metadata: { contentEntryKeys: [pathname] } as never } : response;
    },
  };
  return { base, rendered };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function stageDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'stage-'));
  dirs.push(d);
  return path.join(d, 'stage');
}

const p = (pathname: string, r: Route): Path => ({ pathname, route: r }) as Path;

/** Render every path in the order the wrapper gives, as Astro would (one at a time here). */
async function renderAll(pr: AstroPrerenderer, origin = 'http://localhost'): Promise<void> {
  for (const { pathname, route: routeData } of await pr.getStaticPaths()) await pr.render(new Request(origin + pathname), { routeData: routeData as never });
}

describe('searchFirst', () => {
  const paths = [p('/', home), p('/papers/a/', papers), p('/works/w1/', works), p('/papers/a/cite.bib', cite), p('/papers/b/', papers), p('/works/w2/', works)];
  const pages = {
    '/': html('home'),
    '/papers/a/': html('paper a'),
    '/papers/b/': html('paper b'),
    '/works/w1/': html('work 1', false),
    '/works/w2/': html('work 2', false),
    '/papers/a/cite.bib': '@misc{a}',
  };

  it('orders endpoints, then searchable pages, then the unsearched ones, each in Astro order', async () => {
    const { base } = fake(paths, pages);
    const pr = searchFirst(base, { unsearched: new Set(['/works/[id]']), stage: stageDir(), base: '/', onStaged: () => undefined });
    expect((await pr.getStaticPaths()).map((x) => x.pathname)).toEqual(['/papers/a/cite.bib', '/', '/papers/a/', '/papers/b/', '/works/w1/', '/works/w2/']);
  });

  it('copies each searchable page as rendered, hands back the same response, and says so once all before the unsearched are done', async () => {
    const { base } = fake(paths, pages, { metadata: true });
    const stage = stageDir();
    const calls: string[][] = [];
    const pr = searchFirst(base, { unsearched: new Set(['/works/[id]']), stage, base: '/', onStaged: (list) => calls.push([...list]) });
    const seen: number[] = [];
    const out = [];
    for (const { pathname, route: routeData } of await pr.getStaticPaths()) {
      const result = await pr.render(new Request('http://localhost' + pathname), { routeData: routeData as never });
      seen.push(calls.length);
      const response = result instanceof Response ? result : result.response;
      out.push({ pathname, text: await response.text(), type: response.headers.get('x-test'), metadata: result instanceof Response ? null : result.metadata });
    }
    // Called right after the fourth render (cite.bib, /, a, b), not before, never again.
    expect(seen).toEqual([0, 0, 0, 1, 1, 1]);
    expect(calls).toEqual([['index.html', 'papers/a/index.html', 'papers/b/index.html']]);
    for (const o of out) {
      expect(o.text).toBe(pages[o.pathname as keyof typeof pages]);
      expect(o.type).toBe(o.pathname);
      expect(o.metadata).toEqual({ contentEntryKeys: [o.pathname] });
    }
    expect(readFileSync(path.join(stage, 'papers/a/index.html'), 'utf8')).toBe(pages['/papers/a/']);
    expect(readFileSync(path.join(stage, 'index.html'), 'utf8')).toBe(pages['/']);
    expect(existsSync(path.join(stage, 'works'))).toBe(false);
    expect(existsSync(path.join(stage, 'papers/a/cite.bib'))).toBe(false);
  });

  it('leaves out pages without the search opt-in, and maps URLs under a base path', async () => {
    const list = [p('/review/', home), p('/review/papers/a/', papers), p('/review/papers/c/', papers)];
    const { base } = fake(list, { '/review/': html('home'), '/review/papers/a/': html('a'), '/review/papers/c/': html('c', false) });
    const stage = stageDir();
    let staged: string[] | null = null;
    const pr = searchFirst(base, { unsearched: new Set(), stage, base: '/review', onStaged: (l) => (staged = l) });
    await renderAll(pr);
    expect(staged).toEqual(['index.html', 'papers/a/index.html']);
  });

  it('does not call back when a page of the first groups was not rendered (a rebuild keeps unchanged pages)', async () => {
    const { base } = fake(paths, pages);
    let called = false;
    const pr = searchFirst(base, { unsearched: new Set(['/works/[id]']), stage: stageDir(), base: '/', onStaged: () => (called = true) });
    for (const { pathname, route: routeData } of await pr.getStaticPaths()) {
      if (pathname === '/papers/b/') continue;
      await pr.render(new Request('http://localhost' + pathname), { routeData: routeData as never });
    }
    expect(called).toBe(false);
  });

  it('hands the page back whole when its copy cannot be written, and gives up the early index', async () => {
    const list = [p('/', home), p('/papers/a/', papers)];
    const { base } = fake(list, { '/': html('home'), '/papers/a/': html('a') });
    // The stage's parent is a file: no folder can be made there.
    const blocker = stageDir();
    writeFileSync(blocker, 'not a folder');
    let called = false;
    const pr = searchFirst(base, { unsearched: new Set(), stage: path.join(blocker, 'stage'), base: '/', onStaged: () => (called = true) });
    const texts: string[] = [];
    for (const { pathname, route: routeData } of await pr.getStaticPaths()) {
      const result = await pr.render(new Request('http://localhost' + pathname), { routeData: routeData as never });
      texts.push(await (result instanceof Response ? result : result.response).text());
    }
    expect(texts).toEqual([html('home'), html('a')]);
    expect(called).toBe(false);
  });

  it('does not call back when a searchable page cannot be placed (its URL is outside the base)', async () => {
    const list = [p('/', home), p('/papers/a/', papers)];
    const { base } = fake(list, { '/': html('home'), '/papers/a/': html('a') });
    let called = false;
    const pr = searchFirst(base, { unsearched: new Set(), stage: stageDir(), base: '/papers/a/', onStaged: () => (called = true) });
    await renderAll(pr);
    expect(called).toBe(false);
  });
});

describe('pageFile', () => {
  it('gives the directory-format file of a page URL', () => {
    expect(pageFile('/', '/')).toBe('index.html');
    expect(pageFile('/papers/x/', '/')).toBe('papers/x/index.html');
    expect(pageFile('/papers/x', '/')).toBe('papers/x/index.html');
    expect(pageFile('/review/papers/x/', '/review/')).toBe('papers/x/index.html');
    expect(pageFile('/review/', '/review')).toBe('index.html');
    expect(pageFile('/works/m%C3%BCller-2020/', '/')).toBe('works/müller-2020/index.html');
  });

  it('refuses URLs outside the base or leaving the folder', () => {
    expect(pageFile('/other/x/', '/review/')).toBeNull();
    expect(pageFile('/reviewer/x/', '/review/')).toBeNull();
    expect(pageFile('/a/%2E%2E/b/', '/')).toBeNull();
    expect(pageFile('/a/%E0%A4%A/', '/')).toBeNull();
  });
});
