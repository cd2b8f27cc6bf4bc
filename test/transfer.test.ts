// How a worker sends a paper's extraction (src/lib/parallel/transfer.ts): unpacked, it is the extraction itself, key
// order and shared heading paths included, whatever its sentence ids.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { extractPaper } from '../src/lib/extract/index.ts';
import { readKnowledge } from '../src/lib/ingest/knowledge.ts';
import { packExtraction, unpackExtraction } from '../src/lib/parallel/transfer.ts';
import type { PaperExtraction } from '../src/lib/types.ts';
import { repo } from './helpers/site.ts';

const knowledge = readKnowledge({ root: repo, instruments: 'src/data/instruments.yaml', themes: 'src/data/themes.yaml' }).value;
const papersDir = path.join(repo, 'papers');
const papers = readdirSync(papersDir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => ({ paper: f.replace(/\.md$/, ''), body: readFileSync(path.join(papersDir, f), 'utf8') }));

/** As the pool does it: packed on one side, structured-cloned, unpacked on the other. */
const roundTrip = (e: PaperExtraction) => unpackExtraction(deserialize(serialize(packExtraction(e))));

describe('extraction transfer', () => {
  it('gives back each default paper’s extraction exactly, in the same key order', () => {
    expect(papers.length).toBeGreaterThan(0);
    for (const p of papers) {
      const e = extractPaper(p, knowledge);
      expect(e.sentences.length).toBeGreaterThan(10);
      const back = roundTrip(e);
      expect(back).toEqual(e);
      expect(JSON.stringify(back)).toBe(JSON.stringify(e));
    }
  });

  it('keeps one heading path per block, shared by its sentences, and distinct paths distinct', () => {
    const e = extractPaper({ paper: 'p', body: '# A\n\nOne. Two. Three.\n\n## B\n\nFour. Five.\n\nSix.\n' }, knowledge);
    const back = roundTrip(e);
    expect(back.sentences.map((s) => s.section)).toEqual([[], ['A'], ['A'], ['A'], ['A'], ['A', 'B'], ['A', 'B'], ['A', 'B']]);
    expect(back.sentences[1].section).toBe(back.sentences[2].section);
    expect(back.sentences[5].section).not.toBe(back.sentences[1].section);
    expect(back.sentences[5].section).toBe(back.sentences[6].section);
    expect(back.sentences.map((s) => s.block)).toEqual(['heading', 'paragraph', 'paragraph', 'paragraph', 'heading', 'paragraph', 'paragraph', 'paragraph']);
  });

  it('sends sentence ids that are not `s-1`, `s-2`, … as they are', () => {
    const e = extractPaper({ paper: 'p', body: 'One. Two.\n' }, knowledge);
    const renamed = { ...e, sentences: e.sentences.map((s, i) => ({ ...s, id: `x-${i}` })) };
    expect(packExtraction(e).ids).toBeNull();
    expect(roundTrip(renamed)).toEqual(renamed);
  });

  it('handles a paper with no sentences', () => {
    const e = extractPaper({ paper: 'empty', body: '' }, knowledge);
    expect(roundTrip(e)).toEqual(e);
  });
});
