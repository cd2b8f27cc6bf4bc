// Citation patterns as data: pandoc syntax, the parts of an author–year citation, and words that tell names from prose.

// A pandoc citation key: starts with a letter, digit or `_`; inner punctuation only when a key character follows.
const key = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~\/](?=[\p{L}\p{N}_]))*`;

/** `[…]` holding at least one `@key`; the items are parsed one by one. */
export const pandocBracket = /\[([^\[\]]{1,1000})\]/g;

/** One item of a bracketed pandoc citation: prefix, `-`, key (plain or `{braced}`), locator/suffix. */
export const pandocItem = new RegExp(
  String.raw`^([^@]*?)(-?)@(?:\{([^{}]{1,200})\}|(${key}))(.*)$`,
  'su',
);

/** A narrative `@key`, optionally followed by `[locator]`; `@` after a word character is an e-mail or handle. */
export const pandocNarrative = new RegExp(
  String.raw`(?<![\p{L}\p{N}_.@/:+\-\]])@(?:\{([^{}\n]{1,200})\}|(${key}))(?:[ \t]?\[([^\[\]@]{1,120})\])?`,
  'gu',
);

/** A year as written in a citation: `2019`, `2019a`, `n.d.`, `in press`. */
export const year = /^(?:(?:1[5-9]\d\d|20\d\d)[a-z]?|n\.\s?d\.?|in press|forthcoming)$/;

/** A pinpoint: pages, paragraphs, articles, sections, chapters, notes. */
export const locator =
  /^(?:pp?\.|pages?\b|paras?\.?|paragraphs?\b|§§?|art(?:icle)?s?\b\.?|ch(?:ap(?:ter)?)?\b\.?|sec(?:tion)?s?\b\.?|fig(?:ure)?\b\.?|vol\b\.?|fn\b\.?|n\.|notes?\b|at)\s*\d/i;

/** Locators that make a yearless name a citation (`Digital Agenda 2010-2020, p. 4`). */
export const pageLocator = /^(?:pp?\.|pages?\b)\s*\d/i;

/** Words that open a parenthesised citation without being part of it. */
export const prefix =
  /^(?:see also|see,? e\.g\.,?|see|e\.g\.,?|i\.e\.,?|cf\.?|compare|for example,?|for instance,?|as cited in|cited in|quoted in|reviewed in|also|and)\s+/i;

/** `et al.` closing an author list. */
export const etAl = /\s+et\.?\s+al\.?$/;

/** An abbreviation introduced after a name: `[WHO]` or `(ILO)`. */
export const introduces = /\s*[\[(]([\p{Lu}][\p{L}\p{N}&.\-]{0,15})[\])]$/u;

/** Lowercase words allowed inside an organisation or a name. */
export const connectors = new Set([
  'of', 'on', 'for', 'and', 'the', 'against', 'in', 'to', 'at', '&', 'de', 'del', 'della', 'der', 'den', 'van', 'von',
  'du', 'la', 'le', 'les', 'des', 'y', 'e', 'da', 'di', 'dos', 'das', 'al', 'el', 'bin', 'ibn', 'ten', 'ter', 'und', 'et',
]);

/** Name particles that may open an author name in lowercase (`van Dijk`, `de Souza`). */
export const particles = new Set(['van', 'von', 'de', 'del', 'della', 'der', 'den', 'du', 'da', 'di', 'dos', 'das', 'al', 'el', 'le', 'la', 'ter', 'ten']);

/** Capitalised words that open sentences and clauses, never a name (`According to`, `In`). */
export const sentenceWords = new Set([
  'In', 'On', 'At', 'As', 'By', 'For', 'From', 'According', 'The', 'This', 'That', 'These', 'Those', 'While', 'Although',
  'Since', 'Following', 'Unlike', 'Like', 'See', 'Also', 'And', 'But', 'However', 'Moreover', 'Thus', 'Both', 'Recently',
  'Similarly', 'Notably', 'Here', 'There', 'When', 'Where', 'After', 'Before', 'During', 'Under', 'Per', 'With', 'Without',
  'Through', 'Whereas', 'If', 'Yet', 'So', 'Then', 'Later', 'Earlier', 'Indeed', 'Further', 'Furthermore', 'Finally', 'A', 'An',
]);

/** Month names: `(December 2011)` is a date, not a citation. */
export const months = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'spring', 'summer', 'autumn', 'fall', 'winter',
]);

/** Longest parenthesis content read as a citation. */
export const maxParenthesis = 400;
/** Most words in the name before a narrative `(2019)`: more is a title. */
export const maxNarrativeWords = 6;
