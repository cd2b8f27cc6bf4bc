// Benchmark: extraction throughput without Astro, the full site build (pages + Pagefind) against a plain Astro site, a one-paper rebuild.
// Usage: node test/bench/bench.ts [--papers N] [--seed S] [--json FILE] [--sweep] [--no-plain] [--no-small]
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeCorpus } from './corpus.ts';
import { runPipelineParallel } from '../../src/lib/pipeline.ts';
import { readCorpus } from '../../src/lib/ingest/corpus.ts';
import { readKnowledge } from '../../src/lib/ingest/knowledge.ts';
import { extractPaper } from '../../src/lib/extract/index.ts';
import { indexSite } from '../../src/lib/search/pagefind.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const work = path.join(repo, 'test/.tmp/bench');
const astroBin = path.join(repo, 'node_modules/astro/bin/astro.mjs');
const registry = path.join(repo, 'src/data/instruments.yaml');

const { values: args } = parseArgs({
  options: {
    papers: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '42' },
    json: { type: 'string' },
    sweep: { type: 'boolean', default: false },
    'no-plain': { type: 'boolean', default: false },
    'no-small': { type: 'boolean', default: false },
  },
});
const seed = Number(args.seed);

interface BuildRun {
  seconds: number;
  cpuSeconds: number;
  peakRssMB: number;
  /** How much of the log had been printed when the peak was sampled (see `peakPhase`). */
  peakLogOffset: number;
  log: string;
}

/** The environment without what vitest injects (it would leak into Astro's import.meta.env). */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|TEST|VITEST.*)$/.test(k)) delete env[k];
  return { ...env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', ...extra };
}

/** user+sys of this process's reaped children, from /proc/self/stat (cutime, cstime), in seconds. */
function childrenCpu(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // fields 16 and 17 of proc(5), in clock ticks (USER_HZ = 100)
}

/** Resident memory of a process and all its descendants, in bytes. */
function treeRss(root: number): number {
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const m = /VmRSS:\s+(\d+) kB/.exec(status);
      if (m) total += Number(m[1]) * 1024;
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(' ').map(Number));
      }
    } catch {
      // The process ended between two reads.
    }
  }
  return total;
}

/** Run a Node child; wall time, CPU time of the whole tree, peak tree RSS polled every 100 ms. */
function runChild(argv: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<BuildRun> {
  return new Promise((resolve, reject) => {
    const cpuBefore = childrenCpu();
    const started = performance.now();
    const child = spawn(process.execPath, argv, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    let peak = 0;
    let peakLogOffset = 0;
    const poll = setInterval(() => {
      const rss = treeRss(child.pid!);
      if (rss > peak) [peak, peakLogOffset] = [rss, log.length];
    }, 100);
    child.on('exit', (code) => {
      clearInterval(poll);
      const seconds = (performance.now() - started) / 1000;
      writeFileSync(logFile, log);
      // cutime is updated when the child is reaped, which has happened by 'exit'.
      setImmediate(() => {
        if (code !== 0) reject(new Error(`${argv.join(' ')} exited with ${code}; log in ${logFile}\n${log.slice(-3000)}`));
        else resolve({ seconds, cpuSeconds: childrenCpu() - cpuBefore, peakRssMB: peak / 2 ** 20, peakLogOffset, log });
      });
    });
  });
}

/**
 * How long this machine takes to hand a process 1 GiB of new memory (a child fills sixteen 64 MiB buffers). Builds
 * allocate gigabytes, so when new memory is slow to come by (page faults that the kernel or the hypervisor makes
 * costly) every build here is slower, the plain one included: the runs are only comparable with this figure beside them.
 */
function memoryProbe(): { seconds: number; cpuSeconds: number } {
  const cpuBefore = childrenCpu();
  const started = performance.now();
  spawnSync(process.execPath, ['-e', 'const a = []; for (let i = 0; i < 16; i++) a.push(Buffer.alloc(64 * 2 ** 20, 1));'], { stdio: 'ignore' });
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: childrenCpu() - cpuBefore };
}

function* htmlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) yield* htmlFiles(abs);
    else if (name.endsWith('.html')) yield abs;
  }
}

function duBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const name of readdirSync(dir)) {
    const abs = path.join(dir, name);
    const s = statSync(abs);
    n += s.isDirectory() ? duBytes(abs) : s.size;
  }
  return n;
}

