import net from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Config } from '../config/index.js';
import type { Logger } from '../infra/logging/logger.js';
import { CliError, EX_UNAVAILABLE } from '../adapters/cli/exit-codes.js';
import { buildRuntime } from '../main.js';

/**
 * The whole shutdown (SHUTDOWN_DELAY, in-flight requests, in-process jobs, closing the database) must end
 * within this, below the 30 s a supervisor (Docker, Kubernetes, ECS) waits before SIGKILL: past it we exit 1
 * ourselves, and documents still generating are resumed at the next start.
 */
const DRAIN_TIMEOUT_MS = 25_000;

/** How long a socket that carries no request may stay open once the listener is closed. */
const IDLE_SOCKET_GRACE_MS = 1_000;

/** Stops accepting, answers what arrives on open sockets (each response says Connection: close), then resolves. */
function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    // Sockets idle after the grace are closed; a client that has not sent by then is not about to.
    const idle = setInterval(() => {
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    }, IDLE_SOCKET_GRACE_MS);
    // net.Server's close only stops accepting. http.Server's would also drop idle keep-alive sockets at once,
    // losing (ECONNRESET) a request a client is sending on one, or on a socket accepted a moment ago.
    net.Server.prototype.close.call(server as net.Server, () => {
      clearInterval(idle);
      resolve();
    });
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
      throw new CliError(`Port ${config.port} on ${config.host} is already in use. Stop the other program or set PORT.`, EX_UNAVAILABLE);
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
    const started = Date.now();
    // From here /ready answers 503 and every response says Connection: close.
    runtime.beginShutdown();
    logger.info({ signal, delay_seconds: config.shutdownDelaySeconds }, 'shutting down: /ready answers 503, draining in-flight requests');
    const forced = setTimeout(() => {
      logger.error({ timeout_ms: DRAIN_TIMEOUT_MS }, 'drain timed out; exiting');
      process.exit(1);
    }, DRAIN_TIMEOUT_MS);
    forced.unref();
    // Still accepting while a load balancer notices the 503 and stops routing here.
    if (config.shutdownDelaySeconds > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDelaySeconds * 1000));
    await closeServer(server);
    logger.info(
      { elapsed_ms: Date.now() - started },
      'listener closed and requests drained: finishing jobs, closing the queue and the database',
    );
    await runtime.close();
    logger.info({ elapsed_ms: Date.now() - started }, 'stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
