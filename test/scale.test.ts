// Scale: a synthetic corpus builds with every HTML page under 1 MB, and the parallel pipeline matches the single-threaded one.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from './bench/corpus.ts';
import { runPipeline, runPipelineParallel } from '../src/lib/pipeline.ts';
import { buildSite, repo } from './helpers/site.ts';
import { formatEntry } from '../src/lib/present/csl.ts';
import type { CslItem } from '../src/lib/types.ts';

const registry = path.join(repo, 'src/data/instruments.yaml');
const dir = path.join(repo, 'test/.tmp/scale-corpus');

function* html(d: string): Generator<string> {
  for (const name of readdirSync(d)) {
    const abs = path.join(d, name);
    if (statSync(abs).isDirectory()) yield* html(abs);
    else if (name.endsWith('.html')) yield abs;
  }
}

describe('synthetic corpus', () => {
  it('is the same bytes for the same size and seed', () => {
    const a = generateCorpus({ papers: 5, seed: 7, registry });
    const b = generateCorpus({ papers: 5, seed: 7, registry });
    expect([...a]).toEqual([...b]);
  });
});

describe('parallel extraction', () => {
  it('gives the same output as one thread, broken files included', async () => {
    writeCorpus({ papers: 220, seed: 3, dir, registry });
    // What goes wrong is reported alike: a paper whose front matter does not parse, an empty one, a `key:` that
    // matches nothing, a bibliography a paper names that does not exist, and a BibTeX file with a broken entry.
    const papers = path.join(dir, 'papers');
    writeFileSync(path.join(papers, 'zz-broken.md'), '---\ntitle: [unclosed\n---\nText (Smith, 2001).\n');
    writeFileSync(path.join(papers, 'zz-empty.md'), '');
    writeFileSync(path.join(papers, 'aa-key.md'), '---\ntitle: Keyed\nkey: no-such-key\nbibliography: bibliography/missing.bib\n---\nText (Smith, 2001).\n');
    writeFileSync(path.join(dir, 'bibliography', 'zz-broken.bib'), '@article{ok, title={Fine}, author={Smith, J.}, year={2001}}\n@article{bad, title={Unclosed\n');
    const options = { root: repo, papers, bibliography: path.join(dir, 'bibliography') };
    const one = runPipeline(options);
    const many = await runPipelineParallel({ ...options, threads: 2, minPapers: 1 });
    expect(JSON.stringify(many)).toBe(JSON.stringify(one));
    const codes = one.diagnostics.map((d) => d.code);
    for (const code of ['paper-key-missing', 'bibliography-missing']) expect(codes).toContain(code);
    expect(codes.some((c) => c.startsWith('frontmatter'))).toBe(true);
    expect(codes.some((c) => c.startsWith('bibtex'))).toBe(true);
  }, 300_000);
});

// Builds a 300-paper site (about two minutes on two cores); pages that grow with the corpus are split, so none reaches 1 MB.
describe('site at scale', () => {
  it('keeps every page under 1 MB (300 papers)', () => {
    writeCorpus({ papers: 300, seed: 5, dir, registry });
    const { dir: out } = buildSite({ name: 'scale-300', env: { CONCORDANCE_PAPERS: path.join(dir, 'papers'), CONCORDANCE_BIBLIOGRAPHY: path.join(dir, 'bibliography') } });
    const big = [...html(out)].map((f) => ({ f: path.relative(out, f), bytes: statSync(f).size })).filter((x) => x.bytes >= 1024 * 1024);
    expect(big).toEqual([]);

    // At this size the works are formatted on the worker pool while the papers render, each paper waiting for the works
    // it cites: every citation's preview must be its work's reference exactly as one thread formats it.
    const corpus = JSON.parse(readFileSync(path.join(out, 'corpus.json'), 'utf8')) as { works: Array<{ id: string; csl: CslItem }> };
    const works = new Map(corpus.works.map((w) => [w.id, w.csl]));
    let checked = 0;
    for (const paper of readdirSync(path.join(out, 'papers')).sort().slice(0, 40)) {
      const page = readFileSync(path.join(out, 'papers', paper, 'index.html'), 'utf8');
      for (const m of page.matchAll(/<a class="m m-citation status-resolved"[^>]*data-work="([^"\s]+)"[^>]*>.*?<span class="preview"[^>]*>([^<]*)<\/span><\/a>/g)) {
        expect(decode(m[2]), `${paper}: ${m[1]}`).toBe(plain(formatEntry(works.get(m[1])!, 'apa')));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  }, 900_000);
});

/** Formatted CSL HTML as the previews show it: plain text, spaces collapsed. */
function plain(html: string): string {
  return decode(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

function decode(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
