// Full-text search: index a built site with Pagefind's Node API.
import { closeSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { decodeCbor, type Cbor } from './cbor.ts';

export interface IndexOptions {
  /**
   * The `fragment` folder of the previous build's Pagefind output, if kept (it is moved into the new output and the
   * fragments no page has any more are deleted after writing). Pagefind does not write a content-named file that exists,
   * so the pages that did not change are not compressed again: gzip at its best level is most of Pagefind's writing.
   */
  previousFragments?: string | null;
}

export interface IndexResult {
  /** Pages indexed. */
  pages: number;
  errors: string[];
  /** Fragments of the previous build reused. */
  reused: number;
}

/**
 * Index the pages of `outDir` that opt in with `data-pagefind-body` (our layout marks every page it wants searched;
 * the others, such as the thousands of cited-work pages, say `data-pagefind-ignore="all"`). Pagefind would parse
 * every HTML file to find that out; handing it a glob of only the opted-in pages saves it the rest (at 1,000 papers
 * 1,109 of 8,108 pages, about 2 s of its 19).
 *
 * With `batches` (the files of each batch, as `searchFirst` cut them), the pages are linked (or copied) batch by batch
 * into folders under `stage` (a temporary folder by default; removed after) and indexed as `indexStaged` indexes the
 * batches staged as they rendered, then the searchable pages no batch names: the same index. (Handing Pagefind the
 * output once per batch, with a glob, took a second longer at 1,000 papers: each glob walks every file.)
 */
export async function indexSite(outDir: string, options: IndexOptions & { batches?: readonly (readonly string[])[]; stage?: string } = {}): Promise<IndexResult> {
  const { pages, all } = searchablePages(outDir);
  if (options.batches) {
    const stage = options.stage ?? mkdtempSync(path.join(tmpdir(), 'concordance-search-'));
    // A folder left by an earlier run would add its pages to a batch.
    if (options.stage) rmSync(stage, { recursive: true, force: true });
    try {
      const staged = inBatches(pages, options.batches).map((group, k) => linkBatch(outDir, path.join(stage, String(k)), group));
      return await indexStaged(given(staged), outDir, options);
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  }
  const added = await writeIndex(outDir, pages, options, async (index) => {
    // A glob Pagefind cannot parse (a file name we failed to escape) only costs time: it reads every page instead.
    const globbed = pages.length < all.length ? await index.addDirectory({ path: outDir, glob: pageGlob(pages, all) }) : null;
    return globbed && globbed.page_count !== undefined ? globbed : index.addDirectory({ path: outDir });
  });
  return added!;
}

/** `pages` of `outDir` hard-linked (copied where a link cannot be made) into `folder`, at their paths. */
function linkBatch(outDir: string, folder: string, pages: string[]): StagedBatch {
  for (const p of pages) {
    const target = path.join(folder, p);
    mkdirSync(path.dirname(target), { recursive: true });
    try {
      linkSync(path.join(outDir, p), target);
    } catch {
      copyFileSync(path.join(outDir, p), target);
    }
  }
  return { folder, pages };
}

async function* given<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/** `pages` cut as `batches` name them (in that order, each sorted), then those no batch names; no empty groups. */
function inBatches(pages: readonly string[], batches: readonly (readonly string[])[]): string[][] {
  const left = new Set(pages);
  const groups: string[][] = [];
  for (const batch of batches) {
    const group = batch.filter((p) => left.delete(p)).sort();
    if (group.length) groups.push(group);
  }
  if (left.size) groups.push([...left].sort());
  return groups;
}

/** One batch of searchable pages copied aside: a folder holding exactly `pages` (relative paths), each at its path in the output. */
export interface StagedBatch {
  folder: string;
  pages: string[];
}

/**
 * As `indexSite` with the same batches, from copies of the searchable pages, so the index can be built before the
 * output is complete: each batch is added as it comes, and the bundle is written once `batches` ends (an iterable that
 * throws gives up the index). It is the index `indexSite` writes once the output holds the same pages (Pagefind reads
 * a folder in path order either way); `stagedPagesMatch` says whether it does. With `lowPriority`, Pagefind's process
 * runs at a lower scheduling priority, so the pages rendering beside it keep their core.
 */
export async function indexStaged(batches: AsyncIterable<StagedBatch>, outDir: string, options: IndexOptions & { lowPriority?: boolean } = {}): Promise<IndexResult> {
  const pages: string[] = [];
  const result = await writeIndex(outDir, pages, options, async (index) => {
    if (options.lowPriority) lowerPriority();
    const total: Added = { page_count: 0, errors: [] };
    for await (const batch of batches) {
      pages.push(...batch.pages);
      if (!batch.pages.length) continue;
      const added = await index.addDirectory({ path: batch.folder });
      if (added.page_count !== batch.pages.length) added.errors.push(`Pagefind indexed ${added.page_count} staged pages of ${batch.pages.length} in ${batch.folder}`);
      total.page_count = (total.page_count ?? 0) + (added.page_count ?? 0);
      total.errors.push(...added.errors);
    }
    return total;
  });
  return result!;
}

export interface BatchQueue extends AsyncIterable<StagedBatch> {
  push(batch: StagedBatch): void;
  /** No more batches: the iteration ends once the pushed ones are taken. */
  end(): void;
  /** Unless ended, the iteration throws (the index is given up). */
  abandon(): void;
}

/** The staged batches, handed to `indexStaged` as they come. */
export function batchQueue(): BatchQueue {
  const items: StagedBatch[] = [];
  let state: 'open' | 'ended' | 'abandoned' = 'open';
  let wake: (() => void) | null = null;
  const poke = (): void => {
    wake?.();
    wake = null;
  };
  return {
    push(batch) {
      if (state !== 'open') return;
      items.push(batch);
      poke();
    },
    end() {
      if (state === 'open') state = 'ended';
      poke();
    },
    abandon() {
      if (state === 'open') state = 'abandoned';
      poke();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (items.length) yield items.shift()!;
        else if (state === 'ended') return;
        else if (state === 'abandoned') throw new Error('not every batch of searchable pages was rendered');
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

/**
 * Whether the output's searchable pages are exactly those of `batches`, each the same bytes as its copy (so an index
 * built from the copies is the output's).
 */
export function stagedPagesMatch(outDir: string, batches: readonly StagedBatch[]): boolean {
  const copies = new Map<string, string>();
  for (const { folder, pages } of batches) for (const p of pages) copies.set(p, path.join(folder, p));
  const found = searchablePages(outDir).pages;
  if (found.length !== copies.size || found.some((p) => !copies.has(p))) return false;
  try {
    return found.every((p) => readFileSync(path.join(outDir, p)).equals(readFileSync(copies.get(p)!)));
  } catch {
    return false;
  }
}

/**
 * Lower the scheduling priority of Pagefind's process (every thread it has; threads it starts later inherit it). On
 * Linux only, and only a preference: where it cannot be done, nothing changes.
 */
function lowerPriority(niceness = 15): void {
  try {
    const children = readdirSync('/proc/self/task').flatMap((t) => readFileSync(`/proc/self/task/${t}/children`, 'utf8').trim().split(' ').filter(Boolean));
    for (const pid of children) {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('pagefind')) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) setPriority(Number(tid), niceness);
    }
  } catch {
    // Not Linux, or the process is gone: the index is the same either way.
  }
}

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;
type Added = Awaited<ReturnType<PagefindIndex['addDirectory']>>;

/**
 * Create an index, `add` the pages, write the bundle into `outDir/pagefind` (reusing previous fragments), close; null
 * (nothing written) when `add` gives null. `pages` are the pages indexed, read once `add` is done.
 */
async function writeIndex(outDir: string, pages: string[], options: IndexOptions, add: (index: PagefindIndex) => Promise<Added | null>): Promise<IndexResult | null> {
  const { index, errors: createErrors } = await pagefind.createIndex({});
  if (!index) return { pages: 0, errors: createErrors, reused: 0 };
  try {
    const added = await add(index);
    if (!added) return null;
    const bundle = path.join(outDir, 'pagefind');
    const seeded = seedFragments(options.previousFragments, bundle);
    let written = await index.writeFiles({ outputPath: bundle });
    let reused = seeded ? pruneFragments(bundle, seeded, new Set(pages.map(pageUrl))) : 0;
    if (reused < 0) {
      // The reused fragments do not add up (a format we do not know, or a name clash): write everything afresh.
      rmSync(bundle, { recursive: true, force: true });
      written = await index.writeFiles({ outputPath: bundle });
      reused = 0;
    }
    return { pages: added.page_count ?? 0, errors: [...added.errors, ...written.errors], reused };
  } finally {
    await pagefind.close();
  }
}

/** How Pagefind is told a page is searchable; pages without it are not indexed once any page has it. */
export const BODY = 'data-pagefind-body';

/**
 * The HTML files of `dir` (`all`: relative, `/`-separated, sorted) and those whose markup has `data-pagefind-body`
 * (`pages`; every HTML file when none has it, as Pagefind then indexes whole pages). A file is read only up to the
 * attribute; files without it are read whole.
 */
export function searchablePages(dir: string): { pages: string[]; all: string[] } {
  const all = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'))
    .sort();
  const marked = all.filter((f) => hasBody(path.join(dir, f)));
  return { pages: marked.length ? marked : all, all };
}

const CHUNK = 64 * 1024;
const chunk = Buffer.alloc(CHUNK);

function hasBody(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    // Read in chunks, keeping the last few bytes so an attribute split across two reads is still found.
    let tail = '';
    for (;;) {
      const n = readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0) return false;
      const text = tail + chunk.toString('latin1', 0, n);
      if (text.includes(BODY)) return true;
      tail = text.slice(-BODY.length);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A glob that matches exactly `pages` among `all` (the site's HTML files): a folder whose HTML files are all wanted
 * becomes `folder/**\/*.html`, other wanted files are named one by one (glob characters escaped).
 */
export function pageGlob(pages: string[], all: string[]): string {
  const wanted = new Set(pages);
  const files = all;
  interface Folder { files: string[]; folders: Map<string, Folder>; total: number; hit: number }
  const root: Folder = { files: [], folders: new Map(), total: 0, hit: 0 };
  for (const f of new Set([...files, ...pages])) {
    const parts = f.split('/');
    let node = root;
    const hit = wanted.has(f) ? 1 : 0;
    node.total++;
    node.hit += hit;
    for (const p of parts.slice(0, -1)) {
      if (!node.folders.has(p)) node.folders.set(p, { files: [], folders: new Map(), total: 0, hit: 0 });
      node = node.folders.get(p)!;
      node.total++;
      node.hit += hit;
    }
    node.files.push(f);
  }
  const out: string[] = [];
  const walk = (node: Folder, prefix: string): void => {
    if (node.hit === 0) return;
    if (prefix && node.hit === node.total) {
      out.push(`${escapeGlob(prefix)}**/*.html`);
      return;
    }
    for (const f of node.files) if (wanted.has(f)) out.push(escapeGlob(f));
    for (const [name, child] of [...node.folders].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) walk(child, `${prefix}${name}/`);
  };
  walk(root, '');
  return out.length === 1 ? out[0] : `{${out.join(',')}}`;
}

function escapeGlob(s: string): string {
  // Pagefind's glob syntax (wax): these are its metacharacters; `!` is one only inside a class, where it cannot be escaped.
  return s.replace(/[\\*?$:<>()[\]{},]/g, (c) => `\\${c}`);
}

/** Move the previous fragments to where Pagefind writes its own; the names moved, or null if there is nothing to reuse. */
function seedFragments(previous: string | null | undefined, bundle: string): Set<string> | null {
  const target = path.join(bundle, 'fragment');
  if (!previous || !existsSync(previous) || existsSync(target)) return null;
  try {
    mkdirSync(bundle, { recursive: true });
    renameSync(previous, target);
    return new Set(readdirSync(target));
  } catch {
    return null;
  }
}

const SIGNATURE = 'pagefind_dcd';

/** A Pagefind data file: gzip of a signature and the payload. */
function pagefindData(file: string): Buffer {
  const raw = gunzipSync(readFileSync(file));
  if (raw.subarray(0, SIGNATURE.length).toString('latin1') !== SIGNATURE) throw new Error(`${file}: not a Pagefind data file`);
  return raw.subarray(SIGNATURE.length);
}

/** A page's URL as Pagefind records it (`papers/x/index.html` → `/papers/x/`). */
function pageUrl(file: string): string {
  return '/' + file.replace(/(^|\/)index\.html$/, '$1');
}

/**
 * After Pagefind wrote over the seeded fragments: delete those no page of the new index names, and check that the
 * index's fragments are all there and stand for exactly the pages indexed, one each. Fragment files are named by a
 * short hash of their content, and Pagefind skips a name that exists: if a changed page's new name were an old
 * fragment's of another page, that file would stand for the wrong page, and this check sees it. Returns how many
 * fragments were reused, or -1 if anything does not add up.
 */
function pruneFragments(bundle: string, seeded: Set<string>, expected: Set<string>): number {
  try {
    const entry = JSON.parse(readFileSync(path.join(bundle, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }> };
    const live = new Set<string>();
    for (const { hash } of Object.values(entry.languages)) {
      // The metadata (CBOR): [version, pages: [[hash, word count, …]], index chunks, filters, …].
      const meta = decodeCbor(pagefindData(path.join(bundle, `pagefind.${hash}.pf_meta`)));
      const pages = Array.isArray(meta) ? meta[1] : null;
      if (!Array.isArray(pages)) return -1;
      for (const page of pages as Cbor[]) {
        if (!Array.isArray(page) || typeof page[0] !== 'string') return -1;
        live.add(`${page[0]}.pf_fragment`);
      }
    }
    const dir = path.join(bundle, 'fragment');
    const present = new Set(readdirSync(dir));
    for (const name of present) {
      if (live.has(name)) continue;
      if (!seeded.has(name)) return -1;
      unlinkSync(path.join(dir, name));
    }
    const urls = new Set<string>();
    let reused = 0;
    for (const name of live) {
      if (!present.has(name)) return -1;
      if (seeded.has(name)) reused++;
      const url = /^\{"url":("(?:[^"\\]|\\.)*")/.exec(pagefindData(path.join(dir, name)).toString('utf8', 0, 4096));
      if (!url) return -1;
      const u = JSON.parse(url[1]) as string;
      if (urls.has(u) || !expected.has(u)) return -1;
      urls.add(u);
    }
    return urls.size === expected.size ? reused : -1;
  } catch {
    return -1;
  }
}
