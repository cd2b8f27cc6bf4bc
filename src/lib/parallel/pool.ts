// Worker threads for the costly per-item work of a build: paper extraction and CSL formatting.
// Items go out in batches; results come back in input order, exactly as one thread would produce them.
import { Worker } from 'node:worker_threads';
import type { CslItem, PaperExtraction } from '../types.ts';
import { unpackExtraction, type PackedExtraction } from './transfer.ts';

/** What each worker builds once: the knowledge files (for extraction) and a custom CSL style, if any. */
export interface WorkerSetup {
  root: string;
  instruments: string;
  themes: string;
  /** A CSL style that is not bundled: the style setting and the file's XML (registered as `chooseStyle` does). */
  style?: { setting: string; xml: string };
}

/** The tasks a worker runs: input and output item types, and the form an output travels in (see `receive`). */
export interface Tasks {
  extract: { input: { paper: string; body: string }; output: PaperExtraction; message: PackedExtraction };
  format: { input: { item: CslItem; style: string; lang: string }; output: string; message: string };
}
export type TaskKind = keyof Tasks;

/** An output as received from a worker, made whole on the calling thread. */
const receive: { [K in TaskKind]: (message: Tasks[K]['message']) => Tasks[K]['output'] } = {
  extract: unpackExtraction,
  format: (html) => html,
};

export interface Pool {
  /** False once closed. */
  readonly open: boolean;
  /** True once the workers are started (by `warm` or by the first run). */
  readonly started: boolean;
  /**
   * Start the workers now instead of with the first run, so loading their modules overlaps what the calling thread
   * does before it has work for them (reading the papers). Nothing happens when they are started or the pool is closed.
   */
  warm(): void;
  /**
   * Run a task over the inputs; one run at a time (a run waits for the one before it). `queue`: hand every batch out
   * at once, round robin, for callers that keep their own thread busy meanwhile; otherwise each worker is sent its next
   * batch when it returns one (better balance, but only while the calling thread is free to answer).
   */
  run<K extends TaskKind>(kind: K, inputs: Array<Tasks[K]['input']>, onDone?: OnDone<K>, options?: { queue?: boolean }): Promise<Array<Tasks[K]['output']>>;
  close(): Promise<void>;
}

/** Told of each batch as it comes back: how many items, where they start among the inputs, and their results. */
export type OnDone<K extends TaskKind> = (n: number, start: number, results: Array<Tasks[K]['output']>) => void;

/** Start `threads` workers from `workerFile` (plain .ts, run by Node's type stripping). */
export function createPool(workerFile: URL | string, setup: WorkerSetup, threads: number): Pool {
  // Started on the first task (or by `warm`), so a pool that ends up with nothing to do costs nothing.
  let workers: Worker[] = [];
  let failed: Error | null = null;
  const start = (): void => {
    workers = Array.from({ length: threads }, () => new Worker(workerFile, { workerData: setup }));
    for (const w of workers) {
      w.on('error', (e) => (failed ??= e));
      // A worker has no business exiting while the pool is open.
      w.on('exit', (code) => (code !== 0 ? (failed ??= new Error(`worker exited with code ${code}`)) : undefined));
      // Idle workers do not keep the process alive (a pool left open by mistake cannot hang a build).
      w.unref();
    }
  };
  let closed = false;
  // Runs are chained; each has an id its results carry, so a batch still queued from a failed run is ignored.
  let tail: Promise<unknown> = Promise.resolve();
  let active = 0;
  let runs = 0;
  const runNow = async <K extends TaskKind>(kind: K, inputs: Array<Tasks[K]['input']>, onDone?: OnDone<K>, options?: { queue?: boolean }): Promise<Array<Tasks[K]['output']>> => {
    if (closed) throw new Error('worker pool is closed');
    const results: unknown[] = new Array(inputs.length);
    if (inputs.length === 0) return results as never;
    if (workers.length === 0) start();
    for (const w of workers) w.ref();
    // Small batches keep every worker busy to the end; large enough that messaging stays cheap.
    const size = Math.max(1, Math.min(32, Math.ceil(inputs.length / (threads * 8))));
    const run = ++runs;
    let next = 0;
    await Promise.all(
      workers.map(
        (worker, w) =>
          new Promise<void>((resolve, reject) => {
            const post = (start: number): void => worker.postMessage({ run, kind, start, items: inputs.slice(start, start + size) });
            let queued = 0;
            const send = (): void => {
              if (failed) return reject(failed);
              if (options?.queue) return queued === 0 ? finish(resolve) : undefined;
              if (next >= inputs.length) return finish(resolve);
              post(next);
              next += size;
            };
            const onMessage = (m: { run: number; start: number; results?: Array<Tasks[K]['message']>; error?: string }): void => {
              if (m.run !== run) return;
              if (m.error !== undefined) return finish(() => reject(new Error(m.error)));
              if (options?.queue) queued--;
              // The worker's next batch goes out before the caller handles this one, so the worker is not kept waiting.
              send();
              const unpack = receive[kind] as (message: Tasks[K]['message']) => Tasks[K]['output'];
              const batch = m.results!.map(unpack);
              batch.forEach((r, i) => (results[m.start + i] = r));
              onDone?.(batch.length, m.start, batch);
            };
            const onError = (e: Error): void => finish(() => reject(e));
            const finish = (then: () => void): void => {
              worker.off('message', onMessage);
              worker.off('error', onError);
              then();
            };
            worker.on('message', onMessage);
            worker.on('error', onError);
            if (options?.queue) for (let start = w * size; start < inputs.length; start += threads * size, queued++) post(start);
            send();
          }),
      ),
    ).finally(() => {
      for (const w of workers) w.unref();
    });
    return results as never;
  };
  return {
    get open() {
      return !closed;
    },
    get started() {
      return workers.length > 0;
    },
    warm() {
      if (!closed && workers.length === 0) start();
    },
    run(kind, inputs, onDone, options) {
      // With no run in progress this one starts now, so its batches are posted before the caller goes on (a caller that
      // keeps its thread busy would otherwise not let a chained start happen until it yields). A run counts as ended
      // before its caller hears of it, so a run asked for right after (in the same turn) starts at once too.
      const idle = active === 0;
      active++;
      const go = async () => {
        try {
          return await runNow(kind, inputs, onDone, options);
        } finally {
          active--;
        }
      };
      const run = idle ? go() : tail.then(go);
      tail = run.catch(() => undefined);
      return run;
    },
    async close() {
      closed = true;
      await tail;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
