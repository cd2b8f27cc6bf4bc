// The previous build's output: moved out of the way at the start of a build (a rename each), removed in the background.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface OldOutput {
  /** The previous build's Pagefind fragments, kept for Pagefind to reuse (see `indexSite`), or null. */
  fragments: string | null;
  /** Removes what is left of the old output (the fragments too, if still there); resolves when it is gone. */
  remove(): Promise<void>;
}

const PREFIX = 'old-output-';

/**
 * Empty `outDir` as Astro would (all but `.git`), but by moving its entries into `scratch` (a folder on the same disk,
 * beside Astro's cache) and deleting them in the background: deleting the 8,000 pages of a 1,000-paper site took
 * Astro's synchronous emptying about 4 s at the start of every rebuild, with the build waiting. An entry that cannot
 * be moved (another disk) is deleted here and now, as Astro does.
 */
export function moveAside(outDir: string, scratch: string): OldOutput {
  const entries = existsSync(outDir) ? readdirSync(outDir).filter((name) => name !== '.git') : [];
  const doomed = leftovers(scratch);
  let trash: string | null = null;
  if (entries.length) {
    trash = path.join(scratch, `${PREFIX}${process.pid}-${Date.now()}`);
    mkdirSync(trash, { recursive: true });
    for (const name of entries) {
      const from = path.join(outDir, name);
      try {
        renameSync(from, path.join(trash, name));
      } catch {
        rmSync(from, { recursive: true, force: true, maxRetries: 3 });
      }
    }
  }
  const fragments = trash && isFolder(path.join(trash, 'pagefind', 'fragment')) ? path.join(trash, 'pagefind', 'fragment') : null;
  if (trash) {
    // Everything but the fragments goes now; they stay until Pagefind has taken what it reuses.
    for (const name of readdirSync(trash)) {
      if (name === 'pagefind' && fragments) {
        for (const inner of readdirSync(path.join(trash, name))) if (inner !== 'fragment') doomed.push(path.join(trash, name, inner));
      } else doomed.push(path.join(trash, name));
    }
  }
  const started = remove(doomed);
  return {
    fragments,
    async remove() {
      await started;
      if (trash) await remove([trash]);
    },
  };
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Old-output folders of earlier builds that did not finish (killed, crashed), left for an hour in case one is running. */
function leftovers(scratch: string): string[] {
  if (!existsSync(scratch)) return [];
  const hourAgo = Date.now() - 3600_000;
  return readdirSync(scratch)
    .filter((name) => {
      try {
        return name.startsWith(PREFIX) && statSync(path.join(scratch, name)).mtimeMs < hourAgo;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map((name) => path.join(scratch, name));
}

/**
 * Delete, asynchronously; a failure only leaves a folder in the cache. Where there is `rm`, in one child process at
 * low priority: Node's own recursive delete runs on the thread pool the build reads and writes through, and slowed it.
 */
function remove(targets: string[]): Promise<void> {
  if (targets.length === 0) return Promise.resolve();
  const inNode = () => Promise.all(targets.map((t) => rm(t, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined))).then(() => undefined);
  if (process.platform === 'win32') return inNode();
  return new Promise<void>((resolve) => {
    const child = spawn('nice', ['-n', '19', 'rm', '-rf', '--', ...targets], { stdio: 'ignore' });
    child.on('error', () => inNode().then(resolve));
    child.on('exit', () => resolve());
  });
}
