// Test helper: build a real site (root or under a base path) once per input state, and serve it over HTTP on loopback.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const repo = path.resolve(import.meta.dirname, '../..');
const tmp = path.join(repo, 'test/.tmp');

function* files(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) yield* files(abs);
    else yield abs;
  }
}

/** Every file under `dir` (none if it does not exist), relative to it with `/`, sorted. */
export function filesOf(dir: string): string[] {
  return [...files(dir)].map((f) => path.relative(dir, f).split(path.sep).join('/')).sort();
}

/** Hash of everything a build reads, so an unchanged input reuses the last build. */
function inputHash(root: string, base: string): string {
  const h = createHash('sha256').update(base).update(root);
  for (const d of ['src', 'papers', 'bibliography', 'public']) for (const f of files(path.join(root, d))) h.update(f).update(readFileSync(f));
  for (const f of ['astro.config.mjs', 'package-lock.json']) if (existsSync(path.join(root, f))) h.update(readFileSync(path.join(root, f)));
  return h.digest('hex').slice(0, 16);
}

export interface BuildOptions {
  /** Project root (default: the repo). A fixture root must have its own astro.config.mjs or use the repo's. */
  root?: string;
  base?: string;
  /** Name of the output folder under test/.tmp. */
  name: string;
  env?: Record<string, string>;
  /** Force a fresh build even when the inputs did not change. */
  fresh?: boolean;
  /** Build again into the existing output and cache (Astro's incremental build restores unchanged pages). */
  incremental?: boolean;
}

/** Build the site with `astro build` in a child process; returns the output directory and what the build printed. */
export function buildSite(options: BuildOptions): { dir: string; log: string } {
  const root = options.root ?? repo;
  const base = options.base ?? '/';
  const dir = path.join(tmp, options.name);
  const stamp = path.join(dir, '.build-stamp');
  const hash = inputHash(root, base);
  if (!options.fresh && !options.incremental && existsSync(stamp) && readFileSync(stamp, 'utf8').split('\n')[0] === hash) {
    return { dir, log: readFileSync(stamp, 'utf8').split('\n').slice(1).join('\n') };
  }
  if (!options.incremental) rmSync(dir, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const run = spawnSync(process.execPath, [path.join(repo, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', root, '--outDir', dir, '--base', base], {
    cwd: root,
    env: { ...cleanEnv(), ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', CONCORDANCE_CACHE_DIR: `${dir}-cache`, ...options.env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  // Astro prints errors (bad input among them) on stderr: the log holds both streams.
  const log = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.status !== 0) {
    throw Object.assign(new Error(`astro build failed (${run.status ?? run.signal})\n${run.stderr ?? ''}`), { status: run.status, stdout: run.stdout, stderr: run.stderr });
  }
  writeFileSync(stamp, hash + '\n' + log);
  return { dir, log };
}

/** The environment without what vitest injects (BASE_URL, MODE, …), which would leak into Astro's import.meta.env. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|TEST|VITEST.*)$/.test(k)) delete env[k];
  return env;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.pagefind': 'application/octet-stream', '.pf_meta': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream', '.pf_index': 'application/octet-stream', '.pf_filter': 'application/octet-stream',
};

/** Serve `dir` at `base` on 127.0.0.1 (files land at the root of outDir whatever the base, as Astro writes them). */
export async function serve(dir: string, base = '/'): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let p = decodeURIComponent(url.pathname);
    if (!p.startsWith(base)) {
      res.writeHead(404).end('outside base');
      return;
    }
    p = '/' + p.slice(base.length);
    let file = path.join(dir, p);
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}${base}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
