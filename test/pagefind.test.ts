// Search indexing (src/lib/search/pagefind.ts): only the pages that opt in are handed to Pagefind, by an exact glob.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { gunzipSync } from 'node:zlib';
import { batchQueue, indexSite, indexStaged, pageGlob, searchablePages, stagedPagesMatch } from '../src/lib/search/pagefind.ts';
import { filesOf } from './helpers/site.ts';
import { search } from './helpers/pagefind.ts';
import { repo } from './helpers/site.ts';

const page = (body: string, searchable: boolean, head = '') =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>${head}</head><body><main ${searchable ? 'data-pagefind-body' : 'data-pagefind-ignore="all"'}><h1>${body}</h1><p>${body} text</p></main></body></html>`;

function site(name: string, files: Record<string, string>): string {
  const dir = path.join(repo, 'test/.tmp', name);
  rmSync(dir, { recursive: true, force: true });
  for (const [f, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), content);
  }
  return dir;
}

describe('pageGlob', () => {
  it('names whole folders when all their pages are wanted, single files otherwise', () => {
    const all = ['index.html', 'papers/a/index.html', 'papers/b/index.html', 'works/index.html', 'works/page/2/index.html', 'works/x/index.html', 'report/p/index.html'];
    const glob = pageGlob(['index.html', 'papers/a/index.html', 'papers/b/index.html', 'works/index.html', 'works/page/2/index.html'], all);
    expect(glob).toBe('{index.html,papers/**/*.html,works/index.html,works/page/**/*.html}');
  });

  it('escapes glob characters in file names', () => {
    expect(pageGlob(['a{1}/x[2].html'], ['a{1}/x[2].html', 'a{1}/y.html'])).toBe('a\\{1\\}/x\\[2\\].html');
  });

  it('gives Pagefind a glob it parses and matches, whatever the file names', async () => {
    const dir = site('pagefind-names', {
      'odd {d}/p[1]/index.html': page('Braces', true),
      'odd {d}/q,r/index.html': page('Comma', false),
      'x!y(z)$:<a>/index.html': page('Marks', true),
      'x!y(z)$:<a>/n.html': page('Other', false),
    });
    const { pages, all } = searchablePages(dir);
    expect(pages).toHaveLength(2);
    const { index } = await pagefind.createIndex({});
    try {
      const added = await index!.addDirectory({ path: dir, glob: pageGlob(pages, all) });
      expect(added.errors).toEqual([]);
      expect(added.page_count).toBe(2);
    } finally {
      await pagefind.close();
    }
  }, 60_000);
});

describe('searchablePages', () => {
  it('finds the attribute wherever it is in the file, also across read chunks', () => {
    const longHead = `<meta name="x" content="${'y'.repeat(64 * 1024 - 200)}">`;
    const dir = site('pagefind-scan', {
      'index.html': page('Home', true),
      'a/index.html': page('Alpha', true, longHead),
      'b/index.html': page('Beta', false),
      'pagefind/ignored.html': page('Bundle', true),
    });
    const { pages, all } = searchablePages(dir);
    expect(all).toEqual(['a/index.html', 'b/index.html', 'index.html']);
    expect(pages).toEqual(['a/index.html', 'index.html']);
  });

  it('falls back to every page when none opts in', () => {
    const dir = site('pagefind-none', { 'index.html': '<html><body><p>x</p></body></html>', 'a/index.html': '<html><body><p>y</p></body></html>' });
    expect(searchablePages(dir).pages).toEqual(['a/index.html', 'index.html']);
  });
});

describe('indexSite', () => {
  it('indexes exactly the pages that opt in, and search finds them', async () => {
    const dir = site('pagefind-index', {
      'index.html': page('Home', true),
      'papers/one/index.html': page('Trafficking convention', true),
      'works/w1/index.html': page('Trafficking work', false),
      'works/index.html': page('Works list', true),
    });
    const result = await indexSite(dir);
    expect(result.errors).toEqual([]);
    expect(result.pages).toBe(3);
    const hits = await search(dir, 'trafficking');
    expect(hits.map((h) => h.url)).toEqual(['/papers/one/']);
  }, 60_000);
});

describe('indexSite reusing the previous build\'s fragments', () => {
  it('reuses the unchanged pages\' fragments, drops the others, and ends with the files a fresh index writes', async () => {
    const files = {
      'index.html': page('Home', true),
      'papers/one/index.html': page('Convention one', true),
      'papers/two/index.html': page('Protocol two', true),
      'papers/three/index.html': page('Directive three', true),
    };
    const before = site('pagefind-reuse', files);
    await indexSite(before);
    const previous = keepFragments(before, 'pagefind-reuse-previous');
    // The next build: one page changed, one gone, one new.
    const next = { ...files, 'papers/two/index.html': page('Protocol two, amended', true), 'papers/four/index.html': page('Statute four', true) } as Record<string, string>;
    delete next['papers/three/index.html'];
    const after = site('pagefind-reuse', next);
    const reusedRun = await indexSite(after, { previousFragments: previous });
    expect(reusedRun.errors).toEqual([]);
    expect(reusedRun.reused).toBe(2);
    expect(existsSync(previous)).toBe(false);
    const fresh = site('pagefind-reuse-fresh', next);
    await indexSite(fresh);
    const list = (d: string) => readdirSync(path.join(d, 'pagefind/fragment')).sort();
    expect(list(after)).toEqual(list(fresh));
    for (const name of list(fresh)) expect(readFileSync(path.join(after, 'pagefind/fragment', name)).equals(readFileSync(path.join(fresh, 'pagefind/fragment', name)))).toBe(true);
    expect((await search(after, 'amended')).map((h) => h.url)).toEqual(['/papers/two/']);
    expect(await search(after, 'directive')).toEqual([]);
  }, 60_000);

  it('writes everything afresh when a reused fragment stands for the wrong page', async () => {
    const old = { 'index.html': page('Home', true), 'papers/one/index.html': page('Convention one', true), 'papers/gone/index.html': page('Removed paper', true) };
    const next = { 'index.html': page('Home', true), 'papers/one/index.html': page('Convention one, revised', true) };
    // The name the revised page's fragment gets, from a fresh index of the next build.
    const fresh = site('pagefind-clash-fresh', next);
    await indexSite(fresh);
    const first = site('pagefind-clash', old);
    await indexSite(first);
    const oldNames = new Set(readdirSync(path.join(first, 'pagefind/fragment')));
    const revised = readdirSync(path.join(fresh, 'pagefind/fragment')).find((n) => !oldNames.has(n))!;
    const gone = [...oldNames].find((n) => pagefindUrl(path.join(first, 'pagefind/fragment', n)) === '/papers/gone/')!;
    // A clash of short content names: the removed page's old fragment bears the name the revised page's new one gets.
    const previous = keepFragments(first, 'pagefind-clash-previous');
    renameSync(path.join(previous, gone), path.join(previous, revised));
    const again = site('pagefind-clash', next);
    const result = await indexSite(again, { previousFragments: previous });
    expect(result.reused).toBe(0);
    expect((await search(again, 'revised')).map((h) => h.url)).toEqual(['/papers/one/']);
    expect(await search(again, 'removed')).toEqual([]);
  }, 60_000);
});

/** Move a built site's Pagefind fragments aside, as a build keeps the previous output's; returns where they are. */
function keepFragments(dir: string, name: string): string {
  const previous = path.join(repo, 'test/.tmp', name);
  rmSync(previous, { recursive: true, force: true });
  renameSync(path.join(dir, 'pagefind/fragment'), previous);
  return previous;
}

function pagefindUrl(file: string): string {
  return JSON.parse(gunzipSync(readFileSync(file)).subarray('pagefind_dcd'.length).toString('utf8')).url;
}

describe('indexStaged', () => {
  const files = {
    'index.html': page('Home', true),
    'papers/a/index.html': page('Alpha paper', true),
    'papers/b/index.html': page('Beta paper', true),
    'works/w/index.html': page('Work', false),
  };
  const searchable = ['index.html', 'papers/a/index.html', 'papers/b/index.html'];
  /** A stage folder per batch, holding copies of its pages. */
  const stageOf = (name: string, batches: string[][]) =>
    batches.map((pages, k) => ({ folder: site(`${name}-${k}`, Object.fromEntries(pages.map((f) => [f, files[f as keyof typeof files]]))), pages: [...pages].sort() }));
  async function* given<T>(items: T[], fail = false): AsyncGenerator<T> {
    for (const item of items) {
      await new Promise((r) => setTimeout(r, 5));
      yield item;
    }
    if (fail) throw new Error('abandoned');
  }
  const bundle = (d: string) => filesOf(path.join(d, 'pagefind')).map((f) => [f, readFileSync(path.join(d, 'pagefind', f)).toString('base64')]);

  it('writes, from copies of the searchable pages in batches, the index indexSite writes from the output in the same batches', async () => {
    // Not in path order, a batch naming a page that is not searchable, and a searchable page no batch names.
    const plan = [['papers/b/index.html', 'works/w/index.html'], ['index.html']];
    const out = site('pagefind-staged-out', files);
    const stage = stageOf('pagefind-staged-stage', [['papers/b/index.html'], ['index.html'], ['papers/a/index.html']]);
    const staged = await indexStaged(given(stage), out, { lowPriority: true });
    expect(staged.errors).toEqual([]);
    expect(staged.pages).toBe(3);
    expect(stagedPagesMatch(out, stage)).toBe(true);
    const plain = site('pagefind-staged-plain', files);
    // The output's pages are linked into batch folders under `stage`, which is gone afterwards.
    const linked = path.join(repo, 'test/.tmp/pagefind-staged-links');
    await indexSite(plain, { batches: plan, stage: linked });
    expect(existsSync(linked)).toBe(false);
    expect(bundle(out)).toEqual(bundle(plain));
    // In one batch, the same index as without batches.
    const one = site('pagefind-staged-one', files);
    await indexStaged(given(stageOf('pagefind-staged-one-stage', [searchable])), one);
    const unbatched = site('pagefind-staged-unbatched', files);
    await indexSite(unbatched);
    expect(bundle(one)).toEqual(bundle(unbatched));
    expect((await search(unbatched, 'beta')).map((r) => r.url)).toEqual(['/papers/b/']);
  }, 60_000);

  it('reports a stage that does not hold the pages it was told of, and gives up when the batches stop short', async () => {
    const out = site('pagefind-staged-short-out', files);
    const [first] = stageOf('pagefind-staged-short-stage', [['index.html']]);
    const staged = await indexStaged(given([{ ...first!, pages: searchable }]), out);
    expect(staged.errors.join()).toMatch(/1 staged pages of 3/);
    const gone = site('pagefind-staged-abandoned-out', files);
    await expect(indexStaged(given([first!], true), gone)).rejects.toThrow(/abandoned/);
    expect(existsSync(path.join(gone, 'pagefind'))).toBe(false);
  }, 60_000);

  it('stagedPagesMatch: false when a page differs by a byte, is missing, or the output has another searchable page', () => {
    const stage = stageOf('pagefind-match-stage', [['papers/a/index.html'], ['index.html', 'papers/b/index.html']]);
    expect(stagedPagesMatch(site('pagefind-match-same', files), stage)).toBe(true);
    expect(stagedPagesMatch(site('pagefind-match-byte', { ...files, 'papers/b/index.html': page('Beta papes', true) }), stage)).toBe(false);
    const { 'papers/a/index.html': _, ...without } = files;
    expect(stagedPagesMatch(site('pagefind-match-missing', without), stage)).toBe(false);
    expect(stagedPagesMatch(site('pagefind-match-extra', { ...files, 'extra/index.html': page('Extra', true) }), stage)).toBe(false);
    expect(stagedPagesMatch(site('pagefind-match-unstaged', files), [...stage, { folder: stage[0]!.folder, pages: ['works/w/index.html'] }])).toBe(false);
  });
});

describe('batchQueue', () => {
  const batch = (n: number) => ({ folder: `f${n}`, pages: [`p${n}`] });
  async function take(queue: AsyncIterable<{ folder: string }>, into: string[]): Promise<void> {
    for await (const b of queue) into.push(b.folder);
  }

  it('hands batches over in order as they come, and ends once ended and emptied', async () => {
    const queue = batchQueue();
    const got: string[] = [];
    const done = take(queue, got);
    queue.push(batch(0));
    await new Promise((r) => setTimeout(r, 5));
    expect(got).toEqual(['f0']);
    queue.push(batch(1));
    queue.push(batch(2));
    queue.end();
    queue.push(batch(3));
    await done;
    expect(got).toEqual(['f0', 'f1', 'f2']);
  });

  it('throws, after the batches pushed, once abandoned before it ended', async () => {
    const queue = batchQueue();
    const got: string[] = [];
    queue.push(batch(0));
    queue.abandon();
    await expect(take(queue, got)).rejects.toThrow(/not every batch/);
    expect(got).toEqual(['f0']);
  });
});
