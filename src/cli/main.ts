#!/usr/bin/env node
// The `concordance` command: dispatches to one subcommand module, each with its own --help.

const commands: Record<string, { summary: string; run: () => Promise<(argv: string[]) => Promise<number>> }> = {
  import: {
    summary: 'turn text extracted from PDFs or web pages into papers/<id>.md and bibliography/<id>.bib',
    run: async () => (await import('./import.ts')).runImport,
  },
  extract: {
    summary: 'extract citations, instruments, statistics and recommendations; write corpus.json (no Astro)',
    run: async () => (await import('./extract.ts')).runExtract,
  },
  check: {
    summary: "run the reviewer's consistency report over the corpus (no Astro)",
    run: async () => (await import('./check.ts')).runCheck,
  },
  eval: {
    summary: 'measure extraction quality against the gold annotations in test/fixtures/gold',
    run: async () => (await import('./eval.ts')).runEval,
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'Usage: concordance <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `concordance <command> --help` for the options of a command.',
    'The site itself is built with `npm run build` (Astro), which runs the same stages.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`concordance: unknown command \`${name}\`\n\n${usage()}`);
    return 2;
  }
  return (await command.run())(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`concordance: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 70;
  },
);
