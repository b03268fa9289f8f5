/**
 * Joins lines of a PDF paragraph, undoing line-end hyphenation where the document itself says so.
 * "photo-/synthesis" becomes "photosynthesis", but "self-/interest" stays "self-interest" when the book writes
 * "self-interest" elsewhere and never "selfinterest". With no evidence either way the hyphen goes: typesetters
 * split words far more often than they break at a real hyphen. Grounding also normalises hyphenation, so a
 * wrong guess costs a slightly odd word, never a rejected card.
 */
export class HyphenationDictionary {
  private readonly words = new Set<string>();

  /** Records every word and hyphenated compound written within a line. */
  add(text: string): void {
    for (const match of text.matchAll(/\p{L}+(?:-\p{L}+)*/gu)) this.words.add(match[0].toLowerCase());
  }

  private keepsHyphen(left: string, right: string): boolean {
    const compound = `${left}-${right}`.toLowerCase();
    return this.words.has(compound) && !this.words.has(`${left}${right}`.toLowerCase());
  }

  /** `line` and `next` as one line when `line` ends in a word split by a hyphen; null when they stay two lines. */
  joinHyphenated(line: string, next: string): string | null {
    if (!line.endsWith('-')) return null; // the common case, without touching a regex
    const left = /(\p{L}+)-$/u.exec(line.slice(-64));
    const right = /^(\p{Ll}+)/u.exec(next);
    if (!left || !right) return null;
    return (this.keepsHyphen(left[1]!, right[1]!) ? line : line.slice(0, -1)) + next;
  }
}
