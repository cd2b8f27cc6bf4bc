// Recommendation finding: cue words, descriptive sentences kept out, heading and list cues, themes and actors.
import { describe, expect, it } from 'vitest';
import { buildKnowledge, extractPaper } from '../src/lib/extract/index.ts';
import { extract } from './fixtures/extract/knowledge.ts';

function recommendationsIn(body: string) {
  return extract(body).recommendations.map((r) => ({ text: r.text, cue: r.cue }));
}

/** An expected recommendation: its text and the cue that made it one. */
function rec(text: string, cue: string) {
  return { text, cue };
}

describe('cued sentences', () => {
  const cases: Array<[string, string, ReturnType<typeof rec>[]]> = [
    ['a modal', 'Data is scarce. States should collect it.', [rec('States should collect it.', 'should')]],
    ['a multi-word modal', 'Police need to train officers.', [rec('Police need to train officers.', 'need to')]],
    ['a phrase', 'We recommend a registry.', [rec('We recommend a registry.', 'we recommend')]],
    ['a phrase of importance', 'Cross-border cooperation is essential to progress.', [rec('Cross-border cooperation is essential to progress.', 'is essential')]],
    ['a cue written in capitals', 'GOVERNMENTS MUST ACT.', [rec('GOVERNMENTS MUST ACT.', 'must')]],
  ];
  it.each(cases)('finds %s', (_name, body, expected) => {
    expect(recommendationsIn(body)).toEqual(expected);
  });
});

describe('not recommendations', () => {
  const cases: Array<[string, string]> = [
    ['a cue inside a longer word', 'The mustard trade is old.'],
    ['a modal in a quoted definition', 'The Directive calls it “conduct that should be understood as abuse”.'],
    ['a sentence describing what an instrument obliges', 'The Palermo Protocol applies. Article 5 of the Protocol obligates states that must criminalise trafficking.'],
    ['a pursuant-to sentence', 'Pursuant to article 3, states must act.'],
    ['a definition with shall', '“child” shall mean any person under 18; states must comply.'],
    ['a negated need', 'There is no need to prove force.'],
    ['a heading', '## Governments must act\n\nText.'],
    ['a cue in the References section', 'Text.\n\n## References\n\n- Smith (2019). Why states should act.'],
    ['a cue in code', 'Write `should` here.'],
  ];
  it.each(cases)('ignores %s', (_name, body) => {
    expect(recommendationsIn(body)).toEqual([]);
  });
});

describe('descriptions', () => {
  it('keeps a descriptive verb from ruling out a sentence that names no instrument', () => {
    expect(recommendationsIn('This study defines the problem; states must act.')).toEqual([rec('This study defines the problem; states must act.', 'must')]);
  });

  it('uses the taxonomy’s own descriptive verbs when it lists them', () => {
    const knowledge = buildKnowledge({
      instruments: [{ id: 'crc', name: 'Convention on the Rights of the Child', kind: 'convention' }],
      cues: { modal: ['must'], describes: ['urges'] },
    });
    const texts = (body: string) => extractPaper({ paper: 'p', body }, knowledge).recommendations.map((r) => r.text);
    expect(texts('The Convention on the Rights of the Child urges that states must act.')).toEqual([]);
    expect(texts('The Convention on the Rights of the Child obligates that states must act.')).toEqual([
      'The Convention on the Rights of the Child obligates that states must act.',
    ]);
  });
});

describe('recommendations by place', () => {
  it('counts each list item under a recommendations heading', () => {
    const body = [
      '## Policy Recommendations',
      '',
      'To combat trafficking, a multi-faceted approach is required. Key policy recommendations include:',
      '',
      '1. **Strengthening Legal Frameworks** – update national laws.',
      '2. **Improving Law Enforcement** – training officials.',
      '3. **Cross-Border Cooperation** – Countries must collaborate.',
      '',
      '## Conclusion',
      '',
      'Trafficking persists.',
    ].join('\n');
    expect(recommendationsIn(body)).toEqual([
      rec('To combat trafficking, a multi-faceted approach is required.', 'Policy Recommendations heading'),
      rec('Strengthening Legal Frameworks – update national laws.', 'Policy Recommendations heading'),
      rec('Improving Law Enforcement – training officials.', 'Policy Recommendations heading'),
      rec('Cross-Border Cooperation – Countries must collaborate.', 'must'),
    ]);
  });

  it('counts the items of a list of measures introduced by a cued sentence', () => {
    const body = 'Governments must act on prevention. Key measures include:\n\n- **Border security** against trafficking.\n- Awareness campaigns.';
    expect(recommendationsIn(body)).toEqual([
      rec('Governments must act on prevention.', 'must'),
      rec('Border security against trafficking.', 'must (list introduction)'),
      rec('Awareness campaigns.', 'must (list introduction)'),
    ]);
  });

  it('counts the items after a lead phrase of the taxonomy', () => {
    const knowledge = buildKnowledge({ instruments: [], cues: { modal: ['must'], leads: ['priorities are'] } });
    const result = extractPaper({ paper: 'p', body: 'Our priorities are:\n\n- shelters;\n- training.' }, knowledge);
    expect(result.recommendations.map((r) => [r.text, r.cue])).toEqual([
      ['shelters;', 'priorities are (list introduction)'],
      ['training.', 'priorities are (list introduction)'],
    ]);
  });

  it('does not count a list of reasons after a cued sentence', () => {
    const body = 'There is a need to act. There are two reasons for this:\n\n1. Trafficking is common; and\n2. It grows.';
    expect(recommendationsIn(body).map((r) => r.text)).toEqual(['There is a need to act.']);
  });
});

describe('themes and actors', () => {
  it('picks themes by keyword hits and all actors named', () => {
    const [r] = extract('Governments and NGOs should prosecute traffickers, investigate networks and raise awareness.').recommendations;
    expect(r.themes).toEqual(['prosecution', 'prevention']);
    expect(r.actors).toEqual(['states', 'ngos']);
  });

  it('keeps at most three themes, the most hit first', () => {
    const [r] = extract('States should prevent, educate, prosecute, investigate, penalise, rehabilitate and legislate with awareness.').recommendations;
    expect(r.themes).toEqual(['prevention', 'prosecution', 'protection']);
  });

  it('matches keywords at the start of words only', () => {
    const [r] = extract('Courts should reinvestigate nothing.').recommendations;
    expect(r.themes).toEqual([]);
  });

  it('gives the span of the sentence and its id', () => {
    const body = 'Context here. Governments **should** act.';
    const [r] = extract(body).recommendations;
    expect(body.slice(r.span.start, r.span.end)).toBe('Governments **should** act.');
    expect(r.sentence).toBe('s-2');
  });
});
