import { OpenAPIHono } from '@hono/zod-openapi';
import { createDeck, deleteDeck, getDeck, listDecks, updateDeck } from '../../core/index.js';
import { useCaseCtx, type AppEnv } from './env.js';
import { validationHook } from './problem.js';
import { renderDeck, renderPage } from './render.js';
import { createDeckRoute, deleteDeckRoute, getDeckRoute, listDecksRoute, updateDeckRoute } from './decks.routes.js';

export function deckRoutes(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listDecksRoute, async (c) => {
      const page = await listDecks({ ctx: useCaseCtx(c), input: c.req.valid('query') });
      return c.json(renderPage(page, renderDeck), 200);
    })
    .openapi(createDeckRoute, async (c) => {
      const deck = await createDeck({ ctx: useCaseCtx(c), input: c.req.valid('json') });
      return c.json(renderDeck(deck), 201);
    })
    .openapi(getDeckRoute, async (c) => {
      const deck = await getDeck({ ctx: useCaseCtx(c), input: { deckId: c.req.valid('param').deck_id } });
      return c.json(renderDeck(deck), 200);
    })
    .openapi(updateDeckRoute, async (c) => {
      const input = { deckId: c.req.valid('param').deck_id, changes: c.req.valid('json') };
      return c.json(renderDeck(await updateDeck({ ctx: useCaseCtx(c), input })), 200);
    })
    .openapi(deleteDeckRoute, async (c) => {
      await deleteDeck({ ctx: useCaseCtx(c), input: { deckId: c.req.valid('param').deck_id } });
      return c.body(null, 204);
    });
}
