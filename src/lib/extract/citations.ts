// Finds in-text citations in a block's text: pandoc `[@key]` and `@key`, parenthetical and narrative author–year.
import type { CitationMention, CitedItem } from '../types.ts';
import * as p from './citation-patterns.ts';

/** A cited item with its place in the block text. */
export type FoundItem = Omit<CitedItem, 'span' | 'text'> & { start: number; end: number };

/** A citation with its place in the block text. */
export interface FoundCitation {
  start: number;
  end: number;
  narrative: boolean;
  style: CitationMention['style'];
  items: FoundItem[];
}

/**
 * Citations in `scan` (a block's text with code blanked), in text order.
 * `heads` are instrument head words (`Convention`): a name ending in one is an instrument with its year, not an author.
 */
export function findCitations(scan: string, heads: ReadonlySet<string>): FoundCitation[] {
  const out: FoundCitation[] = [];
  let rest = scan;
  if (scan.includes('@')) {
    out.push(...findPandoc(scan));
    // Blank pandoc citations so the author–year pass does not read them again.
    if (out.length) {
      const pieces: string[] = [];
      let at = 0;
      for (const c of out) {
        pieces.push(scan.slice(at, c.start), ' '.repeat(c.end - c.start));
        at = c.end;
      }
      pieces.push(scan.slice(at));
      rest = pieces.join('');
    }
  }
  if (rest.includes('(')) out.push(...findAuthorYear(rest, heads));
  return out.sort((a, b) => a.start - b.start);
}

// ---- pandoc ----

function findPandoc(scan: string): FoundCitation[] {
  const out: FoundCitation[] = [];
  for (const m of scan.matchAll(p.pandocBracket)) {
    if (!m[1].includes('@')) continue;
    const items = pandocItems(m[1], m.index + 1);
    if (!items) continue;
    out.push({ start: m.index, end: m.index + m[0].length, narrative: false, style: 'pandoc', items });
  }
  // Bracketed citations come in text order, as do narrative keys: one pointer tells whether a key is inside one.
  const brackets = out.length;
  let b = 0;
  for (const m of scan.matchAll(p.pandocNarrative)) {
    while (b < brackets && out[b].end <= m.index) b++;
    if (b < brackets && out[b].start <= m.index) continue;
    const end = m.index + m[0].length;
    out.push({
      start: m.index,
      end,
      narrative: true,
      style: 'pandoc',
      items: [
        {
          key: m[1] ?? m[2],
          authors: [],
          etAl: false,
          year: null,
          locator: m[3]?.trim() || null,
          introduces: null,
          suppressAuthor: false,
          start: m.index,
          end,
        },
      ],
    });
  }
  return out;
}

// Items of `[see @a, p. 3; @b]`, or null when any part is not an item (`[write to a@b.org]`).
function pandocItems(content: string, offset: number): FoundItem[] | null {
  const items: FoundItem[] = [];
  let at = 0;
  for (const part of content.split(';')) {
    const start = offset + at;
    at += part.length + 1;
    if (!part.trim()) continue;
    const m = p.pandocItem.exec(part);
    if (!m) return null;
    const [, before, dash, braced, plain, suffix] = m;
    if (before && !/\s$/.test(before)) return null;
    const itemStart = start + before.length;
    const trimmedEnd = start + part.trimEnd().length;
    const locator = suffix.replace(/^[\s,]+/, '').trim();
    items.push({
      key: braced ?? plain,
      authors: [],
      etAl: false,
      year: null,
      locator: locator || null,
      introduces: null,
      suppressAuthor: dash === '-',
      start: itemStart,
      end: trimmedEnd,
    });
  }
  return items.length ? items : null;
}

// ---- author–year ----

interface Segment {
  text: string;
  start: number;
  end: number;
}

function findAuthorYear(scan: string, heads: ReadonlySet<string>): FoundCitation[] {
  const out: FoundCitation[] = [];
  let covered = -1;
  for (const [open, close] of parentheses(scan)) {
    if (open < covered) continue;
    const parsed = parseParenthesis(scan, open + 1, close, heads);
    if (!parsed) continue;
    if (parsed.items.every((i) => i.authors.length === 0)) {
      const citation = narrative(scan, open, close, parsed.items, heads);
      if (citation) {
        out.push(citation);
        covered = close;
      }
      continue;
    }
    out.push({ start: open, end: close + 1, narrative: false, style: 'author-year', items: parsed.items.filter((i) => i.authors.length) });
    covered = close;
  }
  return out;
}

