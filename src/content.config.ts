// Content collections: reviewed papers and the corpus index, both filled by Concordance's loaders.
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import config from 'virtual:concordance/config';
import { corpusLoader, papersLoader } from './loader.ts';
import { paperMetaSchema } from './lib/ingest/schema.ts';

const papers = defineCollection({
  loader: papersLoader(config),
  schema: z.object({
    meta: paperMetaSchema,
    file: z.string(),
    bodyLineOffset: z.number(),
    hash: z.string(),
    headings: z.array(z.object({ depth: z.number(), slug: z.string(), text: z.string() })),
    /** Digest of what the entry was rendered from (the loader skips unchanged papers). */
    inputs: z.string().optional(),
    /** The annotated HTML's file (named by its digest; see `papersLoader`). */
    html: z.string(),
  }),
});

const corpus = defineCollection({ loader: corpusLoader(config) });

export const collections = { papers, corpus };
