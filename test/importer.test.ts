// Tests of the importer: fixture loops for text repair and reference parsing, metadata, DOI warnings, BibTeX, CLI.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { formatDiagnostics } from '../src/lib/diagnostics.ts';
import * as importer from '../src/lib/importer/index.ts';
import {
  assignKeys,
  fromBibtex,
  importText,
  normaliseDoi,
  parseReferenceList,
  repairText,
  toBibtex,
} from '../src/lib/importer/index.ts';
import { runImport } from '../src/cli/import.ts';
import type { CslItem } from '../src/lib/types.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'importer');

function cases(kind: string): string[] {
  return readdirSync(join(FIXTURES, kind), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

function read(kind: string, name: string, file: string): string {
  const path = join(FIXTURES, kind, name, file);
  // A missing expected file is a failure, never something this test writes.
  if (!existsSync(path)) throw new Error(`missing fixture file ${path}`);
  return readFileSync(path, 'utf8');
}

function frontMatterOf(markdown: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/u.exec(markdown);
  if (!m) throw new Error('no front matter');
  return parseYaml(m[1]) as Record<string, unknown>;
}

describe('text repair fixtures', () => {
  const names = cases('repair');
  it('has repair cases', () => expect(names.length).toBeGreaterThan(0));
  for (const name of names) {
    it(`repairs ${name}`, () => {
      const input = read('repair', name, 'input.txt');
      const expected = read('repair', name, 'expected.md');
      expect(repairText(input)).toBe(expected.trimEnd());
    });
  }
});

describe('reference list fixtures', () => {
  const names = cases('references');
  it('has reference cases', () => expect(names.length).toBeGreaterThan(0));
  for (const name of names) {
    it(`splits and parses ${name}`, () => {
      const input = read('references', name, 'input.txt');
      const expected = JSON.parse(read('references', name, 'expected.json')) as CslItem[];
      expect(parseReferenceList(input)).toEqual(expected);
    });
  }
});

const PAPER = `
**MANAGING COASTAL WETLANDS: LESSONS
FROM THREE DELTAS**

***Dr. Jane Q. Doe**

Department of Geography, University of Somewhere.

Published on: 3 March 2021

DOI: https://doi.org/10.1234/cw.2021.7.

ABSTRACT

Coastal wetlands in three deltas were surveyed. The Mekong and Ebro deltas lost most.

KEYWORDS: wetlands; deltas, sediment.

INTRODUCTION

Coastal wetlands protect shores and lessons from deltas show how (Doe, 2019). Wetlands are managed by the Mekong River Commission.

REFERENCES

1. Doe, J. Q. (2019). Deltas at risk. *Coastal Review*, 7(1), 1-10.
2. United Nations. (2020). Wetlands report. UN Publications.
`;

describe('metadata', () => {
  const { value, diagnostics } = importText(PAPER, { source: 'in/coastal.txt' });

  it('reads a bold title over two lines and sentence-cases it from the body’s own spelling', () => {
    expect(value.meta.title).toBe('Managing coastal wetlands: lessons from three deltas');
  });

  it('reads the author without honorific or marker star, and the affiliation line under it', () => {
    expect(value.meta.authors).toEqual([
      { name: 'Jane Q. Doe', affiliation: 'Department of Geography, University of Somewhere' },
    ]);
  });

  it('reads year, DOI, keywords and abstract', () => {
    expect(value.meta.year).toBe(2021);
    expect(value.meta.doi).toBe('10.1234/cw.2021.7');
    expect(value.meta.keywords).toEqual(['wetlands', 'deltas', 'sediment']);
    expect(value.meta.abstract).toBe('Coastal wetlands in three deltas were surveyed. The Mekong and Ebro deltas lost most.');
    expect(diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
  });

  it('writes front matter in a fixed key order, with the bibliography only when references were found', () => {
    const fm = frontMatterOf(value.markdown);
    expect(Object.keys(fm)).toEqual([
      'id', 'title', 'authors', 'year', 'venue', 'doi', 'url', 'keywords', 'abstract', 'supplied', 'source', 'bibliography',
    ]);
    expect(fm.id).toBe('doe-2021');
    expect(fm.source).toBe('coastal.txt');
    expect(fm.supplied).toEqual([]);
    expect(fm.bibliography).toBe('../bibliography/doe-2021.bib');
  });

  it('keeps the abstract in the body and the reference list as a list under its heading', () => {
    expect(value.markdown).toContain('## ABSTRACT\n\nCoastal wetlands in three deltas were surveyed.');
    expect(value.markdown).toContain('## REFERENCES\n\n1. Doe, J. Q. (2019).');
    expect(value.markdown).not.toContain('# MANAGING');
    expect(value.report.references).toEqual({ total: 2, parsed: 2, withAuthor: 2, withYear: 2, withTitle: 2 });
  });

  it('takes an author’s affiliation from the footnote their superscript marker points to', () => {
    const text = 'SOIL AND WATER\n\nAna PEREIRA¹\n\n¹ Institute of Soils, Lisbon, ana@example.org\n\nAbstract: Soils matter.\n';
    const { value: v } = importText(text, { source: 'x.txt' });
    expect(v.meta.authors).toEqual([{ name: 'Ana Pereira', affiliation: 'Institute of Soils, Lisbon' }]);
    expect(v.markdown).toContain('Ana PEREIRA[^1]');
    expect(v.markdown).toContain('[^1]: Institute of Soils, Lisbon, ana@example.org');
  });

  it('leaves an unclear title, authors and year unknown and derives the id from the file name', () => {
    const { value: v, diagnostics: d } = importText('ABSTRACT\n\nSome text about rivers.\n', { source: 'dir/007_river.txt' });
    expect(v.meta.title).toBeNull();
    expect(v.meta.authors).toEqual([]);
    expect(v.meta.year).toBeNull();
    expect(v.id).toBe('007-river');
    expect(frontMatterOf(v.markdown).bibliography).toBeUndefined();
    expect(v.bibtex).toBe('');
    expect(d.map((x) => x.code)).toContain('title-not-found');
  });

  it('takes the id from the first four title words when the year is unknown, and from --id over all', () => {
    const text = 'Nature of River Deltas Explained Simply\n\nDeltas form where rivers meet the sea.\n';
    expect(importText(text, { source: 'a.txt' }).value.id).toBe('nature-of-river-deltas');
    expect(importText(text, { source: 'a.txt', id: 'chosen' }).value.id).toBe('chosen');
  });
});

describe('DOI normalisation', () => {
  it('normalises the printed forms to 10.xxxx/…', () => {
    expect(normaliseDoi('<https://doi.org/10.1000/xyz.1>')).toBe('10.1000/xyz.1');
    expect(normaliseDoi('doi:10.1000/ABC-2.')).toBe('10.1000/ABC-2');
    expect(normaliseDoi('https://doi-doi.org/101555/ijarp.3310')).toBeNull();
  });

  it('keeps a DOI without the 10. prefix verbatim and warns with file, line and column', () => {
    const text = 'TITLE OF A PAPER\n\nDOI: <https://doi-doi.org/101555/abc.12>\n\nABSTRACT\n\nText.\n';
    const { value, diagnostics } = importText(text, { source: 'seeds/paper.txt' });
    expect(value.meta.doi).toBe('https://doi-doi.org/101555/abc.12');
    expect(frontMatterOf(value.markdown).doi).toBe('https://doi-doi.org/101555/abc.12');
    const warnings = diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'doi-not-normalised', file: 'seeds/paper.txt', line: 3, column: 7 });
    expect(formatDiagnostics(warnings)).toMatch(/^seeds\/paper\.txt:3:7 warning DOI /u);
  });
});

describe('BibTeX', () => {
  it('round-trips through citation-js: keys, authors, years, titles, containers and DOIs survive', () => {
    const { value } = importText(PAPER, { source: 'coastal.txt' });
    const back = fromBibtex(value.bibtex);
    expect(back.map((i) => i['citation-key'])).toEqual(value.references.map((i) => i.id));
    back.forEach((item, i) => {
      const original = value.references[i];
      expect(item.title).toBe(original.title);
      expect(item.issued).toEqual(original.issued);
      expect(item['container-title']).toBe(original['container-title']);
      expect(item.DOI).toBe(original.DOI);
      expect(item.note).toBe(original.note);
      const names = (item.author ?? []).map((n) => n.family ?? n.literal);
      expect(names).toEqual((original.author ?? []).map((n) => n.family ?? n.literal));
    });
  });

  it('round-trips every reference fixture', () => {
    for (const name of cases('references')) {
      const items = parseReferenceList(read('references', name, 'input.txt'));
      const back = fromBibtex(toBibtex(items));
      expect(back.map((i) => i['citation-key'])).toEqual(items.map((i) => i.id));
      expect(back.map((i) => i.title)).toEqual(items.map((i) => i.title));
      expect(back.map((i) => i.note)).toEqual(items.map((i) => i.note));
    }
  });

  it('gives colliding keys a, b suffixes in order', () => {
    const item = (title: string): CslItem => ({
      id: 'x', type: 'document', title, author: [{ family: 'Brânză', given: 'S.' }], issued: { 'date-parts': [[2015]] },
    });
    expect(assignKeys([item('Treatise one'), item('Other'), item('Treatise two')])).toEqual([
      'branza2015treatisea', 'branza2015other', 'branza2015treatiseb',
    ]);
  });
});

describe('determinism and robustness', () => {
  it('gives identical output on a second run', () => {
    const a = importText(PAPER, { source: 'coastal.txt' });
    const b = importText(PAPER, { source: 'coastal.txt' });
    expect(b).toEqual(a);
  });

  it('stays fast on pathological input (no catastrophic backtracking)', () => {
    const nasty = [
      'a-'.repeat(20000),
      `${'*'.repeat(5000)}x`,
      `(${'A. '.repeat(5000)}`,
      `${'Word '.repeat(5000)}(2019`,
      `- ${'Surname, '.repeat(3000)}(2019). Title.`,
      `Contents ${'.'.repeat(20000)} 3`,
      `${'['.repeat(5000)}x`,
      `Doe, ${'A. '.repeat(5000)}x (2019). Title.`,
      `${'a'.repeat(20000)} b-`,
      `${', '.repeat(5000)}et al`,
      `${'x'.repeat(20000)}@`,
    ].join('\n\n');
    const start = performance.now();
    importText(`${nasty}\n\nREFERENCES\n\n${nasty}\n`, { source: 'nasty.txt' });
    expect(performance.now() - start).toBeLessThan(5000);
  });
});

describe('public surface', () => {
  it('exports the importer API and nothing more', () => {
    expect(Object.keys(importer).sort()).toEqual([
      'NOTE_PREFIX', 'assignKeys', 'baseKey', 'findReferenceSection', 'fromBibtex', 'importText', 'normaliseDoi',
      'parseReference', 'parseReferenceList', 'repairText', 'splitReferences', 'toBibtex',
    ]);
  });
});

describe('concordance import', () => {
  async function quietly(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const write = process.stdout.write.bind(process.stdout);
    const writeErr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => ((err += chunk), true)) as typeof process.stderr.write;
    try {
      return { code: await runImport(argv), out, err };
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeErr;
    }
  }

  it('writes the paper and its bibliography, prints counts and warnings, and is byte-identical on a rerun', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'concordance-import-'));
    try {
      const input = join(dir, 'paper.txt');
      writeFileSync(input, PAPER.replace('https://doi.org/10.1234/cw.2021.7.', '<https://doi-doi.org/101234/cw>'));
      const args = [input, '--out-papers', join(dir, 'p'), '--out-bibliography', join(dir, 'b'), '--id', 'coastal'];
      const first = await quietly(args);
      expect(first.code).toBe(0);
      expect(first.out).toContain('references: 2/2 parsed; 2 with author, 2 with year, 2 with title');
      expect(first.out).toMatch(/paper\.txt:11:7 warning DOI/u);
      const md = readFileSync(join(dir, 'p', 'coastal.md'), 'utf8');
      const bib = readFileSync(join(dir, 'b', 'coastal.bib'), 'utf8');
      await quietly(args);
      expect(readFileSync(join(dir, 'p', 'coastal.md'), 'utf8')).toBe(md);
      expect(readFileSync(join(dir, 'b', 'coastal.bib'), 'utf8')).toBe(bib);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses --id with several files, and explains itself on --help', async () => {
    expect((await quietly(['a.txt', 'b.txt', '--id', 'x'])).code).toBe(2);
    expect((await quietly([])).code).toBe(2);
    const help = await quietly(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--out-bibliography');
  });
});
