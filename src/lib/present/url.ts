// Internal links under the site's base path (`/` or `/review/`).
export function href(base: string, path: string): string {
  const b = base.endsWith('/') ? base : base + '/';
  return b + path.replace(/^\/+/, '');
}

/** Link to a sentence of a paper (sentence ids are stable anchors). */
export function sentenceHref(base: string, paper: string, sentence: string): string {
  return href(base, `papers/${paper}/#${sentence}`);
}

/** Instrument page path: unregistered ids (`unregistered:slug`) become `unregistered-slug`. */
export function instrumentPath(id: string): string {
  return `instruments/${id.replace(/^unregistered:/, 'unregistered-')}/`;
}

/** A link out built from corpus or registry data: only an http(s) URL becomes a link; `javascript:`, `data:` and the rest stay text. */
export function externalHref(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  const u = url.trim();
  return /^https?:\/\/\S/i.test(u) ? u : null;
}
