// Markdown blocks and sentence splitting: ids, sections, block kinds, abbreviations and exact spans.
import { describe, expect, it } from 'vitest';
import { parseMarkdown, splitText } from '../src/lib/extract/index.ts';
import { extract } from './fixtures/extract/knowledge.ts';

function sentencesOf(text: string): string[] {
  return splitText(text).map(([s, e]) => text.slice(s, e));
}

describe('sentence boundaries', () => {
  const cases: Array<[string, string, string[]]> = [
    ['et al. before a year', 'Smith et al. (2019) argue this. Next.', ['Smith et al. (2019) argue this.', 'Next.']],
    ['e.g. and i.e.', 'Some, e.g. Smith, agree. Others, i.e. Jones, do not.', ['Some, e.g. Smith, agree.', 'Others, i.e. Jones, do not.']],
    ['page and article abbreviations before numbers', 'See p. 33 and pp. 3-4. Then art. 5 and No. 182 apply.', ['See p. 33 and pp. 3-4.', 'Then art. 5 and No. 182 apply.']],
    ['titles and initials', 'Mr. S. K. Wurtele and Dr. Jones wrote it. Next.', ['Mr. S. K. Wurtele and Dr. Jones wrote it.', 'Next.']],
    ['dotted abbreviations', 'The U.S. Department of State reports. Next.', ['The U.S. Department of State reports.', 'Next.']],
    ['decimal numbers', 'It rose by 3.5 points. Next.', ['It rose by 3.5 points.', 'Next.']],
    ['a period inside a citation parenthesis', 'Known (Smith et al., 2019, p. 4. Cf. Jones). Next.', ['Known (Smith et al., 2019, p. 4. Cf. Jones).', 'Next.']],
    ['question and exclamation marks', 'Is it? Yes! Fine.', ['Is it?', 'Yes!', 'Fine.']],
    ['closing quotes after the period', 'He said “No.” And left.', ['He said “No.”', 'And left.']],
    ['a lowercase continuation', 'It costs approx. ten dollars. Next.', ['It costs approx. ten dollars.', 'Next.']],
    ['a word abbreviation before a capital word ends the sentence', 'See art. The next one.', ['See art.', 'The next one.']],
    // The inner pair closes first: the outer one still shields the periods before and after it.
    ['periods inside nested parentheses', 'Known (as in Smith. Cf. (Jones, 2019) above. See Lee) here. Next.', ['Known (as in Smith. Cf. (Jones, 2019) above. See Lee) here.', 'Next.']],
    ['a period after a closed parenthesis', 'Known (Smith, 2019). Next (Jones, 2020). Last.', ['Known (Smith, 2019).', 'Next (Jones, 2020).', 'Last.']],
  ];
  it.each(cases)('splits correctly around %s', (_name, text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });

  it('does not let an unclosed parenthesis swallow the rest of the block', () => {
    expect(sentencesOf('Broken (paren. Next one. Last.')).toEqual(['Broken (paren.', 'Next one.', 'Last.']);
  });
});

describe('sentences of a paper', () => {
  const body = [
    '# Intro',
    '',
    'Para *one*. Para two.',
    '',
    '## Sub',
    '',
    '- item one',
    '- item two',
    '',
    '> Quoted. Words.',
    '',
    '| cell a | cell b |',
    '|---|---|',
    '| c | d |',
    '',
    'Text[^1].',
    '',
    '[^1]: Note one.',
    '',
    '```',
    'Code. Is skipped.',
    '```',
    '',
    '<div>Raw html.</div>',
  ].join('\n');
  const result = extract(body);

  it('numbers sentences in document order, headings included', () => {
    expect(result.sentences.map((s) => s.id)).toEqual(result.sentences.map((_, i) => `s-${i + 1}`));
    expect(result.sentences.map((s) => s.text)).toEqual([
      'Intro',
      'Para one.',
      'Para two.',
      'Sub',
      'item one',
      'item two',
      'Quoted.',
      'Words.',
      'cell a',
      'cell b',
      'c',
      'd',
      'Text.',
      'Note one.',
    ]);
  });

  it('records the block kind and the heading path', () => {
    const kinds = Object.fromEntries(result.sentences.map((s) => [s.text, [s.block, s.section.join(' > ')]]));
    expect(kinds['Intro']).toEqual(['heading', '']);
    expect(kinds['Para one.']).toEqual(['paragraph', 'Intro']);
    expect(kinds['Sub']).toEqual(['heading', 'Intro']);
    expect(kinds['item one']).toEqual(['listItem', 'Intro > Sub']);
    expect(kinds['Quoted.']).toEqual(['blockquote', 'Intro > Sub']);
    expect(kinds['cell a']).toEqual(['tableCell', 'Intro > Sub']);
    expect(kinds['Note one.']).toEqual(['footnote', 'Intro > Sub']);
  });

  it('gives spans that cover the sentence in the body, markers included', () => {
    const para = result.sentences.find((s) => s.text === 'Para one.');
    expect(body.slice(para!.span.start, para!.span.end)).toBe('Para *one*.');
    for (const s of result.sentences) {
      const source = body.slice(s.span.start, s.span.end).replace(/\*|\[\^1\]/g, '').replace(/\s+/g, ' ');
      expect(source).toBe(s.text);
    }
  });

  it('closes a heading section at the next heading of the same or higher level', () => {
    const r = extract('# A\n\n## B\n\nin b\n\n# C\n\nin c');
    expect(r.sentences.find((s) => s.text === 'in c')!.section).toEqual(['C']);
  });
});

describe('blocks', () => {
  it('maps text back to body offsets across escapes, entities and inline code', () => {
    const body = 'A \\*star\\* &amp; `code @x` and [link](http://x.org) end.';
    const [block] = parseMarkdown(body);
    expect(block.text).toBe('A *star* & code @x and link end.');
    const at = block.text.indexOf('end');
    expect(body.slice(block.offsets[at], block.offsets[at] + 3)).toBe('end');
    const code = block.text.indexOf('code');
    expect(body.slice(block.offsets[code], block.offsets[code] + 4)).toBe('code');
  });

  it('blanks inline code and raw URLs for the finders but keeps them in the text', () => {
    const [block] = parseMarkdown('See `[@key]` at https://example.org/2019/30%.');
    expect(block.text).toContain('[@key]');
    expect(block.scan).not.toContain('@key');
    expect(block.scan).not.toContain('2019');
    expect(block.scan.length).toBe(block.text.length);
  });

  it('keeps UTF-16 offsets right after characters outside the BMP', () => {
    const body = '😀 emoji then (Smith, 2019).';
    const [c] = extract(body).citations;
    expect(body.slice(c.span.start, c.span.end)).toBe('(Smith, 2019)');
  });

  it('records the paragraph that introduces a list', () => {
    const blocks = parseMarkdown('Measures include:\n\n- one\n- two');
    expect(blocks[1].listIntro).toBe(0);
    expect(blocks[2].list).toBe(blocks[1].list);
  });
});
