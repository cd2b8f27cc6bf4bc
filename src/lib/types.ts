// Shared data model of Concordance: every stage's input and output types. Imports nothing.

/** Severity of a diagnostic or finding. */
export type Severity = 'error' | 'warning' | 'note';

/** A problem found while reading or processing input, pointing at a file position (1-based). */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `frontmatter-invalid`, `bibtex-parse`. */
  code: string;
  /** One-line, human-readable message. */
  message: string;
  /** Path of the file, relative to the project root where possible. */
  file: string;
  line: number;
  column: number;
}

/** What every stage returns: its value and what it had to say. */
export interface Result<T> {
  value: T;
  diagnostics: Diagnostic[];
}

/** A CSL-JSON name: a person (family/given) or an organisation (literal). */
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
  suffix?: string;
}

export interface CslDate {
  'date-parts'?: Array<Array<number | string>>;
  literal?: string;
  raw?: string;
}

/** A CSL-JSON item (the canonical model of a bibliography entry). */
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  issued?: CslDate;
  'container-title'?: string;
  publisher?: string;
  'publisher-place'?: string;
  volume?: string | number;
  issue?: string | number;
  page?: string;
  DOI?: string;
  URL?: string;
  note?: string;
  abstract?: string;
  keyword?: string;
  [field: string]: unknown;
}

/** One entry of a BibTeX file, as read into the model. */
export interface BibEntry {
  /** The BibTeX key, case-sensitive. */
  key: string;
  csl: CslItem;
  /** File the entry came from, relative to the project root. */
  file: string;
  line: number;
  /** The entry's source text, verbatim. */
  raw: string;
}

/** A bibliography file and its entries. */
export interface Bibliography {
  file: string;
  entries: BibEntry[];
}

/** A person or organisation author of a reviewed paper. */
export interface PaperAuthor {
  name: string;
  affiliation?: string;
  orcid?: string;
  /** True for an organisation (no family/given split). */
  organisation?: boolean;
}

/** The normalised front matter of a reviewed paper. */
export interface PaperMeta {
  id: string;
  title: string | null;
  authors: PaperAuthor[];
  year: number | null;
  venue: string | null;
  doi: string | null;
  url: string | null;
  keywords: string[];
  abstract: string | null;
  /** The reviewer's own note, Markdown. */
  annotation: string | null;
  /** Fields whose value was supplied by a curator rather than found in the source. */
  supplied: string[];
  /** The file the paper was imported from, or null. */
  source: string | null;
  /** Key of an entry in a corpus BibTeX file that describes this paper. */
  key: string | null;
  /** The paper's own bibliography file (resolved path, relative to the project root), or null. */
  bibliography: string | null;
  /** Front matter fields we do not know, kept as they were. */
  extra: Record<string, unknown>;
}

/** A reviewed paper as read from disk. */
export interface Paper {
  meta: PaperMeta;
  /** Path of the Markdown file, relative to the project root. */
  file: string;
  /** The Markdown body (front matter removed). */
  body: string;
  /** Number of lines before the body in the file (front matter and its fences), to map body lines to file lines. */
  bodyLineOffset: number;
  /** Content hash of the whole file. */
  hash: string;
}

/** Everything ingested from disk. */
export interface Corpus {
  papers: Paper[];
  bibliographies: Bibliography[];
}

/** A source span in a paper's body (0-based offsets into `Paper.body`). */
export interface Span {
  start: number;
  end: number;
}

/** A position in a paper file, 1-based, as reported to users. */
export interface Position {
  line: number;
  column: number;
}

/** A sentence of a paper: the unit of quoting and anchoring. */
export interface Sentence {
  /** Stable anchor id within its paper: `s-1`, `s-2`, … in document order. */
  id: string;
  text: string;
  span: Span;
  /** Heading path above the sentence (for context), innermost last. */
  section: string[];
  /** Kind of block holding it. */
  block: 'paragraph' | 'heading' | 'listItem' | 'tableCell' | 'footnote' | 'blockquote';
}

export type CitationStatus = 'resolved' | 'mismatch' | 'ambiguous' | 'unresolved';

