/** The normalisation as it was before typed arrays (issue 12), kept as the oracle for the faster one. */
/**
 * Normalisation used to find a model's quote in the document. Both sides go through the same function, so the
 * match tolerates differences in case, accents, Unicode forms (ligatures, full-width), typographic quotes and
 * dashes, whitespace and line-end hyphenation that PDF extraction and models introduce. Every normalised
 * character remembers where it came from, so the caller can return the ORIGINAL text of a match.
 */

export interface NormalisedText {
  text: string;
  /** start[i] / end[i]: the range of original UTF-16 indexes that produced normalised character i. */
  start: number[];
  end: number[];
}

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/gu;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/gu;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/gu;
/** Soft hyphen, zero-width characters and the BOM carry no text. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/u;
const COMBINING_MARK = /\p{M}/gu;
const LETTER = /\p{L}/u;

/** Folded forms of the non-ASCII characters seen so far: a book uses few distinct ones, folding each is slow. */
const foldCache = new Map<string, string>();
const ASCII_SPACE = /^[ \t\n\r\f\v]$/;

/** Folds one code point: lower case, compatibility decomposition, accents stripped, quotes and dashes unified. */
function foldCodePoint(cp: string): string {
  if (cp.length === 1 && cp.charCodeAt(0) < 128) {
    if (ASCII_SPACE.test(cp)) return ' ';
    return cp === '`' ? "'" : cp.toLowerCase();
  }
  let folded = foldCache.get(cp);
  if (folded === undefined) {
    folded = foldSlowly(cp);
    if (foldCache.size < 10_000) foldCache.set(cp, folded);
  }
  return folded;
}

function foldSlowly(cp: string): string {
  if (INVISIBLE.test(cp)) return '';
  const folded = cp
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARK, '')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-');
  return /\s/u.test(folded) ? ' ' : folded;
}

export function normaliseForMatch(original: string): NormalisedText {
  const chars: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  let index = 0;
  for (const cp of original) {
    const folded = foldCodePoint(cp);
    // Walk UTF-16 units (not code points) so indexes line up with String.prototype.indexOf on the result.
    for (let k = 0; k < folded.length; k++) {
      const ch = folded[k]!;
      // Collapse whitespace runs; the run keeps the origin of its first character.
      if (ch === ' ' && (chars.length === 0 || chars[chars.length - 1] === ' ')) continue;
      chars.push(ch);
      start.push(index);
      end.push(index + cp.length);
    }
    index += cp.length;
  }
  if (chars[chars.length - 1] === ' ') {
    chars.pop();
    start.pop();
    end.pop();
  }
  return joinHyphenatedWords({ chars, start, end });
}

/** The normalisation as it was before typed arrays (issue 12), kept as the oracle for the faster one. */
/**
 * "photo-\nsynthesis", "photo- synthesis" and "photo-synthesis" all become "photosynthesis": a hyphen between
 * letters (optionally followed by a line break) is dropped. Applied to both sides, so a real compound such as
 * "well-known" still matches itself.
 */
function joinHyphenatedWords(input: { chars: string[]; start: number[]; end: number[] }): NormalisedText {
  const { chars, start, end } = input;
  const out: NormalisedText = { text: '', start: [], end: [] };
  const kept: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '-' && i > 0 && LETTER.test(chars[i - 1]!)) {
      const next = chars[i + 1] === ' ' ? i + 2 : i + 1;
      // At the very end, "be-" is a word cut at a line or page end: "be" then matches "be-\ntween" -> "between".
      if (next >= chars.length || LETTER.test(chars[next]!)) {
        i = next - 1;
        continue;
      }
    }
    kept.push(ch);
    out.start.push(start[i]!);
    out.end.push(end[i]!);
  }
  out.text = kept.join('');
  return out;
}

/** The original text behind normalised range [from, to). */
export function originalSlice(original: string, normalized: NormalisedText, from: number, to: number): string {
  if (to <= from) return '';
  return original.slice(normalized.start[from]!, normalized.end[to - 1]!);
}
