/**
 * The only module that reads the environment. Everything is validated at boot: a bad value stops the
 * process with a message that names the variable, instead of failing later in a request.
 */
import path from 'node:path';
import { serviceEndpoint, type AwsService } from './aws.js';
import { toAuthConfig } from './oidc.js';
import { schema, type Env as ParsedEnv } from './schema.js';
import { nameNotes } from './spec-names.js';
import { ConfigError } from './errors.js';
import type { AwsLocation, Config, DatabaseConfig, JobsConfig, StorageConfig } from './types.js';

export type * from './types.js';
export { parseDuration } from './values.js';
export { secretsManagerSchema, serviceEndpoint } from './aws.js';
export { toVaultSettings, vaultSchema } from './vault.js';
export { API_KEY_SECRETS } from './spec-names.js';
export { ConfigError } from './errors.js';
export { loadEnvFile } from './env-file.js';

/** Every variable the config module reads: compose files, .env.example and docs are checked against it. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

/** "api-key=secret,x-tenant=a%20b" (the OTEL_EXPORTER_OTLP_HEADERS format) -> headers. */
function parseHeaderList(value: string): Record<string, string> {
  const pairs = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')).trim(), decodeURIComponent(p.slice(p.indexOf('=') + 1).trim())]));
}

type Env = Record<string, string | undefined>;

/** The process environment, for the start-up step that merges Vault's secrets in (src/wiring/load-config.ts). */
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
    notes: nameNotes({ ...env, ...defined }),
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    database: databaseConfig(e),
    storage: storageConfig(e),
    jobs: jobsConfig(e),
    secretKey: e.SECRET_KEY,
    jwtIssuer: e.JWT_ISSUER,
    jwtAudience: e.JWT_AUDIENCE,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL,
    logLevel: e.LOG_LEVEL,
    corsOrigins: e.CORS_ORIGINS,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    maxFilesPerUpload: e.MAX_FILES_PER_UPLOAD,
    redisUrl: e.REDIS_URL ?? e.CELERY_BROKER_URL,
    redisPrefix: e.QUEUE_PREFIX,
    cpuWorkers: e.CPU_WORKERS,
    webConcurrency: e.WEB_CONCURRENCY,
    ocr: e.OCR === 'on' ? { languages: e.OCR_LANGUAGES } : null,
    workerConcurrency: e.WORKER_CONCURRENCY,
    requestTimeoutSeconds: e.REQUEST_TIMEOUT,
    shutdownDelaySeconds: e.SHUTDOWN_DELAY,
    notificationRetentionDays: e.NOTIFICATION_RETENTION_DAYS,
    trustProxy: e.TRUST_PROXY,
    observability: {
      metricsToken: e.METRICS_TOKEN,
      workerMetricsPort: e.WORKER_METRICS_PORT,
      otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
      otlpHeaders: parseHeaderList(e.OTEL_EXPORTER_OTLP_HEADERS),
      serviceName: e.OTEL_SERVICE_NAME,
      propagators: e.OTEL_PROPAGATORS,
    },
    rateLimits: {
      loginAccount: e.RATE_LIMIT_LOGIN_ACCOUNT!,
      loginIp: e.RATE_LIMIT_LOGIN_IP,
      registerIp: e.RATE_LIMIT_REGISTER_IP,
      uploadUser: e.RATE_LIMIT_UPLOAD_USER,
      generateUser: e.RATE_LIMIT_GENERATE_USER,
    },
    auth: toAuthConfig(e),
    aws: { region: e.AWS_REGION, endpointUrl: e.AWS_ENDPOINT_URL, secretsManagerSecretId: e.SECRETS_MANAGER_SECRET_ID },
    ai: {
      provider: e.AI_PROVIDER,
      openai: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL },
      anthropic: { apiKey: e.ANTHROPIC_API_KEY, baseUrl: e.ANTHROPIC_BASE_URL, model: e.ANTHROPIC_MODEL },
      bedrock: { modelId: e.BEDROCK_MODEL_ID, region: e.AWS_REGION, endpointUrl: e.AWS_ENDPOINT_URL_BEDROCK_RUNTIME },
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

// The schema's checks (aws.ts, dynamo.ts) refuse S3_BUCKET (without S3_REGION), SQS_QUEUE_URL and DB_BACKEND=dynamo
// without AWS_REGION.
const awsLocation = (e: ParsedEnv, service: AwsService): AwsLocation => ({
  region: e.AWS_REGION as string,
  endpointUrl: serviceEndpoint(e, service),
});

function databaseConfig(e: ParsedEnv): DatabaseConfig {
  if (e.DB_BACKEND === 'dynamo') {
    // The specification's names win (spec-names.ts).
    const tables = {
      users: e.DYNAMO_USERS_TABLE ?? e.USERS_TABLE,
      decks: e.DYNAMO_DECKS_TABLE ?? e.DECKS_TABLE,
      flashcards: e.DYNAMO_CARDS_TABLE ?? e.FLASHCARDS_TABLE,
      documents: e.DYNAMO_DOCS_TABLE ?? e.DOCUMENTS_TABLE,
    };
    return { backend: 'dynamo', tables, ...awsLocation(e, 'DYNAMODB') };
  }
  if (e.DATABASE_URL) return { backend: 'postgres', url: e.DATABASE_URL, poolMax: e.DB_POOL_MAX };
  return { backend: 'pglite', dataDir: path.resolve(e.DATA_DIR) };
}

function storageConfig(e: ParsedEnv): StorageConfig {
  if (e.S3_BUCKET) return { backend: 's3', bucket: e.S3_BUCKET, ...awsLocation(e, 'S3'), region: (e.S3_REGION ?? e.AWS_REGION) as string };
  return { backend: 'local', path: path.resolve(e.STORAGE_PATH ?? path.join(e.DATA_DIR, 'files')) };
}

function jobsConfig(e: ParsedEnv): JobsConfig {
  if (e.SQS_QUEUE_URL) return { backend: 'sqs', queueUrl: e.SQS_QUEUE_URL, ...awsLocation(e, 'SQS') };
  const queueRedis = e.CELERY_BROKER_URL ?? e.REDIS_URL;
  if (queueRedis) return { backend: 'bullmq', redisUrl: queueRedis, prefix: e.QUEUE_PREFIX, lockTimeoutSeconds: e.WORKER_LOCK_TIMEOUT };
  return { backend: 'in-process' };
}
