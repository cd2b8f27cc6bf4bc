// One compiled matcher for a keyword list (cues, theme and actor keywords): word-start, case- and diacritic-blind.
import { fold } from './tokens.ts';

export interface KeywordMatcher {
  regex: RegExp | null;
  /**
   * The same alternation, sticky, for long keyword lists: tried only where a word starts. V8 scans a short alternation
   * (the 40 cues) fast, but a long one (300 theme keywords) runs in full at every character: tried at word starts only,
   * it took a fifth of the time. Null for short lists and when a keyword does not begin with a letter or digit.
   */
  sticky: RegExp | null;
  /** Folded keyword → the ids (or the cue itself) it stands for. */
  owners: Map<string, string[]>;
}

/** A hit of a keyword in a text. */
export interface KeywordHit {
  keyword: string;
  owners: string[];
  start: number;
  end: number;
}

/**
 * Compiles keywords into a single alternation, longest first. `whole` also requires a word end
 * (cues: `must` is not `mustard`); otherwise a keyword may open a longer word (`rehabilitat` → `rehabilitation`).
 */
export function compileKeywords(entries: Array<{ keyword: string; owner: string }>, whole: boolean): KeywordMatcher {
  const owners = new Map<string, string[]>();
  for (const { keyword, owner } of entries) {
    const key = normal(keyword);
    if (!key) continue;
    const list = owners.get(key) ?? [];
    if (!list.includes(owner)) list.push(owner);
    owners.set(key, list);
  }
  if (!owners.size) return { regex: null, sticky: null, owners };
  const alternatives = [...owners.keys()]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((k) => k.split(' ').map(escape).join('\\s+').replaceAll("'", "['’‘]"));
  const end = whole ? '(?![\\p{L}\\p{N}])' : '';
  // Case-blind, so plain text needs no lowercase copy. No leading lookbehind: it would run at every character;
  // the word start is checked on each hit instead.
  const source = `(?:${alternatives.join('|')})${end}`;
  const sticky = owners.size >= longList && [...owners.keys()].every((k) => wordChar.test(k[0]));
  return { regex: new RegExp(source, 'giu'), sticky: sticky ? new RegExp(source, 'iuy') : null, owners };
}

/** A text prepared once for any number of keyword matchers: folded only when it has accented letters; same offsets. */
export function foldForKeywords(text: string): string {
  return accented.test(text) ? foldSameLength(text) : text;
}

/**
 * Hits in a text prepared by `foldForKeywords`, left to right, each starting where a word starts; at one place the
 * keyword listed first (the longest) wins, and the next hit starts after it.
 */
export function findKeywords(matcher: KeywordMatcher, folded: string): KeywordHit[] {
  if (!matcher.regex) return [];
  const out: KeywordHit[] = [];
  const hit = (text: string, start: number): void => {
    const keyword = normal(text);
    out.push({ keyword, owners: matcher.owners.get(keyword) ?? [], start, end: start + text.length });
  };
  const sticky = matcher.sticky;
  if (!sticky) {
    const regex = matcher.regex;
    regex.lastIndex = 0;
    for (let m = regex.exec(folded); m; m = regex.exec(folded)) {
      // Inside a word: no hit, and the search goes on from the next character (a word may start within the match).
      if (m.index > 0 && wordChar.test(folded[m.index - 1])) regex.lastIndex = m.index + 1;
      else hit(m[0], m.index);
    }
    return out;
  }
  const n = folded.length;
  let previousIsWord = false;
  for (let i = 0; i < n; i++) {
    const word = isWordChar(folded, i);
    if (word && !previousIsWord) {
      sticky.lastIndex = i;
      const m = sticky.exec(folded);
      if (m) {
        hit(m[0], i);
        i += m[0].length - 1;
        previousIsWord = isWordChar(folded, i);
        continue;
      }
    }
    previousIsWord = word;
  }
  return out;
}

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return wordChar.test(text[i]);
}

const wordChar = /[\p{L}\p{N}]/u;

/** Keyword lists at least this long are matched at word starts only (see `KeywordMatcher.sticky`). */
const longList = 100;

function normal(keyword: string): string {
  return fold(keyword).replace(/[’‘]/g, "'").trim().replace(/\s+/g, ' ');
}

// Letters that fold to a base letter: only texts holding one need more than lowercasing.
const accented = /[\u00C0-\u024F\u1E00-\u1EFF]/;

// Folds character by character so offsets stay valid; a character that does not fold to one unit stays as it is.
function foldSameLength(text: string): string {
  let out = '';
  for (const c of text) {
    const f = fold(c);
    out += f.length === c.length ? f : c;
  }
  return out;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
