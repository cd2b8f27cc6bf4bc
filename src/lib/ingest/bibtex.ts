// BibTeX reading: split a file into entries, parse each through citation-js, report bad entries with their line.
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { diagnostic } from '../diagnostics.ts';
import type { BibEntry, Bibliography, CslItem, Diagnostic, Result } from '../types.ts';

/** Entry types of BibTeX and BibLaTeX; anything else is read as a generic document and reported. */
const knownTypes = new Set([
  'article', 'book', 'booklet', 'conference', 'inbook', 'incollection', 'inproceedings', 'manual', 'mastersthesis',
  'misc', 'phdthesis', 'proceedings', 'techreport', 'unpublished', 'online', 'electronic', 'www', 'report', 'thesis',
  'collection', 'mvbook', 'bookinbook', 'suppbook', 'periodical', 'suppperiodical', 'reference', 'mvreference',
  'inreference', 'patent', 'dataset', 'software', 'legislation', 'legal', 'jurisdiction', 'standard', 'video', 'audio',
  'artwork', 'image', 'movie', 'music', 'performance', 'review', 'letter', 'commentary', 'unknown',
]);

const months = new Set([
  'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec',
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '01', '02', '03', '04', '05', '06', '07', '08', '09',
]);

interface Chunk {
  type: string;
  text: string;
  line: number;
  column: number;
  /** False when the braces never closed. */
  closed: boolean;
}

