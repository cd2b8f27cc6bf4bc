// Formatting with citation-js: CSL styles (bundled or a .csl file in the repo), bibliography entries and exports.
import { Cite, plugins } from '@citation-js/core';
import { createRequire } from 'node:module';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import type { CslItem, Diagnostic } from '../types.ts';
import { diagnostic } from '../diagnostics.ts';

const bundled = new Set(['apa', 'vancouver', 'harvard1']);

export interface StyleChoice {
  /** Template name registered with citation-js. */
  name: string;
  diagnostics: Diagnostic[];
}

/**
 * Resolve a style setting: a bundled name, or the XML of a CSL file (read by the caller) registered under its file name.
 * An unknown name falls back to APA with a warning.
 */
export function chooseStyle(setting: string, xml: string | null, file = 'astro.config.mjs'): StyleChoice {
  if (bundled.has(setting)) return { name: setting, diagnostics: [] };
  if (xml && /<style[\s>]/.test(xml)) {
    const name = 'custom-' + setting.replace(/[^A-Za-z0-9]+/g, '-');
    const styles = plugins.config.get('@csl').styles;
    if (!styles.has(name)) styles.add(name, xml);
    return { name, diagnostics: [] };
  }
  return {
    name: 'apa',
    diagnostics: [diagnostic('warning', 'csl-style-unknown', `CSL style \`${setting}\` is neither bundled (apa, vancouver, harvard1) nor a readable .csl file; using apa`, file, 1, 1)],
  };
}

/** Cite cannot take our optional extra fields; give it a clean copy. */
function forCite(item: CslItem): CslItem {
  // citation-js names a BibTeX entry by `citation-key`; keep ours (the work or paper id) instead of a generated one.
  const copy: CslItem = { ...item, 'citation-key': item.id };
  delete copy._graph;
  return copy;
}

const cache = new Map<string, string>();

interface CslEngine {
  tmp: { taintedItemIDs: Record<string, boolean> };
  registry?: CslRegistry;
}
interface CslRegistry {
  setsortkeys?: () => void;
  setdisambigs?: () => void;
  ambigsTouched?: Record<string, boolean>;
  akeys?: Record<string, boolean>;
}
const engines = new Map<string, CslEngine | null>();

/** The citeproc engine citation-js keeps for a style and locale (the one `Cite#format` uses), or null. */
function engineFor(style: string, lang: string): CslEngine | null {
  const key = style + '\u0000' + lang;
  if (!engines.has(key)) {
    try {
      const config = plugins.config.get('@csl') as { engine: (data: CslItem[], style: string, lang: string, format: string) => CslEngine };
      engines.set(key, config.engine([], style, lang, 'html'));
    } catch {
      engines.set(key, null);
    }
  }
  return engines.get(key) ?? null;
}

/**
 * citeproc remembers every item it has formatted in `tmp.taintedItemIDs` (cleared only when citations are processed),
 * which each later call walks: formatting grew quadratic (5 s per 1,000 entries at first, 10 s after 9,000). Entries
 * are formatted one at a time here, so nothing needs remembering between calls.
 */
function forgetTainted(engine: CslEngine | null): void {
  if (engine?.tmp) engine.tmp.taintedItemIDs = {};
}

/**
 * For the length of one call, a registry that skips what only several entries need: bibliography sort keys (a list
 * of one is not sorted; `nosort` already skips the sort itself, not the keys) and disambiguation (one entry is never
 * ambiguous: citeproc's disambiguator finds no second item and changes nothing). Together 40 % of citeproc's time per
 * APA entry (4.6 -> 2.8 ms); the output is the same (`test/present-csl.test.ts` compares both ways in every bundled
 * style and one that disambiguates by cite). Returns the undo; without those methods (another citeproc) it does nothing.
 */
function singleEntryRegistry(engine: CslEngine | null): () => void {
  const registry = engine?.registry;
  if (!registry || typeof registry.setsortkeys !== 'function' || typeof registry.setdisambigs !== 'function') return () => undefined;
  const own = { setsortkeys: Object.hasOwn(registry, 'setsortkeys'), setdisambigs: Object.hasOwn(registry, 'setdisambigs') };
  const saved = { setsortkeys: registry.setsortkeys, setdisambigs: registry.setdisambigs };
  registry.setsortkeys = () => undefined;
  registry.setdisambigs = () => {
    // What `setdisambigs` clears after its pass.
    registry.ambigsTouched = {};
    registry.akeys = {};
  };
  return () => {
    for (const name of ['setsortkeys', 'setdisambigs'] as const) {
      if (own[name]) registry[name] = saved[name];
      else delete registry[name];
    }
  };
}

/** citeproc's case mapping, called as `CSL.toLocaleLowerCase.call(state, text)` with the entry's locales in `state.tmp`. */
interface CslCaseMapping {
  toLocaleLowerCase: (this: unknown, text: string) => string;
  toLocaleUpperCase: (this: unknown, text: string) => string;
}

