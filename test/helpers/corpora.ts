// Test helper: copies a fixture corpus into test/.tmp and adds the inputs that are generated rather than committed.
import { cpSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { repo } from './site.ts';

export interface PreparedCorpus {
  /** Absolute folder holding `papers/` and `bibliography/`. */
  dir: string;
  /** Paths relative to the repo, as `readCorpus({ root: repo })`, the CLI and the CONCORDANCE_* variables take them. */
  papers: string;
  bibliography: string;
  /** The environment that builds this corpus with the repo's site. */
  env: Record<string, string>;
}

function prepare(fixture: string, name: string, generate: (papers: string) => void): PreparedCorpus {
  const dir = path.join(repo, 'test/.tmp', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(repo, 'test/fixtures', fixture), dir, { recursive: true });
  generate(path.join(dir, 'papers'));
  const papers = path.relative(repo, path.join(dir, 'papers'));
  const bibliography = path.relative(repo, path.join(dir, 'bibliography'));
  return { dir, papers, bibliography, env: { CONCORDANCE_PAPERS: papers, CONCORDANCE_BIBLIOGRAPHY: bibliography } };
}

/** Size of the generated oversized paper. */
export const hugePaperBytes = 50 * 1024 * 1024;
/** Citations in the generated one-paragraph paper. */
export const manyCitations = 10_000;

/** The paragraph of the generated paper: `manyCitations` citations of four kinds, all to entries of the bad corpus. */
export function manyCitationsParagraph(n = manyCitations): string {
  const forms = [() => `(Lovelace, 1843)`, (i: number) => `[@babbage1864, p. ${(i % 300) + 1}]`, () => `Babbage (1864)`, () => `(Lovelace, 1843; Babbage, 1864)`];
  return Array.from({ length: n }, (_, i) => forms[i % forms.length](i)).join(' and ');
}

/** test/fixtures/bad-corpus plus a 50 MB paper and a paragraph of 10,000 citations (generated, never committed). */
export function prepareBadCorpus(name: string): PreparedCorpus {
  return prepare('bad-corpus', name, (papers) => {
    writeFileSync(
      path.join(papers, 'many-citations.md'),
      `---\ntitle: Ten thousand citations in one paragraph\nyear: 2024\nbibliography: ../bibliography/references.bib\n---\n\nThis paragraph cites ${manyCitationsParagraph()}.\n`,
    );
    // Written in blocks: a 50 MB string is not needed to make a 50 MB file.
    const fd = openSync(path.join(papers, 'huge.md'), 'w');
    let written = writeSync(fd, '---\ntitle: A 50 MB paper\n---\n\n');
    const block = Buffer.from('A sentence of a paper far too large to read (Lovelace, 1843). '.repeat(16384));
    while (written < hugePaperBytes) written += writeSync(fd, block, 0, Math.min(block.length, hugePaperBytes - written));
    closeSync(fd);
  });
}

/** test/fixtures/hostile-corpus plus a paper whose file name is a payload (kept out of git for other file systems' sake). */
export function prepareHostileCorpus(name: string): PreparedCorpus {
  return prepare('hostile-corpus', name, (papers) => {
    writeFileSync(
      path.join(papers, `"><img src=x onerror=window.__xss='filename'>.md`),
      '---\ntitle: A paper whose file name is a payload\nyear: 2024\n---\n\nIts id comes from its file name.\n',
    );
  });
}

/** Every file under `dir`, recursively, as paths relative to the repository, in sorted order. */
export function filesUnder(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = path.join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else files.push(path.relative(repo, abs));
    }
  };
  walk(dir);
  return files;
}
