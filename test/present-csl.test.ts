// Formatting one bibliography entry (src/lib/present/csl.ts): the single-entry path (no sort keys, no disambiguation
// pass, locale lists canonicalised once for case mapping) gives exactly what citeproc as it is gives, in every bundled
// style and in styles that disambiguate by cite, test `disambiguate` in the bibliography or change case by the entry's
// language; formatting in any order leaves nothing behind for the next entry.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Cite } from '@citation-js/core';
import { describe, expect, it } from 'vitest';
import { readBibtex } from '../src/lib/ingest/bibtex.ts';
import { chooseStyle, citeprocEntry, formatEntry, stylePrintsId } from '../src/lib/present/csl.ts';
import type { CslItem } from '../src/lib/types.ts';
import { repo } from './helpers/site.ts';

const bundledXml = JSON.parse(readFileSync(path.join(repo, 'node_modules/@citation-js/plugin-csl/lib/styles.json'), 'utf8')) as Record<string, string>;

/** Every entry of the default corpus and the BibTeX fixtures. */
function fixtureItems(): CslItem[] {
  const dirs = [path.join(repo, 'bibliography'), ...['bad-corpus', 'corpus-broken', 'hostile-corpus'].map((d) => path.join(repo, 'test/fixtures', d, 'bibliography'))];
  const out: CslItem[] = [];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.bib')).sort()) {
      for (const e of readBibtex(readFileSync(path.join(dir, f), 'latin1'), f).value.entries) out.push(e.csl);
    }
  }
  return out;
}

const person = (family: string, given: string) => ({ family, given });
const many = (n: number) => Array.from({ length: n }, (_, i) => person(`Author${i}`, `Given ${String.fromCharCode(65 + (i % 26))}.`));

/** Items that exercise names, dates and types: long author lists, shared family names, institutions, particles, no date. */
const madeItems: CslItem[] = [
  { id: 'm1', type: 'article-journal', title: 'Twenty-five authors', author: many(25), issued: { 'date-parts': [[2019]] }, 'container-title': 'Journal', volume: '3', page: '1-20' },
  { id: 'm2', type: 'book', title: 'Same family, other given', author: [person('Smith', 'John'), person('Smith', 'Jane')], issued: { 'date-parts': [[2019, 5]] }, publisher: 'Press' },
  { id: 'm3', type: 'report', title: 'Global report on trafficking in persons', author: [{ literal: 'United Nations Office on Drugs and Crime' }], issued: { 'date-parts': [[2022]] }, publisher: 'UNODC', URL: 'https://example.org/report' },
  { id: 'm4', type: 'chapter', title: 'A chapter', author: [{ family: 'Berg', given: 'Anna', 'non-dropping-particle': 'van den' }], editor: [person('Ortiz', 'Luis'), person('Øster', 'Åse')], 'container-title': 'Edited volume', issued: { 'date-parts': [[2001]] }, page: '33-58', publisher: 'Publisher', 'publisher-place': 'Oslo' },
  { id: 'm5', type: 'webpage', title: 'No date at all', author: [person('Doe', 'J.')], URL: 'https://example.org/page', accessed: { 'date-parts': [[2024, 2, 1]] } },
  { id: 'm6', type: 'thesis', title: 'A thesis', author: [person('Łukasiewicz', 'Zofia')], genre: 'PhD thesis', publisher: 'University', issued: { 'date-parts': [[2015]] } },
  { id: 'm7', type: 'article-journal', title: 'Three authors, a DOI', author: [person('Smith', 'J.'), person('Jones', 'K.'), person('Lee', 'M.')], issued: { 'date-parts': [[2020]] }, DOI: '10.1000/xyz123', 'container-title': 'Journal', issue: '2' },
  { id: 'm8', type: 'legislation', title: 'Trafficking Victims Protection Act', issued: { 'date-parts': [[2000]] }, 'container-title': 'U.S.C.', volume: '22', section: '7101' },
  { id: 'm9', type: 'book', title: 'Only a title' },
];

// APA, but disambiguating given names cite by cite (the rule under which citeproc's disambiguator does the most).
const byCite = bundledXml.apa.replace('givenname-disambiguation-rule="primary-name-with-initials"', 'givenname-disambiguation-rule="by-cite"').replace(/<title>[^<]*<\/title>/, '<title>By cite</title>');
// A minimal style whose bibliography asks whether the entry needed disambiguation.
const asksDisambiguate = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Asks disambiguate</title><id>asks-disambiguate</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation disambiguate-add-year-suffix="true" disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names">
    <layout><names variable="author"><name form="short"/></names><date variable="issued" prefix=" "><date-part name="year"/></date></layout>
  </citation>
  <bibliography>
    <sort><key variable="author"/><key variable="issued"/></sort>
    <layout><group delimiter=". "><names variable="author"><name initialize-with=". "/></names><date variable="issued"><date-part name="year"/></date><text variable="year-suffix"/><text variable="title"/><choose><if disambiguate="true"><text value="(disambiguated)"/></if></choose></group></layout>
  </bibliography>
