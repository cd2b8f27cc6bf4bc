// Ingest: front matter forms, paper discovery, BibTeX reading, and bad input reported with file and line.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readCorpus } from '../src/lib/ingest/corpus.ts';
import { normaliseFrontMatter, parseFrontMatter, splitFrontMatter } from '../src/lib/ingest/frontmatter.ts';
import { readBibtex, splitEntries } from '../src/lib/ingest/bibtex.ts';
import { slugify } from '../src/lib/ingest/slug.ts';

const fixture = path.join(import.meta.dirname, 'fixtures/corpus-broken');

describe('front matter', () => {
  it('splits YAML from the body and counts the lines before the body', () => {
    const s = splitFrontMatter('---\ntitle: T\n---\n\nBody');
    expect(s.yaml).toBe('title: T\n');
    expect(s.body).toBe('\nBody');
    expect(s.bodyLineOffset).toBe(3);
  });

  it('treats a file without front matter as all body', () => {
    expect(splitFrontMatter('# Title\n\ntext')).toEqual({ yaml: null, body: '# Title\n\ntext', bodyLineOffset: 0 });
  });

  it('accepts pandoc/JOSS forms: author objects, date, tags, unknown fields kept', () => {
    const fm = parseFrontMatter('author:\n  - name: A B\n    affiliation: X\n  - C D\ndate: "2021-05-04"\ntags: [a, b]\nfoo: bar\n', 'p.md');
    expect(fm.diagnostics).toEqual([]);
    const meta = normaliseFrontMatter(fm.data!, 'p');
    expect(meta.authors).toEqual([{ name: 'A B', affiliation: 'X' }, { name: 'C D' }]);
    expect(meta.year).toBe(2021);
    expect(meta.keywords).toEqual(['a', 'b']);
    expect(meta.extra).toEqual({ foo: 'bar' });
  });

  it('reports a YAML error with the line in the paper file', () => {
    const fm = parseFrontMatter('title: x\nauthors: [unclosed\nyear: 2020\n', 'p.md');
    expect(fm.data).toBeNull();
    expect(fm.diagnostics[0]).toMatchObject({ severity: 'error', code: 'frontmatter-yaml', file: 'p.md' });
    expect(fm.diagnostics[0].line).toBeGreaterThanOrEqual(3);
  });

  it('reports a field of the wrong type at its line', () => {
    const fm = parseFrontMatter('title: ok\nyear: [1, 2]\n', 'p.md');
    expect(fm.data).toBeNull();
    expect(fm.diagnostics[0]).toMatchObject({ code: 'frontmatter-invalid', line: 3 });
    expect(fm.diagnostics[0].message).toContain('year');
  });
});

describe('BibTeX', () => {
  it('splits entries by brace matching and marks an unclosed one', () => {
    const chunks = splitEntries('@article{a, title={x}}\n@book{b, title={y\n@misc{c, title={z}}');
    expect(chunks.map((c) => [c.type, c.closed, c.line])).toEqual([
      ['article', true, 1],
      ['book', false, 2],
      ['misc', true, 3],
    ]);
  });

  it('reads entries into CSL with the key as id, folding LaTeX accents and protected braces', () => {
    const r = readBibtex("@article{K, author={Brânză, S. and {World Health Organization}}, title={{Protected} {\\'e}cole}, journal={J}, year={2015}}", 'x.bib');
    expect(r.diagnostics).toEqual([]);
    expect(r.value.entries[0].csl).toMatchObject({ id: 'K', title: 'Protected école', 'container-title': 'J' });
    expect(r.value.entries[0].csl.author?.[0]).toMatchObject({ family: 'Brânză' });
  });

  it('expands @string macros', () => {
    const r = readBibtex('@string{j = "Journal Name"}\n@article{K, title={T}, journal=j, year=2001}', 'x.bib');
    expect(r.value.entries[0].csl['container-title']).toBe('Journal Name');
  });

  it('reads an entry text repeated across files once, and each file gets its own copy', () => {
    const text = '@article{R, author={Okafor, Ada}, title={Shared entry}, journal={J}, year={2019}, month={13}}';
    const first = readBibtex(text, 'a.bib');
    const second = readBibtex(`% another export\n\n${text}`, 'b.bib');
    expect(second.value.entries[0].csl).toEqual(first.value.entries[0].csl);
    expect(second.value.entries[0].csl).not.toBe(first.value.entries[0].csl);
    // Diagnostics stay per file and per position (the invalid month is reported in both, at its own line).
    expect(first.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['bibtex-month', 'a.bib', 1]]);
    expect(second.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['bibtex-month', 'b.bib', 3]]);
    first.value.entries[0].csl.title = 'changed';
    expect(readBibtex(text, 'c.bib').value.entries[0].csl.title).toBe('Shared entry');
    // The same entry under a different macro in force is read anew.
    const withMacro = (value: string) => readBibtex(`@string{j = "${value}"}\n@article{M, title={T}, journal=j, year=2001}`, 'x.bib');
    expect(withMacro('One').value.entries[0].csl['container-title']).toBe('One');
    expect(withMacro('Two').value.entries[0].csl['container-title']).toBe('Two');
  });
});

