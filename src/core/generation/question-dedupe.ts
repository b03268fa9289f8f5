/**
 * Near-duplicate questions: "What is the function of the mitochondria?" and "What is the function of
 * mitochondria?" are one card. Comparison is on word sets (Jaccard), after folding case, accents and
 * punctuation and a crude plural strip, so it works the same for any Latin-script language with no word lists.
 */

/** Two questions whose word sets overlap at least this much are the same question. */
export const NEAR_DUPLICATE_THRESHOLD = 0.75;

export function questionTokens(question: string): Set<string> {
  const words = question
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .split(/\s+/u)
    .filter(Boolean)
    // Plural "s" off ("cells" ~ "cell", "células" ~ "célula"); words of 3 letters or fewer stay as they are.
    .map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));
  return new Set(words);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Word length from which a token is taken to carry meaning (no stop-word lists: any language works). */
const CONTENT_WORD_MIN = 4;
/** Above this overlap, questions are the same even when each has a word of its own. */
const SAME_DESPITE_CONTRAST = 0.9;

const hasOwnContentWord = (a: Set<string>, b: Set<string>) => [...a].some((t) => t.length >= CONTENT_WORD_MIN && !b.has(t));

/**
 * Same question when the word sets overlap enough, unless each side has a meaningful word the other lacks:
 * "functions of smooth ER?" and "functions of rough ER?" share most words but ask different things.
 */
function sameQuestion(a: Set<string>, b: Set<string>, threshold: number): boolean {
  const overlap = jaccard(a, b);
  if (overlap < threshold) return false;
  return overlap >= SAME_DESPITE_CONTRAST || !(hasOwnContentWord(a, b) && hasOwnContentWord(b, a));
}

export function isNearDuplicate(a: string, b: string, threshold = NEAR_DUPLICATE_THRESHOLD): boolean {
  return sameQuestion(questionTokens(a), questionTokens(b), threshold);
}

/** Remembers the questions of a deck; `add` says whether a question is new (and keeps it if so). */
export class QuestionDeduper {
  private readonly seen: Set<string>[] = [];

  constructor(
    existing: Iterable<string> = [],
    private readonly threshold = NEAR_DUPLICATE_THRESHOLD,
  ) {
    for (const q of existing) this.add(q);
  }

  has(question: string): boolean {
    return this.findMatch(questionTokens(question)) !== undefined;
  }

  /** True if the question was new and is now remembered; false if a near-duplicate was already there. */
  add(question: string): boolean {
    const tokens = questionTokens(question);
    if (this.findMatch(tokens) !== undefined) return false;
    this.seen.push(tokens);
    return true;
  }

  get size(): number {
    return this.seen.length;
  }

  private findMatch(tokens: Set<string>): Set<string> | undefined {
    // Sets whose sizes differ too much cannot reach the threshold: skip them without counting shared words.
    const min = tokens.size * this.threshold;
    const max = tokens.size / this.threshold;
    return this.seen.find((s) => s.size >= min && s.size <= max && sameQuestion(tokens, s, this.threshold));
  }
}
