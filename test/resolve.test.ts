import { describe, expect, it } from 'vitest';
import * as resolve from '../src/lib/resolve/index.ts';
import { authorYearMatch, resolveCitations, type MatchStrategy } from '../src/lib/resolve/index.ts';
import type { CitationMismatch, CitedItem, Corpus, ResolvedItem } from '../src/lib/types.ts';
import { extraction, fixtureBibliographies, item, mention, paper } from './fixtures/resolve/factories.ts';

const corpus: Corpus = {
  papers: [paper('paper-a'), paper('paper-b'), paper('paper-c'), paper('paper-n', { bibliography: null })],
  bibliographies: fixtureBibliographies(),
};

/** Resolves `cited` as the last citation of a paper, after `earlier` citations of the same paper. */
function resolveOne(cited: CitedItem, { inPaper = 'paper-a', earlier = [] as CitedItem[], options = {} } = {}): ResolvedItem {
  const citations = [...earlier, cited].map((i) => mention(inPaper, [i]));
  const { value } = resolveCitations(corpus, [extraction(inPaper, { citations })], options);
  return value[value.length - 1].items[0];
}

interface Expected {
  status: ResolvedItem['status'];
  key?: string;
  file?: string;
  scope?: ResolvedItem['scope'];
  mismatches?: CitationMismatch[];
  suggestion?: string | null;
  candidates?: string[];
}

function check(result: ResolvedItem, expected: Expected): void {
  expect(result.status).toBe(expected.status);
  if (expected.key !== undefined) expect(result.entry?.key).toBe(expected.key);
  if (expected.file !== undefined) expect(result.entry?.file).toBe(expected.file);
  if (expected.scope !== undefined) expect(result.scope).toBe(expected.scope);
  expect(result.mismatches).toEqual(expected.mismatches ?? []);
  if (expected.suggestion !== undefined) expect(result.suggestion).toBe(expected.suggestion);
  if (expected.candidates) expect(result.candidates.map((c) => c.key)).toEqual(expected.candidates);
  if (expected.status === 'unresolved' || expected.status === 'ambiguous') expect(result.entry).toBeNull();
}

