// The worker pool (src/lib/parallel/pool.ts): tasks give exactly what one thread gives, failures are reported, not hung on;
// and the pipeline's caches (extractions, BibTeX files) give the same output as a cold run.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPool, type Pool } from '../src/lib/parallel/pool.ts';
import { extractPaper } from '../src/lib/extract/index.ts';
import { readKnowledge } from '../src/lib/ingest/knowledge.ts';
import { chooseStyle, formatEntry } from '../src/lib/present/csl.ts';
import { runPipeline, runPipelineParallel, startPool } from '../src/lib/pipeline.ts';
import { fileCache, type EntryCache } from '../src/lib/cache.ts';
import type { CslItem } from '../src/lib/types.ts';
import { repo } from './helpers/site.ts';

const workerFile = new URL('../src/lib/parallel/worker.ts', import.meta.url);
const knowledge = { root: repo, instruments: 'src/data/instruments.yaml', themes: 'src/data/themes.yaml' };

/** Small papers to extract, and what one thread extracts from them. */
const bodies = Array.from({ length: 40 }, (_, i) => ({
  paper: `p-${i}`,
  body: `# Results\n\nAbout ${i + 10}% of victims were minors (Smith & Jones, 20${10 + (i % 9)}). States should ratify the Palermo Protocol (art. ${i % 5 + 1}).\n`,
}));
const oneThread = (list: typeof bodies) => {
  const k = readKnowledge(knowledge).value;
  return list.map((b) => extractPaper(b, k));
};

/** A CSL style that is not bundled: Vancouver's XML under another name, as a `.csl` file in a review would be. */
const styles = JSON.parse(readFileSync(path.join(repo, 'node_modules/@citation-js/plugin-csl/lib/styles.json'), 'utf8')) as Record<string, string>;
const customXml = styles.vancouver.replace(/<title>[^<]*<\/title>/, '<title>A review style</title>');

let pool: Pool;
beforeAll(() => {
  pool = createPool(workerFile, { ...knowledge, style: { setting: 'styles/review.csl', xml: customXml } }, 2);
});
afterAll(async () => {
  await pool.close();
});

function items(): CslItem[] {
  const seeds = runPipeline({ root: repo });
  return seeds.value.index.works.map((w) => w.csl);
}

describe('worker pool', () => {
  it('formats references exactly as one thread does, in a bundled and in a custom style', async () => {
    const list = items();
    expect(list.length).toBeGreaterThan(10);
    const custom = chooseStyle('styles/review.csl', customXml).name;
    for (const style of ['apa', custom]) {
      const inWorkers = await pool.run('format', list.map((item) => ({ item, style, lang: 'en-US' })));
      expect(inWorkers).toEqual(list.map((item) => formatEntry(item, style, 'en-US')));
      expect(inWorkers.every((html) => html.length > 0)).toBe(true);
    }
  }, 120_000);

  it('extracts papers exactly as one thread does', async () => {
    const inWorkers = await pool.run('extract', bodies);
    expect(inWorkers).toEqual(oneThread(bodies));
    expect(inWorkers.every((e) => e.citations.length === 1 && e.statistics.length > 0)).toBe(true);
  }, 60_000);

  it('rejects a task that fails instead of hanging, and stays usable', async () => {
    await expect(pool.run('nonsense' as never, [1] as never)).rejects.toThrow(/nonsense failed/);
    const again = await pool.run('extract', bodies.slice(0, 1));
    expect(again).toEqual(oneThread(bodies.slice(0, 1)));
  }, 60_000);

  it('queues every batch at once when asked, with the same results, while the calling thread stays busy', async () => {
    const posted = vi.spyOn(Worker.prototype, 'postMessage');
    const queued = pool.run('extract', bodies, undefined, { queue: true });
    // Every batch (size 3 here: 14 of them) is with the workers before `run` returns, not one per worker.
    expect(posted).toHaveBeenCalledTimes(14);
    posted.mockRestore();
    // Busy here (no event loop turn): the workers must already hold all their batches.
    const until = performance.now() + 300;
    while (performance.now() < until);
    expect(await queued).toEqual(oneThread(bodies));
  }, 60_000);

  it('starts a run asked for right after the one before it ends, before the caller yields', async () => {
    await pool.run('extract', bodies.slice(0, 4));
    // The caller goes on at once (the pipeline indexes and checks here, synchronously): the next run must not wait for it.
    const posted = vi.spyOn(Worker.prototype, 'postMessage');
    const next = pool.run('extract', bodies, undefined, { queue: true });
    expect(posted).toHaveBeenCalledTimes(14);
    posted.mockRestore();
    expect(await next).toEqual(oneThread(bodies));
  }, 60_000);

  it('hands each batch to the caller as it comes back, with where it starts', async () => {
    const list = items().slice(0, 40);
    const seen: unknown[] = new Array(list.length);
    let count = 0;
    const all = await pool.run('format', list.map((item) => ({ item, style: 'apa', lang: 'en-US' })), (n, start, results) => {
      expect(results).toHaveLength(n);
      results.forEach((r, i) => (seen[start + i] = r));
      count += n;
    }, { queue: true });
    expect(count).toBe(list.length);
    expect(seen).toEqual(all);
  }, 60_000);

  it('ignores batches still queued from a failed run', async () => {
    // Every batch fails; the first failure ends the run while the others are still queued in the workers.
    await expect(pool.run('nonsense' as never, Array.from({ length: 64 }, (_, i) => i) as never, undefined, { queue: true })).rejects.toThrow(/nonsense failed/);
    const after = await pool.run('extract', bodies.slice(0, 2));
    expect(after).toEqual(oneThread(bodies.slice(0, 2)));
  }, 60_000);

  it('starts its workers when warmed, before any run, with the same results', async () => {
    const p = createPool(workerFile, knowledge, 2);
    try {
      expect(p.started).toBe(false);
      p.warm();
      expect(p.started).toBe(true);
      p.warm(); // warming a started pool is harmless
      expect(await p.run('extract', bodies)).toEqual(oneThread(bodies));
    } finally {
      await p.close();
    }
    const closed = createPool(workerFile, knowledge, 2);
    await closed.close();
    closed.warm();
    expect(closed.started).toBe(false);
  }, 60_000);

  it('refuses work once closed', async () => {
    const p = createPool(workerFile, knowledge, 2);
    expect(p.open).toBe(true);
    await p.close();
    expect(p.open).toBe(false);
    await expect(p.run('extract', [])).rejects.toThrow(/closed/);
  });
});

