// Ingest: the only stage that reads the file system. Papers and BibTeX files in, one Corpus model out.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { diagnostic, cmp, positionAt } from '../diagnostics.ts';
import type { Bibliography, BibEntry, Corpus, Diagnostic, Paper, PaperMeta, Result } from '../types.ts';
import { decodeBib, readBibtex } from './bibtex.ts';
import { fieldLine, normaliseFrontMatter, parseFrontMatter, splitFrontMatter } from './frontmatter.ts';
import { capNesting } from './nesting.ts';
import { slugify } from './slug.ts';

export interface IngestOptions {
  /** Project root; every reported path is relative to it. */
  root: string;
  papers?: string;
  bibliography?: string;
  /** Papers larger than this are reported and left out (default 20 MB). */
  maxPaperBytes?: number;
  /** BibTeX files already read (by absolute path), e.g. by the pipeline or from its cache; the others are read here. */
  bibtex?: Map<string, Result<Bibliography | null>>;
}

interface PaperFile {
  file: string;
  /** Folder name for `papers/<name>/paper.md`, else null. */
  folder: string | null;
}

const markdownExt = /\.(md|markdown)$/i;

/** The papers and BibTeX files of a corpus, read and parsed. */
export function readCorpus(options: IngestOptions): Result<Corpus> {
  return completeCorpus(readPapers(options), options);
}

/**
 * The first half of `readCorpus`: the papers alone, with their final ids, sorted by id. They need no BibTeX, so the
 * pipeline starts extracting them on the workers before it parses the BibTeX files.
 */
export function readPapers(options: IngestOptions): Result<Paper[]> {
  const root = path.resolve(options.root);
  const papersDir = path.resolve(root, options.papers ?? 'papers');
  const bibDir = path.resolve(root, options.bibliography ?? 'bibliography');
  const maxBytes = options.maxPaperBytes ?? 20 * 1024 * 1024;
  const diagnostics: Diagnostic[] = [];
  const rel = (p: string) => relativePath(root, p);

  const papers: Paper[] = [];
  const ids = new Map<string, string>();
  for (const pf of listPaperFiles(papersDir, diagnostics, rel)) {
    const result = readPaper(pf, { root, bibDir, maxBytes, rel });
    diagnostics.push(...result.diagnostics);
    const paper = result.value;
    if (!paper) continue;
    let id = paper.meta.id;
    if (ids.has(id)) {
      let n = 2;
      while (ids.has(`${id}-${n}`)) n++;
      diagnostics.push(
        diagnostic('warning', 'paper-id-collision', `Paper id \`${id}\` is already used by ${ids.get(id)}; this paper gets id \`${id}-${n}\``, paper.file, 1, 1),
      );
      id = `${id}-${n}`;
      paper.meta.id = id;
    }
    ids.set(id, paper.file);
    papers.push(paper);
  }
  papers.sort((a, b) => cmp(a.meta.id, b.meta.id));
  return { value: papers, diagnostics };
}

/** The second half of `readCorpus`: the BibTeX files (those in `options.bibtex` as read there), and `key:` filled in. */
export function completeCorpus(read: Result<Paper[]>, options: IngestOptions): Result<Corpus> {
  const root = path.resolve(options.root);
  const rel = (p: string) => relativePath(root, p);
  const papers = read.value;
  const diagnostics = [...read.diagnostics];

  // Every .bib under bibliography/, plus the files papers name as their own.
  const bibFiles = new Set<string>();
  for (const f of bibliographyFiles(options)) bibFiles.add(f);
  for (const p of papers) if (p.meta.bibliography) bibFiles.add(path.resolve(root, p.meta.bibliography));
  const bibliographies: Bibliography[] = [];
  for (const abs of [...bibFiles].sort()) {
    const read = options.bibtex?.get(abs) ?? readBibtexFile(abs, rel(abs));
    diagnostics.push(...read.diagnostics);
    if (read.value) bibliographies.push(read.value);
  }

  // `key:` points a paper at a corpus BibTeX entry; front matter overrides what it gives.
  const byKey = new Map<string, BibEntry>();
  for (const b of bibliographies) for (const e of b.entries) if (!byKey.has(e.key)) byKey.set(e.key, e);
  for (const p of papers) {
    if (!p.meta.key) continue;
    const entry = byKey.get(p.meta.key);
    if (!entry) {
      diagnostics.push(diagnostic('warning', 'paper-key-missing', `Front matter \`key: ${p.meta.key}\` matches no BibTeX entry`, p.file, 2, 1));
      continue;
    }
    fillFromEntry(p.meta, entry);
  }
  return { value: { papers, bibliographies }, diagnostics };
}

