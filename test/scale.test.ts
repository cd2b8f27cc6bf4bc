// Scale: a synthetic corpus builds with every HTML page under 1 MB, and the parallel pipeline matches the single-threaded one.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from './bench/corpus.ts';
import { runPipeline, runPipelineParallel } from '../src/lib/pipeline.ts';
import { buildSite, repo } from './helpers/site.ts';

const registry = path.join(repo, 'src/data/instruments.yaml');
const dir = path.join(repo, 'test/.tmp/scale-corpus');

function* html(d: string): Generator<string> {
  for (const name of readdirSync(d)) {
    const abs = path.join(d, name);
    if (statSync(abs).isDirectory()) yield* html(abs);
    else if (name.endsWith('.html')) yield abs;
  }
}

describe('synthetic corpus', () => {
  it('is the same bytes for the same size and seed', () => {
    const a = generateCorpus({ papers: 5, seed: 7, registry });
    const b = generateCorpus({ papers: 5, seed: 7, registry });
    expect([...a]).toEqual([...b]);
  });
});

describe('parallel extraction', () => {
  it('gives the same output as one thread', async () => {
    writeCorpus({ papers: 220, seed: 3, dir, registry });
    const options = { root: repo, papers: path.join(dir, 'papers'), bibliography: path.join(dir, 'bibliography') };
    const one = runPipeline(options);
    const many = await runPipelineParallel({ ...options, threads: 2, minPapers: 1 });
    expect(JSON.stringify(many)).toBe(JSON.stringify(one));
  }, 300_000);
});

// Builds a 300-paper site (about two minutes on two cores); pages that grow with the corpus are split, so none reaches 1 MB.
describe('site at scale', () => {
  it('keeps every page under 1 MB (300 papers)', () => {
    writeCorpus({ papers: 300, seed: 5, dir, registry });
    const { dir: out } = buildSite({ name: 'scale-300', env: { CONCORDANCE_PAPERS: path.join(dir, 'papers'), CONCORDANCE_BIBLIOGRAPHY: path.join(dir, 'bibliography') } });
    const big = [...html(out)].map((f) => ({ f: path.relative(out, f), bytes: statSync(f).size })).filter((x) => x.bytes >= 1024 * 1024);
    expect(big).toEqual([]);
  }, 900_000);
});
