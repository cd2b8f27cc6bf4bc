// Parses one printed reference into CSL-JSON; a field it cannot read is left out, and the entry as printed goes in `note`.

import type { CslItem, CslName } from '../types.ts';
import type { ReferenceEntry } from './model.ts';
import { parsePeople } from './names.ts';
import {
  ABBREVIATIONS,
  BARE_URL,
  DOI_CORE,
  DOMAIN_IN_PARENS,
  LOST_LINK,
  PLACE_PUBLISHER,
  REFERENCE_YEAR,
  URL_IN_ANGLES,
  VOLUME_ISSUE_PAGES,
} from './patterns.ts';

export const NOTE_PREFIX = 'Reference as printed: ';

const DOI_FORMS = [
  /(?:https?:\/\/)?(?:dx\.)?doi\.org\/(10\.\d{4,9}\/[^\s<>]+)/iu,
  /\bdoi\s*:\s*(10\.\d{4,9}\/[^\s<>]+)/iu,
  DOI_CORE,
];
/** Everything from `Available:` on is a link label whose link extraction lost. */
const AVAILABLE_TAIL = /\s*\b(?:available(?:\s+(?:at|from|online))?|retrieved\s+from)\s*:.*$/iu;
const ITALIC_AT_START = /^\*([^*]+)\*/u;
const CONTAINER_AT_START = /^(?:in\s+|conference\s+|proceedings\s+(?:of\s+)?)?\*([^*]+)\*/iu;
const BRACKET_AT_END = /\s?\[[^\]]{0,400}\]$/u;
const BRACKET_AT_START = /^\[[^\]]{0,400}\][.,]?\s*/u;

function stripLeading(text: string): string {
  return text.replace(/^[\s.,;:]+/u, '');
}

function clean(text: string): string {
  return text.replace(/\*/gu, '').replace(/\s+/gu, ' ').trim().replace(/[\s.,;:]{1,12}$/u, '');
}

/** Splits off the first sentence, skipping periods inside brackets and after initials or abbreviations. */
export function firstSentence(text: string): { sentence: string; rest: string } {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if (depth === 0 && (ch === '.' || ch === '?' || ch === '!')) {
      const after = text[i + 1];
      if (after !== undefined && after !== ' ') continue;
      if (ch === '.') {
        const word = /([\p{L}.]+)$/u.exec(text.slice(0, i));
        const token = word ? word[1] : '';
        if (/^\p{Lu}$/u.test(token) || /\.\p{Lu}$/u.test(token) || ABBREVIATIONS.has(token.toLowerCase())) continue;
      }
      const end = ch === '.' ? i : i + 1;
      return { sentence: text.slice(0, end).trim(), rest: text.slice(i + 1).trim() };
    }
  }
  return { sentence: text.trim(), rest: '' };
}

/** Sentences of `text` at the same boundaries as `firstSentence`. */
function sentences(text: string): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest !== '') {
    const next = firstSentence(rest);
    out.push(next.sentence);
    rest = next.rest;
  }
  return out;
}

function take(pattern: RegExp, text: string): { value: string | null; text: string } {
  const m = pattern.exec(text);
  if (!m) return { value: null, text };
  return { value: m[1], text: text.slice(0, m.index) + text.slice(m.index + m[0].length) };
}

interface Located {
  place?: string;
  publisher?: string;
  page?: string;
}

/** `City: Publisher` anywhere in the rest of the entry, italics masked so a subtitle's colon is not read as one. */
function placeAndPublisher(rest: string): Located {
  const masked = rest.replace(/\*[^*]*\*/gu, '');
  for (const sentence of sentences(masked)) {
    const candidate = stripLeading(sentence);
    const m = PLACE_PUBLISHER.exec(candidate);
    if (!m || m[1].split(' ').length > 4) continue;
    const pages = /,\s*(\d{1,6}\s?[-–]\s?\d{1,6})$/u.exec(m[2]);
    const publisher = clean(m[2].replace(/,\s*\d[\d\s–-]*$/u, ''));
    return { place: m[1].trim(), publisher, page: pages ? pages[1].replace(/\s|–/gu, (c) => (c === '–' ? '-' : '')) : undefined };
  }
  return {};
}

/** A short Title Case phrase right after the title (`WHO Press`) is the publisher in author–date styles. */
function barePublisher(rest: string): string | null {
  const first = sentences(rest.replace(/^[\s.,;:]+/u, ''))[0];
  if (first === undefined) return null;
  const phrase = clean(first);
  const words = phrase.split(' ');
  if (phrase === '' || words.length > 5 || /\d|[:*]/u.test(phrase)) return null;
  return words.every((w) => /^[\p{Lu}&]/u.test(w) || ['of', 'and', 'for', 'the', 'on'].includes(w)) ? phrase : null;
}

