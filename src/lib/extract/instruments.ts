// Finds instrument mentions: registry names, numbered and named patterns, back-references and article pinpoints.
import type { Instrument, InstrumentMention } from '../types.ts';
import type { Block } from './blocks.ts';
import { Dictionary } from './dictionary.ts';
import * as p from './instrument-patterns.ts';
import { sentenceWords } from './citation-patterns.ts';
import { collapse, type Locate } from './sentences.ts';
import { fold, gapBetween, tokenize, type Token } from './tokens.ts';

/** The registry compiled once for matching. */
export interface InstrumentMatcher {
  byId: Map<string, Instrument>;
  /** Every name, short name and alias → instrument id. */
  names: Dictionary<string>;
  /** Key of a numbered name (`directive 2012/29`) → instrument id. */
  numbers: Map<string, string>;
  /** Head word (`Convention`) → kind. */
  heads: Map<string, string>;
  /** Reference phrases (`Optional Protocol`) by kind, longest first. */
  references: Array<{ words: string[]; kind: string }>;
}

/** Compiles the registry: one token trie of all names, the numbered-name index, head words and reference phrases. */
export function compileInstruments(instruments: Instrument[], referenceWords: Record<string, string[]>): InstrumentMatcher {
  const names = new Dictionary<string>();
  const numbers = new Map<string, string>();
  const byId = new Map<string, Instrument>();
  for (const instrument of instruments) {
    byId.set(instrument.id, instrument);
    for (const name of [instrument.name, ...(instrument.short ?? []), ...(instrument.aliases ?? [])]) {
      names.add(name, instrument.id);
      for (const pattern of p.numberedPatterns) {
        for (const m of name.matchAll(pattern.regex)) {
          const key = pattern.key(m);
          if (!numbers.has(key)) numbers.set(key, instrument.id);
        }
      }
    }
  }
  const heads = new Map<string, string>();
  const references: InstrumentMatcher['references'] = [];
  const phrases = Object.keys(referenceWords).length ? referenceWords : p.defaultHeads;
  for (const [kind, list] of [...Object.entries(p.defaultHeads), ...Object.entries(referenceWords)]) {
    for (const phrase of list) heads.set(headWord(phrase), kind);
  }
  for (const [kind, list] of Object.entries(phrases)) {
    for (const phrase of list) references.push({ words: phrase.trim().split(/\s+/), kind });
  }
  references.sort((a, b) => b.words.length - a.words.length);
  return { byId, names, numbers, heads, references };
}

// The noun a reference phrase is about: the last word (`Optional Protocol`), or the first before a connector (`Plan of Action`).
function headWord(phrase: string): string {
  const words = phrase.trim().split(/\s+/);
  return words.some((w) => p.nameConnectors.has(w)) ? words[0] : words[words.length - 1];
}

/** A possible mention in a block's text, before overlaps are settled and references resolved. */
export interface Candidate {
  start: number;
  end: number;
  via: InstrumentMention['via'];
  /** Registry id, or null for an unregistered instrument or a back-reference. */
  id: string | null;
  name: string;
  kind: string;
  /** Registry names beat numbered patterns, which beat named patterns, which beat back-references. */
  rank: number;
}

/** Non-overlapping candidates of a block, in text order. */
export function findCandidates(scan: string, matcher: InstrumentMatcher, tokens: Token[] = tokenize(scan)): Candidate[] {
  const all: Candidate[] = [];
  for (const m of matcher.names.find(scan, tokens)) {
    const instrument = matcher.byId.get(m.value) as Instrument;
    all.push({ start: m.start, end: m.end, via: 'alias', id: m.value, name: instrument.name, kind: instrument.kind, rank: 3 });
  }
  for (const pattern of p.numberedPatterns) {
    if (!pattern.strings.some((word) => scan.includes(word))) continue;
    for (const m of scan.matchAll(pattern.regex)) {
      const id = matcher.numbers.get(pattern.key(m)) ?? null;
      const instrument = id ? matcher.byId.get(id) : undefined;
      all.push({
        start: m.index,
        end: m.index + m[0].length,
        via: 'pattern',
        id,
        name: instrument ? instrument.name : pattern.name(m),
        kind: instrument ? instrument.kind : pattern.kind(m),
        rank: 2,
      });
    }
  }
  namedPatterns(scan, tokens, matcher, all);
  backReferences(scan, tokens, matcher, all);
  return select(all, scan.length);
}

