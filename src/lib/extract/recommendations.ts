// Finds recommendations: sentences and list items that prescribe action, with their themes and actors.
import type { Actor, RecommendationMention, Theme } from '../types.ts';
import type { Block } from './blocks.ts';
import { compileKeywords, findKeywords, foldForKeywords, type KeywordHit, type KeywordMatcher } from './keywords.ts';
import { collapse, type BlockSentence, type Locate } from './sentences.ts';

/** The cue lists of `themes.yaml`; `leads` and `describes` are optional. */
export interface Cues {
  modal: string[];
  phrases: string[];
  headings: string[];
  /** Words of a sentence ending in `:` whose list items are recommendations (`key measures include`). */
  leads?: string[];
  /** Verbs that make a sentence about an instrument a description of it (`obligates`, `shall`). */
  describes?: string[];
}

/** Cues, themes and actors compiled once. */
export interface RecommendationMatcher {
  /** Modal verbs and prescriptive phrases in one alternation. */
  cues: KeywordMatcher;
  headings: KeywordMatcher;
  leads: KeywordMatcher;
  describes: KeywordMatcher;
  themes: KeywordMatcher;
  actors: KeywordMatcher;
  /** Rank of each theme for ties: more specific (with a parent) first, then file order. */
  themeRank: Map<string, number>;
  actorRank: Map<string, number>;
}

// Descriptive verbs used when the taxonomy lists none.
const defaultDescribes = ['obligates', 'obliges', 'requires states', 'stipulates', 'mandates', 'provides that', 'provides for', 'defines', 'shall'];

// Wordings that always report what a text says rather than prescribe: `pursuant to`, `“child” shall mean`.
const reporting = /\b(?:pursuant to|in accordance (?:with|to) (?:art|the provisions)|shall (?:mean|include|be understood)|is defined as)/i;

// `no need to`, `not necessarily should`: a negated cue prescribes nothing.
const negated = /\b(?:no|not|never|nor)\s+$/i;

// Without `leads`, the closing words of a cued paragraph that introduces a list of measures: `Key measures include:`.
const introducesMeasures = /\b(?:include|includes|including|following|as follows|measures|steps|actions|recommendations|strategies|priorities)\b[^.!?]*:\s*$/i;

/** Most themes kept per recommendation. */
const maxThemes = 3;

export function compileRecommendations(cues: Cues, themes: Theme[], actors: Actor[]): RecommendationMatcher {
  const own = (list: string[]) => list.map((k) => ({ keyword: k, owner: k }));
  const byRank = (list: Array<{ id: string; parent?: string }>) =>
    new Map([...list].map((t, i) => [t.id, (t.parent ? 0 : list.length) + i] as const));
  return {
    cues: compileKeywords(own([...cues.modal, ...cues.phrases]), true),
    headings: compileKeywords(own(cues.headings), true),
    leads: compileKeywords(own(cues.leads ?? []), true),
    describes: compileKeywords(own(cues.describes ?? defaultDescribes), true),
    themes: compileKeywords(themes.flatMap((t) => t.keywords.map((k) => ({ keyword: k, owner: t.id }))), false),
    actors: compileKeywords(actors.flatMap((a) => a.keywords.map((k) => ({ keyword: k, owner: a.id }))), false),
    themeRank: byRank(themes),
    actorRank: byRank(actors),
  };
}

/**
 * The cue that makes a text prescriptive, or null. `aboutInstrument`: the text names an instrument, so a
 * descriptive verb (`obligates`) makes it a description of that instrument.
 */
export function cueOf(text: string, matcher: RecommendationMatcher, aboutInstrument = false): string | null {
  return cueIn(text, 0, text.length, hitsOf(text, matcher), aboutInstrument);
}

interface Hits {
  cues: KeywordHit[];
  describes: KeywordHit[];
}

// Hits of a whole block, found in one pass per matcher; sentences then take theirs by position.
function hitsOf(text: string, matcher: RecommendationMatcher): Hits {
  const folded = foldForKeywords(text);
  const cues = findKeywords(matcher.cues, folded);
  return { cues, describes: cues.length ? findKeywords(matcher.describes, folded) : [] };
}

function cueIn(text: string, start: number, end: number, hits: Hits, aboutInstrument: boolean): string | null {
  const cues = within(hits.cues, start, end);
  if (!cues.length) return null;
  const sentence = text.slice(start, end);
  if (reporting.test(sentence)) return null;
  const quoted = quotedRanges(sentence);
  // A description of an instrument, or of a quotation from one, is not the author's prescription.
  if ((aboutInstrument || quoted.length) && within(hits.describes, start, end).length) return null;
  const cue = cues.find(
    (h) =>
      !quoted.some(([s, e]) => h.start - start > s && h.start - start < e) &&
      !negated.test(text.slice(Math.max(start, h.start - 8), h.start)),
  );
  return cue ? (cue.owners[0] ?? cue.keyword) : null;
}