/** A locale list's first locale, canonical ('' for an empty list), or null when the list does not canonicalise. */
const firstLocales = new Map<string, string | null>();
function firstLocale(list: unknown[]): string | null {
  const key = list.join('\u0000');
  let locale = firstLocales.get(key);
  if (locale === undefined) {
    try {
      locale = Intl.getCanonicalLocales(list as string[])[0] ?? '';
    } catch {
      locale = null;
    }
    firstLocales.set(key, locale);
  }
  return locale;
}

/**
 * citeproc's case mapping with each locale list canonicalised once. citeproc lower- and upper-cases words through
 * `String#toLocaleLowerCase(list)` with the entry's list of locales (`tmp.lang_array`, such as `['en-US']`), which V8
 * canonicalises on every call: about 5 µs, a tenth of an APA entry's time. The result depends only on the list's first
 * locale (ECMA-402, TransformCase), which is what is passed on; a list that does not canonicalise throws there, and
 * citeproc then maps case without a locale, as here. Anything but a list goes to the functions `replaced` holds (the
 * ones in place when the mapping was swapped in).
 */
function canonicalCase(replaced: CslCaseMapping): CslCaseMapping {
  const mapping = (name: keyof CslCaseMapping, upper: boolean) =>
    function (this: unknown, text: string): string {
      const list = (this as { tmp?: { lang_array?: unknown } } | null)?.tmp?.lang_array;
      if (!Array.isArray(list)) return replaced[name].call(this, text);
      const locale = firstLocale(list);
      if (locale === null) return upper ? text.toUpperCase() : text.toLowerCase();
      return upper ? text.toLocaleUpperCase(locale || undefined) : text.toLocaleLowerCase(locale || undefined);
    };
  return { toLocaleLowerCase: mapping('toLocaleLowerCase', false), toLocaleUpperCase: mapping('toLocaleUpperCase', true) };
}

/**
 * The citeproc that citation-js's CSL plugin formats with (not one of our dependencies by name), our case mapping for
 * it (made once), and what that mapping replaces while swapped in; or null.
 */
let caseMappings: { csl: CslCaseMapping; replaced: CslCaseMapping; fast: CslCaseMapping } | null | undefined;
function citeprocCaseMappings(): typeof caseMappings {
  if (caseMappings === undefined) {
    caseMappings = null;
    try {
      const fromPlugin = createRequire(createRequire(import.meta.url).resolve('@citation-js/plugin-csl'));
      const csl = fromPlugin('citeproc') as Partial<CslCaseMapping>;
      if (typeof csl.toLocaleLowerCase === 'function' && typeof csl.toLocaleUpperCase === 'function') {
        const replaced = { toLocaleLowerCase: csl.toLocaleLowerCase, toLocaleUpperCase: csl.toLocaleUpperCase };
        caseMappings = { csl: csl as CslCaseMapping, replaced, fast: canonicalCase(replaced) };
      }
    } catch {
      // another citeproc, or none found: its own mapping stays
    }
  }
  return caseMappings;
}

/** For the length of one call, citeproc maps case with `canonicalCase`. Returns the undo; without citeproc's functions it does nothing. */
function canonicalCaseOnce(): () => void {
  const m = citeprocCaseMappings();
  if (!m) return () => undefined;
  const saved = { toLocaleLowerCase: m.csl.toLocaleLowerCase, toLocaleUpperCase: m.csl.toLocaleUpperCase };
  Object.assign(m.replaced, saved);
  Object.assign(m.csl, m.fast);
  return () => Object.assign(m.csl, saved);
}

/**
 * citeproc's HTML for one bibliography entry; `single: false` runs citeproc as it is, with its whole update (sort keys
 * and disambiguation included) and its own case mapping, which gives the same output more slowly (tests compare the
 * two). Throws what citeproc throws.
 */
export function citeprocEntry(item: CslItem, style: string, lang: string, { single = true } = {}): string {
  const restoreCase = single ? canonicalCaseOnce() : () => undefined;
  const engine = engineFor(style, lang);
  const restore = single ? singleEntryRegistry(engine) : () => undefined;
  try {
    // `nosort`: one entry needs no sorting.
    return new Cite(forCite(item)).format('bibliography', { format: 'html', style, lang, nosort: true } as never) as string;
  } finally {
    restore();
    restoreCase();
    forgetTainted(engine);
  }
}

/**
 * Whether a style can print an entry's id: formatting gives it to citeproc as the entry's `citation-key` (see
 * `forCite`), the only variable an id reaches. Without one, an entry's HTML is the same under any id, so entries equal
 * but for their ids (a BibTeX entry and the work it becomes) can share one formatting. Unknown styles count as printing it.
 */
