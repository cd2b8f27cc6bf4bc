// Paper rendering: Markdown body → hast (Sätteri) → sentence anchors and marks woven in by source offset → sanitised HTML.
import { htmlToHast, markdownToHast } from 'satteri';
import { sanitize, defaultSchema, type Schema } from 'hast-util-sanitize';
import { toHtml } from './html.ts';
import type { Element, ElementContent, Nodes, Parents, Root, Text } from 'hast';
import type { Sentence, Span } from '../types.ts';
import { slugify } from '../ingest/slug.ts';

/** Something to mark in the text: a citation, instrument mention, statistic… */
export interface Mark {
  span: Span;
  /** Element to wrap the text in (`a` when it links, else `mark`/`span`). */
  tag: 'a' | 'mark' | 'span';
  className: string;
  href?: string;
  title?: string;
  /** Extra attributes (`data-*`, `aria-*`). */
  attrs?: Record<string, string>;
  /** Plain-text preview shown on hover and keyboard focus (e.g. the cited work's reference). */
  preview?: string;
}

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface RenderedPaper {
  html: string;
  headings: Heading[];
}

/**
 * Sanitise schema for corpus content: GitHub's defaults, user ids prefixed so they cannot clobber our anchors;
 * no script, no event handlers, no javascript: URLs. Our own anchors and marks are added after sanitising.
 */
const schema: Schema = { ...defaultSchema, clobberPrefix: 'user-content-', protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] } };

/**
 * Render a paper body. Each sentence is a `<span class="s">` that starts with an empty `<span id="s-N">`, so quotes and
 * search results can deep-link to it (a sentence that crosses elements continues in `<span class="s" data-s="s-N">`);
 * marks are wrapped inside them. Offsets are UTF-16 indexes into `body`, as the extractors report them.
 *
 * The id is on an empty element rather than on the sentence because Pagefind records the text of every element with an
 * id beside the page's own text: at 300 sentences a paper, that doubled each search result's download and cost a
 * 1,000-paper build about a second of indexing; the anchor's position is all search needs.
 */
export function renderPaper(body: string, sentences: Sentence[] = [], marks: Mark[] = [], idPrefix = ''): RenderedPaper {
  const { tree, headings } = paperTree(body, sentences, marks, idPrefix);
  return { html: toHtml(tree), headings };
}

/** The tree `renderPaper` serialises. */
export function paperTree(body: string, sentences: Sentence[] = [], marks: Mark[] = [], idPrefix = ''): { tree: Root; headings: Heading[] } {
  const tree = sanitize(unprefixIds(flattenDeep(parseBlocksOfHtml(markdownToHast(body) as unknown as Root))), schema) as Root;
  const headings = addHeadingIds(tree, idPrefix);
  weave(tree, body, sentences, marks);
  return { tree, headings };
}

/** Render a small Markdown snippet (annotation, abstract) safely, without anchors. */
export function renderSnippet(markdown: string): string {
  const tree = flattenDeep(parseBlocksOfHtml(markdownToHast(markdown) as unknown as Root));
  return toHtml(sanitize(tree, schema) as Root);
}

/** Block-level raw HTML becomes elements (sanitised later) so its text is not lost; inline raw tags are dropped by the sanitiser. */
function parseBlocksOfHtml(tree: Root): Root {
  tree.children = tree.children.flatMap((c) => {
    if (c.type !== 'raw') return [c];
    const frag = htmlToHast(c.value, { fragment: true }) as unknown as Root;
    return frag.children as Root['children'];
  });
  return tree;
}

/**
 * Deepest element nesting kept. Deeper elements give up their tags but keep their text (in order, positions intact),
 * so hostile nesting cannot overflow the stack of the recursive passes below; browsers cap DOM depth near 512 anyway.
 */
const maxDepth = 480;

/** Flatten everything nested deeper than `maxDepth`, without recursion. */
function flattenDeep(tree: Root): Root {
  const stack: Array<{ node: Parents; depth: number }> = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth >= maxDepth) {
      node.children = leavesOf(node) as typeof node.children;
      continue;
    }
    for (const c of node.children) if (c.type === 'element') stack.push({ node: c, depth: depth + 1 });
  }
  return tree;
}

/** The text (and empty elements such as `br`) under `node`, in document order. */
function leavesOf(node: Parents): ElementContent[] {
  const out: ElementContent[] = [];
  const stack: ElementContent[] = [...(node.children as ElementContent[])].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'element' && n.children.length > 0) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    else out.push(n);
  }
  return out;
}

/** Sätteri already prefixes footnote ids with `user-content-`; strip it so the sanitiser prefixes every id exactly once. */
function unprefixIds(tree: Root): Root {
  visitElements(tree, (el) => {
    const id = el.properties?.id;
    if (typeof id === 'string' && id.startsWith(schema.clobberPrefix!)) el.properties.id = id.slice(schema.clobberPrefix!.length);
  });
  return tree;
}

function addHeadingIds(tree: Root, prefix: string): Heading[] {
  const headings: Heading[] = [];
  const used = new Set<string>();
  const next = new Map<string, number>();
  visitElements(tree, (el) => {
    const m = /^h([1-6])$/.exec(el.tagName);
    if (!m) return;
    const text = textOf(el).trim();
    let slug = prefix + (slugify(text) || 'section');
    if (/^s-\d+$/.test(slug)) slug = `h-${slug}`;
    let unique = slug;
    if (used.has(unique)) {
      // Resume counting where this slug left off: a thousand headings of one name must not cost a million look-ups.
      let n = next.get(slug) ?? 2;
      while (used.has(`${slug}-${n}`)) n++;
      unique = `${slug}-${n}`;
      next.set(slug, n + 1);
    }
    used.add(unique);
    el.properties = { ...el.properties, id: unique };
    headings.push({ depth: Number(m[1]), slug: unique, text });
  });
  return headings;
}

