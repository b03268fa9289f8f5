/** Contracts of cards: listed and created under their deck, then addressed by their own id. */
import { createRoute, z } from '@hono/zod-openapi';
import { cardCreateInput, cardUpdateInput, pageQuery } from '../../core/index.js';
import { requireAuth } from './middleware/auth.js';
import { BODY_PROBLEMS, bearerSecurity, idParam, jsonBody, jsonResponse, problems } from './openapi/common.js';
import { CardSchema, pageOf } from './openapi/models.js';

const tags = ['Cards'];
const auth = { middleware: requireAuth, security: bearerSecurity };

const example = {
  question: 'What is the main function of mitochondria?',
  answer: 'Producing ATP through cellular respiration.',
  source: 'Biology101.pdf - Page 3, Section 1.2',
  source_url: 'https://example.edu/biology101.pdf',
  source_ref: {
    document_name: 'Biology101.pdf',
    page: 3,
    section: '1.2 Organelles',
    quote: 'Mitochondria are the site of cellular respiration.',
  },
};
const CardCreateRequest = cardCreateInput.meta({
  id: 'CardCreateRequest',
  description: 'source is required: every card cites where it came from. source_url must be http or https.',
  example,
});
const CardUpdateRequest = cardUpdateInput.meta({
  id: 'CardUpdateRequest',
  description: 'Only the fields given change. source can be replaced but not cleared.',
  example: { answer: 'ATP production (cellular respiration).' },
});

const p = pageQuery.shape;
const CardListQuery = pageQuery.extend({
  limit: p.limit.meta({ description: 'Page size, 1 to 100.', example: 20 }),
  offset: p.offset.meta({ description: 'Rows to skip.', example: 0 }),
});

const DeckParams = z.object({ deck_id: idParam('deck_id', '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f') });
const CardParams = z.object({ card_id: idParam('card_id', '7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3921') });

export const listCardsRoute = createRoute({
  method: 'get',
  path: '/decks/{deck_id}/cards',
  tags,
  summary: 'List the cards of a deck',
  description: 'The cards of one of your decks, oldest first, paginated.',
  ...auth,
  request: { params: DeckParams, query: CardListQuery },
  responses: {
    200: jsonResponse(pageOf(CardSchema, 'CardPage'), 'A page of cards.'),
    ...problems(401, 404, 422),
  },
});

export const createCardRoute = createRoute({
  method: 'post',
  path: '/decks/{deck_id}/cards',
  tags,
  summary: 'Add a card to a deck',
  description: "Creates a card in one of your decks; the deck's card_count goes up in the same transaction.",
  ...auth,
  request: { params: DeckParams, body: jsonBody(CardCreateRequest, 'The new card.') },
  responses: {
    201: jsonResponse(CardSchema, 'The created card.'),
    ...problems(401, 404, ...BODY_PROBLEMS),
  },
});

export const getCardRoute = createRoute({
  method: 'get',
  path: '/cards/{card_id}',
  tags,
  summary: 'Get a card',
  description: 'One of your cards.',
  ...auth,
  request: { params: CardParams },
  responses: {
    200: jsonResponse(CardSchema, 'The card.'),
    ...problems(401, 404),
  },
});

export const updateCardRoute = createRoute({
  method: 'put',
  path: '/cards/{card_id}',
  tags,
  summary: 'Update a card',
  description: 'Changes only the fields given; the others keep their values.',
  ...auth,
  request: { params: CardParams, body: jsonBody(CardUpdateRequest, 'The fields to change.') },
  responses: {
    200: jsonResponse(CardSchema, 'The updated card.'),
    ...problems(401, 404, ...BODY_PROBLEMS),
  },
});

export const deleteCardRoute = createRoute({
  method: 'delete',
  path: '/cards/{card_id}',
  tags,
  summary: 'Delete a card',
  description: "Deletes the card; its deck's card_count goes down in the same transaction.",
  ...auth,
  request: { params: CardParams },
  responses: {
    204: { description: 'Deleted.' },
    ...problems(401, 404),
  },
});
