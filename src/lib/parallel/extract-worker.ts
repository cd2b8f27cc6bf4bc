// Worker thread entry: builds the knowledge once, then extracts the batches of papers it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { readKnowledge } from '../ingest/knowledge.ts';
import { extractPaper } from '../extract/index.ts';

interface Setup {
  root: string;
  instruments: string;
  themes: string;
}

const setup = workerData as Setup;
const knowledge = readKnowledge(setup).value;

parentPort!.on('message', (batch: { id: number; papers: Array<{ paper: string; body: string }> }) => {
  parentPort!.postMessage({ id: batch.id, extractions: batch.papers.map((p) => extractPaper(p, knowledge)) });
});
