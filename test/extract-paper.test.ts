// The extraction stage as a whole: its public surface, fixture papers, and linear time on adversarial input.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as extractStage from '../src/lib/extract/index.ts';
import { adversarialLines, extract } from './fixtures/extract/knowledge.ts';

describe('public surface', () => {
  it('exports the stage functions', () => {
    expect(Object.keys(extractStage).sort()).toEqual([
      'blockSpan',
      'buildKnowledge',
      'classify',
      'compileInstruments',
      'compileRecommendations',
      'cueOf',
      'expandArticles',
      'extractPaper',
      'findCandidates',
      'findCitations',
      'findPinpoints',
      'findStatistics',
      'loadKnowledge',
      'parseMarkdown',
      'slug',
      'splitSentences',
      'splitText',
    ]);
  });
});

describe('fixture papers', () => {
  const root = fileURLToPath(new URL('./fixtures/extract/papers/', import.meta.url));
  for (const name of readdirSync(root)) {
    it(`extracts ${name} as expected`, () => {
      const expectedFile = `${root}${name}/expected.json`;
      expect(existsSync(expectedFile), `${expectedFile} is missing`).toBe(true);
      const body = readFileSync(`${root}${name}/input.md`, 'utf8');
      const result = extract(body, name);
      expect(JSON.parse(JSON.stringify(result))).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
    });
  }
});

describe('adversarial input', () => {
  it.each(adversarialLines)('extracts a 100 kB line of %s in linear time', (_name, line) => {
    const started = performance.now();
    const result = extract(line);
    const elapsed = performance.now() - started;
    expect(result.sentences.length).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(2000);
  });
});
