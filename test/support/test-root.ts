/**
 * The test composition root: the real one (src/main.ts assembleServices + createRuntime) with the in-memory
 * repositories, which pass the same contract suites as PostgreSQL and DynamoDB, a stepping clock, and the
 * configuration a test names in `env`. Tests thereby run the same wiring as production; only what a test
 * passes in `ports` is swapped.
 */
import pino from 'pino';
import { loadConfig } from '../../src/config/index.js';
import type { Clock, HealthProbe, Ports } from '../../src/core/index.js';
import { Argon2PasswordHasher } from '../../src/infra/auth/argon2-password-hasher.js';
import { CommonPasswordBlocklist } from '../../src/infra/auth/common-password-blocklist.js';
import { createMemoryRepositories } from '../../src/infra/memory/index.js';
import { systemClock } from '../../src/infra/system/system-clock.js';
import { assembleServices, createRuntime, type Runtime, type RuntimeOptions } from '../../src/main.js';
import type { OpenedStore } from '../../src/wiring/database.js';
import type { JobQueueImpl } from '../../src/wiring/documents.js';

export const TEST_SECRET_KEY = 'http-test-secret-key-0123456789-abcdefghijklmnop';

/** Small limits, so tests cross them cheaply; HTTP rate limits off unless a test passes its own. */
export const TEST_ENV: Record<string, string> = {
  ENV: 'test',
  SECRET_KEY: TEST_SECRET_KEY,
  JWT_ISSUER: 'opendeck',
  JWT_AUDIENCE: 'opendeck-api',
  ACCESS_TOKEN_TTL: '900',
  CORS_ORIGINS: 'https://app.example.com',
  AI_PROVIDER: 'offline',
  MAX_UPLOAD_MB: '2',
  AI_DEFAULT_MAX_CARDS: '20',
  AI_CONCURRENCY: '2',
  RATE_LIMIT_LOGIN_IP: 'off',
  RATE_LIMIT_REGISTER_IP: 'off',
  RATE_LIMIT_UPLOAD_USER: 'off',
  RATE_LIMIT_GENERATE_USER: 'off',
  // Text recognition takes seconds a page: the suites that test it turn it on (test/e2e/ocr-*.e2e.test.ts).
  OCR: 'off',
};

// Loaded once per test file: the blocklist parses ~49k passwords.
const hasher = new Argon2PasswordHasher();
const blocklist = new CommonPasswordBlocklist();

/** Real time, but never the same instant twice, so "newest first" orders are deterministic in tests. */
export function strictlyIncreasingClock(): Clock {
  let last = 0;
  return {
    now: () => {
      last = Math.max(systemClock.now().getTime(), last + 1);
      return new Date(last);
    },
  };
}

export interface TestRootOptions {
  /** Variables on top of TEST_ENV. */
  env?: Record<string, string>;
  ports?: Partial<Ports>;
  queue?: JobQueueImpl;
  http?: RuntimeOptions['http'];
  /** Serve GET /metrics from the services' own metrics (the ones jobs and model calls count in), as the service does. */
  metrics?: boolean;
}

export interface TestRuntime {
  runtime: Runtime;
  /** Every log line written so far, raw. */
  lines: string[];
}

const okProbe: HealthProbe = { check: async () => {} };

export function buildTestRuntime(options: TestRootOptions = {}): TestRuntime {
  const config = loadConfig({}, { ...TEST_ENV, ...options.env });
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const db: OpenedStore = {
    kind: 'pglite',
    repositories: createMemoryRepositories(),
    probe: okProbe,
    migrate: async () => {},
    close: async () => {},
  };
  const services = assembleServices(config, logger, {
    db,
    secretKey: TEST_SECRET_KEY,
    queue: options.queue,
    overrides: { hasher, blocklist, clock: strictlyIncreasingClock(), ...options.ports },
  });
  // Metrics and tracing are on only where a test asks for them, as the service turns them on by configuration.
  const runtime = createRuntime(services, logger, {
    http: {
      version: '9.9.9-test',
      metrics: options.metrics ? services.observability.metrics : undefined,
      tracer: undefined,
      ...options.http,
    },
  });
  return { runtime, lines };
}