// Longest-first within a rank, higher ranks first; a candidate overlapping a chosen one is dropped.
function select(all: Candidate[], length: number): Candidate[] {
  if (all.length < 2) return all;
  all.sort((a, b) => b.rank - a.rank || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(length);
  const chosen: Candidate[] = [];
  for (const c of all) {
    let free = true;
    for (let k = c.start; k < c.end && free; k++) free = taken[k] === 0;
    if (!free) continue;
    taken.fill(1, c.start, c.end);
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

const capitalised = /^\p{Lu}/u;

function startsUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : capitalised.test(word);
}
const beforeThe = new Set(['of', 'on', 'for', 'to', 'against']);

// `Hague Convention`, `Convention on Biological Diversity`, `Data (Use and Access) Act`: a head word with a capitalised name around it.
function namedPatterns(scan: string, tokens: Token[], matcher: InstrumentMatcher, out: Candidate[]): void {
  for (let h = 0; h < tokens.length; h++) {
    // Head words are capitalised: most tokens are ruled out without a look-up.
    if (!startsUpper(tokens[h].raw)) continue;
    const kind = matcher.heads.get(tokens[h].raw);
    if (!kind) continue;
    let first = h;
    for (let j = h - 1; j >= 0 && h - j <= p.maxNameWords; j--) {
      const gap = gapBetween(scan, tokens[j].end, tokens[j + 1].start);
      if (gap !== 'space' && gap !== 'paren') break;
      const raw = tokens[j].raw;
      if (capitalised.test(raw)) {
        first = j;
        continue;
      }
      // `the` only inside a name (`Council of the European Union`), never as its determiner.
      if (raw === 'the' ? j > 0 && beforeThe.has(tokens[j - 1].raw) : p.nameConnectors.has(raw)) continue;
      break;
    }
    first = trimStart(scan, tokens, first, h);
    let last = h;
    if (h + 1 < tokens.length && p.nameOpeners.has(tokens[h + 1].raw)) {
      for (let k = h + 1; k < tokens.length && k - h <= p.maxNameWords; k++) {
        if (gapBetween(scan, tokens[k - 1].end, tokens[k].start) !== 'space') break;
        const raw = tokens[k].raw;
        if (capitalised.test(raw)) {
          // Another instrument starts here, unless it is part of this one's name (`Protocol to the Convention …`).
          if (matcher.heads.has(raw) && !linksInside(tokens, k)) break;
          last = k;
          continue;
        }
        if (p.nameConnectors.has(raw) || p.nameOpeners.has(raw)) continue;
        break;
      }
    }
    if (first === h && last === h) continue;
    if (isReferencePhrase(tokens, first, last, matcher)) continue;
    let end = tokens[last].end;
    let name = scan.slice(tokens[first].start, end);
    if (p.yearedKinds.has(kind) && last === h) {
      const year = /^,?\s*(?:of\s+)?(?:1[5-9]\d\d|20\d\d)\b/.exec(scan.slice(end, end + 12));
      if (year) {
        end += year[0].length;
        name = `${name} ${year[0].replace(/^\D+/, '')}`;
      }
    }
    out.push({ start: tokens[first].start, end, via: 'pattern', id: null, name: collapse(name), kind, rank: 1 });
  }
}

// Drops determiners, sentence openers, stray connectors and unbalanced brackets from the start of a name.
function trimStart(scan: string, tokens: Token[], first: number, head: number): number {
  for (;;) {
    while (first < head && (!capitalised.test(tokens[first].raw) || sentenceWords.has(tokens[first].raw))) first++;
    const text = scan.slice(tokens[first].start, tokens[head].end);
    if (first < head && count(text, '(') !== count(text, ')')) first++;
    else return first;
  }
}

function count(text: string, c: string): number {
  let n = 0;
  for (const ch of text) if (ch === c) n++;
  return n;
}

function linksInside(tokens: Token[], k: number): boolean {
  const prev = tokens[k - 1]?.raw;
  if (prev === 'to' || prev === 'of') return true;
  return prev === 'the' && (tokens[k - 2]?.raw === 'to' || tokens[k - 2]?.raw === 'of');
}

function isReferencePhrase(tokens: Token[], first: number, last: number, matcher: InstrumentMatcher): boolean {
  const words = tokens.slice(first, last + 1).map((t) => t.raw);
  return matcher.references.some((r) => r.words.length === words.length && r.words.every((w, i) => w === words[i]));
}

// `the Convention`, `this Protocol`, `the Optional Protocol`: resolved later to the latest instrument of that kind.
function backReferences(scan: string, tokens: Token[], matcher: InstrumentMatcher, out: Candidate[]): void {
  for (let d = 0; d < tokens.length - 1; d++) {
    if (!startsUpper(tokens[d + 1].raw) || !p.determiners.has(tokens[d].norm)) continue;
    for (const ref of matcher.references) {
      const last = d + ref.words.length;
      if (last >= tokens.length) continue;
      let ok = true;
      for (let w = 0; w < ref.words.length && ok; w++) {
        const t = tokens[d + 1 + w];
        ok = t.raw === ref.words[w] && gapBetween(scan, tokens[d + w].end, t.start) === 'space';
      }
      if (!ok) continue;
      const phrase = ref.words.join(' ');
      out.push({ start: tokens[d].start, end: tokens[last].end, via: 'reference', id: null, name: phrase, kind: ref.kind, rank: 0 });
      break;
    }
  }
}

/** An article pinpoint in a block's text. */
export interface Pinpoint {
  start: number;
  end: number;
  articles: string[];
}

export function findPinpoints(scan: string): Pinpoint[] {
  const out: Pinpoint[] = [];
  for (const m of scan.matchAll(p.pinpoint)) {
    if (m.index > 0 && /[\p{L}\p{N}]/u.test(scan[m.index - 1])) continue;
    out.push({ start: m.index, end: m.index + m[0].length, articles: expandArticles(m[1]) });
  }
  return out;
}

/** `18-23` → 18…23, `18 and 19` → both, `3(1)(a)` as written. */
export function expandArticles(group: string): string[] {
  const out: string[] = [];
  let previous: string | null = null;
  let at = 0;
  for (const m of group.matchAll(/\d{1,3}[a-z]?(?:\(\w{1,4}\))*/g)) {
    const separator = group.slice(at, m.index);
    at = m.index + m[0].length;
    const range = /[-–—]|\bto\b/.test(separator);
    if (range && previous && /^\d+$/.test(previous) && /^\d+$/.test(m[0])) {
      const from = Number(previous);
      const to = Number(m[0]);
      if (to > from && to - from <= p.maxRange) {
        for (let n = from + 1; n <= to; n++) out.push(String(n));
        previous = m[0];
        continue;
      }
    }
    out.push(m[0]);
    previous = m[0];
  }
  return [...new Set(out)];
}

/** An instrument as it is known while reading: registry entry or unregistered name. */
interface Named {
  id: string;
  registered: boolean;
  name: string;
  kind: string;
}

/**
 * Instrument mentions of a paper, in document order; back-references and pinpoints resolved against what came before.
 * `ranges` holds, per block, the text ranges of instrument names and pinpoints (their numbers are not statistics).
 */
export function extractInstruments(
  paper: string,
  blocks: Block[],
  tokens: Token[][],
  locate: Locate,
  matcher: InstrumentMatcher,
): { mentions: InstrumentMention[]; ranges: Array<Array<[number, number]>> } {
  const out: InstrumentMention[] = [];
  const ranges: Array<Array<[number, number]>> = blocks.map(() => []);
  const named: Named[] = [];
  let latest: { mention: InstrumentMention; context: string } | null = null;
  blocks.forEach((block, b) => {
    if (block.references) return;
    const context = block.section.join('\u0000');
    const found: Array<{ mention: InstrumentMention; start: number }> = [];
    // Back-references with nothing to refer to: a pinpoint of one (`art. 3 of the Directive`) is dropped, not re-attached.
    const unresolved: number[] = [];
    for (const c of findCandidates(block.scan, matcher, tokens[b])) {
      ranges[b].push([c.start, c.end]);
      const target = c.via === 'reference' ? antecedent(named, c) : nameOf(c);
      if (!target) {
        unresolved.push(c.start);
        continue;
      }
      if (c.via !== 'reference') named.push(target);
      const { span, sentence } = locate(b, c.start, c.end);
      const mention: InstrumentMention = {
        paper,
        instrument: target.id,
        registered: target.registered,
        name: target.name,
        text: collapse(block.text.slice(c.start, c.end)),
        span,
        articles: [],
        via: c.via,
        sentence,
      };
      found.push({ mention, start: c.start });
    }
    for (const pin of findPinpoints(block.scan)) {
      ranges[b].push([pin.start, pin.end]);
      const sentence = locate(b, pin.start, pin.end).sentence;
      if (unresolved.some((start) => start >= pin.end && p.pinpointLink.test(block.scan.slice(pin.end, start)))) continue;
      const host =
        found.find((f) => f.start >= pin.end && p.pinpointLink.test(block.scan.slice(pin.end, f.start))) ??
        nearest(found.filter((f) => f.mention.sentence === sentence), pin.start);
      if (host) {
        addArticles(host.mention, pin.articles);
        continue;
      }
      // A bare `(art. 18)` in a list: the instrument the section or list was talking about.
      const before = found.filter((f) => f.start < pin.start);
      const earlier = before.length ? before[before.length - 1].mention : latest?.context === context ? latest.mention : null;
      if (!earlier) continue;
      const { span } = locate(b, pin.start, pin.end);
      found.push({
        start: pin.start,
        mention: { ...earlier, text: collapse(block.text.slice(pin.start, pin.end)), span, articles: [...pin.articles], via: 'reference', sentence },
      });
    }
    found.sort((x, y) => x.start - y.start);
    for (const f of found) out.push(f.mention);
    if (found.length) latest = { mention: found[found.length - 1].mention, context };
  });
  return { mentions: out, ranges };

  function nameOf(c: Candidate): Named {
    if (c.id) return { id: c.id, registered: true, name: c.name, kind: c.kind };
    return { id: `unregistered:${slug(c.name)}`, registered: false, name: c.name, kind: c.kind };
  }
}

// The latest instrument of the reference's kind named in full; a longer phrase (`Optional Protocol`) prefers a name holding it.
function antecedent(named: Named[], c: Candidate): Named | null {
  const phrase = fold(c.name);
  let sameKind: Named | null = null;
  for (let i = named.length - 1; i >= 0; i--) {
    const n = named[i];
    if (n.kind !== c.kind) continue;
    if (!phrase.includes(' ') || fold(n.name).includes(phrase)) return n;
    sameKind ??= n;
  }
  return sameKind;
}

function nearest<T extends { start: number }>(list: T[], at: number): T | undefined {
  let best: T | undefined;
  for (const f of list) if (!best || Math.abs(f.start - at) < Math.abs(best.start - at)) best = f;
  return best;
}

function addArticles(mention: InstrumentMention, articles: string[]): void {
  for (const a of articles) if (!mention.articles.includes(a)) mention.articles.push(a);
}

/** `Directive 2012/29/EU` → `directive-2012-29-eu`. */
export function slug(name: string): string {
  return fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
