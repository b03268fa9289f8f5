import type { UseCaseArgs } from '../context.js';
import type { Card } from '../domain.js';
import type { CardSchedule } from '../ports/study.js';
import { ownCard, scheduleOf, studyAccess } from './study-access.js';

export interface StudyCardView {
  card: Card;
  schedule: CardSchedule;
  state_version: number;
  is_due: boolean;
}

/** A card with the caller's study state of it (an empty schedule while it is new). */
export async function getStudyCard({ ctx, input }: UseCaseArgs<{ cardId: string }>): Promise<StudyCardView> {
  const { userId, study, scheduler, now } = studyAccess(ctx);
  const card = await ownCard(ctx, userId, input.cardId);
  const state = await study.getState(userId, card.deck_id, card.id);
  const schedule = state ? scheduleOf(state) : scheduler.empty(now);
  return { card, schedule, state_version: state?.version ?? 0, is_due: schedule.state === 'new' || schedule.due <= now };
}
