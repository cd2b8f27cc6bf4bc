// COinS (OpenURL in a span title): lets Zotero save many items from a list page at once.
import type { CslItem } from '../types.ts';
import { yearOf } from './csl.ts';

export function coins(item: CslItem): string {
  const journal = item.type === 'article-journal' || item.type === 'article';
  const p: [string, string][] = [
    ['ctx_ver', 'Z39.88-2004'],
    ['rft_val_fmt', journal ? 'info:ofi/fmt:kev:mtx:journal' : 'info:ofi/fmt:kev:mtx:book'],
    ['rft.genre', journal ? 'article' : item.type === 'book' ? 'book' : item.type === 'chapter' ? 'bookitem' : 'document'],
  ];
  if (item.title) p.push([journal ? 'rft.atitle' : 'rft.btitle', String(item.title)]);
  if (item['container-title']) p.push([journal ? 'rft.jtitle' : 'rft.title', String(item['container-title'])]);
  for (const a of item.author ?? []) {
    if (a.literal) p.push(['rft.aucorp', a.literal]);
    else p.push(['rft.au', [a.family, a.given].filter(Boolean).join(', ')]);
  }
  const y = yearOf(item);
  if (y) p.push(['rft.date', y]);
  if (item.volume) p.push(['rft.volume', String(item.volume)]);
  if (item.issue) p.push(['rft.issue', String(item.issue)]);
  if (item.page) p.push(['rft.pages', String(item.page)]);
  if (item.publisher) p.push(['rft.pub', String(item.publisher)]);
  if (item.DOI) p.push(['rft_id', `info:doi/${item.DOI}`]);
  if (item.URL) p.push(['rft_id', String(item.URL)]);
  return p.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}
