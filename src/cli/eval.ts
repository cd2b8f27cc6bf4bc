// `concordance eval` (npm run eval): extraction precision and recall against the gold annotations, as a table.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runPipeline } from '../lib/pipeline.ts';
import { scorePaper, totals, type GoldFile, type PaperScore } from '../lib/eval/gold.ts';
import { corpusOptionHelp, corpusOptionSpec, parse, pipelineOptions } from './options.ts';

const help = `Usage: concordance eval [options]

Runs the pipeline and scores it against hand-made gold annotations (one JSON file per paper).

  --gold DIR            gold annotations (default test/fixtures/gold)
  --verbose             list every missed and extra item
${corpusOptionHelp}`;

export async function runEval(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...corpusOptionSpec, gold: { type: 'string', default: 'test/fixtures/gold' }, verbose: { type: 'boolean', default: false } });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const scores = evaluate(values.root ?? '.', values.gold!, pipelineOptions(values));
  console.log(table(scores));
  if (values.verbose) for (const s of scores) for (const m of s.misses) console.log(`${s.paper}: ${m}`);
  return 0;
}

export function evaluate(root: string, goldDir: string, options = pipelineOptions({ root })): PaperScore[] {
  const dir = path.resolve(root, goldDir);
  const golds = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as GoldFile);
  const { extractions, index } = runPipeline({ ...options, root }).value;
  return golds.map((g) => {
    const e = extractions.find((x) => x.paper === g.paper);
    if (!e) throw new Error(`Gold file for paper \`${g.paper}\` but no such paper in the corpus`);
    return scorePaper(g, e, index);
  });
}

export function table(scores: PaperScore[]): string {
  const pr = (s: { precision: number; recall: number; gold: number; found: number }) => `${s.precision.toFixed(2)} / ${s.recall.toFixed(2)} (${s.found}/${s.gold})`;
  const rows = [...scores.map((s) => ({ name: s.paper, ...s })), { name: 'all papers', ...totals(scores) }];
  const head = ['paper', 'citations P / R', 'resolved', 'instruments P / R', 'statistics P / R', 'recommendations P / R'];
  const body = rows.map((r) => [r.name, pr(r.citations), `${r.resolution.rate.toFixed(2)} (${r.resolution.correct}/${r.resolution.items})`, pr(r.instruments), pr(r.statistics), pr(r.recommendations)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