// The hits (in text order) starting in [start, end), found by binary search: a block may hold thousands of sentences.
function within(hits: KeywordHit[], start: number, end: number): KeywordHit[] {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  let stop = lo;
  while (stop < hits.length && hits[stop].start < end) stop++;
  return hits.slice(lo, stop);
}

// Ranges between curly or straight double quotes: a cue inside a quoted definition is the quoted text's.
function quotedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '“') open = i;
    else if (c === '”' && open >= 0) {
      out.push([open, i]);
      open = -1;
    } else if (c === '"') {
      if (open >= 0 && text[open] === '"') {
        out.push([open, i]);
        open = -1;
      } else if (open < 0) open = i;
    }
  }
  return out;
}

/** Themes (up to three: most keyword hits, then the more specific) and actors of a text. */
export function classify(text: string, matcher: RecommendationMatcher): { themes: string[]; actors: string[] } {
  const folded = foldForKeywords(text);
  return {
    themes: ranked(folded, matcher.themes, matcher.themeRank).slice(0, maxThemes),
    actors: ranked(folded, matcher.actors, matcher.actorRank),
  };
}

function ranked(folded: string, keywords: KeywordMatcher, rank: Map<string, number>): string[] {
  const hits = new Map<string, number>();
  for (const h of findKeywords(keywords, folded)) for (const id of h.owners) hits.set(id, (hits.get(id) ?? 0) + 1);
  return [...hits.keys()].sort((a, b) => (hits.get(b) as number) - (hits.get(a) as number) || (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
}

/**
 * Recommendations of a paper: cued sentences, and whole list items under a recommendations heading or after a
 * sentence that introduces measures. `instrumentSentences`: ids of sentences that name an instrument.
 */
export function extractRecommendations(
  paper: string,
  blocks: Block[],
  sentences: BlockSentence[],
  locate: Locate,
  matcher: RecommendationMatcher,
  instrumentSentences: ReadonlySet<string> = new Set(),
): RecommendationMention[] {
  const out: RecommendationMention[] = [];
  const ofBlock = new Map<number, BlockSentence[]>();
  for (const s of sentences) {
    const list = ofBlock.get(s.block);
    if (list) list.push(s);
    else ofBlock.set(s.block, [s]);
  }
  const named = (b: number) => (ofBlock.get(b) ?? []).some((s) => instrumentSentences.has(s.sentence.id));

  const introCues = new Map<number, string | null>();
  const introCue = (index: number): string | null => {
    if (!introCues.has(index)) introCues.set(index, leadOf(blocks[index], index));
    return introCues.get(index) ?? null;
  };
  const leadOf = (intro: Block | undefined, index: number): string | null => {
    if (!intro || intro.kind === 'heading') return null;
    const tail = intro.scan.slice(-200);
    if (!/:\s*$/.test(tail)) return null;
    const lead = findKeywords(matcher.leads, foldForKeywords(tail))[0];
    if (lead) return lead.owners[0] ?? lead.keyword;
    return introducesMeasures.test(tail) ? cueOf(intro.scan, matcher, named(index)) : null;
  };

  const headingCues = new Map<string, string | null>();
  const headingCue = (block: Block): string | null => {
    const key = block.section.join('\u0000');
    if (!headingCues.has(key)) headingCues.set(key, sectionCue(block.section, matcher));
    return headingCues.get(key) ?? null;
  };

  blocks.forEach((block, b) => {
    if (block.references || block.kind === 'heading') return;
    const heading = headingCue(block);
    const hits = hitsOf(block.scan, matcher);
    if (block.kind === 'listItem') {
      const own = cueIn(block.scan, 0, block.scan.length, hits, named(b));
      const fromIntro = block.listIntro !== null ? introCue(block.listIntro) : null;
      const cue = own ?? (heading ? `${heading} heading` : fromIntro ? `${fromIntro} (list introduction)` : null);
      if (cue) out.push(mention(b, 0, block.text.length, cue));
      return;
    }
    if (!heading && !hits.cues.length) return;
    const introducesList = /:\s*$/.test(block.text);
    for (const s of ofBlock.get(b) ?? []) {
      const own = cueIn(block.scan, s.start, s.end, hits, instrumentSentences.has(s.sentence.id));
      // Under a recommendations heading every sentence counts, except the one that only introduces a list.
      const cue = own ?? (heading && !(introducesList && s.end >= block.text.trimEnd().length) ? `${heading} heading` : null);
      if (cue) out.push(mention(b, s.start, s.end, cue));
    }
  });
  return out;

  function mention(b: number, start: number, end: number, cue: string): RecommendationMention {
    const block = blocks[b];
    const raw = block.text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    const { span, sentence } = locate(b, start + lead, end - trail);
    const text = collapse(raw);
    return { paper, text, span, ...classify(text, matcher), cue, sentence };
  }
}

// The heading cue (`recommendations`) of the nearest enclosing heading that has one.
function sectionCue(section: string[], matcher: RecommendationMatcher): string | null {
  for (let i = section.length - 1; i >= 0; i--) {
    const hit = findKeywords(matcher.headings, foldForKeywords(section[i]))[0];
    if (hit) return hit.owners[0] ?? hit.keyword;
  }
  return null;
}
