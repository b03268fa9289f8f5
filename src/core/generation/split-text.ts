/**
 * Splits one over-long text into pieces of at most `maxChars`, cutting at the gentlest boundary available:
 * paragraphs, then sentences, then words, and only as a last resort mid-word. Pieces concatenate back to the
 * exact input (separators stay attached to the piece before them), so no text is lost.
 */

const PARAGRAPH_END = /\n[ \t]*\n\s*/g;
/** End of a sentence: terminal punctuation, optional closing quote/bracket, then whitespace. */
const SENTENCE_END = /[.!?\u2026;:]["'\u201D\u2019\u00BB)\]]*\s+/g;
const WORD_END = /\s+/g;

/** Cut positions (exclusive ends) after each match of `boundary`. */
function cutsAfter(text: string, boundary: RegExp): number[] {
  const cuts: number[] = [];
  for (const m of text.matchAll(boundary)) cuts.push(m.index + m[0].length);
  return cuts;
}

/** Greedy packing of the units between cuts; a unit longer than maxChars is returned alone for a finer pass. */
function pack(text: string, cuts: number[], maxChars: number): string[] {
  const pieces: string[] = [];
  let pieceStart = 0;
  let lastFit = 0;
  for (const cut of [...cuts.filter((c) => c < text.length), text.length]) {
    if (cut - pieceStart <= maxChars) {
      lastFit = cut;
      continue;
    }
    if (lastFit > pieceStart) {
      pieces.push(text.slice(pieceStart, lastFit));
      pieceStart = lastFit;
    }
    if (cut - pieceStart <= maxChars) {
      lastFit = cut;
    } else {
      pieces.push(text.slice(pieceStart, cut));
      pieceStart = cut;
      lastFit = cut;
    }
  }
  if (pieceStart < text.length) pieces.push(text.slice(pieceStart));
  return pieces;
}

const BOUNDARIES = [PARAGRAPH_END, SENTENCE_END, WORD_END];

export function splitText(text: string, maxChars: number, level = 0): string[] {
  if (text.length <= maxChars) return [text];
  const boundary = BOUNDARIES[level];
  if (!boundary) {
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += maxChars) pieces.push(text.slice(i, i + maxChars));
    return pieces;
  }
  return pack(text, cutsAfter(text, boundary), maxChars).flatMap((piece) =>
    piece.length <= maxChars ? [piece] : splitText(piece, maxChars, level + 1),
  );
}
