// Reads the user-extensible knowledge files (instrument registry, themes) and hands them to the extractor's loader.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { diagnostic } from '../diagnostics.ts';
import { loadKnowledge, type Knowledge } from '../extract/index.ts';
import type { Diagnostic, Result } from '../types.ts';

export function readKnowledge(options: { root: string; instruments: string; themes: string }): Result<Knowledge> {
  const diagnostics: Diagnostic[] = [];
  const read = (file: string) => {
    const abs = path.resolve(options.root, file);
    if (!existsSync(abs)) {
      diagnostics.push(diagnostic('error', 'knowledge-missing', 'Knowledge file not found; its part of the extraction is off', file, 1, 1));
      return '';
    }
    return readFileSync(abs, 'utf8');
  };
  const loaded = loadKnowledge(read(options.instruments), read(options.themes), { instruments: options.instruments, themes: options.themes });
  return { value: loaded.value, diagnostics: [...diagnostics, ...loaded.diagnostics] };
}
