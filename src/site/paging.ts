// Splitting corpus-wide lists into pages, so no page grows past what a browser reads comfortably (< 1 MB at 5,000 papers).

/** Items per page for each list that grows with the corpus. */
export const pageSize = {
  bibliography: 150,
  works: 400,
  statistics: 600,
  recommendations: 300,
} as const;

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

export function pageOf<T>(items: readonly T[], page: number, size: number): T[] {
  return items.slice((page - 1) * size, page * size);
}

/** Route params for pages 2…n (page 1 is the list's own index page). */
export function laterPages(total: number, size: number): { params: { n: string }; props: { page: number } }[] {
  const out: { params: { n: string }; props: { page: number } }[] = [];
  for (let page = 2; page <= pageCount(total, size); page++) out.push({ params: { n: String(page) }, props: { page } });
  return out;
}

/** The path of page `page` of a list whose first page is at `root` (`works/` → `works/page/2/`). */
export function pagePath(root: string, page: number): string {
  return page <= 1 ? root : `${root}page/${page}/`;
}
