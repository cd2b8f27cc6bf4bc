// The previous build's output (src/site/outdir.ts): moved aside at once, deleted in the background, fragments kept for Pagefind.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { moveAside } from '../src/site/outdir.ts';
import { repo } from './helpers/site.ts';

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
