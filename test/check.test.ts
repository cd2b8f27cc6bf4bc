// Consistency checks: each family on small synthetic papers run through the real stages, including what must NOT be reported.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as check from '../src/lib/check/index.ts';
import { checkCorpus, coverage, malformedDois, sortFindings } from '../src/lib/check/index.ts';
import { buildKnowledge, extractPaper } from '../src/lib/extract/index.ts';
import { buildIndex } from '../src/lib/index/index.ts';
import { readBibtex } from '../src/lib/ingest/bibtex.ts';
import { resolveCitations } from '../src/lib/resolve/index.ts';
import type { CorpusIndex, Finding, Instrument, Paper } from '../src/lib/types.ts';
import { paper } from './fixtures/resolve/factories.ts';
import { runCheck } from '../src/cli/check.ts';

// ---- factories ----

interface PaperCase {
  id: string;
  body: string;
  /** BibTeX of the paper's own list; no list when absent. */
  bib?: string;
  meta?: Partial<Paper['meta']>;
}

/** A registry entry with the fields the checks read. */
function instrument(fields: Partial<Instrument> & { id: string; name: string }): Instrument {
  return { kind: 'convention', ...fields };
}

/** The pipeline's stages on in-memory papers and BibTeX; the check's output and the index it saw. */
function run(cases: PaperCase[], registry: Instrument[] = []): { findings: Finding[]; index: CorpusIndex } {
  const bibliographies = cases.filter((c) => c.bib !== undefined).map((c) => readBibtex(c.bib as string, `bibliography/${c.id}.bib`).value);
  const corpus = {
    papers: cases.map((c) => paper(c.id, { body: c.body, bibliography: c.bib !== undefined ? `bibliography/${c.id}.bib` : null, ...c.meta })),
    bibliographies,
  };
  const knowledge = buildKnowledge({ instruments: registry, referenceWords: { convention: ['Convention'], directive: ['Directive'] } });
  const extractions = corpus.papers.map((p) => extractPaper({ paper: p.meta.id, body: p.body }, knowledge));
  const resolved = resolveCitations(corpus, extractions).value;
  const index = buildIndex({ corpus, extractions, resolved, instruments: registry, themes: [], actors: [] }).value;
  const out = checkCorpus({ corpus, extractions, index, instruments: registry, resolved });
  return { findings: out.value.findings, index: { ...index, statistics: out.value.statistics, findings: out.value.findings } };
}

function ofKind(findings: Finding[], kind: string): Finding[] {
  return findings.filter((f) => f.kind === kind);
}

const OKAFOR_LIND = `@article{okafor2019,
  author = {Okafor, Ada and Lind, Bo},
  title = {Border work and child protection},
  journal = {Journal of Borders},
  year = {2019},
}
`;

const THREE_AUTHORS = `@article{harrow2018,
  author = {Harrow, Cy and Berg, Di and Nguyen, Em},
  title = {Offender pathways},
  journal = {Crime Review},
  year = {2018},
}
`;

// ---- citations against the reference list ----

