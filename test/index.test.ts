import { readFileSync } from 'node:fs';
// ajv is installed with the dev tools (via @astrojs/check); it validates draft 2020-12.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import * as indexStage from '../src/lib/index/index.ts';
import { assignWorkIds, buildIndex, workSlug, type IndexInput } from '../src/lib/index/index.ts';
import { resolveCitations } from '../src/lib/resolve/index.ts';
import type { Actor, Bibliography, CitedItem, Corpus, CslItem, Instrument, PaperExtraction, Span, Theme } from '../src/lib/types.ts';
import { bibEntry, extraction, item, mention, paper } from './fixtures/resolve/factories.ts';

// ---- a two-paper corpus ----

const p1Body = [
  'Line one cites (Brânză & Stati, 2015, p. 482) and (Carpinteri et al., 2018).',
  'About 40% of victims are children (Smith, 2019a; Nobody, 1999).',
  'States should reform the law under the Convention art. 10 and art. 2 and the Model Law.',
  'Awareness matters.',
].join('\n');
const p2Body = 'See (Branza & Stati, 2015) and (Carpinteri et al., 2018; Doe, 2020) on the Convention.';

function spanOf(body: string, text: string, from = 0): Span {
  const start = body.indexOf(text, from);
  if (start < 0) throw new Error(`"${text}" not in body`);
  return { start, end: start + text.length };
}

/** A citation found in `body`: `text` locates it, `items` are [text-in-body, fields] pairs. */
function citationIn(paperId: string, body: string, text: string, items: [string, Partial<CitedItem>][]) {
  const span = spanOf(body, text);
  const cited = items.map(([t, fields]) => ({ ...item({ text: t, ...fields }), span: spanOf(body, t, span.start) }));
  return { ...mention(paperId, cited), text, span };
}

const entry = (file: string, key: string, csl: Omit<CslItem, 'id'>, line: number) => bibEntry(file, key, csl, line);
const person = (family: string) => ({ family, given: 'X.' });
const year = (y: number) => ({ 'date-parts': [[y]] });

function bibliographies(): Bibliography[] {
  const f1 = 'bibliography/p1.bib';
  const f2 = 'bibliography/p2.bib';
  return [
    {
      file: f1,
      entries: [
        entry(f1, 'brz', { type: 'book', title: 'Tratat de drept penal. Partea specială', author: [person('Brânză'), person('Stati')], issued: year(2015) }, 1),
        entry(f1, 'carp', { type: 'article-journal', title: 'Commercial Sexual Exploitation of Children: an Assessment', author: [person('Carpinteri'), person('Bang'), person('Klimley')], issued: year(2018), DOI: '10.1007/S11896-017-9242-0' }, 10),
        entry(f1, 'uncited', { type: 'book', title: 'Never cited here', author: [person('Uncited')], issued: year(2001) }, 20),
        entry(f1, 'smithA', { type: 'article-journal', title: 'Study of routes', author: [person('Smith')], issued: year(2019) }, 30),
        entry(f1, 'smithB', { type: 'article-journal', title: 'Study of markets', author: [person('Smith')], issued: year(2019) }, 40),
      ],
    },
    {
      file: f2,
      entries: [
        entry(f2, 'Branza2015', { type: 'book', title: 'Tratat de drept penal', author: [person('Branza'), person('Stati')], issued: year(2015), publisher: 'Central', 'publisher-place': 'Chişinău' }, 1),
        entry(f2, 'carpinteri', { type: 'article-journal', title: 'Offender characteristics', author: [person('Carpinteri'), person('Bang'), person('Klimley')], issued: year(2018), URL: 'https://doi.org/10.1007/s11896-017-9242-0' }, 10),
        entry(f2, 'doe', { type: 'report', title: 'Report on labour', author: [person('Doe')], issued: year(2020) }, 20),
        entry(f2, 'smithOther', { type: 'book', title: 'Studies of routes and trade', author: [person('Smith')], issued: year(2019) }, 30),
      ],
    },
  ];
}

const registry: Instrument[] = [
  { id: 'crc', name: 'Convention on the Rights of the Child', kind: 'convention', year: 1989, url: 'https://example.org/crc', articleUrl: 'https://example.org/crc#art{article}' },
  { id: 'unused', name: 'Unused Protocol', kind: 'protocol' },
];
const themes: Theme[] = [
  { id: 'legal-reform', label: 'Legal reform', keywords: ['law'] },
  { id: 'awareness', label: 'Awareness', parent: 'prevention', keywords: [] },
];
const actors: Actor[] = [{ id: 'states', label: 'States', keywords: ['states'] }];