describe('reading a corpus with broken files', () => {
  const result = readCorpus({ root: fixture });
  const ids = result.value.papers.map((p) => p.meta.id);
  const diag = (code: string) => result.diagnostics.filter((d) => d.code === code);

  it('keeps the good papers, including a folder paper with its own .bib', () => {
    expect(ids).toEqual(['folder-paper', 'good', 'no-text']);
    const folder = result.value.papers.find((p) => p.meta.id === 'folder-paper')!;
    expect(folder.meta.bibliography).toBe('papers/folder-paper/paper.bib');
    expect(folder.file).toBe('papers/folder-paper/paper.md');
  });

  it('reports the paper with broken front matter with file and line, and leaves it out', () => {
    const d = diag('frontmatter-yaml');
    expect(d).toHaveLength(1);
    expect(d[0].file).toBe('papers/broken-frontmatter.md');
    expect(d[0].line).toBeGreaterThan(1);
    expect(diag('paper-skipped').map((x) => x.file).sort()).toEqual(['papers/broken-frontmatter.md', 'papers/wrong-type.md']);
  });

  it('reports an empty file and a paper with no text', () => {
    expect(diag('paper-empty')[0].file).toBe('papers/empty.md');
    expect(diag('paper-no-text')[0].file).toBe('papers/no-text.md');
  });

  it('names every paper file either in the corpus or in the diagnostics', () => {
    const named = new Set([...result.value.papers.map((p) => p.file), ...result.diagnostics.map((d) => d.file)]);
    for (const f of ['good.md', 'broken-frontmatter.md', 'wrong-type.md', 'empty.md', 'no-text.md', 'folder-paper/paper.md']) {
      expect(named.has(`papers/${f}`)).toBe(true);
    }
  });

  it('reports the broken BibTeX entry with its line and keeps the others', () => {
    const bib = result.value.bibliographies.find((b) => b.file === 'bibliography/good.bib')!;
    expect(bib.entries.map((e) => e.key)).toEqual(['babbage1864', 'Lovelace1843', 'odd1']);
    expect(diag('bibtex-unclosed')[0]).toMatchObject({ file: 'bibliography/good.bib', line: 10 });
    expect(diag('bibtex-duplicate-key')[0]).toMatchObject({ line: 23 });
    expect(diag('bibtex-month')[0]).toMatchObject({ line: 15 });
    expect(diag('bibtex-type')[0]).toMatchObject({ line: 28 });
    const lovelace = bib.entries.find((e) => e.key === 'Lovelace1843')!;
    expect(lovelace.csl['container-title']).toBe('Communications of the ACM');
    expect(lovelace.csl.issued).toEqual({ 'date-parts': [[1843]] });
  });

  it('normalises pandoc-style front matter of a good paper', () => {
    const good = result.value.papers.find((p) => p.meta.id === 'good')!;
    expect(good.meta).toMatchObject({
      title: 'A good paper',
      year: 2021,
      keywords: ['engines', 'computing'],
      authors: [{ name: 'Ada Lovelace', affiliation: 'Analytical Society' }, { name: 'Charles Babbage' }],
      extra: { custom_field: 'kept' },
    });
    expect(good.bodyLineOffset).toBe(11);
  });
});

describe('ids', () => {
  it('are URL- and path-safe whatever the input', () => {
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('Ştefan Ţară — ünïcode')).toBe('stefan-tara-unicode');
    expect(slugify('/abs/path')).toBe('abs-path');
  });
});
