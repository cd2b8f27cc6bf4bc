// The built site: pages and downloads exist, every internal link and anchor resolves (at the root and under /review/), search finds papers.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildSite } from './helpers/site.ts';
import { search } from './helpers/pagefind.ts';

function* htmlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) {
      if (name !== 'pagefind' && name !== '_astro') yield* htmlFiles(abs);
    } else if (name.endsWith('.html')) yield abs;
  }
}

/** Every internal href/src of every page: the target file exists and, for `#fragment`, the id exists on the target page. */
function danglingLinks(dist: string, base: string): string[] {
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
    return ids.get(file)!;
  };
  const problems: string[] = [];
  for (const page of htmlFiles(dist)) {
    const html = readFileSync(page, 'utf8');
    const pageUrl = '/' + path.relative(dist, page).split(path.sep).join('/').replace(/index\.html$/, '');
    for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const raw = m[1].replace(/&amp;/g, '&');
      if (/^(https?:|mailto:|data:)/.test(raw) || raw === '') continue;
      const [target, fragment] = raw.split('#');
      let file: string;
      if (target === '') file = page;
      else {
        if (!target.startsWith(base)) {
          problems.push(`${pageUrl}: ${raw} is outside the base ${base}`);
          continue;
        }
        const rel = decodeURIComponent(target.slice(base.length).split('?')[0]);
        file = path.join(dist, rel);
        if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
        if (!existsSync(file)) {
          problems.push(`${pageUrl}: ${raw} does not exist`);
          continue;
        }
      }
      if (fragment && file.endsWith('.html') && !idsOf(file).has(decodeURIComponent(fragment))) problems.push(`${pageUrl}: ${raw} has no #${fragment}`);
    }
  }
  return problems;
}

describe.each([
  ['/', 'site-root'],
  ['/review/', 'site-review'],
])('the default corpus built with base %s', (base, name) => {
  let dist = '';
  let log = '';
  beforeAll(() => {
    ({ dir: dist, log } = buildSite({ name, base }));
  }, 240_000);
  /** The text Pagefind indexed for the page at `page` (under the base), found by searching for `query`. */
  const indexedText = async (query: string, page: string) => (await search(dist, query, {}, base)).find((h) => h.url === `${base}${page}`)?.content;

  it('has the home page, the bibliography, four paper pages and a Pagefind index', () => {
    for (const f of ['index.html', 'bibliography/index.html', 'search/index.html', 'pagefind/pagefind.js', 'corpus.json']) expect(existsSync(path.join(dist, f)), f).toBe(true);
    const papers = readdirSync(path.join(dist, 'papers')).filter((d) => existsSync(path.join(dist, 'papers', d, 'index.html')));
    expect(papers.sort()).toEqual(['nature-of-child-sex-trafficking', 'palermo-child-sexual-slavery', 'thakkar-2025', 'tolbaru-globalisation']);
  });

  it('prints a summary line through the logger', () => {
    expect(log).toMatch(/4 papers, 0 skipped; \d+ errors?, \d+ warnings?/);
  });

  it('has no dangling internal link or anchor', () => {
    expect(danglingLinks(dist, base)).toEqual([]);
  });

  it('offers each paper as BibTeX, RIS and CSL-JSON', () => {
    const dir = path.join(dist, 'papers/thakkar-2025');
    expect(readFileSync(path.join(dir, 'cite.bib'), 'utf8')).toMatch(/@\w+\{thakkar-2025,/);
    expect(readFileSync(path.join(dir, 'cite.ris'), 'utf8')).toMatch(/^TY {2}- /);
    expect(JSON.parse(readFileSync(path.join(dir, 'cite.json'), 'utf8'))[0]).toMatchObject({ id: 'thakkar-2025', issued: { 'date-parts': [[2025]] } });
  });

  it('finds the Tolbaru paper when searching for Lanzarote', async () => {
    const hits = await search(dist, 'Lanzarote', {}, base);
    expect(hits.map((h) => h.url)).toContain(`${base}papers/tolbaru-globalisation/`);
  });

  it('shows the Palermo Protocol cited by three papers, with quotes and pinpoints', () => {
    const html = readFileSync(path.join(dist, 'instruments/un-trafficking-protocol/index.html'), 'utf8');
    for (const paper of ['palermo-child-sexual-slavery', 'thakkar-2025', 'tolbaru-globalisation']) expect(html).toContain(`${base}papers/${paper}/#s-`);
    expect(html).toMatch(/id="art-\d+"/);
    expect(html).toMatch(/Cited \d+ times? in 3 papers/);
  });

  it('keeps the terms of a paper\'s and an instrument\'s details apart from their values in the search text', async () => {
    const paper = await indexedText('Thakkar', 'papers/thakkar-2025/');
    expect(paper).toContain('Year 2025 ');
    expect(paper).toContain('Source file papers/thakkar-2025.md');
    expect(await indexedText('Lanzarote Convention', 'instruments/lanzarote-convention/')).toMatch(/Kind [a-z]/);
  });

  it('keeps table column headings out of the search text and a finding\'s message apart from its quote', async () => {
    expect(await indexedText('statistics', 'statistics/')).not.toContain('What it measures');
    const report = await indexedText('consistency report', 'report/');
    expect(report).toContain('resolved cleanly');
    expect(report).not.toMatch(/Holding together/);
    expect(report).not.toMatch(/citation\.[A-Z]/);
  });

  it('groups the instruments index by kind under plural headings', () => {
    const html = readFileSync(path.join(dist, 'instruments/index.html'), 'utf8');
    const headings = [...html.matchAll(/<h2 id="kind-[^"]*">([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(expect.arrayContaining(['Conventions', 'National acts', 'Protocols', 'Strategies']));
  });

  it('shows articles 18 to 23 on the Lanzarote Convention page', () => {
    const html = readFileSync(path.join(dist, 'instruments/lanzarote-convention/index.html'), 'utf8');
    for (let a = 18; a <= 23; a++) expect(html).toContain(`id="art-${a}"`);
  });

  it('lists the 30 % figure with its UNODC source and the 87 % figure with its WeProtect source', () => {
    const rows = readFileSync(path.join(dist, 'statistics/index.html'), 'utf8').split('<tr');
    expect(rows.some((r) => r.includes('30%') && r.includes('United Nations Office on Drugs and Crime'))).toBe(true);
    expect(rows.some((r) => r.includes('87%') && /We ?protect/i.test(r))).toBe(true);
  });

  it('groups the recommendations by theme, saying how many papers make each', () => {
    const html = readFileSync(path.join(dist, 'recommendations/index.html'), 'utf8');
    for (const theme of ['prevention', 'protection', 'prosecution', 'partnership']) expect(html).toMatch(new RegExp(`id="theme-${theme}"[^<]*<span class="muted">— \\d+ papers?`));
  });

  it('filters search results by page kind', async () => {
    const hits = await search(dist, 'Lanzarote', { kind: 'paper' }, base);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.url.startsWith(`${base}papers/`))).toBe(true);
  });
});
