// Seeded synthetic corpus for the benchmark: N review papers with reference lists, citations, instruments, statistics and recommendations.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface CorpusOptions {
  papers: number;
  seed?: number;
  /** Target project folder; gets `papers/` and `bibliography/`. */
  dir: string;
  /** Instrument registry to draw names from. */
  registry: string;
}

/** mulberry32: small, fast, good enough for reproducible text. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const surnames = [
  'Smith', 'Garcia', 'Nguyen', 'Okafor', 'Kowalski', 'Haddad', 'Tanaka', 'Fernandes', 'Ivanova', 'Mensah', 'Larsen', 'Dubois', 'Rossi', 'Khan',
  'Schmidt', 'Moreau', 'Silva', 'Chen', 'Patel', 'Novak', 'Hughes', 'Ali', 'Kumar', 'Mwangi', 'Osei', 'Bauer', 'Jensen', 'Costa', 'Yilmaz', 'Park',
  'Sato', 'Alvarez', 'Okonkwo', 'Dlamini', 'Petrov', 'Horvat', 'Lindqvist', 'Murphy', 'Walsh', 'Bernard', 'Fischer', 'Romero', 'Sharma', 'Abebe',
];
const givens = ['Anna', 'Ben', 'Chidi', 'Dana', 'Elif', 'Femi', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Lena', 'Maya', 'Nadia', 'Omar', 'Priya'];
const orgs: Array<[string, string]> = [
  ['United Nations Office on Drugs and Crime', 'UNODC'], ['International Labour Organization', 'ILO'], ['United Nations Children\'s Fund', 'UNICEF'],
  ['International Organization for Migration', 'IOM'], ['World Health Organization', 'WHO'], ['Organization for Security and Co-operation in Europe', 'OSCE'],
  ['European Union Agency for Fundamental Rights', 'FRA'], ['Council of Europe Group of Experts on Action against Trafficking', 'GRETA'],
];
const nouns = ['children', 'victims', 'survivors', 'cases', 'prosecutions', 'convictions', 'migrants', 'minors', 'households', 'reports', 'shelters', 'girls', 'boys'];
const topics = ['exploitation', 'recruitment', 'labour', 'migration', 'prosecution', 'rehabilitation', 'identification', 'prevention', 'online abuse', 'demand', 'poverty', 'education'];
const verbs = ['shows', 'suggests', 'argues', 'documents', 'finds', 'notes', 'reports', 'observes'];
const adjectives = ['cross-border', 'domestic', 'online', 'regional', 'rural', 'urban', 'informal', 'systemic', 'long-term', 'community-based'];
const actors = ['Governments', 'States', 'Law enforcement agencies', 'Civil society organisations', 'Social workers', 'Schools', 'Donors', 'Courts'];
const actions = ['strengthen victim identification', 'fund specialised shelters', 'train front-line staff', 'harmonise legislation', 'collect disaggregated data', 'prosecute online offenders', 'support reintegration programmes', 'improve cross-border cooperation'];

interface Work {
  key: string;
  authors: Array<{ family: string; given: string } | { org: string; abbr: string }>;
  year: number;
  title: string;
  type: 'article' | 'book' | 'techreport';
  venue: string;
}

/** Generate the corpus in memory: file path (relative to dir) → content. Same options → same bytes. */
export function generateCorpus(options: Omit<CorpusOptions, 'dir'>): Map<string, string> {
  const random = rng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const registry = parse(readFileSync(options.registry, 'utf8')) as { instruments: Array<{ name: string; short?: string[] }> };
  const instrumentNames = registry.instruments.flatMap((i) => [i.name, ...(i.short ?? []).slice(0, 1)]);
  const treaties = registry.instruments.filter((i) => /Convention|Protocol|Directive/.test(i.name)).map((i) => i.short?.[0] ?? i.name);

  // A shared pool of works, so reference lists overlap across papers as in a real review.
  const poolSize = Math.max(200, Math.round(options.papers * 6));
  const pool: Work[] = [];
  const keys = new Set<string>();
  for (let i = 0; i < poolSize; i++) {
    const org = random() < 0.15;
    const authors: Work['authors'] = org ? [(() => { const [o, a] = pick(orgs); return { org: o, abbr: a }; })()] : Array.from({ length: int(1, 4) }, () => ({ family: pick(surnames), given: pick(givens) }));
    const year = int(1995, 2024);
    const first = 'org' in authors[0] ? authors[0].abbr.toLowerCase() : authors[0].family.toLowerCase();
    let key = `${first}${year}${pick(topics).replace(/\W/g, '')}`;
    while (keys.has(key)) key += String.fromCharCode(97 + int(0, 25));
    keys.add(key);
    pool.push({ key, authors, year, title: `${pick(adjectives)} ${pick(topics)} and ${pick(topics)} of ${pick(nouns)}`.replace(/^./, (c) => c.toUpperCase()), type: org ? 'techreport' : pick(['article', 'book'] as const), venue: `Journal of ${pick(topics)} studies`.replace(/ (\w)/g, (m) => m.toUpperCase()) });
  }

  const files = new Map<string, string>();
  const width = String(options.papers).length;
  for (let p = 0; p < options.papers; p++) {
    const id = `paper-${String(p + 1).padStart(width, '0')}`;
    const refs: Work[] = [];
    const nRefs = int(15, 40);
    while (refs.length < nRefs) {
      const w = pool[Math.floor(Math.pow(random(), 1.6) * pool.length)]; // skewed: some works are cited by many papers
      if (!refs.includes(w)) refs.push(w);
    }
    files.set(`bibliography/${id}.bib`, refs.map(bibtex).join('\n'));
    files.set(`papers/${id}.md`, paper(id, refs));
  }
  return files;

  function bibtex(w: Work): string {
    const author = w.authors.map((a) => ('org' in a ? `{${a.org}}` : `${a.family}, ${a.given}`)).join(' and ');
    const venue = w.type === 'article' ? `\tjournal = {${w.venue}},\n` : w.type === 'book' ? '\tpublisher = {Academic Press},\n' : `\tinstitution = {${(w.authors[0] as { org: string }).org ?? 'Institute'}},\n`;
    return `@${w.type}{${w.key},\n\tauthor = {${author}},\n\tyear = {${w.year}},\n\ttitle = {${w.title}},\n${venue}}\n`;
  }

  function cite(w: Work): string {
    const a = w.authors;
    const r = random();
    const pin = random() < 0.25 ? `, p. ${int(1, 300)}` : '';
    if (r < 0.2) return `[@${w.key}${pin ? `, p. ${int(1, 300)}` : ''}]`;
    if ('org' in a[0]) return random() < 0.5 ? `(${a[0].org} [${a[0].abbr}], ${w.year}${pin})` : `(${a[0].abbr}, ${w.year})`;
    const names = a.map((x) => (x as { family: string }).family);
    const written = names.length === 1 ? names[0] : names.length === 2 ? `${names[0]} & ${names[1]}` : `${names[0]} et al.`;
    if (r < 0.4) return `NARRATIVE:${written.replace(' & ', ' and ')} (${w.year}${pin})`;
    return `(${written}, ${w.year}${pin})`;
  }

  function sentence(refs: Work[], budget: { citations: number }): string {
    const r = random();
    let s: string;
    if (r < 0.06) s = `Nearly ${int(5, 95)}% of ${pick(nouns)} in ${pick(adjectives)} settings experienced ${pick(topics)}`;
    else if (r < 0.1) s = `An estimated ${int(1, 9)}.${int(1, 9)} million ${pick(nouns)} are affected by ${pick(topics)} each year`;
    else if (r < 0.14) s = `${pick(actors)} should ${pick(actions)} and ${pick(actions)}`;
    else if (r < 0.2) s = `Article ${int(1, 40)} of the ${pick(treaties)} requires states to address ${pick(topics)} of ${pick(nouns)}`;
    else if (r < 0.25) s = `The ${pick(instrumentNames)} frames ${pick(adjectives)} ${pick(topics)} as a matter of rights`;
    else s = `The literature on ${pick(adjectives)} ${pick(topics)} ${pick(verbs)} that ${pick(nouns)} face ${pick(adjectives)} risks of ${pick(topics)} and ${pick(topics)}`;
    if (budget.citations > 0 && random() < 0.22) {
      budget.citations--;
      const c = cite(pick(refs));
      if (c.startsWith('NARRATIVE:')) return `${c.slice(10)} ${pick(verbs)} that ${s.charAt(0).toLowerCase()}${s.slice(1)}.`;
      return `${s} ${c}.`;
    }
    return `${s}.`;
  }

  function paper(id: string, refs: Work[]): string {
    const author = `${pick(givens)} ${pick(surnames)}`;
    const year = int(2005, 2025);
    const title = `${pick(adjectives)} ${pick(topics)}: a study of ${pick(nouns)} and ${pick(topics)}`.replace(/^./, (c) => c.toUpperCase());
    const out: string[] = [
      '---', `id: ${id}`, `title: "${title}"`, 'authors:', `  - name: ${author}`, `year: ${year}`, `keywords:`, `  - ${pick(topics)}`, `  - ${pick(topics)}`,
      `abstract: A synthetic paper on ${pick(topics)} for the benchmark.`, '---', '',
    ];
    const budget = { citations: int(20, 40) };
    let words = 0;
    let section = 0;
    while (words < 4000) {
      section++;
      out.push(`## ${section}. ${pick(topics).replace(/^./, (c) => c.toUpperCase())} and ${pick(topics)}`, '');
      for (let para = int(3, 6); para > 0 && words < 4000; para--) {
        if (random() < 0.15) {
          for (let li = int(3, 5); li > 0; li--) out.push(`- ${sentence(refs, budget)}`);
          out.push('');
          continue;
        }
        const text = Array.from({ length: int(4, 8) }, () => sentence(refs, budget)).join(' ');
        words += text.split(/\s+/).length;
        out.push(text, '');
      }
      if (random() < 0.3) out.push(`### ${pick(adjectives).replace(/^./, (c) => c.toUpperCase())} ${pick(topics)}`, '');
    }
    out.push('## References', '');
    return out.join('\n');
  }
}

/** Write the corpus into `dir` (papers/ and bibliography/ replaced). Returns the number of bytes of Markdown. */
export function writeCorpus(options: CorpusOptions): { markdownBytes: number } {
  rmSync(path.join(options.dir, 'papers'), { recursive: true, force: true });
  rmSync(path.join(options.dir, 'bibliography'), { recursive: true, force: true });
  mkdirSync(path.join(options.dir, 'papers'), { recursive: true });
  mkdirSync(path.join(options.dir, 'bibliography'), { recursive: true });
  let markdownBytes = 0;
  for (const [file, text] of generateCorpus(options)) {
    writeFileSync(path.join(options.dir, file), text);
    if (file.endsWith('.md')) markdownBytes += Buffer.byteLength(text);
  }
  return { markdownBytes };
}