/** One BibTeX file read and parsed; null (with an error) when it cannot be read. `file` is the path diagnostics name. */
export function readBibtexFile(abs: string, file: string): Result<Bibliography | null> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (e) {
    return {
      value: null,
      diagnostics: [diagnostic('error', 'bibtex-unreadable', `BibTeX file cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); its entries are left out`, file, 1, 1)],
    };
  }
  const decoded = decodeBib(bytes, file);
  const read = readBibtex(decoded.value, file);
  return { value: read.value, diagnostics: [...decoded.diagnostics, ...read.diagnostics] };
}

/** A path as diagnostics name it: relative to the project root, with `/` separators. */
export function relativePath(root: string, abs: string): string {
  return path.relative(path.resolve(root), abs).split(path.sep).join('/');
}

/** The `.bib` files under the bibliography folder (papers may name more of their own), as absolute paths. */
export function bibliographyFiles(options: IngestOptions): string[] {
  const bibDir = path.resolve(options.root, options.bibliography ?? 'bibliography');
  const out: string[] = [];
  if (existsSync(bibDir)) for (const f of walk(bibDir)) if (f.endsWith('.bib')) out.push(f);
  return out.sort();
}

function listPaperFiles(dir: string, diagnostics: Diagnostic[], rel: (p: string) => string): PaperFile[] {
  if (!existsSync(dir)) {
    diagnostics.push(diagnostic('warning', 'papers-missing', 'The papers folder does not exist', rel(dir) || '.', 1, 1));
    return [];
  }
  const out: PaperFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const abs = path.join(dir, name);
    const st = statOrNull(abs);
    if (!st) {
      if (markdownExt.test(name)) diagnostics.push(diagnostic('error', 'paper-unreadable', 'Paper cannot be read (a broken link?); left out', rel(abs), 1, 1));
      continue;
    }
    if (st.isFile() && markdownExt.test(name)) out.push({ file: abs, folder: null });
    else if (st.isDirectory()) {
      const mds = readdirSync(abs).filter((f) => markdownExt.test(f) && !f.startsWith('.')).sort();
      const main = mds.find((f) => /^(paper|index)\.(md|markdown)$/i.test(f)) ?? (mds.length === 1 ? mds[0] : undefined);
      if (main) out.push({ file: path.join(abs, main), folder: name });
      else if (mds.length > 1)
        diagnostics.push(diagnostic('warning', 'paper-folder-ambiguous', `Folder has ${mds.length} Markdown files and no paper.md; none read`, rel(abs), 1, 1));
    }
  }
  return out;
}

interface ReadContext {
  root: string;
  bibDir: string;
  maxBytes: number;
  rel: (p: string) => string;
}

