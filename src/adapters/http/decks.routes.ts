/** Contracts of /decks. Request rules are the core's schemas; only documentation is added here. */
import { createRoute, z } from '@hono/zod-openapi';
import { deckCreateInput, deckListQuery, deckUpdateInput } from '../../core/index.js';
import { requireAuth } from './middleware/auth.js';
import { BODY_PROBLEMS, bearerSecurity, idParam, jsonBody, jsonResponse, problems } from './openapi/common.js';
import { DeckSchema, pageOf } from './openapi/models.js';

const tags = ['Decks'];
const auth = { middleware: requireAuth, security: bearerSecurity };

const example = { title: 'Cell biology', description: 'Organelles and their functions', category: 'Biology', difficulty: 'Beginner' };
const DeckCreateRequest = deckCreateInput.meta({ id: 'DeckCreateRequest', example });
const DeckUpdateRequest = deckUpdateInput.meta({
  id: 'DeckUpdateRequest',
  description: 'Only the fields given change; null or "" clears description, category or difficulty.',
  example: { difficulty: 'advanced' },
});

const s = deckListQuery.shape;
const DeckListQuery = deckListQuery.extend({
  limit: s.limit.meta({ description: 'Page size, 1 to 100.', example: 20 }),
  offset: s.offset.meta({ description: 'Rows to skip.', example: 0 }),
  category: s.category.meta({ description: 'Exact category.', example: 'Biology' }),
  difficulty: s.difficulty.meta({ description: 'beginner, intermediate or advanced (any case).', example: 'beginner' }),
  q: s.q.meta({ description: 'Case-insensitive text searched in title and description.', example: 'cell' }),
  sort: s.sort.meta({ description: 'Sort field.' }),
  order: s.order.meta({ description: 'Sort direction.' }),
});

const DeckParams = z.object({ deck_id: idParam('deck_id', '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f') });

export const listDecksRoute = createRoute({
  method: 'get',
  path: '/decks',
  tags,
  summary: 'List your decks',
  description: 'Your decks only, filtered, sorted (created_at, updated_at or title) and paginated.',
  ...auth,
  request: { query: DeckListQuery },
  responses: {
    200: jsonResponse(pageOf(DeckSchema, 'DeckPage'), 'A page of decks.'),
    ...problems(401, 422),
  },
});

export const createDeckRoute = createRoute({
  method: 'post',
  path: '/decks',
  tags,
  summary: 'Create a deck',
  description: 'Creates an empty deck. Difficulty is accepted in any case and stored lower-case.',
  ...auth,
  request: { body: jsonBody(DeckCreateRequest, 'The new deck.') },
  responses: {
    201: jsonResponse(DeckSchema, 'The created deck.'),
    ...problems(401, ...BODY_PROBLEMS),
  },
});

export const getDeckRoute = createRoute({
  method: 'get',
  path: '/decks/{deck_id}',
  tags,
  summary: 'Get a deck',
  description: 'One of your decks, with its exact card_count.',
  ...auth,
  request: { params: DeckParams },
  responses: {
    200: jsonResponse(DeckSchema, 'The deck.'),
    ...problems(401, 404),
  },
});

export const updateDeckRoute = createRoute({
  method: 'put',
  path: '/decks/{deck_id}',
  tags,
  summary: 'Update a deck',
  description: 'Changes only the fields given; the others keep their values.',
  ...auth,
  request: { params: DeckParams, body: jsonBody(DeckUpdateRequest, 'The fields to change.') },
  responses: {
    200: jsonResponse(DeckSchema, 'The updated deck.'),
    ...problems(401, 404, ...BODY_PROBLEMS),
  },
});

export const deleteDeckRoute = createRoute({
  method: 'delete',
  path: '/decks/{deck_id}',
  tags,
  summary: 'Delete a deck',
  description: 'Deletes the deck and all its cards.',
  ...auth,
  request: { params: DeckParams },
  responses: {
    204: { description: 'Deleted.' },
    ...problems(401, 404),
  },
});
