// One reviewed paper's reference as a download.
import type { APIRoute, GetStaticPaths } from 'astro';
import { papers } from '../../../site/data.ts';
import { paperToCsl } from '../../../lib/present/paper-csl.ts';
import { exportAs } from '../../../lib/present/exports.ts';

export const getStaticPaths: GetStaticPaths = async () => (await papers()).map((entry) => ({ params: { id: entry.id }, props: { meta: entry.data.meta } }));

export const GET: APIRoute = ({ props }) => exportAs('bib', [paperToCsl(props.meta)]);
