// Finds statistics (percentages, counts, multipliers, durations, money, ranges) with qualifier, subject and source.
import type { Span, StatisticMention } from '../types.ts';
import type { Block } from './blocks.ts';
import type { FoundCitation } from './citations.ts';
import { collapse, type Locate } from './sentences.ts';
import { tokenize, type Token } from './tokens.ts';
import * as p from './statistic-patterns.ts';

/** A statistic in a block's text, before its source is attached. */
export interface FoundStatistic {
  start: number;
  end: number;
  value: number;
  valueMax: number | null;
  unit: string;
  kind: StatisticMention['kind'];
  qualifier: string | null;
  about: string;
}

/**
 * Statistics in a block. `scan` is the text with code blanked; `masked` are ranges whose numbers are not quantities
 * (citations, pinpoints, instrument names).
 */
export function findStatistics(
  text: string,
  scan: string,
  masked: Array<[number, number]>,
  tokens: Token[] = tokenize(scan),
): FoundStatistic[] {
  const found: FoundStatistic[] = [];
  const view = blank(scan, masked);
  let claimed = 0;
  for (const index of anchors(view, tokens)) {
    if (index < claimed) continue;
    // A figure starts at its number, or a little before it (`between 10 and 20%`, `US$ 32 billion`).
    const before = p.lead.exec(view.slice(Math.max(claimed, index - 12), index));
    const figure = (before && match(view, index - before[0].length)) || match(view, index);
    if (!figure) continue;
    const q = p.qualifier.exec(view.slice(Math.max(0, figure.start - 25), figure.start));
    const start = q ? figure.start - q[0].length + q[0].indexOf(q[1]) : figure.start;
    found.push({ ...figure.stat, start, end: figure.end, qualifier: q ? q[1].toLowerCase() : null, about: '' });
    claimed = figure.end;
  }
  // Coordinated figures (`for 5 years and 18 months`) share their subject unless they name their own.
  let previous: { end: number; about: string } | null = null;
  for (const s of found) {
    const own = about(text, s.start, s.end, s.kind);
    const coordinated = previous !== null && /^[\s,]*(?:and|or|to)?\s*$/.test(text.slice(previous.end, s.start));
    s.about = coordinated && !own.named && previous ? previous.about : own.text;
    previous = { end: s.end, about: s.about };
  }
  return found;
}

// Where figures may start, in text order: numbers standing alone, and number words followed by a unit.
// Read off the block's tokens, so finding them costs no pass over the text.
function anchors(view: string, tokens: Token[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const c = view.charCodeAt(t.start);
    // A masked token (inside a citation or an instrument name) is blank in the view.
    if (c !== t.raw.charCodeAt(0)) continue;
    if (c >= 48 && c <= 57) {
      if (t.start === 0 || !p.anchorTail.test(view[t.start - 1])) out.push(t.start);
      continue;
    }
    // Number words start with e, f, n, o, s or t: other words need no look-up.
    const f = t.norm.charCodeAt(0);
    if (f !== 101 && f !== 102 && f !== 110 && f !== 111 && f !== 115 && f !== 116) continue;
    if (p.standaloneWords.has(t.norm)) out.push(t.start);
    else if (p.numberWords.has(t.norm)) {
      let j = i + 1;
      if (j < tokens.length && p.numberWords.has(tokens[j].norm)) j++;
      if (j < tokens.length && p.wordUnits.has(tokens[j].norm)) out.push(t.start);
    }
  }
  return out;
}

// The first pattern that matches at `start` and is not excluded by its context.
function match(view: string, start: number): { stat: Built; start: number; end: number } | null {
  for (const { kind, regex } of p.statisticRegexes) {
    regex.lastIndex = start;
    const m = regex.exec(view);
    if (!m) continue;
    const end = start + m[0].length;
    const groups = m.groups ?? {};
    const stat = build(kind, (name) => groups[name], view, end);
    if (stat && !excluded(stat, view, start, end)) return { stat, start, end };
  }
  return null;
}

// The scan with masked ranges turned to spaces, so no pattern sees their numbers.
function blank(scan: string, masked: Array<[number, number]>): string {
  if (!masked.length) return scan;
  const sorted = [...masked].sort((a, b) => a[0] - b[0]);
  const pieces: string[] = [];
  let at = 0;
  for (const [s, e] of sorted) {
    if (e <= at) continue;
    const from = Math.max(s, at);
    pieces.push(scan.slice(at, from), ' '.repeat(e - from));
    at = e;
  }
  pieces.push(scan.slice(at));
  return pieces.join('');
}

type Built = Pick<FoundStatistic, 'value' | 'valueMax' | 'unit' | 'kind'>;

