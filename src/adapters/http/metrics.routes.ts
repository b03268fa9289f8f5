/** GET /metrics: Prometheus text, optionally behind a bearer token of its own (METRICS_TOKEN). */
import { timingSafeEqual } from 'node:crypto';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { CoreError } from '../../core/index.js';
import type { AppEnv } from './env.js';
import type { HttpMetrics } from './middleware/observe.js';
import { bearerSecurity, problems } from './openapi/common.js';
import { bearerToken, validationHook } from './problem.js';

export const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['Health'],
  summary: 'Prometheus metrics',
  description:
    'Request durations by route template and status, generation jobs, pages extracted, model calls, tokens and ' +
    'estimated cost, queue depth, and process metrics, in the Prometheus text format. When the server has a ' +
    'METRICS_TOKEN, send it as a bearer token (it is not a user access token).',
  security: bearerSecurity,
  responses: {
    200: { description: 'The metrics.', content: { 'text/plain': { schema: z.string() } } },
    ...problems(401),
  },
});

function sameSecret(given: string | null, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function metricsRoutes(metrics: HttpMetrics, token: string | undefined): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(metricsRoute, async (c) => {
    if (token && !sameSecret(bearerToken(c.req.header('authorization')), token)) {
      throw new CoreError('unauthorized', 'GET /metrics needs the metrics bearer token (METRICS_TOKEN).');
    }
    const { contentType, body } = await metrics.render();
    return c.text(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  });
}
