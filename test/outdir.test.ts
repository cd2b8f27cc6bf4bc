// The previous build's output (src/site/outdir.ts): moved aside at once, deleted in the background, fragments kept for Pagefind.
import { describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dropStale, moveAside, recordOutput, trustedOutput } from '../src/site/outdir.ts';
import { filesOf, repo } from './helpers/site.ts';

function tree(root: string, files: string[]): void {
  for (const f of files) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    writeFileSync(path.join(root, f), f);
  }
}

/** A fresh folder under test/.tmp with an output folder and a cache folder in it. */
function folders(name: string): { base: string; out: string; scratch: string } {
  const base = path.join(repo, 'test/.tmp', name);
  rmSync(base, { recursive: true, force: true });
  return { base, out: path.join(base, 'dist'), scratch: path.join(base, 'cache') };
}

describe('moveAside', () => {
  it('empties the output folder but for .git, keeps the Pagefind fragments until removed, then leaves nothing behind', async () => {
    const { out, scratch } = folders('outdir');
    tree(out, ['index.html', 'papers/a/index.html', '.git/HEAD', 'pagefind/pagefind.js', 'pagefind/fragment/en_1.pf_fragment', 'pagefind/index/en_2.pf_index']);
    const old = moveAside(out, scratch);
    expect(readdirSync(out)).toEqual(['.git']);
    expect(old.fragments).not.toBeNull();
    expect(readdirSync(old.fragments!)).toEqual(['en_1.pf_fragment']);
    await old.remove();
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('does nothing to an output folder that does not exist, and clears what an interrupted build left over an hour ago', async () => {
    const { base, scratch } = folders('outdir-leftovers');
    tree(scratch, ['old-output-1-1/index.html', 'old-output-2-2/index.html', 'extractions/x.json']);
    const hoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(path.join(scratch, 'old-output-1-1'), hoursAgo, hoursAgo);
    const old = moveAside(path.join(base, 'dist'), scratch);
    expect(old.fragments).toBeNull();
    await old.remove();
    expect(existsSync(path.join(base, 'dist'))).toBe(false);
    expect(readdirSync(scratch).sort()).toEqual(['extractions', 'old-output-2-2']);
  });
});

describe('moveAside with an odd old output', () => {
  it('keeps no fragments when `pagefind` is a file, and still removes everything', async () => {
    const { out, scratch } = folders('outdir-odd');
    tree(out, ['index.html', 'pagefind']);
    const old = moveAside(out, scratch);
    expect(old.fragments).toBeNull();
    expect(readdirSync(out)).toEqual([]);
    await old.remove();
    expect(readdirSync(scratch)).toEqual([]);
  });
});

describe('keeping the last finished build\'s pages in place', () => {
  const pages = ['index.html', 'papers/a/index.html', 'papers/a/cite.bib', 'papers/b/index.html', 'works/x/index.html'];
  const others = ['_astro/site.123.css', 'favicon.svg', 'pagefind/pagefind.js', 'pagefind/fragment/en_1.pf_fragment', 'papers/a/stray.txt'];

  /** A finished build: its pages and other files written, Astro's manifest written, the record made. */
  function finished(name: string) {
    const dirs = folders(name);
    const manifest = path.join(dirs.base, 'incremental-build.json');
    tree(dirs.out, [...pages, ...others, '.git/HEAD']);
    writeFileSync(manifest, '{}');
    recordOutput(dirs.out, dirs.scratch, manifest, new Set(pages));
    return { ...dirs, manifest };
  }

  it('keeps the recorded pages where they are and moves everything else aside, the Pagefind fragments kept for reuse', async () => {
    const { out, scratch, manifest } = finished('outdir-keep');
    const trusted = trustedOutput(out, scratch, manifest);
    expect([...trusted].sort()).toEqual([...pages].sort());
    const old = moveAside(out, scratch, trusted);
    expect([...old.kept].sort()).toEqual([...pages].sort());
    expect(filesOf(out)).toEqual([...pages, '.git/HEAD'].sort());
    expect(readdirSync(old.fragments!)).toEqual(['en_1.pf_fragment']);
    await old.remove();
    expect(readdirSync(scratch)).toEqual([]); // the record too: read once
  });

  it('trusts nothing once read, nor after a build that did not finish', () => {
    const { out, scratch, manifest } = finished('outdir-once');
    expect(trustedOutput(out, scratch, manifest).size).toBe(pages.length);
    expect(trustedOutput(out, scratch, manifest).size).toBe(0);
  });

  it('does not trust a page changed since, nor any page once Astro\'s manifest changed or for another output folder', () => {
    let f = finished('outdir-changed');
    appendFileSync(path.join(f.out, 'papers/b/index.html'), 'edited');
    const later = new Date(Date.now() + 5000);
    utimesSync(path.join(f.out, 'works/x/index.html'), later, later); // same bytes, touched: not known to be the same
    expect([...trustedOutput(f.out, f.scratch, f.manifest)].sort()).toEqual(['index.html', 'papers/a/cite.bib', 'papers/a/index.html']);

    f = finished('outdir-changed');
    writeFileSync(f.manifest, '{"another":"build"}');
    expect(trustedOutput(f.out, f.scratch, f.manifest).size).toBe(0);

    f = finished('outdir-changed');
    expect(trustedOutput(path.join(f.base, 'elsewhere'), f.scratch, f.manifest).size).toBe(0);

    f = finished('outdir-changed');
    rmSync(f.manifest);
    expect(trustedOutput(f.out, f.scratch, f.manifest).size).toBe(0);
  });

  it('drops the kept pages the new build did not produce, and the folders that leaves empty', () => {
    const { out, scratch, manifest } = finished('outdir-stale');
    const old = moveAside(out, scratch, trustedOutput(out, scratch, manifest));
    const written = new Set(['index.html', 'papers/a/index.html', 'papers/a/cite.bib', 'papers/c/index.html']);
    tree(out, ['papers/c/index.html']);
    expect(dropStale(out, old.kept, written)).toBe(2);
    expect(filesOf(out)).toEqual(['.git/HEAD', 'index.html', 'papers/a/cite.bib', 'papers/a/index.html', 'papers/c/index.html']);
    expect(existsSync(path.join(out, 'works'))).toBe(false);
    expect(existsSync(path.join(out, 'papers/b'))).toBe(false);
    recordOutput(out, scratch, manifest, written);
    expect([...trustedOutput(out, scratch, manifest)].sort()).toEqual([...written].sort());
    expect(readFileSync(path.join(out, 'papers/c/index.html'), 'utf8')).toBe('papers/c/index.html');
  });
});
