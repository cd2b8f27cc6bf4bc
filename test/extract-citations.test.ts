// Citation finding: pandoc and author–year, parenthetical and narrative, and what is not a citation.
import { describe, expect, it } from 'vitest';
import type { CitedItem } from '../src/lib/types.ts';
import { extract } from './fixtures/extract/knowledge.ts';

type ItemExpectation = Partial<Omit<CitedItem, 'span'>>;

/** A cited item as expected; unspecified fields take their defaults. */
function item(fields: ItemExpectation): ItemExpectation {
  return { key: null, authors: [], etAl: false, year: null, locator: null, introduces: null, suppressAuthor: false, ...fields };
}

function citation(text: string, items: ItemExpectation[], narrative = false) {
  return { text, narrative, items: items.map((i) => expect.objectContaining(i)) };
}

function citationsIn(body: string) {
  return extract(body).citations.map((c) => ({ text: c.text, narrative: c.narrative, items: c.items }));
}

describe('pandoc citations', () => {
  const cases: Array<[string, string, ReturnType<typeof citation>[]]> = [
    ['a bracketed key', 'As shown [@smith2019].', [citation('[@smith2019]', [item({ key: 'smith2019', text: '@smith2019' })])]],
    [
      'several keys with a locator',
      'Shown [@a; @b, p. 33].',
      [citation('[@a; @b, p. 33]', [item({ key: 'a' }), item({ key: 'b', locator: 'p. 33' })])],
    ],
    ['a prefix and a page range', 'Shown [see @key, pp. 3-4].', [citation('[see @key, pp. 3-4]', [item({ key: 'key', locator: 'pp. 3-4' })])]],
    ['a suppressed author', 'Smith says [-@smith2019].', [citation('[-@smith2019]', [item({ key: 'smith2019', suppressAuthor: true })])]],
    ['a narrative key', '@doe99 argues this.', [citation('@doe99', [item({ key: 'doe99' })], true)]],
    ['a narrative key with a locator', '@doe99 [p. 3] argues this.', [citation('@doe99 [p. 3]', [item({ key: 'doe99', locator: 'p. 3' })], true)]],
    ['a braced key', 'See [@{Smith 2019}].', [citation('[@{Smith 2019}]', [item({ key: 'Smith 2019' })])]],
    ['keys with inner punctuation but not trailing punctuation', 'As @doe:2019.x.', [citation('@doe:2019.x', [item({ key: 'doe:2019.x' })], true)]],
  ];
  it.each(cases)('finds %s', (_name, body, expected) => {
    expect(citationsIn(body)).toEqual(expected);
  });
});

