// Quotes of a sentence around what it cites, bounded in length, so a page quoting one huge sentence per citation stays linear.

/** Longest quote shown, in characters; a longer sentence is cut to a window around the cited text. */
export const maxQuote = 600;

/** The sentence, or a window of it around the first occurrence of `cited`, with `…` where it was cut. */
export function excerpt(sentence: string, cited: string, max = maxQuote): string {
  if (sentence.length <= max) return sentence;
  const at = Math.max(0, sentence.indexOf(cited));
  const room = Math.max(0, max - cited.length);
  const end = Math.min(sentence.length, Math.max(0, at - Math.floor(room / 2)) + max);
  let start = Math.max(0, end - max);
  let stop = end;
  // Cut between words where one is near, and never inside a surrogate pair.
  const space = sentence.indexOf(' ', start);
  if (start > 0 && space !== -1 && space - start < 40 && space < at) start = space + 1;
  const last = sentence.lastIndexOf(' ', stop);
  if (stop < sentence.length && last > start && stop - last < 40 && last >= at + cited.length) stop = last;
  if (start > 0 && /[\uDC00-\uDFFF]/.test(sentence[start])) start++;
  if (stop < sentence.length && /[\uD800-\uDBFF]/.test(sentence[stop - 1])) stop--;
  return `${start > 0 ? '…' : ''}${sentence.slice(start, stop)}${stop < sentence.length ? '…' : ''}`;
}