function visitElements(node: Nodes, fn: (el: Element) => void): void {
  if (node.type === 'element') fn(node);
  if ('children' in node) for (const c of node.children) visitElements(c as Nodes, fn);
}

function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map((c) => textOf(c as Nodes)).join('');
  return '';
}

interface Range {
  start: number;
  end: number;
  /** Outer ranges (sentences) first, then marks by start. */
  order: number;
  /** Renders as a link: a link inside another link's range is demoted to a span (nested anchors are invalid HTML). */
  link: boolean;
  wrap: (children: ElementContent[], first: boolean, last: boolean, demote: boolean) => Element;
}

/** Split text nodes at range boundaries and wrap each piece in the ranges covering it. Linear in text size + ranges. */
function weave(tree: Root, body: string, sentences: Sentence[], marks: Mark[]): void {
  const ranges: Range[] = [];
  for (const s of sentences) {
    ranges.push({
      start: s.span.start,
      end: s.span.end,
      order: 0,
      link: false,
      wrap: (children, first) => ({
        type: 'element',
        tagName: 'span',
        properties: first ? { className: ['s'] } : { className: ['s'], dataS: s.id },
        children: first ? [{ type: 'element', tagName: 'span', properties: { id: s.id }, children: [] }, ...children] : children,
      }),
    });
  }
  marks.forEach((m, i) => {
    ranges.push({
      start: m.span.start,
      end: m.span.end,
      order: 1 + i,
      link: m.tag === 'a',
      wrap: (children, first, last, demote) => ({
        type: 'element',
        tagName: demote ? 'span' : m.tag,
        properties: {
          className: m.className.split(/\s+/).filter(Boolean),
          ...(m.href && !demote ? { href: m.href } : {}),
          ...(m.title && !m.preview ? { title: m.title } : {}),
          ...(first ? (m.attrs ?? {}) : {}),
        },
        children: last && m.preview ? [...children, previewElement(m.preview)] : children,
      }),
    });
  });
  if (ranges.length === 0) return;
  ranges.sort((a, b) => a.start - b.start || a.order - b.order);
  const firstSeen = new Set<Range>();
  let cursor = 0;
  const active: Range[] = [];
  walkText(tree, (text, parent, index, insideLink) => {
    const pos = text.position;
    if (!pos?.start.offset && pos?.start.offset !== 0) return 1;
    const start = pos.start.offset;
    const end = pos.end?.offset ?? start;
    // Only text whose value is its source slice can be split by offset (entities and escapes cannot).
    const exact = body.slice(start, end) === text.value;
    const cuts = new Set<number>([start, end]);
    while (cursor < ranges.length && ranges[cursor].start < end) active.push(ranges[cursor++]);
    // Drop the ranges that ended before this text in one pass (splicing them one by one is quadratic).
    let kept = 0;
    for (const r of active) if (r.end > start) active[kept++] = r;
    active.length = kept;
    if (active.length === 0) return 1;
    // Sweep the cut points keeping the set of open ranges, so a paragraph of 10,000 citations is not cuts × ranges.
    const open = new Set<Range>();
    const opensAt = new Map<number, Range[]>();
    const closesAt = new Map<number, Range[]>();
    const at = (map: Map<number, Range[]>, p: number, r: Range) => (map.get(p) ?? map.set(p, []).get(p)!).push(r);
    for (const r of active) {
      if (r.end <= r.start) continue;
      if (!exact) {
        if (r.start <= start && r.end >= end) open.add(r);
        continue;
      }
      if (r.start <= start) open.add(r);
      else {
        cuts.add(r.start);
        at(opensAt, r.start, r);
      }
      if (r.end < end) {
        cuts.add(r.end);
        at(closesAt, r.end, r);
      }
    }
    const points = [...cuts].sort((a, b) => a - b);
    const pieces: ElementContent[] = [];
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k];
      const b = points[k + 1];
      for (const r of closesAt.get(a) ?? []) open.delete(r);
      for (const r of opensAt.get(a) ?? []) open.add(r);
      let node: ElementContent = { type: 'text', value: exact ? body.slice(a, b) : text.value };
      const covering = [...open].sort((x, y) => y.order - x.order);
      const blank = /^\s*$/.test((node as Text).value);
      for (const r of covering) {
        // Marks never wrap a whitespace-only piece (an empty link has no name); sentences do, to stay contiguous.
        if ((insideLink || blank) && r.order > 0) continue;
        const first = !firstSeen.has(r);
        firstSeen.add(r);
        const demote = r.link && covering.some((o) => o.link && o.order > 0 && o.order < r.order);
        node = r.wrap([node], first, b >= r.end, demote);
      }
      pieces.push(node);
    }
    parent.children.splice(index, 1, ...pieces);
    return pieces.length;
  });
}

/** The hover/focus preview: part of the link's accessible text, shown by CSS, kept out of the search index. */
function previewElement(text: string): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: ['preview'], role: 'tooltip', dataPagefindIgnore: '' },
    children: [{ type: 'text', value: text }],
  };
}

/** Visit text nodes in document order; the callback returns how many nodes replaced the visited one. */
function walkText(node: Parents, fn: (t: Text, parent: Parents, index: number, insideLink: boolean) => number, insideLink = false): void {
  for (let i = 0; i < node.children.length; ) {
    const child = node.children[i];
    if (child.type === 'text') {
      i += fn(child, node, i, insideLink);
    } else if (child.type === 'element') {
      if (child.tagName !== 'code' && child.tagName !== 'pre') walkText(child, fn, insideLink || child.tagName === 'a');
      i++;
    } else i++;
  }
}