function build(kind: FoundStatistic['kind'], g: (name: string) => string | undefined, scan: string, end: number): Built | null {
  switch (kind) {
    case 'range': {
      const low = number(g('low') ?? g('low2'));
      const high = number(g('high') ?? g('high2'));
      const unit = g('unit') ?? g('lowUnit') ?? g('unit2');
      if (low === null || high === null || high < low) return null;
      if (!unit && isYear(low) && isYear(high)) return null;
      return { kind, value: low, valueMax: high, unit: unit ? '%' : nounAfter(scan, end) };
    }
    case 'money': {
      const value = number(g('value') ?? g('value2'));
      if (value === null) return null;
      const currency = g('currency') ?? g('currency2') ?? '';
      return { kind, value: value * scaleOf(g('scale') ?? g('scale2')), valueMax: null, unit: p.currencies[currency] ?? currency.toUpperCase() };
    }
    case 'percentage': {
      const value = g('value') ? number(g('value')) : wordValue(g('word'));
      return value === null ? null : { kind, value, valueMax: null, unit: '%' };
    }
    case 'multiplier': {
      const twice = g('twice');
      const value = twice ? p.wordValues[twice.toLowerCase()] : g('value') ? number(g('value')) : wordValue(g('word'));
      return value === null ? null : { kind, value, valueMax: null, unit: '×' };
    }
    case 'duration': {
      const value = g('value') ? number(g('value')) : wordValue(g('word'));
      const unit = (g('unit') ?? '').toLowerCase();
      return value === null ? null : { kind, value, valueMax: null, unit: unit.endsWith('s') ? unit : `${unit}s` };
    }
    case 'count': {
      const digits = g('value') ?? '';
      const value = number(digits);
      if (value === null) return null;
      const scale = g('scale')?.trim();
      const grouped = digits.includes(',');
      const noun = nounAfter(scan, end);
      if (!scale && !grouped && !/^\d+$/.test(digits)) return null;
      if (!scale && !grouped && (value < 1000 || isYear(value)) && !(noun && countable(noun) && !isYear(value))) return null;
      return { kind, value: value * scaleOf(scale), valueMax: null, unit: noun };
    }
  }
  return null;
}

// Contexts that make a number something else: a reference, a date, an age threshold, list numbering.
function excluded(stat: Built, scan: string, start: number, end: number): boolean {
  const before = scan.slice(Math.max(0, start - 30), start);
  if (p.referenceBefore.test(before)) return true;
  if (stat.kind !== 'money' && stat.kind !== 'percentage') {
    if (p.monthNames.test(scan.slice(end, end + 12).trimStart()) || p.monthBefore.test(before)) return true;
  }
  // `1. Introduction` or `2) …` opening a block.
  if (!before.trim() && /^[\d.]+\s*[.)]\s/.test(scan.slice(start, end + 3))) return true;
  if (stat.unit !== 'years' && stat.unit !== '' && stat.kind !== 'range') return false;
  if (p.ageBefore.test(before) || p.ageAfter.test(scan.slice(start, start + 40))) return true;
  return stat.value >= 12 && stat.value <= 21 && p.thresholdBefore.test(before) && !p.durationBefore.test(before);
}

