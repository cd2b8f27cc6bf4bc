// Re-importing keeps curation, and the committed default corpus is exactly what the importer makes of the seeds plus curation.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { keepCuration } from '../src/lib/importer/curation.ts';
import { importText } from '../src/lib/importer/index.ts';

const repo = path.resolve(import.meta.dirname, '..');
const seeds = path.resolve(repo, '../shared/seeds');

describe('keepCuration', () => {
  const previous = '---\nid: p\ntitle: Supplied title\nyear: null\nannotation: My note.\nsupplied:\n  - title\n---\n\nOld body\n';
  const fresh = '---\nid: p\ntitle: null\nyear: 2020\nsupplied: []\n---\n\nNew body\n';

  it('keeps supplied fields and the annotation, takes everything else from the new import', () => {
    const merged = keepCuration(fresh, previous);
    expect(merged).toContain('title: Supplied title');
    expect(merged).toContain('annotation: My note.');
    expect(merged).toContain('year: 2020');
    expect(merged).toContain('New body');
    expect(merged).not.toContain('Old body');
  });

  it('leaves a fresh import alone when nothing was curated', () => {
    expect(keepCuration(fresh, '---\nid: p\n---\nx')).toBe(fresh);
  });
});

const pairs = [
  ['000_590fcbd027628cbb.txt', 'palermo-child-sexual-slavery'],
  ['001_03f73b47c1a695fc.txt', 'thakkar-2025'],
  ['002_4127d1550f0a8ef8.txt', 'nature-of-child-sex-trafficking'],
  ['003_31a6df068d331b90.txt', 'tolbaru-globalisation'],
] as const;

describe.skipIf(!existsSync(seeds))('the default corpus', () => {
  it.each(pairs)('is what importing %s gives, plus curation (%s)', (file, id) => {
    const result = importText(readFileSync(path.join(seeds, file), 'utf8'), { source: file, id });
    const committed = readFileSync(path.join(repo, 'papers', `${id}.md`), 'utf8');
    expect(keepCuration(result.value.markdown, committed)).toBe(committed);
    const bib = path.join(repo, 'bibliography', `${id}.bib`);
    if (result.value.bibtex) expect(result.value.bibtex).toBe(readFileSync(bib, 'utf8'));
    else expect(existsSync(bib)).toBe(false);
  });
});
