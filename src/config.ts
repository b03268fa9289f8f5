/**
 * The only module that reads the environment. Everything is validated at boot: a bad value stops the
 * process with a message that names the variable, instead of failing later in a request.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { checkOidc, oidcVariables, toAuthConfig, type AuthConfig } from './config-oidc.js';
import { checkVault, vaultVariables } from './config-vault.js';
import { checkAws, toAwsConfig, awsVariables, type AwsConfig } from './config-aws.js';
import { checkDynamo, dynamoVariables, toDataConfig, type DataConfig } from './config-dynamo.js';
import { duration, rateLimit } from './config-values.js';

export { parseDuration } from './config-values.js';

// 0 asks the OS for a free port (tests use it).
const port = z.coerce.number().int().min(0, 'must be a port number from 0 to 65535').max(65535, 'must be a port number from 0 to 65535');
const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const schema = z
  .object({
    ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: port.default(8000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
        .optional(),
    ),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    SECRET_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
    JWT_ISSUER: z.string().min(1).default('opendeck'),
    JWT_AUDIENCE: z.string().min(1).default('opendeck-api'),
    ACCESS_TOKEN_TTL: duration('15m'),
    REFRESH_TOKEN_TTL: duration('30d'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .refine((list) => list.every((o) => o === '*' || /^https?:\/\/[^/]+$/.test(o)), {
        message: 'must be a comma-separated list of origins such as https://app.example.com (no path), or *',
      }),
    STORAGE_PATH: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
    MAX_UPLOAD_MB: z.coerce.number().positive('must be a positive number of megabytes').max(1024).default(20),
    MAX_FILES_PER_UPLOAD: z.coerce.number().int().min(1).max(50).default(10),
    REDIS_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
        .optional(),
    ),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'must be 1-64 letters, digits, ":", "_" or "-"')
      .default('opendeck'),
    WORKER_LOCK_TIMEOUT: duration('15s'),
    CPU_WORKERS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(64).optional()),
    AI_PROVIDER: z.preprocess(emptyAsUndefined, z.enum(['openai', 'anthropic', 'offline']).optional()),
    OPENAI_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
    OPENAI_BASE_URL: z.preprocess(emptyAsUndefined, z.url('must be a URL such as http://localhost:11434/v1').optional()),
    OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
    ANTHROPIC_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
    ANTHROPIC_BASE_URL: z.preprocess(emptyAsUndefined, z.url('must be a URL').optional()),
    ANTHROPIC_MODEL: z.string().min(1).default('claude-haiku-4-5'),
    AI_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.2),
    AI_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(256).max(64000).default(4096),
    AI_TIMEOUT: duration('60s'),
    AI_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
    AI_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
    AI_DEFAULT_MAX_CARDS: z.coerce.number().int().min(1).max(1000).default(30),
    AI_MAX_CHUNK_CHARS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1000).max(400000).optional()),
    AI_MONTHLY_TOKEN_BUDGET: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).optional()),
    // Proxies in front of the service whose X-Forwarded-For entries are believed (0: use the socket address).
    TRUST_PROXY: z.coerce.number().int().min(0, 'must be the number of proxies in front of the service (0 for none)').max(10).default(0),
    METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
    WORKER_METRICS_PORT: z.preprocess(emptyAsUndefined, port.optional()),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(emptyAsUndefined, z.url('must be a URL such as http://localhost:4318').optional()),
    OTEL_EXPORTER_OTLP_HEADERS: z.string().default(''),
    OTEL_SERVICE_NAME: z.string().min(1).default('opendeck'),
    RATE_LIMIT_LOGIN_ACCOUNT: rateLimit('100/1h'),
    RATE_LIMIT_LOGIN_IP: rateLimit('50/15m'),
    RATE_LIMIT_REGISTER_IP: rateLimit('20/1h'),
    RATE_LIMIT_UPLOAD_USER: rateLimit('60/1h'),
    RATE_LIMIT_GENERATE_USER: rateLimit('60/1h'),
    REQUEST_TIMEOUT: duration('30s'),
    // Seconds /ready answers 503 while still serving, before the listener closes: lets a load balancer notice.
    SHUTDOWN_DELAY: z.coerce.number().min(0).max(10, 'must be at most 10 seconds: the whole drain must end within 30 s').default(0),
    ...oidcVariables,
    ...vaultVariables,
    ...awsVariables,
    ...dynamoVariables,
  })
  .superRefine((env, ctx) => {
    checkOidc(env, ctx);
    checkVault(env, ctx);
    checkAws(env, ctx);
    checkDynamo(env, ctx);
    if (env.AI_PROVIDER === 'openai' && !env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPENAI_API_KEY'],
        message: 'is required when AI_PROVIDER=openai (or set OPENAI_BASE_URL for a local OpenAI-compatible server such as Ollama)',
      });
    }
    if (env.REDIS_URL && !env.DATABASE_URL && env.DB_BACKEND !== 'dynamo') {
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message: 'needs DATABASE_URL too: workers are separate processes, and the embedded database serves only one',
      });
    }
    if (env.AI_PROVIDER === 'anthropic' && !env.ANTHROPIC_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['ANTHROPIC_API_KEY'], message: 'is required when AI_PROVIDER=anthropic' });
    }
    const perAccount = env.RATE_LIMIT_LOGIN_ACCOUNT;
    if (!perAccount || (perAccount.points * 3600) / perAccount.windowSeconds > 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['RATE_LIMIT_LOGIN_ACCOUNT'],
        message: 'may allow at most 100 failed sign-ins an hour per account (e.g. 100/1h or 20/15m)',
      });
    }
    if (env.ENV === 'production' && !env.SECRET_KEY) {
      ctx.addIssue({ code: 'custom', path: ['SECRET_KEY'], message: 'is required when ENV=production (at least 32 random characters)' });
    }
  });

/** Every variable the config module reads: compose files, .env.example and docs are checked against it. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  dbPoolMax: number;
  secretKey: string | undefined;
  jwtIssuer: string;
  jwtAudience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  corsOrigins: string[];
  storagePath: string;
  maxUploadBytes: number;
  maxFilesPerUpload: number;
  redisUrl: string | undefined;
  workerConcurrency: number;
  /** Namespaces every Redis key of the job queue, so several deployments (or test runs) can share one Redis. */
  queuePrefix: string;
  /** How long a job stays claimed by a worker that stopped renewing it (crashed) before another reruns it. */
  workerLockTimeoutSeconds: number;
  /** Worker threads for extraction and offline generation; 0 runs them on the main thread. */
  cpuWorkers: number;
  requestTimeoutSeconds: number;
  shutdownDelaySeconds: number;
  ai: AiConfig;
  /** Trusted proxy hops: the client is the X-Forwarded-For entry this many places from the right. */
  trustProxy: number;
  observability: ObservabilityConfig;
  rateLimits: RateLimitsConfig;
  /** AUTH_PROVIDER and the identity provider's settings (config-oidc.ts). */
  auth: AuthConfig;
  /** S3, SQS, Secrets Manager, region and local endpoint (config-aws.ts). */
  aws: AwsConfig;
  /** DB_BACKEND and the DynamoDB table names (config-dynamo.ts). */
  data: DataConfig;
}

