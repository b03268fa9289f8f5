import { serve, type ServerType } from '@hono/node-server';
import type { Config } from '../../config.js';
import type { Logger } from '../../infra/logging/logger.js';
import { buildRuntime } from '../../main.js';

/** How long in-flight requests get to finish after SIGTERM before the process exits anyway. */
const DRAIN_TIMEOUT_MS = 25_000;

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive sockets would otherwise hold close() open until they time out.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}

export async function runServe(config: Config, logger: Logger): Promise<void> {
  const runtime = await buildRuntime(config, logger);
  const server = serve({ fetch: runtime.app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  }).catch(async (error: NodeJS.ErrnoException) => {
    await runtime.close();
    if (error.code === 'EADDRINUSE') {
      throw new Error(`Port ${config.port} on ${config.host} is already in use. Stop the other program or set PORT.`);
    }
    throw error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ url: `http://${config.host}:${port}`, docs: `http://${config.host}:${port}/docs` }, 'OpenDeck is listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    runtime.beginShutdown();
    const forced = setTimeout(() => {
      logger.error('drain timed out; exiting');
      process.exit(1);
    }, DRAIN_TIMEOUT_MS);
    forced.unref();
    await closeServer(server);
    await runtime.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
