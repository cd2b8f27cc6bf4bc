// Instrument finding: registry names, patterns for unregistered instruments, back-references and article pinpoints.
import { describe, expect, it } from 'vitest';
import { buildKnowledge, expandArticles, extractPaper, slug } from '../src/lib/extract/index.ts';
import type { InstrumentMention } from '../src/lib/types.ts';
import { extract } from './fixtures/extract/knowledge.ts';

type Expected = Pick<InstrumentMention, 'instrument' | 'via' | 'text'> & { articles?: string[] };

/** An expected mention; articles default to none. */
function mention(instrument: string, via: InstrumentMention['via'], text: string, articles: string[] = []): Expected {
  return { instrument, via, text, articles };
}

function mentionsIn(body: string): Expected[] {
  return extract(body).instruments.map((m) => ({ instrument: m.instrument, via: m.via, text: m.text, articles: m.articles }));
}

describe('registry names', () => {
  const cases: Array<[string, string, Expected[]]> = [
    ['the full name', 'The Convention on the Rights of the Child applies.', [mention('crc', 'alias', 'Convention on the Rights of the Child')]],
    ['a short name', 'The Palermo Protocol applies.', [mention('trafficking-protocol', 'alias', 'Palermo Protocol')]],
    ['an abbreviation', 'The UNCRC applies.', [mention('crc', 'alias', 'UNCRC')]],
    ['any letter case', 'the convention on the rights of the child applies.', [mention('crc', 'alias', 'convention on the rights of the child')]],
    ['a name broken over lines', 'The Convention on the\nRights of the Child applies.', [mention('crc', 'alias', 'Convention on the Rights of the Child')]],
    ['a possessive', 'The Lanzarote Convention’s aims and the Palermo Protocol\'s scope.', [mention('lanzarote', 'alias', 'Lanzarote Convention'), mention('trafficking-protocol', 'alias', 'Palermo Protocol')]],
    ['diacritics', 'The Convention on the Rights of the Chîld applies.', [mention('crc', 'alias', 'Convention on the Rights of the Chîld')]],
    ['quotes around the name', 'The “Palermo Protocol” applies.', [mention('trafficking-protocol', 'alias', 'Palermo Protocol')]],
    [
      'a name with commas inside',
      'The Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children applies.',
      [mention('trafficking-protocol', 'alias', 'Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children')],
    ],
    [
      'the longest name over a shorter one inside it',
      'The Optional Protocol to the Convention on the Rights of the Child on the Sale of Children, Child Prostitution and Child Pornography applies.',
      [mention('opsc', 'alias', 'Optional Protocol to the Convention on the Rights of the Child on the Sale of Children, Child Prostitution and Child Pornography')],
    ],
    ['a name inside emphasis', 'The *Lanzarote Convention* applies.', [mention('lanzarote', 'alias', 'Lanzarote Convention')]],
  ];
  it.each(cases)('finds %s', (_name, body, expected) => {
    expect(mentionsIn(body)).toEqual(expected);
  });

  it('does not match an all-capitals abbreviation written in lowercase', () => {
    expect(mentionsIn('The tvpa and the crc are words here.')).toEqual([]);
  });
});

