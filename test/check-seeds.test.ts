// The consistency report on the example corpus (papers/, bibliography/) against a hand-made list of its real problems.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runPipeline } from '../src/lib/pipeline.ts';
import type { Finding } from '../src/lib/types.ts';

interface Expected {
  paper: string;
  kind: string;
  /** Substring of the finding's text; '' matches any. */
  text: string;
  why?: string;
}

const root = path.join(import.meta.dirname, '..');
const expected = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures/report/expected.json'), 'utf8')) as {
  mustReport: Expected[];
  alsoAcceptable: Expected[];
  mustNotReport: Expected[];
};


function matches(f: Finding, e: Expected): boolean {
  return f.paper === e.paper && f.kind === e.kind && f.text.includes(e.text);
}

function show(f: Finding): string {
  return `${f.paper} ${f.kind} ${f.severity} ${f.file}:${f.line} “${f.text}” — ${f.message}`;
}

describe('the consistency report on the example corpus', () => {
  const findings = runPipeline({ root }).value.index.findings;

  it('has the example papers to check', () => {
    expect(readdirSync(path.join(root, 'papers')).filter((f) => f.endsWith('.md')).length).toBeGreaterThanOrEqual(4);
  });

  it.each(expected.mustReport.map((e) => [`${e.paper} ${e.kind} “${e.text}”`, e] as const))('reports %s', (_name, e) => {
    expect(findings.filter((f) => matches(f, e)).map(show), e.why).not.toEqual([]);
  });

  it.each(expected.mustNotReport.map((e) => [`${e.paper} ${e.kind} “${e.text}”`, e] as const))('does not report %s', (_name, e) => {
    expect(findings.filter((f) => matches(f, e)).map(show), e.why).toEqual([]);
  });

  it('reports no error or warning that the hand-made list does not explain', () => {
    const explained = [...expected.mustReport, ...expected.alsoAcceptable];
    const unexplained = findings.filter((f) => f.severity !== 'note' && !explained.some((e) => matches(f, e)));
    expect(unexplained.map(show)).toEqual([]);
  });

  it('reports each of the fourteen citations of the paper without a reference list once', () => {
    const palermo = findings.filter((f) => f.paper === 'palermo-child-sexual-slavery' && f.kind === 'citation-unresolved');
    expect(palermo).toHaveLength(14);
    expect(palermo.every((f) => f.severity === 'warning')).toBe(true);
    expect(findings.filter((f) => f.kind === 'reference-list-missing')).toHaveLength(1);
  });

  it('points every finding at a file position and every paper finding at a sentence', () => {
    for (const f of findings) {
      expect(f.line, show(f)).toBeGreaterThanOrEqual(1);
      expect(f.column, show(f)).toBeGreaterThanOrEqual(1);
      expect(f.file, show(f)).toBeTruthy();
      if (f.file?.endsWith('.md') && f.line > 1) expect(f.sentence, show(f)).toMatch(/^s-\d+$/);
    }
  });

  it('is deterministic', () => {
    expect(runPipeline({ root }).value.index.findings).toEqual(findings);
  });
});
