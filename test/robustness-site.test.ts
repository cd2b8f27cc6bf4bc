// The bad corpus built with the repo's site: the build goes on past every bad input, names each with its position,
// ends with a summary of what it skipped, and fails only under CONCORDANCE_STRICT=1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildSite, repo } from './helpers/site.ts';
import { prepareBadCorpus, type PreparedCorpus, filesUnder } from './helpers/corpora.ts';
import type { CorpusIndex } from '../src/lib/types.ts';

let corpus: PreparedCorpus;
let dist = '';
let log = '';
let index: CorpusIndex;

beforeAll(() => {
  corpus = prepareBadCorpus('bad-corpus-site-input');
  ({ dir: dist, log } = buildSite({ name: 'bad-corpus-site', env: corpus.env, fresh: true }));
  index = JSON.parse(readFileSync(path.join(dist, 'corpus.json'), 'utf8')) as CorpusIndex;
}, 300_000);

// The 50 MB paper has served its purpose; test/.tmp need not keep it.
afterAll(() => rmSync(path.join(corpus.dir, 'papers/huge.md'), { force: true }));

describe('building the bad corpus', () => {
  it('ends with a summary line counting the skipped papers and BibTeX entries', () => {
    expect(log).toMatch(/15 papers, 6 skipped; 3 BibTeX entries skipped; \d+ errors, \d+ warnings/);
  });

  it('prints each problem with its position, a one-line message and its code', () => {
    for (const line of [
      '4:1 error Invalid YAML front matter: Flow sequence in block collection must be sufficiently indented and end with a ] [frontmatter-yaml]',
      '1:1 error Paper file is empty; left out [paper-empty]',
      '1:1 error Paper is not text (binary or not UTF-8); left out [paper-binary]',
      '1:1 warning Folder has 2 Markdown files and no paper.md; none read [paper-folder-ambiguous]',
      '1:1 error Paper is 50.0 MB, over the 20 MB limit; left out [paper-too-large]',
      '7:1 error Duplicate key `twice1999` (first defined on line 1); this entry skipped [bibtex-duplicate-key]',
      '1:1 error Unclosed `@article` entry: a brace is missing; entry skipped [bibtex-unclosed]',
    ]) expect(log).toContain(line);
    expect(log).toContain(`${corpus.papers}/empty.md`);
  });

  it('puts every paper file in the site or names it in the build log', () => {
    const files = filesUnder(path.join(corpus.dir, 'papers'));
    const pages = new Map(index.papers.map((p) => [p.file, path.join(dist, 'papers', p.id, 'index.html')]));
    const missing = files.filter((f) => {
      const page = pages.get(f);
      if (page) return !existsSync(page);
      return !log.includes(f) && !log.includes(path.dirname(f));
    });
    expect(missing).toEqual([]);
    expect(index.papers).toHaveLength(15);
  });

  it('builds pages for the papers whose ids were made safe, inside dist/', () => {
    for (const id of ['good', 'etc-passwd', 'etc-passwd-2', 'same-id', 'same-id-2', 'deep-lists', 'many-citations']) {
      expect(existsSync(path.join(dist, 'papers', id, 'index.html')), id).toBe(true);
    }
    const hashed = index.papers.filter((p) => /^paper-[0-9a-f]{8}$/.test(p.id));
    expect(hashed).toHaveLength(2);
  });

  it('shows the sound paper whole', () => {
    const html = readFileSync(path.join(dist, 'papers/good/index.html'), 'utf8');
    expect(html).toContain('A sound paper among broken ones');
    expect(html).toContain('Governments should fund more engines.');
  });

  it('renders the 200 levels of the nested list', () => {
    const html = readFileSync(path.join(dist, 'papers/deep-lists/index.html'), 'utf8');
    expect(html.match(/<ul>/g)?.length).toBeGreaterThanOrEqual(200);
    expect(html).toContain('level 200');
  });
});

describe('CONCORDANCE_STRICT=1', () => {
  it('makes the build of a corpus with errors fail, saying why', () => {
    let failure: { status?: number; stderr?: string; stdout?: string } | null = null;
    try {
      buildSite({ name: 'bad-corpus-strict', env: { ...corpus.env, CONCORDANCE_STRICT: '1' }, fresh: true });
    } catch (e) {
      failure = e as typeof failure;
    }
    expect(failure, 'the build succeeded').not.toBeNull();
    expect(failure!.status).not.toBe(0);
    expect(`${failure!.stdout}${failure!.stderr}`).toMatch(/CONCORDANCE_STRICT is set and the corpus has errors \(15 papers, 6 skipped; 3 BibTeX entries skipped/);
  }, 300_000);
});
