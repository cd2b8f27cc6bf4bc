// The corpus index, for tools outside the project (shape: /corpus.schema.json).
import type { APIRoute } from 'astro';
import { corpus } from '../site/data.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify((await corpus()).index, null, 1) + '\n', { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
