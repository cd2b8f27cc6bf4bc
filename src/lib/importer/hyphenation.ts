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

/** How the text after a line break joins the text before it. */
type Join = 'direct' | 'unhyphenate' | 'space';

/** Decides a join from the end of the text before the break (its last 130 code units suffice) and the text after it. */
function joinKind(leftEnd: string, right: string, vocabulary: Vocabulary): Join {
  // 130 code units hold the fragment's 64 letters (astral ones take two) and the hyphen.
  const fragment = TRAILING_FRAGMENT.exec(leftEnd.slice(-130));
  if (fragment) {
    const next = LEADING_FRAGMENT.exec(right);
    if (next && /^\p{Ll}/u.test(next[1])) {
      return keepsHyphen(fragment[1], next[1], vocabulary) ? 'direct' : 'unhyphenate';
    }
    // `Miller-` + `Perrin`: a capital after the hyphen means a real hyphen.
    if (next) return 'direct';
  }
  // An em dash binds the words on either side without spaces.
  if (leftEnd.endsWith('—') || right.startsWith('—')) return 'direct';
  // A slash at a line end usually splits `and/or`-style pairs or URLs.
  if (leftEnd.endsWith('/') && !/\s/u.test(right.slice(0, 1))) return 'direct';
  return 'space';
}

/** Joins two pieces of running text that a line break separated. */
export function joinPieces(left: string, right: string, vocabulary: Vocabulary): string {
  if (left === '') return right;
  if (right === '') return left;
  const kind = joinKind(left.slice(-130), right, vocabulary);
  return kind === 'direct' ? left + right : kind === 'unhyphenate' ? left.slice(0, -1) + right : `${left} ${right}`;
}

/**
 * Joins a paragraph's lines. Linear: decisions read only the end of the text so far (kept apart), and the
 * pieces are joined once; testing the whole growing string at every line made long paragraphs quadratic.
 */
export function joinAll(parts: string[], vocabulary: Vocabulary): string {
  const pieces: string[] = [];
  let tail = '';
  for (const part of parts) {
    if (part === '') continue;
    if (pieces.length === 0) {
      pieces.push(part);
      tail = part.slice(-130);
      continue;
    }
    const kind = joinKind(tail, part, vocabulary);
    if (kind === 'unhyphenate') {
      pieces[pieces.length - 1] = pieces[pieces.length - 1].slice(0, -1);
      tail = tail.slice(0, -1);
    }
    const joint = kind === 'space' ? ' ' : '';
    pieces.push(joint, part);
    tail = (tail + joint + part).slice(-130);
  }
  return pieces.join('');
}
