/**
 * The study queue: learning cards due now first, then review cards due by the end of the user's study day,
 * then new cards up to what is left of the daily new-card limit. Each card comes with the four outcomes its
 * answer would have, so a client can label the buttons ("10m", "3d").
 */
import { z } from 'zod';
import type { UseCaseArgs } from '../context.js';
import type { Card } from '../domain.js';
import type { CardSchedule, StudyCard, StudyRating, StudyRepository } from '../ports/study.js';
import { LIMITS } from '../schemas.js';
import { studyDay } from './study-day.js';
import { loadStudySettings } from './study-settings.js';
import { ownDeck, scheduleOf, studyAccess } from './study-access.js';

export const studyQueueQuery = z.object({
  deck_id: z.string().optional(),
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(LIMITS.pageLimitMax, `must be at most ${LIMITS.pageLimitMax}`)
    .default(LIMITS.pageLimitDefault),
});

export interface QueueItem {
  card: Card;
  schedule: CardSchedule;
  state_version: number;
  preview: Record<StudyRating, CardSchedule>;
}

export interface StudyQueue {
  items: QueueItem[];
  counts: { new: number; learning: number; review: number };
  /** The instant the current study day ends in the user's time zone. */
  day_ends_at: Date;
  /** The instant the previews were computed for. */
  now: Date;
}

const LEARNING = ['learning', 'relearning'] as const;

/** New cards first answered since `since` (not undone): what counts against the daily new-card limit. */
export const newCardsIntroduced = (study: StudyRepository, userId: string, since: Date): Promise<number> =>
  study.countNewStarted(userId, since);

export async function studyQueue({ ctx, input }: UseCaseArgs<{ deckId: string | null; limit: number }>): Promise<StudyQueue> {
  const { userId, study, scheduler, now } = studyAccess(ctx);
  if (input.deckId !== null) await ownDeck(ctx, userId, input.deckId);
  const deckId = input.deckId;
  const settings = await loadStudySettings(ctx, userId);
  const day = studyDay(now, settings.timezone, settings.day_starts_at_hour);

  const learningQuery = { deckId, states: [...LEARNING], before: now };
  const reviewQuery = { deckId, states: ['review' as const], before: new Date(day.end.getTime() - 1) };
  const newAllowed = Math.max(0, settings.new_cards_per_day - (await newCardsIntroduced(study, userId, day.start)));
  const [learningCount, reviewCount, newAvailable] = await Promise.all([
    study.countDue(userId, learningQuery),
    study.countDue(userId, reviewQuery),
    newAllowed > 0 ? study.countNew(userId, deckId) : Promise.resolve(0),
  ]);

  // Read in parallel, each up to the whole limit, then cut: fewer round trips one after another.
  const [learning, reviews, fresh] = await Promise.all([
    learningCount > 0 ? study.listDue(userId, learningQuery, input.limit) : Promise.resolve([]),
    reviewCount > 0 ? study.listDue(userId, reviewQuery, input.limit) : Promise.resolve([]),
    newAllowed > 0 && newAvailable > 0 ? study.listNew(userId, deckId, Math.min(newAllowed, input.limit)) : Promise.resolve([]),
  ]);
  const due: StudyCard[] = [...learning, ...reviews].slice(0, input.limit);
  due.push(...fresh.slice(0, Math.min(newAllowed, input.limit - due.length)));

  const items = due.map(({ card, state }): QueueItem => {
    const schedule = state ? scheduleOf(state) : scheduler.empty(now);
    return { card, schedule, state_version: state?.version ?? 0, preview: scheduler.preview(schedule, now, card.id, settings) };
  });
  return {
    items,
    counts: { new: Math.min(newAllowed, newAvailable), learning: learningCount, review: reviewCount },
    day_ends_at: day.end,
    now,
  };
}
