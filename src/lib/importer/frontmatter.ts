// Writes a paper's front matter as YAML with a fixed key order, and derives the paper id.

import { stringify } from 'yaml';
import type { AuthorMeta, PaperMetadata } from './metadata.ts';

/** `Núñez 2019` → `nunez-2019`. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '');
}

function surname(author: AuthorMeta): string {
  const tokens = author.name.split(' ');
  return tokens[tokens.length - 1] ?? '';
}

/** `<surname>-<year>` when both are known, else the first four title words, else the source file's stem. */
export function paperId(meta: PaperMetadata, source: string): string {
  const first = meta.authors[0];
  if (first && meta.year !== null) {
    const id = slug(`${surname(first)} ${meta.year}`);
    if (id !== '') return id;
  }
  if (meta.title) {
    const id = slug(meta.title.split(/\s+/u).slice(0, 4).join(' '));
    if (id !== '') return id;
  }
  return slug(basename(source).replace(/\.[^.]*$/u, '')) || 'paper';
}

export function basename(path: string): string {
  const parts = path.split(/[\\/]/u);
  return parts[parts.length - 1] ?? path;
}

export interface FrontMatterInput {
  id: string;
  meta: PaperMetadata;
  source: string;
  hasBibliography: boolean;
}

/** The YAML block, fences included. Key order is fixed so two runs write identical files. */
export function frontMatter({ id, meta, source, hasBibliography }: FrontMatterInput): string {
  const data: Record<string, unknown> = {
    id,
    title: meta.title,
    authors: meta.authors.map((a) => (a.affiliation ? { name: a.name, affiliation: a.affiliation } : { name: a.name })),
    year: meta.year,
    venue: null,
    doi: meta.doi,
    url: null,
    keywords: meta.keywords,
    abstract: meta.abstract,
    supplied: [],
    source: basename(source),
  };
  if (hasBibliography) data.bibliography = `../bibliography/${id}.bib`;
  return `---\n${stringify(data, { lineWidth: 0 })}---\n`;
}
