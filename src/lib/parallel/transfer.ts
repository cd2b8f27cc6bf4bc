// A paper's extraction as a worker sends it: its sentences (most of its size, hundreds of small objects) packed into a
// list of texts and one array of numbers, which structured cloning copies several times faster than the objects, and
// unpacked on the receiving thread into exactly the objects `extractPaper` returned.
import type { PaperExtraction, Sentence } from '../types.ts';

export interface PackedExtraction {
  /** Everything but the sentences, as extracted. */
  rest: Omit<PaperExtraction, 'sentences'>;
  texts: string[];
  /** Per sentence: span start, span end, index into `sections`, index into `kinds`. */
  numbers: Int32Array;
  /** Heading paths, each once (sentences of one block share theirs, as extraction made them). */
  sections: string[][];
  kinds: Array<Sentence['block']>;
  /** Sentence ids, or null when they are `s-1`, `s-2`, … in order. */
  ids: string[] | null;
}

const fields = 4;

export function packExtraction(e: PaperExtraction): PackedExtraction {
  const { sentences, ...rest } = e;
  const numbers = new Int32Array(sentences.length * fields);
  const texts: string[] = new Array(sentences.length);
  const sections: string[][] = [];
  const sectionIndex = new Map<string[], number>();
  const kinds: Array<Sentence['block']> = [];
  let numbered = true;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i];
    texts[i] = s.text;
    let section = sectionIndex.get(s.section);
    if (section === undefined) {
      section = sections.push(s.section) - 1;
      sectionIndex.set(s.section, section);
    }
    let kind = kinds.indexOf(s.block);
    if (kind < 0) kind = kinds.push(s.block) - 1;
    const at = i * fields;
    numbers[at] = s.span.start;
    numbers[at + 1] = s.span.end;
    numbers[at + 2] = section;
    numbers[at + 3] = kind;
    if (numbered && s.id !== `s-${i + 1}`) numbered = false;
  }
  return { rest, texts, numbers, sections, kinds, ids: numbered ? null : sentences.map((s) => s.id) };
}

export function unpackExtraction(p: PackedExtraction): PaperExtraction {
  const { texts, numbers, sections, kinds, ids } = p;
  const sentences: Sentence[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const at = i * fields;
    sentences[i] = {
      id: ids ? ids[i] : `s-${i + 1}`,
      text: texts[i],
      span: { start: numbers[at], end: numbers[at + 1] },
      section: sections[numbers[at + 2]],
      block: kinds[numbers[at + 3]],
    };
  }
  const { paper, ...mentions } = p.rest;
  // Keys in the order `extractPaper` writes them, so the object (and any JSON made of it) is the same.
  return { paper, sentences, ...mentions };
}
