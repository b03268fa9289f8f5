/**
 * Normalisation used to find a model's quote in the document. Both sides go through the same function, so the
 * match tolerates differences in case, accents, Unicode forms (ligatures, full-width), typographic quotes and
 * dashes, whitespace and line-end hyphenation that PDF extraction and models introduce. Every normalised
 * character remembers where it came from, so the caller can return the ORIGINAL text of a match.
 */

export interface NormalisedText {
  text: string;
  /** start[i] / end[i]: the range of original UTF-16 indexes that produced normalised character i. */
  start: ArrayLike<number>;
  end: ArrayLike<number>;
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

/**
 * UTF-16 units with their origins, in typed arrays: a book is a million characters, and JS arrays of strings
 * and numbers made normalising one take ~300 ms of the event loop (the API's, in the embedded mode).
 */
class Units {
  codes: Uint16Array;
  start: Int32Array;
  end: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }

  push(code: number, from: number, to: number): void {
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.start[this.length] = from;
    this.end[this.length] = to;
    this.length++;
  }

  last(): number {
    return this.length === 0 ? -1 : this.codes[this.length - 1]!;
  }

  private grow(): void {
    const size = this.codes.length * 2 + 16;
    for (const key of ['codes', 'start', 'end'] as const) {
      const bigger = new (this[key].constructor as Uint16ArrayConstructor | Int32ArrayConstructor)(size);
      bigger.set(this[key]);
      (this as unknown as Record<string, unknown>)[key] = bigger;
    }
  }
}

const SPACE = 0x20;
const HYPHEN = 0x2d;

/** Characters normalised between two pauses of normaliseForMatchInSlices: a few ms of work. */
const SLICE_CHARS = 8_192;

/** The normalisation as steps: it pauses (yields) every SLICE_CHARS characters, so a caller can let others run. */
function* normaliseSteps(original: string): Generator<void, NormalisedText> {
  const units = new Units(original.length + 16);
  let budget = SLICE_CHARS;
  for (let i = 0; i < original.length; ) {
    if (--budget === 0) {
      budget = SLICE_CHARS;
      yield;
    }
    const c = original.charCodeAt(i);
    if (c < 128) {
      // ASCII without a string per character: what foldCodePoint does for these, inline.
      const code = c === SPACE || (c >= 9 && c <= 13) ? SPACE : c === 0x60 ? 0x27 : c >= 0x41 && c <= 0x5a ? c + 32 : c;
      // Collapse whitespace runs; the run keeps the origin of its first character.
      if (code !== SPACE || (units.length > 0 && units.last() !== SPACE)) units.push(code, i, i + 1);
      i++;
      continue;
    }
    const cp = String.fromCodePoint(original.codePointAt(i)!);
    const folded = foldCodePoint(cp);
    // Walk UTF-16 units (not code points) so indexes line up with String.prototype.indexOf on the result.
    for (let k = 0; k < folded.length; k++) {
      const code = folded.charCodeAt(k);
      if (code === SPACE && (units.length === 0 || units.last() === SPACE)) continue;
      units.push(code, i, i + cp.length);
    }
    i += cp.length;
  }
  if (units.last() === SPACE) units.length--;
  return yield* joinHyphenatedWords(units);
}

export function normaliseForMatch(original: string): NormalisedText {
  const steps = normaliseSteps(original);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same result, computed in slices with `pause()` awaited between them: normalising a whole book takes tens of
 * ms, which in the embedded mode would hold up every request of the API sharing the thread.
 */
export async function normaliseForMatchInSlices(original: string, pause: () => Promise<void>): Promise<NormalisedText> {
  const steps = normaliseSteps(original);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

const isLetter = (code: number) =>
  (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 128 && LETTER.test(String.fromCharCode(code)));

/**
 * "photo-\nsynthesis", "photo- synthesis" and "photo-synthesis" all become "photosynthesis": a hyphen between
 * letters (optionally followed by a line break) is dropped. Applied to both sides, so a real compound such as
 * "well-known" still matches itself.
 */
function* joinHyphenatedWords(units: Units): Generator<void, NormalisedText> {
  const { codes, start, end, length } = units;
  const kept = new Units(length);
  for (let i = 0; i < length; i++) {
    if (i % SLICE_CHARS === SLICE_CHARS - 1) yield;
    const code = codes[i]!;
    if (code === HYPHEN && i > 0 && isLetter(codes[i - 1]!)) {
      const next = codes[i + 1] === SPACE && i + 1 < length ? i + 2 : i + 1;
      // At the very end, "be-" is a word cut at a line or page end: "be" then matches "be-\ntween" -> "between".
      if (next >= length || isLetter(codes[next]!)) {
        i = next - 1;
        continue;
      }
    }
    kept.push(code, start[i]!, end[i]!);
  }
  const pieces: string[] = [];
  for (let at = 0; at < kept.length; at += 4096) {
    if (at % SLICE_CHARS === 0 && at > 0) yield;
    pieces.push(String.fromCharCode.apply(null, kept.codes.subarray(at, Math.min(kept.length, at + 4096)) as unknown as number[]));
  }
  const text = pieces.join('');
  return { text, start: kept.start.subarray(0, kept.length), end: kept.end.subarray(0, kept.length) };
}

/** The original text behind normalised range [from, to). */
export function originalSlice(original: string, normalised: NormalisedText, from: number, to: number): string {
  if (to <= from) return '';
  return original.slice(normalised.start[from]!, normalised.end[to - 1]!);
}
