/** Rules about cards that every backend follows; the repositories only persist. */
import type { SourceRef } from '../domain.js';
import type { NewCard } from '../ports/index.js';

/** Ids compare without regard to case: a UUID written in capitals is the same id. */
const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Every card of a batch belongs to the deck and user it is stored under. A stray card is a programming error,
 * never a request to honour, so it throws before any write.
 */
export function assertCardsBelong(userId: string, deckId: string, cards: readonly NewCard[]): void {
  const stray = cards.find((c) => !sameId(c.deck_id, deckId) || !sameId(c.user_id, userId));
  if (stray) throw new Error(`createMany: card ${stray.id} does not belong to deck ${deckId} of user ${userId}.`);
}

/**
 * A source reference as every reader gets it: all five keys, a missing or empty one as null, and `kind` and
 * `ocr_confidence` only where they were given. Used on the way in (a client may send a partial reference) and
 * on the way out (a stored map or JSON column gives back only the keys it was given).
 */
/** A reference as a client or a stored row may give it: any key missing, and the optional ones possibly null. */
export type LooseSourceRef = Partial<Omit<SourceRef, 'kind' | 'ocr_confidence'>> & {
  kind?: SourceRef['kind'] | null;
  ocr_confidence?: number | null;
};

export function normaliseSourceRef(ref: LooseSourceRef | null | undefined): SourceRef | null {
  if (!ref) return null;
  const normal: SourceRef = {
    document_id: ref.document_id ?? null,
    document_name: ref.document_name || null,
    page: ref.page ?? null,
    section: ref.section || null,
    quote: ref.quote || null,
  };
  if (ref.kind === 'page' || ref.kind === 'slide') normal.kind = ref.kind;
  if (typeof ref.ocr_confidence === 'number') normal.ocr_confidence = ref.ocr_confidence;
  return normal;
}
