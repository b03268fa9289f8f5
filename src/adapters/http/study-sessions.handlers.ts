import { OpenAPIHono } from '@hono/zod-openapi';
import {
  SESSION_MAX_CARDS,
  activeStudySession,
  answerInStudySession,
  completeStudySession,
  deckStudyStats,
  getStudyCard,
  getStudySession,
  listStudySessions,
  startStudySession,
  studyQueue,
} from '../../core/index.js';
import { useCaseCtx, type AppEnv } from './env.js';
import { validationHook } from './problem.js';
import { renderPage } from './render.js';
import {
  activeSessionRoute,
  completeSessionRoute,
  dueCardsRoute,
  dueCountRoute,
  getSessionRoute,
  listSessionsRoute,
  sessionReviewRoute,
  startSessionRoute,
  studyCardRoute,
} from './study-sessions.routes.js';
import { renderCompleted, renderSession, renderStudyCard } from './study.render.js';

export function studySessionRoutes(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(startSessionRoute, async (c) => {
      const body = c.req.valid('json');
      const session = await startStudySession({ ctx: useCaseCtx(c), input: { deckId: body.deck_id, sessionType: body.session_type } });
      return c.json(renderSession(session), 201);
    })
    .openapi(listSessionsRoute, async (c) => {
      const page = await listStudySessions({ ctx: useCaseCtx(c), input: c.req.valid('query') });
      return c.json(renderPage(page, renderSession), 200);
    })
    .openapi(activeSessionRoute, async (c) => {
      const session = await activeStudySession({ ctx: useCaseCtx(c), input: { deckId: c.req.valid('param').deck_id } });
      return c.json(session ? renderSession(session) : null, 200);
    })
    .openapi(getSessionRoute, async (c) => {
      const session = await getStudySession({ ctx: useCaseCtx(c), input: { sessionId: c.req.valid('param').session_id } });
      return c.json(renderSession(session), 200);
    })
    .openapi(sessionReviewRoute, async (c) => {
      const body = c.req.valid('json');
      const session = await answerInStudySession({
        ctx: useCaseCtx(c),
        input: {
          sessionId: c.req.valid('param').session_id,
          cardId: body.card_id,
          quality: body.quality,
          seconds: body.time_taken_seconds ?? null,
        },
      });
      return c.json(renderSession(session), 200);
    })
    .openapi(completeSessionRoute, async (c) => {
      const done = await completeStudySession({ ctx: useCaseCtx(c), input: { sessionId: c.req.valid('param').session_id } });
      return c.json(renderCompleted(done), 200);
    })
    .openapi(dueCardsRoute, async (c) => {
      const queue = await studyQueue({ ctx: useCaseCtx(c), input: { deckId: c.req.valid('param').deck_id, limit: SESSION_MAX_CARDS } });
      const cards = queue.items.map((i) => renderStudyCard(i.card, i.schedule, i.state_version, true));
      return c.json({ cards }, 200);
    })
    .openapi(dueCountRoute, async (c) => {
      const stats = await deckStudyStats({ ctx: useCaseCtx(c), input: { deckId: c.req.valid('param').deck_id } });
      const { deck_id, total_cards, due_cards, new_cards, learning_cards } = stats;
      return c.json({ deck_id, total_cards, due_cards, new_cards, learning_cards }, 200);
    })
    .openapi(studyCardRoute, async (c) => {
      const view = await getStudyCard({ ctx: useCaseCtx(c), input: { cardId: c.req.valid('param').card_id } });
      return c.json(renderStudyCard(view.card, view.schedule, view.state_version, view.is_due), 200);
    });
}
