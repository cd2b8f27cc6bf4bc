// Every cited work (merged across papers), all in one download.
import type { APIRoute } from 'astro';
import { corpus } from '../../site/data.ts';
import { exportAs } from '../../lib/present/exports.ts';

export const GET: APIRoute = async () => exportAs('json', (await corpus()).index.works.map((w) => w.csl));
