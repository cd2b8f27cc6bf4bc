// Property-based tests (fast-check, fixed seed): the importer, the citation parser and the BibTeX reader never throw,
// keep what they are given, and find what a generator planted.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importText } from '../src/lib/importer/index.ts';
import { extractPaper, loadKnowledge } from '../src/lib/extract/index.ts';
import { readBibtex } from '../src/lib/ingest/bibtex.ts';
import { repo } from './helpers/site.ts';

/** One seed for every property, so a failure reproduces; runs kept modest so CI stays fast. */
const seed = 20261122;
const run = (numRuns: number) => ({ seed, numRuns });

const knowledge = loadKnowledge(
  readFileSync(path.join(repo, 'src/data/instruments.yaml'), 'utf8'),
  readFileSync(path.join(repo, 'src/data/themes.yaml'), 'utf8'),
).value;

/** Any string: UTF-16 units (lone surrogates too), whole code points (astral ones too), and graphemes. */
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 }));
/** Lines of any text, as extracted PDFs give them. */
const anyLines = fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { maxLength: 60 }).map((lines) => lines.join('\n'));

/** Markdown made of the pieces parsers trip on: markup, brackets, citations, instruments, figures, raw HTML. */
const markdownPiece = fc.constantFrom(
  '#', '## ', '*', '**', '_', '`', '```', '[', ']', '(', ')', '{', '}', '<', '>', '> ', '- ', '1. ', '|', '---', '\n', '\n\n', ' ', '  ', '\t', '\\',
  '@', '[@', '-@', '; ', ', ', '&', ' & ', 'p.', 'pp. 3-4', 'et al.', 'Smith', 'Smith-Jones', 'O’Brien', 'van der Berg', 'UNICEF', '2019', '2019a', 'n.d.',
  '(Smith, 2019)', '[@smith2019]', 'Article 3', 'art. 3(1)', 'Directive 2011/36/EU', 'the Convention', '30%', '1,000', 'should', 'Governments',
  '<div>', '</div>', '<!--', '-->', '[^1]', '[^1]: note', ':', '.', '?', '!', '“', '”', '\u00ad', '\u200b', '\ud83d\ude00', '\ud800', 'é', 'e\u0301',
);
const markdown = fc.oneof(fc.array(markdownPiece, { maxLength: 120 }).map((a) => a.join('')), anyText);

describe('the importer (importText)', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, anyLines), (text) => {
        importText(text, { source: 'x.txt' });
      }),
      run(150),
    );
  });

  // Words of letters and digits, no hyphens (so no line-end de-hyphenation joins them); lines of several words, so
  // none looks like a lone page number or a repeated running head, which the importer drops on purpose.
  const word = fc.oneof(fc.stringMatching(/^[a-z]{2,10}$/), fc.stringMatching(/^[A-Z][a-z]{1,9}$/), fc.stringMatching(/^[a-z]{1,4}[0-9]{1,4}$/));
  const line = fc.array(word, { minLength: 4, maxLength: 12 }).map((ws) => ws.join(' '));
  const paragraph = fc.array(line, { minLength: 1, maxLength: 6 }).map((ls) => `${ls.join('\n')}.`);
  const document = fc.array(paragraph, { minLength: 1, maxLength: 8 }).map((ps) => ps.join('\n\n'));

  it('keeps every word of the text (letters and digits, two or more), in the paper or its bibliography', () => {
    fc.assert(
      fc.property(document, (text) => {
        const out = importText(text, { source: 'x.txt' }).value;
        const kept = `${out.markdown}\n${out.bibtex}`.toLowerCase();
        const have = new Set(kept.match(/[\p{L}\p{N}]+/gu) ?? []);
        const lost = (text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? []).filter((w) => !have.has(w));
        expect(lost).toEqual([]);
      }),
      run(60),
    );
  });
});