function input(extra: { bibliographies?: Bibliography[] } = {}): IndexInput {
  const corpus: Corpus = {
    papers: [paper('p2', { body: p2Body, bodyLineOffset: 3 }), paper('p1', { body: p1Body, bodyLineOffset: 5, supplied: ['year', 'title'] })],
    bibliographies: extra.bibliographies ?? bibliographies(),
  };
  const smithSource = citationIn('p1', p1Body, '(Smith, 2019a; Nobody, 1999)', [['Smith, 2019a', { authors: ['Smith'], year: '2019a' }], ['Nobody, 1999', { authors: ['Nobody'], year: '1999' }]]);
  const extractions: PaperExtraction[] = [
    extraction('p1', {
      citations: [
        citationIn('p1', p1Body, '(Brânză & Stati, 2015, p. 482)', [['Brânză & Stati, 2015, p. 482', { authors: ['Brânză', 'Stati'], year: '2015', locator: 'p. 482' }]]),
        citationIn('p1', p1Body, '(Carpinteri et al., 2018)', [['Carpinteri et al., 2018', { authors: ['Carpinteri'], etAl: true, year: '2018' }]]),
        smithSource,
      ],
      statistics: [
        {
          paper: 'p1', text: '40%', span: spanOf(p1Body, '40%'), value: 40, valueMax: null, unit: '%', kind: 'percentage', qualifier: 'about',
          about: 'victims', source: { text: smithSource.text, span: smithSource.span, scope: 'sentence' }, sentence: 's-2',
        },
      ],
      instruments: [
        { paper: 'p1', instrument: 'unregistered:model-law', registered: false, name: 'Model Law', text: 'the Model Law', span: spanOf(p1Body, 'the Model Law'), articles: [], via: 'pattern', sentence: 's-3' },
        { paper: 'p1', instrument: 'crc', registered: true, name: 'Convention on the Rights of the Child', text: 'the Convention art. 10 and art. 2', span: spanOf(p1Body, 'the Convention'), articles: ['10', '2', '10'], via: 'reference', sentence: 's-3' },
      ],
      recommendations: [
        { paper: 'p1', text: 'Awareness matters.', span: spanOf(p1Body, 'Awareness matters.'), actors: [], themes: [], cue: 'heading', sentence: 's-4' },
        { paper: 'p1', text: 'States should reform the law', span: spanOf(p1Body, 'States should'), actors: ['states'], themes: ['legal-reform', 'awareness'], cue: 'should', sentence: 's-3' },
      ],
    }),
    extraction('p2', {
      citations: [
        citationIn('p2', p2Body, '(Branza & Stati, 2015)', [['Branza & Stati, 2015', { authors: ['Branza', 'Stati'], year: '2015' }]]),
        citationIn('p2', p2Body, '(Carpinteri et al., 2018; Doe, 2020)', [['Carpinteri et al., 2018', { authors: ['Carpinteri'], etAl: true, year: '2018' }], ['Doe, 2020', { authors: ['Doe'], year: '2021' }]]),
      ],
      instruments: [
        { paper: 'p2', instrument: 'crc', registered: true, name: 'Convention on the Rights of the Child', text: 'the Convention', span: spanOf(p2Body, 'the Convention'), articles: [], via: 'reference', sentence: 's-1' },
      ],
    }),
  ];
  const resolved = resolveCitations(corpus, extractions).value;
  return { corpus, extractions, resolved, instruments: registry, themes, actors };
}

const built = () => buildIndex(input()).value;

describe('buildIndex — onWorks', () => {
  it('tells the works and citations it returns, once (the loader formats the works while the rest is built)', () => {
    const told: Array<[unknown, unknown]> = [];
    const index = buildIndex({ ...input(), onWorks: (works, citations) => told.push([works, citations]) }).value;
    expect(told).toHaveLength(1);
    expect(told[0][0]).toBe(index.works);
    expect(told[0][1]).toBe(index.citations);
    expect(index.works.length).toBeGreaterThan(0);
  });
});

