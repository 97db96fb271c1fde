// What the database marks in an excerpt: the matched words sit between these two characters, which log entries
// never keep (they are taken out of the text before it is marked).
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** An excerpt's pieces, the matched words marked: what the search page shows in <mark>. */
export function markedPieces(excerpt: string): { text: string; marked: boolean }[] {
  const pieces: { text: string; marked: boolean }[] = [];
  for (const [index, part] of excerpt.split(MARK_START).entries()) {
    const [inside, after] = index === 0 ? [null, part] : (part.split(MARK_END, 2) as [string, string?]);
    if (inside) pieces.push({ text: inside, marked: true });
    if (after) pieces.push({ text: after, marked: false });
  }
  return pieces;
}

/** The excerpt as plain text, the marks taken out: what the API answers. */
export function unmarked(excerpt: string): string {
  return excerpt.replaceAll(MARK_START, '').replaceAll(MARK_END, '');
}
