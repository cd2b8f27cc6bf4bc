// `concordance check`: the reviewer's consistency report in a terminal, as JSON, or as GitHub annotations.
import { runPipelineParallel } from '../lib/pipeline.ts';
import { countBySeverity, diagnostic, formatDiagnostics, formatGithub } from '../lib/diagnostics.ts';
import { countFindings, coverage, type Coverage } from '../lib/check/index.ts';
import type { Diagnostic, Finding, Paper } from '../lib/types.ts';
import { corpusOptionHelp, corpusOptionSpec, parse, pipelineOptions, progress } from './options.ts';

const help = `Usage: concordance check [options]

Runs the whole pipeline (no Astro) and prints the consistency report: coverage, then every
finding grouped by paper (file:line:column severity kind message, the quoted text, a suggestion),
then a summary line. Problems reading the input files are printed too.

  --format FORMAT       text (default), json (the findings array, as in corpus.json)
                        or github (GitHub Actions annotations)
  --json                same as --format json
  --strict              exit with 1 when there is an error finding or an input error
${corpusOptionHelp}`;

const FORMATS = new Set(['text', 'json', 'github']);

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((100 * part) / whole)} %`;
}

export function formatCoverage(c: Coverage): string {
  const rows: [string, number, string][] = [
    ['citations', c.citations, `${c.citationsResolved} resolved cleanly (${percent(c.citationsResolved, c.citations)}), ${c.citationsLinked} linked to a reference entry (${percent(c.citationsLinked, c.citations)})`],
    ['reference entries', c.references, `${c.referencesCited} cited (${percent(c.referencesCited, c.references)})`],
    ['statistics', c.statistics, `${c.statisticsSourced} with a source (${percent(c.statisticsSourced, c.statistics)})`],
    ['instrument mentions', c.instrumentMentions, `${c.instrumentMentionsRegistered} of registered instruments (${percent(c.instrumentMentionsRegistered, c.instrumentMentions)})`],
    ['recommendations', c.recommendations, ''],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const digits = Math.max(...rows.map(([, n]) => String(n).length));
  return ['Coverage', ...rows.map(([label, n, detail]) => `  ${label.padEnd(width)}  ${String(n).padStart(digits)}${detail ? `  ${detail}` : ''}`)].join('\n');
}

function findingFile(f: Finding, papers: ReadonlyMap<string, Paper>): string {
  return f.file ?? (f.paper ? (papers.get(f.paper)?.file ?? f.paper) : '');
}

/** Findings grouped by paper (corpus-wide ones last), each with its quote and suggestion. */
export function formatFindings(findings: readonly Finding[], papers: ReadonlyMap<string, Paper>): string {
  const blocks: string[] = [];
  let current: string | null | undefined;
  for (const f of findings) {
    if (f.paper !== current) {
      current = f.paper;
      const paper = f.paper ? papers.get(f.paper) : undefined;
      blocks.push(`\n${f.paper ? `${f.paper}${paper?.meta.title ? ` — ${paper.meta.title}` : ''}` : 'Across the corpus'}`);
    }
    const lines = [`  ${findingFile(f, papers)}:${f.line}:${f.column} ${f.severity} ${f.kind} ${f.message}`];
    if (f.text) lines.push(`      “${f.text.length > 160 ? `${f.text.slice(0, 159)}…` : f.text}”`);
    if (f.suggestion) lines.push(`      suggestion: ${f.suggestion}`);
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n').replace(/^\n/, '');
}

export function summary(findings: readonly Finding[]): string {
  const c = countFindings(findings);
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${n(c.error, 'error')}, ${n(c.warning, 'warning')}, ${n(c.note, 'note')}`;
}

/** Findings as diagnostics, so they share the GitHub formatter (and its escaping). */
function asDiagnostics(findings: readonly Finding[], papers: ReadonlyMap<string, Paper>): Diagnostic[] {
  return findings.map((f) =>
    diagnostic(f.severity, f.kind, f.suggestion ? `${f.message} Suggestion: ${f.suggestion}` : f.message, findingFile(f, papers), f.line, f.column),
  );
}

/** The parsed options (`parse` is generic over its spec, so TypeScript cannot name them itself). */
interface CheckArgs {
  root: string;
  papers: string;
  bibliography: string;
  instruments: string;
  themes: string;
  help: boolean;
  format: string;
  json: boolean;
  strict: boolean;
}

export async function runCheck(argv: string[]): Promise<number> {
  const values = parse(argv, {
    ...corpusOptionSpec,
    format: { type: 'string', default: 'text' },
    json: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
  }).values as CheckArgs;
  if (values.help) {
    console.log(help);
    return 0;
  }
  const format = values.json ? 'json' : values.format;
  if (!FORMATS.has(format)) {
    console.error(`concordance check: unknown format \`${format}\` (text, json or github)`);
    return 2;
  }
  // Both cores on a large corpus (BibTeX files and papers on worker threads); one thread on a small one.
  const result = await runPipelineParallel({ ...pipelineOptions(values), onProgress: progress('checked'), onNote: (m) => console.error(m) });
  const { index, corpus } = result.value;
  const papers = new Map(corpus.papers.map((p) => [p.meta.id, p]));
  const findings = index.findings;
  const inputProblems = result.diagnostics;

  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(findings, null, 1)}\n`);
    if (inputProblems.length) console.error(formatDiagnostics(inputProblems));
  } else if (format === 'github') {
    const all = [...asDiagnostics(findings, papers), ...inputProblems];
    if (all.length) console.log(formatGithub(all));
  } else {
    const parts = [formatCoverage(coverage(index))];
    if (inputProblems.length) parts.push(`Input problems\n${formatDiagnostics(inputProblems).replace(/^/gm, '  ')}`);
    if (findings.length) parts.push(formatFindings(findings, papers));
    parts.push(summary(findings) + (inputProblems.length ? ` (and ${inputProblems.length} input problem${inputProblems.length === 1 ? '' : 's'})` : ''));
    console.log(parts.join('\n\n'));
  }
  const errors = countFindings(findings).error + countBySeverity(inputProblems).error;
  return values.strict && errors > 0 ? 1 : 0;
}