/** One cited item inside an in-text citation (a citation may cite several). */
export interface CitedItem {
  /** Pandoc key, when written as `@key`. */
  key: string | null;
  /** Author names as written (surnames or organisation names / abbreviations). */
  authors: string[];
  /** True when written with `et al.`. */
  etAl: boolean;
  /** Year as written, with suffix (`2019a`) or `n.d.`; null when absent. */
  year: string | null;
  /** Pinpoint as written (`p. 33`, `pp. 30-31`, `art. 3`), or null. */
  locator: string | null;
  /** Abbreviation introduced here, `[WHO]` in `(World Health Organization [WHO], 2020)`. */
  introduces: string | null;
  /** Exact text of this item. */
  text: string;
  span: Span;
  /** Pandoc `-@key` (suppress author). */
  suppressAuthor: boolean;
}

/** An in-text citation as found in a paper. */
export interface CitationMention {
  paper: string;
  /** Exact source text, e.g. `(Smith & Jones, 2012)`. */
  text: string;
  span: Span;
  narrative: boolean;
  style: 'pandoc' | 'author-year';
  items: CitedItem[];
  sentence: string;
}

/** A legal or policy instrument in the registry (data file). */
export interface Instrument {
  id: string;
  name: string;
  short?: string[];
  aliases?: string[];
  kind: string;
  body?: string;
  year?: number;
  url?: string;
  /** URL template for an article, with `{article}`. */
  articleUrl?: string;
  articles?: number;
}

export interface InstrumentMention {
  paper: string;
  /** Registry id, or a generated id (`unregistered:…`) for an unregistered instrument. */
  instrument: string;
  registered: boolean;
  /** Name of the instrument when unregistered (as written, normalised). */
  name: string;
  text: string;
  span: Span;
  /** Pinpointed articles, ranges expanded. */
  articles: string[];
  /** How it was named: full name/alias, a pattern, or a back-reference (`the Convention`). */
  via: 'alias' | 'pattern' | 'reference';
  sentence: string;
}

export interface StatisticMention {
  paper: string;
  text: string;
  span: Span;
  /** Numeric value (the lower bound for ranges). */
  value: number;
  /** Upper bound for a range, else null. */
  valueMax: number | null;
  unit: string;
  kind: 'percentage' | 'count' | 'multiplier' | 'duration' | 'money' | 'range';
  qualifier: string | null;
  /** The noun phrase that says what is measured. */
  about: string;
  /** Span of the citation that sources it, resolved later. */
  source: { text: string; span: Span; scope: 'sentence' | 'paragraph' } | null;
  sentence: string;
}

export interface RecommendationMention {
  paper: string;
  text: string;
  span: Span;
  actors: string[];
  themes: string[];
  /** The cue that made it a recommendation (`should`, `Recommendations heading`, …). */
  cue: string;
  sentence: string;
}

/** Everything extracted from one paper, before resolution. */
export interface PaperExtraction {
  paper: string;
  sentences: Sentence[];
  citations: CitationMention[];
  instruments: InstrumentMention[];
  statistics: StatisticMention[];
  recommendations: RecommendationMention[];
}

// ---- resolution (citations → bibliography entries) ----

/**
 * How a cited item differs from the entry it was linked to. `spelling`: a name written differently
 * (beyond case, diacritics and punctuation); `year`: another year; `author-count`: a different number
 * of names than the entry has (`etAl` true when the cause is `et al.` used for an entry of one or two authors).
 */
export type CitationMismatch =
  | { kind: 'spelling'; cited: string; entry: string }
  | { kind: 'year'; cited: string; entry: string }
  | { kind: 'author-count'; cited: number; entry: number; etAl: boolean };

/** One cited item with the bibliography entry it refers to. */
export interface ResolvedItem {
  item: CitedItem;
  status: CitationStatus;
  /** The entry linked (status `resolved` or `mismatch`), else null. */
  entry: BibEntry | null;
  /** Equally good entries when `ambiguous`, else empty. */
  candidates: BibEntry[];
  /** Empty unless status is `mismatch`. */
  mismatches: CitationMismatch[];
  /** A fix for the citation, e.g. `did you mean Smith & Jones (2019)?`, or null. */
  suggestion: string | null;
  /** Where the entry (or candidates) came from: the paper's own bibliography or another file; null when none. */
  scope: 'own' | 'corpus' | null;
}

