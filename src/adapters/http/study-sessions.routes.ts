/**
 * The original OpenDeck web client's study routes (shared/spec/original-client-contract.md, section 1), served by
 * the same core verbs as /study/queue and /study/reviews. Where the original backend and the client disagreed,
 * these follow the client: starting a session closes an open one instead of answering 400, a review answers the
 * updated StudySession, and deck stats exist.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { pageQuery, sessionReviewInput, startSessionInput } from '../../core/index.js';
import { requireAuth } from './middleware/auth.js';
import { BODY_PROBLEMS, bearerSecurity, idParam, jsonBody, jsonResponse, problems } from './openapi/common.js';
import {
  CompletedSessionSchema,
  DueCardsSchema,
  DueCountSchema,
  SessionPageSchema,
  SessionSchema,
  StudyCardSchema,
} from './openapi/study-models.js';
import { CardParams, DeckParams } from './study.routes.js';

const tags = ['Study sessions'];
const auth = { middleware: requireAuth, security: bearerSecurity };
const SessionParams = z.object({ session_id: idParam('session_id', '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d') });

const StartRequest = startSessionInput.meta({
  id: 'StudySessionStartRequest',
  description: 'session_type is stored only; max_cards is accepted and ignored (as by the original backend).',
  example: { deck_id: '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f', session_type: 'review' },
});
const SessionReviewRequest = sessionReviewInput.meta({
  id: 'StudySessionReviewRequest',
  description: 'quality 0 to 5: 0-2 again, 3 hard, 4 good, 5 easy. 3 and above counts as correct.',
  example: { card_id: '7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3921', quality: 4, time_taken_seconds: 6 },
});
const EmptyRequest = z.object({}).meta({ id: 'EmptyRequest', example: {} });

const s = pageQuery.shape;
const SessionListQuery = pageQuery.extend({
  limit: s.limit.meta({ description: 'Page size, 1 to 100.', example: 20 }),
  offset: s.offset.meta({ description: 'Rows to skip.', example: 0 }),
});

export const startSessionRoute = createRoute({
  method: 'post',
  path: '/study/sessions',
  tags,
  summary: 'Start a study session',
  description:
    'Starts a session on the deck with its due cards (at most 100, in the deck listing order). An open session on the ' +
    'same deck is ended first, so starting again always works.',
  ...auth,
  request: { body: jsonBody(StartRequest, 'The deck to study.') },
  responses: { 201: jsonResponse(SessionSchema, 'The new session.'), ...problems(401, 404, ...BODY_PROBLEMS) },
});

export const listSessionsRoute = createRoute({
  method: 'get',
  path: '/study/sessions',
  tags,
  summary: 'List your study sessions',
  description: 'Newest first.',
  ...auth,
  request: { query: SessionListQuery },
  responses: { 200: jsonResponse(SessionPageSchema, 'A page of sessions.'), ...problems(401, 422) },
});

export const activeSessionRoute = createRoute({
  method: 'get',
  path: '/study/sessions/active/{deck_id}',
  tags,
  summary: 'The open session on a deck',
  description: 'The open session on the deck, or null when there is none.',
  ...auth,
  request: { params: DeckParams },
  responses: { 200: jsonResponse(SessionSchema.nullable(), 'The open session, or null.'), ...problems(401, 404) },
});

export const getSessionRoute = createRoute({
  method: 'get',
  path: '/study/sessions/{session_id}',
  tags,
  summary: 'Get a study session',
  description: 'One of your sessions.',
  ...auth,
  request: { params: SessionParams },
  responses: { 200: jsonResponse(SessionSchema, 'The session.'), ...problems(401, 404) },
});

export const sessionReviewRoute = createRoute({
  method: 'post',
  path: '/study/sessions/{session_id}/reviews',
  tags,
  summary: 'Answer a card in a session',
  description:
    'Schedules the card with FSRS (the same as POST /study/reviews) and counts the answer in the session. Answers the ' +
    'updated session. 400 when the session has ended or the card is not in its deck.',
  ...auth,
  request: { params: SessionParams, body: jsonBody(SessionReviewRequest, 'The answer.') },
  responses: { 200: jsonResponse(SessionSchema, 'The session with the answer counted.'), ...problems(401, 404, 409, ...BODY_PROBLEMS) },
});

export const completeSessionRoute = createRoute({
  method: 'post',
  path: '/study/sessions/{session_id}/complete',
  tags,
  summary: 'Complete a study session',
  description: 'Ends the session. 400 when it has already ended.',
  ...auth,
  request: { params: SessionParams, body: { ...jsonBody(EmptyRequest, 'Nothing (the client sends {}).'), required: false } },
  responses: {
    200: jsonResponse(CompletedSessionSchema, 'The ended session, accuracy and cards left.'),
    ...problems(401, 404, ...BODY_PROBLEMS),
  },
});

export const dueCardsRoute = createRoute({
  method: 'get',
  path: '/study/decks/{deck_id}/due',
  tags,
  summary: 'Due cards of a deck',
  description: 'The cards a session would get now (at most 100), with their study fields.',
  ...auth,
  request: { params: DeckParams },
  responses: { 200: jsonResponse(DueCardsSchema, 'The due cards.'), ...problems(401, 404) },
});

export const dueCountRoute = createRoute({
  method: 'get',
  path: '/study/decks/{deck_id}/due-count',
  tags,
  summary: 'Due count of a deck',
  description: 'Totals for a badge: cards, due now, new and learning.',
  ...auth,
  request: { params: DeckParams },
  responses: { 200: jsonResponse(DueCountSchema, 'The counts.'), ...problems(401, 404) },
});

export const studyCardRoute = createRoute({
  method: 'get',
  path: '/study/cards/{card_id}',
  tags,
  summary: 'A card with its study fields',
  description: 'The card, its FSRS state and SM-2-style fields the original client type names.',
  ...auth,
  request: { params: CardParams },
  responses: { 200: jsonResponse(StudyCardSchema, 'The card.'), ...problems(401, 404) },
});