</style>`;

// A style that changes case every way citeproc does, to show the entry's language reaching the case mapping.
const changesCase = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Changes case</title><id>changes-case</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><group delimiter=" | "><text variable="title" text-case="uppercase"/><text variable="container-title" text-case="lowercase"/><text variable="title" text-case="capitalize-all"/><text variable="container-title" text-case="title"/><text variable="title" text-case="sentence"/></group></layout></bibliography>
</style>`;
/** The same entry in several languages: Turkish maps i and I its own way; `span` is no locale (four letters). */
const languageItems: CslItem[] = ['tr', 'en', 'lt', 'span', 'TR-tr'].map((language) => ({
  id: `lang-${language}`, type: 'book', title: 'istanbul ve ığdır in the city', 'container-title': 'İSTANBUL DERGİSİ AND THE ILLUSION', language,
}));

describe('one bibliography entry', () => {
  const items = [...fixtureItems(), ...madeItems, ...languageItems];
  const caseStyle = chooseStyle('styles/changes-case.csl', changesCase).name;
  const styles = ['apa', 'vancouver', 'harvard1', chooseStyle('styles/by-cite.csl', byCite).name, chooseStyle('styles/asks.csl', asksDisambiguate).name, caseStyle];

  it('is formatted as citeproc’s whole update formats it, in every style', { timeout: 120_000 }, () => {
    expect(items.length).toBeGreaterThan(40);
    for (const style of styles) {
      const full = items.map((item) => citeprocEntry(item, style, 'en-US', { single: false }));
      const single = items.map((item) => citeprocEntry(item, style, 'en-US'));
      expect(single, style).toEqual(full);
      // Interleaved, so state left by either path would show in the other's next entry.
      const mixed = items.map((item, i) => citeprocEntry(item, style, 'en-US', { single: i % 2 === 0 }));
      expect(mixed, style).toEqual(full);
      expect(new Set(full).size, style).toBeGreaterThan(items.length * 0.9);
    }
  });

  it('maps case by the entry’s language, as citeproc does', () => {
    const [tr, en, , span] = languageItems.map((item) => citeprocEntry(item, caseStyle, 'en-US'));
    expect(tr).toContain('İSTANBUL VE IĞDIR İN THE CİTY | istanbul dergisi and the ıllusıon');
    expect(en).toContain('ISTANBUL VE IĞDIR IN THE CITY | i̇stanbul dergi̇si̇ and the illusion');
    expect(span).toBe(en.replace('lang-en', 'lang-span'));
    // The single-entry path maps case itself (citeproc's own mapping, counted here, is not called) and puts citeproc's back.
    const csl = createRequire(createRequire(import.meta.url).resolve('@citation-js/plugin-csl'))('citeproc') as { toLocaleLowerCase: (this: unknown, s: string) => string };
    const own = csl.toLocaleLowerCase;
    let calls = 0;
    csl.toLocaleLowerCase = function (this: unknown, text: string) {
      calls++;
      return own.call(this, text);
    };
    try {
      citeprocEntry(languageItems[0], caseStyle, 'en-US', { single: false });
      expect(calls).toBeGreaterThan(0);
      calls = 0;
      citeprocEntry(languageItems[0], caseStyle, 'en-US');
      expect(calls).toBe(0);
      citeprocEntry(languageItems[0], caseStyle, 'en-US', { single: false });
      expect(calls).toBeGreaterThan(0);
    } finally {
      csl.toLocaleLowerCase = own;
    }
  });

  it('leaves the engine as it was: a whole bibliography is still sorted and disambiguated', () => {
    const a = { id: 'a', type: 'book', title: 'Zebra', author: [person('Smith', 'J.')], issued: { 'date-parts': [[2019]] }, publisher: 'P' };
    const b = { id: 'b', type: 'book', title: 'Aardvark', author: [person('Smith', 'J.')], issued: { 'date-parts': [[2019]] }, publisher: 'P' };
    const c = { id: 'c', type: 'book', title: 'Middle', author: [person('Adams', 'K.')], issued: { 'date-parts': [[2001]] }, publisher: 'P' };
    for (const item of [a, b, c]) expect(citeprocEntry(item, 'apa', 'en-US')).toContain('(20');
    const whole = new Cite([a, b, c]).format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' }) as string;
    expect(whole.split('\n').filter(Boolean)).toEqual([
      'Adams, K. (2001). Middle. P.',
      'Smith, J. (2019a). Aardvark. P.',
      'Smith, J. (2019b). Zebra. P.',
    ]);
    // And single entries after it are plain again (no suffix carried over from the whole bibliography).
    expect(formatEntry(a, 'apa')).toBe('Smith, J. (2019). <i>Zebra</i>. P.');
  });

  it('does not depend on the entry’s id unless the style prints it (as `citation-key`)', { timeout: 120_000 }, () => {
    const printsKey = asksDisambiguate.replace('<text variable="title"/>', '<text variable="title"/><text variable="citation-key" prefix="[" suffix="]"/>').replace('<title>Asks disambiguate</title>', '<title>Prints key</title>');
    const keyStyle = chooseStyle('styles/prints-key.csl', printsKey).name;
    expect(stylePrintsId(keyStyle)).toBe(true);
    expect(stylePrintsId('no-such-style')).toBe(true);
    for (const style of styles) {
      expect(stylePrintsId(style), style).toBe(false);
      for (const item of items) expect(formatEntry({ ...item, id: 'another-id-entirely' }, style), style).toBe(formatEntry(item, style));
    }
    expect(formatEntry({ ...madeItems[0], id: 'one' }, keyStyle)).toContain('[one]');
    expect(formatEntry({ ...madeItems[0], id: 'two' }, keyStyle)).toContain('[two]');
  });
});