/** An in-text citation with its items resolved, items in the same order as `citation.items`. */
export interface ResolvedCitation {
  citation: CitationMention;
  items: ResolvedItem[];
}

/** A theme of the recommendation taxonomy (data file). */
export interface Theme {
  id: string;
  label: string;
  parent?: string;
  keywords: string[];
}

/** An actor of the recommendation taxonomy (data file). */
export interface Actor {
  id: string;
  label: string;
  keywords: string[];
}

// ---- corpus.json (the public index format; see corpus.schema.json) ----

export interface IndexPaper {
  id: string;
  title: string | null;
  authors: string[];
  year: number | null;
  file: string;
  source: string | null;
  supplied: string[];
}

export interface IndexWork {
  id: string;
  csl: CslItem;
  citedBy: string[];
  keys: string[];
  /** Papers whose own bibliography lists this work, cited or not (so uncited entries show). Optional. */
  listedBy?: string[];
}

/** Per-item detail of an index citation (one per cited item, in order). */
export interface IndexCitationItem {
  text: string;
  /** Pandoc key when written as `@key`. */
  key?: string;
  authors: string[];
  year: string | null;
  /** Linked work ids; the candidates when `ambiguous`. */
  works: string[];
  status: CitationStatus;
  mismatch: string | null;
  suggestion?: string;
}

export interface IndexCitation {
  paper: string;
  text: string;
  works: string[];
  status: CitationStatus;
  mismatch: string | null;
  locator: string | null;
  narrative: boolean;
  line: number;
  column: number;
  sentence: string;
  /** Per-item detail for the report. Optional. */
  items?: IndexCitationItem[];
}

export interface IndexInstrumentMention {
  paper: string;
  text: string;
  articles: string[];
  line: number;
  column: number;
  sentence: string;
}

export interface IndexInstrument {
  id: string;
  name: string;
  kind: string;
  year: number | null;
  registered: boolean;
  mentions: IndexInstrumentMention[];
  /** Registry link to the instrument's text. Optional. */
  url?: string;
  /** Registry URL template for an article, with `{article}`. Optional. */
  articleUrl?: string;
}

export interface IndexStatistic {
  paper: string;
  text: string;
  value: number;
  /** Upper bound of a range, else null. Optional. */
  valueMax?: number | null;
  /** Kind of figure (`percentage`, `count`, …). Optional. */
  kind?: StatisticMention['kind'];
  unit: string;
  qualifier: string | null;
  about: string;
  source: { text: string; works: string[] } | null;
  line: number;
  column: number;
  sentence: string;
  /** Statistics with the same source and the same measured thing share a group id (across papers). Optional. */
  group?: string;
}

export interface IndexRecommendation {
  paper: string;
  text: string;
  actors: string[];
  themes: string[];
  group: string;
  line: number;
  column: number;
  sentence: string;
}

export interface Finding {
  kind: string;
  severity: Severity;
  paper: string | null;
  text: string;
  message: string;
  line: number;
  column: number;
  /** Suggested fix, when one helps. */
  suggestion?: string;
  /** File the finding points into (paper Markdown or BibTeX file). */
  file?: string;
  sentence?: string;
}

export interface CorpusIndex {
  papers: IndexPaper[];
  works: IndexWork[];
  citations: IndexCitation[];
  instruments: IndexInstrument[];
  statistics: IndexStatistic[];
  recommendations: IndexRecommendation[];
  findings: Finding[];
  /** The recommendation themes (labels for `IndexRecommendation.themes`/`group`). Optional. */
  themes?: IndexTheme[];
  /** The recommendation actors (labels for `IndexRecommendation.actors`/`group`). Optional. */
  actors?: IndexActor[];
}

export interface IndexTheme {
  id: string;
  label: string;
  parent: string | null;
}

export interface IndexActor {
  id: string;
  label: string;
}
