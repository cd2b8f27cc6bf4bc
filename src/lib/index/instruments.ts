// Instrument rows of the index: each registry instrument that is mentioned, and each unregistered one, with its mentions.
import type { Diagnostic, IndexInstrument, Instrument, InstrumentMention, PaperExtraction, Position } from '../types.ts';
import { cmp, diagnostic } from '../diagnostics.ts';
import { byPaperPosition, type Locate } from './positions.ts';

/** Articles in numeric order (`2`, `10`, `10a`), each once. */
export function sortArticles(articles: readonly string[]): string[] {
  const number = (a: string) => {
    const n = Number.parseInt(a, 10);
    return Number.isNaN(n) ? Number.POSITIVE_INFINITY : n;
  };
  return [...new Set(articles)].sort((a, b) => number(a) - number(b) || cmp(a, b));
}

function newRow(mention: InstrumentMention, entry: Instrument | undefined): IndexInstrument {
  if (!entry) return { id: mention.instrument, name: mention.name, kind: 'unregistered', year: null, registered: false, mentions: [] };
  return {
    id: entry.id,
    name: entry.name,
    kind: entry.kind,
    year: entry.year ?? null,
    registered: true,
    mentions: [],
    ...(entry.url ? { url: entry.url } : {}),
    ...(entry.articleUrl ? { articleUrl: entry.articleUrl } : {}),
  };
}

export function buildInstruments(
  extractions: readonly PaperExtraction[],
  registry: readonly Instrument[],
  locate: Locate,
): { instruments: IndexInstrument[]; diagnostics: Diagnostic[] } {
  const known = new Map(registry.map((i) => [i.id, i]));
  const diagnostics: Diagnostic[] = [];
  const found: { mention: InstrumentMention; at: Position; row: { paper: string; line: number; column: number; text: string } }[] = [];
  for (const extraction of extractions) {
    for (const mention of extraction.instruments) {
      const at = locate(mention.paper, mention.span.start);
      if (at) found.push({ mention, at, row: { paper: mention.paper, text: mention.text, ...at } });
    }
  }
  // Instrument, then document order: an unregistered instrument is named as at its first mention.
  found.sort((a, b) => cmp(a.mention.instrument, b.mention.instrument) || byPaperPosition(a.row, b.row));

  const rows = new Map<string, IndexInstrument>();
  for (const { mention, at } of found) {
    const entry = mention.registered ? known.get(mention.instrument) : undefined;
    let row = rows.get(mention.instrument);
    if (!row) {
      if (mention.registered && !entry) {
        diagnostics.push(
          diagnostic('warning', 'instrument-unknown', `instrument "${mention.instrument}" is not in the registry`, mention.paper, at.line, at.column),
        );
      }
      row = newRow(mention, entry);
      rows.set(mention.instrument, row);
    }
    row.mentions.push({
      paper: mention.paper,
      text: mention.text,
      articles: sortArticles(mention.articles),
      line: at.line,
      column: at.column,
      sentence: mention.sentence,
    });
  }
  return { instruments: [...rows.values()], diagnostics };
}
