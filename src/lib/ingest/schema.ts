// The paper front matter schema: accepts what academics write for pandoc, JOSS and R Markdown.
import { z } from 'astro/zod';

const personObject = z
  .object({
    name: z.string().min(1),
    affiliation: z.union([z.string(), z.array(z.string())]).optional(),
    orcid: z.string().optional(),
    organisation: z.boolean().optional(),
  })
  .loose();

// Unions try their options in order and a failed option costs (zod builds its issues): the usual shape goes first.
const author = z.union([personObject, z.string().min(1)]);
const stringList = z.union([z.array(z.union([z.string(), z.number()])), z.string()]);

/** Front matter as written; every field optional, unknown fields kept. */
export const frontMatterSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    title: z.string().nullable().optional(),
    authors: z.union([z.array(author), author]).nullable().optional(),
    author: z.union([z.array(author), author]).nullable().optional(),
    year: z.union([z.number().int(), z.string()]).nullable().optional(),
    date: z.union([z.string(), z.number(), z.date()]).nullable().optional(),
    venue: z.string().nullable().optional(),
    journal: z.string().nullable().optional(),
    doi: z.string().nullable().optional(),
    url: z.string().nullable().optional(),
    keywords: stringList.nullable().optional(),
    tags: stringList.nullable().optional(),
    abstract: z.string().nullable().optional(),
    annotation: z.string().nullable().optional(),
    supplied: z.array(z.string()).nullable().optional(),
    source: z.string().nullable().optional(),
    key: z.string().nullable().optional(),
    bibliography: z.union([z.string(), z.array(z.string())]).nullable().optional(),
  })
  .loose();

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** The normalised paper metadata, as stored in the content collection. */
export const paperMetaSchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  authors: z.array(
    z.object({
      name: z.string(),
      affiliation: z.string().optional(),
      orcid: z.string().optional(),
      organisation: z.boolean().optional(),
    }),
  ),
  year: z.number().nullable(),
  venue: z.string().nullable(),
  doi: z.string().nullable(),
  url: z.string().nullable(),
  keywords: z.array(z.string()),
  abstract: z.string().nullable(),
  annotation: z.string().nullable(),
  supplied: z.array(z.string()),
  source: z.string().nullable(),
  key: z.string().nullable(),
  bibliography: z.string().nullable(),
  extra: z.record(z.string(), z.unknown()),
});