function pages(dist: string): { count: number; largest: { file: string; bytes: number } } {
  let count = 0;
  let largest = { file: '', bytes: 0 };
  for (const f of htmlFiles(dist)) {
    count++;
    const bytes = statSync(f).size;
    if (bytes > largest.bytes) largest = { file: path.relative(dist, f), bytes };
  }
  return { count, largest };
}

/** A corpus folder per N (regenerated only when missing: same N and seed give the same bytes). */
function corpusDir(n: number): { dir: string; markdownBytes: number } {
  const dir = path.join(work, `n${n}-s${seed}`);
  const stamp = path.join(dir, '.corpus-stamp');
  if (existsSync(stamp)) return { dir, markdownBytes: Number(readFileSync(stamp, 'utf8')) };
  const { markdownBytes } = writeCorpus({ papers: n, seed, dir, registry });
  writeFileSync(stamp, String(markdownBytes));
  return { dir, markdownBytes };
}

async function extraction(n: number) {
  const { dir, markdownBytes } = corpusDir(n);
  const options = { root: repo, papers: path.join(dir, 'papers'), bibliography: path.join(dir, 'bibliography') };
  // The whole pipeline, cold (no extraction cache), workers when the corpus is large.
  const stages: Record<string, number> = {};
  let t = performance.now();
  const result = await runPipelineParallel({ ...options, onStage: (stage, ms) => (stages[stage] = ms / 1000) });
  const pipelineSeconds = (performance.now() - t) / 1000;
  const idx = result.value.index;
  // The extract stage alone, single-threaded.
  const corpus = readCorpus(options).value;
  const knowledge = readKnowledge({ root: repo, instruments: 'src/data/instruments.yaml', themes: 'src/data/themes.yaml' }).value;
  t = performance.now();
  for (const p of corpus.papers) extractPaper({ paper: p.meta.id, body: p.body }, knowledge);
  const extractSeconds = (performance.now() - t) / 1000;
  return {
    pipelineSeconds,
    papersPerSecond: n / pipelineSeconds,
    megabytesPerSecond: markdownBytes / 1e6 / pipelineSeconds,
    extractOnlyPapersPerSecond: n / extractSeconds,
    markdownMB: markdownBytes / 1e6,
    stages,
    counts: { works: idx.works.length, citations: idx.citations.length, instruments: idx.instruments.length, statistics: idx.statistics.length, recommendations: idx.recommendations.length, findings: idx.findings.length },
  };
}

/**
 * The build phase a log printed up to some point was in: content sync, Vite, pages, pages with Pagefind indexing the
 * searchable ones beside them, or Pagefind.
 */
function peakPhase(printed: string): string {
  if (!printed.includes('Synced content')) return 'content sync';
  const pages = printed.indexOf('generating static routes');
  if (pages < 0) return 'Vite';
  if (printed.includes('✓ Completed in', pages)) return 'Pagefind';
  return printed.includes('searchable pages for search in', pages) ? 'pages + Pagefind' : 'pages';
}

