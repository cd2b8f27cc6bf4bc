// A reviewed paper's metadata as a CSL-JSON item, for formatting and exports.
import type { CslItem, PaperMeta } from '../types.ts';

export function paperToCsl(meta: PaperMeta): CslItem {
  const item: CslItem = { id: meta.id, type: meta.venue ? 'article-journal' : 'article' };
  if (meta.title) item.title = meta.title;
  if (meta.authors.length) {
    item.author = meta.authors.map((a) => {
      if (a.organisation) return { literal: a.name };
      const parts = a.name.trim().split(/\s+/);
      if (parts.length === 1) return { literal: a.name };
      return { family: parts[parts.length - 1], given: parts.slice(0, -1).join(' ') };
    });
  }
  if (meta.year !== null) item.issued = { 'date-parts': [[meta.year]] };
  if (meta.venue) item['container-title'] = meta.venue;
  if (meta.doi && /^10\.\d{4,9}\//.test(meta.doi)) item.DOI = meta.doi;
  if (meta.url) item.URL = meta.url;
  if (meta.abstract) item.abstract = meta.abstract;
  if (meta.keywords.length) item.keyword = meta.keywords.join(', ');
  return item;
}