describe('patterns for unregistered instruments', () => {
  const cases: Array<[string, string, Expected[]]> = [
    ['a numbered EU directive', 'Under Directive 2011/92/EU states act.', [mention('unregistered:directive-2011-92-eu', 'pattern', 'Directive 2011/92/EU')]],
    ['a numbered EU regulation', 'Under Regulation (EU) 2016/679 data is safe.', [mention('unregistered:regulation-2016-679', 'pattern', 'Regulation (EU) 2016/679')]],
    ['a numbered convention', 'Convention No. 138 sets ages.', [mention('unregistered:convention-no-138', 'pattern', 'Convention No. 138')]],
    ['a named act with its year', 'The Modern Slavery Act 2015 applies.', [mention('unregistered:modern-slavery-act-2015', 'pattern', 'Modern Slavery Act 2015')]],
    ['an act written with of and a year', 'The Children Act of 1989 applies.', [mention('unregistered:children-act-1989', 'pattern', 'Children Act of 1989')]],
    ['an act with a bracketed word', 'The Immoral Traffic (Prevention) Act applies.', [mention('unregistered:immoral-traffic-prevention-act', 'pattern', 'Immoral Traffic (Prevention) Act')]],
    ['a place-named convention', 'Modelled after the Budapest Convention, states act.', [mention('unregistered:budapest-convention', 'pattern', 'Budapest Convention')]],
    ['a convention named by its subject', 'The Convention on Cybercrime applies.', [mention('unregistered:convention-on-cybercrime', 'pattern', 'Convention on Cybercrime')]],
    ['a declaration', 'The Stockholm Declaration was signed.', [mention('unregistered:stockholm-declaration', 'pattern', 'Stockholm Declaration')]],
  ];
  it.each(cases)('finds %s', (_name, body, expected) => {
    expect(mentionsIn(body)).toEqual(expected);
  });

  it('resolves a numbered pattern to the registry entry whose name holds the number', () => {
    expect(mentionsIn('Pursuant to Directive 2011/93/EU of 13 December 2011, tourism is an offence.')).toEqual([
      mention('eu-csa-directive', 'pattern', 'Directive 2011/93/EU'),
    ]);
    expect(mentionsIn('The Convention no. 182 of the International Labour Organisation applies.')).toEqual([
      mention('ilo-c182', 'pattern', 'Convention no. 182 of the International Labour Organisation'),
    ]);
  });

  it('marks unregistered mentions with their name', () => {
    const [m] = extract('The Budapest Convention applies.').instruments;
    expect(m).toMatchObject({ registered: false, name: 'Budapest Convention' });
  });

  it('does not read sentence openers or plural head words as instruments', () => {
    expect(mentionsIn('Several international conventions apply. Under these Conventions, states act. In Convention terms, no.')).toEqual([]);
  });

  it('keeps two instruments joined by and apart', () => {
    expect(mentionsIn('In the Convention on the Rights of the Child and in the Charter of Fundamental Rights of the European Union.')).toEqual([
      mention('crc', 'alias', 'Convention on the Rights of the Child'),
      mention('eu-charter', 'alias', 'Charter of Fundamental Rights of the European Union'),
    ]);
  });
});

describe('back-references', () => {
  it('refers to the latest instrument of the same kind named in full', () => {
    expect(mentionsIn('The Lanzarote Convention and the Palermo Protocol apply. The Convention requires it; this Protocol too.')).toEqual([
      mention('lanzarote', 'alias', 'Lanzarote Convention'),
      mention('trafficking-protocol', 'alias', 'Palermo Protocol'),
      mention('lanzarote', 'reference', 'The Convention'),
      mention('trafficking-protocol', 'reference', 'this Protocol'),
    ]);
  });

  it('prefers an instrument whose name holds a longer reference phrase', () => {
    const body = 'The OPSC came first. The Palermo Protocol followed. The Optional Protocol says more.';
    expect(mentionsIn(body).map((m) => m.instrument)).toEqual(['opsc', 'trafficking-protocol', 'opsc']);
  });

  it('refers to an unregistered instrument named earlier', () => {
    expect(mentionsIn('The Stockholm Declaration was signed. The Declaration says so.')[1]).toEqual(
      mention('unregistered:stockholm-declaration', 'reference', 'The Declaration'),
    );
  });

  it('emits nothing when no instrument of that kind was named before', () => {
    expect(mentionsIn('The Convention requires nothing. The Directive neither.')).toEqual([]);
  });

  it('does not read a lowercase head word as a reference', () => {
    expect(mentionsIn('The Palermo Protocol applies. The protocol of the meeting was kept.')).toEqual([mention('trafficking-protocol', 'alias', 'Palermo Protocol')]);
  });
});