function readPaper(pf: PaperFile, ctx: ReadContext): Result<Paper | null> {
  const file = ctx.rel(pf.file);
  const diagnostics: Diagnostic[] = [];
  // The size first: a huge file is reported without reading it into memory.
  const size = statOrNull(pf.file)?.size ?? 0;
  if (size > ctx.maxBytes) {
    return {
      value: null,
      diagnostics: [diagnostic('error', 'paper-too-large', `Paper is ${(size / 1048576).toFixed(1)} MB, over the ${(ctx.maxBytes / 1048576).toFixed(0)} MB limit; left out`, file, 1, 1)],
    };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(pf.file);
  } catch (e) {
    return { value: null, diagnostics: [diagnostic('error', 'paper-unreadable', `Paper cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); left out`, file, 1, 1)] };
  }
  if (bytes.length === 0) return { value: null, diagnostics: [diagnostic('error', 'paper-empty', 'Paper file is empty; left out', file, 1, 1)] };
  const decoded = decodePaper(bytes);
  if (decoded === null) return { value: null, diagnostics: [diagnostic('error', 'paper-binary', 'Paper is not text (binary or not UTF-8); left out', file, 1, 1)] };
  const text = decoded.text;
  if (!isUtf8(bytes)) {
    const at = positionAt(text, firstInvalidUtf8(bytes, text));
    const how = decoded.encoding === 'latin-1' ? 'read as Latin-1' : 'invalid bytes are shown as \ufffd';
    diagnostics.push(diagnostic('warning', 'paper-encoding', `Paper is not valid UTF-8; ${how} (save it as UTF-8)`, file, at.line, at.column));
  }
  const split = splitFrontMatter(text);
  let meta: PaperMeta;
  const fallbackId = pf.folder ?? path.basename(pf.file).replace(markdownExt, '');
  if (split.yaml === null) {
    diagnostics.push(diagnostic('warning', 'frontmatter-missing', 'Paper has no front matter; title and authors unknown', file, 1, 1));
    meta = normaliseFrontMatter({}, '');
  } else {
    const fm = parseFrontMatter(split.yaml, file);
    diagnostics.push(...fm.diagnostics);
    if (!fm.data) {
      diagnostics.push(diagnostic('error', 'paper-skipped', 'Paper left out because its front matter is invalid', file, 1, 1));
      return { value: null, diagnostics };
    }
    meta = normaliseFrontMatter(fm.data, '');
    if (fm.data.id !== undefined) meta.id = String(fm.data.id);
  }
  const wanted = meta.id || fallbackId;
  const id = slugify(wanted) || 'paper-' + hash(bytes).slice(0, 8);
  if (!meta.id && id !== slugify(fallbackId)) {
    diagnostics.push(diagnostic('warning', 'paper-id-unsafe', `${pf.folder ? 'Folder' : 'File'} name \`${fallbackId}\` gives no URL-safe id; using \`${id}\``, file, 1, 1));
  }
  if (meta.id && id !== meta.id) diagnostics.push(diagnostic('warning', 'paper-id-unsafe', `Id \`${meta.id}\` is not URL-safe; using \`${id}\``, file, fieldLine(split.yaml, 'id'), 1));
  meta.id = id;
  if (split.body.trim() === '') diagnostics.push(diagnostic('warning', 'paper-no-text', 'Paper has no text; only its metadata is shown', file, split.bodyLineOffset + 1, 1));
  // Hostile nesting would make Markdown parsing superlinear; offsets survive (same length).
  const body = capNesting(split.body, file, split.bodyLineOffset);
  diagnostics.push(...body.diagnostics);
  for (const field of ['annotation', 'abstract'] as const) {
    const value = meta[field];
    if (value === null) continue;
    const capped = capNesting(value, file, fieldLine(split.yaml, field) - 1);
    diagnostics.push(...capped.diagnostics.map((d) => ({ ...d, column: 1, message: `\`${field}\`: ${d.message}` })));
    meta[field] = capped.value;
  }
  meta.bibliography = ownBibliography(pf, meta, file, ctx, diagnostics, fieldLine(split.yaml, 'bibliography'));
  return { value: { meta, file, body: body.value, bodyLineOffset: split.bodyLineOffset, hash: hash(bytes) }, diagnostics };
}