describe('author–year citations', () => {
  const cases: Array<[string, string, ReturnType<typeof citation>[]]> = [
    [
      'two authors joined by an ampersand',
      'It grew (Kneebone & Debeljak, 2012).',
      [citation('(Kneebone & Debeljak, 2012)', [item({ authors: ['Kneebone', 'Debeljak'], year: '2012' })])],
    ],
    ['et al.', 'It grew (Farrell et al., 2019).', [citation('(Farrell et al., 2019)', [item({ authors: ['Farrell'], etAl: true, year: '2019' })])]],
    [
      'comma-separated authors with a page range',
      'Defined so (Brânză, Stati, 2015, p. 482-483).',
      [citation('(Brânză, Stati, 2015, p. 482-483)', [item({ authors: ['Brânză', 'Stati'], year: '2015', locator: 'p. 482-483' })])],
    ],
    [
      'three names before et al.',
      'Profitable (Carpinteri, Bang, Klimley et al., 2018, p. 150).',
      [citation('(Carpinteri, Bang, Klimley et al., 2018, p. 150)', [item({ authors: ['Carpinteri', 'Bang', 'Klimley'], etAl: true, year: '2018', locator: 'p. 150' })])],
    ],
    ['an organisation with pages', 'Online (Europol, 2018, pp. 30-31).', [citation('(Europol, 2018, pp. 30-31)', [item({ authors: ['Europol'], year: '2018', locator: 'pp. 30-31' })])]],
    [
      'an organisation introducing its abbreviation',
      'Millions (United Nations Office on Drugs and Crime [UNODC], 2020).',
      [citation('(United Nations Office on Drugs and Crime [UNODC], 2020)', [item({ authors: ['United Nations Office on Drugs and Crime'], introduces: 'UNODC', year: '2020' })])],
    ],
    [
      'an abbreviation introduced in parentheses',
      'Labour (International Labour Organization (ILO), 2017).',
      [citation('(International Labour Organization (ILO), 2017)', [item({ authors: ['International Labour Organization'], introduces: 'ILO', year: '2017' })])],
    ],
    ['a dotted organisation name', 'Weak (U.S. Department of State, 2021).', [citation('(U.S. Department of State, 2021)', [item({ authors: ['U.S. Department of State'], year: '2021' })])]],
    [
      'an organisation followed by a place',
      'A transaction (The Second World Congress against Commercial Sexual Exploitation of Children, Yokohama, 2001).',
      [
        citation('(The Second World Congress against Commercial Sexual Exploitation of Children, Yokohama, 2001)', [
          item({ authors: ['The Second World Congress against Commercial Sexual Exploitation of Children'], year: '2001' }),
        ]),
      ],
    ],
    [
      'a titled source with a year range and a page but no year',
      'Lenient (EU Strategy 2020-2025, p. 9).',
      [citation('(EU Strategy 2020-2025, p. 9)', [item({ authors: ['EU Strategy 2020-2025'], year: null, locator: 'p. 9' })])],
    ],
    ['a name with a lowercase word', 'Harder (European Parliament resolution, 2021).', [citation('(European Parliament resolution, 2021)', [item({ authors: ['European Parliament resolution'], year: '2021' })])]],
    [
      'several works separated by semicolons with year suffixes',
      'Known (Smith, 2019a; Jones & Brown, 2019b).',
      [citation('(Smith, 2019a; Jones & Brown, 2019b)', [item({ authors: ['Smith'], year: '2019a' }), item({ authors: ['Jones', 'Brown'], year: '2019b' })])],
    ],
    ['a work without a date', 'Known (Smith, n.d.).', [citation('(Smith, n.d.)', [item({ authors: ['Smith'], year: 'n.d.' })])]],
    [
      'one author with two years as two items',
      'Known (Smith, 2019, 2020).',
      [citation('(Smith, 2019, 2020)', [item({ authors: ['Smith'], year: '2019', text: 'Smith, 2019' }), item({ authors: ['Smith'], year: '2020', text: '2020' })])],
    ],
    [
      'a pinpoint before the author',
      'It means "recruitment" (art. 3, Palermo Protocol UN, 2000).',
      [citation('(art. 3, Palermo Protocol UN, 2000)', [item({ authors: ['Palermo Protocol UN'], year: '2000', locator: 'art. 3' })])],
    ],
    ['a see prefix', 'Known (see Smith, 2019).', [citation('(see Smith, 2019)', [item({ authors: ['Smith'], year: '2019', text: 'Smith, 2019' })])]],
    ['an e.g. prefix', 'Known (e.g., Smith, 2019).', [citation('(e.g., Smith, 2019)', [item({ authors: ['Smith'], year: '2019' })])]],
    ['a year without a comma', 'Known (Smith 2019).', [citation('(Smith 2019)', [item({ authors: ['Smith'], year: '2019' })])]],
    ['a citation broken over lines', 'Known (Hammond &\nMcGlone,\n2014).', [citation('(Hammond & McGlone, 2014)', [item({ authors: ['Hammond', 'McGlone'], year: '2014' })])]],
  ];
  it.each(cases)('finds %s', (_name, body, expected) => {
    expect(citationsIn(body)).toEqual(expected);
  });
});