describe('citations and the reference list', () => {
  it('reports a citation with no entry in the paper’s own list as an error at its line and column', () => {
    const { findings } = run([{ id: 'a', body: 'Intro.\n\nText (Okafor & Lind, 2019) and (Jones, 2018).', bib: OKAFOR_LIND }]);
    const unresolved = ofKind(findings, 'citation-unresolved');
    expect(unresolved).toHaveLength(1);
    expect(unresolved[0]).toMatchObject({ severity: 'error', paper: 'a', text: 'Jones, 2018', file: 'papers/a.md', line: 3, column: 33 });
    expect(unresolved[0].sentence).toMatch(/^s-\d+$/);
  });

  it('reports the citations of a paper without a reference list as warnings, plus one note for the paper', () => {
    const { findings } = run([{ id: 'a', body: 'One (Jones, 2018). Two (Smith & Wu, 2020).' }]);
    expect(ofKind(findings, 'citation-unresolved').map((f) => [f.severity, f.text])).toEqual([
      ['warning', 'Jones, 2018'],
      ['warning', 'Smith & Wu, 2020'],
    ]);
    expect(ofKind(findings, 'reference-list-missing')).toMatchObject([{ severity: 'note', paper: 'a', line: 1 }]);
  });

  it('says nothing about a paper that neither cites nor lists anything', () => {
    expect(run([{ id: 'a', body: 'A short text with no sources.' }]).findings).toEqual([]);
  });

  it('reports a citation found only in another paper’s list as missing from the paper’s own list, naming where it is', () => {
    const { findings } = run([
      { id: 'a', body: 'Cited (Okafor & Lind, 2019).', bib: OKAFOR_LIND },
      { id: 'b', body: 'Also (Okafor & Lind, 2019) and (Harrow et al., 2018).', bib: THREE_AUTHORS },
    ]);
    const [f] = ofKind(findings, 'citation-unresolved');
    expect(f).toMatchObject({ paper: 'b', severity: 'error', text: 'Okafor & Lind, 2019' });
    expect(f.suggestion).toContain('bibliography/a.bib');
  });

  it('reports an entry that the text never cites at its line in the .bib file, for the paper whose list it is', () => {
    const bib = `${OKAFOR_LIND}\n@book{unused2001,\n  author = {Quill, Fay},\n  title = {Never cited},\n  year = {2001},\n}\n`;
    const { findings } = run([{ id: 'a', body: 'Cited (Okafor & Lind, 2019).', bib }]);
    expect(ofKind(findings, 'reference-uncited')).toMatchObject([
      { severity: 'warning', paper: 'a', file: 'bibliography/a.bib', line: 8, column: 1, text: 'Never cited' },
    ]);
  });

  it('reports every entry of a list that the paper never cites at all', () => {
    const { findings } = run([{ id: 'a', body: 'No citations here.', bib: OKAFOR_LIND + THREE_AUTHORS }]);
    expect(ofKind(findings, 'reference-uncited').map((f) => f.line)).toEqual([1, 7]);
  });

  it('counts an entry of a list shared by two papers as cited when either cites it, and reports the rest once', () => {
    const shared = { bibliography: 'bibliography/shared.bib' };
    const bibliographies = [readBibtex(OKAFOR_LIND + THREE_AUTHORS, 'bibliography/shared.bib').value];
    const corpus = { papers: [paper('a', { body: 'See (Okafor & Lind, 2019).', ...shared }), paper('b', { body: 'Nothing cited.', ...shared })], bibliographies };
    const knowledge = buildKnowledge({ instruments: [] });
    const extractions = corpus.papers.map((p) => extractPaper({ paper: p.meta.id, body: p.body }, knowledge));
    const resolved = resolveCitations(corpus, extractions).value;
    const index = buildIndex({ corpus, extractions, resolved, instruments: [], themes: [], actors: [] }).value;
    const { findings } = checkCorpus({ corpus, extractions, index, instruments: [] }).value;
    expect(ofKind(findings, 'reference-uncited')).toMatchObject([{ paper: null, line: 7 }]);
  });

  it('pairs an unresolved citation with the uncited entry of the same year it probably meant', () => {
    const bib = `@misc{summit2001,\n  title = {Outcome document},\n  year = {2001},\n  note = {Reference as printed: The Second Harbour Summit (2001), Outcome document, Harbour City.},\n}\n`;
    const { findings } = run([{ id: 'a', body: 'As agreed (The Second Harbour Summit, Harbour City, 2001).', bib }]);
    expect(ofKind(findings, 'citation-unresolved')[0].suggestion).toContain('The Second Harbour Summit (2001)');
    expect(ofKind(findings, 'reference-uncited')[0].suggestion).toContain('The Second Harbour Summit, Harbour City, 2001');
  });
});

// ---- mismatches with the entry ----

