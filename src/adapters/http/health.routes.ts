/** Contracts of the probes: liveness for restarts, readiness for load balancers. */
import { createRoute, z } from '@hono/zod-openapi';
import { jsonResponse, problems } from './openapi/common.js';

const tags = ['Health'];

const HealthSchema = z.object({ status: z.literal('ok'), version: z.string().openapi({ example: '0.1.0' }) }).openapi('Health');

export const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags,
  summary: 'Liveness',
  description:
    'Answers while the process can serve requests. Never touches the database, so a slow database does not get the process restarted.',
  responses: { 200: jsonResponse(HealthSchema, 'The process is alive.') },
});

export const readyRoute = createRoute({
  method: 'get',
  path: '/ready',
  tags,
  summary: 'Readiness',
  description: 'Checks that the database is reachable. 503 while it is not, or while the service is shutting down.',
  responses: {
    200: jsonResponse(HealthSchema, 'Ready to take traffic.'),
    ...problems(503),
  },
});
