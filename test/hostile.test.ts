// Hostile input is inert: the hostile corpus built with the repo's site, every page opened in headless Chromium with a
// trap for payloads; no payload runs, the landmarks hold, and no id or file name writes outside dist/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { Nodes } from 'hast';
import { htmlToHast } from 'satteri';
import { buildSite, repo, serve } from './helpers/site.ts';
import { hasChromium, launch } from './helpers/browser.ts';
import { prepareHostileCorpus, type PreparedCorpus } from './helpers/corpora.ts';

/** A name hostile ids and file names aim at; it must exist nowhere but inside dist/ (as a slug). */
const sentinel = 'concordance-escape-sentinel';

let corpus: PreparedCorpus;
let dist = '';
let log = '';
let pages: string[] = [];
let browser: Browser | undefined;
let site: { url: string; close: () => Promise<void> } | undefined;

/** Places a path escaping dist/ would land in: the repo, the test folders, dist's parent, /tmp. */
const outside = () => [repo, path.join(repo, 'test'), path.join(repo, 'test/.tmp'), path.dirname(dist), dist, path.join(dist, 'papers'), '/tmp', '/'];
const escaped = () => outside().flatMap((dir) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.includes(sentinel) && dir !== path.join(dist, 'papers')).map((n) => path.join(dir, n)) : []));

function allFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = path.join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.push(path.relative(dir, abs));
    }
  };
  walk(dir);
  return out;
}

