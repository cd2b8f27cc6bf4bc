// Test helper: search a built site's Pagefind index from Node, reading the bundle's files from disk.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Hit {
  url: string;
  title: string;
  filters: Record<string, string[]>;
  subResults: { url: string; title: string }[];
  /** The page's indexed text, as result excerpts are cut from it. */
  content: string;
}

let patched = false;
function patchFetch(): void {
  if (patched) return;
  patched = true;
  const real = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith('file:')) return new Response(readFileSync(fileURLToPath(url)));
    return real(input, init);
  }) as typeof fetch;
}

export async function search(dist: string, query: string, filters: Record<string, string> = {}, baseUrl = '/'): Promise<Hit[]> {
  patchFetch();
  const dir = path.join(dist, 'pagefind') + '/';
  // A fresh module instance per site: the query string keeps Node's module cache apart.
  const pf = await import(pathToFileURL(dir + 'pagefind.js').href + `?site=${encodeURIComponent(dist)}`);
  await pf.options({ basePath: pathToFileURL(dir).href, baseUrl });
  await pf.init();
  const r = await pf.search(query, { filters });
  const data = await Promise.all(r.results.map((x: { data: () => Promise<unknown> }) => x.data()));
  return data.map((d) => {
    const x = d as { url: string; meta: { title: string }; filters: Record<string, string[]>; sub_results: { url: string; title: string }[]; content: string };
    return { url: x.url, title: x.meta.title, filters: x.filters, subResults: x.sub_results, content: x.content };
  });
}