/** Where the paper's own references are: its `bibliography:` field (relative to it), a .bib beside it, or bibliography/<id>.bib. */
function ownBibliography(pf: PaperFile, meta: PaperMeta, file: string, ctx: ReadContext, diagnostics: Diagnostic[], line: number): string | null {
  const declared = meta.bibliography;
  if (typeof declared === 'string' && declared.trim()) {
    const abs = path.resolve(path.dirname(pf.file), declared.trim());
    // Links are followed: a link inside the project to a file outside it is outside too.
    const real = existsSync(abs) ? realpathSync(abs) : abs;
    const root = existsSync(ctx.root) ? realpathSync(ctx.root) : ctx.root;
    const within = (p: string, r: string) => {
      const relative = path.relative(r, p);
      return relative !== '' && !relative.split(path.sep).includes('..') && !path.isAbsolute(relative);
    };
    if (!within(abs, ctx.root) || !within(real, root)) {
      diagnostics.push(diagnostic('error', 'bibliography-outside', `\`bibliography: ${declared}\` points outside the project; ignored`, file, line, 1));
    } else if (!existsSync(abs)) {
      diagnostics.push(diagnostic('warning', 'bibliography-missing', `\`bibliography: ${declared}\` does not exist`, file, line, 1));
    } else if (!statSync(abs).isFile()) {
      diagnostics.push(diagnostic('error', 'bibliography-not-file', `\`bibliography: ${declared}\` is not a file; ignored`, file, line, 1));
    } else return ctx.rel(abs);
  }
  if (pf.folder) {
    const dir = path.dirname(pf.file);
    const beside = readdirSync(dir).filter((f) => f.endsWith('.bib')).sort();
    const pick = beside.find((f) => f === 'paper.bib') ?? (beside.length === 1 ? beside[0] : undefined);
    if (pick) return ctx.rel(path.join(dir, pick));
  }
  const conventional = path.join(ctx.bibDir, `${meta.id}.bib`);
  return existsSync(conventional) ? ctx.rel(conventional) : null;
}

/**
 * The text of a paper file: UTF-8 (invalid bytes shown as U+FFFD), or Latin-1 when most non-ASCII bytes are not UTF-8,
 * or null for binary content (NUL bytes, or mostly control characters either way).
 */
function decodePaper(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'latin-1' } | null {
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return null;
  const text = new TextDecoder('utf-8').decode(bytes);
  let bad = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) bad++;
  if (!(bad > 0 && bad * 50 > text.length)) return { text, encoding: 'utf-8' };
  const latin1 = new TextDecoder('latin1').decode(bytes);
  let controls = 0;
  for (let i = 0; i < latin1.length; i++) {
    const c = latin1.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || (c >= 0x7f && c < 0xa0)) controls++;
  }
  return controls * 50 > latin1.length ? null : { text: latin1, encoding: 'latin-1' };
}

/** Offset in `text` (as decoded) of the first byte that is not UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array, text: string): number {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const bad = lenient.indexOf('\ufffd');
  if (bad < 0 || text === lenient) return Math.max(0, bad);
  // Latin-1 maps byte for byte: the bad character's offset is its byte offset.
  return new TextEncoder().encode(lenient.slice(0, bad)).length;
}

function fillFromEntry(meta: PaperMeta, entry: BibEntry): void {
  const c = entry.csl;
  meta.title ??= typeof c.title === 'string' ? c.title : null;
  if (meta.authors.length === 0 && c.author) {
    meta.authors = c.author.map((a) =>
      a.literal ? { name: a.literal, organisation: true } : { name: [a.given, a['non-dropping-particle'], a.family].filter(Boolean).join(' ') },
    );
  }
  const y = c.issued?.['date-parts']?.[0]?.[0];
  meta.year ??= y !== undefined && !Number.isNaN(Number(y)) ? Number(y) : null;
  meta.venue ??= typeof c['container-title'] === 'string' ? c['container-title'] : null;
  meta.doi ??= c.DOI ?? null;
  meta.url ??= c.URL ?? null;
  meta.abstract ??= c.abstract ?? null;
  if (meta.keywords.length === 0 && c.keyword) meta.keywords = String(c.keyword).split(/[;,]/).map((s) => s.trim()).filter(Boolean);
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const abs = path.join(dir, name);
    const st = statOrNull(abs);
    if (st?.isDirectory()) yield* walk(abs);
    else if (st?.isFile() || !st) yield abs;
  }
}

/** A file's status, or null when it cannot be had (a broken link, no permission). */
function statOrNull(abs: string): Stats | null {
  try {
    return statSync(abs);
  } catch {
    return null;
  }
}

function hash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}
