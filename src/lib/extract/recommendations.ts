// Finds recommendations: sentences and list items that prescribe action, with their themes and actors.
import type { Actor, RecommendationMention, Theme } from '../types.ts';
import type { Block } from './blocks.ts';
import { compileKeywords, findKeywords, foldForKeywords, type KeywordHit, type KeywordMatcher } from './keywords.ts';
import { collapse, type BlockSentence, type Locate } from './sentences.ts';

/** The cue lists of `themes.yaml`. */
export interface Cues {
  modal: string[];
  phrases: string[];
  headings: string[];
}

/** Cues, themes and actors compiled once. */
export interface RecommendationMatcher {
  modal: KeywordMatcher;
  phrases: KeywordMatcher;
  headings: KeywordMatcher;
  themes: KeywordMatcher;
  actors: KeywordMatcher;
  /** Theme and actor ids in file order, to break ties. */
  themeOrder: Map<string, number>;
  actorOrder: Map<string, number>;
}

// A sentence that reports what an instrument or law obliges is description, not the author's prescription.
const descriptive =
  /\b(?:obligates?|obliges?|requires|required by|provides? (?:that|for)|pursuant to|stipulates?|mandates|shall (?:mean|include|be understood)|is defined as|defines|in accordance (?:with|to) (?:art|the provisions))/i;

// `no need to`, `not necessarily should`: a negated modal prescribes nothing.
const negated = /\b(?:no|not|never|nor)\s+$/i;

// The closing words of a paragraph that introduces a list of measures: `Key measures include:`.
const introducesMeasures = /\b(?:include|includes|including|following|as follows|measures|steps|actions|recommendations|strategies|priorities)\b[^.!?]*:\s*$/i;

/** Most themes kept per recommendation. */
const maxThemes = 3;

export function compileRecommendations(cues: Cues, themes: Theme[], actors: Actor[]): RecommendationMatcher {
  const own = (list: string[]) => list.map((k) => ({ keyword: k, owner: k }));
  return {
    modal: compileKeywords(own(cues.modal), true),
    phrases: compileKeywords(own(cues.phrases), true),
    headings: compileKeywords(own(cues.headings), true),
    themes: compileKeywords(themes.flatMap((t) => t.keywords.map((k) => ({ keyword: k, owner: t.id }))), false),
    actors: compileKeywords(actors.flatMap((a) => a.keywords.map((k) => ({ keyword: k, owner: a.id }))), false),
    themeOrder: new Map(themes.map((t, i) => [t.id, i])),
    actorOrder: new Map(actors.map((a, i) => [a.id, i])),
  };
}

/** The cue that makes a text prescriptive, or null: a phrase anywhere outside quotes, a modal only outside descriptions. */
export function cueOf(text: string, matcher: RecommendationMatcher): string | null {
  return cueIn(text, 0, text.length, cueHits(text, matcher));
}

interface CueHits {
  phrases: KeywordHit[];
  modal: KeywordHit[];
}

// Cue hits of a whole block, found in one pass each; sentences then pick theirs by position.
function cueHits(text: string, matcher: RecommendationMatcher): CueHits {
  const folded = foldForKeywords(text);
  return { phrases: findKeywords(matcher.phrases, folded), modal: findKeywords(matcher.modal, folded) };
}

function cueIn(text: string, start: number, end: number, hits: CueHits): string | null {
  const inside = (h: KeywordHit) => h.start >= start && h.start < end;
  const phrases = hits.phrases.filter(inside);
  const modal = hits.modal.filter(inside);
  if (!phrases.length && !modal.length) return null;
  const sentence = text.slice(start, end);
  const quoted = quotedRanges(sentence);
  const outside = (h: KeywordHit) => !quoted.some(([s, e]) => h.start - start > s && h.start - start < e);
  const phrase = phrases.find(outside);
  if (phrase) return phrase.owners[0] ?? phrase.keyword;
  if (descriptive.test(sentence)) return null;
  const cue = modal.find((h) => outside(h) && !negated.test(text.slice(Math.max(start, h.start - 8), h.start)));
  return cue ? (cue.owners[0] ?? cue.keyword) : null;
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

/** Themes (up to three, by keyword hits) and actors of a text. */
export function classify(text: string, matcher: RecommendationMatcher): { themes: string[]; actors: string[] } {
  const folded = foldForKeywords(text);
  return { themes: ranked(folded, matcher.themes, matcher.themeOrder).slice(0, maxThemes), actors: ranked(folded, matcher.actors, matcher.actorOrder) };
}

function ranked(folded: string, keywords: KeywordMatcher, order: Map<string, number>): string[] {
  const hits = new Map<string, number>();
  for (const h of findKeywords(keywords, folded)) for (const id of h.owners) hits.set(id, (hits.get(id) ?? 0) + 1);
  return [...hits.keys()].sort((a, b) => (hits.get(b) as number) - (hits.get(a) as number) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

/** Recommendations of a paper: cued sentences; whole list items under a recommendations heading or a cued list introduction. */
export function extractRecommendations(
  paper: string,
  blocks: Block[],
  sentences: BlockSentence[],
  locate: Locate,
  matcher: RecommendationMatcher,
): RecommendationMention[] {
  const out: RecommendationMention[] = [];
  const bySentenceBlock = new Map<number, BlockSentence[]>();
  for (const s of sentences) {
    const list = bySentenceBlock.get(s.block) ?? [];
    list.push(s);
    bySentenceBlock.set(s.block, list);
  }
  const introCues = new Map<number, string | null>();
  const introCue = (index: number): string | null => {
    if (!introCues.has(index)) {
      const intro = blocks[index];
      introCues.set(index, intro && intro.kind !== 'heading' && introducesMeasures.test(intro.text.slice(-200)) ? cueOf(intro.scan, matcher) : null);
    }
    return introCues.get(index) ?? null;
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
    const hits = cueHits(block.scan, matcher);
    if (block.kind === 'listItem') {
      const fromIntro = block.listIntro !== null ? introCue(block.listIntro) : null;
      const cue = cueIn(block.scan, 0, block.scan.length, hits) ?? (heading ? `${heading} heading` : fromIntro ? `${fromIntro} (list introduction)` : null);
      if (cue) out.push(mention(b, 0, block.text.length, cue));
      return;
    }
    if (!heading && !hits.phrases.length && !hits.modal.length) return;
    const listIntro = /:\s*$/.test(block.text);
    for (const s of bySentenceBlock.get(b) ?? []) {
      const own = cueIn(block.scan, s.start, s.end, hits);
      const cue = own ?? (heading && !(listIntro && s.end >= block.text.trimEnd().length) ? `${heading} heading` : null);
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
