// Worker thread entry: builds what its tasks need once, then runs the batches it is sent (see pool.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { readKnowledge } from '../ingest/knowledge.ts';
import { extractPaper, type Knowledge } from '../extract/index.ts';
import { chooseStyle, formatEntry } from '../present/csl.ts';
import type { Tasks, TaskKind, WorkerSetup } from './pool.ts';
import { packExtraction } from './transfer.ts';

const setup = workerData as WorkerSetup;
if (setup.style) chooseStyle(setup.style.setting, setup.style.xml);
// Compiled once, as the worker starts (its first batch is already on the way).
const knowledge: Knowledge = readKnowledge(setup).value;

const run: { [K in TaskKind]: (input: Tasks[K]['input']) => Tasks[K]['message'] } = {
  extract: (p) => packExtraction(extractPaper(p, knowledge)),
  format: ({ item, style, lang }) => formatEntry(item, style, lang),
};

parentPort!.on('message', (batch: { run: number; kind: TaskKind; start: number; items: unknown[] }) => {
  try {
    const fn = run[batch.kind] as (input: unknown) => unknown;
    parentPort!.postMessage({ run: batch.run, start: batch.start, results: batch.items.map((x) => fn(x)) });
  } catch (error) {
    parentPort!.postMessage({ run: batch.run, start: batch.start, error: `${batch.kind} failed: ${(error as Error).message}` });
  }
});