export interface ObservabilityConfig {
  /** Bearer token GET /metrics requires; undefined: open (keep it on an internal port or network). */
  metricsToken: string | undefined;
  /** Where `opendeck worker` serves its own GET /metrics; undefined: not served. */
  workerMetricsPort: number | undefined;
  /** OTLP/HTTP collector base URL; undefined: no tracing SDK is started at all. */
  otlpEndpoint: string | undefined;
  otlpHeaders: Record<string, string>;
  serviceName: string;
}

/** Attempts per window; null: that limit is off. */
export type RateLimit = { points: number; windowSeconds: number } | null;

export interface RateLimitsConfig {
  /** Failed sign-ins per account (never off, at most 100 an hour). */
  loginAccount: NonNullable<RateLimit>;
  /** Failed sign-ins per client IP, across accounts. */
  loginIp: RateLimit;
  registerIp: RateLimit;
  uploadUser: RateLimit;
  generateUser: RateLimit;
}

/** "api-key=secret,x-tenant=a%20b" (the OTEL_EXPORTER_OTLP_HEADERS format) -> headers. */
function parseHeaderList(value: string): Record<string, string> {
  const pairs = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')).trim(), decodeURIComponent(p.slice(p.indexOf('=') + 1).trim())]));
}

export interface AiConfig {
  /** Explicit choice; undefined = pick from the keys present (offline when there are none). */
  provider: 'openai' | 'anthropic' | 'offline' | undefined;
  openai: { apiKey: string | undefined; baseUrl: string | undefined; model: string };
  anthropic: { apiKey: string | undefined; baseUrl: string | undefined; model: string };
  temperature: number;
  maxOutputTokens: number;
  timeoutSeconds: number;
  maxAttempts: number;
  concurrency: number;
  defaultMaxCards: number;
  maxChunkChars: number | undefined;
  monthlyTokenBudget: number | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** The process environment, for the start-up step that merges Vault's secrets in (config-secrets.ts). */
export const processEnvironment = (): Env => process.env;

/** `overrides` (e.g. command-line flags) win over the environment; `env` is injectable for tests. */
export function loadConfig(overrides: Env = {}, env: Env = process.env): Config {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const parsed = schema.safeParse({ ...env, ...defined });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    env: e.ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    dbPoolMax: e.DB_POOL_MAX,
    secretKey: e.SECRET_KEY,
    jwtIssuer: e.JWT_ISSUER,
    jwtAudience: e.JWT_AUDIENCE,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL,
    logLevel: e.LOG_LEVEL,
    corsOrigins: e.CORS_ORIGINS,
    storagePath: path.resolve(e.STORAGE_PATH ?? path.join(e.DATA_DIR, 'files')),
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    maxFilesPerUpload: e.MAX_FILES_PER_UPLOAD,
    redisUrl: e.REDIS_URL,
    workerConcurrency: e.WORKER_CONCURRENCY,
    queuePrefix: e.QUEUE_PREFIX,
    workerLockTimeoutSeconds: e.WORKER_LOCK_TIMEOUT,
    // One thread per core but one (left for the event loop), at least one.
    cpuWorkers: e.CPU_WORKERS ?? Math.max(1, os.availableParallelism() - 1),
    requestTimeoutSeconds: e.REQUEST_TIMEOUT,
    shutdownDelaySeconds: e.SHUTDOWN_DELAY,
    trustProxy: e.TRUST_PROXY,
    observability: {
      metricsToken: e.METRICS_TOKEN,
      workerMetricsPort: e.WORKER_METRICS_PORT,
      otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
      otlpHeaders: parseHeaderList(e.OTEL_EXPORTER_OTLP_HEADERS),
      serviceName: e.OTEL_SERVICE_NAME,
    },
    rateLimits: {
      loginAccount: e.RATE_LIMIT_LOGIN_ACCOUNT!,
      loginIp: e.RATE_LIMIT_LOGIN_IP,
      registerIp: e.RATE_LIMIT_REGISTER_IP,
      uploadUser: e.RATE_LIMIT_UPLOAD_USER,
      generateUser: e.RATE_LIMIT_GENERATE_USER,
    },
    auth: toAuthConfig(e),
    aws: toAwsConfig(e),
    data: toDataConfig(e),
    ai: {
      provider: e.AI_PROVIDER,
      openai: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL },
      anthropic: { apiKey: e.ANTHROPIC_API_KEY, baseUrl: e.ANTHROPIC_BASE_URL, model: e.ANTHROPIC_MODEL },
      temperature: e.AI_TEMPERATURE,
      maxOutputTokens: e.AI_MAX_OUTPUT_TOKENS,
      timeoutSeconds: e.AI_TIMEOUT,
      maxAttempts: e.AI_MAX_ATTEMPTS,
      concurrency: e.AI_CONCURRENCY,
      defaultMaxCards: e.AI_DEFAULT_MAX_CARDS,
      maxChunkChars: e.AI_MAX_CHUNK_CHARS,
      monthlyTokenBudget: e.AI_MONTHLY_TOKEN_BUDGET ?? null,
    },
  };
}
