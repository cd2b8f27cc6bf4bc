// Full-text search: index a built site with Pagefind's Node API.
import path from 'node:path';
import * as pagefind from 'pagefind';

export async function indexSite(outDir: string): Promise<{ pages: number; errors: string[] }> {
  const { index, errors: createErrors } = await pagefind.createIndex({});
  if (!index) return { pages: 0, errors: createErrors };
  try {
    const added = await index.addDirectory({ path: outDir });
    const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
    return { pages: added.page_count ?? 0, errors: [...added.errors, ...written.errors] };
  } finally {
    await pagefind.close();
  }
}
