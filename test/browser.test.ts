// The built site in headless Chromium: search, filters, following a result to the quoted sentence, highlight toggles, accessibility (axe-core).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { buildSite, serve } from './helpers/site.ts';
import { launch } from './helpers/browser.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let site: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  const { dir } = buildSite({ name: 'site-review', base: '/review/' });
  site = await serve(dir, '/review/');
  browser = await launch();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function page(path: string, width = 1280): Promise<Page> {
  const p = await browser.newPage({ viewport: { width, height: 900 } });
  await p.goto(site.url + path);
  return p;
}

describe('search', () => {
  it('finds an instrument from the header search box and follows the result to the quoted sentence', async () => {
    const p = await page('');
    await p.fill('#site-search', 'Lanzarote');
    await p.press('#site-search', 'Enter');
    await p.waitForURL(/\/review\/search\/\?q=Lanzarote/);
    const result = p.locator('pagefind-results a.pf-result-link[href="/review/instruments/lanzarote-convention/"]').first();
    await result.waitFor({ timeout: 15_000 });
    await result.click();
    await p.waitForURL(/\/review\/instruments\/lanzarote-convention\/$/);
    const quote = p.locator('a', { hasText: 'go to the sentence' }).first();
    const target = await quote.getAttribute('href');
    expect(target).toMatch(/^\/review\/papers\/tolbaru-globalisation\/#s-\d+$/);
    await quote.click();
    await p.waitForURL(/#s-\d+$/);
    const id = target!.split('#')[1];
    const sentence = p.locator(`[id="${id}"]`);
    expect(await sentence.count()).toBe(1);
    expect(await sentence.evaluate((el) => el.matches(':target'))).toBe(true);
    // The sentence that starts with the anchor is the one highlighted.
    const holder = p.locator(`.s:has(> [id="${id}"])`);
    expect(await holder.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 243, 191)');
    await expect.poll(() => holder.isVisible()).toBe(true);
    await p.close();
  }, 60_000);

  it('points paper results at the sentence holding the match', async () => {
    const p = await page('search/?q=grooming');
    const link = p.locator('pagefind-results a[href^="/review/papers/tolbaru-globalisation/#s-"]').first();
    await link.waitFor({ timeout: 15_000 });
    const href = await link.getAttribute('href');
    await link.click();
    await p.waitForURL(/#s-\d+$/);
    const id = href!.split('#')[1];
    expect(await p.locator(`[id="${id}"]`).evaluate((el) => el.matches(':target'))).toBe(true);
    const text = await p.locator(`.s:has(> [id="${id}"]), .s[data-s="${id}"]`).allTextContents();
    expect(text.join(' ').toLowerCase()).toContain('grooming');
    await p.close();
  }, 60_000);

  it('narrows results with a filter', async () => {
    const p = await page('search/?q=trafficking');
    await p.locator('pagefind-results a.pf-result-link').first().waitFor({ timeout: 15_000 });
    const before = await p.locator('pagefind-results a.pf-result-link').count();
    await p.locator('pagefind-filter-pane label', { hasText: /^paper/ }).first().click();
    await expect
      .poll(async () => (await p.locator('pagefind-results a.pf-result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).every((h) => h?.startsWith('/review/papers/')))
      .toBe(true);
    const after = await p.locator('pagefind-results a.pf-result-link').count();
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    await p.close();
  }, 60_000);
});

describe('the annotated paper reader', () => {
  it('marks citations, instruments, statistics and recommendations, and toggles each kind from the legend', async () => {
    const p = await page('papers/thakkar-2025/');
    for (const kind of ['citation', 'instrument', 'statistic', 'recommendation']) expect(await p.locator(`.paper-text .m-${kind}`).count(), kind).toBeGreaterThan(0);
    const mark = p.locator('.paper-text mark.m-statistic').first();
    const shaded = await mark.evaluate((el) => getComputedStyle(el).backgroundColor);
    await p.locator('#toggle-statistic').uncheck();
    expect(await mark.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(shaded);
    await p.locator('#toggle-statistic').check();
    expect(await mark.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(shaded);
    await p.close();
  });

  it('previews the cited work on keyboard focus', async () => {
    const p = await page('papers/thakkar-2025/');
    const cite = p.locator('.paper-text a.m-citation').first();
    const preview = cite.locator('.preview');
    expect(await preview.isVisible()).toBe(false);
    await cite.focus();
    expect(await preview.isVisible()).toBe(true);
    expect(await preview.textContent()).toMatch(/\(\d{4}\)/);
    await p.close();
  });

  it('links a citation to its work and an instrument to its page at the pinpointed article', async () => {
    const p = await page('papers/tolbaru-globalisation/');
    const work = await p.locator('.paper-text a.m-citation').first().getAttribute('href');
    expect(work).toMatch(/^\/review\/works\/[a-z0-9-]+\/$/);
    const pinpoint = await p.locator('.paper-text a.m-instrument[href*="#art-"]').first().getAttribute('href');
    expect(pinpoint).toMatch(/^\/review\/instruments\/[a-z0-9-]+\/#art-\d+$/);
    await p.close();
  });
});

describe('accessibility', () => {
  const pages = ['', 'bibliography/', 'papers/tolbaru-globalisation/', 'instruments/', 'instruments/lanzarote-convention/', 'works/', 'statistics/', 'recommendations/', 'report/', 'search/?q=Palermo'];
  for (const path of pages) {
    it(`has no serious or critical axe violations on /${path}`, async () => {
      const p = await page(path);
      if (path.startsWith('search')) await p.locator('pagefind-results a.pf-result-link').first().waitFor({ timeout: 15_000 });
      await p.addScriptTag({ content: axeSource });
      const violations = await p.evaluate(async () => {
        const r = await (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run({ resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations).toEqual([]);
      await p.close();
    }, 60_000);
  }

  it('reads without horizontal scrolling on a phone', async () => {
    for (const path of ['', 'papers/thakkar-2025/', 'instruments/lanzarote-convention/']) {
      const p = await page(path, 390);
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(1);
      await p.close();
    }
  });
});
