// The loaders in `astro dev` (src/loader.ts): an edited paper shows on its page without restarting the server.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { repo } from './helpers/site.ts';

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('astro dev', () => {
  it('reloads a paper after its file changes', async () => {
    const work = path.join(repo, 'test/.tmp/dev-corpus');
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    cpSync(path.join(repo, 'papers'), path.join(work, 'papers'), { recursive: true });
    cpSync(path.join(repo, 'bibliography'), path.join(work, 'bibliography'), { recursive: true });
    const port = 4400 + Math.floor(Math.random() * 500);
    const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', CONCORDANCE_PAPERS: path.join(work, 'papers'), CONCORDANCE_BIBLIOGRAPHY: path.join(work, 'bibliography'), CONCORDANCE_CACHE_DIR: `${work}-cache` };
    for (const k of Object.keys(env)) if (/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|TEST|VITEST.*)$/.test(k)) delete env[k];
    const server = spawn(process.execPath, [path.join(repo, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(port), '--host', '127.0.0.1'], { cwd: repo, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    server.stdout.on('data', (d) => (log += d));
    server.stderr.on('data', (d) => (log += d));
    const page = `http://127.0.0.1:${port}/papers/nature-of-child-sex-trafficking/`;
    const fetchPage = async () => {
      const res = await fetch(page);
      return res.ok ? await res.text() : null;
    };
    try {
      const before = await until('the dev server', 120_000, fetchPage);
      const added = 'Reviewers added this sentence while the server was running.';
      expect(before).not.toContain(added);
      appendFileSync(path.join(work, 'papers/nature-of-child-sex-trafficking.md'), `\n${added}\n`);
      const after = await until('the edited paper', 60_000, async () => {
        const html = await fetchPage();
        return html?.includes(added) ? html : null;
      });
      expect(after).toContain(added);
      expect(log).toMatch(/Reloaded after a change to .*nature-of-child-sex-trafficking\.md/);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- dev server log ---\n${log}`);
    } finally {
      try {
        process.kill(-server.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }, 240_000);
});
