// One instrument under two numbers (`Directive 2015/21/EU` for a registered 2015/12/EU) or under another year than its own.
import type { Finding, Instrument, InstrumentMention } from '../types.ts';
import { splitCitedNames } from '../resolve/names.ts';
import { paperPlace, paragraphAt, type CheckContext } from './context.ts';
import { finding } from './finding.ts';
import { instrumentLabel } from './instruments.ts';
import { bodyForm, type RegistryNames } from './registry-names.ts';
import { contentWords, normalise, yearsIn } from './text.ts';

/** Document numbers in a name: `2015/12`, `No. 87`. */
function numbersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(\d{1,4})\/(\d{1,4})\b/g)) out.push(`${m[1]}/${m[2]}`);
  for (const m of text.matchAll(/\bNo\.?\s*(\d{1,4})\b/gi)) out.push(`no ${m[1]}`);
  return out;
}

/** Title words after a mention: up to the sentence end, at most 14 words. */
function followingWords(body: string, end: number): string[] {
  const rest = body.slice(end, end + 300);
  const stop = /[.;:!?](?:\s|$)|\n\n/.exec(rest);
  return [...new Set(contentWords(rest.slice(0, stop ? stop.index : rest.length).split(/\s+/).slice(0, 14).join(' ')))];
}

interface NumberedIndex {
  /** Content word → numbered registry instruments whose names use it. */
  byWord: Map<string, Instrument[]>;
  numbers: Map<string, string[]>;
}

function numberedIndex(registry: readonly Instrument[]): NumberedIndex {
  const byWord = new Map<string, Instrument[]>();
  const numbers = new Map<string, string[]>();
  for (const instrument of registry) {
    const names = [instrument.name, ...(instrument.short ?? []), ...(instrument.aliases ?? [])];
    const own = [...new Set(names.flatMap(numbersIn))];
    if (own.length === 0) continue;
    numbers.set(instrument.id, own);
    for (const w of new Set(contentWords(names.join(' ')))) byWord.set(w, [...(byWord.get(w) ?? []), instrument]);
  }
  return { byWord, numbers };
}

/** The registered instrument of the same kind whose name the words after an unregistered numbered mention spell, with another number. */
function sameTitleOtherNumber(mention: InstrumentMention, body: string, index: NumberedIndex): Instrument | null {
  const written = numbersIn(mention.name);
  if (written.length === 0) return null;
  const kind = normalise(mention.name.split(/\s+/)[0] ?? '');
  const words = followingWords(body, mention.span.end);
  if (words.length === 0) return null;
  const shared = new Map<Instrument, number>();
  for (const w of words) for (const instrument of index.byWord.get(w) ?? []) shared.set(instrument, (shared.get(instrument) ?? 0) + 1);
  let best: Instrument | null = null;
  let bestCount = 0;
  for (const [instrument, count] of shared) {
    if (normalise(instrument.kind) !== kind && !normalise(instrument.name).split(' ').includes(kind)) continue;
    if ((index.numbers.get(instrument.id) ?? []).some((n) => written.includes(n))) continue;
    if (count > bestCount) {
      best = instrument;
      bestCount = count;
    }
  }
  return best && bestCount >= 3 && bestCount / words.length >= 0.5 ? best : null;
}

/** A year the text gives a mention: inside its name (`Protocol of 2000`), or right after it (`, 1989`, `(2000)`, `(United Nations, 2000)`). */
function statedYear(mention: InstrumentMention, instrument: Instrument, body: string, names: RegistryNames): number | null {
  const inside = new Set(yearsIn(mention.text).map((y) => y.year));
  if (instrument.year !== undefined && inside.has(instrument.year)) return null;
  if (inside.size === 1) return [...inside][0];
  if (inside.size > 1) return null;
  const after = body.slice(mention.span.end, mention.span.end + 120);
  const comma = /^\s*(?:\([^()]{1,15}\)\s*)?,\s*(?:\p{Lu}\p{L}+(?:\s\p{Lu}\p{L}+)?\s*,\s*)?(1[5-9]\d\d|20\d\d)(?![\d/])/u.exec(after);
  if (comma) return Number(comma[1]);
  const bracket = /^\s*\(([^()]{0,100})\)/.exec(after);
  if (!bracket) return null;
  const m = /^(?:(.+?),\s*)?(1[5-9]\d\d|20\d\d)[a-z]?(?:\s*[,;].*)?$/.exec(bracket[1].trim());
  if (!m) return null;
  const author = m[1] ? normalise(m[1]).replace(/^the /, '') : null;
  const adoptedBy = normalise(instrument.body ?? '');
  const ownName = m[1] ? names.opensWith(m[1])?.id === instrument.id : false;
  if (author === null || ownName || (author && adoptedBy.startsWith(author))) return Number(m[2]);
  return null;
}

