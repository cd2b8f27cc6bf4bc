// Statistic finding: kinds, values, qualifiers, what is measured, sources, and numbers that are not statistics.
import { describe, expect, it } from 'vitest';
import type { StatisticMention } from '../src/lib/types.ts';
import { extract } from './fixtures/extract/knowledge.ts';

type Expected = Pick<StatisticMention, 'kind' | 'text' | 'value' | 'valueMax' | 'unit' | 'qualifier' | 'about'>;

/** An expected statistic; no upper bound and no qualifier unless given. */
function stat(kind: Expected['kind'], text: string, value: number, unit: string, about: string, extra: Partial<Expected> = {}): Expected {
  return { kind, text, value, valueMax: null, unit, qualifier: null, about, ...extra };
}

function statisticsIn(body: string): Expected[] {
  return extract(body).statistics.map(({ kind, text, value, valueMax, unit, qualifier, about }) => ({ kind, text, value, valueMax, unit, qualifier, about }));
}

describe('statistics', () => {
  const cases: Array<[string, string, Expected[]]> = [
    [
      'a qualified percentage of a group',
      'Children account for nearly 30% of all trafficking victims.',
      [stat('percentage', 'nearly 30%', 30, '%', 'all trafficking victims', { qualifier: 'nearly' })],
    ],
    ['a spaced percentage', 'About 30 % of cases.', [stat('percentage', 'About 30 %', 30, '%', 'cases', { qualifier: 'about' })]],
    ['per cent in words', 'Some 30 per cent of girls.', [stat('percentage', 'Some 30 per cent', 30, '%', 'girls', { qualifier: 'some' })]],
    ['a percentage in words', 'Thirty percent of children.', [stat('percentage', 'Thirty percent', 30, '%', 'children')]],
    ['a subject before a verb', 'Reports rose by 30% last year.', [stat('percentage', '30%', 30, '%', 'Reports')]],
    ['an increase in something', 'It showed an 87% increase in reported abuse material.', [stat('percentage', '87%', 87, '%', 'reported abuse material')]],
    ['a scaled count', 'Over 1.2 million children are trafficked.', [stat('count', 'Over 1.2 million', 1_200_000, 'children', 'children', { qualifier: 'over' })]],
    ['a grouped count', 'There were 300,000 victims of trafficking.', [stat('count', '300,000', 300_000, 'victims', 'victims of trafficking')]],
    ['a grouped number alone', 'At least 5,000 were rescued.', [stat('count', 'At least 5,000', 5000, '', '', { qualifier: 'at least' })]],
    ['a small count of a plural noun', 'We interviewed 45 children.', [stat('count', '45', 45, 'children', 'children')]],
    ['a multiplier in words', 'Girls are twice as likely to be trafficked.', [stat('multiplier', 'twice', 2, '×', 'Girls')]],
    ['a multiplier with times', 'Cases grew three times.', [stat('multiplier', 'three times', 3, '×', 'Cases')]],
    ['a multiplier with x', 'Demand grew 2x in a year.', [stat('multiplier', '2x', 2, '×', 'Demand')]],
    ['coordinated durations', 'They were held for 5 years and 18 months.', [stat('duration', '5 years', 5, 'years', 'They were held'), stat('duration', '18 months', 18, 'months', 'They were held')]],
    ['money with a currency sign and a scale', 'Profits reach $150 billion a year.', [stat('money', '$150 billion', 150e9, 'USD', 'Profits')]],
    ['money with a spaced currency code', 'It earns US$ 32 billion.', [stat('money', 'US$ 32 billion', 32e9, 'USD', 'It')]],
    ['euros', 'A fund of €2 million was set up.', [stat('money', '€2 million', 2e6, 'EUR', 'A fund')]],
    ['a percentage range with between', 'Between 10 and 20% of cases.', [stat('range', 'Between 10 and 20%', 10, '%', 'cases', { valueMax: 20 })]],
    ['a percentage range with a dash', 'In 10–20% of cases.', [stat('range', '10–20%', 10, '%', 'cases', { valueMax: 20 })]],
  ];
  it.each(cases)('finds %s', (_name, body, expected) => {
    expect(statisticsIn(body)).toEqual(expected);
  });
});

