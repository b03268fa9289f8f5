/**
 * Every environment variable OpenDeck reads, with its rule and default. A bad value stops the process with a
 * message naming the variable (load.ts), instead of failing later in a request.
 */
import { z } from 'zod';
import { checkAws, awsVariables } from './aws.js';
import { checkDynamo, dynamoVariables } from './dynamo.js';
import { checkOidc, oidcVariables } from './oidc.js';
import { specNameVariables } from './spec-names.js';
import { duration, logLevel, rateLimit, redisUrl, runEnvironment } from './values.js';
import { checkVault, vaultVariables } from './vault.js';

// 0 asks the OS for a free port (tests use it).
const port = z.coerce.number().int().min(0, 'must be a port number from 0 to 65535').max(65535, 'must be a port number from 0 to 65535');
const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const schema = z
  .object({
    ENV: runEnvironment,
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
    WEB_CONCURRENCY: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(64).optional()),
    SECRET_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
    JWT_ISSUER: z.string().min(1).default('opendeck'),
    JWT_AUDIENCE: z.string().min(1).default('opendeck-api'),
    ACCESS_TOKEN_TTL: duration('15m'),
    REFRESH_TOKEN_TTL: duration('30d'),
    LOG_LEVEL: logLevel,
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
    REDIS_URL: redisUrl,
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'must be 1-64 letters, digits, ":", "_" or "-"')
      .default('opendeck'),
    WORKER_LOCK_TIMEOUT: duration('15s'),
    AI_PROVIDER: z.preprocess(emptyAsUndefined, z.enum(['openai', 'anthropic', 'bedrock', 'offline']).optional()),
    OPENAI_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
    OPENAI_BASE_URL: z.preprocess(emptyAsUndefined, z.url('must be a URL such as http://localhost:11434/v1').optional()),
    OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
    ANTHROPIC_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
    ANTHROPIC_BASE_URL: z.preprocess(emptyAsUndefined, z.url('must be a URL').optional()),
    ANTHROPIC_MODEL: z.string().min(1).default('claude-haiku-4-5'),
    // A Bedrock model id or inference profile (id or ARN); newer Claude models are served only through profiles.
    BEDROCK_MODEL_ID: z
      .string()
      .regex(/^\S{1,2048}$/, 'must be a Bedrock model id or inference profile such as global.anthropic.claude-haiku-4-5-20251001-v1:0')
      .default('global.anthropic.claude-haiku-4-5-20251001-v1:0'),
    // The AWS SDK's own name for a Bedrock runtime endpoint of one's choosing (a VPC endpoint, a proxy, a fake).
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME: z.preprocess(
      emptyAsUndefined,
      z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://bedrock-runtime.eu-west-1.amazonaws.com' }).optional(),
    ),
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
    // Trace headers read from requests and written on: W3C traceparent by default; xray adds X-Amzn-Trace-Id and
    // X-Ray's time-based trace ids (README: Tracing on AWS).
    OTEL_PROPAGATORS: z
      .string()
      .default('tracecontext,baggage')
      .transform((v) => [
        ...new Set(
          v
            .split(',')
            .map((p) => p.trim().toLowerCase())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.enum(['tracecontext', 'baggage', 'xray'], 'must list tracecontext, baggage and/or xray, comma-separated'))),
    RATE_LIMIT_LOGIN_ACCOUNT: rateLimit('100/1h'),
    RATE_LIMIT_LOGIN_IP: rateLimit('50/15m'),
    RATE_LIMIT_REGISTER_IP: rateLimit('20/1h'),
    RATE_LIMIT_UPLOAD_USER: rateLimit('60/1h'),
    RATE_LIMIT_GENERATE_USER: rateLimit('60/1h'),
    REQUEST_TIMEOUT: duration('30s'),
    // Seconds /ready answers 503 while still serving, before the listener closes: lets a load balancer notice.
    SHUTDOWN_DELAY: z.coerce.number().min(0).max(10, 'must be at most 10 seconds: the whole drain must end within 30 s').default(0),
    CPU_WORKERS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(64).optional()),
    OCR: z.enum(['on', 'off']).default('on'),
    OCR_LANGUAGES: z
      .string()
      .default('eng')
      .transform((v) => [...new Set(v.split(/[+,\s]+/).filter(Boolean))])
      .refine((list) => list.length > 0 && list.every((code) => /^[a-z]{3}(_[a-z]+)?$/.test(code)), {
        message:
          'must be tesseract language codes joined by + or commas, such as eng or eng+deu (each needs its @tesseract.js-data package)',
      }),
    NOTIFICATION_RETENTION_DAYS: z.coerce.number().int('must be a whole number of days').min(1).max(3650).default(90),
    ...oidcVariables,
    ...vaultVariables,
    ...awsVariables,
    ...dynamoVariables,
    ...specNameVariables,
  })
  .superRefine((env, ctx) => {
    checkOidc(env, ctx);
    checkVault(env, ctx);
    // The job queue's Redis: CELERY_BROKER_URL wins over REDIS_URL for it (spec-names.ts).
    checkAws(env, ctx);
    checkDynamo(env, ctx);
    if (env.AI_PROVIDER === 'openai' && !env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['OPENAI_API_KEY'],
        message: 'is required when AI_PROVIDER=openai (or set OPENAI_BASE_URL for a local OpenAI-compatible server such as Ollama)',
      });
    }
    if ((env.REDIS_URL || env.CELERY_BROKER_URL) && !env.DATABASE_URL && env.DB_BACKEND !== 'dynamo') {
      ctx.addIssue({
        code: 'custom',
        path: [env.REDIS_URL ? 'REDIS_URL' : 'CELERY_BROKER_URL'],
        message: 'needs DATABASE_URL too: workers are separate processes, and the embedded database serves only one',
      });
    }
    if (env.AI_PROVIDER === 'anthropic' && !env.ANTHROPIC_API_KEY) {
      ctx.addIssue({ code: 'custom', path: ['ANTHROPIC_API_KEY'], message: 'is required when AI_PROVIDER=anthropic' });
    }
    if (env.AI_PROVIDER === 'bedrock' && !env.AWS_REGION) {
      ctx.addIssue({ code: 'custom', path: ['AWS_REGION'], message: 'is required when AI_PROVIDER=bedrock (Lambda sets it by itself)' });
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

export type Env = z.output<typeof schema>;