/** Split BibTeX source into `@type{…}` chunks by brace matching; an unclosed entry ends where the next `@` line starts. */
export function splitEntries(src: string): Chunk[] {
  const chunks: Chunk[] = [];
  const head = /^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*([{(])/gm;
  const starts: { index: number; type: string; open: string; bodyStart: number }[] = [];
  for (let m = head.exec(src); m; m = head.exec(src)) {
    starts.push({ index: m.index + m[0].indexOf('@'), type: m[1].toLowerCase(), open: m[2], bodyStart: m.index + m[0].length });
  }
  let lineNo = 1;
  let lineScan = 0;
  for (let s = 0; s < starts.length; s++) {
    const st = starts[s];
    const limit = s + 1 < starts.length ? starts[s + 1].index : src.length;
    const close = st.open === '{' ? '}' : ')';
    let depth = 1;
    let end = -1;
    for (let i = st.bodyStart; i < limit; i++) {
      const c = src[i];
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '{' || (st.open === '(' && c === '(')) depth++;
      else if (c === '}' || (st.open === '(' && c === ')')) {
        depth--;
        if (depth === 0 && c === close) {
          end = i + 1;
          break;
        }
      }
    }
    while (lineScan < st.index) {
      const nl = src.indexOf('\n', lineScan);
      if (nl === -1 || nl >= st.index) break;
      lineNo++;
      lineScan = nl + 1;
    }
    const column = st.index - src.lastIndexOf('\n', st.index - 1);
    chunks.push({ type: st.type, text: src.slice(st.index, end === -1 ? limit : end), line: lineNo, column, closed: end !== -1 });
  }
  return chunks;
}

/** Decode bytes as UTF-8; invalid bytes are reported (with their line) and read as Latin-1 so nothing is lost. */
export function decodeBib(bytes: Uint8Array, file: string): Result<string> {
  try {
    return { value: new TextDecoder('utf-8', { fatal: true }).decode(bytes), diagnostics: [] };
  } catch {
    const text = new TextDecoder('latin1').decode(bytes);
    let bad = 0;
    const lenient = new TextDecoder('utf-8').decode(bytes);
    bad = lenient.indexOf('\ufffd');
    const line = bad < 0 ? 1 : lenient.slice(0, bad).split('\n').length;
    const column = bad < 0 ? 1 : bad - lenient.lastIndexOf('\n', bad - 1);
    return {
      value: text,
      diagnostics: [diagnostic('warning', 'bibtex-encoding', 'File is not valid UTF-8; read as Latin-1 (save it as UTF-8)', file, line, column)],
    };
  }
}

/** Read one BibTeX file's text into entries. A broken entry is reported and skipped; the rest are kept. */
export function readBibtex(src: string, file: string): Result<Bibliography> {
  const diagnostics: Diagnostic[] = [];
  const entries: BibEntry[] = [];
  const macros: string[] = [];
  const seen = new Map<string, number>();
  const defined = new Set(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']);
  for (const chunk of splitEntries(src)) {
    if (chunk.type === 'comment' || chunk.type === 'preamble') continue;
    if (!chunk.closed) {
      diagnostics.push(diagnostic('error', 'bibtex-unclosed', `Unclosed \`@${chunk.type}\` entry: a brace is missing; entry skipped`, file, chunk.line, chunk.column));
      continue;
    }
    if (chunk.type === 'string') {
      macros.push(chunk.text);
      const name = /^@[ \t]*string[ \t]*[{(][ \t\r\n]*([^\s=#{}(),"]+)/i.exec(chunk.text);
      if (name) defined.add(name[1].toLowerCase());
      continue;
    }
    const keyMatch = /^@[ \t]*[A-Za-z]+[ \t]*[{(][ \t\r\n]*([^,\s{}()]+)[ \t\r\n]*,/.exec(chunk.text);
    if (!keyMatch) {
      diagnostics.push(diagnostic('error', 'bibtex-key', `\`@${chunk.type}\` entry has no citation key; entry skipped`, file, chunk.line, chunk.column));
      continue;
    }
    const key = keyMatch[1];
    if (seen.has(key)) {
      diagnostics.push(
        diagnostic('error', 'bibtex-duplicate-key', `Duplicate key \`${key}\` (first defined on line ${seen.get(key)}); this entry skipped`, file, chunk.line, chunk.column),
      );
      continue;
    }
    let csl: CslItem | undefined;
    try {
      csl = parseEntry(macros.concat(chunk.text).join('\n'), key);
    } catch (e) {
      diagnostics.push(
        diagnostic('error', 'bibtex-parse', `Entry \`${key}\` does not parse as BibTeX (${(e as Error).message}); entry skipped`, file, chunk.line, chunk.column),
      );
      continue;
    }
    if (!csl) {
      diagnostics.push(diagnostic('error', 'bibtex-parse', `Entry \`${key}\` does not parse as BibTeX; entry skipped`, file, chunk.line, chunk.column));
      continue;
    }
    seen.set(key, chunk.line);
    if (!knownTypes.has(chunk.type)) {
      diagnostics.push(diagnostic('warning', 'bibtex-type', `Unknown entry type \`@${chunk.type}\` for \`${key}\`; read as a generic document`, file, chunk.line, chunk.column));
    }
    const month = /\bmonth\s*=\s*[{"]?\s*([^,}"\s]+)/i.exec(chunk.text);
    if (month && !months.has(month[1].toLowerCase())) {
      diagnostics.push(diagnostic('warning', 'bibtex-month', `Entry \`${key}\` has an invalid month \`${month[1]}\`; month ignored`, file, chunk.line, chunk.column));
      dropMonth(csl);
    }
    const undefinedMacros = bareWords(chunk.text).filter((use) => !defined.has(use.name.toLowerCase()));
    if (undefinedMacros.length > 0) {
      const first = undefinedMacros[0];
      const names = new Set(undefinedMacros.map((use) => use.name.toLowerCase()));
      const more = names.size > 1 ? ` (and ${names.size - 1} more undefined)` : '';
      const at = positionIn(chunk, first.offset);
      diagnostics.push(
        diagnostic('warning', 'bibtex-macro', `Entry \`${key}\` uses \`${first.name}\`, which no \`@string\` defines${more}; the field is left empty`, file, at.line, at.column),
      );
    }
    entries.push({ key, csl: tidy(csl, key), file, line: chunk.line, raw: chunk.text });
  }
  if (entries.length === 0 && diagnostics.length === 0 && src.trim() !== '' && !/@/.test(src)) {
    diagnostics.push(diagnostic('warning', 'bibtex-empty', 'No BibTeX entries found in this file', file, 1, 1));
  }
  return { value: { file, entries }, diagnostics };
}

// Parsed entries by their text (with the macros in force): a review's BibTeX files, exported from one reference
// library, repeat the same entry text for a work that several papers cite. Bounded, so a long-lived process stays small.
const parsed = new Map<string, CslItem | undefined>();
const parsedLimit = 50_000;

/** citation-js's reading of one entry (a copy: callers change it), or undefined; throws what citation-js throws. */
function parseEntry(text: string, key: string): CslItem | undefined {
  let csl: CslItem | undefined;
  if (parsed.has(text)) csl = parsed.get(text);
  else {
    // Straight to citation-js's BibTeX parser: no format detection, no parse graph (a third of the cost per entry).
    const data = plugins.input.chain(text, { forceType: '@bibtex/text', target: '@csl/list+object', generateGraph: false, maxChainLength: 10, strict: true }) as CslItem[];
    csl = data.find((d) => d.id === key) ?? data[data.length - 1];
    if (parsed.size >= parsedLimit) parsed.clear();
    parsed.set(text, csl);
  }
  return csl && copyData(csl);
}

/** A deep copy of citation-js's output (plain data: objects, arrays, strings, numbers); several times faster than `structuredClone`. */
function copyData<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyData) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = copyData((value as Record<string, unknown>)[k]);
  return out as T;
}

/** File position of an offset inside a chunk. */
function positionIn(chunk: Chunk, offset: number): { line: number; column: number } {
  const before = chunk.text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  let lines = 0;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) lines++;
  return { line: chunk.line + lines, column: nl === -1 ? chunk.column + offset : offset - nl };
}

/** Macro names an entry uses: bare words after `=` or `#` outside braces and quotes (numbers are not macros). */
function bareWords(text: string): Array<{ name: string; offset: number }> {
  const out: Array<{ name: string; offset: number }> = [];
  let depth = 0;
  let quoted = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{' || (c === '(' && depth === 0)) depth++;
    else if (c === '}' || (c === ')' && depth === 1)) depth--;
    else if (c === '"' && depth === 1) quoted = !quoted;
    if (depth !== 1 || quoted) {
      expectValue = false;
      continue;
    }
    if (c === '=' || c === '#') expectValue = true;
    else if (c === ',') expectValue = false;
    else if (expectValue && /[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w:.+/'-]*/.exec(text.slice(i, i + 200))!;
      out.push({ name: m[0], offset: i });
      i += m[0].length - 1;
      expectValue = false;
    } else if (!/\s/.test(c)) expectValue = false;
  }
  return out;
}

function dropMonth(csl: CslItem): void {
  const parts = csl.issued?.['date-parts']?.[0];
  if (parts && parts.length > 1) csl.issued = { 'date-parts': [[parts[0]]] };
}

/** Strip citation-js's internal graph and give the item its key as id. */
function tidy(csl: CslItem, key: string): CslItem {
  const out: CslItem = { id: key, type: csl.type || 'document' };
  for (const k of Object.keys(csl).sort()) {
    if (k === '_graph' || k === 'id' || k === 'type') continue;
    out[k] = csl[k];
  }
  return out;
}
