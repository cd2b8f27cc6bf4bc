// Finds the reference list and splits it into entries: one per item, paragraph or line; URL-only lines join the entry above.

import type { ReferenceEntry, SourceLine } from './model.ts';
import { AFTER_REFERENCES_HEADING, REFERENCE_HEADING, TERMINAL_PUNCTUATION, URL_ONLY } from './patterns.ts';
import { headingShape, isMostlyUppercase } from './headings.ts';

export interface ReferenceSection {
  /** Index of the heading line in `lines`, or -1 when there is no reference list. */
  start: number;
  /** Index just past the section's last line. */
  end: number;
  heading: string | null;
}

function headingText(text: string): string {
  return text.replace(/^#+\s*/u, '').replace(/^\*\*|\*\*$/gu, '').replace(/[:.]$/u, '').trim();
}

/** The last line that is a reference-list heading on its own, and where the section ends. */
export function findReferenceSection(lines: SourceLine[]): ReferenceSection {
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (REFERENCE_HEADING.test(headingText(lines[i].text))) {
      start = i;
      break;
    }
  }
  if (start < 0) return { start: -1, end: lines.length, heading: null };
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const text = headingText(lines[i].text);
    const shape = text === '' ? null : headingShape(lines[i].text);
    if (AFTER_REFERENCES_HEADING.test(text) && shape !== null) {
      end = i;
      break;
    }
    // An all-caps heading after the list (an appendix, author notes) closes it.
    if (shape !== null && shape.style === 'caps' && isMostlyUppercase(text) && text.split(' ').length <= 6) {
      end = i;
      break;
    }
  }
  return { start, end, heading: headingText(lines[start].text) };
}

const MARKER = /^(?:(\d{1,3})[.)]|\[(\d{1,3})\]|[-•▪◦–]|\*(?!\*))\s+/u;

/**
 * Splits the lines of a reference list into entries. A marked line (number or bullet) starts an entry;
 * a line that is only a URL belongs to the entry before it; an unmarked line is its own entry unless it
 * directly follows (no blank line) an entry cut mid-sentence, which it then continues.
 */
export function splitReferences(lines: SourceLine[]): ReferenceEntry[] {
  const entries: ReferenceEntry[] = [];
  // Each entry's text is kept as parts and joined once, and only its end is tested:
  // testing the whole growing string at every wrapped line made a long list quadratic.
  const parts: string[][] = [];
  let tail = '';
  const start = (entry: ReferenceEntry) => {
    entries.push(entry);
    parts.push([entry.text]);
    tail = entry.text.slice(-16);
  };
  const append = (joint: string, content: string) => {
    parts[parts.length - 1].push(joint, content);
    tail = (tail + joint + content).slice(-16);
  };
  let previousBlank = true;
  for (const { text, line } of lines) {
    if (text === '') {
      previousBlank = true;
      continue;
    }
    const marker = MARKER.exec(text);
    const content = marker ? text.slice(marker[0].length).trim() : text;
    const last = entries.length > 0;
    if (last && URL_ONLY.test(content)) {
      append(' ', content);
    } else if (marker) {
      start({ text: content, line, ordered: marker[1] !== undefined || marker[2] !== undefined });
    } else if (last && !previousBlank && !TERMINAL_PUNCTUATION.test(tail)) {
      // A wrapped line: the entry above stopped mid-sentence on the line directly before.
      append(/\p{L}-$/u.test(tail) ? '' : ' ', content);
    } else {
      start({ text: content, line, ordered: false });
    }
    previousBlank = false;
  }
  entries.forEach((entry, i) => (entry.text = parts[i].join('')));
  return entries;
}
