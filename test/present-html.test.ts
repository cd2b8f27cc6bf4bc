// hast → HTML (src/lib/present/html.ts): byte for byte what `hast-util-to-html` writes, on the rendered papers of the
// default corpus with their real marks, on raw, unsanitised trees of hostile input, and on hand-made edge cases.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Element, Nodes, Root } from 'hast';
import { toHtml as reference } from 'hast-util-to-html';
import { htmlToHast, markdownToHast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { toHtml } from '../src/lib/present/html.ts';
import { paperMarks } from '../src/lib/present/marks.ts';
import { paperTree, renderPaper } from '../src/lib/present/render.ts';
import { runPipeline } from '../src/lib/pipeline.ts';
import { repo } from './helpers/site.ts';

const same = (tree: Nodes) => expect(toHtml(tree)).toBe(reference(tree));
// Properties as loose as hast trees met in practice are (booleans, numbers, nulls and lists where the types say strings).
const el = (tagName: string, properties: Record<string, unknown> | undefined, children: Element['children'] = []): Element => ({ type: 'element', tagName, properties: properties as Element['properties'], children });

describe('hast to HTML', () => {
  it('writes every default paper, marked as the site marks it, as hast-util-to-html does', { timeout: 60_000 }, () => {
    const run = runPipeline({ root: repo });
    const { corpus, extractions, index } = run.value;
    expect(corpus.papers.length).toBeGreaterThan(0);
    let marked = 0;
    corpus.papers.forEach((paper, i) => {
      const previews = new Map(index.works.map((w) => [w.id, `${w.csl.title ?? ''} “quoted” & <b>'tick'</b> \``]));
      const marks = paperMarks(paper, extractions[i], index, '/sub path/', previews);
      marked += marks.length;
      const { tree } = paperTree(paper.body, extractions[i].sentences, marks);
      same(tree);
      expect(renderPaper(paper.body, extractions[i].sentences, marks).html).toBe(reference(tree));
    });
    expect(marked).toBeGreaterThan(100);
  });

  it('writes raw trees of hostile and fixture input as hast-util-to-html does (comments, svg, script, templates, raw)', () => {
    const dirs = ['hostile-corpus', 'bad-corpus', 'corpus-broken'].map((d) => path.join(repo, 'test/fixtures', d, 'papers'));
    let files = 0;
    for (const dir of dirs) {
      for (const f of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
        const body = readFileSync(path.join(dir, f), 'utf8');
        same(markdownToHast(body) as unknown as Root);
        files++;
      }
    }
    expect(files).toBeGreaterThan(5);
    const html = `<!doctype html><!-- a comment --><p class="a b" hidden data-x-y="1&2">x < y & "z"</p>
      <svg viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/><foreignObject><p>in</p></foreignObject></svg>
      <template><b>t</b></template><script>if (a < b && c) {}</script><style>a > b { x: "&" }</style>
      <input type="checkbox" checked disabled value="a&quot;b"><br><img src="x.png" alt="" width="10">
      <a download href="f.txt">d</a><a download="name.txt" href="f.txt">e</a><select multiple><option selected>o</option></select>
      <td headers="a b" colspan="2">c</td><input accept="image/png, image/jpeg"><p lang="" title="\`'">t</p>`;
    same(htmlToHast(html) as unknown as Root);
    same(htmlToHast(html, { fragment: true }) as unknown as Root);
  });

  it('writes hand-made properties as hast-util-to-html does', () => {
    const tree: Root = {
      type: 'root',
      children: [
        el('div', { className: ['a', '', 'b '], id: 'x"y', hidden: true, draggable: false, tabIndex: 0, dataFooBar: 'q', 'data-raw': "it's", ariaLabel: 'l<>', title: '' }, [{ type: 'text', value: 'a < b & c > d "e"' }]),
        el('input', { accept: ['a', 'b', ''], checked: '', disabled: 'disabled', value: 0, width: Number.NaN, required: null, max: undefined }),
        el('a', { download: '', href: 'x' }, [{ type: 'text', value: 'd' }]),
        el('a', { download: 'file.txt', href: 'x' }),
        el('a', { download: true }),
        el('a', { download: false }),
        el('br', {}, [{ type: 'text', value: 'void with children' }]),
        el('BR', {}),
        el('IMG', { src: 'i' }),
        el('p', { 'weird name': 'v', 'a=b': 'c', '`': '\0' }),
        el('p', { coords: [1, 2, 3], sizes: ['a', 'b'], rel: ['noopener', 'noreferrer'] }),
        el('span', undefined),
        { type: 'comment', value: ' c -- > ' },
        { type: 'text', value: '\0 \u{1F600} \u00A0 &amp;' },
      ],
    };
    same(tree);
    for (const child of tree.children) same(child);
  });
});