/** An in-memory cache that counts its hits. */
function memoryCache<T>(): EntryCache<T> & { hits: number; size: () => number } {
  const map = new Map<string, string>();
  const cache = {
    hits: 0,
    size: () => map.size,
    get(key: string) {
      const v = map.get(key);
      if (v !== undefined) cache.hits++;
      return v === undefined ? undefined : (JSON.parse(v) as T);
    },
    set(key: string, value: T) {
      map.set(key, JSON.stringify(value));
    },
  };
  return cache;
}

describe('pipeline caches', () => {
  it('give the same output as a cold run, every paper and BibTeX file read from them the second time', async () => {
    const options = { root: repo, papers: 'test/fixtures/bad-corpus/papers', bibliography: 'test/fixtures/bad-corpus/bibliography' };
    const cold = runPipeline(options);
    const extractions = memoryCache<never>();
    const bibtex = memoryCache<never>();
    const cache = { store: extractions, version: 'v1', bibtex: { store: bibtex, version: 'v1' } };
    const first = await runPipelineParallel({ ...options, cache, threads: 1 });
    expect(JSON.stringify(first)).toBe(JSON.stringify(cold));
    expect(first.value.cached).toBe(0);
    // Each paper's extraction key names its cached extraction; without a cache there are none.
    const keys = first.value.extractionKeys;
    expect([...keys.keys()]).toEqual(cold.value.corpus.papers.map((p) => p.meta.id));
    expect(new Set(keys.values()).size).toBe(keys.size);
    for (const e of first.value.extractions) expect(JSON.stringify(extractions.get(keys.get(e.paper)!))).toBe(JSON.stringify(e));
    expect(cold.value.extractionKeys.size).toBe(0);
    const bibFiles = bibtex.size();
    expect(bibFiles).toBeGreaterThan(3);
    const second = await runPipelineParallel({ ...options, cache, threads: 1 });
    expect(second.value.cached).toBe(cold.value.corpus.papers.length);
    expect(bibtex.hits).toBe(bibFiles);
    expect(second.value.extractionKeys).toEqual(keys);
    expect(JSON.stringify({ ...second, value: { ...second.value, cached: 0 } })).toBe(JSON.stringify(cold));
  }, 120_000);
});

describe('startPool', () => {
  const dir = path.join(repo, 'test/.tmp/pool-warm');
  const options = { root: repo, threads: 2, minPapers: 1 };
  const started = async (cache?: { store: EntryCache<never>; version: string }): Promise<boolean> => {
    const pool = startPool({ ...options, cache })!;
    try {
      return pool.started;
    } finally {
      await pool.close();
    }
  };

  it('starts the workers at once without extractions to reuse, and with the first task otherwise', async () => {
    rmSync(dir, { recursive: true, force: true });
    const store = fileCache<never>(dir);
    expect(store.empty!()).toBe(true); // no folder yet
    expect(await started()).toBe(true);
    expect(await started({ store, version: 'v1' })).toBe(true);
    store.set('ab12', 1 as never);
    expect(store.empty!()).toBe(false);
    expect(await started({ store, version: 'v1' })).toBe(false);
    // A cache that cannot tell counts as one that may hold the extractions.
    expect(await started({ store: { get: () => undefined, set: () => undefined }, version: 'v1' })).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('packagesVersion', () => {
  it('changes with an installed package and counts a missing one', async () => {
    const { packagesVersion } = await import('../src/lib/cache.ts');
    const a = packagesVersion(repo, ['@citation-js/core', '@citation-js/plugin-bibtex']);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(packagesVersion(repo, ['@citation-js/core', '@citation-js/plugin-bibtex'])).toBe(a);
    expect(packagesVersion(repo, ['@citation-js/core', '@citation-js/plugin-csl'])).not.toBe(a);
    expect(packagesVersion(repo, ['no-such-package'])).not.toBe(packagesVersion(repo, ['@citation-js/core']));
  });
});
