/**
 * Composition root: the one place that picks implementations from config and wires them into ports.
 * Adapters (HTTP server, CLI, later workers and Lambda) start from here.
 */
import type { Config } from './config.js';
import type { Ports } from './core/index.js';
import { createHttpApp } from './adapters/http/app.js';
import { Argon2PasswordHasher } from './infra/auth/argon2-password-hasher.js';
import { CommonPasswordBlocklist } from './infra/auth/common-password-blocklist.js';
import { JwtTokenSigner } from './infra/auth/jwt-token-signer.js';
import { loadOrCreateSecretKey } from './infra/auth/secret-key-file.js';
import type { Logger } from './infra/logging/logger.js';
import { openDatabase } from './infra/postgres/open-database.js';
import { systemClock, uuidGenerator } from './infra/system/system-clock.js';
import { VERSION } from './version.js';

export interface Runtime {
  config: Config;
  ports: Ports;
  app: ReturnType<typeof createHttpApp>;
  /** Marks the service as draining: /ready answers 503 so load balancers stop sending traffic. */
  beginShutdown(): void;
  close(): Promise<void>;
}

async function resolveSecretKey(config: Config, logger: Logger): Promise<string> {
  if (config.secretKey) return config.secretKey;
  const { key, file, created } = await loadOrCreateSecretKey(config.dataDir);
  if (created) logger.warn({ file }, 'SECRET_KEY is not set: generated a new signing key and stored it (mode 0600)');
  else logger.info({ file }, 'SECRET_KEY is not set: using the signing key stored in the data directory');
  return key;
}

export async function buildRuntime(config: Config, logger: Logger): Promise<Runtime> {
  const secretKey = await resolveSecretKey(config, logger);
  const db = await openDatabase(config);
  try {
    await db.migrate();
  } catch (error) {
    await db.close();
    throw error;
  }
  logger.info({ database: db.kind }, 'database ready');

  const ports: Ports = {
    ...db.repositories,
    hasher: new Argon2PasswordHasher(),
    blocklist: new CommonPasswordBlocklist(),
    tokens: new JwtTokenSigner({ secretKey, issuer: config.jwtIssuer, audience: config.jwtAudience }),
    clock: systemClock,
    ids: uuidGenerator,
    auth: {
      accessTokenTtlSeconds: config.accessTokenTtlSeconds,
      refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
    },
  };

  let shuttingDown = false;
  const app = createHttpApp({
    ports,
    probe: db.probe,
    logger,
    corsOrigins: config.corsOrigins,
    version: VERSION,
    isShuttingDown: () => shuttingDown,
  });

  return {
    config,
    ports,
    app,
    beginShutdown: () => {
      shuttingDown = true;
    },
    close: () => db.close(),
  };
}
