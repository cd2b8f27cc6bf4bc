// `concordance extract`: the pipeline without Astro, writing corpus.json.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { runPipelineParallel } from '../lib/pipeline.ts';
import { countBySeverity, formatDiagnostics, summaryLine } from '../lib/diagnostics.ts';
import { corpusOptionHelp, corpusOptionSpec, parse, pipelineOptions, progress } from './options.ts';

const help = `Usage: concordance extract [options]

Runs ingest, extraction, resolution, indexing and the consistency checks, and writes the corpus index.

  --out FILE            where to write corpus.json (default: standard output)
  --strict              exit with 1 when the corpus has errors
  --quiet               do not print diagnostics
${corpusOptionHelp}`;

export async function runExtract(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...corpusOptionSpec, out: { type: 'string' }, strict: { type: 'boolean', default: false }, quiet: { type: 'boolean', default: false } });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const started = performance.now();
  // Both cores on a large corpus (BibTeX files and papers on worker threads); one thread on a small one.
  const result = await runPipelineParallel({ ...pipelineOptions(values), onProgress: progress('extracted'), onNote: (m) => console.error(m) });
  const { index, corpus } = result.value;
  const json = JSON.stringify(index, null, 1) + '\n';
  if (values.out) {
    mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
    writeFileSync(values.out, json);
  } else process.stdout.write(json);
  if (!values.quiet && result.diagnostics.length) console.error(formatDiagnostics(result.diagnostics));
  const seconds = (performance.now() - started) / 1000;
  console.error(
    `${summaryLine(corpus.papers.length, result.diagnostics)}\n` +
      `${corpus.papers.length} papers, ${index.works.length} works, ${index.citations.length} citations, ${index.instruments.length} instruments, ` +
      `${index.statistics.length} statistics, ${index.recommendations.length} recommendations, ${index.findings.length} findings in ${seconds.toFixed(2)} s` +
      (values.out ? ` → ${values.out}` : ''),
  );
  return values.strict && countBySeverity(result.diagnostics).error > 0 ? 1 : 0;
}
