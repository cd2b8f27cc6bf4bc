// Paper rendering: sentence anchors and marks woven in by source offset, corpus HTML made inert.
import { describe, expect, it } from 'vitest';
import { renderPaper, renderSnippet, type Mark } from '../src/lib/present/render.ts';
import type { Sentence } from '../src/lib/types.ts';

const sentence = (id: string, body: string, text: string): Sentence => {
  const start = body.indexOf(text);
  return { id, text, span: { start, end: start + text.length }, section: [], block: 'paragraph' };
};
const mark = (body: string, text: string, extra: Partial<Mark> = {}): Mark => {
  const start = body.indexOf(text);
  return { span: { start, end: start + text.length }, tag: 'a', className: 'm m-citation', href: '/works/x/', ...extra };
};

describe('renderPaper', () => {
  it('gives every sentence a stable anchor and continues it across inline markup', () => {
    const body = 'First *sentence* here. Second one.';
    const html = renderPaper(body, [sentence('s-1', body, 'First *sentence* here.'), sentence('s-2', body, 'Second one.')]).html;
    expect(html).toContain('<span class="s"><span id="s-1"></span>First </span><em><span class="s" data-s="s-1">sentence</span></em>');
    expect(html).toContain('<span class="s"><span id="s-2"></span>Second one.</span>');
    // The anchor is empty (Pagefind records an anchor's text; see renderPaper) and there is one per sentence.
    expect(html.match(/id="s-\d+"/g)).toEqual(['id="s-1"', 'id="s-2"']);
  });

  it('wraps a mark inside its sentence and links it', () => {
    const body = 'As shown (Smith, 2020). Next.';
    const html = renderPaper(body, [sentence('s-1', body, 'As shown (Smith, 2020).')], [mark(body, '(Smith, 2020)')]).html;
    expect(html).toContain('<a class="m m-citation" href="/works/x/">(Smith, 2020)</a>');
  });

  it('gives headings unique ids that cannot collide with sentence anchors', () => {
    const r = renderPaper('## Intro\n\ntext\n\n## Intro\n\n## s-1\n');
    expect(r.headings.map((h) => h.slug)).toEqual(['intro', 'intro-2', 'h-s-1']);
  });

  it('makes hostile HTML inert: no script, handlers, javascript: URLs or clobbered ids', () => {
    const body = [
      'Text <script>alert(1)</script> and [link](javascript:alert(2)).',
      '',
      '<div id="s-1" onclick="alert(3)">block <img src="x" onerror="alert(4)"></div>',
      '',
      '</main></body>',
      '',
      '<iframe src="https://evil.example"></iframe>',
    ].join('\n');
    const html = renderPaper(body).html;
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<\/main>/i);
    expect(html).toContain('id="user-content-s-1"');
    expect(html).toContain('block');
  });
});

describe('renderSnippet', () => {
  it('renders Markdown and strips what could run', () => {
    expect(renderSnippet('A *note* <img src=x onerror=alert(1)>')).toBe('<p>A <em>note</em> </p>');
  });
});
