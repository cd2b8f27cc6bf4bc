// What to mark in a paper's text: each extracted mention becomes a Mark linking into the cross-reference pages.
import { lineIndex } from '../diagnostics.ts';
import type { CorpusIndex, Paper, PaperExtraction } from '../types.ts';
import type { Mark } from './render.ts';
import { href, instrumentPath } from './url.ts';

/** `previews`: work id → plain-text reference, shown when a reader hovers or focuses a citation. */
export function paperMarks(paper: Paper, extraction: PaperExtraction, index: CorpusIndex, base: string, previews: Map<string, string> = new Map()): Mark[] {
  const at = lineIndex(paper.body);
  const key = (offset: number) => {
    const p = at(offset);
    return `${p.line + paper.bodyLineOffset}:${p.column}`;
  };
  const citationRows = new Map(index.citations.filter((c) => c.paper === paper.meta.id).map((c) => [`${c.line}:${c.column}`, c]));
  const marks: Mark[] = [];
  for (const c of extraction.citations) {
    const row = citationRows.get(key(c.span.start));
    const work = row?.works[0];
    marks.push({
      span: c.span,
      tag: work ? 'a' : 'span',
      className: `m m-citation status-${row?.status ?? 'unresolved'}`,
      href: work ? href(base, `works/${work}/`) : undefined,
      title: row?.status && row.status !== 'resolved' ? `Citation ${row.status}${row.mismatch ? ': ' + row.mismatch : ''}` : undefined,
      attrs: { dataKind: 'citation', ...(work ? { dataWork: work } : { tabIndex: '0' }) },
      preview: work ? citationPreview(row, previews) : row?.items?.[0]?.suggestion ? `No reference entry. ${row.items[0].suggestion}` : 'No reference entry for this citation.',
    });
  }
  for (const m of extraction.instruments) {
    const anchor = m.articles.length ? `#art-${m.articles[0]}` : '';
    marks.push({
      span: m.span,
      tag: 'a',
      className: `m m-instrument${m.registered ? '' : ' unregistered'}`,
      href: href(base, instrumentPath(m.instrument)) + anchor,
      title: m.articles.length ? `${m.name}, art. ${m.articles.join(', ')}` : m.name,
      attrs: { dataKind: 'instrument' },
    });
  }
  for (const s of extraction.statistics) {
    marks.push({
      span: s.span,
      tag: 'mark',
      className: 'm m-statistic',
      title: `${s.about || 'statistic'}${s.source ? ' — source: ' + s.source.text : ' — no source given'}`,
      attrs: { dataKind: 'statistic' },
    });
  }
  for (const r of extraction.recommendations) {
    marks.push({
      span: r.span,
      tag: 'span',
      className: 'm m-recommendation',
      title: `Recommendation${r.themes.length ? ': ' + r.themes.join(', ') : ''}${r.actors.length ? ' (' + r.actors.join(', ') + ')' : ''}`,
      attrs: { dataKind: 'recommendation' },
    });
  }
  // Wider marks first, so a recommendation wraps the citations inside it.
  return marks.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
}

function citationPreview(row: CorpusIndex['citations'][number], previews: Map<string, string>): string {
  const refs = row.works.map((w) => previews.get(w)).filter(Boolean).join(' · ');
  const status = row.status === 'resolved' ? '' : ` [${row.status}${row.mismatch ? ': ' + row.mismatch : ''}]`;
  return refs + status;
}