describe('not statistics', () => {
  const cases: Array<[string, string]> = [
    ['years', 'In 2000 and again in 2019 the law changed.'],
    ['dates', 'It was adopted on 13 December 2011 and on May 25, 2000.'],
    ['a range of years', 'Between 2010 and 2015 the law changed.'],
    ['article, section and page numbers', 'See article 5, section 3, page 12, point 9 and paragraph 4.'],
    ['numbers inside citations', 'It grew (Europol, 2018, pp. 30-31) and (Weprotect, 2023, p. 1-13).'],
    ['pinpoints', 'See art. 18 and Articles 18 to 23.'],
    ['an age threshold with the age of', 'A child is any person under the age of 18 years.'],
    ['an age threshold with under', 'Children under 18 years are protected.'],
    ['an age threshold with less than', 'A child whose age is less than 18 years is a minor.'],
    ['an age with aged', 'Girls aged 15 years and boys aged 16.'],
    ['an age with years old', 'She was 14 years old.'],
    ['ordinals', 'The 1st, 2nd and 21st reports.'],
    ['instrument numbers', 'Directive 2011/93/EU and Convention No. 182 apply.'],
    ['document numbers', 'See COM(2020) 607 final and resolution A/RES/54/263 and 55/25.'],
    ['dotted dates and versions', 'Brussels, 24.7.2020, version 3.5 of the text.'],
    ['small numbers without a counted noun', 'There are 3 key conventions and 2 of them apply.'],
    ['numbers in code', 'Set `limit = 30%` now.'],
    ['numbers in URLs', 'See https://example.org/2021/30%25/5,000.'],
  ];
  it.each(cases)('ignores %s', (_name, body) => {
    expect(statisticsIn(body)).toEqual([]);
  });

  it('ignores numbers in headings and in the References section', () => {
    expect(statisticsIn('## 2. Results in 30% of cases\n\nText.\n\n## References\n\n- Smith (2019). 45 children, 30% of cases.')).toEqual([]);
  });

  it('ignores list numbering written as text', () => {
    expect(statisticsIn('2\\. Sexual trafficking of children')).toEqual([]);
  });
});

describe('statistic sources', () => {
  it('takes the citation in the same sentence', () => {
    const [s] = extract('Children are nearly 30% of victims (UNODC, 2020). Other (Smith, 2019).').statistics;
    expect(s.source).toMatchObject({ text: '(UNODC, 2020)', scope: 'sentence' });
  });

  it('takes the nearest citation when the sentence has several', () => {
    const [s] = extract('Smith (2018) says 30% of victims are girls, unlike older work on boys (Jones, 2001).').statistics;
    expect(s.source?.text).toBe('Smith (2018)');
    const [t] = extract('Older work (Jones, 2001) on many other countries finds that 30% are girls (Smith, 2018).').statistics;
    expect(t.source?.text).toBe('(Smith, 2018)');
  });

  it('falls back to a citation in the same paragraph', () => {
    const [s] = extract('Reports are grim (Europol, 2018). About 30% of victims are children.').statistics;
    expect(s.source).toMatchObject({ text: '(Europol, 2018)', scope: 'paragraph' });
  });

  it('uses the citation of the sentence introducing a list for its items', () => {
    const [s] = extract('The report shows (Weprotect, 2023, p. 1-13):\n\n- an 87% increase in reported material;').statistics;
    expect(s.source).toMatchObject({ text: '(Weprotect, 2023, p. 1-13)', scope: 'paragraph' });
  });

  it('has no source without a citation nearby', () => {
    const [s] = extract('Other text (Smith, 2019).\n\nAbout 30% of victims are children.').statistics;
    expect(s.source).toBeNull();
  });

  it('points its span at the body and names its sentence', () => {
    const body = 'First. Then **nearly 30%** of victims.';
    const [s] = extract(body).statistics;
    expect(body.slice(s.span.start, s.span.end)).toBe('nearly 30%');
    expect(s.sentence).toBe('s-2');
  });
});
