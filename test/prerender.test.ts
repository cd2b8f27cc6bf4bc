// The prerenderer wrapper that renders searchable pages first and copies them aside for an early search index.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AstroPrerenderer } from 'astro';
import { afterEach, describe, expect, it } from 'vitest';
import { pageFile, searchFirst } from '../src/site/prerender.ts';

type Path = Awaited<ReturnType<AstroPrerenderer['getStaticPaths']>>[number];
type Route = Path['route'];

const route = (pattern: string, type: 'page' | 'endpoint' = 'page', params: string[] = []): Route => ({ route: pattern, type, params }) as unknown as Route;
const papers = route('/papers/[id]', 'page', ['id']);
const works = route('/works/[id]', 'page', ['id']);
const home = route('/');
const corpus = route('/corpus.json', 'endpoint');
const cite = route('/papers/[id]/cite.bib', 'endpoint', ['id']);

const html = (body: string, searchable = true): string =>
  `<!doctype html><html><body><main${searchable ? ' data-pagefind-body' : ' data-pagefind-ignore="all"'}>${body}</main></body></html>`;

/** A prerenderer over fixed pages: `pages` maps a URL's path to its body; every render is recorded. */
function fake(paths: Path[], pages: Record<string, string>, { metadata = false, gate = {} as Record<string, Promise<void>> } = {}) {
  const rendered: string[] = [];
  const base: AstroPrerenderer = {
    name: 'fake',
    getStaticPaths: async () => paths,
    render: async (request) => {
      const pathname = new URL(request.url).pathname;
      // A gated render finishes when its gate opens, so renders can finish in another order than they started.
      await gate[pathname];
      rendered.push(pathname);
      const body = pages[pathname] ?? '';
      const type = pathname.endsWith('.bib') ? 'application/x-bibtex' : pathname.endsWith('.json') ? 'application/json' : 'text/html';
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

/** A path as Astro lists it: below the base. */
const p = (pathname: string, r: Route): Path => ({ pathname, route: r }) as Path;

/** The request Astro makes for a path: the base joined in front. */
const request = (pathname: string, base = '/', origin = 'http://localhost'): Request => new Request(origin + base.replace(/\/$/, '') + pathname);

/** Render every path in the order the wrapper gives, as Astro would (one at a time here). */
async function renderAll(pr: AstroPrerenderer, base = '/'): Promise<void> {
  for (const { pathname, route: routeData } of await pr.getStaticPaths()) await pr.render(request(pathname, base), { routeData: routeData as never });
}

type Call = [number, string, string[]];

describe('searchFirst', () => {
  const paths = [p('/', home), p('/papers/a/', papers), p('/works/w1/', works), p('/papers/a/cite.bib', cite), p('/corpus.json', corpus), p('/papers/b/', papers), p('/works/w2/', works)];
  const pages = {
    '/': html('home'),
    '/papers/a/': html('paper a'),
    '/papers/b/': html('paper b'),
    '/works/w1/': html('work 1', false),
    '/works/w2/': html('work 2', false),
    '/papers/a/cite.bib': '@misc{a}',
    '/corpus.json': '{}',
  };

  it('orders endpoints without parameters, then searchable pages, then the unsearched pages and the other endpoints, each in Astro order', async () => {
    const { base } = fake(paths, pages);
    const pr = searchFirst(base, { unsearched: new Set(['/works/[id]']), stage: stageDir(), base: '/', onStaged: () => undefined });
    expect((await pr.getStaticPaths()).map((x) => x.pathname)).toEqual(['/corpus.json', '/', '/papers/a/', '/papers/b/', '/works/w1/', '/papers/a/cite.bib', '/works/w2/']);
  });

  it('copies each searchable page into its batch as rendered, hands back the same response, and calls back as each batch is done', async () => {
    const { base } = fake(paths, pages, { metadata: true });
    const stage = stageDir();
    const calls: Call[] = [];
    let plan: string[][] = [];
    const pr = searchFirst(base, { unsearched: new Set(['/works/[id]']), stage, base: '/', batches: 2, onPlan: (x) => (plan = x), onStaged: (k, folder, list) => calls.push([k, folder, [...list]]) });
    const seen: number[] = [];
    const out = [];
    for (const { pathname, route: routeData } of await pr.getStaticPaths()) {
      const result = await pr.render(request(pathname), { routeData: routeData as never });
      seen.push(calls.length);
      const response = result instanceof Response ? result : result.response;
      out.push({ pathname, text: await response.text(), type: response.headers.get('x-test'), metadata: result instanceof Response ? null : result.metadata });
    }
    expect(plan).toEqual([['index.html', 'papers/a/index.html'], ['papers/b/index.html']]);
    // The first batch (the endpoint, /, a) is done after the third render, the second (b) after the fourth.
    expect(seen).toEqual([0, 0, 1, 2, 2, 2, 2]);
    expect(calls).toEqual([
      [0, path.join(stage, '0'), ['index.html', 'papers/a/index.html']],
      [1, path.join(stage, '1'), ['papers/b/index.html']],
    ]);
    for (const o of out) {
      expect(o.text).toBe(pages[o.pathname as keyof typeof pages]);
      expect(o.type).toBe(o.pathname);
      expect(o.metadata).toEqual({ contentEntryKeys: [o.pathname] });
    }
    expect(readFileSync(path.join(stage, '0/papers/a/index.html'), 'utf8')).toBe(pages['/papers/a/']);
    expect(readFileSync(path.join(stage, '0/index.html'), 'utf8')).toBe(pages['/']);
    expect(readFileSync(path.join(stage, '1/papers/b/index.html'), 'utf8')).toBe(pages['/papers/b/']);
    for (const k of ['0', '1']) {
      expect(existsSync(path.join(stage, k, 'works'))).toBe(false);
      expect(existsSync(path.join(stage, k, 'corpus.json'))).toBe(false);
    }
  });

  it('calls back in batch order when a later batch is done first', async () => {
    const early = ['/corpus.json', '/', '/papers/a/', '/papers/b/'];
    const open = new Map<string, () => void>();
    const gate = Object.fromEntries(early.map((x) => [x, new Promise<void>((resolve) => open.set(x, resolve))]));
    const { base } = fake(paths, pages, { gate });
    const calls: number[] = [];
    const pr = searchFirst(base, { unsearched: new Set(['/works/[id]']), stage: stageDir(), base: '/', batches: 3, onStaged: (k) => calls.push(k) });
    const byPath = new Map((await pr.getStaticPaths()).map((x) => [x.pathname, x.route]));
    // Astro starts the paths in order, several at once; they finish in any order.
    const renders = early.map((x) => pr.render(request(x), { routeData: byPath.get(x) as never }));
    for (const [x, k] of [['/papers/b/', 3], ['/papers/a/', 2]] as const) {
      open.get(x)!();
      await renders[k];
    }
    expect(calls).toEqual([]);
    open.get('/')!();
    await renders[1];
    expect(calls).toEqual([]);
    open.get('/corpus.json')!();
    await renders[0];
    expect(calls).toEqual([0, 1, 2]);
  });

  it('leaves out pages without the search opt-in, and maps URLs under a base path', async () => {
    const list = [p('/', home), p('/papers/a/', papers), p('/papers/c/', papers)];
    const { base } = fake(list, { '/review/': html('home'), '/review/papers/a/': html('a'), '/review/papers/c/': html('c', false) });
    const stage = stageDir();
    const staged: string[][] = [];
    const pr = searchFirst(base, { unsearched: new Set(), stage, base: '/review/', onStaged: (_, __, l) => staged.push(l) });
    await renderAll(pr, '/review/');
    expect(staged).toEqual([['index.html'], ['papers/a/index.html'], []]);
  });

  it('does not call back for a batch with a page that was not rendered (a rebuild keeps unchanged pages), nor after it', async () => {
    const { base } = fake(paths, pages);
    const calls: number[] = [];
    const pr = searchFirst(base, { unsearched: new Set(['/works/[id]']), stage: stageDir(), base: '/', batches: 3, onStaged: (k) => calls.push(k) });
    for (const { pathname, route: routeData } of await pr.getStaticPaths()) {
      if (pathname === '/papers/a/') continue;
      await pr.render(request(pathname), { routeData: routeData as never });
    }
    expect(calls).toEqual([0]);
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
      const result = await pr.render(request(pathname), { routeData: routeData as never });
      texts.push(await (result instanceof Response ? result : result.response).text());
    }
    expect(texts).toEqual([html('home'), html('a')]);
    expect(called).toBe(false);
  });

  it('does not call back when a searchable page is requested outside the base', async () => {
    const list = [p('/', home), p('/papers/a/', papers)];
    const { base } = fake(list, { '/': html('home'), '/papers/a/': html('a') });
    let called = false;
    const pr = searchFirst(base, { unsearched: new Set(), stage: stageDir(), base: '/review/', batches: 1, onStaged: () => (called = true) });
    await renderAll(pr, '/');
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
