// Public surface of extraction: a paper's Markdown body in, its sentences and mentions out (spans into the body).
import type { PaperExtraction } from '../types.ts';
import { parseMarkdown } from './blocks.ts';
import { findCitations, type FoundCitation } from './citations.ts';
import { extractInstruments } from './instruments.ts';
import type { Knowledge } from './knowledge.ts';
import { extractRecommendations } from './recommendations.ts';
import { collapse, locator, splitSentences } from './sentences.ts';
import { extractStatistics } from './statistics.ts';
import { tokenize } from './tokens.ts';

export { parseMarkdown, blockSpan, type Block } from './blocks.ts';
export { splitSentences, splitText, type BlockSentence } from './sentences.ts';
export { findCitations, type FoundCitation, type FoundItem } from './citations.ts';
export { compileInstruments, findCandidates, findPinpoints, expandArticles, slug, type InstrumentMatcher } from './instruments.ts';
export { findStatistics, type FoundStatistic } from './statistics.ts';
export { compileRecommendations, cueOf, classify, type Cues, type RecommendationMatcher } from './recommendations.ts';
export { loadKnowledge, buildKnowledge, type Knowledge, type KnowledgeData, type KnowledgeFiles } from './knowledge.ts';

/** Everything extraction finds in one paper. */
export function extractPaper(input: { paper: string; body: string }, knowledge: Knowledge): PaperExtraction {
  const { paper, body } = input;
  const blocks = parseMarkdown(body);
  const sentences = splitSentences(blocks);
  const locate = locator(blocks, sentences);

  const found: FoundCitation[][] = blocks.map((b) => (b.references ? [] : findCitations(b.scan, knowledge.heads)));
  const citations = found.flatMap((list, b) =>
    list.map((c) => {
      const { span, sentence } = locate(b, c.start, c.end);
      return {
        paper,
        text: collapse(blocks[b].text.slice(c.start, c.end)),
        span,
        narrative: c.narrative,
        style: c.style,
        items: c.items.map(({ start, end, ...item }) => ({ ...item, text: collapse(blocks[b].text.slice(start, end)), span: locate(b, start, end).span })),
        sentence,
      };
    }),
  );

  // Word tokens of each block, read by the instrument and statistic finders alike.
  const tokens = blocks.map((b) => (b.references ? [] : tokenize(b.scan)));
  const instruments = extractInstruments(paper, blocks, tokens, locate, knowledge.instrumentMatcher);
  // Numbers inside citations, pinpoints and instrument names are not quantities.
  const masks = instruments.ranges.map((list, b) => [...list, ...found[b].map((c): [number, number] => [c.start, c.end])]);
  const statistics = extractStatistics(paper, blocks, tokens, locate, found, masks);
  // A sentence naming an instrument may describe it rather than recommend.
  const instrumentSentences = new Set(instruments.mentions.map((m) => m.sentence));
  const recommendations = extractRecommendations(paper, blocks, sentences, locate, knowledge.recommendationMatcher, instrumentSentences);

  return {
    paper,
    sentences: sentences.map((s) => s.sentence),
    citations,
    instruments: instruments.mentions,
    statistics,
    recommendations,
  };
}
