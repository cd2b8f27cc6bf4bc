// Extraction quality on the seed papers, measured against hand-made gold annotations (test/fixtures/gold/).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { evaluate } from '../src/cli/eval.ts';
import { totals } from '../src/lib/eval/gold.ts';

const repo = path.resolve(import.meta.dirname, '..');
const scores = evaluate(repo, 'test/fixtures/gold');
const all = totals(scores);

describe('extraction against the gold annotations of the seed papers', () => {
  it('scores all four papers', () => {
    expect(scores.map((s) => s.paper).sort()).toEqual(['nature-of-child-sex-trafficking', 'palermo-child-sexual-slavery', 'thakkar-2025', 'tolbaru-globalisation']);
  });

  it('finds citations with precision and recall >= 0.95', () => {
    expect(all.citations.precision).toBeGreaterThanOrEqual(0.95);
    expect(all.citations.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('resolves >= 95 % of the found citations to the right reference entry (or rightly to none)', () => {
    expect(all.resolution.rate).toBeGreaterThanOrEqual(0.95);
  });

  it('finds instrument mentions, pinpoints included, with precision and recall >= 0.9', () => {
    expect(all.instruments.precision).toBeGreaterThanOrEqual(0.9);
    expect(all.instruments.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('finds statistics with precision and recall >= 0.9', () => {
    expect(all.statistics.precision).toBeGreaterThanOrEqual(0.9);
    expect(all.statistics.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('finds recommendations with precision >= 0.85 and recall >= 0.8', () => {
    expect(all.recommendations.precision).toBeGreaterThanOrEqual(0.85);
    expect(all.recommendations.recall).toBeGreaterThanOrEqual(0.8);
  });
});