export function checkInstrumentConflicts(ctx: CheckContext, names: RegistryNames): { findings: Finding[]; explained: Set<string> } {
  const out: Finding[] = [];
  const explained = new Set<string>();
  const numbered = numberedIndex(ctx.input.instruments);
  // Adopting bodies that adopted one registered instrument only: a citation of the body names that instrument's date.
  const byBody = new Map<string, Instrument[]>();
  for (const i of ctx.input.instruments) if (i.body && i.year !== undefined) byBody.set(bodyForm(i), [...(byBody.get(bodyForm(i)) ?? []), i]);

  for (const [paper, extraction] of ctx.extractions) {
    const body = ctx.papers.get(paper)?.body;
    if (body === undefined) continue;
    const yearSeen = new Set<string>();
    for (const m of extraction.instruments) {
      const place = paperPlace(ctx, paper, m.span.start, m.sentence);
      if (!place) continue;
      if (!m.registered) {
        const meant = m.via === 'pattern' ? sameTitleOtherNumber(m, body, numbered) : null;
        if (!meant) continue;
        explained.add(`${paper}\u0000${m.instrument}`);
        out.push(
          finding(
            'instrument-conflict',
            'error',
            place,
            m.text,
            `${m.name} is not a registered instrument, but the title after it is that of ${instrumentLabel(meant)}: one instrument cited under two numbers.`,
            `did you mean ${instrumentLabel(meant)} (${meant.name})?`,
          ),
        );
        continue;
      }
      const instrument = ctx.registry.get(m.instrument);
      if (!instrument?.year || m.via === 'reference') continue;
      const year = statedYear(m, instrument, body, names);
      if (year === null || year === instrument.year || yearSeen.has(`${m.instrument}\u0000${year}`)) continue;
      yearSeen.add(`${m.instrument}\u0000${year}`);
      out.push(
        finding(
          'instrument-conflict',
          'warning',
          place,
          m.text,
          `The text gives ${instrumentLabel(instrument)} the year ${year}, but it was adopted in ${instrument.year}.`,
          `check the year: the instrument registry gives ${instrument.year}`,
        ),
      );
    }

    const mentioned = extraction.instruments.filter((m) => m.registered);
    for (const { citation, items } of ctx.resolved.get(paper) ?? []) {
      for (const r of items) {
        const name = splitCitedNames(r.item.authors, r.item.etAl).names[0];
        const year = r.item.year ? Number(/^\d{4}/.exec(r.item.year)?.[0]) : NaN;
        if (!name || Number.isNaN(year)) continue;
        const adopted = byBody.get(normalise(name).replace(/^the /, ''));
        if (!adopted || adopted.length !== 1 || adopted[0].year === year) continue;
        const instrument = adopted[0];
        const paragraph = paragraphAt(body, r.item.span.start);
        if (!mentioned.some((m) => m.instrument === instrument.id && m.span.start >= paragraph.start && m.span.start < paragraph.end)) continue;
        const place = paperPlace(ctx, paper, r.item.span.start, citation.sentence);
        if (!place) continue;
        out.push(
          finding(
            'instrument-conflict',
            'warning',
            place,
            r.item.text,
            `The citation gives ${name} the year ${year}, but the ${instrumentLabel(instrument)} it adopted, named in this paragraph, dates from ${instrument.year}.`,
            `check the year: the instrument registry gives ${instrument.year}`,
          ),
        );
      }
    }
  }
  return { findings: out, explained };
}