const cases: { name: string; cited: CitedItem; earlier?: CitedItem[]; inPaper?: string; expected: Expected }[] = [
  {
    name: 'resolves a two-author citation joined by &',
    cited: item({ authors: ['Kneebone', 'Debeljak'], year: '2012' }),
    expected: { status: 'resolved', key: 'Kneebone2012', scope: 'own', suggestion: null },
  },
  {
    name: 'resolves authors still joined by & in one string',
    cited: item({ authors: ['Kneebone & Debeljak'], year: '2012' }),
    expected: { status: 'resolved', key: 'Kneebone2012' },
  },
  {
    name: 'resolves authors still joined by "and" in one string',
    cited: item({ authors: ['Kneebone and Debeljak'], year: '2012' }),
    expected: { status: 'resolved', key: 'Kneebone2012' },
  },
  {
    name: 'resolves comma-separated authors with a page pinpoint',
    cited: item({ authors: ['Brânză, Stati'], year: '2015', locator: 'p. 482-483' }),
    expected: { status: 'resolved', key: 'branza2015' },
  },
  {
    name: 'folds diacritics: Branza resolves to Brânză and is not a mismatch',
    cited: item({ authors: ['Branza', 'Stati'], year: '2015' }),
    expected: { status: 'resolved', key: 'branza2015', mismatches: [] },
  },
  {
    name: 'folds cedilla and comma-below letters alike (ş/ș, ţ/ț)',
    cited: item({ authors: ['Copețchi'], year: '2022' }),
    expected: { status: 'resolved', key: 'copetchi2022' },
  },
  {
    name: 'resolves an organisation cited by an abbreviation the paper introduced',
    earlier: [item({ authors: ["United Nations Children's Fund"], introduces: 'UNICEF', year: '2021' })],
    cited: item({ authors: ['UNICEF'], year: '2021' }),
    expected: { status: 'resolved', key: 'unicef2021', scope: 'own' },
  },
  {
    name: 'leaves an abbreviation unresolved when the paper never introduced it and initials do not derive it',
    cited: item({ authors: ['UNICEF'], year: '2021' }),
    expected: { status: 'unresolved', scope: null },
  },
  {
    name: 'resolves the item that introduces an abbreviation by its full name',
    cited: item({ authors: ['United Nations Office on Drugs and Crime'], introduces: 'UNODC', year: '2020' }),
    expected: { status: 'resolved', key: 'unodc2020' },
  },
  {
    name: 'resolves an organisation cited by the initials of its capitalised words',
    cited: item({ authors: ['UNHCR'], year: '2019' }),
    expected: { status: 'resolved', key: 'unhcr2019' },
  },
  {
    name: 'resolves an organisation whose name in the entry starts with the cited name',
    cited: item({ authors: ['ECPAT'], year: '2020' }),
    expected: { status: 'resolved', key: 'ecpat2020' },
  },
  {
    name: 'resolves year suffix a to the first of the author’s entries that year, by title',
    cited: item({ authors: ['Smith'], year: '2019a' }),
    expected: { status: 'resolved', key: 'smithAlpha' },
  },
  {
    name: 'resolves year suffix b to the second of the author’s entries that year, by title',
    cited: item({ authors: ['Smith'], year: '2019b' }),
    expected: { status: 'resolved', key: 'smithBeta' },
  },
  {
    name: 'resolves n.d. to an entry without a year',
    cited: item({ authors: ['Roe'], year: 'n.d.' }),
    expected: { status: 'resolved', key: 'roeUndated' },
  },
  {
    name: 'resolves a pandoc key in the paper’s own bibliography first',
    cited: item({ key: 'Shared', text: '@Shared' }),
    expected: { status: 'resolved', key: 'Shared', file: 'bibliography/paper-a.bib', scope: 'own' },
  },
  {
    name: 'resolves a pandoc key from the paper’s own bibliography when another file has it too (paper b)',
    inPaper: 'paper-b',
    cited: item({ key: 'Shared', text: '@Shared' }),
    expected: { status: 'resolved', key: 'Shared', file: 'bibliography/paper-b.bib', scope: 'own' },
  },
  {
    name: 'resolves a pandoc key found only in another bibliography file',
    cited: item({ key: 'onlyInB', text: '@onlyInB' }),
    expected: { status: 'resolved', key: 'onlyInB', file: 'bibliography/paper-b.bib', scope: 'corpus' },
  },
  {
    name: 'treats pandoc keys as case-sensitive and suggests the key with the right case',
    cited: item({ key: 'kneebone2012', text: '@kneebone2012' }),
    expected: { status: 'unresolved', suggestion: 'did you mean @Kneebone2012?' },
  },
  {
    name: 'leaves an unknown pandoc key unresolved without guessing by author',
    cited: item({ key: 'nobody1999', text: '@nobody1999', authors: ['Kneebone'], year: '2012' }),
    expected: { status: 'unresolved', suggestion: null },
  },
  {
    name: 'lets the paper’s own list win over an equally good entry elsewhere in the corpus',
    cited: item({ authors: ['Miller'], year: '2017' }),
    expected: { status: 'resolved', key: 'millerOwn', scope: 'own' },
  },
  {
    name: 'falls back to the whole corpus when the own list has no candidate',
    cited: item({ authors: ['Ferrao'], year: '2020' }),
    expected: { status: 'resolved', key: 'ferrao2020', scope: 'corpus' },
  },
  {
    name: 'resolves against the corpus for a paper without a bibliography',
    inPaper: 'paper-n',
    cited: item({ authors: ['Kneebone', 'Debeljak'], year: '2012' }),
    expected: { status: 'resolved', key: 'Kneebone2012', scope: 'corpus' },
  },
  {
    name: 'treats the same work listed in two other files as one candidate, not an ambiguity',
    cited: item({ authors: ['Europol'], year: '2018' }),
    expected: { status: 'resolved', key: 'europol2018', file: 'bibliography/paper-b.bib', scope: 'corpus' },
  },
  {
    name: 'flags a misspelt co-author as a spelling mismatch and suggests the entry',
    cited: item({ authors: ['Larii', 'Pohilă'], year: '2019' }),
    expected: {
      status: 'mismatch',
      key: 'larii2019',
      mismatches: [{ kind: 'spelling', cited: 'Pohilă', entry: 'Pohlă' }],
      suggestion: 'did you mean Larii & Pohlă (2019)?',
    },
  },
  {
    name: 'flags a misspelt organisation against its name without a generic trailing word',
    cited: item({ authors: ['ECPACT'], year: '2020' }),
    expected: {
      status: 'mismatch',
      key: 'ecpat2020',
      mismatches: [{ kind: 'spelling', cited: 'ECPACT', entry: 'ECPAT International' }],
      suggestion: 'did you mean ECPAT International (2020)?',
    },
  },
  {
    name: 'compares an organisation stored as a lone family name (BibTeX double braces) like a literal',
    cited: item({ authors: ['Child Rights Netwrok'], year: '2016' }),
    expected: { status: 'mismatch', key: 'crn2016', mismatches: [{ kind: 'spelling', cited: 'Child Rights Netwrok', entry: 'Child Rights Network International' }] },
  },
  {
    name: 'does not take another paper’s entry as evidence of a wrong year',
    cited: item({ authors: ['Ferrao'], year: '2021' }),
    expected: { status: 'unresolved', scope: null },
  },
  {
    name: 'does not take another paper’s entry as evidence of a misspelling',
    cited: item({ authors: ['Feraro'], year: '2020' }),
    expected: { status: 'unresolved', scope: null },
  },
  {
    name: 'flags words run together as a spelling mismatch (compared with spaces removed)',
    cited: item({ authors: ['Weprotect Global Alliance'], year: '2023' }),
    expected: { status: 'mismatch', key: 'weprotect2023', mismatches: [{ kind: 'spelling', cited: 'Weprotect Global Alliance', entry: 'We protect Global Alliance' }] },
  },
  {
    name: 'flags a year that differs by a few years as a year mismatch',
    cited: item({ authors: ['Kneebone', 'Debeljak'], year: '2011' }),
    expected: {
      status: 'mismatch',
      key: 'Kneebone2012',
      mismatches: [{ kind: 'year', cited: '2011', entry: '2012' }],
      suggestion: 'did you mean Kneebone & Debeljak (2012)?',
    },
  },
  {
    name: 'does not link a year far from the entry’s',
    cited: item({ authors: ['Kneebone', 'Debeljak'], year: '1990' }),
    expected: { status: 'unresolved' },
  },
  {
    name: 'flags et al. with a two-author entry as an author-count mismatch (etAl)',
    cited: item({ authors: ['Kneebone'], etAl: true, year: '2012' }),
    expected: {
      status: 'mismatch',
      key: 'Kneebone2012',
      mismatches: [{ kind: 'author-count', cited: 1, entry: 2, etAl: true }],
      suggestion: 'did you mean Kneebone & Debeljak (2012)?',
    },
  },
  {
    name: 'flags et al. written inside the author string too',
    cited: item({ authors: ['Kneebone et al.'], year: '2012' }),
    expected: { status: 'mismatch', key: 'Kneebone2012', mismatches: [{ kind: 'author-count', cited: 1, entry: 2, etAl: true }] },
  },
  {
    name: 'does not flag et al. for an entry of three authors',
    cited: item({ authors: ['Carpinteri'], etAl: true, year: '2018' }),
    expected: { status: 'resolved', key: 'carpinteri2018' },
  },
  {
    name: 'does not flag three listed authors followed by et al. for an entry of three authors',
    cited: item({ authors: ['Carpinteri', 'Bang', 'Klimley'], etAl: true, year: '2018', locator: 'p. 150' }),
    expected: { status: 'resolved', key: 'carpinteri2018' },
  },
  {
    name: 'does not flag three authors listed without et al. for an entry of three',
    cited: item({ authors: ['Carpinteri', 'Bang', 'Klimley'], year: '2018' }),
    expected: { status: 'resolved', key: 'carpinteri2018' },
  },
  {
    name: 'flags two names cited for an entry of three authors as an author-count mismatch, still linked',
    cited: item({ authors: ['Carpinteri', 'Bang'], year: '2018' }),
    expected: {
      status: 'mismatch',
      key: 'carpinteri2018',
      mismatches: [{ kind: 'author-count', cited: 2, entry: 3, etAl: false }],
      suggestion: 'did you mean Carpinteri et al. (2018)?',
    },
  },
  {
    name: 'reports equally good entries as ambiguous with their candidates',
    cited: item({ authors: ['Doe'], year: '2020' }),
    expected: { status: 'ambiguous', scope: 'own', candidates: ['doeLabour', 'doeMigration'] },
  },
  {
    name: 'leaves an unknown author unresolved',
    cited: item({ authors: ['Nobody'], year: '1999' }),
    expected: { status: 'unresolved', scope: null, suggestion: null },
  },
  {
    name: 'leaves an item with no author unresolved',
    cited: item({ authors: [], year: '2020', text: '2020' }),
    expected: { status: 'unresolved' },
  },
];

