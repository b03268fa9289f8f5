/** Contracts of our /study routes (spaced repetition with FSRS). Request rules are the core's schemas. */
import { createRoute, z } from '@hono/zod-openapi';
import { reviewInput, studyQueueQuery, studySettingsInput, undoInput } from '../../core/index.js';
import { requireAuth } from './middleware/auth.js';
import { BODY_PROBLEMS, bearerSecurity, idParam, jsonBody, jsonResponse, problems } from './openapi/common.js';
import {
  DeckStatsSchema,
  QueueSchema,
  ReviewResultSchema,
  SettingsSchema,
  UndoResultSchema,
  UserStatsSchema,
} from './openapi/study-models.js';

const tags = ['Study'];
const auth = { middleware: requireAuth, security: bearerSecurity };
const DECK_ID = '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f';
const CARD_ID = '7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3921';

export const DeckParams = z.object({ deck_id: idParam('deck_id', DECK_ID) });
export const CardParams = z.object({ card_id: idParam('card_id', CARD_ID) });

const q = studyQueueQuery.shape;
const QueueQuery = studyQueueQuery.extend({
  deck_id: q.deck_id.meta({ description: 'Only this deck; without it, all your decks.', example: DECK_ID }),
  limit: q.limit.meta({ description: 'Most cards returned, 1 to 100.', example: 20 }),
});

const ReviewRequest = reviewInput.meta({
  id: 'StudyReviewRequest',
  description:
    'rating is again, hard, good or easy (or 1 to 4). idempotency_key is yours to choose, unique per answer: sending the ' +
    'same key again stores nothing new. state_version is the one the queue gave: a card changed since is a 409.',
  example: { card_id: CARD_ID, rating: 'good', duration_ms: 5400, idempotency_key: 'b1f0e8c2-answer-1', state_version: 0 },
});
const UndoRequest = undoInput.meta({ id: 'StudyUndoRequest', description: 'deck_id limits the undo to that deck.', example: {} });
const SettingsRequest = studySettingsInput.meta({
  id: 'StudySettingsRequest',
  description: 'Only the settings given change.',
  example: { timezone: 'Europe/Madrid', new_cards_per_day: 30, request_retention: 0.9 },
});

export const queueRoute = createRoute({
  method: 'get',
  path: '/study/queue',
  tags,
  summary: 'Get the study queue',
  description:
    'The next cards to study: learning cards due now, then review cards due by the end of your study day, then new cards ' +
    'up to your daily limit, each with its state and the four outcomes an answer would give. Days end at your ' +
    'day_starts_at_hour in your time zone (see /study/settings).',
  ...auth,
  request: { query: QueueQuery },
  responses: { 200: jsonResponse(QueueSchema, 'The queue and its counts.'), ...problems(401, 404, 422) },
});

export const reviewRoute = createRoute({
  method: 'post',
  path: '/study/reviews',
  tags,
  summary: 'Answer a card',
  description:
    'Schedules the card with FSRS and appends the answer to the review log. The same idempotency_key again answers 200 ' +
    'with the stored result (replayed: true); an answer to a card that changed since the client loaded it is a 409.',
  ...auth,
  request: { body: jsonBody(ReviewRequest, 'The answer.') },
  responses: {
    201: jsonResponse(ReviewResultSchema, 'Stored; the new state.'),
    200: jsonResponse(ReviewResultSchema, 'Already stored under this idempotency_key.'),
    ...problems(401, 404, 409, ...BODY_PROBLEMS),
  },
});

export const undoRoute = createRoute({
  method: 'post',
  path: '/study/reviews/undo',
  tags,
  summary: 'Undo your last answer',
  description:
    'Restores the card to its state before your last answer (of the deck, when deck_id is given). The answer stays in the ' +
    'log, marked undone. Repeat to go further back. 404 when there is nothing to undo, 409 when the card changed since.',
  ...auth,
  request: { body: { ...jsonBody(UndoRequest, 'Optional deck.'), required: false } },
  responses: { 200: jsonResponse(UndoResultSchema, 'The restored state.'), ...problems(401, 404, 409, ...BODY_PROBLEMS) },
});

export const resetCardRoute = createRoute({
  method: 'post',
  path: '/study/cards/{card_id}/reset',
  tags,
  summary: 'Reset a card',
  description: 'Makes the card new again. The reset is logged; earlier answers stay in the log.',
  ...auth,
  request: { params: CardParams },
  responses: { 204: { description: 'Reset.' }, ...problems(401, 404, 409) },
});

export const resetDeckRoute = createRoute({
  method: 'post',
  path: '/study/decks/{deck_id}/reset',
  tags,
  summary: 'Reset a deck',
  description: 'Makes every card of the deck new again (each reset is logged).',
  ...auth,
  request: { params: DeckParams },
  responses: { 204: { description: 'Reset.' }, ...problems(401, 404, 409) },
});

export const deckStatsRoute = createRoute({
  method: 'get',
  path: '/study/decks/{deck_id}/stats',
  tags,
  summary: 'Deck study statistics',
  description:
    'Cards by state, due counts, a 30-day forecast, answers per day over the last 30 days and retention. Also the fields ' +
    "the original web client's deck list reads (due_cards drives its badge).",
  ...auth,
  request: { params: DeckParams },
  responses: { 200: jsonResponse(DeckStatsSchema, 'The statistics.'), ...problems(401, 404) },
});

export const userStatsRoute = createRoute({
  method: 'get',
  path: '/study/stats',
  tags,
  summary: 'Your study statistics',
  description: 'Across all your decks: streak of study days, totals by state, answers today and over 30 days.',
  ...auth,
  responses: { 200: jsonResponse(UserStatsSchema, 'The statistics.'), ...problems(401) },
});

export const getSettingsRoute = createRoute({
  method: 'get',
  path: '/study/settings',
  tags,
  summary: 'Your study settings',
  description: 'FSRS retention, maximum interval, fuzz, (re)learning steps, new cards per day, time zone and day start hour.',
  ...auth,
  responses: { 200: jsonResponse(SettingsSchema, 'The settings (defaults until changed).'), ...problems(401) },
});

export const updateSettingsRoute = createRoute({
  method: 'put',
  path: '/study/settings',
  tags,
  summary: 'Change your study settings',
  description:
    'Only the fields given change. timezone is an IANA name ("Europe/Madrid", default UTC); day_starts_at_hour (default 4) ' +
    'is when a study day ends; steps are durations such as "1m", "10m", "1h".',
  ...auth,
  request: { body: jsonBody(SettingsRequest, 'The settings to change.') },
  responses: { 200: jsonResponse(SettingsSchema, 'The settings now.'), ...problems(401, ...BODY_PROBLEMS) },
});
