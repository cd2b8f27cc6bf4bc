// Page-side memos live in Vite's bundle of the site, the integration in Astro's process: they meet through globalThis.
const key = Symbol.for('concordance.release');

type Registry = Array<() => void>;

function registry(): Registry {
  const g = globalThis as Record<symbol, Registry | undefined>;
  return (g[key] ??= []);
}

/** A memo to drop once every page is written. */
export function registerRelease(fn: () => void): void {
  registry().push(fn);
}

/** Drop every registered memo (called by the integration after the last page). */
export function releaseAll(): void {
  for (const fn of registry().splice(0)) fn();
}