describe('citations that disagree with their entry', () => {
  it('reports a misspelt author name with a suggestion', () => {
    const { findings } = run([{ id: 'a', body: 'Text (Okafor & Lnid, 2019).', bib: OKAFOR_LIND }]);
    expect(ofKind(findings, 'author-spelling')).toMatchObject([{ severity: 'warning', text: 'Okafor & Lnid, 2019', suggestion: 'did you mean Okafor & Lind (2019)?' }]);
    expect(ofKind(findings, 'citation-unresolved')).toEqual([]);
  });

  it('does not report names that differ only by diacritics (Branza for Brânză)', () => {
    const bib = '@book{branza2015,\n  author = {Br{\\^a}nz{\\u a}, S. and Stati, V.},\n  title = {Tratat},\n  publisher = {CEP},\n  year = {2015},\n}\n';
    const { findings } = run([{ id: 'a', body: 'Text (Branza, Stati, 2015, p. 4) and (Brânză & Stati, 2015).', bib }]);
    expect(findings).toEqual([]);
  });

  it('reports a year that differs from the entry as an error', () => {
    const { findings } = run([{ id: 'a', body: 'Text (Okafor & Lind, 2018).', bib: OKAFOR_LIND }]);
    expect(ofKind(findings, 'year-mismatch')).toMatchObject([{ severity: 'error', text: 'Okafor & Lind, 2018' }]);
  });

  it('does not call it a year mismatch when the entry has no year but its own title gives the cited one', () => {
    const bib = '@misc{res,\n  title = {Harbour Council resolution of 3 May 2021 on ports},\n}\n';
    const { findings } = run([{ id: 'a', body: 'Text (Harbour Council resolution, 2021).', bib }]);
    expect(ofKind(findings, 'year-mismatch')).toEqual([]);
    expect(ofKind(findings, 'reference-missing-field')[0].suggestion).toContain('year = {2021}');
  });

  it('reports a citation naming fewer authors than the entry', () => {
    const { findings } = run([{ id: 'a', body: 'Text (Okafor, 2019).', bib: OKAFOR_LIND }]);
    expect(ofKind(findings, 'author-count')).toMatchObject([{ severity: 'warning', suggestion: 'write Okafor & Lind (2019)' }]);
  });

  it('reports et al. for a two-author work', () => {
    const { findings } = run([{ id: 'a', body: 'Text (Okafor et al., 2019).', bib: OKAFOR_LIND }]);
    expect(ofKind(findings, 'et-al-misuse')).toMatchObject([{ severity: 'warning', text: 'Okafor et al., 2019' }]);
  });

  it('notes three or more authors listed where APA 7 wants the first author and et al.', () => {
    const { findings } = run([{ id: 'a', body: 'Text (Harrow, Berg, Nguyen, 2018).', bib: THREE_AUTHORS }]);
    expect(ofKind(findings, 'et-al-misuse')).toMatchObject([{ severity: 'note', suggestion: 'write Harrow et al. (2018)' }]);
  });

  it('does not report a correct et al. for a work of three authors', () => {
    const { findings } = run([{ id: 'a', body: 'Text (Harrow et al., 2018) and Harrow et al. (2018).', bib: THREE_AUTHORS }]);
    expect(findings).toEqual([]);
  });
});

// ---- abbreviations ----

