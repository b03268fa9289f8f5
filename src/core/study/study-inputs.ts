/** Request rules of /study routes, shared by the HTTP contract and any other caller. */
import { z } from 'zod';
import { RATINGS, type StudyRating } from '../ports/study.js';

const NO_NUL = /^[^\u0000]*$/;

/** FSRS's 1-4 scale, accepted next to the names. */
const RATING_NUMBERS: Record<number, StudyRating> = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' };

export const ratingSchema = z.union([
  z.enum(RATINGS, { message: `must be one of: ${RATINGS.join(', ')}, or 1 to 4` }),
  z
    .number()
    .int('must be a whole number from 1 to 4')
    .min(1, 'must be from 1 to 4')
    .max(4, 'must be from 1 to 4')
    .transform((n) => RATING_NUMBERS[n]!),
]);

export const reviewInput = z.object({
  card_id: z.string(),
  rating: ratingSchema,
  reviewed_at: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time such as 2026-01-15T09:30:00Z' }).optional(),
  duration_ms: z
    .number()
    .int('must be whole milliseconds')
    .min(0, 'must not be negative')
    .max(86_400_000, 'must be at most a day')
    .nullish(),
  idempotency_key: z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters').regex(NO_NUL, 'must not contain NUL'),
  state_version: z.number().int('must be a whole number').min(0, 'must not be negative').nullish(),
});

export const undoInput = z.object({ deck_id: z.string().nullish() });