// Matched parenthesis pairs with short content, outer before inner.
function parentheses(scan: string): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  const stack: number[] = [];
  for (let i = 0; i < scan.length; i++) {
    const c = scan[i];
    if (c === '(') stack.push(i);
    else if (c === ')' && stack.length) {
      const open = stack.pop() as number;
      if (i - open - 1 <= p.maxParenthesis) pairs.push([open, i]);
    }
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

// The items of `(A, 2019; see B & C, 2020, p. 3)`; items without authors when it holds only years (`(2019, p. 4)`).
function parseParenthesis(scan: string, from: number, to: number, heads: ReadonlySet<string>): { items: FoundItem[] } | null {
  const items: FoundItem[] = [];
  let partStart = from;
  for (let i = from; i <= to; i++) {
    if (i < to && scan[i] !== ';') continue;
    const part = parsePart(scan, partStart, i, heads);
    if (part) items.push(...part);
    partStart = i + 1;
  }
  return items.length ? { items } : null;
}

function parsePart(scan: string, from: number, to: number, heads: ReadonlySet<string>): FoundItem[] | null {
  let start = from;
  while (start < to && /\s/.test(scan[start])) start++;
  // `see`, `e.g.,`, `cf.` — possibly stacked (`see, e.g.,`).
  for (let guard = 0; guard < 3; guard++) {
    const m = p.prefix.exec(scan.slice(start, to));
    if (!m) break;
    start += m[0].length;
  }
  const segments = split(scan, start, to);
  const items: FoundItem[] = [];
  let authors: Segment[] = [];
  let pending: Segment | null = null;
  let lastAuthors: Segment[] | null = null;
  let last: FoundItem | null = null;
  for (const seg of segments) {
    const yearTail = trailingYear(seg);
    if (p.year.test(seg.text) || (yearTail && authorLike(yearTail.name.text, heads))) {
      const yearSeg = yearTail ? yearTail.year : seg;
      if (yearTail) authors.push(yearTail.name);
      let item: FoundItem;
      if (authors.length) {
        item = makeItem(authors, yearSeg.text, pending, (pending ?? authors[0]).start, yearSeg.end);
        lastAuthors = authors;
      } else if (lastAuthors) {
        item = makeItem(lastAuthors, yearSeg.text, null, yearSeg.start, yearSeg.end);
      } else {
        item = makeItem([], yearSeg.text, pending, (pending ?? yearSeg).start, yearSeg.end);
      }
      items.push(item);
      last = item;
      authors = [];
      pending = null;
      continue;
    }
    if (p.locator.test(seg.text) || (last && last.locator && /^\d/.test(seg.text))) {
      if (last && !authors.length) {
        last.locator = last.locator ? `${last.locator}, ${seg.text}` : seg.text;
        last.end = seg.end;
      } else if (authors.length && p.pageLocator.test(seg.text)) {
        last = makeItem(authors, null, seg, authors[0].start, seg.end);
        items.push(last);
        lastAuthors = authors;
        authors = [];
      } else if (!authors.length && !pending) {
        pending = seg;
      } else return null;
      continue;
    }
    if (!authorLike(seg.text.replace(/^(?:&|and)\s+/, ''), heads)) return null;
    // An organisation followed by a place: `(The Second World Congress on Ageing, Madrid, 2002)`.
    if (authors.length === 1 && words(authors[0].text) >= 3 && words(seg.text) <= 2) continue;
    authors.push(seg);
  }
  if (authors.length || pending) return null;
  return items;
}

function makeItem(authorSegs: Segment[], yearText: string | null, loc: Segment | null, start: number, end: number): FoundItem {
  const authors: string[] = [];
  let etAl = false;
  let intro: string | null = null;
  for (const seg of authorSegs) {
    let name = seg.text.replace(/^(?:&|and)\s+/, '');
    if (p.etAl.test(name)) {
      etAl = true;
      name = name.replace(p.etAl, '');
    }
    const m = p.introduces.exec(name);
    if (m && m.index > 0) {
      intro = m[1];
      name = name.slice(0, m.index);
    }
    authors.push(...splitNames(name));
  }
  return {
    key: null,
    authors,
    etAl,
    year: yearText ? yearText.replace(/\s+/g, '') : null,
    locator: loc ? loc.text : null,
    introduces: intro,
    suppressAuthor: false,
    start,
    end,
  };
}

// `Smith & Jones` → two names; `Office on Drugs and Crime` stays one.
function splitNames(name: string): string[] {
  const pieces = name.split(/\s+(?:&|and)\s+/);
  if (pieces.length > 1 && pieces.every((piece) => words(piece) <= 2 && !piece.split(/\s+/).some((w) => p.connectors.has(w) && !p.particles.has(w)))) {
    return pieces.map((s) => s.trim());
  }
  return [name.trim()];
}

// Comma-separated segments of [from, to), trimmed.
function split(scan: string, from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let s = from;
  for (let i = from; i <= to; i++) {
    if (i < to && scan[i] !== ',') continue;
    let a = s;
    let b = i;
    while (a < b && /\s/.test(scan[a])) a++;
    while (b > a && /\s/.test(scan[b - 1])) b--;
    if (b > a) out.push({ text: scan.slice(a, b).replace(/\s+/g, ' '), start: a, end: b });
    s = i + 1;
  }
  return out;
}

// `Smith 2019` written without a comma.
function trailingYear(seg: Segment): { name: Segment; year: Segment } | null {
  const space = seg.text.lastIndexOf(' ');
  if (space <= 0) return null;
  const tail = seg.text.slice(space + 1);
  if (!p.year.test(tail) || /^(?:in|n\.)/.test(tail)) return null;
  const yearStart = seg.end - tail.length;
  const name = seg.text.slice(0, space);
  return {
    name: { text: name, start: seg.start, end: seg.start + name.length },
    year: { text: tail, start: yearStart, end: seg.end },
  };
}

function words(s: string): number {
  return s.trim().split(/\s+/).length;
}

/** Whether a segment reads as an author: a person's surname(s), an organisation or an abbreviation. */
export function authorLike(text: string, heads: ReadonlySet<string>): boolean {
  let name = text.replace(p.etAl, '');
  name = name.replace(p.introduces, '').trim();
  const list = name.split(/\s+/);
  if (!name || list.length > 15) return false;
  const first = list[0];
  if (!/^\p{Lu}/u.test(first) && !(p.particles.has(first) && list.length > 1)) return false;
  if (list.length === 1 && p.months.has(first.toLowerCase())) return false;
  if (p.months.has(first.toLowerCase()) && list.length === 2 && /^\d/.test(list[1])) return false;
  let lower = 0;
  for (const w of list.slice(1)) {
    const bare = w.replace(/^[(\[]+|[)\],.:]+$/g, '');
    if (/^\p{Ll}/u.test(bare) && !p.connectors.has(bare)) lower++;
  }
  if (lower > 2) return false;
  const lastWord = list[list.length - 1].replace(/['’]s$|[.,:]$/g, '');
  return !heads.has(lastWord);
}

// ---- narrative ----

// `WHO (2021)`, `Smith and Jones (2019)`, `Smith et al. (2019, p. 4)`: the name is read backwards from the parenthesis.
function narrative(scan: string, open: number, close: number, items: FoundItem[], heads: ReadonlySet<string>): FoundCitation | null {
  let i = open;
  while (i > 0 && /[ \t\n]/.test(scan[i - 1])) i--;
  if (/['’]s$/.test(scan.slice(Math.max(0, i - 2), i))) i -= 2;
  else if (scan[i - 1] === '’' || scan[i - 1] === "'") i -= 1;
  let etAl = false;
  const tail = /\bet\.?\s+al\.?,?$/.exec(scan.slice(Math.max(0, i - 12), i));
  if (tail) {
    etAl = true;
    i -= tail[0].length;
    while (i > 0 && /\s/.test(scan[i - 1])) i--;
  }
  const run = nameRun(scan, i);
  if (!run) return null;
  const nameText = scan.slice(run.start, run.end).replace(/\s+/g, ' ');
  if (run.words.some((w) => heads.has(w))) return null;
  if (!authorLike(nameText, heads)) return null;
  const authors = splitNames(nameText.replace(/,\s*/g, ' and ').replace(/\s+(?:&|and)\s+(?:&|and)\s+/g, ' and '));
  // The first item starts at the name; a lone item spans the whole `Name (2019)`.
  const cited = items.map((item, n) => ({
    ...item,
    authors,
    etAl,
    start: n === 0 ? run.start : item.start,
    end: items.length === 1 ? close + 1 : item.end,
  }));
  return { start: run.start, end: close + 1, narrative: true, style: 'author-year', items: cited };
}

// The run of capitalised words and name connectors ending at `end`, or null when there is none or it is a title.
function nameRun(scan: string, end: number): { start: number; end: number; words: string[] } | null {
  const found: Array<{ word: string; start: number }> = [];
  let i = end;
  for (;;) {
    const s = wordStart(scan, i);
    const word = scan.slice(s, i);
    // A word ending a previous sentence (`Study.`) is not part of the name; `U.S.` is.
    if (!word || (word.endsWith('.') && !/^(?:\p{Lu}\.)+$/u.test(word))) break;
    if (!/^\p{Lu}/u.test(word) && !p.connectors.has(word)) break;
    found.unshift({ word, start: s });
    if (found.length > p.maxNarrativeWords + 2) return null;
    let g = s;
    while (g > 0 && /[ \t\n]/.test(scan[g - 1])) g--;
    if (g === s) break;
    if (scan[g - 1] === ',') {
      // A comma joins surnames only: `Smith, Jones and Brown (2019)`, not `In 2019, Smith (2020)`.
      let h = g - 1;
      while (h > 0 && /[ \t\n]/.test(scan[h - 1])) h--;
      if (!/^\p{Lu}/u.test(scan.slice(wordStart(scan, h), h))) break;
      g = h;
    }
    i = g;
  }
  while (found.length && (p.connectors.has(found[0].word) || p.sentenceWords.has(found[0].word))) found.shift();
  if (!found.length || found.length > p.maxNarrativeWords) return null;
  if (!/^\p{Lu}/u.test(found[found.length - 1].word)) return null;
  return { start: found[0].start, end, words: found.map((f) => f.word) };
}

function wordStart(scan: string, end: number): number {
  let s = end;
  while (s > 0 && /[\p{L}\p{N}'’.&\-]/u.test(scan[s - 1])) s--;
  return s;
}
