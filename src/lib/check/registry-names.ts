// Finding the registered instruments that a free text (an entry's title, a printed reference) names.
import type { Instrument } from '../types.ts';
import { normalise, tokens } from './text.ts';

export interface NamedInstrument {
  instrument: Instrument;
  /** Token positions in the text's token list. */
  start: number;
  end: number;
}

export interface RegistryNames {
  /** Registered instruments named in the text: longest names first, overlaps dropped, in text order. */
  named(text: string): NamedInstrument[];
  /** The instrument whose name the text opens with (after a leading `the`), or null. */
  opensWith(text: string): Instrument | null;
}

/** Names of three words or more only: short names and acronyms (`ABC`, `XY Act`) are too ambiguous in free text. */
const MIN_WORDS = 3;

export function registryNames(registry: readonly Instrument[]): RegistryNames {
  // First two tokens of a name → the names starting with them, so a text is scanned once.
  const byOpening = new Map<string, { instrument: Instrument; words: string[] }[]>();
  for (const instrument of registry) {
    const names = new Set([instrument.name, ...(instrument.short ?? []), ...(instrument.aliases ?? [])]);
    for (const name of names) {
      let words = tokens(name);
      if (words[0] === 'the') words = words.slice(1);
      if (words.length < MIN_WORDS) continue;
      const key = `${words[0]} ${words[1]}`;
      const list = byOpening.get(key);
      if (list) list.push({ instrument, words });
      else byOpening.set(key, [{ instrument, words }]);
    }
  }
  for (const list of byOpening.values()) list.sort((a, b) => b.words.length - a.words.length);

  const matchesAt = (words: string[], i: number): NamedInstrument | null => {
    for (const candidate of byOpening.get(`${words[i]} ${words[i + 1]}`) ?? []) {
      if (candidate.words.every((w, k) => words[i + k] === w)) return { instrument: candidate.instrument, start: i, end: i + candidate.words.length };
    }
    return null;
  };

  return {
    named(text) {
      const words = tokens(text);
      const out: NamedInstrument[] = [];
      for (let i = 0; i + 1 < words.length; i++) {
        const found = matchesAt(words, i);
        if (found) {
          out.push(found);
          i = found.end - 1;
        }
      }
      return out;
    },
    opensWith(text) {
      const words = tokens(text);
      const from = words[0] === 'the' ? 1 : 0;
      return words.length > from + 1 ? (matchesAt(words, from)?.instrument ?? null) : null;
    },
  };
}

/** A registered instrument's adopting body in comparison form, without a parenthesised place or a leading `the`. */
export function bodyForm(instrument: Instrument): string {
  return normalise((instrument.body ?? '').replace(/\([^)]*\)/g, ' ')).replace(/^the /, '');
}