function organisation(text: string): CslName[] | null {
  const name = text.trim();
  if (!/\.$/u.test(name) || /[*\d]/u.test(name)) return null;
  const words = name.split(/\s+/u);
  if (words.length > 10 || !/^\p{Lu}/u.test(name)) return null;
  return [{ literal: name.replace(/\.$/u, '') }];
}

/** The CSL-JSON item for one printed reference. */
export function parseReference(entry: ReferenceEntry, id: string): CslItem {
  let work = entry.text;
  let doi: string | null = null;
  for (const form of DOI_FORMS) {
    const found = take(form, work);
    if (found.value) {
      doi = found.value.replace(/[.,;)\]]+$/u, '');
      work = found.text;
      break;
    }
  }
  const urls: string[] = [];
  work = work.replace(URL_IN_ANGLES, (_, url: string) => {
    urls.push(url);
    return '';
  });
  work = work.replace(BARE_URL, (url) => {
    urls.push(url.replace(/[.,;)]+$/u, ''));
    return '';
  });
  work = work
    .replace(AVAILABLE_TAIL, '')
    .replace(LOST_LINK, '')
    .replace(DOMAIN_IN_PARENS, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[\s;,]{1,12}$/u, '');

  let author: CslName[] | undefined;
  let year: string | undefined;
  let yearSuffix: string | undefined;
  let title: string | undefined;
  let rest = '';

  const y = REFERENCE_YEAR.exec(work);
  if (y) {
    const pre = work.slice(0, y.index).trim().replace(/,$/u, '');
    const post = stripLeading(work.slice(y.index + y[0].length));
    if (y[1]) {
      year = y[1];
      if (y[2]) yearSuffix = y[2];
    }
    const people = pre === '' ? null : parsePeople(pre);
    let preTitle: string | undefined;
    if (people) author = people.names;
    else if (pre !== '') {
      const org = organisation(pre);
      if (org) author = org;
      else preTitle = clean(pre);
    }
    const italic = ITALIC_AT_START.exec(post);
    if (italic) {
      title = italic[1];
      rest = post.slice(italic[0].length);
      // `Name (Year), *Title*`: with the title in italics after the year, the name before it is the (organisation) author.
      if (preTitle && !author) author = [{ literal: preTitle }];
    } else if (preTitle) {
      title = preTitle;
      rest = post;
    } else {
      const s = firstSentence(post);
      title = s.sentence;
      rest = s.rest;
    }
  } else {
    const italic = ITALIC_AT_START.exec(work);
    if (italic) {
      title = italic[1];
      rest = work.slice(italic[0].length);
    } else {
      const s = firstSentence(work);
      title = s.sentence;
      rest = s.rest;
    }
  }
  title = title === undefined ? undefined : clean(title.replace(BRACKET_AT_END, '').replace(/\.\s*\]$/u, ']'));
  rest = stripLeading(rest).replace(BRACKET_AT_START, '');

  let container: string | undefined;
  let volume: string | undefined;
  let issue: string | undefined;
  let page: string | undefined;
  const c = CONTAINER_AT_START.exec(rest);
  let afterContainer = rest;
  if (c) {
    container = clean(c[1]);
    afterContainer = rest.slice(c[0].length);
  }
  if (c || /^\d{1,4}\s*(?:\(|[,:]\s*\d)/u.test(afterContainer)) {
    const v = VOLUME_ISSUE_PAGES.exec(afterContainer);
    if (v) {
      volume = v[1];
      issue = v[2];
      page = v[3]?.replace(/\s/gu, '').replace(/[–—]/gu, '-');
    }
  }
  const located = placeAndPublisher(rest);
  const publisher = located.publisher ?? (container === undefined ? barePublisher(rest) ?? undefined : undefined);
  if (page === undefined && located.page !== undefined) page = located.page;

  let type = 'document';
  if (container && volume) type = 'article-journal';
  else if (located.place && located.publisher) type = 'book';
  else if ((title && /\breport\b/iu.test(title)) || publisher) type = 'report';
  else if (container) type = 'chapter';
  else if (urls.length > 0) type = 'webpage';

  const item: CslItem = { id, type };
  if (author && author.length > 0) item.author = author;
  if (year) item.issued = { 'date-parts': [[Number(year)]] };
  if (yearSuffix) item['year-suffix'] = yearSuffix;
  if (title) item.title = title;
  if (container) item['container-title'] = container;
  if (volume) item.volume = volume;
  if (issue) item.issue = issue;
  if (page) item.page = page;
  if (publisher) item.publisher = publisher;
  if (located.place && located.publisher) item['publisher-place'] = located.place;
  if (doi) item.DOI = doi;
  if (urls.length > 0) item.URL = urls[0];
  item.note = NOTE_PREFIX + entry.text;
  return item;
}