describe('article pinpoints', () => {
  const cases: Array<[string, string, Expected[]]> = [
    [
      'a pinpoint of the instrument named after it',
      'The Convention on the Rights of the Child protects. Pursuant to art. 34 of the Convention, more.',
      [mention('crc', 'alias', 'Convention on the Rights of the Child'), mention('crc', 'reference', 'the Convention', ['34'])],
    ],
    [
      'a range written with to',
      'The Lanzarote Convention defines it. Articles 18 to 23 of this Convention apply.',
      [mention('lanzarote', 'alias', 'Lanzarote Convention'), mention('lanzarote', 'reference', 'this Convention', ['18', '19', '20', '21', '22', '23'])],
    ],
    [
      'a pinpoint of the instrument in the same sentence',
      'The Palermo Convention’s Article 31 urges measures.',
      [mention('untoc', 'alias', 'Palermo Convention', ['31'])],
    ],
    ['a subdivided article', 'Art. 3(1)(a) of the Palermo Protocol defines it.', [mention('trafficking-protocol', 'alias', 'Palermo Protocol', ['3(1)(a)'])]],
    ['two articles joined by and', 'The CRC, arts. 18 and 19, applies.', [mention('crc', 'alias', 'CRC', ['18', '19'])]],
  ];
  it.each(cases)('attaches %s', (_name, body, expected) => {
    expect(mentionsIn(body)).toEqual(expected);
  });

  it('attaches bare pinpoints in a list to the instrument the section was talking about', () => {
    const body = [
      'The Lanzarote Convention defines offences. States must act, in accordance to articles 18-20:',
      '',
      '- sexual abuse (art. 18);',
      '- child prostitution (art. 19);',
    ].join('\n');
    expect(mentionsIn(body)).toEqual([
      mention('lanzarote', 'alias', 'Lanzarote Convention'),
      mention('lanzarote', 'reference', 'articles 18-20', ['18', '19', '20']),
      mention('lanzarote', 'reference', 'art. 18', ['18']),
      mention('lanzarote', 'reference', 'art. 19', ['19']),
    ]);
  });

  it('drops a pinpoint with no instrument nearby', () => {
    expect(mentionsIn('Article 5 says so. Sexual abuse (art. 18).')).toEqual([]);
  });

  it('drops a pinpoint of an unresolved reference instead of attaching it elsewhere', () => {
    expect(mentionsIn('The Palermo Protocol applies. Articles 18 to 23 of this Convention define it.')).toEqual([mention('trafficking-protocol', 'alias', 'Palermo Protocol')]);
  });

  it('does not attach across sections', () => {
    expect(mentionsIn('# One\n\nThe CRC applies.\n\n# Two\n\n- abuse (art. 18);')).toEqual([mention('crc', 'alias', 'CRC')]);
  });

  it('expands ranges and keeps subdivisions as written', () => {
    expect(expandArticles('18-23')).toEqual(['18', '19', '20', '21', '22', '23']);
    expect(expandArticles('18 to 20')).toEqual(['18', '19', '20']);
    expect(expandArticles('3(1)(a), 5')).toEqual(['3(1)(a)', '5']);
    expect(expandArticles('23-18')).toEqual(['23', '18']);
  });
});

describe('instrument mentions', () => {
  it('ignores the References section', () => {
    expect(mentionsIn('Text.\n\n# References\n\n- United Nations. (1989). Convention on the Rights of the Child.')).toEqual([]);
  });

  it('ignores names in code', () => {
    expect(mentionsIn('Type `Palermo Protocol` here.')).toEqual([]);
  });

  it('gives spans into the body and the sentence of the mention', () => {
    const body = 'First. The *Lanzarote\nConvention* applies.';
    const [m] = extract(body).instruments;
    expect(body.slice(m.span.start, m.span.end)).toBe('Lanzarote\nConvention');
    expect(m.sentence).toBe('s-2');
  });

  it('uses reference words from the registry, not built-in ones, for back-references', () => {
    const knowledge = buildKnowledge({
      instruments: [{ id: 'x', name: 'Accord on Widgets', kind: 'accord' }],
      referenceWords: { accord: ['Accord'] },
    });
    const result = extractPaper({ paper: 'p', body: 'The Accord on Widgets binds. The Accord says so.' }, knowledge);
    expect(result.instruments.map((m) => [m.instrument, m.via])).toEqual([
      ['x', 'alias'],
      ['x', 'reference'],
    ]);
  });

  it('slugs names for unregistered ids', () => {
    expect(slug('Directive 2011/92/EU')).toBe('directive-2011-92-eu');
    expect(slug('Loi Brânză (Prévention)')).toBe('loi-branza-prevention');
  });
});
