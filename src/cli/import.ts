// `concordance import <file.txt>...`: reads extracted text files, writes papers/<id>.md and bibliography/<id>.bib.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { keepCuration } from '../lib/importer/curation.ts';
import { join } from 'node:path';
import { formatDiagnostics } from '../lib/diagnostics.ts';
import { importText, type ImportReport } from '../lib/importer/index.ts';

const USAGE = `usage: concordance import <file.txt>... [--out-papers DIR] [--out-bibliography DIR] [--id ID]

Turns plain text extracted from a PDF or web page into papers/<id>.md and bibliography/<id>.bib.

  --out-papers DIR        where paper Markdown goes (default: papers)
  --out-bibliography DIR  where BibTeX goes (default: bibliography)
  --id ID                 paper id, only with one input file (default: from author and year, or title)
  --help                  show this help`;

interface ImportArgs {
  files: string[];
  outPapers: string;
  outBibliography: string;
  id: string | null;
  help: boolean;
}

function parseArgs(argv: string[]): ImportArgs | string {
  const args: ImportArgs = { files: [], outPapers: 'papers', outBibliography: 'bibliography', id: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string | null => {
      const eq = arg.indexOf('=');
      if (eq >= 0) return arg.slice(eq + 1);
      i++;
      return i < argv.length ? argv[i] : null;
    };
    const name = arg.split('=')[0];
    if (name === '--help' || name === '-h') args.help = true;
    else if (name === '--out-papers' || name === '--out-bibliography' || name === '--id') {
      const v = value();
      if (v === null || v === '') return `${name} needs a value`;
      if (name === '--out-papers') args.outPapers = v;
      else if (name === '--out-bibliography') args.outBibliography = v;
      else args.id = v;
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else args.files.push(arg);
  }
  if (!args.help && args.files.length === 0) return 'no input file';
  if (args.id !== null && args.files.length > 1) return '--id can only be used with one input file';
  if (args.id !== null && !/^[a-z0-9][a-z0-9-]*$/u.test(args.id)) return `--id must be lowercase letters, digits and hyphens: ${args.id}`;
  return args;
}

function summary(file: string, id: string, r: ImportReport): string {
  const refs = r.references;
  return [
    `${file} → ${id}`,
    `  title ${r.title ? 'found' : 'not found'}, ${r.authors} author(s)`,
    `  ${r.paragraphs} paragraphs, ${r.headings} headings, ${r.lists} lists (${r.listItems} items), ${r.footnotes} footnotes`,
    `  references: ${refs.parsed}/${refs.total} parsed; ${refs.withAuthor} with author, ${refs.withYear} with year, ${refs.withTitle} with title`,
  ].join('\n');
}

export async function runImport(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`concordance import: ${args}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let failed = false;
  for (const file of args.files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      process.stderr.write(`${file}:1:1 error cannot read file: ${(error as Error).message}\n`);
      failed = true;
      continue;
    }
    const result = importText(text, { source: file, id: args.id ?? undefined });
    const { id, markdown, bibtex, report } = result.value;
    await mkdir(args.outPapers, { recursive: true });
    const target = join(args.outPapers, `${id}.md`);
    const previous = await readFile(target, 'utf8').catch(() => null);
    // A re-import replaces what the text says but keeps what the curator supplied.
    await writeFile(target, previous === null ? markdown : keepCuration(markdown, previous));
    if (bibtex !== '') {
      await mkdir(args.outBibliography, { recursive: true });
      await writeFile(join(args.outBibliography, `${id}.bib`), bibtex);
    }
    process.stdout.write(`${summary(file, id, report)}\n`);
    if (result.diagnostics.length > 0) process.stdout.write(`${formatDiagnostics(result.diagnostics)}\n`);
    if (result.diagnostics.some((d) => d.severity === 'error')) failed = true;
  }
  return failed ? 1 : 0;
}