describe('the citation parser (extractPaper)', () => {
  it('never throws on arbitrary Markdown', () => {
    fc.assert(
      fc.property(markdown, (body) => {
        extractPaper({ paper: 'p', body }, knowledge);
      }),
      run(200),
    );
  });

  it('gives the same result when run twice', () => {
    fc.assert(
      fc.property(markdown, (body) => {
        expect(extractPaper({ paper: 'p', body }, knowledge)).toEqual(extractPaper({ paper: 'p', body }, knowledge));
      }),
      run(100),
    );
  });

  // Surnames as papers print them (diacritics, apostrophes, hyphens); every case plants each at most once.
  const surnames = ['Okafor', 'Nakamura', 'Brânză', 'Müller', 'Kowalczyk', 'Haddad', 'Lindqvist', 'Osei', 'Fernández', 'Ivanova', 'Dubois', 'Chatterjee', 'Smith-Jones', "O'Connor", 'Achterberg', 'Kneebone'];
  const year = fc.integer({ min: 1950, max: 2029 }).map(String);
  type Planted = { text: string; key?: string; authors: string[]; year: string | null };
  const planted = (names: string[]): fc.Arbitrary<Planted> =>
    fc.oneof(
      year.map((y) => ({ text: `(${names[0]}, ${y})`, authors: [names[0]], year: y })),
      fc.tuple(year, fc.integer({ min: 1, max: 400 })).map(([y, p]) => ({ text: `(${names[0]} & ${names[1]}, ${y}, p. ${p})`, authors: [names[0], names[1]], year: y })),
      fc.stringMatching(/^[a-z]{3,8}[0-9]{4}$/).map((key) => ({ text: `[@${key}]`, key, authors: [], year: null })),
      year.map((y) => ({ text: `${names[0]} et al. (${y})`, authors: [names[0]], year: y })),
    );
  const prose = fc.array(fc.stringMatching(/^[a-z]{2,9}$/), { minLength: 3, maxLength: 40 });
  const paper = fc
    .shuffledSubarray(surnames, { minLength: 8, maxLength: 8 })
    .chain((names) =>
      fc.tuple(
        prose,
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }).chain((slots) =>
          fc.tuple(...slots.map((at, i) => planted([names[2 * i], names[2 * i + 1]]).map((c) => ({ c, at })))),
        ),
      ),
    )
    .map(([words, plants]) => {
      const out = [...words];
      for (const { c, at } of plants) out.splice(at % (out.length + 1), 0, c.text);
      return { body: `${out.join(' ')}.`, plants: plants.map((p) => p.c) };
    });

  it('finds every citation planted in random prose, with its year', () => {
    fc.assert(
      fc.property(paper, ({ body, plants }) => {
        const items = extractPaper({ paper: 'p', body }, knowledge).citations.flatMap((c) => c.items);
        for (const p of plants) {
          const found = p.key
            ? items.some((i) => i.key === p.key)
            : items.some((i) => i.year === p.year && p.authors.every((a) => i.authors.some((name) => name === a || name.endsWith(` ${a}`))));
          expect(found, `${p.text} in ${JSON.stringify(body)}; found ${JSON.stringify(items.map((i) => [i.authors, i.year, i.key]))}`).toBe(true);
        }
      }),
      run(150),
    );
    // 150 generated papers take about 3.5 s alone; the suite runs site builds beside it (it timed out at vitest's 5 s
    // default once in CI).
  }, 60_000);
});

describe('the BibTeX reader (readBibtex)', () => {
  const bibPiece = fc.constantFrom('@', '@article', '@string', '@comment', '@preamble', '{', '}', '(', ')', '"', ',', '=', '#', '\\', '%', '\n', ' ', 'key', 'title', 'author', 'year', '2019', 'month', 'jan', 'x', '{\\"o}', '\\&', 'and', '$', '~');
  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.array(bibPiece, { maxLength: 150 }).map((a) => a.join(''))), (src) => {
        readBibtex(src, 'x.bib');
      }),
      run(200),
    );
  });

  const entry = fc.record({
    type: fc.constantFrom('article', 'book', 'misc', 'inproceedings', 'techreport', 'online', 'report'),
    title: fc.array(fc.oneof(fc.stringMatching(/^[A-Za-z][a-z]{0,9}$/), fc.stringMatching(/^[0-9]{1,4}$/)), { minLength: 1, maxLength: 10 }).map((ws) => ws.join(' ')),
    year: fc.integer({ min: 1800, max: 2030 }),
    delimiters: fc.constantFrom(['{', '}'], ['"', '"']),
  });
  const file = fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_:-]{0,15}$/), { minLength: 1, maxLength: 8, selector: (k) => k }).chain((keys) =>
    fc.tuple(fc.constant(keys), fc.array(entry, { minLength: keys.length, maxLength: keys.length })),
  );

  it('reads every well-formed entry back with its key and title', () => {
    fc.assert(
      fc.property(file, ([keys, entries]) => {
        const src = keys
          .map((key, i) => {
            const e = entries[i];
            const [open, close] = e.delimiters;
            return `@${e.type}{${key},\n  title = ${open}${e.title}${close},\n  author = {Doe, Jane},\n  year = ${e.year}\n}\n`;
          })
          .join('\n');
        const read = readBibtex(src, 'x.bib');
        expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(read.value.entries.map((e) => e.key)).toEqual(keys);
        read.value.entries.forEach((e, i) => expect(e.csl.title).toBe(entries[i].title));
      }),
      run(150),
    );
  });
});
