// Recognises a heading line (all caps, bold, numbered or short Title Case) and gives headings their Markdown level.

import type { Block, HeadingStyle } from './model.ts';
import { NUMBERED_HEADING, SECTION_NAMES, SMALL_WORDS } from './patterns.ts';

export interface HeadingShape {
  text: string;
  style: HeadingStyle;
  /** Depth of the section number: `2` → 1, `2.1` → 2; 0 when unnumbered. */
  depth: number;
}

const BOLD_LINE = /^\*\*([^*].*[^*]|[^*])\*\*$/u;
/** Headings end without sentence punctuation; a trailing `?` or `:` marks a sentence or a lead-in. */
const ENDS_LIKE_SENTENCE = /[.,;:!?]["'”’)\]]{0,8}$/u;
/** A citation or a year in brackets is prose, not a heading. */
const CITATION_LIKE = /\([^()]{0,200}\b(?:1[89]|20)\d\d[a-z]?\s?\)/u;

function words(text: string): string[] {
  return text.split(' ').filter((w) => w !== '');
}

/** True when most letters are capitals (`ABSTRACT`, `1. INTRODUCTION`). */
export function isMostlyUppercase(text: string): boolean {
  let upper = 0;
  let letters = 0;
  for (const ch of text) {
    if (/\p{L}/u.test(ch)) {
      letters++;
      if (/\p{Lu}/u.test(ch)) upper++;
    }
  }
  return letters >= 2 && upper / letters >= 0.85;
}

/** True for short Title Case text: most significant words capitalised, not ending on a small word. */
export function isTitleCase(text: string): boolean {
  const ws = words(text);
  if (ws.length === 0 || ws.length > 12 || text.length > 100) return false;
  if (!/^["'“‘(]?\p{Lu}/u.test(text)) return false;
  const last = ws[ws.length - 1].toLowerCase();
  if (SMALL_WORDS.has(last)) return false;
  const significant = ws.filter((w) => /\p{L}/u.test(w) && !SMALL_WORDS.has(w.toLowerCase()));
  if (significant.length === 0) return false;
  const capitalised = significant.filter((w) => /^["'“‘(]?[\p{Lu}\d]/u.test(w)).length;
  return capitalised / significant.length >= 0.75;
}

/** Normalised name of a section heading, for matching against known section names. */
export function sectionName(text: string): string {
  return text
    .replace(/\*/gu, '')
    .replace(/^\d{1,2}(?:\.\d{1,2})*\.?\s+/u, '')
    .replace(/[:.]$/u, '')
    .trim()
    .toLowerCase();
}

export function isSectionName(text: string): boolean {
  return SECTION_NAMES.has(sectionName(text));
}

/** The heading a single line stands for, or null when it is prose. */
export function headingShape(line: string): HeadingShape | null {
  if (line.includes('@') || /https?:\/\//u.test(line)) return null;
  // Bold that opens on this line and closes on another is a wrapped title or paragraph, not a heading.
  if ((line.match(/\*\*/gu) ?? []).length % 2 === 1) return null;
  const boldMatch = BOLD_LINE.exec(line);
  const bold = boldMatch && !boldMatch[1].includes('**') ? boldMatch : null;
  const text = (bold ? bold[1] : line).trim();
  if (text === '' || ENDS_LIKE_SENTENCE.test(text) || CITATION_LIKE.test(text)) return null;
  const ws = words(text);
  const numbered = NUMBERED_HEADING.exec(text);
  if (numbered && /^["'“‘]?\p{Lu}/u.test(numbered[2]) && ws.length <= 16 && text.length <= 120) {
    return { text, style: 'numbered', depth: numbered[1].split('.').length };
  }
  if (/^\d/u.test(text)) return null;
  if (bold && ws.length <= 20) return { text, style: 'bold', depth: 0 };
  if (isMostlyUppercase(text) && ws.length <= 20) return { text, style: 'caps', depth: 0 };
  if (isTitleCase(text) || isSectionName(text)) return { text, style: 'title', depth: 0 };
  return null;
}

/**
 * Gives every heading a Markdown level. Caps, bold and top-level numbered headings are `##`, `2.1` is `###`.
 * Unnumbered Title Case headings sit one level under the caps ones when both kinds occur; a Title Case heading
 * followed directly by another opens a section whose later Title Case headings are its children.
 */
export function assignLevels(blocks: Block[]): void {
  const headings = blocks.filter((b) => b.kind === 'heading');
  const hasMajor = headings.some((h) => h.style !== 'title');
  const titleBase = hasMajor ? 3 : 2;
  let inParent = false;
  blocks.forEach((block, i) => {
    if (block.kind !== 'heading') return;
    if (block.style === 'numbered') {
      block.level = Math.min(6, 1 + block.depth);
      inParent = false;
    } else if (block.style !== 'title') {
      block.level = 2;
      inParent = false;
    } else {
      const next = blocks[i + 1];
      const isParent = next !== undefined && next.kind === 'heading' && next.style === 'title';
      if (isParent) {
        block.level = titleBase;
        inParent = true;
      } else {
        block.level = inParent ? titleBase + 1 : titleBase;
      }
    }
  });
}