describe('abbreviations cited as authors', () => {
  const bib = '@techreport{abc2020,\n  author = {{Agency for Better Care}},\n  title = {Annual review},\n  institution = {ABC},\n  year = {2020},\n}\n';

  it('reports an abbreviation used before the paper introduces it, pointing at the introduction', () => {
    const body = 'First (ABC, 2020).\n\nLater (Agency for Better Care [ABC], 2020).';
    const { findings } = run([{ id: 'a', body, bib }]);
    const [f] = ofKind(findings, 'abbreviation-before-introduction');
    expect(f).toMatchObject({ severity: 'warning', text: 'ABC, 2020', line: 1 });
    expect(f.message).toContain('line 3');
    expect(f.suggestion).toBe('write “Agency for Better Care [ABC]” at its first use');
  });

  it('does not report an abbreviation introduced in a citation before its use', () => {
    const body = 'First (Agency for Better Care [ABC], 2020).\n\nLater (ABC, 2020).';
    expect(ofKind(run([{ id: 'a', body, bib }]).findings, 'abbreviation-before-introduction')).toEqual([]);
  });

  it('does not report an abbreviation introduced in the prose before its use', () => {
    const body = 'The Agency for Better Care (ABC) reviews care homes.\n\nLater (ABC, 2020).';
    expect(ofKind(run([{ id: 'a', body, bib }]).findings, 'abbreviation-before-introduction')).toEqual([]);
  });

  it('does not take a surname printed in capitals for an abbreviation', () => {
    const own = '@book{moreau2017,\n  author = {MOREAU, Anne},\n  title = {Droit},\n  publisher = {P},\n  year = {2017},\n}\n';
    expect(run([{ id: 'a', body: 'Text (MOREAU, 2017).', bib: own }]).findings).toEqual([]);
  });

  it('does not report an abbreviation that the reference list itself uses as the author name', () => {
    const own = '@book{xyz2021,\n  author = {{XYZF}},\n  title = {Children and care},\n  publisher = {XYZF},\n  year = {2021},\n}\n';
    expect(run([{ id: 'a', body: 'Text (XYZF, 2021) and XYZF (2021).', bib: own }]).findings).toEqual([]);
  });
});

// ---- reference entries ----

