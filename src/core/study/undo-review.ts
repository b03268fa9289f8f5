/**
 * Undo restores the snapshot taken before the answer (ts-fsrs's rollback cannot give back the due date). The
 * log entry stays, marked undone, so the log remains append-only; replay skips undone entries. Undo can be
 * repeated to walk further back, as long as each undone answer is still what the card's state came from.
 */
import type { UseCaseArgs } from '../context.js';
import { CoreError, notFound } from '../errors.js';
import type { CardStudyState, ReviewLogEntry } from '../ports/study.js';
import { ownDeck, sameSchedule, stateRow, studyAccess } from './study-access.js';

export interface UndoResult {
  undone: ReviewLogEntry;
  state: CardStudyState;
}

const CHANGED =
  'The card of your last answer has changed since (it was answered again, reset or deleted), so that answer cannot be undone.';

export async function undoLastReview({ ctx, input }: UseCaseArgs<{ deckId: string | null }>): Promise<UndoResult> {
  const { userId, study, now } = studyAccess(ctx);
  if (input.deckId !== null) await ownDeck(ctx, userId, input.deckId);
  const entry = await study.lastReview(userId, input.deckId);
  if (!entry) throw notFound('An answer to undo');
  const current = await study.getState(userId, entry.deck_id, entry.card_id);
  if (!current || !sameSchedule(current, entry.state_after)) throw new CoreError('conflict', CHANGED);
  const restored = stateRow(
    { id: entry.card_id, deck_id: entry.deck_id, created_at: current.card_created_at },
    userId,
    entry.state_before,
    current.version + 1,
    now,
  );
  const undone = await study.undo(userId, { entry, expected_version: current.version, restored, undone_at: now });
  if (!undone) throw new CoreError('conflict', CHANGED);
  return { undone: { ...entry, undone_at: now }, state: restored };
}
