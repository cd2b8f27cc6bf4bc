// The reviewed papers' references, all in one download.
import type { APIRoute } from 'astro';
import { papers } from '../../site/data.ts';
import { paperToCsl } from '../../lib/present/paper-csl.ts';
import { exportAs } from '../../lib/present/exports.ts';

export const GET: APIRoute = async () => exportAs('bib', (await papers()).map((p) => paperToCsl(p.data.meta)));
