// On-disk caches between builds: extraction results by content hash, and small string maps (formatted references).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Write then rename, so a reader never sees half a file (builds may run side by side). */
export function writeAtomic(file: string, content: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

export function hashOf(...parts: Array<string | Uint8Array>): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
}

/** Hash of every file in a folder (sorted by name): a code version that changes when the code does. */
export function folderVersion(dir: string): string {
  if (!existsSync(dir)) return 'missing';
  const h = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.ts')) continue;
    h.update(name).update(readFileSync(path.join(dir, name)));
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * Hash of installed packages' `package.json` files (their versions): a cache's results depend on the libraries that
 * produce them as much as on our code. A package that cannot be found counts as `missing`.
 */
export function packagesVersion(root: string, names: string[]): string {
  const h = createHash('sha256');
  for (const name of names) {
    h.update(name).update('\u0000');
    try {
      h.update(readFileSync(path.join(root, 'node_modules', name, 'package.json')));
    } catch {
      h.update('missing');
    }
  }
  return h.digest('hex').slice(0, 16);
}

/** A JSON value per key, one file each (values are large; only misses are written). */
export interface EntryCache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  /** True when the cache certainly holds nothing (a first build): every lookup would miss. */
  empty?(): boolean;
}

export function fileCache<T>(dir: string): EntryCache<T> {
  const file = (key: string) => path.join(dir, key.slice(0, 2), key + '.json');
  return {
    get(key) {
      try {
        return JSON.parse(readFileSync(file(key), 'utf8')) as T;
      } catch {
        return undefined;
      }
    },
    empty() {
      try {
        return readdirSync(dir).length === 0;
      } catch {
        return true; // no folder yet
      }
    },
    set(key, value) {
      try {
        const f = file(key);
        mkdirSync(path.dirname(f), { recursive: true });
        writeAtomic(f, JSON.stringify(value));
      } catch {
        // A cache that cannot be written only costs time.
      }
    },
  };
}

/** A string map kept in one JSON file: read once, written back when it changed. */
export interface MapCache {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  save(): void;
}

export function mapCache(file: string | null): MapCache {
  let map: Record<string, string> = {};
  if (file) {
    try {
      map = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      map = {};
    }
  }
  let changed = false;
  return {
    get: (key) => (Object.hasOwn(map, key) ? map[key] : undefined),
    set: (key, value) => {
      if (map[key] === value) return;
      map[key] = value;
      changed = true;
    },
    save: () => {
      if (!file || !changed) return;
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeAtomic(file, JSON.stringify(map));
        changed = false;
      } catch {
        // Only costs time on the next build.
      }
    },
  };
}