export function stylePrintsId(style: string): boolean {
  try {
    const xml = (plugins.config.get('@csl') as { styles: { get(name: string): string | undefined } }).styles.get(style);
    return typeof xml !== 'string' || /citation-key|citation_key/.test(xml);
  } catch {
    return true;
  }
}

/** One formatted bibliography entry as HTML (the `csl-entry` div's inner HTML). Memoised by style and item content. */
export function formatEntry(item: CslItem, style: string, lang = 'en-US'): string {
  const key = style + '\u0000' + lang + '\u0000' + JSON.stringify(item);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let html: string;
  try {
    const out = citeprocEntry(item, style, lang);
    const m = /<div[^>]*class="csl-entry"[^>]*>([\s\S]*?)<\/div>\s*<\/div>\s*$/.exec(out);
    // Numbered styles put the number in a margin div; in our lists the number is noise.
    html = (m ? m[1] : out)
      .replace(/<div class="csl-left-margin">[\s\S]*?<\/div>/, '')
      .replace(/<div class="csl-right-inline">([\s\S]*?)<\/div>/, '$1')
      .trim();
  } catch {
    html = escapeHtml([item.title, yearOf(item)].filter(Boolean).join(', ')) || escapeHtml(item.id);
  }
  cache.set(key, html);
  return html;
}

/** In-text citation for an item, e.g. `(Smith & Jones, 2020)`. */
export function formatCitation(item: CslItem, style: string, lang = 'en-US'): string {
  try {
    return new Cite(forCite(item)).format('citation', { format: 'text', style, lang, entry: item.id, citationsPre: [], citationsPost: [] }) as string;
  } catch {
    return item.title ?? item.id;
  }
}

/** BibTeX with our ids as keys (citation-js replaces keys it considers unusual, such as ones with hyphens). */
export function toBibtex(items: CslItem[]): string {
  return items
    .map((item) => (new Cite(forCite(item)).format('bibtex', { format: 'text' }) as string).trim().replace(/^(@\w+\{)[^,]*,/, `$1${item.id},`))
    .join('\n\n') + (items.length ? '\n' : '');
}

export function toCslJson(items: CslItem[]): string {
  return JSON.stringify(items.map(forCite), null, 2) + '\n';
}

const risType: Record<string, string> = {
  'article-journal': 'JOUR', article: 'JOUR', 'article-magazine': 'MGZN', 'article-newspaper': 'NEWS', book: 'BOOK',
  chapter: 'CHAP', 'paper-conference': 'CPAPER', report: 'RPRT', thesis: 'THES', webpage: 'ELEC', legislation: 'STAT',
  legal_case: 'CASE', treaty: 'STAT', dataset: 'DATA', document: 'GEN',
};

/** RIS (the format reference managers import); written here because citation-js's RIS plugin lags its core. */
export function toRis(items: CslItem[]): string {
  const out: string[] = [];
  for (const it of items) {
    const lines: [string, string][] = [['TY', risType[it.type] ?? 'GEN']];
    for (const a of it.author ?? []) lines.push(['AU', a.literal ?? [a.family, a.given].filter(Boolean).join(', ')]);
    for (const a of it.editor ?? []) lines.push(['ED', a.literal ?? [a.family, a.given].filter(Boolean).join(', ')]);
    if (it.title) lines.push(['TI', String(it.title)]);
    if (it['container-title']) lines.push([it.type === 'chapter' ? 'BT' : 'T2', String(it['container-title'])]);
    const y = yearOf(it);
    if (y) lines.push(['PY', y]);
    if (it.volume) lines.push(['VL', String(it.volume)]);
    if (it.issue) lines.push(['IS', String(it.issue)]);
    if (it.page) {
      const [sp, ep] = String(it.page).split(/[-–]/);
      lines.push(['SP', sp.trim()]);
      if (ep) lines.push(['EP', ep.trim()]);
    }
    if (it.publisher) lines.push(['PB', String(it.publisher)]);
    if (it['publisher-place']) lines.push(['CY', String(it['publisher-place'])]);
    if (it.DOI) lines.push(['DO', String(it.DOI)]);
    if (it.URL) lines.push(['UR', String(it.URL)]);
    if (it.abstract) lines.push(['AB', String(it.abstract)]);
    for (const k of String(it.keyword ?? '').split(/[;,]/).map((s) => s.trim()).filter(Boolean)) lines.push(['KW', k]);
    if (it.note) lines.push(['N1', String(it.note)]);
    lines.push(['ID', it.id]);
    lines.push(['ER', '']);
    out.push(lines.map(([tag, v]) => `${tag}  - ${v.replace(/\s+/g, ' ')}`.trimEnd()).join('\n'));
  }
  return out.join('\n\n') + (out.length ? '\n' : '');
}

export function yearOf(item: CslItem): string | null {
  const y = item.issued?.['date-parts']?.[0]?.[0];
  return y === undefined || y === null || y === '' ? (item.issued?.literal ?? null) : String(y);
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
