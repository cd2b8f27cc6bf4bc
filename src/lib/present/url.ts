// Internal links under the site's base path (`/` or `/review/`).
export function href(base: string, path: string): string {
  const b = base.endsWith('/') ? base : base + '/';
  return b + path.replace(/^\/+/, '');
}
