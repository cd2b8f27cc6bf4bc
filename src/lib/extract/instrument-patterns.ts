// Instrument patterns as data: numbered instruments, head words of named ones, and article pinpoints.

/** An instrument written with its number (`Directive 2012/29/EU`): what it is and how to key it. */
export interface NumberedPattern {
  /** Literal words one of which the text must hold before the regex is tried. */
  strings: string[];
  regex: RegExp;
  /** Kind of instrument it names. */
  kind: (m: RegExpExecArray) => string;
  /** Canonical name, the same however it is spaced or cased. */
  name: (m: RegExpExecArray) => string;
  /** Key shared by every spelling of the number, for the registry look-up. */
  key: (m: RegExpExecArray) => string;
}

export const numberedPatterns: NumberedPattern[] = [
  {
    // EU acts: `Directive 2012/29/EU`, `Regulation (EU) 2016/679`, `Council Framework Decision 2002/475/JHA`.
    strings: ['Directive', 'Regulation', 'Decision'],
    regex:
      /\b(Directive|Regulation|Framework Decision|Decision)\s+(?:\((?:EU|EC|EEC|Euratom)\)\s*)?(?:No\.?\s*)?(\d{1,4})\/(\d{1,4})(?:\/(EU|EC|EEC|JHA|CFSP|Euratom))?(?![\d/])/g,
    kind: (m) => m[1].toLowerCase().replace(/^framework /, ''),
    name: (m) => `${m[1]} ${m[2]}/${m[3]}${m[4] ? `/${m[4]}` : ''}`,
    key: (m) => `${m[1].toLowerCase()} ${m[2]}/${m[3]}`,
  },
  {
    // Numbered conventions: `Convention No. 29`, `Convention no. 29 of the International Labour Organization`.
    strings: ['Convention', 'Recommendation'],
    regex: /\b(?:[A-Z]{2,6}\s+)?(Convention|Recommendation)\s+[Nn]o\.?\s*(\d{1,4})\b(?:\s+of\s+the\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,5})?/gu,
    kind: (m) => m[1].toLowerCase(),
    name: (m) => `${m[1]} No. ${m[2]}`,
    key: (m) => `${m[1].toLowerCase()} no ${m[2]}`,
  },
];

/** Head words that end (or open) an instrument's name, with the kind they name; `referenceWords` in the registry adds to them. */
export const defaultHeads: Record<string, string[]> = {
  convention: ['Convention'],
  protocol: ['Protocol'],
  directive: ['Directive'],
  regulation: ['Regulation'],
  declaration: ['Declaration'],
  charter: ['Charter'],
  treaty: ['Treaty'],
  covenant: ['Covenant'],
  act: ['Act'],
  statute: ['Statute'],
};

/** Words that may follow a head word and open the rest of a name: `Convention on …`, `Protocol to Prevent …`. */
export const nameOpeners = new Set(['on', 'against', 'for', 'of', 'to', 'concerning', 'regarding', 'relating']);

/** Lowercase words allowed inside a name. */
export const nameConnectors = new Set(['of', 'the', 'and', 'in', 'on', 'for', 'against', 'to', 'by', 'from', 'concerning', 'regarding']);

/** Determiners of a back-reference: `the Convention`, `this Protocol`. */
export const determiners = new Set(['the', 'this', 'that', 'said']);

/** Kinds whose name may carry its year: `Act of 2000`, `Act, 2015`. */
export const yearedKinds = new Set(['act']);

/** Longest name a pattern builds, in words. */
export const maxNameWords = 16;

const articleNumber = String.raw`\d{1,3}[a-z]?(?:\(\w{1,4}\))*`;

/**
 * Article pinpoints: `Article 5`, `art. 34`, `articles 18-23`, `Articles 18 to 23`, `Art. 3(1)(a)`, `arts. 18 and 19`.
 * No leading `\b` (it would run at every character): the caller checks the character before a hit.
 */
export const pinpoint = new RegExp(
  String.raw`(?:[Aa]rt(?:icle)?s?|ARTICLES?|ART)\b\.?\s*(${articleNumber}(?:\s*(?:[-–—]|to|and|&|,)\s*${articleNumber})*)(?![\d/])`,
  'g',
);

/** What links a pinpoint to the instrument named right after it: `… of the`. */
export const pinpointLink = /^\s*(?:of|in|under|from)\s+(?:(?:the|this|that)\s+)?$/i;

/** Widest article range expanded into single articles. */
export const maxRange = 200;
