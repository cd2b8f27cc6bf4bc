// Front matter: split it from the body, parse the YAML, validate and normalise it into PaperMeta.
import { parseDocument, isNode } from 'yaml';
import { diagnostic } from '../diagnostics.ts';
import type { Diagnostic, PaperAuthor, PaperMeta } from '../types.ts';
import { frontMatterSchema, type FrontMatter } from './schema.ts';

export interface SplitFile {
  yaml: string | null;
  body: string;
  /** Lines before the body (the fences and the YAML). */
  bodyLineOffset: number;
}

/** Split `---` YAML front matter from the Markdown body. Tolerates a BOM and CRLF line ends. */
export function splitFrontMatter(text: string): SplitFile {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const open = /^---[ \t]*\r?\n/.exec(src);
  if (!open) return { yaml: null, body: src, bodyLineOffset: 0 };
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;
  const rest = src.slice(open[0].length);
  const m = close.exec(rest);
  if (!m) return { yaml: null, body: src, bodyLineOffset: 0 };
  const yaml = rest.slice(0, m.index);
  const body = rest.slice(m.index + m[0].length);
  const bodyLineOffset = countLines(src.slice(0, open[0].length + m.index + m[0].length));
  return { yaml, body, bodyLineOffset };
}

/** Line in the paper file of a top-level front matter field (the front matter starts on line 2); line 2 when it is not found. */
export function fieldLine(yaml: string | null, field: string): number {
  if (yaml === null) return 1;
  const m = new RegExp(`^['"]?${field}['"]?[ \\t]*:`, 'm').exec(yaml);
  return m ? countLines(yaml.slice(0, m.index)) + 2 : 2;
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export interface ParsedFrontMatter {
  /** Null when the front matter is unusable (the paper is then left out). */
  data: FrontMatter | null;
  diagnostics: Diagnostic[];
}

/** Parse and validate the YAML; positions are reported in the paper file (front matter starts on line 2). */
export function parseFrontMatter(yaml: string, file: string): ParsedFrontMatter {
  const diagnostics: Diagnostic[] = [];
  const doc = parseDocument(yaml, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const { line, column } = lineColumn(yaml, Math.min(e.pos[0], yaml.length));
      diagnostics.push(diagnostic('error', 'frontmatter-yaml', `Invalid YAML front matter: ${firstLine(e.message)}`, file, line + 1, column));
    }
    return { data: null, diagnostics };
  }
  const raw = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (raw === null || raw === undefined) return { data: {}, diagnostics };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    diagnostics.push(diagnostic('error', 'frontmatter-shape', 'Front matter must be a YAML mapping of fields', file, 2, 1));
    return { data: null, diagnostics };
  }
  const parsed = frontMatterSchema.safeParse(raw);
  if (parsed.success) return { data: parsed.data, diagnostics };
  for (const issue of parsed.error.issues) {
    const node = doc.getIn(issue.path as (string | number)[], true);
    const offset = isNode(node) && node.range ? node.range[0] : 0;
    const { line, column } = lineColumn(yaml, offset);
    diagnostics.push(
      diagnostic('error', 'frontmatter-invalid', `Front matter field \`${issue.path.join('.')}\`: ${issue.message}`, file, line + 1, column),
    );
  }
  return { data: null, diagnostics };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = countLines(before) + 1;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

const known = new Set([
  'id', 'title', 'authors', 'author', 'year', 'date', 'venue', 'journal', 'doi', 'url', 'keywords', 'tags',
  'abstract', 'annotation', 'supplied', 'source', 'key', 'bibliography',
]);

/** Normalise validated front matter into PaperMeta (id and bibliography path are settled by the caller). */
export function normaliseFrontMatter(fm: FrontMatter, id: string): PaperMeta {
  const extra: Record<string, unknown> = {};
  for (const k of Object.keys(fm).sort()) if (!known.has(k)) extra[k] = (fm as Record<string, unknown>)[k];
  return {
    id,
    title: clean(fm.title),
    authors: normaliseAuthors(fm.authors ?? fm.author),
    year: normaliseYear(fm.year, fm.date),
    venue: clean(fm.venue) ?? clean(fm.journal),
    doi: clean(fm.doi),
    url: clean(fm.url),
    keywords: normaliseList(fm.keywords ?? fm.tags),
    abstract: clean(fm.abstract),
    annotation: clean(fm.annotation),
    supplied: [...new Set((fm.supplied ?? []).map((s) => s.trim()).filter(Boolean))],
    source: clean(fm.source),
    key: clean(fm.key),
    // As declared (relative to the paper); ingest resolves it to a project path.
    bibliography: Array.isArray(fm.bibliography) ? (fm.bibliography[0] ?? null) : clean(fm.bibliography),
    extra,
  };
}

function clean(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

function normaliseAuthors(v: FrontMatter['authors']): PaperAuthor[] {
  if (v === null || v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  const out: PaperAuthor[] = [];
  for (const a of list) {
    if (typeof a === 'string') {
      if (a.trim()) out.push({ name: a.trim() });
      continue;
    }
    const author: PaperAuthor = { name: a.name.trim() };
    const aff = Array.isArray(a.affiliation) ? a.affiliation.join('; ') : a.affiliation;
    if (aff) author.affiliation = aff;
    if (a.orcid) author.orcid = a.orcid;
    if (a.organisation) author.organisation = true;
    out.push(author);
  }
  return out;
}

function normaliseYear(year: FrontMatter['year'], date: FrontMatter['date']): number | null {
  const fromString = (s: string) => {
    const m = /(?:^|\D)(\d{4})(?:\D|$)/.exec(s);
    return m ? Number(m[1]) : null;
  };
  if (typeof year === 'number') return year;
  if (typeof year === 'string') return fromString(year);
  if (date instanceof Date) return date.getUTCFullYear();
  if (typeof date === 'number') return date;
  if (typeof date === 'string') return fromString(date);
  return null;
}

function normaliseList(v: FrontMatter['keywords']): string[] {
  if (v === null || v === undefined) return [];
  const list = Array.isArray(v) ? v.map(String) : v.split(/[;,]/);
  return list.map((s) => s.trim()).filter(Boolean);
}
