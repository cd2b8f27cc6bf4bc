import { beforeEach, describe, expect, it } from 'vitest';
import { compileKeywords, findKeywords, foldForKeywords, type KeywordMatcher } from '../src/lib/extract/keywords.ts';

// Long keyword lists are matched another way (at word starts only); each case runs with both.
const filler = Array.from({ length: 120 }, (_, i) => `qqfiller${i}`);
let long = false;
const matcher = (keywords: string[], whole = false): KeywordMatcher =>
  compileKeywords([...keywords, ...(long ? filler : [])].map((k) => ({ keyword: k, owner: k.toUpperCase() })), whole);

const hits = (m: KeywordMatcher, text: string) => findKeywords(m, foldForKeywords(text)).map((h) => [h.keyword, h.start, h.end, h.owners]);

describe.each([false, true])('findKeywords (long list: %s)', (isLong) => {
  beforeEach(() => {
    long = isLong;
  });

  it('takes the path meant for the list', () => {
    expect(matcher(['child labour']).sticky !== null).toBe(isLong);
  });

  it('finds keywords at word starts, case-blind, across line breaks, with owners', () => {
    const m = matcher(['child labour', 'trafficking']);
    expect(hits(m, 'Child\nlabour and TRAFFICKING.')).toEqual([
      ['child labour', 0, 12, ['CHILD LABOUR']],
      ['trafficking', 17, 28, ['TRAFFICKING']],
    ]);
  });

  it('does not start inside a word; a prefix keyword may open a longer word unless whole words are asked for', () => {
    expect(hits(matcher(['rehabilitat']), 'rehabilitation, prerehabilitation')).toEqual([['rehabilitat', 0, 11, ['REHABILITAT']]]);
    expect(hits(matcher(['must'], true), 'must mustard must')).toEqual([
      ['must', 0, 4, ['MUST']],
      ['must', 13, 17, ['MUST']],
    ]);
  });

  it('prefers the longest keyword at a place and goes on after it', () => {
    const m = matcher(['need', 'need to', 'to act']);
    expect(hits(m, 'we need to act')).toEqual([['need to', 3, 10, ['NEED TO']]]);
  });

  it('folds accents and curly apostrophes', () => {
    const m = matcher(["children's participation", 'réintégration']);
    expect(hits(m, 'Children’s participation and reintegration and Réintégration').map((h) => h[0])).toEqual([
      "children's participation",
      'reintegration',
      'reintegration',
    ]);
  });

  it('finds a keyword that starts inside the span of a mid-word match (the mid-word match is no hit)', () => {
    // `child labour` matches inside `grandchild`; that is no hit, and must not hide `labour market`, which starts a word.
    const m = matcher(['child labour', 'labour market']);
    expect(hits(m, 'grandchild labour market')).toEqual([['labour market', 11, 24, ['LABOUR MARKET']]]);
  });

  it('keeps working for keywords that do not start with a letter', () => {
    const m = matcher(['(ngo)', 'ngo']);
    expect(m.sticky).toBeNull();
    expect(hits(m, 'an (NGO) and ngo').map((h) => [h[0], h[1]])).toEqual([
      ['(ngo)', 3],
      ['ngo', 13],
    ]);
  });

  it('agrees with a plain scan of every word start on generated text', () => {
    const words = ['child', 'labour', 'market', 'must', 'need', 'to', 'act', 'victim', 'support', 'law', 'enforcement', 'grand', 'mustard'];
    const keywords = ['child labour', 'labour market', 'must', 'need to', 'victim support', 'law enforcement', 'enforce', 'support'];
    const m = matcher(keywords);
    // Reference: at each word start, the longest keyword that matches there (as written, one space between words).
    const reference = (text: string) => {
      const out: Array<[string, number]> = [];
      const lower = text.toLowerCase();
      for (let i = 0; i < lower.length; i++) {
        if (i > 0 && /[a-z]/.test(lower[i - 1])) continue;
        const k = [...keywords].sort((a, b) => b.length - a.length).find((kw) => lower.startsWith(kw, i));
        if (k) {
          out.push([k, i]);
          i += k.length - 1;
        }
      }
      return out;
    };
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 200; n++) {
      // Words sometimes run together (`grandchild`), so keywords also match inside words, where they are no hits.
      let text = '';
      for (let w = 0; w < 30; w++) {
        const word = words[Math.floor(next() * words.length)];
        text += (w === 0 ? '' : next() < 0.25 ? '' : ' ') + (next() < 0.2 ? word.toUpperCase() : word);
      }
      expect(hits(m, text).map((h) => [h[0], h[1]])).toEqual(reference(text));
    }
  });
});
