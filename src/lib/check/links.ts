// Addresses in entries and front matter: DOIs that do not normalise to `10.NNNN/…`, links that lost their URL.
import { normaliseDoi } from '../resolve/index.ts';
import type { BibEntry, Finding } from '../types.ts';
import { entryPlace, paperHead, printedReference, type CheckContext } from './context.ts';
import { finding, type Place } from './finding.ts';

const VALID_DOI = /10\.\d{4,9}\/[^\s"<>]+/;
/** A host that is (or pretends to be) a DOI resolver: `doi.org`, `dx.doi.org`, `doi.wiley.com`, a mistyped `doi-…` host. */
const DOI_HOST = /^(?:https?:\/\/)?((?:[\w-]+\.)*[\w-]*\bdoi\b[\w.-]*\.[a-z]{2,})\/(\S*)$/i;

interface BadDoi {
  text: string;
  repaired: string | null;
}

/** The DOI this malformed one most likely was: `104321/x` → `10.4321/x` (the dot after `10` lost). */
function repair(path: string): string | null {
  const m = /^10[,\s]?(\d{4,9})\/(\S+)$/.exec(path);
  return m ? `10.${m[1]}/${m[2]}` : null;
}

function trimToken(token: string): string {
  return token.replace(/^[(<\[]+/, '').replace(/[).,;:>\]]+$/, '');
}

/** DOI-looking strings (`doi:…`, a DOI resolver URL) in free text that hold no valid DOI. */
export function malformedDois(text: string): BadDoi[] {
  const out: BadDoi[] = [];
  const parts = text.split(/[\s"<>]+/).filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const token = trimToken(parts[i]);
    if (/^doi:$/i.test(token) && i + 1 < parts.length) {
      const next = trimToken(parts[i + 1]);
      if (!VALID_DOI.test(next)) out.push({ text: `${token} ${next}`, repaired: repair(next) });
      i++;
      continue;
    }
    if (/^doi:/i.test(token)) {
      if (!VALID_DOI.test(token)) out.push({ text: token, repaired: repair(token.slice(4).trim()) });
      continue;
    }
    const host = DOI_HOST.exec(token);
    if (host && !VALID_DOI.test(token)) out.push({ text: token, repaired: repair(host[2]) });
  }
  return out;
}

/** A DOI field: the whole value must hold a DOI. */
function malformedDoiField(value: string): BadDoi | null {
  if (!value.trim() || VALID_DOI.test(value)) return null;
  const host = DOI_HOST.exec(value.trim());
  return { text: value.trim(), repaired: repair(host ? host[2] : value.trim()) };
}

function doiFinding(bad: BadDoi, place: Place, where: string): Finding {
  return finding(
    'doi-malformed',
    'error',
    place,
    bad.text,
    `${where} “${bad.text}” is not a valid DOI: a DOI reads 10.NNNN/suffix and resolves at https://doi.org/.`,
    bad.repaired
      ? `perhaps https://doi.org/${bad.repaired} (the dot after “10” looks lost; check that it resolves)`
      : 'copy the DOI from the publisher’s page, as 10.NNNN/suffix',
  );
}

function entryDois(ctx: CheckContext, entry: BibEntry): Finding[] {
  const place = entryPlace(ctx, entry);
  const found: Finding[] = [];
  const seen = new Set<string>();
  const add = (bad: BadDoi | null, where: string) => {
    if (!bad || seen.has(bad.text)) return;
    seen.add(bad.text);
    found.push(doiFinding(bad, place, where));
  };
  if (typeof entry.csl.DOI === 'string') add(malformedDoiField(entry.csl.DOI), `The DOI of \`${entry.key}\``);
  for (const field of [entry.csl.URL, printedReference(entry)]) {
    if (typeof field === 'string') for (const bad of malformedDois(field)) add(bad, `The DOI link in \`${entry.key}\``);
  }
  return found;
}

const EMPTY_LINK = /\[([^\]]+)\]\(\s*\\?#?\s*\)/;
const AVAILABLE = /\bAvailable(?:\s+(?:at|from|online))?\s*:\s*(.+)$/i;
const SITE = /\(((?:[a-z0-9-]+\.)+[a-z]{2,})\)/i;
const ADDRESS = /\b(?:https?:\/\/|www\.)\S+/i;

/** A link whose text survived and whose address did not: `[file.pdf](#)`, `Available: file.pdf (site.org)`, a closing `(site.org)`. */
function stub(printed: string): { text: string; suggestion: string } | null {
  if (ADDRESS.test(printed)) return null;
  const link = EMPTY_LINK.exec(printed);
  const available = AVAILABLE.exec(printed);
  const sites = [...printed.matchAll(new RegExp(SITE.source, 'gi'))];
  const lastSite = sites[sites.length - 1];
  const candidates: { index: number; text: string }[] = [];
  if (link) candidates.push({ index: link.index, text: link[0] });
  if (available) candidates.push({ index: available.index, text: available[0].trim() });
  if (lastSite && /^\)?\s*[;.]?\s*$/.test(printed.slice(lastSite.index + lastSite[0].length))) candidates.push({ index: lastSite.index, text: lastSite[0] });
  if (candidates.length === 0) return null;
  const chosen = candidates.reduce((a, b) => (b.index < a.index ? b : a));
  const linkText = link ? link[1].replace(/\\/g, '').trim() : '';
  if (/^(?:[\w-]+\.)+[a-z]{2,}\/\S*$/i.test(linkText)) return { text: chosen.text, suggestion: `its link text looks like the address: url = {https://${linkText}}` };
  if (lastSite) return { text: chosen.text, suggestion: `find it on ${lastSite[1]} and add its address as url = {…}` };
  return { text: chosen.text, suggestion: 'add its address as url = {…}' };
}

function entryStub(ctx: CheckContext, entry: BibEntry): Finding | null {
  const url = typeof entry.csl.URL === 'string' ? entry.csl.URL.trim() : '';
  if (normaliseDoi(entry.csl) || /^(?:https?:\/\/|www\.)\S+/i.test(url)) return null;
  const found = stub(printedReference(entry));
  if (!found) return null;
  return finding(
    'url-stub',
    'note',
    entryPlace(ctx, entry),
    found.text,
    `Entry \`${entry.key}\` keeps only the text of a link, not its address, so readers cannot follow it.`,
    found.suggestion,
  );
}

export function checkLinks(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const entries of ctx.entriesByFile.values()) {
    for (const entry of entries) {
      out.push(...entryDois(ctx, entry));
      const s = entryStub(ctx, entry);
      if (s) out.push(s);
    }
  }
  for (const [id, paper] of ctx.papers) {
    const place = paperHead(ctx, id);
    if (!place) continue;
    const doi = paper.meta.doi ? malformedDoiField(paper.meta.doi) : null;
    if (doi) out.push(doiFinding(doi, place, 'The paper’s front-matter DOI'));
    if (paper.meta.url) for (const bad of malformedDois(paper.meta.url)) out.push(doiFinding(bad, place, 'The paper’s front-matter URL'));
  }
  return out;
}
