import { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import { CoreError, type HealthProbe } from '../../core/index.js';
import type { AppEnv } from './env.js';
import { validationHook } from './problem.js';
import { healthRoute, readyRoute } from './health.routes.js';

export interface HealthDeps {
  probe: HealthProbe;
  logger: Logger;
  version: string;
  isShuttingDown?: () => boolean;
}

export function healthRoutes({ probe, logger, version, isShuttingDown }: HealthDeps): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(healthRoute, (c) => c.json({ status: 'ok' as const, version }, 200))
    .openapi(readyRoute, async (c) => {
      if (isShuttingDown?.()) throw new CoreError('unavailable', 'The service is shutting down.');
      try {
        await probe.check();
      } catch (error) {
        // The reason goes to the log only: connection strings and hosts are not the caller's business.
        logger.warn({ err: error, request_id: c.get('requestId') }, 'readiness probe failed');
        throw new CoreError('unavailable', 'The database is not reachable.');
      }
      return c.json({ status: 'ok' as const, version }, 200);
    });
}
