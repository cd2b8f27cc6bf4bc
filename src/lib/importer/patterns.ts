// Every pattern and word list the importer uses, in one place, so rules are data and easy to audit.
// All regexes are linear: no nested quantifiers over overlapping classes.

/** Superscript digits as printed by PDF extraction, mapped to their value. */
export const SUPERSCRIPT_DIGITS: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9',
};
export const SUPERSCRIPT_CLASS = '[⁰¹²³⁴⁵⁶⁷⁸⁹]';

/** A footnote line: superscript marker, then the note text. */
export const FOOTNOTE_LINE = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(\S.*)$/u;

/** Bullet list item: `-`, `•`, `▪`, `◦`, `–` or a single `*`, then a space. */
export const BULLET_ITEM = /^(?:[-•▪◦–]|\*(?!\*))\s+(\S.*)$/u;
/** Numbered list item: up to three digits (a year such as `1996.` is prose), `.` or `)`, then a space. */
export const NUMBERED_ITEM = /^(\d{1,3})[.)]\s+(\S.*)$/u;
/** Numbered heading: `1. Introduction`, `2.1 Methods`, `3.2.1. Data`. */
export const NUMBERED_HEADING = /^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$/u;

/** Ends a sentence or clause, allowing closing quotes and brackets after it. */
export const TERMINAL_PUNCTUATION = /[.!?:;]["'”’)\]*]{0,8}$/u;

/** Words after which a sentence cannot end, so a paragraph ending in one continues after a gap. */
export const CONTINUATION_WORDS = new Set([
  'a', 'an', 'the', 'of', 'and', 'or', 'nor', 'but', 'in', 'into', 'to', 'for', 'with', 'by', 'on', 'at', 'from',
  'as', 'that', 'which', 'who', 'whose', 'such', 'its', 'their', 'his', 'her', 'our', 'this', 'these', 'those',
  'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'than', 'between', 'among', 'within', 'without',
  'under', 'over', 'via', 'per', 'including', 'against', 'toward', 'towards', 'about', 'upon', 'both', 'either',
  'not', 'also', 'can', 'may', 'must', 'should', 'will', 'would', 'could', 'very', 'more', 'most',
]);

/** Prefix-like words: `socio-` + `economic` keeps its hyphen. */
export const HYPHEN_PREFIXES = new Set([
  'socio', 'non', 'self', 'multi', 'cross', 'anti', 'co', 'post', 'pre', 'inter', 'intra', 'well', 'long', 'short',
  'semi', 'quasi', 'pseudo', 'neo', 'counter', 'ex', 'sub', 'super', 'trans', 'ultra', 'under', 'over', 'mid',
  'high', 'low', 'full', 'part', 'half', 'cyber', 'micro', 'macro', 'meta', 'bio', 'eco', 'geo', 'psycho',
]);

/** Word endings that are never words on their own: `develop-` + `ment` is one word. */
export const SOFT_HYPHEN_SUFFIXES = new Set([
  'ment', 'ments', 'tion', 'tions', 'sion', 'sions', 'ness', 'ity', 'ities', 'ing', 'ings', 'ed', 'er', 'ers',
  'ly', 'ally', 'ance', 'ances', 'ence', 'ences', 'able', 'ible', 'ous', 'ive', 'ives', 'ize', 'ise', 'ized', 'ised',
  'ist', 'ists', 'ism', 'al', 'ial', 'ical', 'ful', 'less', 'ship', 'ary', 'ory', 'ation', 'ations', 'ant', 'ants',
  'ent', 'ents', 'ure', 'ures', 'age', 'ages', 'ic', 'ics', 'est', 'ion', 'ions', 'ty', 'ties', 'cy', 'cies',
]);

/** Names of sections that start the body of a paper; none of them is ever the paper's title. */
export const SECTION_NAMES = new Set([
  'abstract', 'extended abstract', 'summary', 'executive summary', 'introduction', 'background', 'keywords',
  'key words', 'contents', 'table of contents', 'methods', 'methodology', 'materials and methods', 'results',
  'discussion', 'conclusion', 'conclusions', 'references', 'bibliography', 'works cited', 'literature cited',
  'reference list', 'sources', 'acknowledgements', 'acknowledgments', 'appendix', 'notes', 'preface', 'foreword',
  'literature review', 'recommendations', 'findings',
]);

/** Headings that open the reference list. */
export const REFERENCE_HEADING =
  /^(?:\d{1,2}\.?\s+)?(?:references?(?: list| cited)?|bibliography|works cited|literature cited|cited literature|sources|literature)$/iu;

/** A section that ends the reference list when it follows it. */
export const AFTER_REFERENCES_HEADING = /^(?:\d{1,2}\.?\s+)?(?:appendix|appendices|annex|notes|endnotes|acknowledge?ments?|funding|about the authors?|author biograph(?:y|ies)|conflicts? of interest)\b/iu;

/** Small words that Title Case leaves in lowercase. */
export const SMALL_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'nor', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'as',
  'into', 'via', 'vs', 'against', 'within', 'without', 'between', 'among', 'under', 'over', 'per', 'upon', 'de',
  'la', 'le', 'du', 'des', 'van', 'von', 'der',
]);