describe('reference entries', () => {
  it('reports missing year, title and journal, each at the entry’s line', () => {
    const bib = '@misc{noyear,\n  author = {Quill, Fay},\n  title = {Undated thing},\n}\n@article{nojournal,\n  author = {Quill, Fay},\n  title = {Loose article},\n  year = {2010},\n}\n';
    const { findings } = run([{ id: 'a', body: 'See (Quill, n.d.) and (Quill, 2010).', bib }]);
    expect(ofKind(findings, 'reference-missing-field').map((f) => [f.line, f.message])).toEqual([
      [1, 'Reference entry `noyear` has no year.'],
      [5, 'Reference entry `nojournal` (article-journal) does not name its journal.'],
    ]);
  });

  it('does not ask for a year when the entry says n.d.', () => {
    const bib = '@misc{nd,\n  author = {Quill, Fay},\n  title = {Undated thing},\n  year = {n.d.},\n}\n';
    expect(ofKind(run([{ id: 'a', body: 'See (Quill, n.d.).', bib }]).findings, 'reference-missing-field')).toEqual([]);
  });

  it('reports a DOI that does not normalise to 10.NNNN/…, repairing only the lost dot', () => {
    const bib = '@article{bad,\n  author = {Quill, Fay},\n  title = {T},\n  journal = {J},\n  year = {2010},\n  doi = {doi-doi.org/104321/jx.77},\n}\n';
    const [f] = ofKind(run([{ id: 'a', body: 'See (Quill, 2010).', bib }]).findings, 'doi-malformed');
    expect(f).toMatchObject({ severity: 'error', file: 'bibliography/a.bib', line: 1 });
    expect(f.suggestion).toContain('10.4321/jx.77');
  });

  it('reports a malformed DOI in a paper’s front matter', () => {
    const { findings } = run([{ id: 'a', body: 'Text.', meta: { doi: 'https://doi-doi.org/109999/abc.1' } }]);
    expect(ofKind(findings, 'doi-malformed')).toMatchObject([{ paper: 'a', file: 'papers/a.md', line: 1, text: 'https://doi-doi.org/109999/abc.1' }]);
  });

  it('finds DOI links in free text and accepts the valid ones', () => {
    expect(malformedDois('x doi.org/10.1007/s1-2 y doi: 10.1177/25 https://dx.doi.org/10.1000/182 doing well')).toEqual([]);
    expect(malformedDois('see doi:1234/abc and https://doi.org/abc').map((d) => d.text)).toEqual(['doi:1234/abc', 'https://doi.org/abc']);
  });

  it('notes a link that kept its text but lost its address, and not one that has a URL', () => {
    const bib =
      '@misc{stub,\n  author = {{Harbour Group}},\n  title = {Report},\n  year = {2020},\n  note = {Reference as printed: Harbour Group. (2020). Report. Available: [report-2020.pdf](\\#) (harbour.org)},\n}\n' +
      '@misc{ok,\n  author = {{Harbour Group}},\n  title = {Other},\n  year = {2021},\n  url = {https://harbour.org/other},\n  note = {Reference as printed: Harbour Group. (2021). Other. Available: https://harbour.org/other},\n}\n';
    const { findings } = run([{ id: 'a', body: 'See (Harbour Group, 2020) and (Harbour Group, 2021).', bib }]);
    const stubs = ofKind(findings, 'url-stub');
    expect(stubs).toHaveLength(1);
    expect(stubs[0]).toMatchObject({ severity: 'note', line: 1 });
    expect(stubs[0].text).toContain('report-2020.pdf');
    expect(stubs[0].suggestion).toContain('harbour.org');
  });

  it('reports the same work listed twice in one file, by DOI and by author, year and title', () => {
    const bib =
      '@article{one,\n  author = {Quill, Fay},\n  title = {Same Title},\n  journal = {J},\n  year = {2010},\n  doi = {10.1234/a},\n}\n' +
      '@article{two,\n  author = {Other, Al},\n  title = {Different},\n  journal = {J},\n  year = {2011},\n  doi = {10.1234/A},\n}\n' +
      '@article{three,\n  author = {Quill, F.},\n  title = {Same title.},\n  journal = {J},\n  year = {2010},\n}\n';
    const { findings } = run([{ id: 'a', body: 'See (Quill, 2010) and (Other, 2011).', bib }]);
    expect(ofKind(findings, 'reference-duplicate').map((f) => f.message)).toEqual([
      'Entry `two` has the same DOI as `one` (bibliography/a.bib:1).',
      'Entry `three` has the same first author, year and title as `one` (bibliography/a.bib:1).',
    ]);
  });

  it('reports an event dated otherwise than the one year its own text states', () => {
    const bib = '@misc{congress,\n  title = {The Harbour Declaration},\n  year = {2007},\n  note = {Reference as printed: The First Harbour Congress (2007), The Harbour Declaration. Available: [HarbourDeclaration1996.pdf](\\#)},\n}\n';
    const { findings } = run([{ id: 'a', body: 'See (The Harbour Declaration, 2007).', bib }]);
    expect(ofKind(findings, 'reference-year-conflict')).toMatchObject([{ severity: 'warning', line: 1 }]);
  });

  it('does not report a report whose title year equals its date, nor a title with several years', () => {
    const bib =
      '@techreport{r2023,\n  author = {{Harbour Group}},\n  title = {Threat Assessment Report 2023},\n  institution = {HG},\n  year = {2023},\n}\n' +
      '@techreport{r2021,\n  author = {{Harbour Group}},\n  title = {Report on the strategy 2015-2020 and its review of 2019},\n  institution = {HG},\n  year = {2021},\n}\n';
    const { findings } = run([{ id: 'a', body: 'See (Harbour Group, 2023) and (Harbour Group, 2021).', bib }]);
    expect(ofKind(findings, 'reference-year-conflict')).toEqual([]);
  });

  it('reports an entry that is a registered instrument dated otherwise than the registry', () => {
    const registry = [instrument({ id: 'songbird', name: 'Convention on the Protection of Migratory Songbirds', year: 1999, body: 'Harbour Assembly' })];
    const bib = '@misc{songbird,\n  author = {{Harbour Assembly}},\n  title = {Convention on the Protection of Migratory Songbirds},\n  year = {2004},\n}\n';
    const { findings } = run([{ id: 'a', body: 'See (Harbour Assembly, 2004).', bib }], registry);
    expect(ofKind(findings, 'reference-year-conflict')[0].message).toContain('1999');
  });
});