describe('narrative author–year citations', () => {
  const cases: Array<[string, string, ReturnType<typeof citation>[]]> = [
    ['an organisation after According to', 'According to UNICEF (2021), children suffer.', [citation('UNICEF (2021)', [item({ authors: ['UNICEF'], year: '2021', text: 'UNICEF (2021)' })], true)]],
    ['two surnames joined by and', 'Smith and Jones (2019) argue this.', [citation('Smith and Jones (2019)', [item({ authors: ['Smith', 'Jones'], year: '2019' })], true)]],
    ['et al. before the year', 'Smith et al. (2019) argue this.', [citation('Smith et al. (2019)', [item({ authors: ['Smith'], etAl: true, year: '2019' })], true)]],
    ['a locator in the parenthesis', 'As Smith (2019, p. 4) shows.', [citation('Smith (2019, p. 4)', [item({ authors: ['Smith'], year: '2019', locator: 'p. 4' })], true)]],
    ['a possessive name', "Smith's (2019) study shows.", [citation("Smith's (2019)", [item({ authors: ['Smith'], year: '2019' })], true)]],
  ];
  it.each(cases)('finds %s', (_name, body, expected) => {
    expect(citationsIn(body)).toEqual(expected);
  });
});

describe('not citations', () => {
  const cases: Array<[string, string]> = [
    ['an e-mail address', 'Write to jane.doe@example.org for data.'],
    ['a key inside inline code', 'Type `[@smith2019]` to cite.'],
    ['a key inside a code block', '```\n[@smith2019] (Smith, 2019)\n```'],
    ['an instrument with its year', 'The United Nations Convention against Transnational Organized Crime (2000) applies.'],
    ['a named convention with its year in parentheses', 'Convention No. 138 (Minimum Age Convention, 1973) sets ages.'],
    ['a year after a lowercase word', 'It was adopted later (2000).'],
    ['an article pinpoint', 'sexual abuse (art. 18);'],
    ['an abbreviation', 'information and communications (TIC) or tourism'],
    ['an organisation abbreviation without year', 'The agency (ILO) approaches it.'],
    ['a date', 'Directive 2011/93/EU (13 December 2011) applies.'],
    ['a procedure number', 'The resolution (2020/2029(INI)) was adopted.'],
    ['a number', 'Some children (1.2 million) were affected.'],
    ['a sentence in parentheses', '(This was confirmed by later research in 2019.)'],
    ['a month and year', 'It happened (December 2011).'],
    ['a bracket holding an e-mail', 'Ask us [mail team@example.org].'],
  ];
  it.each(cases)('ignores %s', (_name, body) => {
    expect(citationsIn(body)).toEqual([]);
  });

  it('ignores citations in the References section but keeps its sentences', () => {
    const result = extract('Text (Smith, 2019).\n\n## References\n\n- Smith, J. (2019). A book (Jones, 2018).\n\n## Appendix\n\nMore (Brown, 2020).');
    expect(result.citations.map((c) => c.text)).toEqual(['(Smith, 2019)', '(Brown, 2020)']);
    expect(result.sentences.some((s) => s.text.startsWith('Smith, J. (2019)'))).toBe(true);
  });

  it('treats a bare REFERENCES paragraph as the start of the reference list', () => {
    const result = extract('Text (Smith, 2019).\n\nREFERENCES\n\n1. Jones, A. (2018). Title (Brown, 2017).');
    expect(result.citations.map((c) => c.text)).toEqual(['(Smith, 2019)']);
  });
});

describe('citation spans', () => {
  it('maps a citation inside emphasis back to exact body offsets', () => {
    const body = 'Intro *see* text (Smith & Jones, 2019) and **more** [@key, p. 3].';
    const result = extract(body);
    for (const c of result.citations) {
      expect(body.slice(c.span.start, c.span.end)).toBe(c.text);
      for (const i of c.items) expect(body.slice(i.span.start, i.span.end)).toBe(i.text);
    }
  });

  it('covers the line breaks of a wrapped citation in its span', () => {
    const body = 'It grew (Kneebone\n& Debeljak, 2012).';
    const [c] = extract(body).citations;
    expect(body.slice(c.span.start, c.span.end)).toBe('(Kneebone\n& Debeljak, 2012)');
    expect(c.text).toBe('(Kneebone & Debeljak, 2012)');
  });

  it('names the sentence that holds each citation', () => {
    const result = extract('First sentence. Second one cites (Smith, 2019). Third.');
    expect(result.citations[0].sentence).toBe('s-2');
  });
});
