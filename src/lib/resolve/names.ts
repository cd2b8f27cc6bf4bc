// Normalising author names for comparison: diacritics, case, punctuation, separators, acronyms.

/** Letters that Unicode decomposition does not reduce to an ASCII base letter. */
const UNDECOMPOSABLE: Record<string, string> = {
  ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', ß: 'ss', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D',
  æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ı: 'i', þ: 'th', Þ: 'Th',
};
const UNDECOMPOSABLE_RE = new RegExp(`[${Object.keys(UNDECOMPOSABLE).join('')}]`, 'g');

const ascii = /^[\x00-\x7f]*$/;

/** Folds diacritics (ş/ș, ţ/ț via decomposition; ł, ø, ß… by table), keeping case. */
export function fold(text: string): string {
  // Most names are plain ASCII, which folding leaves as it is.
  if (ascii.test(text)) return text;
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(UNDECOMPOSABLE_RE, (c) => UNDECOMPOSABLE[c]);
}

/** Comparison form of a name: folded, lower case, no punctuation, `&` as `and`, no leading `the`. */
export function normaliseName(name: string): string {
  return fold(name)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

/** The normalised name without spaces, so `Data Lab` and `DataLab` compare equal. */
export function compactName(name: string): string {
  return normaliseName(name).replace(/ /g, '');
}

/** Generic trailing words of organisation names, ignored when comparing by similarity. */
const ORGANISATION_SUFFIX = /( (international|inc|incorporated|ltd|limited|llc|plc|corp|corporation|co|gmbh))+$/;

/** Normalised organisation name without a generic trailing word, spaces removed. */
export function coreOrganisationName(name: string): string {
  return normaliseName(name).replace(ORGANISATION_SUFFIX, '').replace(/ /g, '');
}

/** True for an acronym as written: `WHO`, `U.S.`, `OECD`. */
export function isAcronym(written: string): boolean {
  const letters = fold(written).replace(/[.&]/g, '');
  return /^[A-Z][A-Z0-9]+$/.test(letters) && /[A-Z].*[A-Z]/.test(letters);
}

/** Initials of the capitalised words of a name, lower case: `World Health Organization` → `who`. */
export function initials(name: string): string {
  const words = fold(name).split(/[\s\-–—/]+/).filter((w) => /^[A-Z]/.test(w));
  return words.length >= 2 ? words.map((w) => w[0]).join('').toLowerCase() : '';
}

const ET_AL = /,?\s*\bet\s+al\.?\s*$/i;

/**
 * The cited names of an item as separate names, with `et al.` noticed. Splits names still joined by
 * `&`, `;`, commas, or `and` between short names (never inside an organisation name like `… Drugs and Crime`).
 */
export function splitCitedNames(authors: readonly string[], etAl: boolean): { names: string[]; etAl: boolean } {
  const names: string[] = [];
  let sawEtAl = etAl;
  for (const written of authors) {
    let rest = written.trim();
    if (ET_AL.test(rest)) {
      sawEtAl = true;
      rest = rest.replace(ET_AL, '');
    }
    for (const part of rest.split(/\s*(?:&|;|,)\s*/)) {
      const pieces = part.split(/\s+and\s+/);
      const short = pieces.length > 1 && pieces.every((p) => p.trim().split(/\s+/).length <= 2 && /^\p{Lu}/u.test(p.trim()));
      for (const piece of short ? pieces : [part]) if (piece.trim()) names.push(piece.trim());
    }
  }
  return { names, etAl: sawEtAl };
}
