// The corpus index as CSV tables, one per kind, for spreadsheets.
import type { APIRoute, GetStaticPaths } from 'astro';
import { corpus } from '../../site/data.ts';
import { csv } from '../../lib/present/exports.ts';

export const getStaticPaths: GetStaticPaths = () => ['instruments', 'statistics', 'recommendations', 'citations'].map((table) => ({ params: { table } }));

export const GET: APIRoute = async ({ params }) => {
  const { index } = await corpus();
  switch (params.table) {
    case 'instruments':
      return csv(
        ['instrument', 'name', 'kind', 'year', 'registered', 'paper', 'text', 'articles', 'line', 'sentence'],
        index.instruments.flatMap((i) => i.mentions.map((m) => [i.id, i.name, i.kind, i.year, i.registered, m.paper, m.text, m.articles.join(' '), m.line, m.sentence])),
      );
    case 'statistics':
      return csv(
        ['paper', 'value', 'unit', 'qualifier', 'about', 'text', 'source', 'source_works', 'line', 'sentence'],
        index.statistics.map((s) => [s.paper, s.value, s.unit, s.qualifier, s.about, s.text, s.source?.text ?? null, s.source?.works.join(' ') ?? null, s.line, s.sentence]),
      );
    case 'recommendations':
      return csv(['paper', 'text', 'actors', 'themes', 'group', 'line', 'sentence'], index.recommendations.map((r) => [r.paper, r.text, r.actors.join(' '), r.themes.join(' '), r.group, r.line, r.sentence]));
    default:
      return csv(
        ['paper', 'text', 'works', 'status', 'mismatch', 'locator', 'narrative', 'line', 'column', 'sentence'],
        index.citations.map((c) => [c.paper, c.text, c.works.join(' '), c.status, c.mismatch, c.locator, c.narrative, c.line, c.column, c.sentence]),
      );
  }
};
