// One reviewed paper's reference as a download.
import type { APIRoute, GetStaticPaths } from 'astro';
import { paperExportPaths } from '../../../site/data.ts';
import { paperToCsl } from '../../../lib/present/paper-csl.ts';
import { exportAs } from '../../../lib/present/exports.ts';

export const getStaticPaths: GetStaticPaths = paperExportPaths;

export const GET: APIRoute = ({ props }) => exportAs('ris', [paperToCsl(props.meta)]);
