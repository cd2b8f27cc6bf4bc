// Full-text search: index a built site with Pagefind's Node API.
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';

/**
 * Index the pages of `outDir` that opt in with `data-pagefind-body` (our layout marks every page it wants searched;
 * the others, such as the thousands of cited-work pages, say `data-pagefind-ignore="all"`). Pagefind would parse
 * every HTML file to find that out; handing it a glob of only the opted-in pages saves it the rest (at 1,000 papers
 * 1,109 of 8,108 pages, about 2 s of its 19).
 */
export async function indexSite(outDir: string): Promise<{ pages: number; errors: string[] }> {
  const { index, errors: createErrors } = await pagefind.createIndex({});
  if (!index) return { pages: 0, errors: createErrors };
  try {
    const { pages, all } = searchablePages(outDir);
    let added = pages.length < all.length ? await index.addDirectory({ path: outDir, glob: pageGlob(pages, all) }) : null;
    // A glob Pagefind cannot parse (a file name we failed to escape) only costs time: it reads every page instead.
    if (!added || added.page_count === undefined) added = await index.addDirectory({ path: outDir });
    const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
    return { pages: added.page_count ?? 0, errors: [...added.errors, ...written.errors] };
  } finally {
    await pagefind.close();
  }
}

/** How Pagefind is told a page is searchable; pages without it are not indexed once any page has it. */
const BODY = 'data-pagefind-body';

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
