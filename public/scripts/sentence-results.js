// Search results that land on the sentence: Pagefind indexes every element with an id as an anchor, so each result
// (and sub-result) can point at the sentence (`#s-N`) holding its first match instead of the page or the heading.
// Plain JavaScript served as is: it imports Pagefind's own bundle at run time, which a bundler must not touch.

const sentence = /^s-\d+$/;

/** The sentence anchor at or before a word location. */
function sentenceAt(anchors, location) {
  let best = null;
  for (const a of anchors) if (sentence.test(a.id) && a.location <= location && (!best || a.location > best.location)) best = a;
  return best ? best.id : null;
}

function enhance(bundle, baseUrl) {
  const results = document.querySelector('pagefind-results');
  if (!results) return;
  const input = () => document.querySelector('pagefind-input input');
  let pagefind = null;
  const load = () =>
    (pagefind ??= import(`${bundle}pagefind.js`).then(async (pf) => {
      await pf.options({ baseUrl });
      return pf;
    }));
  const targets = new Map();
  let query = '';
  const rewrite = () => {
    for (const a of results.querySelectorAll('a[href]')) {
      const to = targets.get(a.getAttribute('href'));
      if (to) a.setAttribute('href', to);
    }
  };
  const refresh = async () => {
    const q = input()?.value.trim() ?? '';
    if (q === '' || q === query) return rewrite();
    query = q;
    const pf = await load();
    const found = await pf.search(q);
    const data = await Promise.all((found?.results ?? []).slice(0, 30).map((r) => r.data()));
    targets.clear();
    for (const d of data) {
      const page = sentenceAt(d.anchors, d.locations[0] ?? -1);
      if (page) targets.set(d.url, `${d.url.split('#')[0]}#${page}`);
      for (const s of d.sub_results) {
        const at = sentenceAt(d.anchors, s.locations[0] ?? -1);
        if (at && s.url.includes('#')) targets.set(s.url, `${s.url.split('#')[0]}#${at}`);
      }
    }
    if (q === query) rewrite();
  };
  new MutationObserver(() => void refresh()).observe(results, { childList: true, subtree: true });
}

const config = document.getElementById('search-config');
if (config) enhance(config.dataset.bundle, config.dataset.base);
