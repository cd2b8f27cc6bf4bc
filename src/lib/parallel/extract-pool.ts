// Extraction on worker threads: papers go out in batches, results come back in input order (the same as one thread).
import { Worker } from 'node:worker_threads';
import type { PaperExtraction } from '../types.ts';

export interface PoolOptions {
  root: string;
  instruments: string;
  themes: string;
  threads: number;
  /** The worker entry module (plain .ts, run by Node's type stripping). */
  workerFile: URL | string;
  onDone?: (n: number) => void;
}

export async function extractInWorkers(inputs: Array<{ paper: string; body: string }>, options: PoolOptions): Promise<PaperExtraction[]> {
  const results: PaperExtraction[] = new Array(inputs.length);
  // Small batches keep both workers busy to the end; large enough that messaging stays cheap.
  const size = Math.max(4, Math.min(32, Math.ceil(inputs.length / (options.threads * 8))));
  const batches: Array<{ id: number; start: number; papers: typeof inputs }> = [];
  for (let start = 0, id = 0; start < inputs.length; start += size, id++) batches.push({ id, start, papers: inputs.slice(start, start + size) });
  let next = 0;
  const workers = Array.from({ length: Math.min(options.threads, batches.length) }, () =>
    new Worker(options.workerFile, { workerData: { root: options.root, instruments: options.instruments, themes: options.themes } }),
  );
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= batches.length) return resolve();
              const b = batches[next++];
              worker.postMessage({ id: b.id, papers: b.papers });
            };
            worker.on('message', (m: { id: number; extractions: PaperExtraction[] }) => {
              const b = batches[m.id];
              m.extractions.forEach((e, i) => (results[b.start + i] = e));
              options.onDone?.(m.extractions.length);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (code !== 0 ? reject(new Error(`extraction worker exited with code ${code}`)) : undefined));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