// ---- across papers ----

describe('across papers', () => {
  it('reports one work with different years in two papers’ lists', () => {
    const a = '@article{q1,\n  author = {Quill, Fay},\n  title = {Harbours},\n  journal = {J},\n  year = {2010},\n  doi = {10.1234/h},\n}\n';
    const b = '@article{q2,\n  author = {Quill, Fay},\n  title = {Harbours},\n  journal = {J},\n  year = {2011},\n  doi = {10.1234/h},\n}\n';
    const { findings } = run([
      { id: 'a', body: 'See (Quill, 2010).', bib: a },
      { id: 'b', body: 'See (Quill, 2011).', bib: b },
    ]);
    expect(ofKind(findings, 'work-metadata-conflict')).toMatchObject([{ paper: 'b', file: 'bibliography/b.bib', severity: 'warning' }]);
  });

  it('groups statistics from one source about one thing and reports different values', () => {
    const bib = '@techreport{g2020,\n  author = {{Harbour Group}},\n  title = {Global report},\n  institution = {HG},\n  year = {2020},\n}\n';
    const { findings, index } = run([
      { id: 'a', body: 'Children account for 30% of all trafficking victims (Harbour Group, 2020).', bib },
      { id: 'b', body: 'Children account for 28% of all trafficking victims (Harbour Group, 2020).', bib },
      { id: 'c', body: 'Children account for 30% of all trafficking victims (Harbour Group, 2020).', bib },
    ]);
    const groups = index.statistics.map((s) => s.group);
    expect(new Set(groups).size).toBe(1);
    expect(groups[0]).toBeTruthy();
    expect(ofKind(findings, 'statistic-conflict')).toMatchObject([{ paper: 'b', text: '28%' }]);
  });
});

// ---- instruments ----

describe('instruments', () => {
  const songbird = instrument({
    id: 'songbird',
    name: 'Convention on the Protection of Migratory Songbirds',
    short: ['Songbird Convention'],
    year: 1999,
    articles: 10,
    body: 'Harbour Assembly',
  });
  const directive = instrument({
    id: 'dir-2015-12',
    name: 'Directive 2015/12/EU on the protection of migratory songbirds and their nesting habitats',
    short: ['Directive 2015/12/EU'],
    kind: 'directive',
    year: 2015,
  });

  it('reports an article beyond the registry’s last article', () => {
    const { findings } = run([{ id: 'a', body: 'Article 12 of the Songbird Convention and Article 3 of the Songbird Convention.' }], [songbird]);
    const out = ofKind(findings, 'article-out-of-range');
    expect(out).toMatchObject([{ severity: 'error', paper: 'a' }]);
    expect(out[0].message).toContain('article 12 does not exist');
  });

  it('notes an unregistered instrument once per paper', () => {
    const { findings } = run([{ id: 'a', body: 'Directive 2099/1/EU says so. Directive 2099/1/EU says more.' }, { id: 'b', body: 'Directive 2099/1/EU too.' }]);
    expect(ofKind(findings, 'instrument-unregistered').map((f) => [f.paper, f.severity])).toEqual([
      ['a', 'note'],
      ['b', 'note'],
    ]);
  });

  it('reports one title under another number as a conflict naming the registered instrument', () => {
    const body = 'It is regulated by Directive 2015/21/EU on the protection of migratory songbirds and their nesting habitats.';
    const { findings } = run([{ id: 'a', body }], [directive]);
    const [f] = ofKind(findings, 'instrument-conflict');
    expect(f).toMatchObject({ severity: 'error', text: 'Directive 2015/21/EU' });
    expect(f.suggestion).toContain('Directive 2015/12/EU');
    expect(ofKind(findings, 'instrument-unregistered')).toEqual([]);
  });

  it('does not report an unregistered directive whose title matches no registered one', () => {
    const body = 'It is regulated by Directive 2015/21/EU on the labelling of fishing nets.';
    expect(ofKind(run([{ id: 'a', body }], [directive]).findings, 'instrument-conflict')).toEqual([]);
  });

  it('reports an instrument given another year than the registry’s, and not the right year', () => {
    const { findings } = run(
      [
        { id: 'a', body: 'The Convention on the Protection of Migratory Songbirds (2001) protects them.' },
        { id: 'b', body: 'The Convention on the Protection of Migratory Songbirds (1999) protects them.' },
      ],
      [songbird],
    );
    expect(ofKind(findings, 'instrument-conflict')).toMatchObject([{ paper: 'a', severity: 'warning' }]);
  });
});

