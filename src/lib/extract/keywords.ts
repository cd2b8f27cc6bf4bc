// One compiled matcher for a keyword list (cues, theme and actor keywords): word-start, case- and diacritic-blind.
import { fold } from './tokens.ts';

export interface KeywordMatcher {
  regex: RegExp | null;
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
  if (!owners.size) return { regex: null, owners };
  const alternatives = [...owners.keys()]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((k) => k.split(' ').map(escape).join('\\s+').replaceAll("'", "['’‘]"));
  const end = whole ? '(?![\\p{L}\\p{N}])' : '';
  // Case-blind, so plain text needs no lowercase copy. No leading lookbehind: it would run at every character;
  // the word start is checked on each hit instead.
  return { regex: new RegExp(`(?:${alternatives.join('|')})${end}`, 'giu'), owners };
}

/** A text prepared once for any number of keyword matchers: folded only when it has accented letters; same offsets. */
export function foldForKeywords(text: string): string {
  return accented.test(text) ? foldSameLength(text) : text;
}

/** Hits in a text prepared by `foldForKeywords`. */
export function findKeywords(matcher: KeywordMatcher, folded: string): KeywordHit[] {
  if (!matcher.regex) return [];
  const out: KeywordHit[] = [];
  for (const m of folded.matchAll(matcher.regex)) {
    if (m.index > 0 && wordChar.test(folded[m.index - 1])) continue;
    const keyword = normal(m[0]);
    out.push({ keyword, owners: matcher.owners.get(keyword) ?? [], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const wordChar = /[\p{L}\p{N}]/u;

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
