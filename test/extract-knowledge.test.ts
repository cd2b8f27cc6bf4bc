// Loading the knowledge files: valid entries compiled, malformed ones reported with file and line and skipped.
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../src/lib/extract/index.ts';

const files = { instruments: 'data/instruments.yaml', themes: 'data/themes.yaml' };

describe('loadKnowledge', () => {
  it('loads the fixture files without diagnostics', async () => {
    const { fixtureKnowledge } = await import('./fixtures/extract/knowledge.ts');
    const k = fixtureKnowledge();
    expect(k.instruments.length).toBeGreaterThan(5);
    expect(k.referenceWords.protocol).toEqual(['Protocol', 'Optional Protocol']);
    expect(k.cues.modal).toContain('should');
    expect(k.heads.has('Convention')).toBe(true);
  });

  it('reports a malformed instrument with its line and skips it', () => {
    const yaml = [
      'instruments:',
      '  - id: good',
      '    name: Good Convention',
      '    kind: convention',
      '  - id: bad',
      '    kind: convention',
      '  - just text',
      '  - id: good',
      '    name: Duplicate',
      '    kind: convention',
    ].join('\n');
    const { value, diagnostics } = loadKnowledge(yaml, '', files);
    expect(value.instruments.map((i) => i.id)).toEqual(['good']);
    expect(diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([
      ['data/instruments.yaml', 5, 'knowledge-entry'],
      ['data/instruments.yaml', 7, 'knowledge-entry'],
      ['data/instruments.yaml', 8, 'knowledge-duplicate'],
    ]);
  });

  it('ignores a malformed optional field but keeps the entry', () => {
    const yaml = 'instruments:\n  - id: x\n    name: X Act\n    kind: act\n    aliases: not a list\n    year: soon\n';
    const { value, diagnostics } = loadKnowledge(yaml, '', files);
    expect(value.instruments).toEqual([{ id: 'x', name: 'X Act', kind: 'act' }]);
    expect(diagnostics.map((d) => [d.line, d.code, d.severity])).toEqual([
      [5, 'knowledge-field', 'error'],
      [2, 'knowledge-field', 'error'],
    ]);
  });

  it('warns when two instruments share a name, however it is cased or spaced', () => {
    const yaml = [
      'instruments:',
      '  - id: a',
      '    name: First Convention',
      '    short: [Common Name]',
      '    kind: convention',
      '  - id: b',
      '    name: Second Convention',
      '    aliases: [the common  name]',
      '    kind: convention',
    ].join('\n');
    const { value, diagnostics } = loadKnowledge(yaml, '', files);
    expect(value.instruments.map((i) => i.id)).toEqual(['a', 'b']);
    expect(diagnostics.map((d) => [d.line, d.code, d.severity])).toEqual([[6, 'knowledge-duplicate', 'warning']]);
  });

  it('reports a YAML syntax error with its position', () => {
    const { value, diagnostics } = loadKnowledge('instruments: [\n  - id: x', '', files);
    expect(value.instruments).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ file: 'data/instruments.yaml', code: 'knowledge-parse', severity: 'error' });
  });

  it('reports themes and actors without keywords and unknown parents', () => {
    const yaml = [
      'cues:',
      '  modal: [should]',
      'themes:',
      '  - id: a',
      '    label: A',
      '    parent: nowhere',
      '    keywords: [alpha]',
      '  - id: b',
      '    label: B',
      'actors:',
      '  - id: c',
      '    label: C',
      '    keywords: []',
    ].join('\n');
    const { value, diagnostics } = loadKnowledge('', yaml, files);
    expect(value.themes.map((t) => t.id)).toEqual(['a']);
    expect(value.actors).toEqual([]);
    expect(value.cues).toEqual({ modal: ['should'], phrases: [], headings: [] });
    expect(diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([
      ['data/themes.yaml', 8, 'knowledge-entry'],
      ['data/themes.yaml', 6, 'knowledge-field'],
      ['data/themes.yaml', 13, 'knowledge-entry'],
    ]);
  });

  it('accepts empty files', () => {
    const { value, diagnostics } = loadKnowledge('', '', files);
    expect(diagnostics).toEqual([]);
    expect(value.instruments).toEqual([]);
  });
});