/** Words that tell an affiliation from a name. */
export const AFFILIATION_WORDS =
  /\b(?:university|universit[àéäy]|department|dept|institute|institut|college|school|faculty|centre|center|hospital|laboratory|ministry|academy|council|foundation|research fellow|professor|lecturer|scholar|student|fellow|researcher|organi[sz]ation|agency|office|chair|programme|program)\b/iu;

/** Honorifics removed from author names. */
export const HONORIFICS = /^(?:mr|mrs|ms|miss|dr|prof|professor|sir|dame|rev|hon|adv|er|shri|smt)\.?\s+/iu;

/** `Corresponding Author:` and similar labels before a name. */
export const AUTHOR_LABEL = /^(?:corresponding\s+author|correspondence|author|authors|by)\s*[:.-]?\s*/iu;

/** Labels of metadata lines. */
export const KEYWORDS_LINE = /^\**\s*(?:key\s*words?|index terms)\s*\**\s*[:.—–-]\s*(.*)$/iu;
export const DOI_LINE = /^\**\s*doi\s*\**\s*[:.]?\s*(.+)$/iu;
export const ABSTRACT_INLINE = /^\**\s*abstract\s*\**\s*[:.—–-]\s*(\S.*)$/iu;
export const PUBLISHED_DATE = /\b(?:published(?:\s+online)?(?:\s+on)?|publication\s+date|date\s+of\s+publication)\s*:?\s*([^,;]*?\b(1[89]\d\d|20\d\d)\b)/iu;
export const COPYRIGHT_YEAR = /(?:©|\(c\)|copyright)\s*(1[89]\d\d|20\d\d)\b/iu;

/** A DOI proper: `10.` registrant code, `/`, suffix. */
export const DOI_CORE = /\b(10\.\d{4,9}\/[^\s<>"]+)/u;

/** A URL, bare or in angle brackets. */
export const URL_IN_ANGLES = /<((?:https?:\/\/|www\.)[^\s<>]+)>/gu;
export const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>]+/gu;
/** A line that is nothing but a URL (a lost link continuing the entry above it). */
export const URL_ONLY = /^<?(?:https?:\/\/|www\.)[^\s<>]+>?$/u;

/** The year of a reference as printed in parentheses: `(2019)`, `(2019a)`, `(n.d.)`. */
export const REFERENCE_YEAR = /\((1[5-9]\d\d|20\d\d)([a-z]?)\)|\((n\.\s?d\.?)\)/u;

/** A person name in reference style: `Surname, I.` parts. */
export const SURNAME =
  /^(?:(?:van|von|de|da|del|der|den|di|du|la|le|dos|das|bin|al|ter|ten)\s+)*\p{Lu}[\p{L}\p{M}'’]*(?:[- ]\p{Lu}[\p{L}\p{M}'’]*)*$/u;
// One separator per initial (a space, or a hyphen with optional spaces), so a space can be matched only one way.
export const INITIALS = /^\p{Lu}\.(?:(?:\s|\s?-\s?)?\p{Lu}\.)*$/u;

/** `City: Publisher` (City may carry a state or country code: `Washington, DC`). */
export const PLACE_PUBLISHER = /^(\p{Lu}[\p{L}\p{M}.'’ -]{1,40}(?:,\s?[A-Z]{2,3})?):\s+(\S[^:]*)$/u;

/** Volume, issue and pages after a container: `, 33, 150–157`, `3(1), 7-23`, `40 (1-2): 123-151`. */
export const VOLUME_ISSUE_PAGES = /^[,.]?\s*(?:vol\.?\s*)?(\d{1,4})\s*(?:\(([^()]{1,12})\))?\s*(?:[,:]\s*(?:pp?\.\s*)?(\d{1,6}(?:\s?[-–—]\s?\d{1,6})?))?/iu;

/** Link debris of lost hyperlinks: `[text](#)` and a bare domain in parentheses, `(europa.eu)`. */
export const LOST_LINK = /\[([^\]]{0,400})\]\(#\)/gu;
export const DOMAIN_IN_PARENS = /\((?:[\p{L}\d-]{1,63}\.){1,6}\p{L}{2,24}\)/gu;

/** Abbreviations whose period does not end a sentence. */
export const ABBREVIATIONS = new Set([
  'no', 'vol', 'vols', 'pp', 'p', 'ed', 'eds', 'st', 'dr', 'mr', 'mrs', 'ms', 'jr', 'sr', 'vs', 'e.g', 'i.e', 'cf',
  'inc', 'ltd', 'co', 'dept', 'art', 'arts', 'fig', 'figs', 'ch', 'sec', 'para', 'nos', 'al',
]);

/** Stop words skipped when taking the first significant word of a title for a key or an id. */
export const STOP_WORDS = new Set([
  'a', 'an', 'the', 'of', 'on', 'in', 'and', 'or', 'for', 'to', 'at', 'by', 'with', 'from', 'as', 'into', 'about',
  'de', 'la', 'le', 'el', 'les', 'des', 'der', 'die', 'das', 'un', 'une', 'is', 'are', 'its', 'this', 'that',
]);
