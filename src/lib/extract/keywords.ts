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
 * (cues: `must` is not `mustard`); otherwise a keyword may open a longer word (`traffick` → `trafficking`).
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
    .map((k) => k.split(' ').map(escape).join('\\s+'));
  const end = whole ? '(?![\\p{L}\\p{N}])' : '';
  // No leading lookbehind: it would run at every character; the word start is checked on each hit instead.
  return { regex: new RegExp(`(?:${alternatives.join('|')})${end}`, 'gu'), owners };
}

/** A text folded once for any number of keyword matchers; offsets stay those of the text. */
export function foldForKeywords(text: string): string {
  return foldSameLength(text);
}

/** Hits in a text folded by `foldForKeywords`. */
export function findKeywords(matcher: KeywordMatcher, folded: string): KeywordHit[] {
  if (!matcher.regex) return [];
  const out: KeywordHit[] = [];
  for (const m of folded.matchAll(matcher.regex)) {
    if (m.index > 0 && wordChar.test(folded[m.index - 1])) continue;
    const keyword = m[0].replace(/\s+/g, ' ');
    out.push({ keyword, owners: matcher.owners.get(keyword) ?? [], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const wordChar = /[\p{L}\p{N}]/u;

function normal(keyword: string): string {
  return fold(keyword).replace(/[’‘]/g, "'").trim().replace(/\s+/g, ' ');
}

// Folds character by character so offsets stay valid; a character that does not fold to one unit stays lowercase.
function foldSameLength(text: string): string {
  const simple = fold(text).replace(/[’‘]/g, "'");
  if (simple.length === text.length) return simple;
  let out = '';
  for (const c of text) {
    const f = fold(c).replace(/[’‘]/g, "'");
    out += f.length === c.length ? f : c.toLowerCase().length === c.length ? c.toLowerCase() : c;
  }
  return out;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