beforeAll(async () => {
  corpus = prepareHostileCorpus('hostile-input');
  expect(escaped()).toEqual([]);
  ({ dir: dist, log } = buildSite({ name: 'hostile', env: corpus.env, fresh: true }));
  pages = allFiles(dist).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/') && !f.startsWith('_astro/'));
  if (hasChromium()) {
    site = await serve(dist, '/');
    browser = await launch();
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the hostile corpus, built', () => {
  it('builds a page for every paper, under safe ids', () => {
    const ids = readdirSync(path.join(dist, 'papers')).filter((d) => existsSync(path.join(dist, 'papers', d, 'index.html'))).sort();
    expect(ids).toEqual([`img-src-x-onerror-window-xss-filename`, 'payloads', 'script-window-xss-id-script', `tmp-${sentinel}`, `tmp-${sentinel}-2`]);
  });

  it('writes nothing outside dist/: no `..` in an output path, no file named after an escaping id elsewhere', () => {
    for (const f of allFiles(dist)) {
      expect(f.split(path.sep), f).not.toContain('..');
      expect(/[<>"'\\]/.test(f), f).toBe(false);
    }
    expect(escaped()).toEqual([]);
  });

  it('reports the id collision and the unsafe ids', () => {
    expect(log).toMatch(/Paper id `tmp-concordance-escape-sentinel` is already used by .*; this paper gets id `tmp-concordance-escape-sentinel-2` \[paper-id-collision\]/);
    expect(log).toContain("Id `<script>window.__xss='id'</script>` is not URL-safe; using `script-window-xss-id-script` [paper-id-unsafe]");
  });

  it('leaves no javascript: or data: URL, event handler, script or frame from the corpus in the HTML', () => {
    expect(pages.length).toBeGreaterThanOrEqual(15);
    const problems: string[] = [];
    for (const page of pages) {
      const visit = (node: Nodes) => {
        if (node.type === 'element') {
          for (const [name, value] of Object.entries(node.properties ?? {})) {
            if (/^on[A-Z]/.test(name)) problems.push(`${page}: <${node.tagName} ${name}>`);
            if (/^(href|src|action|formAction|xLinkHref|data|poster|srcSet)$/.test(name) && /^\s*(javascript|data|vbscript):/i.test(String(value))) {
              problems.push(`${page}: <${node.tagName} ${name}="${String(value)}">`);
            }
          }
          if (/^(iframe|object|embed|base|frame|frameset)$/.test(node.tagName)) problems.push(`${page}: <${node.tagName}>`);
          if (node.tagName === 'meta' && node.properties?.httpEquiv) problems.push(`${page}: <meta http-equiv>`);
          const ld = node.tagName === 'script' && node.properties?.type === 'application/ld+json';
          if (/^(script|style)$/.test(node.tagName) && !ld && /__xss|display:\s*none/.test(textOf(node))) problems.push(`${page}: <${node.tagName}> from the corpus`);
          // JSON-LD holds corpus text as data: it must stay JSON, with no `<` that could close the element.
          if (ld && (textOf(node).includes('<') || !isJson(textOf(node)))) problems.push(`${page}: JSON-LD that is not inert JSON`);
        }
        if ('children' in node) for (const c of node.children) visit(c as Nodes);
      };
      visit(htmlToHast(readFileSync(path.join(dist, page), 'utf8')) as unknown as Nodes);
    }
    expect(problems).toEqual([]);
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map((c) => textOf(c as Nodes)).join('') : '';
}

/** Runs before any page script: `window.__xss = …` and dialogs are recorded, never effective. */
function trap(): void {
  const w = window as unknown as { __hits: string[] };
  w.__hits = [];
  Object.defineProperty(window, '__xss', { configurable: false, get: () => undefined, set: (v: unknown) => void w.__hits.push(`__xss=${String(v)}`) });
  for (const name of ['alert', 'confirm', 'prompt'] as const) {
    Object.defineProperty(window, name, { configurable: false, value: (m: unknown) => void w.__hits.push(`${name}(${String(m)})`) });
  }
}

describe.skipIf(!hasChromium())('every page of the hostile site in Chromium', () => {
  it('runs no payload and keeps one main landmark with the footer after it', async () => {
    const problems: string[] = [];
    for (const page of pages) {
      const url = site!.url + page.replace(/index\.html$/, '');
      const p = await browser!.newPage();
      const dialogs: string[] = [];
      p.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await p.addInitScript(trap);
      await p.goto(url, { waitUntil: 'load' });
      // Give error and load handlers of broken images a moment, then focus and hover everything that could carry one.
      await p.waitForTimeout(150);
      await p.evaluate(() => {
        for (const el of document.querySelectorAll<HTMLElement>('main *')) {
          el.focus?.();
          el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
        }
        for (const d of document.querySelectorAll('details')) d.open = !d.open;
      });
      await p.waitForTimeout(50);
      const state = await p.evaluate(() => {
        const main = document.querySelectorAll('main');
        const footer = document.querySelector('footer.site-footer');
        const links = [...document.querySelectorAll('[href], [src], [action], [formaction]')]
          .flatMap((el) => ['href', 'src', 'action', 'formaction'].map((a) => el.getAttribute(a) ?? ''))
          .filter((v) => /^\s*(javascript|data|vbscript):/i.test(v));
        const handlers = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`));
        return {
          hits: (window as unknown as { __hits: string[] }).__hits,
          mains: main.length,
          mainId: main[0]?.id ?? null,
          ids: document.querySelectorAll('[id="main"]').length,
          footerAfterMain: !!(main[0] && footer && !main[0].contains(footer) && main[0].compareDocumentPosition(footer) & Node.DOCUMENT_POSITION_FOLLOWING),
          footerInBody: footer?.parentElement === document.body,
          dangerous: document.querySelectorAll('iframe, object, embed, base, frame, meta[http-equiv]').length +
            [...document.querySelectorAll('script:not([type="application/ld+json"]), style')].filter((el) => /__xss|display:\s*none/.test(el.textContent ?? '')).length,
          mainShown: !!main[0] && getComputedStyle(main[0]).display !== 'none' && getComputedStyle(main[0]).visibility !== 'hidden',
          links,
          handlers,
        };
      });
      const say = (what: string) => problems.push(`${page}: ${what}`);
      if (state.hits.length || dialogs.length) say(`payload ran: ${[...state.hits, ...dialogs].join(', ')}`);
      if (state.mains !== 1 || state.mainId !== 'main' || state.ids !== 1) say(`${state.mains} main landmarks, ${state.ids} elements with id="main"`);
      if (!state.footerAfterMain || !state.footerInBody) say('the footer is not after main');
      if (state.dangerous) say(`${state.dangerous} frames, base, refresh, or scripts and styles from the corpus`);
      if (!state.mainShown) say('main is hidden');
      if (state.links.length) say(`unsafe URLs: ${state.links.join(' ')}`);
      if (state.handlers.length) say(`event handlers: ${state.handlers.join(' ')}`);
      await p.close();
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('shows the paper text after every unclosed tag inside main', async () => {
    const p = await browser!.newPage();
    await p.goto(`${site!.url}papers/payloads/`);
    const inMain = await p.evaluate(() => document.querySelector('main')?.textContent?.includes('The end of the paper, after every unclosed tag.'));
    expect(inMain).toBe(true);
    await p.close();
  }, 60_000);
});
