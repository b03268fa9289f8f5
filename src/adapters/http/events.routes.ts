/** Contracts of /events: Server-Sent Events for the signed-in user, and the ticket EventSource needs. */
import { createRoute, z } from '@hono/zod-openapi';
import { LIVE_EVENT_TYPES } from '../../core/index.js';
import { requireAuth } from './middleware/auth.js';
import { bearerSecurity, jsonResponse, problems } from './openapi/common.js';

const tags = ['Live events'];
export const TICKET_TTL_SECONDS = 30;

const EventsQuery = z.object({
  ticket: z.string().max(200).optional().openapi({
    description: 'A ticket from POST /events/ticket, for EventSource, which cannot send an Authorization header. Single use.',
    example: 'q9Yc3f1kZr0Wm2nB7xT4vLh8pDs6aEuJ',
  }),
  last_event_id: z.string().max(100).optional().openapi({
    description: 'Resume after this event id (as the Last-Event-ID header, which EventSource sends itself on reconnect).',
    example: '1767259800000-0',
  }),
});

export const eventsRoute = createRoute({
  method: 'get',
  path: '/events',
  tags,
  summary: 'Live events (Server-Sent Events)',
  description:
    `A text/event-stream of your events: ${LIVE_EVENT_TYPES.join(', ')}. Each carries an \`id:\`; reconnect with ` +
    'Last-Event-ID (or ?last_event_id=) to receive what was published meanwhile (events are kept for a few minutes). ' +
    'A comment line is sent every 15 s. At most 20 open streams per user and instance (429 beyond). Sign in with the Authorization header or a ticket (?ticket=). Not available on ' +
    'AWS Lambda (501): poll GET /documents/status and GET /notifications/unread-count there.',
  security: [...bearerSecurity, {}],
  request: { query: EventsQuery },
  responses: {
    200: {
      description: 'The event stream; `data:` is a JSON object (document_id, status, progress, ... or a notification).',
      content: {
        'text/event-stream': {
          schema: z.string().openapi({
            example:
              'id: 1767259800000-0\nevent: document.completed\ndata: {"document_id":"5a1e3b7c-9d2f-4e8a-b6c1-0f9e8d7c6b5a","status":"completed"}\n\n',
          }),
        },
      },
    },
    ...problems(401, 422, 429, 501, 503),
  },
});

const TicketSchema = z
  .object({
    ticket: z.string().openapi({ example: 'q9Yc3f1kZr0Wm2nB7xT4vLh8pDs6aEuJ' }),
    expires_in: z.number().int().openapi({ description: 'Seconds the ticket stays valid.', example: TICKET_TTL_SECONDS }),
  })
  .openapi('EventTicket');

export const ticketRoute = createRoute({
  method: 'post',
  path: '/events/ticket',
  tags,
  summary: 'Get a ticket for the event stream',
  description: `A random ticket that opens GET /events?ticket=... once, within ${TICKET_TTL_SECONDS} seconds.`,
  middleware: requireAuth,
  security: bearerSecurity,
  responses: { 201: jsonResponse(TicketSchema, 'The ticket.'), ...problems(401, 501) },
});
