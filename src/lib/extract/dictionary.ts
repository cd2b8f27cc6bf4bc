// A token trie of names that finds the longest known names in a text in one pass over its tokens.
import { gapBetween, tokenize, type Token } from './tokens.ts';

interface Entry<T> {
  value: T;
  /** An all-capitals abbreviation matches only when written in capitals (`ACT` is not `Act`). */
  capitals: boolean;
}

interface Node<T> {
  next: Map<string, Node<T>>;
  entries: Array<Entry<T>>;
}

/** A match of a dictionary name: token range and text range. */
export interface DictionaryMatch<T> {
  value: T;
  first: number;
  last: number;
  start: number;
  end: number;
}

/** The words of a name as the dictionary compares them: folded, a leading `the` dropped. */
export function nameTokens(name: string): Token[] {
  const tokens = tokenize(name);
  if (tokens.length > 1 && tokens[0].norm === 'the') tokens.shift();
  return tokens;
}

/** One string per distinct dictionary name (`The  Geneva convention’s` and `geneva Convention` share one). */
export function nameKey(name: string): string {
  return nameTokens(name)
    .map((t) => t.norm)
    .join(' ');
}

// A cheap sieve before the trie's first lookup: most words of a text start no name, and hashing each one to find that
// out cost more than the rest of the search. A flag per slot of the names' first words, the slot made of their first
// and last characters (low six bits each) and length (up to 15): a word whose slot is unset starts no name.
function sieveSlot(word: string): number {
  return ((word.charCodeAt(0) & 63) << 10) | ((word.charCodeAt(word.length - 1) & 63) << 4) | Math.min(word.length, 15);
}

export class Dictionary<T> {
  readonly root: Node<T> = { next: new Map(), entries: [] };
  private readonly firstWords = new Uint8Array(1 << 16);

  /** Adds a name; a leading `the` is optional in text. Returns false when the name has no words. */
  add(name: string, value: T): boolean {
    const tokens = nameTokens(name);
    if (!tokens.length) return false;
    this.firstWords[sieveSlot(tokens[0].norm)] = 1;
    let node = this.root;
    for (const t of tokens) {
      let child = node.next.get(t.norm);
      if (!child) {
        child = { next: new Map(), entries: [] };
        node.next.set(t.norm, child);
      }
      node = child;
    }
    const capitals = tokens.length === 1 && /^[\p{Lu}\p{N}]{2,}$/u.test(tokens[0].raw) && /\p{Lu}/u.test(tokens[0].raw);
    if (!node.entries.some((e) => e.value === value)) node.entries.push({ value, capitals });
    return true;
  }

  /** Longest names in the tokens; overlapping shorter matches are dropped. */
  find(text: string, tokens: Token[]): Array<DictionaryMatch<T>> {
    const candidates: Array<DictionaryMatch<T>> = [];
    const firstWords = this.firstWords;
    for (let i = 0; i < tokens.length; i++) {
      if (!firstWords[sieveSlot(tokens[i].norm)]) continue;
      let node = this.root.next.get(tokens[i].norm);
      let best: DictionaryMatch<T> | null = null;
      for (let j = i; node; ) {
        const entry = node.entries.find((e) => !e.capitals || tokens[j].raw === tokens[j].raw.toUpperCase());
        if (entry) best = { value: entry.value, first: i, last: j, start: tokens[i].start, end: tokens[j].end };
        j++;
        if (j >= tokens.length) break;
        const gap = gapBetween(text, tokens[j - 1].end, tokens[j].start);
        if (gap === 'break') break;
        node = node.next.get(tokens[j].norm);
      }
      if (best) candidates.push(best);
    }
    if (candidates.length < 2) return candidates;
    candidates.sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
    const taken = new Uint8Array(tokens.length);
    const out: Array<DictionaryMatch<T>> = [];
    for (const c of candidates) {
      let free = true;
      for (let k = c.first; k <= c.last && free; k++) free = !taken[k];
      if (!free) continue;
      taken.fill(1, c.first, c.last + 1);
      out.push(c);
    }
    return out.sort((a, b) => a.start - b.start);
  }
}