// ---- the stage as a whole ----

describe('the check stage', () => {
  it('pins its public exports', () => {
    expect(Object.keys(check).sort()).toEqual(['checkCorpus', 'countFindings', 'coverage', 'malformedDois', 'sortFindings', 'statisticGroups', 'statisticKey']);
  });

  it('sorts findings by paper, file, line, column and kind, whatever the input order', () => {
    const f = (paper: string | null, line: number, kind: string): Finding => ({ kind, severity: 'note', paper, text: '', message: '', line, column: 1, file: 'x' });
    const list = [f(null, 1, 'a'), f('b', 2, 'a'), f('b', 1, 'z'), f('b', 1, 'a'), f('a', 9, 'a')];
    expect(sortFindings(list).map((x) => `${x.paper}:${x.line}:${x.kind}`)).toEqual(['a:9:a', 'b:1:a', 'b:1:z', 'b:2:a', 'null:1:a']);
    expect(sortFindings([...list].reverse())).toEqual(sortFindings(list));
  });

  it('counts coverage from the index', () => {
    const { index } = run([{ id: 'a', body: 'Text (Okafor & Lind, 2019) and (Jones, 2018).', bib: OKAFOR_LIND }]);
    expect(coverage(index)).toMatchObject({ citations: 2, citationsResolved: 1, citationsLinked: 1, references: 1, referencesCited: 1 });
  });
});

describe('concordance check', () => {
  function corpusDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'concordance-check-'));
    mkdirSync(path.join(dir, 'papers'));
    mkdirSync(path.join(dir, 'bibliography'));
    writeFileSync(path.join(dir, 'papers/a.md'), '---\ntitle: A\n---\n\nText (Okafor & Lind, 2018).\n');
    writeFileSync(path.join(dir, 'bibliography/a.bib'), OKAFOR_LIND);
    return dir;
  }
  const registry = path.join(import.meta.dirname, '../src/data/instruments.yaml');
  const themes = path.join(import.meta.dirname, '../src/data/themes.yaml');

  async function capture(argv: string[]): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const log = console.log;
    const write = process.stdout.write.bind(process.stdout);
    console.log = (...args: unknown[]) => void lines.push(args.join(' '));
    process.stdout.write = ((chunk: string) => lines.push(String(chunk))) as unknown as typeof process.stdout.write;
    try {
      const code = await runCheck(argv);
      return { code, out: lines.join('\n') };
    } finally {
      console.log = log;
      process.stdout.write = write;
    }
  }

  it('prints coverage, findings with file:line:col and a summary, and fails under --strict on errors', async () => {
    const dir = corpusDir();
    try {
      const base = ['--root', dir, '--instruments', registry, '--themes', themes];
      const text = await capture(base);
      expect(text.code).toBe(0);
      expect(text.out).toContain('Coverage');
      expect(text.out).toContain('papers/a.md:5:7 error year-mismatch');
      expect(text.out).toMatch(/1 error, 0 warnings, 0 notes/);
      expect((await capture([...base, '--strict'])).code).toBe(1);
      const json = JSON.parse((await capture([...base, '--json'])).out) as Finding[];
      expect(json.map((f) => f.kind)).toEqual(['year-mismatch']);
      expect((await capture([...base, '--format', 'github'])).out).toContain('::error file=papers/a.md,line=5,col=7,title=year-mismatch::');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
