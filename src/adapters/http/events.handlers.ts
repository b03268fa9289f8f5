/**
 * GET /events as Server-Sent Events (hono/streaming): subscribe the signed-in user, replay what followed their
 * Last-Event-ID, then stream live, with a heartbeat comment, until the client leaves or the server drains.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { authenticateBearer, CoreError, requireUser, type LiveEvent, type LiveSubscription } from '../../core/index.js';
import { useCaseCtx, type AppEnv } from './env.js';
import { TICKET_TTL_SECONDS, eventsRoute, ticketRoute } from './events.routes.js';
import type { LiveDeps } from './live-streams.js';
import { bearerToken, problemResponse, validationHook } from './problem.js';

const HEARTBEAT_MS = 15_000;
/** Sent first: how long EventSource waits before it reconnects (after a drain, for example). */
const RETRY_MS = 3_000;

const LAMBDA_DETAIL =
  'Live events need a long-lived streaming connection, which this deployment (AWS Lambda behind API Gateway) cannot hold. ' +
  'Poll GET /api/v1/documents/status and GET /api/v1/notifications/unread-count instead.';

/** The user of the stream: from a single-use ticket (EventSource) or the Authorization header. */
async function streamUser(c: Context<AppEnv>, live: LiveDeps): Promise<string> {
  const ticket = c.req.query('ticket');
  if (ticket === undefined) {
    const ctx = { userId: null, requestId: c.get('requestId'), ports: c.get('ports') };
    return (await authenticateBearer({ ctx, input: { token: bearerToken(c.req.header('authorization')) } })).userId;
  }
  const userId = await live.tickets.redeem(ticket);
  if (!userId) {
    throw new CoreError(
      'unauthorized',
      'This event ticket is unknown, already used or expired. Ask for a new one with POST /api/v1/events/ticket.',
    );
  }
  return userId;
}

/** Subscribes before the response starts, so a broken Redis is a clear 503, not a stream that never speaks. */
async function subscribe(live: LiveDeps, userId: string, after: string | undefined) {
  let sink: ((event: LiveEvent) => void) | null = null;
  const early: LiveEvent[] = [];
  let subscription: LiveSubscription;
  try {
    subscription = await live.events.subscribe(userId, (event) => (sink ? sink(event) : early.push(event)), after);
  } catch {
    throw new CoreError(
      'unavailable',
      'Live events are unavailable right now. Poll GET /api/v1/documents/status meanwhile, and reconnect later.',
    );
  }
  const attach = (send: (event: LiveEvent) => void) => {
    sink = send;
    for (const event of early.splice(0)) send(event);
  };
  return { subscription, attach };
}

export function eventRoutes(live: LiveDeps | undefined, isShuttingDown: () => boolean): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(ticketRoute, async (c) => {
    if (!live) return problemResponse(c, 'not_implemented', LAMBDA_DETAIL) as never;
    const ticket = await live.tickets.issue(requireUser(useCaseCtx(c)), TICKET_TTL_SECONDS);
    return c.json({ ticket, expires_in: TICKET_TTL_SECONDS }, 201);
  });

  app.openapi(eventsRoute, (async (c: Context<AppEnv>) => {
    if (!live) return problemResponse(c, 'not_implemented', LAMBDA_DETAIL);
    if (isShuttingDown()) throw new CoreError('unavailable', 'This server is shutting down. Reconnect in a moment.');
    const userId = await streamUser(c, live);
    if (!live.streams.hasRoom(userId)) {
      throw new CoreError(
        'rate_limited',
        `You already have ${live.streams.maxPerUser} live event streams open here. Close one (another tab) and try again.`,
        { retryAfterSeconds: 5 },
      );
    }
    const after = c.req.header('last-event-id') ?? c.req.query('last_event_id');
    const { subscription, attach } = await subscribe(live, userId, after);
    // A proxy that buffers responses (nginx) would hold events back until its buffer fills.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      stream.onAbort(() => finish());
      const unregister = live.streams.add(userId, finish);
      const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n'), live.heartbeatMs ?? HEARTBEAT_MS);
      try {
        await stream.write(`retry: ${RETRY_MS}\n: connected\n\n`);
        // Not awaited per event: one slow client must not hold up the delivery to the others.
        attach((event) => void stream.writeSSE({ id: event.id, event: event.type, data: JSON.stringify(event.data) }));
        await finished;
      } finally {
        clearInterval(heartbeat);
        subscription.close();
        unregister();
      }
    });
  }) as never);

  return app;
}