function number(text: string | undefined): number | null {
  if (!text) return null;
  const n = Number(text.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

function wordValue(word: string | undefined): number | null {
  if (!word) return null;
  let total = 0;
  for (const part of word.toLowerCase().split(/[- ]/)) {
    if (part === 'a') continue;
    const v = p.wordValues[part];
    if (v === undefined) return null;
    total = part === 'hundred' ? Math.max(total, 1) * 100 : total + v;
  }
  return total;
}

function scaleOf(scale: string | undefined): number {
  return scale ? (p.scales[scale.trim().toLowerCase()] ?? 1) : 1;
}

function isYear(n: number): boolean {
  return Number.isInteger(n) && n >= 1900 && n <= 2100;
}

// The word right after a count: `300,000 victims` → `victims`.
function nounAfter(scan: string, end: number): string {
  const m = /^\s+([\p{Ll}][\p{L}'’-]*)/u.exec(scan.slice(end, end + 40));
  return m && !p.phraseStops.has(m[1]) && m[1] !== 'of' ? m[1] : '';
}

// A plural noun (`children`, `victims`, `cases`), not a verb or adjective after the figure.
function countable(noun: string): boolean {
  return /(?:[^s]s|people|children|women|men|persons)$/.test(noun);
}

// What the figure measures, in at most `maxAboutWords` words; `named` when the text says it outright (`30% of X`).
function about(text: string, start: number, end: number, kind: FoundStatistic['kind']): { text: string; named: boolean } {
  const after = text.slice(end, end + 160);
  const of = /^\s+of\s+(?:the\s+)?/.exec(after);
  if (of) return { text: phrase(after.slice(of[0].length)), named: true };
  const change = p.changeAfter.exec(after);
  if (change) return { text: phrase(after.slice(change[0].length)), named: true };
  if (kind === 'count' || kind === 'range') {
    const noun = phrase(after);
    if (noun) return { text: noun, named: true };
  }
  const clause = text.slice(Math.max(0, start - 160), start).split(/[,;:.()]/).pop() ?? '';
  const verb = p.verbBefore.exec(clause);
  if (verb && verb.index > 0) return { text: lastWords(clause.slice(0, verb.index)), named: false };
  return { text: phrase(after) || lastWords(clause.replace(/\s+\S+\s*$/, '')), named: false };
}

// A noun phrase at the start of `text`: words up to punctuation or a function word.
function phrase(text: string): string {
  const words: string[] = [];
  for (const m of text.matchAll(/[^\s]+/g)) {
    const raw = m[0];
    const word = raw.replace(/[,;:.)\]”"]+$/, '');
    if (!word || !/^[\p{L}]/u.test(word) || p.phraseStops.has(word.toLowerCase())) break;
    words.push(word);
    if (word !== raw || words.length >= p.maxAboutWords) break;
  }
  while (words.length && (words[words.length - 1] === 'of' || words[words.length - 1] === 'the')) words.pop();
  return words.join(' ');
}

function lastWords(text: string): string {
  const words = collapse(text).split(' ').filter(Boolean);
  return words.slice(-Math.min(6, p.maxAboutWords)).join(' ');
}

/** Statistics of a paper with their sources: the nearest citation in the sentence, else in the paragraph (or list intro). */
export function extractStatistics(
  paper: string,
  blocks: Block[],
  tokens: Token[][],
  locate: Locate,
  citations: FoundCitation[][],
  masks: Array<Array<[number, number]>>,
): StatisticMention[] {
  const out: StatisticMention[] = [];
  const placedCache = new Map<number, Placed[]>();
  const sentenceCache = new Map<number, Map<string, Placed[]>>();
  blocks.forEach((block, b) => {
    if (block.references || block.kind === 'heading') return;
    const stats = findStatistics(block.text, block.scan, masks[b], tokens[b]);
    for (const s of stats) {
      const { span, sentence } = locate(b, s.start, s.end);
      out.push({
        paper,
        text: collapse(block.text.slice(s.start, s.end)),
        span,
        value: s.value,
        valueMax: s.valueMax,
        unit: s.unit,
        kind: s.kind,
        qualifier: s.qualifier,
        about: s.about,
        source: source(b, s, sentence),
        sentence,
      });
    }
  });
  return out;

  function source(b: number, s: FoundStatistic, sentence: string): StatisticMention['source'] {
    const own = placed(b);
    const pick = (list: readonly Placed[], scope: 'sentence' | 'paragraph'): StatisticMention['source'] => {
      let best: Placed | null = null;
      for (const c of list) if (!best || distance(c.citation, s) < distance(best.citation, s)) best = c;
      return best ? { text: best.text, span: best.span, scope } : null;
    };
    const intro = blocks[b].listIntro;
    const introduced = intro !== null && blocks[b].kind === 'listItem' ? placed(intro).slice(-1) : [];
    return pick(bySentence(b).get(sentence) ?? [], 'sentence') ?? pick(own, 'paragraph') ?? pick(introduced, 'paragraph');
  }

  // Citations of a block with their text, span and sentence, worked out once per block.
  function placed(b: number): Placed[] {
    let list = placedCache.get(b);
    if (!list) {
      list = citations[b].map((citation) => ({ citation, text: collapse(blocks[b].text.slice(citation.start, citation.end)), ...locate(b, citation.start, citation.end) }));
      placedCache.set(b, list);
    }
    return list;
  }

  function bySentence(b: number): Map<string, Placed[]> {
    let map = sentenceCache.get(b);
    if (!map) {
      map = new Map();
      for (const c of placed(b)) {
        const list = map.get(c.sentence);
        if (list) list.push(c);
        else map.set(c.sentence, [c]);
      }
      sentenceCache.set(b, map);
    }
    return map;
  }
}

interface Placed {
  citation: FoundCitation;
  text: string;
  span: Span;
  sentence: string;
}

function distance(c: FoundCitation, s: FoundStatistic): number {
  return c.start >= s.end ? c.start - s.end : s.start >= c.end ? s.start - c.end : 0;
}
