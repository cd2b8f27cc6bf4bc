// Short human labels: `Smith & Jones (2019)`, `Smith et al. (2019)`, an organisation, or the title.
import type { CslItem, CslName } from '../types.ts';
import { yearOf } from './csl.ts';

export function nameOf(n: CslName): string {
  return n.literal ?? [n['non-dropping-particle'], n.family].filter(Boolean).join(' ') ?? '';
}

export function authorLabel(item: CslItem): string {
  const names = (item.author ?? item.editor ?? []).map(nameOf).filter(Boolean);
  if (names.length === 0) return '';
  if (names.length === 1) return names[0];
  if (names.length === 2) return `${names[0]} & ${names[1]}`;
  return `${names[0]} et al.`;
}

export function workLabel(item: CslItem): string {
  const who = authorLabel(item);
  const year = yearOf(item) ?? 'n.d.';
  if (who) return `${who} (${year})`;
  const title = String(item.title ?? item.id);
  return `${title.length > 60 ? title.slice(0, 57) + '…' : title} (${year})`;
}
