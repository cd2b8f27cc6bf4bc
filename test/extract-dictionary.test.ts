// The token trie of names: longest matches, optional leading `the`, capitals-only abbreviations, and names whose first
// words the sieve in front of the trie must let through (non-ASCII letters, long words, one-letter words).
import { describe, expect, it } from 'vitest';
import { Dictionary } from '../src/lib/extract/dictionary.ts';
import { tokenize } from '../src/lib/extract/tokens.ts';

function dictionary(entries: Array<[string, string]>): Dictionary<string> {
  const d = new Dictionary<string>();
  for (const [name, id] of entries) d.add(name, id);
  return d;
}

function found(dictionary: Dictionary<string>, text: string): Array<[string, string]> {
  return dictionary.find(text, tokenize(text)).map((m) => [m.value, text.slice(m.start, m.end)]);
}

describe('Dictionary', () => {
  it('finds the longest name and drops the shorter ones inside it', () => {
    const d = dictionary([
      ['Convention on the Rights of the Child', 'crc'],
      ['Convention', 'generic'],
      ['Rights of the Child', 'rights'],
    ]);
    expect(found(d, 'The Convention on the Rights of the Child and a Convention.')).toEqual([
      ['crc', 'Convention on the Rights of the Child'],
      ['generic', 'Convention'],
    ]);
  });

  it('matches every first word the names start with, whatever its letters or length', () => {
    const names: Array<[string, string]> = [
      ['Übereinkommen über Computerkriminalität', 'de'],
      ['Łódź Charter', 'pl'],
      ['Antidiscriminationsbestimmungen Act', 'long'],
      ['A Treaty', 'one-letter'],
      ['2030 Agenda', 'number'],
      ['Ἑλληνική Σύμβαση', 'greek'],
    ];
    const d = dictionary(names);
    const text = names.map(([name]) => `before ${name} after.`).join(' ');
    expect(found(d, text).map(([id]) => id)).toEqual(names.map(([, id]) => id));
    // Folded as text is: case and diacritics do not count.
    expect(found(d, 'the ŁODZ charter')).toEqual([['pl', 'ŁODZ charter']]);
  });

  it('lets a leading the be left out and an all-capitals abbreviation match only in capitals', () => {
    const d = dictionary([
      ['The Palermo Protocol', 'palermo'],
      ['ACT', 'act'],
    ]);
    expect(found(d, 'Under Palermo Protocol rules, this Act and the ACT.')).toEqual([
      ['palermo', 'Palermo Protocol'],
      ['act', 'ACT'],
    ]);
  });

  it('finds nothing in a text without names, and names added later', () => {
    const d = dictionary([]);
    expect(found(d, 'Nothing here.')).toEqual([]);
    d.add('Budapest Convention', 'budapest');
    expect(found(d, 'The Budapest Convention.')).toEqual([['budapest', 'Budapest Convention']]);
  });
});
