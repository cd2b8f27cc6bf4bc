// Page-side access to the loaders' output: typed getters over the content collections.
import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
import { getCollection, getEntry } from 'astro:content';
import { registerRelease } from './release.ts';
import { hashOf } from '../lib/cache.ts';
import type { Actor, CorpusIndex, Diagnostic, Instrument, PaperMeta, Theme } from '../lib/types.ts';

export interface CorpusEntry {
  index: CorpusIndex;
  diagnostics: Diagnostic[];
  style: string;
  summary: string;
  /** Sentence texts by paper id and sentence id, for quoting. */
  sentences: Record<string, Record<string, string>>;
  registry: Instrument[];
  themes: Theme[];
  actors: Actor[];
  /** Formatted references (CSL HTML) by work id and by paper id, formatted once by the loader. */
  formatted: { works: Record<string, string>; papers: Record<string, string> };
}

// The collections do not change during a build: read and sort them once (every page asks). In dev they can, so no memo there.
let corpusMemo: Promise<CorpusEntry> | null = null;
let papersMemo: ReturnType<typeof readPapers> | null = null;

export function corpus(): Promise<CorpusEntry> {
  if (import.meta.env.DEV) return readCorpus();
  return (corpusMemo ??= readCorpus());
}

export function papers(): ReturnType<typeof readPapers> {
  if (import.meta.env.DEV) return readPapers();
  return (papersMemo ??= readPapers());
}

/**
 * Paths of a per-paper export route (`cite.bib`, `.ris`, `.json`): one per paper, keyed by the paper's metadata (all an
 * export is made of), so a rebuild copies the exports of unchanged papers instead of making them again.
 */
export async function paperExportPaths(): Promise<Array<{ params: { id: string }; props: { meta: PaperMeta }; cacheKey: string }>> {
  return (await papers()).map((entry) => ({ params: { id: entry.id }, props: { meta: entry.data.meta }, cacheKey: hashOf(JSON.stringify(entry.data.meta)) }));
}

let decoded: { digest: string; data: CorpusEntry } | null = null;

/** Forget what the pages read (the integration calls it when every page is written, before Pagefind needs the memory). */
function releaseSiteData(): void {
  corpusMemo = null;
  papersMemo = null;
  decoded = null;
}
registerRelease(releaseSiteData);

/** The corpus entry names a V8-serialised file (see `corpusLoader`); read it once per digest. */
async function readCorpus(): Promise<CorpusEntry> {
  const entry = await getEntry('corpus', 'index');
  if (!entry) throw new Error('The corpus index is missing: the Concordance loader did not run');
  const { file, digest } = entry.data as { file: string; digest: string };
  if (decoded?.digest !== digest) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new Error(`The corpus data file ${file} cannot be read (${(error as Error).message}); run the build again`);
    }
    decoded = { digest, data: deserialize(bytes) as CorpusEntry };
  }
  return decoded.data;
}

/** A paper's annotated HTML, from the file its entry names (see `papersLoader`). */
export function paperHtml(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`The annotated text ${file} cannot be read (${(error as Error).message}); run the build again`);
  }
}

async function readPapers() {
  const list = await getCollection('papers');
  const keys = new Map(list.map((p) => [p.id, sortKey(p.data.meta)]));
  return list.sort((a, b) => keys.get(a.id)!.localeCompare(keys.get(b.id)!) || a.id.localeCompare(b.id));
}

/** Bibliography order: first author, then year, then title. */
function sortKey(m: PaperMeta): string {
  return [(m.authors[0]?.name.split(/\s+/).pop() ?? '~'), m.year ?? 9999, m.title ?? ''].join('\u0000').toLowerCase();
}
