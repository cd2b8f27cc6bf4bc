// Instrument mentions against the registry: article pinpoints beyond the last article, instruments not in the registry.
import type { Finding, IndexInstrument, Instrument } from '../types.ts';
import type { CheckContext } from './context.ts';
import { finding, type Place } from './finding.ts';

/** `paper\0instrument` of unregistered mentions already reported as a conflict (no second, weaker finding). */
export type Explained = ReadonlySet<string>;

export function instrumentLabel(instrument: Instrument): string {
  return instrument.short?.[0] ?? instrument.name;
}

function mentionPlace(ctx: CheckContext, m: IndexInstrument['mentions'][number]): Place | null {
  const file = ctx.papers.get(m.paper)?.file;
  return file ? { paper: m.paper, file, line: m.line, column: m.column, sentence: m.sentence } : null;
}

export function checkInstruments(ctx: CheckContext, explained: Explained, registryFile: string): Finding[] {
  const out: Finding[] = [];
  for (const row of ctx.input.index.instruments) {
    if (!row.registered) {
      const reported = new Set<string>();
      for (const m of row.mentions) {
        if (reported.has(m.paper) || explained.has(`${m.paper}\u0000${row.id}`)) continue;
        const place = mentionPlace(ctx, m);
        if (!place) continue;
        reported.add(m.paper);
        out.push(
          finding(
            'instrument-unregistered',
            'note',
            place,
            m.text,
            `“${row.name}” is not in the instrument registry, so it gets no link, year or article check.`,
            `add it to ${registryFile}`,
          ),
        );
      }
      continue;
    }
    const articles = ctx.registry.get(row.id)?.articles;
    if (articles === undefined) continue;
    for (const m of row.mentions) {
      const beyond = m.articles.filter((a) => Number.parseInt(a, 10) > articles);
      const place = beyond.length > 0 ? mentionPlace(ctx, m) : null;
      if (!place) continue;
      out.push(
        finding(
          'article-out-of-range',
          'error',
          place,
          m.text,
          `${instrumentLabel(ctx.registry.get(row.id) as Instrument)} has ${articles} articles; ${beyond.length === 1 ? `article ${beyond[0]} does` : `articles ${beyond.join(', ')} do`} not exist.`,
          'check the article number and the instrument it belongs to',
        ),
      );
    }
  }
  return out;
}
