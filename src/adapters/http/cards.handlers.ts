import { OpenAPIHono } from '@hono/zod-openapi';
import { createCard, deleteCard, getCard, listCards, updateCard } from '../../core/index.js';
import { useCaseCtx, type AppEnv } from './env.js';
import { validationHook } from './problem.js';
import { renderCard, renderPage } from './render.js';
import { createCardRoute, deleteCardRoute, getCardRoute, listCardsRoute, updateCardRoute } from './cards.routes.js';

export function cardRoutes(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listCardsRoute, async (c) => {
      const input = { deckId: c.req.valid('param').deck_id, page: c.req.valid('query') };
      return c.json(renderPage(await listCards({ ctx: useCaseCtx(c), input }), renderCard), 200);
    })
    .openapi(createCardRoute, async (c) => {
      const input = { deckId: c.req.valid('param').deck_id, card: c.req.valid('json') };
      return c.json(renderCard(await createCard({ ctx: useCaseCtx(c), input })), 201);
    })
    .openapi(getCardRoute, async (c) => {
      const card = await getCard({ ctx: useCaseCtx(c), input: { cardId: c.req.valid('param').card_id } });
      return c.json(renderCard(card), 200);
    })
    .openapi(updateCardRoute, async (c) => {
      const input = { cardId: c.req.valid('param').card_id, changes: c.req.valid('json') };
      return c.json(renderCard(await updateCard({ ctx: useCaseCtx(c), input })), 200);
    })
    .openapi(deleteCardRoute, async (c) => {
      await deleteCard({ ctx: useCaseCtx(c), input: { cardId: c.req.valid('param').card_id } });
      return c.body(null, 204);
    });
}