describe('resolveCitations', () => {
  for (const c of cases) {
    it(c.name, () => {
      check(resolveOne(c.cited, { inPaper: c.inPaper, earlier: c.earlier }), c.expected);
    });
  }

  it('never drops an item: one result per mention, one per cited item, in order', () => {
    const items = [
      item({ authors: ['Kneebone', 'Debeljak'], year: '2012', start: 1 }),
      item({ authors: ['Nobody'], year: '1999', start: 30 }),
      item({ key: 'missing', text: '@missing', start: 50 }),
    ];
    const citations = [mention('paper-a', items), mention('paper-a', [item({ authors: ['Doe'], year: '2020', start: 80 })])];
    const { value } = resolveCitations(corpus, [extraction('paper-a', { citations })]);
    expect(value.map((r) => r.citation)).toEqual(citations);
    expect(value.map((r) => r.items.map((i) => i.item))).toEqual([items, citations[1].items]);
    expect(value.map((r) => r.items.map((i) => i.status))).toEqual([['resolved', 'unresolved', 'unresolved'], ['ambiguous']]);
  });

  it('uses bibliography/<id>.bib when the front matter names no bibliography', () => {
    const own = { ...corpus, papers: [paper('paper-b', { bibliography: null })] };
    const { value } = resolveCitations(own, [extraction('paper-b', { citations: [mention('paper-b', [item({ authors: ['Miller'], year: '2017' })])] })]);
    expect(value[0].items[0]).toMatchObject({ status: 'resolved', scope: 'own', entry: { key: 'millerOther' } });
  });

  it('reports a declared bibliography that is not in the corpus, and still resolves against the corpus', () => {
    const missing = { ...corpus, papers: [paper('paper-x', { bibliography: 'bibliography/nowhere.bib' })] };
    const { value, diagnostics } = resolveCitations(missing, [
      extraction('paper-x', { citations: [mention('paper-x', [item({ authors: ['Ferrao'], year: '2020' })])] }),
    ]);
    expect(value[0].items[0]).toMatchObject({ status: 'resolved', scope: 'corpus' });
    expect(diagnostics).toMatchObject([{ severity: 'warning', code: 'bibliography-missing', file: 'papers/paper-x.md' }]);
  });

  it('reports an extraction for a paper that is not in the corpus', () => {
    const { diagnostics } = resolveCitations(corpus, [extraction('ghost', { citations: [] })]);
    expect(diagnostics.map((d) => d.code)).toEqual(['resolve-unknown-paper']);
  });

  it('takes the matching strategy from options.match', () => {
    const calls: string[] = [];
    const onlyUndated: MatchStrategy = (cited, entry) => {
      calls.push(entry.key);
      return entry.csl.issued ? null : { penalty: 0, mismatches: [] };
    };
    const result = resolveOne(item({ authors: ['Kneebone', 'Debeljak'], year: '2012' }), { options: { match: onlyUndated } });
    expect(result).toMatchObject({ status: 'resolved', entry: { key: 'roeUndated' } });
    expect(calls.length).toBeGreaterThan(0);
  });

  it('lets a stricter default strategy reject year mismatches (maxYearGap 0)', () => {
    const strict = authorYearMatch({ maxYearGap: 0 });
    const result = resolveOne(item({ authors: ['Kneebone', 'Debeljak'], year: '2011' }), { options: { match: strict } });
    expect(result.status).toBe('unresolved');
  });

  it('is deterministic', () => {
    const citations = cases.map((c) => mention('paper-a', [c.cited]));
    const run = () => JSON.stringify(resolveCitations(corpus, [extraction('paper-a', { citations })]).value);
    expect(run()).toBe(run());
  });

  it('resolves one paper at a time as it resolves all (the pipeline resolves papers as they come back from the workers)', () => {
    const extractions = corpus.papers.map((p, i) =>
      extraction(p.meta.id, { citations: cases.filter((_, k) => k % corpus.papers.length === i).map((c) => mention(p.meta.id, [c.cited])) }),
    );
    extractions.push(extraction('ghost', { citations: [] }));
    const all = resolveCitations(corpus, extractions);
    const resolver = resolve.createResolver(corpus);
    const one = extractions.map((e) => resolver.resolvePaper(e));
    expect(one.flatMap((r) => r.value)).toEqual(all.value);
    expect(one.flatMap((r) => r.diagnostics)).toEqual(all.diagnostics);
    expect(all.value.length).toBe(cases.length);
  });
});

describe('public surface', () => {
  it('exports the resolution stage and its default strategy', () => {
    expect(Object.keys(resolve).sort()).toEqual([
      'authorYearMatch',
      'citeLabel',
      'createResolver',
      'defaultMatch',
      'describeMismatch',
      'fold',
      'introducedAbbreviations',
      'normaliseDoi',
      'normaliseName',
      'ownBibliographyFile',
      'resolveCitations',
      'sameWork',
      'suggestEntry',
      'workIdentity',
    ]);
  });

  it('folds ş/ș, ţ/ț, ł, ø and ß', () => {
    expect(resolve.normaliseName('Şerban Țuţu Łukasz Øster Straße')).toBe('serban tutu lukasz oster strasse');
    expect(resolve.normaliseName('The World Bank')).toBe('world bank');
  });
});