describe('buildIndex — works', () => {
  it('merges entries with the same DOI across papers into one work with all keys and citing papers', () => {
    const work = built().works.find((w) => w.keys.includes('carp'));
    expect(work).toMatchObject({ id: 'carpinteri-2018-commercial', keys: ['carp', 'carpinteri'], citedBy: ['p1', 'p2'], listedBy: ['p1', 'p2'] });
    expect(work?.csl.id).toBe('carpinteri-2018-commercial');
  });

  it('merges entries by first author, year and similar title (diacritics folded, one title a prefix of the other)', () => {
    const work = built().works.find((w) => w.keys.includes('brz'));
    expect(work).toMatchObject({ id: 'branza-2015-tratat', keys: ['Branza2015', 'brz'], citedBy: ['p1', 'p2'] });
  });

  it('prefers the richer entry for the merged CSL item and completes it from the others', () => {
    const work = built().works.find((w) => w.id === 'branza-2015-tratat');
    expect(work?.csl).toMatchObject({ id: 'branza-2015-tratat', title: 'Tratat de drept penal', publisher: 'Central', 'publisher-place': 'Chişinău' });
  });

  it('keeps works with the same author and year but different titles apart, numbering clashing ids by content', () => {
    const ids = built().works.filter((w) => w.id.startsWith('smith-2019')).map((w) => [w.id, w.keys]);
    expect(ids).toEqual([
      ['smith-2019-studies', ['smithOther']],
      ['smith-2019-study', ['smithB']],
      ['smith-2019-study-2', ['smithA']],
    ]);
  });

  it('includes uncited entries of a paper’s own list, with empty citedBy', () => {
    expect(built().works.find((w) => w.keys.includes('uncited'))).toMatchObject({ citedBy: [], listedBy: ['p1'] });
  });

  it('keeps work ids stable when other works are added, even one whose slug clashes and sorts after', () => {
    const before = built().works.map((w) => [w.id, w.keys.join(',')]);
    const more = bibliographies();
    more[1].entries.unshift(entry('bibliography/p2.bib', 'smithNew', { type: 'book', title: 'Study of zebras', author: [person('Smith')], issued: year(2019) }, 0));
    more[0].entries.unshift(entry('bibliography/p1.bib', 'aaa', { type: 'book', title: 'Aardvark', author: [person('Aaron')], issued: year(1999) }, 0));
    const after = buildIndex(input({ bibliographies: more })).value.works.map((w) => [w.id, w.keys.join(',')]);
    for (const pair of before) expect(after).toContainEqual(pair);
    expect(after).toHaveLength(before.length + 2);
    expect(after).toContainEqual(['smith-2019-study-3', 'smithNew']);
  });

  it('makes slugs from first author, year and first title word that is not an article', () => {
    expect(workSlug({ id: 'x', type: 'book', author: [{ literal: 'The World Bank' }], title: 'The State of Things', issued: { 'date-parts': [[2019]] } })).toBe('the-world-bank-2019-state');
    expect(workSlug({ id: 'x', type: 'book', title: 'Untitled' })).toBe('anon-nd-untitled');
    expect(assignWorkIds([{ slug: 'a', content: '2' }, { slug: 'a', content: '1' }, { slug: 'a-2', content: '0' }])).toEqual(['a-3', 'a', 'a-2']);
  });
});

