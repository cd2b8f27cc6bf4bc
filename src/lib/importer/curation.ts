// Re-importing keeps the curator's work: fields listed in `supplied`, and the annotation, survive from the file being replaced.
import { parse, stringify } from 'yaml';
import { splitFrontMatter } from '../ingest/frontmatter.ts';

/** Fields a curator owns even when not listed in `supplied`. */
const curatorFields = ['annotation', 'supplied'];

/**
 * The freshly imported Markdown with the curated front matter fields of the previous version carried over.
 * The body and every field the importer found anew are the new ones; unparseable old front matter is ignored.
 */
export function keepCuration(fresh: string, previous: string): string {
  const oldSplit = splitFrontMatter(previous);
  const newSplit = splitFrontMatter(fresh);
  if (oldSplit.yaml === null || newSplit.yaml === null) return fresh;
  let old: Record<string, unknown>;
  let next: Record<string, unknown>;
  try {
    old = (parse(oldSplit.yaml) ?? {}) as Record<string, unknown>;
    next = (parse(newSplit.yaml) ?? {}) as Record<string, unknown>;
  } catch {
    return fresh;
  }
  const supplied = Array.isArray(old.supplied) ? old.supplied.filter((f): f is string => typeof f === 'string') : [];
  const curated = new Set([...supplied, ...curatorFields].filter((f) => f in old && old[f] !== null && old[f] !== undefined));
  if (curated.size === 0) return fresh;
  // The previous file's key order (the curator's layout), new values for what the importer reads, then new keys.
  const merged: Record<string, unknown> = {};
  for (const key of Object.keys(old)) {
    if (curated.has(key)) merged[key] = old[key];
    else if (key in next) merged[key] = next[key];
  }
  for (const key of Object.keys(next)) if (!(key in merged)) merged[key] = next[key];
  return `---\n${stringify(merged, { lineWidth: 0 })}---\n${newSplit.body}`;
}
