/** Response bodies of the /study routes: ours, and the shapes the original web client reads (contract section 1). */
import { z } from '@hono/zod-openapi';
import { RATINGS, SESSION_TYPES, STUDY_STATES } from '../../../core/index.js';
import { CardSchema, pageOf } from './models.js';

const timestamp = z.string().openapi({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' });
const uuid = (example: string) => z.string().openapi({ format: 'uuid', example });
const CARD_ID = '7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3921';
const DECK_ID = '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f';

export const StudyStateSchema = z
  .object({
    card_id: uuid(CARD_ID),
    deck_id: uuid(DECK_ID),
    state: z.enum(STUDY_STATES).openapi({ description: 'FSRS state; new until the first answer (or after a reset).' }),
    due: timestamp.openapi({ description: 'When the card is next due.' }),
    stability: z.number().openapi({ description: 'FSRS stability in days (0 while new).', example: 3.17 }),
    difficulty: z.number().openapi({ description: 'FSRS difficulty, 1 to 10 (0 while new).', example: 5.28 }),
    elapsed_days: z.number().int(),
    scheduled_days: z.number().int().openapi({ description: 'Interval in days until due (0 for learning steps).' }),
    learning_steps: z.number().int(),
    reps: z.number().int(),
    lapses: z.number().int(),
    last_review: timestamp.nullable(),
    state_version: z.number().int().openapi({ description: 'Send it back with the answer: a card changed since is a 409.', example: 3 }),
  })
  .openapi('StudyState');

const OutcomeSchema = z
  .object({
    state: z.enum(STUDY_STATES),
    due: timestamp,
    interval_seconds: z.number().int().openapi({ description: 'Seconds from now until the card would be due.', example: 600 }),
    scheduled_days: z.number().int(),
  })
  .openapi('StudyOutcome');

export const QueueSchema = z
  .object({
    items: z.array(
      z.object({
        card: CardSchema,
        study: StudyStateSchema,
        preview: z.object({ again: OutcomeSchema, hard: OutcomeSchema, good: OutcomeSchema, easy: OutcomeSchema }).openapi({
          description: 'What each answer would schedule.',
        }),
      }),
    ),
    counts: z.object({
      new: z.number().int().openapi({ description: 'New cards still allowed today (daily limit minus cards started today).' }),
      learning: z.number().int().openapi({ description: 'Learning and relearning cards due now.' }),
      review: z.number().int().openapi({ description: 'Review cards due by the end of the study day.' }),
    }),
    day_ends_at: timestamp.openapi({ description: "End of the current study day in the user's time zone." }),
  })
  .openapi('StudyQueue');

export const ReviewResultSchema = z
  .object({
    review: z.object({
      id: uuid('5f0c6a8e-2b1d-4c1e-9f6a-0d3b7f1e2a44'),
      card_id: uuid(CARD_ID),
      rating: z.enum(RATINGS),
      reviewed_at: timestamp,
      duration_ms: z.number().int().nullable(),
      idempotency_key: z.string().nullable(),
      state_before: z.enum(STUDY_STATES),
    }),
    state: StudyStateSchema,
    replayed: z.boolean().openapi({ description: 'True when this idempotency_key had been sent before: nothing new was stored.' }),
  })
  .openapi('StudyReviewResult');

export const UndoResultSchema = z
  .object({
    undone_review_id: uuid('5f0c6a8e-2b1d-4c1e-9f6a-0d3b7f1e2a44'),
    state: StudyStateSchema,
  })
  .openapi('StudyUndoResult');

const dayCounts = (description: string) =>
  z.array(z.object({ date: z.string().openapi({ example: '2026-01-15' }), count: z.number().int() })).openapi({ description });

export const DeckStatsSchema = z
  .object({
    deck_id: uuid(DECK_ID),
    total_cards: z.number().int(),
    new_cards: z.number().int().openapi({ description: 'Never answered (or reset).' }),
    learning_cards: z.number().int().openapi({ description: 'In learning or relearning steps.' }),
    review_cards: z.number().int(),
    due_cards: z.number().int().openapi({ description: 'Due now: learning and review cards due plus the new cards still allowed today.' }),
    due_today: z.number().int().openapi({ description: 'Due by the end of the study day, counted the same way.' }),
    next_review_date: timestamp.nullable(),
    average_ease_factor: z.number().openapi({ description: 'Always 2.5: FSRS has no ease factor; kept for the original client.' }),
    average_difficulty: z.number().nullable().openapi({ description: 'Mean FSRS difficulty of studied cards.' }),
    completion_rate: z.number().openapi({ description: 'Percent of cards answered at least once (0 to 100).' }),
    forecast: dayCounts('Cards falling due on each of the next 30 study days (overdue ones on the first).'),
    reviews_per_day: dayCounts('Answers on each of the last 30 study days.'),
    retention_30d: z
      .number()
      .nullable()
      .openapi({ description: 'Share of answers to review-state cards that were not "again" (30 days).' }),
    day_ends_at: timestamp,
  })
  .openapi('DeckStudyStats');

export const UserStatsSchema = z
  .object({
    streak_days: z.number().int().openapi({ description: 'Consecutive study days with answers, up to today.' }),
    studied_cards: z.number().int(),
    new_cards: z.number().int(),
    learning_cards: z.number().int(),
    review_cards: z.number().int(),
    reviews_today: z.number().int(),
    reviews_30d: z.number().int(),
    retention_30d: z.number().nullable(),
    due_now: z.number().int(),
    day_ends_at: timestamp,
  })
  .openapi('UserStudyStats');

export const SettingsSchema = z
  .object({
    request_retention: z.number().openapi({ example: 0.9 }),
    maximum_interval: z.number().int().openapi({ example: 36500 }),
    enable_fuzz: z.boolean(),
    learning_steps: z.array(z.string()).openapi({ example: ['1m', '10m'] }),
    relearning_steps: z.array(z.string()).openapi({ example: ['10m'] }),
    new_cards_per_day: z.number().int().openapi({ example: 20 }),
    day_starts_at_hour: z.number().int().openapi({ example: 4 }),
    timezone: z.string().openapi({ example: 'Europe/Madrid' }),
  })
  .openapi('StudySettings');

export const SessionSchema = z
  .object({
    id: uuid('9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'),
    user_id: uuid('0b8f5a7e-6a53-4f5f-9d0f-4c1b2a3d4e5f'),
    deck_id: uuid(DECK_ID),
    session_type: z.enum(SESSION_TYPES),
    started_at: timestamp,
    ended_at: timestamp.nullable(),
    completed_at: timestamp.nullable().openapi({ description: 'Same as ended_at (the portal type names it so).' }),
    cards_reviewed: z.number().int(),
    cards_correct: z.number().int().openapi({ description: 'Answers with quality 3 or more.' }),
    cards_incorrect: z.number().int(),
    total_time_seconds: z.number().int().nullable(),
    card_ids: z.array(z.string()).openapi({ description: 'At most 100 due cards of the deck, in the deck listing order.' }),
    reviews: z.array(z.unknown()).openapi({ description: 'Always empty.' }),
    current_card_index: z.number().int(),
    is_completed: z.boolean(),
  })
  .openapi('StudySession');

export const SessionPageSchema = pageOf(SessionSchema, 'StudySessionPage');

export const CompletedSessionSchema = z
  .object({
    session: SessionSchema,
    accuracy: z.number().openapi({ description: 'Percent correct, 2 decimals.', example: 75 }),
    cards_remaining: z.number().int(),
  })
  .openapi('CompletedStudySession');

export const StudyCardSchema = CardSchema.extend({
  ease_factor: z.number().openapi({ description: 'Always 2.5 (FSRS has no ease factor).' }),
  interval: z.number().int().openapi({ description: 'Scheduled interval in days.' }),
  repetitions: z.number().int(),
  last_review_date: timestamp.nullable(),
  next_review_date: timestamp.nullable().openapi({ description: 'Null while the card is new.' }),
  is_new: z.boolean(),
  is_due: z.boolean(),
  study: StudyStateSchema,
}).openapi('StudyCard');

export const DueCardsSchema = z.object({ cards: z.array(StudyCardSchema) }).openapi('DueCards');

export const DueCountSchema = z
  .object({
    deck_id: uuid(DECK_ID),
    total_cards: z.number().int(),
    due_cards: z.number().int(),
    new_cards: z.number().int(),
    learning_cards: z.number().int(),
  })
  .openapi('DueCount');