describe('buildIndex — citations, statistics, instruments, recommendations', () => {
  it('gives file positions: body line plus the front-matter offset, 1-based column', () => {
    const row = built().citations.find((c) => c.text === '(Smith, 2019a; Nobody, 1999)');
    expect(row).toMatchObject({ paper: 'p1', line: 7, column: p1Body.split('\n')[1].indexOf('(Smith') + 1 });
  });

  it('takes the worst status of a citation’s items and links only resolved or mismatched items', () => {
    const row = built().citations.find((c) => c.text === '(Smith, 2019a; Nobody, 1999)');
    expect(row).toMatchObject({ status: 'unresolved', works: ['smith-2019-study'], mismatch: null, locator: null, narrative: false });
    expect(row?.items?.map((i) => [i.text, i.status, i.works])).toEqual([
      ['Smith, 2019a', 'resolved', ['smith-2019-study']],
      ['Nobody, 1999', 'unresolved', []],
    ]);
  });

  it('describes mismatches and keeps suggestions per item', () => {
    const row = built().citations.find((c) => c.text === '(Carpinteri et al., 2018; Doe, 2020)');
    expect(row).toMatchObject({ paper: 'p2', line: 4, status: 'mismatch', works: ['carpinteri-2018-commercial', 'doe-2020-report'], mismatch: 'year: cited 2021, bibliography has 2020' });
    expect(row?.items?.[1]).toMatchObject({ status: 'mismatch', suggestion: 'did you mean Doe (2020)?' });
    expect(row?.items?.[0]).not.toHaveProperty('suggestion');
  });

  it('keeps the first locator and sorts citations by paper, line, column', () => {
    const rows = built().citations;
    expect(rows.map((c) => [c.paper, c.line, c.column])).toEqual(
      [...rows].map((c) => [c.paper, c.line, c.column]).sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2])),
    );
    expect(rows[0]).toMatchObject({ paper: 'p1', text: '(Brânză & Stati, 2015, p. 482)', locator: 'p. 482', works: ['branza-2015-tratat'], line: 6 });
  });

  it('links a statistic to the works of the citation with its source span', () => {
    expect(built().statistics).toEqual([
      {
        paper: 'p1', text: '40%', value: 40, valueMax: null, kind: 'percentage', unit: '%', qualifier: 'about', about: 'victims',
        source: { text: '(Smith, 2019a; Nobody, 1999)', works: ['smith-2019-study'] },
        line: 7, column: p1Body.split('\n')[1].indexOf('40%') + 1, sentence: 's-2',
      },
    ]);
  });

  it('lists mentioned registry instruments and unregistered ones, mentions sorted, articles numeric', () => {
    const { instruments } = built();
    expect(instruments.map((i) => [i.id, i.registered, i.kind])).toEqual([
      ['crc', true, 'convention'],
      ['unregistered:model-law', false, 'unregistered'],
    ]);
    expect(instruments[0]).toMatchObject({ name: 'Convention on the Rights of the Child', year: 1989, articleUrl: 'https://example.org/crc#art{article}' });
    expect(instruments[0].mentions.map((m) => [m.paper, m.line, m.articles])).toEqual([
      ['p1', 8, ['2', '10']],
      ['p2', 4, []],
    ]);
  });

  it('groups recommendations by primary theme and primary actor, `general` when none', () => {
    expect(built().recommendations.map((r) => [r.line, r.group])).toEqual([
      [8, 'legal-reform/states'],
      [9, 'general/general'],
    ]);
  });

  it('lists papers by id with display authors, leaves findings empty and carries the taxonomy labels', () => {
    const index = built();
    expect(index.papers.map((p) => [p.id, p.authors, p.supplied])).toEqual([
      ['p1', ['A. Reviewer'], ['title', 'year']],
      ['p2', ['A. Reviewer'], []],
    ]);
    expect(index.findings).toEqual([]);
    expect(index.themes).toEqual([
      { id: 'awareness', label: 'Awareness', parent: 'prevention' },
      { id: 'legal-reform', label: 'Legal reform', parent: null },
    ]);
  });

  it('reports and leaves out mentions of a paper that is not in the corpus', () => {
    const base = input();
    const ghost = extraction('ghost', { recommendations: [{ paper: 'ghost', text: 'x', span: { start: 0, end: 1 }, actors: [], themes: [], cue: 'should', sentence: 's-1' }] });
    const { value, diagnostics } = buildIndex({ ...base, extractions: [...base.extractions, ghost] });
    expect(value.recommendations.some((r) => r.paper === 'ghost')).toBe(false);
    expect(diagnostics.map((d) => d.code)).toEqual(['index-unknown-paper']);
  });
});

describe('buildIndex — output', () => {
  it('is deterministic: two builds give the same JSON', () => {
    expect(JSON.stringify(built())).toBe(JSON.stringify(built()));
  });

  it('does not depend on the order of its inputs', () => {
    const base = input();
    const shuffled: IndexInput = {
      ...base,
      corpus: { papers: [...base.corpus.papers].reverse(), bibliographies: [...base.corpus.bibliographies].reverse() },
      extractions: [...base.extractions].reverse(),
      resolved: [...base.resolved].reverse(),
      instruments: [...registry].reverse(),
      themes: [...themes].reverse(),
    };
    expect(JSON.stringify(buildIndex(shuffled).value)).toBe(JSON.stringify(buildIndex(base).value));
  });

  const schema = JSON.parse(readFileSync(new URL('../public/corpus.schema.json', import.meta.url), 'utf8'));
  const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

  it('validates against public/corpus.schema.json', () => {
    const index = built();
    const valid = validate(JSON.parse(JSON.stringify(index)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has a schema that rejects unknown fields and wrong statuses', () => {
    const index = JSON.parse(JSON.stringify(built()));
    index.citations[0].status = 'maybe';
    index.papers[0].extra = true;
    expect(validate(index)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath).sort()).toEqual(['/citations/0/status', '/papers/0']);
  });

  it('describes every field of the schema', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties) {
        for (const [name, sub] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
          if (typeof sub.description !== 'string' || sub.description === '') missing.push(`${path}/${name}`);
          walk(sub, `${path}/${name}`);
        }
      }
      if (n.items) walk(n.items, `${path}[]`);
      if (n.$defs) for (const [name, sub] of Object.entries(n.$defs as Record<string, unknown>)) walk(sub, `#${name}`);
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });
});

describe('public surface', () => {
  it('exports the index stage', () => {
    expect(Object.keys(indexStage).sort()).toEqual(['assignWorkIds', 'buildIndex', 'recommendationGroup', 'workSlug', 'worstStatus']);
  });
});
