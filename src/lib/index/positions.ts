// Where a body offset sits in a paper's Markdown file (1-based line and column), and the order of mentions.
import type { Paper, Position } from '../types.ts';
import { cmp, lineIndex } from '../diagnostics.ts';

/** Body offset → file position for a paper, line-start tables built once per paper on first use. */
export type Locate = (paper: string, offset: number) => Position | null;

export function locator(papers: readonly Paper[]): Locate {
  const byId = new Map(papers.map((p) => [p.meta.id, p]));
  const tables = new Map<string, (offset: number) => Position>();
  return (id, offset) => {
    let table = tables.get(id);
    if (!table) {
      const paper = byId.get(id);
      if (!paper) return null;
      const index = lineIndex(paper.body);
      table = (o) => {
        const p = index(o);
        return { line: p.line + paper.bodyLineOffset, column: p.column };
      };
      tables.set(id, table);
    }
    return table(offset);
  };
}

/** Order of mention rows everywhere in the index: paper, line, column, then text. */
export function byPaperPosition(
  a: { paper: string; line: number; column: number; text: string },
  b: { paper: string; line: number; column: number; text: string },
): number {
  return cmp(a.paper, b.paper) || a.line - b.line || a.column - b.column || cmp(a.text, b.text);
}