async function buildOurs(n: number, opts: { cold: boolean }) {
  const { dir } = corpusDir(n);
  const out = path.join(work, `n${n}-s${seed}-dist`);
  if (opts.cold) {
    rmSync(out, { recursive: true, force: true });
    // Cold: no extraction or formatting cache either (the loader keeps them in Astro's cacheDir).
    rmSync(path.join(repo, 'node_modules/.astro/concordance'), { recursive: true, force: true });
  }
  const env = cleanEnv({ CONCORDANCE_PAPERS: path.join(dir, 'papers'), CONCORDANCE_BIBLIOGRAPHY: path.join(dir, 'bibliography') });
  const argv = [astroBin, 'build', '--outDir', out, ...(opts.cold ? ['--force'] : [])];
  const run = await runChild(argv, env, path.join(work, `n${n}-build-${opts.cold ? 'cold' : 'warm'}.log`));
  const log = run.log.replace(/\x1b\[[0-9;]*m/g, '');
  const m = /Pagefind indexed (\d+) pages in ([\d.]+) s(?:, while the other pages rendered \(([\d.]+) s after them\))?/.exec(log);
  // Where the build's time went, from its log: the loader's own figures, then Astro's phase lines.
  const loader = /in ([\d.]+) s \(pipeline ([\d.]+) s, references formatted ([\d.]+) s\)/.exec(log);
  const dur = String.raw`(?:(\d+)m )?([\d.]+)(m?s)`;
  const synced = new RegExp(String.raw`\[build\] ✓ Completed in ${dur}\.[\s\S]*?\[vite\] ✓ built in ${dur}[\s\S]*?✓ Completed in ${dur}\.`).exec(log);
  const sec = (i: number) => (synced ? Number(synced[i] ?? 0) * 60 + (synced[i + 2] === 'ms' ? Number(synced[i + 1]) / 1000 : Number(synced[i + 1])) : NaN);
  const phases = {
    pipeline: loader ? Number(loader[2]) : NaN,
    formatting: loader ? Number(loader[3]) : NaN,
    contentSync: sec(1),
    vite: sec(4),
    pages: sec(7),
  };
  return { ...run, phases, peakPhase: peakPhase(run.log.slice(0, run.peakLogOffset).replace(/\x1b\[[0-9;]*m/g, '')), out, pagefindSeconds: m ? Number(m[2]) : NaN, pagefindAfterPagesSeconds: m ? Number(m[3] ?? m[2]) : NaN, pagefindPages: m ? Number(m[1]) : NaN, pagefindMB: duBytes(path.join(out, 'pagefind')) / 1e6, ...pages(out) };
}

/** The yardstick: a plain Astro site (glob loader, render(entry), an index page) over the same Markdown, indexed the same way. */
async function buildPlain(n: number) {
  const { dir } = corpusDir(n);
  const root = path.join(work, `plain-${n}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'src/pages'), { recursive: true });
  writeFileSync(path.join(root, 'astro.config.mjs'), `import { defineConfig } from 'astro/config';\nexport default defineConfig({ trailingSlash: 'always', build: { format: 'directory' } });\n`);
  writeFileSync(
    path.join(root, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nexport const collections = { papers: defineCollection({ loader: glob({ pattern: '*.md', base: ${JSON.stringify(path.join(dir, 'papers'))} }) }) };\n`,
  );
  writeFileSync(
    path.join(root, 'src/pages/[...id].astro'),
    `---\nimport { getCollection, render } from 'astro:content';\nexport async function getStaticPaths() { return (await getCollection('papers')).map((entry) => ({ params: { id: 'papers/' + entry.id }, props: { entry } })); }\nconst { entry } = Astro.props;\nconst { Content } = await render(entry);\n---\n<html lang="en"><head><meta charset="utf-8" /><title>{entry.data.title}</title></head><body><main data-pagefind-body><h1>{entry.data.title}</h1><Content /></main></body></html>\n`,
  );
  writeFileSync(
    path.join(root, 'src/pages/index.astro'),
    `---\nimport { getCollection } from 'astro:content';\nconst list = await getCollection('papers');\n---\n<html lang="en"><head><meta charset="utf-8" /><title>Papers</title></head><body><main><ul>{list.map((e) => <li><a href={'/papers/' + e.id + '/'}>{e.data.title}</a></li>)}</ul></main></body></html>\n`,
  );
  const out = path.join(root, 'dist');
  const run = await runChild([astroBin, 'build', '--root', root, '--outDir', out, '--force'], cleanEnv({}), path.join(work, `plain-${n}-build.log`));
  const t = performance.now();
  const indexed = await indexSite(out);
  const pagefindSeconds = (performance.now() - t) / 1000;
  return { buildSeconds: run.seconds, pagefindSeconds, seconds: run.seconds + pagefindSeconds, cpuSeconds: run.cpuSeconds, peakRssMB: run.peakRssMB, pages: indexed.pages };
}

/** Change one paper's body (append a sentence), rebuild into the same outDir with caches kept, then restore it. */
async function rebuildOne(n: number) {
  const { dir } = corpusDir(n);
  const file = path.join(dir, 'papers', readdirSync(path.join(dir, 'papers')).sort()[Math.floor(n / 2)]);
  const original = readFileSync(file, 'utf8');
  appendFileSync(file, '\nA sentence added for the rebuild benchmark notes that 12% of cases were reopened.\n');
  try {
    return await buildOurs(n, { cold: false });
  } finally {
    writeFileSync(file, original);
  }
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
/** Pagefind's time in our build: when it indexed beside the page phase, how much of it came after the pages. */
const pagefindTime = (r: { pagefindSeconds: number; pagefindAfterPagesSeconds: number }): string =>
  r.pagefindAfterPagesSeconds < r.pagefindSeconds ? `${f1(r.pagefindSeconds)} s beside the pages, ${f1(r.pagefindAfterPagesSeconds)} s after them` : `${f1(r.pagefindSeconds)} s`;

async function benchOne(n: number, options: { plain: boolean; small: boolean; rebuild: boolean }) {
  console.error(`[bench] N=${n}: corpus`);
  const corpus = corpusDir(n);
  console.error(`[bench] N=${n}: extraction (${(corpus.markdownBytes / 1e6).toFixed(1)} MB)`);
  const ex = await extraction(n);
  console.error(`[bench] N=${n}: build (cold)`);
  const ours = await buildOurs(n, { cold: true });
  const rebuild = options.rebuild ? (console.error(`[bench] N=${n}: rebuild after one paper changed`), await rebuildOne(n)) : null;
  const plain = options.plain ? (console.error(`[bench] N=${n}: plain Astro site`), await buildPlain(n)) : null;
  let marginal: { ours: number; plain: number } | null = null;
  if (options.small && n >= 100) {
    const small = Math.round(n / 10);
    console.error(`[bench] N=${small}: builds for the per-page marginal cost`);
    const oursSmall = await buildOurs(small, { cold: true });
    const plainSmall = options.plain ? await buildPlain(small) : null;
    marginal = { ours: (ours.seconds - oursSmall.seconds) / (0.9 * n), plain: plainSmall && plain ? (plain.seconds - plainSmall.seconds) / (0.9 * n) : NaN };
  }
  return {
    papers: n,
    markdownMB: ex.markdownMB,
    extractPapersPerSecond: ex.papersPerSecond,
    extractMegabytesPerSecond: ex.megabytesPerSecond,
    extractStageOnlyPapersPerSecond: ex.extractOnlyPapersPerSecond,
    pipelineSeconds: ex.pipelineSeconds,
    counts: ex.counts,
    buildSeconds: ours.seconds,
    buildCpuSeconds: ours.cpuSeconds,
    buildPeakRssMB: ours.peakRssMB,
    buildPeakPhase: ours.peakPhase,
    buildPhases: ours.phases,
    pipelineStages: ex.stages,
    pagefindSeconds: ours.pagefindSeconds,
    pagefindAfterPagesSeconds: ours.pagefindAfterPagesSeconds,
    pagefindIndexMB: ours.pagefindMB,
    pageCount: ours.count,
    largestPage: ours.largest.file,
    largestPageBytes: ours.largest.bytes,
    rebuildSeconds: rebuild?.seconds ?? NaN,
    rebuildRatio: rebuild ? rebuild.seconds / ours.seconds : NaN,
    plainSeconds: plain?.seconds ?? NaN,
    plainBuildSeconds: plain?.buildSeconds ?? NaN,
    plainPagefindSeconds: plain?.pagefindSeconds ?? NaN,
    plainCpuSeconds: plain?.cpuSeconds ?? NaN,
    plainPeakRssMB: plain?.peakRssMB ?? NaN,
    ratio: plain ? ours.seconds / plain.seconds : NaN,
    marginalSecondsPerPage: marginal?.ours ?? NaN,
    plainMarginalSecondsPerPage: marginal?.plain ?? NaN,
  };
}

type Row = Awaited<ReturnType<typeof benchOne>>;

function table(r: Row): string {
  const rows: Array<[string, string]> = [
    ['papers', String(r.papers)],
    ['Markdown', `${f1(r.markdownMB)} MB`],
    ['pipeline (ingest → check, workers), papers/s', `${f1(r.extractPapersPerSecond)} (${f2(r.extractMegabytesPerSecond)} MB/s, ${f1(r.pipelineSeconds)} s)`],
    ['extract stage alone, 1 thread, papers/s', f1(r.extractStageOnlyPapersPerSecond)],
    ['works / citations / instruments / statistics / recommendations / findings', `${r.counts.works} / ${r.counts.citations} / ${r.counts.instruments} / ${r.counts.statistics} / ${r.counts.recommendations} / ${r.counts.findings}`],
    ['pipeline stages, s', Object.entries(r.pipelineStages).map(([k, v]) => `${k} ${f1(v)}`).join(', ')],
    ['build, wall (pages + Pagefind)', `${f1(r.buildSeconds)} s`],
    ['build phases, s', `content sync ${f1(r.buildPhases.contentSync)} (pipeline ${f1(r.buildPhases.pipeline)}, CSL ${f1(r.buildPhases.formatting)}), Vite ${f1(r.buildPhases.vite)}, pages ${f1(r.buildPhases.pages)}, Pagefind ${pagefindTime(r)}`],
    ['build, CPU (user+sys)', `${f1(r.buildCpuSeconds)} s`],
    ['build, peak RSS', `${r.buildPeakRssMB.toFixed(0)} MB (during ${r.buildPeakPhase})`],
    ['Pagefind (in the build)', `${pagefindTime(r)}, index ${f1(r.pagefindIndexMB)} MB`],
    ['pages / largest', `${r.pageCount} / ${(r.largestPageBytes / 1024).toFixed(0)} KB (${r.largestPage})`],
    ['rebuild after one paper changed', `${f1(r.rebuildSeconds)} s (${f2(r.rebuildRatio)} × cold)`],
    ['plain Astro site, build + Pagefind', `${f1(r.plainSeconds)} s (${f1(r.plainBuildSeconds)} + ${f1(r.plainPagefindSeconds)}), CPU ${f1(r.plainCpuSeconds)} s, peak RSS ${Number.isFinite(r.plainPeakRssMB) ? r.plainPeakRssMB.toFixed(0) : 'n/a'} MB`],
    ['ratio ours / plain', f2(r.ratio)],
    ['marginal cost per page, ours / plain', `${(r.marginalSecondsPerPage * 1000).toFixed(1)} ms / ${(r.plainMarginalSecondsPerPage * 1000).toFixed(1)} ms`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  return ['| measure | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k.padEnd(w)} | ${v} |`)].join('\n');
}

mkdirSync(work, { recursive: true });
const output: Record<string, unknown> = { date: new Date().toISOString().slice(0, 10), node: process.version, cores: (await import('node:os')).availableParallelism() };
const probeBefore = memoryProbe();
if (args.sweep) {
  const sweep: Row[] = [];
  for (const n of [100, 1000, 5000]) sweep.push(await benchOne(n, { plain: n <= 1000 && !args['no-plain'], small: false, rebuild: false }));
  console.log('| papers | pipeline papers/s | build s | CPU s | peak RSS MB (phase) | Pagefind s | pages | largest page KB | s/page |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of sweep) console.log(`| ${r.papers} | ${f1(r.extractPapersPerSecond)} | ${f1(r.buildSeconds)} | ${f1(r.buildCpuSeconds)} | ${r.buildPeakRssMB.toFixed(0)} (${r.buildPeakPhase}) | ${pagefindTime(r)} | ${r.pageCount} | ${(r.largestPageBytes / 1024).toFixed(0)} | ${((r.buildSeconds / r.papers) * 1000).toFixed(1)} ms |`);
  const at = (n: number) => sweep.find((r) => r.papers === n)!;
  console.log(`\nbuild(5,000) / build(1,000) = ${f2(at(5000).buildSeconds / at(1000).buildSeconds)} (target ≤ 5.5)`);
  Object.assign(output, { sweep, growth5000over1000: at(5000).buildSeconds / at(1000).buildSeconds });
} else {
  const r = await benchOne(Number(args.papers), { plain: !args['no-plain'], small: !args['no-small'], rebuild: true });
  console.log(table(r));
  Object.assign(output, r);
}
const probeAfter = memoryProbe();
const probe = (p: { seconds: number; cpuSeconds: number }) => `${f2(p.seconds)} s (CPU ${f2(p.cpuSeconds)} s)`;
console.log(`\nmachine: ${output.cores} cores, Node ${process.version}; 1 GiB of new memory filled in ${probe(probeBefore)} before the runs, ${probe(probeAfter)} after them`);
output.memoryProbe = { before: probeBefore, after: probeAfter };
if (args.json) writeFileSync(args.json, JSON.stringify(output, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
