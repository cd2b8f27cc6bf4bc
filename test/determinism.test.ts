// Determinism: two fresh builds of the default corpus give byte-identical sites; two extractions give identical corpus.json.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSite, filesOf as allFiles, repo } from './helpers/site.ts';

/** Every file under `dir`, relative to it, sorted; `.build-stamp` (the test helper's own note) left out. */
const filesOf = (dir: string): string[] => allFiles(dir).filter((f) => path.basename(f) !== '.build-stamp');

describe('two fresh builds of the default corpus', () => {
  it('write the same files with the same bytes', () => {
    // Fresh means cold too: no cache from an earlier run (the helper keeps one beside each output folder).
    for (const name of ['det-a', 'det-b']) rmSync(path.join(repo, 'test/.tmp', `${name}-cache`), { recursive: true, force: true });
    const a = buildSite({ name: 'det-a', fresh: true }).dir;
    const b = buildSite({ name: 'det-b', fresh: true }).dir;
    const files = filesOf(a);
    expect(files.length).toBeGreaterThan(50);
    expect(filesOf(b)).toEqual(files);
    const differ = files.filter((f) => !readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f))));
    expect(differ).toEqual([]);
  }, 600_000);
});

describe('an incremental rebuild after one paper changed and another was removed', () => {
  it('keeps or restores unchanged pages, drops the removed paper\'s, and writes the same files as a fresh build', () => {
    const work = path.join(repo, 'test/.tmp/incremental-corpus');
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    cpSync(path.join(repo, 'papers'), path.join(work, 'papers'), { recursive: true });
    cpSync(path.join(repo, 'bibliography'), path.join(work, 'bibliography'), { recursive: true });
    const env = { CONCORDANCE_PAPERS: path.join(work, 'papers'), CONCORDANCE_BIBLIOGRAPHY: path.join(work, 'bibliography') };
    for (const name of ['inc-a', 'inc-b']) rmSync(path.join(repo, 'test/.tmp', `${name}-cache`), { recursive: true, force: true });
    const first = buildSite({ name: 'inc-a', env, fresh: true }).dir;
    const papers = readdirSync(path.join(work, 'papers')).sort();
    const [changed, removed, untouched] = [papers[0], papers[papers.length - 1], papers[1]];
    const edited = path.join(work, 'papers', changed);
    writeFileSync(edited, readFileSync(edited, 'utf8').replace(/\n\n([A-Z][^\n]*?\.)\n/, '\n\n$1 Governments should fund shelters for survivors.\n'));
    rmSync(path.join(work, 'papers', removed));
    const gone = `papers/${removed.replace(/\.md$/, '')}/index.html`;
    expect(existsSync(path.join(first, gone))).toBe(true);
    // A page the rebuild would keep as it is, edited by hand in between: no longer what the last build wrote.
    const tampered = path.join(first, 'papers', untouched.replace(/\.md$/, ''), 'cite.bib');
    writeFileSync(tampered, readFileSync(tampered, 'utf8') + '% edited by hand\n');
    const rebuilt = buildSite({ name: 'inc-a', env, incremental: true });
    const freshBuild = buildSite({ name: 'inc-b', env, fresh: true });
    const fresh = freshBuild.dir;
    expect(rebuilt.log).toContain('(cached)'); // kept in place
    // The fresh build indexes its searchable pages while the others render; the rebuild, which renders only some of
    // them, indexes the output afterwards: the two ways must give the same search index.
    expect(freshBuild.log).toMatch(/Pagefind indexed \d+ pages in [\d.]+ s, while the other pages rendered/);
    expect(rebuilt.log).toMatch(/Pagefind indexed \d+ pages in [\d.]+ s(?!, while)/);
    expect(rebuilt.log).toContain('(restored)'); // the tampered page, copied from Astro's cache
    const files = filesOf(fresh);
    expect(files).not.toContain(gone);
    expect(filesOf(rebuilt.dir)).toEqual(files);
    expect(files.filter((f) => !readFileSync(path.join(rebuilt.dir, f)).equals(readFileSync(path.join(fresh, f))))).toEqual([]);
    expect(readFileSync(path.join(fresh, 'papers', changed.replace(/\.md$/, ''), 'index.html'), 'utf8')).toContain('Governments should fund shelters');
  }, 600_000);
});

describe('`concordance extract` run twice', () => {
  it('writes the same corpus.json', () => {
    const dir = path.join(repo, 'test/.tmp/det-extract');
    mkdirSync(dir, { recursive: true });
    const run = (out: string) =>
      execFileSync(process.execPath, [path.join(repo, 'src/cli/main.ts'), 'extract', '--quiet', '--out', out], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    run(path.join(dir, 'a.json'));
    run(path.join(dir, 'b.json'));
    expect(existsSync(path.join(dir, 'a.json'))).toBe(true);
    const a = readFileSync(path.join(dir, 'a.json'));
    expect(a.length).toBeGreaterThan(1000);
    expect(a.equals(readFileSync(path.join(dir, 'b.json')))).toBe(true);
  }, 120_000);
});
