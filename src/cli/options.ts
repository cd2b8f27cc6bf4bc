// Options shared by the subcommands that read a corpus (extract, check, eval).
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { PipelineOptions } from '../lib/pipeline.ts';

export const corpusOptionSpec = {
  root: { type: 'string', default: '.' },
  papers: { type: 'string', default: 'papers' },
  bibliography: { type: 'string', default: 'bibliography' },
  instruments: { type: 'string', default: 'src/data/instruments.yaml' },
  themes: { type: 'string', default: 'src/data/themes.yaml' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const corpusOptionHelp = `  --papers DIR          papers folder (default papers)
  --bibliography DIR    BibTeX folder (default bibliography)
  --instruments FILE    instrument registry (default src/data/instruments.yaml)
  --themes FILE         recommendation themes and actors (default src/data/themes.yaml)
  --root DIR            project root the paths are relative to (default .)
  -h, --help            this help`;

export function pipelineOptions(values: { root?: string; papers?: string; bibliography?: string; instruments?: string; themes?: string }): PipelineOptions {
  return { root: values.root ?? '.', papers: values.papers, bibliography: values.bibliography, instruments: values.instruments, themes: values.themes };
}

export function parse<const T extends ParseArgsOptionsConfig>(argv: string[], options: T) {
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
}

/** A progress reporter: a rewriting line on a terminal, plain lines in CI or pipes. */
export function progress(label: string): (done: number, total: number) => void {
  const tty = process.stderr.isTTY && !process.env.CI;
  let last = 0;
  return (done, total) => {
    if (total < 50) return;
    const now = performance.now();
    if (done !== total && now - last < (tty ? 100 : 2000)) return;
    last = now;
    const line = `${label} ${done}/${total} papers`;
    if (tty) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
    else process.stderr.write(line + '\n');
  };
}
