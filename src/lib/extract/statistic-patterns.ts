// Statistic patterns as data: number forms, units, qualifiers and the contexts that make a number no statistic.
import type { StatisticMention } from '../types.ts';

const numBody = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\p{N}]|[.,/]\d)`;
// A number standing alone: not the tail of `A/RES/54`, `24.7.2020`, `2020-2025` or a word.
const num = String.raw`(?<![\p{L}\p{N}.,/\-–])${numBody}`;
const wordNum = String.raw`\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one hundred)\b`;
const scale = String.raw`(?:\s*(?:million|billion|trillion|thousand|bn)\b)?`;
const percent = String.raw`(?:\s?%|\s?per ?cent\b|\s?percent\b|\s?percentage points?\b)`;

/** A statistic pattern: the kind it finds and its source; group names are written `(?<@name>…)` and made unique per kind. */
export interface StatisticPattern {
  kind: StatisticMention['kind'];
  source: string;
}

// Priority order: where two patterns match at the same place, the earlier one wins.
export const statisticPatterns: StatisticPattern[] = [
  {
    kind: 'range',
    source:
      String.raw`\bbetween\s+(?<@low>${num})${scale}\s*(?<@lowUnit>${percent})?\s*(?:and|to|[-–—])\s*(?<@high>${numBody})${scale}(?<@unit>${percent})?` +
      String.raw`|(?<@low2>${num})\s*(?:${percent})?\s*(?:[-–—]|to)\s*(?<@high2>${numBody})(?<@unit2>${percent})`,
  },
  {
    kind: 'money',
    source:
      String.raw`(?<@currency>US\$|USD|EUR|GBP|A\$|C\$|\$|€|£)\s?(?<@value>${num})(?<@scale>${scale})` +
      String.raw`|(?<@value2>${num})(?<@scale2>${scale})\s*(?<@currency2>dollars|euros|pounds|USD|EUR|GBP)\b`,
  },
  {
    kind: 'percentage',
    source: String.raw`(?:(?<@value>${num})|(?<@word>${wordNum}))(?<@unit>${percent})`,
  },
  {
    kind: 'multiplier',
    source: String.raw`\b(?<@twice>twice|thrice)(?=\s+(?:as|the|more|likely)\b)|(?:(?<@value>${num})|(?<@word>${wordNum}))(?:\s?times\b|-?fold\b|\s?[x×](?![\p{L}\p{N}]))`,
  },
  {
    kind: 'duration',
    source: String.raw`(?:(?<@value>${num})|(?<@word>${wordNum}))[\s-](?<@unit>years?|months?|weeks?|days?|hours?|decades?|minutes?|seconds?)\b`,
  },
  {
    kind: 'count',
    source: String.raw`(?<@value>${num})(?<@scale>${scale})`,
  },
];

/** Each pattern compiled sticky, with plain group names: tried in order only where a figure can start. */
export const statisticRegexes: Array<{ kind: StatisticMention['kind']; regex: RegExp }> = statisticPatterns.map((p) => ({
  kind: p.kind,
  regex: new RegExp(p.source.replaceAll('(?<@', '(?<'), 'yiu'),
}));

/** Number words that may open a figure (`thirty percent`, `three times`); `twice` and `thrice` stand alone. */
export const numberWords = new Set(Object.keys({
  one: 1, two: 1, three: 1, four: 1, five: 1, six: 1, seven: 1, eight: 1, nine: 1, ten: 1, eleven: 1, twelve: 1, thirteen: 1,
  fourteen: 1, fifteen: 1, sixteen: 1, seventeen: 1, eighteen: 1, nineteen: 1, twenty: 1, thirty: 1, forty: 1, fifty: 1,
  sixty: 1, seventy: 1, eighty: 1, ninety: 1,
}));
export const standaloneWords = new Set(['twice', 'thrice']);

/** Words a number word must be followed by to be a figure. */
export const wordUnits = new Set([
  'percent', 'per', 'times', 'fold', 'year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days', 'decade', 'decades',
  'hour', 'hours', 'minute', 'minutes', 'second', 'seconds', 'hundred',
]);

/** Characters that, right before an anchor, make it the tail of something else (`A/RES/54`, `24.7`, `2020-2025`, a word). */
export const anchorTail = /[\p{L}\p{N}.,/\-–]/u;

/** What may stand before the number inside a figure: `between`, a currency. */
export const lead = /(?:\bbetween\s+|(?:US\$|USD|EUR|GBP|A\$|C\$|\$|€|£)\s?)$/i;

/** Number words as values. */
export const wordValues: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, twice: 2, thrice: 3,
};

export const scales: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, bn: 1e9, trillion: 1e12 };

export const currencies: Record<string, string> = {
  'US$': 'USD', USD: 'USD', $: 'USD', dollars: 'USD', 'A$': 'AUD', 'C$': 'CAD',
  '€': 'EUR', EUR: 'EUR', euros: 'EUR', '£': 'GBP', GBP: 'GBP', pounds: 'GBP',
};

/** Hedges before a number, longest first. */
export const qualifier =
  /(?:^|[^\p{L}])(more than|less than|fewer than|up to|at least|as many as|as much as|well over|just over|just under|close to|in excess of|upwards of|an estimated|approximately|nearly|almost|around|about|roughly|some|over|under|below|above|estimated)\s+$/iu;

/** Words before a number that make it a reference, not a quantity: `article 5`, `p. 9`, `No. 29`. */
export const referenceBefore =
  /(?:^|[^\p{L}])(?:articles?|arts?|sections?|sec|chapters?|ch|pages?|pp?|nos?|numbers?|points?|paragraphs?|paras?|figures?|fig|tables?|annex(?:es)?|vol|volumes?|issues?|resolutions?|rules?|parts?|items?|steps?|phases?|levels?|grades?|class|titles?|versions?|appendix|box|footnotes?|notes?|questions?|waves?|rounds?|cases?|com|recitals?|§)\.?\s*\(?$/iu;

/** Age thresholds: `under the age of 18`, `aged 18`, `18 years old`. */
export const ageBefore = /(?:^|[^\p{L}])(?:age[sd]?|age of|aged between|ages of)\s*$/iu;
export const ageAfter = /^[\d.,]+(?:[\s-]years?)?(?:[\s-](?:old|of age)|-year-old|\s+and\s+(?:over|older|above|under))/i;
export const thresholdBefore = /(?:^|[^\p{L}])(?:under|below|over|above|less than|younger than|older than|at least)\s+$/iu;
/** Threshold words that measure time, not age: `for over 20 years`. */
export const durationBefore = /(?:^|[^\p{L}])(?:for|within|during|after|in the (?:last|past|next))\s+\S+(?:\s+than)?\s+$/iu;

export const monthNames = /^(?:january|february|march|april|may|june|july|august|september|october|november|december)\b/i;
export const monthBefore = /(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+$/i;

/** Words ending a noun phrase. */
export const phraseStops = new Set([
  'in', 'on', 'at', 'for', 'to', 'by', 'with', 'from', 'during', 'since', 'between', 'who', 'whom', 'which', 'that',
  'are', 'is', 'was', 'were', 'have', 'has', 'had', 'be', 'been', 'will', 'would', 'can', 'could', 'may', 'might',
  'must', 'should', 'and', 'or', 'but', 'than', 'as', 'while', 'whereas', 'per', 'each', 'according', 'into', 'within',
  'across', 'where', 'when', 'if', 'because', 'though', 'although', 'do', 'does', 'did', 'not',
]);

/** A verb linking a subject to its figure, ending the text before it: `X rose by 30%`, `children account for 30%`. */
export const verbBefore =
  /\s(?:rose|increased|fell|decreased|grew|declined|dropped|jumped|doubled|tripled|accounts? for|accounted for|represents?|represented|amounts? to|amounted to|reached|stood at|makes? up|made up|constitutes?|constituted|comprises?|comprised|totals?|totalled|totaled|reach(?:es)?|earns?|earned|generates?|generated|costs?|is|are|was|were)\s+(?:by\s+|at\s+|to\s+)?$/;

/** Change nouns: `a 30% increase in X` measures X. */
export const changeAfter = /^\s+(?:increase|decrease|rise|drop|decline|reduction|growth|fall|jump|surge)\s+(?:in|of)\s+/i;

/** Longest `about`, in words. */
export const maxAboutWords = 8;
