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
