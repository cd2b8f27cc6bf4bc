// Reads and checks the knowledge files (instrument registry, themes, actors, cues) and compiles their matchers once.
import { isMap, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { diagnostic, lineIndex } from '../diagnostics.ts';
import type { Actor, Diagnostic, Instrument, Result, Theme } from '../types.ts';
import { nameKey } from './dictionary.ts';
import { compileInstruments, type InstrumentMatcher } from './instruments.ts';
import { compileRecommendations, type Cues, type RecommendationMatcher } from './recommendations.ts';

/** What extraction knows beyond the paper: the data files, checked and compiled. */
export interface Knowledge {
  instruments: Instrument[];
  /** Head words of back-references by instrument kind: `{ convention: ['Convention'] }`. */
  referenceWords: Record<string, string[]>;
  themes: Theme[];
  actors: Actor[];
  cues: Cues;
  instrumentMatcher: InstrumentMatcher;
  recommendationMatcher: RecommendationMatcher;
  /** Capitalised head words (`Convention`, `Act`): a name ending in one is an instrument, not an author. */
  heads: Set<string>;
}

/** The knowledge as plain data, before compiling. */
export interface KnowledgeData {
  instruments: Instrument[];
  referenceWords?: Record<string, string[]>;
  themes?: Theme[];
  actors?: Actor[];
  cues?: Partial<Cues>;
}

/** File names used in diagnostics. */
export interface KnowledgeFiles {
  instruments: string;
  themes: string;
}

const defaultFiles: KnowledgeFiles = { instruments: 'src/data/instruments.yaml', themes: 'src/data/themes.yaml' };

/** Compiles knowledge given as data (tests, programmatic use). */
export function buildKnowledge(data: KnowledgeData): Knowledge {
  const referenceWords = data.referenceWords ?? {};
  const cues: Cues = {
    modal: data.cues?.modal ?? [],
    phrases: data.cues?.phrases ?? [],
    headings: data.cues?.headings ?? [],
    ...(data.cues?.leads ? { leads: data.cues.leads } : {}),
    ...(data.cues?.describes ? { describes: data.cues.describes } : {}),
  };
  const themes = data.themes ?? [];
  const actors = data.actors ?? [];
  const instrumentMatcher = compileInstruments(data.instruments, referenceWords);
  return {
    instruments: data.instruments,
    referenceWords,
    themes,
    actors,
    cues,
    instrumentMatcher,
    recommendationMatcher: compileRecommendations(cues, themes, actors),
    heads: new Set(instrumentMatcher.heads.keys()),
  };
}

/** Parses and checks both knowledge files; a malformed entry becomes a diagnostic with its line and is skipped. */
export function loadKnowledge(instrumentsYaml: string, themesYaml: string, files: KnowledgeFiles = defaultFiles): Result<Knowledge> {
  const diagnostics: Diagnostic[] = [];
  const reg = new Reader(instrumentsYaml, files.instruments, diagnostics);
  const tax = new Reader(themesYaml, files.themes, diagnostics);

  const referenceWords: Record<string, string[]> = {};
  const words = reg.field('referenceWords');
  if (words !== undefined) {
    if (!isMap(words)) reg.report(words, 'knowledge-field', '`referenceWords` must map each kind to a list of head words');
    else {
      for (const pair of words.items) {
        const kind = String((pair.key as { value?: unknown })?.value ?? pair.key);
        const list = reg.strings(pair.value as YamlNode, `referenceWords.${kind}`);
        if (list) referenceWords[kind] = list;
      }
    }
  }

  const instruments: Instrument[] = [];
  const ids = new Set<string>();
  // Which instrument each name stands for: a name given to two instruments matches only the first.
  const owners = new Map<string, string>();
  for (const node of reg.entries('instruments')) {
    const entry = reg.object(node, 'instrument');
    if (!entry) continue;
    const id = reg.text(node, entry, 'id');
    const name = reg.text(node, entry, 'name');
    const kind = reg.text(node, entry, 'kind');
    if (!id || !name || !kind) continue;
    if (ids.has(id)) {
      reg.report(node, 'knowledge-duplicate', `instrument \`${id}\` is defined twice; the later entry is skipped`);
      continue;
    }
    ids.add(id);
    const instrument: Instrument = { id, name, kind };
    for (const field of ['short', 'aliases'] as const) {
      if (entry[field] === undefined) continue;
      const list = reg.strings(reg.child(node, field), `${id}.${field}`);
      if (list) instrument[field] = list;
    }
    for (const field of ['body', 'url', 'articleUrl'] as const) {
      if (entry[field] === undefined) continue;
      if (typeof entry[field] === 'string') instrument[field] = entry[field] as string;
      else reg.report(node, 'knowledge-field', `instrument \`${id}\`: \`${field}\` must be text; ignored`);
    }
    for (const field of ['year', 'articles'] as const) {
      if (entry[field] === undefined) continue;
      if (Number.isInteger(entry[field])) instrument[field] = entry[field] as number;
      else reg.report(node, 'knowledge-field', `instrument \`${id}\`: \`${field}\` must be a whole number; ignored`);
    }
    for (const alias of [name, ...(instrument.short ?? []), ...(instrument.aliases ?? [])]) {
      const key = nameKey(alias);
      const owner = owners.get(key);
      if (owner === undefined) owners.set(key, id);
      else if (owner !== id) {
        reg.report(node, 'knowledge-duplicate', `instrument \`${id}\`: the name “${alias}” is already \`${owner}\`'s; it will match \`${owner}\``, 'warning');
      }
    }
    instruments.push(instrument);
  }

  const cues: Cues = { modal: [], phrases: [], headings: [] };
  const cueNode = tax.field('cues');
  if (cueNode !== undefined) {
    if (!isMap(cueNode)) tax.report(cueNode, 'knowledge-field', '`cues` must have `modal`, `phrases` and `headings` lists');
    else {
      for (const field of ['modal', 'phrases', 'headings', 'leads', 'describes'] as const) {
        const list = tax.strings(tax.child(cueNode, field), `cues.${field}`);
        if (list) cues[field] = list;
      }
    }
  }

  const themes: Theme[] = [];
  const themeNodes = new Map<string, YamlNode>();
  for (const node of tax.entries('themes')) {
    const entry = tax.object(node, 'theme');
    if (!entry) continue;
    const id = tax.text(node, entry, 'id');
    const label = tax.text(node, entry, 'label');
    const keywords = tax.strings(tax.child(node, 'keywords'), `theme ${id ?? '?'}: keywords`, true, node);
    if (!id || !label || !keywords) continue;
    if (themes.some((t) => t.id === id)) {
      tax.report(node, 'knowledge-duplicate', `theme \`${id}\` is defined twice; the later entry is skipped`);
      continue;
    }
    const theme: Theme = { id, label, keywords };
    if (typeof entry.parent === 'string') theme.parent = entry.parent;
    themes.push(theme);
    themeNodes.set(id, node);
  }
  for (const theme of themes) {
    if (theme.parent && !themeNodes.has(theme.parent)) {
      const node = themeNodes.get(theme.id) as YamlNode;
      tax.report(tax.child(node, 'parent'), 'knowledge-field', `theme \`${theme.id}\`: parent \`${theme.parent}\` is not a theme`, 'warning');
    }
  }

  const actors: Actor[] = [];
  for (const node of tax.entries('actors')) {
    const entry = tax.object(node, 'actor');
    if (!entry) continue;
    const id = tax.text(node, entry, 'id');
    const label = tax.text(node, entry, 'label');
    const keywords = tax.strings(tax.child(node, 'keywords'), `actor ${id ?? '?'}: keywords`, true, node);
    if (!id || !label || !keywords) continue;
    if (actors.some((a) => a.id === id)) {
      tax.report(node, 'knowledge-duplicate', `actor \`${id}\` is defined twice; the later entry is skipped`);
      continue;
    }
    actors.push({ id, label, keywords });
  }

  return { value: buildKnowledge({ instruments, referenceWords, themes, actors, cues }), diagnostics };
}

// Reads one YAML file, reporting problems at the line of the node concerned.
class Reader {
  readonly file: string;
  readonly diagnostics: Diagnostic[];
  readonly root: YamlNode | null = null;
  readonly position: (offset: number) => { line: number; column: number };

  constructor(text: string, file: string, diagnostics: Diagnostic[]) {
    this.file = file;
    this.diagnostics = diagnostics;
    this.position = lineIndex(text);
    const doc = parseDocument(text, { prettyErrors: false });
    for (const error of doc.errors) {
      const at = this.position(error.pos[0]);
      diagnostics.push(diagnostic('error', 'knowledge-parse', error.message.split('\n')[0], file, at.line, at.column));
    }
    if (doc.errors.length) return;
    if (doc.contents && !isMap(doc.contents)) {
      this.report(doc.contents, 'knowledge-field', 'the file must be a mapping at its top level');
      return;
    }
    this.root = doc.contents as YamlNode | null;
  }

  report(node: YamlNode | null | undefined, code: string, message: string, severity: Diagnostic['severity'] = 'error'): void {
    const at = this.position(node?.range?.[0] ?? 0);
    this.diagnostics.push(diagnostic(severity, code, message, this.file, at.line, at.column));
  }

  field(name: string): YamlNode | undefined {
    return this.root && isMap(this.root) ? (this.root.get(name, true) as YamlNode | undefined) : undefined;
  }

  child(node: YamlNode, name: string): YamlNode | undefined {
    return isMap(node) ? (node.get(name, true) as YamlNode | undefined) : undefined;
  }

  entries(name: string): YamlNode[] {
    const node = this.field(name);
    if (node === undefined) return [];
    if (!isSeq(node)) {
      this.report(node, 'knowledge-field', `\`${name}\` must be a list`);
      return [];
    }
    return node.items as YamlNode[];
  }

  object(node: YamlNode, what: string): Record<string, unknown> | null {
    if (!isMap(node)) {
      this.report(node, 'knowledge-entry', `${what} entry must be a mapping; skipped`);
      return null;
    }
    return node.toJSON() as Record<string, unknown>;
  }

  text(node: YamlNode, entry: Record<string, unknown>, field: string): string | null {
    const value = entry[field];
    if (typeof value === 'string' && value.trim()) return value.trim();
    const id = typeof entry.id === 'string' ? ` \`${entry.id}\`` : '';
    this.report(this.child(node, field) ?? node, 'knowledge-entry', `entry${id}: \`${field}\` is required text; entry skipped`);
    return null;
  }

  // A list of strings; null (with a diagnostic) when malformed. `required` lists must be present and non-empty.
  strings(node: YamlNode | undefined, what: string, required = false, owner?: YamlNode): string[] | null {
    if (node === undefined || node === null) {
      if (required) this.report(owner, 'knowledge-entry', `${what} missing; entry skipped`);
      return null;
    }
    const value = (node as { toJSON?: () => unknown }).toJSON?.() ?? null;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim())) {
      if (required && !value.length) {
        this.report(node, 'knowledge-entry', `${what} is empty; entry skipped`);
        return null;
      }
      return (value as string[]).map((v) => v.trim());
    }
    this.report(node, 'knowledge-field', `${what} must be a list of text${required ? '; entry skipped' : '; ignored'}`);
    return null;
  }
}
