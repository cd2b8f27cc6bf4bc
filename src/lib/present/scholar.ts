// Google Scholar (Highwire) meta tags and schema.org JSON-LD, so reference managers save a page with one click.
import type { CslItem, PaperMeta } from '../types.ts';
import { yearOf } from './csl.ts';
import { nameOf } from './labels.ts';

/** `citation_*` tags; the container tag sets the item type Zotero saves (journal article, book section, report…). */
export function cslHighwire(item: CslItem, pageUrl: string): [string, string][] {
  const tags: [string, string][] = [];
  if (item.title) tags.push(['citation_title', String(item.title)]);
  for (const a of item.author ?? []) tags.push(['citation_author', a.literal ?? [a.family, a.given].filter(Boolean).join(', ')]);
  const y = yearOf(item);
  if (y) tags.push(['citation_publication_date', y]);
  const container = item['container-title'] ? String(item['container-title']) : null;
  switch (item.type) {
    case 'article-journal':
    case 'article':
      if (container) tags.push(['citation_journal_title', container]);
      break;
    case 'chapter':
      if (container) tags.push(['citation_book_title', container]);
      break;
    case 'paper-conference':
      if (container) tags.push(['citation_conference_title', container]);
      break;
    case 'report':
      if (item.publisher) tags.push(['citation_technical_report_institution', String(item.publisher)]);
      break;
    case 'thesis':
      if (item.publisher) tags.push(['citation_dissertation_institution', String(item.publisher)]);
      break;
    default:
      if (container) tags.push(['citation_journal_title', container]);
  }
  if (item.volume) tags.push(['citation_volume', String(item.volume)]);
  if (item.issue) tags.push(['citation_issue', String(item.issue)]);
  if (item.page) {
    const [first, last] = String(item.page).split(/[-–]/);
    tags.push(['citation_firstpage', first.trim()]);
    if (last) tags.push(['citation_lastpage', last.trim()]);
  }
  if (item.publisher && item.type !== 'report' && item.type !== 'thesis') tags.push(['citation_publisher', String(item.publisher)]);
  if (item.DOI) tags.push(['citation_doi', String(item.DOI)]);
  tags.push(['citation_abstract_html_url', pageUrl]);
  return tags;
}

export function highwireTags(meta: PaperMeta, item: CslItem, pageUrl: string): [string, string][] {
  const tags = cslHighwire(item, pageUrl);
  for (const k of meta.keywords) tags.push(['citation_keywords', k]);
  return tags;
}

const schemaType: Record<string, string> = {
  'article-journal': 'ScholarlyArticle', article: 'ScholarlyArticle', book: 'Book', chapter: 'Chapter', report: 'Report',
  thesis: 'Thesis', webpage: 'WebPage', legislation: 'Legislation', 'paper-conference': 'ScholarlyArticle',
};

export function cslJsonLd(item: CslItem): Record<string, unknown> {
  const ld: Record<string, unknown> = { '@context': 'https://schema.org', '@type': schemaType[item.type] ?? 'CreativeWork' };
  if (item.title) ld.name = ld.headline = String(item.title);
  if (item.author?.length) {
    ld.author = item.author.map((a) => (a.literal ? { '@type': 'Organization', name: a.literal } : { '@type': 'Person', name: [a.given, nameOf(a)].filter(Boolean).join(' '), familyName: a.family, givenName: a.given }));
  }
  const y = yearOf(item);
  if (y) ld.datePublished = y;
  if (item['container-title']) ld.isPartOf = { '@type': 'Periodical', name: String(item['container-title']) };
  if (item.DOI) ld.identifier = { '@type': 'PropertyValue', propertyID: 'DOI', value: String(item.DOI) };
  if (item.URL) ld.url = String(item.URL);
  if (item.abstract) ld.abstract = String(item.abstract);
  return ld;
}

/** JSON-LD text safe inside a <script> element. */
export function jsonLd(meta: PaperMeta, item: CslItem): string {
  const ld = cslJsonLd(item);
  if (meta.keywords.length) ld.keywords = meta.keywords.join(', ');
  return safeJson(ld);
}

export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
