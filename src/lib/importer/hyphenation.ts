// Joins wrapped lines back together, deciding for each line-end hyphen whether it is a soft (typesetting) hyphen.

import type { SourceLine } from './model.ts';
import { HYPHEN_PREFIXES, SOFT_HYPHEN_SUFFIXES } from './patterns.ts';

const WORD = /[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*/gu;
/** The word fragment before a line-end hyphen (letters only, so `(socio-` gives `socio`). */
const TRAILING_FRAGMENT = /([\p{L}\p{M}]{1,64})-$/u;
const LEADING_FRAGMENT = /^([\p{L}\p{M}]+)/u;

/** How often each word occurs in the document outside line breaks: the evidence for hyphen decisions. */
export interface Vocabulary {
  words: Map<string, number>;
}

/** Counts words line by line, skipping the fragments on either side of a line-end hyphen. */
export function buildVocabulary(lines: SourceLine[]): Vocabulary {
  const words = new Map<string, number>();
  let previousBroken = false;
  for (const { text } of lines) {
    const tokens = text.match(WORD) ?? [];
    const broken = /\p{L}-$/u.test(text);
    const from = previousBroken && /^\p{Ll}/u.test(text) ? 1 : 0;
    const to = broken ? tokens.length - 1 : tokens.length;
    for (let i = from; i < to; i++) {
      const w = tokens[i].toLowerCase();
      words.set(w, (words.get(w) ?? 0) + 1);
    }
    if (text !== '') previousBroken = broken;
  }
  return { words };
}

/** True when `head-` at a line end followed by `tail` keeps its hyphen (`socio-economic`), false when it is soft. */
export function keepsHyphen(head: string, tail: string, vocabulary: Vocabulary): boolean {
  const h = head.toLowerCase();
  const t = tail.toLowerCase();
  const hyphenated = vocabulary.words.get(`${h}-${t}`) ?? 0;
  const joined = vocabulary.words.get(h + t) ?? 0;
  // What the document itself writes elsewhere is the best evidence.
  if (hyphenated > 0 && joined === 0) return true;
  if (joined > 0 && hyphenated === 0) return false;
  if (HYPHEN_PREFIXES.has(h)) return true;
  if (SOFT_HYPHEN_SUFFIXES.has(t)) return false;
  // Both halves being words of their own suggests a compound such as `capacity-building`.
  if (h.length >= 3 && t.length >= 3 && (vocabulary.words.get(h) ?? 0) > 0) return true;
  return false;
}

/** Joins two pieces of running text that a line break separated. */
export function joinPieces(left: string, right: string, vocabulary: Vocabulary): string {
  if (left === '') return right;
  if (right === '') return left;
  const fragment = TRAILING_FRAGMENT.exec(left);
  if (fragment) {
    const next = LEADING_FRAGMENT.exec(right);
    if (next && /^\p{Ll}/u.test(next[1])) {
      return keepsHyphen(fragment[1], next[1], vocabulary) ? left + right : left.slice(0, -1) + right;
    }
    // `Miller-` + `Perrin`: a capital after the hyphen means a real hyphen.
    if (next) return left + right;
  }
  // An em dash binds the words on either side without spaces.
  if (/—$/u.test(left) || /^—/u.test(right)) return left + right;
  // A slash at a line end usually splits `and/or`-style pairs or URLs.
  if (/\/$/u.test(left) && !/\s/u.test(right.slice(0, 1))) return left + right;
  return `${left} ${right}`;
}

export function joinAll(parts: string[], vocabulary: Vocabulary): string {
  let out = '';
  for (const part of parts) out = joinPieces(out, part, vocabulary);
  return out;
}
