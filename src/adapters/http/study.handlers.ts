import { OpenAPIHono } from '@hono/zod-openapi';
import {
  answerCard,
  deckStudyStats,
  getStudySettings,
  resetCard,
  resetDeck,
  undoLastReview,
  updateStudySettings,
  userStudyStats,
  studyQueue,
} from '../../core/index.js';
import { useCaseCtx, type AppEnv } from './env.js';
import { validationHook } from './problem.js';
import {
  deckStatsRoute,
  getSettingsRoute,
  queueRoute,
  resetCardRoute,
  resetDeckRoute,
  reviewRoute,
  undoRoute,
  updateSettingsRoute,
  userStatsRoute,
} from './study.routes.js';
import { renderDeckStats, renderQueue, renderStudyState } from './study.render.js';

export function studyRoutes(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(queueRoute, async (c) => {
      const { deck_id, limit } = c.req.valid('query');
      const queue = await studyQueue({ ctx: useCaseCtx(c), input: { deckId: deck_id ?? null, limit } });
      return c.json(renderQueue(queue), 200);
    })
    .openapi(reviewRoute, async (c) => {
      const body = c.req.valid('json');
      const result = await answerCard({
        ctx: useCaseCtx(c),
        input: {
          cardId: body.card_id,
          rating: body.rating,
          reviewedAt: body.reviewed_at ? new Date(body.reviewed_at) : undefined,
          durationMs: body.duration_ms ?? null,
          idempotencyKey: body.idempotency_key,
          stateVersion: body.state_version ?? null,
        },
      });
      const { entry, state } = result;
      const rendered = {
        review: {
          id: entry.id,
          card_id: entry.card_id,
          rating: entry.rating!,
          reviewed_at: entry.reviewed_at.toISOString(),
          duration_ms: entry.duration_ms,
          idempotency_key: entry.idempotency_key,
          state_before: entry.state_before.state,
        },
        state: renderStudyState({ id: state.card_id, deck_id: state.deck_id }, state, state.version),
        replayed: result.replayed,
      };
      return result.replayed ? c.json(rendered, 200) : c.json(rendered, 201);
    })
    .openapi(undoRoute, async (c) => {
      // The body is optional: an empty POST undoes the last answer of any deck.
      const body = (c.req.valid('json') as { deck_id?: string | null } | undefined) ?? {};
      const { undone, state } = await undoLastReview({ ctx: useCaseCtx(c), input: { deckId: body.deck_id ?? null } });
      return c.json(
        { undone_review_id: undone.id, state: renderStudyState({ id: state.card_id, deck_id: state.deck_id }, state, state.version) },
        200,
      );
    })
    .openapi(resetCardRoute, async (c) => {
      await resetCard({ ctx: useCaseCtx(c), input: { cardId: c.req.valid('param').card_id } });
      return c.body(null, 204);
    })
    .openapi(resetDeckRoute, async (c) => {
      await resetDeck({ ctx: useCaseCtx(c), input: { deckId: c.req.valid('param').deck_id } });
      return c.body(null, 204);
    })
    .openapi(deckStatsRoute, async (c) => {
      const stats = await deckStudyStats({ ctx: useCaseCtx(c), input: { deckId: c.req.valid('param').deck_id } });
      return c.json(renderDeckStats(stats), 200);
    })
    .openapi(userStatsRoute, async (c) => {
      const stats = await userStudyStats({ ctx: useCaseCtx(c), input: {} });
      return c.json({ ...stats, day_ends_at: stats.day_ends_at.toISOString() }, 200);
    })
    .openapi(getSettingsRoute, async (c) => c.json(await getStudySettings({ ctx: useCaseCtx(c), input: {} }), 200))
    .openapi(updateSettingsRoute, async (c) => c.json(await updateStudySettings({ ctx: useCaseCtx(c), input: c.req.valid('json') }), 200));
}
